"""The items of a list that meet a question's condition, over the sample's real lines (a results report's list of
ten companies, each with the technology it was advised on)."""
from __future__ import annotations

import pytest

from assistant.list_filter import condition
from tests.conftest import sample_excerpt


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    a = sample_excerpt(tmp_path_factory, "bcg-list", 2940, 2990)
    yield a
    a.close()


def test_the_condition_is_what_follows_the_which_word():
    assert condition("มีรายไหนบ้างที่ใช้เครื่องอัดร้อน") == "ใช้เครื่องอัดร้อน"
    assert condition("มีบริษัทอะไรบ้าง") is None  # no condition: the whole list is asked


def test_only_the_listed_items_meeting_the_condition_are_answered(report):
    # Before: the list's intro and its first items (`1) บริษัท ที แกลเลอรี่ กรุ๊ป…`), none of which uses the press.
    answer = report.ask("ผู้ประกอบการ 10 รายที่ได้คำปรึกษาเชิงลึกด้าน BCG มีรายไหนบ้างที่ใช้เครื่องอัดร้อน")
    assert not answer.refused
    lines = answer.answer.splitlines()
    assert "10 ข้อ" in lines[0] and "2 ข้อ" in lines[0]
    assert lines[1].startswith("6) บริษัท ชนะออร์แกนิค จำกัด") and lines[2].startswith("10) บริษัท ไวท์ไทเกอร์ คิง จำกัด")
    assert "Freeze Dry" not in answer.answer and "4.4" not in answer.answer  # another item; the next section
    assert all(c.verified for c in answer.citations)
