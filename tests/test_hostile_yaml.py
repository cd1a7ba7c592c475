"""Hostile YAML: the library and draft manifests refuse, with file:line, what PyYAML or pydantic
would otherwise crash on or silently change (issue 15, sections 2 and 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.harness import assert_refused, run_compose

CLAUSE = "c1brief-rec4-information-on-rights"

# (case id, text to replace in the small project's clause file, replacement, a marker on the line
# the problem must name, words the message must hold)
CLAUSE_CASES = [
    ("invalid-unquoted-date", "    year: 2008\n", "    year: 2008\n    draft_date: 2026-13-45\n", "2026-13-45", "not a valid date"),
    ("invalid-date-as-year", "    year: 2008\n", "    year: 2026-13-45\n", "2026-13-45", "not a valid date"),
    ("duplicate-key", "    kind: recommendation\n    actors: [GFMD]\n    year: 2008",
     "    kind: recommendation\n    kind: principle\n    actors: [GFMD]\n    year: 2008", "principle", "duplicate key 'kind'"),
    ("duplicate-top-key", "source: gfmd2017-c1-brief\n", "source: gfmd2017-c1-brief\nsource: gfmd2017-c1-report\n",
     "c1-report", "duplicate key 'source'"),
    ("bool-objective", "objectives: [3, 7]", "objectives: [true]", "[true]", "valid integer"),
    ("string-cluster", "    cluster: 1\n    themes: [access", '    cluster: "1"\n    themes: [access', 'cluster: "1"', "valid integer"),
    ("string-year", "    year: 2008", '    year: "2008"', '"2008"', "valid integer"),
    ("float-cluster", "    cluster: 1\n    themes: [access", "    cluster: 1.0\n    themes: [access", "1.0", "valid integer"),
    ("duplicate-objective", "objectives: [3, 7]", "objectives: [3, 3]", "[3, 3]", "listed twice"),
    ("set-tag", "themes: [access-to-justice]", "themes: !!set {access-to-justice}", "!!set", "!!set"),
    ("binary-tag", 'text: "Ensure that migrants are provided', 'text: !!binary "RW5zdXJl"\n    x: "Ensure that migrants are provided', "!!binary",
     "!!binary"),
    ("python-tag", "kind: recommendation\n    actors: [GFMD]\n    year: 2008",
     "kind: !!python/object:os.system recommendation\n    actors: [GFMD]\n    year: 2008", "!!python", "malformed yaml"),
    ("custom-tag", "    year: 2008", "    year: !year 2008", "!year", "malformed yaml"),
    ("escape-in-text", 'text: "Ensure that migrants', 'text: "\\e[31mEnsure that migrants', "\\e[31m", "U+001B"),
    ("nul-in-quote", 'quote: "Ensure that migrants', 'quote: "\\0Ensure that migrants', "\\0Ensure", "U+0000"),
    ("vertical-tab-in-draft", 'draft_text: "Provide migrants', 'draft_text: "\\vProvide migrants', "\\vProvide", "U+000B"),
    ("c1-in-theme", "themes: [access-to-justice]", 'themes: ["access\\x9bto-justice"]', "x9b", "U+009B"),
    ("norway-no", "actors: [GFMD]\n    year: 2008", "actors: [NO]\n    year: 2008", "[NO]", "valid string"),
]


@pytest.mark.parametrize(("case", "old", "new", "marker", "words"), CLAUSE_CASES, ids=[c[0] for c in CLAUSE_CASES])
def test_hostile_clause_file_is_refused_with_file_and_line(run_cli, small_project, case, old, new, marker, words):
    path = small_project / "clauses" / "test.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, case
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.splitlines(), 1) if marker in content)
    result = run_cli("--library", str(small_project), "check")
    assert result.code == 1, (result.out, result.err)
    problems = [line_ for line_ in result.out.splitlines() if line_.strip()]
    assert problems, result.err
    assert any(p.startswith(f"clauses/test.yaml:{line}:") and words.lower() in p.lower() for p in problems), problems
    assert "\x1b" not in result.out + result.err


def test_invalid_date_in_sources_is_one_problem(run_cli, small_project):
    path = small_project / "clauses" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^(    date: ).*$", r"\g<1>2026-13-45", text, count=1)
    path.write_text(new, encoding="utf-8")
    result = run_cli("--library", str(small_project), "check")
    assert result.code == 1
    assert re.search(r"clauses/sources\.yaml:\d+: .*'2026-13-45' is not a valid date", result.out), result.out


def test_valid_unquoted_dates_stay_as_written(run_cli, small_project):
    result = run_cli("--library", str(small_project), "check")
    assert result.code == 0, result.out
    from composer.library.yamlio import safe_load

    assert safe_load("d: 2016-12-05\nt: 2016-12-05T10:00:00Z\nm: 2016-12") == {
        "d": "2016-12-05", "t": "2016-12-05T10:00:00Z", "m": "2016-12"}


def test_merge_keys_are_not_duplicates():
    from composer.library.yamlio import safe_load

    assert safe_load("a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  x: 3\n")["b"] == {"x": 3, "y": 2}


def _write_manifest(folder: Path, body: str) -> Path:
    path = folder / "m.yaml"
    path.write_text(body, encoding="utf-8")
    return path


MANIFEST_CASES = [
    ("no-objectives", "title: T\nobjectives: []\n", "m.yaml:2", "at least one objective"),
    ("objectives-missing", "title: T\n", "m.yaml:1", "objectives"),
    ("duplicate-objective",
     f"objectives:\n  - objective: 3\n    actions: [{{clause: {CLAUSE}}}]\n  - objective: 3\n    actions: [{{text: x}}]\n",
     "m.yaml:4", "objective 3 is listed twice"),
    ("duplicate-action-id",
     "objectives:\n  - objective: 3\n    actions:\n      - {id: a1, text: one}\n      - {id: a1, text: two}\n",
     "m.yaml:5", "action id 'a1' is used twice"),
    ("duplicate-clause-action",
     f"objectives:\n  - objective: 3\n    actions:\n      - {{clause: {CLAUSE}}}\n      - {{clause: {CLAUSE}}}\n",
     "m.yaml:5", "used twice"),
    ("bool-objective", "objectives:\n  - objective: true\n    actions: [{text: x}]\n", "m.yaml:2", "valid integer"),
    ("string-objective", "objectives:\n  - objective: \"3\"\n    actions: [{text: x}]\n", "m.yaml:2", "valid integer"),
    ("unknown-objective", "objectives:\n  - objective: 99\n    actions: [{text: x}]\n", "", "unknown objective 99"),
    ("invalid-unquoted-date", "date: 2026-13-45\nobjectives:\n  - objective: 3\n    actions: [{text: x}]\n",
     "m.yaml:1", "not a valid date"),
    ("invalid-quoted-date", "date: \"2026-13-45\"\nobjectives:\n  - objective: 3\n    actions: [{text: x}]\n",
     "m.yaml:1", "date"),
    ("duplicate-key", "title: A\ntitle: B\nobjectives:\n  - objective: 3\n    actions: [{text: x}]\n",
     "m.yaml:2", "duplicate key 'title'"),
    ("escape-in-text", "objectives:\n  - objective: 3\n    actions: [{text: \"a\\eb\"}]\n", "m.yaml:3", "U+001B"),
    ("nul-in-title", "title: \"a\\0b\"\nobjectives:\n  - objective: 3\n    actions: [{text: x}]\n", "m.yaml:1", "U+0000"),
    ("top-level-list", "- objective: 3\n", "m.yaml:1", "valid dictionary"),
    ("empty-file", "", "m.yaml", ""),
]


@pytest.mark.parametrize(("case", "body", "where", "words"), MANIFEST_CASES, ids=[c[0] for c in MANIFEST_CASES])
def test_hostile_manifest_is_refused_in_one_line(run_cli, small_project, tmp_path, case, body, where, words):
    manifest = _write_manifest(tmp_path, body)
    result = run_cli("--library", str(small_project), "draft", str(manifest), "--format", "md", "--out",
                     str(tmp_path / "out"))
    assert result.code in (1, 2), (case, result.out, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert where in lines[0] and words.lower() in lines[0].lower(), lines[0]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_manifest_with_702_and_more_actions_is_lettered_beyond_zz(run_cli, small_project, tmp_path):
    actions = "".join(f"      - {{text: 'Action number {n}'}}\n" for n in range(1, 731))
    manifest = _write_manifest(tmp_path, f"date: '2026-01-02'\nobjectives:\n  - objective: 3\n    actions:\n{actions}")
    result = run_cli("--library", str(small_project), "draft", str(manifest), "--format", "md", "--out",
                     str(tmp_path / "out"))
    assert result.code == 0, result.err
    text = (tmp_path / "out" / "draft-m.md").read_text(encoding="utf-8")
    assert re.search(r"\(zz\)\s+Action number 702", text) and re.search(r"\(aaa\)\s+Action number 703", text)
    assert re.search(r"\(abb\)\s+Action number 730", text)


def test_action_letters_never_run_out():
    from composer.model.walk import action_letter

    assert [action_letter(i) for i in (0, 25, 26, 701, 702, 18277, 18278)] == [
        "a", "z", "aa", "zz", "aaa", "zzz", "aaaa"]


def test_alias_bomb_is_bounded(small_project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    (small_project / "clauses" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    run = run_compose("--library", small_project, "check", timeout=60, memory=1536 * 1024 * 1024)
    assert_refused(run, lines=None)
    assert "bomb.yaml" in run.out


def test_deep_nesting_is_refused(small_project):
    (small_project / "clauses" / "deep.yaml").write_text("a: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    run = run_compose("--library", small_project, "check", timeout=60)
    assert_refused(run, lines=None)
    assert "deep.yaml" in run.out
