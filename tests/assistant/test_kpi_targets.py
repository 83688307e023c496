"""A KPI's target asked with a level's amount (assistant/kpi_targets.py, `target_part`)."""
from __future__ import annotations

from tests.conftest import FIXTURES, ask_book


def test_a_kpi_target_asked_beside_a_levels_amount_is_answered_too(tmp_path_factory):
    # `ได้งบเท่าไร ตั้งเป้าสนับสนุนกี่จังหวัด`: the project's amount and its KPI's 2565 target (15 จังหวัด). Before: the
    # amount alone; the KPI answer took the money words for the KPI's and found none.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-47.pdf",
                       "โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ปี 2565 ได้งบเท่าไร ตั้งเป้าสนับสนุนกี่จังหวัด")
    lines = answer.answer.splitlines()
    assert answer.route == "plan_level" and "7,377,900 บาท" in lines[0]
    assert any("ค่าเป้าหมายปี 2565: 15 จังหวัด" in line for line in lines[1:])
    assert all(c.verified for c in answer.citations)


def test_a_kpi_counting_another_unit_does_not_state_the_count_asked(tmp_path_factory):
    # The geology-tourism KPI counts sites (`7 แห่ง`); a question asking its target in visitors (`กี่คน`) is not
    # answered by it. Before: `ค่าเป้าหมายปี 2565: 7 แห่ง` as the answer to `กี่คน`.
    people, sites = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-30-115-123.pdf",
                             "โครงการท่องเที่ยวเชิงธรณีวิทยาของกรมทรัพยากรธรณี ตั้งเป้าปี 65 ไว้กี่คน",
                             "โครงการท่องเที่ยวเชิงธรณีวิทยาของกรมทรัพยากรธรณี ตั้งเป้าปี 65 ไว้กี่แห่ง")
    assert people.route == "kpi_target" and people.refused
    assert people.answer.startswith("แผนไม่ได้ระบุจำนวนที่ถามไว้โดยตรง")  # the closest KPI shown below, not as the answer
    assert sites.route == "kpi_target" and not sites.refused and "ค่าเป้าหมายปี 2565: 7 แห่ง" in sites.answer


def test_a_count_of_a_kpis_unit_asked_without_a_target_word_is_the_named_levels_kpi(tmp_path_factory):
    # `…จะมีชุมชนต้นแบบ…กี่ชุมชน` types no target word (`เป้า`, `ตัวชี้วัด`). Before: refused, the KPI's bare row
    # `ชุมชน 19 19 19 19 -` shown as the closest passage. A count in another unit (`กี่คน`) is still no KPI's.
    answer, people = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-23-47.pdf",
        "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 จะมีชุมชนต้นแบบที่หน่วยงานเข้าไปดำเนินการโครงการกี่ชุมชน",
        "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ปี 2565 จะมีชุมชนต้นแบบที่หน่วยงานเข้าไปดำเนินการโครงการกี่คน")
    assert answer.route == "kpi_target" and not answer.refused
    assert "ชุมชนต้นแบบ" in answer.answer and "ค่าเป้าหมายปี 2565: 19 ชุมชน" in answer.answer
    assert people.route != "kpi_target"


def test_a_kpi_answer_cites_the_heading_of_the_level_it_names(tmp_path_factory):
    # The answer names the KPI's level as stored, shortened (`ผลผลิตที่ 1 : พื้นที่ทรัพยากรทางทะเล … ได้รับการบร…`); its
    # heading is found by that shortened name and cited. Before: only a level whose whole name equalled the stored
    # one was cited, so the level's number stood on the KPI table alone, and where the table printed no such number
    # the whole target sentence was dropped as an uncited figure (a book's `โครงการที่ 3 : …` KPI lost its target).
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-81-104.pdf",
                       "ผลผลิตพื้นที่ทรัพยากรทางทะเล ชายฝั่งทะเล และป่าชายเลน ได้รับการบริหารจัดการ ตั้งเป้าจำนวนแนวทาง"
                       "หรือมาตรการในการบริหารจัดการทรัพยากรทางทะเลและชายฝั่งที่ถูกนำไปใช้ประโยชน์ ปี 2565 ไว้เท่าไร")
    assert answer.route == "kpi_target" and "ค่าเป้าหมายปี 2565: 80" in answer.answer
    assert any(c.quote.lstrip().startswith("7.2.1 ผลผลิตที่ 1 : พื้นที่ทรัพยากรทางทะเล") for c in answer.citations)


def test_a_kpis_change_between_two_years_asked_as_up_from_a_year(tmp_path_factory):
    # `ปี 2565 เพิ่มจากปี 2564 …เท่าไร`: a difference (profile `difference_words`). Before: no operation read, both
    # years' targets said and nothing computed.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-81-104.pdf",
                       "กรมทรัพยากรทางทะเลและชายฝั่ง ตั้งเป้าพื้นที่ป่าชายเลนได้รับการบริหารจัดการ ปี 2565 "
                       "เพิ่มจากปี 2564 กี่ล้านไร่")
    assert answer.route == "kpi_target" and "1.74 − 1.54 → เพิ่มขึ้น 0.20 ล้านไร่" in answer.answer


def test_a_kpi_by_what_it_counts_and_another_years_result_asked(tmp_path_factory):
    # Vol. 6 pp. 237, 243, 248: the agency's KPI counts areas with volunteers (`พื้นที่`), its output's counts villages
    # (`หมู่บ้าน`). The agency's own name is no word for its KPI rows to match (they get the level's bonus), so the
    # village KPI the question describes wins; `ปี64ทำได้จิง` asks that year's result, printed beside its target, not a
    # change (`เพิ่มขึ้น` is the KPI's own word); `สิ่งแวดลอ้ม`'s late tone mark is put back. Before: the area KPI,
    # `56 พื้นที่`, and `3,000 − 3,000 → ลดลง 0` for the village one typed correctly.
    village, area = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-237-243-248.pdf",
                             "กรมส่งเสริมคุณภาพสิ่งแวดลอ้ม ปี65 ตั้งเป้าหมู่บ้านที่มีอาสาสมัครเพิ่มขึ้นกี่หมู่บ้านคับ "
                             "แล้วปี64ทำได้จิงเท่าไหร่",
                             "กรมส่งเสริมคุณภาพสิ่งแวดล้อม ปี 2565 ตั้งเป้าพื้นที่ที่มีอาสาสมัครไว้กี่พื้นที่")
    assert village.route == "kpi_target"
    assert "ค่าเป้าหมายปี 2565: 3,000 หมู่บ้าน" in village.answer
    assert "ผลการดำเนินงานปี 2564: 2,311 หมู่บ้าน" in village.answer and "ลดลง 0" not in village.answer
    assert "ค่าเป้าหมายปี 2565: 56 พื้นที่" in area.answer
    assert all(c.verified for c in village.citations + area.citations)


def test_two_counts_of_one_service_target_are_each_answered_by_its_kpi(tmp_path_factory):
    # `…ตั้งเป้า…ฟื้นฟูแหล่งน้ำ…กี่แห่ง และมีครัวเรือนได้ประโยชน์กี่ครัวเรือน`: two KPIs of one target, each counting one
    # unit; the question's words are split between them (and `ได้ประโยชน์` is printed `ได้รับประโยชน์`), so no one
    # KPI covered enough of it. Before: refused, the bare row `แห่ง 65 97 102 107 112` shown as the closest passage.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol6-p1-145-149-162.pdf",
                       "กรมทรัพยากรน้ำ ปี 2565 ตั้งเป้าอนุรักษ์ ฟื้นฟูแหล่งน้ำนอกเขตชลประทานกี่แห่ง "
                       "และมีครัวเรือนได้ประโยชน์กี่ครัวเรือน")
    lines = answer.answer.splitlines()
    assert answer.route == "kpi_target" and not answer.refused and len(lines) == 2
    assert "จำนวนแหล่งน้ำ" in lines[0] and "ค่าเป้าหมายปี 2565: 97 แห่ง" in lines[0]
    assert "จำนวนครัวเรือน" in lines[1] and "ค่าเป้าหมายปี 2565: 27,875 ครัวเรือน" in lines[1]
    assert all(c.verified for c in answer.citations)


def test_an_english_question_names_a_kpi_by_the_profiles_general_words(tmp_path_factory):
    # `NARIT` (the gazetteer) names the institute; `number`, `people`, `knowledge`, `transfer`, `learning` (the
    # profile's English terms) are the KPI's own words. Before: neither read; a bare row of figures was quoted.
    answer, = ask_book(tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-147-160.pdf",
                       "What is NARIT's target for 2568 for the number of people receiving knowledge transfer and "
                       "learning in science, technology and innovation?")
    assert answer.route == "kpi_target"
    assert "จำนวนผู้เข้ารับการถ่ายทอด" in answer.answer and "target for 2568: 350,000 คน" in answer.answer


def test_a_kpis_targets_of_two_years_asked_combined_are_added(tmp_path_factory):
    # `ปี 64 กับ 65 รวมกัน`: both years read (the second typed short after `กับ`), their targets added in code with
    # the operands shown. Before: the second year was not read and nothing was added; in English, both targets
    # were said and no sum.
    thai, english = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-147-160.pdf",
        "ตัวชี้วัดจำนวนกำลังคนที่ได้รับการพัฒนาศักยภาพผ่านการดำเนินงานทางดาราศาสตร์ ของ สดร. ปี 64 กับ 65 รวมกันตั้งเป้ากี่คน",
        "NARIT sets a target for the number of people whose science and technology capacity is developed through "
        "astronomy activities. What is the combined target for FY2564 and FY2565?")
    assert thai.route == english.route == "kpi_target"
    assert "ค่าเป้าหมายปี 2564 + 2565 รวมกัน: 115,000 + 230,000 = 345,000 คน" in thai.answer
    assert "Targets for 2564 + 2565 combined: 115,000 + 230,000 = 345,000 คน" in english.answer
    assert all(c.verified for c in thai.citations + english.citations)


def test_an_actual_result_asked_where_the_table_prints_only_a_target_is_said_not_stated(tmp_path_factory):
    # `ผลการดำเนินงานจริง` of a year whose cell prints a target and no result in brackets: before, the target was
    # given as if it answered.
    thai, english = ask_book(
        tmp_path_factory, FIXTURES / "budget-fy2565-vol3-p1-147-160.pdf",
        "ผลการดำเนินงานจริงของตัวชี้วัดมูลค่าผลกระทบต่อเศรษฐกิจที่เกิดจากการนำผลงานวิจัยและพัฒนาไปใช้ประโยชน์ ของ สดร. "
        "ปี 2565 ได้เท่าไร",
        "What was the actual result in FY2565 of NARIT's indicator on the value of economic impact from using research "
        "and development results?")
    assert "ไม่ได้ระบุผลการดำเนินงานจริงของปี 2565" in thai.answer and "140" in thai.answer
    assert "does not state an actual result for 2565" in english.answer
