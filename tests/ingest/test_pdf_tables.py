"""PDF tables as cells, from the characters' boxes (ingest.pdf_tables), on pages 45-47 of the
FY2565 vol. 6 budget book: each page has an activity table (งบรายจ่าย by category) and a KPI /
funding table with year columns 2564-2568, whose text layer prints the figures out of order."""
from pathlib import Path

import pytest

from ingest.document import build_model
from ingest.pdf_tables import read_pdf_tables
from ingest.readers import read_document, read_pdf
from ingest.records import DocumentModel, Table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BOOK_PAGES = FIXTURES / "budget-fy2565-vol6-p45-47.pdf"  # PDF pages 45-47 = printed pages 33-35


@pytest.fixture(scope="module")
def source():
    return read_document(BOOK_PAGES)


def grid(table: Table) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): c.text for c in table.cells}


def year_col(table: Table, year: str) -> int:
    """The column whose header cell names `year`."""
    cols = [c.col for c in table.cells if c.header and year in c.text]
    assert len(cols) == 1, (year, [c.text for c in table.cells if c.header])
    return cols[0]


def value(table: Table, label_start: str, year: str) -> str:
    g = grid(table)
    rows = [r for (r, c), text in g.items() if c == 0 and text.startswith(label_start)]
    assert rows, label_start
    return g.get((rows[0], year_col(table, year)), "")


def kpi_table(tables: list[Table], page: int) -> Table:
    found = [t for t in tables if t.page == page and any(c.header and "2565" in c.text for c in t.cells)]
    assert len(found) == 1
    return found[0]


def test_lines_unchanged(source):
    """Tables come on top of the lines: read_document's lines (hence line numbers) are unchanged."""
    recorded = (FIXTURES / "budget-fy2565-vol6-p45-47.lines.txt").read_text(encoding="utf-8").split("\n")
    assert len(source.lines) == len(recorded)
    assert source.pages == [1] * 64 + [2] * 7 + [3] * 90


def test_tables_found(source):
    tables = source.tables
    assert [(t.page, t.n_rows, t.n_cols) for t in tables] == [(1, 4, 6), (1, 10, 7), (3, 4, 6), (3, 10, 7)]
    for t in tables:
        assert 1 <= t.line_start <= t.line_end <= len(source.lines)
        assert all(source.pages[n - 1] == t.page for n in (t.line_start, t.line_end))
        positions = [(c.row, c.col) for c in t.cells]
        assert len(positions) == len(set(positions))  # each position given once


def test_year_header_cells(source):
    for page in (1, 3):
        table = kpi_table(source.tables, page)
        header = [c for c in table.cells if c.header]
        years = {y: year_col(table, y) for y in ("2564", "2565", "2566", "2567", "2568")}
        assert list(years.values()) == [2, 3, 4, 5, 6]  # after the row label and the unit column
        assert all(c.row <= 1 for c in header)
        # The group headers span their year columns: งบประมาณ over 2564-2565,
        # the forward estimates (ประมาณการรายจ่ายล่วงหน้า) over 2566-2568.
        spans = {c.text[:8]: (c.col, c.colspan) for c in header if c.colspan > 1}
        assert spans == {"งบประมาณ": (2, 2), "ประมาณกา": (4, 3)}
        g = grid(table)
        assert g[(0, 1)] == "หน่วยนับ" and g[(1, 3)] == "ปี 2565 แผน"
        # The row-label and unit titles stand beside both header rows: they span them.
        assert [(c.col, c.rowspan) for c in header if c.row == 0 and c.col < 2] == [(0, 2), (1, 2)]
        activity = next(t for t in source.tables if t.page == page and t is not table)
        assert [(c.row, c.col, c.rowspan) for c in activity.cells if c.header and c.col == 0] == [(0, 0, 2)]


def test_known_cells(source):
    """Figures where the page prints them (the text layer gives `ล้านบาท 7.3779 16.9300 …`)."""
    p45 = kpi_table(source.tables, 1)
    assert value(p45, "รวมท", "2564") == "16.9300"
    assert value(p45, "รวมท", "2565") == "7.3779"
    assert value(p45, "รวมท", "2567") == "7.3779"
    assert value(p45, "รวมท", "2568") == "-"
    assert value(p45, "เงินนอก", "2566") == "-"
    assert value(p45, "เชิงปร", "2564") == "15 ( 15 )"  # planned 15, result (15) printed below it
    assert grid(p45)[(2, 1)] == "จังหวัด"
    p47 = kpi_table(source.tables, 3)
    assert value(p47, "รวมท", "2564") == "12.5000"
    assert value(p47, "รวมท", "2568") == "8.0000"
    assert value(p47, "- งบรายจ่าย", "2566") == "8.0000"
    assert value(p47, "- งบลงทุน", "2566") == "-"
    activity = next(t for t in source.tables if t.page == 1 and t is not p45)
    g = grid(activity)
    assert g[(0, 1)] == "งบรายจ่าย" and [(c.col, c.colspan) for c in activity.cells if c.row == 0] == [(0, 1), (1, 5)]
    assert g[(1, 5)] == "รวม" and g[(2, 5)] == "7.3779" and g[(3, 1)] == "-"
    # The label, with the ญ that its box puts lower than the line.
    assert g[(3, 0)] == "1. แก้ไขปัญหาไฟป่าและหมอกควัน"


def test_line_span_holds_the_figures(source):
    p45 = kpi_table(source.tables, 1)
    span = source.lines[p45.line_start - 1 : p45.line_end]
    assert any("16.9300" in line for line in span) and any("ปี 2565" in line for line in span)


def test_tables_reach_the_document_model(source):
    model = build_model(source, list(source.lines), [])
    assert len(model.tables) == 4
    again = DocumentModel.from_dict(model.to_dict())
    assert [t.to_dict() for t in again.tables] == [t.to_dict() for t in source.tables]


def test_read_pdf_tables_direct_matches_reader():
    lines, pages = read_pdf(BOOK_PAGES)
    assert [t.to_dict() for t in read_pdf_tables(BOOK_PAGES, lines, pages)] == [
        t.to_dict() for t in read_document(BOOK_PAGES).tables
    ]


def test_no_tables_in_prose(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    for line in ["Action plan 2024", "Budget 1.5 million for 3 projects", "Page two text"]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "plan.pdf"
    pdf.output(str(path))
    assert read_document(path).tables is None


LINKAGE_PAGES = FIXTURES / "budget-fy2565-vol6-p1-15-16.pdf"  # the cover, and the ministry's linkage table (pp. 15-16)


def test_a_ruled_grid_of_text_cells_is_read_as_a_table():
    # Before: no table (one figure column, no row of two figures); the text layer prints it cell by cell.
    tables = read_document(LINKAGE_PAGES).tables or []
    grids = [t for t in tables if t.page in (2, 3)]
    assert [(t.page, t.n_rows, t.n_cols) for t in grids] == [(2, 12, 6), (3, 6, 6)]
    first, second = grids
    header = [c.text.split("\n")[0] for c in first.cells if c.header]
    assert header[1] == "แผนแม่บท" and header[4] == "แผนงาน" and header[5] == "งบประมาณ"
    g = grid(second)
    assert "รัฐบาลดิจิทัล" in g[(5, 4)] and g[(5, 5)] == "7.2650" and "ปรับสมดุลและพัฒนา" in g[(5, 0)]
    assert (1, 0) not in g  # carried over from the page before: the group's national strategy is printed there
    # a cell printed once for a group of rows spans them (no rule between the rows of one group)
    spans = {(c.row, c.col): c.rowspan for c in first.cells}
    assert spans[(1, 0)] == 4 and spans[(7, 1)] == 5 and spans[(7, 4)] == 1
    # a figure starts a row: each แผนงาน of the group is a row of its own with its amount
    assert [g2 for g2 in (grid(first).get((r, 5)) for r in range(7, 12))] == [
        "3,266.4796", "293.0880", "164.6802", "159.8312", "73.1816"]
