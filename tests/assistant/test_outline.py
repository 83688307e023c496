"""Reading a label's body by position on its PDF page (assistant/outline.py)."""
from assistant.outline import left_heads
from ingest.records import LineBox

# FY2565 vol. 6, PDF page 365 as ingest stores it (line numbers of the whole book, boxes in points): the label
# `7.8.1.1 วัตถุประสงค์`, the next label, and the body lines between them, one of which (` 3 จังหวัดของเขตพัฒนาพิเศษ`,
# in the middle of a row) the outline reads as a numbered heading.
_BOXES = {17634: LineBox(365, 94.4, 113.1, 163.3, 125.4), 17635: LineBox(365, 94.4, 182.0, 179.0, 194.0),
          17690: LineBox(365, 130.0, 128.4, 347.0, 140.0), 17692: LineBox(365, 347.2, 132.0, 439.0, 144.0),
          17693: LineBox(365, 130.0, 146.0, 427.0, 158.0)}


def test_a_numbered_line_printed_mid_row_does_not_end_a_labels_body():
    boxes = [None] * 17700
    for n, box in _BOXES.items():
        boxes[n - 1] = box
    heads = frozenset({17634, 17635, 17692})
    # Before: every heading line counted, so the body ended at 17692 (y 132), above most of the objective.
    assert left_heads(heads, boxes, _BOXES[17634]) == {17634, 17635}
