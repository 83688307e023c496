"""An activity's amount, read from its project's activity table (assistant/cell_rows.py)."""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, fake_embedded_book

# กรมป่าไม้'s and กรมอุทยานแห่งชาติฯ's activity tables: the book's first page (its fiscal year), pages 222–223
# and 292, each table `กิจกรรม` | งบดำเนินงาน | งบลงทุน | งบเงินอุดหนุน | งบรายจ่ายอื่น | รวม under `หน่วย:ล้านบาท`.
ACTIVITIES = FIXTURES / "budget-fy2565-vol6-p1-222-223-292.pdf"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, ACTIVITIES)
    yield a
    a.close()


def test_an_activity_named_inside_its_project_gets_the_activitys_total_and_parts(book):
    # Before: the project's appropriation (972,901,400 บาท), the level the question also names.
    answer = book.ask("กรมป่าไม้ ปี 2565 กิจกรรมป้องกันรักษาป่าและควบคุมไฟป่า (ในโครงการป้องกันรักษาป่า "
                      "พัฒนาและเพิ่มพื้นที่สีเขียว) ได้งบรวมเท่าไร")
    assert answer.route == "cell_row"
    assert "รวม 307.7086 ล้านบาท = 307,708,600 บาท" in answer.answer
    assert "งบดำเนินงาน 94.3657, งบลงทุน 183.3429, งบเงินอุดหนุน 30.0000 ล้านบาท" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_the_column_a_question_names_is_the_answer(book):
    # The cells' places say which figure is which column (the text line prints `102.7095 11.1248`).
    answer = book.ask("กิจกรรมการแก้ไขปัญหาช้างป่าและสัตว์ป่าที่สร้างผลกระทบต่อราษฎร ปี 2565 ได้งบลงทุนเท่าไร")
    assert answer.route == "cell_row"
    assert "งบลงทุน 102.7095 ล้านบาท = 102,709,500 บาท" in answer.answer.split("\n")[0]


def test_a_label_typed_without_its_tables_kind_is_no_row(book):
    # A budget question's words often start a row's label (`งบประมาณรายจ่าย…` of a summary table's
    # `งบประมาณรายจ่ายบุคลากร`): a row is named only with its label column's word, here `กิจกรรม`.
    answer = book.ask("ป้องกันรักษาป่าและควบคุมไฟป่า ปี 2565 ได้งบรวมเท่าไร")
    assert answer.route != "cell_row"


def test_a_total_row_is_no_activity(book):
    assert all(not r.label.startswith("รวม") for r in book.tables.cells)
    assert book.ask("กรมป่าไม้ ปี 2565 งบรายจ่ายรวมทั้งสิ้นเท่าไร").route != "cell_row"


def test_a_project_or_another_year_is_no_activity_row(book):
    project = book.ask("โครงการรักษาความมั่นคงของฐานทรัพยากรธรรมชาติ ปี 2565 ได้งบประมาณเท่าไร")
    assert project.route != "cell_row"
    other_year = book.ask("กิจกรรมการแก้ไขปัญหาช้างป่าและสัตว์ป่าที่สร้างผลกระทบต่อราษฎร ปี 2566 ได้งบเท่าไร")
    assert other_year.route != "cell_row" and "113.8343" not in other_year.answer


def test_an_activitys_share_of_its_project_is_computed_over_the_tables_total_row(book):
    # Before: the project's amount as a share of its department's (ร้อยละ 0.14 in the like question on page 311).
    answer = book.ask("กิจกรรมป้องกันรักษาป่าและควบคุมไฟป่า คิดเป็นร้อยละเท่าไรของงบโครงการปี 2565")
    assert answer.route == "cell_row"
    assert "รวมทั้งสิ้น: รวม 972.9014 ล้านบาท" in answer.answer  # the project's 972,901,400 บาท
    assert "คำนวณ: 307.7086 ÷ 972.9014 × 100 = ร้อยละ 31.63" in answer.answer


OFFICE = FIXTURES / "budget-fy2565-vol6-p1-23-47.pdf"  # สำนักงานปลัดกระทรวงฯ: its levels, each with its activity table


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, OFFICE)
    yield a
    a.close()


def test_a_named_levels_activities_are_its_activity_tables_rows(office):
    # Before: the text's best lines (the output's heading with its amount, a summary table's bare figures).
    answer = office.ask("ผลผลิตระบบอำนวยการและการบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม มีกิจกรรมอะไรบ้าง")
    assert answer.route == "cell_row"
    lines = answer.answer.splitlines()
    assert "กิจกรรม ปี 2565 (3 รายการ, หน่วย ล้านบาท)" in lines[0]
    assert any(line.startswith("• สนับสนุนการดำเนินงานตามยุทธศาสตร์: รวม 93.7352 ล้านบาท") for line in lines)
    assert any(line.startswith("• พัฒนาระบบเทคโนโลยีสารสนเทศและการสื่อสาร: รวม 37.9510 ล้านบาท") for line in lines)
    assert all(c.verified for c in answer.citations)


def test_activities_of_another_year_or_of_no_named_level_are_not_listed(office):
    other_year = office.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ปี 2566 มีกิจกรรมอะไรบ้าง")
    assert other_year.route != "cell_row"
    no_level = office.ask("มีกิจกรรมอะไรบ้างที่เกี่ยวกับไฟป่าและหมอกควัน")
    assert no_level.route != "cell_row"


def test_an_activitys_amount_states_the_books_year_from_its_cover(office):
    # These pages print no year by the activity table: the first sentence was dropped by verification (only
    # `แยกเป็น …` was left). The book's fiscal year is now cited from its cover.
    answer = office.ask("กิจกรรมสนับสนุนการแก้ไขปัญหาขยะและสิ่งแวดล้อม ได้งบเท่าไร")
    assert answer.route == "cell_row"
    assert "ปี 2565: รวม 53.6014 ล้านบาท = 53,601,400 บาท" in answer.answer.splitlines()[0]


def test_the_largest_activity_and_its_gap_to_the_smallest_are_computed_over_the_listed_rows(office):
    # Before: the three activities listed, the largest not said and the gap not computed.
    answer = office.ask("ผลผลิตระบบอำนวยการและการบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม กิจกรรมไหนได้งบมากที่สุด "
                        "และมากกว่ากิจกรรมที่ได้น้อยที่สุดเท่าไร")
    assert answer.route == "cell_row"
    lines = answer.answer.splitlines()
    assert lines[1].startswith("มากที่สุด: สนับสนุนการบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม 280.6601 ล้านบาท")
    assert lines[2].startswith("น้อยที่สุด: พัฒนาระบบเทคโนโลยีสารสนเทศและการสื่อสาร 37.9510 ล้านบาท")
    assert "280.6601 − 37.9510 = 242.7091 ล้านบาท" in answer.answer
    assert any(f.provenance == "computed" and f.value == "242.7091" for f in answer.figures)
    largest_only = office.ask("ผลผลิตระบบอำนวยการและการบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม กิจกรรมไหนได้งบมากที่สุด")
    assert "มากที่สุด: สนับสนุนการบริหาร" in largest_only.answer and "น้อยที่สุด" not in largest_only.answer


def test_each_row_cites_its_own_label_line_where_two_labels_start_alike(tmp_path_factory):
    # กรมทรัพยากรน้ำบาดาล's activity table (pages 193–194): `1. พัฒนาน้ำบาดาลเพื่อส่งเสริมการเกษตรแบบแปลงใหญ่ พื้นที่ 500`
    # and `2. … พื้นที่ 300` share their first words. Before: each row's label line was the first line printing its
    # label's first 12 characters, so both cited item 1's line, and item 2's `300` stood uncited (its line of a
    # listing was dropped by the verifier).
    from assistant.cell_rows import _evidence

    a = fake_embedded_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-177-193-194.pdf")
    try:
        rows = [r for r in a.tables.cells if "แปลงใหญ่" in r.label]
        assert len(rows) == 2
        for row, area in zip(rows, ("500", "300")):
            assert any(f"พื้นที่ {area}" in e.quote for e in _evidence(a.db, row))
    finally:
        a.close()
