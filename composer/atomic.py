"""Atomic file output: write to a temporary file in the target folder, then rename.

A failure half-way (a renderer error, a full disk, Ctrl-C) never leaves a truncated file and
never clobbers the good file that was there before.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from composer.errors import ComposerError


def ensure_output_dir(folder: Path) -> Path:
    """Create ``folder`` if needed and check that it is writable; raise a ComposerError if not."""
    if folder.exists() and not folder.is_dir():
        raise ComposerError(f"output path {folder} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ComposerError(f"cannot create output folder {folder}: {exc.strerror or exc}") from None
    if not folder.is_dir():
        raise ComposerError(f"output path {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ComposerError(f"output folder {folder} is not writable")
    return folder


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    path = Path(path)
    ensure_output_dir(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ComposerError(f"cannot write into {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ComposerError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return path
