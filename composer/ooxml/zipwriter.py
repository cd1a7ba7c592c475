"""One deterministic zip writer: same parts in, same bytes out.

Every entry is dated 1980-01-01, has the same host attributes (``create_system=0``; zipfile
then gives every member mode 0600) and is deflated at one fixed level; ``[Content_Types].xml`` and
``_rels/.rels`` come first (readers that stream a package expect them early), then the parts
in the order given, or sorted by name when no order is given.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")


def entry_order(names: Sequence[str], order: Sequence[str] | None = None) -> list[str]:
    """The fixed entry order: :data:`FIRST_PARTS`, then ``order`` (or sorted names), each name once."""
    present = set(names)
    rest = [n for n in (order if order is not None else sorted(names)) if n in present and n not in FIRST_PARTS]
    seen: set[str] = set()
    unique = [n for n in rest if not (n in seen or seen.add(n))]
    missing = sorted(present - set(unique) - set(FIRST_PARTS))
    return [n for n in FIRST_PARTS if n in present] + unique + missing


def write_package(parts: Mapping[str, bytes], order: Sequence[str] | None = None) -> bytes:
    """A zip archive of ``parts`` with fixed order, dates, attributes and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in entry_order([n for n in parts if not n.endswith("/")], order):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, parts[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)
    return out.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip we produced ourselves (python-docx's save) deterministically, entries sorted."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist() if not name.endswith("/")}
    return write_package(parts)
