"""The lineage model as JSON, for scripts: every lineage, step, bracket and proposal.

Versions are referred to by their index from 0 (``versions[i].label`` names them); a lineage's
``numbers`` has one entry per version, ``null`` where the paragraph is absent. Keys are written
in a fixed order so that the same inputs give the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from composer.history.model import History, Lineage

FORMAT_NAME = "compact-composer/history"
FORMAT_VERSION = 1


def _lineage(lineage: Lineage, count: int) -> dict[str, Any]:
    return {
        "id": lineage.id,
        "first": lineage.first,
        "last": lineage.last,
        "numbers": [lineage.number_in(k) for k in range(count)],
        "positions": [lineage.appearances[k].position if k in lineage.appearances else None for k in range(count)],
        "brackets": [lineage.appearances[k].brackets if k in lineage.appearances else None for k in range(count)],
        "kind": lineage.appearances[lineage.last].kind,
        "split_from": lineage.split_from,
        "merged_into": lineage.merged_into,
        "first_text": lineage.first_text,
        "last_text": lineage.last_text,
        "steps": [asdict(step) for step in lineage.steps],
    }


def history_to_json(history: History) -> str:
    """``history`` as an indented JSON document (UTF-8 text, trailing newline)."""
    count = len(history.versions)
    data = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "versions": [asdict(v) for v in history.versions],
        "steps": [asdict(s) for s in history.steps],
        "lineages": [_lineage(lineage, count) for lineage in history.lineages],
        "brackets": [{**asdict(b), "versions": b.versions} for b in history.brackets],
        "survival": [{**asdict(s), "proposed_by": list(s.proposed_by)} for s in history.survival],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
