"""Reading a file named by a user without trusting what ``stat`` says about it.

``/dev/zero`` reports size 0 and never ends; a FIFO blocks the first ``read`` until a writer
comes; ``/proc`` files report size 0 and are not what anyone meant to compare. So we open
without blocking, refuse anything that is not a regular file, and cap the bytes actually read
(not the size the file system declares), one line naming the file when it is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from composer.errors import InputDocumentError

#: Default cap on the bytes read from one input file (a DOCX, a text, a YAML file).
MAX_FILE_BYTES = 400 * 1024 * 1024
_CHUNK = 1024 * 1024


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a regular file; refused"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file; refused"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file; refused"
    return "is not a regular file; refused"


def read_capped(path: Path | str, cap: int = MAX_FILE_BYTES, display: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``cap`` of them, else an InputDocumentError.

    The file is opened with ``O_NONBLOCK`` so that a FIFO cannot hang us before we have looked
    at what it is; the type is checked on the open descriptor (no race with a rename).
    """
    path = Path(path)
    name = display if display is not None else str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputDocumentError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputDocumentError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise InputDocumentError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputDocumentError(f"{name}: {_what(info.st_mode)}")
        if info.st_size > cap:
            raise InputDocumentError(f"{name}: file too large ({info.st_size:,} bytes; the limit is {cap:,})")
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:  # pragma: no cover - regular files do not block
                continue
            if not chunk:
                break
            total += len(chunk)
            if total > cap:
                raise InputDocumentError(f"{name}: file too large (more than {cap:,} bytes read); refused")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputDocumentError(f"{name}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_text_capped(path: Path | str, cap: int = MAX_FILE_BYTES, display: str | None = None) -> str:
    """UTF-8 text (BOM allowed) of a regular file, capped like :func:`read_capped`."""
    name = display if display is not None else str(path)
    data = read_capped(path, cap, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputDocumentError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
