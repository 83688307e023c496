"""Facts extraction against hand-checked fixtures: the sample plan and a differently formatted one."""

import pytest

from ingest.facts import extract_facts, name_similarity
from ingest.thai_repair import repair_lines, thai_digits_to_arabic
from tests.conftest import FIXTURES, SAMPLE

# Hand-checked against corpus/lampang-industry-action-plan-2567.txt (3.2.3 budget tables, 4.1 briefs).
# (name fragment, direction, strategy, source, {year: table amount in ล้านบาท}, (brief year, brief baht) | None)
SAMPLE_PROJECTS = [
    ("ต่อยอดภูมิปัญญาท้องถิ่น", 1, 1, "งบจังหวัด", {2567: "2.96"}, (2567, "2,962,925")),
    ("มาตรฐานผลิตภัณฑ์ ชุมชน (มผช.)", 1, 1, "งบกระทรวง/กรม", {2567: "0.17", 2568: "0.17"}, None),
    ("ยุคเศรษฐกิจสร้างสรรค์ (Creative Economy)", 1, 2, "งบกลุ่มจังหวัด", {2567: "8.14"}, (2567, "8,135,450")),
    ("ให้วิสาหกิจขนาดกลางและขนาดย่อมในการแข่งขัน", 1, 2, "งบกระทรวง/กรม", {None: "15.15"}, None),
    ("มุ่งสู่การลดใช้คาร์บอน", 2, 1, "งบจังหวัด", {2568: "3.50"}, (2568, "3,500,000")),
    ("BCG Model", 2, 1, "งบจังหวัด", {2568: "3.11"}, (2568, "3,105,500")),
    ("ธรรมาภิบาลสิ่งแวดล้อม", 2, 1, "งบกระทรวง/กรม", {2567: "0.023", 2568: "0.023"}, None),
    ("อุตสาหกรรมรักษ์สิ่งแวดล้อม", 2, 1, "งบกระทรวง/กรม", {2567: "0.035", 2568: "0.035"}, None),
    ("สู่โครงการอุตสาหกรรมส", 2, 1, "งบกระทรวง/กรม", {2567: "0.009", 2568: "0.009"}, None),
    ("(Eco Town)", 2, 1, "งบกระทรวง/กรม", {2567: "0.271", 2568: "0.271"}, None),
    ("สู่อุตสาหกรรมคาร์บอนต่ำ", 2, 1, "งบกระทรวง/กรม", {2568: "3.67"}, (2568, "3,666,500")),
    ("SME transformation", 3, 1, "งบจังหวัด", {2567: "3.03"}, (2567, "3,028,400")),
    ("SME transformation", 3, 1, "งบกลุ่มจังหวัด", {2568: "3.58"}, (2568, "10,000,000")),
    ("ผลิตภัณฑ์ชุมชนด้วยการพัฒนาเศรษฐกิจมูลค่าสูง", 3, 1, "งบกลุ่มจังหวัด", {2568: "10.00"}, (2568, "10,000,000")),
    ("ผลิตภัณฑ์ชุมชนล้านนา", None, None, "งบกระทรวง/กรม", {}, (2567, "15,152,200")),
]


@pytest.fixture(scope="module")
def sample():
    lines = repair_lines(SAMPLE.read_text(encoding="utf-8").split("\n"))
    return lines, extract_facts(SAMPLE.name, lines)


@pytest.fixture(scope="module")
def synthetic():
    lines = repair_lines((FIXTURES / "synthetic_plan_b.txt").read_text(encoding="utf-8").split("\n"))
    return lines, extract_facts("synthetic_plan_b.txt", lines)


def _key(p):
    table = {a.year: a.printed for a in (p.row.amounts if p.row else [])}
    brief = (p.brief.year, p.brief.amount.printed) if p.brief and p.brief.amount else None
    return p.direction, p.strategy, p.source, table, brief


def test_sample_project_list_is_complete_and_exact(sample):
    _, facts = sample
    assert len(facts.projects) == len(SAMPLE_PROJECTS)
    remaining = list(facts.projects)
    for fragment, *expected in SAMPLE_PROJECTS:
        hits = [p for p in remaining if fragment in p.name and _key(p) == tuple(expected)]
        assert len(hits) == 1, (fragment, [(p.name, _key(p)) for p in facts.projects if fragment in p.name])
        remaining.remove(hits[0])


def test_sample_flags(sample):
    _, facts = sample
    kinds = [(f.kind, f.project) for f in facts.flags]
    mismatches = [p for k, p in kinds if k == "table_brief_mismatch"]
    assert len(mismatches) == 1 and "SME transformation" in mismatches[0]
    assert sum(k == "table_row_without_brief" for k, _ in kinds) == 6
    assert [p for k, p in kinds if k == "brief_without_table_row"] == [
        p.name for p in facts.projects if p.row is None]
    assert any(k == "year_unknown" and "15.15" not in p and "วิสาหกิจ" in p for k, p in kinds)
    # Flags sit on the project they concern, even when another project has the same name.
    sme = {p.source: p for p in facts.projects if "SME transformation" in p.name}
    assert [f.kind for f in sme["งบกลุ่มจังหวัด"].flags] == ["table_brief_mismatch"]
    assert sme["งบจังหวัด"].flags == []


def test_sample_directions_goals_kpis_strategies(sample):
    _, facts = sample
    assert [d.number for d in facts.directions] == [1, 2, 3]
    d3 = facts.directions[2]
    assert "ความเข้มแข็ง" in d3.goals[0].text and "ผู้ประกอบการ" in d3.goals[0].text
    assert "ขยายจำนวนสมาชิก" in d3.kpis[0].text
    assert [len(d.strategies) for d in facts.directions] == [2, 1, 1]


def test_every_figure_cites_a_span_containing_it(sample, synthetic):
    for lines, facts in (sample, synthetic):
        for p in facts.projects:
            amounts = (p.row.amounts if p.row else []) + ([p.brief.amount] if p.brief and p.brief.amount else [])
            for a in amounts:
                assert a.printed in thai_digits_to_arabic(lines[a.line - 1]), (p.name, a)
                assert a.quote == lines[a.line - 1].strip()


def test_sample_links_to_higher_plans(sample):
    _, facts = sample
    national = [link.text for link in facts.links if link.level == "national_strategy"]
    assert any("ความสามารถในการแข่งขัน" in t for t in national)
    assert any("เป็นมิตรกับสิ่งแวดล้อม" in t for t in national)
    provincial = {link.project: link.text for link in facts.links if link.level == "provincial"}
    wisdom = next(v for k, v in provincial.items() if "ต่อยอดภูมิปัญญา" in k)
    assert "ประเด็นที่ 2" in wisdom and "การค้าการ" in wisdom
    # An item whose name wraps onto a short next line keeps all of it (before: `…บนสังคมที่เป็น`).
    master = [link.text for link in facts.links if link.level == "master_plan"]
    assert any(t.endswith("บนสังคมที่เป็น มิตรต่อสภาพภูมิอากาศ") for t in master)
    nesdp = [link.text for link in facts.links if link.level == "nesdp"]
    assert any(t.startswith("หมุดหมายที่ 7") and t.endswith("สามารถแข่งขันได้") for t in nesdp)


def test_synthetic_plan_other_format(synthetic):
    """บทที่ + Arabic numbering, ยุทธศาสตร์ที่ N, amounts in บาท, row-major years, a dash cell,
    one project under two funding sources, and a brief that disagrees with its table row."""
    _, facts = synthetic
    assert [(d.number, len(d.kpis)) for d in facts.directions] == [(1, 2), (2, 1)]
    assert facts.directions[0].kpis[0].target == "ร้อยละ 15"
    got = sorted(((p.source, _key(p)[3], _key(p)[4]) for p in facts.projects), key=str)
    assert got == sorted([
        ("งบจังหวัด", {2568: "1,500,000", 2569: "1,600,000"}, (2568, "1,500,000")),
        ("งบจังหวัด", {2568: "800,000"}, None),
        ("งบกระทรวง/กรม", {2568: "2,000,000", 2569: "2,000,000"}, None),
        ("งบกลุ่มจังหวัด", {2568: "1,200,000", 2569: "1,250,000"}, (2568, "1,300,000")),
    ], key=str)
    fruit = [p for p in facts.projects if "แปรรูปผลไม้" in p.name]
    assert sorted(p.source for p in fruit) == ["งบกระทรวง/กรม", "งบจังหวัด"]
    assert all(a.unit == "บาท" for p in facts.projects if p.row for a in p.row.amounts)
    mismatch = [f for f in facts.flags if f.kind == "table_brief_mismatch"]
    assert len(mismatch) == 1 and "1,200,000" in mismatch[0].message and "1,300,000" in mismatch[0].message
    assert {link.level for link in facts.links} == {"national_strategy", "nesdp", "provincial"}


def test_name_similarity_is_spacing_and_digit_insensitive():
    assert name_similarity("โครงการ ส่งเสริม  อุตสาหกรรม ปี ๒๕๖๘", "ส่งเสริมอุตสาหกรรม ปี 2568") == 1.0
    assert name_similarity("โครงการ ก", "โครงการ ข") < 0.85


def test_reported_results_groups_figures_and_count_check(synthetic, sample):
    _, facts = synthetic
    assert [(g.label, g.printed_count, g.listed_count) for g in facts.result_groups] == [
        ("โครงการจาก กรมส่งเสริมอุตสาหกรรม", 2, 2), ("โครงการงบจังหวัด", 2, 1)]
    assert [(r.figure, r.unit, r.project) for r in facts.results] == [
        ("40", "ราย", "โครงการพัฒนาผู้ประกอบการอาหาร"),
        ("12", "แห่ง", "โครงการยกระดับมาตรฐานโรงงาน"),
        ("80", "ร้อยละ", "โครงการยกระดับมาตรฐานโรงงาน"),
        ("150", "คน", "โครงการอบรมแรงงาน"),
    ]
    assert [f.kind for f in facts.flags if f.kind == "result_count_mismatch"] == ["result_count_mismatch"]
    # The sample's 4.4 lists five groups of departmental projects, 10 in all, each count as printed.
    lines, sample_facts = sample
    in_44 = [g for g in sample_facts.result_groups if g.section.startswith("4.4")]
    assert sum(g.printed_count for g in in_44) == 10 and all(g.printed_count == g.listed_count for g in in_44)
    seminar = [r for r in sample_facts.results if r.figure == "25" and "สัมมนา" in lines[r.line - 1] + lines[r.line - 2]]
    assert seminar and all(r.figure in thai_digits_to_arabic(lines[r.line - 1]) for r in sample_facts.results)


def test_blocked_matching_pairs_as_all_pairs_and_compares_less():
    """Blocking by source and name q-grams pairs rows and briefs exactly as comparing all pairs does,
    on 8 distinct copies of the sample plan, while comparing each row with only a few briefs."""
    from eval.bench_facts_matching import copies, read_plan
    from ingest.facts import candidate_briefs, compact_name, match_projects

    rows, briefs = read_plan(SAMPLE)
    rows, briefs = copies(rows, briefs, 8)
    pairs = lambda projects: {(p.row.name, p.brief.name) for p in projects if p.row and p.brief}  # noqa: E731
    blocked, _ = match_projects(rows, briefs)
    full, _ = match_projects(rows, briefs, blocking=False)
    assert pairs(blocked) == pairs(full) and len(pairs(full)) == 8 * 7
    blocks = candidate_briefs(rows, briefs, [compact_name(r.name) for r in rows], [compact_name(b.name) for b in briefs])
    assert max(len(b) for b in blocks) < len(briefs) / 4


def test_words_come_from_the_profile():
    """Direction and strategy headings, funding sources and units are the profile's words, so a plan
    headed `ประเด็นการพัฒนาที่` (a level word the profile lists) is read like one headed `แนวทางการพัฒนาที่`."""
    from ingest.facts_tables import DIRECTION_RE, STRATEGY_RE, UNIT_RE, classify_source
    from ingest.vocabulary import vocabulary

    v = vocabulary()
    for word in v.level("direction").words:
        assert DIRECTION_RE.match(f"{word}{v.ordinal} 2 ส่งเสริมการท่องเที่ยว").group(1) == "2"
    assert STRATEGY_RE.match("กลยุทธ์ที่ ๓ พัฒนาผู้ประกอบการ").group(1) == "๓"
    assert UNIT_RE.search("หน่วย : พันบาท").group(1) == "พันบาท"
    for category, words in v.funding_sources.categories:
        assert classify_source(f"งบประมาณ{words[0]} ปี 2568") == category
    assert classify_source("เงินกู้") == v.funding_sources.other
