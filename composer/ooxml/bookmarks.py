"""Block ids as Word bookmark names, and back.

Word accepts a bookmark name only if it starts with a letter, is at most 40 characters long and
holds only ``[A-Za-z0-9_]``. Our block ids (``objective-7``, ``idm27-p5-concrete-commitments-...``)
are often longer and use hyphens, so every id is mapped by :func:`bookmark_name`:

* an id made of letters, digits and single hyphens (no underscore), starting with a letter or
  digit, and at most 37 characters long becomes ``id_`` + the id with ``-`` replaced by ``_``:
  ``objective-7`` -> ``id_objective_7``. :func:`default_block_id` inverts it without any table.
* any other id becomes ``id_`` + its first 27 sanitised characters + ``_`` + the first 9 hex
  digits of its SHA-1: always 40 characters, deterministic, and unique in practice. Such names
  cannot be inverted from the name alone, so the renderer also writes the full id into the
  document's custom properties (``docProps/custom.xml``, visible in Word under File > Properties >
  Custom): one property per hashed bookmark, named like the bookmark, whose value is the id.

A reader inverts the mapping with :func:`block_id_for_bookmark`, given that property table
(:func:`composer.ooxml.custom_props.bookmark_table_from_xml` reads it from ``docProps/custom.xml``).
The ``id_`` prefix is :data:`PREFIX`, here and nowhere else.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

PREFIX = "id_"
MAX_LENGTH = 40
_HASH_DIGITS = 9
_LOSSLESS = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def is_lossless(block_id: str) -> bool:
    """True when the id maps to a bookmark name that can be read back without a table."""
    return bool(_LOSSLESS.fullmatch(block_id)) and len(PREFIX) + len(block_id) <= MAX_LENGTH


def bookmark_name(block_id: str) -> str:
    """The Word bookmark name for a block id (see the module docstring for the rules)."""
    if is_lossless(block_id):
        return PREFIX + block_id.replace("-", "_")
    digest = hashlib.sha1(block_id.encode("utf-8")).hexdigest()[:_HASH_DIGITS]
    stem = _UNSAFE.sub("_", block_id).strip("_")
    room = MAX_LENGTH - len(PREFIX) - 1 - _HASH_DIGITS
    return f"{PREFIX}{stem[:room]}_{digest}"


def default_block_id(name: str) -> str | None:
    """Invert :func:`bookmark_name` for lossless names; None if ``name`` is not one of ours."""
    if not name.startswith(PREFIX) or len(name) == len(PREFIX):
        return None
    return name[len(PREFIX) :].replace("_", "-")


def block_id_for_bookmark(name: str, table: Mapping[str, str]) -> str | None:
    """The block id behind bookmark ``name``: the custom-property table first, else the default rule."""
    if name in table:
        return table[name]
    return default_block_id(name)
