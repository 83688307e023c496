"""Tables printed label column first, then each figure column one cell per line."""
from assistant.label_columns import answer, label_tables
from assistant.route import analyse

# The sample plan's road table as stored (lines 620-650, blank lines left out): a header, a caption above
# it, and two groups whose first row (the group line) is the total of its rows.
_ROADS = [
    "ระยะทางถนนของจังหวัดลำปาง จำแนกตามหน่วยงานที่รับผิดชอบและประเมินผิวจราจร ", "รายละเอียด กม. % ",
    "แขวงทางหลวงลำปางที่ ๑ จำนวน ๒๑ สายทาง  ", "- ผิวลาดยาง ", "- ผิวคอนกรีต ",
    "๔๗๕.๔๙๙ ", "๔๐๙.๘๔๔ ", "๖๕.๖๕๕ ", "100.00 ", "86.19 ", "13.81 ",
    "แขวงทางหลวงลำปางที่ ๒ จำนวน ๑๓ สายทาง  ", "- ผิวลาดยาง ", "- ผิวคอนกรีต ", "- ผิว CAPE SEAL  ", "- ผิว DST ",
    "๔๗๖.๕๘๗ ", "๔๔๐.๖๙๕ ", "๒๔.๖๕๙ ", "๔.๐๕๓ ", "๗.๑๘๐ ", "100.00 ", "92.47 ", "5.17 ", "0.85 ", "1.51 ",
]
# The administration table (lines 502-517): no group line; a remarks column of dashes and text after.
_ADMIN = ["การบริหารราชการในจังหวัดลำปาง แบ่งออกเป็น 4 ลักษณะ ", "ประเภท จำนวน (หน่วย) หมายเหตุ ",
          "- ราชการบริหารส่วนภูมิภาค ", "- ราชการบริหารส่วนกลาง ", "- ราชการบริหารส่วนท้องถิ่น ", "- หน่วยงานอิสระ ",
          "33 ", "70 ", "103 ", "25 ", "- ", "- ", "อบจ.1 แห่ง เทศบาล 43 แห่ง อบต. 59 แห่ง "]


def _tables(lines):
    return label_tables("d", [(i + 1, t, None) for i, t in enumerate(lines)])


def test_rows_line_up_with_each_columns_figures_and_a_total_group_line_is_a_row():
    first, second = _tables(_ROADS)
    assert first.names == ["กม.", "%"] and second.names == ["กม.", "%"]
    assert [(r[1], [c[1] for c in cells]) for r, cells in zip(first.rows, first.cells)] == [
        ("แขวงทางหลวงลำปางที่ ๑ จำนวน ๒๑ สายทาง", ["๔๗๕.๔๙๙", "100.00"]), ("ผิวลาดยาง", ["๔๐๙.๘๔๔", "86.19"]),
        ("ผิวคอนกรีต", ["๖๕.๖๕๕", "13.81"])]
    assert second.rows[3][1] == "ผิว CAPE SEAL" and [c[1] for c in second.cells[3]] == ["๔.๐๕๓", "0.85"]


def test_the_row_a_question_names_gets_its_figures_with_the_column_names():
    idf = {"ราชการ": 2.0, "บริหาร": 1.5, "ส่วน": 1.0, "ท้องถิ่น": 2.5, "หน่วย": 1.0, "ลำปาง": 0.5, "จังหวัด": 0.3}
    draft = answer(analyse("ราชการบริหารส่วนท้องถิ่นในจังหวัดลำปางมีกี่หน่วย"), _tables(_ADMIN), idf)
    assert draft is not None and draft.sentences[0].text == "ราชการบริหารส่วนท้องถิ่น — จำนวน (หน่วย): 103"
    idf = {"แขวง": 2.0, "ทางหลวง": 2.0, "ลำปาง": 0.5, "ผิว": 2.0, "คอนกรีต": 3.0, "กม": 1.0, "ที่": 0.1}
    roads = answer(analyse("แขวงทางหลวงลำปางที่ ๒ มีถนนผิวคอนกรีตกี่กิโลเมตร"), _tables(_ROADS), idf)
    assert roads is not None and "ผิวคอนกรีต — กม.: ๒๔.๖๕๙ · %: 5.17" in roads.sentences[0].text


def test_a_total_asked_is_the_total_row():
    lines = _ROADS + ["รวมระยะทางถนนของจังหวัด ", "- ผิวลาดยาง ", "- ผิวคอนกรีต ", "- ผิวอื่น ๆ ", "๙๕๑.๔๒๖ ", "๘๕๐.๕๓๙ ",
                      "๘๙.๗๑๔ ", "๑๑.๑๗๓ "]
    idf = {"จังหวัด": 0.3, "ลำปาง": 0.5, "ระยะทาง": 2.0, "ถนน": 1.5, "กิโลเมตร": 1.0}
    draft = answer(analyse("ถนนของจังหวัดลำปางรวมระยะทางกี่กิโลเมตร"), _tables(lines), idf)
    assert draft is not None and draft.sentences[0].text.startswith("รวมระยะทางถนนของจังหวัด — กม.: ๙๕๑.๔๒๖")


def test_two_figures_asked_are_not_answered_with_one_rows():
    idf = {"ราชการ": 2.0, "บริหาร": 1.5, "ส่วน": 1.0, "ท้องถิ่น": 2.5, "หน่วย": 1.0, "ลำปาง": 0.5, "จังหวัด": 0.3}
    assert answer(analyse("ราชการบริหารส่วนท้องถิ่นมีกี่หน่วย และมีเทศบาลกี่แห่ง"), _tables(_ADMIN), idf) is None


def test_a_group_line_stating_one_asked_figure_answers_two_with_its_cells():
    # `กี่สายทาง` is stated by the group line (`… จำนวน ๒๑ สายทาง`), `กี่กิโลเมตร` by its cell; the question's own
    # `ที่ 1` picks the group over the total row its `รวม` asks for. Before: left to passages, which gave ที่ ๒'s line.
    lines = _ROADS + ["รวมระยะทางถนนของจังหวัด ", "- ผิวลาดยาง ", "- ผิวคอนกรีต ", "- ผิวอื่น ๆ ", "๙๕๑.๔๒๖ ", "๘๕๐.๕๓๙ ",
                      "๘๙.๗๑๔ ", "๑๑.๑๗๓ "]
    idf = {"แขวง": 2.0, "ทางหลวง": 2.0, "ลำปาง": 0.5, "ถนน": 1.5, "สายทาง": 2.5, "ระยะทาง": 2.0, "กิโลเมตร": 1.0}
    draft = answer(analyse("แขวงทางหลวงลำปางที่ 1 รับผิดชอบถนนกี่สายทาง รวมระยะทางกี่กิโลเมตร"), _tables(lines), idf)
    assert draft is not None
    assert draft.sentences[0].text == "แขวงทางหลวงลำปางที่ ๑ จำนวน ๒๑ สายทาง — กม.: ๔๗๕.๔๙๙ · %: 100.00"


def test_several_groups_numbered_are_not_the_first_ones():
    # `ที่ 1, 2 และแขวงทางหลวงชนบท รวมระยะทาง…` asks for all of them: not group ๑'s row.
    lines = _ROADS + ["รวมระยะทางถนนของจังหวัด ", "- ผิวลาดยาง ", "- ผิวคอนกรีต ", "- ผิวอื่น ๆ ", "๙๕๑.๔๒๖ ", "๘๕๐.๕๓๙ ",
                      "๘๙.๗๑๔ ", "๑๑.๑๗๓ "]
    idf = {"แขวง": 2.0, "ทางหลวง": 2.0, "ลำปาง": 0.5, "ถนน": 1.5, "สายทาง": 2.5, "ระยะทาง": 2.0, "กิโลเมตร": 1.0}
    draft = answer(analyse("แขวงทางหลวงลำปางที่ 1, 2 และแขวงทางหลวงชนบท รวมระยะทางกี่กิโลเมตร กี่สายทาง"), _tables(lines), idf)
    assert draft is None or not draft.sentences[0].text.startswith("แขวงทางหลวงลำปางที่ ๑")


def test_a_total_word_typed_of_a_named_row_is_that_rows_figure():
    # `ระยะทางรวม` of `แขวงทางหลวงชนบทลำปาง`: the row the question names, not the table's total row, which holds
    # fewer of its words. Before: `รวมระยะทางถนนของจังหวัด` for any `รวม` typed. The sample's whole road table.
    from tests.conftest import SAMPLE

    lines = [t for t in SAMPLE.read_text(encoding="utf-8").split("\n")[600:700] if t.strip()]
    idf = {"ถนน": 1.5, "ความรับผิดชอบ": 2.0, "แขวง": 2.0, "ทางหลวง": 2.0, "ชนบท": 3.0, "ลำปาง": 0.5, "ระยะทาง": 2.0,
           "รวม": 1.0, "กิโลเมตร": 1.0}
    draft = answer(analyse("ถนนในความรับผิดชอบของแขวงทางหลวงชนบทลำปางมีระยะทางรวมกี่กิโลเมตร"), _tables(lines), idf)
    assert draft is not None and draft.sentences[0].text.startswith("แขวงทางหลวงชนบทลำปาง จำนวน ๓๔ สายทาง — กม.: ๕๙๕.๖๔๖")
    total = answer(analyse("ถนนของจังหวัดลำปางรวมระยะทางกี่กิโลเมตร"), _tables(lines), idf)
    assert total is not None and total.sentences[0].text.startswith("รวมระยะทางถนนของจังหวัด")
