"""Numbered items a question names by number, their figures added up in code (the sample's 2566 results)."""
import pytest

from assistant.numbered_items import asked_items, item_figures
from tests.conftest import sample_excerpt


def test_the_items_a_question_names_by_number():
    assert asked_items("กิจกรรมที่ 1, 3 และ 4 รวมกันมีแผนกี่ราย") == ("กิจกรรมที่", [1, 3, 4])
    assert asked_items("กิจกรรมที่ ๒ กับ ๓ รวมกัน") == ("กิจกรรมที่", [2, 3])
    assert asked_items("กิจกรรมที่ 3 มีแผนกี่ราย") is None  # one item: nothing to add up


def test_an_items_figures_are_read_in_order_with_the_words_naming_them():
    figures = item_figures("กิจกรรมที่ 3 ให้คำปรึกษาแนะนำเบื้องต้น โดยมีแผนดำเนินกิจกรรม จำนวน 300 ราย "
                           "ผลดำเนินกิจกรรม จำนวน 308 ราย")
    assert [(f.printed, f.unit) for f in figures] == [("300", "ราย"), ("308", "ราย")]
    assert figures[1].label.endswith("ผลดำเนินกิจกรรม")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Two projects' 2566 results, each with activities numbered from 1 (lines 2998–3095)."""
    a = sample_excerpt(tmp_path_factory, "results", 2998, 3095)
    yield a
    a.close()


def test_numbered_activities_are_added_up_place_by_place(results):
    # Before: refused (`แผนไม่ได้ระบุ…`), the closest line being activity 1's; every operand is printed.
    answer = results.ask("ปีงบ 2566 โครงการส่งเสริมและพัฒนาศักยภาพของอุตสาหกรรมในภูมิภาค กิจกรรมที่ 1 และ 3 "
                         "รวมกันมีแผนกี่ราย ผลจริงกี่ราย")
    assert answer.route == "computed" and not answer.refused
    assert "100 + 300 = 400 ราย" in answer.answer and "100 + 308 = 408 ราย" in answer.answer
    assert {f.value.replace(",", "") for f in answer.figures if f.provenance == "computed"} >= {"400", "408"}
    assert all(c.verified for c in answer.citations)


def test_how_far_the_result_went_past_the_plan(results):
    answer = results.ask("ปีงบ 2566 โครงการส่งเสริมและพัฒนาศักยภาพของอุตสาหกรรมในภูมิภาค กิจกรรมที่ 1, 3 และ 4 "
                         "ทำได้จริงรวมกันกี่ราย เกินแผนไปกี่ราย")
    assert "100 + 308 + 120 = 528 ราย" in answer.answer and "528 − มีแผนดำเนินกิจกรรม 520 = 8 ราย" in answer.answer
    assert all(c.verified for c in answer.citations)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A 2566 results table printing each row's plan, then its result, under a `แผน … ผล …` header (lines 3170–3190)."""
    a = sample_excerpt(tmp_path_factory, "certificates", 3170, 3190)
    yield a
    a.close()


def test_a_rows_result_less_its_plan_when_asked_how_far_past_it(certificates):
    # `(3) จัดทำใบรับรอง 37 ฉบับ 46 ฉบับ` under `แผน (ต.ค.65 - ก.ย. 66) ผล (ณ 30 ก.ย. 66)`. Before: the row alone.
    answer = certificates.ask("งาน มผช. ปี 2566 จัดทำใบรับรองได้เกินแผนไปกี่ฉบับ")
    assert not answer.refused and "46 − 37 → เกินแผน 9 ฉบับ" in answer.answer
    assert "9" in {f.value for f in answer.figures if f.provenance == "computed"}
    assert all(c.verified for c in answer.citations)
    plain = certificates.ask("งาน มผช. ปี 2566 จัดทำใบรับรองได้กี่ฉบับ")  # no gap asked: nothing computed
    assert "คำนวณ" not in plain.answer


def test_two_figures_asked_of_two_rows_are_answered_by_both(certificates):
    # `รับคำขอได้กี่คำขอ แล้วจัดทำใบรับรองได้กี่ฉบับ`: neither row alone covers the question (before: refused, the
    # closest row shown); the two rows of one table together do, each asked its own figure.
    answer = certificates.ask("งาน มผช. ปี 2566 ผลจริงรับคำขอได้กี่คำขอ แล้วจัดทำใบรับรองได้กี่ฉบับ")
    assert not answer.refused
    assert "45  คำขอ  53  คำขอ" in answer.answer and "37  ฉบับ   46  ฉบับ" in answer.answer

