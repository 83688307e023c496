"""The largest or smallest figure of the column a question names, over a table's rows."""
from assistant.route import analyse
from assistant.row_headers import header_tables
from assistant.table_extremes import extreme_rows

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


def test_the_column_the_question_names_and_the_smallest():
    _, col, rows = extreme_rows(analyse("แร่ชนิดใดมีปริมาณสำรองในพื้นที่ประทานบัตรน้อยที่สุด"), _tables(), _IDF)
    assert rows[0].label == "๘ พลวง" and rows[0].values[col] == "90,000.00"


def test_no_table_answers_a_question_its_header_does_not_describe():
    assert extreme_rows(analyse("โครงการใดได้รับงบประมาณมากที่สุด"), _tables(), _IDF) is None
    assert extreme_rows(analyse("แร่ชนิดใดมีปริมาณสำรองในพื้นที่ประทานบัตร"), _tables(), _IDF) is None  # no max or min


def test_how_long_asks_the_column_in_a_duration_unit():
    table, col, rows = extreme_rows(analyse("แร่ชนิดใดผลิตได้นานที่สุด"), _tables(), _IDF)
    assert table.rows[0].columns[col].unit == "ปี" and rows[0].values[col] == "30"
