"""Where the bundled data lives, and which library a command reads: one function each.

The templates, the reference DOCX and the bundled clause library with its seeds sit at the top
of a source checkout (``templates/``, ``clauses/``, ``seeds/``); an installed wheel carries the
same folders inside the package as ``composer/_bundle/`` (the build copies them, see
``setup.py``). :func:`bundle_root` knows which; nothing else computes paths from ``__file__``.
The taxonomy and the compact are ordinary package data in ``composer/data``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

#: The environment variable naming another library folder (like ``--library DIR``).
LIBRARY_ENV = "COMPOSER_LIBRARY"
_PACKAGE = Path(__file__).resolve().parent


@cache
def bundle_root() -> Path:
    """The folder holding the bundled ``clauses/``, ``seeds/`` and ``templates/``."""
    packaged = _PACKAGE / "_bundle"
    if (packaged / "templates").is_dir():
        return packaged
    return _PACKAGE.parent


def templates_dir() -> Path:
    """The bundled Jinja2 templates, CSS, wording files and reference DOCX."""
    return bundle_root() / "templates"


def reference_docx() -> Path:
    """The default Word reference template (built by ``composer.render.docx.build_reference``)."""
    return templates_dir() / "reference.docx"


def library_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library a command reads: ``explicit`` (``--library``), else ``$COMPOSER_LIBRARY``, else
    the current folder if it holds ``clauses/``, else the bundled library."""
    if explicit:
        return Path(explicit)
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV])
    here = Path.cwd()
    if (here / "clauses").is_dir():
        return here
    return bundle_root()


def default_output_dir(library: Path) -> Path:
    """``out/`` of the library's project folder; ``./out`` when the library is the installed bundle."""
    if library.resolve() == bundle_root().resolve() and bundle_root() != _PACKAGE.parent:
        return Path.cwd() / "out"
    return library / "out"
