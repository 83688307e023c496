"""A question asking which country, village, community or company (`ร่วมมือกับประเทศอะไรบ้าง`): answered only by a
passage that names one, over the sample's real lines and a budget book's real budget line."""
from __future__ import annotations

from assistant.asked_names import asked_kinds, states_asked_name
from assistant.records import Evidence
from assistant.route import analyse
from tests.conftest import ask_excerpt


def _evidence(*quotes: str) -> list[Evidence]:
    return [Evidence("doc", i + 1, i + 1, q, "retrieval") for i, q in enumerate(quotes)]


def test_the_kinds_a_question_asks_which_one_of():
    assert asked_kinds("โครงการความร่วมมือระหว่างประเทศด้านอุตสาหกรรมการแพทย์ของ TCELS จะร่วมมือกับประเทศอะไรบ้าง") \
        == ["ประเทศ"]  # `ระหว่างประเทศด้าน…`: a kind word no which word follows
    assert asked_kinds("จะลงพื้นที่ชุมชนหรือหมู่บ้านไหนบ้าง") == ["ชุมชน", "หมู่บ้าน"]
    assert asked_kinds("ชุมชนในพื้นที่ได้รับงบเท่าไร") == []


def test_a_budget_line_names_no_country_asked():
    # vol. 3's budget line of TCELS's international cooperation project, as the book prints it
    question = analyse("โครงการความร่วมมือระหว่างประเทศด้านอุตสาหกรรมการแพทย์ของ TCELS จะร่วมมือกับประเทศอะไรบ้าง")
    assert not states_asked_name(question, _evidence("1.1 เงินอุดหนุนทั่วไป 2,557,800 บาท 1) ค่าใช้จ่ายดำเนินงาน 2,557,800 บาท"))
    assert states_asked_name(question, _evidence("ความร่วมมือกับเครือข่ายในสาธารณรัฐเกาหลีและญี่ปุ่น"))


def test_a_village_is_named_by_a_word_no_dictionary_holds_not_by_ordinary_wording():
    question = analyse("โครงการ OPOAI-C ปี 66 ไปพัฒนาผลิตภัณฑ์ให้ชุมชนหรือหมู่บ้านไหนบ้าง")
    assert not states_asked_name(question, _evidence("5. การค้นหาอัตลักษณ์ของชุมชน นำไปสู่การพัฒนาสินค้าและการบริการ"))
    # the sample's line 3055, as printed
    assert states_asked_name(question, _evidence(
        "2.4 วิสาหกิจชุมชนกลุ่มน้ำพริกเผาผลไม้ตามฤดูกาล บ้านเวียงสวรรค์ ม.9 ต.แม่เมาะ พัฒนาผลิตภัณฑ์"))


def test_a_community_asked_is_not_answered_by_the_projects_own_title_or_its_outputs(tmp_path_factory):
    # Before: the brief's wording given as the answer (`5. การค้นหาอัตลักษณ์ของชุมชน นำไปสู่การพัฒนาสินค้า…`).
    refused, named = ask_excerpt(
        tmp_path_factory, "asked-names", 1540, 1700,
        "โครงการต่อยอดภูมิปัญญาท้องถิ่นผสานอัตลักษณ์ชุมชนฯ ปี 67 จะลงพื้นที่ชุมชนหรือหมู่บ้านไหนบ้าง",
        "โครงการต่อยอดภูมิปัญญาท้องถิ่นผสานอัตลักษณ์ชุมชนฯ มีตัวชี้วัดความสำเร็จอะไรบ้าง")
    assert refused.refused
    assert not named.refused and "30" in named.answer  # the same brief still answers what it prints


def test_a_company_printed_after_its_kind_word_answers(tmp_path_factory):
    answer, = ask_excerpt(tmp_path_factory, "asked-company", 3075, 3095,
                          "บริษัทใดร่วมลงนาม MOU กับอุตสาหกรรมจังหวัดลำปาง")
    assert not answer.refused and "นอร์ธเทิร์น" in answer.answer
