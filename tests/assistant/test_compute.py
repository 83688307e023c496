"""Operands of computed figures (assistant/compute.py), on a real line of the sample plan."""
from __future__ import annotations

from decimal import Decimal

from assistant.compute import Operand, _same_window, split_list, split_pair
from assistant.records import Evidence
from tests.conftest import FIXTURES, SAMPLE, ask_book, ask_excerpt


def test_two_sides_found_in_one_line_each_get_the_figure_after_their_own_subject():
    # Sample line 578: both counts in one sentence; before, both sides took its first figure and the pair was dropped.
    line = SAMPLE.read_text(encoding="utf-8").split("\n")[577]
    e = Evidence("sample", 578, 578, line, "retrieval", 1.0)
    first = [Operand(side, Decimal(713), "713", e) for side in ("x", "y")]
    found = _same_window(("ลำปางมีวัดมหานิกาย กี่วัด", "วัดธรรมยุต กี่วัด"), first)
    assert [o.printed for o in found] == ["713", "31"]
    assert _same_window(("ลำปางมีวัดมหานิกาย กี่วัด", "วัดร้าง กี่วัด"), first)[1] is None  # a subject the line lacks


def test_a_share_question_splits_into_its_part_and_its_whole():
    from assistant.compute import split_share

    assert split_share("อุตสาหกรรมผลิตภัณฑ์อโลหะคิดเป็นสัดส่วนเงินลงทุนกี่เปอร์เซ็นต์ของเงินลงทุนโรงงานทั้งหมด") == (
        "อุตสาหกรรมผลิตภัณฑ์อโลหะ เงินลงทุน", "เงินลงทุนโรงงานทั้งหมด", "เงินลงทุน")
    assert split_share("ถ่านหินคิดเป็นร้อยละเท่าไรของแร่ที่ผลิตได้ทั้งหมด") == ("ถ่านหิน", "แร่ที่ผลิตได้ทั้งหมด", "")
    assert split_share("งบจังหวัดรวมเท่าไร") is None


def test_three_or_more_listed_items_and_the_measure_asked_of_each():
    assert split_list("กลุ่มอุตสาหกรรมสำคัญ 5 กลุ่ม (พลังงาน ผลิตภัณฑ์จากพืช อโลหะ อาหาร แปรรูปไม้) มีคนงานรวมกันกี่คน") == (
        ["พลังงาน", "ผลิตภัณฑ์จากพืช", "อโลหะ", "อาหาร", "แปรรูปไม้"], "คนงาน")
    assert split_list("อุตสาหกรรมพลังงาน, อุตสาหกรรมอาหาร และอุตสาหกรรมอโลหะ มีเงินลงทุนรวมกันเท่าไร") == (
        ["อุตสาหกรรมพลังงาน", "อุตสาหกรรมอาหาร", "อุตสาหกรรมอโลหะ"], "เงินลงทุน")
    assert split_list("อุตสาหกรรมพลังงานกับอุตสาหกรรมอาหาร มีเงินลงทุนรวมกันเท่าไร") is None  # a pair: split_pair's


def test_a_change_between_two_years_and_its_percent_of_the_earlier(tmp_path_factory):
    # `ลดลงจากปี 2564 เท่าไร คิดเป็นกี่เปอร์เซ็นต์`: the change and its share of 2564's amount. Before: 2565's
    # amount as a share of 2564's (`548,316,000 ÷ 581,595,900 × 100 = ร้อยละ 94.28`), which the question does not ask.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-30-115-123.pdf",
                       "งบประมาณรายจ่ายของกรมทรัพยากรธรณี ปี 2565 ลดลงจากปี 2564 เท่าไร คิดเป็นกี่เปอร์เซ็นต์")
    assert answer.route == "computed" and not answer.refused
    assert "548,316,000 − 581,595,900 → ลดลง 33,279,900" in answer.answer
    assert "33,279,900 ÷ 581,595,900 × 100 = ร้อยละ 5.72" in answer.answer
    assert {"33279900", "5.72"} <= {f.value.replace(",", "") for f in answer.figures if f.provenance == "computed"}


def test_an_organisation_typed_without_a_word_of_its_name_is_known(tmp_path_factory):
    # `สถาบันแสงซินโครตรอน` for the printed `สถาบันวิจัยแสงซินโครตรอน`: people leave out a word. Before: refused as an
    # organisation no document names. One the pages do not name is still refused so.
    vision, other = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-166-167.pdf",
                             "สถาบันแสงซินโครตรอนมีวิสัยทัศน์ว่าอย่างไร",
                             "สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติมีวิสัยทัศน์ว่าอย่างไร")
    assert not vision.refused and "ศูนย์กลางในอาเซียนด้านแสงซินโครตรอน" in vision.answer
    assert other.refused and other.route == "refused"


def test_a_years_figure_from_a_later_figure_and_its_change_since_that_year(tmp_path_factory):
    # The sample's economy lines (545-562): `(Gross Provincial Product : GPP) ของจังหวัด` | `ลำปางปี 2564 เท่ากับ 73,161
    # ล้านบาท เพิ่มขึ้นจากปี 2563 จำนวน 1,923 ล้านบาท`. 2563's figure is 73,161 − 1,923, computed and cited. Before:
    # refused. A question asking the change itself (`เพิ่มขึ้นจากปี 2563`) is not answered this way.
    earlier, change = ask_excerpt(tmp_path_factory, "gpp", 545, 562,
                                  "ผลิตภัณฑ์มวลรวมจังหวัดลำปาง (GPP) ปี 2563 มีมูลค่าประมาณกี่ล้านบาท คำนวณจากตัวเลขปี 2564 ที่ให้ไว้",
                                  "GPP ลำปางปี 2564 เพิ่มขึ้นจากปี 2563 กี่ล้านบาท")
    assert earlier.route == "computed" and "73,161 − 1,923 = 71,238 ล้านบาท" in earlier.answer
    assert all(c.verified for c in earlier.citations)
    assert "71,238" not in change.answer


def test_each_side_of_a_pair_is_the_figure_after_the_measure_they_share(tmp_path_factory):
    # `อุตสาหกรรมพลังงานกับอุตสาหกรรมอาหาร มีเงินลงทุนรวมกันเท่าไร`: both sides ask `เงินลงทุน`; each line prints its
    # section number first (`2.1 อุตสาหกรรมด้านพลังงาน …`). Before: `คำนวณ: 2.1 + 2.4 = 4.50`, the section numbers added.
    answer, counted = ask_excerpt(tmp_path_factory, "industry-pair", 895, 940,
                                  "อุตสาหกรรมพลังงานกับอุตสาหกรรมอาหาร มีเงินลงทุนรวมกันเท่าไร",
                                  "อุตสาหกรรมผลิตภัณฑ์อโลหะกับอุตสาหกรรมผลิตภัณฑ์จากพืช อย่างไหนมีโรงงานมากกว่า "
                                  "และมากกว่ากี่โรงงาน")
    assert answer.route == "computed" and "คำนวณ: 51,809.55 + 1,107.67 = 52,917.22" in answer.answer
    assert all(c.verified for c in answer.citations)
    assert "คำนวณ: 139 − 75 = 64" in counted.answer  # the shared ending is the asked unit: its figure comes before it


def test_a_name_joined_by_and_is_no_pair_of_things_to_add():
    # `พลังงานไฟฟ้าที่จำหน่ายและใช้`: one column's name; its `และ` left `ใช้` on one side, a word the index holds
    # commonly. Before: that side's figure was a row of page numbers (`เรื่อง 57 58 …`), and `169499 + 57` was computed.
    from assistant.compute import _distinct_sides
    idf = {"พลังงานไฟฟ้า": 5.42, "จำหน่าย": 4.06, "ใช้": 1.9, "อุตสาหกรรม": 1.89, "พลังงาน": 4.06, "ลำปาง": 2.51,
           "อาหาร": 3.41, "เงินลงทุน": 5.42, "เถิน": 4.67, "rarest": 6.52}  # the three-document index's, and its largest
    assert not _distinct_sides(split_pair("ปี 2565 พลังงานไฟฟ้าที่จำหน่ายและใช้รวมทั้งหมดเท่าไร"), idf)
    assert _distinct_sides(split_pair("อุตสาหกรรมพลังงานกับอุตสาหกรรมอาหาร มีเงินลงทุนรวมกันเท่าไร"), idf)
    assert _distinct_sides(split_pair("กปภ.ลำปาง กับ กปภ.เถิน มีผู้ใช้น้ำรวมกันกี่ราย"), idf)
