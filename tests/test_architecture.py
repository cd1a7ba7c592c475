"""The shape of the code: imports follow the pipeline, and the CLI costs nothing to start.

Spine (after Pandoc): ``errors`` and ``ooxml`` below everything; ``model`` above them;
``library`` and ``read`` on the model; ``assemble``, ``compare`` and ``trace`` on those;
``render`` on top of the stages it draws; the ``cli`` (and the web front end) over all. Every
``import`` in every module is read with :mod:`ast`, at top level and inside functions alike,
and checked against :data:`ALLOWED`; only the front ends may import anything, lazily.
"""

from __future__ import annotations

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
