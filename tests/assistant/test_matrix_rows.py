"""Rows of the sample's 4.2 linkage matrix (vertical row labels), read over its real lines and the section after it."""
from __future__ import annotations

import pytest

from tests.conftest import sample_excerpt


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    a = sample_excerpt(tmp_path_factory, "matrix", 1550, 2920)  # part 4 from its heading: 4.1, 4.2 (the matrix), 4.3
    yield a
    a.close()


def test_the_last_row_ends_before_the_next_section(matrix):
    # Before: the last row ran 30 lines on, into 4.3's results summary (`4.3 ข้อมูลสรุปผล… แผนพัฒนาจังหวัดลำปาง
    # และแผนพัฒนากลุ่มจังหวัด… 1. โครงการยกระดับเครือข่าย…`), so a question naming the provincial plan and a
    # project was answered with that row.
    rows = matrix.matrix
    assert rows and rows[-1].label.endswith("5")
    assert all("ข้อมูลสรุปผลการดำเนินงาน" not in r.text for r in rows)
    answer = matrix.ask("โครงการพัฒนาผลิตภัณฑ์ชุมชน Gift & Lifestyle สอดคล้องกับประเด็นไหนของแผนพัฒนาจังหวัดและยุทธศาสตร์กลุ่มจังหวัด")
    assert answer.route != "matrix_row"
    # A cell of the last row still names it.
    row = matrix.ask("ในตาราง 4.2 การอนุรักษ์ฟื้นฟูและบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อมอย่างยั่งยืน อยู่แถวเดียวกับประเด็นใด")
    assert row.route == "matrix_row" and "ด้านที่ 5" in row.answer


def test_a_cell_drawn_across_two_rows_answers_with_both(matrix):
    # The action plan's direction `ยกระดับสถานประกอบการอุตสาหกรรมและหัตถอุตสาหกรรมสู่อุตสาหกรรมสีเขียว…` is printed in
    # rows 2 and 5 (one cell over both); `เชื่อมกับ` asks a link. Before: `เชื่อมกับ` was no link word (refused), and
    # a cell printed in two rows answered with the first only.
    answer = matrix.ask("ตามตาราง 4.2 แนวทางยกระดับสถานประกอบการอุตสาหกรรมและหัตถอุตสาหกรรมสู่อุตสาหกรรมสีเขียว "
                        "เชื่อมกับประเด็นการพัฒนาของแผนพัฒนาจังหวัดลำปางประเด็นใด")
    assert answer.route == "matrix_row"
    assert "ด้านที่ 2" in answer.answer and "ท่องเที่ยว" in answer.answer
    assert "ด้านที่ 5" in answer.answer and "การอนุรักษ์ฟื้นฟู" in answer.answer


def test_a_row_named_by_its_label_and_the_matrix_by_its_section_number(matrix):
    # `ตามแผนภาพ 4.2 ประเด็นการพัฒนาด้านที่ 2 … อยู่คู่กับแนวทางใด`: the row's label and the matrix's section typed, no
    # cell. Before: the matrix's heading lines. The label alone (no `4.2`) may be another plan's item: no row.
    answer = matrix.ask("ตามแผนภาพ 4.2 ประเด็นการพัฒนาด้านที่ 2 ของแผนปฏิบัติราชการรายปี 2567 ของ สปอ. คืออะไร "
                        "และอยู่คู่กับแนวทางใดของแผนปฏิบัติการฯ จังหวัดลำปาง")
    assert answer.route == "matrix_row" and "การพัฒนาศักยภาพของธุรกิจ" in answer.answer
    assert "สู่อุตสาหกรรมสีเขียว" in answer.answer and "ด้านที่ 5" not in answer.answer
    plain = matrix.ask("ประเด็นการพัฒนาด้านที่ 2 ของแผนพัฒนาจังหวัดลำปาง สอดคล้องกับอะไร")
    assert plain.route != "matrix_row"


def test_an_english_question_names_a_row_by_the_profiles_thai_terms_for_its_words(matrix):
    # `…the action-plan direction on strengthening entrepreneur networks`: no Thai cell typed; the profile's terms
    # for its English words (เสริมสร้าง, ผู้ประกอบการ, เครือข่าย) are printed by row 1's cells more than by any other.
    # Before: refused, a broken vertical label quoted.
    answer = matrix.ask("In diagram 4.2, which Ministry of Industry (อก.) development issue sits in the same row as the "
                        "action-plan direction on strengthening entrepreneur networks?")
    assert answer.route == "matrix_row" and "ด้านที่ 1" in answer.answer and "อุตสาหกรรมวิถี" in answer.answer
    green = matrix.ask("In the 4.2 linkage chart, which action-plan direction is paired with the provincial issue on "
                       "conserving and managing natural resources and the environment?")
    assert green.route == "matrix_row" and "ด้านที่ 5" in green.answer
