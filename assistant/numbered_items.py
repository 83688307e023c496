"""Figures of numbered items a question names by number, added up ("กิจกรรมที่ 1, 3 และ 4 รวมกันตั้งแผนไว้กี่ราย
ทำได้จริงกี่ราย"): each item's statement found where the question's passage is, its figures read in order, and the
figures in the same place of every item (its plan, its result) summed in code, each operand cited."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.compute import format_result
from assistant.lookup import FactsDB
from assistant.passages import ITEM_START
from assistant.route import Query
from assistant.records import Evidence
from assistant.structured_answers import Draft, _t
from assistant.understand import types_any
from ingest.records import ScoredChunk
from ingest.thai_repair import index_form, thai_digits_to_arabic
from ingest.tokenize import words as word_tokens
from ingest.vocabulary import alternation, query_words, vocabulary

SEARCH_HITS = 5  # retrieved chunks whose surroundings are searched for the items, best first
AROUND = 60  # lines around a chunk searched for its items (a report's items run past one chunk)
ITEM_LINES = 6  # lines an item's statement may run to
LABEL_WORDS = 3  # words before a figure that name it (`แผนดำเนินกิจกรรม จำนวน 100 ราย`)


@dataclass
class Figure:
    """One figure an item states: the words naming it, its value as printed, and its unit."""

    label: str
    printed: str
    unit: str


def asked_items(text: str) -> tuple[str, list[int]] | None:
    """The item word and the numbers a question names (`กิจกรรมที่ 1, 3 และ 4` → (`กิจกรรมที่`, [1, 3, 4])):
    two or more, joined by commas, `และ`, `กับ` or `and`."""
    words = vocabulary().lists.item_words
    if not words:
        return None
    m = re.search(alternation(words) + r"\s*(\d+(?:\s*(?:,|และ|กับ|and)\s*\d+)+)", thai_digits_to_arabic(text))
    if m is None:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", m.group(1))]
    word = next(w for w in sorted(words, key=len, reverse=True) if m.group(0).startswith(w))
    return (word, numbers) if len(set(numbers)) == len(numbers) >= 2 else None


def _units() -> list[str]:
    units = vocabulary().units
    return sorted({u for u in (*units.count, *units.measure, *units.currency) if not u.isascii()}, key=len, reverse=True)


def item_figures(text: str) -> list[Figure]:
    """The figures an item's statement prints with a unit, in order, each named by the words before it."""
    form = " ".join(index_form(text).split())
    skip = set(vocabulary().units.count_words)
    out, start = [], 0
    for m in re.finditer(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*" + alternation(_units()), form):
        before = [w for w in word_tokens(form[start:m.start()]) if w.strip() and w not in skip]
        out.append(Figure("".join(before[-LABEL_WORDS:]), m.group(1), m.group(0)[len(m.group(1)):].strip()))
        start = m.end()
    return out


def _statements(db: FactsDB, doc_id: str, first: int, last: int, near: int, word: str,
                numbers: list[int]) -> dict[int, Evidence] | None:
    """Each asked item's statement in lines `first`..`last`: its numbered line and those after it up to the next
    item. Items numbered in order make one list (a number not above the one before starts another: the next
    project's `กิจกรรมที่ 1`); the list holding every asked number, the one reaching line `near` first."""
    lines = [(n, t) for n, t, _ in db.lines(doc_id, first, last) if t.strip()]
    lists: list[dict[int, int]] = []  # item number → its index in `lines`
    for i, (n, text) in enumerate(lines):
        m = re.match(r"\s*" + re.escape(word) + r"\s*(\d+)(?!\d)", thai_digits_to_arabic(text))
        if m is None:
            continue
        number = int(m.group(1))
        if not lists or number <= max(lists[-1]):
            lists.append({})
        lists[-1][number] = i
    whole = [x for x in lists if set(numbers) <= set(x)]
    if not whole:
        return None
    chosen = min(whole, key=lambda x: (lines[max(x.values())][0] < near, abs(lines[min(x.values())][0] - near)))
    found: dict[int, Evidence] = {}
    for number in numbers:
        i = chosen[number]
        end = lines[i][0]
        for k, t in lines[i + 1:i + ITEM_LINES]:
            if ITEM_START.match(t):
                break
            end = k
        found[number] = db.evidence(doc_id, lines[i][0], end)
    return found


def sum_answer(q: Query, hits: list[ScoredChunk], db: FactsDB) -> Draft | None:
    """The sums of the numbered items' figures a question adds up, position by position (each item printing
    its figures in the same units, in the same order); None when the items or their figures are not found."""
    if q.operation != "sum":
        return None
    asked = asked_items(q.text)
    if asked is None:
        return None
    word, numbers = asked
    for hit in hits[:SEARCH_HITS]:
        c = hit.chunk
        items = _statements(db, c.doc_id, max(1, c.line_start - AROUND), c.line_end + AROUND, c.line_start, word,
                            numbers)
        if items is None:
            continue
        figures = {n: item_figures(e.quote) for n, e in items.items()}
        shapes = {tuple(f.unit for f in fs) for fs in figures.values()}
        if len(shapes) != 1 or not next(iter(shapes)):
            return None  # the items state different figures: nothing to add up place by place
        draft = Draft(support=1.0)
        for n in numbers:
            draft.say(f"• {' '.join(items[n].quote.split())}", [items[n]])
        where = f"{word} {', '.join(map(str, numbers))}"
        sums: list[tuple[Figure, Decimal]] = []
        for place, first in enumerate(figures[numbers[0]]):
            operands = [figures[n][place].printed for n in numbers]
            value = sum(Decimal(v.replace(",", "")) for v in operands)
            sums.append((first, value))
            total = format_result(value)
            text = f"{first.label} {' + '.join(operands)} = {total} {first.unit}"
            draft.say(_t(q, f"คำนวณ ({where}): {text}", f"Computed ({where}): {text}"),
                      [items[n] for n in numbers], template=True, computed=[total.replace(",", "")])
        if len(sums) == 2 and types_any(q.text, query_words().exceed_words):  # `เกินแผนไปกี่ราย`: second past first
            (first, a), (second, b) = sums
            gap = format_result(b - a)
            text = f"{second.label} {format_result(b)} − {first.label} {format_result(a)} = {gap} {first.unit}"
            draft.say(_t(q, f"คำนวณ ({where}): {text}", f"Computed ({where}): {text}"),
                      [items[n] for n in numbers], template=True,
                      computed=[x.replace(",", "").lstrip("-") for x in (gap, format_result(a), format_result(b))])
        return draft
    return None


HEADER_ABOVE = 8  # lines above a row its plan and result columns' header may be printed on


def row_gap(q: Query, draft: Draft, db: FactsDB) -> Draft:
    """How far a row's result went past (or fell short of) its plan, when a question asks it (`เกินแผนไปกี่ฉบับ`):
    the answer's row printing two figures in one unit (`(3) จัดทำใบรับรอง 37 ฉบับ 46 ฉบับ`) under a header
    naming a plan column, then a result column; the result less the plan computed in code, row and header cited.
    The draft unchanged otherwise."""
    if draft.refused or not draft.evidence or not types_any(q.text, query_words().exceed_words):
        return draft
    row = draft.evidence[0]
    if row.line_start != row.line_end:
        return draft
    figures = item_figures(row.quote)
    if len(figures) != 2 or figures[0].unit != figures[1].unit:
        return draft
    words = vocabulary().table_words
    header = None
    for n, text, _ in reversed(db.lines(row.doc_id, max(1, row.line_start - HEADER_ABOVE), row.line_start - 1)):
        plan = re.search(alternation(words.plan_column_words), text, re.I)
        if plan and re.search(alternation(words.result_column_words), text[plan.end():], re.I):
            header = db.evidence(row.doc_id, n, n)
            break
    if header is None:
        return draft
    planned, done = (Decimal(f.printed.replace(",", "")) for f in figures)
    gap = format_result(abs(done - planned))
    if done == planned:
        sign = _t(q, "ตรงตามแผน ต่างกัน", "on plan, a difference of")
    else:
        above = done > planned
        sign = _t(q, "เกินแผน" if above else "ต่ำกว่าแผน", "above the plan by" if above else "below the plan by")
    unit = figures[0].unit
    draft.say(" ".join(header.quote.split()), [header])
    draft.say(_t(q, f"คำนวณ: {figures[1].printed} − {figures[0].printed} → {sign} {gap} {unit}",
                 f"Computed: {figures[1].printed} − {figures[0].printed} → {sign} {gap} {unit}"),
              [row, header], template=True, computed=[gap.replace(",", "")])
    return draft
