"""The installable package: a built wheel, installed into a fresh venv outside the repository,
does the main job from an empty folder, and ``--library`` / ``$COMPOSER_LIBRARY`` point elsewhere.

The wheel is built from a copy of the working tree without build isolation (the venv's own
setuptools, no network); it is installed with ``--no-deps --no-index`` into a new venv that sees
the project venv's site-packages through a plain path ``.pth`` line (so its dependencies are
importable, but not the editable install of the checkout, whose ``.pth`` hook is not run).
Outputs are read back by independent readers: python-docx and ``pdftotext``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[1]
_COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "out", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache",
    ".hypothesis", "node_modules", "*.pyc",
)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COMPOSER_LIBRARY", "VIRTUAL_ENV")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("packaging")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=_COPY_IGNORE)
    wheels = base / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source)],
        check=True, capture_output=True, env=_clean_env(),
    )
    (wheel,) = wheels.glob("compact_composer-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    (Path(purelib) / "_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, env=_clean_env(),
    )
    empty = base / "empty"
    empty.mkdir()
    return {"wheel": wheel, "python": python, "compose": venv / "bin" / "compose", "empty": empty}


def test_wheel_carries_the_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for required in (
        "composer/_bundle/templates/reference.docx",
        "composer/_bundle/templates/document.html.j2",
        "composer/_bundle/templates/print.css",
        "composer/_bundle/clauses/sources.yaml",
        "composer/_bundle/clauses/actors.yaml",
        "composer/data/taxonomy.yaml",
        "composer/data/gcm-a-res-73-195.txt",
    ):
        assert required in names, required
    seeds = [n for n in names if n.startswith("composer/_bundle/seeds/") and n.endswith(".txt")]
    assert len(seeds) == len(list((ROOT / "seeds").glob("*.txt")))


def test_installed_package_runs_the_main_job_from_an_empty_folder(installed):
    where = subprocess.run(
        [str(installed["python"]), "-c", "import composer, composer.paths as p; print(composer.__file__); print(p.bundle_root())"],
        cwd=installed["empty"], check=True, capture_output=True, text=True, env=_clean_env(),
    ).stdout.split()
    assert not where[0].startswith(str(ROOT)), "the test must run the installed copy, not the checkout"
    assert where[1].endswith("_bundle")
    done = subprocess.run(
        [str(installed["compose"]), "brief", "--cluster", "1", "--date", "2026-11-24"],
        cwd=installed["empty"], capture_output=True, text=True, env=_clean_env(),
    )
    assert done.returncode == 0, done.stderr
    out = installed["empty"] / "out"
    document = docx.Document(str(out / "brief-cluster-1.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Objective" in text and len(document.paragraphs) > 50
    pdf = subprocess.run(["pdftotext", str(out / "brief-cluster-1.pdf"), "-"], capture_output=True, text=True, check=True)
    assert "Objective" in pdf.stdout
    assert not (Path(where[1]) / "out").exists(), "outputs go to ./out, never into the installed package"


def test_library_option_and_environment_point_at_another_library(installed, tmp_path):
    other = tmp_path / "other"
    (other / "clauses").mkdir(parents=True)
    (other / "seeds").mkdir()
    shutil.copy(ROOT / "clauses" / "sources.yaml", other / "clauses" / "sources.yaml")
    shutil.copy(ROOT / "clauses" / "actors.yaml", other / "clauses" / "actors.yaml")
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, other / "seeds" / seed.name)
    compose = str(installed["compose"])
    by_option = subprocess.run([compose, "--library", str(other), "stats"], cwd=installed["empty"],
                               capture_output=True, text=True, env=_clean_env())
    by_env = subprocess.run([compose, "stats"], cwd=installed["empty"], capture_output=True, text=True,
                            env=_clean_env(COMPOSER_LIBRARY=str(other)))
    bundled = subprocess.run([compose, "stats"], cwd=installed["empty"], capture_output=True, text=True,
                             env=_clean_env())
    assert by_option.returncode == by_env.returncode == bundled.returncode == 0, by_option.stderr + by_env.stderr
    assert by_option.stdout == by_env.stdout
    assert "total" in bundled.stdout and by_option.stdout != bundled.stdout  # the other library has no clauses
