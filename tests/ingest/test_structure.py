"""Heading detection on three numbering styles (the sample's Thai decimals, budget books' แผนงาน /
ผลผลิต / โครงการที่ N under agencies, Arabic `7.2.1` outlines), and what must not become a heading:
list items, table rows, contents entries, running headers."""
from pathlib import Path

from ingest.structure import RANK_AGENCY, RANK_BRIEF, RANK_DIRECTION, RANK_MINISTRY, build_sections, detect_headings
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


# --- Budget Bureau books (../shared/corpus-extra), real excerpts -------------------------------
# The fixtures are lines of the FY2565 budget books as the ingest gives them to this module
# (pypdfium2 text layer, then repair, damage left in place), cut at page boundaries:
# - budget_book_unit_mhesi.txt: vol. 3(5) table of contents (start) + pages 10-20, the whole of
#   the first unit; its text layer gives a page's tables before the headings printed above them;
# - budget_book_projects_mhesi.txt: the contents entries of the second unit, its first page,
#   page 29 (7. / 7.1) and pages 33-38 (7.3 แผนงาน… with โครงการที่ 1-3 and their 7.3.N.M parts);
# - budget_book_ministry_env.txt: vol. 6 cover + contents (start), the ministry's overview page,
#   and the first pages of two units (one unit name damaged: `กรัม…` for `กรม…`).
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture_lines(name):
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def line_of(lines, prefix, after=0):
    """1-based number of the first line (after line `after`) that starts with `prefix`."""
    return next(n for n, line in enumerate(lines, 1) if n > after and line.strip().startswith(prefix))


def test_budget_book_unit_outline_agency_then_numbered_sections():
    lines = fixture_lines("budget_book_unit_mhesi.txt")
    sections = build_sections(lines)
    by_start = {s.line_start: s.path for s in sections}
    ministry = "กระทรวงการอดมุศึกษา วิทยาศาสตร์วิจัยและนวัตกรรม"
    unit = "สำนักงานคณะกรรมการส่งเสริมวิทยาศาสตร์ วิจัยและนวัตกรรม"
    # The table of contents (lines 1-29) holds no heading, though it lists every one.
    assert sections[0].path == [] and sections[0].line_end >= 29
    # The unit's section starts at the top of its first page, above the vision and missions
    # that the text layer gives before the ministry/unit lines printed at the top.
    page_top = line_of(lines, "งบประมาณรายจ่าย บาท บาท")
    assert by_start[page_top] == [ministry, unit]
    assert page_top < line_of(lines, "1. วิสัยทัศน์") < line_of(lines, "กระทรวงการอดมุศึกษา")
    # Its outline is the eight numbered parts, in order; the missions `1. จัดทำนโยบาย…`, budget
    # lines `1. งบเงินอุดหนุน …` and table rows `1. แผนงานบุคลากรภาครัฐ - - - 123.6669` are not.
    top = [p[2].split()[0] for p in by_start.values() if len(p) == 3]
    assert top == ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."]
    headings = {h.line for h in detect_headings(lines)}
    for item in ("1. จัดทำนโยบาย", "1. งบเงินอุดหนุน", "1. แผนงานบุคลากรภาครัฐ", "ผลผลิตที 1", "2. แผนงานพื้นฐาน"):
        assert line_of(lines, item) not in headings, item
    # แผนงาน → ผลผลิต, Arabic decimals 7.2 → 7.2.1 → 7.2.1.1; labels without the amount column.
    paths = [" › ".join(p) for p in by_start.values()]
    assert any(p.endswith("7. รายละเอียดงบประมาณจำแนกตามแผนงาน และ ผลผลิต/โครงการ › 7.1 แผนงานบุคลากรภาครัฐ")
               for p in paths)
    output = next(p for p in by_start.values() if p and p[-1].startswith("7.2.1 "))
    assert output[:2] == [ministry, unit] and output[3] == "7.2 แผนงานพื้นฐานด้านการสร้างความสามารถในการแข่งขัน"
    assert output[4].startswith("7.2.1 ผลผลิตที่ 1 : การจัดทาแผนยุทธศาสตร์ด้านวิทยาศาสตร์")
    assert any(p[:-1] == output and p[-1].startswith("7.2.1.2 เป้าหมายผลผลิต") for p in by_start.values())


def test_headings_given_after_their_page_body_start_at_the_top_of_the_page():
    lines = fixture_lines("budget_book_unit_mhesi.txt")
    sections = build_sections(lines)
    # Page 18 comes out as: (page 17's number "7") "บาท", …, 7.2.1.1, 7.2.1.2, …, 7.2 แผนงาน…,
    # 7.2.1 ผลผลิตที่ 1 … — its headings last. 7.2 starts at the top of the page, its sub-headings
    # follow it in their own order, and every line stays in exactly one section.
    page_top = line_of(lines, "7", after=line_of(lines, "7.1 แผนงาน")) + 1
    starts = {s.path[-1].split()[0]: s.line_start for s in sections if s.path}
    assert starts["7.2"] == page_top < starts["7.2.1"] < starts["7.2.1.1"] < starts["7.2.1.2"]
    assert starts["7.2.1.1"] == line_of(lines, "7.2.1.1")
    covered = [n for s in sections for n in range(s.line_start, s.line_end + 1)]
    assert covered == list(range(1, len(lines) + 1))
    # Without the table of contents the same outline is found (the unit then starts at its lines).
    no_toc = [s.path[2:] for s in build_sections(lines[29:])]
    assert [p[0].split()[0] for p in no_toc if len(p) == 1][-6:] == ["3.", "4.", "5.", "6.", "7.", "8."]
    assert [p[-1].split()[0] for p in no_toc if len(p) > 1 and p[0].startswith("7.")] == [
        "7.1", "7.1.1", "7.2", "7.2.1", "7.2.1.1", "7.2.1.2"]


def test_budget_book_projects_under_their_plan_with_names_from_the_next_line():
    lines = fixture_lines("budget_book_projects_mhesi.txt")
    sections = build_sections(lines)
    plan = "7.3 แผนงานยุทธศาสตร์ การเกษตรสร้างมูลค่า"
    projects = [s.path for s in sections if len(s.path) == 5 and s.path[3] == plan]
    assert [p[1] for p in projects] == ["สำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ"] * 3
    assert [p[2].split()[0] for p in projects] == ["7."] * 3
    # `7.3.1 โครงการทีÉ` / ` 1 : โครงการส่งเสริม…` (number and name on the next line) is named.
    names = [p[4] for p in projects]
    assert [n.split()[0] for n in names] == ["7.3.1", "7.3.2", "7.3.3"]
    assert "โครงการส่งเสริมการผลิตเศรษฐกิจชีวภาพ (Bio Economy)" in names[0]
    assert "โครงการพัฒนาต่อยอดอุตสาหกรรมสร้างสรรค์" in names[1]
    # Each project's own parts nest under it, in order.
    parts = [s.path[5].split()[0] for s in sections if len(s.path) == 6 and s.path[4] == names[1]]
    assert parts == [f"7.3.2.{n}" for n in range(1, 7)]
    # The book numbers its projects, so an unnumbered `โครงการ : …` (a budget-detail page
    # header) is not a second heading for the same project.
    headings = {h.line for h in detect_headings(lines)}
    assert line_of(lines, "โครงการ : โครงการส่งเสริม") not in headings


def test_budget_book_ministry_overview_and_damaged_unit_name():
    lines = fixture_lines("budget_book_ministry_env.txt")
    heads = detect_headings(lines)
    agencies = [(h.rank, h.label) for h in heads if h.rank < 0]
    ministry = "กระทรวงทรัพยากรธรรมชาติและสงแวดลิ É อ้ม"
    # The ministry line alone heads the ministry's overview; each unit nests under it, the one
    # whose name starts with a damaged word too (its ministry line confirms it).
    assert agencies == [(RANK_MINISTRY, ministry), (RANK_AGENCY, "กรมควบคุมมลพิษ"),
                        (RANK_AGENCY, "กรัมทรัพยากรทางทะเลและชายฝ Éง")]
    # Nothing on the cover (the ministry and `สำนักงบประมาณ` lines) or in the contents is a heading.
    assert min(h.line for h in heads) > line_of(lines, "สารบัญ") + 10
    paths = [s.path for s in build_sections(lines)]
    assert [ministry, "1. วิสัยทัศน์"] in paths and [ministry, "กรมควบคุมมลพิษ", "1. วิสัยทัศน์"] in paths
    # A unit starts at the top of its first page, found from the printed page numbers (41, 68).
    unit_start = next(h.line for h in heads if h.label == "กรมควบคุมมลพิษ")
    assert lines[unit_start - 1].startswith("งบประมาณรายจ่าย บาท บาท") and lines[unit_start - 3].strip() == "41"


def test_book_outline_takes_pages_when_given():
    lines = fixture_lines("budget_book_unit_mhesi.txt")
    no_toc = lines[30:]  # no contents: the unit's first page is known only from `pages`
    first_page = [11 if n < line_of(no_toc, "3. ผลสัมฤทธิ") else 12 for n in range(1, len(no_toc) + 1)]
    start = next(h.line for h in detect_headings(no_toc, pages=first_page) if h.rank == RANK_AGENCY)
    assert start == 1 and build_sections(no_toc, pages=first_page)[0].path[-1].startswith("สำนักงานคณะกรรมการ")
    assert next(h.line for h in detect_headings(no_toc) if h.rank == RANK_AGENCY) > 1


# --- Generic rules on small plans ----------------------------------------------------------------


def test_single_numbers_head_sections_without_parts_list_items_do_not():
    lines = """รายงานประจำปี สำนักงานตัวอย่าง
1. บทนำ
ความเป็นมาของหน่วยงาน
1.1 ความเป็นมา
ข้อความ
1.2 วัตถุประสงค์
1. เพื่อพัฒนาบุคลากร
2. เพื่อส่งเสริมการลงทุน
3. เพื่อเพิ่มรายได้
2. ผลการดำเนินงาน
2.1 ด้านเศรษฐกิจ
1. งบเงินอุดหนุน 38,733,000 บาท
1.1 เงินอุดหนุนทั่วไป 38,733,000 บาท
3. ข้อเสนอแนะ
ข้อความ""".split("\n")
    got = paths(lines)
    assert got[2] == "1. บทนำ" and got[4] == "1. บทนำ › 1.1 ความเป็นมา"
    assert got[10] == "2. ผลการดำเนินงาน" and got[11] == "2. ผลการดำเนินงาน › 2.1 ด้านเศรษฐกิจ"
    assert got[14] == "3. ข้อเสนอแนะ"
    assert not {7, 8, 9, 12, 13} & set(got)  # list items and budget lines


def test_unnumbered_budget_levels_agency_labels_and_running_headers():
    header = "ส่วนที่ 2 แผนปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2568"  # printed at the top of every page
    body = ["ส่วนราชการ : กรมป่าไม้", "แผนงาน : แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน",
            "ผลผลิตที่ 1 : พื้นที่ป่าได้รับการคุ้มครอง", "ตัวชี้วัด : ร้อยละ 90",
            "กิจกรรมที่ 1 ลาดตระเวน", "โครงการที่ 2 : โครงการปลูกป่า", "ภาค 9 ตำบลวังทอง อำเภอวังทอง",
            "ผลผลิตที่ 1 : 2,500,000 3,000,000 - -"]
    lines = [header] + [line for n, item in enumerate(body, 1) for line in (item, "ข้อความ", f"- {n} -", header)][:-1]
    heads = detect_headings(lines)
    kinds = {h.label: h.kind for h in heads}
    assert kinds == {"กรมป่าไม้": "agency",
                     "แผนงาน : แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน": "program",
                     "ผลผลิตที่ 1 : พื้นที่ป่าได้รับการคุ้มครอง": "output",
                     "โครงการที่ 2 : โครงการปลูกป่า": "output"}
    by_start = paths(lines)
    assert by_start[line_of(lines, "ผลผลิตที่ 1 : พื้นที่")] == (
        "กรมป่าไม้ › แผนงาน : แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน › ผลผลิตที่ 1 : พื้นที่ป่าได้รับการคุ้มครอง")
    # The page header repeated on every page (`ส่วนที่ 2 …`) is not a part heading, nor is
    # `ภาค 9 ตำบล…` (a regional office), `กิจกรรมที่ 1` (an item) or a numbered table row.
    assert all(h.kind != "part" for h in heads)


def test_ranks_of_plan_levels_keep_their_order():
    assert RANK_AGENCY < 0 < RANK_DIRECTION < RANK_BRIEF


def test_structure_module_keeps_no_thai_words_of_its_own():
    """Its words come from the vocabulary profile: no Thai string literal outside docstrings."""
    import ast
    import re

    import ingest.structure as structure

    tree = ast.parse(Path(structure.__file__).read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    thai = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and re.search("[\u0E01-\u0E2E]", node.value)]
    assert thai == []


def test_agency_blocks_hold_when_repair_empties_the_broken_off_tails():
    # Once repair moves a mark back across the line break, its line is left empty
    # (`…สิ่งแวดล` / `` / `อ้ม`); the blocks are the same, and the ministry's name alone on the
    # back cover heads nothing.
    lines = ["" if line == "É" else line for line in fixture_lines("budget_book_ministry_env.txt")]
    lines += ["", "กระทรวงทรัพยากรธรรมชาติและสงแวดลิอ้ม", "สำนักงบประมาณ"]
    agencies = [h.label for h in detect_headings(lines) if h.rank < 0]
    assert agencies == ["กระทรวงทรัพยากรธรรมชาติและสงแวดลิอ้ม", "กรมควบคุมมลพิษ", "กรัมทรัพยากรทางทะเลและชายฝ Éง"]


def test_a_name_wrapped_to_the_foot_of_its_page_ends_at_the_page_number():
    # vol3 p.133–134 as stored: the heading's name is the last line of its page; `123` is the page number
    # and the next page's detail line is not part of the name.
    from ingest.structure import _with_name

    lines = ["7.2.2 ผลผลิตที่ 2 :", "", "การบริการเทคโนโลยีนิวเคลียร์", "123",
             "รายละเอียดงบประมาณจำแนกตามงบรายจ่าย", "ผลผลิต : การบริการเทคโนโลยีนิวเคลียร์ 133,867,200 บาท"]
    name = _with_name(lines, 0, "ผลผลิตที่ 2 :")
    assert name.rstrip().endswith("การบริการเทคโนโลยีนิวเคลียร์") and "123" not in name


def test_a_brief_name_wrapped_over_three_lines_is_read_whole(sample_lines):
    # Before: two lines at most, so `(SME transformation to` lost `Digital firm)`.
    from ingest.structure import brief_name

    i = next(k for k, line in enumerate(sample_lines) if "ช่ือโครงการ" in line or "ชื่อโครงการ" in line
             if "SME transformation" in " ".join(sample_lines[k:k + 5]))
    assert brief_name(sample_lines, i).endswith("(SME transformation to Digital firm)")
