"""Writing person-checked links into the clauses' own entries (``gcm: {..., confirmed: true}``).

A label a person gave (a labeller of the evaluation sample, or a curator reviewing the trace)
is worth more than any computed link: written into the clause file as a confirmed link it wins
over ``clauses/gcm-trace.yaml`` and survives ``compose trace --update``. Clause files are shared
with other editors, so each file is changed with one targeted insertion per clause (never
rewritten from a parsed copy), read and written in one short step (run the command under
``flock /work/team/clauses.lock`` where several people edit), and checked by parsing it back.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from composer.atomic import write_atomic
from composer.errors import ComposerError
from composer.library.models import GAP_LABELS
from composer.library.yamlio import safe_load


class ConfirmError(ComposerError):
    """A confirmation could not be written (unknown clause, malformed entry, bad label)."""


@dataclass(frozen=True)
class Confirmation:
    """One person-checked link: refs best first (empty for none), gap label, reason."""

    clause: str
    refs: tuple[str, ...]
    gap: str
    why: str | None = None

    def line(self, indent: str) -> str:
        refs = ", ".join(json.dumps(r) for r in self.refs)
        why = f", why: {json.dumps(self.why, ensure_ascii=False)}" if self.why else ""
        return f"{indent}gcm: {{refs: [{refs}], gap: {self.gap}, confirmed: true{why}}}\n"


@dataclass
class ConfirmReport:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already had a gcm: line (a curator's): left alone
    missing: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # a confirmed one-line link, changed (``replace``)

    def summary(self) -> str:
        return (f"{len(self.written)} confirmed link(s) written, {len(self.replaced)} replaced, {len(self.kept)} "
                f"clause(s) already carrying a gcm: link left alone, {len(self.missing)} clause(s) not found")


_ENTRY = re.compile(r"^(?P<indent>\s*)- id:\s*(?P<id>\S+)\s*$")


def _entries(lines: list[str]) -> dict[str, tuple[int, int, str]]:
    """Clause id -> (first line, end line exclusive, key indent) of each ``- id:`` entry."""
    starts = [(i, m) for i, line in enumerate(lines) if (m := _ENTRY.match(line.rstrip("\n")))]
    out: dict[str, tuple[int, int, str]] = {}
    for number, (start, match) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        indent = match.group("indent") + "  "
        out[match.group("id")] = (start, end, indent)
    return out


def _confirmed_line(line: str, indent: str) -> bool:
    """True for a one-line confirmed link (``gcm: {..., confirmed: true...}``), the kind this writes."""
    body = line.rstrip("\n")
    return body.startswith(f"{indent}gcm: {{") and body.endswith("}") and "confirmed: true" in body


def confirm_in_text(text: str, confirmations: Iterable[Confirmation], report: ConfirmReport, replace: bool = False) -> str:
    """``text`` with a confirmed ``gcm:`` line added to each named clause that has none; with
    ``replace``, a clause's one-line confirmed link is replaced by the new one (a better label of
    the same clause: the consensus of two people instead of one person's)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    entries = _entries(lines)
    inserts: list[tuple[int, str, str]] = []
    for item in confirmations:
        if item.gap not in GAP_LABELS:
            raise ConfirmError(f"{item.clause}: gap {item.gap!r} is not one of {', '.join(GAP_LABELS)}")
        start, end, indent = entries[item.clause]
        existing = [n for n in range(start, end) if lines[n].startswith(f"{indent}gcm:")]
        if existing and replace and _confirmed_line(lines[existing[0]], indent):
            if lines[existing[0]] != item.line(indent):
                lines[existing[0]] = item.line(indent)
                report.replaced.append(item.clause)
            else:
                report.kept.append(item.clause)
            continue
        if existing:
            report.kept.append(item.clause)
            continue
        inserts.append((end, item.line(indent), item.clause))
    for end, line, clause in sorted(inserts, key=lambda x: -x[0]):
        lines.insert(end, line)
        report.written.append(clause)
    return "".join(lines)


def write_confirmations(files: dict[str, Path], confirmations: Iterable[Confirmation], replace: bool = False) -> ConfirmReport:
    """Write ``confirmations`` into their clauses' files (``files``: clause id -> file path);
    ``replace``: see :func:`confirm_in_text`."""
    report = ConfirmReport()
    by_file: dict[Path, list[Confirmation]] = defaultdict(list)
    for item in confirmations:
        path = files.get(item.clause)
        if path is None:
            report.missing.append(item.clause)
        else:
            by_file[path].append(item)
    for path, items in sorted(by_file.items()):
        text = path.read_text("utf-8")
        new = confirm_in_text(text, items, report, replace)
        if new == text:
            continue
        parsed = safe_load(new)
        written = {c["id"]: c.get("gcm") for c in parsed["clauses"]}
        for item in items:
            link = written.get(item.clause)
            if (item.clause in report.written or item.clause in report.replaced) and (not link or link.get("gap") != item.gap or not link.get("confirmed")):
                raise ConfirmError(f"{path}: the confirmed link of {item.clause} did not read back; file left unchanged")
        write_atomic(path, new)
    return report
