from assistant.normalize import expand_english, normalize_query
from assistant.retrieve import rrf


def test_rrf_weights_and_order():
    scores = rrf([["a", "b"], ["b", "c"]], k=60)
    assert max(scores, key=scores.get) == "b"
    weighted = rrf([["a", "x"], ["c", "y"]], k=60, weights=[1.0, 3.0])
    assert max(weighted, key=weighted.get) == "c"


def test_normalize_query_repairs_and_maps_digits():
    assert normalize_query("งบ ปี ๒๕๖๘  ของโครงการ") == "งบ ปี 2568 ของโครงการ"
    assert normalize_query("เพ่ือ 1,500,000") == "เพื่อ 1500000"


def test_english_plan_terms_get_thai_equivalents():
    assert "งบประมาณ" in expand_english("What is the budget of the project?")
    assert "โครงการ" in expand_english("What is the budget of the project?")
    assert expand_english("ไม่มีคำอังกฤษ") == "ไม่มีคำอังกฤษ"
