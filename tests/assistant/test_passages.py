"""Passage checks without an index: the places a question names."""
from assistant.passages import asked_places


def test_the_place_a_question_names_after_a_place_word():
    assert asked_places("จังหวัดลำพูนมีโรงงานตาม พ.ร.บ.โรงงานทั้งหมดกี่โรง") == ["ลำพูน"]
    assert asked_places("จังหวัดลำปางมีประชากรกี่คน") == ["ลำปาง"]
    assert asked_places("ประชากรลำปางมีกี่คน") == []


def test_a_word_after_a_place_word_that_is_not_a_name_is_no_place():
    # `…แผนพัฒนาจังหวัด/กลุ่มจังหวัดไว้ว่าอะไร` names no place; `จังหวัดภายใต้แนวทาง…` neither.
    assert asked_places("โครงการนี้ระบุความเชื่อมโยงกับแผนพัฒนาจังหวัด/กลุ่มจังหวัดไว้ว่าอะไร") == []
    assert asked_places("รวมงบโครงการที่ของบประมาณจังหวัดภายใต้แนวทางด้านที่ 2 เป็นเงินเท่าไร") == []
