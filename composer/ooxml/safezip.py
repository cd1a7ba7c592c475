"""Opening a DOCX package without trusting it: size caps, zip-bomb and encryption checks.

A Word file from outside is a zip archive whose headers can lie. We never extract to disk, we
read members into memory with a hard cap on the bytes actually inflated (not the sizes the
header declares), and we refuse encrypted packages (which are OLE compound files, not zips).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from composer.errors import InputDocumentError

#: Most bytes one member may inflate to; real document.xml files stay far below this.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: Most bytes all members read from one package may inflate to (a redline copies every part,
#: images included: a 222 MB DOCX of photographs is legitimate).
MAX_TOTAL_BYTES = 768 * 1024 * 1024
#: Highest compression ratio tolerated for a large member (zip bombs compress by 1000x and more).
MAX_RATIO = 200
MAX_MEMBERS = 10_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Package:
    """The members of a zip package, read lazily and capped; ``name`` is used in messages."""

    name: str
    zip: zipfile.ZipFile
    _read_total: int = 0
    _cache: dict[str, bytes] = field(default_factory=dict)

    def names(self) -> list[str]:
        """Member names in archive order."""
        return [info.filename for info in self.zip.infolist()]

    def has(self, member: str) -> bool:
        return member in self._index()

    def _index(self) -> dict[str, zipfile.ZipInfo]:
        return {info.filename: info for info in self.zip.infolist()}

    def read(self, member: str) -> bytes:
        """Inflate one member, refusing it once it passes the size caps."""
        if member in self._cache:
            return self._cache[member]
        info = self._index().get(member)
        if info is None:
            raise InputDocumentError(f"{self.name}: missing part {member}")
        if info.flag_bits & 0x1:
            raise InputDocumentError(f"{self.name}: the package is encrypted; save an unprotected copy")
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise InputDocumentError(f"{self.name}: part {member} inflates too much (possible zip bomb); refused")
        out = bytearray()
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(1024 * 1024):
                    out += chunk
                    self._read_total += len(chunk)
                    if len(out) > MAX_MEMBER_BYTES or self._read_total > MAX_TOTAL_BYTES:
                        raise InputDocumentError(
                            f"{self.name}: part {member} inflates past the size cap (possible zip bomb); refused"
                        )
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise InputDocumentError(f"{self.name}: corrupt zip member {member}: {exc}") from None
        except NotImplementedError as exc:
            raise InputDocumentError(f"{self.name}: unsupported zip compression in {member}: {exc}") from None
        data = bytes(out)
        self._cache[member] = data
        return data


def open_package(data: bytes, name: str) -> Package:
    """Open ``data`` as a zip package or raise a one-line :class:`InputDocumentError`."""
    if not data:
        raise InputDocumentError(f"{name}: empty file")
    if data.startswith(_OLE_MAGIC):
        raise InputDocumentError(
            f"{name}: an encrypted DOCX or a legacy .doc (OLE) file; save it as an unprotected .docx"
        )
    if not data.startswith(b"PK"):
        raise InputDocumentError(f"{name}: not a DOCX file (not a zip package)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise InputDocumentError(f"{name}: corrupt zip package: {exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise InputDocumentError(f"{name}: too many parts in the package ({len(infos)}); refused")
    # No cap on the sizes the whole package declares: images make a legitimate DOCX large.
    # The caps are per part and on the bytes actually inflated, when a part is read.
    seen: dict[str, str] = {}
    for info in infos:
        key = info.filename.lower()  # OPC part names compare case-insensitively
        if key in seen:
            raise InputDocumentError(
                f"{name}: the zip holds {info.filename} twice (ambiguous: which copy is the document?); refused"
            )
        seen[key] = info.filename
    return Package(name=name, zip=archive)
