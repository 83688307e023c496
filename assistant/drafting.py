"""Drafting flow: a rationale (หลักการและเหตุผล) for a new project, assembled from the plan's own
statements — context → problem → alignment with the plan → what the project will do — with
every sentence citing its span. The result is a starting draft for staff to edit, not prose
a model invented.
"""
from __future__ import annotations

import re

from assistant.lookup import FactsDB
from assistant.passages import Window, key_terms, score_windows
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _ev
from ingest.records import ScoredChunk
from ingest.tokenize import search_tokens

_DRAFT_WORDS = re.compile(r"ช่วย|ร่าง|เขียน|หลักการและเหตุผล|ให้หน่อย|ครับ|ค่ะ|draft|write|(?:a\s+)?thai|rationale|for a project|"
                          r"a project|project|โครงการ", re.I)
_PROBLEM = re.compile(r"ปัญหา|จุดอ่อน|อุปสรรค|ความท้าทาย|ข้อจำกัด|ขาด|ลดลง|ผลกระทบ|ไม่เพียงพอ|เสี่ยง")
_ACTION = re.compile(r"กิจกรรม|อบรม|ส่งเสริม|พัฒนา|สัมมนา|ให้คำปรึกษา|ถ่ายทอด|จัดทำ|ยกระดับ|เตรียม")
PARTS = {
    "context": ("สภาพและบริบท", "Context"),
    "problem": ("ปัญหาและความจำเป็น", "Problem and need"),
    "alignment": ("ความสอดคล้องกับแผน", "Alignment with the plan"),
    "action": ("สิ่งที่โครงการจะดำเนินการ", "What the project will do"),
}
PER_PART = 2


def topic_of(question: str) -> str:
    """The subject of a drafting request, without the request words."""
    return " ".join(_DRAFT_WORDS.sub(" ", question).split()) or question


def _direction_alignment(q: Query, db: FactsDB, draft: Draft) -> None:
    """The development direction whose title, goals, KPIs and strategies share most key terms with the topic."""
    terms = set(key_terms(q))
    best, best_overlap = None, 0
    for d in db.directions():
        text = " ".join([d["title"]] + [g["text"] for g in d["goals"]] + [s["title"] for s in d["strategies"]])
        overlap = len(terms & set(search_tokens(text)))
        if overlap > best_overlap:
            best, best_overlap = d, overlap
    if best is None:
        return
    draft.say(f"สอดคล้องกับแนวทางการพัฒนาด้านที่ {best['number']} {' '.join(best['title'].split())}", [_ev(best["cite"])])
    for g in best["goals"][:1]:
        draft.say("เป้าประสงค์: " + " ".join(g["text"].split()), [_ev(g["cite"])])
    for k in db.kpis(best["number"])[:2]:
        draft.say("ตัวชี้วัด: " + " ".join(k["text"].split()), [_ev(k["cite"])])
    strategies = sorted(best["strategies"], key=lambda s: -len(terms & set(search_tokens(s["title"]))))
    for s in strategies[:1]:
        draft.say(f"กลยุทธ์ที่ {s['number']} {' '.join(s['title'].split())}", [_ev(s["cite"])])


def rationale(q: Query, hits: list[ScoredChunk], db: FactsDB, idf: dict[str, float]) -> Draft:
    """Assemble a cited rationale draft from retrieved passages and the plan's directions."""
    draft = Draft()
    windows = score_windows(q, hits, db, idf)
    buckets: dict[str, list[Window]] = {"context": [], "problem": [], "action": []}
    used: list[Window] = []
    for w in windows:
        if w.coverage < 0.2:
            break
        if any(w.doc_id == u.doc_id and w.line_start <= u.line_end and u.line_start <= w.line_end for u in used):
            continue
        part = "problem" if _PROBLEM.search(w.text) else "action" if _ACTION.search(w.text) else "context"
        if len(buckets[part]) < PER_PART:
            buckets[part].append(w)
            used.append(w)
    if not used:
        draft.refused, draft.support = True, 0.0
        draft.say("แผนไม่มีข้อความที่เกี่ยวข้องกับหัวข้อนี้มากพอจะร่างหลักการและเหตุผลได้", template=True)
        return draft
    draft.support = used[0].coverage
    draft.say(f"ร่างหลักการและเหตุผล: {topic_of(q.text)} (ประกอบจากข้อความในแผน โปรดตรวจทานและเรียบเรียงก่อนใช้)", template=True)
    for part in ("context", "problem", "alignment", "action"):
        if part != "alignment" and not buckets[part]:
            continue
        draft.say(PARTS[part][0] + ":", template=True)
        if part == "alignment":
            _direction_alignment(q, db, draft)
            continue
        for w in buckets[part]:
            draft.say(w.text, [Evidence(w.doc_id, w.line_start, w.line_end, db.cite(w.doc_id, w.line_start, w.line_end).quote,
                                        "retrieval", round(w.score, 4))])
    return draft
