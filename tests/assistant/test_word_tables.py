"""Tables printed as lines of words (a header of one word per column, rows of a label and figures), read over the
sample's real lines: the districts' distances and their administrative units."""
from __future__ import annotations

import pytest

from assistant.word_tables import word_tables
from tests.conftest import sample_excerpt


@pytest.fixture(scope="module")
def districts(tmp_path_factory):
    a = sample_excerpt(tmp_path_factory, "districts", 455, 500)
    yield a
    a.close()


def test_both_tables_are_read_with_their_columns(districts):
    doc = next(iter(districts.db.titles()))
    tables = word_tables(doc, districts.db.lines(doc, 1, 10**6))
    assert [t.columns for t in tables] == [["ลำดับที่", "อำเภอ", "ระยะทาง"],
                                           ["ลำดับที่", "อำเภอ", "ตำบล", "หมู่บ้าน", "ชุมชน", "เทศบาล", "อบต."]]
    assert all(len(t.rows) == 13 for t in tables)  # a blank line between rows 9 and 10 does not end them
    assert tables[1].figure_columns() == [2, 3, 4, 5, 6]  # the running row number is no figure column


def test_a_column_asked_in_a_word_of_the_same_meaning(districts):
    # `ห่าง…กี่โล` asks the `ระยะทาง` column (profile `[alike_words]`). Before: refused, a list of districts shown.
    answer = districts.ask("อ.แม่พริก ห่างตัวเมืองลำปางกี่โลอะ")
    assert answer.route == "word_table" and answer.answer.startswith("แม่พริก: ระยะทาง 117")


def test_a_cell_named_by_its_row_and_column(districts):
    # Before: the province's totals sentence (`13 อำเภอ 100 ตำบล 934 หมู่บ้าน`) or a population line.
    answer = districts.ask("อำเภองาวมีกี่ตำบล")
    assert answer.route == "word_table" and answer.answer.startswith("งาว: ตำบล 10")
    distance = districts.ask("อำเภอแม่พริกอยู่ห่างจากอำเภอเมืองเป็นระยะทางเท่าไร")
    assert distance.route == "word_table" and distance.answer.startswith("แม่พริก: ระยะทาง 117")
    assert all(c.verified for c in answer.citations + distance.citations)


def test_the_largest_in_a_column_with_ties_and_rows_set_aside(districts):
    # Before: `อำเภอที่มีประชากรมากที่สุดได้แก่ อำเภอเมืองลำปาง…` (population, not villages).
    most = districts.ask("อำเภอใดมีจำนวนหมู่บ้านมากที่สุด")
    assert most.route == "word_table" and "เมืองลำปาง — 144" in most.answer
    aside = districts.ask("ไม่นับอำเภอเมืองลำปาง อำเภอใดมีจำนวนหมู่บ้านมากที่สุด มีกี่หมู่บ้าน")
    assert aside.route == "word_table" and "เถิน และ แม่ทะ — 95" in aside.answer  # a tie: both
    assert "ไม่นับ เมืองลำปาง" in aside.answer
    # A superlative split by its complement (`ไกลจากตัวเมืองลำปางที่สุด`) asks the largest. Before: no operation read,
    # refused with the highway paragraph shown.
    far = districts.ask("อำเภอไหนไกลจากตัวเมืองลำปางที่สุด ห่างกี่กิโลเมตร")
    assert far.route == "word_table" and "แม่พริก — 117" in far.answer
    # A column word typed without the label column's word (which row) is not this table's ranking.
    assert districts.ask("กลุ่มวิสาหกิจชุมชนใดได้รับงบมากที่สุด").route != "word_table"


@pytest.fixture(scope="module")
def levels(tmp_path_factory):
    """The green-industry levels table (`ระดับ จำนวน(โรง)`, rows `1 373` … `5 0`, then `รวม 391`), lines 3215–3235."""
    a = sample_excerpt(tmp_path_factory, "gi-levels", 3215, 3235)
    yield a
    a.close()


def test_a_numbered_row_and_a_range_of_rows_are_read(levels):
    # Rows labelled by numbers: `ระดับ4` names row 4; `ตั้งแต่ระดับ 2 ขึ้นไป` (profile `range_up_words`) adds rows 2–5
    # in code. Before: no table of this layout was read (its header has two words, its labels are numbers), and both
    # questions were refused with `1 373` as the closest line.
    one, up = (levels.ask(q) for q in ("กรอ. ปี66 โรงงาน GI ระดับ4 ในลำปางมีกี่โรงจ้า",
                                       "โรงงานที่ได้รับรองอุตสาหกรรมสีเขียว (GI) ตั้งแต่ระดับ 2 ขึ้นไปมีกี่โรง"))
    assert one.route == "word_table" and "ระดับ 4: จำนวน(โรง) 11" in one.answer and "373" not in one.answer
    assert up.route == "word_table" and "2 + 5 + 11 + 0 = 18" in up.answer
    assert "18" in {f.value for f in up.figures if f.provenance == "computed"}
    assert all(c.verified for c in up.citations)
    # A question naming nothing the table's caption or the sentence above it says is not read from it.
    assert levels.ask("โรงไฟฟ้าระดับ 2 มีกี่โรง").route != "word_table"
