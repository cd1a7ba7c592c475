"""`compose history` on the real series in ../shared/corpus, checked against the raw files.

The expectations are computed from the files' lines with plain string operations, not from
the readers or the diff engine: a line identical and unique in every version must have one
lineage spanning all; a paragraph whose words are the same but whose number changed keeps its
lineage; a version's bracket count is a plain count of matched ``[``/``]`` pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from composer.history.chain import Draft, build_history
from composer.history.model import History
from composer.read import read_document
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
SERIES = ("paris", "unga_ict4sd", "unga_ldc-followup", "unga_oceans-los")
_LABEL = re.compile(r"^\s*(\d{1,4}[.)])\s+")
_MARKER = re.compile(r"\[\^[^\]\s]+\]")


def series_files(series: str) -> list[Path]:
    files = sorted(CORPUS.glob(f"{series}_v*.txt"))
    assert len(files) >= 4, f"series {series} missing from {CORPUS}"
    return files


def raw_lines(path: Path) -> list[str]:
    """The file's paragraphs as a reader of plain text sees them: its non-empty lines."""
    return [line.rstrip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def plain_bracket_count(path: Path) -> int:
    """Matched [ ] pairs over the whole text, Markdown footnote markers ([^2]) aside."""
    depth = pairs = 0
    for char in _MARKER.sub("", path.read_text(encoding="utf-8")):
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            pairs += 1
    return pairs


@pytest.fixture(scope="module")
def histories() -> dict[str, History]:
    cache: dict[str, History] = {}

    def get(series: str) -> History:
        if series not in cache:
            files = series_files(series)
            cache[series] = build_history([Draft(f.name.split("_v")[1][:1], read_document(f)) for f in files])
        return cache[series]

    return get  # type: ignore[return-value]


@pytest.mark.parametrize("series", SERIES)
def test_every_paragraph_gets_a_lineage_in_every_version(histories, series):
    history = histories(series)
    for version, path in zip(history.versions, series_files(series), strict=True):
        assert version.paragraphs == len(raw_lines(path))
        ids = [history.at(version.index, k) for k in range(version.paragraphs)]
        assert all(lineage is not None for lineage in ids)
        assert len({lineage.id for lineage in ids}) == version.paragraphs  # one paragraph per lineage per version


@pytest.mark.parametrize("series", SERIES)
def test_paragraph_identical_in_all_versions_has_one_lineage_spanning_all(histories, series):
    history = histories(series)
    versions = [raw_lines(path) for path in series_files(series)]
    counts = [Counter(lines) for lines in versions]
    shared = [line for line in versions[0] if all(c[line] == 1 for c in counts) and len(line) > 30]
    assert len(shared) >= 3, "too few stable paragraphs to test"
    for line in shared:
        lineages = {history.at(k, lines.index(line)).id for k, lines in enumerate(versions)}
        assert len(lineages) == 1, line
        lineage = history.lineage(lineages.pop())
        assert lineage.spans(len(versions)) and lineage.first == 0
        assert lineage.first_text == lineage.last_text


@pytest.mark.parametrize("series", SERIES)
def test_renumbered_paragraph_keeps_its_lineage(histories, series):
    """Same words, unique in both versions, a different number: the same lineage."""
    history = histories(series)
    files = series_files(series)
    checked = 0
    for k in range(1, len(files)):
        old, new = raw_lines(files[k - 1]), raw_lines(files[k])
        old_body = {_LABEL.sub("", line): (i, line) for i, line in enumerate(old)}
        old_count = Counter(_LABEL.sub("", line) for line in old)
        new_count = Counter(_LABEL.sub("", line) for line in new)
        for j, line in enumerate(new):
            body = _LABEL.sub("", line)
            if len(body) < 30 or old_count[body] != 1 or new_count[body] != 1 or not _LABEL.match(line):
                continue
            i, old_line = old_body[body]
            if not _LABEL.match(old_line) or _LABEL.match(old_line).group(1) == _LABEL.match(line).group(1):
                continue
            assert history.at(k - 1, i).id == history.at(k, j).id, line
            checked += 1
    if series.startswith("unga"):
        assert checked >= 10


def test_paragraph_moved_and_renumbered_keeps_its_lineage(histories):
    """Oceans resolution, A/RES/78/69 OP 37 is A/RES/79/144 OP 25, moved ahead of paragraphs it followed."""
    history = histories("unga_oceans-los")
    files = series_files("unga_oceans-los")
    old, new = raw_lines(files[0]), raw_lines(files[1])
    start = "Encourages States to consider additional opportunities for capacity-building"
    i = next(n for n, line in enumerate(old) if line.startswith("37. " + start))
    j = next(n for n, line in enumerate(new) if line.startswith("25. " + start))
    assert _LABEL.sub("", old[i]) == _LABEL.sub("", new[j])
    # moved: some paragraph before it in the old version comes after it in the new one (and both are unique)
    new_index = {line: n for n, line in enumerate(new) if new.count(line) == 1}
    assert any(line in new_index and new_index[line] > j for line in old[:i] if old.count(line) == 1)
    lineage = history.at(0, i)
    assert history.at(1, j).id == lineage.id
    step = next(s for s in lineage.steps if s.to == 1)
    assert step.kind == "moved" and step.renumbered and step.share == 0
    assert lineage.number_in(0) == "37." and lineage.number_in(1) == "25."


@pytest.mark.parametrize("series", SERIES)
def test_bracket_counts_match_a_plain_count(histories, series):
    history = histories(series)
    for version, path in zip(history.versions, series_files(series), strict=True):
        assert version.brackets == plain_bracket_count(path), path.name
        per_lineage = sum(lin.appearances[version.index].brackets for lin in history.lineages
                          if version.index in lin.appearances)
        assert per_lineage == version.brackets
    for step in history.steps:
        before, after = history.versions[step.to - 1].brackets, history.versions[step.to].brackets
        assert step.brackets_open == after
        assert step.brackets_opened - step.brackets_closed == after - before


def test_paris_brackets_close_by_the_adopted_text(histories):
    history = histories("paris")
    assert history.versions[0].brackets > 1000 and history.versions[-1].brackets == 0
    assert sum(s.brackets_closed for s in history.steps) >= history.versions[0].brackets
    assert all(not b.still_open for b in history.brackets)
    longest = history.brackets[0]
    assert longest.since == 0 and longest.until == 2  # open through three drafts, gone in the Paris Agreement


@pytest.mark.parametrize("series", SERIES)
def test_step_counts_add_up(histories, series):
    history = histories(series)
    for s in history.steps:
        old, new = history.versions[s.to - 1].paragraphs, history.versions[s.to].paragraphs
        assert s.kept + s.modified + s.moved + s.dropped + s.merged == old
        assert s.kept + s.modified + s.moved + s.added + s.split == new
