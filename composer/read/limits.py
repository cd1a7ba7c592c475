"""Size limits on a document read for comparison, in words a user can check against a draft.

A negotiating text runs to a few hundred paragraphs (the adopted compact has 199); a file of
200,000 paragraphs is a mistake or an attack, and comparing it would take minutes and
gigabytes. Each reader counts paragraphs as early as it can (before building the model).
"""

from __future__ import annotations

from composer.errors import InputDocumentError

MAX_PARAGRAPHS = 50_000
MAX_WORDS = 3_000_000


def check_paragraphs(count: int, name: str) -> None:
    """Refuse ``count`` paragraphs past :data:`MAX_PARAGRAPHS`, in those words."""
    if count > MAX_PARAGRAPHS:
        raise InputDocumentError(
            f"{name}: {count:,} paragraphs; the limit for a draft is {MAX_PARAGRAPHS:,} paragraphs"
        )


def check_words(count: int, name: str) -> None:
    """Refuse ``count`` words past :data:`MAX_WORDS`."""
    if count > MAX_WORDS:
        raise InputDocumentError(f"{name}: {count:,} words; the limit for a draft is {MAX_WORDS:,} words")
