"""The small YAML data files under ``templates/`` (a document's words, the colours), read once.

Why one module: the brief and draft assembler, the history report, the redline summary and every
writer's colours each read a file a delegation may edit (a rewording, a house palette). Each
used to read, cache and check its own copy, with its own gaps: one refused a FIFO or a huge
file, three did not; one reported a file that is not UTF-8, three crashed on it. Here every
such file is read through the guarded reader (:func:`composer.safefile.read_text_capped`),
once per process, and a broken file becomes a one-line error of the caller's own type, so the
CLI prints it like any other user error. What the values must look like (a sentence, a list
of column titles, a hex colour) stays with the module that uses them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from composer.errors import ComposerError
from composer.paths import templates_dir
from composer.safefile import read_text_capped

#: Wording and palette files are a few kilobytes; anything past this is not one of them.
DATA_FILE_CAP = 1024 * 1024


def data_file_path(name: str, folder: str | Path | None = None) -> Path:
    """``folder/name``, where ``folder`` defaults to the bundled ``templates/``."""
    return Path(folder or templates_dir()) / name


def read_mapping(
    name: str, folder: str | Path | None = None, *, error: type[ComposerError] = ComposerError
) -> dict[str, Any]:
    """The top-level mapping of the YAML file ``name`` in ``folder``, read once per process.

    Why cached: the assembler and the writers ask for a sentence or a colour per paragraph or
    table cell; the file is read and parsed the first time only. The same dict is returned to
    every caller, so callers must not change it. An unreadable file (missing, not a regular
    file, too large, not UTF-8), invalid YAML or a top level that is not a mapping raises
    ``error`` with a one-line message naming the file.
    """
    try:
        return _read_mapping(data_file_path(name, folder))
    except ComposerError as exc:
        raise error(str(exc)) from None


@cache
def _read_mapping(path: Path) -> dict[str, Any]:
    """:func:`read_mapping`, cached on the file's path (however the folder was spelled)."""
    try:
        data = yaml.safe_load(read_text_capped(path, DATA_FILE_CAP))
    except yaml.YAMLError as exc:
        raise ComposerError(f"{path}: not valid YAML ({yaml_error_line(exc)})") from None
    if not isinstance(data, dict):
        raise ComposerError(f"{path}: expected a mapping of names to values at the top of the file")
    return data


def yaml_error_line(exc: yaml.YAMLError) -> str:
    """PyYAML's several-line report as ``line 2, column 1: expected ',' or ']'`` (every
    "not valid YAML" message of the project is one line)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or " ".join(str(exc).split())
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark is not None else problem


def entry(data: dict[str, Any], key: str, *, where: str, error: type[ComposerError] = ComposerError) -> Any:
    """The value at the dotted ``key`` (``"gap.same"``) in ``data``, as stored.

    Why dotted: wording files group their sentences (``columns.old``, ``kinds.modified``), and
    the callers name a sentence by its path. A missing step raises ``error`` as
    ``"<where>: no entry 'key'"``, ``where`` being how the caller names the file.
    """
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise error(f"{where}: no entry {key!r}")
        node = node[part]
    return node
