"""When the facts have no such project, answer from the document's text instead of refusing.

The facts layer misses projects in layouts its readers do not know yet; a budget question about
one must still be answered when the text prints it. Only lines *about* the project count: the
project's name must lead the line (after item numbers and the word โครงการ), so an amount from a
neighbouring row or a sub-item that merely mentions the name (`2) ค่าใช้จ่ายโครงการ…<name> …`)
is never given as the project's figure. A refusal stays a refusal when no such line is found.
"""
from __future__ import annotations

import re

from assistant.lookup import FactsDB
from assistant.passages import figures_of, select_passages
from assistant.plan_levels import AMOUNT, COVER_LINES, heading_amount
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from ingest.facts import compact_name
from ingest.thai_repair import index_form

_LEAD = re.compile(r"(?:\d+|โครงการ|ที่)*")  # before the name: item numbers, `โครงการ`, `โครงการที่ 1 :`
_NEXT_ITEM = re.compile(r"^\s*(?:[0-9๐-๙]{1,3}[.)]|\([0-9๐-๙]{1,3}\)|โครงการ)")
FOLLOW_LINES = 3  # a brief may print the amount a few lines under the name


def _has_amount(text: str, q: Query) -> bool:
    """A budget question wants an amount (`53,601,400`, `3.50`), not an item number (`1 :`)."""
    if q.route == "budget":
        return AMOUNT.search(text) is not None or re.search(r"\d+\.\d+", text) is not None
    return bool(figures_of(text))


def about(line: str, name: str) -> bool:
    """True when the line names the project at its start (its subject), not in passing."""
    target, text = compact_name(name), compact_name(line)
    if len(target) < 6 or target not in text:
        return False
    return _LEAD.fullmatch(text[: text.index(target)]) is not None


def project_lines(q: Query, evidence: list[Evidence], db: FactsDB) -> list[Evidence]:
    """Spans inside the retrieved windows that are about the asked project: its line, and for a figure
    question the first following line with a figure when its own line has none (before any next item)."""
    found: list[Evidence] = []
    for e in evidence:
        lines = db.lines(e.doc_id, e.line_start, e.line_end + FOLLOW_LINES)
        for k, (n, text, _) in enumerate(lines):
            if n > e.line_end or not about(text, q.project_name or ""):
                continue
            end = n
            if q.wants_figure and not _has_amount(text, q):
                after = lines[k + 1:k + 1 + FOLLOW_LINES]
                j = next((i for i, (_, t, _) in enumerate(after) if _has_amount(t, q)), None)
                if j is None or any(_NEXT_ITEM.match(t) for _, t, _ in after[:j + 1]):
                    continue  # no amount before the next item starts: nothing to give as this project's
                end = after[j][0]
            cite = db.cite(e.doc_id, n, end)
            found.append(Evidence(e.doc_id, n, end, cite.quote, "retrieval", e.score))
    return found


def from_text(q: Query, refusal: Draft, retriever, db: FactsDB, min_support: float) -> Draft:
    """The project's own lines from the text, said to come from the text; else the refusal as it was."""
    if not q.project_name:
        return refusal
    hits = retriever.search(q.text).hits
    evidence, support = select_passages(q, hits, db, retriever.snapshot.bm25.idf, limit=4)
    own = project_lines(q, evidence, db)
    if not own or support < min_support:
        return refusal
    draft = Draft(support=support)
    draft.say(_t(q, "ข้อมูลโครงสร้างของแผน (ตารางงบประมาณ/แบบย่อโครงการ) ไม่มีโครงการนี้ แต่ข้อความในเอกสารระบุว่า:",
                 "The plan's structured facts do not hold this project, but the document's text says:"), template=True)
    for e in own:
        draft.say(" ".join(e.quote.split()), [e])
    return draft


NAME_HEAD = 8  # the first characters of a name find the line it starts on (the rest may wrap or break)


def from_outline(q: Query, refusal: Draft, outline, db: FactsDB) -> Draft:
    """The amount a budget book prints at the end of the project's own heading (`7.4.1 โครงการที่ 1 :
    โครงการ… 53,601,400`), cited with the heading; else the refusal as it was."""
    if not q.project_name:
        return refusal
    for score, h in outline.placements(q.project_name)[:3]:
        cover = index_form(" ".join(t for _, t, _ in db.lines(h.doc_id, 1, COVER_LINES)))
        if q.year and str(q.year) not in cover:
            continue  # the book's fiscal year (printed on its cover) is not the one asked
        found = heading_amount(db, h.doc_id, h.line)
        if found is None:
            continue
        end = found[0]
        head = compact_name(q.project_name)[:NAME_HEAD]
        start = next((n for n, text, _ in db.lines(h.doc_id, h.line, end) if head in compact_name(text)), h.line)
        cite = db.cite(h.doc_id, start, end)
        e = Evidence(h.doc_id, start, end, cite.quote, "retrieval", score)
        draft = Draft(support=score)
        draft.say(_t(q, "ข้อมูลโครงสร้างของแผนไม่มีโครงการนี้ แต่หัวข้อของโครงการในเอกสารระบุวงเงินไว้ว่า:",
                     "The structured facts do not hold this project, but its heading in the document prints its amount:"),
                  template=True)
        draft.say(" ".join(e.quote.split()), [e])
        return draft
    return refusal
