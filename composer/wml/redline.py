"""The in-place DOCX redline, end to end: read both drafts, compare every story, write NEW's package.

Stories compared: the body (with its tables, text boxes and content controls), the footnotes
and endnotes whose references pair up, and the headers and footers of corresponding sections.
Earlier tracked changes are handled first (:mod:`composer.wml.revisions`): by default OLD is
taken as accepted and NEW keeps its run-level revisions with their authors and dates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date as _date
from typing import Literal

from lxml import etree

from composer.errors import InputDocumentError
from composer.wml import revisions
from composer.wml.breaks import part_insertions
from composer.wml.comments import settle_comment_ranges
from composer.wml.compare import Redliner, RedlineSettings, _blocks, _story_parts
from composer.wml.marks import settle_marks
from composer.wml.moves import track_moves
from composer.wml.names import SECT_PR, w
from composer.wml.notes import renumber_notes
from composer.wml.package import WordPackage
from composer.wml.sections import track_sections
from composer.wml.styles import carry_styles

Existing = Literal["keep", "accept", "reject"]


@dataclass(frozen=True)
class WmlRedline:
    """The tracked-change DOCX, what changed (counts by kind), and what was removed as unsafe."""

    data: bytes
    changes: Counter
    removed: list[str]

    @property
    def has_changes(self) -> bool:
        return sum(self.changes.values()) > 0


def redline_docx(old_data: bytes, new_data: bytes, old_name: str, new_name: str, *,
                 author: str = "compact-composer", date: str | None = None, ignore_formatting: bool = False,
                 existing: Existing = "keep") -> WmlRedline:
    """Compare two Word files; ``date`` is a ``w:date`` value (``2025-12-15T00:00:00Z``) or None."""
    old = WordPackage.from_bytes(old_data, old_name)
    new = WordPackage.from_bytes(new_data, new_name)
    if date is None:
        day = package_date(new)
        date = f"{day}T00:00:00Z" if day else None
    _settle_revisions(old, "structure" if existing == "keep" else existing)
    _settle_revisions(new, "structure" if existing == "keep" else existing)
    redliner = Redliner(old, new, RedlineSettings(author=author, date=date, ignore_formatting=ignore_formatting))
    _compare_body(redliner)
    _compare_notes(redliner)
    _compare_headers(redliner)
    for part in _story_parts(new):
        moved = track_moves(new.xml(part), redliner.revision)
        if moved:
            redliner.changes["moved"] += moved
            new.touch(part)
        if settle_marks(new.xml(part), redliner.revision):
            new.touch(part)
        if settle_comment_ranges(new.xml(part), lambda old_id: redliner.carried_note("comment", old_id)):
            new.touch(part)
        if part_insertions(new.xml(part), redliner.revision):
            new.touch(part)
    carry_styles(old, new, _story_parts(new))
    renumber_notes(new)
    if not ignore_formatting:
        redliner.changes["format"] += track_sections(old.xml(old.main), new.xml(new.main), redliner.revision)
    removed = new.sanitise()
    return WmlRedline(data=new.to_bytes(), changes=redliner.changes, removed=removed)


def package_date(package: WordPackage) -> str | None:
    """The draft's own date (core properties: modified, else created) if it is a real date."""
    core = next((r.target for r in package.rels("").values() if r.kind == "core-properties" and not r.external
                 and r.target in package.parts), None)
    if core is None:
        return None
    try:
        root = package.xml(core)
    except InputDocumentError:
        return None
    for name in ("modified", "created"):
        element = root.find(f"{{http://purl.org/dc/terms/}}{name}")
        text = (element.text or "").strip() if element is not None else ""
        try:
            return _date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else None
        except ValueError:
            continue
    return None


def _settle_revisions(package: WordPackage, how: str) -> None:
    action = {"accept": revisions.accept_all, "reject": revisions.reject_all,
              "structure": revisions.accept_structure}[how]
    for part in _story_parts(package):
        action(package.xml(part))
        package.touch(part)


def _compare_body(redliner: Redliner) -> None:
    old, new = redliner.old.package, redliner.new.package
    old_body, new_body = old.xml(old.main).find(w("body")), new.xml(new.main).find(w("body"))
    if old_body is None or new_body is None:
        return
    redliner.set_parts(old.main, new.main)
    out = redliner.story(_blocks(old_body), _blocks(new_body))
    _replace_children(new_body, out)
    new.touch(new.main)


def _replace_children(container: etree._Element, blocks: list[etree._Element]) -> None:
    """Put ``blocks`` in place of the container's blocks, keeping its properties and final sectPr."""
    kept_before = [c for c in container if c.tag in (w("tcPr"), w("footnotePr"), w("endnotePr"))]
    kept_after = [c for c in container if c.tag == SECT_PR]
    for child in list(container):
        container.remove(child)
    for child in kept_before + blocks + kept_after:
        container.append(child)


def _compare_notes(redliner: Redliner) -> None:
    """Notes whose references were found equal: their text compared in place (endnotes stay endnotes)."""
    old, new = redliner.old.package, redliner.new.package
    for kind, relation in (("footnote", "footnotes"), ("endnote", "endnotes")):
        old_part, new_part = old.related(old.main, relation), new.related(new.main, relation)
        if old_part is None or new_part is None:
            continue
        old_notes = {n.get(w("id")): n for n in old.xml(old_part).iter(w(kind))}
        new_notes = {n.get(w("id")): n for n in new.xml(new_part).iter(w(kind))}
        pairs = [(o, n) for k, o, n in redliner.note_pairs if k == kind]
        redliner.set_parts(old_part, new_part)
        for old_id, new_id in pairs:
            o, n = old_notes.get(old_id), new_notes.get(new_id)
            if o is None or n is None:
                continue
            _replace_children(n, redliner.story(_blocks(o), _blocks(n)))
        new.touch(new_part)
    redliner.set_parts(old.main, new.main)


def _section_refs(package: WordPackage) -> list[dict[tuple[str, str], str]]:
    """Per section, in order: (header|footer, type) -> part name."""
    root = package.xml(package.main)
    out = []
    for sect in root.iter(SECT_PR):
        refs = {}
        for ref in sect:
            if ref.tag in (w("headerReference"), w("footerReference")):
                rel = package.target(package.main, ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                                           "relationships}id", ""))
                if rel is not None and not rel.external and rel.target in package.parts:
                    refs[(ref.tag, ref.get(w("type"), "default"))] = rel.target
        out.append(refs)
    return out


def _compare_headers(redliner: Redliner) -> None:
    """Headers and footers of corresponding sections (the last section's stand in for missing ones)."""
    old, new = redliner.old.package, redliner.new.package
    old_sections, new_sections = _section_refs(old), _section_refs(new)
    if not old_sections:
        return
    done: set[str] = set()
    for index, refs in enumerate(new_sections):
        old_refs = old_sections[min(index, len(old_sections) - 1)]
        for key, new_part in refs.items():
            old_part = old_refs.get(key)
            if old_part is None or new_part in done:
                continue
            done.add(new_part)
            redliner.set_parts(old_part, new_part)
            new_root = new.xml(new_part)
            _replace_children(new_root, redliner.story(_blocks(old.xml(old_part)), _blocks(new_root)))
            new.touch(new_part)
    redliner.set_parts(old.main, new.main)
