"""The adopted compact as reference units: parser, references, footnote markers, document model.

Counts are checked against the raw text read independently here (lines between an
"Objective N:" heading and the next heading), not against the parser's own bookkeeping.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from composer.errors import ComposerError
from composer.model.document import ActionList, Heading, Para
from composer.trace.compact import CompactFormatError, load_compact, parse_compact
from composer.trace.document import compact_document, unit_blocks, unit_id
from composer.trace.footnotes import FootnoteStripper
from composer.trace.refs import CompactReferenceError, canonical_ref, parse_ref

RAW = resources.files("composer.data").joinpath("gcm-a-res-73-195.txt").read_text("utf-8")


def _raw_action_counts() -> dict[int, int]:
    """Objective -> number of lettered action lines, read straight from the text."""
    counts: dict[int, int] = {}
    current = None
    for line in RAW.splitlines():
        heading = re.match(r"^Objective (\d+):", line)
        if heading:
            current = int(heading.group(1))
            counts[current] = 0
        elif line.strip() in ("Implementation",):
            current = None
        elif current is not None and re.match(r"^\([a-z]\) ", line):
            counts[current] += 1
    return counts


def test_vendored_text_is_the_reference_byte_for_byte():
    shared = resources.files("composer.data").joinpath("gcm-a-res-73-195.txt").read_bytes()
    assert shared.startswith(b"# United Nations General Assembly resolution A/RES/73/195")
    assert len(shared) == 120034


def test_every_objective_has_its_commitment_and_all_its_actions():
    compact = load_compact()
    expected = _raw_action_counts()
    assert sorted(compact.objectives) == list(range(1, 24))
    for number in range(1, 24):
        commitment = compact.commitment(number)
        assert commitment.ref == f"para {16 + number}"
        assert commitment.text.startswith("We commit to")
        assert commitment.objective == number
        actions = compact.actions(number)
        assert len(actions) == expected[number], number
        assert [a.letter for a in actions] == [chr(ord("a") + i) for i in range(len(actions))]
        assert all(a.objective == number and a.paragraph == 16 + number for a in actions)


def test_annex_paragraphs_1_to_54_and_not_the_resolution():
    compact = load_compact()
    assert compact.paragraph_numbers == list(range(1, 55))
    assert compact.unit("para 1").text == (
        "This Global Compact rests on the purposes and principles of the Charter of the United Nations."
    )
    assert "Expresses its profound gratitude" not in " ".join(u.text for u in compact.units)
    assert compact.unit("para 54").text.startswith("We request the President of the General Assembly")


def test_list_of_objectives_stays_inside_paragraph_16():
    para16 = load_compact().unit("para 16").text
    assert "comprising 23 objectives" in para16
    assert "\n1. Collect and utilize accurate and disaggregated data" in para16
    assert "\n23. Strengthen international cooperation" in para16


def test_guiding_principles_and_sub_items():
    compact = load_compact()
    assert [u.letter for u in compact.children(parse_ref("para 15"))] == list("abcdefghij")
    assert compact.unit("para 15(i)").text.startswith("Whole-of-government approach.")
    subs = compact.children(parse_ref("para 43(a)"))
    assert [u.sub for u in subs] == ["i", "ii", "iii", "iv", "v"]
    assert compact.unit("para 43(b)").text.startswith("A start-up fund")
    assert compact.unit("para 49(e)").letter == "e"


def test_footnote_markers_removed_real_numbers_kept():
    compact = load_compact()
    assert "Refugees and Migrants and determined" in compact.preamble
    para2 = compact.unit("para 2").text
    assert "Human Rights; the International Covenant" in para2
    assert not re.search(r"[A-Za-z;,.]\s?\d{1,2}\b(?!\d)", para2.replace("2015–2030", "")), para2
    assert compact.unit("para 6").text.endswith("including his report of 3 February 2017.")
    assert "less than 3 per cent" in compact.unit("para 36(a)").text
    assert "Persons and take into consideration" in compact.unit("para 26(b)").text
    assert "Conflict" in compact.unit("para 18(g)").text  # PDF ligature spelled out


def test_stripper_follows_the_footnote_sequence():
    stripper = FootnoteStripper()
    assert stripper.clean("the Declaration 1 and the Rights;2 and") == "the Declaration and the Rights; and"
    assert stripper.clean("reaching 10 and 11 December, the Covenant;3") == "reaching 10 and 11 December, the Covenant;"
    assert stripper.clean("twice;3 then") == "twice; then"
    assert stripper.removed == [1, 2, 3, 3]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("para 29(h)", "para 29(h)"),
        ("paragraph 29 (H)", "para 29(h)"),
        ("GCM para. 29(h)", "para 29(h)"),
        ("cf. GCM para 29(h)", "para 29(h)"),
        ("29h", "para 29(h)"),
        ("para 15", "para 15"),
        ("para 43(a)(ii)", "para 43(a)(ii)"),
    ],
)
def test_references_are_read_as_typed(typed, canonical):
    assert canonical_ref(typed) == canonical
    assert load_compact().unit(typed).ref == canonical


def test_every_unit_reference_round_trips():
    compact = load_compact()
    for unit in compact.units:
        assert str(parse_ref(unit.ref)) == unit.ref
        assert compact.unit(unit.ref) is unit


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("para 99", "numbered 1-54"),
        ("para 29(z)", "para 29 has actions (a)-(h)"),
        ("para 16(a)", "has no lettered actions"),
        ("para 43(a)(ix)", "has items (i), (ii)"),
        ("article 5", "write it like 'para 29(h)'"),
    ],
)
def test_unknown_references_are_one_clear_composer_error(ref, message):
    with pytest.raises(CompactReferenceError, match=re.escape(message)) as info:
        load_compact().unit(ref)
    assert isinstance(info.value, ComposerError)
    assert "\n" not in str(info.value)


def test_unit_api_for_the_briefing_pack():
    unit = load_compact().unit("para 29(h)")
    assert (unit.paragraph, unit.letter, unit.objective) == (29, "h", 13)
    assert "end the practice of child detention" in unit.text
    assert load_compact().unit("para 15").objective is None


def test_text_that_is_not_the_compact_is_refused():
    with pytest.raises(CompactFormatError, match="no 'Annex' line"):
        parse_compact("1. Some other resolution\n2. Another paragraph\n")


def test_compact_as_document_model():
    compact = load_compact()
    document = compact_document(compact)
    paras = [b for b in document.blocks if isinstance(b, Para) and b.label]
    assert [p.label for p in paras] == [f"{n}." for n in range(1, 55)]
    assert paras[28].id == "gcm-para-29"
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    assert any(h.content[0].text.startswith("Objective 13:") for h in headings)
    blocks = unit_blocks(compact, compact.unit("para 18"))
    group = [b for b in blocks if isinstance(b, Heading)]
    assert group and group[0].content[0].text.startswith("Natural disasters")
    items = [i for b in blocks if isinstance(b, ActionList) for i in b.items]
    assert [i.label for i in items] == [f"({c})" for c in "abcdefghijkl"]
    assert unit_id(compact.unit("para 43(a)(ii)")) == "gcm-para-43-a-ii"
    only = compact_document(compact, ["para 29(h)"])
    assert len(only.blocks) == 1


def test_paragraph_lines_become_their_own_blocks():
    compact = load_compact()
    blocks = unit_blocks(compact, compact.unit("para 16"), with_children=False)
    lists = [b for b in blocks if isinstance(b, ActionList)]
    assert [i.label for i in lists[0].items] == [f"{n}." for n in range(1, 24)]
    assert blocks[0].label == "16." and "Objectives for safe" in blocks[1].content[0].text
    commitment = unit_blocks(compact, compact.commitment(1), with_children=False)
    assert commitment[-1].content[0].text.startswith("To realize this commitment")
