"""A list a heading counts (`โครงการจาก กตร. (3 โครงการ)`), read over the sample's real lines: every item it counts,
each item's own numbered steps left out; not answered from a list not read whole."""
from __future__ import annotations

import pytest

from assistant.counted_lists import _count_in
from tests.conftest import ask_excerpt, sample_excerpt


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    a = sample_excerpt(tmp_path_factory, "counted", 2980, 3180)
    yield a
    a.close()


def test_a_counted_headings_items_are_listed_whole_and_in_order(results):
    # Before: refused, the heading and the first project's report shown as the closest passage.
    answer = results.ask("ผลงานปี 2566 ที่เป็นโครงการจาก กตร. มีโครงการอะไรบ้าง")
    assert answer.route == "counted_list" and not answer.refused
    lines = answer.answer.splitlines()
    assert lines[0].startswith("โครงการจาก กตร. (3 โครงการ) มี 3 โครงการ")
    assert lines[1].startswith("• 1. โครงการค่าใช้จ่ายในการติดตามประเมินผลตามนโยบายและแผนปฏิบัติราชการกระทรวงอุตสาหกรรม")
    assert lines[2].startswith("• 2. โครงการส่งเสริมและพัฒนาศักยภาพของอุตสาหกรรมในภูมิภาค")
    assert "OPOAI-C)" in lines[3]  # the third item's name wraps onto the next line
    assert "จัดการฝึกอบรม" not in answer.answer  # the third project's own steps (`1. จัดการฝึกอบรม…`): no item
    other = results.ask("สรุปผลการดำเนินงานปีงบ 2566 มีโครงการจาก กยผ. อะไรบ้าง")
    assert other.route == "counted_list" and len(other.answer.splitlines()) == 5  # its heading and 4 projects
    assert all(c.verified for c in answer.citations + other.citations)


def test_a_list_not_read_whole_is_not_a_counted_answer(tmp_path_factory):
    # the third project is not on these lines
    cut, = ask_excerpt(tmp_path_factory, "counted-cut", 2980, 3020,
                       "ผลงานปี 2566 ที่เป็นโครงการจาก กตร. มีโครงการอะไรบ้าง")
    assert cut.route != "counted_list"


def test_the_heading_an_item_is_listed_under_asked_as_whose_of_the_kind_it_counts(results):
    # `…เป็นโครงการจากกองไหน`: the kind the headings count (`โครงการ`), a few words, a which word; the item the question
    # names (a long run of its name) is listed under `โครงการจาก กตร.`. Before: the item's report quoted, no heading.
    answer = results.ask("โครงการแปรรูปสินค้าเกษตรอุตสาหกรรม 1 จังหวัด 1 ชุมชน (OPOAI-C) ที่รายงานผลปี 2566 เป็นโครงการจากกองไหน")
    assert answer.route == "counted_list"
    assert answer.answer.splitlines()[1].startswith("อยู่ในรายการ: โครงการจาก กตร. (3 โครงการ)")
    assert all(c.verified for c in answer.citations)
    eco = results.ask("โครงการพัฒนาเมืองอุตสาหกรรมเชิงนิเวศที่รายงานผลปี 66 เป็นโครงการของหน่วยงานไหน")
    assert "อยู่ในรายการ: โครงการจาก กยผ. (4 โครงการ)" in eco.answer
    # what the item did is asked of the item, not of its heading
    assert results.ask("โครงการแปรรูปสินค้าเกษตรอุตสาหกรรม 1 จังหวัด 1 ชุมชน มีกิจกรรมอะไร").route != "counted_list"


def test_the_counted_items_whose_reports_print_a_name_the_question_types(results):
    # `บริษัท นอร์ธเทิร์น แอทไทร์` is printed in two of กยผ.'s project reports; `…โครงการไหน`: the items counted
    # by `(4 โครงการ)` asked which. Before: one report line, neither project named.
    answer = results.ask("บริษัท นอร์ธเทิร์น แอทไทร์ ไปเกี่ยวข้องกับโครงการไหนของ สอจ.ลำปาง ในผลงานปี 66 บ้าง")
    assert answer.route == "counted_list"
    items = [line for line in answer.answer.splitlines() if line.startswith("• ")]
    assert len(items) == 2 and all("(โครงการจาก กยผ. (4 โครงการ))" in line for line in items)
    assert "ธรรมาภิบาลสิ่งแวดล้อม" in items[0] and "รักษ์สิ่งแวดล้อม" in items[1]
    assert all(c.verified for c in answer.citations)


def test_a_placement_question_also_asking_whose_project_in_the_results_gets_both_parts(tmp_path_factory):
    # Before: only the direction and strategy; the second part (`แล้วในผลงานปี 66 เป็นโครงการจากกรม/กองไหน`) unanswered.
    answer, = ask_excerpt(tmp_path_factory, "placed-and-held", 1380, 3180,
                          "โครงการบริหารจัดการลุ่มน้ำและวางระบบธรรมาภิบาลสิ่งแวดล้อม อยู่ภายใต้แนวทางการพัฒนาด้านไหนของแผน "
                          "แล้วในผลงานปี 66 เป็นโครงการจากกรม/กองไหน")
    assert answer.route == "placement" and "แนวทางการพัฒนาด้านที่ 2" in answer.answer
    assert "อยู่ในรายการ: โครงการจาก กยผ. (4 โครงการ)" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_the_counts_an_items_numbered_steps_print_are_added_up_when_a_total_is_asked(results):
    # Before: one step's line (`…เข้าร่วมการประชุม จำนวน 29 คน`), or refused.
    answer = results.ask("กิจกรรมเมืองอุตสาหกรรมเชิงนิเวศของลำปางปี 66 ทั้งสัมมนาและประชุม มีผู้เข้าร่วมรวมกี่คน")
    assert answer.route == "computed" and "30 + 29 + 45 + 18 = 122 คน" in answer.answer
    assert "4. โครงการค่าใช้จ่ายในการพัฒนาเมืองอุตสาหกรรมเชิงนิเวศ" in answer.answer
    assert all(c.verified for c in answer.citations)
    # one step's count asked, no total: not added up
    assert results.ask("โครงการพัฒนาเมืองอุตสาหกรรมเชิงนิเวศ ปี 66 ประชุมบูรณาการข้อมูลมีผู้เข้าร่วมกี่คน").route != "computed"


def test_a_steps_count_is_its_unit_as_a_word_after_a_figure():
    assert _count_in("เข้าร่วมการประชุม จำนวน 29 คนจากหน่วยงานภาครัฐ", "คน") == "29"  # glued to the next word
    assert _count_in("ครุภัณฑ์ จำนวน 5 รายการ ผู้ประกอบการ 10 ราย", "ราย") == "10"  # not the `ราย` of `รายการ`
    assert _count_in("ดำเนินการจัดส่งโครงการภายใต้แผนปฏิบัติการ", "คน") is None
