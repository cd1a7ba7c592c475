"""Did our proposal survive? Proposals followed to the last version of a series.

A proposal is a wording some delegation put forward: an action of a draft manifest with
``proposed_by`` (its text, or each of its bracketed alternatives), or a clause of the library
(its draft wording, proposed by its speakers). Against every version the proposal is found
**verbatim** (its words, in order, inside one paragraph, case and spacing aside), **modified**
(most of its content words inside one paragraph: words found in a quarter of the version's
paragraphs say nothing either way and are left out), or **absent**. The outcome in the last version is
restated in the trace's gap labels (verbatim -> same, modified -> partial, absent -> none), so
a reader meets one vocabulary for "how much of what was asked is in the text".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from composer.compare.tokens import tokenize
from composer.history.model import History, Survival
from composer.library.models import GapLabel

#: Least share of a proposal's words found in one paragraph for "modified" (else absent).
MODIFIED_CONTAINMENT = 0.6
#: Least number of the proposal's content words found in that paragraph for "modified".
MODIFIED_MIN_WORDS = 3
#: A word in more than this share of a version's paragraphs is a function word there ("the",
#: "States", "migrants" in a migration text): it neither shows nor denies that a proposal survived.
FUNCTION_WORD_SHARE = 0.25
#: Paragraphs compared in full per proposal (those sharing most of its rarer words).
CANDIDATES = 8
#: Words in more paragraphs than this do not pick candidates (they still count in the score).
COMMON_WORD_PARAGRAPHS = 50

OUTCOME_GAP: dict[str, GapLabel] = {"verbatim": "same", "modified": "partial", "absent": "none"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Proposal:
    """A wording put forward by ``proposed_by`` (delegations, groups, speakers)."""

    id: str
    text: str
    proposed_by: tuple[str, ...]


def normalize(text: str) -> str:
    """Lower case, one space between words, no final full stop or semicolon: what verbatim ignores."""
    return _SPACE.sub(" ", text.lower()).strip().rstrip(".;,: ")


def _words(text: str) -> Counter[str]:
    return Counter(t.lower() for t in tokenize(text) if t[:1].isalnum())


@dataclass
class _VersionIndex:
    """One version's paragraphs, normalised, with an index of which paragraphs hold each word."""

    lineage_ids: list[str]
    numbers: list[str]
    texts: list[str]
    words: list[Counter[str]]
    postings: dict[str, list[int]]
    function_words: frozenset[str]

    @classmethod
    def of(cls, history: History, version: int) -> _VersionIndex:
        present = sorted(((lin.appearances[version], lin.id) for lin in history.lineages
                          if version in lin.appearances), key=lambda item: item[0].position)
        texts = [normalize(app.text) for app, _ in present]
        words = [_words(app.text) for app, _ in present]
        postings: dict[str, list[int]] = defaultdict(list)
        for index, counter in enumerate(words):
            for word in counter:
                postings[word].append(index)
        limit = max(3, FUNCTION_WORD_SHARE * len(present))
        function_words = frozenset(word for word, posting in postings.items() if len(posting) > limit)
        return cls([lid for _, lid in present], [app.number for app, _ in present], texts, words, postings,
                    function_words)

    def find(self, proposal: Proposal) -> tuple[str, float, int | None]:
        """The outcome here, the best containment and the index of the best paragraph."""
        wording = normalize(proposal.text)
        every_word = _words(proposal.text)
        words = Counter({w: n for w, n in every_word.items() if w not in self.function_words}) or every_word
        total = sum(words.values())
        if not wording or not total:
            return "absent", 0.0, None
        shared: Counter[int] = Counter()
        for word in words:
            posting = self.postings.get(word, [])
            if len(posting) <= COMMON_WORD_PARAGRAPHS:
                shared.update(posting)
        candidates = [index for index, _ in shared.most_common(CANDIDATES)]
        if not candidates:
            candidates = [index for word in words for index in self.postings.get(word, [])][:CANDIDATES]
        best: tuple[float, int, int] | None = None
        for index in sorted(set(candidates)):
            if wording in self.texts[index]:
                return "verbatim", 1.0, index
            found = sum((words & self.words[index]).values())
            if best is None or found / total > best[0]:
                best = (found / total, found, index)
        if best is None:
            return "absent", 0.0, None
        survived = best[0] >= MODIFIED_CONTAINMENT and best[1] >= min(MODIFIED_MIN_WORDS, total)
        return ("modified" if survived else "absent"), round(best[0], 4), best[2]


def follow_proposals(history: History, proposals: Iterable[Proposal]) -> list[Survival]:
    """Each proposal's outcome in the last version, and the first version that had it."""
    indexes = [_VersionIndex.of(history, version.index) for version in history.versions]
    last = indexes[-1]
    out: list[Survival] = []
    for proposal in proposals:
        outcome, score, where = last.find(proposal)
        first_seen = next((index for index, version in enumerate(indexes)
                           if version.find(proposal)[0] != "absent"), None)
        out.append(Survival(
            id=proposal.id, text=proposal.text, proposed_by=proposal.proposed_by, outcome=outcome,
            gap=OUTCOME_GAP[outcome], similarity=score,
            lineage=last.lineage_ids[where] if where is not None and outcome != "absent" else None,
            number=last.numbers[where] if where is not None and outcome != "absent" else None,
            first_seen=first_seen,
        ))
    return out
