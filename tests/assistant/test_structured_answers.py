"""Structured answers from the facts: whether a brief's field states the count a question asks (the sample's text)."""
from assistant.lookup import _rounds_to
from assistant.route import analyse
from assistant.structured_answers import states_count
from ingest.thai_repair import repair_line
from tests.conftest import SAMPLE, ask_excerpt, sample_excerpt


def _lines(first: int, last: int) -> str:
    """The sample's lines `first`..`last` (1-based), repaired and joined as a field's quote is."""
    return " ".join(map(repair_line, SAMPLE.read_text(encoding="utf-8").split("\n")[first - 1:last]))


def test_a_count_asked_is_stated_by_its_unit_or_by_the_thing_counted():
    # `กี่ชิ้น` of `แบบผลิตภัณฑ์`: the brief prints `จำนวน 10 ผลิตภัณฑ์`, the thing counted, not the unit asked.
    kpis = _lines(1636, 1641)
    assert states_count(analyse("โครงการต่อยอดภูมิปัญญาท้องถิ่นฯ ปี ๒๕๖๗ ตั้งเป้าพัฒนาแบบผลิตภัณฑ์กี่ชิ้นคับ"), kpis)
    assert states_count(analyse("โครงการต่อยอดภูมิปัญญาท้องถิ่นฯ ตั้งเป้าอบรมกี่คน"), kpis)  # `จำนวน 30 คน`


def test_a_field_counting_no_such_thing_does_not_state_the_count():
    # Before: the KPIs were the answer (`…สถานประกอบการหรือโรงงานอุตสาหกรรมได้รับการส่งเสริม…`), though they count
    # no establishments: the count asked is not in the plan.
    kpis = _lines(2655, 2661)
    q = analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ตั้งเป้าให้สถานประกอบการหรือโรงงาน"
                "ได้รับการส่งเสริมและพัฒนาเชิงลึกกี่แห่ง")
    assert q.route == "project_field" and not states_count(q, kpis)
    assert states_count(analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ มีตัวชี้วัดอะไร"), kpis)  # no count asked
    # a count in tonnes of CO2: the KPIs print none (before: the unit was not read, so the KPIs stood as the answer)
    assert not states_count(analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ตั้งเป้าลดก๊าซเรือนกระจก"
                                    "ได้กี่ตันคาร์บอนไดออกไซด์เทียบเท่า"), kpis)


def test_a_percentage_is_stated_by_ร้อยละ_printed_before_its_figure():
    # `ไม่น้อยกว่าร้อยละ 80`: the unit comes first (before: only `80 ร้อยละ` stated it, so a brief's outcome was
    # called silent on the percentage it prints).
    outcome = "ผู้ประกอบการนำความรู้ไปใช้ประโยชน์ได้ไม่น้อยกว่าร้อยละ 80"
    assert states_count(analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ผลลัพธ์ตั้งไว้กี่เปอร์เซ็นต์"), outcome)
    assert not states_count(analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ผลลัพธ์ตั้งไว้กี่เปอร์เซ็นต์"),
                            "ผู้ประกอบการได้รับการพัฒนาความรู้ 40 คน")


def test_a_count_its_kpis_do_not_state_is_read_from_its_outputs(tmp_path_factory):
    # `ตั้งเป้า… กี่คน` asks the brief's targets: its ตัวชี้วัดความสำเร็จ count nothing, its ผลผลิต print `จำนวน 40 คน`.
    # Before: the KPIs were quoted (no count); a count no field states is said not stated, the KPIs shown.
    found, missing = ask_excerpt(
        tmp_path_factory, "carbon", 2581, 2686,
        "โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ตั้งเป้าพัฒนาความรู้ผู้ประกอบการ"
        "ภายใต้แนวคิด Carbon Neutrality กี่คน",
        "โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ตั้งเป้าให้สถานประกอบการหรือโรงงาน"
        "ได้รับการส่งเสริมและพัฒนาเชิงลึกกี่แห่ง")
    assert found.route == "project_field" and not found.refused and "จำนวน 40 คน" in found.answer
    assert missing.refused and missing.answer.startswith("แผนไม่ได้ระบุจำนวนที่ถามไว้โดยตรง")


def test_the_funding_source_of_the_project_whose_brief_answers(tmp_path_factory):
    # An activity named, its project and funding source asked: the brief's activity line answers which project; the
    # source is the project's, from the facts (lines 1330-1935: the budget tables and three briefs). Before: the
    # activity line alone, no source; and `แหล่ง` was "corrected" to the index's `แห่ง`.
    answer, plain = ask_excerpt(
        tmp_path_factory, "sources", 1330, 1935,
        "กิจกรรมบ่มเพาะผู้ประกอบการ ทักษะการคิดเชิงออกแบบ (Design Thinking) เป็นของโครงการไหน ใช้งบแหล่งไหน",
        "กิจกรรมบ่มเพาะผู้ประกอบการ ทักษะการคิดเชิงออกแบบ (Design Thinking) เป็นของโครงการไหน")
    assert answer.route == "text" and not answer.refused
    assert "Design Thinking" in answer.answer
    assert "แหล่งงบประมาณของโครงการพัฒนาศักยภาพผู้ประกอบการในยุคเศรษฐกิจสร้างสรรค์ (Creative Economy): งบกลุ่มจังหวัด" \
        in answer.answer
    assert "แหล่งงบประมาณ" not in plain.answer  # not asked: not said


def test_counts_asked_of_a_named_project_are_read_from_its_briefs_counted_items(tmp_path_factory):
    # Before: refused (`จะ…` was read as part of the name, and no text window printed `ชิ้น`). Each count asked gets the
    # item that states it and shares the question's words; one stated only by an item sharing none is said so.
    both, results = ask_excerpt(tmp_path_factory, "brief-counts", 1296, 1700,
                                "โครงการต่อยอดภูมปัญญาท้องถิ่น จะพัฒนาออกแบบผลิตภันฑ์กี่ชิ้นอ่ะ แล้วอบรมกี่คนคับ",
                                "โครงการต่อยอดภูมิปัญญาท้องถิ่น ปี 66 มีผู้เข้าร่วมกี่คน")
    assert both.route == "project_counts" and "จำนวน 10 ผลิตภัณฑ์" in both.answer
    assert "ไม่ได้ระบุจำนวนตามที่ถาม (แล้วอบรมกี่คน) โดยตรง" in both.answer and "จำนวน 30 คน" in both.answer
    assert all(c.verified for c in both.citations)
    assert results.route != "project_counts"  # a year's results asked: not the brief's targets


def test_a_projects_two_sources_typed_in_its_name_a_comparison_and_a_rate_asked(tmp_path_factory):
    # `…งบกลุ่มจังหวัดปี 68 มากกว่างบจังหวัดปี 67 อยู่เท่าไร`: the comparison word ends the typed name (profile
    # `comparison_words`), and the source typed in it does not filter out the other source's project. Before: the
    # name ran on to `…มากกว่างบจังหวัด`, only the cluster project was found and its 2568 rows said, nothing compared.
    # `ที่ สอจ.ลำปาง ของบ…`: an owner, not more of the name; the KPI field asked (`กำหนดตัวชี้วัดความสำเร็จ…กี่ราย`).
    compared, kpi, rate = ask_excerpt(
        tmp_path_factory, "sme-sources", 1330, 2450,
        "โครงการ SME transformation to Digital firm งบกลุ่มจังหวัดปี 68 มากกว่างบจังหวัดปี 67 อยู่เท่าไร",
        "โครงการ SME transformation to Digital firm ที่ สอจ.ลำปาง ของบกลุ่มจังหวัดภาคเหนือตอนบน 1 ปี พ.ศ. 2568 "
        "กำหนดตัวชี้วัดความสำเร็จให้ผู้ประกอบการ SME ได้รับการพัฒนาศักยภาพด้านเทคโนโลยีดิจิทัลกี่ราย",
        "What was the budget disbursement rate of the SME transformation project in FY2024?")
    assert compared.route == "budget" and "คำนวณ: 10,000,000 − 3,028,400 = 6,971,600 บาท" in compared.answer
    assert kpi.route == "project_field" and "จำนวน 40 ราย" in kpi.answer
    assert all(c.verified for c in compared.citations + kpi.citations)
    # a rate asked (profile `proportion_words`): its amounts do not state it. Before: a refusal only because the name
    # was read as `budget disbursement rate of the SME transformation`; with the name read, its budget as the answer.
    assert rate.refused and rate.answer.startswith("The plan does not state the rate or percentage asked")


def test_a_table_total_rounded_to_millions_is_also_said_exactly_from_the_briefs(tmp_path_factory):
    # The budget table prints `3.50` and `3.11` ล้านบาท; the two projects' briefs print 3,500,000 and 3,105,500 บาท,
    # the same figures exactly. Before: only the rounded 6,610,000 บาท.
    answer, = ask_excerpt(tmp_path_factory, "totals", 1380, 2400,
                          "โครงการที่ใช้งบจังหวัดลำปาง พ.ศ. 2568 มีงบประมาณรวมกันทั้งหมดกี่บาท")
    assert "6,610,000 บาท" in answer.answer and "(จำนวนเงินเต็ม): 6,605,500 บาท" in answer.answer


def test_a_brief_stating_another_amount_than_its_rounded_row_is_no_exact_form_of_it():
    assert _rounds_to(3_105_500, 3_110_000, "3.11") and _rounds_to(3_500_000, 3_500_000, "3.50")
    assert not _rounds_to(10_000_000, 3_580_000, "3.58")  # another figure, not a precise one
    assert not _rounds_to(3_120_000, 3_110_000, "3.11")
