"""The quality harness on the dev set over the real sample index: the CI gate, and question files
that point at documents or lines the index does not have."""
import json

import pytest

from eval.harness import EvalError, evaluate, gate_failures, to_markdown, write_section
from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow
DEV = ROOT / "eval" / "questions_dev.jsonl"


def test_dev_set_passes_the_gate(sample_settings, tmp_path):
    report = evaluate(sample_settings, DEV)
    assert gate_failures(report) == [], to_markdown(report, "dev")
    exact = report["by_category"]["exact_figure"]
    assert exact["accuracy"] == 1.0 and report["overall"]["unverified_citations"] == 0
    assert report["by_category"]["unanswerable"]["refusal_accuracy"] == 1.0
    assert report["overall"]["invented_figures"] == 0
    results = tmp_path / "RESULTS.md"
    write_section(results, "quality-extractive", to_markdown(report, "dev"))
    write_section(results, "quality-extractive", to_markdown(report, "dev again"))
    text = results.read_text(encoding="utf-8")
    assert text.count("quality-extractive:start") == 1 and "dev again" in text


def test_questions_about_missing_documents_or_lines_are_errors(sample_settings, tmp_path):
    q = json.loads(DEV.read_text(encoding="utf-8").splitlines()[0])
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(q | {"doc": "not-ingested.pdf"}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EvalError, match="not in the index"):
        evaluate(sample_settings, other)
    named = tmp_path / "named.jsonl"  # a document may be named by its file name when that is unique
    named.write_text(json.dumps(q | {"doc": SAMPLE.name}, ensure_ascii=False), encoding="utf-8")
    assert evaluate(sample_settings, named)["overall"]
    far = tmp_path / "far.jsonl"
    far.write_text(json.dumps(q | {"evidence_lines": [[900000, 900001]]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EvalError, match="outside"):
        evaluate(sample_settings, far)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="lacks"):
        evaluate(sample_settings, bad)


class _Pages:
    """The one FactsDB query page evidence needs, over real lines of a budget book's page (p. 13, vol. 6)."""

    rows = [(196, "งบประมาณรายจ่าย บาท บาท"), (214, "งบประมาณ ปี 2564 ปี 2565"), (215, " 29,335,706,900 28,325,492,800"),
            (217, " ประชาชนมีคุณภาพชีวิตที่ดีภายใต้ระบบนิเวศที่ยั่งยืน")]

    def lines_on_page(self, doc_id, page):
        return self.rows if page == 13 else []


@pytest.mark.parametrize("quote, spans", [("28,325,492,800", [[215, 215]]), ("ปี 2565 29,335,706,900", [[214, 215]]),
                                          ("not printed here", [[196, 217]])])
def test_page_and_quote_evidence_becomes_line_spans(quote, spans):
    from eval.harness import page_lines

    assert page_lines(_Pages(), "book", 13, quote) == spans
    assert page_lines(_Pages(), "book", 14, quote) == []


def test_questions_may_give_page_evidence_instead_of_lines(tmp_path):
    from eval.harness import load_questions

    f = tmp_path / "q.jsonl"
    base = {"id": "b1", "question": "q", "category": "exact_figure", "must_contain": ["1"]}
    f.write_text(json.dumps(base | {"evidence_page": 13, "evidence_quote": "x"}), encoding="utf-8")
    assert load_questions(f)[0]["evidence_page"] == 13
    f.write_text(json.dumps(base), encoding="utf-8")
    with pytest.raises(EvalError, match="evidence_lines or evidence_page"):
        load_questions(f)


def test_an_unanswerable_question_needs_no_evidence(tmp_path):
    from eval.harness import load_questions

    f = tmp_path / "q.jsonl"
    q = {"id": "u1", "question": "q", "category": "unanswerable", "must_contain": ["ไม่มี"], "evidence_lines": []}
    f.write_text(json.dumps(q), encoding="utf-8")
    assert load_questions(f)[0]["id"] == "u1"
