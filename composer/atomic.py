"""Atomic file output: every file of a set is written to a temporary, then all are renamed.

A failure half-way (a renderer error, a full disk, a ``.pdf`` path that is a folder, Ctrl-C,
SIGTERM or SIGHUP) never leaves a truncated file, never clobbers the good file that was there
before, and never leaves a new DOCX next to an old PDF: either the whole set is replaced or
none of it is. Temporaries carry our own name pattern (``.NAME.PID.RANDOM.compose-tmp``) so a
later run can sweep what a ``kill -9`` left behind, and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import time
from pathlib import Path

from composer.errors import ComposerError
from composer.signals import stoppable

TMP_SUFFIX = ".compose-tmp"
_OURS = re.compile(r"^\..+\.(\d+)\.[0-9a-f]{8}" + re.escape(TMP_SUFFIX) + r"$")
#: What ``tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")`` made in earlier versions.
_LEGACY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
#: A temporary this old belongs to no running write (a render takes seconds, not hours).
STALE_SECONDS = 3600
#: Ctrl-C already raises KeyboardInterrupt, which the cleanup below sees; these would not.
_WRITE_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


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


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sweep_stale(folder: Path) -> list[Path]:
    """Remove temporaries of our own naming whose writer is gone; return what was removed.

    Ours are recognised by name: a process id that no longer runs (or an hour-old file, in
    case the id was reused), or the older ``.NAME.XXXXXXXX.tmp`` pattern once an hour old.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
            continue
        ours = _OURS.match(entry.name)
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        stale = (ours is not None and (old or not _pid_alive(int(ours.group(1))))) or (
            ours is None and _LEGACY.match(entry.name) is not None and old
        )
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def _write_temp(path: Path, payload: bytes, temps: list[Path]) -> Path:
    tmp = _temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise ComposerError(f"cannot write into {path.parent}: {exc.strerror or exc}") from None
    temps.append(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        raise ComposerError(f"cannot write {path}: {exc.strerror or exc}") from None
    return tmp


def write_all_atomic(files: dict[Path, bytes | str]) -> list[Path]:
    """Write every ``path: data`` pair, all or nothing; return the paths in order.

    Phase 1 writes each payload to a temporary beside its target (fsynced). Phase 2 keeps a
    hard link to each old file, then renames every temporary over its target; if any rename
    fails, the renamed ones are put back from the links (or removed, where there was no old
    file). Temporaries and links are removed on every way out, SIGTERM and SIGHUP included.
    """
    targets = [Path(p) for p in files]
    for folder in dict.fromkeys(p.parent for p in targets):
        ensure_output_dir(folder)
        sweep_stale(folder)
    for path in targets:
        if path.is_dir():
            raise ComposerError(f"cannot write {path}: a folder of that name is in the way")
    temps: list[Path] = []
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    with stoppable(_WRITE_SIGNALS):
        try:
            staged = [
                (path, _write_temp(path, data.encode("utf-8") if isinstance(data, str) else data, temps))
                for path, data in zip(targets, files.values(), strict=True)
            ]
            for path, _ in staged:
                if path.exists() and not path.is_symlink():
                    backup = _temp_name(path)
                    try:
                        os.link(path, backup)
                    except OSError:
                        continue  # no hard links here: that file cannot be restored, still atomic
                    temps.append(backup)
                    backups[path] = backup
            try:
                for path, tmp in staged:
                    os.replace(tmp, path)
                    done.append(path)
            except BaseException as exc:
                for path in reversed(done):
                    with contextlib.suppress(OSError):
                        if path in backups:
                            os.replace(backups[path], path)
                        else:
                            os.unlink(path)
                if isinstance(exc, OSError):
                    failed = targets[len(done)]
                    raise ComposerError(f"cannot write {failed}: {exc.strerror or exc}; no file was changed") from None
                raise
        finally:
            for tmp in temps:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    return targets


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    return write_all_atomic({Path(path): data})[0]
