"""Build step that makes the wheel carry the bundled data (everything else is in pyproject.toml).

The repository keeps ``clauses/``, ``seeds/`` and ``templates/`` at the top level, where a curator
edits them; an installed package has no top level. So ``build_py`` copies the three folders into
the built package as ``composer/_bundle/`` (``composer.paths.bundle_root`` looks there first).
An editable install needs no copy: it runs from the checkout, where the folders already are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("clauses", "seeds", "templates")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*~", "*.tmp")


class BuildWithBundle(build_py):
    """``build_py`` plus the bundled library, seeds and templates under ``composer/_bundle``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "composer" / "_bundle"
        for name in BUNDLED:
            destination = target / name
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(HERE / name, destination, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithBundle})
