"""A level's money over spans of years, read from the year-columned table of its own section.

Each project (and many outputs) of a budget book prints its money per year in a table whose columns are single
years or spans of them: `เริ่มต้น - ปี 2564` (everything from the project's start to that year), `ปี 2565`,
`ปี 2566`, `ปี 2567`, `ปี 2568-จบ` (that year to the project's end), the later ones headed
`ประมาณการรายจ่ายล่วงหน้า`; its rows are `รวมทั้งสิ้น`, `เงินงบประมาณ` with its expense categories, and
`เงินนอกงบประมาณ`. The level's year answer reads the single years; this one answers what needs the spans:
the forward estimates (profile `[query] forward_words`), years typed as a span (`ปี 2566 ถึง 2568`, `from FY2568 to
the end`, `span_words`, `end_words`) and the years before one (`ก่อนปี 65`, `before_words`). A single year typed
alone is not answered from a span column (`เริ่มต้น - ปี 2564` is not 2564). Each column asked is cited with the
header and the row; two or more are added up in code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.lookup import FactsDB, decimals
from assistant.normalize import be_years, full_years
from assistant.outline import compact
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.table_cells import bare_label, in_baht, money_label, table_line
from assistant.understand import types_any
from ingest.records import Table
from ingest.thai_repair import thai_digits_to_arabic
from ingest.vocabulary import alternation, query_words, vocabulary

if TYPE_CHECKING:
    from assistant.plan_levels import Level, PlanLevels

_YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
_RANGE = re.compile(r"[-–—]|ถึง")
_FIGURE = re.compile(r"^\(?\s*\d[\d,]*(?:\.\d+)?\s*\)?$")
YEAR_GAP = 20  # characters between a span word and the year (or end word) it runs to (`ถึงปี `, `to FY`)


@dataclass(frozen=True)
class Column:
    """A column of a year table: the years it holds (None: from the start / to the end) and its header as printed."""

    col: int
    first: int | None
    last: int | None
    header: str

    @property
    def is_span(self) -> bool:
        return self.first != self.last

    def holds(self, year: int) -> bool:
        return (self.first is None or self.first <= year) and (self.last is None or year <= self.last)

    def meets(self, first: int | None, last: int | None) -> bool:
        """Whether the column's years overlap the span first..last (None: open)."""
        return (self.last is None or first is None or first <= self.last) and \
            (self.first is None or last is None or self.first <= last)


def columns(table: Table) -> list[Column]:
    """The table's year columns from its header cells: `ปี 2565` one year, `เริ่มต้น - ปี 2564` the years up to
    one, `ปี 2568-จบ` one on; empty unless two or more and at least one a span."""
    out: dict[int, Column] = {}
    for c in table.cells:
        if not c.header:
            continue
        text = thai_digits_to_arabic(" ".join(c.text.split()))
        years = [int(y) for y in _YEAR.findall(text)]
        if not years:
            continue
        dash = _RANGE.search(text)
        at = _YEAR.search(text).start()
        if len(years) >= 2:
            first, last = years[0], years[-1]
        elif dash is None:
            first = last = years[0]
        elif dash.start() < at:
            first, last = None, years[0]  # `เริ่มต้น - ปี 2564`
        else:
            first, last = years[0], None  # `ปี 2568-จบ`
        out[c.col] = Column(c.col, first, last, text)
    found = sorted(out.values(), key=lambda k: k.col)
    return found if len(found) >= 2 and any(k.is_span for k in found) else []


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(year span year, year span end, before year) over a question with full Buddhist-era Arabic years; a start
    word before a span word (`เริ่มต้น–ปี 2564`) is the years before the next year, as a before word is."""
    words = query_words()
    span, end = alternation(words.span_words), alternation(words.end_words)
    gap = r"[^\d]{0,%d}?" % YEAR_GAP
    before = rf"(?:{alternation(words.before_words)}\s*[^\d]{{0,8}}?(25\d\d)|{alternation(words.start_words)}\s*{span}{gap}(25\d\d))"
    return (re.compile(rf"(25\d\d)\s*{span}{gap}(25\d\d)", re.I),
            re.compile(rf"(25\d\d)\s*{span}{gap}{end}", re.I),
            re.compile(before, re.I))


def asked_spans(text: str) -> list[tuple[int | None, int | None]]:
    """The spans of years a question types: `2566 ถึง 2568` → (2566, 2568), `2568 to the end` → (2568, None),
    `ก่อนปี 2565` → (None, 2564)."""
    return _typed_spans(text)[0]


def _typed_spans(text: str) -> tuple[list[tuple[int | None, int | None]], set[int]]:
    """`asked_spans`, and the years typed in the phrases that state them (no single year asked)."""
    typed = be_years(thai_digits_to_arabic(full_years(text)))
    between, to_end, before = _patterns()
    out: list[tuple[int | None, int | None]] = []
    used: set[int] = set()
    for m in to_end.finditer(typed):
        out.append((int(m.group(1)), None))
        used.add(int(m.group(1)))
    for m in between.finditer(typed):
        first, last = int(m.group(1)), int(m.group(2))
        if first < last and (first, None) not in out:
            out.append((first, last))
            used |= {first, last}
    for m in before.finditer(typed):
        year = int(m.group(1) or m.group(2))
        out.append((None, year - 1) if m.group(1) else (None, year))
        used.add(year)
    # `2566 ถึงปี 2568-จบ`: one span, 2566 to the end
    ends = {a for a, b in out if b is None}
    spans = [(a, None) if b in ends else (a, b) for a, b in out
             if not (b is None and any(y == a and x is not None for x, y in out))]
    return spans, used


def asks_forward(text: str) -> bool:
    """Whether a question asks forward estimates (profile `[query] forward_words`)."""
    return types_any(text, query_words().forward_words)


def asked_columns(q: Query, cols: list[Column], book_year: int | None) -> list[Column]:
    """The columns a question asks, when it types a span of years or asks forward estimates; else none."""
    spans, used = _typed_spans(q.text)
    if spans:  # and the single years typed beside them (`เริ่มต้น–ปี 2564 รวมกับปี 2565`)
        alone = [y for y in q.years if y not in used]
        return [k for k in cols if any(k.meets(a, b) for a, b in spans) or (not k.is_span and k.first in alone)]
    if asks_forward(q.text):
        later = [k for k in cols if book_year is not None and k.first is not None and k.first > book_year]
        picked = [k for k in later if any(k.holds(y) for y in q.years)] if q.years else later
        return picked or later
    return []  # a single year (`ปี 2564`) is no span of years: `เริ่มต้น - ปี 2564` does not answer it


@dataclass
class MoneyRow:
    """A money row of a year table: its label as printed, its unit, and its cell per column."""

    row: int
    label: str
    unit: str
    cells: dict[int, str]


def money_rows(table: Table, caption_unit: str | None) -> list[MoneyRow]:
    """The table's rows labelled as money (profile `[kpis] money_row_words`) in a currency, their own unit cell's
    or the caption's."""
    currency = vocabulary().units.currency
    grid: dict[int, dict[int, str]] = {}
    for c in table.cells:
        if not c.header and c.text.strip():
            grid.setdefault(c.row, {})[c.col] = " ".join(c.text.split())
    out = []
    for r in sorted(grid):
        cells = grid[r]
        label = cells.get(0, "")
        if not money_label(label):
            continue
        unit = next((t for col, t in cells.items() if col and t in currency), caption_unit or "")
        if unit in currency:
            out.append(MoneyRow(r, label, unit, cells))
    return out


def _asked_row(q: Query, rows: list[MoneyRow]) -> MoneyRow | None:
    """The row whose label the question types (the longest, `เงินนอกงบประมาณ` over `เงินงบประมาณ`), else the
    table's total row (profile `[budget_lines] total_words`), else its appropriation row."""
    typed = compact(q.normalized) + compact(q.text)
    named = [r for r in rows if len(compact(bare_label(r.label))) >= 5 and compact(bare_label(r.label)) in typed]
    if named:
        return max(named, key=lambda r: len(compact(r.label)))
    lines = vocabulary().budget_lines
    for words in (lines.total_words, lines.appropriation_words):
        found = [r for r in rows if compact(r.label).startswith(tuple(compact(w) for w in words))]
        if found:
            return found[0]
    return None


def _value(printed: str) -> Decimal | None:
    try:
        return Decimal(printed.strip("() ").replace(",", ""))
    except InvalidOperation:
        return None


def _cited(db: FactsDB, doc_id: str, table: Table, row: MoneyRow, cols: list[Column]) -> list:
    """The header line of the asked columns, the row's label line and its figures' line; the table where not found."""
    figures = [row.cells[k.col] for k in cols if _FIGURE.match(row.cells.get(k.col, ""))]
    header = table_line(db, doc_id, table, [str(k.first or k.last) for k in cols])
    label = table_line(db, doc_id, table, [row.label])
    line = table_line(db, doc_id, table, [row.unit, *figures]) or table_line(db, doc_id, table, figures)
    if header and label and line:
        return [db.evidence(doc_id, n, n) for n in dict.fromkeys((header, label, line))]
    return [db.evidence(doc_id, table.line_start, table.line_end)]


def answer(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """The level's money in the columns the question asks of its section's year table (a span among them), each
    cited, added up in code where several; None when no such table or nothing asked needs a span column."""
    if lv.children:
        return None  # a level over others: their tables are theirs (its own section prints single years)
    doc_id = lv.heading.doc_id
    cover = levels.fiscal_year(lv.doc_id)
    for table in levels.section_tables(lv):
        cols = columns(table)
        asked = asked_columns(q, cols, cover[0] if cover else None) if cols else []
        if not asked:
            continue
        row = _asked_row(q, money_rows(table, levels.table_unit(doc_id, table)))
        if row is None or any(k.col not in row.cells for k in asked):
            continue
        return _said(q, lv, levels, table, row, asked)
    return None


def _said(q: Query, lv: Level, levels: PlanLevels, table: Table, row: MoneyRow, asked: list[Column]) -> Draft:
    """The asked columns' cells of the row, and their sum where several print figures."""
    cited = _cited(levels.db, lv.heading.doc_id, table, row, asked)
    draft = Draft(support=1.0)
    draft.say(_t(q, f"{levels.title(lv)} — {row.label} ({row.unit}) ตามตารางรายปี:",
                 f"{levels.title(lv)} — {row.label} ({row.unit}), from its table by year:"),
              [levels.evidence(lv), *cited], template=True)
    figures: list[str] = []
    for k in asked:
        printed = row.cells[k.col]
        baht = None
        if _value(printed) is None:  # `-`: no amount for those years
            said = printed + _t(q, " (ไม่ได้ระบุจำนวนเงิน)", " (no amount printed)")
        else:
            figures.append(printed.strip("() "))
            baht = in_baht(printed, row.unit)
            said = f"{printed} {row.unit}" + (f" = {baht} บาท" if baht else "")
        draft.say(f"• {k.header}: {said}", cited, template=True, computed=[baht.replace(",", "")] if baht else [])
    if len(figures) >= 2:
        total = sum(_value(f) for f in figures)
        shown = f"{total:,.{decimals(*figures)}f}"
        baht = in_baht(shown, row.unit)
        draft.say(_t(q, f"รวม {len(figures)} ช่วงปี: {' + '.join(figures)} = {shown} {row.unit}",
                     f"Together, {len(figures)} columns: {' + '.join(figures)} = {shown} {row.unit}")
                  + (f" = {baht} บาท" if baht else ""), cited, template=True,
                  computed=[str(len(figures)), shown.replace(",", ""), *([baht.replace(",", "")] if baht else [])])
    return draft
