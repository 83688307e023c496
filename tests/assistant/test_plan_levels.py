"""Plan levels of a budget book (agency → แผนงาน → โครงการ) and their KPIs, answered through the real
pipeline over 26 real pages of the FY2565 vol. 6 book (its cover and one agency's pages: its year table,
its numbered sections and three of its แผนงาน with their projects), ingested once with the deterministic
fake embedder so this runs in seconds. Each test is a failure class of issue 13 that the old answer
path got wrong on these pages."""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, ask_book, fake_embedded_book

BOOK = FIXTURES / "budget-fy2565-vol6-p1-23-47.pdf"  # PDF pages 1 and 23–47


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, BOOK)
    yield a
    a.close()


def test_the_largest_project_under_a_named_programme_is_compared_in_code(assistant):
    # Before: routed to the action plan's project ranking, which has no budget-book projects → refused.
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม โครงการใดได้งบมากที่สุด")
    assert answer.route == "plan_level" and not answer.refused
    first = answer.answer.splitlines()[0]
    assert "ขยะ" in first and "53,601,400" in first  # 53.6 M against 8.0 M and 7.4 M
    assert "3" in first and any(f.provenance == "computed" for f in answer.figures)  # the count compared
    smallest = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม โครงการใดได้งบน้อยที่สุด")
    assert "ไฟป่า" in smallest.answer.splitlines()[0] and "7,377,900" in smallest.answer.splitlines()[0]


def test_a_project_is_placed_under_its_programme_and_agency(assistant):
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน อยู่ภายใต้แผนงานใด")
    assert answer.route == "plan_level"
    under = answer.answer.split("อยู่ภายใต้", 1)[1]
    assert "แผนงานยุทธศาสตร์จัดการมลพิษ" in under and "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติ" in under
    assert all(c.verified for c in answer.citations)


def test_a_project_amount_is_the_one_its_heading_prints(assistant):
    answer = assistant.ask("โครงการยกระดับศักยภาพชุมชนสู่สังคมที่เป็นมิตรกับสิ่งแวดล้อม ได้รับงบประมาณเท่าไร")
    assert answer.route == "plan_level" and "8,000,000" in answer.answer
    assert "2565" in answer.answer  # the book's fiscal year, cited from its cover


def test_an_agency_amount_per_year_and_its_change_come_from_its_year_table(assistant):
    # The text layer prints the agency's amounts before the year header; the table cells keep them in place.
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ได้งบประมาณรายจ่ายปี 2564 เท่าไร")
    assert answer.route == "plan_level"
    assert "1,638,589,600" in answer.answer and "1,493,510,700" not in answer.answer  # 2564, not 2565
    change = assistant.ask("งบประมาณรายจ่ายของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 เพิ่มขึ้นหรือลดลงจากปี 2564 เท่าไร")
    assert change.route == "plan_level"
    assert "ลดลง 145,078,900" in change.answer  # 1,638,589,600 − 1,493,510,700
    assert any(f.value.replace(",", "") == "145078900" and f.provenance == "computed" for f in change.figures)


def test_a_vision_printed_away_from_its_heading_is_read_by_position_on_the_page(assistant):
    # The text layer prints `1. วิสัยทัศน์`, `2. พันธกิจ`, the missions, and only then the vision sentence.
    answer = assistant.ask("วิสัยทัศน์ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมคืออะไร")
    assert answer.route == "section"
    body = answer.answer.split("วิสัยทัศน์", 2)[-1]
    assert "สมดุล" in body and "2580" in body and "แปลงนโยบาย" not in body  # the vision, not the first mission
    assert all(c.verified for c in answer.citations)


def test_the_programmes_of_an_agency_are_listed_with_their_amounts(assistant):
    answer = assistant.ask("แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน มีโครงการอะไรบ้าง")
    assert answer.route == "plan_level"
    assert answer.answer.count("•") >= 2


def test_a_level_another_document_does_not_hold_is_not_named(assistant):
    # A name that only shares generic words with the book's levels is not taken for one of them.
    answer = assistant.ask("โครงการพัฒนาอุตสาหกรรมเซรามิกลำปาง ได้งบประมาณเท่าไร")
    assert answer.route != "plan_level"


def test_a_row_the_question_names_gives_its_own_amount_not_the_levels_total(assistant):
    # Printed row by position: the text layer prints `รายจ่ายลงทุน บาท` and `303,494,200` far apart.
    spending = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม มีรายจ่ายลงทุนเท่าไร")
    assert spending.route == "plan_level" and "303,494,200" in spending.answer and "1,493,510,700" not in spending.answer
    # A table column the question names (งบลงทุน), in the agency's total row, with the caption's unit.
    column = assistant.ask("งบลงทุนของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมเท่าไร")
    assert "303.4942 ล้านบาท" in column.answer
    # A project's expense-category total from the facts, not its whole amount (53,601,400).
    project = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ได้งบลงทุนเท่าไร")
    assert "36,601,400" in project.answer and "53,601,400" not in project.answer


def test_an_english_agency_name_is_read_as_the_thai_one(assistant):
    answer = assistant.ask("What was the budget of the Office of the Permanent Secretary, Ministry of Natural "
                           "Resources and Environment, in fiscal year 2564?")
    assert answer.route == "plan_level" and "1,638,589,600" in answer.answer
    assert answer.answer.startswith("สำนักงานปลัดกระทรวง") and "fiscal year 2564" in answer.answer  # English frame


def test_a_kpi_target_is_read_for_the_asked_year_from_the_kpi_table(assistant):
    # Before: passages picked a bare row of numbers (`26 ( 22 ) 22 22 22 22`) with no KPI or year.
    answer = assistant.ask("ตั้งเป้าจำนวนเรื่อง/นโยบายสำคัญที่มีการนำไปสู่การปฏิบัติ ปี 2564 ไว้กี่เรื่อง")
    assert answer.route == "kpi_target"
    first = answer.answer.splitlines()[0]
    assert "2564: 26" in first and "22" in first  # target 26, result 22 (printed `26 ( 22 )`)
    later = assistant.ask("ตั้งเป้าจำนวนเรื่อง/นโยบายสำคัญที่มีการนำไปสู่การปฏิบัติ ปี 2565 ไว้กี่เรื่อง")
    assert "2565: 22" in later.answer.splitlines()[0]
    assert all(c.verified for c in answer.citations)


def test_two_levels_named_side_by_side_are_added_in_code(assistant):
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน กับโครงการยกระดับศักยภาพชุมชน รวมกันได้งบเท่าไร")
    assert answer.route == "plan_level"
    assert "7,377,900" in answer.answer and "8,000,000" in answer.answer and "15,377,900" in answer.answer
    assert any(f.value.replace(",", "") == "15377900" and f.provenance == "computed" for f in answer.figures)


def test_another_years_amount_comes_from_the_levels_year_table_in_its_unit(assistant):
    later = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ปี 2566 ได้งบประมาณเท่าไร")
    assert later.route == "plan_level" and "2566: 17.0000 ล้านบาท" in later.answer  # a forward estimate
    change = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม งบปี 2566 เพิ่มขึ้นหรือลดลงจากปี 2565 เท่าไร")
    assert "ลดลง 36.6014 ล้านบาท" in change.answer  # 53.6014 → 17.0000, both from the one table
    cumulative = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ปี 2564 ได้งบประมาณเท่าไร")
    assert "228.6210" not in cumulative.answer  # `เริ่มต้น - ปี 2564` is a span of years, not 2564


def test_the_kpis_of_a_named_level_are_listed_with_this_years_targets(assistant):
    answer = assistant.ask("ตัวชี้วัดของโครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม มีอะไรบ้าง")
    assert answer.route == "kpi_target"
    assert "(2 " in answer.answer.splitlines()[0]  # two KPIs on the project's page
    assert "2565: 76 จังหวัด" in answer.answer and "2565: 30 ร้อยละ" in answer.answer


def test_a_section_of_a_book_project_is_its_body_by_position_not_the_next_headings(assistant):
    # Before: the `project_field` lookup (action-plan briefs) missed, and passages gave `7.4.1.1 วัตถุประสงค์
    # 7.4.1.2 สถานที่ดำเนินการ 7.4.1.3 …` — the labels the text layer prints together, not the objectives.
    answer = assistant.ask("วัตถุประสงค์ของโครงการแก้ไขปัญหาขยะและสิ่งแวดล้อมคืออะไร")
    assert answer.route == "section"
    assert "ขยะมูลฝอย" in answer.answer and "สถานที่ดำเนินการ" not in answer.answer


def test_what_a_named_agency_holds_is_listed_not_what_it_sits_under(assistant):
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม มีแผนงานอะไรบ้าง")
    assert answer.route == "plan_level" and answer.answer.count("• แผนงาน") == 4
    mission = assistant.ask("พันธกิจของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมมีอะไรบ้าง")
    assert mission.route == "section" and "แปลงนโยบาย" in mission.answer  # a named section, not the programmes


def test_where_a_project_is_carried_out_is_the_value_beside_its_label(assistant):
    # `ที่ไหน` is a question word, not a topic the label's page must print.
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน มีสถานที่ดำเนินการที่ไหน")
    assert answer.route == "section" and "10 จังหวัดภาคเหนือ" in answer.answer


def test_a_comparison_of_two_named_levels_is_their_difference_in_code(assistant):
    # "A ได้งบมากกว่า B เท่าไร": split at the comparison word, not at the และ inside a project's name.
    answer = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ได้งบมากกว่าโครงการแก้ไขปัญหาไฟป่าและหมอกควันเท่าไร")
    assert answer.route == "plan_level" and "46,223,500" in answer.answer  # 53,601,400 − 7,377,900


def test_a_budget_levels_figure_is_its_amount_without_a_money_word(assistant):
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม ปี 2565 ได้เท่าไร")
    assert answer.route == "plan_level" and "68,979,300" in answer.answer


def test_a_budget_line_under_a_named_agency_is_found_in_the_levels_under_it(assistant):
    # The line hangs on the agency's แผนงานบุคลากรภาครัฐ, not on the agency: read from the levels under it.
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ตั้งงบค่าจ้างประจำไว้เท่าไร")
    assert answer.route == "plan_level" and "19,413,500" in answer.answer and "749,613,200" not in answer.answer


def test_a_programme_of_one_output_reads_that_outputs_year_table(assistant):
    answer = assistant.ask("แผนงานพื้นฐานด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม ปี 2566 ได้งบเท่าไร")
    assert answer.route == "plan_level" and "397.4085 ล้านบาท" in answer.answer


def test_a_year_a_level_prints_no_amount_for_is_refused_not_filled_from_its_agency(assistant):
    answer = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ปี 2570 ได้งบเท่าไร")
    assert answer.refused and "2570" in answer.answer and not answer.figures


def test_a_named_rows_share_of_the_levels_whole_amount_is_computed(assistant):
    # Before: the row's amount alone ("รายจ่ายลงทุน 303,494,200 บาท"); the share was not computed.
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 รายจ่ายลงทุนคิดเป็นกี่เปอร์เซ็นต์ของงบประมาณทั้งหมด")
    assert answer.route == "plan_level"
    assert "303,494,200" in answer.answer and "1,493,510,700" in answer.answer
    assert "20.32" in answer.answer  # 303,494,200 ÷ 1,493,510,700 × 100
    assert any(f.provenance == "computed" and f.value == "20.32" for f in answer.figures)
    # The whole typed as a row label too (`งบประมาณรายจ่าย`): the part is the row named before the share word.
    whole_named = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 รายจ่ายลงทุนคิดเป็นร้อยละเท่าไร"
                                "ของงบประมาณรายจ่ายทั้งหมด")
    assert "20.32" in whole_named.answer


def test_a_row_of_the_agencys_comparison_table_named_by_its_own_word_and_its_share_of_the_total(assistant):
    # `4. เปรียบเทียบงบประมาณรายจ่าย … จำแนกตามประเภทงบประมาณรายจ่าย` prints `1. งบประมาณรายจ่ายบุคลากร 931.8112
    # 915.0885 915.0285` and `รวมทั้งสิ้น … 1,638.5896 …` (ล้านบาท). Before: the agency's whole amount for
    # `งบบุคลากร … ปี 2564` (the row typed by the word after `งบประมาณรายจ่าย` was not named; a numbered label was
    # not read), and the share refused by the action plan's totals lookup.
    answer = assistant.ask("งบบุคลากรของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2564 เท่าไร")
    assert answer.route == "plan_level" and "915.0885" in answer.answer and "1,638" not in answer.answer
    share = assistant.ask("ปี 2564 งบประมาณรายจ่ายบุคลากรของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"
                          "คิดเป็นร้อยละเท่าไรของงบรวมทั้งสิ้น")
    assert share.route == "plan_level" and not share.refused
    assert "915.0885 ÷ 1,638.5896 × 100 = ร้อยละ 55.85" in share.answer
    assert any(f.provenance == "computed" and f.value == "55.85" for f in share.figures)


def test_items_are_called_what_their_titles_call_them(assistant):
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม โครงการใดได้งบมากที่สุด")
    assert "มี 3 โครงการ" in answer.answer.splitlines()[0]  # not "3 รายการ"


def test_the_items_a_question_names_by_the_start_of_their_titles_are_added_up(assistant):
    # Before: the action plan's totals lookup answered "no rows match" for a budget book's agency.
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ได้งบจากแผนงานยุทธศาสตร์ทุกแผนงานรวมกันเท่าไร")
    assert answer.route == "plan_level"
    assert "32,816,600 + 68,979,300 = 101,795,900" in answer.answer  # the two แผนงานยุทธศาสตร์ on these pages
    assert "แผนงานบุคลากรภาครัฐ" not in answer.answer and "แผนงานพื้นฐาน" not in answer.answer
    assert any(f.provenance == "computed" and f.value.replace(",", "") == "101795900" for f in answer.figures)


def test_a_named_levels_share_of_a_named_level_above_it_is_computed(assistant):
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม "
                           "ได้งบคิดเป็นกี่เปอร์เซ็นต์ของงบประมาณทั้งหมด")
    assert answer.route == "plan_level"
    assert "68,979,300 ÷ 1,493,510,700 × 100 = ร้อยละ 4.62" in answer.answer


def test_a_levels_year_amount_is_its_appropriation_row_before_its_total():
    # The NIA's แผนงานบุคลากรภาครัฐ table (vol. 3 p. 215) as the table reader gives it: รวมทั้งสิ้น adds the
    # off-budget money; the appropriation for 2565 is เงินงบประมาณ 39.9613 (the heading prints 39,961,300).
    from assistant.plan_levels import _year_row
    from ingest.records import Table, TableCell
    from ingest.vocabulary import vocabulary
    from assistant.outline import compact

    rows = [["แหล่งเงิน", "งบประมาณ", "ประมาณการรายจ่ายล่วงหน้า*"],
            ["ปี 2564", "ปี 2565", "ปี 2566", "ปี 2567", "ปี 2568"],
            ["รวมทั้งสิ้น", "56.5593", "69.9613", "41.4272", "42.9518", "44.5373"],
            ["เงินงบประมาณ", "38.5593", "39.9613", "41.4272", "42.9518", "44.5373"],
            ["เงินนอกงบประมาณ", "18.0000", "30.0000", "-", "-", "-"]]
    cells = [TableCell(r, c + (1 if r == 1 else 0), text, header=r < 2) for r, row in enumerate(rows) for c, text in enumerate(row)]
    words = [compact(w) for w in (*vocabulary().budget_lines.appropriation_words, *vocabulary().budget_lines.total_words)]
    assert _year_row(Table(215, 1, 10, cells), words) == {2564: "38.5593", 2565: "39.9613", 2566: "41.4272",
                                                            2567: "42.9518", 2568: "44.5373"}


def test_a_kpi_targets_change_between_two_years_is_computed(assistant):
    # Before: both years' targets were stated and the change asked for was not given.
    answer = assistant.ask("ตัวชี้วัดสนับสนุนการรักษาพื้นที่ป่า ด้วยการปฏิบัติการบินไฟป่า ค่าเป้าหมายปี 2565 ลดลงจากปี 2564 เท่าไร")
    assert answer.route == "kpi_target"
    assert "55 − 70 → ลดลง 15 ล้านไร่" in answer.answer


def test_a_kpis_result_against_its_target_is_computed(assistant):
    # The 2564 cell prints the plan, then the result in brackets (`210 ( 197.20 )`). Before: both stated, the
    # shortfall asked for not given.
    answer = assistant.ask("โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ ตัวชี้วัดสนับสนุนการรักษาพื้นที่ป่าด้วยการปฏิบัติการบิน "
                           "ปี 2564 ผลการดำเนินงานต่ำกว่าค่าเป้าหมายเท่าไร")
    assert answer.route == "kpi_target"
    assert "197.20 − 210 → ต่ำกว่าเป้าหมาย 12.80" in answer.answer


def test_a_named_rows_share_of_its_level_is_not_the_levels_share_of_its_agency(assistant):
    # Before: with the agency named too, the แผนงาน's share of its agency was given, not the row's share of it.
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม "
                           "งบลงทุนคิดเป็นกี่เปอร์เซ็นต์ของงบแผนงานทั้งหมด")
    assert answer.route == "plan_level"
    lines = answer.answer.splitlines()
    assert "งบลงทุน" in lines[0] and "ร้อยละ" in lines[-1]


def test_a_budget_line_of_a_named_level_itself_is_its_answer(assistant):
    # Before: only a level's category totals or the lines of levels under it were looked at, so the
    # output's own item gave way to the output's whole amount.
    answer = assistant.ask("ผลผลิตระบบอำนวยการและการบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม ตั้งค่าจ้างเหมาบริการไว้เท่าไร")
    assert answer.route == "plan_level" and "ค่าจ้างเหมาบริการ 23,544,100 บาท" in answer.answer


def test_a_name_typed_from_its_middle_names_the_level_but_not_inside_a_longer_match(assistant):
    # A long run of the project's name, its start left out: the project (before: the agency's amount).
    answer = assistant.ask("โครงการจัดการสิ่งแวดล้อมตามแนวทางอันเนื่องมาจากพระราชดำริ ได้งบเท่าไร")
    assert "9,100,000" in answer.answer
    # The same run inside the agency's name, typed (misspelt) from its start: the agency, not the project.
    agency = assistant.ask("งบรวมสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อน ปี 65 เท่าไหร่ครับ")
    assert "9,100,000" not in agency.answer and "1,493,510,700" in agency.answer


# FY2565 vol. 3, p. 63 (lines as ingest stores them): a project's heading whose text layer puts empty lines
# inside it, and a question that types two rare runs of the name, skipping its start and middle.
NSTDA_PROJECT = [(2088, "7.7.4 โครงการที่", 63), (2089, " 4 : โครงการพัฒนายานพาหนะขับขี่อัตโนมัติและการจัดการเดินรถ", 63),
                 (2090, " ระบบขนส่งมวลชนแบบอัตโนมัติสำหรับใช้งานในพื้นที่เมืองอัจฉริยะ", 63), (2091, "", 63),
                 (2092, "", 63), (2093, " (Smart City) สถานีกลางบางซื่อ 40,000,000", 63),
                 (2094, " - ศึกษารูปแบบที่เหมาะสมของระบบขนส่งมวลชนแบบอัตโนมัติสำหรับใช้ในพื้นที่เมื", 63)]


def test_a_headings_amount_is_read_past_empty_lines_inside_it():
    from assistant.plan_levels import amount_ending_heading

    # Before: the empty lines used up the heading's lines; no amount, so the name stayed cut at `…ระบบข…`.
    assert amount_ending_heading(NSTDA_PROJECT) == (2093, "40,000,000", "")


def test_rare_runs_typed_as_one_phrase_name_a_level():
    from assistant.outline import compact
    from assistant.plan_levels import naming, own_name

    name = compact(own_name(" ".join(t for _, t, _ in NSTDA_PROJECT[:6])).replace("40,000,000", ""))
    asked = compact("สวทช. โครงการยานพาหนะขับขี่อัตโนมัติ สถานีกลางบางซื่อ ปี ๒๕๖๕ ได้งบเท่าไหร่คับ")
    score, chars = naming(name, asked, long_run=True, rare=lambda run: True)
    assert score == len(compact("ยานพาหนะขับขี่อัตโนมัติสถานีกลางบางซื่อ")) and len(chars) == score
    assert naming(name, asked, long_run=True, rare=lambda run: False)[0] == 0  # runs other names print too
    apart = compact("สวทช. ยานพาหนะขับขี่อัตโนมัติ ของแผนงานคมนาคม สถานีกลางบางซื่อ ได้งบเท่าไหร่")
    assert naming(name, apart, long_run=True, rare=lambda run: True)[0] == 0  # not typed as one phrase


def test_a_list_of_something_else_than_levels_is_not_a_levels_items():
    from assistant.plan_levels import _lists_levels

    assert _lists_levels("แผนงานยุทธศาสตร์พัฒนาผู้ประกอบการ มีโครงการอะไรบ้าง")
    assert _lists_levels("กรมป่าไม้มีอะไรบ้าง") and _lists_levels("Which projects are under it?")
    assert not _lists_levels("แผนนี้อ้างอิงแผนย่อยอะไรบ้างของแผนแม่บทฯ ประเด็น 8 ผู้ประกอบการและวิสาหกิจขนาดกลางและขนาดย่อม")


def test_a_projects_whole_amount_and_duration_are_both_answered(assistant):
    # Before: this year's 53,601,400 for "วงเงินทั้งสิ้น"; the label and its amount are separate text objects
    # on one printed row (p. 42), and the duration part of the question went unanswered.
    answer = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม มีวงเงินทั้งสิ้นของโครงการเท่าไร และใช้เวลากี่ปี")
    assert answer.route == "plan_level"
    assert "316,222,400" in answer.answer and "5 ปี (ปี 2563 ถึง ปี 2567)" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_a_year_table_row_the_question_names_is_read_not_the_appropriation(assistant):
    # The agency's year table prints `เงินนอกงบประมาณ* - บาท - บาท` under its appropriation row; asked for
    # the off-budget money, the answer was the appropriation (1,493,510,700).
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม มีเงินนอกงบประมาณปี 2565 เท่าไร")
    assert answer.route == "plan_level" and "เงินนอกงบประมาณ" in answer.answer
    assert "1,493,510,700" not in answer.answer and "- (ตารางไม่ได้ระบุจำนวนเงิน)" in answer.answer
    appropriation = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ได้งบประมาณรายจ่ายปี 2565 เท่าไร")
    assert "1,493,510,700" in appropriation.answer


def test_a_province_the_book_does_not_break_an_amount_down_by_is_not_answered(assistant):
    # Before: the project's whole amount was given for one province the book never names for it.
    answer = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ได้งบประมาณสำหรับจังหวัดเชียงราย ปี 2565 เท่าไร")
    assert answer.refused and "53,601,400" not in answer.answer.splitlines()[0]


def test_a_projects_kpi_target_is_stated_with_its_projects_heading_and_its_plan_figure(assistant):
    # Before: the sentence naming `โครงการที่ 2 : …` was dropped (its `2` was in no cited span), and a change
    # against a year printed `210 ( 197.20 )` (plan, then result) was not computed.
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ตัวชี้วัดจังหวัดได้รับการสนับสนุนในการแก้ไขปัญหาไฟป่า ค่าเป้าหมายปี 2565 กี่จังหวัด")
    assert answer.route == "kpi_target" and "ค่าเป้าหมายปี 2565: 15" in answer.answer
    change = assistant.ask("โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ ตัวชี้วัดสนับสนุนการรักษาพื้นที่ป่าด้วยการปฏิบัติการบิน "
                           "ค่าเป้าหมายปี 2565 ลดลงจากปี 2564 เท่าไร")
    assert "55 − 210 → ลดลง 155" in change.answer


def test_the_other_part_of_a_two_part_question_is_a_passage_on_the_levels_own_pages(assistant):
    # Before: only the section part (its duration) was answered; the objective it also asks was not.
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ลดฝุ่นละอองเพื่อลดผลกระทบต่ออะไร และมีระยะเวลาดำเนินการกี่ปี")
    assert answer.route == "section" and "5 ปี" in answer.answer and "สุขภาพอนามัยของประชาชน" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_a_section_of_a_level_typed_whole_is_read_from_its_own_pages_whatever_else_the_question_says(assistant):
    # Before: an English question's own words (`national` → แห่งชาติ, words of another level) counted against every
    # `ระยะเวลาดำเนินการ` heading, none kept enough of them, and the question was answered from a budget table's line.
    answer = assistant.ask("How long does the national project to conserve and restore natural resources "
                           "(โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ) of the permanent secretary's office run?")
    assert answer.route == "section" and "4 ปี (ปี 2562 ถึง ปี 2565)" in answer.answer
    other = assistant.ask("How long does โครงการแก้ไขปัญหาไฟป่าและหมอกควัน run nationally?")
    assert other.route == "section" and "5 ปี (ปี 2563 ถึง ปี 2567)" in other.answer
    assert all(c.verified for c in [*answer.citations, *other.citations])


def test_which_of_the_two_projects_under_a_named_programme_gets_more_and_by_how_much(assistant):
    # Before: the programme's own amount (32,816,600 บาท) was the answer; no project was named, nothing compared.
    answer = assistant.ask("แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน อนุรักษ์ฟื้นฟูและป้องกันการทำลายทรัพยากรธรรมชาติ "
                           "ของสำนักงานปลัดฯ โครงการไหนได้งบมากกว่ากัน มากกว่ากี่บาท")
    assert answer.route == "plan_level"
    first = answer.answer.splitlines()[0]
    assert "โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ ได้มากกว่า" in first
    assert "23,716,600 − 9,100,000 = 14,616,600 บาท" in answer.answer
    assert any(f.value.replace(",", "") == "14616600" and f.provenance == "computed" for f in answer.figures)
    assert all(c.verified for c in answer.citations)


def test_a_programme_named_short_under_its_agency_is_listed_with_its_projects_and_amounts(assistant):
    # `แผนงานป้องกันการทำลาย` is 13 letters of a 60-letter name: before, the agency's whole amount was the answer
    # (no level under it was named); the words no other level under the agency prints now name that programme.
    short = assistant.ask("แผนงานป้องกันการทำลาย ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม "
                          "มีโครงการอะไรบ้าง ได้งบเท่าไร")
    assert short.route == "plan_level" and "1,493,510,700" not in short.answer
    assert "ป้องกันการทำลาย ทรัพยากรธรรมชาติ ปีงบประมาณ 2565: 32,816,600 บาท" in short.answer
    assert "• โครงการที่ 1 : โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ: 23,716,600 บาท" in short.answer
    # Before: a list asked with its money got the amount only, not the projects it asks for.
    whole = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม มีโครงการอะไรบ้าง ได้งบเท่าไร")
    assert "มี 3 โครงการ" in whole.answer and "• โครงการที่ 2 : โครงการแก้ไขปัญหาไฟป่าและหมอกควัน: 7,377,900 บาท" in whole.answer
    # ... and asked without `บ้าง` (`ทำโครงการอะไร ได้เงินเท่าไหร่`): before, the amount only.
    bare = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม ทำโครงการอะไร ได้เงินเท่าไหร่")
    assert "• โครงการที่ 2 : โครงการแก้ไขปัญหาไฟป่าและหมอกควัน: 7,377,900 บาท" in bare.answer
    assert all(c.verified for c in [*short.citations, *whole.citations, *bare.citations])


def test_a_question_about_a_named_project_is_answered_from_its_own_pages(assistant):
    # Two projects print the same objective but for what it supports; before, the other project's line came too
    # (`…สนับสนุนโครงการพระราชดำริ`, on the next project's page).
    answer = assistant.ask("โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ สร้างเครือข่ายภาครัฐและภาคประชาชนเพื่อร่วมกันสนับสนุนอะไร")
    assert "การป้องกันและปราบปรามการตัดไม้ทำลายป่าระดับจังหวัด" in answer.answer
    assert "พระราชดำริ" not in answer.answer and all(c.verified for c in answer.citations)


def test_the_largest_under_a_level_and_its_share_of_it(assistant):
    # Before: `มากสุด` was no max word, and the share asked was the programme's of its agency.
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม โครงการไหนได้งบมากสุด คิดเป็นกี่เปอร์เซ็นต์ของแผนงาน")
    assert "สูงที่สุด คือ โครงการที่ 1 : โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม: 53,601,400 บาท" in answer.answer
    assert "53,601,400 ÷ 68,979,300 × 100 = ร้อยละ 77.71" in answer.answer
    assert any(f.value == "77.71" and f.provenance == "computed" for f in answer.figures)
    assert all(c.verified for c in answer.citations)


def test_a_levels_amount_and_a_row_of_it_asked_together_get_both(assistant):
    # Before: the row only (`เงินเดือน 730,199,700 บาท`), not the programme's own amount asked first.
    answer = assistant.ask("แผนงานบุคลากรภาครัฐ ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ได้งบเท่าไร "
                           "และในนั้นเป็นเงินเดือนเท่าไหร่")
    assert "แผนงานบุคลากรภาครัฐ ปีงบประมาณ 2565: 915,028,500 บาท" in answer.answer
    assert "เงินเดือน 730,199,700 บาท" in answer.answer and all(c.verified for c in answer.citations)
    # one figure asked: the row alone
    row = assistant.ask("แผนงานบุคลากรภาครัฐ ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม มีเงินเดือนเท่าไหร่")
    assert "เงินเดือน 730,199,700 บาท" in row.answer and "915,028,500" not in row.answer


def test_a_kpi_target_asked_with_a_projects_place_gets_both(assistant):
    # Before: the KPI's target only (`15 จังหวัด`), the place asked beside it left out.
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ทำในพื้นที่ไหน และตั้งเป้าไว้กี่จังหวัด")
    assert answer.route == "kpi_target" and "ค่าเป้าหมายปี 2565: 15 จังหวัด" in answer.answer
    assert "สถานที่ดำเนินการ พื้นที่ 10 จังหวัดภาคเหนือ และ 5 จังหวัดภาคใต้" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_which_province_asks_a_projects_place_of_operation(assistant):
    # Before: `จังหวัดไหน` asked nothing the profile knew; the first question was refused with a table row, the
    # second answered with a KPI line. The profile's label questions now read it as asking สถานที่ดำเนินการ.
    both = assistant.ask("โครงการอนุรักษ์และฟื้นฟูทรัพยากรธรรมชาติ ทำที่จังหวัดไหน ใช้เวลากี่ปี")
    assert both.route == "section" and "สถานที่ดำเนินการ พื้นที่ 76 จังหวัด" in both.answer
    assert "ระยะเวลาดำเนินการ 4 ปี (ปี 2562 ถึง ปี 2565)" in both.answer
    place = assistant.ask("โครงการแก้ไขปัญหาขยะและสิ่งแวดล้อม ทำในจังหวัดใดบ้าง")
    assert place.route == "section" and "7.4.1.2 สถานที่ดำเนินการ พื้นที่ 76 จังหวัด" in place.answer


def test_a_date_asked_of_a_level_is_no_amount(assistant):
    # Before: `วันที่เท่าไร` asked a figure with no unit, which a level's answer took for its amount.
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม เริ่มดำเนินการวันที่เท่าไร")
    assert answer.route != "plan_level"
    assert "ปีงบประมาณ 2565:" not in answer.answer


def test_a_programmes_earlier_year_comes_from_its_agencys_comparison_table(assistant):
    # The แผนงาน's own tables print 2565 onwards; its agency's table `4. เปรียบเทียบงบประมาณรายจ่าย … 2563 - 2565`
    # has a row per แผนงาน. Before: "ไม่พบงบประมาณปี 2565, 2564 ของ แผนงาน…".
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม ปี 2565 เพิ่มขึ้นหรือลดลงจากปี 2564 เท่าไร")
    assert answer.route == "plan_level" and "68.9793 − 46.6160 → เพิ่มขึ้น 22.3633 ล้านบาท" in answer.answer
    assert all(c.verified for c in answer.citations)
    earlier = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม ปี 2563 ได้งบเท่าไร")
    assert "ปีงบประมาณ 2563: 81.2098 ล้านบาท" in earlier.answer


def test_a_programmes_row_wrapped_over_two_lines_of_the_comparison_table(tmp_path_factory):
    # Pages 1, 237 and 240 of the book: the comparison table prints `แผนงานยุทธศาสตร์ยกระดับกระบวนทัศน์เพื่อกำหนด
    # อนาคตประเทศ` / `ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม` / its figures, each on a line of its own.
    from assistant.outline import compact
    from assistant.plan_levels import named_year_row

    a = fake_embedded_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-237-240.pdf")
    try:
        tables = [t for ts in a.outline.tables.values() for t in ts]
    finally:
        a.close()
    wrapped = compact("ยุทธศาสตร์ยกระดับกระบวนทัศน์เพื่อกำหนดอนาคตประเทศด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม")
    assert [named_year_row(t, wrapped) for t in tables if named_year_row(t, wrapped)] == [
        {2563: "88.2521", 2564: "70.5423", 2565: "65.2816"}]
    one_line = compact("ยุทธศาสตร์จัดการผลกระทบจากการเปลี่ยนแปลงสภาวะภูมิอากาศ")
    assert any(named_year_row(t, one_line) == {2563: "15.9400", 2564: "5.9360", 2565: "10.4960"} for t in tables)
    assert not any(named_year_row(t, compact("ยุทธศาสตร์")) for t in tables)  # a word many rows print names none


def test_an_agencys_year_before_the_books_from_its_comparison_tables_total_row(tmp_path_factory):
    # Pages 1, 237 and 240: the agency's own table prints 2564 and 2565 (in baht); its comparison table
    # (`เปรียบเทียบงบประมาณรายจ่าย … พ.ศ. 2563 - 2565`, ล้านบาท) also 2563, on its `รวมทั้งสิ้น` row. Before: no amount
    # for 2563, and a change from it was refused.
    one, change = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-237-240.pdf",
                           "กรมส่งเสริมคุณภาพสิ่งแวดล้อม ได้รับงบประมาณปี 2563 เท่าไร",
                           "งบประมาณทั้งหมดของกรมส่งเสริมคุณภาพสิ่งแวดล้อม ปี 2564 น้อยกว่าปี 2563 เท่าไร")
    assert one.route == "plan_level" and "ปีงบประมาณ 2563: 666.2328 ล้านบาท" in one.answer
    assert change.route == "plan_level" and "547.2615 − 666.2328 → ลดลง 118.9713 ล้านบาท" in change.answer
    assert all(c.verified for a in (one, change) for c in a.citations)


def test_a_departments_two_letter_abbreviation_leaves_out_its_kind_word(tmp_path_factory):
    # ทช. = กรม ทรัพยากร ทาง ทะเล และ ชายฝั่ง without `กรม` (pages 1, 81 and 94 of the book, which never prints
    # ทช.). Before: two letters were no abbreviation; the unknown word outweighed the project's name and the
    # objectives were not found (the activity table's line was quoted).
    a = fake_embedded_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-81-94.pdf")
    try:
        objectives = a.ask("โครงการเพิ่มประสิทธิภาพการอนุรักษ์ฟื้นฟูและป้องกันทรัพยากรป่าชายเลนของ ทช. มีวัตถุประสงค์อะไรบ้าง")
        budget = a.ask("ทช. ได้งบประมาณปี 2565 เท่าไร")
        undotted = a.levels.abbreviated("ทช ได้งบเท่าไร")  # two consonants undotted are too often a word (`คน`)
    finally:
        a.close()
    assert undotted == []
    assert objectives.route == "section" and "วัตถุประสงค์ - ป้องกันรักษาป่าชายเลนแบบบูรณาการ" in objectives.answer
    assert "กรมทรัพยากรทางทะเลและชายฝั่ง" in budget.resolved_question
    assert budget.route == "plan_level" and "1,361,135,300 บาท" in budget.answer


def test_the_smallest_project_compares_an_amount_read_from_its_year_table_in_baht(tmp_path_factory):
    # Pages 1 and 81–104 (กรมทรัพยากรทางทะเลและชายฝั่ง). Project 2's heading prints no amount, only its year table
    # (70.4000 ล้านบาท). Before: one amount was too few to rank, and the action-plan ranking refused.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-81-104.pdf",
                       "แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืนบนสังคมเศรษฐกิจภาคทะเล ของ ทช. โครงการไหนได้งบน้อยที่สุด")
    assert answer.route == "plan_level" and not answer.refused
    first = answer.answer.splitlines()[0]
    assert "ต่ำที่สุด คือ โครงการที่ 2 : โครงการอนุรักษ์และฟื้นฟูทรัพยากรทางทะเลและชายฝั่งอันดามัน: 70.4000 ล้านบาท" in first
    assert "บาท" in answer.answer.splitlines()[1] and all(c.verified for c in answer.citations)


def test_two_programmes_named_alike_are_told_apart_by_the_word_only_one_prints(tmp_path_factory):
    # Vol. 3 pp. 1, 191-203 (สถาบันสารสนเทศทรัพยากรน้ำ): `แผนงานพื้นฐานด้านการสร้างการเติบโตบนคุณภาพชีวิต…` and
    # `แผนงานยุทธศาสตร์เพื่อสนับสนุนด้านการสร้างการเติบโตบนคุณภาพชีวิต…`. Typed short with `ยุทธศาสตร์`, the second was
    # dropped for the first (named by more of its letters), which has no project: the text answered with a table line.
    strategic, basic = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-191-203.pdf",
                                "แผนงานยุทธศาสตร์ด้านการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อมของ สสน. ใช้เงินไปกับโครงการอะไร",
                                "แผนงานพื้นฐานด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม ของ สสน. ได้งบเท่าไร")
    assert strategic.route == "plan_level"
    assert strategic.answer.startswith("แผนงานยุทธศาสตร์เพื่อสนับสนุนด้านการสร้างการเติบโต")
    assert "โครงการการบริหารจัดการเทคโนโลยีสารสนเทศ" in strategic.answer and "93,616,800 บาท" in strategic.answer
    assert basic.route == "plan_level" and basic.answer.startswith("แผนงานพื้นฐานด้านการสร้างการเติบโต")


def test_an_offices_two_letter_abbreviation_keeps_its_kind_word(tmp_path_factory):
    # สผ. = สำ-นัก-งาน นโย-บาย และ แผน … (pages 1, 321 and 365). In the whole book the project's page has no
    # outline path, and the office's words, once read, outweighed the project's: its typed name is now left to
    # `_outside_named` when the project's section is chosen (before: another agency's project's objectives).
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-321-365.pdf",
                       "โครงการจัดการสิ่งแวดล้อมในพื้นที่เขตพัฒนาพิเศษภาคตะวันออกอย่างยั่งยืน ของ สผ. มีวัตถุประสงค์อะไร")
    assert "สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม" in answer.resolved_question
    assert answer.route == "section" and "วัตถุประสงค์ ส่งเสริมการพัฒนาเขตพัฒนาพิเศษภาคตะวันออก" in answer.answer


def test_a_projects_sections_asked_with_its_agencys_whole_name_holding_the_ministrys(assistant):
    # The agency's name holds the ministry's (`สำนักงานปลัดกระทรวง<กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม>`): set aside
    # whole before its section is chosen, not the ministry's part first (which left `สำนักงานปลัด` to name another
    # level, and the agency's service-goal table was quoted).
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม "
                           "ดำเนินการในพื้นที่ใด และระยะเวลาดำเนินการถึงปีไหน")
    assert answer.route == "section"
    assert "ระยะเวลาดำเนินการ 5 ปี (ปี 2563 ถึง ปี 2567)" in answer.answer  # (its place is on a page not here)


def test_a_date_asked_with_a_money_word_is_not_answered_with_an_amount(assistant):
    # `budget pages` is no money asked: before, the project's amount (7,377,900 บาท) was the answer. The pages
    # print no date for it, so the passage that comes closest is shown as not stating it.
    answer = assistant.ask("According to the office's budget pages, on what date does "
                           "โครงการแก้ไขปัญหาไฟป่าและหมอกควัน start?")
    assert answer.refused and answer.answer.startswith("The plan does not state this.")
    amount = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ได้งบเท่าไร")
    assert amount.route == "plan_level" and "7,377,900 บาท" in amount.answer


def test_a_figure_asked_in_another_unit_is_not_answered_with_an_amount(assistant):
    # The book prints no disbursement rate. Before: the agency's 2565 appropriation, in baht, for a percentage.
    answer = assistant.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ณ สิ้นปีงบประมาณ 2565 เบิกจ่ายงบประมาณไปได้กี่เปอร์เซ็นต์")
    assert answer.route != "plan_level" and "1,493,510,700" not in answer.answer


def test_two_projects_of_a_named_programme_told_apart_by_a_word_each(assistant):
    # Before: the programme's own amount (68,979,300 บาท), the two projects it names by `ขยะ` and `ไฟป่า` not read.
    answer = assistant.ask("แผนงานยุทธศาสตร์จัดการมลพิษและสิ่งแวดล้อม มีโครงการเรื่องขยะกับเรื่องไฟป่า โครงการไหนได้มากกว่า "
                           "และมากกว่ากันเท่าไร")
    assert answer.route == "plan_level" and "53,601,400 − 7,377,900 = 46,223,500 บาท" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_a_pair_sides_agency_name_is_the_agency_not_a_run_of_a_project_name_printing_its_words(assistant):
    # `…ไฟป่า ของ สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม`: the agency's name typed is its own, not a long run
    # of `ผลผลิตที่ 1 : ระบบอำนวยการและการบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม` (before: that output's 412,346,300
    # บาท was added); nor is the agency itself the side's level when a project under it is typed too.
    answer = assistant.ask("โครงการแก้ไขปัญหาขยะ กับโครงการแก้ไขปัญหาไฟป่า ของ สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและ"
                           "สิ่งแวดล้อม ปี 2565 รวมกันได้งบเท่าไร")
    assert answer.route == "plan_level" and "53,601,400 + 7,377,900 = 60,979,300 บาท" in answer.answer


def test_the_same_programme_of_another_agency_a_pair_names_by_the_agency_alone(tmp_path_factory):
    # `…กับของกรมทรัพยากรธรณี` names only the agency: its แผนงาน of the same name is meant. Before: the agency's
    # whole 548,316,000 บาท was added to the other agency's แผนงาน.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-30-115-123.pdf",
                       "แผนงานบุคลากรภาครัฐ ของสำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม กับของกรมทรัพยากรธรณี "
                       "ปี 2565 รวมกันได้งบเท่าไร")
    assert answer.route == "plan_level" and "915,028,500 + 213,979,600 = 1,129,008,100 บาท" in answer.answer
    assert "(กรมทรัพยากรธรณี): 213,979,600" in answer.answer and "548,316,000" not in answer.answer


def test_a_name_several_agencies_print_is_answered_for_each_and_added(tmp_path_factory):
    # Two agencies of these pages have a `แผนงานบุคลากรภาครัฐ`: asked without naming one, each is listed with its
    # amount and their sum computed (before: the first agency's amount alone, as if the name were one level's).
    both, one = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-30-115-123.pdf",
                         "แผนงานบุคลากรภาครัฐ มีในหน่วยงานใดบ้าง ปี 2565 รวมกันเป็นเงินเท่าไร",
                         "แผนงานบุคลากรภาครัฐ ของกรมทรัพยากรธรณี ปี 2565 ได้งบเท่าไร")
    assert both.route == "plan_level" and "มีใน 2 หน่วยงาน" in both.answer
    assert "915,028,500 + 213,979,600 = 1,129,008,100 บาท" in both.answer
    assert all(c.verified for c in both.citations)
    assert "213,979,600" in one.answer and "915,028,500" not in one.answer  # the agency named: its own


def test_a_money_question_asking_what_the_levels_document_never_prints_is_refused(tmp_path_factory):
    # The sample speaks of โควิด; the book's pages never do. `…จัดสรรงบเป็นทุนวิจัยด้านโควิด-19 ไว้เท่าไร` asks a part the
    # book does not state: before, the agency's whole 1,493,510,700 บาท was given as if it answered.
    from tests.conftest import SAMPLE, fake_embedded_files

    a = fake_embedded_files(tmp_path_factory, SAMPLE, BOOK)
    try:
        covid = a.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 จัดสรรงบเป็นทุนวิจัยด้านโควิด-19 ไว้เท่าไร")
        whole = a.ask("สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 ได้งบประมาณเท่าไร")
    finally:
        a.close()
    assert covid.refused and "ไม่ได้ระบุ" in covid.answer and "1,493,510,700" not in covid.answer
    assert not whole.refused and "1,493,510,700" in whole.answer


def test_where_a_project_sits_and_the_projects_beside_it(assistant):
    # `…อยู่ภายใต้แผนงานใด และแผนงานนั้นมีโครงการอะไรอีกบ้าง`: before, the placement alone (`อะไรอีกบ้าง` asked no
    # list, and the second part was dropped).
    answer = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน อยู่ภายใต้แผนงานใด และแผนงานนั้นมีโครงการอะไรอีกบ้าง")
    assert answer.route == "plan_level"
    lines = answer.answer.splitlines()
    assert "อยู่ภายใต้" in lines[0] and "แผนงานยุทธศาสตร์จัดการมลพิษ" in lines[0]
    assert "มี 3 โครงการ" in lines[1] and any("ขยะ" in line for line in lines[2:])
    only_where = assistant.ask("โครงการแก้ไขปัญหาไฟป่าและหมอกควัน อยู่ภายใต้แผนงานใดบ้าง")
    assert "มี 3 โครงการ" not in only_where.answer


NUCLEAR = FIXTURES / "budget-fy2565-vol3-p1-123-125-128-129-131-139-141-143.pdf"  # สทน.: its first pages and แผนงาน headings


def test_the_level_whose_amount_fell_most_between_two_years(tmp_path_factory):
    # The agency's comparison table prints each แผนงาน's 2563, 2564 and 2565 amounts; the fall (or rise) of each
    # between the two asked years is computed and ranked. Before: the แผนงาน ranked by their 2565 amounts.
    fell, rose = ask_book(tmp_path_factory, NUCLEAR,
                          "สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติ แผนงานไหนงบลดลงมากที่สุดระหว่างปี 2563 กับ 2565 และลดไปเท่าไร",
                          "สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติ แผนงานใดงบเพิ่มขึ้นมากที่สุด ปี 2563 ถึง 2565")
    assert fell.route == "plan_level"
    first = fell.answer.splitlines()[1]
    assert "แผนงานยุทธศาสตร์เพื่อสนับสนุนด้านการสร้างความสามารถในการแข่งขัน" in first
    assert "191.7049 → 2565 0.4000: ลดลง 191.3049 ล้านบาท" in first
    assert "แผนงานยุทธศาสตร์การเกษตรสร้างมูลค่า" in rose.answer.splitlines()[1]
    assert "เพิ่มขึ้น 0.7364 ล้านบาท" in rose.answer.splitlines()[1]
    assert all(c.verified for c in fell.citations + rose.citations)


WATER = FIXTURES / "budget-fy2565-vol6-p1-145-146-154-161.pdf"  # the water department's pages, two items' pages


def test_an_item_under_an_agency_is_not_answered_with_the_agencys_own_amount(tmp_path_factory):
    # Before: `กรมทรัพยากรน้ำ ปีงบประมาณ 2565: 4,862,983,100 บาท`, the agency's budget, for a budget item of it.
    item, own = ask_book(tmp_path_factory, WATER, "กรมทรัพยากรน้ำขอซื้อรถโดยสาร 12 ที่นั่งกี่คัน งบเท่าไหร่",
                         "กรมทรัพยากรน้ำ ปี 2565 ได้งบประมาณเท่าไร")
    assert "4,862,983,100" not in item.answer and "6,790,000" in item.answer
    assert own.route == "plan_level" and "4,862,983,100" in own.answer  # the agency's own amount asked


def test_an_amount_per_unit_is_not_answered_with_a_levels_whole_amount(tmp_path_factory):
    # `…วันละกี่บาท` asks a rate the pages do not print. Before: the agency's budget, 4,862,983,100 บาท.
    rate, yearly = ask_book(tmp_path_factory, WATER, "กรมทรัพยากรน้ำใช้งบวันละกี่บาท", "กรมทรัพยากรน้ำได้งบปีละเท่าไร")
    assert "4,862,983,100" not in rate.answer
    assert yearly.route == "plan_level" and "4,862,983,100" in yearly.answer  # a year's amount is its own


GHG = FIXTURES / "budget-fy2565-vol6-p1-399-405-424.pdf"  # อบก.: its first page, its plans' heading, its EEC plan


def test_a_level_named_after_an_under_word_is_context_and_its_items_are_asked(tmp_path_factory):
    # `ได้งบภายใต้แผนงาน<name> ไปทำโครงการอะไร` asks what is under the named แผนงาน. Before: read as asking what
    # the agency sits under (`…อยู่ภายใต้ กระทรวง…`) and answered with the agency's whole amount, 118,907,700 บาท.
    answer, = ask_book(tmp_path_factory, GHG, "อบก. ได้งบภายใต้แผนงานบูรณาการเขตพัฒนาพิเศษภาคตะวันออก ไปทำโครงการอะไร เท่าไหร่")
    assert "ซื้อขายก๊าซเรือนกระจก" in answer.answer and "2,527,000" in answer.answer
    assert "118,907,700" not in answer.answer and "อยู่ภายใต้" not in answer.answer


def test_an_agency_named_without_its_brackets_and_a_word_is_named(tmp_path_factory):
    # `สถาบันแสงซินโครตรอน` for `สถาบันวิจัยแสงซินโครตรอน (องค์การมหาชน)`: the bracketed legal form left out, and a word.
    # Before: the name counted `องค์การมหาชน` too, so what was typed covered too little of it; no level was named and
    # the KPI count asked was refused (the bare row `ราย 10 10` shown). Now the agency's KPI: its 2565 target.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-167-168.pdf",
                       "สถาบันแสงซินโครตรอน ปี65 จะพัฒนาทักษะผู้ประกอบการอุตสาหกรรมกี่รายจ้า")
    assert answer.route == "kpi_target" and not answer.refused
    assert "ได้รับการพัฒนาทักษะ" in answer.answer and "ค่าเป้าหมายปี 2565: 10 ราย" in answer.answer



TWO_AGENCIES = FIXTURES / "budget-fy2565-vol6-p1-23-30-115-123.pdf"  # two agencies, each with แผนงานบุคลากรภาครัฐ


def test_an_agency_named_by_a_public_acronym_no_document_prints(tmp_path_factory):
    # `DMR` is printed nowhere in the book; the profile's gazetteer (`[agency_names]`) reads it as กรมทรัพยากรธรณี.
    # Before: no agency named, so both agencies' แผนงานบุคลากรภาครัฐ were listed.
    a = fake_embedded_book(tmp_path_factory, TWO_AGENCIES)
    try:
        assert sorted(a.levels.acronyms("งบของ DMR's กับ mnre")) == [("DMR", "กรมทรัพยากรธรณี"),
                                                                     ("mnre", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม")]
        assert a.levels.acronyms("งบของ PEA และ DMCR") == []  # bodies the index holds no level of
        # the name typed beside its acronym (misspelt): the acronym adds nothing, so it is dropped, not read again
        assert a.levels.named_without("DMR กรมทรัพยากรธรนี ปี 2565 ได้งบเท่าไร", "DMR", "กรมทรัพยากรธรณี")
        assert not a.levels.named_without("DMR ปี 2565 ได้งบเท่าไร", "DMR", "กรมทรัพยากรธรณี")
        answer = a.ask("DMR ปี 2565 ได้งบแผนงานบุคลากรภาครัฐเท่าไร")
    finally:
        a.close()
    assert answer.route == "plan_level" and "213,979,600" in answer.answer and "915,028,500" not in answer.answer


def test_the_same_named_level_of_two_named_agencies_is_compared(tmp_path_factory):
    # Both agencies named, then the แผนงาน name they share, then who gets more. Before: the first agency's alone.
    answer, = ask_book(tmp_path_factory, TWO_AGENCIES, "ทั้ง สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม และ "
                       "กรมทรัพยากรธรณี มีแผนงานบุคลากรภาครัฐ ปี 65 ใครได้งบมากกว่า และต่างกันเท่าไร")
    assert answer.route == "plan_level" and "ของ 2 หน่วยงานที่ถาม" in answer.answer
    assert "ได้มากกว่า: 915,028,500 − 213,979,600 = 701,048,900 บาท" in answer.answer


def test_a_level_under_the_named_agency_told_apart_by_a_short_run_typed_after_its_name(tmp_path_factory):
    # `ผลผลิตการถ่ายทอดองค์…` types 9 letters of the output's name after the agency's; the output's name ends in words
    # of the agency's own name (`…เทคโนโลยีนิวเคลียร์`), whose longer match hid the shorter run until the agency's typed
    # name was masked. Before: the agency's 352,886,200 บาท from its year table.
    answer, = ask_book(tmp_path_factory, NUCLEAR,
                       "สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติ ผลผลิตการถ่ายทอดองค์ความรู้ ได้งบปี 2565 เท่าไร")
    assert answer.route == "plan_level" and "352,886,200" not in answer.answer
    assert "ผลผลิตที่ 1 : การถ่ายทอดองค์ความรู้และเทคโนโลยีนิวเคลียร์ ปีงบประมาณ 2565: 22,456,300 บาท" in answer.answer


def test_something_under_a_named_agency_is_not_answered_with_its_year_tables_total(tmp_path_factory):
    # An output these pages hold no level of, under the agency named: the agency's amount does not answer it, from its
    # level or from the year table under its page header. Before: the year table's 1,139,080,300 for 2565.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-245-249-258-267-268.pdf",
                       "สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ ผลผลิตพัฒนากำลังคนด้านอวกาศ ได้งบปี 2565 เท่าไร")
    assert answer.route != "year_table" and "1,139,080,300" not in answer.answer
    assert "12,794,200" in answer.answer  # the output's own amount, printed beside its heading on these pages


def test_a_kpi_target_asked_of_an_agency_is_not_its_year_tables_total(tmp_path_factory):
    # `ตั้งค่าเป้าหมายตัวชี้วัด … ไว้เท่าไร` asks a KPI's target; these pages print no such KPI. Before: the agency's
    # 2565 amount from the year table under its page header, as if money were asked.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-245-249-258-267-268.pdf",
                       "สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ ตั้งค่าเป้าหมายตัวชี้วัดความพึงพอใจของผู้รับบริการ "
                       "ปี 2565 ไว้เท่าไร")
    assert answer.route != "year_table" and "1,139,080,300" not in answer.answer


def test_something_under_an_organisation_is_not_its_year_tables_total(tmp_path_factory):
    # `งบแก้ปัญหาช้างป่า… กรมอุทยานได้เท่าไหร่`: most of the question's words name no part of the department's name;
    # it asks something under the department (these pages print no such line). Before: the department's 2565
    # amount from the year table under its page header, 9,971,967,200.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-275-304.pdf",
                       "งบแก้ปัญหาช้างป่าออกมาทำร้ายชาวบ้าน ปี65 กรมอุทยานได้เท่าไหร่คะ")
    assert answer.route != "year_table" and "9,971,967,200" not in answer.answer


def test_an_english_question_on_something_under_an_agency_it_names_in_english_is_not_its_whole_amount(
        tmp_path_factory):
    # `Department of Environmental Quality Promotion` names the agency in English (read as its Thai name, as the
    # level answer reads it); `zero-waste communities and schools` is an item under it, which its own amount does not
    # answer. Before: the check for a question asking below the named agency read only Thai names, and the agency's
    # 2565 amount (488,074,800 บาท) was the answer; now its item's line is.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-237-240-259-262.pdf",
                       "How much did the Department of Environmental Quality Promotion budget in FY2565 for promoting "
                       "zero-waste communities and schools?")
    assert "488,074,800" not in answer.answer
    assert "ค่าใช้จ่ายในการส่งเสริมชุมชนปลอดขยะและโรงเรียนปลอดขยะ 14,351,200 บาท" in answer.answer
