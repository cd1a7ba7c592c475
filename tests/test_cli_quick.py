"""``compose diff`` parsed from its Typer declarations without Typer (composer.cli.quick).

The quick reader must give the command exactly the values Typer would, or decline (None) so
that Typer parses; both are checked here against Typer itself on the real ``diff`` signature.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from composer.cli import compare_cmds, quick

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
    assert quick.parse(compare_cmds.diff, args) == expected


@pytest.mark.parametrize("args", DECLINED, ids=" ".join)
def test_quick_declines_what_it_does_not_cover(args):
    assert quick.parse(compare_cmds.diff, args) is None


def test_every_diff_option_is_read_by_the_quick_path():
    """A new option of a kind the quick reader does not know would silently send every diff
    through Typer (slow); this fails instead."""
    assert quick.parse(compare_cmds.diff, ["a.docx", "b.docx"]) is not None


def test_global_library_option_from_the_environment(monkeypatch):
    from composer.cli.application import global_options

    monkeypatch.delenv("COMPOSER_LIBRARY", raising=False)
    assert quick.defaults(global_options) == {"library": None}
    monkeypatch.setenv("COMPOSER_LIBRARY", "/some/where")
    assert quick.defaults(global_options) == {"library": "/some/where"}


def test_quick_diff_imports_no_other_command_and_no_pydantic(tmp_path):
    code = (
        "import sys, json\n"
        "from composer.cli import main\n"
        "try:\n    main(['diff', 'missing-a.txt', 'missing-b.txt'])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "no such file" in done.stderr
    assert "pydantic" not in loaded
    assert not {m for m in loaded if m.startswith("composer.cli.") and m.endswith("_cmds")} - {"composer.cli.compare_cmds"}
