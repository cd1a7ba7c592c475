"""Atoms: a paragraph's content as a sequence of comparable pieces that remember where they sit.

An atom is one word, one run of spaces, one punctuation mark, or one non-text run item (tab,
break, symbol, image, text box, field character, note reference ...), or one paragraph-level
item (an equation, a bookmark marker). Each atom keeps its source elements (the run, the chain
of wrappers from the paragraph down: hyperlink, content control, simple field) so the writer can
rebuild it, and its key carries the wrappers' identity (a link's target, a control's tag), so the
same word inside and outside a link are different atoms. Images, equations and text boxes are
keyed by content (image bytes, text, structure), never by ids that differ between files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from composer.wml.names import (
    DEL_TEXT,
    DROPPED_MARKERS,
    M_NS,
    MC_NS,
    PPR,
    R_NS,
    RANGE_MARKERS,
    RPR,
    RUN_REVISIONS,
    SDT,
    SDT_CONTENT,
    WRAPPERS,
    R,
    T,
    local,
    m,
    w,
)

#: A word, a punctuation mark, or a run of spaces: the unit of the diff (spaces apart, so that a
#: word made bold without its following space is still the same word, reformatted).
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
_IGNORED_RUN_CHILDREN = {RPR, w("lastRenderedPageBreak")}
_FORMAT_NOISE = {w(n) for n in ("rPrChange", "lang", "noProof", "ins", "del", "moveFrom", "moveTo", "webHidden")}
_PPR_NOISE = {RPR, w("sectPr"), w("pPrChange")}
_MATH = {m("oMath"), m("oMathPara")}
_MATH_PROPS = {m(n) for n in ("rPr", "ctrlPr", "oMathParaPr")} | {RPR}
_OBJECTS = {w("drawing"), w("pict"), w("object"), f"{{{MC_NS}}}AlternateContent"}
_TEXT_TAGS = {T, DEL_TEXT, f"{{{M_NS}}}t", "{http://schemas.openxmlformats.org/drawingml/2006/main}t"}
_NOTE_REFS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
#: Earlier revisions whose content is not part of the accepted text.
_GHOST_REVISIONS = frozenset((w("del"), w("moveFrom")))


@dataclass(eq=False, slots=True)
class Atom:
    """One comparable piece of a paragraph; ``kind`` is text, item (in a run) or loose (no run)."""

    key: tuple
    kind: str
    node: etree._Element
    text: str
    run: etree._Element | None
    chain: tuple[etree._Element, ...]
    revision: etree._Element | None
    fmt: str

    @property
    def ghost(self) -> bool:
        """Inside an earlier tracked deletion: not part of the draft's accepted text."""
        return self.revision is not None and self.revision.tag in _GHOST_REVISIONS

    @property
    def is_space(self) -> bool:
        return self.kind == "text" and self.text.isspace()

    @property
    def is_word(self) -> bool:
        return self.kind == "text" and self.text[:1].isalnum()


@dataclass
class AtomContext:
    """What keys need from a package: relationship targets, notes' and comments' content."""

    target: Callable[[str], str]
    comment_key: Callable[[str], str]
    bookmark_name: Callable[[str], str]


def canonical(element: etree._Element | None, skip: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """Properties as a comparable string: rsid attributes and ``skip`` children left out."""
    if element is None:
        return ""
    parts = []
    for child in element:
        if not isinstance(child.tag, str) or child.tag in skip:
            continue
        attrs = sorted((k, v) for k, v in child.attrib.items() if "rsid" not in k)
        inner = canonical(child) if len(child) else ""
        parts.append(f"{child.tag}{attrs}{inner}")
    return "|".join(parts)


def run_format(run: etree._Element) -> str:
    """A run's direct formatting, for telling formatting-only changes."""
    return canonical(run.find(RPR), _FORMAT_NOISE)


def paragraph_format(paragraph: etree._Element) -> str:
    """A paragraph's own properties (style, numbering, alignment, spacing ...)."""
    return canonical(paragraph.find(PPR), _PPR_NOISE)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def object_key(element: etree._Element, ctx: AtomContext) -> tuple:
    """Images, text boxes, embedded objects: what they show, not their ids or sizes."""
    targets, texts, uris = [], [], []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == f"{{{MC_NS}}}Fallback":
            continue
        if node.tag in _TEXT_TAGS and not any(a.tag == f"{{{MC_NS}}}Fallback" for a in node.iterancestors()):
            texts.append(node.text or "")
        uri = node.get("uri")
        if uri and node.tag.endswith("graphicData"):
            uris.append(uri)
        for name, value in node.attrib.items():
            if name.startswith(f"{{{R_NS}}}") and not any(a.tag == f"{{{MC_NS}}}Fallback" for a in node.iterancestors()):
                targets.append(ctx.target(value))
    return ("object", tuple(uris), tuple(targets), _digest("\x00".join(texts)))


def math_key(element: etree._Element) -> tuple:
    """An equation by its structure and text, its formatting left out."""
    pieces = []
    for node in element.iter():
        if not isinstance(node.tag, str) or any(a.tag in _MATH_PROPS for a in node.iterancestors()):
            continue
        if node.tag in _MATH_PROPS:
            continue
        pieces.append(node.text or "" if node.tag == m("t") else local(node.tag))
    return ("math", _digest("\x00".join(pieces)))


def wrapper_signature(wrapper: etree._Element, ctx: AtomContext) -> tuple:
    """What makes a wrapper the same on both sides (a link's target, a control's tag ...)."""
    tag = local(wrapper.tag)
    if tag == "hyperlink":
        rid = wrapper.get(f"{{{R_NS}}}id")
        return (tag, ctx.target(rid) if rid else "", wrapper.get(w("anchor"), ""))
    if tag == "sdt":
        props = wrapper.find(w("sdtPr"))
        found = props.find(w("tag")) if props is not None else None
        alias = props.find(w("alias")) if props is not None else None
        return (tag, found.get(w("val"), "") if found is not None else "", alias.get(w("val"), "") if alias is not None else "")
    if tag == "fldSimple":
        return (tag, " ".join((wrapper.get(w("instr")) or "").split()))
    return (tag, wrapper.get(w("element"), ""), wrapper.get(w("val"), ""))


@dataclass(frozen=True, slots=True)
class Plain:
    """What comparing a paragraph of plain text runs needs, without building its atoms.

    ``keys`` are the keys :func:`atomise` would give its atoms, ``words`` its non-space tokens
    lowercased, ``formats`` the atoms' run formats as (format, how many atoms) with equal
    neighbours merged, so two paragraphs with the same keys have atoms of the same formats
    exactly when their ``formats`` are equal.
    """

    keys: tuple
    words: list[str]
    formats: tuple


def plain(paragraph: etree._Element) -> Plain | None:
    """The :class:`Plain` summary of a paragraph made only of runs of text, else None.

    Most paragraphs of a draft are such runs and come out equal in the other draft; their atoms
    (one object per word and space) are then never needed. Anything else in the paragraph (a
    link, a field, a note reference, a revision, a tab ...) returns None and :func:`atomise` is used.
    """
    keys: list[tuple] = []
    words: list[str] = []
    formats: list[tuple[str, int]] = []
    for child in paragraph:
        tag = child.tag
        if not isinstance(tag, str) or tag == PPR or tag in DROPPED_MARKERS:
            continue
        if tag != R:
            return None
        before = len(keys)
        for item in child:
            kind = item.tag
            if not isinstance(kind, str) or kind in _IGNORED_RUN_CHILDREN:
                continue
            if kind != T and kind != DEL_TEXT:
                return None
            text_keys, text_words = _text_keys(item.text or "")
            keys.extend(text_keys)
            words.extend(text_words)
        if len(keys) > before:
            fmt = run_format(child)
            if formats and formats[-1][0] == fmt:
                formats[-1] = (fmt, formats[-1][1] + len(keys) - before)
            else:
                formats.append((fmt, len(keys) - before))
    return Plain(tuple(keys), words, tuple(formats))


@lru_cache(maxsize=4096)
def _text_keys(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The keys of a text's tokens and its words lowercased (a paragraph unchanged between the
    drafts has the same texts on both sides: tokenised once)."""
    keys = tuple([("t", token) for token in _TOKENS.findall(text)])
    return keys, tuple([key[1].lower() for key in keys if not key[1].isspace()])


def atomise(paragraph: etree._Element, ctx: AtomContext) -> list[Atom]:
    """The atoms of one paragraph in reading order (text boxes stay whole, inside their run)."""
    atoms: list[Atom] = []
    _walk(paragraph, (), (), None, atoms, ctx)
    return atoms


def _walk(node: etree._Element, chain: tuple, signature: tuple, revision: etree._Element | None,
          atoms: list[Atom], ctx: AtomContext) -> None:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag == PPR or tag in DROPPED_MARKERS:
            continue
        if tag == R:
            _run(child, chain, signature, revision, atoms, ctx)
        elif tag in WRAPPERS:
            inner = child.find(SDT_CONTENT) if tag == SDT else child
            if inner is not None:
                _walk(inner, (*chain, child), (*signature, wrapper_signature(child, ctx)), revision, atoms, ctx)
        elif tag in RUN_REVISIONS:
            _walk(child, chain, signature, child, atoms, ctx)
        elif tag in RANGE_MARKERS:
            key = _marker_key(child, ctx)
            atoms.append(Atom(signature + key, "loose", child, "", None, chain, revision, ""))
        elif tag in _MATH:
            atoms.append(Atom(signature + math_key(child), "loose", child, "", None, chain, revision, ""))
        else:
            atoms.append(Atom((*signature, "el", local(tag), _digest(etree.tostring(child).decode())), "loose",
                              child, "", None, chain, revision, ""))


def _marker_key(marker: etree._Element, ctx: AtomContext) -> tuple:
    name = local(marker.tag)
    ident = marker.get(w("id"), "")
    if name.startswith("bookmark"):
        return ("bookmark", name, marker.get(w("name")) or ctx.bookmark_name(ident))
    return ("comment", name, ctx.comment_key(ident))


def _run(run: etree._Element, chain: tuple, signature: tuple, revision: etree._Element | None,
         atoms: list[Atom], ctx: AtomContext) -> None:
    fmt = run_format(run)
    for child in run:
        tag = child.tag
        if not isinstance(tag, str) or tag in _IGNORED_RUN_CHILDREN:
            continue
        if tag in (T, DEL_TEXT):
            keys = _text_keys(child.text or "")[0]
            if signature:
                keys = tuple([(*signature, *key) for key in keys])
            atoms.extend([Atom(key, "text", child, key[-1], run, chain, revision, fmt) for key in keys])
            continue
        if tag in (w("instrText"), w("delInstrText")):
            key: tuple = ("instr", " ".join((child.text or "").split()))
        elif tag in _OBJECTS:
            key = object_key(child, ctx)
        elif tag in _NOTE_REFS:
            key = (_NOTE_REFS[tag],)
        elif tag == w("commentReference"):
            key = ("comment-ref", ctx.comment_key(child.get(w("id"), "")))
        elif tag == w("fldChar"):
            key = ("fldChar", child.get(w("fldCharType"), ""))
        elif tag == w("sym"):
            key = ("sym", child.get(w("font"), ""), (child.get(w("char")) or "").upper())
        elif tag == w("br"):
            key = ("br", child.get(w("type"), ""))
        else:
            key = ("el", local(tag), _digest(etree.tostring(child).decode()))
        atoms.append(Atom(signature + key, "item", child, "", run, chain, revision, fmt))
