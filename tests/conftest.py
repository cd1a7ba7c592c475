"""Shared fixtures: the bundled project, a scratch copy of a small library, running the CLI."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from composer.cli import main

# Property tests explore the same examples on every run (CI must not fail by luck of the draw);
# `pytest --hypothesis-profile=explore` searches afresh.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys):
    """Run ``compose ARGS`` in-process; return exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


SMALL_CLAUSES = """\
source: gfmd2017-c1-brief
clauses:
  - id: c1brief-rec4-information-on-rights
    locator: {recommendation: 4}
    quote: "Ensure that migrants are provided with comprehensive information relating to their rights and access to justice."
    text: "Ensure that migrants are provided with comprehensive information relating to their rights and access to justice."
    kind: recommendation
    actors: [GFMD]
    year: 2008
    objectives: [3, 7]
    cluster: 1
    themes: [access-to-justice]
    draft_text: "Provide migrants with comprehensive information on their rights and on access to justice"
  - id: c1brief-rec7-media
    locator: {recommendation: 7}
    quote: "Effective engagement with and through the media was identified as key to building and sustaining the essential public support for effective migration policies. (2012)"
    text: "Effective engagement with and through the media was identified as key to building and sustaining the essential public support for effective migration policies. (2012)"
    kind: recommendation
    actors: [GFMD]
    year: 2012
    objectives: [17]
    cluster: 1
    themes: [media]
    draft_text: "Engage with and through the media to build public support for effective migration policies"
"""


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A project folder with the real registries and seeds and two known-good clauses."""
    (tmp_path / "clauses").mkdir()
    for name in ("sources.yaml", "actors.yaml"):
        shutil.copy(ROOT / "clauses" / name, tmp_path / "clauses" / name)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "clauses" / "test.yaml").write_text(SMALL_CLAUSES, encoding="utf-8")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
