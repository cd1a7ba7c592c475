"""Comparing two Word stories on their own XML and writing the tracked-change result.

A story (the body, a table cell, a note, a header) is a list of blocks: paragraphs, tables and
block content controls. Blocks are aligned by content (a sequence matcher over block keys);
within a gap left between equal blocks, blocks of the same kind are paired when similar enough
(an in-order pairing that maximises similarity), and the rest are deleted or inserted. Paired
paragraphs are compared atom by atom (:mod:`composer.wml.atoms`), paired tables row by row and
cell by cell (each cell a story again), so a nested table is compared like any other.

The result is built from NEW's elements for what is equal or inserted and from copies of OLD's
elements for what is deleted (their relationships, images and notes carried into NEW's package),
so Accept all gives NEW and Reject all gives OLD.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cydifflib import SequenceMatcher
from lxml import etree

from composer.wml.atoms import Atom, AtomContext, Plain, _digest, atomise, paragraph_format, plain, wrapper_signature
from composer.wml.names import (
    DEL,
    DEL_TEXT,
    INS,
    OLD_COMMENT_ID,
    PPR,
    PPR_ORDER,
    R_NS,
    RPR,
    SDT,
    SDT_CONTENT,
    SDT_END_PR,
    SDT_PR,
    SECT_PR,
    TBL,
    TC,
    TR,
    TRPR_ORDER,
    TXBX,
    XML_SPACE,
    P,
    R,
    T,
    insert_ordered,
    local,
    w,
)
from composer.wml.package import Relationship, WordPackage, rels_name

#: Least word similarity for pairing a deleted and an inserted paragraph in one gap.
PAIR_SIMILARITY = 0.5
#: Least similarity when a gap holds exactly one block on each side.
LONE_PAIR_SIMILARITY = 0.3
#: Largest gap (old x new blocks) paired exhaustively; larger gaps pair within a diagonal band.
EXHAUSTIVE_GAP = 40_000
BAND = 40
#: Key lists longer than this (old + new) are matched with difflib's popular-key heuristic.
LONG_SEQUENCE = 800

_TBL_PR, _TBL_GRID, _TBL_PR_EX, _TR_PR, _TC_PR = w("tblPr"), w("tblGrid"), w("tblPrEx"), w("trPr"), w("tcPr")
_NOTE_TAGS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_REF_POINTERS = {w("headerReference"), w("footerReference")}
_MARK_RUN_PARENTS = {P, w("hyperlink"), SDT_CONTENT, w("fldSimple"), w("smartTag"), w("customXml")}


@dataclass(frozen=True)
class RedlineSettings:
    """Who made the changes and when; whether formatting-only changes are tracked."""

    author: str = "compact-composer"
    date: str | None = None
    ignore_formatting: bool = False


@dataclass(eq=False)
class Block:
    """A block of a story with its comparison key (and its atoms, for a paragraph)."""

    element: etree._Element
    kind: str
    key: tuple
    _atoms: list[Atom] | None = None
    words: Counter = field(default_factory=Counter)
    #: A paragraph of plain text runs: its summary, and how to atomise it when that is needed.
    plain: Plain | None = None
    context: AtomContext | None = None
    #: Numbers every distinct word of the comparison (shared by both drafts' blocks), for :meth:`mask`.
    vocabulary: dict | None = None
    #: How many words and how many distinct ones: bounds on the Dice score before it is counted.
    size: int = field(init=False)
    distinct: int = field(init=False)
    _mask: int | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.size = self.words.total()
        self.distinct = len(self.words)

    @property
    def atoms(self) -> list[Atom]:
        """A paragraph's atoms (a plain one's are built on first use; other blocks have none)."""
        if self._atoms is None:
            self._atoms = atomise(self.element, self.context) if self.context is not None else []
        return self._atoms

    def mask(self) -> int:
        """The block's distinct words as bits of one integer: ``(a & b).bit_count()`` counts the
        words two blocks share without building a set (computed when first needed)."""
        if self._mask is None:
            vocabulary = self.vocabulary if self.vocabulary is not None else {}
            bits = [vocabulary.setdefault(word, len(vocabulary)) for word in self.words]
            flags = bytearray((max(bits, default=0) >> 3) + 1)
            for bit in bits:
                flags[bit >> 3] |= 1 << (bit & 7)
            self._mask = int.from_bytes(flags, "little")
        return self._mask


@dataclass(eq=False, slots=True)
class Item:
    """One atom placed in the output.

    ``status`` is eq, ins or del (del writes ``w:delText``); ``wrap`` is None (plain), "ins" or
    "del" (a revision of this redline) or an earlier revision element kept with its author.
    """

    status: str
    atom: Atom
    old: bool
    chain: tuple[etree._Element, ...]
    wrap: object = None
    old_rpr: etree._Element | None = None
    reformatted: bool = False
    partner: Atom | None = None
    boxes: bool = False


#: Stand-in wrappers: a revision around a whole content control (``w:ins``/``w:del`` > ``w:sdt``).
_HOISTED = {"ins": etree.Element(INS), "del": etree.Element(DEL)}


def _hoist_around_controls(items: list[Item]) -> list[Item]:
    """A content control whose content is all inserted or all deleted goes inside the revision.

    LibreOffice (and Word) then accept or reject the control as a whole; a revision inside it
    is left in place by LibreOffice.
    """
    shared = {wrapper for item in items if not isinstance(item.wrap, str) for wrapper in item.chain}
    for item in items:
        if not isinstance(item.wrap, str):
            continue
        for depth, wrapper in enumerate(item.chain):
            if wrapper.tag == SDT and wrapper not in shared:
                item.chain = (*item.chain[:depth], _HOISTED[item.wrap], *item.chain[depth:])
                item.wrap = None
                break
    return items


def _has_box(atom: Atom) -> bool:
    return atom.kind == "item" and any(True for _ in atom.node.iter(TXBX))


def _pair_boxes(deleted: list[Atom], inserted: list[Atom]) -> dict[Atom, Atom]:
    """Text boxes (same frame, other text) to compare inside rather than replace whole."""
    free = [o for o in deleted if _has_box(o)]
    pairs: dict[Atom, Atom] = {}
    for n in inserted:
        if not free or not _has_box(n):
            continue
        match = next((o for o in free if o.key[:-1] == n.key[:-1]), None)
        if match is not None:
            free.remove(match)
            pairs[n] = match
    return pairs


def _split_ghosts(atoms: list[Atom]) -> tuple[list[Atom], dict[int, list[Atom]]]:
    """Atoms of the accepted text, and earlier deletions by the visible position they precede."""
    if all(a.revision is None for a in atoms):
        return atoms, {}
    visible: list[Atom] = []
    ghosts: dict[int, list[Atom]] = {}
    for atom in atoms:
        if atom.ghost:
            ghosts.setdefault(len(visible), []).append(atom)
        else:
            visible.append(atom)
    return visible, ghosts


def _inserted_earlier(atom: Atom) -> bool:
    return atom.revision is not None and not atom.ghost


class Side:
    """One draft as the comparison sees it: its package, the part being read, keys' context."""

    def __init__(self, package: WordPackage, label: str):
        self.package, self.label = package, label
        self.part = package.main
        self._comment_keys: dict[str, str] | None = None
        self._bookmarks: dict[str, dict[str, str]] = {}

    def context(self) -> AtomContext:
        return AtomContext(target=self.target_key, comment_key=self.comment_key, bookmark_name=self.bookmark_name)

    def target_key(self, rid: str) -> str:
        """A relationship's target by content: the bytes' digest inside, the URL outside."""
        rel = self.package.target(self.part, rid)
        if rel is None:
            return ""
        if rel.external:
            return rel.target
        data = self.package.parts.get(rel.target, b"")
        return _digest(data.decode("latin-1"))

    def comment_key(self, ident: str) -> str:
        if self._comment_keys is None:
            self._comment_keys = {}
            part = self.package.related(self.package.main, "comments")
            if part is not None:
                for comment in self.package.xml(part).iter(w("comment")):
                    text = "".join(t.text or "" for t in comment.iter(T))
                    self._comment_keys[comment.get(w("id"), "")] = _digest(f"{comment.get(w('author'))}\x00{text}")
        return self._comment_keys.get(ident, "")

    def bookmark_name(self, ident: str) -> str:
        if self.part not in self._bookmarks:
            root = self.package.xml(self.part)
            self._bookmarks[self.part] = {b.get(w("id"), ""): b.get(w("name"), "") for b in root.iter(w("bookmarkStart"))}
        return self._bookmarks[self.part].get(ident, "")


class Redliner:
    """Compares OLD's and NEW's stories and rewrites NEW's XML as the tracked-change document."""

    def __init__(self, old: WordPackage, new: WordPackage, settings: RedlineSettings):
        self.old, self.new = Side(old, "old"), Side(new, "new")
        self.settings = settings
        self.author = "".join(c for c in settings.author if c >= " " or c == "\t") or "compact-composer"
        self.changes: Counter = Counter()
        self.note_pairs: list[tuple[str, str, str]] = []
        self._next_id = _max_id(new) + 1
        self._rel_cache: dict[tuple[str, str, str], str | None] = {}
        self._new_bookmarks = {b.get(w("name")) for part in _story_parts(new) for b in new.xml(part).iter(w("bookmarkStart"))}
        self._old_bookmark_ids: dict[str, str] = {}
        self._copied_notes: dict[tuple[str, str], str] = {}
        self._block_cache: dict[etree._Element, Block] = {}
        self._vocabulary: dict = {}

    # ids and revision elements ----------------------------------------------------------------
    def new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id - 1)

    def revision(self, kind: str) -> etree._Element:
        """A ``w:ins``/``w:del`` (or row/mark marker) by this redline's author, at its date."""
        element = etree.Element(w(kind))
        element.set(w("id"), self.new_id())
        element.set(w("author"), self.author)
        if self.settings.date:
            element.set(w("date"), self.settings.date)
        return element

    # stories ------------------------------------------------------------------------------
    def set_parts(self, old_part: str, new_part: str) -> None:
        self.old.part, self.new.part = old_part, new_part

    def story(self, old_elements: Sequence[etree._Element], new_elements: Sequence[etree._Element]) -> list[etree._Element]:
        """The redline of two block lists."""
        olds = [self.block(e, self.old) for e in old_elements]
        news = [self.block(e, self.new) for e in new_elements]
        out: list[etree._Element] = []
        for tag, i1, i2, j1, j2 in opcodes([b.key for b in olds], [b.key for b in news]):
            if tag == "equal":
                for k in range(i2 - i1):
                    out.extend(self.pair_blocks(olds[i1 + k], news[j1 + k]))
            else:
                out.extend(self.gap(olds[i1:i2], news[j1:j2]))
        return out

    def block(self, element: etree._Element, side: Side) -> Block:
        """``element`` as a block with its key (cached: table cells are keyed once, compared once)."""
        cached = self._block_cache.get(element)
        if cached is None:
            cached = self._block_cache[element] = self._make_block(element, side)
            cached.vocabulary = self._vocabulary
        return cached

    def _make_block(self, element: etree._Element, side: Side) -> Block:
        tag = element.tag
        if tag == P:
            ppr = element.find(PPR)
            sect = ppr is not None and ppr.find(SECT_PR) is not None
            summary = plain(element)
            if summary is not None:
                return Block(element, "p", ("p", sect, summary.keys), None, Counter(summary.words), summary,
                             side.context())
            atoms = atomise(element, side.context())
            visible = [a for a in atoms if not a.ghost]
            # A text atom is one token (a word, a mark or a run of spaces), so it has no space to strip.
            words = Counter([a.key if a.kind != "text" else a.text.lower() for a in visible
                             if a.kind != "text" or not a.text.isspace()])
            return Block(element, "p", ("p", sect, tuple(a.key for a in visible)), atoms, words)
        if tag == TBL:
            rows = [self._row_key(r, side) for r in element.iter(TR) if _owner(r, TBL) is element]
            words: Counter = Counter()
            for row in rows:
                words.update(row[1])
            return Block(element, "tbl", ("tbl", tuple(r[0] for r in rows)), words=words)
        if tag == SDT:
            content = element.find(SDT_CONTENT)
            inner = [self.block(e, side) for e in _blocks(content)] if content is not None else []
            words = Counter()
            for b in inner:
                words.update(b.words)
            return Block(element, "sdt", ("sdt", wrapper_signature(element, side.context()), tuple(b.key for b in inner)),
                         words=words)
        return Block(element, "other", ("other", local(tag), _digest(etree.tostring(element).decode())))

    def _row_key(self, row: etree._Element, side: Side) -> tuple[tuple, Counter]:
        words: Counter = Counter()
        cells = []
        for cell in row.findall(TC):
            inner = [self.block(e, side) for e in _blocks(cell)]
            for b in inner:
                words.update(b.words)
            cells.append(tuple(b.key for b in inner))
        return tuple(cells), words

    def gap(self, olds: list[Block], news: list[Block]) -> list[etree._Element]:
        """Blocks between two equal ones: similar blocks paired, the rest deleted, then inserted."""
        pairs = pair_in_order(olds, news, _similar_blocks)
        out: list[etree._Element] = []
        i = j = 0
        for oi, nj in [*pairs, (len(olds), len(news))]:
            for block in olds[i:oi]:
                out.extend(self.whole_block(block, "del"))
            for block in news[j:nj]:
                out.extend(self.whole_block(block, "ins"))
            if oi < len(olds):
                out.extend(self.pair_blocks(olds[oi], news[nj]))
            i, j = oi + 1, nj + 1
        return out

    def pair_blocks(self, old: Block, new: Block) -> list[etree._Element]:
        if old.kind == "p":
            return [self.paragraph(old, new)]
        if old.kind == "tbl":
            return [self.table(old.element, new.element)]
        if old.kind == "sdt":
            out = _shallow(new.element)
            for child in new.element:
                if child.tag in (SDT_PR, SDT_END_PR):
                    out.append(copy.deepcopy(child))
            content = etree.SubElement(out, SDT_CONTENT)
            old_content, new_content = old.element.find(SDT_CONTENT), new.element.find(SDT_CONTENT)
            for child in self.story(_blocks(old_content), _blocks(new_content)):
                content.append(child)
            return [out]
        return [copy.deepcopy(new.element)]

    def whole_block(self, block: Block, kind: str) -> list[etree._Element]:
        """A block that is only in OLD (``del``) or only in NEW (``ins``)."""
        if block.kind == "p":
            side_old = kind == "del"
            items = []
            for a in block.atoms:
                if kind == "ins":
                    if not a.ghost:
                        items.append(Item("ins", a, False, a.chain, a.revision if a.revision is not None else "ins"))
                elif a.ghost:
                    items.append(Item("del", a, True, a.chain, a.revision))
                elif not _inserted_earlier(a):
                    items.append(Item("del", a, True, a.chain, "del"))
            self.changes[kind] += 1
            return [self.write_paragraph(block.element, items, mark=kind, old_ppr=None, from_old=side_old)]
        if block.kind == "tbl":
            return [self.whole_table(block.element, kind)]
        if block.kind == "sdt":
            source = block.element
            out = self.import_old(_shallow(source)) if kind == "del" else _shallow(source)
            for child in source:
                if child.tag in (SDT_PR, SDT_END_PR):
                    out.append(self.import_old(child) if kind == "del" else copy.deepcopy(child))
            content = etree.SubElement(out, SDT_CONTENT)
            for child in self.whole_story(_blocks(source.find(SDT_CONTENT)), kind):
                content.append(child)
            return [out]
        return [] if kind == "del" else [copy.deepcopy(block.element)]

    def whole_story(self, elements: Sequence[etree._Element], kind: str) -> list[etree._Element]:
        side = self.old if kind == "del" else self.new
        out: list[etree._Element] = []
        for element in elements:
            out.extend(self.whole_block(self.block(element, side), kind))
        return out

    # paragraphs ---------------------------------------------------------------------------
    def paragraph(self, old: Block, new: Block) -> etree._Element:
        """Two paired paragraphs, word by word; formatting-only changes as rPrChange/pPrChange.

        Earlier revisions: OLD's deletions stay deletions and OLD's insertions stay insertions
        (so Reject all gives OLD as it was before them); NEW's insertions keep their author, and
        NEW's deletions are kept where they delete just what OLD had there.
        """
        if old.key == new.key and self._plainly_equal(old, new):
            if old.plain is None or new.plain is None:  # plain paragraphs hold no note reference
                self._pair_notes(old.atoms, new.atoms)
            return copy.deepcopy(new.element)
        olds, old_ghosts = _split_ghosts(old.atoms)
        visible, ghosts = _split_ghosts(new.atoms)
        if old.key == new.key:
            codes = [("equal", 0, len(olds), 0, len(visible))] if olds else []
        else:
            codes = _clean(opcodes([a.key for a in olds], [a.key for a in visible]), olds)
        wrappers = self._wrapper_map(codes, olds, visible, old.atoms, new.atoms)
        items: list[Item] = []
        used_old: set[int] = set()
        used_new: set[int] = set()
        fmt = not self.settings.ignore_formatting

        def old_ghosts_at(position: int) -> None:
            if not old_ghosts:  # OLD has no earlier deletion: nothing to place
                return
            if position not in used_old:
                used_old.add(position)
                for g in old_ghosts.get(position, []):
                    items.append(Item("del", g, True, tuple(wrappers.get(c, c) for c in g.chain), g.revision))

        for tag, i1, i2, j1, j2 in codes:
            if tag == "equal":
                placing = bool(old_ghosts or ghosts)  # earlier deletions to place between the equal atoms
                for k in range(i2 - i1):
                    o, n = olds[i1 + k], visible[j1 + k]
                    if placing:
                        old_ghosts_at(i1 + k)
                        used_new.add(j1 + k)
                    changed = fmt and o.run is not None and o.fmt != n.fmt
                    wrap = o.revision if o.revision is not None and not o.ghost else None  # _inserted_earlier
                    items.append(Item("eq", n, False, n.chain, wrap, o.run.find(RPR) if changed else None, changed, o))
                continue
            deleted = [o for o in olds[i1:i2] if not _inserted_earlier(o)]
            boxes = _pair_boxes(deleted, visible[j1:j2])
            found = ghosts.get(j1, []) if j1 not in used_new else []
            used_new.add(j1)
            if deleted and [a.key for a in found] == [a.key for a in deleted] and not old_ghosts.get(i1):
                items.extend(Item("del", g, False, g.chain, g.revision) for g in found)
                for k in range(i1, i2):
                    used_old.add(k)
            else:
                paired_old = set(boxes.values())
                for k in range(i1, i2):
                    old_ghosts_at(k)
                    o = olds[k]
                    if not _inserted_earlier(o) and o not in paired_old:
                        items.append(Item("del", o, True, tuple(wrappers.get(c, c) for c in o.chain), "del"))
            for n in visible[j1:j2]:
                if n in boxes:
                    items.append(Item("eq", n, False, n.chain, None, partner=boxes[n], boxes=True))
                else:
                    items.append(Item("ins", n, False, n.chain, n.revision if n.revision is not None else "ins"))
        old_ghosts_at(len(olds))
        if any(i.reformatted for i in items):
            self.changes["format"] += 1
        if any(i.status != "eq" or i.wrap is not None for i in items) or old_ghosts:
            self.changes["modified"] += 1
        old_ppr = None
        if fmt and paragraph_format(old.element) != paragraph_format(new.element):
            old_ppr = old.element.find(PPR)
            self.changes["format"] += 1
            if old_ppr is None:
                old_ppr = etree.Element(PPR)
        return self.write_paragraph(new.element, items, mark=None, old_ppr=old_ppr, from_old=False)

    def _plainly_equal(self, old: Block, new: Block) -> bool:
        """Same content, no earlier revision, and (unless ignored) the same formatting: NEW as it is."""
        if old.plain is not None and new.plain is not None:
            return self.settings.ignore_formatting or (old.plain.formats == new.plain.formats
                                                       and paragraph_format(old.element) == paragraph_format(new.element))
        if any(a.revision is not None for a in old.atoms) or any(a.revision is not None for a in new.atoms):
            return False
        if self.settings.ignore_formatting:
            return True
        if paragraph_format(old.element) != paragraph_format(new.element):
            return False
        return all(o.fmt == n.fmt for o, n in zip(old.atoms, new.atoms, strict=True))

    def _pair_notes(self, olds: list[Atom], news: list[Atom]) -> None:
        refs_old = [a.node for a in olds if a.kind == "item" and a.node.tag in _NOTE_TAGS]
        refs_new = [a.node for a in news if a.kind == "item" and a.node.tag in _NOTE_TAGS]
        for o, n in zip(refs_old, refs_new, strict=False):
            self.note_pairs.append((_NOTE_TAGS[n.tag], o.get(w("id"), ""), n.get(w("id"), "")))

    def _wrapper_map(self, codes: list, olds: list[Atom], news: list[Atom], all_old: list[Atom],
                     all_new: list[Atom]) -> dict[etree._Element, etree._Element]:
        """OLD's wrappers that are NEW's too: through equal atoms, else by the same signature, in order.

        So a content control or link whose whole text changed stays one control or link.
        """
        wrappers: dict[etree._Element, etree._Element] = {}
        for tag, i1, i2, j1, _j2 in codes:
            if tag == "equal":
                for k in range(i2 - i1):
                    for o, n in zip(olds[i1 + k].chain, news[j1 + k].chain, strict=False):
                        wrappers.setdefault(o, n)
        taken = set(wrappers.values())
        free: dict[tuple, list[etree._Element]] = {}
        for atom in all_new:
            for depth, wrapper in enumerate(atom.chain):
                signature = self._chain_signature(atom.chain[: depth + 1], self.new)
                if wrapper not in taken and wrapper not in free.setdefault(signature, []):
                    free[signature].append(wrapper)
        for atom in all_old:
            for depth, wrapper in enumerate(atom.chain):
                if wrapper in wrappers or wrapper.tag == SDT:
                    continue
                candidates = free.get(self._chain_signature(atom.chain[: depth + 1], self.old), [])
                if candidates and (depth == 0 or wrappers.get(atom.chain[depth - 1]) is not None):
                    wrappers[wrapper] = candidates.pop(0)
        return wrappers

    def _chain_signature(self, chain: tuple[etree._Element, ...], side: Side) -> tuple:
        context = side.context()
        return tuple(wrapper_signature(wrapper, context) for wrapper in chain)

    def write_paragraph(self, source: etree._Element, items: list[Item], *, mark: str | None,
                        old_ppr: etree._Element | None, from_old: bool) -> etree._Element:
        """Build one output paragraph from its items (OLD's deleted content copied in)."""
        out = _shallow(source)
        ppr = source.find(PPR)
        if ppr is not None:
            out.append(self.import_old(ppr) if from_old else copy.deepcopy(ppr))
        if mark is not None:
            props = out.find(PPR)
            if props is None:
                props = etree.Element(PPR)
                out.insert(0, props)
            mark_rpr = props.find(RPR)
            if mark_rpr is None:
                mark_rpr = insert_ordered(props, etree.Element(RPR), PPR_ORDER)
            mark_rpr.insert(0, self.revision(mark))
        if old_ppr is not None:
            props = out.find(PPR)
            if props is None:
                props = etree.Element(PPR)
                out.insert(0, props)
            change = self.revision("pPrChange")
            record = etree.SubElement(change, PPR)
            for child in old_ppr:
                if isinstance(child.tag, str) and child.tag not in (RPR, SECT_PR, w("pPrChange")):
                    record.append(copy.deepcopy(child))
            props.append(change)
        _Builder(self, out).extend(_hoist_around_controls(items))
        return out

    # tables -------------------------------------------------------------------------------
    def table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Paired tables: rows aligned by content, paired rows cell by cell."""
        out = _table_shell(new, copy.deepcopy)
        old_rows, new_rows = _rows(old), _rows(new)
        olds = [self._row_block(r, self.old) for r in old_rows]
        news = [self._row_block(r, self.new) for r in new_rows]
        for tag, i1, i2, j1, j2 in opcodes([b.key for b in olds], [b.key for b in news]):
            if tag == "equal":
                pairs = [(k, k) for k in range(i2 - i1)]
                o_gap, n_gap = olds[i1:i2], news[j1:j2]
            else:
                o_gap, n_gap = olds[i1:i2], news[j1:j2]
                pairs = pair_in_order(o_gap, n_gap, _similar_rows)
            i = j = 0
            for oi, nj in [*pairs, (len(o_gap), len(n_gap))]:
                for block in o_gap[i:oi]:
                    out.append(self.whole_row(block.element, "del"))
                for block in n_gap[j:nj]:
                    out.append(self.whole_row(block.element, "ins"))
                if oi < len(o_gap):
                    out.append(self.row(o_gap[oi].element, n_gap[nj].element))
                i, j = oi + 1, nj + 1
        return out

    def _row_block(self, row: etree._Element, side: Side) -> Block:
        key, words = self._row_key(row, side)
        return Block(row, "tr", (len(key), *key), words=words)

    def row(self, old: etree._Element, new: etree._Element) -> etree._Element:
        out = _shallow(new)
        for child in new:
            if child.tag in (_TBL_PR_EX, _TR_PR):
                out.append(copy.deepcopy(child))
        for old_cell, new_cell in zip(old.findall(TC), new.findall(TC), strict=False):
            cell = _shallow(new_cell)
            props = new_cell.find(_TC_PR)
            if props is not None:
                cell.append(copy.deepcopy(props))
            _fill_cell(cell, self.story(_blocks(old_cell), _blocks(new_cell)))
            out.append(cell)
        return out

    def whole_row(self, row: etree._Element, kind: str) -> etree._Element:
        """A row only in OLD or only in NEW: a tracked row, its content tracked too."""
        take = self.import_old if kind == "del" else copy.deepcopy
        out = take(_shallow(row))
        for child in row:
            if child.tag == _TBL_PR_EX:
                out.append(take(child))
        props = row.find(_TR_PR)
        props = take(props) if props is not None else etree.Element(_TR_PR)
        for marker in props.findall(INS) + props.findall(DEL):
            props.remove(marker)
        insert_ordered(props, self.revision(kind), TRPR_ORDER)
        out.append(props)
        self.changes[f"row-{kind}"] += 1
        for cell in row.findall(TC):
            shell = take(_shallow(cell))
            cell_props = cell.find(_TC_PR)
            if cell_props is not None:
                shell.append(take(cell_props))
            _fill_cell(shell, self.whole_story(_blocks(cell), kind))
            out.append(shell)
        return out

    def whole_table(self, table: etree._Element, kind: str) -> etree._Element:
        out = _table_shell(table, self.import_old if kind == "del" else copy.deepcopy)
        for row in _rows(table):
            out.append(self.whole_row(row, kind))
        return out

    # carrying OLD's content into NEW's package ----------------------------------------------
    def import_old(self, element: etree._Element) -> etree._Element:
        """A copy of OLD's ``element`` whose relationships point into NEW's package."""
        out = copy.deepcopy(element)
        for node in list(out.iter()):
            if not isinstance(node.tag, str):
                continue
            for name, value in list(node.attrib.items()):
                if not name.startswith(f"{{{R_NS}}}"):
                    continue
                rid = self.carry_relationship(value)
                if rid is not None:
                    node.set(name, rid)
                elif node.tag in _REF_POINTERS and node.getparent() is not None:
                    node.getparent().remove(node)
                    break
                else:
                    del node.attrib[name]
        return out

    def carry_relationship(self, rid: str) -> str | None:
        """NEW's id for OLD's relationship ``rid`` of the current part (parts copied as needed)."""
        cache_key = (self.old.part, rid, self.new.part)
        if cache_key not in self._rel_cache:
            rel = self.old.package.target(self.old.part, rid)
            self._rel_cache[cache_key] = self._carry(rel) if rel is not None else None
        return self._rel_cache[cache_key]

    def _carry(self, rel: Relationship) -> str | None:
        new = self.new.package
        if rel.external:
            if rel.kind != "hyperlink":
                return None
            return new.add_rel(self.new.part, rel.type, rel.target, external=True)
        data = self.old.package.parts.get(rel.target)
        if data is None or rels_name(rel.target) in self.old.package.parts:
            return None
        target = new.part_with_bytes(data)
        if target is None:
            folder, base = rel.target.rsplit("/", 1) if "/" in rel.target else ("", rel.target)
            target = new.add_part(f"{folder}/old-{base}" if folder else f"old-{base}", data,
                                  self.old.package.content_type(rel.target))
        return new.add_rel(self.new.part, rel.type, target)

    def carry_note(self, kind: str, old_id: str) -> str | None:
        """Copy OLD's note (or comment) ``old_id`` into NEW's part; returns its id there."""
        if (kind, old_id) in self._copied_notes:
            return self._copied_notes[(kind, old_id)]
        relation = {"footnote": "footnotes", "endnote": "endnotes", "comment": "comments"}[kind]
        old_part = self.old.package.related(self.old.package.main, relation)
        if old_part is None:
            return None
        note = next((n for n in self.old.package.xml(old_part).iter(w(kind)) if n.get(w("id")) == old_id), None)
        if note is None:
            return None
        new_part = self.new.package.related(self.new.package.main, relation)
        if new_part is None:
            root = etree.Element(w(relation), nsmap=self.old.package.xml(old_part).nsmap)
            content_type = self.old.package.content_type(old_part) or ""
            new_part = self.new.package.new_xml_part(f"word/{relation}.xml", root, content_type,
                                                     self.new.package.main,
                                                     _rel_type(self.old.package, relation))
        saved = (self.old.part, self.new.part)
        self.set_parts(old_part, new_part)
        try:
            copied = self.import_old(note)
        finally:
            self.set_parts(*saved)
        root = self.new.package.xml(new_part)
        used = {n.get(w("id")) for n in root.iter(w(kind))}
        ident = next(str(k) for k in range(1, 10**7) if str(k) not in used)
        copied.set(w("id"), ident)
        root.append(copied)
        self.new.package.touch(new_part)
        self._copied_notes[(kind, old_id)] = ident
        return ident

    def carried_note(self, kind: str, old_id: str) -> str | None:
        """The id in NEW of OLD's note (or comment) ``old_id`` if it was copied over, else None."""
        return self._copied_notes.get((kind, old_id))

    def old_bookmark(self, marker: etree._Element) -> etree._Element | None:
        """OLD's bookmark marker for deleted content, with a fresh id (None if NEW has the name)."""
        ident = marker.get(w("id"), "")
        name = marker.get(w("name")) or self.old.bookmark_name(ident)
        if name in self._new_bookmarks:
            return None
        if ident not in self._old_bookmark_ids:
            self._old_bookmark_ids[ident] = self.new_id()
        out = copy.deepcopy(marker)
        out.set(w("id"), self._old_bookmark_ids[ident])
        return out


class _Builder:
    """Appends items to an output paragraph, opening wrappers, revision containers and runs."""

    def __init__(self, redliner: Redliner, paragraph: etree._Element):
        self.r = redliner
        self.root = paragraph
        self.stack: list[tuple[etree._Element, etree._Element]] = []
        self.revision: tuple[object, etree._Element] | None = None
        self.run: tuple[object, etree._Element] | None = None

    def extend(self, items: list[Item]) -> None:
        """Add items in order; neighbouring words of one run and one status go in as one text."""
        pending: Item | None = None
        texts: list[str] = []
        for item in items:
            if pending is not None and item.atom.kind == "text" and _same_text_run(pending, item):
                texts.append(item.atom.text)
                continue
            if pending is not None:
                self.add(pending, "".join(texts))
                pending = None
            if item.atom.kind == "text":
                pending, texts = item, [item.atom.text]
            else:
                self.add(item)
        if pending is not None:
            self.add(pending, "".join(texts))

    def container(self) -> etree._Element:
        return self.stack[-1][1] if self.stack else self.root

    def add(self, item: Item, text: str | None = None) -> None:
        chain = item.chain
        depth = 0
        while depth < len(self.stack) and depth < len(chain) and self.stack[depth][0] is chain[depth]:
            depth += 1
        if depth < len(self.stack):
            del self.stack[depth:]
            self.revision = self.run = None
        for wrapper in chain[depth:]:
            from_old = item.old and _is_old(wrapper, self.r)
            self.stack.append((wrapper, self._open_wrapper(wrapper, from_old)))
            self.revision = self.run = None
        parent = self._revision_parent(item)
        atom = item.atom
        if atom.kind == "loose":
            element = self._loose(item)
            if element is not None:
                parent.append(element)
            self.run = None
            return
        run = self._run_for(item, parent)
        if atom.kind == "text":
            tag = DEL_TEXT if item.status == "del" else T
            last = run[-1] if len(run) else None
            piece = atom.text if text is None else text
            if last is not None and last.tag == tag and run is self.run[1]:  # type: ignore[index]
                last.text = (last.text or "") + piece
            else:
                etree.SubElement(run, tag).text = piece
            run[-1].set(XML_SPACE, "preserve")
            return
        run.append(self._item(item))

    def _open_wrapper(self, wrapper: etree._Element, from_old: bool) -> etree._Element:
        for kind, stand_in in _HOISTED.items():
            if wrapper is stand_in:
                out = self.r.revision(kind)
                self.r.changes[f"{kind}-runs"] += 1
                self.container().append(out)
                return out
        out = _shallow(wrapper)
        if from_old:
            out = self.r.import_old(out)
        self.container().append(out)
        if wrapper.tag == SDT:
            for child in wrapper:
                if child.tag in (SDT_PR, SDT_END_PR):
                    out.append(self.r.import_old(child) if from_old else copy.deepcopy(child))
            return etree.SubElement(out, SDT_CONTENT)
        for child in wrapper:
            if child.tag == w("fldData"):
                out.append(copy.deepcopy(child))
        return out

    def _revision_parent(self, item: Item) -> etree._Element:
        container = self.container()
        key = item.wrap
        if key is None:
            if self.revision is not None:
                self.revision = self.run = None
            return container
        if self.revision is not None and self.revision[0] is key and len(container) and container[-1] is self.revision[1]:
            return self.revision[1]
        if isinstance(key, str):
            element = self.r.revision(key)
            self.r.changes[f"{key}-runs"] += 1
        else:
            element = _shallow(key)  # type: ignore[arg-type]
        container.append(element)
        self.revision, self.run = (key, element), None
        return element

    def _run_for(self, item: Item, parent: etree._Element) -> etree._Element:
        source = item.atom.run
        key = (source, item.status, item.reformatted, item.old)
        if self.run is not None and self.run[0] == key and len(parent) and parent[-1] is self.run[1]:
            return self.run[1]
        run = _shallow(source) if source is not None else etree.Element(R)
        props = source.find(RPR) if source is not None else None
        if props is not None:
            props = self.r.import_old(props) if item.old else copy.deepcopy(props)
            for stale in props.findall(w("rPrChange")):
                props.remove(stale)
            run.append(props)
        if item.reformatted:
            if props is None:
                props = etree.SubElement(run, RPR)
            change = self.r.revision("rPrChange")
            record = etree.SubElement(change, RPR)
            for child in item.old_rpr if item.old_rpr is not None else []:
                if isinstance(child.tag, str) and child.tag not in (w("rPrChange"), INS, DEL):
                    record.append(copy.deepcopy(child))
            props.append(change)
        parent.append(run)
        self.run = (key, run)
        return run

    def _item(self, item: Item) -> etree._Element:
        node = item.atom.node
        deleted = item.status == "del"
        out = self.r.import_old(node) if item.old else copy.deepcopy(node)
        if item.old and node.tag in _NOTE_TAGS:
            ident = self.r.carry_note(_NOTE_TAGS[node.tag], node.get(w("id"), ""))
            if ident is not None:
                out.set(w("id"), ident)
        elif item.old and node.tag == w("commentReference"):
            ident = self.r.carry_note("comment", node.get(w("id"), ""))
            if ident is not None:
                out.set(w("id"), ident)
        if item.boxes and item.partner is not None:
            old_boxes, new_boxes = list(item.partner.node.iter(TXBX)), list(out.iter(TXBX))
            if len(old_boxes) == len(new_boxes):
                for old_box, new_box in zip(old_boxes, new_boxes, strict=True):
                    blocks = self.r.story(_blocks(old_box), _blocks(new_box))
                    for child in list(new_box):
                        new_box.remove(child)
                    for block in blocks:
                        new_box.append(block)
        if item.status == "eq" and item.partner is not None and node.tag in _NOTE_TAGS:
            self.r.note_pairs.append((_NOTE_TAGS[node.tag], item.partner.node.get(w("id"), ""), node.get(w("id"), "")))
        if deleted and out.tag == w("instrText"):
            out.tag = w("delInstrText")
        if isinstance(item.wrap, str) and any(True for _ in out.iter(TXBX)):
            for box in list(out.iter(TXBX)):
                mark_story(box, item.wrap, self.r)
        return out

    def _loose(self, item: Item) -> etree._Element | None:
        node = item.atom.node
        if not item.old:
            return copy.deepcopy(node)
        if node.tag in (w("bookmarkStart"), w("bookmarkEnd")):
            return self.r.old_bookmark(node)
        if node.tag in (w("commentRangeStart"), w("commentRangeEnd")):
            out = copy.deepcopy(node)  # kept if its comment is carried over (composer.wml.comments)
            out.set(OLD_COMMENT_ID, node.get(w("id"), ""))
            return out
        return self.r.import_old(node)


def _same_text_run(a: Item, b: Item) -> bool:
    return (a.status == b.status and a.old == b.old and a.wrap is b.wrap and a.atom.run is b.atom.run
            and a.reformatted == b.reformatted
            and (a.chain is b.chain or (len(a.chain) == len(b.chain)
                                        and all(x is y for x, y in zip(a.chain, b.chain, strict=True)))))


def mark_story(container: etree._Element, kind: str, redliner: Redliner) -> None:
    """Track every run and paragraph mark inside ``container`` (a text box) as ``kind``."""
    for run in list(container.iter(R)):
        parent = run.getparent()
        if parent is None or parent.tag not in _MARK_RUN_PARENTS:
            continue
        wrapper = redliner.revision(kind)
        parent.replace(run, wrapper)
        wrapper.append(run)
        if kind == "del":
            for text in run.iter(T, w("instrText")):
                text.tag = DEL_TEXT if text.tag == T else w("delInstrText")
    for paragraph in container.iter(P):
        props = paragraph.find(PPR)
        if props is None:
            props = etree.Element(PPR)
            paragraph.insert(0, props)
        mark = props.find(RPR)
        if mark is None:
            mark = insert_ordered(props, etree.Element(RPR), PPR_ORDER)
        mark.insert(0, redliner.revision(kind))


# helpers -------------------------------------------------------------------------------------
def _is_old(wrapper: etree._Element, redliner: Redliner) -> bool:
    """Whether ``wrapper`` is OLD's (OLD's XML is never edited, so its elements stay in its tree)."""
    return wrapper.getroottree().getroot() is redliner.old.package.xml(redliner.old.part)


def _shallow(element: etree._Element) -> etree._Element:
    """A childless copy (its namespaces are found again from the parent it is appended to)."""
    out = etree.Element(element.tag)
    for name, value in element.attrib.items():
        out.set(name, value)
    return out


def _blocks(container: etree._Element | None) -> list[etree._Element]:
    """Children of a story container that are blocks (properties and final sectPr left out)."""
    if container is None:
        return []
    return [c for c in container if isinstance(c.tag, str) and c.tag not in (_TC_PR, SECT_PR, w("footnotePr"),
                                                                          w("endnotePr"))]


def _rows(table: etree._Element) -> list[etree._Element]:
    return [c for c in table if c.tag == TR]


def _table_shell(table: etree._Element, take: Callable[[etree._Element], etree._Element]) -> etree._Element:
    out = take(_shallow(table))
    for child in table:
        if child.tag in (_TBL_PR, _TBL_GRID):
            out.append(take(child))
    return out


def _fill_cell(cell: etree._Element, blocks: list[etree._Element]) -> None:
    """A cell must end with a paragraph."""
    for block in blocks:
        cell.append(block)
    if not blocks or blocks[-1].tag != P:
        etree.SubElement(cell, P)


def _owner(element: etree._Element, tag: str) -> etree._Element | None:
    return next((a for a in element.iterancestors(tag)), None)


def _rel_type(package: WordPackage, kind: str) -> str:
    for rel in package.rels(package.main).values():
        if rel.kind == kind:
            return rel.type
    return f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"


def _story_parts(package: WordPackage) -> list[str]:
    main = package.main
    out = [main]
    for rel in package.rels(main).values():
        if rel.kind in ("footnotes", "endnotes", "comments", "header", "footer") and not rel.external \
                and rel.target in package.parts:
            out.append(rel.target)
    return out


def _max_id(package: WordPackage) -> int:
    best = 0
    for part in _story_parts(package):
        for node in package.xml(part).iter():
            value = node.get(w("id")) if isinstance(node.tag, str) else None
            if value and value.lstrip("-").isdigit():
                best = max(best, int(value))
    return best


def _dice(a: Counter, b: Counter, at_least: float = 0.0) -> float:
    """Dice similarity of two word multisets (0 at once when the sizes alone rule ``at_least`` out)."""
    size_a, size_b = a.total(), b.total()
    total = size_a + size_b
    if not total:
        return 1.0
    if 2 * min(size_a, size_b) / total < at_least:
        return 0.0
    shared = a.keys() & b.keys()
    return 2 * sum(map(min, map(a.__getitem__, shared), map(b.__getitem__, shared))) / total


def _may_reach(old: Block, new: Block, at_least: float) -> bool:
    """Whether the Dice score of two blocks can reach ``at_least``, from sizes and distinct words alone.

    Each distinct word one block has and the other lacks takes at least one of its words out of
    the shared count, so the shared words are at most ``size - (distinct - shared distinct)`` on
    either side. Most blocks of a gap are far apart; this rules them out without counting.
    """
    total = old.size + new.size
    if not total:
        return True
    if 2 * min(old.size, new.size) < at_least * total:
        return False
    repeats = min(old.size - old.distinct, new.size - new.distinct)
    if 2 * (repeats + min(old.distinct, new.distinct)) / total < at_least:
        return False
    if old.vocabulary is None or old.vocabulary is not new.vocabulary:
        return True
    common = (old.mask() & new.mask()).bit_count()
    return 2 * (repeats + common) / total >= at_least


def _similar_blocks(old: Block, new: Block, lone: bool) -> float:
    kind = old.kind
    if kind != new.kind or kind == "other":
        return 0.0
    if kind in ("p", "sdt") and old.key[1] != new.key[1]:
        return 0.0
    if not lone and not _may_reach(old, new, PAIR_SIMILARITY):
        return 0.0
    score = _dice(old.words, new.words, 0.0 if lone else PAIR_SIMILARITY)
    if lone and old.kind in ("tbl", "p"):
        return max(score, 0.01)  # one block replaced by one block in the same place: a modification
    threshold = LONE_PAIR_SIMILARITY if lone else PAIR_SIMILARITY
    return score if score >= threshold else 0.0


def _similar_rows(old: Block, new: Block, lone: bool) -> float:
    if old.key[0] != new.key[0]:
        return 0.0
    score = _dice(old.words, new.words)
    if lone:
        return max(score, 0.01)
    threshold = LONE_PAIR_SIMILARITY if lone else PAIR_SIMILARITY
    return score if score >= threshold else 0.0


def pair_in_order(olds: Sequence[Block], news: Sequence[Block],
                  similarity: Callable[[Block, Block, bool], float]) -> list[tuple[int, int]]:
    """In-order pairs maximising total similarity (dynamic programming over the gap).

    ``best[i][j]`` is the most similarity pairs among ``olds[i:]`` and ``news[j:]`` can reach; it
    never grows with ``j``, so a row with no scored pair is the row below it, and a row's cells
    right of its last scored pair are the cells below them.
    """
    n, m_ = len(olds), len(news)
    if not n or not m_:
        return []
    lone = n == 1 and m_ == 1
    banded = n * m_ > EXHAUSTIVE_GAP
    scores: list[dict[int, float]] = []
    for i in range(n):
        centre = i * m_ // n
        columns = range(max(0, centre - BAND), min(m_, centre + BAND + 1)) if banded else range(m_)
        old, row_scores = olds[i], {}
        for j in columns:
            s = similarity(old, news[j], lone)
            if s > 0:
                row_scores[j] = s
        scores.append(row_scores)
    if not any(scores):
        return []
    best = [[0.0] * (m_ + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        below, row_scores = best[i + 1], scores[i]
        row = best[i] = below[:]
        if not row_scores:
            continue
        for j in range(max(row_scores), -1, -1):
            value = max(below[j], row[j + 1])
            take = row_scores.get(j)
            if take is not None:
                value = max(value, take + below[j + 1])
            row[j] = value
    pairs, i, j = [], 0, 0
    while i < n and j < m_:
        take = scores[i].get(j)
        if take is not None and best[i][j] == take + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def opcodes(old: Sequence, new: Sequence) -> list[tuple[str, int, int, int, int]]:
    """Sequence-matcher opcodes of two key lists, common prefix and suffix taken off first.

    Keys are mapped to small integers first (cheap hashing), as diff-match-patch maps tokens to
    characters; most paragraphs and stories differ in a few places, so trimming the equal ends
    leaves the matcher little to do.
    """
    n, m_ = len(old), len(new)
    start = 0
    while start < n and start < m_ and old[start] == new[start]:
        start += 1
    end = 0
    while end < n - start and end < m_ - start and old[n - 1 - end] == new[m_ - 1 - end]:
        end += 1
    out: list[tuple[str, int, int, int, int]] = []
    if start:
        out.append(("equal", 0, start, 0, start))
    codes: dict = {}
    a = [codes.setdefault(k, len(codes)) for k in old[start:n - end]]
    b = [codes.setdefault(k, len(codes)) for k in new[start:m_ - end]]
    if a or b:
        # Long sequences: the matcher's own heuristic (very frequent keys do not seed matches) keeps
        # the cost near linear; short ones are matched exactly.
        matcher = SequenceMatcher(None, a, b, autojunk=len(a) + len(b) > LONG_SEQUENCE)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            out.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        out.append(("equal", n - end, n, m_ - end, m_))
    merged: list[tuple[str, int, int, int, int]] = []
    for op in out:
        if merged and merged[-1][0] == "equal" and op[0] == "equal":
            last = merged.pop()
            op = ("equal", last[1], op[2], last[3], op[4])
        merged.append(op)
    return merged


def _clean(opcodes: list[tuple[str, int, int, int, int]], olds: list[Atom]) -> list[tuple[str, int, int, int, int]]:
    """Fold equal stretches of mere spaces between two changes into the change (readable redlines)."""
    marked = [list(op) for op in opcodes]
    for k in range(1, len(marked) - 1):
        tag, i1, i2, _, _ = marked[k]
        if tag == "equal" and marked[k - 1][0] != "equal" and marked[k + 1][0] != "equal" \
                and all(a.is_space or (a.kind == "text" and not a.is_word and len(a.text.strip()) <= 1 and i2 - i1 == 1)
                        for a in olds[i1:i2]) and all(a.kind == "text" for a in olds[i1:i2]):
            marked[k][0] = "replace"
    out: list[list] = []
    for op in marked:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            out[-1] = ["replace", out[-1][1], op[2], out[-1][3], op[4]]
        else:
            out.append(op)
    return [tuple(op) for op in out]  # type: ignore[misc]
