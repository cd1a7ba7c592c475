"""Facts about a table that every writer needs alike: which columns hold numbers.

Numbers in a table are right-aligned (so that units, tens and hundreds line up), in DOCX and
HTML/PDF the same way; deciding it once here keeps the writers from disagreeing.
"""

from __future__ import annotations

import re

from composer.model.document import Table
from composer.model.walk import plain_text

_NUMBER = re.compile(r"^[+\-\u2212]?\d[\d,.\u202f\u00a0 ]*%?$")


def is_number(text: str) -> bool:
    """``"12"``, ``"1,204"``, ``"3.5"``, ``"40%"``: a cell a reader compares by magnitude."""
    return bool(_NUMBER.match(text.strip()))


def numeric_columns(table: Table) -> list[bool]:
    """Per column: True when every non-empty body cell is a number (and at least one is)."""
    columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
    out = []
    for index in range(columns):
        cells = [plain_text(row[index]).strip() for row in table.rows if index < len(row)]
        filled = [c for c in cells if c]
        out.append(bool(filled) and all(is_number(c) for c in filled))
    return out
