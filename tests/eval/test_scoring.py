"""The scorer on hand-written answers: right, wrong, Thai-digit variant, refusal, invented figure."""
from eval.scoring import contains_all, invented_figures, normalize, score_answer

GOLD = {"id": "q1", "category": "exact_figure", "question": "โครงการ ก ใช้งบเท่าไร ปีไหน",
        "must_contain": ["3,500,000", "2568"], "evidence_lines": [[10, 12]]}
REFUSAL = ["ไม่มี|ไม่ได้ระบุ|not stated"]


def _answer(text: str, quote: str = "งบประมาณ 3,500,000 บาท ปี 2568", refused: bool = False, lines=(10, 10)) -> dict:
    return {"answer": text, "refused": refused, "figures": [],
            "citations": [{"quote": quote, "line_start": lines[0], "line_end": lines[1], "verified": True}]}


def test_right_answer_scores_correct_with_cited_gold_lines():
    s = score_answer(GOLD, _answer("3,500,000 บาท ปีงบประมาณ 2568 [1]"))
    assert s.correct and s.citations_on_gold == 1 and s.citations_verified == 1 and s.invented == []


def test_wrong_answer_names_what_is_missing():
    s = score_answer(GOLD, _answer("3,000,000 บาท ปีงบประมาณ 2568 [1]", lines=(40, 41)))
    assert not s.correct and s.missing == ["3,500,000"] and s.citations_on_gold == 0


def test_thai_digits_spaces_and_tone_order_normalise():
    assert contains_all("๓,๕๐๐,๐๐๐ บาท ปี ๒๕๖๘", GOLD["must_contain"])[0]
    assert contains_all("3 500 000", ["3500000"])[0]
    assert normalize("เพ่ือ") == normalize("เพื่อ")


def test_refusal_alternatives_and_invented_figure():
    assert contains_all("แผนไม่ได้ระบุข้อมูลนี้", REFUSAL)[0]
    assert contains_all("The plan does not state this; it is not stated.", REFUSAL)[0]
    assert not contains_all("งบประมาณ 2,000,000 บาท", REFUSAL)[0]
    made_up = _answer("งบประมาณ 9,999,999 บาท [1]")
    assert invented_figures(made_up, GOLD["question"]) == ["9999999"]
    looked_up = _answer("3.50 ล้านบาท = 3,500,000 บาท [1]", quote="3.50")
    looked_up["figures"] = [{"value": "3500000", "provenance": "lookup", "citation": 1}]
    assert invented_figures(looked_up, GOLD["question"]) == []
