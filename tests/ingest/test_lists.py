"""Enumerated and nested lists (ingest.lists) on real text: the sample plan's SWOT and budget-book pages."""
from pathlib import Path

import pytest

from ingest.lists import detect_lists, parse_marker
from ingest.records import Section
from ingest.structure import build_sections, detect_headings
from ingest.thai_repair import repair_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# PDF pages 65-67 of the 432-page FY2565 vol. 6 budget book (printed 52-54), repaired text.
BUDGET_PAGES = FIXTURES / "budget-fy2565-vol6-p65-67.repaired.txt"


@pytest.fixture(scope="module")
def sample():
    """The sample plan as the pipeline sees it: repaired lines, their sections and lists."""
    raw = (Path(__file__).resolve().parents[2] / "corpus" / "lampang-industry-action-plan-2567.txt").read_text(
        encoding="utf-8").split("\n")
    lines, _ = repair_document(raw)
    sections = build_sections(lines, detect_headings(lines))
    return lines, sections, detect_lists(lines, sections)


def _line_of(lines: list[str], start: str, after: int = 0) -> int:
    """1-based number of the first line (from `after`) whose text starts with `start`."""
    return next(i + 1 for i in range(after, len(lines)) if lines[i].strip().startswith(start))


def _list_headed(lists, heading: str):
    return next(b for b in lists if b.heading and b.heading.startswith(heading))


def test_swot_strengths_are_one_list_with_their_wrapped_lines(sample):
    lines, _, lists = sample
    strengths = _list_headed(lists, "จุดแข็ง")
    assert strengths.heading_line == _line_of(lines, "จุดแข็ง (Strengths)")
    assert [it.marker for it in strengths.items] == [f"{n}." for n in range(1, 9)]
    assert all(it.depth == 0 and it.parent is None for it in strengths.items)
    first, last = strengths.items[0], strengths.items[-1]
    # Item 1 wraps over a blank line onto two more lines; all three are its span and its text.
    assert first.line_start == _line_of(lines, "1. ที่ตั้งเป็นพื้นที่เชิงยุทธศาสตร์")
    assert first.line_end == _line_of(lines, "ของภาคเหนือ", first.line_start)
    assert first.text.startswith("ที่ตั้งเป็นพื้นที่เชิงยุทธศาสตร์") and "ของภาคเหนือ" in first.text
    assert "\n" not in first.text
    # Item 8's second line is its own; the next line (จุดอ่อน) heads the next list.
    assert last.text.endswith("ที่สนับสนุนการพัฒนาจังหวัด")
    assert last.line_end == strengths.line_end == _line_of(lines, "จุดอ่อน (Weaknesses)") - 1
    # Items do not overlap and their spans run in order.
    for a, b in zip(strengths.items, strengths.items[1:]):
        assert a.line_end < b.line_start


def test_swot_lists_restart_at_one_under_each_heading(sample):
    lines, _, lists = sample
    weaknesses = _list_headed(lists, "จุดอ่อน")
    opportunities = _list_headed(lists, "โอกาส")
    threats = _list_headed(lists, "อุปสรรค")
    assert [len(b.items) for b in (weaknesses, opportunities, threats)] == [7, 8, 5]
    # The last weakness is one line: the indented paragraph after the blank line is not its text.
    outside = _line_of(lines, "การวิเคราะห์ปัจจัยภายนอก")
    assert weaknesses.items[-1].line_end < outside < opportunities.line_start
    assert "ปัจจัยภายนอก" not in weaknesses.items[-1].text


def test_thai_digit_markers_count_in_sequence(sample):
    lines, _, lists = sample
    start = _line_of(lines, "๑. ส่งเสริมและพัฒนาให้เป็นเมืองแห่งการท่องเที่ยว")
    block = next(b for b in lists if b.line_start == start)
    assert [it.marker for it in block.items] == ["๑.", "๒.", "๓.", "๔.", "๕."]
    assert block.items[1].line_end > block.items[1].line_start  # ๒. wraps onto the next line


def test_a_marker_the_text_layer_broke_at_its_dot_is_read(sample):
    # `2 .2 ว ิสาหก ิจ…` (spaces the PDF text put into the line): repaired to `2.2`, the sub-list of step 2 runs on to
    # 2.4. Before: the list ended at 2.1, and `2.3`, `2.4` were no items.
    lines, _, lists = sample
    start = _line_of(lines, "2. การพัฒนาผลิตภัณฑ์และบรรจุภัณฑ์ต้นแบบ")
    block = next(b for b in lists if b.line_start <= start <= b.line_end)
    step = next(i for i, it in enumerate(block.items) if it.line_start == start)
    assert [block.items[k].marker for k in block.children(step)] == ["2.1", "2.2", "2.3", "2.4"]


def test_headings_are_not_items(sample):
    lines, sections, lists = sample
    starts = {s.line_start for s in sections}
    items = [it for b in lists for it in b.items]
    assert not starts & {it.line_start for it in items}
    # `๒.๑ ยุทธศาสตร์ชาติ (แผนระดับที่ ๑)` heads a section; the `๑)` line under it is a list item.
    heading = _line_of(lines, "๒.๑ ยุทธศาสตร์ชาติ")
    assert heading in starts
    item = _line_of(lines, "๑) ยุทธศาสตร์ชาติ", heading)
    assert item in {it.line_start for it in items}
    assert heading not in {it.line_start for it in items}


def test_item_spans_are_exact_source_spans(sample):
    lines, _, lists = sample
    for block in lists:
        assert block.line_start == block.items[0].line_start <= block.line_end
        for it in block.items:
            assert parse_marker(lines[it.line_start - 1]) is not None  # an item starts at its marker
            assert it.text[:4] in lines[it.line_start - 1]  # its text starts on that line
            assert it.line_start <= it.line_end <= block.line_end


@pytest.fixture(scope="module")
def budget():
    lines = BUDGET_PAGES.read_text(encoding="utf-8").split("\n")
    pages = [65] * 48 + [66] * 49 + [67] * 50
    # In the book, these lines all sit in one section of the outline (7.2.1.2 of กรมควบคุมมลพิษ).
    sections = [Section(["7.2.1 ผลผลิตที่ 1 : สนับสนุนการบริหารจัดการมลพิษและสิ่งแวดล้อม",
                         "7.2.1.2 เป้าหมายผลผลิต งบประมาณ และกรอบงบประมาณรายจ่ายล่วงหน้า"], "7.2.1.2", 1, len(lines))]
    return lines, pages, detect_lists(lines, sections, pages)


def test_budget_lines_nest_by_marker_kind_with_their_amounts(budget):
    lines, _, lists = budget
    block = next(b for b in lists if b.heading and b.heading.startswith("ผลผลิต :"))
    assert block.heading.endswith("281,007,300 บาท")
    items = block.items
    top = [items[k] for k in block.children()]
    assert [(it.marker, it.text, it.amount) for it in top] == [
        ("1.", "งบดำเนินงาน 107,481,700 บาท", "107,481,700 บาท"),
        ("2.", "งบลงทุน 157,434,700 บาท", "157,434,700 บาท"),
        ("3.", "งบเงินอุดหนุน 2,280,600 บาท", "2,280,600 บาท"),
        ("4.", "งบรายจ่ายอื่น 13,810,300 บาท", "13,810,300 บาท"),
    ]
    first = block.children()[0]
    subs = block.children(first)
    assert [items[k].marker for k in subs] == ["1.1", "1.2"]
    lines_11 = [items[k] for k in block.children(subs[0])]
    assert [it.marker for it in lines_11] == [f"({n})" for n in range(1, 19)]
    assert all(it.depth == 2 and it.amount for it in lines_11)
    # The (1)…(18) lines of 1.1 add up to 1.1's amount.
    total = sum(int(it.amount.split()[0].replace(",", "")) for it in lines_11)
    assert f"{total:,} บาท" == items[subs[0]].amount == "87,698,000 บาท"
    # 4. งบรายจ่ายอื่น: its budget lines are `1) …` items right under it.
    last = block.children()[-1]
    assert [items[k].marker for k in block.children(last)] == ["1)", "2)", "3)", "4)", "5)"]


def test_budget_item_text_runs_to_its_amount(budget):
    lines, pages, lists = budget
    items = [it for b in lists for it in b.items]
    other = next(it for it in items if it.text.startswith("ค่าตอบแทนอื่นๆ"))
    assert (other.line_end - other.line_start, other.amount) == (1, "50,000 บาท")  # amount on the next line
    assert lines[other.line_end - 1].strip() == "50,000 บาท"
    # (19) wraps over blank lines and a line starting with `2.5` (not an item: out of sequence)
    # down to its amount; (20) follows it.
    dust = next(it for it in items if it.marker == "(19)")
    assert dust.text.startswith("เครื่องตรวจวัดฝุ่นละออง") and "2.5 ไมครอน" in dust.text
    assert dust.amount == "14,000,000 บาท" and lines[dust.line_end - 1].endswith("14,000,000 บาท")
    assert not any(it.line_start == dust.line_start + 3 for it in items)
    nxt = items[items.index(dust) + 1]
    assert nxt.marker == "(20)" and nxt.line_start == dust.line_end + 1
    # Pages: the item's own page; a list runs on across page breaks and their printed numbers.
    assert dust.page == pages[dust.line_start - 1] == 67
    assert {it.page for it in items} == {65, 66, 67}
    k14 = max(k for k, it in enumerate(items) if it.marker == "(14)")  # the air-quality stations
    between = lines[items[k14].line_end:items[k14 + 1].line_start - 1]
    assert [x.strip() for x in between] == ["54"] and items[k14 + 1].marker == "(15)"
    assert items[k14 + 1].parent == items[k14].parent


def test_numbered_sequence_must_be_consistent():
    lines = [
        "ปัจจัยความสำเร็จของการดำเนินงานตามแผนปฏิบัติการด้านการพัฒนาอุตสาหกรรมจังหวัดในปีที่ผ่านมา มีดังนี้",
        "1. มีแผนงานที่ชัดเจน",
        "2. มีงบประมาณเพียงพอ",
        "5. บุคลากรมีความรู้",  # out of sequence: text, not a third item
        "",
        "ผลการดำเนินงาน",
        "3.62 การประปา",  # a lone number in the middle of the text
    ]
    (block,) = detect_lists(lines, [])
    assert [(it.marker, it.line_start, it.line_end) for it in block.items] == [("1.", 2, 2), ("2.", 3, 3)]
    assert block.heading == lines[0] and block.heading_line == 1  # a long line, but it introduces the list


def test_letter_markers_and_bullets_from_the_vocabulary():
    lines = [
        "แนวทางการดำเนินงาน",
        "ก. พัฒนาบุคลากร",
        "• อบรมเชิงปฏิบัติการ",
        "• ศึกษาดูงาน",
        "ข. พัฒนาระบบข้อมูล",
        "ค. ติดตามประเมินผล",
    ]
    (block,) = detect_lists(lines, [])
    assert [(it.marker, it.depth, it.parent) for it in block.items] == [
        ("ก.", 0, None), ("•", 1, 0), ("•", 1, 0), ("ข.", 0, None), ("ค.", 0, None)]
    # A bullet followed by no words is a table cell, not an item.
    assert parse_marker(" - - - 7.3779 7.3779") is None
    assert parse_marker("22.20 23.05 - - -") is None  # a table row of figures


def test_an_item_alone_is_not_a_list():
    assert detect_lists(["หมายเหตุ", "1. ข้อมูล ณ วันที่ 30 กันยายน 2566", "ที่มา: สำนักงานสถิติจังหวัด"], []) == []


def test_a_wrapped_line_printing_two_figures_in_a_sentence_goes_on_with_its_item(sample):
    # `2.5 … เงินลงทุนรวม` / `811.10 ล้านบาท คนงานรวม 4,327 คน ได้แก่ …`: two figures, but words between them, not a
    # table's row of figures. Before: the item ended at its first line, its investment and workers lost.
    lines, _, lists = sample
    start = _line_of(lines, "2.5 อุตสาหกรรมแปรรูปไม้")
    item = next(it for b in lists for it in b.items if it.line_start == start)
    assert item.line_end >= start + 1 and "คนงานรวม 4,327 คน" in item.text
