"""The list item with the largest (smallest) figure of a measure its siblings all print (assistant/list_extremes.py)."""
from __future__ import annotations

import pytest

from tests.conftest import sample_excerpt


@pytest.fixture(scope="module")
def industries(tmp_path_factory):
    # The sample from `๓.๑` to its lines on the province's industries: `2. โรงงานอุตสาหกรรม มีกลุ่มอุตสาหกรรมที่สำคัญ ดังนี้`
    # and its five groups 2.1–2.5, each printing its factories, investment and workers.
    a = sample_excerpt(tmp_path_factory, "industries", 338, 945)
    yield a
    a.close()


def test_the_item_with_the_most_of_a_measure_every_sibling_prints(industries):
    # Before: refused, the first group's lines shown.
    answer = industries.ask("ในกลุ่มอุตสาหกรรมสำคัญ 5 กลุ่มของลำปาง กลุ่มไหนจ้างคนงานมากที่สุด กี่คน")
    assert answer.route == "list_extreme"
    first, others = answer.answer.splitlines()[:2]
    assert "อุตสาหกรรมผลิตภัณฑ์อโลหะ" in first and "คนงานรวม 5,699 คน" in first and "(เทียบ 5 รายการ)" in first
    assert "คนงานรวม 4,327 คน" in others and "คนงานรวม 1,463 คน" in others
    assert all(c.verified for c in answer.citations)


def test_a_count_printed_before_its_unit_and_the_least(industries):
    most = industries.ask("อุตสาหกรรมกลุ่มไหนมีจำนวนโรงงานมากที่สุด")
    assert most.route == "list_extreme" and "อุตสาหกรรมผลิตภัณฑ์อโลหะ จำนวน 139 โรงงาน" in most.answer.splitlines()[0]
    least = industries.ask("กลุ่มอุตสาหกรรมใดมีเงินลงทุนรวมน้อยที่สุด")
    assert least.route == "list_extreme" and "เงินลงทุนรวม 811.10 ล้านบาท" in least.answer.splitlines()[0]


def test_the_measure_typed_before_the_max_word_not_one_naming_the_list(industries):
    # `โรงงาน` names the list (`กลุ่มอุตสาหกรรมโรงงาน…`) and is a measure every group prints too (`จำนวน 139 โรงงาน`);
    # the one ranked is typed right before `มากที่สุด`. Before: the factories ranked.
    for question in ("ในกลุ่มอุตสาหกรรมโรงงานที่สำคัญ กลุ่มไหนมีคนงานมากที่สุด",
                     "ในกลุ่มอุตสาหกรรมโรงงานที่สำคัญของลำปาง กลุ่มไหนจ้างคนงานมากที่สุด กี่คน"):
        answer = industries.ask(question)
        assert answer.route == "list_extreme"
        assert "คนงานรวม 5,699 คน" in answer.answer.splitlines()[0]
    fewest = industries.ask("ในกลุ่มอุตสาหกรรมที่จ้างคนงานมาก กลุ่มไหนมีโรงงานน้อยที่สุด")
    assert "จำนวน 20 โรงงาน" in fewest.answer.splitlines()[0]


def test_the_kind_of_item_asked_is_no_measure(industries):
    # `อำเภอไหน`: the districts are what is compared, not a figure every item prints after `อำเภอ`.
    answer = industries.ask("อำเภอไหนมีโรงงานมากที่สุด")
    assert answer.route != "list_extreme" or "อำเภอ มากที่สุด" not in answer.answer


def test_the_gap_to_the_sibling_the_question_compares_it_with(industries):
    # `…มากที่สุด และมากกว่ากลุ่มพลังงานกี่คน`: the extreme and the gap to the sibling named after the comparison word,
    # computed from both cited items. Before: the extreme and the others' figures, no gap.
    answer = industries.ask("กลุ่มไหนจ้างคนงานมากที่สุด และมากกว่ากลุ่มพลังงานกี่คน")
    assert answer.route == "list_extreme" and "5,699 − 2,751 = 2,948 คน" in answer.answer
    least = industries.ask("อุตสาหกรรมกลุ่มไหนมีเงินลงทุนรวมน้อยที่สุด น้อยกว่ากลุ่มอาหารเท่าไร")
    assert "1,107.67 − 811.10 = 296.57 ล้านบาท" in least.answer
    unnamed = industries.ask("กลุ่มไหนจ้างคนงานมากที่สุด มากกว่ากลุ่มอื่นกี่คน")  # no sibling named: no gap
    assert "−" not in unnamed.answer
    assert all(c.verified for c in answer.citations + least.citations)
