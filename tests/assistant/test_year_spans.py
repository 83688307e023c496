"""A level's money over spans of years from its section's year table (assistant/year_spans.py)."""
from __future__ import annotations

import pytest

from assistant.route import analyse
from assistant.year_spans import Column, asked_columns, asked_spans, columns
from ingest.records import Table, TableCell
from tests.conftest import FIXTURES, fake_embedded_book

# สำนักงานพัฒนาเศรษฐกิจจากฐานชีวภาพ: the book's first page, the agency's pages to its project 7.3.2's year table
BEDO = FIXTURES / "budget-fy2565-vol6-p1-369-383.pdf"

_HEADER = ["เริ่มต้น - ปี 2564 แผน (ผล)*", "ปี 2565 แผน", "ปี 2566 แผน", "ปี 2567 แผน", "ปี 2568-จบ แผน"]


def _table() -> Table:
    cells = [TableCell(0, 0, "ตัวชี้วัด/ แหล่งเงิน", header=True), TableCell(0, 1, "หน่วยนับ", header=True)]
    cells += [TableCell(1, 2 + i, h, header=True) for i, h in enumerate(_HEADER)]
    cells += [TableCell(2, c, t) for c, t in enumerate(["รวมทั้งสิ้น", "ล้านบาท", "14.5000", "3.3364", "3.3364",
                                                       "3.3364", "3.3364"])]
    return Table(1, 1, 10, cells)


def test_header_cells_are_read_as_single_years_and_spans():
    cols = columns(_table())
    assert [(k.first, k.last) for k in cols] == [(None, 2564), (2565, 2565), (2566, 2566), (2567, 2567), (2568, None)]
    plain = Table(1, 1, 5, [TableCell(0, 1, "ปี 2564", header=True), TableCell(0, 2, "ปี 2565", header=True)])
    assert columns(plain) == []  # no span: the level's year answer reads it


def test_spans_typed_in_thai_and_english():
    assert asked_spans("ประมาณการรายจ่ายล่วงหน้าปี 2566 ถึงปี 2568-จบ รวมกันเท่าไร") == [(2566, None)]
    assert asked_spans("ปี 2566–2568 รวมกันเท่าไร") == [(2566, 2568)]
    assert asked_spans("from FY2568 to the end of the project") == [(2568, None)]
    assert asked_spans("ก่อนปี 65 ได้งบไปแล้วเท่าไร") == [(None, 2564)]
    assert asked_spans("ใช้งบช่วงเริ่มต้น–ปี 2564 รวมกับปี 2565 เป็นเงินเท่าไร") == [(None, 2564)]
    assert asked_spans("ปี 2565 ได้งบเท่าไร") == []


def test_columns_asked_need_a_span():
    cols = columns(_table())
    asked = asked_columns(analyse("โครงการ X ประมาณการรายจ่ายล่วงหน้าไว้เท่าไร"), cols, 2565)
    assert [k.header for k in asked] == ["ปี 2566 แผน", "ปี 2567 แผน", "ปี 2568-จบ แผน"]
    assert [k.header for k in asked_columns(analyse("โครงการ X ประมาณการรายจ่ายล่วงหน้าปี 2568 เท่าไร"), cols, 2565)
            ] == ["ปี 2568-จบ แผน"]
    # a single year alone: the level's year answer, not a span (`เริ่มต้น - ปี 2564` is no answer for 2564)
    assert asked_columns(analyse("โครงการ X ปี 2566 ได้งบเท่าไร"), cols, 2565) == []
    assert asked_columns(analyse("โครงการ X ปี 2564 ได้งบเท่าไร"), cols, 2565) == []
    # a span and a single year typed beside it
    asked = asked_columns(analyse("โครงการ X ใช้งบช่วงเริ่มต้น–ปี 2564 รวมกับปี 2565 เป็นเงินเท่าไร"), cols, 2565)
    assert [k.header for k in asked] == ["เริ่มต้น - ปี 2564 แผน (ผล)*", "ปี 2565 แผน"]
    assert Column(6, 2568, None, "ปี 2568-จบ").holds(2570)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, BEDO)
    yield a
    a.close()


def test_forward_estimates_of_a_span_of_years_are_added_up(book):
    # Before: passages of the project's heading (`…ความหลากหลายทางชีวภาพ 3,336,400`), no sum.
    answer = book.ask("โครงการพัฒนาสารสนเทศเพื่อสร้างเศรษฐกิจจากความหลากหลายทางชีวภาพ ของ สพภ. "
                      "มีประมาณการรายจ่ายล่วงหน้าปี 2566–2568 รวมกันเท่าไร")
    assert answer.route == "plan_level" and not answer.refused
    assert "3.3364 + 3.3364 + 3.3364 = 10.0092 ล้านบาท = 10,009,200 บาท" in answer.answer
    assert "ปี 2568-จบ" in answer.answer and "14.5000" not in answer.answer


def test_the_years_before_one_are_the_tables_first_span(book):
    # Before: "no project named …" (the year table's first column was not read).
    answer = book.ask("โครงการพัฒนาสารสนเทศเพื่อสร้างเศรษฐกิจจากความหลากหลายทางชีวภาพ ก่อนปี 2565 ได้งบไปแล้วเท่าไร")
    assert "เริ่มต้น - ปี 2564" in answer.answer and "14.5000 ล้านบาท" in answer.answer
    assert "3.3364" not in answer.answer


def test_a_plain_year_is_still_the_levels_year_answer(book):
    answer = book.ask("โครงการพัฒนาสารสนเทศเพื่อสร้างเศรษฐกิจจากความหลากหลายทางชีวภาพ ปี 2565 ได้งบเท่าไร")
    assert "3,336,400 บาท" in answer.answer and "ตามตารางรายปี" not in answer.answer


def test_a_later_single_year_is_said_in_the_unit_its_row_prints(book):
    # Before: `ปีงบประมาณ 2566: 3.3364` with no unit (the row's own unit cell, `ล้านบาท`, was not read).
    answer = book.ask("โครงการพัฒนาสารสนเทศเพื่อสร้างเศรษฐกิจจากความหลากหลายทางชีวภาพ ปี 2566 ได้งบเท่าไร")
    assert "2566: 3.3364 ล้านบาท" in answer.answer
