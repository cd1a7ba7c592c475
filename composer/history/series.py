"""Reading a series of drafts: checks that belong to a series, not to any one file.

Fewer than two versions, the same file given twice, or labels that do not fit the files are
each refused with one line; every file is read by the project's readers (DOCX, text,
Markdown, JSON model, manifest), whose own one-line errors name the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from composer.errors import UsageError
from composer.history.chain import Draft
from composer.read.source import SourceDocument


def parse_labels(value: str | None, paths: list[Path]) -> list[str]:
    """``"Zero draft,Rev 1"`` -> one label per file; default: each file's name without suffix."""
    if value is None:
        return [path.stem for path in paths]
    labels = [part.strip() for part in value.split(",")]
    if len(labels) != len(paths) or not all(labels):
        raise UsageError(f"--labels gives {len(labels)} label(s) for {len(paths)} versions; give one per file, "
                         "comma-separated, none empty")
    seen: dict[str, int] = {}
    for index, label in enumerate(labels, start=1):
        if label in seen:
            raise UsageError(f"--labels: {label!r} names both version {seen[label]} and version {index}")
        seen[label] = index
    return labels


def check_series(paths: list[Path]) -> None:
    """Refuse a series of fewer than two files or with one file given twice."""
    if len(paths) < 2:
        got = f"only {paths[0]}" if paths else "none"
        raise UsageError(f"a history needs at least two versions in negotiation order (got {got})")
    seen: dict[tuple[int, int] | str, int] = {}
    for index, path in enumerate(paths, start=1):
        key: tuple[int, int] | str
        try:
            info = os.stat(path)
            key = (info.st_dev, info.st_ino)
        except OSError:
            key = str(path.resolve())  # unreadable: the reader names the problem below
        if key in seen:
            raise UsageError(f"{path}: given twice (as version {seen[key]} and version {index}); "
                             "each version of the series is a different file")
        seen[key] = index


def read_series(paths: list[Path], labels: list[str],
                read: Callable[[Path], SourceDocument]) -> list[Draft]:
    """Every file read with ``read``, labelled, in the order given."""
    check_series(paths)
    return [Draft(label, read(path)) for path, label in zip(paths, labels, strict=True)]
