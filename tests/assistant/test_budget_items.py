"""Budget-detail items of a budget book and a level's year change, over 15 real pages of the FY2565
MHESI book (its cover and one institute's pages 147-160), ingested once with the fake embedder."""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, ask_book, fake_embedded_book

BOOK = FIXTURES / "budget-fy2565-vol3-p1-147-160.pdf"  # PDF pages 1 and 147-160


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, BOOK)
    yield a
    a.close()


def test_a_named_items_instalment_for_a_year(assistant):
    # Before: the institute's whole budget for that year was given instead of the building's instalment.
    answer = assistant.ask("ค่าก่อสร้างอาคารปฏิบัติการพัฒนาเทคโนโลยีขั้นสูง ของสถาบันวิจัยดาราศาสตร์แห่งชาติ ปี 2563 ตั้งงบไว้เท่าไร")
    assert answer.route == "plan_level"
    assert "ปี 2563 ตั้งงบประมาณ 20,000,000 บาท" in answer.answer and "41,015,000" not in answer.answer
    assert all(c.verified for c in answer.citations)


def test_increase_or_decrease_asks_for_the_change(assistant):
    answer = assistant.ask("งบประมาณรวมของสถาบันวิจัยดาราศาสตร์แห่งชาติปี 2565 ลดหรือเพิ่มจากปี 2564 เท่าไร")
    assert answer.route == "plan_level" and "ลดลง 94,314,300" in answer.answer  # 576,172,600 → 481,858,300


def test_an_items_whole_amount_when_a_total_is_asked(assistant):
    # Before: this year's amount (1,595,800) was given for "วงเงินทั้งสิ้น", printed on the line under the item.
    answer = assistant.ask("สถาบันวิจัยดาราศาสตร์แห่งชาติ รายการเงินอุดหนุนเป็นค่าเช่ารถ 4 คัน มีวงเงินทั้งสิ้นเท่าไร")
    assert answer.route == "plan_level" and "วงเงินทั้งสิ้น 7,693,300 บาท" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_an_items_whole_amount_asked_in_everyday_words(assistant):
    # `วงเงินทั้งหมด` asks the same whole amount as the printed `วงเงินทั้งสิ้น` (profile `[label_questions]`), and
    # the item's own total answers it, not its project's. Before: this year's 1,595,800 only.
    answer = assistant.ask("สถาบันวิจัยดาราศาสตร์แห่งชาติ รายการเงินอุดหนุนเป็นค่าเช่ารถ 4 คัน วงเงินทั้งหมดเท่าไหร่")
    assert answer.route == "plan_level" and "วงเงินทั้งสิ้น 7,693,300 บาท" in answer.answer
    assert "วงเงินทั้งสิ้นของโครงการ" not in answer.answer
    assert all(c.verified for c in answer.citations)


def test_an_item_typed_in_one_long_run_beside_its_projects_name(assistant):
    # Before: the project named first and the item's name typed in part (its place and count wrap under it)
    # were not read as the item; the question was refused as a project the facts do not hold.
    answer = assistant.ask("โครงการพัฒนาเทคนิควิศวกรรมเพื่อการพึ่งพาตนเอง ตั้งงบซื้ออุปกรณ์สำหรับพัฒนากล้องถ่ายภาพซีซีดีไว้เท่าไร")
    assert answer.route == "plan_level" and "4,261,300" in answer.answer and not answer.refused


def test_items_a_sum_counts_by_the_words_they_start_with(assistant):
    # Two of the three items print the same name (`เงินอุดหนุนเป็นค่าเช่ารถ 1 คัน`). Before: the institute's
    # แผนงาน listed with their amounts, no sum.
    answer = assistant.ask("สถาบันวิจัยดาราศาสตร์แห่งชาติ เงินอุดหนุนค่าเช่ารถทั้ง 3 รายการ ปี 2565 รวมกันเท่าไร")
    assert answer.route == "plan_level" and "1,595,800 + 316,000 + 207,500 = 2,119,300 บาท" in answer.answer
    assert all(c.verified for c in answer.citations)
    miscounted = assistant.ask("สถาบันวิจัยดาราศาสตร์แห่งชาติ เงินอุดหนุนค่าเช่ารถทั้ง 2 รายการ ปี 2565 รวมกันเท่าไร")
    assert "2,119,300" not in miscounted.answer  # not as many items as it counts: not added up

MARINE_GI = FIXTURES / "budget-fy2565-vol3-p1-245-249-258-267-268.pdf"  # GISTDA; its marine project's pages


def test_an_item_named_after_the_project_it_repeats_the_words_of(tmp_path_factory):
    # The item `ระบบประเมินและติดตามคุณภาพระบบนิเวศทางทะเลและชายฝั่ง (Marine GI Portal Platform)` repeats its
    # project's name; the question types that name after `โครงการ` and the item by its own words. Before: the
    # project's 110,000,000 บาท.
    answer, whole = ask_book(
        tmp_path_factory, MARINE_GI,
        "GISTDA โครงการประเมินและติดตามคุณภาพระบบนิเวศทางทะเลและชายฝั่งเพื่อรองรับการเติบโตด้านสังคม"
        "เศรษฐกิจภาคทะเลของประเทศ ตั้งงบระบบ Marine GI Portal Platform ปี 2565 ไว้เท่าไร",
        "โครงการประเมินและติดตามคุณภาพระบบนิเวศทางทะเลและชายฝั่งเพื่อรองรับการเติบโตด้านสังคม"
        "เศรษฐกิจภาคทะเลของประเทศ ปี 2565 ได้งบประมาณเท่าไร")
    assert "100,000,000" in answer.answer.splitlines()[0] and "110,000,000" not in answer.answer.splitlines()[0]
    assert "110,000,000" in whole.answer.splitlines()[0]  # the project's own amount when no item is typed


NUCLEAR = FIXTURES / "budget-fy2565-vol3-p1-123-133-134.pdf"  # สทน.: its first page, ผลผลิตที่ 2's pages


def test_an_item_named_by_the_latin_name_only_it_prints(tmp_path_factory):
    # `freeze dryer` is printed by one item only (`เครื่องทำแห้งแบบแช่เยือกแข็ง (Freeze Dryer) … อำเภอองครักษ์
    # จังหวัดนครนายก`); with its place typed it names the item. Before: the agency's 352,886,200 บาท.
    answer, = ask_book(tmp_path_factory, NUCLEAR, "สทน. ตั้งงบซื้อเครื่อง freeze dryer ที่องครักษ์ นครนายก ปี 2565 ไว้กี่บาท")
    assert "18,000,000" in answer.answer.splitlines()[0]



def test_an_english_question_around_the_latin_name_of_an_item(tmp_path_factory):
    # The Latin run `How much is allocated in FY` … `for the marine GI portal platform system of GISTDA` holds the
    # item's Latin name among English words: its longest span of whole words one item prints names it. Before: the
    # whole run was looked for, no item printed it, and the text answer gave the project's 110,000,000 บาท beside it.
    answer, = ask_book(tmp_path_factory, MARINE_GI,
                       "How much is allocated in FY2565 for the marine GI portal platform system of GISTDA?")
    first = answer.answer.splitlines()[0]
    assert "(Marine GI Portal Platform)" in first and "100,000,000" in first and "110,000,000" not in answer.answer



def test_the_largest_item_of_the_sub_category_a_question_types_is_compared_in_code(tmp_path_factory):
    # `ในค่าครุภัณฑ์ของ… รายการใดมีวงเงินสูงสุด`: the detail items printed under the `2) ค่าครุภัณฑ์` heading, their
    # amounts compared in code. Before: refused, a `รวม 2 รายการ` line quoted.
    answer, = ask_book(tmp_path_factory, NUCLEAR, "ในค่าครุภัณฑ์ของผลผลิตการบริการเทคโนโลยีนิวเคลียร์ (สถาบันเทคโนโลยี"
                       "นิวเคลียร์แห่งชาติ) ปี 2565 รายการใดมีวงเงินสูงสุด และเท่าไร")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("รายการสูงที่สุด (8 รายการ")
    assert "(Freeze Dryer)" in lines[1] and "18,000,000 บาท" in lines[1]
    assert lines[2].startswith("รองลงมา: ครุภัณฑ์วิทยาศาสตร์") and "9,816,200 บาท" in lines[2]

PARKS_AND_SEWERS = FIXTURES / "budget-fy2565-vol6-p1-310-345.pdf"  # กรมอุทยานฯ's NCAPS lines; Songkhla's sewer


@pytest.fixture(scope="module")
def parks(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, PARKS_AND_SEWERS)
    yield a
    a.close()


def test_two_items_named_by_their_shared_words_and_one_word_each_are_added(parks):
    # Before: the project's heading amount (5,727,200 บาท) from the text, the two lines never added.
    answer = parks.ask("โครงการจัดการพื้นที่คุ้มครองที่เป็นมรดกโลกฯ ระยะที่ 2 ของกรมอุทยานฯ ตั้งค่าใช้จ่ายเฝ้าระวัง NCAPS "
                       "ในอุทยานแห่งชาติตาพระยากับทับลานรวมกันเท่าไร")
    assert answer.route == "plan_level"
    assert "225,000 + 834,100 = 1,059,100 บาท" in answer.answer and "5,727,200" not in answer.answer
    assert all(c.verified for c in answer.citations)


def test_an_item_called_a_project_and_two_of_its_years_added(parks):
    # The item is no project of the book; the question calls it `โครงการ…`. Before: "ไม่พบโครงการ…" (refused).
    answer = parks.ask("โครงการเพิ่มประสิทธิภาพระบบรวบรวมน้ำเสีย ระยะที่ 3 เทศบาลนครสงขลา ตั้งงบปี 2564 กับปี 2565 "
                       "รวมกันแล้วเท่าไร")
    assert "14,685,700 + 7,342,700 = 22,028,400 บาท" in answer.answer and not answer.refused


def test_an_items_amount_asked_with_an_expense_word_and_no_unit(tmp_path_factory):
    # `ตั้งค่าใช้จ่าย…ไว้เท่าไร` asks the item's money with no money word of the profile. Before: the project's
    # 105,100,000 บาท (and ingest had read `1 งาน 51,600,000 บาท` as an item of its own).
    answer, = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-88-89.pdf",
        "สวทช. โครงการพัฒนานวัตกรรมบริการดิจิทัลภาครัฐรองรับวิถีชีวิตแนวใหม่ ตั้งค่าใช้จ่ายพัฒนาแพลตฟอร์ม"
        "การเรียนการสอนออนไลน์สำหรับนักเรียนพิการทุกประเภทไว้เท่าไร")
    assert "51,600,000" in answer.answer.splitlines()[0] and "105,100,000" not in answer.answer


def test_an_item_every_agency_prints_is_the_named_agencys(tmp_path_factory):
    # Two agencies' pages (สำนักงานปลัดกระทรวงฯ, กรมทรัพยากรธรณี) each print `ค่าตอบแทนพนักงานราชการ`. Before: one
    # of them by the order of the keys, whichever agency was named.
    dmr, ops = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-30-115-123.pdf",
        "กรมทรัพยากรธรณี ตั้งงบค่าตอบแทนพนักงานราชการในรายการบุคลากรภาครัฐ ปี 2565 ไว้เท่าไร",
        "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ตั้งงบค่าตอบแทนพนักงานราชการ ปี 2565 ไว้เท่าไร")
    assert "58,184,600" in dmr.answer.splitlines()[0] and "136,382,700" not in dmr.answer
    assert "136,382,700" in ops.answer.splitlines()[0] and "58,184,600" not in ops.answer


def test_two_items_each_named_on_its_side_are_added_or_subtracted(tmp_path_factory):
    # Before: the project's heading amount (118,000,000 บาท) from the text; the two lines never added.
    both, apart = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-264.pdf",
        "GISTDA โครงการพัฒนาโครงสร้างพื้นฐานด้าน ICT ที่ทันสมัย มั่นคงปลอดภัยฯ ตั้งงบระบบศูนย์กลางข้อมูล "
        "(DATA Center) กับระบบ Disaster Recovery Site รวมกันเท่าไร",
        "ระบบ Disaster Recovery Site มากกว่าหรือน้อยกว่าระบบศูนย์กลางข้อมูล (DATA Center) อยู่เท่าไร")
    assert "40,000,000 + 30,000,000 = 70,000,000 บาท" in both.answer
    assert "40,000,000 − 30,000,000 = 10,000,000 บาท" in apart.answer


def test_an_item_and_its_control_fee_item_are_told_apart_by_the_fees_own_words(tmp_path_factory):
    # Page 344: `(8) โครงการพัฒนาระบบรวบรวมและบำบัดน้ำเสียรวม เทศบาลเมืองฉะเชิงเทรา …` and `(9) ค่าควบคุมงาน<the same>`.
    # Typed without `ค่าควบคุมงาน`, the question names the first: the second holds its whole name and more. Before:
    # both typed as far in nearly the same share of their long names, neither was named (the answer was refused).
    item, fee = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-344.pdf",
                         "ระบบรวบรวมและบำบัดน้ำเสียรวม เทศบาลเมืองฉะเชิงเทรา ได้งบปี 2565 เท่าไร",
                         "ค่าควบคุมงานพัฒนาระบบรวบรวมและบำบัดน้ำเสียรวม เทศบาลเมืองฉะเชิงเทรา ปี 2565 ได้งบเท่าไร")
    assert "29,311,200 บาท" in item.answer.splitlines()[0] and "405,500" not in item.answer
    assert "405,500 บาท" in fee.answer.splitlines()[0] and "29,311,200" not in fee.answer


def test_an_abbreviation_in_brackets_after_the_name_it_stands_for_is_not_typed_again(assistant):
    # Before: `(สดร.)` became a second copy of the institute's name, whose words the item matcher then read as
    # an item's (on the whole book another agency's output printing `…วิทยาศาสตร์…` answered a project's question).
    from assistant.pipeline import Turn

    both = assistant.route(assistant.resolve(Turn("สถาบันวิจัยดาราศาสตร์แห่งชาติ (สดร.) ได้งบประมาณเท่าไร")))
    alone = assistant.route(assistant.resolve(Turn("สดร. ได้งบประมาณเท่าไร")))
    assert both.resolved == "สถาบันวิจัยดาราศาสตร์แห่งชาติ ได้งบประมาณเท่าไร"
    assert alone.resolved.startswith("สถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน")


def test_items_printing_the_same_run_the_question_types_are_added(tmp_path_factory):
    # Page 163: `(1) ค่าใช้จ่ายโครงการพัฒนาเทคโนโลยีคลื่นความถี่วิทยุและสัญญาณดิจิทัล 13,000,000 บาท` (other expenses) and
    # `(2) อุปกรณ์เพื่อการพัฒนาเทคโนโลยีคลื่นความถี่วิทยุ… 18,323,000 บาท` (equipment). A question typing only the run
    # both print asks both: each amount, and their sum computed. Before: the first alone (13,000,000). A question
    # typing one item's own words before the run still names that item alone.
    both, one = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-147-162-163.pdf",
                         "สถาบันวิจัยดาราศาสตร์ฯ ได้งบเรื่องเทคโนโลยีคลื่นความถี่วิทยุและสัญญาณดิจิทัลรวมทั้งค่าครุภัณฑ์"
                         "และรายจ่ายอื่นเท่าไร",
                         "ค่าใช้จ่ายโครงการพัฒนาเทคโนโลยีคลื่นความถี่วิทยุและสัญญาณดิจิทัล ของ สดร. ได้งบเท่าไร")
    assert both.route == "plan_level" and "13,000,000 + 18,323,000 = 31,323,000 บาท" in both.answer
    assert all(c.verified for c in both.citations) and len(both.citations) == 2
    assert "13,000,000 บาท" in one.answer and "18,323,000" not in one.answer


def test_an_item_typed_with_its_own_place_is_not_added_to_items_sharing_its_name(tmp_path_factory):
    # Page 200: a dozen `ค่าใช้จ่ายในการจัดหาแหล่งน้ำบาดาลระยะไกล…` items print the same long run; the question types
    # one's form and district (`รูปแบบที่ 2 ที่อำเภอโนนสุวรรณ`), so it names that one, not all that share the run.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-177-200.pdf",
                       "กรมทรัพยากรน้ำบาดาล ค่าใช้จ่ายในการจัดหาแหล่งน้ำบาดาลระยะไกลเพื่อแก้ปัญหาในพื้นที่ขาดแคลนน้ำ"
                       "หรือน้ำเค็ม รูปแบบที่ 2 ที่อำเภอโนนสุวรรณ จังหวัดบุรีรัมย์ ตั้งงบไว้เท่าไร")
    assert answer.route == "plan_level" and "37,937,300 บาท" in answer.answer
    assert len(answer.citations) == 1 and "คำนวณ" not in answer.answer


COAST = FIXTURES / "budget-fy2565-vol6-p1-81-106.pdf"  # กรมทรัพยากรทางทะเลและชายฝั่ง, to its coastal-erosion project's items


def test_two_items_of_a_named_project_called_by_a_few_words_each_are_added(tmp_path_factory):
    # `ค่าทำรั้วดักทราย` and `ค่าติดตามประเมินผลปักไม้ไผ่ชะลอคลื่น` shorten two item names of the project the first
    # side names by a run of its name; each side's own words are printed by one item under it. Before: a text sum of
    # two line fragments (`• โดยการทำรั้วดักทราย 4,500,000 บาท 94`: the item's name cut, its page number kept); over
    # the whole book, another agency's project the second side's words partly name was added to this project.
    answer, = ask_book(tmp_path_factory, COAST, "โครงการกัดเซาะชายฝั่ง 23 จังหวัด ค่าทำรั้วดักทรายกับ"
                       "ค่าติดตามประเมินผลปักไม้ไผ่ชะลอคลื่น รวมกันเท่าไร")
    assert answer.route == "plan_level"
    assert "• ค่าใช้จ่ายในการป้องกันแก้ไขปัญหาการกัดเซาะและฟื้นฟูเนินทรายชายฝั่งโดยการทำรั้วดักทราย 4,500,000 บาท" \
        in answer.answer
    assert "คำนวณ: 4,500,000 + 2,500,000 = 7,000,000 บาท" in answer.answer and "57,680,000" not in answer.answer


def test_an_item_asked_under_which_project_is_answered_with_its_levels(tmp_path_factory):
    # `รายการ X อยู่ภายใต้โครงการใด`: the item whole, then the project it is printed under and the levels above,
    # each cited; the project's name wraps to its amount's line (`…ชายฝั่งทะเล` / `23 จังหวัด 57,680,000`), whose
    # lines are cited. Before: the item's line alone, no level named.
    answer, = ask_book(tmp_path_factory, COAST, "รายการค่าใช้จ่ายในการป้องกันแก้ไขปัญหาการกัดเซาะและฟื้นฟูเนินทราย"
                       "ชายฝั่งโดยการทำรั้วดักทราย อยู่ภายใต้โครงการใด")
    lines = answer.answer.splitlines()
    assert answer.route == "plan_level" and lines[0].startswith("ค่าใช้จ่ายในการป้องกัน") and "4,500,000 บาท" in lines[0]
    assert lines[1].startswith("อยู่ภายใต้ โครงการที่ 1 : โครงการบูรณาการการจัดการป้องกันและแก้ไขปัญหาการกัดเซาะชายฝั่งทะเล "
                               "23 จังหวัด › แผนงานยุทธศาสตร์จัดการผลกระทบจากการเปลี่ยนแปลงสภาวะภูมิอากาศ › หน่วยงาน "
                               "กรมทรัพยากรทางทะเลและชายฝั่ง")
    assert all(c.verified for c in answer.citations)


def test_a_where_question_lists_each_item_the_shared_words_name_with_its_place(tmp_path_factory):
    # Four items share one name and differ by park; `…ที่อุทยานไหนบ้าง` asks each one's place (profile
    # `place_labels`). Before: a text window of line fragments, the first park's line (`ตะรุเตา`) cut off.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-275-304.pdf",
                       "ปี 65 กรมอุทยานฯ ตั้งงบติดตั้งทุ่นจอดเรืออนุรักษ์แนวปะการังที่อุทยานไหนบ้าง")
    lines = answer.answer.splitlines()
    assert answer.route == "plan_level" and lines[0].startswith("4 รายการ")
    for park in ("ตะรุเตา", "หมู่เกาะระนอง", "หมู่เกาะสุรินทร์", "หาดเจ้าไหม"):
        assert sum(park in line and "1,849,500 บาท" in line for line in lines[1:]) == 1


def test_items_a_question_counts_and_adds_up_by_a_run_of_their_name(tmp_path_factory):
    # `…ของบสร้างสถานีตรวจวัดคุณภาพอากาศในบรรยากาศทั้งหมดกี่สถานี รวมเป็นเงินเท่าไร`: the items under the named
    # department printing the longest run typed before the count (14, one station each), listed, counted and added in
    # code. Before: two of the items' lines as a text answer, no count or sum.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-55-67.pdf",
                       "ปี 65 กรมควบคุมมลพิษของบสร้างสถานีตรวจวัดคุณภาพอากาศในบรรยากาศทั้งหมดกี่สถานี รวมเป็นเงินเท่าไร")
    lines = answer.answer.splitlines()
    assert answer.route == "plan_level" and lines[0].startswith("14 รายการ รวม 14 สถานี")
    assert sum(line.startswith("• สถานีตรวจวัดคุณภาพอากาศในบรรยากาศ") for line in lines) == 14
    assert lines[-1].startswith("คำนวณ (14 รายการ): 7,500,000 + ") and "= 105,000,000 บาท" in lines[-1]
    assert all(c.verified for c in answer.citations)


def test_a_levels_amount_and_its_expense_categories_asked_together(tmp_path_factory):
    # `…ได้งบเท่าไร และเป็นงบรายจ่ายประเภทใด` (profile `category_ask_words`): the output's amount, then each category
    # total its pages print. Before: `งบรายจ่าย` named a row of its year table, and its first column (184.8404 ล้านบาท,
    # its operating budget) was the answer.
    answer, = ask_book(tmp_path_factory, COAST, "ผลผลิตพื้นที่ทรัพยากรทางทะเล ชายฝั่งทะเล และป่าชายเลน ได้รับการบริหาร"
                       "จัดการ ปี 2565 ได้งบเท่าไร และเป็นงบรายจ่ายประเภทใด")
    lines = answer.answer.splitlines()
    assert answer.route == "plan_level" and "223,350,200 บาท" in lines[0]
    assert [line.split(" [")[0] for line in lines[2:]] == ["• งบดำเนินงาน 184,840,400 บาท", "• งบลงทุน 36,639,200 บาท",
                                                          "• งบเงินอุดหนุน 1,870,600 บาท"]


def test_an_item_named_by_the_words_before_its_place(tmp_path_factory):
    # `อุปกรณ์สำหรับพัฒนาศูนย์ข้อมูล ตำบลสุรนารี อำเภอเมืองนครราชสีมา`: the place printed on its first line is no part
    # of the name a question types, so the name is typed whole. Before: the typed run was under the share of the first
    # line it needs, no item was named, and the amount row on the next line was quoted bare.
    thai, english = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-184-187.pdf",
        "สถาบันวิจัยแสงซินโครตรอน ตั้งงบอุปกรณ์สำหรับพัฒนาศูนย์ข้อมูล ปี 2565 เท่าไร",
        "How much did the Synchrotron Light Research Institute budget for data-center development equipment "
        "(อุปกรณ์สำหรับพัฒนาศูนย์ข้อมูล) in FY2565?")
    for answer in (thai, english):
        assert answer.route == "plan_level" and not answer.refused
        assert answer.answer.startswith("อุปกรณ์สำหรับพัฒนาศูนย์ข้อมูล ตำบลสุรนารี") and "12,000,000 บาท" in answer.answer
