"""Plain text and Markdown -> document model.

Plain text: every non-empty line is a paragraph (the way official texts are extracted, one
paragraph per line). Markdown: ATX headings, paragraphs separated by blank lines, list items
(their typed numbers kept as labels), ``*emphasis*``/``**strong**`` and ``[^n]`` footnotes whose
definitions may run on over indented lines.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePosixPath

from composer.errors import InputDocumentError
from composer.model.document import Block, Document, Emph, Heading, Inline, Meta, Note, Para, Strong, Text
from composer.ooxml.text import clean
from composer.read.labels import split_label
from composer.read.limits import check_paragraphs
from composer.read.source import SourceDocument

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ORDERED = re.compile(r"^([ \t]*)(\d{1,4}[.)])([ \t]+)(.*)$")
_BULLET = re.compile(r"^([ \t]*)([*+-])[ \t]+(.*)$")
_FOOTDEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_INLINE = re.compile(
    r"\\([\\`*_{}\[\]()#+\-.!|>~])"  # escaped character
    r"|(\*\*|__)(.+?)\2"  # strong
    r"|(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\4(?![\w*])"  # emphasis
    r"|\[\^([^\]\s]+)\]"  # footnote reference
)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _encoding(data: bytes) -> tuple[str, int]:
    """The encoding and BOM length: a BOM decides; without one, UTF-16 shows as NULs in every
    other byte of ASCII-heavy text (what Windows' Notepad and PowerShell write)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") * 3 > len(head):
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 4 * max(even, 1) and odd * 2 > len(head) // 2:
            return "utf-16-le", 0
        if even > 4 * max(odd, 1) and even * 2 > len(head) // 2:
            return "utf-16-be", 0
    return "utf-8", 0


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 or UTF-16/32 (by BOM, or UTF-16 recognised without one) text, else a clear error.

    Control characters (NUL, ESC, vertical tab ...) are removed by the one sanitiser, so they
    reach no output: not XML, not the terminal, not HTML or Markdown.
    """
    encoding, skip = _encoding(data)
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputDocumentError(f"{name}: a binary file, not text")
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        label = encoding.upper().replace("-LE", "").replace("-BE", "")
        raise InputDocumentError(f"{name}: not {label} text (byte {exc.start + skip})") from None
    check_paragraphs(text.count("\n") + 1, name)
    return clean(text)


def read_text(data: bytes, name: str) -> SourceDocument:
    """Each non-empty line becomes a paragraph; typed numbers become labels."""
    text = decode_text(data, name)
    blocks: list[Block] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line.strip():
            continue
        label, rest = split_label(line)
        blocks.append(Para(content=(Text(rest),), numbered=bool(label), label=label or None))
    return _finish(blocks, name, "text")


def read_markdown(data: bytes, name: str) -> SourceDocument:
    """A pragmatic Markdown reader for drafts published as Markdown (headings, lists, footnotes)."""
    text = decode_text(data, name)
    definitions, body_lines = _footnote_definitions(text.splitlines())
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_para(" ".join(part.strip() for part in paragraph), "", definitions))
            paragraph.clear()

    for raw in body_lines:
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        heading = _HEADING.match(line)
        ordered = _ORDERED.match(line)
        bullet = _BULLET.match(line) if not ordered else None
        if heading:
            flush()
            blocks.append(Heading(level=len(heading.group(1)), content=_inlines(heading.group(2), definitions)))
        elif ordered:
            flush()
            blocks.append(_para(ordered.group(4), ordered.group(2) + ordered.group(3), definitions))
        elif bullet and bullet.group(3).strip():
            flush()
            blocks.append(_para(bullet.group(3), "", definitions))
        else:
            paragraph.append(line)
    flush()
    return _finish(blocks, name, "markdown")


def _para(text: str, label: str, definitions: dict[str, str]) -> Para:
    content = _inlines(text, definitions)
    return Para(content=content, numbered=bool(label), label=label or None)


def _footnote_definitions(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split ``[^n]: text`` definitions (with indented continuation lines) from the body."""
    definitions: dict[str, str] = {}
    body: list[str] = []
    current: str | None = None
    parts: list[str] = []
    for line in lines:
        match = _FOOTDEF.match(line)
        if match:
            if current is not None:
                definitions[current] = " ".join(p for p in parts if p)
            current, parts = match.group(1), [match.group(2).strip()]
            continue
        if current is not None and (not line.strip() or line[:1] in (" ", "\t")):
            parts.append(line.strip())
            continue
        if current is not None:
            definitions[current] = " ".join(p for p in parts if p)
            current, parts = None, []
        body.append(line)
    if current is not None:
        definitions[current] = " ".join(p for p in parts if p)
    return definitions, body


def _inlines(text: str, definitions: dict[str, str], in_note: bool = False) -> tuple[Inline, ...]:
    out: list[Inline] = []
    buffer: list[str] = []
    position = 0

    def flush() -> None:
        if buffer:
            out.append(Text("".join(buffer)))
            buffer.clear()

    for match in _INLINE.finditer(text):
        buffer.append(text[position : match.start()])
        position = match.end()
        if match.group(1) is not None:
            buffer.append(match.group(1))
        elif match.group(3) is not None:
            flush()
            out.append(Strong(_inlines(match.group(3), definitions, in_note)))
        elif match.group(5) is not None:
            flush()
            out.append(Emph(_inlines(match.group(5), definitions, in_note)))
        elif match.group(6) is not None:
            note_id = match.group(6)
            if note_id in definitions and not in_note:
                flush()
                out.append(Note(content=_inlines(definitions[note_id], definitions, True)))
            else:
                buffer.append(match.group(0))
    buffer.append(text[position:])
    flush()
    return tuple(inline for inline in out if not (isinstance(inline, Text) and not inline.text))


def _finish(blocks: list[Block], name: str, kind: str) -> SourceDocument:
    if not blocks:
        raise InputDocumentError(f"{name}: the document has no text")
    title = PurePosixPath(name).stem
    return SourceDocument(document=Document(meta=Meta(title=title, kind="draft"), blocks=blocks), kind=kind, name=name)
