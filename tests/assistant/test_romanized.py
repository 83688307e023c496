"""English spellings of Thai names read as the Thai words the documents print."""
from assistant.romanized import RomanizedNames


def test_an_english_spelling_of_a_thai_name_is_read_as_it():
    names = RomanizedNames(["ลำปาง", "อำเภอ", "ชัยนาท", "โครงการ", "งบประมาณ"], known=["project", "budget"])
    assert names.read("How many districts (amphoe) does Lampang have?") == "How many districts (อำเภอ) does ลำปาง have?"
    assert names.thai_for("Chainat") == "ชัยนาท"
    assert names.thai_for("project") is None  # an English term the profile knows
    assert names.thai_for("have") is None and names.thai_for("Lampung") is None  # too short to spell loosely
