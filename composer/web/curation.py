"""A curator confirms or corrects a clause's link to the compact, in the clause file itself.

The change is written where ``compose trace`` looks for it, the clause's own entry
(``gcm: {refs: [...], gap: ..., confirmed: true}``), as a one-line edit of that entry so the
file's comments and layout survive and ``git diff`` shows exactly what the curator did.

Two curators at once: every write holds an exclusive lock on the ``clauses/`` folder (a
``flock`` on the folder itself, which creates no file), re-reads the file under the lock, and
checks that the clause's entry is still the one the curator saw (a short hash of its lines,
sent with the form). A changed entry is a conflict (HTTP 409): the curator reloads and sees
the other change instead of overwriting it. Changes to other clauses of the same file are
merged naturally, since each write starts from the file as it is now. The file is replaced
atomically (temporary file, then rename) after the new text has been parsed and validated.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from composer.atomic import write_atomic
from composer.compact.parse import load_compact
from composer.errors import ComposerError, UsageError
from composer.library.models import GAP_LABELS, Clause, ClauseFile
from composer.library.yamlio import safe_load
from composer.web.errors import LinkConflictError

_ENTRY = re.compile(r"^(?P<indent>[ \t]*)- id:[ \t]*(?P<id>[^\s#]+)[ \t]*(#.*)?$")
_MAX_WHY = 300


@dataclass(frozen=True)
class LinkChange:
    """What a curator decided for one clause."""

    clause_id: str
    refs: tuple[str, ...]
    gap: str
    why: str | None = None


@dataclass(frozen=True)
class Entry:
    """The lines of one clause's entry in its file: ``lines[start:end]``."""

    start: int
    end: int
    indent: str


def find_entry(lines: list[str], clause_id: str) -> Entry:
    """The entry ``- id: clause_id`` and the lines that belong to it (deeper indented)."""
    for number, line in enumerate(lines):
        match = _ENTRY.match(line)
        if match and match["id"].strip("\"'") == clause_id:
            indent = match["indent"]
            end = number + 1
            while end < len(lines):
                text = lines[end]
                if text.strip() and not text.startswith(indent + " "):
                    break
                end += 1
            while end > number + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
                end -= 1
            return Entry(number, end, indent)
    raise UsageError(f"no entry for clause {clause_id!r} in its file")


def entry_version(lines: list[str], entry: Entry) -> str:
    """A short hash of the entry's lines: what the curator saw when the form was made."""
    return hashlib.sha256("".join(lines[entry.start : entry.end]).encode("utf-8")).hexdigest()[:16]


def clause_version(root: Path, clause: Clause) -> str:
    """The version of ``clause``'s entry in its file now."""
    lines = _clause_path(root, clause).read_text("utf-8").splitlines(keepends=True)
    return entry_version(lines, find_entry(lines, clause.id))


def normalise_change(change: LinkChange) -> LinkChange:
    """Check the gap label and resolve every reference in the compact (canonical spelling)."""
    if change.gap not in GAP_LABELS:
        raise UsageError(f"unknown gap label {change.gap!r}: choose one of {', '.join(GAP_LABELS)}")
    compact = load_compact()
    refs = tuple(dict.fromkeys(compact.unit(ref).ref for ref in change.refs if ref.strip()))
    if change.gap != "none" and not refs:
        raise UsageError(f"a {change.gap!r} link needs at least one reference to the compact, e.g. para 29(h)")
    if change.gap == "none":
        refs = ()
    why = " ".join((change.why or "").split()) or None
    if why is not None and len(why) > _MAX_WHY:
        raise UsageError(f"the reason is {len(why)} characters long; keep it under {_MAX_WHY}")
    return LinkChange(change.clause_id, refs, change.gap, why)


def gcm_line(indent: str, change: LinkChange) -> str:
    """The entry's new ``gcm:`` line, in the flow style the trace file's header shows."""
    refs = ", ".join(json.dumps(ref, ensure_ascii=False) for ref in change.refs)
    parts = [f"refs: [{refs}]", f"gap: {change.gap}", "confirmed: true"]
    if change.why:
        parts.append(f"why: {json.dumps(change.why, ensure_ascii=False)}")
    return f"{indent}  gcm: {{{', '.join(parts)}}}\n"


def apply_change(text: str, change: LinkChange, expected_version: str | None) -> tuple[str, str]:
    """The file's new text with the entry's ``gcm`` replaced, and the entry's new version."""
    lines = text.splitlines(keepends=True)
    entry = find_entry(lines, change.clause_id)
    if expected_version is not None and entry_version(lines, entry) != expected_version:
        raise LinkConflictError(
            f"clause {change.clause_id} was changed by someone else since you opened it; "
            "reload the page to see their change"
        )
    body = lines[entry.start : entry.end]
    if body and not body[-1].endswith("\n"):
        body[-1] += "\n"
    key_indent = entry.indent + "  "
    kept: list[str] = []
    skipping = False
    for line in body:
        if line.startswith(key_indent + "gcm:"):
            skipping = True
            continue
        if skipping and line.strip() and line.startswith(key_indent + " "):
            continue
        skipping = False
        kept.append(line)
    kept.append(gcm_line(entry.indent, change))
    new_lines = lines[: entry.start] + kept + lines[entry.end :]
    new_entry = Entry(entry.start, entry.start + len(kept), entry.indent)
    return "".join(new_lines), entry_version(new_lines, new_entry)


def _validate(text: str, display: str, change: LinkChange) -> None:
    """Parse the new file and check the clause reads back with exactly the curator's link."""
    try:
        parsed = ClauseFile.model_validate(safe_load(text))
    except Exception as exc:  # never write a file the loader would refuse
        raise ComposerError(f"{display}: the confirmed link would not validate ({exc.__class__.__name__}); "
                            "nothing was written") from None
    clause = next((c for c in parsed.clauses if c.id == change.clause_id), None)
    if clause is None or clause.gcm is None:
        raise ComposerError(f"{display}: the confirmed link did not read back; nothing was written")
    got = (tuple(clause.gcm.refs), clause.gcm.gap, clause.gcm.confirmed, clause.gcm.why)
    if got != (change.refs, change.gap, True, change.why):
        raise ComposerError(f"{display}: the confirmed link read back differently; nothing was written")


def _clause_path(root: Path, clause: Clause) -> Path:
    """The clause's file, refused unless it lies inside the library's ``clauses/`` folder."""
    folder = (Path(root) / "clauses").resolve()
    path = (Path(root) / clause.file).resolve()
    if path.parent != folder or path.suffix != ".yaml":
        raise UsageError(f"clause {clause.id} is defined outside clauses/ ({clause.file}); edit it by hand")
    return path


@contextmanager
def clauses_lock(root: Path) -> Iterator[None]:
    """An exclusive lock on ``root/clauses`` held across processes and threads."""
    fd = os.open(Path(root) / "clauses", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def confirm_link(root: Path, clause: Clause, change: LinkChange, expected_version: str | None) -> str:
    """Write the curator's link into ``clause``'s entry; return the entry's new version."""
    change = normalise_change(change)
    path = _clause_path(root, clause)
    with clauses_lock(root):
        text = path.read_text("utf-8")
        new_text, version = apply_change(text, change, expected_version)
        _validate(new_text, clause.file, change)
        write_atomic(path, new_text)
    return version
