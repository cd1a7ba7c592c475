"""Locator patterns are data a curator types: none may hang ``compose check`` (issue 15, section 3).

Patterns are compiled by RE2 (linear time); what RE2 cannot run in linear time is refused with
``sources.yaml:line``, and a pattern that would backtrack for hours under Python's engine
finishes at once.
"""

from __future__ import annotations

import re

import pytest

from tests.hostile.harness import assert_clean, run_compose

FIRST_PATTERN = "pattern: '(?m)^(\\d+)\\. '"


def _set_pattern(project, pattern: str) -> None:
    path = project / "clauses" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    assert FIRST_PATTERN in text
    quoted = pattern.replace("'", "''")
    path.write_text(text.replace(FIRST_PATTERN, f"pattern: '{quoted}'", 1), encoding="utf-8")


CATASTROPHIC = ["(?:\\S+\\s*)+QQQ(\\d)", "(?m)^((a|aa)+)$", "(\\w+\\s?)+X(\\d)", "((?:.*)*)Z(\\d)", "(.*,){30}Q(\\d)"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_backtracking_patterns_cannot_hang_check(small_project, pattern):
    _set_pattern(small_project, pattern)
    run = run_compose("--library", small_project, "check", timeout=45)
    assert not run.timed_out and "Traceback" not in run.err, run.err
    assert run.code in (0, 1)


REFUSED = [
    ("(?<=Para )(\\d+)", "look-around"),
    ("(?=x)(\\d+)", "look-around"),
    ("(\\d)\\1", "back-references"),
    ("\\d+", "needs a group"),
    ("(\\d+", "invalid"),
    ("[z-a](\\d)", "invalid"),
    ("(?P<n>\\d)(?P=n)", "invalid"),
]


@pytest.mark.parametrize(("pattern", "words"), REFUSED)
def test_unsupported_patterns_are_refused_with_file_and_line(run_cli, small_project, pattern, words):
    _set_pattern(small_project, pattern)
    result = run_cli("--library", str(small_project), "check")
    assert result.code == 1
    problems = [line for line in result.out.splitlines() if "sources.yaml" in line]
    assert problems and re.match(r"clauses/sources\.yaml:\d+: ", problems[0]), result.out
    assert words in problems[0], problems
    assert "re2.cc" not in result.err and "absl" not in result.err


def test_the_bundled_library_patterns_still_derive_their_locators(small_project):
    run = run_compose("--library", small_project, "check", timeout=60)
    assert_clean(run)
