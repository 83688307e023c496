"""Pick the lines that answer a question out of the retrieved chunks, and say how well they do.

A chunk is ~300 tokens; an answer should quote the one to three source lines that carry it.
Every window of up to three consecutive non-blank lines inside a retrieved chunk is scored
by the share of the question's key terms (weighted by their BM25 idf) it contains, with lines
above it in the same chunk (a table caption, a heading) counting for part. Figure questions
only take windows that state a number, preferring the asked unit (`กี่ราย` → ราย).
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from assistant.lookup import FactsDB
from assistant.normalize import be_years, full_years, translate_english
from assistant.records import Evidence
from assistant.route import Query, counted_noun
from assistant.understand import asks, asks_date, asks_rate, year_phrases_as_years
from ingest.facts import compact_text
from ingest.lists import parse_marker
from ingest.records import ScoredChunk
from ingest.thai_repair import index_form, join_wrapped_lines, repair_line
from ingest.tokenize import THAI_FUNCTION_WORDS, search_tokens, words as word_tokens
from ingest.vocabulary import alike_words, alternation, query_words, vocabulary

# Words that shape a question but are not what it is about (the profile's `[query] question_words`).
QUESTION_WORDS = frozenset(query_words().question_words)
MAX_WINDOW = 3
CONTEXT_WEIGHT = 0.6  # a key term found only above the window, in the same chunk
UNKNOWN_LATIN_WEIGHT = 0.25  # an English word the documents never use (share of the top idf)
RATE_PENALTY = 0.1  # a figure per unit (`ต่อหัว`, `per capita`) a question asking a whole figure did not ask for
HEADING_CHARS = 60  # a window this short answering a non-figure question is a heading: quote its body
BODY_LINES, BODY_CHARS = 10, 900
CAPTION_LINES = 40  # how far above a chunk to look for the caption/header of a table it continues
CONTEXT_LINES = 4  # the nearest lines above a window (other than table rows) that describe it
ITEM_LINES = 8  # lines of the current numbered item (`กิจกรรมที่ 3 …`) that a window inherits as context
DATA_ROW_CHARS = 80
_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?")
_ORDINAL = re.compile(r"(?:ที่|No\.?|ครั้งที่)\s*\d+(?:/\d+)?", re.I)
_LIST_MARK = re.compile(r"^\s*\(?\d{1,2}[.)]\s", re.M)
ITEM_START = re.compile(r"^\s*(?:\(?\d{1,2}[.)]\s|[•\-–]\s|" + alternation(vocabulary().lists.item_words) + r"\s*\d)")
_TOTAL_ROW = re.compile(r"^\s*(?:รวม|ทั้งหมด|total)", re.I)
_LEADING_FIGURE = re.compile(r"^\s*(?:" + alternation(query_words().figure_lead_words) + r"\s*)?[0-9๐-๙]", re.I)


@dataclass
class Window:
    doc_id: str
    line_start: int
    line_end: int
    text: str
    coverage: float
    score: float
    chunk_end: int = 0


_RANGE_TOKEN = re.compile(r"\d+(?:-\d+)+")  # a range typed without spaces, one token


def _asked_gap(text: str) -> str:
    """A question with its ask for a result and its gap to the plan taken out (`ได้จริง`, profile `actual_words`;
    `เกินแผน`, `เกินเป้าหมาย`: an exceed word, then a plan column's word): the operation, which the rows it is
    computed from do not print."""
    qw = query_words()
    text = re.sub(alternation(qw.actual_words), " ", text, flags=re.I)
    words = vocabulary().table_words.plan_column_words
    return re.sub(alternation(qw.exceed_words) + r"(?=\s*" + alternation(words) + ")", " ", text, flags=re.I)


def key_terms(query: Query) -> list[str]:
    """Distinct search tokens of the question that say what it is about (English plan words as Thai)."""
    seen: dict[str, None] = {}
    text = _asked_gap(year_phrases_as_years(be_years(query.text) if query.language == "en" else query.text))
    for tok in search_tokens(translate_english(full_years(repair_line(text)))):
        parts = tok.split("-") if _RANGE_TOKEN.fullmatch(tok) else [tok]  # `2564-2573`: the text prints `2564 - 2573`
        for part in parts:
            if part not in QUESTION_WORDS and len(part) > 1:
                seen[part] = None
    return list(seen)


MIN_PART = 3  # characters of each word a compound question word is split into


def compound_parts(terms: list[str], idf: dict[str, float]) -> dict[str, list[tuple[str, str]]]:
    """Question words the tokenizer kept whole that split into two words the index knows (`โรงงานอุตสาหกรรม` →
    `โรงงาน` + `อุตสาหกรรม`): a line printing both parts apart (`อุตสาหกรรมอาหาร จำนวน 58 โรงงาน`) prints the word."""
    out: dict[str, list[tuple[str, str]]] = {}
    for t in terms:
        splits = [(t[:i], t[i:]) for i in range(MIN_PART, len(t) - MIN_PART + 1) if t[:i] in idf and t[i:] in idf]
        if splits and not t.isascii():
            out[t] = splits
    return out


def with_compounds(tokens: set[str], parts: dict[str, list[tuple[str, str]]]) -> set[str]:
    """A line's tokens plus each compound question word whose two parts (of one of its splits) it prints."""
    return tokens | {t for t, splits in parts.items() if any(a in tokens and b in tokens for a, b in splits)}


def term_weights(terms: list[str], idf: dict[str, float]) -> dict[str, float]:
    """idf per key term; a term the index never saw weighs like the rarest term (Thai) or a quarter of it (Latin)."""
    top = max(idf.values()) if idf else 1.0
    return {t: idf.get(t, UNKNOWN_LATIN_WEIGHT * top if t.isascii() else top) for t in terms}


_LETTER = re.compile(r"[\u0E01-\u0E2E\u0E30-\u0E4EA-Za-z]")  # a Thai or Latin letter or vowel, not a Thai digit


def has_words(text: str) -> bool:
    """Whether a text prints a word, not only figures and marks (`11,100,000 11,100,000`, `๔๗๕.๔๙๙ ๔๐๙.๘๔๔`): bare
    figures say nothing of what they count."""
    return bool(_LETTER.search(text))


def figures_of(text: str, list_marks: bool = False) -> list[str]:
    """Numbers in text, in index form (Arabic digits, no thousands commas).

    Item numbers at the start of a line (`1. `, `๔. `) are skipped unless `list_marks`: an
    answer's figures are read without them, a cited span's with them (a quote mid-answer may
    carry its own item numbers).
    """
    if not list_marks:
        text = _LIST_MARK.sub(" ", text)
    return [m.group(0).replace(",", "") for m in _NUMBER.finditer(index_form(text))]


def _is_year(figure: str) -> bool:
    return figure.isdigit() and len(figure) == 4 and (figure.startswith("25") or figure.startswith(("19", "20")))


def stated_figures(text: str) -> list[str]:
    """Quantities: numbers other than years and ordinals (`กิจกรรมที่ 2`): what a figure question wants."""
    return [f for f in figures_of(_ORDINAL.sub(" ", index_form(text))) if not _is_year(f)]


# Each word of the profile's `[alike_words]` pairs with the other, both ways.
_ALIKE: dict[str, str] = {**alike_words(), **{b: a for a, b in alike_words().items()}}


def match_tokens(text: str) -> set[str]:
    """Search tokens plus words the dictionary glued to a function word, without it (`การสัมมนา` also as
    `สัมมนา`, `เป็นลำดับ` as `ลำดับ`), and the word of one meaning of each (`ลำดับ` also as `อันดับ`)."""
    out = set(search_tokens(text))
    out |= {t[len(p):] for t in out for p in THAI_FUNCTION_WORDS if t.startswith(p) and len(t) > len(p) + 2}
    return out | {_ALIKE[t] for t in out if t in _ALIKE}


def _is_data_row(text: str) -> bool:
    """A short line stating a figure: a row of a table or list, which describes only itself."""
    return len(text.strip()) < DATA_ROW_CHARS and bool(stated_figures(text))


def _unit_after_number(text: str, unit: str) -> bool:
    form = index_form(text)
    if unit == "ร้อยละ":
        return bool(re.search(r"ร้อยละ\s*\d|\d\s*%", form))
    if unit == "บาท":
        return bool(re.search(r"\d[\d,.]*\s*(?:ล้าน)?บาท", form))  # an amount of money in either printed unit
    return bool(re.search(r"\d[\d,.]*\s*" + re.escape(unit), form))


def _marker(marker: str) -> tuple[str, int | None]:
    """What kind of marker starts an item, a number (`2.`, `(3)`), a bullet or its item word (`กิจกรรมที่ 3`), and
    its number (None for a bullet)."""
    m = marker.strip().lstrip("(")
    digits = re.search(r"\d+", m)
    number = int(digits.group()) if digits else None
    return ("number" if m[:1].isdigit() else "bullet" if m[:1] in "•-–" else re.sub(r"[\s\d]+$", "", m)), number


MAX_ENUMERATED = 12  # the most things a question may count (`แบ่งเป็น 5 ระดับ`) for a window to enumerate them
ENUMERATION_BONUS = 0.25  # a window naming each of the things the question counts, by ordinal (`ระดับที่ 1 … 5`)
_COUNTED = re.compile(r"(?<![\d.,])(\d{1,2})\s*([\u0E01-\u0E2E][\u0E01-\u0E4C]{1,11}?)(?=\s|$|"
                      + alternation(query_words().count_end_words) + ")")


def counted_kinds(text: str) -> list[re.Pattern[str]]:
    """For each `N <kind>` a question types (`แบ่งเป็น 5 ระดับ`, 2 ≤ N ≤ MAX_ENUMERATED), the ordinals `<kind>ที่ 1`
    … `<kind>ที่ N` as patterns: a window printing them all names each of the things counted."""
    out = []
    for m in _COUNTED.finditer(index_form(text)):
        n, kind = int(m.group(1)), m.group(2)
        if 2 <= n <= MAX_ENUMERATED:
            out.append([re.compile(rf"{re.escape(kind)}\s*{vocabulary().ordinal}\s*{k}(?!\d)") for k in range(1, n + 1)])
    return out


def enumerates(text: str, kinds: list) -> bool:
    """Whether a window's text prints every ordinal of one of the counted kinds (`counted_kinds`)."""
    flat = index_form(" ".join(text.split()))
    return any(all(p.search(flat) for p in ordinals) for ordinals in kinds)


def score_windows(query: Query, hits: list[ScoredChunk], db: FactsDB, idf: dict[str, float]) -> list[Window]:
    """All candidate windows of the retrieved chunks, best first."""
    terms = key_terms(query)
    if not terms:
        return []
    weight = term_weights(terms, idf)
    total = sum(weight.values())
    parts = compound_parts(terms, idf)
    rate_asked = asks_rate(query.text)
    kinds = counted_kinds(query.text)
    windows: list[Window] = []
    for rank, hit in enumerate(hits):
        c = hit.chunk
        lead = max(1, c.line_start - CAPTION_LINES)  # a table's caption may sit in the chunk before
        rows = [(n, text) for n, text, _ in db.lines(c.doc_id, lead, c.line_end) if text.strip()]
        tokens = [with_compounds(match_tokens(text), parts) for _, text in rows]
        states_figure = [bool(stated_figures(text)) for _, text in rows]  # once per line, not per window
        per_unit = [asks_rate(text) for _, text in rows] if query.wants_figure and not rate_asked else []
        data_row = [_is_data_row(text) for _, text in rows]
        label = set(search_tokens(" ".join(c.section_path[-2:])))
        header: set[str] = set()  # short lines since the last prose line: a table's caption, header, labels
        recent: deque[tuple[set[str], int]] = deque(maxlen=CONTEXT_LINES)  # the nearest non-row lines above (row)
        item: deque[set[str]] = deque(maxlen=ITEM_LINES)  # lines of the current numbered item above
        # the last item started by each kind of marker, its number and row (`2. โครงการ…` over its `กิจกรรมที่ 1…4`):
        # the enclosing items of the other kinds are what the current one belongs to
        outer: dict[str, tuple[int | None, int]] = {}
        kind = ""
        for i in range(len(rows)):
            if i:
                if len(rows[i - 1][1].strip()) >= DATA_ROW_CHARS:
                    header = set()
                elif not data_row[i - 1]:
                    header |= tokens[i - 1]
                if not data_row[i - 1]:
                    recent.append((tokens[i - 1], i - 1))
                item.append(tokens[i - 1])
            if (start := ITEM_START.match(rows[i][1])):
                item.clear()
                kind, number = _marker(start.group(0))
                sibling = outer.get(kind)
                if sibling is not None and (number is None or sibling[0] == number - 1):
                    # the previous sibling's lines describe that item, not this one (`กิจกรรมที่ 3 ให้คำปรึกษา…` is
                    # no context of `กิจกรรมที่ 4 …`'s figures); a list's introduction above them still is
                    recent = deque(((t, k) for t, k in recent if k < sibling[1]), maxlen=CONTEXT_LINES)
                outer[kind] = (number, i)
            if rows[i][0] < c.line_start:
                continue
            context = label.union(*(t for t, _ in recent), *item, *(tokens[at] for k, (_, at) in outer.items() if k != kind))
            for size in range(1, MAX_WINDOW + 1):
                if i + size > len(rows) or rows[i + size - 1][0] - rows[i][0] >= MAX_WINDOW + 1:
                    break
                if size > 1 and ITEM_START.match(rows[i + size - 1][1]):
                    break  # a new item starts a new statement
                text = join_wrapped_lines([t for _, t in rows[i:i + size]])
                if not query.wants_figure and not has_words(text):
                    continue  # a text asked: bare figures state none (the words around them matched, not they)
                # A table row (two or more figures) is read with its caption and header above it, for a figure asked.
                table_row = query.wants_figure and len(stated_figures(text)) >= 2 and len(text) < 2 * DATA_ROW_CHARS
                if query.wants_figure:
                    # The figure should be stated beside what was asked about: the line stating it
                    # counts in full, the rest of the window and what is above it in part.
                    figure_lines = [k for k in range(i, i + size) if states_figure[k]]
                    if not figure_lines:
                        continue
                    focus = set().union(*(tokens[k] for k in figure_lines))
                    near = set().union(*tokens[i:i + size]) | context | header
                else:
                    focus = set().union(*tokens[i:i + size])
                    near = context | header
                got = sum(w if t in focus or (table_row and t in header) else CONTEXT_WEIGHT * w if t in near else 0.0
                          for t, w in weight.items())
                coverage = got / total
                if kinds and enumerates(text, kinds):  # `แบ่งเป็น 5 ระดับ แต่ละระดับชื่ออะไร`: `ระดับที่ 1 … ระดับที่ 5`
                    coverage = min(1.0, coverage + ENUMERATION_BONUS)  # each thing counted named: what is asked
                score = coverage + 0.05 / (1 + rank) - 0.03 * (size - 1)
                if query.wants_figure:
                    if query.unit and _unit_after_number(text, query.unit):
                        score += 0.1
                    if per_unit and any(per_unit[k] for k in figure_lines):
                        score -= RATE_PENALTY  # `…ต่อหัว (GPP per capita) เท่ากับ 104,754 บาท`: per unit, not asked
                    if query.wants_total and any(_TOTAL_ROW.match(t) for _, t in rows[i:i + size]):
                        score += 0.1
                windows.append(Window(c.doc_id, rows[i][0], rows[i + size - 1][0], text, coverage, score, c.line_end))
    windows.sort(key=lambda w: (-w.score, w.line_start))
    return windows


def select_passages(query: Query, hits: list[ScoredChunk], db: FactsDB, idf: dict[str, float],
                    limit: int = 2) -> tuple[list[Evidence], float]:
    """The best non-overlapping windows as evidence, and the support (best window's coverage)."""
    windows = score_windows(query, hits, db, idf)
    if not windows:
        return [], 0.0
    best = windows[0]
    chosen: list[Window] = []
    for w in windows:
        if len(chosen) >= limit or w.score < best.score - 0.15:
            break
        if any(_overlap(w, c) for c in chosen):
            continue
        chosen.append(w)
    chosen = [with_figure(with_item(w, db), db) for w in chosen]
    if not query.wants_figure:
        extended: list[Window] = []
        for w in (with_list(with_paragraph(with_body(w, db), db), db) for w in chosen):
            # a window the one before now reaches is said once; one this window now holds whole gives way to it
            extended = [c for c in extended if not _holds(w, c)]
            if not any(_overlap(w, c) for c in extended):
                extended.append(w)
        chosen = extended
    def as_evidence(windows: list[Window]) -> list[Evidence]:
        return [Evidence(w.doc_id, w.line_start, w.line_end, db.cite(w.doc_id, w.line_start, w.line_end).quote,
                         "retrieval", round(w.score, 4)) for w in windows]

    evidence = as_evidence(chosen)
    support = best.coverage
    if query.wants_figure and asks(query.text, figures=True) >= 2 and len(evidence) >= 2:
        support = max(support, _joint_coverage(query, evidence[:2], db, idf))  # each window its own row
    return as_evidence(joined(chosen, db)), round(support, 4)


JOINT_LINES = 2 * MAX_WINDOW  # how near two windows must be to answer a two-figure question together


def _joint_coverage(query: Query, evidence: list[Evidence], db: FactsDB, idf: dict[str, float]) -> float:
    """How much of a two-figure question (`รับคำขอได้กี่คำขอ แล้วออกใบรับรองไปกี่ฉบับ`) two near windows of one
    table cover together, each asking its own row: their words in full, the lines above them in part."""
    a, b = sorted(evidence, key=lambda e: (e.doc_id, e.line_start))
    if a.doc_id != b.doc_id or b.line_start - a.line_end > JOINT_LINES:
        return 0.0
    weight = term_weights(key_terms(query), idf)
    total = sum(weight.values())
    if not total:
        return 0.0
    focus = match_tokens(f"{a.quote} {b.quote}")
    near = match_tokens(_with_lines_above(a, db))
    return sum(w if t in focus else CONTEXT_WEIGHT * w if t in near else 0.0 for t, w in weight.items()) / total


def _holds(a: Window, b: Window) -> bool:
    """Whether window a spans every line of window b (of one document) and more."""
    return a.doc_id == b.doc_id and a.line_start <= b.line_start and b.line_end <= a.line_end and a != b


def _overlap(a: Window, b: Window) -> bool:
    """Whether two windows share a line of one document."""
    return a.doc_id == b.doc_id and a.line_start <= b.line_end and b.line_start <= a.line_end


def _to_line(w: Window, end: int, db: FactsDB) -> Window:
    """The window extended to line `end`, its quote read again (the window itself when `end` is its last line)."""
    if end == w.line_end:
        return w
    return Window(w.doc_id, w.line_start, end, db.cite(w.doc_id, w.line_start, end).quote, w.coverage, w.score, w.chunk_end)


def with_figure(w: Window, db: FactsDB) -> Window:
    """A window whose last line ends with a word a figure follows (`…ระยะเวลาดำเนินการ 5 ปี วงเงิน`, profile `[query]
    figure_lead_words`) extended to the next line when that line starts with the figure (`ประมาณ 112,475,000 บาท`)."""
    last = db.lines(w.doc_id, w.line_end, w.line_end)
    if not last or not last[0][1].strip().endswith(query_words().figure_lead_words):
        return w
    below = [(n, t) for n, t, _ in db.lines(w.doc_id, w.line_end + 1, w.line_end + FIGURE_LINES) if t.strip()]
    if not below or not _LEADING_FIGURE.match(below[0][1]):
        return w
    return _to_line(w, below[0][0], db)


FIGURE_LINES = 2  # lines below a window's last line its figure may be printed on (a blank line between them)
GAP_LINES = 1  # printed lines between two chosen windows of one passage that join them (a line left out between)
GAP_SPAN = 4  # ... blank lines included


def joined(chosen: list[Window], db: FactsDB) -> list[Window]:
    """The chosen windows with two of one document that at most GAP_LINES printed lines part joined into one
    (`…ซึ่งแผนปฏิบัติราชการรายปี` and `แห่งชาติ ที่เป็นแผนระดับที่ 2` quoted without the line between them, which says
    `เป็นแผนในระดับที่ 3`), in the place of the first."""
    out: list[Window] = []
    for w in chosen:
        near = next((k for k, c in enumerate(out) if c.doc_id == w.doc_id and _gap(c, w, db) <= GAP_LINES), None)
        if near is None:
            out.append(w)
            continue
        c = out[near]
        start, end = min(c.line_start, w.line_start), max(c.line_end, w.line_end)
        out[near] = Window(c.doc_id, start, end, db.cite(c.doc_id, start, end).quote, c.coverage, c.score,
                           max(c.chunk_end, w.chunk_end))
    return out


def _gap(a: Window, b: Window, db: FactsDB) -> int:
    """Printed (non-blank) lines between two windows of one document; more than GAP_LINES when they overlap (the
    extension that made them overlap said so) or lie more than GAP_SPAN lines apart."""
    first, second = sorted((a, b), key=lambda w: w.line_start)
    if second.line_start <= first.line_end or second.line_start - first.line_end > GAP_SPAN:
        return GAP_LINES + 1
    return sum(1 for _, t, _ in db.lines(a.doc_id, first.line_end + 1, second.line_start - 1) if t.strip())


def with_body(w: Window, db: FactsDB) -> Window:
    """A heading-like window (`จุดแข็ง`, `S-O Strategies`) extended over the lines that follow it in its chunk: up to
    BODY_LINES, then to the end of the item it ended in."""
    if len(w.text) >= HEADING_CHARS or w.chunk_end <= w.line_end:
        return w
    end, chars, count = w.line_end, len(w.text), 0
    for n, text, _ in db.lines(w.doc_id, w.line_end + 1, w.chunk_end):
        if not text.strip():
            if count >= BODY_LINES:
                break  # the item the body ended in is over
            continue
        if chars + len(text) > BODY_CHARS:
            break
        if count >= BODY_LINES and (count >= BODY_LINES + PARAGRAPH_LINES or parse_marker(text) is not None):
            break  # past BODY_LINES, only the wrapped rest of the item it ended in (`…ที่เป็นมิตรกับ` / `สิ่งแวดล้อม`)
        end, chars, count = n, chars + len(text), count + 1
    return _to_line(w, end, db)


def with_paragraph(w: Window, db: FactsDB) -> Window:
    """A window that stops mid-sentence (its last line is a full wrapped line and its paragraph goes on:
    `…ได้แก่ มิติที่ 1 … มิติที่ 3 การดูแลรักษา`) extended to its paragraph's end, up to PARAGRAPH_LINES more
    lines; a blank line or a new item ends a paragraph."""
    last = db.lines(w.doc_id, w.line_end, w.line_end)
    if not last or len(last[0][1].strip()) < WRAPPED_CHARS:
        return w
    end, chars = w.line_end, len(w.text)
    for n, text, _ in db.lines(w.doc_id, w.line_end + 1, w.line_end + PARAGRAPH_LINES):
        if not text.strip() or ITEM_START.match(text) or chars + len(text) > BODY_CHARS:
            break
        end, chars = n, chars + len(text)
        if len(text.strip()) < WRAPPED_CHARS:
            break  # the paragraph's last line
    return _to_line(w, end, db)


def with_item(w: Window, db: FactsDB) -> Window:
    """A window that starts a bulleted or numbered item (`▪ ยุทธศาสตร์… (พ.ศ. 2560 – 2579) และ (ร่าง)`) extended
    over the item's wrapped lines (`…โดย คณะกรรมการ… (คนร.)`), up to PARAGRAPH_LINES more: the item is the
    answer unit; a blank line or the next item ends it. So is a window whose last line starts an item (`…
    กระเบื้อง` then `2.4 อุตสาหกรรมอาหาร จำนวน 58 โรงงาน…`: the item's next line prints its `คนงานรวม`)."""
    last = db.lines(w.doc_id, w.line_end, w.line_end)
    if parse_marker(w.text) is None and not (last and parse_marker(last[0][1]) is not None):
        return w
    end, chars = w.line_end, len(w.text)
    last_text, blanks = last[0][1] if last else w.text, 0
    for n, text, _ in db.lines(w.doc_id, w.line_end + 1, w.line_end + PARAGRAPH_LINES + ITEM_BLANKS):
        if not text.strip():
            blanks += 1  # a PDF's text layer may leave blank lines inside a wrapped item: a full line goes on below
            if blanks > ITEM_BLANKS or len(last_text.strip()) < WRAPPED_CHARS:
                break
            continue
        if parse_marker(text) is not None or chars + len(text) > BODY_CHARS:
            break
        end, chars, last_text, blanks = n, chars + len(text), text, 0
    return _to_line(w, end, db)


def with_list(w: Window, db: FactsDB) -> Window:
    """A window whose last line introduces a list (`…ที่สำคัญของจังหวัดลำปาง ได้แก่`, profile `[lists]
    intro_endings`) extended over the list's items below it, up to BODY_CHARS: a list asked for is answered
    with every item, not its intro."""
    endings = vocabulary().lists.intro_endings
    last = db.lines(w.doc_id, w.line_end, w.line_end)
    if not last:
        return w
    intro = w.line_end
    below = [(n, t) for n, t, _ in db.lines(w.doc_id, w.line_end + 1, w.line_end + INTRO_LINES) if t.strip()]
    sub = _first_sub_item(w, db)
    if sub is not None:  # `2. การพัฒนาผลิตภัณฑ์…` over its own `2.1 …`, `2.2 …`: an item introduces its sub-items
        intro = sub - 1
    elif not last[0][1].strip().endswith(endings):  # a heading, then its list's intro (`เรียงลำดับความสำคัญ ดังนี้`)
        if not below or not below[0][1].strip().endswith(endings) or parse_marker(below[0][1]) is not None:
            return w
        intro = below[0][0]
    end = list_end(db, w.doc_id, intro, BODY_CHARS - len(w.text))
    return _to_line(w, end, db) if end > intro else w


def _first_sub_item(w: Window, db: FactsDB) -> int | None:
    """The line of a numbered item's first sub-item (`2.1 …` under `2. …`) when the window starts with the item and
    the sub-item is the next marked line, in the window or just below it; None otherwise."""
    first = db.lines(w.doc_id, w.line_start, w.line_start)
    item = parse_marker(first[0][1]) if first else None
    if item is None or item.value is None:
        return None
    for n, text, _ in db.lines(w.doc_id, w.line_start + 1, w.line_end + INTRO_LINES):
        sub = parse_marker(text)
        if sub is not None:
            return n if sub.key[0] == "dec" and tuple(sub.key[1]) == (item.value,) and sub.value == 1 else None
    return None


def list_end(db: FactsDB, doc_id: str, line: int, chars: int = BODY_CHARS) -> int:
    """The last line of the list printed below `line` (items marked as the first is, blank lines between
    them, an item's wrapped line after it), at most `chars` characters of it; `line` itself when none follows."""
    end, used, in_item, key = line, 0, False, None
    for n, text, _ in db.lines(doc_id, line + 1, line + LIST_LINES):
        if not text.strip():
            in_item = False
            continue
        marker = parse_marker(text)
        key = marker.key if key is None and marker is not None else key
        item = marker is not None and marker.key == key  # `6) โครงสร้างพื้นฐาน` after `1.`…`12.`: the next heading
        if not (item or in_item) or used + len(text) > chars:
            break
        end, used, in_item = n, used + len(text), True
    return end


WRAPPED_CHARS = 70  # a line this long was wrapped by the page width: its sentence may go on below it
PARAGRAPH_LINES = 4
ITEM_BLANKS = 2  # blank lines a wrapped item may run across (after a full line)
LIST_LINES = 40  # lines below a list's intro its items may take, blank lines between them included
INTRO_LINES = 2  # lines below a heading its list's intro may be printed on (a blank line between them)
YEAR_CONTEXT_LINES = 15  # a table's year may be printed in its header this far above the row


def _place_mentions(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each place word a question types (profile `place_words`) with the words that follow it; not one that
    makes a group of places or a funding source (`ใช้งบกลุ่มจังหวัดภาคเหนือตอนบน 1`, `ของกลุ่มจังหวัด`)."""
    for w in query_words().place_words:
        for m in re.finditer(re.escape(w), text):
            if not _group_ends(text[:m.start()], w):
                yield w, [t for t in word_tokens(text[m.end():].strip()[:PLACE_CHARS]) if t.strip()]


def asked_places(text: str) -> list[str]:
    """The places a question names after a place word (`จังหวัดลำพูน`, `อำเภอแม่เมาะ`): the word that follows."""
    out = []
    for _, words in _place_mentions(text):
        if len(words) > 1 and words[1] in query_words().which_words:
            continue  # `…กลุ่มจังหวัดข้อไหน`: what is asked about, not a place it names
        if words and len(words[0]) >= 3 and not words[0].isascii() and words[0] not in thai_stopword_set() \
                and words[0] not in query_words().topic_words:
            out.append(words[0])  # a name, not `จังหวัดไว้ว่า…` / `…จังหวัดภายใต้…` / `…จังหวัดเรื่อง…`
    return out


def asked_place_kind(text: str) -> str | None:
    """The place word a question asks which one of (`…ลงพื้นที่จังหวัดอะไรบ้าง` → จังหวัด, `อำเภอไหน` → อำเภอ);
    None when it asks none (`กลุ่มจังหวัดข้อไหน` asks a group's item)."""
    return next((w for w, words in _place_mentions(text) if words and words[0] in query_words().which_words), None)


@lru_cache(maxsize=1)
def province_names() -> frozenset[str]:
    """Thailand's provinces by name (pythainlp's corpus), which a passage may print without `จังหวัด`."""
    from pythainlp.corpus import provinces

    return frozenset(provinces())


def states_asked_place_kind(query: Query, evidence: list[Evidence]) -> bool:
    """For a question asking which province, district or sub-district (`ลงพื้นที่จังหวัดอะไรบ้าง`): whether the
    chosen passages print a province's name or a count of provinces (`พื้นที่ 76 จังหวัด`; the word alone,
    `จังหวัด/องค์กรปกครองส่วนท้องถิ่น … 12 แห่ง`, says none), or that place word for a district or sub-district; a
    brief's `สถานที่ดำเนินการ ชุมชน … ในพื้นที่ดำเนินงานของ สพภ.` names none, nor does a list of festivals asked
    where one is held."""
    kind = asked_place_kind(query.text)
    if kind is None or not evidence:
        return True
    text = " ".join(e.quote for e in evidence)
    if kind == query_words().place_words[0]:  # `พื้นที่ 76 จังหวัด`: all of them; `10 จังหวัดภาคเหนือ` names none
        every = len(province_names()) - 1  # the capital is no จังหวัด
        counted = [int(m.group(1)) for m in re.finditer(r"(\d+)\s*" + re.escape(kind), index_form(text))]
        return any(n >= every for n in counted) or any(n in text for n in province_names())
    return kind in text


def _group_heads(place_word: str) -> list[str]:
    """The words that make a place word a group of places (profile `[funding_sources] group_words`: `กลุ่ม` of
    `กลุ่มจังหวัด`)."""
    return [g[: -len(place_word)] for g in vocabulary().funding_sources.group_words if g.endswith(place_word)]


def _group_ends(before: str, place_word: str) -> bool:
    """Whether the text before a place word makes it a group of places (`…ของกลุ่มจังหวัด`) or opens a funding
    source with it (a `[funding_sources] table_prefixes` word, then a group word's start: `งบประมาณจังหวัด…`)."""
    tail = "".join(before.split())
    heads = _group_heads(place_word)
    return any(h and tail.endswith(h) for h in heads) or \
        any(tail.endswith(p + h) for p in vocabulary().funding_sources.table_prefixes for h in heads)


@lru_cache(maxsize=1)
def thai_stopword_set() -> frozenset[str]:
    """pythainlp's Thai stopwords, loaded once."""
    from pythainlp.corpus import thai_stopwords
    return frozenset(thai_stopwords())


PLACE_CHARS = 30  # characters after a place word read for its name


def states_asked_place(query: Query, evidence: list[Evidence], db: FactsDB) -> bool:
    """For a question naming a place its documents are not about (`จังหวัดลำพูน…` asked of Lampang's plan):
    whether a chosen passage names it; a Lampang figure does not answer a Lamphun question."""
    titles = " ".join(db.titles().values())
    places = [p for p in asked_places(query.text) if p not in titles]
    if not places or not evidence:
        return True
    text = " ".join(" ".join(t for _, t, _ in db.lines(e.doc_id, max(1, e.line_start - YEAR_CONTEXT_LINES), e.line_end))
                    for e in evidence)
    return all(p in text for p in places)


def _with_lines_above(e: Evidence, db: FactsDB, notes: bool = True) -> str:
    """A window's text with the YEAR_CONTEXT_LINES above it (a table's header and caption print its year and unit);
    without `notes`, less the source notes among them (`(ที่มา : … ข้อมูล ณ เดือนกันยายน 2565)`: the date of another
    table's data, not the year of what the window states)."""
    lines = [t for _, t, _ in db.lines(e.doc_id, max(1, e.line_start - YEAR_CONTEXT_LINES), e.line_end)]
    return " ".join(t for t in lines if notes or not _SOURCE_NOTE.match(t))


_SOURCE_NOTE = re.compile(r"^\s*\(?\s*" + alternation(vocabulary().table_words.source_note_words) + r"\s*:", re.I)


def states_asked_unit(query: Query, evidence: list[Evidence], db: FactsDB) -> bool:
    """For a question counting in a unit of the profile's counts (`กี่คน`, `กี่ราย`) or asking money (`กี่บาท`):
    whether a chosen window (or the lines just above it) prints that unit (any currency word for money); bare
    figures, amounts of money or a dated meeting do not answer it."""
    units = vocabulary().units
    counts = {w for w in units.count if not w.isascii()}
    money = query.unit in units.currency
    if query.unit not in counts and not money:
        return not _in_other_units(query.unit, evidence)
    wanted = [w for w in units.currency if not w.isascii()] if money else [query.unit]
    counted = counted_noun(query.text) if not money else ""
    for e in evidence:  # each window's lines read once
        text = _with_lines_above(e, db)
        if money and any(w in text for w in wanted):
            return True
        if not money and _counts_in(query.unit, e, db):
            return True
        if counted and re.search(r"\d\s*" + re.escape(counted), index_form(text)):
            return True  # `โรงงาน…กี่แห่ง` answered by `537 โรงงาน`: the thing counted printed as its own unit
    return False


def _counts_in(unit: str, e: Evidence, db: FactsDB) -> bool:
    """Whether a window counts in a unit, as a word (not inside one: `ราย` of `รายจ่าย`): after a figure, an opening
    bracket or a colon in the window itself (`จำนวน 45 คน`, `จำนวน(โรง)`; `…ฝ่ายผลิตแห่งประเทศไทย` counts nothing),
    or in the lines just above it, a table's header or caption naming the unit of the bare figures below."""
    form = index_form(e.quote)
    if re.search(r"[\d(:]\s*" + re.escape(unit), form) and unit in word_tokens(e.quote):
        return True
    above = " ".join(t for _, t, _ in db.lines(e.doc_id, max(1, e.line_start - YEAR_CONTEXT_LINES), e.line_start - 1))
    return unit in word_tokens(above)


def _in_other_units(unit: str | None, evidence: list[Evidence]) -> bool:
    """Whether a question asking a measure (`กี่ตันคาร์บอน`: a unit of the profile's measures it starts with) is
    answered by passages whose every figure is printed with another unit (`จำนวน 30 คน`, `10 ราย`): none states it.
    Figures printed bare (a table whose header or caption names the unit) may."""
    units = vocabulary().units
    measure = next((w for w in sorted(units.measure, key=len, reverse=True) if unit and not w.isascii()
                    and unit.startswith(w) and w != "ร้อยละ"), None)
    if measure is None:
        return False
    known = alternation([w for w in (*units.count, *units.currency, *units.measure) if not w.isascii()])
    after = [m.group(1) for e in evidence for m in re.finditer(r"\d[\d,.]*\s*(" + known + r")?", index_form(e.quote))]
    return bool(after) and all(u is not None and not u.startswith(measure) and not measure.startswith(u) for u in after)


def states_asked_year(query: Query, evidence: list[Evidence], db: FactsDB) -> bool:
    """For a figure question naming a year: whether a chosen window (or the lines just above it, a
    table's header) prints one of the asked years; a figure for another year does not answer it. A budget
    book's numbered budget item the facts read for the asked fiscal year (`… 1 ระบบ 4,000,000 บาท`, dated by
    the book, printing no year) is of that year."""
    if not query.years:
        return True
    wanted = {str(y) for y in query.years} | {str(y)[-2:] for y in query.years}
    for e in evidence:
        items = db.item_years(e.doc_id, e.line_start, e.line_end)
        if any(years & set(query.years) and printed in e.quote for printed, years in items.items()):
            return True
        form = index_form(_with_lines_above(e, db, notes=False))
        if any(re.search(rf"(?<!\d){y}(?!\d)", form) for y in wanted if len(y) == 4) or any(
                re.search(rf"(?:ปี|พ\.ศ\.)\s*{y}(?!\d)", form) for y in wanted if len(y) == 2):
            return True
    return False


def states_rarest_term(query: Query, evidence: list[Evidence], db: FactsDB, idf: dict[str, float]) -> bool:
    """For a figure question: whether a chosen window (or the lines just above it) prints the question's rarest
    Thai word(s) the index knows, what it most specifically asks about (`อัตราการว่างงาน`: `ว่างงาน`); a figure
    beside other words (`ขยายตัวร้อยละ 2.71`) does not answer it."""
    known = [t for t in key_terms(query) if t in idf and len(t) >= 3 and not t.isascii() and not t.isdigit()]
    if not known:
        return True
    top = max(idf[t] for t in known)
    rarest = [t for t in known if idf[t] == top]  # ties: each of them
    texts = [_with_lines_above(e, db) for e in evidence]
    if asks(query.text, figures=True) >= 2:  # `รับคำขอได้กี่คำขอ แล้วออกใบรับรองไปกี่ฉบับ`: each part in its own window
        return all(any(_prints(t, text) for text in texts) for t in rarest)
    return any(all(_prints(t, text) for t in rarest) for text in texts)


def _prints(term: str, text: str) -> bool:
    """Whether a text prints a question's word (as a word, or inside its compact form)."""
    return term in match_tokens(text) or compact_text(term) in compact_text(text)


_DAY = re.compile(r"วันที่\s*[0-9๐-๙]")


def states_asked_date(query: Query, evidence: list[Evidence], db: FactsDB) -> bool:
    """For a question asking when (and no figure): whether a chosen window prints a date (a month's name, or
    `วันที่ 19`); a passage printing none does not answer it."""
    if query.wants_figure or not asks_date(query.text):
        return True
    months = vocabulary().years.months
    for e in evidence:
        text = " ".join(t for _, t, _ in db.lines(e.doc_id, e.line_start, e.line_end))
        if _DAY.search(text) or any(m in text for m in months):
            return True
    return False

