"""Merges and splits on top of the diff engine's alignment, and which piece keeps the lineage."""

from __future__ import annotations

from composer.history.chain import Draft, build_history
from composer.read import read_document_bytes

INTRO = "States shall cooperate to ensure safe, orderly and regular migration for all migrants and their families."
LONG_A = "Parties recognise the contribution of migrants to sustainable development in countries of origin"
LONG_B = "and destination, and commit to reduce the costs of remittances to below three per cent by 2030."
END = "This compact is non-legally binding and rests on the principle of national sovereignty."
OTHER = "The secretariat will prepare an annual report on implementation, with data disaggregated by sex and age."


def _history(*versions: list[str]):
    drafts = [
        Draft(f"v{k}", read_document_bytes("".join(f"{line}\n" for line in lines).encode(), f"v{k}.txt"))
        for k, lines in enumerate(versions, start=1)
    ]
    return build_history(drafts)


def test_a_paragraph_cut_in_two_continues_in_its_first_piece():
    history = _history([INTRO, f"2. {LONG_A} {LONG_B}", END], [INTRO, f"2. {LONG_A}", LONG_B, END])
    whole = history.at(0, 1)
    assert history.at(1, 1).id == whole.id  # the piece with the number and the opening words
    tail = history.at(1, 2)
    assert tail.id != whole.id and tail.split_from == whole.id
    assert [s.kind for s in tail.steps] == ["split"] and tail.steps[0].other == whole.id
    assert whole.steps[0].kind == "modified" and history.steps[0].split == 1 and history.steps[0].added == 0


def test_two_paragraphs_joined_are_a_merge_into_the_first():
    history = _history([INTRO, f"2. {LONG_A}", LONG_B, END], [INTRO, f"2. {LONG_A} {LONG_B}", END])
    first, second = history.at(0, 1), history.at(0, 2)
    assert history.at(1, 1).id == first.id
    assert second.merged_into == first.id and second.steps[-1].kind == "merged"
    assert history.steps[0].merged == 1 and history.steps[0].dropped == 0


def test_an_unrelated_insertion_and_deletion_are_neither():
    history = _history([INTRO, f"2. {LONG_A} {LONG_B}", END], [INTRO, f"2. {LONG_A} {LONG_B}", OTHER])
    step = history.steps[0]
    assert (step.merged, step.split) == (0, 0)
    assert history.at(0, 2).steps[-1].kind in ("deleted", "modified")


def test_word_counting_matches_the_tokenizer():
    """pairs.WORD finds exactly the tokens the diff engine counts as words."""
    from composer.compare.tokens import is_word, tokenize
    from composer.history.pairs import WORD
    from tests.conftest import SHARED

    for path in sorted((SHARED / "corpus").glob("*_v1_*.txt"))[:3] + sorted((SHARED / "corpus").glob("paris_v3*")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert WORD.findall(line) == [t for t in tokenize(line) if is_word(t)], line
