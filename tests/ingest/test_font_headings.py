"""Headings shown by font alone (ingest.font_headings), on real Budget Bureau pages."""
from pathlib import Path

import pytest

from ingest.font_headings import body_size, font_headings
from ingest.readers import read_document
from ingest.records import LineStyle
from ingest.structure import Heading, build_sections, detect_headings
from ingest.thai_repair import repair_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def detail_pages():
    """PDF pages 292–296 of the FY2565 vol. 6 book: a budget-detail page headed only by a larger
    bold font (`รายละเอียดงบประมาณจำแนกตามงบรายจ่าย` / the project's name), between numbered lines."""
    source = read_document(FIXTURES / "budget-fy2565-vol6-p292-296.pdf")
    lines, _ = repair_document(source.lines)
    return source, lines


def test_pdf_lines_carry_their_font(detail_pages):
    source, lines = detail_pages
    assert len(source.styles) == len(source.lines)
    title = next(n for n, line in enumerate(lines) if line.startswith("รายละเอียดงบประมาณจำแนกตามงบรายจ่าย"))
    assert source.styles[title].bold and source.styles[title].size > body_size(lines, source.styles)


def test_a_stretch_without_outline_gets_its_font_heading(detail_pages):
    source, lines = detail_pages
    plain = detect_headings(lines, source.pages, tables=source.tables)
    styled = detect_headings(lines, source.pages, source.styles, source.tables)
    fonts = [h for h in styled if h.kind == "font"]
    assert not any(h.kind == "font" for h in plain)
    assert len(fonts) == 1 and fonts[0].label.startswith(
        "รายละเอียดงบประมาณจำแนกตามงบรายจ่าย โครงการ : โครงการรักษาความมั่นคงของฐานทรัพย")
    # The wrapped title (a mark-only fragment line the repair emptied in between) is one heading,
    # the printed page numbers in the same large font are none, and the outline is kept.
    assert [h for h in styled if h.kind != "font"] == plain
    sections = build_sections(lines, styled, source.pages)
    assert any(s.path and s.path[-1] == fonts[0].label and s.line_start == fonts[0].line for s in sections)


def test_only_the_large_font_title_of_an_unoutlined_excerpt_is_a_font_heading():
    """PDF pages 45–47 of the same book cut out alone have no outline heading: the budget-detail
    title is their one font heading; bold budget lines and table headers in the body size are not."""
    source = read_document(FIXTURES / "budget-fy2565-vol6-p45-47.pdf")
    lines, _ = repair_document(source.lines)
    styled = detect_headings(lines, source.pages, source.styles, source.tables)
    assert [(h.kind, h.label.split(" ")[0]) for h in styled] == [("font", "รายละเอียดงบประมาณจำแนกตามงบรายจ่าย")]


def test_a_title_line_under_an_outline_heading_is_that_headings_own():
    big, body = LineStyle(16.0, True), LineStyle(12.0, False)
    text = "ข้อความในเนื้อหาของเอกสารที่ยาวกว่าหัวเรื่องทุกบรรทัด"
    lines = ["3. ผลสัมฤทธิ์", "และประโยชน์ที่คาดว่าจะได้รับ", text, text, text, "สรุปภาพรวมของงบประมาณ",
             text, text]
    styles = [big, big, body, body, body, big, body, body]
    pages = [1, 1, 2, 2, 3, 3, 4, 4]
    found = font_headings(lines, styles, pages, [Heading(1, 0, "3. ผลสัมฤทธิ์", "3", "decimal")])
    assert found == [(6, 1, "สรุปภาพรวมของงบประมาณ")]
    # Fewer than GAP_PAGES pages without a heading: nothing.
    assert font_headings(lines[:6], styles[:6], [1, 1, 1, 1, 2, 2], [Heading(1, 0, "3.", "3", "decimal")]) == []
