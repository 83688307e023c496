"""The table row a question names by its label, read against the header of the table its words describe."""
from decimal import Decimal

from assistant.header_rows import column_sum, named_row, summed_rows
from assistant.route import analyse
from assistant.row_headers import header_tables
from tests.assistant.test_table_extremes import _IDF, _LINES
from tests.conftest import SAMPLE

# The sample plan's ore-production table as stored (lines 797-810, blank lines left out): the same ores as
# the reserve table, under another header.
_PRODUCTION = [
    "ตารางปริมาณการผลิตแร่ ปี พ.ศ. ๒๕๖4 – ๒๕๖6 ", "ลำดับ ชนิดแร่ ", "ปริมาณการผลิต (เมตริกตัน) ",
    "พ.ศ. ๒๕๖๔ พ.ศ. ๒๕๖5 พ.ศ. 2566 ", "๒. บอลเคลย์ 465,480.42 325,587.10 256,857.85 ",
    "๓. ถ่านหิน 14,166,312.36 14,124,564.54 12,970,902.00 ",
]
_IDF_MORE = _IDF | {"ดิน": 2.5, "ขาว": 3.4, "ถ่านหิน": 3.1, "เหลือ": 3.0, "ตาราง": 2.0}


def _tables():
    lines = _PRODUCTION + _LINES
    return header_tables("d", [(i + 1, t, None) for i, t in enumerate(lines)])


def test_the_row_the_question_names_not_the_tables_first_rows():
    # Before: the passage nearest the header's words, the table's first two rows (บอลเคลย์, ถ่านหิน).
    table, row = named_row(analyse("ปริมาณสำรองแร่ดินขาวในพื้นที่ประทานบัตรปี 2567 เหลืออยู่เท่าไหร่ และคาดว่าใช้ได้อีกกี่ปี"),
                           _tables(), _IDF_MORE)
    assert row.label == "๓ ดินขาว" and row.values == ["327,562.01", "4,198,030.51", "18"]
    assert "ระยะเวลา: 18 ปี" in row.reading()


def test_the_table_is_the_one_whose_header_holds_the_questions_words():
    _, row = named_row(analyse("ถ่านหินปริมาณการผลิตปี 2565 กี่เมตริกตัน"), _tables(), _IDF_MORE)
    assert row.values == ["14,166,312.36", "14,124,564.54", "12,970,902.00"]  # the production table's row
    _, row = named_row(analyse("ถ่านหินมีปริมาณสำรองในพื้นที่ประทานบัตรเท่าไร"), _tables(), _IDF_MORE)
    assert row.values == ["14,124,564.54", "482,598,646.11", "27"]


def test_no_row_named_or_a_total_is_no_answer():
    assert named_row(analyse("ปริมาณสำรองแร่ในพื้นที่ประทานบัตรปี 2567 เท่าไหร่"), _tables(), _IDF_MORE) is None
    assert named_row(analyse("ปริมาณสำรองแร่รวมในพื้นที่ประทานบัตรเท่าไหร่"), _tables(), _IDF_MORE) is None


def _reserve_table(sample_lines):
    """The sample plan's ore-reserve table as stored (its lines 846-897), blank lines and all."""
    lines = sample_lines[845:897]
    return header_tables("d", [(846 + i, t, None) for i, t in enumerate(lines)])


def test_the_rows_a_sum_names_by_their_words_in_the_column_it_names(sample_lines):
    # Before: no table answer (a sum is not one row); the passage shown was the table's first rows.
    q = analyse("ปริมาณสำรองแร่หินปูนทั้งสามประเภท (เพื่ออุตสาหกรรมเคมี ซีเมนต์ และก่อสร้าง) ในพื้นที่ประทานบัตรปี 2567 "
                "รวมกันกี่เมตริกตัน")
    table, col, rows = summed_rows(q, _reserve_table(sample_lines), _IDF_MORE)
    assert table.rows[0].columns[col].name.endswith("ปี 2567")
    assert [r.values[col] for r in rows] == ["37,045,050.00", "77,364,000.00", "97,951,174.00"]
    # `หินดินดานเพื่ออุตสาหกรรม ซีเมนต์` shares two of the words, not its first: not added


def test_a_counted_sum_takes_the_rows_its_word_starts_and_must_count_as_many(sample_lines):
    q = analyse("ยอดผลิตปี 2566 ของหินปูนทั้ง 3 ชนิดรวมกันเท่าไร")
    _, col, rows = summed_rows(q, _reserve_table(sample_lines), _IDF_MORE)
    assert [r.values[col] for r in rows] == ["1,044,950.00", "3,070,000.00", "3,918,046.96"]
    assert summed_rows(analyse("ยอดผลิตปี 2566 ของหินปูนทั้ง 2 ชนิดรวมกันเท่าไร"), _reserve_table(sample_lines), _IDF_MORE) is None
    assert summed_rows(analyse("ยอดผลิตปี 2566 ของถ่านหินเท่าไร"), _reserve_table(sample_lines), _IDF_MORE) is None  # no sum asked


def test_a_column_is_summed_as_printed_a_percent_cell_read_as_its_figure():
    # Before: the sum read each cell with Decimal() and raised on `12.5%`, though the row filter had read it.
    assert column_sum(["37,045,050.00", "77,364,000.00", "97,951,174.00"]) == (Decimal("212360224.00"), 2)
    assert column_sum(["12.5%", "7.25%", "๘๐"]) == (Decimal("99.75"), 2)


def test_a_counted_sum_of_the_rows_one_typed_word_starts_not_every_word_typed():
    # The sample's electricity table (lines 723-760): `บ้านอยู่อาศัยทั้งสองกลุ่ม` counts the two rows `บ้าน…` starts;
    # `ไฟชั่วคราว` starts with `ไฟ`, which `ผู้ใช้ไฟ` types too. Before: three rows, not the two counted: no sum.
    lines = open(SAMPLE, encoding="utf-8").read().split("\n")[722:760]
    tables = header_tables("d", [(723 + i, t, None) for i, t in enumerate(lines)])
    idf = {"บ้าน": 3.2, "อยู่อาศัย": 4.1, "ประเภท": 2.67, "ผู้ใช้": 4.91, "ไฟ": 4.39, "กลุ่ม": 2.0, "หน่วย": 3.0}
    q = analyse("ปี 2565 ผู้ใช้ไฟประเภทบ้านอยู่อาศัยทั้งสองกลุ่ม (ต่ำกว่า 150 หน่วย และ 150 หน่วยขึ้นไป) รวมกันกี่ราย")
    table, col, rows = summed_rows(q, tables, idf)
    assert table.rows[0].columns[col].unit == "ราย"
    assert [r.values[col] for r in rows] == ["169,499", "97,285"]


def test_a_tables_total_asked_is_its_total_row_in_the_named_column(tmp_path_factory):
    # `…จำหน่ายไฟฟ้าทั้งหมดกี่หน่วย`, `…รวมทั้งหมดเท่าไร`: the electricity table's `รวม` row read in the kWh column the
    # question names. Before: two user rows quoted bare, or (`จำหน่ายและใช้` split at its `และ`) `169499 + 57` computed.
    from tests.conftest import ask_excerpt
    typed, named, other_year = ask_excerpt(tmp_path_factory, "electricity-total", 700, 762,
                                           "ปี๒๕๖๕ กฟภ.ลำปางจำหน่ายไฟฟ้าทั้งหมดกี่หน่วย (kWh) ครับ",
                                           "ปี 2565 พลังงานไฟฟ้าที่จำหน่ายและใช้รวมทั้งหมดเท่าไร",
                                           "ปี 2566 การไฟฟ้าส่วนภูมิภาคจังหวัดลำปางมีผู้ใช้ไฟฟ้าทั้งหมดกี่ราย")
    assert other_year.route != "header_total"  # the table is 2565's: no total of 2566
    for answer in (typed, named):
        assert answer.route == "header_total"
        assert answer.answer.startswith("พลังงานไฟฟ้าที่จำหน่ายและใช้ — รวม: 1,026,949,623.61 กิโลวัตต์-ชั่วโมง")
        assert all(c.verified for c in answer.citations)
