"""The outside document set: pairs of Word files as other people make them, each edited one way.

Each pair isolates one kind of content or change that a redline of "any Word document" must
neither miss nor lose (the kinds Open XML comparison tools test with). Two families:
- `wordml` pairs: hand-written WordprocessingML in python-docx's stock Word package
  (text boxes, equations, content controls, fields, comments, endnotes, earlier revisions ...);
- `lo` pairs: documents written by LibreOffice from flat ODT (tables, frames, notes, images,
  sections), so the XML is LibreOffice's own, not ours.
`python -m tests.outside.build` writes them under tests/outside/docs/ (committed, so tests do
not need LibreOffice to exist to have inputs; rebuilding gives identical bytes for wordml pairs).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from tests.outside.wordml import (
    Doc,
    bookmark,
    comment_range,
    complex_field,
    content_control,
    endnote_ref,
    equation,
    footnote_ref,
    fraction,
    hyperlink,
    image,
    para,
    paragraph_style,
    run,
    section_break,
    simple_field,
    symbol,
    table,
    textbox,
    tracked_del,
    tracked_ins,
)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG, written by hand (no imaging library needed, bytes are stable)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


RED = png(8, 8, (200, 30, 30))
BLUE = png(8, 8, (30, 30, 200))

INTRO = para("Member States met in Geneva to consider the draft text on safe, orderly and regular migration.")
OUTRO = para("The co-facilitators will circulate a revised draft before the next informal session.")


@dataclass(frozen=True)
class Pair:
    """One outside pair: what it holds and what changes between OLD and NEW."""

    name: str
    features: tuple[str, ...]
    change: str
    old: Doc
    new: Doc
    changed: bool = True


def _table_doc(cells: list[list[str]], **kw) -> Doc:
    return Doc(body=[INTRO, table(cells, **kw), OUTRO])


BASE_ROWS = [["Objective", "Lead", "Status"], ["Data", "IOM", "Agreed"], ["Detention", "OHCHR", "Open"]]


def wordml_pairs() -> list[Pair]:
    """The hand-written pairs, one feature and one change each."""
    pairs = [
        Pair("table-cell-word", ("table",), "one word inside a table cell",
             _table_doc(BASE_ROWS), _table_doc([BASE_ROWS[0], BASE_ROWS[1], ["Detention", "OHCHR", "Closed"]])),
        Pair("table-row-inserted", ("table",), "a table row inserted",
             _table_doc(BASE_ROWS), _table_doc([*BASE_ROWS[:2], ["Return", "UNHCR", "Pending"], *BASE_ROWS[2:]])),
        Pair("table-row-deleted", ("table",), "a table row deleted",
             _table_doc(BASE_ROWS), _table_doc([BASE_ROWS[0], BASE_ROWS[2]])),
        Pair("nested-table-edit", ("table", "nested-table"), "a word inside a nested table",
             _table_doc(BASE_ROWS, nested={(1, 2): table([["Rev 1", "bracketed"]])}),
             _table_doc(BASE_ROWS, nested={(1, 2): table([["Rev 2", "bracketed"]])})),
        Pair("text-into-table", ("table",), "a paragraph moved into a table cell",
             Doc(body=[INTRO, para("Regular pathways are expanded."), table(BASE_ROWS), OUTRO]),
             Doc(body=[INTRO, table([*BASE_ROWS[:2], ["Detention", "OHCHR", "Open. Regular pathways are expanded."]]), OUTRO])),
        Pair("deleted-before-table-styled", ("table", "formatting"),
             "a quoted paragraph deleted between a heading and a table",
             Doc(body=[INTRO, para("Annex", style="Heading1"), para("Regular pathways are expanded.", style="Quote"),
                       table(BASE_ROWS), OUTRO]),
             Doc(body=[INTRO, para("Annex", style="Heading1"), table(BASE_ROWS), OUTRO])),
        Pair("cell-last-paragraph-deleted", ("table",), "the last of two paragraphs in a table cell deleted",
             _table_doc([*BASE_ROWS[:2], ["Detention", "OHCHR", "Pending review."]], nested={(2, 2): para("Open.")}),
             _table_doc([*BASE_ROWS[:2], ["Detention", "OHCHR", "Open."]])),
        Pair("old-style-missing", ("styles",),
             "a paragraph in a style only OLD defines deleted (its look must come back on Reject all)",
             Doc(body=[INTRO, para(run("Alternative: ", style="BracketedTextChar"), run("States may consider return."),
                                   style="BracketedText"), OUTRO],
                 styles=[paragraph_style("BracketedText", "Bracketed text", italic=True, indent=720,
                                         char_style="BracketedTextChar")]),
             Doc(body=[INTRO, OUTRO])),
        Pair("comment-on-deleted", ("comment",), "text deleted with the comment on it (the comment must come back on Reject all)",
             Doc(body=[INTRO, para(run("States will act. "), comment_range(0, "States shall cooperate"), run(" on return.")),
                       OUTRO],
                 comments={0: ("Ruritania", "Replace 'shall' by 'should'?")}),
             Doc(body=[INTRO, para(run("States will act. "), run("They return.")), OUTRO])),
        Pair("cell-paragraph-added", ("table",), "a second paragraph added at the end of a table cell",
             _table_doc([*BASE_ROWS[:2], ["Detention", "OHCHR", "Open."]]),
             _table_doc([*BASE_ROWS[:2], ["Detention", "OHCHR", "Pending review."]], nested={(2, 2): para("Open.")})),
        Pair("last-paragraph-replaced", ("paragraph",), "the document's last paragraph replaced by an unrelated one",
             Doc(body=[INTRO, OUTRO, para("[Placeholder for Annex X]")]),
             Doc(body=[INTRO, OUTRO, para("IN WITNESS WHEREOF, the undersigned have signed this Compact.")])),
        Pair("noted-paragraphs-replaced", ("footnote",),
             "two paragraphs with footnotes replaced by two others with their own (OLD's notes get later ids)",
             Doc(body=[INTRO, para("Old one about return.", footnote_ref(1)), para("Old two on data.", footnote_ref(2)), OUTRO],
                 footnotes={1: "Old note A.", 2: "Old note B."}),
             Doc(body=[INTRO, para("Entirely other words now.", footnote_ref(1)), para("Second new thing here.", footnote_ref(2)),
                       OUTRO], footnotes={1: "New note A.", 2: "New note B."})),
        Pair("textbox-only", ("textbox",), "only the text inside a text box",
             Doc(body=[INTRO, para("See the box.", textbox("Deadline: 15 March")), OUTRO]),
             Doc(body=[INTRO, para("See the box.", textbox("Deadline: 22 March")), OUTRO])),
        Pair("image-deleted", ("image",), "an image deleted",
             Doc(body=[INTRO, para("Logo:", image("rIdImg1", 10, "Logo")), OUTRO], images={"rIdImg1": RED}),
             Doc(body=[INTRO, para("Logo:"), OUTRO])),
        Pair("image-changed", ("image",), "an image replaced by another",
             Doc(body=[INTRO, para("Map:", image("rIdImg1", 10, "Map")), OUTRO], images={"rIdImg1": RED}),
             Doc(body=[INTRO, para("Map:", image("rIdImg1", 10, "Map")), OUTRO], images={"rIdImg1": BLUE})),
        Pair("equation-changed", ("equation",), "a term of an equation",
             Doc(body=[INTRO, para("Share: ", fraction("x", "n"), run(" of arrivals.")), OUTRO]),
             Doc(body=[INTRO, para("Share: ", fraction("x", "2n"), run(" of arrivals.")), OUTRO])),
        Pair("equation-inline-kept", ("equation",), "text beside an unchanged equation",
             Doc(body=[INTRO, para("Rate ", equation("r=a+b"), run(" per year.")), OUTRO]),
             Doc(body=[INTRO, para("Rate ", equation("r=a+b"), run(" per annum.")), OUTRO])),
        Pair("footnote-edit", ("footnote",), "the text of a footnote",
             Doc(body=[INTRO, para("As agreed in 2016.", footnote_ref(1)), OUTRO], footnotes={1: "New York Declaration, para 4."}),
             Doc(body=[INTRO, para("As agreed in 2016.", footnote_ref(1)), OUTRO], footnotes={1: "New York Declaration, para 41."})),
        Pair("endnote-edit", ("endnote",), "the text of an endnote, which must stay an endnote",
             Doc(body=[INTRO, para("See the annex.", endnote_ref(1)), OUTRO], endnotes={1: "Annex I lists the sources."}),
             Doc(body=[INTRO, para("See the annex.", endnote_ref(1)), OUTRO], endnotes={1: "Annex II lists the sources."})),
        Pair("header-footer-edit", ("header", "footer"), "the header and the footer",
             Doc(body=[INTRO, OUTRO], header="Zero draft, 5 February", footer="Page footer A"),
             Doc(body=[INTRO, OUTRO], header="Revision 1, 26 March", footer="Page footer B")),
        Pair("comment-kept", ("comment",), "body text near a comment, which must survive",
             Doc(body=[INTRO, para(comment_range(0, "States shall cooperate"), run(" on return.")), OUTRO],
                 comments={0: ("Ruritania", "Replace 'shall' by 'should'?")}),
             Doc(body=[INTRO, para(comment_range(0, "States shall cooperate"), run(" on readmission.")), OUTRO],
                 comments={0: ("Ruritania", "Replace 'shall' by 'should'?")})),
        Pair("hyperlink-edit", ("hyperlink",), "the text of a hyperlink",
             Doc(body=[INTRO, para("Details: ", hyperlink("rIdL1", "the IOM page")), OUTRO], links={"rIdL1": "https://www.iom.int/"}),
             Doc(body=[INTRO, para("Details: ", hyperlink("rIdL1", "the IOM portal")), OUTRO], links={"rIdL1": "https://www.iom.int/"})),
        Pair("field-kept", ("field",), "text beside a date field and a page field",
             Doc(body=[INTRO, para("Printed ", complex_field("DATE \\@ \"d MMMM yyyy\"", "1 May 2019"), run(", page "),
                                   simple_field("PAGE", "1"), run(".")), OUTRO]),
             Doc(body=[INTRO, para("Issued ", complex_field("DATE \\@ \"d MMMM yyyy\"", "1 May 2019"), run(", page "),
                                   simple_field("PAGE", "1"), run(".")), OUTRO])),
        Pair("content-control-edit", ("content-control",), "the text inside a content control",
             Doc(body=[INTRO, para("Delegation: ", content_control("delegation", "Ruritania")), OUTRO]),
             Doc(body=[INTRO, para("Delegation: ", content_control("delegation", "Freedonia")), OUTRO])),
        Pair("symbol-kept", ("symbol",), "text after a symbol character",
             Doc(body=[INTRO, para(symbol(), run(" Agreed ad ref.")), OUTRO]),
             Doc(body=[INTRO, para(symbol(), run(" Agreed ad referendum.")), OUTRO])),
        Pair("bookmark-kept", ("bookmark",), "text beside a bookmark",
             Doc(body=[INTRO, para(bookmark(0, "op12", "Operative paragraph 12"), run(" stands.")), OUTRO]),
             Doc(body=[INTRO, para(bookmark(0, "op12", "Operative paragraph 12"), run(" stands as agreed.")), OUTRO])),
        Pair("section-break", ("section",), "text in a landscape second section",
             Doc(body=[INTRO, section_break(), para("Annex table on a landscape page."), OUTRO]),
             Doc(body=[INTRO, section_break(), para("Annex table on a wide landscape page."), OUTRO])),
        Pair("section-break-removed", ("section",), "only the section break at the end of a paragraph removed",
             Doc(body=[INTRO, section_break(False, "The annex follows."), para("Annex text."), OUTRO]),
             Doc(body=[INTRO, para("The annex follows."), para("Annex text."), OUTRO])),
        Pair("section-break-added", ("section",), "a section break added at the end of an edited paragraph",
             Doc(body=[INTRO, para("The annex follows below."), para("Annex text."), OUTRO]),
             Doc(body=[INTRO, section_break(False, "The annex follows on a new page below."), para("Annex text."), OUTRO])),
        Pair("section-orientation", ("section",), "a section turned to landscape (its break's properties changed)",
             Doc(body=[INTRO, section_break(False, "Portrait section ends here."), para("Annex table."), OUTRO]),
             Doc(body=[INTRO, section_break(True, "Portrait section ends here."), para("Annex table."), OUTRO])),
        Pair("paragraph-moved", ("move",), "a paragraph moved two paragraphs down, another one edited",
             Doc(body=[INTRO, para("States shall cooperate in good faith on return and readmission."),
                       para("Data collection is improved."), para("Detention is a measure of last resort."), OUTRO]),
             Doc(body=[INTRO, para("Data collection is improved."), para("Detention is a measure of last resort only."),
                       para("States shall cooperate in good faith on return and readmission."), OUTRO])),
        Pair("numbered-list", ("numbering",), "an item added to a numbered list",
             Doc(body=[INTRO, para("Collect data.", numbered=True), para("Share data.", numbered=True), OUTRO], numbering=True),
             Doc(body=[INTRO, para("Collect data.", numbered=True), para("Protect data.", numbered=True),
                       para("Share data.", numbered=True), OUTRO], numbering=True)),
        Pair("format-bold", ("formatting",), "a word made bold, nothing else",
             Doc(body=[INTRO, para(run("States "), run("shall"), run(" cooperate.")), OUTRO]),
             Doc(body=[INTRO, para(run("States "), run("shall", bold=True), run(" cooperate.")), OUTRO])),
        Pair("format-colour-style", ("formatting",), "a colour and a character style applied",
             Doc(body=[INTRO, para(run("Bracketed: "), run("[alternative A]")), OUTRO]),
             Doc(body=[INTRO, para(run("Bracketed: ", style="Strong"), run("[alternative A]", color="C00000")), OUTRO])),
        Pair("paragraph-style", ("formatting",), "a paragraph restyled as a heading",
             Doc(body=[para("Objective 13"), INTRO, OUTRO]),
             Doc(body=[para("Objective 13", style="Heading1"), INTRO, OUTRO])),
        Pair("existing-revisions-new", ("tracked-changes",), "NEW already holds Alice's tracked insertion, plus an untracked edit",
             Doc(body=[INTRO, para("States will cooperate."), OUTRO]),
             Doc(body=[para("Member States met in Geneva to consider the revised draft text on safe, orderly and regular migration."),
                       para("States will cooperate", tracked_ins(" in good faith", 101), run(".")), OUTRO])),
        Pair("existing-revisions-old", ("tracked-changes",), "OLD holds Bob's tracked deletion; NEW edits the accepted text",
             Doc(body=[INTRO, para("States ", tracked_del("may ", 201, author="Bob"), run("will cooperate.")), OUTRO]),
             Doc(body=[INTRO, para("States will cooperate fully."), OUTRO])),
        Pair("identical", ("table", "textbox", "footnote"), "no change at all",
             Doc(body=[INTRO, table(BASE_ROWS), para("Box:", textbox("Same")), para("Noted.", footnote_ref(1))], footnotes={1: "Same note."}),
             Doc(body=[INTRO, table(BASE_ROWS), para("Box:", textbox("Same")), para("Noted.", footnote_ref(1))], footnotes={1: "Same note."}),
             changed=False),
        Pair("many-features", ("table", "image", "footnote", "endnote", "textbox", "equation", "hyperlink", "comment"),
             "edits spread over a document holding every feature",
             Doc(body=[para("Zero draft", style="Heading1"), INTRO, table(BASE_ROWS),
                       para("Figure:", image("rIdImg1", 11, "Fig")), para("Note this.", footnote_ref(1), run(" And this."), endnote_ref(1)),
                       para("Box:", textbox("Informal consultations on 3 May")), para("Formula ", fraction("a", "b")),
                       para("Read ", hyperlink("rIdL1", "the report")), para(comment_range(0, "Bracket [shall]"), run(".")), OUTRO],
                 footnotes={1: "A/71/728."}, endnotes={1: "Sutherland report."}, comments={0: ("Chair", "Check.")},
                 images={"rIdImg1": RED}, links={"rIdL1": "https://undocs.org/A/71/728"}, header="Zero draft"),
             Doc(body=[para("Rev 1", style="Heading1"), INTRO, table([*BASE_ROWS[:2], ["Detention", "OHCHR", "Agreed"]]),
                       para("Figure:", image("rIdImg1", 11, "Fig")), para("Note this.", footnote_ref(1), run(" And that."), endnote_ref(1)),
                       para("Box:", textbox("Informal consultations on 10 May")), para("Formula ", fraction("a", "c")),
                       para("Read ", hyperlink("rIdL1", "the full report")), para(comment_range(0, "Bracket [should]"), run(".")),
                       para("A new closing paragraph."), OUTRO],
                 footnotes={1: "A/71/728, para 3."}, endnotes={1: "Sutherland report, 2017."}, comments={0: ("Chair", "Check.")},
                 images={"rIdImg1": RED}, links={"rIdL1": "https://undocs.org/A/71/728"}, header="Rev 1"),
             ),
    ]
    return pairs
