"""KPI tables read from the document model's real tables (cells), not from flattened lines.

Budget books print, per ministry, agency and ผลผลิต/โครงการ, a table whose header names a unit
column (`หน่วยนับ`) and one column per fiscal year (`ปี 2564 แผน (ผล)*`, `เริ่มต้น - ปี 2564`,
`ปี 2568-จบ`); each KPI row gives its text, unit and a target per year (`26 ( 22 )`: the plan, and
the reported result in brackets). Money rows of the same table (เงินงบประมาณ, - งบดำเนินงาน,
รวมทั้งสิ้น) are not KPIs; a numbered row without figures (`(1) ผลสัมฤทธิ์ : …`) heads the KPIs
under it; a row with neither figures nor a marker continues the row above it (wrapped text).

The cells are the document model's, repaired by ingest with the document's own repair plan (a
cell's wrapped lines joined here). Each KPI is then found in the document's repaired lines, so
it carries the line span where its text is printed; where it cannot be found, `located` is
False and its span is the table's first line. Words come from the vocabulary profile.
"""
from __future__ import annotations

import re

from ingest.facts_budget_lines import section_paths
from ingest.facts_records import KpiTarget, TableKpi
from ingest.records import Section, Table, TableCell
from ingest.thai_repair import DIGIT_CLASS as _D, join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import alternation, vocabulary

_V = vocabulary()
_K = _V.kpis
_YEAR = re.compile(rf"(?<![{_D}])((?:{alternation(_V.years.era_prefixes)})[{_D}]{{2}})(?![{_D}])")
_FIGURE = re.compile(rf"^[\s{_D},.%()+\-–—/]*$")  # a cell of figures only (a value, not a header)
_MARKER = re.compile(rf"^\s*(?:\(\s*[{_D}]{{1,2}}\s*\)|[{_D}]{{1,2}}\s*[.)])\s*")  # (1) / 1. / 1)
_BULLET = re.compile(r"^\s*[-–•▪]\s*")
_RESULT = re.compile(r"^\s*(.*?)\s*\(\s*([^()]*?)\s*\)\s*\**\s*$")  # "26 ( 22 )"
KEY_CHARS = 10  # consonants of a KPI's text used to find it in the lines
SPAN_LINES = 8  # how many lines one KPI's text may wrap over


def skeleton(text: str) -> str:
    """The Thai consonants (and Latin letters/digits) of a text: robust to damaged vowels and marks."""
    return "".join(ch for ch in text if "\u0e01" <= ch <= "\u0e2e" or ch.isascii() and ch.isalnum())


_UNIT_HEADER = [skeleton(w) for w in _K.unit_header_words]
_KPI_WORDS = [skeleton(w) for w in _K.kpi_words]
_MONEY = [skeleton(w) for w in _K.money_row_words]
_CURRENCY = {skeleton(w) for w in _V.units.currency}


def _empty(text: str) -> bool:
    return not text.strip() or text.strip() in _K.empty_cells


class _Layout:
    """Where a KPI table keeps its columns: the unit column, year columns, first data row."""

    def __init__(self, unit_col: int, years: dict[int, int], first_row: int):
        self.unit_col, self.years, self.first_row = unit_col, years, first_row


def table_layout(table: Table) -> _Layout | None:
    """The unit and fiscal-year columns of a KPI table, or None when the table is not one."""
    unit_col: int | None = None
    years: dict[int, int] = {}
    header_rows: set[int] = set()
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if c.row > 4:
            break
        sk = skeleton(c.text)
        if unit_col is None and sk in _UNIT_HEADER:
            unit_col = c.col
            header_rows.add(c.row)
            continue
        m = _YEAR.search(c.text)
        if m and (not _FIGURE.match(c.text) or c.header) and c.col not in years:
            years[c.col] = int(thai_digits_to_arabic(m.group(1)))
            header_rows.add(c.row)
    if unit_col is None or not years or min(years) <= unit_col or len(set(years.values())) != len(years):
        return None
    return _Layout(unit_col, years, max(header_rows) + 1)


def _target(cell: str, year: int) -> KpiTarget | None:
    """Target (and bracketed result) of a year cell, None when the cell prints no figure."""
    text = " ".join(cell.split())
    m = _RESULT.match(text)
    target, result = (m.group(1), m.group(2)) if m and m.group(1) else (text, None)
    if _empty(target):
        return None
    return KpiTarget(year, target, text, None if result is None or _empty(result) else result)


def parse_kpi_tables(tables: list[Table], lines: list[str], sections: list[Section]) -> list[TableKpi]:
    """Every KPI row of every KPI table, with its targets per fiscal year, path and line span."""
    if not _K.unit_header_words:
        return []
    found = [(t, layout) for t in tables if (layout := table_layout(t))]
    if not found:
        return []
    path_of = section_paths(sections, len(lines))
    kpis: list[TableKpi] = []
    for table, layout in found:
        table_kpis = _read_rows(table, layout, path_of)
        _locate(table_kpis, table, lines)
        kpis.extend(table_kpis)
    return kpis


def _text(cell: TableCell) -> str:
    """A cell's text on one line (its wrapped lines joined as Thai text is)."""
    return " ".join(join_wrapped_lines(cell.text.split("\n")).split())


def _read_rows(table: Table, layout: _Layout, path_of: list[list[str]]) -> list[TableKpi]:
    rows: dict[int, list] = {}
    for c in table.cells:
        if c.row >= layout.first_row:
            rows.setdefault(c.row, []).append(c)
    path = path_of[table.line_start - 1] if 0 < table.line_start <= len(path_of) else []
    out: list[TableKpi] = []
    current: TableKpi | None = None
    pending = False  # `current` has its text but no figures yet
    group: str | None = None
    group_open = False
    for r in sorted(rows):
        cells = sorted(rows[r], key=lambda c: c.col)
        name = " ".join(_text(c) for c in cells if c.col < layout.unit_col).strip()
        unit = " ".join(_text(c) for c in cells if c.col == layout.unit_col).strip()
        values = {layout.years[c.col]: _text(c) for c in cells if c.col in layout.years and c.text.strip()}
        printed = " | ".join(_text(c) for c in cells if c.text.strip())
        bare = _BULLET.sub("", _MARKER.sub("", name))
        sk = skeleton(bare)
        kpi_word = any(w and w in skeleton(name)[:len(w) + 12] for w in _KPI_WORDS)
        money = (any(sk.startswith(w) for w in _MONEY) or skeleton(unit) in _CURRENCY) and not kpi_word
        if values:
            if money:
                current, pending = None, False
                continue
            targets = [t for year, cell in sorted(values.items()) if (t := _target(cell, year))]
            if pending and current is not None and not bare:
                current.targets, current.unit = targets, unit or current.unit
                current.row_text = f"{current.row_text} | {printed}"
            elif not bare:
                continue  # figures under no KPI text
            else:
                current = TableKpi(_clean(name), unit or None, path, table.page, table.line_start, table.line_start,
                                   printed, group, targets)
                out.append(current)
            pending, group_open = False, False
            continue
        if not name and not unit:
            continue
        if money:
            current, pending = None, False
            continue
        if kpi_word and name:
            current = TableKpi(_clean(name), unit or None, path, table.page, table.line_start, table.line_start,
                               printed, group)
            out.append(current)
            pending, group_open = True, False
        elif _MARKER.match(name):
            group, group_open, current, pending = " ".join(_MARKER.sub("", name).split()), True, None, False
        elif current is not None:
            current.text = join_wrapped_lines([current.text, name]) if name else current.text
            current.unit = join_wrapped_lines([current.unit or "", unit]).strip() or None if unit else current.unit
            current.row_text = f"{current.row_text} | {printed}"
        elif group_open and group is not None:
            group = join_wrapped_lines([group, name])
    kept = [k for k in out if k.targets]
    for k in kept:
        if k.group is not None:
            k.group = " ".join(k.group.split())
    return kept


def _clean(name: str) -> str:
    return " ".join(_BULLET.sub("", name).split())


def _locate(kpis: list[TableKpi], table: Table, lines: list[str]) -> None:
    """Find each KPI's text in the table's lines (in order, across line breaks), giving it a line span."""
    lo, hi = max(table.line_start, 1), min(table.line_end + SPAN_LINES, len(lines))
    text, owner = "", []  # the consonants of the table's lines, run together, and the line of each
    for n in range(lo, hi + 1):
        sk = skeleton(lines[n - 1])
        text += sk
        owner += [n] * len(sk)
    pos = 0
    for k in kpis:
        body = skeleton(k.text.split(":", 1)[-1]) or skeleton(k.text)
        head, tail = body[:KEY_CHARS], body[-KEY_CHARS:]
        at = text.find(head, pos) if len(head) >= 3 else -1
        if at < 0 and len(head) >= 3:
            at = text.find(head)
        if at < 0:
            k.located = False
            continue
        end = text.find(tail, at, at + len(body) + 4 * KEY_CHARS) if len(body) > KEY_CHARS else at
        end = end + len(tail) - 1 if end >= 0 else at + len(head) - 1
        k.line_start, k.line_end = owner[at], owner[min(end, len(owner) - 1)]
        pos = at + len(head)
