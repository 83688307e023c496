"""Drafted rationales over the real sample plan (extractive engine): structure, evidence, citations,
figures, and no fragments or bare numbers."""

import re

import pytest

from assistant.draft_compose import PARTS, check
from assistant.draft_evidence import Piece
from assistant.draft_text import bare_numbers, compact, fragment_reason
from assistant.drafting import existing_project, topic_of
from assistant.passages import figures_of
from assistant.pipeline import Assistant, Turn
from assistant.records import Evidence
from eval.scoring import invented_figures

pytestmark = pytest.mark.slow

NEW_TH = "ช่วยร่างหลักการและเหตุผลโครงการใหม่ ส่งเสริมอุตสาหกรรมเซรามิกด้วยนวัตกรรม"
NEW_TH_LABOUR = "ร่างหลักการและเหตุผลโครงการใหม่ พัฒนาทักษะแรงงานฝีมือให้ตรงความต้องการของภาคอุตสาหกรรม"
EXISTING_TH = "ช่วยร่างหลักการและเหตุผลโครงการพัฒนาศักยภาพผู้ประกอบการในยุคเศรษฐกิจสร้างสรรค์"
EXISTING_EN = "Please draft the rationale for the SME transformation project"
_MARKS = re.compile(r"\s*((?:\[\d+\])+)\s*$")
_QUOTE = re.compile(r"“([^”]+)”")


@pytest.fixture(scope="module")
def sample(sample_settings, embeddings):
    assistant = Assistant(sample_settings, embeddings)
    yield assistant
    assistant.close()


@pytest.fixture(scope="module")
def drafts(sample):
    out = {}
    for request in (NEW_TH, NEW_TH_LABOUR, EXISTING_TH, EXISTING_EN):
        turn = sample.gather(sample.route(sample.resolve(Turn(request))))
        out[request] = (turn.draft, sample.finish(sample.write(turn)))
    return out


def _body(answer) -> list[str]:
    lines = [line for line in answer.answer.splitlines() if line.strip()]
    return [line for line in lines[1:] if _MARKS.search(line) or not line.endswith(":")]


@pytest.mark.parametrize("request_text", [NEW_TH, NEW_TH_LABOUR, EXISTING_TH, EXISTING_EN])
def test_every_sentence_is_cited_whole_and_its_values_are_in_its_spans(drafts, request_text):
    draft, answer = drafts[request_text]
    assert answer.route == "draft" and not answer.refused and answer.all_verified
    body = _body(answer)
    assert len(body) >= 5
    by_n = {c.n: c for c in answer.citations}
    for line in body:
        marks = _MARKS.search(line)
        assert marks, f"uncited: {line}"
        sentence = _MARKS.sub("", line)
        assert not bare_numbers(sentence), sentence
        spans = [by_n[int(n)].quote for n in re.findall(r"\d+", marks.group(1))]
        for value in _QUOTE.findall(sentence):
            assert fragment_reason(value) is None, value
            assert any(compact(value) in compact(s) for s in spans), f"not in its cited span: {value}"
        figures = figures_of(sentence)
        vouched = set().union(*(set(figures_of(s, list_marks=True)) for s in spans))
        vouched |= {f.value for f in answer.figures if f.provenance == "lookup"}
        assert all(f in vouched or any(float(f) == float(v) for v in vouched if v.replace(".", "").isdigit())
                   for f in figures), sentence
    assert invented_figures(answer.to_dict(), answer.resolved_question) == []


@pytest.mark.parametrize("request_text", [NEW_TH, EXISTING_TH])
def test_parts_come_in_proposal_order(drafts, request_text):
    _, answer = drafts[request_text]
    text = answer.answer
    heads = [text.find(PARTS[p][0] + ":") for p in ("background", "alignment", "need")]
    assert all(h > 0 for h in heads) and heads == sorted(heads)
    assert answer.answer.startswith("ร่างหลักการและเหตุผล")


def test_new_topic_draws_on_situation_problem_alignment_and_precedent(drafts):
    draft, answer = drafts[NEW_TH]
    assert set(draft.gathered.categories()) == {"situation", "problem", "alignment", "precedent"}
    kept = {c for cats in draft.categories for c in cats}
    assert {"situation", "problem", "alignment", "precedent"} <= kept
    # the plan's own statements: its vision, a weakness from its SWOT, its direction heading
    assert "วิสัยทัศน์" in answer.answer and "จุดอ่อน" in answer.answer and "แนวทางการพัฒนาด้านที่" in answer.answer
    # the request's words are not restated as content
    topic = topic_of(NEW_TH)
    assert all(topic not in line for line in _body(answer))


def test_skills_topic_cites_the_skilled_labour_weakness(drafts):
    draft, answer = drafts[NEW_TH_LABOUR]
    problems = [p.text for p in draft.gathered.of("problem")]
    assert any("แรงงานทักษะฝีมือ" in p for p in problems)
    assert any("แรงงานทักษะฝีมือ" in line for line in _body(answer))


def test_existing_project_is_drafted_from_its_own_facts(drafts, sample):
    draft, answer = drafts[EXISTING_EN]
    project = draft.gathered.project
    assert project is not None and "SME transformation" in project.name
    assert answer.answer.startswith("Draft rationale:")
    assert any(f.provenance == "lookup" for f in answer.figures)  # its budget, from the lookup
    direction = draft.gathered.of("alignment", "direction")
    assert direction and direction[0].extra["number"] == project.direction
    assert existing_project(NEW_TH, topic_of(NEW_TH), sample.db) is None  # "ใหม่": never an existing project


def test_a_template_sentence_is_checked_by_its_values(sample):
    cite = sample.db.cite(sample.db.directions()[0]["cite"]["doc_id"], 1, 3)
    piece = Piece("situation", "statistic", "x", Evidence(cite.doc_id, 1, 3, cite.quote, "retrieval"))
    words = cite.quote.split()
    good = " ".join(words[:4])
    assert check(f"แผนระบุว่า “{good}”", [piece], [good], []) is None
    assert "not in its cited span" in check("แผนระบุว่า “ข้อความที่ไม่มีในแผน”", [piece], ["ข้อความที่ไม่มีในแผน"], [])
    assert "figure" in check(f"แผนระบุว่า “{good}” จำนวน 987654 ราย", [piece], [good], [])


def test_a_model_rewrite_is_screened_by_the_same_value_check(drafts):
    draft, _ = drafts[NEW_TH]
    from assistant.records import Sentence

    own = draft.sentences[2]
    i = own.cites[0]
    quote = _QUOTE.findall(own.text)[0]  # a whole statement of the cited span
    rewrite = [own,
               Sentence(f"แผนกล่าวถึง “{quote}” ไว้ชัดเจน", [i]),
               Sentence("แผนระบุว่า “โรงงานเซรามิกทั้งหมดปิดตัวแล้ว”", [i]),
               Sentence("2566 2567 2568", [i])]
    before = len(draft.dropped)
    kept = draft.screen(rewrite)
    assert [s.text for s in kept] == [own.text, rewrite[1].text]
    assert len(draft.dropped) == before + 2 and all(d.startswith("rewrite: ") for d in draft.dropped[before:])


def test_a_topic_the_plan_does_not_cover_is_refused_without_figures(sample):
    a = sample.ask("ช่วยร่างหลักการและเหตุผลโครงการใหม่ การเลี้ยงปลาวาฬในอวกาศ")
    assert a.route == "draft" and a.refused and not a.citations
    assert a.answer.startswith("แผนไม่มีข้อความ") and not figures_of(a.answer)
