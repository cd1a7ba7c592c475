"""The stored trace, ``clauses/gcm-trace.yaml``: computed links keyed by clause id.

Each entry keeps a fingerprint of what it was computed from (the clause's text, draft text and
objectives, the matcher and its version, the compact), so ``compose trace --update`` recomputes
only clauses that are new or changed. Curators never edit this file: they confirm or override a
link in the clause's own entry (``gcm: {refs: [...], gap: same, confirmed: true}``), which
the loader prefers and the trace never writes.

The file is written deterministically (entries sorted by id, fixed key order, no timestamps),
so an unchanged library gives a byte-identical file and a clean ``git diff``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from composer.atomic import write_atomic
from composer.compact.parse import COMPACT_SYMBOL
from composer.datafiles import yaml_error_line
from composer.errors import ComposerError
from composer.library.models import GAP_LABELS, Clause, GcmLink
from composer.library.yamlio import safe_load

TRACE_FILE = "gcm-trace.yaml"
FORMAT_VERSION = 1


class TraceStoreError(ComposerError):
    """The stored trace file is unreadable or malformed."""


@dataclass(frozen=True)
class StoredLink:
    """One computed link as stored: refs best first, their scores, the gap label, provenance."""

    refs: tuple[str, ...]
    scores: tuple[float, ...]
    gap: str
    method: str
    fingerprint: str
    why: str | None = None

    def to_link(self) -> GcmLink:
        return GcmLink(
            refs=list(self.refs),
            scores=list(self.scores),
            gap=self.gap,  # type: ignore[arg-type]
            confirmed=False,
            why=self.why,
            method=self.method,
            fingerprint=self.fingerprint,
        )


@dataclass
class TraceStore:
    """All stored links, by clause id."""

    entries: dict[str, StoredLink] = field(default_factory=dict)


def clause_fingerprint(clause: Clause, matcher_version: str, compact_digest: str) -> str:
    """A short digest of everything a computed link depends on."""
    payload = json.dumps(
        [clause.text, clause.draft_text or "", list(clause.objectives), matcher_version, compact_digest],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def trace_path(root: Path) -> Path:
    return Path(root) / "clauses" / TRACE_FILE


def read_store(path: Path) -> TraceStore:
    """Read the store; a missing file is an empty store, a malformed one a TraceStoreError."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return TraceStore()
    except OSError as exc:
        raise TraceStoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        raw = safe_load(text)
    except yaml.YAMLError as exc:
        raise TraceStoreError(f"{path}: not valid YAML ({yaml_error_line(exc)}); delete it and run `compose trace`") from None
    if raw is None:
        return TraceStore()
    links = raw.get("links") if isinstance(raw, dict) else None
    if not isinstance(links, dict):
        raise TraceStoreError(f"{path}: expected a top-level `links:` mapping; delete it and run `compose trace`")
    store = TraceStore()
    for clause_id, entry in links.items():
        try:
            store.entries[str(clause_id)] = StoredLink(
                refs=tuple(str(r) for r in entry.get("refs") or ()),
                scores=tuple(float(s) for s in entry.get("scores") or ()),
                gap=str(entry["gap"]),
                method=str(entry.get("method") or ""),
                fingerprint=str(entry.get("fingerprint") or ""),
                why=str(entry["why"]) if entry.get("why") else None,
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            raise TraceStoreError(
                f"{path}: entry {clause_id!r} is malformed (needs refs, scores, gap); run `compose trace`"
            ) from None
        if store.entries[str(clause_id)].gap not in GAP_LABELS:
            raise TraceStoreError(
                f"{path}: entry {clause_id!r} has gap {entry['gap']!r}, not one of {', '.join(GAP_LABELS)}; "
                "run `compose trace`"
            )
    return store


def render_store(store: TraceStore) -> str:
    """The store as YAML text, deterministically: sorted ids, fixed key order, flow lists."""
    lines = [
        f"# Agreed-language trace: each clause's best units of the adopted compact ({COMPACT_SYMBOL}).",
        "# Written by `compose trace`; do not edit. To confirm or override a link, write",
        '#   gcm: {refs: ["para 29(h)"], gap: weaker, confirmed: true}',
        "# in the clause's own entry: confirmed links there win and are never recomputed.",
        f"format: {FORMAT_VERSION}",
        f"compact: {COMPACT_SYMBOL}",
        "links:",
    ]
    for clause_id in sorted(store.entries):
        link = store.entries[clause_id]
        refs = ", ".join(json.dumps(r) for r in link.refs)
        scores = ", ".join(f"{s:.4f}" for s in link.scores)
        lines.append(f"  {clause_id}:")
        lines.append(f"    refs: [{refs}]")
        lines.append(f"    scores: [{scores}]")
        lines.append(f"    gap: {link.gap}")
        if link.why:
            lines.append(f"    why: {json.dumps(link.why, ensure_ascii=False)}")
        lines.append(f"    method: {link.method}")
        lines.append(f"    fingerprint: {json.dumps(link.fingerprint)}")
    return "\n".join(lines) + "\n"


def write_store(path: Path, store: TraceStore) -> Path:
    """Write the store atomically (never a half-written trace file)."""
    return write_atomic(path, render_store(store))
