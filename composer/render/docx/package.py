"""Byte-identical output: rewrite the DOCX zip with fixed entry order, dates and compression.

python-docx stamps each zip entry with the current time; Word-made templates carry random
revision ids. The XML is cleaned before saving (:func:`oxml.strip_revision_ids`); this module
fixes the container itself.
"""

from __future__ import annotations

import io
import zipfile

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
_FIRST = ("[Content_Types].xml", "_rels/.rels")


def normalise_zip(data: bytes) -> bytes:
    """The same archive with entries in a fixed order, dated 1980-01-01, deflated at a fixed level."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        ordered = [n for n in _FIRST if n in names] + sorted(n for n in names if n not in _FIRST)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in ordered:
                info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                target.writestr(
                    info, source.read(name), compress_type=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
                )
    return out.getvalue()
