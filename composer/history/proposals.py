"""Where proposals come from: a draft manifest's ``proposed_by`` actions, or the clause library.

Kept apart from :mod:`.survival` so that following a proposal knows nothing of YAML or of the
library: it takes :class:`~composer.history.survival.Proposal` values from anywhere.
"""

from __future__ import annotations

from pathlib import Path

from composer.errors import InputDocumentError
from composer.history.survival import Proposal
from composer.library import Library


def proposals_from_manifest(path: Path, library: Library | None) -> list[Proposal]:
    """Every action of the manifest with ``proposed_by``: its text, or each alternative.

    An action that names a clause without its own text proposes the clause's draft wording,
    which needs ``library``; an unknown clause id is a one-line error naming the manifest.
    """
    from composer.assemble.manifest import load_manifest

    manifest = load_manifest(path)
    out: list[Proposal] = []
    for objective in manifest.objectives:
        for number, action in enumerate(objective.actions, start=1):
            if not action.proposed_by:
                continue
            who = tuple(action.proposed_by)
            base = action.id or action.clause or f"objective-{objective.objective}-action-{number}"
            if action.alternatives:
                out.extend(Proposal(f"{base}/option-{k}", text, who)
                           for k, text in enumerate(action.alternatives, start=1))
            elif action.text:
                out.append(Proposal(base, action.text, who))
            elif action.clause:
                out.append(Proposal(base, _clause_wording(path, library, action.clause), who))
    if not out:
        raise InputDocumentError(f"{path.name}: no action has proposed_by, so there is no proposal to follow")
    return out


def proposals_from_library(library: Library) -> list[Proposal]:
    """Every clause of the library as a proposal of its speakers, in its draft wording."""
    return [Proposal(c.id, c.draft_text or c.text, tuple(c.actors)) for c in library.clauses]


def _clause_wording(path: Path, library: Library | None, clause_id: str) -> str:
    if library is None:
        raise InputDocumentError(f"{path.name}: clause {clause_id} needs the clause library")
    clause = library.by_id().get(clause_id)
    if clause is None:
        raise InputDocumentError(f"{path.name}: unknown clause {clause_id}")
    return clause.draft_text or clause.text
