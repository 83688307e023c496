"""A money row of a named group in a year-columned table: a budget book's service goal (`เป้าหมายการ
ให้บริการหน่วยงาน`: `2. พัฒนาระบบภูมิสารสนเทศ…` with its KPI rows, then `เงินงบประมาณ`, `เงินนอก
งบประมาณ` per year), read from the document model's table cells.

The cells are read, not the text lines: a book's text layer prints a bold year column before the
one left of it (`497.3623 131.0915` for a row printed 131.0915 | 497.3623), so only the cells' places
say which figure is which year's. A question names a group by its label's words (not only its agency),
asks money (profile `[query] money_words`) and a year (else the document's fiscal year); the money row
whose label the question's words fit best is read (`เงินงบประมาณ` unless it types `เงินนอกงบประมาณ`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.lookup import FactsDB
from assistant.outline import Outline, compact
from assistant.passages import key_terms, term_weights
from assistant.plan_levels import HEADED_AMOUNTS, PlanLevels, asks_money, naming
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.table_cells import bare_label, in_baht, money_label, table_line
from ingest.records import Table
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens
from ingest.vocabulary import alternation, query_words, vocabulary

GROUP_COVER = 0.45  # share of the question's (idf-weighted) key terms the group's own label must hold
MIN_NAMED = 4  # question terms the group's label holds that its agency's path does not: the goal is named,
# not only its agency (`สวทช ได้งบเท่าไร` shares `วิทยาศาสตร์ เทคโนโลยี` with a goal's label)
CONTEXT_COVER = 0.7  # … that the label, the row's label and the table's section path hold together
GROUP_PREFIX = 12  # characters of a group's label (without spaces) that find its first line
_NUMBERED = re.compile(r"^\(?\d+(?:\.\d+)*[.)]\s*\S")


@dataclass
class GroupRow:
    """One money row of a group: the group's label, the row's label and unit, the printed cell per year, and
    the section path of its table (the agency first), read once when the rows are read."""

    doc_id: str
    table: Table
    group: str
    label: str  # without its bullet (`- เงินรายได้` → `เงินรายได้`)
    unit: str
    cells: dict[int, str]
    path: tuple[str, ...] = ()
    tokens: set[str] = field(default_factory=set)  # the group label's search tokens
    path_tokens: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _year_cell() -> re.Pattern[str]:
    """A cell that prints only a year (`ปี 2565`, `พ.ศ. 2565`): profile `[years]` words and era prefixes."""
    years = vocabulary().years
    era = alternation([p for p in years.era_prefixes if p.isascii()])  # cells are read in index form
    return re.compile(alternation(years.words) + r"?\s*(" + era + r"\d\d)\s*$")


def year_columns(table: Table) -> tuple[dict[int, int], int]:
    """Column → fiscal year, from the cells that print only a year (`ปี 2565`) in the table's first rows, and
    the last row of a year column whose cell prints only a year (the header's; rows above it are not read)."""
    out: dict[int, int] = {}
    years: list[tuple[int, int, int]] = []  # (row, col, year) of every cell that prints only a year
    for c in table.cells:
        m = _year_cell().fullmatch(index_form(c.text).strip()) if c.text.strip() else None
        if m:
            years.append((c.row, c.col, int(m.group(1))))
    for row, col, year in years:
        if row < 3:
            out[col] = year
    return out, max((row for row, col, _ in years if col in out), default=-1)


def table_rows(doc_id: str, table: Table, carried: str = "") -> tuple[list[GroupRow], str]:
    """The money rows of a table's numbered groups, and the group open at its end. Rows above the first
    group (the table's totals) are no group's, unless `carried` names the group a table continued from
    the page before was in."""
    years, header_rows = year_columns(table)
    if len(years) < 2:
        return [], ""
    currency = vocabulary().units.currency
    rows: dict[int, dict[int, str]] = {}
    for c in table.cells:
        if c.text.strip() and c.row > header_rows:
            rows.setdefault(c.row, {})[c.col] = " ".join(c.text.split())
    out: list[GroupRow] = []
    group, open_group = carried, False
    first_year_col = min(years)
    for r in sorted(rows):
        cells = rows[r]
        label = cells.get(0, "")
        figures = {years[col]: text for col, text in cells.items() if col in years}
        if not figures:
            if not label or any(col >= first_year_col for col in cells):
                continue
            if _NUMBERED.match(label):
                group, open_group = label, True
            elif open_group:
                group += " " + label  # the group's label wrapped over another row
            continue
        open_group = False
        unit = next((t for col, t in cells.items() if 0 < col < first_year_col), "")
        if group and money_label(label) and unit in currency:
            out.append(GroupRow(doc_id, table, group, bare_label(label), unit, figures, tokens=set(search_tokens(group))))
    return out, group


def group_rows(outline: Outline) -> list[GroupRow]:
    """Every document's group money rows, in reading order; a table on the page after another goes on
    with the group the other ended in."""
    out: list[GroupRow] = []
    for doc_id, tables in outline.tables.items():
        group, page = "", None
        for t in tables:
            carried = group if page is not None and t.page == page + 1 else ""
            rows, group = table_rows(doc_id, t, carried)
            if rows:
                path = outline.path_at(doc_id, t.line_start)
                path_tokens = set(search_tokens(" ".join(path)))
                for row in rows:
                    row.path, row.path_tokens = path, path_tokens
            out += rows
            page = t.page
    return out


def _line_of(db: FactsDB, row: GroupRow, *needles: str, after: int = 0) -> int | None:
    """The first line of the row's table (from `after`) that holds every needle."""
    return table_line(db, row.doc_id, row.table, list(needles), after)


def _evidence(db: FactsDB, row: GroupRow, year: int) -> list[Evidence]:
    """The year header's line, the group's first line and the money row's line, each cited; the whole
    table where one is not found."""
    t = row.table
    header = _line_of(db, row, *(str(y) for y in row.cells))
    first = _line_of(db, row, compact(row.group)[:GROUP_PREFIX])
    line = _line_of(db, row, row.label, row.cells[year], after=first or 0) if first else None
    found = header and first and line
    spans = [(header, header), (first, first), (line, line)] if found else [(t.line_start, t.line_end)]
    return [db.evidence(row.doc_id, a, b) for a, b in spans]


def _level_named_as_far(q: Query, row: GroupRow, levels: PlanLevels) -> bool:
    """Whether the question names a แผนงาน/ผลผลิต/โครงการ at least as far as the group's label: a service goal
    often repeats an output's wording, and the output's own budget is what its name asks."""
    asked = compact(q.text)
    group = naming(compact(row.group), asked, long_run=True)[0]
    return any(lv.level in HEADED_AMOUNTS and naming(lv.name, asked, long_run=True)[0] >= group
               for _, lv in levels.named(q.text)[:3])


def answer(q: Query, rows: list[GroupRow], db: FactsDB, idf: dict[str, float], levels: PlanLevels) -> Draft | None:
    """The asked year's money of the group the question names, cited; None if no group's label fits (or a
    level's name is typed as far)."""
    if not rows or not asks_money(q.text) or q.operation in ("sum", "share", "max", "min") or len(set(q.years)) > 1:
        return None
    money = (*query_words().money_words, *vocabulary().kpis.money_row_words)
    terms = [t for t in key_terms(q) if not t.isdigit() and not any(w in t for w in money)]  # `ได้เงิน`: the ask
    weight = term_weights(terms, idf)
    total = sum(weight.values())
    if not total:
        return None
    best: tuple[float, float, GroupRow] | None = None
    asked = set(search_tokens(q.text))
    for row in rows:
        own = sum(w for t, w in weight.items() if t in row.tokens) / total
        if own < GROUP_COVER:
            continue
        if sum(t in row.tokens and t not in row.path_tokens for t in weight) < MIN_NAMED:
            continue
        label = set(search_tokens(row.label))
        near = sum(w for t, w in weight.items() if t in row.tokens | row.path_tokens | label) / total
        fit = len(label & asked) - len(label - asked)  # `เงินงบประมาณ` over `เงินนอกงบประมาณ` unless typed
        key = (near, fit)
        if near >= CONTEXT_COVER and (best is None or key > best[:2]):
            best = (near, fit, row)
    if best is None or _level_named_as_far(q, best[2], levels):
        return None
    row = best[2]
    book = levels.fiscal_year(row.doc_id)
    year = next((y for y in q.years if y in row.cells), None) if q.years else (book[0] if book else None)
    if year is None or year not in row.cells:
        return None
    evidence = _evidence(db, row, year)
    where = row.path[-2] if len(row.path) > 1 else ""  # the agency; the table's numbered heading is not cited
    printed = row.cells[year]
    baht = in_baht(printed, row.unit)
    if printed.strip() in vocabulary().kpis.empty_cells:  # `-`: the table prints no amount for the year
        said = printed.strip() + _t(q, " (ตารางไม่ได้ระบุจำนวนเงิน)", " (no amount printed)")
    else:
        said = f"{printed} {row.unit}" + (f" = {baht} บาท" if baht else "")
    head = f"{where}: " if where else ""
    draft = Draft(support=1.0)
    draft.say(_t(q, f"{head}{row.group} — {row.label} ปี {year}: {said}",
                 f"{head}{row.group} — {row.label}, FY {year}: {said}"),
              evidence, template=True, computed=[baht.replace(",", "")] if baht else [])
    others = [f"{y}: {p}" for y, p in sorted(row.cells.items()) if y != year]
    if others:
        draft.say(_t(q, "ปีอื่น: ", "Other years: ") + ", ".join(others) + f" {row.unit}", evidence, template=True)
    return draft
