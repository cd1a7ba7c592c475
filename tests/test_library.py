"""The library stage: loading, `compose check` on the bundled library and on broken ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from composer.library import load_library
from composer.taxonomy import load_taxonomy
from tests.conftest import ROOT, SHARED


def test_bundled_library_passes_check(run_cli):
    result = run_cli("--library", str(ROOT), "check")
    assert result.code == 0, result.out + result.err
    assert "0 error(s)" in result.err


def test_bundled_library_covers_every_source_and_the_cluster1_documents():
    library = load_library(ROOT)
    per_source = {s: sum(1 for c in library.clauses if c.source == s) for s in library.sources}
    assert all(count > 0 for count in per_source.values()), per_source
    assert per_source["gfmd2017-c1-brief"] >= 11  # 8 key recommendations (some split) + 3 questions
    questions = [c for c in library.clauses if c.source == "gfmd2017-c1-brief" and c.kind == "guiding_question"]
    assert sorted(c.locator.question for c in questions) == [1, 2, 3]
    recs = {c.locator.recommendation for c in library.clauses if c.locator.recommendation}
    assert recs == set(range(1, 9))


def test_every_quote_is_found_at_its_offset_and_seeds_match_their_hash():
    library = load_library(ROOT)
    for clause in library.clauses:
        seed = library.seeds[clause.source]
        assert clause.start is not None, clause.id
        assert seed[clause.start : clause.start + len(clause.quote)] == clause.quote


def test_seeds_are_byte_identical_to_the_shared_originals():
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds not present")
    library = load_library(ROOT)
    for source in library.sources.values():
        assert (ROOT / source.seed).read_bytes() == (SHARED / "seeds" / source.original_file).read_bytes()
    # the inventory that came with them, byte for byte too, and naming every original the registry cites
    assert (ROOT / "seeds" / "SOURCES.md").read_bytes() == (SHARED / "seeds" / "SOURCES.md").read_bytes()
    inventory = (ROOT / "seeds" / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{source.original_file}`" in inventory for source in library.sources.values())


def test_taxonomy_matches_the_reference_list():
    reference = SHARED / "reference" / "taxonomy.md"
    if not reference.exists():
        pytest.skip("../shared/reference not present")
    text = reference.read_text(encoding="utf-8")
    listed = dict(re.findall(r"(?m)^(\d{1,2})\. (.+)$", text.split("## The six")[0]))
    taxonomy = load_taxonomy()
    assert len(taxonomy.objectives) == 23 and len(taxonomy.clusters) == 6
    for number, objective in taxonomy.objectives.items():
        assert objective.title == listed[str(number)].strip()


def test_json_export_has_provenance_fields(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--cluster", "1", "--json")
    assert result.code == 0, result.err
    records = json.loads(result.out)
    assert records and all(r["cluster"] == 1 for r in records)
    keys = {
        "id",
        "source",
        "seed_file",
        "start",
        "quote",
        "text",
        "kind",
        "actors",
        "objectives",
        "cluster",
        "themes",
        "locator",
        "gcm_refs",
        "gcm_gap",
        "gcm_confirmed",
    }
    for record in records:
        assert keys <= set(record)
        seed = (ROOT / record["seed_file"]).read_text(encoding="utf-8")
        assert seed[record["start"] : record["start"] + len(record["quote"])] == record["quote"]


def test_actor_filter_finds_persons_affiliated_with_a_country(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--actor", "Turkey", "--json")
    assert result.code == 0, result.err
    records = json.loads(result.out)
    library = load_library(ROOT)
    turkish = library.actors.expand("Turkey")
    assert records and all(set(r["actors"]) & turkish for r in records)


# ------------------------------------------------------------------ broken libraries


def _check(run_cli, project: Path):
    return run_cli("--library", str(project), "check")


def _mutate(project: Path, transform) -> None:
    path = project / "clauses" / "test.yaml"
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_small_project_is_valid(run_cli, small_project):
    result = _check(run_cli, small_project)
    assert result.code == 0, result.out


def test_malformed_yaml_names_file_and_line(run_cli, small_project):
    _mutate(
        small_project,
        lambda s: s.replace(
            "kind: recommendation\n    actors: [GFMD]\n    year: 2012",
            "kind: [recommendation\n    actors: [GFMD]\n    year: 2012",
        ),
    )
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert re.search(r"clauses/test\.yaml:\d+: malformed YAML", result.out), result.out
    assert "Traceback" not in result.out + result.err


def test_objective_24_lists_the_valid_objectives(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("objectives: [17]", "objectives: [24]"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if "objective 24" in line)
    assert line.startswith("clauses/test.yaml:")
    assert "valid objectives are 1-23" in line


def test_cluster_7_lists_the_valid_clusters(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("cluster: 1\n    themes: [media]", "cluster: 7\n    themes: [media]"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "cluster 7 is not a thematic cluster; valid clusters are 1 (" in result.out
    assert "6 (Irregular migration and regular pathways)" in result.out


def test_duplicate_id(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("id: c1brief-rec7-media", "id: c1brief-rec4-information-on-rights"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "duplicate id 'c1brief-rec4-information-on-rights' (first defined at clauses/test.yaml:3)" in result.out


def test_unknown_source(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("source: gfmd2017-c1-brief", "source: nowhere"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "unknown source 'nowhere'; valid sources are" in result.out


def test_missing_seed(run_cli, small_project):
    (small_project / "seeds" / "gfmd-2017-gcm-cluster1-briefing-paper.txt").unlink()
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "seed seeds/gfmd-2017-gcm-cluster1-briefing-paper.txt of source 'gfmd2017-c1-brief' is missing" in result.out


def test_changed_seed(run_cli, small_project):
    seed = small_project / "seeds" / "gfmd-2017-gcm-cluster1-briefing-paper.txt"
    seed.write_bytes(seed.read_bytes() + b"\n")
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "no longer matches its sha256" in result.out
    assert result.out.startswith("clauses/sources.yaml:")


def test_quote_not_in_seed_says_where_it_stops_matching(run_cli, small_project):
    _mutate(
        small_project,
        lambda s: s.replace(
            'quote: "Ensure that migrants are provided with comprehensive',
            'quote: "Ensure that migrants are given comprehensive',
        ),
    )
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "quote not found in seeds/gfmd-2017-gcm-cluster1-briefing-paper.txt" in result.out
    assert "seed line" in result.out


def test_wrong_locator_is_caught_against_the_seed(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("{recommendation: 4}", "{recommendation: 5}"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "locator says recommendation 5 but the quote is in recommendation 4" in result.out


def test_reworded_text_is_refused(run_cli, small_project):
    _mutate(
        small_project,
        lambda s: s.replace(
            'text: "Ensure that migrants are provided with comprehensive information relating to their rights',
            'text: "Make sure every migrant receives complete and accessible information about their rights',
        ),
    )
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "text is not a faithful repair of quote" in result.out


def test_repaired_artefacts_are_accepted():
    from composer.library.faithful import compare_text_to_quote

    quote = "IOM s wholeof-government approach 23 to migrants rights\nand **evidencebased** policy"
    text = "IOM's whole-of-government approach to migrants' rights and evidence-based policy"
    assert compare_text_to_quote(quote, text).ok


def test_unknown_actor_suggests_the_registered_name(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("actors: [GFMD]\n    year: 2012", "actors: [Grece]\n    year: 2012"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "actor 'Grece' is not in clauses/actors.yaml; did you mean Greece?" in result.out


def test_unknown_field_and_missing_field(run_cli, small_project):
    _mutate(small_project, lambda s: s.replace("    year: 2012\n", "    yeer: 2012\n"))
    result = _check(run_cli, small_project)
    assert result.code == 1
    assert "unknown field 'yeer'" in result.out
    assert "c1brief-rec7-media: year: Field required" in result.out


def test_schema_is_valid_json_schema_and_matches_files(run_cli):
    result = run_cli("schema")
    schema = json.loads(result.out)
    assert schema["title"] == "compact-composer clause file"
    assert "clauses" in schema["properties"]
    jsonschema = pytest.importorskip("jsonschema")
    for path in (ROOT / "clauses").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "clauses" in data:
            for item in data["clauses"]:
                item.setdefault("source", data.get("source"))
            jsonschema.validate(data, schema)


def test_published_schema_is_up_to_date(run_cli):
    result = run_cli("schema")
    assert (ROOT / "clauses" / "clauses.schema.json").read_text(encoding="utf-8") == result.out
