"""A list a heading counts (`โครงการจาก กตร. (3 โครงการ)`), read over the sample's real lines: every item it counts,
each item's own numbered steps left out; not answered from a list not read whole."""
from __future__ import annotations

import pytest

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
