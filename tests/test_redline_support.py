"""Shared helpers for the compare/read/redline tests (no tests of the code under test here).

* the public corpus of successive drafts, located next to the repository;
* a DOCX builder that uses python-docx plus a tiny footnote helper (independent of our writer);
* an independent accept-all / reject-all transform of tracked changes and a text extractor.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REPO = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    """../shared/corpus next to the repository, or skip the test with the reason."""
    for candidate in (REPO / ".." / "shared" / "corpus", REPO.parent / "shared" / "corpus"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate.resolve()
    pytest.skip("corpus of real drafts not found at ../shared/corpus")


def corpus_pairs() -> list[tuple[Path, Path]]:
    """Consecutive versions of every series: (v1, v2), (v2, v3), ..."""
    folder = corpus_dir()
    series: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.txt")):
        match = re.match(r"(.+?)_v(\d+)_", path.name)
        if match:
            series.setdefault(match.group(1), []).append(path)
    pairs = []
    for files in series.values():
        files.sort(key=lambda p: int(re.search(r"_v(\d+)_", p.name).group(1)))
        pairs.extend(itertools.pairwise(files))
    return pairs


@dataclass
class Block:
    text: str
    heading: int = 0
    notes: list[tuple[int, str]] = field(default_factory=list)  # (position in text, footnote text)


_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def corpus_blocks(path: Path) -> list[Block]:
    """The draft as blocks: '#' lines are headings, '[^n]' references become real footnotes."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    definitions: dict[str, str] = {}
    body: list[str] = []
    current = None
    for line in lines:
        match = re.match(r"^\[\^([^\]\s]+)\]:\s*(.*)$", line)
        if match:
            current = match.group(1)
            definitions[current] = match.group(2).strip()
        elif current is not None and (line.startswith((" ", "\t")) or not line.strip()):
            if line.strip():
                definitions[current] += " " + line.strip()
        else:
            current = None
            body.append(line)
    blocks = []
    for line in body:
        line = line.strip()
        if not line:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            blocks.append(Block(heading.group(2), heading=len(heading.group(1))))
            continue
        notes: list[tuple[int, str]] = []
        out = []
        position = 0
        for ref in _NOTE_REF.finditer(line):
            out.append(line[position : ref.start()])
            position = ref.end()
            if ref.group(1) in definitions:
                notes.append((len("".join(out)), definitions[ref.group(1)]))
            else:
                out.append(ref.group(0))
        out.append(line[position:])
        blocks.append(Block("".join(out), notes=notes))
    return blocks


def build_docx(blocks: list[Block]) -> bytes:
    """A DOCX made with python-docx; footnotes are added by ``_add_footnotes`` afterwards."""
    document = docx.Document()
    notes: list[str] = []
    for block in blocks:
        if block.heading:
            document.add_heading(block.text, level=min(block.heading, 9))
            continue
        paragraph = document.add_paragraph()
        position = 0
        for at, note in block.notes:
            if at > position:
                paragraph.add_run(block.text[position:at])
            position = at
            notes.append(note)
            run = paragraph.add_run()
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(len(notes)))
            rpr = run._r.get_or_add_rPr()
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            rpr.append(align)
            run._r.append(ref)
        if position < len(block.text):
            paragraph.add_run(block.text[position:])
    buffer = io.BytesIO()
    document.save(buffer)
    return _add_footnotes(buffer.getvalue(), notes) if notes else buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The package ``data`` with some parts' bytes replaced (for corrupting one part in a test)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _add_footnotes(data: bytes, notes: list[str]) -> bytes:
    """Add word/footnotes.xml (+ relationship and content type) holding ``notes`` as ids 1..n."""
    from xml.sax.saxutils import escape

    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(notes, start=1)
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", footnotes.encode("utf-8"))
    return out.getvalue()


def expected_texts(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """Paragraph texts and footnote texts (in reference order) that a DOCX of ``blocks`` shows."""
    return [b.text for b in blocks], [note for b in blocks for _at, note in b.notes]


# ---------------------------------------------------------------- independent accept / reject


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def resolve_changes(root: etree._Element, mode: str) -> etree._Element:
    """Accept ("accept") or reject ("reject") every tracked change, independently of our reader."""
    drop = {"accept": ("del", "moveFrom"), "reject": ("ins", "moveTo")}[mode]
    unwrap = {"accept": ("ins", "moveTo"), "reject": ("del", "moveFrom")}[mode]
    # paragraphs whose mark goes away merge into the next paragraph
    for paragraph in list(root.iter(_q("p"))):
        mark = paragraph.find(f"{_q('pPr')}/{_q('rPr')}")
        if mark is None or not any(mark.find(_q(t)) is not None for t in drop):
            continue
        following = paragraph.getnext()
        while following is not None and following.tag != _q("p"):
            following = following.getnext()
        assert following is not None, "a removed paragraph mark with no paragraph after it"
        ppr = following.find(_q("pPr"))
        at = 1 if ppr is not None else 0
        for k, child in enumerate([c for c in paragraph if c.tag != _q("pPr")]):
            following.insert(at + k, child)
        paragraph.getparent().remove(paragraph)
    for tag in drop:
        for element in list(root.iter(_q(tag))):
            element.getparent().remove(element)
    for tag in unwrap:
        for element in list(root.iter(_q(tag))):
            parent = element.getparent()
            if parent.tag == _q("rPr"):
                parent.remove(element)
                continue
            at = parent.index(element)
            for k, child in enumerate(list(element)):
                parent.insert(at + k, child)
            parent.remove(element)
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        for element in list(root.iter(_q(tag))):
            element.getparent().remove(element)
    return root


def _para_text(paragraph: etree._Element, refs: list[str] | None) -> str:
    out = []
    for element in paragraph.iter():
        if element.tag in (_q("t"), _q("delText")):
            out.append(element.text or "")
        elif element.tag == _q("tab"):
            out.append("\t")
        elif element.tag == _q("br"):
            out.append("\n")
        elif element.tag == _q("footnoteReference") and refs is not None:
            refs.append(element.get(_q("id")))
    return "".join(out)


def docx_texts(data: bytes, mode: str | None) -> tuple[list[str], list[str]]:
    """Paragraph texts and referenced footnote texts of a DOCX after accept/reject (or as is)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(archive.read("word/document.xml"))
    notes_root = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in archive.namelist() \
        else None
    if mode:
        resolve_changes(root, mode)
        if notes_root is not None:
            resolve_changes(notes_root, mode)
    refs: list[str] = []
    body = root.find(_q("body"))
    paragraphs = [_para_text(p, refs) for p in body.iter(_q("p"))]
    notes: dict[str, str] = {}
    if notes_root is not None:
        for note in notes_root.iter(_q("footnote")):
            texts = [_para_text(p, None) for p in note.iter(_q("p"))]
            notes[note.get(_q("id"))] = "\n".join(texts).lstrip(" ")
    return paragraphs, [notes[r] for r in refs]


def test_helpers_round_trip_a_built_docx():
    """The helpers agree with python-docx on a document they built (so they can be trusted)."""
    blocks = [Block("Title", heading=1), Block("1. First text", notes=[(5, "A note")]), Block("Second")]
    data = build_docx(blocks)
    paragraphs, notes = docx_texts(data, None)
    assert paragraphs == [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert (paragraphs, notes) == expected_texts(blocks)
