"""Property tests: random edits, moves and renumbering; accept-all/reject-all must be exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.compare.engine import compare_documents
from composer.model.document import Document, Meta, Note, Para, Text
from composer.render.redline.docx import render_redline_docx
from composer.render.redline.options import RedlineOptions
from tests.test_redline_support import docx_texts

WORDS = ["States", "shall", "migrants", "cooperate", "ensure", "rights", "the", "of", "and", "safe", "orderly",
         "regular", "migration", "2018", "1.5", "Member", "access", "services", "[", "]", ",", ".", ";", "(a)"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(lambda ws: " ".join(ws))
paragraph = st.tuples(sentence, st.one_of(st.none(), sentence))  # text, optional footnote


def _document(paras: list[tuple[str, str | None]], numbered: bool) -> Document:
    blocks = []
    for index, (text, note) in enumerate(paras):
        content = (Text(text),) if note is None else (Text(text), Note((Text(note),)))
        label = f"{index + 1}. " if numbered else None
        blocks.append(Para(content=content, numbered=numbered, label=label))
    return Document(meta=Meta(title="t"), blocks=blocks)


def _expected(paras: list[tuple[str, str | None]], numbered: bool) -> tuple[list[str], list[str]]:
    """The texts as our DOCX writer types a model draft (the redline wears its paragraph look):
    a number then a tab (hanging indent), a footnote's number then a tab."""
    texts = [(f"{i + 1}.\t" if numbered else "") + text for i, (text, _n) in enumerate(paras)]
    return texts, ["\t" + n for _t, n in paras if n is not None]


@st.composite
def edited(draw):
    old = draw(st.lists(paragraph, min_size=1, max_size=12))
    new = list(old)
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["edit", "insert", "delete", "move", "note"]))
        if action == "edit" and new:
            i = draw(st.integers(0, len(new) - 1))
            words = new[i][0].split(" ")
            j = draw(st.integers(0, len(words) - 1))
            words[j] = draw(st.sampled_from(WORDS))
            new[i] = (" ".join(words), new[i][1])
        elif action == "insert":
            new.insert(draw(st.integers(0, len(new))), draw(paragraph))
        elif action == "delete" and len(new) > 1:
            new.pop(draw(st.integers(0, len(new) - 1)))
        elif action == "move" and len(new) > 1:
            item = new.pop(draw(st.integers(0, len(new) - 1)))
            new.insert(draw(st.integers(0, len(new))), item)
        elif action == "note" and new:
            i = draw(st.integers(0, len(new) - 1))
            new[i] = (new[i][0], draw(st.one_of(st.none(), sentence)))
    return old, new, draw(st.booleans())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_accept_gives_new_and_reject_gives_old(case):
    old, new, numbered = case
    redline = compare_documents(_document(old, numbered), _document(new, numbered))
    data = render_redline_docx(redline, _document(old, numbered), _document(new, numbered),
                               RedlineOptions(author="Prop", date="2024-01-01"))
    assert docx_texts(data, "accept") == _expected(new, numbered)
    assert docx_texts(data, "reject") == _expected(old, numbered)


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=2, max_size=10, unique_by=lambda p: p[0]), st.integers(0, 3))
def test_insertions_at_the_top_only_renumber(paras, inserted):
    """Inserting paragraphs before numbered ones renumbers the rest without calling them changed."""
    fresh = [(f"New paragraph number {k} about something else entirely", None) for k in range(inserted)]
    redline = compare_documents(_document(paras, True), _document(fresh + paras, True))
    kinds = [c.kind for c in redline.changes]
    assert kinds.count("inserted") == inserted
    assert kinds.count("unchanged") == len(paras)
    assert redline.summary.renumbered == (len(paras) if inserted else 0)
