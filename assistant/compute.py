"""Computed figures over cited operands: a sum, difference or share of two figures the documents
print, each operand found and cited apart, the result computed here and marked `computed`.

Operands come from (1) two things a question pairs ("A กับ B", "A and B"), each looked up as its own
figure question; (2) two years a question names, read from the lines that label an amount with its
year ("ปี 2564 … 225,833,900 บาท"); (3) one retrieved line printing the two figures of the asked
unit for the two years asked. Also here: refusing a question about an organisation no document names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from assistant.lookup import FactsDB
from assistant.passages import key_terms, select_passages, stated_figures, term_weights
from assistant.records import Evidence
from assistant.route import Query, analyse
from assistant.structured_answers import Draft, _t
from assistant.understand import INSIDE_WORD, types_any
from ingest.thai_repair import index_form, thai_digits_to_arabic
from ingest.tokenize import search_tokens, words as word_tokens
from ingest.vocabulary import alternation, query_words, vocabulary

SUB_K = 10  # chunks retrieved for each operand's sub-question (a narrow question; recall matters)
STRICT_SUPPORT = 0.7  # two figures read off one line: the line must be clearly about the question
EARLIER_SUPPORT = 0.4  # a year's figure from a later one and its change: the share of the question's words its lines print
EARLIER_HITS = 8  # retrieved chunks whose lines are read for a figure and its change since a year
YEAR_LOOKAHEAD = 3  # an amount printed this many lines under its year label still belongs to it
_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)"
_TAIL = re.compile(r"\s*(?:ใน|มี|" + INSIDE_WORD + r"กี่|เท่า|ได้|คิดเป็น|how many|how much|has|have|in\b)", re.I)


@dataclass
class Operand:
    """One figure an answer computes with, its label and the evidence that prints it."""

    label: str
    value: Decimal
    printed: str
    evidence: Evidence


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def format_result(value: Decimal) -> str:
    """A result as a plan prints figures: thousands commas, at most two decimals."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01')):,}"


def _strip_operation(text: str) -> str:
    qw = query_words()
    words = (*qw.sum_words, *qw.difference_words, *qw.share_words, *qw.max_words, *qw.min_words)
    return " ".join(re.sub(alternation(words), " ", text, flags=re.I).split())


def split_comparison(text: str) -> tuple[str, str] | None:
    """The two sides of "A ได้งบมากกว่า B เท่าไร" / "A more than B": split at the comparison word."""
    for word in query_words().comparison_words:
        i = text.find(word)
        if i > 0 and text[i + len(word):].strip():
            return text[:i], text[i + len(word):]
    return None


def split_pair(text: str) -> tuple[str, str] | None:
    """Two sub-questions from "A กับ B …": each side with the shared ending ("มีกี่โรงงาน")."""
    base = _strip_operation(text)
    for word in query_words().pair_words:
        i = base.find(word)
        if i <= 0:
            continue
        left, right = base[:i].strip(), base[i + len(word):].strip()
        tail = _TAIL.search(right)
        if not left or not right or not tail or tail.start() == 0:
            continue
        shared = right[tail.start():].strip()
        for other in query_words().pair_words:  # "มีโรงงาน และ กี่โรงงาน": the joining words are not the topic
            shared = f" {shared} ".replace(f" {other.strip()} ", " ").strip()
        return f"{left} {shared}", f"{right[:tail.start()].strip()} {shared}"
    return None


_LISTED = re.compile(r"\(([^()]{6,200})\)")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|และ|\band\b)\s*|\s+")
_COMMA_LIST = re.compile(r"\s*(?:,|และ|\band\b)\s*")


def split_list(text: str) -> tuple[list[str], str] | None:
    """The items and the measure of "…(A B C D) มี<measure>รวมกันกี่…" / "A, B และ C มี<measure>รวมกัน…": three or
    more items listed in brackets or with commas, and what the question asks of each (`คนงาน`)."""
    base = _strip_operation(text)
    m = _LISTED.search(base)
    if m:  # `(พลังงาน ผลิตภัณฑ์จากพืช อโลหะ)`: spaces separate the items too
        items, rest = _LIST_SEPARATOR.split(m.group(1).strip()), base[m.end():]
    else:  # `A, B และ C มี…`: commas and the last และ do; a space may sit inside an item's name
        head = _TAIL.search(base)
        if head is None or "," not in base[:head.start()]:
            return None
        items, rest = _COMMA_LIST.split(base[:head.start()].strip()), base[head.start():]
    items = [i for i in (x.strip() for x in items) if len(i) >= 2]
    tail = _TAIL.search(rest)
    measure = " ".join(_QUESTION_WORD.sub(" ", rest[tail.end():] if tail and tail.start() == 0 else rest).split())
    for word in query_words().question_words:  # `มีคนงาน … กี่คน`: the measure, not the question's words
        measure = f" {measure} ".replace(f" {word} ", " ").strip()
    return (items, measure) if len(items) >= 3 and measure else None


def split_share(text: str) -> tuple[str, str, str] | None:
    """(part, whole, measure) of "X คิดเป็นสัดส่วน<measure>กี่เปอร์เซ็นต์ของ<whole>": the part's
    sub-question is X with the measure ("อุตสาหกรรมด้านพลังงาน เงินลงทุน"), the whole's what follows ของ."""
    m = re.search(alternation(query_words().share_words), text, re.I)
    if m is None:
        return None
    left, rest = text[:m.start()].strip(), _PERCENT_ASKED.sub(" ", text[m.end():])
    cut = re.search(r"ของ|\bof\b", rest, re.I)
    if not left or cut is None:
        return None
    measure = " ".join(_QUESTION_WORD.sub(" ", rest[:cut.start()]).split())
    whole = " ".join(rest[cut.end():].split())
    return (f"{left} {measure}".strip(), whole, measure) if whole else None


_QUESTION_WORD = re.compile(r"เท่าไร|เท่าไหร่|เท่าใด|" + INSIDE_WORD + r"กี่\S*|how much|how many", re.I)


def _figure_in(text: str, unit: str | None) -> str | None:
    """The figure a window states for the asked unit (the number right before it), else its first quantity."""
    form = index_form(text)
    if unit and unit != "ร้อยละ":
        m = re.search(_AMOUNT + r"\s*" + re.escape(unit), form)
        if m:
            return m.group(1)
    figures = stated_figures(form)
    return figures[0] if figures else None


_PRINTED = re.compile(r"[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?")


def _figure_after(text: str, measure: str) -> str | None:
    """The first figure printed right after a measure word ("เงินลงทุน"), spaces inside it allowed."""
    letters = [re.escape(c) for c in "".join(measure.split())]
    m = re.search(r"\s*".join(letters), text) if letters else None
    if m is None:
        return None
    after = text[m.end():]
    figures = stated_figures(index_form(after)[:SAME_WINDOW_CHARS])
    if not figures:
        return None
    printed = (p.group(0) for p in _PRINTED.finditer(after))  # as printed (`51,809.55`), not its index form
    return next((p for p in printed if index_form(p).replace(",", "") == figures[0]), figures[0])


def _operand_for(sub: str, retriever, db: FactsDB, idf: dict[str, float], min_support: float,
                 measure: str = "", above: Decimal | None = None) -> Operand | None:
    """The figure a sub-question's best passage states (after `measure` when given); with `above`
    (a whole for this part), the first of the best passages whose figure is larger."""
    q = analyse(sub)
    q.wants_figure = True
    hits = retriever.search(q.text, k=SUB_K).hits
    evidence, support = select_passages(q, hits, db, idf, limit=1 if above is None else WHOLE_CANDIDATES)
    if not evidence or support < max(min_support, STRICT_SUPPORT):
        return None
    for e in evidence:
        printed = (_figure_after(e.quote, measure) if measure else None) or _figure_in(e.quote, q.unit)
        value = _number(printed) if printed else None
        if value is not None and (above is None or value > above):
            return Operand(sub, value, printed, e)
    return None


WHOLE_CANDIDATES = 5  # passages looked at for a share's whole (the first larger than the part)
WHOLE_WINDOW = 40  # lines around a share's part where its whole is looked for (a total printed above its breakdown)


def _whole_near(part: Operand, label: str, measure: str, db: FactsDB) -> Operand | None:
    """A share's whole printed around its part: the largest figure of the same measure ("เงินลงทุน")
    within WHOLE_WINDOW lines, larger than the part (a document states a total, then its breakdown)."""
    if not measure or part.value is None:
        return None
    e = part.evidence
    rows = db.lines(e.doc_id, max(1, e.line_start - WHOLE_WINDOW), e.line_end + WHOLE_WINDOW)
    best: Operand | None = None
    for (n, text, _), (_m, following, _p) in zip(rows, rows[1:] + [(0, "", None)]):
        if e.line_start <= n <= e.line_end:
            continue
        printed = _figure_after(f"{text}\n{following}", measure)  # a figure may wrap to the next line
        value = _number(printed) if printed else None
        if value is not None and value > part.value and (best is None or value > best.value):
            quote = f"{text}\n{following}" if following else text
            best = Operand(label, value, printed, Evidence(e.doc_id, n, n + 1 if following else n, quote, "retrieval", 1.0))
    return best


def _same_window(pair: tuple[str, str], found: list[Operand]) -> list[Operand | None]:
    """Both sides found in one window: each side's figure is the first one printed after the words only
    that side has (its own subject); None for a side whose words the window does not print."""
    text = index_form(found[0].evidence.quote)
    tokens = [set(search_tokens(side)) for side in pair]
    out: list[Operand | None] = []
    for side, own, other, operand in zip(pair, tokens, tokens[::-1], found):
        words = sorted((t for t in own - other if len(t) >= 2 and t in text), key=len, reverse=True)
        if not words:
            out.append(None)
            continue
        after = text[text.find(words[0]) + len(words[0]):]
        figures = stated_figures(after[:SAME_WINDOW_CHARS])
        value = _number(figures[0]) if figures else None
        out.append(Operand(side, value, figures[0], operand.evidence) if value is not None else None)
    return out


SAME_WINDOW_CHARS = 40  # how far after its subject a side's figure may be printed in a shared window
_MONEY = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")
_YEAR_LABEL = re.compile(r"(?:ปี|พ\.ศ\.|FY)\s*(25\d\d|20\d\d)(?!\d)", re.I)
HEADER_ROWS = 2  # a row of amounts sits right under the header that prints its years


def year_columns(doc_id: str, rows: list[tuple[int, str]], db: FactsDB) -> list[dict[int, Operand]]:
    """Tables whose header prints two or more years ("งบประมาณ ปี 2564 ปี 2565") with a row of as many
    amounts under it: each year's amount, cited with the header and the row."""
    out = []
    for k, (n, text) in enumerate(rows):
        years = [int(y) for y in _YEAR_LABEL.findall(index_form(text))]
        if len(years) < 2 or len(set(years)) != len(years):
            continue
        for n2, t2 in rows[k + 1:k + 1 + HEADER_ROWS]:
            amounts = _MONEY.findall(thai_digits_to_arabic(t2))  # with their thousands commas
            if len(amounts) == len(years):
                quote = db.cite(doc_id, n, n2).quote
                e = Evidence(doc_id, n, n2, quote, "retrieval", 1.0)
                out.append({y: Operand(f"ปี {y}", _number(a), a, e) for y, a in zip(years, amounts)})
                break
    return out


def _year_operands(q: Query, hits, db: FactsDB) -> list[Operand] | None:
    """For two asked years: the amount printed under each year's label, from one retrieved chunk."""
    years = q.years[:2]
    for hit in hits[:4]:
        c = hit.chunk
        rows = [(n, t) for n, t, _ in db.lines(c.doc_id, c.line_start, c.line_end) if t.strip()]
        found: dict[int, Operand] = {}
        for k, (n, text) in enumerate(rows):
            form = index_form(text)
            for y in years:
                label = re.search(rf"(?:ปี|พ\.ศ\.|FY)\s*{y}(?!\d)", form)
                if y in found or not label:
                    continue
                if re.search(alternation(query_words().difference_words) + r"\S{0,6}$", form[:label.start()].rstrip()):
                    continue  # "เพิ่มขึ้นจากปี 2563 จำนวน 1,923": the amount is a change, not that year's figure
                after = form[re.search(rf"{y}(?!\d)", form).end():]
                m = re.search(_AMOUNT + r"\s*(?:ล้านบาท|บาท)", after)
                end = n
                if not m:
                    for n2, t2 in rows[k + 1:k + 1 + YEAR_LOOKAHEAD]:
                        f2 = index_form(t2)
                        if re.search(r"(?:ปี|พ\.ศ\.)\s*\d{4}", f2):
                            break
                        m = re.search(_AMOUNT + r"\s*(?:ล้านบาท|บาท)", f2)
                        if m:
                            end = n2
                            break
                if m:
                    value = _number(m.group(1))
                    if value is not None:
                        quote = db.cite(c.doc_id, n, end).quote
                        found[y] = Operand(f"ปี {y}", value, m.group(1),
                                           Evidence(c.doc_id, n, end, quote, "retrieval", 1.0))
        if len(found) == 2:
            return [found[y] for y in years]
    return None


def _one_line_operands(q: Query, evidence: list[Evidence]) -> tuple[list[Operand] | None, list[Evidence]]:
    """A window printing exactly two figures of the asked unit, one per asked year ("104,754 บาท สูงกว่า
    101,221 บาท ในปี 2563"); and the windows that print a change themselves ("เพิ่มขึ้น … จำนวน 3,543"),
    shown beside the computation (a plan may state a change that its own figures do not give)."""
    printed: list[Evidence] = []
    found = None
    for e in evidence:
        form = thai_digits_to_arabic(e.quote)
        if re.search(alternation(query_words().difference_words) + r"[^0-9]{0,25}\d", form):
            printed.append(e)
            continue
        unit = re.escape(q.unit) if q.unit and q.unit != "ร้อยละ" else r"(?:ล้านบาท|บาท)"
        values = [m.group(1) for m in re.finditer(_AMOUNT + r"\s*" + unit, form)]
        others = [f for f in stated_figures(re.sub(r"(?:ร้อยละ\s*[\d.,]+|[\d.,]+\s*%)", " ", form))]
        if found is None and len(values) == 2 and len(others) == 2 and all(str(y) in index_form(e.quote) for y in q.years[1:2]):
            found = [Operand(f"{i + 1}", _number(v), v, e) for i, v in enumerate(values)]
    return found, printed


_ROW_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d,])")
_ROW_MARK = re.compile(r"^\s*\(?\d{1,2}[.)]\s*")
HEADER_LETTERS = 30  # a header of year columns prints little besides its years ("ปีงบประมาณ", "หน่วย")
TABLE_HEADER_LINES = 40  # how far above a table row its header (the years of its columns) may be printed


def _row_operands(q: Query, evidence: list[Evidence], db: FactsDB) -> list[Operand] | None:
    """A table row ("๒. บอลเคลย์ 465,480.42 325,587.10 256,857.85") under a header printing its columns'
    years ("พ.ศ. ๒๕๖๔ พ.ศ. ๒๕๖5 พ.ศ. 2566"): the asked years' cells, cited with the header and the row."""
    for e in evidence:
        for n, text, _ in db.lines(e.doc_id, e.line_start, e.line_end):
            cells = _ROW_FIGURE.findall(_ROW_MARK.sub("", thai_digits_to_arabic(text)))
            if len(cells) < 2 or re.search(alternation(query_words().difference_words), text):
                continue
            above = db.lines(e.doc_id, max(1, n - TABLE_HEADER_LINES), n - 1)
            for h, head, _ in reversed(above):
                flat = thai_digits_to_arabic(head)
                years = [int(y) for y in re.findall(r"(?:ปี|พ\.ศ\.)\s*(25\d\d)(?!\d)", flat)]
                if len(years) < 2:
                    continue
                if len(re.sub(r"(?:ปี|พ\.ศ\.)\s*25\d\d|\W|\d", "", flat)) > HEADER_LETTERS:
                    break  # a sentence naming years, not a table header of year columns
                if len(years) == len(cells) and all(y in years for y in q.years[:2]):
                    header = db.evidence(e.doc_id, h, h)
                    row = db.evidence(e.doc_id, n, n)
                    col = {y: cells[i] for i, y in enumerate(years)}
                    return [Operand(f"{y}", _number(col[y]), col[y], row) for y in q.years[:2]] + [
                        Operand("header", Decimal(0), "", header)]
                break  # the nearest year header is not this row's
    return None


_ASKING_LEAD = re.compile(r"^\s*(?:มี|ได้|ใช้|เป็น)")


def shared_measure(pair: tuple[str, str]) -> str:
    """What both sides of a pair ask the figure of: the ending they share, less the words that ask it
    (`… มีเงินลงทุน เท่าไร` → `เงินลงทุน`); empty when they share none."""
    a, b = pair
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    shared = _QUESTION_WORD.sub(" ", a[len(a) - n:])
    return _ASKING_LEAD.sub("", " ".join(shared.split())).strip()


MIN_SIDE_IDF = 0.35  # share of the index's largest idf the rarest word of a side the other lacks must reach


def _distinct_sides(pair: tuple[str, str], idf: dict[str, float]) -> bool:
    """Whether each side of a split pair names a thing of its own: a word the other side lacks that the index
    holds rarely (`อุตสาหกรรมพลังงานกับอุตสาหกรรมอาหาร`, `กปภ.ลำปาง กับ กปภ.เถิน`), not a common word a name's
    `และ` left on one side (`พลังงานไฟฟ้าที่จำหน่ายและใช้รวมทั้งหมด`: `ใช้`)."""
    terms = [set(key_terms(analyse(side))) for side in pair]
    floor = MIN_SIDE_IDF * max(idf.values(), default=0.0)
    return all(max((idf.get(t, 0.0) for t in own - other), default=0.0) >= floor
               for own, other in ((terms[0], terms[1]), (terms[1], terms[0])))


def computed_answer(q: Query, hits, db: FactsDB, idf: dict[str, float], retriever,
                    min_support: float = 0.5) -> Draft | None:
    """A sum, difference or share computed from two cited operands; None when they cannot be found."""
    if q.operation not in ("sum", "difference", "share"):
        return None
    operands: list[Operand] | None = None
    printed: list[Evidence] = []
    listed = split_list(q.text) if q.operation == "sum" else None
    if listed:  # "(A B C D E) มีคนงานรวมกันกี่คน": each listed item's figure, then their sum
        items, measure = listed
        found = [_operand_for(f"{item} {measure}", retriever, db, idf, min_support, measure) for item in items]
        if all(found) and len({(o.evidence.line_start, o.printed) for o in found}) == len(found):
            return _sum_draft(q, found)
        return None  # not every item's figure found: no sum of some of them
    pair = split_pair(q.text) if len(q.years) < 2 else None  # two years: the years are the operands
    if pair and _distinct_sides(pair, idf):
        measure = shared_measure(pair)  # `…มีเงินลงทุนรวมกันเท่าไร`: each side's figure after `เงินลงทุน`
        measure = "" if q.unit and q.unit in measure else measure  # `…มีโรงงานมากกว่ากี่โรงงาน`: a unit, before it
        found = [_operand_for(side, retriever, db, idf, min_support, measure) for side in pair]
        if all(found) and found[0].evidence.line_start == found[1].evidence.line_start:
            found = _same_window(pair, found)  # "มีวัดมหานิกาย จำนวน 713 วัด และวัดธรรมยุต จำนวน 31 วัด"
        if all(found) and (found[0].evidence.line_start != found[1].evidence.line_start
                           or found[0].printed != found[1].printed):
            operands = found
    named: Evidence | None = None
    by_year = False  # the operands are the asked years' figures, in the order the question types the years
    if operands is None and len(q.years) >= 2 and q.organisations:
        for named, table in organisation_tables(q, db):
            if all(y in table for y in q.years[:2]):
                operands, by_year = [table[y] for y in q.years[:2]], True
                break
    elif operands is None and len(q.years) >= 2:
        plain = analyse(_strip_operation(q.text))
        plain.wants_figure = True
        evidence, support = select_passages(plain, retriever.search(plain.text).hits, db, idf, limit=3)
        if support >= STRICT_SUPPORT:
            operands = _row_operands(q, evidence, db)
            by_year = operands is not None
            if operands is None:
                operands, printed = _one_line_operands(q, evidence)
        if operands is None:
            operands = _year_operands(q, hits, db)
            by_year = operands is not None
    if operands is None and q.operation == "share":
        operands = _share_operands(q, retriever, db, idf)
    if operands is None and q.operation == "share" and (parts := split_share(q.text)):
        part, whole, measure = parts  # "X คิดเป็นสัดส่วน<measure>กี่เปอร์เซ็นต์ของ<whole>": two look-ups
        share_of = _operand_for(part, retriever, db, idf, min_support, measure)
        if share_of is not None:
            total = (_whole_near(share_of, whole, measure, db)
                     or _operand_for(whole, retriever, db, idf, min_support, measure, above=share_of.value))
            operands = [share_of, total] if total is not None else None
    header = [o for o in operands or [] if o.label == "header"]
    operands = [o for o in operands or [] if o.label != "header"]
    if len(operands) != 2 or any(o.value is None for o in operands):
        return None
    a, b = operands
    if by_year and q.operation == "share" and types_any(q.text, query_words().difference_words):
        return _change_draft(q, (q.years[0], a), (q.years[1], b), [named] if named else [], header)
    if q.operation == "sum":
        result, sign = a.value + b.value, "+"
    elif q.operation == "difference":
        result, sign = abs(a.value - b.value), "−"
    else:
        if not b.value:
            return None
        small, big = sorted((a.value, b.value))
        result, sign = (small / big * 100), "÷"
    shown = format_result(result)
    draft = Draft(support=1.0)
    if named is not None and operands:
        draft.say(" ".join(named.quote.split()), [named])
    for o in header:
        draft.say(" ".join(o.evidence.quote.split()), [o.evidence])
    for o in dict.fromkeys(o.evidence.quote for o in operands):
        e = next(x.evidence for x in operands if x.evidence.quote == o)
        draft.say(f"• {' '.join(o.split())}", [e])
    if q.operation == "share":
        small, big = sorted(operands, key=lambda o: o.value)
        text = _t(q, f"คำนวณ: {small.printed} ÷ {big.printed} × 100 = ร้อยละ {shown}",
                  f"Computed: {small.printed} ÷ {big.printed} × 100 = {shown}%")
    else:
        first, second = (a, b) if q.operation == "sum" or a.value >= b.value else (b, a)
        text = _t(q, f"คำนวณ: {first.printed} {sign} {second.printed} = {shown}",
                  f"Computed: {first.printed} {sign} {second.printed} = {shown}")
    done = [shown.replace(",", "")] + (["100"] if q.operation == "share" else [])  # × 100: part of the rule
    draft.say(text, [o.evidence for o in operands], template=True, computed=done)
    for e in printed:
        if all(e.quote != o.evidence.quote for o in operands):
            draft.say(_t(q, "เอกสารยังระบุไว้ว่า:", "The document also states:"), template=True)
            draft.say(" ".join(e.quote.split()), [e])
    return draft


def earlier_value(q: Query, hits, db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """A year's figure the documents give only as a later figure and its change since that year (`…ปี 2564 เท่ากับ
    73,161 ล้านบาท เพิ่มขึ้นจาก ปี 2563 จำนวน 1,923 ล้านบาท` for 2563: 73,161 − 1,923 = 71,238), computed in code
    from the cited line; None unless the question asks a figure of a year it does not type as the change's start
    (`เพิ่มขึ้นจากปี 2563 เท่าไร` asks the change, which the line prints)."""
    if not q.wants_figure or not q.years or q.operation in ("sum", "share", "max", "min"):
        return None
    qw = query_words()
    up, down = alternation(qw.increase_words), alternation(qw.decrease_words)
    years = alternation([*vocabulary().years.words, *qw.year_phrases])
    since = rf"\s*(?:{alternation(qw.since_words)})?\s*(?:{years})?\s*(?:{years})?\s*"  # `จาก ปี พ.ศ.`
    asked = [y for y in dict.fromkeys(q.years)
             if not re.search(f"(?:{up}|{down}){since}{y}", thai_digits_to_arabic(q.text))]
    if not asked:
        return None
    weight = term_weights([t for t in key_terms(analyse(_strip_operation(q.text))) if not t.isdigit()], idf)
    total = sum(weight.values()) or 1.0
    units = vocabulary().units
    unit = f"({alternation([w for w in (*units.currency, *units.count, *units.measure) if not w.isascii()])})?"
    counted = alternation(units.count_words)  # `จำนวน` before the change's figure
    best: tuple[float, Evidence, re.Match, int] | None = None
    for hit in hits[:EARLIER_HITS]:
        c = hit.chunk
        rows = [(n, t) for n, t, _ in db.lines(c.doc_id, c.line_start, c.line_end) if t.strip()]
        for i, (n, text) in enumerate(rows):
            form = thai_digits_to_arabic(" ".join(text.split()))
            for y in asked:
                if not any(str(other) in form for other in q.years if other != y):
                    continue  # the line prints the later year the question types too (`…คำนวณจากตัวเลขปี 2564`)
                m = re.search(_AMOUNT + r"\s*" + unit + rf"\s*({up}|{down}){since}{y}\s*{counted}?\s*"
                              + _AMOUNT + r"\s*" + unit, form)
                if not m or (m.group(2) and m.group(5) and m.group(2) != m.group(5)):
                    continue
                # the line and the lines just above it (a sentence wraps: `ผลิตภัณฑ์มวลรวมจังหวัด (GPP) ของ` | `ลำปางปี…`)
                near = set().union(*(search_tokens(t) for _, t in rows[max(0, i - 2):i + 1]))
                cover = sum(w for t, w in weight.items() if t in near) / total
                if cover >= EARLIER_SUPPORT and (best is None or cover > best[0]):
                    best = (cover, db.evidence(c.doc_id, rows[max(0, i - 1)][0], n), m, y)
    if best is None:
        return None
    _, e, m, y = best
    later, change = _number(m.group(1)), _number(m.group(4))
    if later is None or change is None:
        return None
    rose = re.fullmatch(up, m.group(3)) is not None
    value = later - change if rose else later + change
    shown, sign = format_result(value), "−" if rose else "+"
    draft = Draft(support=1.0)
    draft.say(f"• {' '.join(e.quote.split())}", [e])
    what = m.group(2) or m.group(5) or ""
    draft.say(_t(q, f"คำนวณ (ค่าปี {y} จากค่าที่ระบุและส่วนที่เปลี่ยนแปลงจากปี {y}): "
                    f"{m.group(1)} {sign} {m.group(4)} = {shown} {what}",
                 f"Computed ({y} from the stated figure and its change since {y}): "
                 f"{m.group(1)} {sign} {m.group(4)} = {shown} {what}").rstrip(),
              [e], template=True, computed=[shown.replace(",", "")])
    return draft


def _change_draft(q: Query, first: tuple[int, Operand], second: tuple[int, Operand], named: list[Evidence],
                  header: list[Operand]) -> Draft | None:
    """How much a figure changed from the earlier asked year to the later and by what percent of the earlier
    (`ลดลงจากปี 2564 เท่าไร คิดเป็นกี่เปอร์เซ็นต์`), computed in code with both operands cited."""
    (y1, old), (y2, new) = sorted((first, second), key=lambda p: p[0])
    change = new.value - old.value
    if not old.value:
        return None
    shown, percent = format_result(abs(change)), format_result(abs(change) / old.value * 100)
    draft = Draft(support=1.0)
    for e in [*named, *(o.evidence for o in header)]:
        draft.say(" ".join(e.quote.split()), [e])
    for o in dict.fromkeys(o.evidence.quote for o in (old, new)):
        draft.say(f"• {' '.join(o.split())}", [next(x.evidence for x in (old, new) if x.evidence.quote == o)])
    up = change > 0
    sign = _t(q, "เพิ่มขึ้น" if up else "ลดลง", "an increase of" if up else "a decrease of")
    draft.say(_t(q, f"คำนวณ: ปี {y2} เทียบกับปี {y1}: {new.printed} − {old.printed} → {sign} {shown}; "
                    f"{shown} ÷ {old.printed} × 100 = ร้อยละ {percent}",
                 f"Computed: {y2} against {y1}: {new.printed} − {old.printed} → {sign} {shown}; "
                 f"{shown} ÷ {old.printed} × 100 = {percent}%"),
              [old.evidence, new.evidence], template=True,
              computed=[shown.replace(",", ""), percent.replace(",", ""), "100"])
    return draft


def _sum_draft(q: Query, operands: list[Operand]) -> Draft:
    """Three or more listed items' figures, each cited, and their sum computed in code."""
    draft = Draft(support=1.0)
    for o in operands:
        draft.say(f"• {' '.join(o.evidence.quote.split())}", [o.evidence])
    shown = format_result(sum(o.value for o in operands))
    text = " + ".join(o.printed for o in operands)
    draft.say(_t(q, f"คำนวณ: {text} = {shown}", f"Computed: {text} = {shown}"), [o.evidence for o in operands],
              template=True, computed=[shown.replace(",", "")])
    return draft


_PERCENT_ASKED = re.compile(INSIDE_WORD + r"กี่\s*(?:เปอร์เซ็นต์|เปอร์เซนต์|%)|ร้อยละ\s*(?:เท่าไร|เท่าไหร่|เท่าใด|กี่)|what percent(?:age)?", re.I)


def _share_operands(q: Query, retriever, db: FactsDB, idf: dict[str, float]) -> list[Operand] | None:
    """A part and its whole printed in one window in one unit ("…ทั้งหมด … จำนวน 20,036,572.05 เมตริกตัน …
    ถ่านหิน ผลิตได้ 12,970,902 เมตริกตัน"): exactly two quantities, each followed by the same unit word."""
    plain = analyse(_PERCENT_ASKED.sub(" ", _strip_operation(q.text)))  # the operands are not percentages
    plain.wants_figure = True
    evidence, support = select_passages(plain, retriever.search(plain.text).hits, db, idf, limit=3)
    if support < STRICT_SUPPORT:
        return None
    for e in evidence:
        form = index_form(" ".join(e.quote.split()))
        by_unit: dict[str, list[str]] = {}
        for value, unit in re.findall(_AMOUNT + r"\s*([\u0E01-\u0E4E]{2,}|[A-Za-z]{2,})", form):
            by_unit.setdefault(unit, []).append(value)
        two = [values for values in by_unit.values() if len(values) == 2]
        if len(two) == 1:  # one unit printed with exactly two quantities (dates and other words aside)
            return [Operand(f"{i + 1}", _number(v), format_result(_number(v)), e) for i, v in enumerate(two[0])]
    return None


def unknown_organisations(q: Query, db: FactsDB) -> list[str]:
    """Organisations the question names that no indexed document prints (spacing and broken marks allowed); one
    typed with the words after it (`กรมทรัพยากรน้ำขอซื้อรถโดยสาร`) is known when its leading words are printed."""
    return [name for name in q.organisations
            if not any(lines_naming(db, lead, start_only=False) for lead in _leading_names(name))]


def _leading_names(name: str) -> list[str]:
    """A typed organisation name, then its leading words, longest first, down to NAME_PREFIX characters."""
    words = [w for w in word_tokens("".join(name.split())) if w.strip()]
    leads = ["".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    return [name] + [lead for lead in leads if len(lead) >= NAME_PREFIX]


def refuse_unknown(q: Query, missing: list[str]) -> Draft:
    """An honest refusal: the documents do not name this organisation, so they state nothing about it."""
    draft = Draft(refused=True, support=0.0)
    names = ", ".join(f"“{m}”" for m in missing)
    draft.say(_t(q, f"ไม่พบ {names} ในเอกสารที่มีอยู่ จึงไม่มีข้อมูลที่ตอบคำถามนี้",
                 f"The documents do not mention {names}; this is not stated in them."), template=True)
    return draft


ORGANISATION_LINES = 15  # a budget book names the agency just above its budget header
HEADING_CHARS = 80  # the line naming the organisation is a short heading, not a sentence mentioning it
NAME_PREFIX = 12
NAME_MATCH = 0.85  # a line names an organisation when it prints it this closely ("…และสงแวดลิ" for "…และสิ่งแวดล้อม")
NAME_SLACK = 8  # characters a printed name may hold beyond the typed one (a word people leave out: `วิจัย`)


def _names(text: str, name: str, start_only: bool) -> bool:
    """Whether a line prints the name (at its start when `start_only`), allowing a PDF's broken marks."""
    flat = "".join(text.split())
    if name in flat and (not start_only or flat.startswith(name)):
        return True
    spots = [0] if start_only else [m.start() for m in re.finditer(re.escape(name[:NAME_PREFIX // 2]), flat)]
    return any(_typed_share(name, flat[i:i + len(name) + NAME_SLACK]) >= NAME_MATCH for i in spots)


def _typed_share(name: str, window: str) -> float:
    """How much of a typed name a printed window holds, in order: a name with a broken mark (`…และสงแวดลิ`) or
    a word left out (`สถาบันแสงซินโครตรอน` of `สถาบันวิจัยแสงซินโครตรอน`) still holds most of it."""
    blocks = SequenceMatcher(None, name, window, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / max(1, len(name))


def lines_naming(db: FactsDB, organisation: str, start_only: bool) -> list[tuple[str, int]]:
    """(doc_id, line) of the lines that name an organisation (short heading lines when `start_only`)."""
    name = "".join(organisation.split("ฯ")[0].split())
    if len(name) < NAME_PREFIX // 2:
        return []
    sql = "SELECT doc_id, n, text FROM lines WHERE replace(text, ' ', '') LIKE ?" + (
        f" AND length(text) < {HEADING_CHARS}" if start_only else "") + " ORDER BY doc_id, n LIMIT 400"
    pattern = f"{name[:NAME_PREFIX // 2]}%" if start_only else f"%{name[:NAME_PREFIX // 2]}%"
    return [(d, n) for d, n, t in db.db.execute(sql, (pattern,)) if _names(t, name, start_only)]


def organisation_tables(q: Query, db: FactsDB):
    """(line naming the organisation, its year-headed table) for each organisation the question names,
    found in the text itself: a short line starting with the name, the table within the lines under it."""
    for organisation in q.organisations:
        for doc_id, n in lines_naming(db, organisation, start_only=True):
            rows = [(m, t) for m, t, _ in db.lines(doc_id, n, n + ORGANISATION_LINES) if t.strip()]
            for table in year_columns(doc_id, rows, db):
                yield db.evidence(doc_id, n, n), table


def year_figure(q: Query, db: FactsDB) -> Draft | None:
    """An organisation's amount for the asked year, read from a year-headed table printed just under a
    line naming it (a budget book's agency page header)."""
    if len(q.years) != 1 or not q.organisations:
        return None
    year = q.years[0]
    for named, table in organisation_tables(q, db):
        if year not in table:
            continue
        o = table[year]
        draft = Draft(support=1.0)
        draft.say(" ".join(named.quote.split()), [named])
        draft.say(_t(q, f"ปี {year}: {o.printed}", f"FY {year}: {o.printed}"), [o.evidence], template=True)
        draft.say(" ".join(o.evidence.quote.split()), [o.evidence])
        return draft
    return None
