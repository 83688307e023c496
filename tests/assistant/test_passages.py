"""Passage checks without an index: the places a question names."""
from assistant.passages import asked_places


def test_the_place_a_question_names_after_a_place_word():
    assert asked_places("จังหวัดลำพูนมีโรงงานตาม พ.ร.บ.โรงงานทั้งหมดกี่โรง") == ["ลำพูน"]
    assert asked_places("จังหวัดลำปางมีประชากรกี่คน") == ["ลำปาง"]
    assert asked_places("ประชากรลำปางมีกี่คน") == []
