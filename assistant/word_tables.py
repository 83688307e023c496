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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.lookup import FactsDB
from assistant.outline import compact
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from ingest.thai_repair import index_form
from ingest.vocabulary import alternation, query_words

MIN_COLUMNS = 3  # header words: a label column and at least two more
MIN_ROWS = 3
MAX_HEADER_WORD = 20  # characters of one header word (a sentence is no header)
MIN_LABEL = 3  # compact characters of a row label a question must type to name it
SET_ASIDE_CHARS = 40  # how far after a set-aside word the rows it names may be typed
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


def _value(cell: str) -> Decimal | None:
    """A cell's figure, None for a dash."""
    try:
        return Decimal(index_form(cell).replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


def word_tables(doc_id: str, text: list[tuple[int, str, int | None]]) -> list[WordTable]:
    """Every table of this layout in one document's lines."""
    lines = [(n, t) for n, t, _ in text if t.strip()]
    out: list[WordTable] = []
    i = 0
    while i < len(lines):
        n, head_text = lines[i]
        head = head_text.split()
        i += 1
        if len(head) < MIN_COLUMNS or any(_is_figure(w) or len(w) > MAX_HEADER_WORD for w in head):
            continue
        rows: list[WordRow] = []
        label_col = None
        for j in range(i, len(lines)):
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
    return out


def _named(word: str, asked: str) -> bool:
    """Whether a question types this label or header word (long enough not to be a stray run)."""
    w = compact(word)
    return len(w) >= MIN_LABEL and w in asked


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
        figures = table.figure_columns()
        cols = [k for k in figures if _named(table.columns[k], asked)]
        if len(cols) != 1:
            continue
        col = cols[0]
        named = [r for r in table.rows if _named(r.label, asked) and not (aside and compact(r.label) in aside)]
        if q.operation in ("max", "min") and not named and _named(table.columns[table.label_col], asked):
            return _ranked(q, table, col, aside, db)  # `อำเภอใด…มากที่สุด`: the label column's word asks which row
        if len(named) == 1 and q.operation is None:
            return _cell(q, table, named[0], col, db)
    return None


def _evidence(db: FactsDB, doc_id: str, line: int) -> Evidence:
    """One line as evidence."""
    return Evidence(doc_id, line, line, db.cite(doc_id, line, line).quote, "retrieval", 1.0)


def _cell(q: Query, table: WordTable, row: WordRow, col: int, db: FactsDB) -> Draft:
    """The cell of a named row under a named column, with the header and the row cited."""
    draft = Draft(support=1.0)
    draft.say(f"{row.label}: {table.columns[col]} {row.cells[col]}",
              [_evidence(db, table.doc_id, table.header_line), _evidence(db, table.doc_id, row.line)], template=True)
    return draft


def _ranked(q: Query, table: WordTable, col: int, aside: str, db: FactsDB) -> Draft | None:
    """The rows with the largest (or smallest) figure in a column, ties together, rows set aside left out."""
    rows = [r for r in table.rows if _value(r.cells[col]) is not None and not (aside and compact(r.label) in aside)]
    if len(rows) < 2:
        return None
    pick = max if q.operation == "max" else min
    best = pick(_value(r.cells[col]) for r in rows)
    top = [r for r in rows if _value(r.cells[col]) == best]
    left = [r.label for r in table.rows if r not in rows and aside and compact(r.label) in aside]
    largest = q.operation == "max"
    most = _t(q, "มากที่สุด" if largest else "น้อยที่สุด", "the largest" if largest else "the smallest")
    header = _evidence(db, table.doc_id, table.header_line)
    not_th = f" ไม่นับ {', '.join(left)}" if left else ""
    not_en = f" (not counting {', '.join(left)})" if left else ""
    lead = _t(q, f"{table.columns[col]} {most} ({len(rows)} แถว{not_th}): ",
              f"{table.columns[col]}, {most} of {len(rows)} rows{not_en}: ")
    draft = Draft(support=1.0)
    draft.say(lead + _t(q, " และ ", " and ").join(r.label for r in top) + f" — {top[0].cells[col]}",
              [header, *(_evidence(db, table.doc_id, r.line) for r in top)], template=True, computed=[str(len(rows))])
    return draft
