"""Budget lines printed as numbered items (Budget Bureau books): real snippets, a real page range
checked against the community CSV by the fixed rule, and the sample plan left to its own readers."""
import csv

from eval.compare_reference import compare
from ingest.facts_budget_lines import fiscal_year, parse_budget_items
from ingest.pipeline import prepare_document
from ingest.readers import read_document
from ingest.records import Section
from plan_assistant.config import Settings
from tests.conftest import FIXTURES, SAMPLE

# FY2565 vol. 6, printed page 18 (repaired text as ingest stores it).
PAGE_18 = """รายละเอียดงบประมาณจำแนกตามงบรายจ่าย
รายการบุคลากรภาครัฐ 915,028,500 บาท
1. งบบุคลากร 885,995,900 บาท
1.1 เงินเดือนและค่าจ้างประจำ 749,613,200 บาท
1.1.1 เงินเดือน 730,199,700 บาท
1.1.2 ค่าจ้างประจำ 19,413,500 บาท
1.2 ค่าตอบแทนพนักงานราชการ 136,382,700 บาท
2. งบดำเนินงาน 29,032,600 บาท
2.1 ค่าตอบแทน ใช้สอยและวสัดุ 29,032,600 บาท
(1) ค่าเช่าบ้าน 22,272,700 บาท
(2) เงินตอบแทนพิเศษของข้าราชการผู้ได้รับเงินเดือนถึงขั้นสู
งของอันดับ 1,220,300 บาท
(3) เงินตอบแทนพิเศษของลูกจ้างประจำผู้ได้รับค่าจ้างขั้นสู
งของตำแหน่ง 83,000 บาท
(4) เงินตอบแทนพิเศษรายเดือนให้แก่เจ้าหน้าที่ผู้ปฏิบัติงานในพื้นที่

จังหวัดชายแดนภาคใต้ 546,000 บาท
(5) เงินสมทบกองทุนประกันสังคม 4,662,000 บาท
(6) เงินสมทบกองทุนเงินทดแทน 248,600 บาท""".split("\n")

# Printed page 152: a multi-year item with its instalments, then the next item.
PAGE_152 = """(7) ปรับปรุงซ่อมแซมอ่างเก็บน้ำห

วย้เสยวี ตำบลบ้านหินโงม
อำเภอสร้างคอมจังหวัดอุดรธานี 1 แห่ง 28,053,200 บาท
วงเงินทั้งสิ้
น 79,200,000 บาท
ปี 2563 ตั้งงบประมาณ 13,342,700 บาท
ปี 2564 ตั้งงบประมาณ 33,356,600 บาท
ปี 2565 ตั้งงบประมาณ 28,053,200 บาท
ปี 2566 ผูกพันงบประมาณ 4,447,500 บาท
1.1.1.3 ค่าปรับปรุงแหล่งน้ำ 1,456,020,800 บาท""".split("\n")

# FY2565 vol. 3, printed page 78: an item's count (`1 งาน`) begins the line that prints its amount.
PAGE_78 = """1.1 เงินอุดหนุนทั่วไป 92,100,000 บาท
1) ค่าใช้จ่ายในการพัฒนาแพลตฟอร์มการเฝ้าระวังสถานการณ์ของโรค
 อุบัติใหม่อุบัติซ้ำ หรือโรคติดต่ออันตราย แบบบูรณาการ ตำบลคลองหนึ่ง
 อำเภอคลองหลวง จังหวัดปทุมธานี 1 งาน 40,500,000 บาท
2) ค่าใช้จ่ายในการพัฒนาแพลตฟอร์มการเรียนการสอนออนไลน์สำหรับ
 นักเรียนพิการทุกประเภท ตำบลคลองหนึ่ง อำเภอคลองหลวง จังหวัดปทุมธานี
 1 งาน 51,600,000 บาท
1.2 เงินอุดหนุนเฉพาะกิจ 13,000,000 บาท""".split("\n")

# FY2565 vol. 6, printed page 188: the text layer breaks a name with runs of empty lines.
PAGE_188 = """(16) ค่าใช้จ่ายในการจัดหาแหล่งน้ำบาดาลระยะไกลเพื่อแก้ปัญหา
ในพื้นที่ขาดแคลนนํ้



าหรือน้ำเค็



 ม รูปแบบที่ 2
 บ้านอุบลสามัคคี หมู่ที่ 11,
บ้านไร่สมบูรณ์หมู่ที่ 10 ตำบลโนนสุวรรณ อำเภอโนนสุวรรณ
จังหวัดบุรีรัมย์ 1 แห่ง 37,937,300 บาท
188""".split("\n")

# Printed page 332: the whole amount is split by funding source, and early years print no amount,
# before the instalments.
PAGE_332 = """(10) การเพิ่มประสิทธิภาพระบบรวบรวมน้ำเสีย ระยะที่ 3



เทศบาลนครสงขลา จังหวัดสงขลา 1 แห่ง 7,342,700 บาท
วงเงินทั้งสิ้น 61,301,000 บาท

เงินนอกงบประมาณ 6,230,000 บาท
เงินงบประมาณ 55,071,000 บาท
ปี 2560 - 2562 ตั้งงบประมาณ - บาท
ปี 2563 ตั้งงบประมาณ - บาท
ปี 2564 ตั้งงบประมาณ 14,685,700 บาท
ปี 2565 ตั้งงบประมาณ 7,342,700 บาท
ปี 2566 ผูกพันงบประมาณ 33,042,600 บาท
(11) ค่าควบคุมงานการเพิ่มประสิทธิภาพระบบรวบรวมน้ำเสีย ระยะที่ 3""".split("\n")

BOOK_PAGES = FIXTURES / "budget-fy2565-vol6-p45-47.pdf"
CSV = FIXTURES / "budget-fy2565-vol6-p33-35.reference.csv"  # the community CSV's rows for those pages


def whole(lines: list[str]) -> list[Section]:
    return [Section(["หน่วยงาน", "แผนงาน"], None, 1, len(lines))]


def test_nested_items_give_leaves_totals_and_categories():
    items = parse_budget_items(PAGE_18, whole(PAGE_18))
    leaves = [(i.name, i.baht, i.category) for i in items if not i.is_total]
    totals = [i.baht for i in items if i.is_total]
    assert totals == [885_995_900, 749_613_200, 29_032_600, 29_032_600]
    assert leaves[:3] == [("เงินเดือน", 730_199_700, "งบบุคลากร"), ("ค่าจ้างประจำ", 19_413_500, "งบบุคลากร"),
                          ("ค่าตอบแทนพนักงานราชการ", 136_382_700, "งบบุคลากร")]
    assert [b for _, b, c in leaves[3:] if c == "งบดำเนินงาน"] == [22_272_700, 1_220_300, 83_000, 546_000,
                                                                   4_662_000, 248_600]
    wrapped = next(i for i in items if i.baht == 546_000)  # the name wraps over an empty line
    assert (wrapped.line_start, wrapped.line_end) == (15, 17) and wrapped.name.endswith("จังหวัดชายแดนภาคใต้")
    assert all(i.path == ["หน่วยงาน", "แผนงาน"] for i in items)


def test_instalments_are_the_leaves_of_a_multi_year_item():
    items = parse_budget_items(PAGE_152, whole(PAGE_152))
    item = items[0]
    assert item.baht == 28_053_200 and item.is_total
    instalments = [(i.fiscal_year, i.baht) for i in items if i.instalment]
    assert instalments == [(2563, 13_342_700), (2564, 33_356_600), (2565, 28_053_200), (2566, 4_447_500)]
    assert 79_200_000 not in [i.baht for i in items]  # the whole-amount line restates, it is no item
    assert items[-1].baht == 1_456_020_800


def test_a_count_that_starts_a_line_is_not_an_item():
    items = parse_budget_items(PAGE_78, whole(PAGE_78))
    second = next(i for i in items if i.baht == 51_600_000)
    assert second.name.startswith("ค่าใช้จ่ายในการพัฒนาแพลตฟอร์มการเรียนการสอนออนไลน์สำหรับ")
    assert second.name.endswith("จังหวัดปทุมธานี 1 งาน") and (second.line_start, second.line_end) == (5, 7)
    assert [i.baht for i in items] == [92_100_000, 40_500_000, 51_600_000, 13_000_000]


def test_empty_lines_inside_a_name_do_not_end_it():
    items = parse_budget_items(PAGE_188, whole(PAGE_188))
    assert [(i.baht, i.line_start, i.line_end) for i in items] == [(37_937_300, 1, 13)]
    assert "โนนสุวรรณ" in items[0].name and items[0].name.startswith("ค่าใช้จ่ายในการจัดหาแหล่งน้ำบาดาลระยะไกล")


def test_instalments_follow_the_funding_split_and_years_without_amount():
    items = parse_budget_items(PAGE_332, whole(PAGE_332))
    assert items[0].baht == 7_342_700 and items[0].is_total
    assert [(i.fiscal_year, i.baht) for i in items[1:]] == [(2564, 14_685_700), (2565, 7_342_700), (2566, 33_042_600)]
    assert all(i.instalment and i.name == items[0].name for i in items[1:])


def test_real_page_range_matches_the_reference_csv():
    doc = prepare_document(read_document(BOOK_PAGES), Settings())
    labels = doc.source.page_labels
    extracted = [{"printed_page": labels[doc.source.pages[b.line_start - 1]], "baht": b.baht, "is_total": b.is_total}
                 for b in doc.facts.budget_items]
    texts: dict[str, list[str]] = {}
    for line, page in zip(doc.lines, doc.source.pages):
        texts.setdefault(labels[page], []).append(line)
    with CSV.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["REF_PAGE_NO"] in texts]
    result = compare(extracted, rows, {k: "\n".join(v) for k, v in texts.items()})
    assert (result.denominator, result.matched, result.recall, result.precision) == (2, 2, 1.0, 1.0)


def test_the_action_plan_keeps_its_own_readers():
    """Numbered lines with baht in the sample are its briefs' fields: the brief reader owns them."""
    doc = prepare_document(read_document(SAMPLE), Settings())
    assert doc.facts.budget_items == [] and len(doc.facts.projects) == 15


def test_fiscal_year_is_the_one_the_document_is_about():
    assert fiscal_year(["เอกสารงบประมาณ ฉบับที่ ๓", "งบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
                        "ปีงบประมาณ 2565", "เทียบกับปีงบประมาณ 2564"]) == 2565
