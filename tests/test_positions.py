"""Positions (clauses making the same ask), quote overlaps, and who said it: each way a curator
can break ``clauses/positions.yaml`` or an attribution is caught by ``compose check``."""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.library.loader import load_library
from composer.library.suggest import candidate_groups, normalise
from tests.conftest import SMALL_CLAUSES

ROOT = Path(__file__).resolve().parents[1]

# A third clause quoting part of rec 4's sentence, and a fourth with rec 7's objective and kind.
EXTRA_CLAUSES = """\
  - id: c1brief-rec4-information-overlap
    locator: {recommendation: 4}
    quote: "Ensure that migrants are provided with comprehensive information"
    text: "Ensure that migrants are provided with comprehensive information"
    kind: recommendation
    actors: [GFMD]
    year: 2008
    objectives: [3]
    cluster: 1
    themes: [access-to-justice]
    draft_text: "Provide migrants with comprehensive information"
"""


def _write_positions(project: Path, text: str) -> None:
    (project / "clauses" / "positions.yaml").write_text(text, encoding="utf-8")


def _messages(project: Path) -> list[str]:
    return [str(p) for p in load_library(project).problems]


def _errors(project: Path) -> list[str]:
    return [str(p) for p in load_library(project).errors]


@pytest.fixture
def project(small_project: Path) -> Path:
    (small_project / "clauses" / "test.yaml").write_text(SMALL_CLAUSES + EXTRA_CLAUSES, encoding="utf-8")
    _write_positions(
        small_project,
        """\
positions:
  - id: information-on-rights
    wording: "Provide migrants with comprehensive information on their rights"
    objective: 3
    kind: recommendation
    members: [c1brief-rec4-information-on-rights, c1brief-rec4-information-overlap]
    confirmed: true
splits:
  - members: [c1brief-rec4-information-on-rights, c1brief-rec4-information-overlap]
    reason: test
""",
    )
    return small_project


def test_valid_positions_file_loads_and_answers_position_of(project):
    library = load_library(project)
    assert library.errors == [], library.errors
    position = library.position_of("c1brief-rec4-information-overlap")
    assert position is not None and position.id == "information-on-rights" and position.confirmed
    assert library.position_of("c1brief-rec7-media") is None


def test_positions_covering_makes_one_member_positions_for_the_rest(project):
    library = load_library(project)
    covering = library.positions_covering(library.clauses)
    assert [p.id for p in covering] == ["information-on-rights", "c1brief-rec7-media"]
    alone = covering[1]
    assert alone.members == ["c1brief-rec7-media"] and not alone.confirmed
    assert alone.wording == library.clause("c1brief-rec7-media").operative_text
    only_one = library.positions_covering([library.clause("c1brief-rec4-information-overlap")])
    assert only_one[0].id == "information-on-rights"
    assert only_one[0].members == ["c1brief-rec4-information-overlap"]


def test_dangling_member_id(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    _write_positions(
        project, text.replace("c1brief-rec4-information-overlap]\n    confirmed", "c1brief-rec4-nope]\n    confirmed")
    )
    assert any(
        "positions.yaml:6: position information-on-rights: member 'c1brief-rec4-nope' is not a clause id" in m
        for m in _errors(project)
    ), _errors(project)


def test_dangling_split_member(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    _write_positions(
        project, text.replace("c1brief-rec4-information-overlap]\n    reason", "c1brief-missing]\n    reason")
    )
    errors = _errors(project)
    assert any("split: member 'c1brief-missing' is not a clause id" in m for m in errors), errors


def test_clause_in_two_positions(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    second = """\
  - id: information-again
    wording: "Inform migrants"
    objective: 3
    kind: recommendation
    members: [c1brief-rec4-information-on-rights]
"""
    _write_positions(project, text.replace("splits:", second + "splits:"))
    errors = _errors(project)
    assert any(
        "position information-again: clause c1brief-rec4-information-on-rights is already a member of position "
        "information-on-rights" in m
        for m in errors
    ), errors


def test_members_disagree_on_objective_and_kind(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    _write_positions(
        project,
        text.replace("c1brief-rec4-information-overlap]", "c1brief-rec4-information-overlap, c1brief-rec7-media]"),
    )
    errors = _errors(project)
    assert any("member c1brief-rec7-media has primary objective 17, the position says 3" in m for m in errors), errors
    _write_positions(project, text.replace("kind: recommendation", "kind: call_to_action"))
    errors = _errors(project)
    assert sum("is a recommendation, the position says call_to_action" in m for m in errors) == 2, errors


def test_duplicate_position_id_and_position_named_like_a_clause(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    extra = """\
  - id: information-on-rights
    wording: "Again"
    objective: 17
    kind: recommendation
    members: [c1brief-rec7-media]
  - id: c1brief-rec7-media
    wording: "Media"
    objective: 17
    kind: recommendation
    members: []
"""
    _write_positions(project, text.replace("splits:", extra + "splits:"))
    messages = _messages(project)
    assert any("members: List should have at least 1 item" in m for m in messages), messages
    _write_positions(
        project,
        text.replace(
            "splits:", extra.replace("members: []", "members: [c1brief-rec4-information-on-rights]") + "splits:"
        ),
    )
    errors = _errors(project)
    assert any("position information-on-rights: duplicate position id" in m for m in errors), errors
    assert any("position c1brief-rec7-media: a position id must not be a clause id" in m for m in errors), errors


def test_unknown_field_and_bad_objective_in_positions_file(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    _write_positions(project, text.replace("confirmed: true", "confirmed: true\n    supporters: [GFMD]"))
    assert any("positions.yaml:8: positions.supporters: unknown field 'supporters'" in m for m in _errors(project))
    _write_positions(project, text.replace("objective: 3", "objective: 24"))
    assert any("objective 24 is not a GCM objective" in m for m in _errors(project))


def test_overlapping_quotes_need_a_declared_split(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    _write_positions(project, text.split("splits:")[0])
    errors = _errors(project)
    pair = ("c1brief-rec4-information-overlap", "c1brief-rec4-information-on-rights")
    assert any(
        "quotes offsets" in m and "overlapping" in m and all(clause_id in m for clause_id in pair) for m in errors
    ), errors


def test_identical_spans_are_named_as_such(project):
    test_yaml = project / "clauses" / "test.yaml"
    twin = EXTRA_CLAUSES.replace("information-overlap", "information-twin").replace(
        '"Ensure that migrants are provided with comprehensive information"',
        '"Ensure that migrants are provided with comprehensive information relating to their rights and access to justice."',
    )
    test_yaml.write_text(SMALL_CLAUSES + twin, encoding="utf-8")
    _write_positions(project, "positions: []\n")
    errors = _errors(project)
    assert any(
        "c1brief-rec4-information-twin: quotes the same span c1brief-rec4-information-on-rights" in m for m in errors
    ) or any(
        "c1brief-rec4-information-on-rights: quotes the same span c1brief-rec4-information-twin" in m for m in errors
    ), errors


def test_a_split_that_does_not_overlap_is_a_warning(project):
    text = (project / "clauses" / "positions.yaml").read_text()
    _write_positions(
        project, text + "  - members: [c1brief-rec4-information-on-rights, c1brief-rec7-media]\n    reason: stale\n"
    )
    library = load_library(project)
    assert library.errors == []
    warnings = [str(p) for p in library.problems if not p.is_error]
    assert any(
        "positions.yaml:11: warning: split c1brief-rec4-information-on-rights, c1brief-rec7-media" in w
        for w in warnings
    ), warnings


def test_check_exits_non_zero_on_a_broken_positions_file(run_cli, project):
    _write_positions(
        project,
        "positions:\n  - id: x\n    wording: y\n    objective: 3\n    kind: recommendation\n    members: [nope]\n",
    )
    result = run_cli("--library", str(project), "check")
    assert result.code == 1
    assert "position x: member 'nope' is not a clause id" in result.out
    assert "Traceback" not in result.out + result.err


# --- who said it ------------------------------------------------------------------------------


def _replace_actors(project: Path, old: str, new: str) -> None:
    path = project / "clauses" / "test.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_capacity_and_mentioned_are_read(project):
    _replace_actors(
        project,
        "actors: [GFMD]\n    year: 2012",
        "actors: [Greece]\n    capacity: co-chair\n    mentioned: [IOM]\n    year: 2012",
    )
    library = load_library(project)
    assert library.errors == [], library.errors
    media = library.clause("c1brief-rec7-media")
    assert (media.actors, media.capacity, media.mentioned) == (["Greece"], "co-chair", ["IOM"])


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        ("[co-chairs]", "actor 'co-chairs' is a capacity, not an actor: write `capacity: co-chair`"),
        ("[Rapporteur]", "actor 'Rapporteur' is a capacity, not an actor: write `capacity: rapporteur`"),
        (
            "[Mehmet Samsar, Turkey]",
            "'Turkey' is Mehmet Samsar's affiliation and follows from it; list only 'Mehmet Samsar'",
        ),
        ("[GFMD, GFMD]", "actor 'GFMD' is listed twice"),
    ],
)
def test_bad_speaker_lists(project, actors, expected):
    _replace_actors(project, "actors: [GFMD]\n    year: 2012", f"actors: {actors}\n    year: 2012")
    errors = _errors(project)
    assert any(expected in m for m in errors), errors


def test_speaker_also_mentioned_and_unknown_mentioned_actor(project):
    _replace_actors(
        project, "actors: [GFMD]\n    year: 2012", "actors: [GFMD]\n    mentioned: [GFMD, Grece]\n    year: 2012"
    )
    errors = _errors(project)
    assert any("'GFMD' is both a speaker (actors) and merely mentioned (mentioned)" in m for m in errors), errors
    assert any("mentioned actor 'Grece' is not in clauses/actors.yaml; did you mean Greece?" in m for m in errors), (
        errors
    )


def test_unknown_capacity_is_refused(project):
    _replace_actors(
        project, "actors: [GFMD]\n    year: 2012", "actors: [GFMD]\n    capacity: moderator\n    year: 2012"
    )
    assert any(
        "capacity: Input should be 'chair', 'co-chair', 'rapporteur' or 'panellist'" in m for m in _errors(project)
    )


def test_every_actor_needs_a_role_and_every_source_its_reporting(small_project):
    actors = small_project / "clauses" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace("{name: Greece, kind: state, role: state}", "{name: Greece, kind: state}")
    )
    sources = small_project / "clauses" / "sources.yaml"
    sources.write_text(sources.read_text().replace("    reporting: summary\n", "", 1))
    messages = _messages(small_project)
    assert any("actors.yaml" in m and "role: Field required" in m for m in messages), messages
    assert any("sources.yaml" in m and "reporting: Field required" in m for m in messages), messages


# --- the bundled library -----------------------------------------------------------------------


def test_bundled_library_has_roles_reporting_and_clean_attributions():
    library = load_library(ROOT)
    assert library.errors == []
    assert all(a.role for a in library.actors.actors.values())
    assert {s.reporting for s in library.sources.values()} <= {"summary", "verbatim"}
    assert library.actors.role_of("Bart Somers") == "local-authority"
    assert library.actors.affiliation_of("Bart Somers") == "Mechelen"
    unicef = library.clause("idm27-p38-evidence-on-children-for-policymakers")
    assert "IOM" not in unicef.actors and "IOM" in unicef.mentioned
    chair = library.clause("c1report-para3-adhere-cmw")
    assert chair.actors == ["Mehmet Samsar"] and chair.capacity == "chair"


def test_bundled_cluster1_positions_cover_the_known_repeats():
    library = load_library(ROOT)
    uac = library.position_of("idm27-p64-unaccompanied-children")
    assert uac is not None
    assert {
        "idm27-p38-compact-protect-unaccompanied-children",
        "idm27-p40-compact-address-uac-civil-society-holy-see",
    } <= set(uac.members)
    detention = library.position_of("rt2-22-cmw-ban-child-detention")
    assert detention is not None and "idm27-p42-sweden-end-child-detention" in detention.members
    assert library.position_of("c1report-para19-alternatives-to-detention") is None
    assert any("c1report-para19-alternatives-to-detention" in split.members for split in library.splits)


# --- candidates -------------------------------------------------------------------------------


def test_candidates_link_near_duplicates_of_one_objective_and_kind(project):
    library = load_library(project)
    rec4 = library.clause("c1brief-rec4-information-on-rights")
    overlap = library.clause("c1brief-rec4-information-overlap")
    media = library.clause("c1brief-rec7-media")
    groups = candidate_groups([rec4, overlap, media], threshold=70)
    assert [sorted(c.id for c in g.members) for g in groups] == [sorted([rec4.id, overlap.id])]
    assert groups[0].best_score >= 90
    assert candidate_groups([rec4, overlap, media], threshold=101) == []


def test_normalise_drops_function_words_and_punctuation():
    assert normalise("Ratify the Convention, and implement it!") == "ratify convention implement it"


def test_a_text_opening_with_its_speakers_label_is_an_error(project):
    labelled = """\
  - id: rt2-22-greece-labelled
    source: gfmd2016-rt2
    locator: {roundtable: "2.2"}
    quote: "Greece : Questioned the commitment of countries with regard to the Convention on Rights of\\nMigrant Workers and their families."
    text: "Greece: Questioned the commitment of countries with regard to the Convention on Rights of Migrant Workers and their families."
    kind: guiding_question
    actors: [Greece]
    year: 2016
    objectives: [6]
    cluster: 1
    themes: [ratification]
"""
    path = project / "clauses" / "test.yaml"
    path.write_text(path.read_text() + labelled, encoding="utf-8")
    errors = _errors(project)
    assert any("rt2-22-greece-labelled: text starts with the speaker's label 'Greece:'" in m for m in errors), errors
    path.write_text(path.read_text().replace('"Greece : Q', '"Q').replace('"Greece: Q', '"Q'), encoding="utf-8")
    assert _errors(project) == []


def test_suggest_command_lists_candidates_for_a_curator(project, capsys):
    from composer.library.suggest import main

    (project / "clauses" / "positions.yaml").write_text("positions: []\n", encoding="utf-8")
    assert main(["--library", str(project), "--cluster", "1", "--threshold", "70"]) == 0
    out = capsys.readouterr()
    assert "- members:" in out.out and "c1brief-rec4-information-overlap" in out.out
    assert "c1brief-rec7-media" not in out.out
    assert "1 candidate group(s)" in out.err
