"""A table row read against its column header: figures named by their columns, right to left."""
from assistant.row_headers import read_row

# The sample plan's ore-reserve table as the text layer prints it (lines 847-870): a total row of the
# table before, a caption, header lines closing each measured column with its unit, rows.
_RESERVES = [
    "รวม 20,914,253.98 21,331,533.96 20,036,572.05 ", "", "สถานภาพปริมาณสำรองแร่ ปี พ.ศ. ๒๕๖6 ", "",
    "ลำดับ ชนิดแร่ ", "ยอดผลิต  ", "ปี ๒๕๖6 ", "", "(เมตริกตัน) ", "", "ปริมาณสำรองแร่ใน", "พื้นที่ประทานบัตร ", "",
    "ปี 2567 ", "(เมตริกตัน) ", "", "ระยะเวลา  ", "(ปี) ", "", "๑ บอลเคลย์ 325,587.10 4,561,490.58 แร่ครอบครอง ",
    "ไม่มีการผลิต ", "", "๕ หินปูนเพื่ออุตสาหกรรม ", "ซีเมนต์ ",
]
# The production table (lines 797-805): a unit over one column per year.
_PRODUCTION = ["ก่อสร้าง ผลิตได้ 2,000,016 เมตริกตัน ตามลำดับ ประกอบด้วยข้อความยาวพอที่จะเป็นย่อหน้าของเอกสาร ไม่ใช่หัวตาราง",
               "ตารางปริมาณการผลิตแร่ ปี พ.ศ. ๒๕๖4 – ๒๕๖6 ", "", "ลำดับ ชนิดแร่ ", "ปริมาณการผลิต (เมตริกตัน) ", "",
               "พ.ศ. ๒๕๖๔ พ.ศ. ๒๕๖5 พ.ศ. 2566 "]


def _numbered(lines: list[str], first: int) -> list[tuple[int, str]]:
    return [(first + i, t) for i, t in enumerate(lines)]


def test_each_figure_gets_its_columns_name_and_unit():
    read = read_row("๒ ถ่านหิน 14,124,564.54 482,598,646.11 27 ", _numbered(_RESERVES[:-2], 847))
    assert read is not None
    text, span = read
    assert text == ("๒ ถ่านหิน — ยอดผลิต ปี 2566: 14,124,564.54 เมตริกตัน · "
                    "ปริมาณสำรองแร่ใน พื้นที่ประทานบัตร ปี 2567: 482,598,646.11 เมตริกตัน · ระยะเวลา: 27 ปี")
    assert span == (849, 864)  # the caption and header, not the total row of the table before


def test_a_label_printed_above_the_figures_is_the_rows_label():
    text, _ = read_row("3,070,000.00 77,364,000.00 20 ", _numbered(_RESERVES, 847))
    assert text.startswith("๕ หินปูนเพื่ออุตสาหกรรม ซีเมนต์ — ยอดผลิต ปี 2566: 3,070,000.00 เมตริกตัน")


def test_years_under_a_unit_are_columns_in_that_unit():
    text, _ = read_row("๒. บอลเคลย์ 465,480.42 325,587.10 256,857.85 ", _numbered(_PRODUCTION, 796))
    assert text == ("๒. บอลเคลย์ — พ.ศ. 2564: 465,480.42 เมตริกตัน · พ.ศ. 2565: 325,587.10 เมตริกตัน · "
                    "พ.ศ. 2566: 256,857.85 เมตริกตัน")


def test_a_row_that_does_not_line_up_or_has_no_header_is_not_read():
    assert read_row("๒. บอลเคลย์ 465,480.42 325,587.10", _numbered(_PRODUCTION, 796)) is None
    assert read_row("๒ ถ่านหิน 14,124,564.54 482,598,646.11 27", _numbered(_RESERVES[9:-2], 856)) is None  # header cut off
    assert read_row("2 2", _numbered(["ข้อความย่อหน้าที่ยาวกว่าแปดสิบตัวอักษรซึ่งไม่ใช่หัวตารางแต่เป็นเนื้อความของเอกสารทั่วไป จำนวนมาก", ""], 1)) is None


# The sample's electricity table (lines 723-738): a source note ending the table before, column names over a line
# of units alone, two units each, and a row label wrapped inside its bracket (its first line holds `150`).
_ELECTRICITY = ["(ท่ีมา : การประปาส่วนภมูิภาคเขต๙ และกองศูนย์ข้อมูลและแผนเทคโนโลยสีารสนเทศ การประปาส่วนภูมภิาค) ", "", " ",
                "    ข้อมูลไฟฟ้า ", "", "จำนวนผู้ใช้ไฟฟ้า และการจำหน่ายพลังงานไฟฟ้าของการไฟฟ้าส่วนภูมิภาคจังหวัดลำปาง  ",
                "จำแนกตามประเภทผู้ใชไ้ฟฟ้า พ.ศ. ๒๕๖5 ", "", "ประเภทผู้ใช้ไฟ ", "จำนวนผู้ใช้ไฟ พลังงานไฟฟ้าที่จำหน่ายและใช้ ", "",
                "ราย ร้อยละ กิโลวัตต์ - ชั่วโมง ร้อยละ ", "บ้านอยู่อาศัย(น้อยกว่า 150 ", "กิโลวัตต์/ชม /เดือน) ", ""]


def test_a_line_of_units_names_a_column_per_unit_under_the_names_above_it():
    # Before: no header found (no unit in brackets), so the row stayed bare numbers.
    text, span = read_row("กิจการขนาดใหญ่ 31 0.010 297,591,983.73 28.978 ", _numbered(_ELECTRICITY[:12], 723))
    assert text == ("กิจการขนาดใหญ่ — จำนวนผู้ใช้ไฟ: 31 ราย · จำนวนผู้ใช้ไฟ: 0.010 ร้อยละ · "
                    "พลังงานไฟฟ้าที่จำหน่ายและใช้: 297,591,983.73 กิโลวัตต์-ชั่วโมง · พลังงานไฟฟ้าที่จำหน่ายและใช้: 28.978 ร้อยละ")
    assert span[1] == 734


def test_a_label_wrapped_inside_its_bracket_is_read_whole():
    text, _ = read_row("169,499 57.082 110,794,023.49 10.789 ", _numbered(_ELECTRICITY, 723))
    assert text.startswith("บ้านอยู่อาศัย(น้อยกว่า 150 กิโลวัตต์/ชม /เดือน) — จำนวนผู้ใช้ไฟ: 169,499 ราย")
