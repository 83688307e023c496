"""The largest or smallest figure of the column a question names, over a table's rows."""
from assistant.route import analyse
from assistant.row_headers import header_tables
from assistant.table_extremes import extreme_rows
from tests.conftest import SAMPLE, ask_excerpt

# The sample plan's ore-reserve table as stored (lines 847-889, blank lines left out), and a longer
# paragraph before it: rows with their label on the same line or above the figures, a `-` cell.
_LINES = [
    "ข้อความย่อหน้าที่ยาวกว่าแปดสิบตัวอักษรซึ่งไม่ใช่หัวตารางแต่เป็นเนื้อความของเอกสารเกี่ยวกับการผลิตแร่ของจังหวัด",
    "สถานภาพปริมาณสำรองแร่ ปี พ.ศ. ๒๕๖6 ", "ลำดับ ชนิดแร่ ", "ยอดผลิต  ", "ปี ๒๕๖6 ", "(เมตริกตัน) ",
    "ปริมาณสำรองแร่ใน", "พื้นที่ประทานบัตร ", "ปี 2567 ", "(เมตริกตัน) ", "ระยะเวลา  ", "(ปี) ",
    "๑ บอลเคลย์ 325,587.10 4,561,490.58 แร่ครอบครอง ", "ไม่มีการผลิต ",
    "๒ ถ่านหิน 14,124,564.54 482,598,646.11 27 ", "๓ ดินขาว 327,562.01 4,198,030.51 18 ",
    "๕ หินปูนเพื่ออุตสาหกรรม ", "ซีเมนต์ ", "3,070,000.00 77,364,000.00 20 ",
    "๘ พลวง - 90,000.00 8 ", "๑๐ ดินอุตสาหกรรมชนิดดิน ", "ซีเมนต์ ", "300,000.00 32,233,330.00 30 ",
    "รวม 18,000,000.00 620,000,000.00 - ",
]
# The sample index's idf of the questions' words.
_IDF = {"แร่": 2.67, "ชนิด": 3.18, "คาด": 4.28, "ผลิต": 1.53, "อีก": 3.18, "สำรอง": 4.28, "ปริมาณ": 2.33,
        "ประทานบัตร": 2.98, "พื้นที่": 0.91, "โครงการ": 0.63, "งบประมาณ": 1.76, "ได้รับ": 1.3}


def _tables():
    return header_tables("d", [(i + 1, t, None) for i, t in enumerate(_LINES)])


def test_the_asked_units_column_is_compared_over_every_row():
    table, col, rows = extreme_rows(analyse("แร่ชนิดใดที่คาดว่าจะผลิตได้อีกนานที่สุด และนานกี่ปี"), _tables(), _IDF)
    assert table.rows[0].columns[col].name == "ระยะเวลา"
    assert [(r.label, r.values[col]) for r in rows[:2]] == [("๑๐ ดินอุตสาหกรรมชนิดดิน ซีเมนต์", "30"), ("๒ ถ่านหิน", "27")]
    assert all(not r.label.startswith("รวม") for r in rows)  # a total row is not a row to compare


def test_how_long_asked_with_the_tables_year_compares_the_column_of_years():
    # `ปี 2566` is the table's caption year; `นานที่สุด` asks how long. Before: the column `ยอดผลิต ปี 2566` (coal).
    _, col, rows = extreme_rows(analyse("ตามตารางปริมาณแร่สำรองปี 2566 แร่ชนิดใดในพื้นที่ประทานบัตรผลิตได้อีกนานที่สุด กี่ปี"),
                                _tables(), _IDF)
    assert rows[0].label == "๑๐ ดินอุตสาหกรรมชนิดดิน ซีเมนต์" and rows[0].values[col] == "30"


def test_an_english_question_over_a_thai_table():
    # English words the profile glosses (`mineral` → แร่, `reserve`, `table`, `concession`) find the table; words
    # no document prints (`remaining`, `life`) do not count against its cover. Before: `mineral` was read as ธรณี
    # and the unknown words weighed the cover under its floor: no table, a refusal.
    q = analyse("According to the mineral reserve table, which mineral in the concession areas has the longest "
                "remaining reserve life, and how many years is it?")
    _, col, rows = extreme_rows(q, _tables(), {**_IDF, "ตาราง": 3.5})
    assert rows[0].label == "๑๐ ดินอุตสาหกรรมชนิดดิน ซีเมนต์" and rows[0].values[col] == "30"


def test_the_column_the_question_names_and_the_smallest():
    _, col, rows = extreme_rows(analyse("แร่ชนิดใดมีปริมาณสำรองในพื้นที่ประทานบัตรน้อยที่สุด"), _tables(), _IDF)
    assert rows[0].label == "๘ พลวง" and rows[0].values[col] == "90,000.00"


def test_no_table_answers_a_question_its_header_does_not_describe():
    assert extreme_rows(analyse("โครงการใดได้รับงบประมาณมากที่สุด"), _tables(), _IDF) is None
    assert extreme_rows(analyse("แร่ชนิดใดมีปริมาณสำรองในพื้นที่ประทานบัตร"), _tables(), _IDF) is None  # no max or min


def test_how_long_asks_the_column_in_a_duration_unit():
    table, col, rows = extreme_rows(analyse("แร่ชนิดใดผลิตได้นานที่สุด"), _tables(), _IDF)
    assert table.rows[0].columns[col].unit == "ปี" and rows[0].values[col] == "30"


def test_a_name_over_a_figure_and_its_share_is_the_figure_and_a_captions_year_no_column():
    # The sample's electricity table (lines 723-760): `พลังงานไฟฟ้าที่จำหน่ายและใช้` heads a kWh column and its
    # share (`ร้อยละ`, profile `share_units`); the question's year is the caption's (`พ.ศ. ๒๕๖5`), no column's.
    # Before: no header read (units on a line of their own), and a year asked wanted a year column.
    lines = open(SAMPLE, encoding="utf-8").read().split("\n")[722:760]
    tables = header_tables("d", [(723 + i, t, None) for i, t in enumerate(lines)])
    idf = {"พลังงานไฟฟ้า": 5.42, "จำหน่าย": 4.06, "ใช้": 1.9, "ประเภท": 2.67, "ผู้ใช้": 4.91, "ไฟ": 4.39}
    table, col, rows = extreme_rows(analyse("ปี 2565 พลังงานไฟฟ้าที่จำหน่ายและใช้ ประเภทไหนน้อยที่สุด"), tables, idf)
    assert table.rows[0].columns[col].unit == "กิโลวัตต์-ชั่วโมง"
    assert (rows[0].label, rows[0].values[col]) == ("EV", "45,753.00")
    assert all(r.label != "รวม" for r in rows)  # the total row is no candidate


def test_the_column_named_before_the_max_word_and_the_winners_other_figures(tmp_path_factory):
    # `ผู้ใช้ไฟประเภทไหน` types the label column's header (`ประเภทผู้ใช้ไฟ`): what the rows are, not the measure;
    # `ใช้พลังงานไฟฟ้ามากที่สุด` names the column before the max word; `กี่ราย` after it asks the winner's other
    # figure. Before: the table's rows as bare numbers, the residential rows first.
    answer, = ask_excerpt(tmp_path_factory, "electricity", 700, 762,
                          "ปี 65 ผู้ใช้ไฟประเภทไหนใช้พลังงานไฟฟ้ามากที่สุด แล้วประเภทนั้นมีผู้ใช้กี่ราย")
    assert answer.route == "table_extreme"
    first = answer.answer.splitlines()[0]
    assert "กิจการขนาดใหญ่ — 297,591,983.73 กิโลวัตต์-ชั่วโมง" in first
    assert "กิจการขนาดใหญ่ — จำนวนผู้ใช้ไฟ: 31 ราย" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_an_english_question_names_the_measure_after_its_max_word():
    # `which category consumed the most electricity`: English names the measure after `most`; `electricity`
    # (→ ไฟฟ้า) is printed inside the column's longer word `พลังงานไฟฟ้า`. Before: the words before the max word
    # (`electricity user categories`) named the users column, and the most users were answered.
    lines = open(SAMPLE, encoding="utf-8").read().split("\n")[722:760]
    tables = header_tables("d", [(723 + i, t, None) for i, t in enumerate(lines)])
    idf = {"พลังงานไฟฟ้า": 5.42, "ไฟฟ้า": 3.1, "จำหน่าย": 4.06, "ใช้": 1.9, "ประเภท": 2.67, "ผู้ใช้": 4.91,
           "ไฟ": 4.39, "lampang": 2.0}
    q = analyse("Among the PEA electricity user categories in Lampang for 2022 (พ.ศ. 2565), which category consumed "
                "the most electricity, and how much?")
    table, col, rows = extreme_rows(q, tables, idf)
    assert table.rows[0].columns[col].name.startswith("พลังงานไฟฟ้า")
    assert (rows[0].label, rows[0].values[col]) == ("กิจการขนาดใหญ่", "297,591,983.73")
