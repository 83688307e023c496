"""Phrase handling for drafted rationales, on lines of the shipped sample plan."""

from assistant.draft_text import (bare_numbers, compact, found_in, fragment_reason, phrase_with_figure, strip_item_mark,
                                  tidy_name, whole_statement)
from ingest.thai_repair import join_wrapped_lines, repair_line


def _line_with(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


def test_a_figure_is_quoted_with_its_label_and_unit(sample_lines):
    i = _line_with(sample_lines, "อุตสาหกรรมผลิตภัณฑ์อโลหะ")
    text = join_wrapped_lines(sample_lines[i:i + 3])
    phrase = phrase_with_figure(text, "139")
    assert phrase == "อุตสาหกรรมผลิตภัณฑ์อโลหะ จำนวน 139 โรงงาน"
    assert found_in(phrase, [text]) and fragment_reason(phrase) is None


def test_table_rows_and_row_numbers_are_not_statements(sample_lines):
    i = _line_with(sample_lines, "บอลเคลย์ 465,480.42")
    row = sample_lines[i]
    assert phrase_with_figure(row, "465480.42") is None  # a row of figures
    assert phrase_with_figure(row, "2") is None  # the row number (Thai digit ๒)


def test_phrases_cut_mid_way_are_told(sample_lines):
    # A master-plan item the page wraps after "ที่เป็น": its first line alone stops mid-phrase.
    i = _line_with(sample_lines, "แผนย่อยของแผนแม่บทฯ การสร้างการเติบโตอย่างยั่งยืนบนสังคม")
    assert fragment_reason(strip_item_mark(repair_line(sample_lines[i]))) == "ends on “เป็น”"
    assert fragment_reason(strip_item_mark(repair_line(sample_lines[i]) + " " + repair_line(sample_lines[i + 1]))) is None
    assert fragment_reason("ภาคอุตสาหกรรมที่มีการ") is not None
    assert fragment_reason(": การให้บริการโครงสร้างพื้นฐาน") is not None
    assert fragment_reason("“นครหัตถศิลป์ ถิ่นอุตสาหกรรมสร้างสรรค์") is not None  # quote left open
    j = _line_with(sample_lines, "การเปลี่ยนแปลงเทคโนโลยีดิจิตัลและนวัตกรรมอย่างฉับพลัน")
    assert whole_statement(sample_lines[j]) == "การเปลี่ยนแปลงเทคโนโลยีดิจิตัลและนวัตกรรมอย่างฉับพลัน"


def test_bare_numbers_and_names():
    assert bare_numbers("0.17 0.17 [2]") and bare_numbers("2566 2567 2568")
    assert not bare_numbers("อุตสาหกรรมผลิตภัณฑ์อโลหะ จำนวน 139 โรงงาน [1]")
    assert tidy_name("โครงการปรับเปลี่ยนรูปแบบธุรกิจ (SME transformation to") == "โครงการปรับเปลี่ยนรูปแบบธุรกิจ"
    assert strip_item_mark("๓.๒.๑ วิสัยทัศน์") == "วิสัยทัศน์" and strip_item_mark("  (2) ผลสัมฤทธิ์") == "ผลสัมฤทธิ์"
    assert compact("หน้า ๑๒  ปี 2,567") == compact("หน้า12ปี2567")
