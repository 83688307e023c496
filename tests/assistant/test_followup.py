"""Follow-up questions resolve against the previous question."""
from assistant.followup import is_followup, resolve_followup

PREVIOUS = "โครงการยกระดับโรงงานแปรรูปผลไม้ งบจังหวัด ปี 2568 ขอใช้งบเท่าไร"


def test_new_year_replaces_the_old_one():
    assert resolve_followup("แล้วปี 2569 ล่ะ", PREVIOUS) == PREVIOUS.replace("2568", "2569")
    assert "ปี 2569" in resolve_followup("what about FY 69?", PREVIOUS)


def test_new_source_replaces_the_old_one():
    resolved = resolve_followup("แล้วงบกระทรวงล่ะ", PREVIOUS)
    assert "งบกระทรวง" in resolved and "งบจังหวัด" not in resolved and "2568" in resolved


def test_complete_questions_are_left_alone():
    question = "โครงการจัดการกากอุตสาหกรรม ใช้งบเท่าไร"
    assert not is_followup(question)
    assert resolve_followup(question, PREVIOUS) == question
    assert resolve_followup("แล้วปี 2569 ล่ะ", None) == "แล้วปี 2569 ล่ะ"


def test_a_follow_up_naming_another_project_asks_the_same_of_it():
    # Before: "แล้วโครงการ X ล่ะ" was answered as a question of its own, which asks nothing.
    assert resolve_followup("แล้วโครงการพัฒนาบรรจุภัณฑ์ล่ะ", PREVIOUS) == "โครงการ พัฒนาบรรจุภัณฑ์ งบจังหวัด ปี 2568 ขอใช้งบเท่าไร"
    assert resolve_followup("แล้วโครงการพัฒนาบรรจุภัณฑ์ ปี 2569 ล่ะ", PREVIOUS).endswith("ปี 2569 ขอใช้งบเท่าไร")
    english = resolve_followup("what about the Eco Town project?", "What is the budget of the Creative Economy project?")
    assert english == "What is the budget of the Eco Town project?"
