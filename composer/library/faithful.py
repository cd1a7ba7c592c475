"""Is ``text`` a faithful repair of ``quote``? Same letters and digits, within a tolerance.

Scrape artefacts are mostly punctuation and spacing (dropped apostrophes, fused hyphens,
Markdown marks, wrapped lines), which vanish once both sides are reduced to lowercase letters
and digits. What remains are page numbers and footnote debris removed from the text (allowed,
within a budget) and words added to the text (rewording: only a few characters allowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import diff_match_patch

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def skeleton(text: str) -> str:
    """Lowercase letters and digits only; Markdown link targets dropped."""
    return _NOT_ALNUM.sub("", _MARKDOWN_LINK.sub(r"\1", text).lower())


@dataclass(frozen=True)
class Faithfulness:
    added: str
    removed: str
    ok: bool

    def describe(self) -> str:
        parts = []
        if self.added:
            parts.append(f"text adds {self.added[:60]!r}")
        if self.removed:
            parts.append(f"text drops {self.removed[:60]!r}")
        return "; ".join(parts)


def compare_text_to_quote(quote: str, text: str) -> Faithfulness:
    """Compare the skeletons of quote and text; additions are rewording, removals are debris."""
    q, t = skeleton(quote), skeleton(text)
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(q, t)
    dmp.diff_cleanupSemantic(diffs)
    added = "".join(s for op, s in diffs if op == 1)
    removed = "".join(s for op, s in diffs if op == -1)
    removed_letters = re.sub(r"[0-9]", "", removed)
    add_budget = max(4, len(q) // 50)
    remove_budget = max(20, len(q) // 4)
    ok = len(added) <= add_budget and len(removed_letters) <= remove_budget
    return Faithfulness(added, removed, ok)
