"""Question analysis: routes and filters from Thai and English wording (no plan names involved)."""
from assistant.route import analyse, language_of, project_name_in


def test_budget_question_with_typed_name_source_and_short_year():
    q = analyse("โครงการพัฒนาบรรจุภัณฑ์ งบจังหวัด ปี 68 ขอใช้งบเท่าไร")
    assert q.route == "budget"
    assert q.project_name.startswith("พัฒนาบรรจุภัณฑ์")
    assert q.source == "งบจังหวัด" and q.year == 2568 and q.wants_figure


def test_brief_field_routes_and_english_quoted_name():
    assert analyse("โครงการจัดการกากอุตสาหกรรม มีกิจกรรมอะไรบ้าง").route == "project_field"
    assert analyse("โครงการจัดการกากอุตสาหกรรม มีกิจกรรมอะไรบ้าง").field == "activities"
    q = analyse("What is the budget of the 'Solar Dryer Hub' project?")
    assert (q.route, q.project_name, q.language) == ("budget", "Solar Dryer Hub", "en")
    assert analyse("What is the provincial cluster budget of the 'Solar Dryer Hub' project?").source == "งบกลุ่มจังหวัด"
    assert analyse("What is the province budget of the 'Solar Dryer Hub' project?").source == "งบจังหวัด"


def test_whose_project_is_no_part_of_its_name():
    # `ของสอจ.`: an abbreviated organisation after a possessive says whose project it is. Before: the name
    # `BCG ของสอจ.`, which no brief prints, so the KPI field was never found.
    q = analyse("โครงการbcg ปี68ของสอจ. ตั้งเป้าอบรมผปก.กี่คน แล้วให้คำปรึกษาเชิงลึกกี่รายคับ")
    assert (q.route, q.project_name) == ("project_field", "bcg")
    assert analyse("โครงการ BCG ปี 2568 ของ กรอ. มีตัวชี้วัดอะไร").project_name == "BCG"
    # a possessive inside the name itself stays
    assert analyse("โครงการส่งเสริมการมีส่วนร่วมของชุมชน ได้งบเท่าไร").project_name == "ส่งเสริมการมีส่วนร่วมของชุมชน"
    # an English possessive (`NIA's`) is whose project it is. Before: the name `s Global Hub startup`, no project
    assert analyse("What is the budget of NIA's Global Hub startup project?").project_name == "Global Hub startup"
    assert analyse("What is the budget of the agency’s Solar Dryer Hub project?").project_name == "Solar Dryer Hub"


def test_lists_links_results_totals_and_drafts():
    q = analyse("กลยุทธ์ที่ 2 ของแนวทางการพัฒนาด้านที่ 1 มีโครงการอะไรบ้าง")
    assert (q.route, q.direction, q.strategy) == ("list_projects", 1, 2)
    # A project's link: to the provincial plan, its brief's link field; to a named higher plan, its brief's lines on it.
    q = analyse("โครงการต่อยอดภูมิปัญญา เชื่อมโยงกับประเด็นใดของแผนพัฒนาจังหวัด")
    assert (q.route, q.field, q.project_name) == ("project_field", "link", "ต่อยอดภูมิปัญญา")
    q = analyse("โครงการ Creative Economy อ้างอิงหมุดหมายใดของแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ")
    assert (q.route, q.level, q.project_name) == ("links", "nesdp", "Creative Economy")
    q = analyse("แนวทางการพัฒนาด้านที่ 2 มีโครงการในตารางทั้งหมดกี่โครงการ")  # a count: the list, counted
    assert (q.route, q.direction) == ("list_projects", 2)
    assert analyse("แผนนี้สอดคล้องกับยุทธศาสตร์ชาติด้านใดบ้าง").route == "links"
    assert analyse("Which national strategy does the plan link to?").level == "national_strategy"
    q = analyse("ในข้อ ๔.๔ ผลการดำเนินงานมีกี่โครงการ")
    assert (q.route, q.section) == ("results", "4.4")
    assert analyse("งบประมาณรวมของแนวทางการพัฒนาด้านที่ 2 ปี 2568 เท่าไร").route == "totals"
    assert analyse("ช่วยร่างหลักการและเหตุผลโครงการอบรมแรงงาน").route == "draft"
    assert analyse("เป้าประสงค์ของแนวทางการพัฒนาด้านที่ 2 คืออะไร").route == "direction_field"


def test_units_and_plain_text_questions():
    assert analyse("มีโรงงานกี่โรงงาน").unit == "โรงงาน"
    assert analyse("how many concession plots are there").unit == "แปลง"
    # people an English question counts as staff (before: no unit, so an agency's whole budget answered it)
    assert analyse("How many full-time staff does TCELS employ?").unit == "คน"
    assert analyse("How many employees does NSTDA have?").unit == "คน"
    assert analyse("ได้ผลลัพธ์กี่เปอร์เซ็นต์").unit == "ร้อยละ"
    # a unit the profile knows, with words after it (before: no unit, so no check that the answer states it)
    assert analyse("ตั้งเป้าลดก๊าซเรือนกระจกได้กี่ตันคาร์บอนไดออกไซด์เทียบเท่า").unit == "ตัน"
    q = analyse("อุณหภูมิสูงสุดที่เคยวัดได้คือเท่าไร")
    assert q.route == "text" and q.wants_figure and q.project_name is None
    assert language_of("What are the S-O strategies?") == "en" and language_of("จุดแข็งมีอะไรบ้าง") == "th"
    assert project_name_in("มีโครงการอะไรบ้าง") is None


def test_largest_or_smallest_budget_among_projects_is_a_ranking():
    for text, op in (("โครงการใดได้รับงบประมาณมากที่สุดในแนวทางการพัฒนาที่ 2", "max"),
                     ("Which project has the largest budget in 2567?", "max"),
                     ("โครงการที่ใช้งบน้อยที่สุดในปี 2568 คือโครงการใด", "min")):
        q = analyse(text)
        assert (q.route, q.operation) == ("ranked_projects", op), text
    assert analyse("แนวทางการพัฒนาที่ 2 มีโครงการอะไรบ้าง").route == "list_projects"


def test_a_mixed_question_speaks_the_language_of_its_own_words():
    # Before: Latin letters outnumbered Thai ones, so these Thai questions were answered in English.
    assert language_of("โครงการ THIPA (Thailand Higher Education and Innovation Policy Accelerator) อยู่ภายใต้แผนงานใด") == "th"
    assert language_of("โครงการ SME transformation to Digital firm ได้งบเท่าไร") == "th"
    assert language_of("งบ Eco Town ปี 67") == "th"  # no question word: the language it starts in
    assert language_of("What is the budget of โครงการยกระดับผลิตภัณฑ์ชุมชน?") == "en"
    assert language_of("Under the SME transformation to Digital firm project, how many SMEs are targeted?") == "en"


def test_a_count_of_projects_is_not_a_project_name():
    # Before: "มีกี่โครงการ และโครงการใดได้งบสูงสุด" read a project named "และโครงการใด".
    assert project_name_in("แผนงานยุทธศาสตร์จัดการผลกระทบ มีกี่โครงการ และโครงการใดได้งบสูงสุด") is None
    assert project_name_in("มีกี่โครงการ โครงการพัฒนาเมือง Eco Town ได้งบเท่าไร") == "พัฒนาเมือง Eco Town"


def test_the_words_asking_about_every_or_the_whole_project_are_no_name():
    # Before: `รวมทุกโครงการเป็นเงินเท่าไร` read a project named "เป็นเงิน", `งบทั้งโครงการเท่าไหร่` one named
    # "เท่าไหร่": both refused as projects the plan does not have.
    assert project_name_in("งบจังหวัดลำปางปี 68 ที่ สอจ. ขอไว้ รวมทุกโครงการเป็นเงินเท่าไร") is None
    assert project_name_in("inno-biz champion ภาคเหนือของ nia ทำกี่ปีอ่ะ งบทั้งโครงการเท่าไหร่") is None
    assert project_name_in("โครงการเท่าไหร่") is None
    assert project_name_in("โครงการ Creative Economy ได้งบเท่าไร") == "Creative Economy"


def test_units_typed_short_are_read_as_documents_print_them():
    q = analyse("ถนนที่สร้างเสร็จแล้วใน จ.ลำปาง ยาวรวมกี่ กม. คับ")
    assert q.unit == "กิโลเมตร" and "กิโลเมตร" in q.text  # retrieval looks for the printed word
    assert analyse("พื้นที่กี่ตร.กม.").unit == "ตารางกิโลเมตร"
    assert analyse("กมลาได้งบเท่าไร").text == "กมลาได้งบเท่าไร"  # not inside a word


def test_a_fiscal_year_phrase_dates_a_question_and_asks_no_money():
    # Before: the `งบ` of `ปีงบ 2566` sent a question about awarded companies to the project's budget.
    q = analyse("ปีงบ 2566 บริษัทใดได้รับประกาศเกียรติคุณ ภายใต้โครงการบริหารจัดการลุ่มน้ำและวางระบบธรรมาภิบาลสิ่งแวดล้อม")
    assert q.route != "budget"
    assert analyse("โครงการบริหารจัดการลุ่มน้ำและวางระบบธรรมาภิบาลสิ่งแวดล้อม ปีงบประมาณ 2567 ได้เท่าไร").route == "budget"


def test_a_word_joining_two_asks_is_not_the_unit_asked():
    # Before: "how many routes and …" read `and` through the glossary as the unit `และ`.
    assert analyse("How many routes and how many kilometres of road does the district look after?").unit != "และ"
    assert analyse("How many plots and how much money?").unit == "แปลง"


def test_a_total_word_inside_another_word_asks_no_total():
    # Before: `ระบบรวบรวมน้ำเสีย` (a budget item's name) held `รวม`, so the question went to the budget totals,
    # which refused: "แผนไม่มีรายการงบประมาณที่ตรงกับเงื่อนไขนี้".
    assert not analyse("เพิ่มประสิทธิภาพระบบรวบรวมน้ำเสีย ทน.สงขลา ระยะ ๓ ปี ๒๕๖๕ ได้งบเท่าไหร่ครับ").wants_total
    assert analyse("งบจังหวัดปี 68 รวมกันเป็นเงินเท่าไร").wants_total
    assert analyse("What is the total budget of the plan?").wants_total


def test_a_target_set_for_a_named_project_asks_its_kpis():
    # Before: `ตั้งเป้า` asked no field of the brief; the text path found no line printing `ชิ้น` and refused, though
    # the brief's ตัวชี้วัดความสำเร็จ prints `… จำนวน 10 ผลิตภัณฑ์`.
    q = analyse("โครงการต่อยอดภูมิปัญญาท้องถิ่นฯ ปี ๒๕๖๗ ตั้งเป้าพัฒนาแบบผลิตภัณฑ์กี่ชิ้นคับ")
    assert (q.route, q.field) == ("project_field", "kpis")


def test_linked_with_a_strategy_asks_a_briefs_link_field():
    q = analyse("โครงการ Creative Economy ของกลุ่มจังหวัด เชื่อมกับยุทธศาสตร์กลุ่มจังหวัดประเด็นไหน")
    assert (q.route, q.field, q.project_name) == ("project_field", "link", "Creative Economy ของกลุ่มจังหวัด")
    assert analyse("โครงการ X สอดคล้องกับยุทธศาสตร์กลุ่มจังหวัดประเด็นใด").field == "link"


def test_the_question_word_กี่_inside_เกี่ยว_asks_no_figure():
    # `เกี่ยวข้อง` spells `กี่` after its leading vowel `เ`. Before: `แผนระดับที่ 3 ที่เกี่ยวข้องมีอะไรบ้าง` asked a
    # figure (with the unit `ยวข้อง`), so its answer was the heading line alone, not the list under it.
    related = analyse("แผนระดับที่ 3 ที่เกี่ยวข้องมีอะไรบ้าง")
    assert not related.wants_figure and related.unit is None
    counted = analyse("แผนระดับที่ 3 ที่เกี่ยวข้องมีกี่แผน")
    assert counted.wants_figure and counted.unit == "แผน"


def test_a_date_typed_short_is_read_as_documents_print_it():
    # `๓๑ มค ๖๖`: Thai digits, a month's short name without its dots, a two-digit year; the sample prints
    # `31 มกราคม 2566`. Before: the words `มค` and `๖๖` matched nothing and the answer was refused.
    q = analyse("งานสัมมนาการตลาดเพื่อสิ่งแวดล้อม BCG วันที่ ๓๑ มค ๖๖ มีคนมากี่รายอ่ะ")
    assert "31 มกราคม 2566" in q.text and q.year == 2566
    assert "9 กุมภาพันธ์ 2566" in analyse("ประชุมเมื่อ 9 ก.พ. 66 มีกี่คน").text
    assert analyse("ปี 2566 มีโครงการอะไร").text == "ปี 2566 มีโครงการอะไร"  # no day typed: left alone


def test_a_project_name_ends_where_the_level_asked_and_its_placing_words_begin():
    q = analyse("โครงการสร้างความพร้อมให้ SMEs แข่งขันในบริบทใหม่ทางเศรษฐกิจ ถูกจัดไว้ใต้แนวทางการพัฒนาด้านไหน กลยุทธ์อะไร")
    assert (q.route, q.project_name) == ("placement", "สร้างความพร้อมให้ SMEs แข่งขันในบริบทใหม่ทางเศรษฐกิจ")
    assert analyse("โครงการพัฒนาภาคใต้ อยู่ในยุทธศาสตร์ไหน").project_name == "พัฒนาภาคใต้"  # a name's own ใต้ stays


def test_each_count_a_question_asks_is_a_part_with_its_unit():
    from assistant.route import asked_counts
    parts = asked_counts("โครงการต่อยอดภูมิปัญญาท้องถิ่น จะพัฒนาออกแบบผลิตภัณฑ์กี่ชิ้น แล้วอบรมกี่คน")
    assert [unit for _, unit in parts] == ["ชิ้น", "คน"] and parts[1][0].strip() == "แล้วอบรมกี่คน"
    # `จะ` ends a typed project name: what follows is what will be done
    assert project_name_in("โครงการต่อยอดภูมิปัญญาท้องถิ่น จะอบรมกี่คน") == "ต่อยอดภูมิปัญญาท้องถิ่น"


def test_what_else_asks_a_list_as_what_all_does():
    # `…แล้วแผนงานนั้นมีโครงการอื่นอะไรอีก` asks the other projects without `บ้าง`. Before: no list read, so a question
    # asking where a project sits and what else its แผนงาน holds got only where it sits.
    assert analyse("โครงการเมืองสิ่งแวดล้อมยั่งยืนของกรมส่งเสริมคุณภาพสิ่งแวดล้อม อยู่ในแผนงานไหน "
                   "แล้วแผนงานนั้นมีโครงการอื่นอะไรอีก").wants_list
    assert analyse("แผนงานนั้นมีโครงการอื่นอะไรอีกบ้าง").wants_list
    assert not analyse("โครงการเมืองสิ่งแวดล้อมยั่งยืน อยู่ในแผนงานไหน").wants_list


def test_an_english_project_name_is_what_follows_the_last_article_before_project():
    # `What budget is proposed for the X project`: the words before `the` ask about it. Before: `proposed for the
    # Creative Economy entrepreneur development` was read as the name, and no project matched it.
    assert project_name_in("What budget is proposed for the Creative Economy entrepreneur development project "
                           "funded by the Upper Northern Provincial Cluster 1?") == "Creative Economy entrepreneur development"
    assert project_name_in("What is the budget of the Eco Town project?") == "Eco Town"


def test_an_abbreviated_organisation_after_an_owner_word_ends_a_typed_name():
    # `… ที่ สอจ.ลำปาง ของบ…`: the office that requests it (profile `owner_words`), not more of its name; a funding
    # source's name (`งบกลุ่มจังหวัด`) asks no money, so the KPI field asked is answered. Before: the name ran on to
    # `ที่ สอจ.ลำปาง ของบ…กำหนด`, no project matched, and the question was read as asking its budget.
    q = analyse("โครงการ SME transformation to Digital firm ที่ สอจ.ลำปาง ของบกลุ่มจังหวัดภาคเหนือตอนบน 1 ปี พ.ศ. 2568 "
                "กำหนดตัวชี้วัดความสำเร็จให้ผู้ประกอบการ SME ได้รับการพัฒนาศักยภาพด้านเทคโนโลยีดิจิทัลกี่ราย")
    assert q.project_name == "SME transformation to Digital firm"
    assert (q.route, q.field) == ("project_field", "kpis")
    assert analyse("โครงการ SME transformation ตัวชี้วัดและงบประมาณเท่าไร").route == "budget"  # money still asked
    # no project named: the source requested is what is totalled
    assert analyse("ปี 67 สอจ.ลำปาง ของบจังหวัดไว้กี่โครงการ รวมเป็นเงินเท่าไร").route == "totals"


def test_a_second_year_typed_short_after_a_joining_word_is_read():
    # `ปี 64 กับ 65`: the second year is typed without `ปี`. Before: only 2564 was read.
    assert analyse("ปี 64 กับ 65 รวมกันตั้งเป้ากี่คน").years == [2564, 2565]
    assert analyse("ปีงบ 64, 65 และ 66 ได้งบเท่าไร").years == [2564, 2565, 2566]
    assert analyse("ปี 65 อบรม 12 กับ 13 คน").years == [2565]  # counts, not years


def test_a_unit_typed_short_with_its_dot_is_read_before_a_word():
    # `รง.` (profile `[unit_abbreviations]`) typed with its dot and a word right after it (`รง.อุตสาหกรรมอาหาร`).
    # Before: `รง` was no abbreviation, and one typed with its dot was read only before a space or the end.
    q = analyse("รง.อุตสาหกรรมอาหารในลำปางมีกี่รง. เงินลงทุนรวมเท่าไหร่")
    assert q.text.startswith("โรงงานอุตสาหกรรมอาหาร") and "กี่โรงงาน" in q.text and q.unit == "โรงงาน"
    assert analyse("คุณกมลรับผิดชอบกี่โครงการ").text == "คุณกมลรับผิดชอบกี่โครงการ"  # no dot, a word: no กม
