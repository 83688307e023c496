"""A label's body: where it ends in plain text, and read by position on its PDF page (assistant/outline.py)."""
import pytest

from assistant.outline import _next_sibling, left_heads
from ingest.records import LineBox
from tests.conftest import sample_excerpt

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


@pytest.fixture(scope="module")
def national_strategy(tmp_path_factory):
    # The sample's national-strategy aspects (`๑) ยุทธศาสตร์ชาติ ด้าน…`, `๒) …`), each with `(๑) เป้าหมาย`,
    # `(๒) ประเด็นยุทธศาสตร์` and `(๓) การบรรลุเป้าหมายตามยุทธศาสตร์ชาติ` under it.
    a = sample_excerpt(tmp_path_factory, "national-strategy", 50, 125)
    yield a
    a.close()


def test_a_numbered_labels_body_ends_at_the_next_number(national_strategy):
    # `(๑) เป้าหมาย` is followed by `(๒) ประเด็นยุทธศาสตร์`, which names no label. Before: the goal's body ran on
    # through the strategic issue and how the goals are met; and the aspect's name (`ยุทธศาสตร์`) was taken for
    # the label asked, answered with another section.
    answer = national_strategy.ask("ยุทธศาสตร์ชาติด้านการเติบโตที่เป็นมิตรกับสิ่งแวดล้อม มีเป้าหมายอะไร")
    assert answer.route == "section" and "อนุรักษ์และรักษาทรัพยากรธรรมชาติ" in answer.answer
    assert "ประเด็นยุทธศาสตร์" not in answer.answer and "3R" not in answer.answer


def test_a_label_asked_by_its_verb(national_strategy):
    # `การบรรลุเป้าหมายตามยุทธศาสตร์ชาติ` asked as `จะบรรลุเป้าหมาย…ด้วยวิธีการอะไร`. Before: refused.
    answer = national_strategy.ask("จะบรรลุเป้าหมายยุทธศาสตร์ชาติด้านการเติบโตที่เป็นมิตรกับสิ่งแวดล้อมด้วยวิธีการอะไร")
    assert answer.route == "section" and "3R" in answer.answer and "BCG" in answer.answer
    assert all(c.verified for c in answer.citations)


def test_a_list_numbered_like_its_label_is_its_body_not_its_siblings():
    # The lines as the sample and a budget book (กรมทรัพยากรธรณี, `2. พันธกิจ`) print them.
    goal = [(100, "(๑) เป้าหมาย"), (101, " 1.1 อนุรักษ์และรักษาทรัพยากรธรรมชาติ สิ่งแวดล้อม และวัฒนธรรม ให้คน"),
            (104, "(๒) ประเด็นยุทธศาสตร์")]
    assert _next_sibling(goal, 0, goal[0][1]) == 104
    missions = [(1, "2. พันธกิจ"), (2, "1. เสนอความเห็นเพื่อการกำหนดพื้นที่ และการจัดทำนโยบาย แผน มาตรการ"),
                (3, "2. เสนอให้มีปรับปรุง หรือแก้ไขกฎหมายในความรับผิดชอบ"), (4, "3. บูรณาการและสร้างความร่วมมือกับภาคีเครือข่าย")]
    assert _next_sibling(missions, 0, missions[0][1]) is None  # a list restarting at 1: the missions, not siblings
