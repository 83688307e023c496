"""Year tables printed as text: rows found under their header, columns lined up with the header's labels."""
from assistant.route import analyse
from assistant.year_rows import YearTable, _column, _value


def _table() -> YearTable:
    # The sample plan's population table as stored (lines 528-531).
    t = YearTable("d", (528, "ปี ชาย (คน) หญิง (คน) รวม (คน) ลดลงจากปีที่ผ่านมา (-) "), [])
    t.rows = {2565: (530, "2565 352,617  371,593 724,210 -3,052 คน "), 2563: (532, "2563 359,137 376,889 736,026 - 2,290 คน ")}
    return t


def test_the_column_asked_else_the_total_column():
    t = _table()
    assert t.labels() == ["ชาย (คน)", "หญิง (คน)", "รวม (คน)", "ลดลงจากปีที่ผ่านมา (-)"]
    assert _column(analyse("ประชากรหญิงปี 2565 มีกี่คน"), t, t.rows[2565][1]) == 1
    assert _column(analyse("ประชากรปี 2565 มีกี่คน"), t, t.rows[2565][1]) == 2
    assert _value(t.rows[2563][1], 3) == ("- 2,290", -2290)


def test_a_row_that_does_not_line_up_with_its_header_gets_no_column():
    t = _table()
    assert _column(analyse("ประชากรปี 2565 มีกี่คน"), t, "2565 352,617 371,593") is None
