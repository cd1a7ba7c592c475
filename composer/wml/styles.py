"""OLD's styles that the redline uses and NEW lacks, copied into NEW's style part.

The redline is NEW's package, so its styles are NEW's. Content copied back from OLD (deleted
paragraphs and runs, and the ``w:pPrChange``/``w:rPrChange`` records of OLD's formatting) can
name a style that only OLD defines: without its definition a deleted "Bracketed text"
paragraph shows as Normal while tracked and after Reject all. Every such style is copied with
the styles it depends on (``basedOn``, ``link``, ``next``), so OLD's look comes back; styles
NEW defines are never touched (NEW's look on Accept all is NEW's own).
"""

from __future__ import annotations

import copy

from composer.wml.names import w
from composer.wml.package import WordPackage

_STYLE, _STYLE_ID = w("style"), w("styleId")
#: Elements whose ``w:val`` names a style.
_REFERENCES = (w("pStyle"), w("rStyle"), w("tblStyle"))
#: Elements of a style definition that name another style it needs.
_DEPENDS = (w("basedOn"), w("link"), w("next"))


def carry_styles(old: WordPackage, new: WordPackage, parts: list[str]) -> list[str]:
    """Copy into NEW's styles the OLD styles that ``parts`` of NEW name and NEW lacks; their ids."""
    old_part, new_part = old.related(old.main, "styles"), new.related(new.main, "styles")
    if old_part is None or new_part is None or new.same_bytes(new_part, old, old_part):
        return []  # the same styles on both sides (most drafts): NEW lacks none of OLD's
    old_root, new_root = old.xml(old_part), new.xml(new_part)
    old_styles = {s.get(_STYLE_ID): s for s in old_root.iter(_STYLE)}
    have = {s.get(_STYLE_ID) for s in new_root.iter(_STYLE)}
    wanted = [ref.get(w("val")) for part in parts for ref in new.xml(part).iter(*_REFERENCES)]
    copied: list[str] = []
    while wanted:
        style_id = wanted.pop(0)
        if style_id in have or style_id not in old_styles:
            continue
        style = old_styles[style_id]
        have.add(style_id)
        copied.append(style_id)
        new_root.append(copy.deepcopy(style))
        wanted.extend(dep.get(w("val")) for dep in style.iter(*_DEPENDS))
    if copied:
        new.touch(new_part)
    return copied
