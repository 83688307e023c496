"""A service goal's money for a year, read from the table's cells (assistant/group_rows.py)."""
from __future__ import annotations

import shutil

import pytest

from assistant.group_rows import table_rows
from ingest.records import Table, TableCell
from tests.conftest import FIXTURES, SAMPLE, fake_embedded_assistant, fake_embedded_book

BOOK = FIXTURES / "budget-fy2565-vol3-p1-245-249-258-267-268.pdf"  # GISTDA: pages 1, 245–249, 258, 267–268
TGO = FIXTURES / "budget-fy2565-vol6-p1-399-402.pdf"  # องค์การบริหารจัดการก๊าซเรือนกระจก: first page, goals
MARINE = FIXTURES / "budget-fy2565-vol6-p1-81-85-88-90.pdf"  # กรมทรัพยากรทางทะเลฯ: first page, goals, section 7, ผลผลิตที่ 1


def _table(rows: list[list[str]]) -> Table:
    return Table(1, 1, 20, [TableCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text])


def test_money_rows_belong_to_the_numbered_group_above_them():
    t = _table([
        ["เป้าหมายการให้บริการหน่วยงาน", "หน่วยนับ", "ปี 2564", "ปี 2565"],
        ["รวมเงินงบประมาณ", "ล้านบาท", "10.0000", "12.0000"],  # the table's total: no group's
        ["1. บริการทดสอบ", "", "", ""],
        ["ให้แก่ผู้ประกอบการ", "", "", ""],  # the group's label wrapped over a second row
        ["- ตัวชี้วัดเชิงปริมาณ : จำนวนผู้ใช้บริการ", "ราย", "-", "15"],  # a KPI row, not money
        ["เงินงบประมาณ", "ล้านบาท", "-", "65.0000"],
        ["2. พัฒนาระบบ", "", "", ""],
        ["เงินนอกงบประมาณ", "ล้านบาท", "80.0000", "10.0000"],
    ])
    rows, open_group = table_rows("d", t)
    assert [(r.group, r.label, r.cells) for r in rows] == [
        ("1. บริการทดสอบ ให้แก่ผู้ประกอบการ", "เงินงบประมาณ", {2564: "-", 2565: "65.0000"}),
        ("2. พัฒนาระบบ", "เงินนอกงบประมาณ", {2564: "80.0000", 2565: "10.0000"}),
    ]
    assert open_group == "2. พัฒนาระบบ"


def test_a_table_without_year_columns_has_no_group_rows():
    t = _table([["รายการ", "หน่วยนับ", "งบบุคลากร"], ["1. ค่าจ้าง", "", ""], ["เงินงบประมาณ", "ล้านบาท", "5.0000"]])
    assert table_rows("d", t) == ([], "")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, BOOK)
    yield a
    a.close()


def test_a_named_service_goal_gets_its_own_budget_for_the_year(assistant):
    # Before: the level answer gave a project's budget (1,262,356,200 บาท). The text line prints the
    # bold 2565 figure first (`497.3623 131.0915`); the cells say 2564 = 131.0915, 2565 = 497.3623.
    answer = assistant.ask("สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ เป้าหมายการให้บริการ พัฒนาระบบภูมิสารสนเทศ"
                           "เพื่อเพิ่มประสิทธิภาพในการบริหารจัดการเชิงพื้นที่อย่างยั่งยืน ปี 2565 ได้เงินงบประมาณเท่าไร")
    assert answer.route == "group_row" and not answer.refused
    first = answer.answer.splitlines()[0]
    assert "497.3623 ล้านบาท" in first and "497,362,300" in first
    assert "2564: 131.0915" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_the_row_the_question_types_is_read(assistant):
    answer = assistant.ask("เป้าหมายการให้บริการ พัฒนาระบบภูมิสารสนเทศเพื่อเพิ่มประสิทธิภาพในการบริหารจัดการเชิงพื้นที่"
                           "อย่างยั่งยืน ได้เงินนอกงบประมาณปี 2564 เท่าไร")
    assert answer.route == "group_row"
    assert "เงินนอกงบประมาณ ปี 2564: 80.0000" in answer.answer.splitlines()[0]


def test_an_agency_total_is_not_a_goal_question(assistant):
    answer = assistant.ask("สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ ได้รับงบประมาณปี 2565 เท่าไร")
    assert answer.route != "group_row"


def test_words_a_goal_shares_with_its_agency_do_not_name_the_goal(assistant):
    # Goal 3's label (`…กำลังคนด้านเทคโนโลยีอวกาศ และภูมิสารสนเทศ…`) holds the agency's words; they name the agency.
    answer = assistant.ask("งบประมาณของสำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ ด้านเทคโนโลยีอวกาศ ปี 2565 เท่าไร")
    assert answer.route != "group_row"


@pytest.fixture(scope="module")
def marine(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, MARINE)
    yield a
    a.close()


def test_an_output_named_as_far_as_a_goal_gets_the_outputs_budget(marine):
    # Goal 4 (`ทรัพยากรทางทะเล ชายฝั่งทะเล และป่าชายเลน ได้รับการสงวน…`) repeats the words of ผลผลิตที่ 1
    # (`พื้นที่ทรัพยากรทางทะเล ชายฝั่งทะเล และป่าชายเลน ได้รับการบริหารจัดการ`); the output's name is what is typed.
    answer = marine.ask("ผลผลิตพื้นที่ทรัพยากรทางทะเล ชายฝั่งทะเล และป่าชายเลน ได้รับการบริหารจัดการ ได้งบประมาณปี 2565 เท่าไร")
    assert answer.route == "plan_level"  # (its amounts are printed on page 91, which the fixture leaves out)


def test_a_target_asked_of_a_goal_is_its_kpis_not_its_money(assistant):
    # Goal 2's KPI is printed in ล้านบาท (`มูลค่าผลกระทบทางเศรษฐกิจ … 1,600`); a target asked is the KPI's row.
    answer = assistant.ask("เป้าหมายการให้บริการ พัฒนาระบบภูมิสารสนเทศเพื่อเพิ่มประสิทธิภาพในการบริหารจัดการเชิงพื้นที่"
                           "อย่างยั่งยืน ตั้งค่าเป้าหมายมูลค่าผลกระทบทางเศรษฐกิจปี 2565 ไว้กี่ล้านบาท")
    assert answer.route != "group_row"


def test_a_project_of_an_action_plan_is_not_a_goal_of_a_book(tmp_path):
    # TGO's goal `ส่งเสริมการพัฒนาเมืองและอุตสาหกรรม… ลดก๊าซเรือนกระจกมุ่งสู่สังคมคาร์บอนต่ำ` shares most words of the
    # sample's `โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ`: the project's own budget is asked.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    shutil.copy(TGO, corpus / TGO.name)
    a = fake_embedded_assistant(corpus, tmp_path / "data")
    try:
        answer = a.ask("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ได้งบประมาณปี 2565 เท่าไร")
    finally:
        a.close()
    assert answer.route != "group_row"
    assert "22.5595" not in answer.answer


def test_a_year_the_table_prints_no_amount_for_is_said_so(assistant):
    # Goal 1's เงินงบประมาณ is printed `-` for 2564 (its 65.0000 is 2565's): no amount is made up for the dash.
    answer = assistant.ask("สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ เป้าหมายการให้บริการ บริการทดสอบมาตรฐานอุตสาหกรรมอวกาศ"
                           "ให้แก่ผู้ประกอบการ ได้เงินงบประมาณปี 2564 เท่าไร")
    assert answer.route == "group_row"
    assert "ปี 2564: - (ตารางไม่ได้ระบุจำนวนเงิน)" in answer.answer.splitlines()[0]
