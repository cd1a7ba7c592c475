"""The shape of the code: imports follow the pipeline, and the CLI costs nothing to start.

Spine (after Pandoc): ``errors`` and ``ooxml`` below everything; ``model`` above them;
``library`` and ``read`` on the model; ``assemble``, ``compare`` and ``trace`` on those;
``render`` on top of the stages it draws; the ``cli`` (and the web front end) over all. Every
``import`` in every module is read with :mod:`ast`, at top level and inside functions alike,
and checked against :data:`ALLOWED`; only the front ends may import anything, lazily.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "composer"

HEAVY = ("docx", "lxml", "jinja2", "weasyprint", "pydantic", "matplotlib", "rich")


def test_import_composer_cli_loads_no_heavy_library():
    code = (
        "import sys, json; import composer.cli; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_compose_help_loads_no_heavy_library():
    code = (
        "import sys, json\n"
        "from composer.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as exc:\n    assert exc.code in (0, None)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "Usage: compose" in done.stdout
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


# ---------------------------------------------------------------- the import spine

#: Which composer packages (or top-level modules) each one may import. Anything not listed for
#: a package is against the spine. Front ends (cli, web, __main__) may import everything.
#: Below everything: errors, where data lives, guarded file reading, signal handling; then the
#: atomic writer, the OOXML layer and the package data every stage may use.
BASE = {"errors", "paths", "safefile", "signals"}
FOUNDATION = BASE | {"atomic", "ooxml", "data"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "paths": set(),
    "data": set(),
    "safefile": {"errors"},
    "signals": {"errors"},
    "atomic": set(BASE),
    "ooxml": set(BASE),
    "model": set(FOUNDATION),
    "taxonomy": set(FOUNDATION),
    "templating": set(FOUNDATION),
    "compact": FOUNDATION | {"model"},
    "library": FOUNDATION | {"model", "taxonomy", "compact"},
    "read": FOUNDATION | {"model"},
    "trace": FOUNDATION | {"model", "taxonomy", "compact", "library"},
    "assemble": FOUNDATION | {"model", "taxonomy", "compact", "templating", "library", "trace"},
    "compare": FOUNDATION | {"model", "read"},
    "history": FOUNDATION | {"model", "read", "compare", "compact", "library", "assemble"},
    "wml": FOUNDATION | {"model", "compare"},
    # Writers draw the model (and the comparison's result); the DOCX redline reuses the reader's
    # record of a DOCX's own package (read.source), the one reader module a writer may name.
    "render": FOUNDATION | {"model", "taxonomy", "compact", "templating", "compare", "history", "wml", "read.source"},
    "output": FOUNDATION | {"model", "render"},
}
FRONT_ENDS = {"cli", "web", "__main__"}


def _utilities() -> set[str]:
    """Top-level single modules not named above (``dates.py``, ...): small helpers every stage may
    use, provided they themselves import only :data:`BASE`."""
    names = {p.stem for p in PACKAGE.glob("*.py")} - set(ALLOWED) - FRONT_ENDS - {"__init__"}
    return names


UTILITIES = _utilities()
for _name in UTILITIES:
    ALLOWED[_name] = set(BASE)
for _name, _allowed_set in ALLOWED.items():
    if _name not in BASE and _name not in UTILITIES and _name not in ("atomic", "ooxml", "data"):
        _allowed_set |= UTILITIES


def _unit(module: str) -> str:
    """``composer.read.docx_reader`` -> ``read``; top-level modules name themselves."""
    return module.split(".")[1] if module.count(".") >= 1 else module


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``composer.*`` module imported by ``path`` (top level and inside functions), with its line."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    if path.name == "__init__.py":
        package = module.rsplit(".", 1)[0] if module.endswith(".__init__") else module
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names if target == "composer"]
    return [(line, name) for line, name in found if name == "composer" or name.startswith("composer.")]


def _allowed(source_unit: str, target: str) -> bool:
    if target in ("composer", "composer.__init__"):
        return True
    target_unit = _unit(target)
    if target_unit == source_unit:
        return True
    allowed = ALLOWED[source_unit]
    dotted = target.removeprefix("composer.")
    return target_unit in allowed or any(dotted == a or dotted.startswith(a + ".") for a in allowed if "." in a)


def spine_violations() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        parts = relative.with_suffix("").parts
        source_unit = parts[1] if len(parts) > 1 else parts[0]
        if source_unit in FRONT_ENDS or source_unit == "__init__":
            continue
        if source_unit not in ALLOWED:
            problems.append(f"{relative}: package {source_unit!r} has no place in the spine (add it to ALLOWED)")
            continue
        for line, target in _imports(path):
            if not _allowed(source_unit, target):
                problems.append(f"{relative}:{line}: {source_unit} imports {target}")
    return problems


def test_imports_follow_the_spine():
    assert spine_violations() == []


def test_the_spine_has_no_cycle():
    graph = {unit: {a.split(".")[0] for a in allowed} - {unit} for unit, allowed in ALLOWED.items()}
    state: dict[str, int] = {}

    def visit(unit: str, trail: tuple[str, ...]) -> None:
        assert state.get(unit) != 1, f"cycle: {' -> '.join((*trail, unit))}"
        if state.get(unit) == 2:
            return
        state[unit] = 1
        for target in sorted(graph.get(unit, ())):
            visit(target, (*trail, unit))
        state[unit] = 2

    for unit in sorted(graph):
        visit(unit, ())


def test_the_spine_checker_catches_a_bad_import(tmp_path):
    """The checker is not vacuous: a reader importing a writer, or any stage importing the CLI, fails."""
    assert not _allowed("read", "composer.render.docx.bookmarks")
    assert not _allowed("library", "composer.cli.common")
    assert not _allowed("library", "composer.trace.merge")
    assert not _allowed("ooxml", "composer.model.document")
    assert not _allowed("render", "composer.read.docx_reader")
    assert _allowed("render", "composer.read.source")
    assert _allowed("assemble", "composer.library.models")


# ---------------------------------------------------------------- facts live on the node


def test_reader_facts_travel_with_a_copied_block():
    """Pandoc's Attr: a copy of a block read from DOCX keeps its facts (no id(block) side table)."""
    import copy
    import dataclasses
    import io

    import docx

    from composer.read.docx_reader import read_docx
    from composer.read.source import BlockSource, as_source

    word = docx.Document()
    for text in ("First", "Second"):
        word.add_paragraph(text, style="List Number")
    buffer = io.BytesIO()
    word.save(buffer)
    source = read_docx(buffer.getvalue(), "numbered.docx")
    para = source.document.blocks[1]
    facts = source.source_of(para)
    assert para.label == "2." and facts.auto_label and facts.ppr and b"pStyle" in facts.ppr
    for twin in (copy.deepcopy(para), dataclasses.replace(para)):
        assert BlockSource.of(twin) == facts
    assert as_source(source) is source
    assert as_source(source.document).document is source.document
