"""Tables printed as lines of words: a header of one word per column, then rows of as many cells, one a label and
the others figures.

```
ลำดับที่ อำเภอ ตำบล หมู่บ้าน ชุมชน เทศบาล อบต.
1 เมืองลำปาง 19 144 107 5 10
2 แม่เมาะ 5 44 - 1 4
```

The header has no units in brackets (row_headers' layout) and the document model holds no cells for it (a text
file): read back, the k-th cell of a row stands under the k-th header word. A question typing a row's label and a
column's word gets that cell (`อำเภองาวมีกี่ตำบล`: 10); one asking the largest or smallest in a column (`อำเภอใดมี
หมู่บ้านมากที่สุด`, typing the label column's word) gets the ranked rows (ties together), rows it sets aside
(`ไม่นับอำเภอเมืองลำปาง`, profile `[query] set_aside_words`) left out; each answer cites the header and the rows it
reads.

Rows may be numbered levels instead (`ระดับ จำนวน(โรง)` / `1 373` / `2 2` …): a row is named by the label word and its
number (`ระดับ4`), rows from it up or down are added (`ตั้งแต่ระดับ 2 ขึ้นไป`), when the question says what the table
counts (a word of its caption or the sentence above it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.lookup import FactsDB
from assistant.outline import compact
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.table_extremes import value_of
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens
from ingest.vocabulary import alternation, label_questions, query_words

MIN_COLUMNS = 3  # header words: a label column and at least two more
MIN_ROWS = 3
MAX_HEADER_WORD = 20  # characters of one header word (a sentence is no header)
MIN_LABEL = 3  # compact characters of a row label a question must type to name it
SET_ASIDE_CHARS = 40  # how far after a set-aside word the rows it names may be typed
INTRO_LINES = 6  # lines above a numbered table's header that say what it counts (its caption, the sentence before)
_FIGURE = re.compile(r"[-–]|\d[\d,]*(?:\.\d+)?%?")


@dataclass
class WordRow:
    """One row: its line, its label and every cell as printed."""

    line: int
    label: str
    cells: list[str]  # every cell as printed, the label's included


@dataclass
class WordTable:
    """A table of this layout: its header's line and words, which column holds the labels, and its rows."""

    doc_id: str
    header_line: int
    columns: list[str]
    label_col: int
    rows: list[WordRow]
    numbered: bool = False  # the labels are numbers (`ระดับ` 1…5): a row is named by the label word and its number

    def figure_columns(self) -> list[int]:
        """The columns of figures, less a running row number (`ลำดับที่`: 1, 2, 3 …)."""
        out = []
        for k in range(len(self.columns)):
            if k == self.label_col:
                continue
            values = [r.cells[k] for r in self.rows]
            if values == [str(i) for i in range(1, len(values) + 1)]:
                continue
            out.append(k)
        return out


def _is_figure(cell: str) -> bool:
    """A figure cell (`144`, `5,000`, `12.5%`) or a dash (none)."""
    return bool(_FIGURE.fullmatch(index_form(cell)))


def word_tables(doc_id: str, text: list[tuple[int, str, int | None]]) -> list[WordTable]:
    """Every table of this layout in one document's lines."""
    lines = [(n, t) for n, t, _ in text if t.strip()]
    out: list[WordTable] = []
    i = 0
    while i < len(lines):
        n, head_text = lines[i]
        head = head_text.split()
        i += 1
        if len(head) < 2 or any(_is_figure(w) or len(w) > MAX_HEADER_WORD for w in head):
            continue
        rows: list[WordRow] = []
        label_col = None
        for j in range(i, len(lines) if len(head) >= MIN_COLUMNS else i):
            m, row_text = lines[j]
            cells = row_text.split()
            words = [k for k, c in enumerate(cells) if not _is_figure(c)]
            if len(cells) != len(head) or len(words) != 1 or (label_col is not None and words[0] != label_col):
                break
            label_col = words[0]
            rows.append(WordRow(m, cells[label_col], cells))
        if len(rows) >= MIN_ROWS and label_col is not None:
            out.append(WordTable(doc_id, n, head, label_col, rows))
            i += len(rows)
        elif numbered := _numbered_rows(lines[i:], len(head)):
            out.append(WordTable(doc_id, n, head, 0, numbered, numbered=True))
            i += len(numbered)
    return out


def _numbered_rows(lines: list[tuple[int, str]], width: int) -> list[WordRow]:
    """The rows of figures under a header of `width` words whose first cells number them (`1 373`, `2 2` under
    `ระดับ จำนวน(โรง)`: levels, small distinct whole numbers); none when fewer than MIN_ROWS."""
    rows: list[WordRow] = []
    for m, row_text in lines:
        cells = row_text.split()
        if len(cells) != width or not all(_is_figure(c) for c in cells) or not re.fullmatch(r"\d{1,2}", cells[0]) \
                or any(r.label == cells[0] for r in rows):
            break
        rows.append(WordRow(m, cells[0], cells))
    return rows if len(rows) >= MIN_ROWS else []


def _named(word: str, asked: str) -> bool:
    """Whether a question types this label or header word (long enough not to be a stray run)."""
    w = compact(word)
    return len(w) >= MIN_LABEL and w in asked


def _asked_as(word: str, asked: str) -> bool:
    """Whether a question asks a header word in its own words (profile `[label_questions]`: `ห่าง…กี่โล` asks
    `ระยะทาง`): a column is a labelled field."""
    return any(compact(w) in asked for w in label_questions().get(word, ()))


def _set_aside(text: str) -> str:
    """The words after a set-aside word (`ไม่นับอำเภอเมืองลำปาง`): the rows they name are left out."""
    words = query_words().set_aside_words
    m = re.search(alternation(words), text, re.I) if words else None
    return compact(text[m.end():m.end() + SET_ASIDE_CHARS]) if m else ""


def answer(q: Query, tables: list[WordTable], db: FactsDB) -> Draft | None:
    """The cell, or the ranked rows, a question asks of a table of this layout; None when it names none."""
    asked = compact(q.text)
    aside = _set_aside(q.text)
    for table in tables:
        if table.numbered:
            draft = _numbered(q, table, db)
            if draft is not None:
                return draft
            continue
        figures = table.figure_columns()
        cols = [k for k in figures if _named(table.columns[k], asked) or _asked_as(table.columns[k], asked)]
        if len(cols) != 1:
            continue
        col = cols[0]
        named = [r for r in table.rows if _named(r.label, asked) and not (aside and compact(r.label) in aside)]
        if len(named) > 1 or q.operation in ("max", "min"):
            # `แม่พริก ห่างตัวเมืองลำปาง…`, `…ไกลจากตัวเมืองลำปางที่สุด`: the row printing no figure there (`-`) is the
            # reference point, not a row asked
            named = [r for r in named if value_of(r.cells[col]) is not None]
        if q.operation in ("max", "min") and not named and _named(table.columns[table.label_col], asked):
            return _ranked(q, table, col, aside, db)  # `อำเภอใด…มากที่สุด`: the label column's word asks which row
        if len(named) == 1 and q.operation is None:
            return _cell(q, table, named[0], col, db)
    return None


def _cell(q: Query, table: WordTable, row: WordRow, col: int, db: FactsDB) -> Draft:
    """The cell of a named row under a named column, with the header and the row cited."""
    draft = Draft(support=1.0)
    draft.say(f"{row.label}: {table.columns[col]} {row.cells[col]}",
              [db.evidence(table.doc_id, table.header_line, table.header_line),
               db.evidence(table.doc_id, row.line, row.line)], template=True)
    return draft


def _ranked(q: Query, table: WordTable, col: int, aside: str, db: FactsDB) -> Draft | None:
    """The rows with the largest (or smallest) figure in a column, ties together, rows set aside left out."""
    rows = [r for r in table.rows if value_of(r.cells[col]) is not None and not (aside and compact(r.label) in aside)]
    if len(rows) < 2:
        return None
    pick = max if q.operation == "max" else min
    best = pick(value_of(r.cells[col]) for r in rows)
    top = [r for r in rows if value_of(r.cells[col]) == best]
    left = [r.label for r in table.rows if r not in rows and aside and compact(r.label) in aside]
    largest = q.operation == "max"
    most = _t(q, "มากที่สุด" if largest else "น้อยที่สุด", "the largest" if largest else "the smallest")
    header = db.evidence(table.doc_id, table.header_line, table.header_line)
    not_th = f" ไม่นับ {', '.join(left)}" if left else ""
    not_en = f" (not counting {', '.join(left)})" if left else ""
    lead = _t(q, f"{table.columns[col]} {most} ({len(rows)} แถว{not_th}): ",
              f"{table.columns[col]}, {most} of {len(rows)} rows{not_en}: ")
    draft = Draft(support=1.0)
    draft.say(lead + _t(q, " และ ", " and ").join(r.label for r in top) + f" — {top[0].cells[col]}",
              [header, *(db.evidence(table.doc_id, r.line, r.line) for r in top)], template=True, computed=[str(len(rows))])
    return draft


_BRACKET_UNIT = re.compile(r"\(([^()]+)\)")


def _numbered(q: Query, table: WordTable, db: FactsDB) -> Draft | None:
    """The row of a numbered table a question names by the label word and a number (`GI ระดับ4 … กี่โรง`), or the
    rows from it up or down (`ตั้งแต่ระดับ 2 ขึ้นไป`: profile `range_up_words`, `range_down_words`) added; its one
    column of figures must be asked by its word or its bracketed unit (`จำนวน(โรง)` … `กี่โรง`). None otherwise."""
    if len(table.columns) != 2:
        return None
    col = 1
    unit = _BRACKET_UNIT.search(table.columns[col])
    word = _BRACKET_UNIT.sub("", table.columns[col])
    if not (_named(word, compact(q.text)) or (unit and q.unit and compact(unit.group(1)) == compact(q.unit))):
        return None
    above = [(n, t) for n, t, _ in db.lines(table.doc_id, max(1, table.header_line - INTRO_LINES),
                                          table.header_line - 1) if t.strip()]
    skip = set(query_words().question_words) | {t for c in table.columns for t in search_tokens(c)}
    topic = {t for _, t in above for t in search_tokens(t) if len(t) > 1 and not t.isdigit()} - skip
    if not above or not topic & set(search_tokens(q.text)):
        return None  # the question says nothing of what the table counts (its caption and the lines before it)
    form = index_form(q.text)
    m = re.search(re.escape(table.columns[0]) + r"\s*(?:ที่\s*)?(\d{1,2})(?!\d)", form)
    row = next((r for r in table.rows if m and r.label == m.group(1)), None)
    if row is None:
        return None
    after = form[m.end():m.end() + 12]
    qw = query_words()
    up, down = (bool(re.search(alternation(w), after, re.I)) for w in (qw.range_up_words, qw.range_down_words))
    header = db.evidence(table.doc_id, table.header_line, table.header_line)
    draft = Draft(support=1.0)
    draft.say(" ".join(above[-1][1].split()), [db.evidence(table.doc_id, above[-1][0], above[-1][0])])  # the table's caption
    if not (up or down):
        draft.say(f"{table.columns[0]} {row.label}: {table.columns[col]} {row.cells[col]}",
                  [header, db.evidence(table.doc_id, row.line, row.line)], template=True)
        return draft
    n = int(row.label)
    rows = [r for r in table.rows if (int(r.label) >= n if up else int(r.label) <= n)]
    values = [value_of(r.cells[col]) for r in rows]
    if len(rows) < 2 or any(v is None for v in values):
        return None
    total = sum(values, Decimal(0))
    shown = f"{total:,}"
    for r in rows:
        draft.say(f"• {table.columns[0]} {r.label}: {r.cells[col]}", [header, db.evidence(table.doc_id, r.line, r.line)],
                  template=True)
    draft.say(_t(q, f"รวม {table.columns[0]} {rows[0].label}–{rows[-1].label}: ", f"{table.columns[0]} {rows[0].label}–"
                 f"{rows[-1].label} in all: ") + " + ".join(r.cells[col] for r in rows) + f" = {shown}",
              [db.evidence(table.doc_id, r.line, r.line) for r in rows], template=True, computed=[shown.replace(",", "")])
    return draft
