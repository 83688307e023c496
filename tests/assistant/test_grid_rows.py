"""A row of a budget book's linkage table (ยุทธศาสตร์ชาติ | แผนแม่บท | แผนพัฒนาเศรษฐกิจฯ ฉบับที่ 12 |
ยุทธศาสตร์การจัดสรรงบประมาณ | แผนงาน | งบประมาณ), named by its แผนงาน and asked by a column's header, through the
real pipeline over the FY2565 vol. 6 book's cover and pages 15-16 (the ministry's table over two pages)."""
from __future__ import annotations

import pytest

from assistant.grid_rows import table_grid
from ingest.records import Table, TableCell
from tests.conftest import FIXTURES, ask_book, fake_embedded_book, fake_embedded_files

BOOK = FIXTURES / "budget-fy2565-vol6-p1-15-16.pdf"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, BOOK)
    yield a
    a.close()


def test_a_programmes_national_strategy_and_master_plan_are_its_rows_cells(assistant):
    # Before: the document's every national-strategy link (4 of them) was listed, none said to be this one's.
    answer = assistant.ask("แผนงานบูรณาการรัฐบาลดิจิทัลของกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม "
                           "เชื่อมโยงกับยุทธศาสตร์ชาติด้านไหน และแผนแม่บทอะไร")
    assert answer.route == "grid_row"
    lines = answer.answer.splitlines()
    assert "แผนงานบูรณาการรัฐบาลดิจิทัล" in lines[0]
    assert "ยุทธศาสตร์ชาติ: ยุทธศาสตร์ชาติด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ" in lines[1]
    assert "แผนแม่บท ภายใต้ยุทธศาสตร์ชาติ: การบริการประชาชนและประสิทธิภาพภาครัฐ" in lines[2]
    assert len(lines) == 3 and all(c.verified for c in answer.citations)


def test_a_cell_printed_on_the_page_before_is_the_rows_too(assistant):
    # The group's national strategy is printed on page 15; page 16's first rows leave that column empty.
    answer = assistant.ask("แผนงานบุคลากรภาครัฐ สอดคล้องกับยุทธศาสตร์ชาติด้านใด")
    assert answer.route == "grid_row"
    assert "ยุทธศาสตร์ชาติด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม" in answer.answer
    pages = {c.page for c in answer.citations}
    assert pages == {2, 3} and all(c.verified for c in answer.citations)


def test_the_nesdp_column_is_asked_by_its_first_line(assistant):
    answer = assistant.ask("แผนงานบูรณาการสร้างรายได้จากการท่องเที่ยว เชื่อมโยงกับยุทธศาสตร์ใดของแผนพัฒนาเศรษฐกิจฯ ฉบับที่ 12")
    assert answer.route == "grid_row"
    assert "ยุทธศาสตร์การสร้างความเข้มแข็งทางเศรษฐกิจและแข่งขันได้อย่างยั่งยืน" in answer.answer
    assert "ยุทธศาสตร์ชาติ:" not in answer.answer  # `ยุทธศาสตร์` alone asks no national strategy


def test_a_cell_spanning_rows_lists_every_row_it_spans_over_both_pages(assistant):
    # Linkage the other way: the national strategy → the แผนงาน under it (5 on page 15, 4 carried on page 16).
    answer = assistant.ask("ยุทธศาสตร์ชาติด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม มีแผนงานอะไรบ้าง")
    assert answer.route == "grid_row" and "มี 9 แถว" in answer.answer.splitlines()[0]
    items = [line for line in answer.answer.splitlines() if line.startswith("•")]
    assert len(items) == 9 and "แผนงานบุคลากรภาครัฐ" in items[-1] and "ภาคทะเล" in items[1]
    assert all(c.verified for c in answer.citations)


def test_a_header_is_asked_shortened_with_its_abbreviation_mark_or_in_english(assistant):
    short = assistant.ask("แผนงานบูรณาการสร้างรายได้จากการท่องเที่ยว สอดคล้องกับแผนพัฒนาฯ ฉบับที่ 12 ยุทธศาสตร์ใด")
    assert short.route == "grid_row"
    assert "แผนพัฒนาเศรษฐกิจฯ ฉบับที่ 12: ยุทธศาสตร์การสร้างความเข้มแข็งทางเศรษฐกิจและแข่งขันได้อย่างยั่งยืน" in short.answer
    english = assistant.ask("Which national strategy and master plan is แผนงานบูรณาการรัฐบาลดิจิทัล linked to?")
    assert english.route == "grid_row" and english.answer.startswith("From the table")
    assert "การบริการประชาชนและประสิทธิภาพภาครัฐ" in english.answer


def test_a_question_typing_no_other_columns_header_is_left_to_the_other_answers(assistant):
    answer = assistant.ask("แผนงานบูรณาการรัฐบาลดิจิทัลได้งบประมาณเท่าไร")
    assert answer.route != "grid_row"


def test_a_cell_typed_inside_a_plan_levels_longer_name_names_no_row(tmp_path_factory):
    # The linkage table's master-plan cell `การเติบโตอย่างยั่งยืน` is typed inside the แผนงาน's name (pages 23-47 of
    # the same book hold that แผนงาน as a plan level, with its projects). Before: the table's five rows under that
    # master plan were listed; the largest project under the แผนงาน is what is asked.
    a = fake_embedded_files(tmp_path_factory, BOOK, FIXTURES / "budget-fy2565-vol6-p1-23-47.pdf")
    try:
        answer = a.ask("ในแผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืนฯ ของสำนักงานปลัดกระทรวงฯ โครงการไหนได้งบมากที่สุด")
        linked = a.ask("แผนงานบูรณาการรัฐบาลดิจิทัล เชื่อมโยงกับยุทธศาสตร์ชาติด้านไหน")
    finally:
        a.close()
    assert answer.route == "plan_level" and "โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ: 23,716,600 บาท" in answer.answer
    assert linked.route == "grid_row"  # a cell typed whole, in no longer name: still the table's row


def test_a_named_projects_programme_is_found_in_the_table_after_where_it_sits(tmp_path_factory):
    # Two hops in one book (pp. 1, 15-16 and 23-47): the project → its แผนงาน (the outline) → that แผนงาน's row
    # of the ministry's linkage table. Before: where the project sits only; the national strategy was not given.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-15-16-23-47.pdf",
                       "โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ อยู่ใต้แผนงานใด และแผนงานนั้นเชื่อมโยงกับยุทธศาสตร์ชาติด้านใด")
    assert answer.route == "grid_row"
    lines = answer.answer.splitlines()
    assert "อยู่ภายใต้ แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน อนุรักษ์ฟื้นฟู" in lines[0]
    assert "ยุทธศาสตร์ชาติ: ยุทธศาสตร์ชาติด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_spanning_and_carried_cells_fill_a_tables_rows():
    cells = [TableCell(0, 0, "ก", header=True), TableCell(0, 1, "ข", header=True),
             TableCell(1, 1, "x1"), TableCell(2, 0, "S", rowspan=2), TableCell(2, 1, "x2"), TableCell(3, 1, "x3")]
    rows = table_grid(Table(2, 1, 9, cells), carried={0: "P"})
    assert [r.get(0) for r in rows] == ["P", "S", "S"]
    assert -1 in rows[0] and -1 not in rows[1]  # the carried cell is told from a printed one
