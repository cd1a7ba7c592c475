"""The assemble stage: brief and draft document models built from the bundled library."""

from __future__ import annotations

import pytest

from composer.assemble.brief import assemble_brief
from composer.assemble.common import ComposeOptions
from composer.assemble.draft import CHAPEAU, assemble_draft, manifest_from_selection
from composer.assemble.manifest import load_manifest
from composer.errors import InputDocumentError, UsageError
from composer.library import load_library
from composer.library.query import ClauseFilter, select_clauses
from composer.model.document import ActionList, Div, Heading, Para, Table, TableOfContents
from composer.model.jsonio import document_from_json, document_to_json
from composer.model.walk import document_notes, iter_blocks, iter_notes, paragraph_numbers, plain_text
from tests.conftest import ROOT, write

OPTIONS = ComposeOptions(date="2026-11-24", version="2", delegation="Ruritania")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT).raise_if_invalid()


@pytest.fixture(scope="module")
def cluster1(library):
    return assemble_brief(library, ClauseFilter(clusters=(1,)), OPTIONS)


def _front(document):
    """Blocks before the first annex heading (the front part a delegate reads)."""
    out = []
    for block in document.blocks:
        if isinstance(block, Heading) and plain_text(block.content).startswith("Annex"):
            break
        out.append(block)
    return out


def _entries(blocks):
    return [b for b in iter_blocks(blocks) if isinstance(b, Para) and b.numbered]


def test_brief_cites_every_selected_clause_in_its_annexes(library, cluster1):
    selected = select_clauses(library, ClauseFilter(clusters=(1,)))
    positions = library.positions_covering(selected)
    annex_ids = {b.id for b in iter_blocks(cluster1.blocks) if isinstance(b, Para) and b.style == "small"}
    # Every ask is in the annexes once, as its position (not once per clause).
    assert annex_ids == {p.id for p in positions}
    for note in document_notes(cluster1):
        source = library.source(note.provenance.source_id)
        assert source.short_title in plain_text(note.content)


def test_front_entries_are_distinct_asks_with_supporters_and_a_gap_label(library, cluster1):
    entries = _entries(_front(cluster1))
    assert 5 <= len(entries) <= 40
    ids = [e.id.split("-", 1)[1] for e in entries]
    assert len(ids) == len(set(ids)), "an ask appears twice in the front part"
    members = [
        m for i in ids for m in next(p for p in library.positions_covering(library.clauses) if p.id == i).members
    ]
    assert len(members) == len(set(members))
    labels = ("says it", "says it in part", "says it weaker", "goes further", "Not in the compact", "Not traced")
    for entry in entries:
        text = plain_text(entry.content)
        assert any(s in text for s in ("States and groups:", "Others:", "Chairs, rapporteurs", "Raised in")), text
        assert any(label in text for label in labels), text
        assert "(confirmed)" in text or "(trace, to be checked)" in text or "Not traced" in text
        # The speaker is named once: in the entry, never again in its notes.
        for note in iter_notes(entry.content):
            assert "stated by" not in plain_text(note.content)


def test_brief_layout(library, cluster1):
    document = cluster1
    cover = document.blocks[0]
    assert isinstance(cover, Div) and cover.role == "cover"
    cover_text = " ".join(plain_text(b.content) for b in cover.blocks)
    for needle in (
        "Briefing pack",
        "Cluster 1: Human rights of all migrants",
        "Geneva, 8-9 May 2017",
        "Ruritania",
        "24 November 2026",
        "version 2",
        "For delegation use",
    ):
        assert needle in cover_text
    assert isinstance(document.blocks[1], TableOfContents)
    headings = [plain_text(b.content) for b in iter_blocks(document.blocks) if isinstance(b, Heading) and b.level == 1]
    assert headings[:4] == [
        "Scope and session",
        "Key asks by objective",
        "What the compact left out or softened",
        "Suggested lines for the delegation",
    ]
    annexes = [h for h in headings if h.startswith("Annex")]
    assert [a.split(":")[0] for a in annexes] == [f"Annex {x}" for x in "ABCDE"]
    assert annexes[-1] == "Annex E: Sources"
    text = "\n".join(
        plain_text(b.content, notes=True) for b in iter_blocks(document.blocks) if isinstance(b, (Para, Heading))
    )
    for artefact in ("document(s)", "date inferred", "iom-idm27", "Stated by", "GFMD 2012."):
        assert artefact not in text
    assert not [b for b in iter_blocks(document.blocks) if type(b).__name__ == "BarChart"]
    assert document.meta.date == "2026-11-24" and document.meta.delegation == "Ruritania"


def test_annexes_option_sets_the_depth(library):
    def annexes(depth):
        options = ComposeOptions(date="2026-11-24", annexes=depth)
        document = assemble_brief(library, ClauseFilter(clusters=(1,)), options)
        heads = [plain_text(b.content) for b in iter_blocks(document.blocks) if isinstance(b, Heading)]
        return [h.split(": ", 1)[1] for h in heads if h.startswith("Annex")]

    assert annexes("none") == []
    assert annexes("compendium") == ["Compendium of positions by objective", "Sources"]
    assert len(annexes("all")) == 5
    with pytest.raises(UsageError, match="--annexes 'some': choose one of none, compendium, all"):
        annexes("some")


def test_no_provenance_leaves_no_notes(library):
    options = ComposeOptions(date="2026-11-24", provenance=False)
    assert document_notes(assemble_brief(library, ClauseFilter(clusters=(1,)), options)) == []
    manifest = manifest_from_selection(library, ClauseFilter(objectives=(13,)), options)
    assert document_notes(assemble_draft(library, manifest, options)) == []


def test_sources_annex_is_chronological_with_real_titles(library, cluster1):
    table = next(b for b in iter_blocks(cluster1.blocks) if isinstance(b, Table) and b.id == "sources-table")
    titles = [plain_text(row[0]) for row in table.rows]
    by_title = {s.title: s for s in library.sources.values()}
    dates = [str(by_title[t].date) for t in titles]
    assert dates == sorted(dates) and len(titles) >= 2


def test_position_gap_prefers_confirmed_links_then_the_closest(library):
    from composer.assemble.gaps import agreed_wording, position_gap

    clause = next(c for c in library.clauses if c.gcm is not None and c.gcm.refs)
    link = type(clause.gcm)
    close = clause.model_copy(update={"gcm": link(refs=["para 29(h)"], gap="same", confirmed=False)})
    far = clause.model_copy(update={"gcm": link(refs=["para 23"], gap="weaker", confirmed=True)})
    none = clause.model_copy(update={"gcm": link(refs=[], gap="none", confirmed=False)})
    assert position_gap([close, far]).ref == "para 23" and position_gap([close, far]).confirmed
    assert position_gap([none, close]).label == "same" and position_gap([none, close]).ref == "para 29(h)"
    assert position_gap([none]).label == "none" and position_gap([none]).ref is None
    wording = agreed_wording("Ban the detention of children", "para 29(h)", "weaker")
    marked = " ".join(text for text, differs in wording.segments if differs)
    assert "working" in marked and "detention" not in marked
    assert wording.text.startswith("Protect and respect the rights and best interests of the child")


def test_brief_filters_narrow_and_empty_selection_says_which(library):
    document = assemble_brief(library, ClauseFilter(clusters=(1,), kinds=("guiding_question",)), OPTIONS)
    assert all(n.provenance.clause_id.startswith(("c1", "rt", "idm")) for n in document_notes(document))
    with pytest.raises(UsageError, match=r"no clause matches the selection \(cluster 5, actor Greece"):
        assemble_brief(library, ClauseFilter(clusters=(5,), actors=("Greece",), themes=("media",)), OPTIONS)


def test_brief_needs_a_scope(library):
    with pytest.raises(UsageError, match="--cluster N, --objective N or --clauses ID,ID"):
        assemble_brief(library, ClauseFilter(), OPTIONS)


def test_draft_numbers_run_on_and_actions_are_lettered(library):
    manifest = manifest_from_selection(library, ClauseFilter(objectives=(13, 17)), OPTIONS)
    document = assemble_draft(library, manifest, OPTIONS)
    numbered = [b for b in iter_blocks(document.blocks) if isinstance(b, Para) and b.numbered]
    assert len(numbered) == 2
    assert sorted(paragraph_numbers(document).values()) == [1, 2]
    assert plain_text(numbered[0].content).startswith("We commit to use migration detention")
    chapeaus = [b for b in iter_blocks(document.blocks) if isinstance(b, Para) and b.style == "chapeau"]
    assert [plain_text(c.content) for c in chapeaus] == [CHAPEAU, CHAPEAU]
    lists = [b for b in iter_blocks(document.blocks) if isinstance(b, ActionList)]
    for action_list in lists:
        texts = [plain_text(item.content) for item in action_list.items]
        assert all(t.endswith(";") for t in texts[:-1]) and texts[-1].endswith(".")
        assert all(item.id for item in action_list.items)
    assert len(document_notes(document)) == sum(len(a.items) for a in lists)


def test_short_draft_opens_with_a_un_header_block_long_one_with_cover(library):
    first = ComposeOptions(date="2026-11-24", version="1")
    short = assemble_draft(library, manifest_from_selection(library, ClauseFilter(objectives=(13,)), first), first)
    block = short.blocks[0]
    assert isinstance(block, Div) and block.role == "un-header"
    lines = [plain_text(p.content) for p in block.blocks]
    assert lines[0] == "United Nations" and "Distr.: Limited" in lines and "Zero draft" in lines
    assert not any(isinstance(b, TableOfContents) for b in short.blocks)
    second = assemble_draft(library, manifest_from_selection(library, ClauseFilter(objectives=(13,)), OPTIONS), OPTIONS)
    assert "Draft, version 2" in [plain_text(p.content) for p in second.blocks[0].blocks]
    long = assemble_draft(library, manifest_from_selection(library, ClauseFilter(), OPTIONS), OPTIONS)
    assert long.blocks[0].role == "cover" and isinstance(long.blocks[1], TableOfContents)


def test_example_manifest_with_overrides_brackets_and_attribution(library):
    manifest = load_manifest(ROOT / "examples" / "rev1.yaml")
    document = assemble_draft(library, manifest)
    text = "\n".join(
        plain_text(i.content) for b in iter_blocks(document.blocks) if isinstance(b, ActionList) for i in b.items
    )
    assert "[Find non-custodial alternatives to detention" in text
    assert " / Work towards ending the practice of child detention" in text
    assert "Develop and use non-custodial alternatives to immigration detention" in text
    assert document.meta.version == "1" and document.meta.date == "2026-12-15"


def test_manifest_errors_name_file_and_line(tmp_path, library):
    bad = write(
        tmp_path / "bad.yaml",
        """\
        title: X
        objectives:
          - objective: 13
            actions:
              - alternatives: [only one]
        """,
    )
    with pytest.raises(InputDocumentError, match=r"bad\.yaml:5: .*alternatives need at least two options"):
        load_manifest(bad)
    unknown = write(tmp_path / "unknown.yaml", "objectives:\n  - objective: 24\n")
    with pytest.raises(UsageError, match="unknown objective 24: valid objectives are 1-23"):
        assemble_draft(library, load_manifest(unknown))
    clause = write(tmp_path / "clause.yaml", "objectives:\n  - objective: 13\n    actions:\n      - clause: nope\n")
    with pytest.raises(UsageError, match="no clause with id 'nope'"):
        assemble_draft(library, load_manifest(clause))
    broken = write(tmp_path / "broken.yaml", "objectives: [\n")
    with pytest.raises(InputDocumentError, match=r"broken\.yaml:\d+: malformed YAML"):
        load_manifest(broken)


def test_model_round_trips_through_json(cluster1):
    document = cluster1
    assert document_from_json(document_to_json(document)) == document


def test_objective_brief_keeps_clauses_whose_primary_objective_is_elsewhere(library):
    flt = ClauseFilter(objectives=(13,), kinds=("recommendation", "call_to_action"))
    document = assemble_brief(library, flt, OPTIONS)
    selected = select_clauses(library, flt)
    assert any(c.primary_objective != 13 for c in selected)
    filed = {b.id for b in iter_blocks(document.blocks) if isinstance(b, Para) and b.style == "small"}
    assert filed == {p.id for p in library.positions_covering(selected)}
    headings = [plain_text(b.content) for b in iter_blocks(document.blocks) if isinstance(b, Heading)]
    assert all(not h.startswith("Objective") or h.startswith("Objective 13:") for h in headings)


def test_agreed_wording_excerpt_keeps_the_words_that_answer_the_ask() -> None:
    """A long unit is cut around what it shares with the ask, not at its start: 29(h) opens on
    the best interests of the child and only then says 'working to end the practice of child
    detention', the words a delegate asking for an end to child detention must see."""
    from composer.assemble.gaps import agreed_wording, closest_window

    ask = "End the detention of migrant children on account of their migration status, and commit never to detain a child."
    wording = agreed_wording(ask, "para 29(h)", "weaker")
    assert wording is not None and len(wording.text) > 400
    window, cut_before, _cut_after = closest_window(wording.segments, 400)
    shown = "".join(text for text, _ in window)
    assert "working to end the practice of child detention" in shown
    assert cut_before and len(shown) <= 400
    assert wording.text.startswith("Protect and respect") and not shown.startswith("Protect")
    short = (("States ", False), ("shall", True), (" cooperate.", False))
    assert closest_window(short, 400) == (short, False, False)
