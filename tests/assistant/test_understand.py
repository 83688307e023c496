"""Question understanding without an index: particles, misspelt/English section labels, operations,
placement questions, organisations, years that are not years, project names in English questions,
and the link level a question's head noun names."""
from assistant.route import analyse, project_name_in
from assistant.understand import (asked_labels, asks_rate, asks_under, operation_of, organisations_in, stated_count,
                                  types_any, without_exclusions, without_particles, without_stated_amounts)


def test_particles_and_slang_are_dropped():
    assert without_particles("วิสัยทัศน์ของแผนนี้คืออะไรคับ") == "วิสัยทัศน์ของแผนนี้คืออะไร"
    assert without_particles("ประชากรลำปางปี๖๕ มีกี่คนอ่ะ") == "ประชากรลำปางปี๖๕ มีกี่คน"
    assert without_particles("ปีนี้ครับ") == "ปีนี้"


def test_section_labels_exact_misspelt_and_english():
    assert asked_labels("วิสัยทัศ ของแผนนี้คืออะไร") == ["วิสัยทัศน์"]
    assert asked_labels("What is the vision of the plan?") == ["วิสัยทัศน์"]
    assert asked_labels("จุดอ่อนของจังหวัดลำปางตาม SWOT มีอะไรบ้าง") == ["จุดอ่อน"]
    # the label asked about comes first, the level it belongs to after it
    assert asked_labels("เป้าประสงค์ของแนวทางการพัฒนาด้านที่ 3 คืออะไร")[0] == "เป้าประสงค์"
    assert asked_labels("ประชากรลำปางมีกี่คน") == []
    # the label a which word follows is asked, one typed in the name before it is not (`ยุทธศาสตร์ชาติด้าน…`)
    assert asked_labels("ยุทธศาสตร์ชาติด้านการเติบโตที่เป็นมิตรกับสิ่งแวดล้อม มีเป้าหมายอะไร")[0] == "เป้าหมาย"
    # a label made a noun (`การบรรลุเป้าหมาย`) typed as its verb alone (profile `nominalizers`)
    assert asked_labels("จะบรรลุเป้าหมายยุทธศาสตร์ชาติด้านการแข่งขันด้วยวิธีการอะไร")[0] == "การบรรลุเป้าหมาย"


def test_operations_over_figures():
    assert operation_of("อุตสาหกรรมด้านพลังงานกับอุตสาหกรรมอาหารรวมกันมีกี่โรงงาน") == "sum"
    assert operation_of("ปี 2565 ลดลงจากปี 2564 เท่าไร") == "difference"
    # `how did it compare with 2564` asks the change between the years (before: no operation, both years listed)
    assert operation_of("What was BEDO's total budget for 2565, and how did it compare with 2564?") == "difference"
    assert operation_of("ตั้งเป้าพื้นที่ที่จัดการไฟป่า ปี 2565 เพิ่มจากปี 2564 กี่พื้นที่") == "difference"
    assert operation_of("วิสาหกิจที่สร้างมูลค่าเพิ่มจากวัสดุเหลือใช้มีกี่ราย") is None  # `เพิ่มจาก` of a label, no year
    assert operation_of("รายจ่ายลงทุนคิดเป็นร้อยละเท่าไรของงบประมาณทั้งหมด") == "share"
    assert operation_of("โครงการใดได้งบมากที่สุด") == "max"
    assert operation_of("งบประมาณปี 2565 เท่าไร") is None
    # how much something changed between two years (before: no operation, the table's change not computed)
    assert operation_of("เงินลงทุนของโรงงานในลำปาง ปี 2567 เทียบกับปี 2566 เปลี่ยนไปเท่าไร") == "difference"
    assert operation_of("สถานประกอบการเปลี่ยนไปใช้พลังงานแสงอาทิตย์กี่แห่ง") is None  # a switch, not a change asked


def test_organisations_named_in_a_question():
    assert organisations_in("มหาวิทยาลัยเชียงใหม่ได้งบประมาณปี 2565 เท่าไร") == ["มหาวิทยาลัยเชียงใหม่"]
    assert organisations_in("กรมควบคุมมลพิษได้รับงบประมาณรายจ่ายปี 2564 เท่าไร") == ["กรมควบคุมมลพิษ"]
    assert organisations_in("ประชากรลำปางมีกี่คน") == []


def test_a_count_of_districts_is_not_a_fiscal_year():
    assert analyse("โครงการใดดำเนินการใน 12 อำเภอ").years == []
    assert analyse("which projects run in 12 districts?").years == []
    assert analyse("ประชากรลำปางปี๖๕ มีกี่คนอ่ะ").years == [2565]
    assert analyse("budget in 2568").years == [2568]


def test_english_project_name_without_the_question_words():
    assert project_name_in("What is the budget for the Eco Town project?") == "Eco Town"
    assert project_name_in("Which strategy is the Eco Town project under?") == "Eco Town"
    assert project_name_in("งบโครงการ food innopolis ปี๖๕ เท่าไหร่") == "food innopolis"


def test_placement_questions_route_to_placement():
    q = analyse("โครงการส่งเสริมอุตสาหกรรมไทย มุ่งสู่การลดใช้คาร์บอน อยู่ภายใต้แนวทางการพัฒนาด้านไหนและกลยุทธ์ไหน")
    assert q.route == "placement" and q.asks_under
    assert q.project_name.startswith("ส่งเสริมอุตสาหกรรมไทย")
    # a budget question about the same project stays a budget question
    assert analyse("โครงการส่งเสริมอุตสาหกรรมไทย มุ่งสู่การลดใช้คาร์บอน งบเท่าไร").route == "budget"


def test_the_head_noun_picks_the_link_level():
    # "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ" names the master plan, not the national strategy it sits under
    q = analyse("แผนนี้เชื่อมโยงกับแผนแม่บทภายใต้ยุทธศาสตร์ชาติประเด็นใดบ้าง")
    assert q.route == "links" and q.level == "master_plan"
    assert analyse("แผนนี้เชื่อมโยงกับยุทธศาสตร์ชาติด้านไหนบ้าง").level == "national_strategy"


def test_a_value_asked_for_a_year_is_a_figure_question_and_money_is_its_unit():
    assert analyse("What was Lampang's GPP in 2570?").wants_figure
    assert analyse("ผลิตภัณฑ์มวลรวมจังหวัดลำปางปี 2564 มีมูลค่าเท่าไร").unit == "บาท"
    assert analyse("What are the S-O strategies in the TOWS matrix?").wants_figure is False


def test_english_organisation_names_are_read_head_first_in_thai():
    from assistant.understand import thai_names

    assert thai_names("How much did the Pollution Control Department get?") == ["กรม ควบคุม มลพิษ"]
    assert thai_names("the National Astronomical Research Institute of Thailand") == ["สถาบัน วิจัย ดาราศาสตร์ แห่งชาติ"]
    assert thai_names("What is the vision of the Lampang industrial development action plan?") == []  # no name


def test_where_a_project_sits_asked_with_the_short_name_of_its_level():
    q = analyse("โครงการ Eco Town อยู่แนวทางไหนอ่ะ แล้วได้งบปีละเท่าไหร่คับ")
    assert q.route == "placement" and q.parts == ["budget"]  # both parts, not the money only
    assert not analyse("โครงการ X มีวัตถุประสงค์ด้านใด").asks_under
    # "Under the X project, …" sets the context; it does not ask where X sits.
    assert not analyse("Under the SME transformation to Digital firm project, how many SMEs are targeted?").asks_under
    # `ภายใต้` inside what is counted (a target's wording), no question word after it: not a placement question
    assert not analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ ตั้งเป้าพัฒนาความรู้ผู้ประกอบการ"
                       "ภายใต้แนวคิด Carbon Neutrality กี่คน").asks_under
    assert analyse("โครงการนี้อยู่ภายใต้แผนงานอะไร").asks_under


def test_where_a_project_sits_asked_by_the_number_of_its_level():
    q = analyse("โครงการยกระดับผู้ประกอบการอุตสาหกรรมด้วยเทคโนโลยีและนวัตกรรม ตามแนวทาง BCG Model "
                "อยู่ในแนวทางการพัฒนาด้านที่เท่าไหร่ของแผน")
    assert q.route == "placement" and q.asks_under
    assert analyse("โครงการ Eco Town อยู่กลยุทธ์ที่เท่าไร").asks_under
    assert not analyse("ยุทธศาสตร์ที่ 2 มีงบเท่าไร").asks_under  # a level named by its number, money asked


def test_question_words_ask_for_a_projects_labelled_fields():
    from assistant.understand import item_labels

    assert item_labels("โครงการ THIPA ดำเนินการที่ไหน ใช้เวลากี่ปี", []) == ["สถานที่ดำเนินการ", "ระยะเวลาดำเนินการ"]
    assert item_labels("fab lab ของ สวทช ตั้งอยู่ตรงไหนอ่ะ", []) == ["สถานที่ดำเนินการ"]  # `ตรงไหน`: where, said informally
    assert item_labels("ติดตั้งทุ่นจอดเรือที่อุทยานไหนบ้าง", []) == ["สถานที่ดำเนินการ"]  # which park: a place
    assert item_labels("วัตถุประสงค์ของโครงการ X และใช้เวลากี่ปี", ["วัตถุประสงค์"]) == ["วัตถุประสงค์", "ระยะเวลาดำเนินการ"]
    assert item_labels("โครงการ X ได้งบเท่าไร", []) == []
    # A project's whole value asked in everyday words is its `วงเงินทั้งสิ้นของโครงการ` section (a budget book's
    # 7.x.x.4 heading, a label line of the outline); before, only the year's budget was answered.
    from assistant.outline import label_of

    asked = item_labels("โครงการ X ปีงบ 2565 ได้งบเท่าไหร่ แล้ววงเงินทั้งโครงการเท่าไร", [])
    assert asked == ["วงเงินทั้งสิ้นของโครงการ"]
    assert label_of("7.3.1.4 วงเงินทั้งสิ้นของโครงการ บาท") == "วงเงินทั้งสิ้นของโครงการ"


def test_a_bracket_saying_what_is_not_asked_is_dropped():
    assert without_exclusions("วิสัยทัศน์ของกรมทรัพยากรน้ำ (ไม่ใช่กรมทรัพยากรน้ำบาดาล) คืออะไร") == "วิสัยทัศน์ของกรมทรัพยากรน้ำ คืออะไร"
    assert without_exclusions("วิสัยทัศน์ของจังหวัด (ของจังหวัดนะ ไม่ใช่ของ สอจ.) คืออะไร") == "วิสัยทัศน์ของจังหวัด คืออะไร"
    assert without_exclusions("What is the vision (not the mission)?") == "What is the vision ?"
    # brackets that exclude nothing stay, `not` inside a word is no exclusion
    assert without_exclusions("งบ (ล้านบาท) ของโครงการ (Knot) เท่าไร") == "งบ (ล้านบาท) ของโครงการ (Knot) เท่าไร"


def test_a_comparison_asked_by_how_much_is_a_difference():
    from assistant.understand import operation_of

    assert operation_of("โครงการไหนงบสูงกว่า และสูงกว่ากี่บาท") == "difference"
    assert operation_of("A สูงกว่ากันเท่าไร") == "difference"
    # a comparison word inside what is counted is no operation (`ต่ำกว่า 150 หน่วย`)
    assert operation_of("ผู้ใช้ไฟต่ำกว่า 150 หน่วยมีกี่ราย") is None
    assert operation_of("ผู้ใช้ไฟ (ต่ำกว่า 150 หน่วย และ 150 หน่วยขึ้นไป) รวมกันกี่ราย") == "sum"


def test_the_count_a_sum_states():
    assert stated_count("ปริมาณสำรองแร่หินปูนทั้งสามประเภท (เพื่ออุตสาหกรรมเคมี ซีเมนต์ และก่อสร้าง)") == 3
    assert stated_count("เงินอุดหนุนค่าเช่ารถทั้ง 3 รายการ ปี 2565 รวมกันเท่าไร") == 3
    assert stated_count("ทั้ง ๔ แผนงาน") == 4 and stated_count("ทั้งสองกลุ่ม") == 2 and stated_count("both projects") == 2
    assert stated_count("ทั้งหมดกี่โรง") is None and stated_count("วงเงินทั้งสิ้นเท่าไร") is None


def test_an_organisations_name_ends_at_a_section_label_typed_after_it():
    # Before: `สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติวางวิสัยทัศน์` was the name, which no document prints: refused.
    names = organisations_in("สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติวางวิสัยทัศน์ไว้ว่าอย่างไร")
    assert names and "วิสัยทัศน์" not in names[0] and names[0].startswith("สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติ")
    assert organisations_in("มหาวิทยาลัยเชียงใหม่มีพันธกิจอะไร") == ["มหาวิทยาลัยเชียงใหม่"]


def test_brief_fields_asked_as_parts_of_their_own():
    both = analyse("โครงการยกระดับอุตสาหกรรมสู่อุตสาหกรรมคาร์บอนต่ำ มีวัตถุประสงค์อะไร และมีตัวชี้วัดอะไรบ้าง")
    assert both.route == "project_field" and both.field == "objectives" and both.more_fields == ["kpis"]
    # `ระยะเวลา` inside what the rationale is asked to say is no second part.
    one = analyse("ในหลักการและเหตุผลของโครงการยกระดับผลิตภัณฑ์ชุมชนล้านนาฯ ระบุว่า สมอ. จัดทำโครงการมาตรฐาน"
                  "ผลิตภัณฑ์ชุมชน ระยะเวลากี่ปี วงเงินเท่าไร")
    assert one.field == "rationale" and one.more_fields == []


def test_an_organisation_word_inside_another_word_names_none():
    # Before: `โปรแกรมระบบ` held `กรม`, so `กรมระบบ` was an organisation the documents lack and the question refused.
    assert organisations_in("TCELS ตั้งงบซื้อโปรแกรมระบบ ERP ปี๖๕ เท่าไหร่คะ") == []
    assert organisations_in("กรมป่าไม้ได้งบเท่าไร") == ["กรมป่าไม้"]


def test_a_word_typed_inside_another_is_not_typed():
    # A Thai word never starts right after a leading vowel: `กี่` in `เกี่ยวข้อง` is no question word.
    assert not types_any("โครงการนี้เกี่ยวข้องกับแผนใด", ("กี่",))
    assert types_any("โครงการนี้มีกี่กิจกรรม", ("กี่",))


def test_an_amount_the_question_states_asks_no_money():
    # `…ของ สวทช. งบ 20 ล้าน จะเอาไปทำอะไร` asks what the money is for. Before: answered with the project's own
    # amount (`…ปีงบประมาณ 2565: 20,000,000 บาท`), the figure the question typed.
    stated = "โครงการพัฒนาโครงสร้างพื้นฐานรองรับการขยายตัวของอุตสาหกรรมดิจิทัล ข้อมูล และ AI ของ สวทช. งบ 20 ล้าน จะเอาไปทำอะไร"
    assert "งบ" not in without_stated_amounts(stated) and "ทำอะไร" in without_stated_amounts(stated)
    assert analyse(stated).route != "budget"
    assert "งบ 2565" in without_stated_amounts("งบ 2565 ได้เท่าไร")  # a year, not an amount
    assert analyse("โครงการพัฒนาผลิตภัณฑ์ ปี 2567 ได้งบเท่าไร").route == "budget"


def test_an_amount_per_unit_is_a_rate_and_per_year_is_not():
    assert asks_rate("สถาบันวิจัยแสงซินโครตรอนคิดค่าบริการใช้แสงซินโครตรอนชั่วโมงละกี่บาท")
    assert asks_rate("ค่าใช้จ่ายต่อคนกี่บาท") and asks_rate("What is the cost per hour")
    assert not asks_rate("ได้งบปีละเท่าไร") and not asks_rate("budget per year")
    assert not asks_rate("โครงการต่อยอดภูมิปัญญาได้งบเท่าไร")  # `ต่อ` of a word, no unit after it


def test_an_under_word_asks_where_an_item_sits_only_with_a_which_word_in_its_phrase():
    assert asks_under("โครงการนี้อยู่ภายใต้แนวทางการพัฒนาด้านไหน")
    assert not asks_under("อบก. ได้งบภายใต้แผนงานบูรณาการเขตพัฒนาพิเศษภาคตะวันออก ไปทำโครงการอะไร เท่าไหร่")


def test_an_under_word_introducing_a_title_asks_the_title():
    # `จัดงาน…ภายใต้ชื่องานอะไร`, `under what theme`: a name asked (profile `under_title_words`), not a plan level.
    # Before: read as asking where the project sits, and its strategy was answered.
    assert not asks_under("โครงการพัฒนาศักยภาพผู้ประกอบการ (Creative Economy) จัดงานแสดงสินค้าเพื่อทดสอบตลาด "
                          "ภายใต้ชื่องานอะไร")
    assert not asks_under("Under what theme is the Creative Economy project's trade fair held?")
    assert asks_under("โครงการ Creative Economy อยู่ภายใต้กลยุทธ์ใด")


def test_a_superlative_split_by_its_complement_is_one():
    assert operation_of("อำเภอไหนไกลจากตัวเมืองลำปางที่สุด") == "max"
    assert operation_of("อำเภอใดอยู่ใกล้ตัวเมืองที่สุด") == "min"
    assert operation_of("โครงการที่ดีที่สุดคืออะไร") is None  # no max/min word's adjective


def test_what_percent_of_a_whole_asks_a_share():
    # `…ใช้งบประมาณรายจ่ายบุคลากรกี่เปอร์เซ็นต์ของงบทั้งหมด` (profile `share_words`: `เปอร์เซ็นต์ของ`). Before: no operation
    # read; the question went to the budget totals and was refused. A KPI's percentage target is not a share.
    assert operation_of("ปี 2565 กรมอุทยานแห่งชาติฯ ใช้งบประมาณรายจ่ายบุคลากรกี่เปอร์เซ็นต์ของงบทั้งหมด") == "share"
    assert operation_of("ตัวชี้วัดพื้นที่ได้รับการบริหารจัดการน้ำ ปี 2565 ตั้งเป้ากี่เปอร์เซ็นต์") is None


def test_a_documents_name_holding_a_money_word_asks_no_money():
    # `เอกสารงบประมาณ`, `budget book` (profile `document_names`) say where to look. Before: read as money asked, so a
    # vision asked of an agency was answered with its whole budget.
    from assistant.plan_levels import asks_money

    assert not asks_money("ตามเอกสารงบประมาณ สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติมีวิสัยทัศน์ว่าอย่างไร")
    assert not asks_money("What's GISTDA's vision statement in the FY2565 budget book?")
    assert asks_money("ตามเอกสารงบประมาณ สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติได้งบเท่าไร")  # its own money word still asks
    assert asks_money("ผลผลิตบริการข้อมูลดาวเทียม ปี65 ได้ตังเท่าไหร่")  # `ตัง`: money, said informally


def test_spoken_short_forms_of_question_words_are_written_out():
    # `ตำแหน่งไรบ้าง`, `ข้อไหนมั่ง` (profile `[spoken_words]`): chat forms of `อะไร`, `บ้าง`. Before: `มั่ง` asked no
    # list, and a question on which items the plan links to was refused; `อะไร`, `เมื่อไร` and `ไร่` stay as typed.
    from assistant.understand import written_forms
    assert written_forms("ตำแหน่งไรบ้าง") == "ตำแหน่งอะไรบ้าง"
    assert written_forms("มีไรมั่ง") == "มีอะไรบ้าง"
    for typed in ("ทำอะไรบ้าง", "เริ่มเมื่อไร", "ปลูกกี่ไร่", "ได้เท่าไร"):
        assert written_forms(typed) == typed
    assert analyse("หมุดหมายแผนพัฒนาฯฉบับ13 ที่แผนนี้หยิบมาใช้มีข้อไหนมั่งคับ").route == "links"
    # an English word typed in Thai letters (profile `[loan_words]`): `โปรเจกต์` is the plan's โครงการ. Before: no
    # project was read, and the budget question was answered with a bare row of figures.
    q = analyse("จิสด้า โปรเจกต์พัฒนาโครงสร้างพื้นฐานด้าน ICT ที่ทันสมัยมั่นคงปลอดภัย ปี๒๕๖๕ ได้งบกี่ล้านคะ")
    assert q.text.startswith("จิสด้า โครงการพัฒนาโครงสร้างพื้นฐาน") and q.project_name.startswith("พัฒนาโครงสร้างพื้นฐาน")


def test_which_region_asks_where_a_project_is_carried_out():
    # `ดำเนินการที่ภาคไหน` (profile `[label_questions]`): its สถานที่ดำเนินการ. Before: no label read.
    from assistant.understand import item_labels
    assert item_labels("โครงการ Bio Economy ของ สวทช. ดำเนินการที่ภาคไหน", []) == ["สถานที่ดำเนินการ"]
