"""Marks placed on the letter they are drawn on, from the character boxes of real book pages."""
from pathlib import Path

import pypdfium2 as pdfium

from ingest.pdf_marks import mark_order
from ingest.readers import read_document
from ingest.repair_choice import dictionary_share, repair_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BOOK_PAGES = FIXTURES / "budget-fy2565-vol6-p45-47.pdf"  # pages 45-47 of the FY2565 vol. 6 book


def _page(number: int):
    pdf = pdfium.PdfDocument(str(BOOK_PAGES))
    textpage = pdf[number - 1].get_textpage()
    return textpage, textpage.get_text_range()


def test_marks_move_onto_their_letters_and_made_up_spaces_go():
    textpage, raw = _page(1)
    lines = raw.splitlines()
    drawn = mark_order(textpage, raw)
    assert len(drawn.text.splitlines()) == len(lines)
    assert lines[1] == "7.4.2.1 วัตถประสงค ุ ์"  # the text layer writes ุ and ์ after a space
    assert drawn.text.splitlines()[1] == "7.4.2.1 วัตถุประสงค์"
    # Every kept character has a place; only spaces are dropped.
    dropped = [raw[i] for i, p in enumerate(drawn.pos) if p < 0]
    assert dropped and set(dropped) == {" "}
    assert sorted(p for p in drawn.pos if p >= 0) == list(range(len(drawn.text)))


def test_a_row_split_where_marks_sit_is_one_line_again():
    textpage, raw = _page(1)
    drawn = mark_order(textpage, raw).text.splitlines()
    # The text layer breaks `เริ่มต้น` into `เร` / `ิÉ` / `มต้น - ปี 2564 …` on one printed row.
    assert raw.splitlines()[11:14] == ["เร", "ิÉ", "มต้น - ปี 2564 ปี 2565 ปี 2566 ปี 2567 ปี 2568-จบ"]
    assert drawn[11:14] == ["เริÉมต้น - ปี 2564 ปี 2565 ปี 2566 ปี 2567 ปี 2568-จบ", "", ""]
    assert mark_order(textpage, raw).joined[11] == [13]  # line 12 held marks only


def test_joined_line_box_covers_the_whole_row():
    source = read_document(BOOK_PAGES)
    assert source.lines[11].startswith("เริ") and source.boxes[12] is None
    assert source.boxes[11].x1 - source.boxes[11].x0 > 200  # the row's years, not just `เร`


def test_objectives_read_whole_after_repair():
    """The text repair (font letters É Ê → tone marks) on top gives whole words."""
    recorded = (FIXTURES / "budget-fy2565-vol6-p45-47.lines.txt").read_text(encoding="utf-8").split("\n")
    source = read_document(BOOK_PAGES)
    repaired, _ = repair_document(source.lines)
    assert repaired[30] == " - เพื่อควบคุม ป้องกัน ลด และแก้ปัญหาหมอกควันและไฟป่าในพื้นที่จังหวัด"
    assert repaired[39].startswith(" - เพื่อลดฝุ่นละออง และลดผลกระทบต่อสุขภาพอนามัย")
    text_only, _ = repair_document(recorded)  # the text-only repair of the raw layer, for comparison
    assert text_only[30] == " - เพื่อควบค"
    # Dictionary words among the pages' Thai (measured: 0.961 text-only, 0.999 with the boxes).
    assert dictionary_share(repaired) > 0.99 > dictionary_share(text_only)
