"""KPI tables read from the document model's real table cells: a real page range of a budget book
(FY2565 vol. 6, PDF pages 45–47), real cells of another book's table, and the stable contract rows."""
import sqlite3

import pytest

from ingest.facts import extract_facts
from ingest.facts_kpis import parse_kpi_tables, table_layout
from ingest.facts_read import fact_status, graph_nodes, kpi_rows
from ingest.facts_store import write_facts
from ingest.readers import read_document
from ingest.records import Table, TableCell
from ingest.structure import build_sections, detect_headings
from ingest.thai_repair import repair_document, repair_tables
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def book_pages():
    """The real PDF page range read as ingest reads it: lines, outline, tables (cells)."""
    source = read_document(FIXTURES / "budget-fy2565-vol6-p45-47.pdf")
    lines, report = repair_document(source.lines)
    source.tables = repair_tables(source.tables, report.plan)  # as ingest repairs the model's cells
    headings = detect_headings(lines, source.pages)
    sections = build_sections(lines, headings, source.pages)
    facts = extract_facts("vol6-p45-47", lines, headings, sections, source.tables)
    return source, lines, facts


def _table(rows: list[list[str]], header_rows: int = 2) -> Table:
    cells = [TableCell(r, c, text, header=r < header_rows) for r, row in enumerate(rows) for c, text in enumerate(row) if text]
    return Table(1, 1, 1, cells)


# FY2565 vol. 3(5), printed page 18: the cells as the PDF reader gives them (text cells shortened).
MHESI_P18 = [
    ["", "", "งบประมาณ", "", "ประมาณการรายจ่ายล่วงหน้า**", "", ""],
    ["ตัวชี้วัด/ แหล่งเงิน", "หน่วยนับ", "ปี 2564 แผน (ผล)*", "ปี 2565 แผน", "ปี 2566 แผน", "ปี 2567 แผน", "ปี 2568 แผน"],
    ["เชิงปริมาณ : แผนด้านวิทยาศาสตร์ วิจัย และนวัตกรรม", "แผนงาน", "1 ( 1 )", "1", "1", "1", "1"],
    ["ในการพัฒนาประเทศ", "", "", "", "", "", ""],
    ["เชิงปริมาณ : หน่วยงานในระบบวิทยาศาสตร์ วิจัย และนวัตกรรม", "หน่วยงาน", "165 ( - )", "171", "173", "175", "177"],
    ["เชิงคุณภาพ : ร้อยละของแผนด้านวิทยาศาสตร์ วิจัย และนวัตกรรม", "ร้อยละ", "95 ( 50 )", "95", "95", "95", "95"],
    ["รวมทังสิ ้ ้น", "ล้านบาท", "97.7983", "76.9473", "76.9473", "76.9473", "76.9473"],
    ["เงินงบประมาณ", "ล้านบาท", "97.7983", "76.9473", "76.9473", "76.9473", "76.9473"],
    ["- งบเงินอุดหนุน", "ล้านบาท", "97.7983", "76.9473", "76.9473", "76.9473", "76.9473"],
]


def test_real_pdf_pages_give_kpis_with_targets_per_year(book_pages):
    source, lines, facts = book_pages
    assert source.tables, "the PDF reader gives this page range's tables as cells"
    kpis = facts.table_kpis
    assert [k.unit for k in kpis] == ["จังหวัด", "แห่ง"]
    fire = kpis[0]
    assert "ไฟป่าและหมอกควัน" in fire.text
    assert [(t.fiscal_year, t.target) for t in fire.targets] == [(2564, "15"), (2565, "15"), (2566, "15"), (2567, "15")]
    assert fire.targets[0].result == "15"  # "15 ( 15 )": plan 15, result 15 (the ผล of the year under way)
    assert [(t.fiscal_year, t.target) for t in kpis[1].targets] == [(y, "6") for y in range(2564, 2569)]
    for k in kpis:  # each KPI found in the repaired lines: its span prints its text
        assert k.located
        span = "".join(lines[k.line_start - 1:k.line_end])
        assert k.text.split(":")[-1].split()[0][:6] in span


def test_kpi_contract_rows_one_per_kpi_and_year(book_pages, tmp_path):
    source, lines, facts = book_pages
    db_path = tmp_path / "facts.sqlite"
    write_facts(db_path, [(facts, lines, source.pages, "vol6", source.page_labels)])
    db = sqlite3.connect(str(db_path))
    db.row_factory = sqlite3.Row
    rows = kpi_rows(db)
    assert len(rows) == 4 + 5
    keys = {"doc_id", "page", "printed_page", "line_start", "line_end", "path", "name", "kpi", "unit",
            "fiscal_year", "target", "printed", "result", "group", "origin", "quote"}
    assert all(keys <= set(r) for r in rows)
    first = rows[0]
    assert (first["unit"], first["fiscal_year"], first["target"], first["printed"]) == ("จังหวัด", 2564, "15", "15 ( 15 )")
    assert first["page"] == 1 and first["origin"] == "table" and "ไฟป่า" in first["quote"]
    assert kpi_rows(db, "another-doc") == []
    assert fact_status(db)["vol6-p45-47"].startswith("0 projects, 3 budget lines, 2 KPIs")


def test_real_cells_wrapped_text_money_rows_and_results():
    kpis = parse_kpi_tables([_table(MHESI_P18)], ["x"], [])
    assert [k.unit for k in kpis] == ["แผนงาน", "หน่วยงาน", "ร้อยละ"]  # money rows (ล้านบาท, เงิน…, - งบ…) are not KPIs
    assert kpis[0].text.endswith("ในการพัฒนาประเทศ")  # the row without figures continues the one above
    assert [t.result for t in kpis[0].targets] == ["1", None, None, None, None]
    assert kpis[1].targets[0].result is None  # "( - )": no result printed
    assert [t.target for t in kpis[2].targets] == ["95"] * 5
    assert not kpis[0].located  # "x" prints none of it: the span falls back to the table's first line


def test_tables_that_are_not_kpi_tables_are_left_alone():
    # FY2565 vol. 6 p. 16: multi-year commitments by agency — year columns but no unit column.
    commitments = _table([["", "ปี 2565", "ปี 2566", "ปี 2567", "ปี 2568 - จบ", "เงินนอก งบประมาณ"],
                          ["หน่วยงาน", "", "", "", "", ""],
                          ["2. กรมทรัพยากรทางทะเลและชายฝั่ง", "712.3654", "398.9750", "369.5878", "-", "-"]], 1)
    assert table_layout(commitments) is None
    assert parse_kpi_tables([commitments], ["x"], []) == []


def test_document_without_tables_gives_an_empty_graph_and_says_so(tmp_path):
    lines = ["บันทึกการประชุม", "ที่ประชุมรับทราบความคืบหน้าของงาน", "ปิดประชุมเวลา 16.30 น."]
    facts = extract_facts("memo", lines, tables=None)
    assert not (facts.projects or facts.budget_items or facts.table_kpis or facts.nodes)
    assert "no recognisable" in facts.status and "empty" in facts.status
    db_path = tmp_path / "facts.sqlite"
    write_facts(db_path, [(facts, lines, [None] * 3, "memo", None)])
    db = sqlite3.connect(str(db_path))
    db.row_factory = sqlite3.Row
    assert kpi_rows(db) == [] and graph_nodes(db) == []
    assert "no recognisable" in fact_status(db)["memo"]


def test_docx_kpi_table_is_read_the_same_way(tmp_path):
    """A Word plan's KPI table (cells from the DOCX reader): the same reader, chosen by what the table shows."""
    import docx

    d = docx.Document()
    d.add_paragraph("ประเด็นการพัฒนาที่ 1 ส่งเสริมเศรษฐกิจสร้างสรรค์")
    table = d.add_table(rows=4, cols=4)
    for r, row in enumerate([["ตัวชี้วัด", "หน่วยนับ", "ปี 2567", "ปี 2568"],
                             ["1. จำนวนผู้ประกอบการที่ได้รับการพัฒนา", "ราย", "60", "80"],
                             ["2. ร้อยละของผลิตภัณฑ์ที่ได้รับมาตรฐาน", "ร้อยละ", "-", "70"],
                             ["งบประมาณ", "ล้านบาท", "2.5", "3.0"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.save(str(tmp_path / "plan.docx"))
    source = read_document(tmp_path / "plan.docx", tmp_path)
    lines, _ = repair_document(source.lines)
    facts = extract_facts("plan.docx", lines, tables=source.tables)
    got = [(k.text, k.unit, [(t.fiscal_year, t.target) for t in k.targets]) for k in facts.table_kpis]
    assert got == [("1. จำนวนผู้ประกอบการที่ได้รับการพัฒนา", "ราย", [(2567, "60"), (2568, "80")]),
                   ("2. ร้อยละของผลิตภัณฑ์ที่ได้รับมาตรฐาน", "ร้อยละ", [(2568, "70")])]
    assert all(k.located and "ผู้ประกอบการ" in lines[k.line_start - 1] for k in facts.table_kpis[:1])
