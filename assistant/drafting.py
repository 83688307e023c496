"""Drafting flow: a rationale (หลักการและเหตุผล) for a new project idea or an existing project of
the plan, built from the plan's own statements and figures — situation, problem, alignment with the
plan and its higher plans, precedent — and composed as a Thai proposal section
(ความเป็นมาและสภาพปัญหา → ความสอดคล้องกับแผน → ความจำเป็นของโครงการ), every sentence cited.
The result is a starting draft for staff to edit, not prose a model invented.

Evidence: assistant/draft_evidence.py; sentences and their value check: assistant/draft_compose.py;
.docx / Markdown: assistant/draft_export.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from assistant.draft_compose import PARTS, RationaleDraft, compose
from assistant.draft_evidence import Topic, gather, load_outlines
from assistant.lookup import FactsDB, ProjectRow
from assistant.retrieve import Retriever
from assistant.route import Query, analyse
from ingest.store import generation_dir
from ingest.vocabulary import rationale_words

# Request words (Thai and English) that ask for a draft and are not its topic.
_DRAFT_WORDS = re.compile(
    r"ช่วย|ร่าง|เขียน|หลักการและเหตุผล|ให้หน่อย|ให้ด้วย|หน่อย|ครับ|ค่ะ|คะ|สำหรับ|เรื่อง|หัวข้อ|"
    r"\bdraft(?:ing)?\b|\bwrite\b|\bcompose\b|\bprepare\b|\bplease\b|\b(?:a|an|the)\b|\bshort\b|\bin thai\b|\bthai\b|"
    r"\brationale\b|\bjustification\b|\bfor\b|\bof\b|\bon\b|\babout\b|\bour\b|\bproject\b|\bproposal\b|โครงการ",
    re.I)
_NEW = re.compile(r"ใหม่|\bnew\b|idea|แนวคิด", re.I)
_EMPTY_PUNCT = re.compile(r"[()\[\]'\"“”‘’:,]+")
PROJECT_MATCH = 0.75  # how well the topic must name a project of the plan to draft for that project
HITS = 10
STAT_TERMS = 2  # how many of the topic's rarest words the statistics search uses


class Sources(Protocol):
    """What drafting reads: the pinned index (passages and facts) and where its documents' models are."""

    retriever: Retriever
    db: FactsDB
    settings: object
    generation: str


def topic_of(question: str) -> str:
    """The subject of a drafting request, without the request words (and empty brackets they leave)."""
    text = _EMPTY_PUNCT.sub(" ", _DRAFT_WORDS.sub(" ", _NEW.sub(" ", question)))
    text = " ".join(text.split())
    return text or " ".join(question.split())


def statistics_query(topic: Query, idf: dict[str, float]) -> str:
    """The topic's rarest words with the words statistics are printed with: finds the figures on the topic."""
    terms = sorted((t for t in Topic(topic, idf).core if t in idf), key=lambda t: -idf[t])[:STAT_TERMS]
    return " ".join(terms + list(rationale_words().statistic_words))


def existing_project(question: str, topic: str, db: FactsDB) -> ProjectRow | None:
    """The plan's project the request names, unless it asks for a new one."""
    if _NEW.search(question) or not topic:
        return None
    found = db.find_projects(topic, limit=1, min_score=PROJECT_MATCH)
    return found[0] if found else None


def rationale(q: Query, sources: Sources) -> RationaleDraft:
    """A cited rationale draft for the request `q` (route "draft")."""
    topic_text = topic_of(q.text)
    project = existing_project(q.text, topic_text, sources.db)
    search_text = project.name if project else topic_text
    topic = analyse(search_text)
    topic.language = q.language
    idf = sources.retriever.snapshot.bm25.idf
    hits = sources.retriever.search(search_text, k=HITS).hits
    # Keywords too: a statistic on the topic often sits in a table chunk that meaning-based ranking places low.
    seen = {h.chunk.chunk_id for h in hits}
    hits += [h for h in sources.retriever.search(search_text, k=HITS, mode="bm25").hits if h.chunk.chunk_id not in seen]
    hits += [h for h in sources.retriever.search(statistics_query(topic, idf), k=HITS, mode="bm25").hits
             if h.chunk.chunk_id not in {x.chunk.chunk_id for x in hits}]
    documents = generation_dir(Path(sources.settings.data_dir), sources.generation) / "documents"
    outlines = load_outlines(documents, sorted({h.chunk.doc_id for h in hits} | ({project.doc_id} if project else set())))
    g = gather(topic, hits, sources.db, idf, outlines, project)
    draft = compose(g, q.language)
    body = [s for s, part in zip(draft.sentences, draft.parts) if part]
    if len(g.categories()) < 2 or len(body) < 2:
        refusal = RationaleDraft(language=q.language, gathered=g, dropped=draft.dropped, refused=True, support=0.0)
        refusal.heading("แผนไม่มีข้อความที่เกี่ยวข้องกับหัวข้อนี้มากพอจะร่างหลักการและเหตุผลได้" if q.language != "en" else
                        "The plan does not say enough about this topic to draft a rationale.")
        return refusal
    draft.support = len(g.categories()) / 4
    return draft


__all__ = ["PARTS", "RationaleDraft", "existing_project", "rationale", "topic_of"]
