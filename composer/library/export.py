"""The library as plain records: what ``compose clauses list --json`` prints for other tools."""

from __future__ import annotations

from typing import Any

from composer.library.models import Clause


def clause_record(clause: Clause) -> dict[str, Any]:
    """One clause as a JSON-ready dict, with provenance resolved (seed file and offset)."""
    gcm = clause.gcm
    return {
        "id": clause.id,
        "source": clause.source,
        "seed_file": clause.seed_file,
        "start": clause.start,
        "end": clause.start + len(clause.quote) if clause.start is not None else None,
        "locator": {clause.locator.key: clause.locator.value},
        "quote": clause.quote,
        "text": clause.text,
        "draft_text": clause.draft_text,
        "kind": clause.kind,
        "actors": list(clause.actors),
        "capacity": clause.capacity,
        "mentioned": list(clause.mentioned),
        "year": clause.year,
        "objectives": list(clause.objectives),
        "cluster": clause.cluster,
        "themes": list(clause.themes),
        "see_also": list(clause.see_also),
        "gcm_refs": list(gcm.refs) if gcm is not None and gcm.gap != "none" else [],
        "gcm_gap": gcm.gap if gcm is not None else None,
        "gcm_confirmed": bool(gcm.confirmed) if gcm is not None else False,
        "file": clause.file,
        "line": clause.line,
    }
