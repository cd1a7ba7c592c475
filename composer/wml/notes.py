"""Footnote and endnote ids renumbered to follow their references, the way LibreOffice reads them.

The redline keeps NEW's notes under NEW's ids and gives OLD's deleted notes fresh ids after
them, so ids no longer rise with the references: a deleted paragraph's note (id 3) can come
before an inserted paragraph's (id 1). Word follows the ids; LibreOffice 7.4 hands the notes to
the references in id order instead, so its Accept all showed OLD's notes and its Reject all
NEW's (paris v3->v4, and two deleted then two inserted noted paragraphs). Numbering the notes
1, 2, ... in the order their references first appear in the main story (after the ids of the
separator notes) gives every reader the same notes; the separators keep their ids (settings
refer to them).
"""

from __future__ import annotations

from composer.wml.names import w
from composer.wml.package import WordPackage


def renumber_notes(package: WordPackage) -> int:
    """Renumber footnotes and endnotes in reference order; how many notes got another id."""
    changed = 0
    body = package.xml(package.main)
    for kind, relation in (("footnote", "footnotes"), ("endnote", "endnotes")):
        part = package.related(package.main, relation)
        if part is None:
            continue
        notes = [n for n in package.xml(part).iter(w(kind))]
        special = [n for n in notes if n.get(w("type")) not in (None, "normal")]
        ordinary = {n.get(w("id")): n for n in notes if n not in special}
        start = 1 + max([int(n.get(w("id"), "0")) for n in special if n.get(w("id"), "").lstrip("-").isdigit()] or [0])
        order: list[str] = []
        references = list(body.iter(w(f"{kind}Reference")))
        for ref in references:
            ident = ref.get(w("id"))
            if ident in ordinary and ident not in order:
                order.append(ident)
        order += [ident for ident in ordinary if ident not in order]
        mapping = {old: str(start + k) for k, old in enumerate(order)}
        if all(old == new for old, new in mapping.items()):
            continue
        for ref in references:
            if ref.get(w("id")) in mapping:
                ref.set(w("id"), mapping[ref.get(w("id"))])
        for old, note in ordinary.items():
            if mapping[old] != old:
                note.set(w("id"), mapping[old])
                changed += 1
        package.touch(part)
        package.touch(package.main)
    return changed
