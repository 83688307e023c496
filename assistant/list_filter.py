"""The items of a list that meet a question's condition (`ผู้ประกอบการ 10 ราย… มีรายไหนบ้างที่ใช้เครื่องอัดร้อน`): the
list the answering passage introduces (`…จำนวน 10 ราย ได้แก่` and its numbered items), read whole, and of its items
those printing most of the condition's words (weighted by rarity), each cited. The passage is left as it is when
the question sets no condition, no list is there, or every item (or none) meets it."""
from __future__ import annotations

import re

from assistant.lookup import FactsDB
from assistant.outline import compact
from assistant.passages import list_end, term_weights
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from ingest.lists import parse_marker
from ingest.tokenize import search_tokens
from ingest.vocabulary import alternation, query_words, vocabulary

INTRO_ABOVE = 8  # lines above the answering passage its list's intro may be printed on
LIST_CHARS = 4000  # characters of a list read whole
MEETS = 0.6  # share of the condition's (idf-weighted) words an item must print
MIN_TERMS = 1  # content words a condition must type


def condition(text: str) -> str | None:
    """The condition a list question sets after its which-word (`…รายไหนบ้างที่ใช้เครื่องอัดร้อน` →
    `ใช้เครื่องอัดร้อน`)."""
    qw = query_words()
    which = alternation([w for w in qw.which_words if not w.isascii()])
    m = re.search(which + r"\s*" + alternation(qw.condition_words) + r"\s*(?P<condition>.+)$", text)
    return m.group("condition").strip() if m and qw.condition_words else None


def _items(db: FactsDB, doc_id: str, intro: int) -> list[tuple[int, int, str]]:
    """(first, last line, text) of each item of the list printed below its intro line."""
    end = list_end(db, doc_id, intro, LIST_CHARS)
    items: list[tuple[int, int, str]] = []
    key = None
    for n, text, _ in db.lines(doc_id, intro + 1, end):
        if not text.strip():
            continue
        marker = parse_marker(text)
        key = marker.key if key is None and marker is not None else key
        if marker is not None and marker.key != key:
            break  # `4.4 ข้อมูลสรุป…` after items `1)`…`10)`: the next section, not an item
        if marker is not None or not items:
            items.append((n, n, text.strip()))
        else:
            first, _, shown = items[-1]
            items[-1] = (first, n, f"{shown} {text.strip()}")
    return items


def filtered(q: Query, draft: Draft, db: FactsDB, idf: dict[str, float]) -> Draft:
    """The draft's list narrowed to the items meeting the question's condition (see the module's docstring)."""
    wanted = condition(q.text) if q.wants_list and not draft.refused and draft.evidence else None
    if not wanted:
        return draft
    terms = [t for t in search_tokens(wanted) if len(t) > 1 and t not in query_words().question_words]
    if len(terms) < MIN_TERMS:
        return draft
    weights = term_weights(terms, idf)
    total = sum(weights.values())
    e = draft.evidence[0]
    endings = tuple(vocabulary().lists.intro_endings)
    intro = next((n for n, text, _ in reversed(db.lines(e.doc_id, max(1, e.line_start - INTRO_ABOVE), e.line_end))
                  if text.strip().endswith(endings)), None)
    items = _items(db, e.doc_id, intro) if intro is not None else []
    meets = [it for it in items if sum(w for t, w in weights.items() if compact(t) in compact(it[2])) >= MEETS * total]
    if len(items) < 2 or not meets or len(meets) == len(items):
        return draft
    out = Draft(support=draft.support)
    lead = db.evidence(e.doc_id, intro, intro)
    shown = " ".join(lead.quote.split())
    out.say(_t(q, f"จากรายการ {len(items)} ข้อ (“{shown}”) ข้อที่{wanted}มี {len(meets)} ข้อ:",
               f"Of the {len(items)} items listed (“{shown}”), {len(meets)} match:"),
            [lead], template=True, computed=[str(len(items)), str(len(meets))])
    for first, last, _ in meets:
        item = db.evidence(e.doc_id, first, last)
        out.say(" ".join(item.quote.split()), [item])
    return out
