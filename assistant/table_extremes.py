"""The largest or smallest figure of a table column a question names, found over the table's rows.

"แร่ชนิดใดที่คาดว่าจะผลิตได้อีกนานที่สุด" asks for the row whose figure in one column (`ระยะเวลา (ปี)`) is
the largest: the table is the one whose header and caption hold the question's words; the column the one
whose name and unit the question types (its asked unit first); every row's figure in it is compared in
code, and the answer cites the header and the winning row, with the runners-up.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.lookup import FactsDB
from assistant.normalize import translate_english
from assistant.passages import key_terms, term_weights
from assistant.records import Evidence
from assistant.route import Query
from assistant.row_headers import YEAR_CELL, HeaderTable, Row
from assistant.structured_answers import Draft, _t
from assistant.understand import asks, asks_both_extremes, extreme_at
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens
from ingest.vocabulary import query_words, vocabulary

MIN_COVER = 0.45  # share of the question's (idf-weighted) key terms the table's header, caption and labels hold
RUNNERS_UP = 2


def value_of(printed: str) -> Decimal | None:
    """A cell's figure (`1,044,950.00`, `12.5%`); None for a dash or text."""
    try:
        return Decimal(index_form(printed).rstrip("%"))
    except InvalidOperation:
        return None  # `-`: no figure


def is_total(row: Row) -> bool:
    """Whether a row is the table's total (its label starts with a total word)."""
    return total_label(row.label)


def total_label(label: str) -> bool:
    """Whether a row label names a total (`รวม`, `รวมทั้งสิ้น`, after any item number)."""
    words = (*vocabulary().table_words.total_column_words, *vocabulary().budget_lines.total_words)
    return any(label.lstrip("0123456789๐๑๒๓๔๕๖๗๘๙. ").startswith(w) for w in words)


# an English max/min word and the words after it up to the clause's end: the measure ranked (`the most electricity`)
_EN_MEASURE = re.compile(r"\S+\s+((?:(?![,?;]|\b(?:and|in|for|among|of all)\b).)+)", re.I)


def asked_column(q: Query, table: HeaderTable, weight: dict[str, float]) -> int | None:
    """The column the question names: its year's; a column of years where it asks how long (`นานที่สุด`); the
    column named before the max/min word (`ใช้พลังงานไฟฟ้ามากที่สุด … กี่ราย`: the unit belongs to another part);
    its unit asked (`กี่ปี` → `(ปี)`); else the most of its name typed."""
    cols = table.rows[0].columns
    words = query_words()
    duration = any(w in q.text.lower() for w in words.duration_words)  # `นานที่สุด`: a column of years
    lasting = [i for i, c in enumerate(cols) if c.unit in words.duration_units]
    if duration and len(lasting) == 1:  # `…ปี 2566 แร่ชนิดใดผลิตได้อีกนานที่สุด`: how long, not the year's figure
        return lasting[0]
    years = [i for i, c in enumerate(cols) if any(str(y) in c.name for y in q.years)]
    if q.years and any(YEAR_CELL.search(c.name) for c in cols):
        return years[0] if len(years) == 1 else None  # `ปี 2565 … มากที่สุด`: the year's column
    if not duration:
        at = extreme_at(q.text)
        head = set(search_tokens(q.text[:at]))
        measure = _EN_MEASURE.match(q.text, at) if q.language == "en" and at else None
        ahead = set(search_tokens(translate_english(measure.group(1)))) & set(weight) if measure else set()
        head = ahead or head  # `which category consumed the most electricity`: English names the measure after it
        named = _named(cols, table, {t: w for t, w in weight.items() if t in head})
        if named is not None:
            return named
    units = {q.unit} if q.unit else set(words.duration_units) if duration else set()
    by_unit = [i for i, c in enumerate(cols) if c.unit in units]
    if len(by_unit) == 1:
        return by_unit[0]
    return _named(cols, table, weight)


MIN_INSIDE = 4  # characters of a Thai word found inside a column's longer word (`ไฟฟ้า` in `พลังงานไฟฟ้า`)


def _names_column(term: str, tokens: list[str]) -> bool:
    """Whether a question's word names a column (its name's words, `tokens`): one of them, or a Thai word of
    MIN_INSIDE or more characters inside one (`ไฟฟ้า` of `พลังงานไฟฟ้าที่จำหน่าย`, which the tokenizer keeps whole)."""
    return term in tokens or (len(term) >= MIN_INSIDE and not term.isascii() and any(term in t for t in tokens))


def _named(cols: list, table: HeaderTable, weight: dict[str, float]) -> int | None:
    """The one column the weighted words name most of; of a name over a figure and its share, the figure."""
    col_tokens = [search_tokens(c.name) for c in cols]  # each column's words, read once

    def named_by(ws: dict[str, float]) -> list[tuple[float, int]]:
        return [(sum(w for t, w in ws.items() if _names_column(t, tokens)), i) for i, tokens in enumerate(col_tokens)]

    # the words of the label column's header (`ประเภทผู้ใช้ไฟ`) say what the rows are, not which column is asked
    # (`ผู้ใช้ไฟประเภทไหนใช้พลังงานไฟฟ้ามากที่สุด`); counted only when no column is named without them
    kind = set(search_tokens(table.kind))
    named = named_by({t: w for t, w in weight.items() if t not in kind})
    if max(named, default=(0.0, None))[0] <= 0:
        named = named_by(weight)
    best = max(named, default=(0.0, None))
    if best[0] <= 0:
        return None
    tied = [i for s, i in named if s == best[0]]
    if len(tied) > 1:  # a name over its figure and its share (`พลังงานไฟฟ้า…: กิโลวัตต์-ชั่วโมง | ร้อยละ`): the figure
        tied = [i for i in tied if cols[i].unit not in vocabulary().table_words.share_units]
    return tied[0] if len(tied) == 1 else None


def extreme_rows(q: Query, tables: list[HeaderTable], idf: dict[str, float]) -> tuple[HeaderTable, int, list[Row]] | None:
    """The table the question describes, the column it names and the table's rows ordered by that
    column's figure (largest first for max); None when no table covers the question or names a column."""
    if q.operation not in ("max", "min"):
        return None
    words = query_words()
    operation_words = {t for w in (*words.max_words, *words.min_words) for t in search_tokens(w)}
    # an English word the index never saw (`remaining`, `life`) is one no Thai table prints: it says nothing of which
    # table is asked, so it does not count against the cover
    weight = term_weights([t for t in key_terms(q) if not t.isdigit() and t not in operation_words
                           and (t in idf or not t.isascii())], idf)
    total = sum(weight.values())
    if not total:
        return None
    best: tuple[float, HeaderTable, int] | None = None
    for table in tables:
        col = asked_column(q, table, weight) if len(table.rows) >= 2 else None
        if col is None:
            continue
        labels = set(search_tokens(" ".join(r.label for r in table.rows)))
        cover = sum(w for t, w in weight.items() if t in table.tokens or t in labels) / total
        if best is None or cover > best[0]:
            best = (cover, table, col)
    if best is None or best[0] < MIN_COVER:
        return None
    _, table, col = best
    rows = [(v, r) for r in table.rows if not is_total(r) and (v := value_of(r.values[col])) is not None]
    if len(rows) < 2:
        return None
    rows.sort(key=lambda vr: vr[0], reverse=q.operation == "max")
    return table, col, [r for _, r in rows]


def header_evidence(table: HeaderTable, db: FactsDB) -> Evidence:
    """A table's header lines as evidence (what names the columns a row's figures are read under)."""
    start, end = table.header
    return Evidence(table.doc_id, start, end, db.cite(table.doc_id, start, end).quote, "table_header", 1.0)


def row_evidence(table: HeaderTable, row: Row, db: FactsDB) -> Evidence:
    """A table row as evidence, its label's lines above its figures included."""
    return db.evidence(table.doc_id, row.first, row.line)


def extreme_answer(q: Query, tables: list[HeaderTable], db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """The row with the largest (or smallest) figure in the asked column of the table the question
    describes and the runners-up, cited with the header; None where `extreme_rows` finds none."""
    found = extreme_rows(q, tables, idf)
    if found is None:
        return None
    table, col, rows = found
    header = header_evidence(table, db)
    column = rows[0].columns[col]
    most = _t(q, "สูงที่สุด" if q.operation == "max" else "ต่ำที่สุด", "largest" if q.operation == "max" else "smallest")
    draft = Draft(support=1.0)
    for k, r in enumerate(rows[:1 + RUNNERS_UP]):
        row = row_evidence(table, r, db)
        lead = (_t(q, f"{column.name} {most} ({len(rows)} แถวในตาราง): ", f"{column.name}, {most} of {len(rows)} rows: ")
                if k == 0 else _t(q, "รองลงมา: ", "next: "))
        draft.say(f"{lead}{r.label} — {r.values[col]} {column.unit}", [header, row], template=True,
                  computed=[str(len(rows))] if k == 0 else None)
    if asks(q.text) >= 2:  # `…ใช้พลังงานไฟฟ้ามากที่สุด แล้วประเภทนั้นมีผู้ใช้กี่ราย`: the winner's other figures too
        draft.say(_t(q, "อ่านตามหัวตาราง: ", "Read against the table's header: ") + rows[0].reading(),
                  [header, row_evidence(table, rows[0], db)], template=True)
    if asks_both_extremes(q.text) and len(rows) > 1 + RUNNERS_UP:  # `…นานที่สุด และชนิดไหนสั้นที่สุด`: the other end too
        least = _t(q, "ต่ำที่สุด" if q.operation == "max" else "สูงที่สุด", "smallest" if q.operation == "max" else "largest")
        r = rows[-1]
        draft.say(_t(q, f"{column.name} {least}: ", f"{column.name}, {least}: ") + f"{r.label} — {r.values[col]} {column.unit}",
                  [header, row_evidence(table, r, db)], template=True)
    return draft
