"""``compose diff`` parsed from its Typer declarations without Typer (composer.cli.quick).

The quick reader must give the command exactly the values Typer would, or decline (None) so
that Typer parses; both are checked here against Typer itself on the real ``diff`` declarations.
"""

from __future__ import annotations

import functools
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from composer.cli import compare_cmds, quick

DIFF = quick.declared("compare_cmds.py", "diff")

ROOT = Path(__file__).resolve().parents[1]


def typer_values(args: list[str]) -> dict | None:
    """What Typer passes to ``diff`` for ``args`` (None when Typer refuses them)."""
    seen: dict = {}

    @functools.wraps(compare_cmds.diff)
    def record(**values):  # type: ignore[no-untyped-def]
        seen.update(values)

    app = typer.Typer(add_completion=False)
    app.command("diff")(record)
    app.command("other")(lambda: None)
    try:
        app(["diff", *args], standalone_mode=False)
    except Exception:  # a usage error of any kind (typer.Exit included) means "refused"
        return None
    return seen


HANDLED = [
    ["a.docx", "b.docx"],
    ["a.docx", "b.docx", "--format", "docx"],
    ["a.docx", "b.docx", "--format=docx,pdf", "--out", "out dir"],
    ["--format", "docx", "a.docx", "b.docx", "--date", "2025-12-15"],
    ["a.docx", "-f", "md", "b.docx", "--accept-existing"],
    ["a.docx", "b.docx", "--reject-existing", "--ignore-formatting", "--author", "Mexico"],
    ["a.docx", "b.docx", "--colors", "ins=#1a7f37", "--author="],
    ["-", "b.docx"],
]

DECLINED = [
    ["a.docx"],
    ["a.docx", "b.docx", "c.docx"],
    ["a.docx", "b.docx", "--help"],
    ["a.docx", "b.docx", "--format"],
    ["a.docx", "b.docx", "--format", "docx", "--format", "md"],
    ["a.docx", "b.docx", "--no-such-option"],
    ["a.docx", "b.docx", "--accept-existing=yes"],
    ["a.docx", "b.docx", "--author", "-x"],
    ["a.docx", "b.docx", "-fdocx"],
    ["--", "a.docx", "b.docx"],
]


@pytest.mark.parametrize("args", HANDLED, ids=" ".join)
def test_quick_values_are_typers(args):
    expected = typer_values(args)
    assert expected is not None
    assert quick.parse(DIFF, args) == expected


@pytest.mark.parametrize("args", DECLINED, ids=" ".join)
def test_quick_declines_what_it_does_not_cover(args):
    assert quick.parse(DIFF, args) is None


def test_every_diff_option_is_read_by_the_quick_path():
    """A new option of a kind the quick reader does not know (or not written literally) would
    silently send every diff through Typer (slow); this fails instead."""
    assert DIFF is not None
    assert [p.name for p in DIFF] == list(inspect.signature(compare_cmds.diff).parameters)
    assert quick.parse(DIFF, ["a.docx", "b.docx"]) is not None


def test_global_library_option_from_the_environment(monkeypatch):
    from composer.cli.application import global_options

    params = quick.declared("application.py", "global_options")
    assert [p.name for p in params] == list(inspect.signature(global_options).parameters)
    monkeypatch.delenv("COMPOSER_LIBRARY", raising=False)
    assert quick.parse(params, []) == {"library": None}
    monkeypatch.setenv("COMPOSER_LIBRARY", "/some/where")
    assert quick.parse(params, []) == {"library": "/some/where"}


def test_what_is_not_written_literally_is_left_to_typer(tmp_path, monkeypatch):
    (tmp_path / "cmds.py").write_text(
        "import typer\nAUTHOR = 'x'\n"
        "def one(a: str = typer.Option(AUTHOR, '--a')) -> None: ...\n"
        "def two(a: str = typer.Option('x', '--a', callback=print)) -> None: ...\n"
        "def three(a: int = typer.Option(1, '--a')) -> None: ...\n"
        "def four(a: bool = typer.Option(False, '--a/--no-a')) -> None: ...\n")
    monkeypatch.setattr(quick, "HERE", tmp_path)
    assert quick.declared("cmds.py", "one") is None
    assert quick.declared("cmds.py", "two") is None
    assert quick.parse(quick.declared("cmds.py", "three"), []) is None
    assert quick.parse(quick.declared("cmds.py", "four"), []) is None


def test_quick_diff_imports_no_typer_no_pydantic_no_command_module(tmp_path):
    code = (
        "import sys, json\n"
        "from composer.cli import main\n"
        "try:\n    main(['diff', 'missing-a.txt', 'missing-b.txt'])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "no such file" in done.stderr
    assert not {"typer", "click", "pydantic"} & {m.split(".")[0] for m in loaded}
    assert not {m for m in loaded if m.startswith("composer.cli.") and m.endswith("_cmds")}
