"""Gap labels: the commitment ladder, hand-made ask/compact pairs, and the side-by-side wording."""

from __future__ import annotations

import pytest

from composer.trace.compact import load_compact
from composer.trace.gap import Ask, GapSettings, judge, load_ladder, negated_stems
from composer.trace.sidebyside import compare_wordings, side_by_side

WHOLE = "\n".join(u.text for u in load_compact().units)


def _judge(ask: str, unit_text: str, kind: str = "recommendation", coverage: float = 0.9, ref: str = "para 29(h)"):
    return judge(Ask(ask, kind, ask), ref, unit_text, coverage, [], WHOLE, GapSettings())


def test_ladder_orders_the_verbs_negotiators_rank():
    ladder = load_ladder()
    assert ladder.level_of("ban") > ladder.level_of("work to end") > ladder.level_of("consider")
    assert ladder.level_of("ensure") > ladder.level_of("promote") > ladder.level_of("consider")
    assert ladder.level_of("implement") > ladder.level_of("encourage")
    assert ladder.level_of("no such verb") == 0


def test_longest_phrase_wins_inside_a_unit():
    ladder = load_ladder()
    assert ladder.force("working to end the practice of child detention").phrase == "work to end"
    assert ladder.force("We commit to end the practice").phrase == "end"  # "commit" is only the opening
    assert ladder.force("Consider, as appropriate, alternatives").qualified


def test_force_near_reads_the_verb_that_governs_the_object():
    unit = load_compact().unit("para 29(h)").text
    assert unit.startswith("Protect")
    force = load_ladder().force_near(unit, {"child", "detent"})
    assert force.phrase == "work to end"


@pytest.mark.parametrize(
    ("ask", "agreed", "expected"),
    [
        ("Completely ban child detention", "Working to end the practice of child detention", "weaker"),
        ("Ban child detention", "Working to end the practice of child detention", "weaker"),
        ("Ensure access to justice for all migrants", "Consider access to justice for all migrants", "weaker"),
        ("Consider access to justice for all migrants", "Ensure access to justice for all migrants", "stronger"),
        ("Ensure access to justice for all migrants", "Ensure access to justice for all migrants", "same"),
        ("End child detention", "End the practice of child detention", "same"),
    ],
)
def test_gap_on_hand_made_pairs(ask, agreed, expected):
    assert _judge(ask, agreed).gap == expected


def test_weaker_gives_the_two_verbs_as_its_reason():
    judgement = _judge("Ban child detention", "Working to end the practice of child detention")
    assert judgement.why is not None and "ban" in judgement.why and "work to end" in judgement.why


def test_guiding_questions_and_bare_mentions_are_never_same():
    agreed = "Ensure access to justice for all migrants"
    assert _judge("How can States ensure access to justice for all migrants?", agreed, kind="guiding_question").gap == "partial"
    assert _judge("better working conditions", "better working conditions for migrant workers").gap == "partial"


def test_process_remarks_and_far_clauses_are_none():
    agreed = "Ensure access to justice for all migrants"
    remark = "The roundtable thanked the co-chairs; this roundtable provided meaningful input to the global compact"
    assert _judge(remark, agreed).gap == "none"
    assert _judge("Ensure access to justice for all migrants", agreed, coverage=0.0).gap == "none"


def test_a_named_instrument_the_compact_never_names_is_partial():
    ask = "Ratify the International Convention on the Protection of the Rights of All Migrant Workers"
    agreed = load_compact().unit("para 22(a)").text
    judgement = _judge(ask, agreed, ref="para 22(a)")
    assert judgement.gap == "partial" and "Convention" in (judgement.why or "")


def test_negation_scope():
    assert {"new", "instrument"} <= negated_stems("No new instruments are needed")
    assert not negated_stems("Build on existing instruments")


def test_side_by_side_marks_the_words_that_differ():
    view = side_by_side("Completely ban child detention", "para 29(h)", "weaker")
    assert view.ref == "para 29(h)" and view.agreed_text.startswith("Protect and respect")
    assert "working" in view.differing("agreed") and "end" in view.differing("agreed")
    assert "child" not in view.differing("agreed") and "detention" not in view.differing("agreed")
    assert view.differing("ask") == ["Completely", "ban"]
    _ask, agreed = compare_wordings("Reduce remittance costs", "Reduce the transaction costs of remittances")
    assert "".join(r.text for r in agreed) == "Reduce the transaction costs of remittances"
    assert [r.text for r in agreed if r.differs] == ["transaction"]


def test_position_side_by_side_prefers_a_confirmed_member_link():
    from composer.library.models import GcmLink, Position
    from composer.trace.sidebyside import position_side_by_side

    class Member:
        def __init__(self, link):
            self.gcm = link

    position = Position(id="p", wording="End child detention", objective=13, kind="recommendation", members=["a", "b"])
    clauses = {
        "a": Member(GcmLink(refs=["para 29"], gap="same")),
        "b": Member(GcmLink(refs=["para 29(h)"], gap="weaker", confirmed=True, why="ask: end; compact: work to end")),
    }
    view = position_side_by_side(position, clauses)  # type: ignore[arg-type]
    assert view is not None and (view.ref, view.gap) == ("para 29(h)", "weaker")
    assert "working" in view.differing("agreed")


def test_conditions_are_counted_from_the_data_file():
    """The conditions a commitment is made under ("in accordance with national legislation",
    "taking into consideration", "labour market needs") are read from gcm-ladder.yaml."""
    ladder = load_ladder()
    assert ladder.conditions_in("Ensure access to services for all migrants") == 0
    assert ladder.conditions_in("Facilitate access, in accordance with national legislation") >= 1
    assert ladder.conditions_in("Develop schemes per labour market needs, taking into consideration national realities") >= 3
