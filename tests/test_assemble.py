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
from composer.model.document import ActionList, Div, Heading, Para, TableOfContents
from composer.model.jsonio import document_from_json, document_to_json
from composer.model.walk import document_notes, iter_blocks, paragraph_numbers, plain_text
from tests.conftest import ROOT, write

OPTIONS = ComposeOptions(date="2026-11-24", version="2", delegation="Ruritania")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT).raise_if_invalid()


def test_brief_cluster1_has_one_provenance_footnote_per_clause(library):
    flt = ClauseFilter(clusters=(1,))
    document = assemble_brief(library, flt, OPTIONS)
    notes = document_notes(document)
    selected = select_clauses(library, flt)
    cited = [n.provenance.clause_id for n in notes if n.provenance]
    # Every clause appears once with its footnote (positions are a table without notes).
    assert sorted(cited) == sorted(c.id for c in selected)
    recommendations = [c for c in selected if c.kind in ("recommendation", "call_to_action")]
    assert recommendations and all(c.id in cited for c in recommendations)
    for note in notes:
        source = library.source(note.provenance.source_id)
        assert source.short_title in plain_text(note.content)


def test_brief_layout(library):
    document = assemble_brief(library, ClauseFilter(clusters=(1,)), OPTIONS)
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
    for title in ("Scope", "Key recommendations by objective", "Positions by actor", "Annex: Sources"):
        assert title in headings
    assert document.meta.date == "2026-11-24" and document.meta.delegation == "Ruritania"


def test_brief_filters_narrow_and_empty_selection_says_which(library):
    document = assemble_brief(library, ClauseFilter(clusters=(1,), kinds=("guiding_question",)), OPTIONS)
    assert all(n.provenance.clause_id.startswith(("c1", "rt", "idm")) for n in document_notes(document))
    with pytest.raises(UsageError, match=r"no clause matches the selection \(cluster 5, actor Greece"):
        assemble_brief(library, ClauseFilter(clusters=(5,), actors=("Greece",), themes=("media",)), OPTIONS)


def test_brief_needs_a_scope(library):
    with pytest.raises(UsageError, match="--cluster N or --objective N"):
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


def test_model_round_trips_through_json(library):
    document = assemble_brief(library, ClauseFilter(clusters=(1,)), OPTIONS)
    assert document_from_json(document_to_json(document)) == document


def test_objective_brief_keeps_clauses_whose_primary_objective_is_elsewhere(library):
    flt = ClauseFilter(objectives=(13,), kinds=("recommendation", "call_to_action"))
    document = assemble_brief(library, flt, OPTIONS)
    cited = {n.provenance.clause_id for n in document_notes(document)}
    selected = select_clauses(library, flt)
    assert any(c.primary_objective != 13 for c in selected)
    assert cited == {c.id for c in selected}
