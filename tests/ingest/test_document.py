"""The document model: PDF line boxes and printed page labels, DOCX table cells, save/load."""
import json
from pathlib import Path

from ingest.document import build_model, load_model, model_path, save_model
from ingest.readers import printed_page_labels, read_document, read_pdf
from ingest.records import DocumentModel, LineBox, Section

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BOOK_PAGES = FIXTURES / "budget-fy2565-vol6-p45-47.pdf"  # pages 45-47 of the 432-page FY2565 vol. 6 book


def test_pdf_lines_keep_the_text_layer_split():
    """Lines are the text layer's lines (same count and pages, so line numbers hold) with each
    mark on its letter: a page's characters are the text layer's, less the spaces pdfium made up."""
    recorded = (FIXTURES / "budget-fy2565-vol6-p45-47.lines.txt").read_text(encoding="utf-8").split("\n")
    source = read_document(BOOK_PAGES)
    assert len(source.lines) == len(recorded)
    assert source.pages == [1] * 64 + [2] * 7 + [3] * 90
    for page in (1, 2, 3):
        ours = [c for line, p in zip(source.lines, source.pages) if p == page for c in line if c != " "]
        theirs = [c for line, p in zip(recorded, source.pages) if p == page for c in line if c != " "]
        assert sorted(ours) == sorted(theirs)
    assert recorded[1] == "7.4.2.1 วัตถประสงค ุ ์" and source.lines[1] == "7.4.2.1 วัตถุประสงค์"
    lines, pages = read_pdf(BOOK_PAGES)  # still unpacks as two values for older callers
    assert lines == source.lines and pages == source.pages


def test_pdf_printed_page_labels_and_boxes():
    source = read_document(BOOK_PAGES)
    # The book prints its own page numbers 33-35 at the top of PDF pages 45-47 (index 1-3 here).
    assert source.page_labels == {1: "33", 2: "34", 3: "35"}
    assert source.page_sizes[1] == (595.2, 842.0)
    assert len(source.boxes) == len(source.lines)
    for line, box, page in zip(source.lines, source.boxes, source.pages):
        assert (box is None) == (not line.strip())
        if box is not None:
            assert box.page == page
            assert 0 <= box.x0 < box.x1 <= 595.3 and 0 <= box.y0 < box.y1 <= 842
    # The label line "33" (line 64) sits at the top right of its page (top-left origin).
    assert source.lines[63] == "33"
    label_box = source.boxes[63]
    assert label_box.y1 < 0.1 * 842 and label_box.x0 > 500
    # The first line ("บาท", a table's unit) is below the page number.
    assert source.boxes[0].y0 > label_box.y1


def test_printed_labels_reject_stray_numbers_and_follow_offset_changes():
    # Pages 1-2 print nothing; 3-8 print 1-6; page 5 also has a stray total "812" in the margin;
    # page 9 restarts at 1 (a new part) and 9-11 carry on from it; page 12 prints a lone "40".
    candidates = {3: [1], 4: [2], 5: [812, 3], 6: [4], 7: [5], 8: [6], 9: [1], 10: [2], 11: [3], 12: [40]}
    labels = printed_page_labels(candidates, n_pages=12)
    assert labels == {3: "1", 4: "2", 5: "3", 6: "4", 7: "5", 8: "6", 9: "1", 10: "2", 11: "3"}
    assert printed_page_labels({1: [7]}, n_pages=1) == {}  # one page: nothing to confirm it by


def test_pdf_footer_labels_with_dashes(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=12)
    for i in range(4):
        pdf.add_page()
        pdf.cell(0, 8, f"Body text of page {i + 1}", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, "2567", new_x="LMARGIN", new_y="NEXT")  # a number, but in the body
        pdf.set_y(-15)
        pdf.cell(0, 8, f"- {i + 10} -", align="C")
    pdf.output(str(tmp_path / "f.pdf"))
    source = read_document(tmp_path / "f.pdf")
    assert source.page_labels == {1: "10", 2: "11", 3: "12", 4: "13"}
    footer = source.lines.index("- 10 -")
    assert source.boxes[footer].y0 > 0.85 * source.page_sizes[1][1]


def _docx_with_merged_table(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("งบประมาณรายจ่าย")
    table = document.add_table(rows=4, cols=4)
    rows = [
        ["โครงการ", "ปี 2567", "ปี 2568", "หน่วยงาน"],
        ["ถนน", "1,000", "2,000", "ทางหลวง"],
        ["สะพาน", "3,000", "4,000", ""],
        ["รวม", "", "", ""],
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 3).merge(table.cell(2, 3))  # หน่วยงาน cell spans rows 1-2 (vMerge)
    table.cell(3, 1).merge(table.cell(3, 2)).text = "10,000"  # total across both years (gridSpan)
    document.add_paragraph("หมายเหตุ")
    document.save(str(path))


def test_docx_table_cells_with_merges(tmp_path):
    path = tmp_path / "budget.docx"
    _docx_with_merged_table(path)
    source = read_document(path)
    # Row lines are as before: cells joined with " | ", one line per row.
    assert source.lines == [
        "งบประมาณรายจ่าย",
        "โครงการ | ปี 2567 | ปี 2568 | หน่วยงาน",
        "ถนน | 1,000 | 2,000 | ทางหลวง",
        "สะพาน | 3,000 | 4,000 | ",
        "รวม | 10,000 | ",
        "หมายเหตุ",
    ]
    assert source.boxes is None and source.page_labels is None
    (table,) = source.tables
    assert (table.page, table.line_start, table.line_end) == (None, 2, 5)
    assert (table.n_rows, table.n_cols) == (4, 4)
    cells = {(c.row, c.col): c for c in table.cells}
    assert [cells[(0, c)].text for c in range(4)] == ["โครงการ", "ปี 2567", "ปี 2568", "หน่วยงาน"]
    assert all(c.header == (c.row == 0) for c in table.cells)
    agency = cells[(1, 3)]
    assert (agency.text, agency.rowspan, agency.colspan) == ("ทางหลวง", 2, 1)
    assert (2, 3) not in cells  # the continued part of the vertical merge is not repeated
    total = cells[(3, 1)]
    assert (total.text, total.rowspan, total.colspan) == ("10,000", 1, 2)
    assert cells[(3, 3)].col == 3 and (3, 2) not in cells
    assert len(table.cells) == 14


def test_model_round_trip_pdf(tmp_path):
    source = read_document(BOOK_PAGES)
    sections = [Section(["รายละเอียดงบประมาณ"], None, 1, 71), Section(["รายละเอียดงบประมาณ", "โครงการ"], "7.4", 72, 161)]
    lines = [ln.upper() for ln in source.lines]  # stands in for repaired lines
    model = build_model(source, lines, sections)
    assert [(p.number, p.label) for p in model.pages] == [(1, "33"), (2, "34"), (3, "35")]
    assert model.page_label(2) == "34" and model.page_label(9) is None
    assert model.lines == lines and model.line_pages == source.pages
    for suffix in (".json", ".json.gz"):
        path = save_model(model, tmp_path / f"m{suffix}")
        loaded = load_model(path)
        assert loaded.lines == model.lines and loaded.sections == sections and loaded.pages == model.pages
        for a, b in zip(model.line_boxes, loaded.line_boxes):
            assert (a is None) == (b is None)
            if a is not None:
                assert b.page == a.page and max(abs(x - y) for x, y in zip(a.as_list(), b.as_list())) == 0
        assert load_model(save_model(loaded, tmp_path / f"again{suffix}")) == loaded
    # Compact: boxes are 4 numbers rounded to 0.1; gzip is much smaller.
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    box = next(b for b in data["line_boxes"] if b)
    assert len(box) == 4 and all(round(v, 1) == v for v in box)
    assert (tmp_path / "m.json.gz").stat().st_size < (tmp_path / "m.json").stat().st_size / 3
    assert model_path(tmp_path, "a.pdf-1234abcd") == tmp_path / "a.pdf-1234abcd.json.gz"


def test_model_round_trip_docx_tables(tmp_path):
    path = tmp_path / "budget.docx"
    _docx_with_merged_table(path)
    source = read_document(path)
    model = build_model(source, source.lines, [])
    assert model.pages == [] and model.line_boxes == [None] * 6
    loaded = load_model(save_model(model, tmp_path / "d.json.gz"))
    assert loaded == model
    assert loaded.tables[0].cells == source.tables[0].cells


def test_model_rejects_mismatched_lines():
    source = read_document(BOOK_PAGES)
    try:
        build_model(source, source.lines[:-1], [])
    except ValueError as exc:
        assert "repaired lines" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_linebox_with_other_page_round_trips():
    model = DocumentModel("d", "t", [], ["a"], [1], [LineBox(2, 1.0, 2.0, 3.0, 4.0)], [], [])
    assert DocumentModel.from_dict(model.to_dict()) == model


def test_model_lists_round_trip_and_old_models_load(tmp_path):
    from ingest.records import ListBlock, SourceText

    lines = (FIXTURES / "budget-fy2565-vol6-p65-67.repaired.txt").read_text(encoding="utf-8").split("\n")
    pages = [65] * 48 + [66] * 49 + [67] * 50
    source = SourceText("book.pdf-1", "book", "book.pdf", "h", lines, pages)
    sections = [Section(["7.2.1 ผลผลิตที่ 1", "7.2.1.2 เป้าหมายผลผลิต"], "7.2.1.2", 1, len(lines))]
    model = build_model(source, lines, sections)
    # build_model finds the lists: the budget lines 1. → 1.1 → (1) … with their amounts.
    block = next(b for b in model.lists if len(b.items) > 50)
    assert isinstance(block, ListBlock) and block.section_path == sections[0].path
    first = block.items[0]
    assert (first.marker, first.amount, first.page) == ("1.", "107,481,700 บาท", 65)
    assert [block.items[k].marker for k in block.children(block.children(0)[0])][:3] == ["(1)", "(2)", "(3)"]
    for suffix in (".json", ".json.gz"):
        loaded = load_model(save_model(model, tmp_path / f"m{suffix}"))
        assert loaded.lists == model.lists and loaded == model
    # A model stored before lists existed has no "lists" key: it loads with none.
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert data["lists"][0]["items"][0][:6] == ["1.", 0, None, first.line_start, first.line_end, 65]
    del data["lists"]
    old = DocumentModel.from_dict(data)
    assert old.lists == [] and old.lines == model.lines and old.sections == model.sections
