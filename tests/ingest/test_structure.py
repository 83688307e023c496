"""Heading detection on two numbering styles, and list items that must not become headings."""
from ingest.structure import build_sections, detect_headings
from ingest.thai_repair import repair_lines

# A second, differently formatted plan: บทที่ + Arabic decimals, ยุทธศาสตร์ที่/กลยุทธ์ที่, (๑) items.
SYNTHETIC = """แผนพัฒนาอุตสาหกรรมจังหวัดตัวอย่าง พ.ศ. 2568
บทที่ 1 บทนำ
1.1 ความเป็นมา
ข้อความความเป็นมาของแผน
1.2 วัตถุประสงค์
(๑) เพื่อพัฒนา
(๒) เพื่อส่งเสริม
บทที่ 2 ยุทธศาสตร์
2.1 ยุทธศาสตร์การพัฒนา
ยุทธศาสตร์ที่ 1 เพิ่มขีดความสามารถ
กลยุทธ์ที่ 1 ส่งเสริมนวัตกรรม
1) โครงการ ก งบ 1.5 ล้านบาท
กลยุทธ์ที่ 2 พัฒนาตลาด
ยุทธศาสตร์ที่ 2 อุตสาหกรรมสีเขียว
2.2 งบประมาณรวม
รวมทั้งสิ้น 10 ล้านบาท
1.1 ข้อนี้เป็นรายการในข้อความ ไม่ใช่หัวข้อ
""".split("\n")


def paths(lines):
    return {s.line_start: " › ".join(s.path) for s in build_sections(lines)}


def test_second_style_arabic_chapters_and_keywords():
    got = paths(SYNTHETIC)
    assert got[2] == "บทที่ 1 บทนำ"
    assert got[3] == "บทที่ 1 บทนำ › 1.1 ความเป็นมา"
    assert got[9] == "บทที่ 2 ยุทธศาสตร์ › 2.1 ยุทธศาสตร์การพัฒนา"
    assert got[11] == ("บทที่ 2 ยุทธศาสตร์ › 2.1 ยุทธศาสตร์การพัฒนา › ยุทธศาสตร์ที่ 1 เพิ่มขีดความสามารถ"
                       " › กลยุทธ์ที่ 1 ส่งเสริมนวัตกรรม")
    # A new strategic issue closes the previous one's strategies.
    assert got[14] == "บทที่ 2 ยุทธศาสตร์ › 2.1 ยุทธศาสตร์การพัฒนา › ยุทธศาสตร์ที่ 2 อุตสาหกรรมสีเขียว"
    assert got[15] == "บทที่ 2 ยุทธศาสตร์ › 2.2 งบประมาณรวม"
    # (๑) items and an out-of-sequence "1.1" inside chapter 2 are not headings.
    assert 6 not in got and 17 not in got


def test_sections_cover_every_line_once():
    sections = build_sections(SYNTHETIC)
    covered = [n for s in sections for n in range(s.line_start, s.line_end + 1)]
    assert covered == list(range(1, len(SYNTHETIC) + 1))


def test_sample_plan_thai_digit_outline(sample_lines):
    lines = repair_lines(sample_lines)
    headings = {h.line: h.label for h in detect_headings(lines)}
    by_start = paths(lines)
    # Thai-digit decimal headings with mixed digits (3.1.๓) are found...
    assert any(label.startswith("๓.๒.๓") for label in headings.values())
    assert any(label.startswith("3.1.๓") for label in headings.values())
    # ...a numbered list item (3.1 under ๒.๑, 3.62 in running text) is not.
    assert not any(label.startswith("3.62") for label in headings.values())
    list_item = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("3.1 สร้างประโยชน์"))
    assert list_item not in headings
    # Development directions and strategies nest under ๓.๒.๓.
    strategy = next(p for p in by_start.values() if p.endswith("กลยุทธ์ที่ ๑") and "ด้านที่ 2" in p)
    assert strategy.startswith("ส่วนที่ ๓") and "๓.๒.๓" in strategy


def test_project_briefs_become_sections_named_after_the_project(sample_lines):
    lines = repair_lines(sample_lines)
    briefs = [s for s in build_sections(lines) if len(s.path) == 3 and s.path[1].startswith("4.1")]
    assert len(briefs) >= 9
    assert all(s.path[2].startswith(("โครงการ", "การ")) for s in briefs)
