"""Property tests: five versions made by random edit sequences; the chained lineages must agree.

Each paragraph carries a true identity through the edits (kept, reworded by a word or two,
moved, deleted, inserted, with the numbers following the new order). The history built from
the five texts must put two paragraphs of consecutive versions in the same lineage exactly
when they are the same true paragraph, and give every inserted paragraph a new lineage.
Derandomized in CI (tests/conftest.py); ``--hypothesis-profile=explore`` searches afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.history.chain import Draft, build_history
from composer.read import read_document_bytes

#: Words any paragraph may use; a paragraph's own words (``p7w3``) make it itself. Two distinct
#: paragraphs share at most the few common words, so their similarity stays below every pairing
#: threshold of the aligner: which paragraph is which is never in doubt, only whether the
#: chaining follows it.
SHARED_WORDS = [f"{stem}{n}" for stem in ("states", "migrants", "rights", "parties") for n in range(40)]
COMMON = ["the", "of", "and", "to", "shall", ",", ";"]
OWN_WORDS = 10

word = st.sampled_from(SHARED_WORDS)
shared_part = st.lists(st.one_of(word, st.sampled_from(COMMON)), min_size=0, max_size=4)


def make_words(ident: int, shared: list[str], where: list[int]) -> list[str]:
    """A paragraph's words: its own ten, with the shared ones slotted in at ``where``."""
    words = [f"p{ident}w{n}" for n in range(OWN_WORDS)]
    for word_, slot in zip(shared, where, strict=False):
        words.insert(slot % (len(words) + 1), word_)
    return words


@st.composite
def sentence(draw, ident: int) -> list[str]:
    shared = draw(shared_part)
    return make_words(ident, shared, draw(st.lists(st.integers(0, 20), min_size=len(shared), max_size=len(shared))))


@dataclass
class Paragraph:
    ident: int
    words: list[str]


@st.composite
def series(draw) -> list[list[Paragraph]]:
    """Five versions: the first drawn whole, each next one by up to four edits of the previous."""
    counter = iter(range(10**6))
    first = []
    for _ in range(draw(st.integers(3, 10))):
        ident = next(counter)
        first.append(Paragraph(ident, draw(sentence(ident))))
    versions = [first]
    for _ in range(4):
        new = [Paragraph(p.ident, list(p.words)) for p in versions[-1]]
        touched: set[int] = set()
        for _ in range(draw(st.integers(0, 4))):
            action = draw(st.sampled_from(["reword", "insert", "delete", "move"]))
            free = [k for k, p in enumerate(new) if p.ident not in touched]
            if action == "insert":
                ident = next(counter)
                paragraph = Paragraph(ident, draw(sentence(ident)))
                new.insert(draw(st.integers(0, len(new))), paragraph)
                touched.add(paragraph.ident)
            elif not free:
                continue
            elif action == "reword":
                k = draw(st.sampled_from(free))
                words = new[k].words
                for _ in range(draw(st.integers(1, 2))):
                    words[draw(st.integers(0, len(words) - 1))] = draw(word)
                touched.add(new[k].ident)
            elif action == "delete" and len(new) > 2:
                k = draw(st.sampled_from(free))
                touched.add(new.pop(k).ident)
            elif action == "move":
                k = draw(st.sampled_from(free))
                paragraph = new.pop(k)
                new.insert(draw(st.integers(0, len(new))), paragraph)
                touched.add(paragraph.ident)
        versions.append(new)
    return versions


def _text(version: list[Paragraph]) -> bytes:
    return "".join(f"{n}. {' '.join(p.words)}\n" for n, p in enumerate(version, start=1)).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series())
def test_chained_lineages_agree_with_the_edits(versions):
    drafts = [Draft(f"v{k}", read_document_bytes(_text(v), f"v{k}.txt")) for k, v in enumerate(versions, 1)]
    history = build_history(drafts)
    lineage_of = [[history.at(k, position).id for position in range(len(v))] for k, v in enumerate(versions)]
    true_to_lineage: dict[int, str] = {}
    for k, version in enumerate(versions):
        for position, paragraph in enumerate(version):
            lid = lineage_of[k][position]
            if paragraph.ident in true_to_lineage:
                assert true_to_lineage[paragraph.ident] == lid, (k, position)
            else:
                true_to_lineage[paragraph.ident] = lid
                assert history.lineage(lid).first == k  # a new paragraph starts a new lineage
    assert len(set(true_to_lineage.values())) == len(true_to_lineage)  # no two true paragraphs share one
    for lineage in history.lineages:
        numbers = [lineage.number_in(k) for k in range(len(versions))]
        for k, number in enumerate(numbers):
            if number is not None:
                assert number == f"{lineage.appearances[k].position + 1}."
        present = [k for k, n in enumerate(numbers) if n is not None]
        assert present == list(range(present[0], present[-1] + 1))  # a lineage has no holes
        if present[-1] < len(versions) - 1:
            assert lineage.steps[-1].kind in ("deleted", "merged")
