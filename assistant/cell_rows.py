"""A row of a category table named by its label, read against the table's header: a budget book's activities.

Each project of a budget book prints its appropriation by activity as a table (`กิจกรรม` | งบดำเนินงาน |
งบลงทุน | งบเงินอุดหนุน | งบรายจ่ายอื่น | รวม, `หน่วย : ล้านบาท` above it). The document model holds it as
cells; its rows are no plan level, so neither the facts nor the level answers can give an activity's amount
(they give the project's). A money question that names an activity's label with the word heading the label
column, beyond what any plan level's name it types says (`กิจกรรมป้องกันรักษาป่าและควบคุมไฟป่า (ในโครงการ
ป้องกันรักษาป่า …)`), is answered with that row: the total column (or the column it names) and the other
columns' amounts, each cited, in baht too; a share question with the row's share of the table's total row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.group_rows import year_columns
from assistant.table_cells import in_baht, table_line
from assistant.lookup import FactsDB, decimals
from assistant.outline import Heading, Outline, compact
from assistant.plan_levels import PlanLevels, asks_money, naming
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.table_extremes import total_label, value_of
from assistant.understand import asks_both_extremes, types_any
from ingest.facts_tables import UNIT_RE
from ingest.records import Table
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens
from ingest.vocabulary import query_words, vocabulary

UNIT_LINES = 3  # lines above a table's first that may print its unit line
MIN_SHARED = 2  # question tokens a row's label must hold before its name is compared
_NUMBER = re.compile(r"^\s*\(?\d+(?:\.\d+)*[.)]\s*")


@dataclass
class CellRow:
    """One row of a category table: its label (without its number), the printed cell per column, the
    columns' header names, the table's money unit and where the table is."""

    doc_id: str
    table: Table
    label: str
    cells: dict[int, str]
    columns: dict[int, str]
    unit: str
    path: tuple[str, ...] = ()
    path_tokens: set[str] = field(default_factory=set)  # its section path's search tokens
    owner: Heading | None = None  # the section its table's section is in (a budget book's project)
    whole: dict[int, str] = field(default_factory=dict)  # the table's total row (`รวมทั้งสิ้น`), per column
    whole_label: str = ""
    name: str = ""  # the label's compact form, for matching
    tokens: set[str] = field(default_factory=set)


def _columns(table: Table) -> dict[int, str]:
    """Column → its header name: the lowest header cell over it (`งบดำเนินงาน` under `งบรายจ่าย`)."""
    leaf: dict[int, tuple[int, str]] = {}
    for c in table.cells:
        if c.header and c.text.strip():
            for col in range(c.col, c.col + c.colspan):
                if col not in leaf or c.row > leaf[col][0]:
                    leaf[col] = (c.row, " ".join(c.text.split()))
    return {col: name for col, (_, name) in leaf.items()}


def _unit(db: FactsDB, doc_id: str, table: Table) -> str:
    """The money unit the table's unit line prints (`หน่วย : ล้านบาท`), or '' when it prints none."""
    for _, text, _ in db.lines(doc_id, max(1, table.line_start - UNIT_LINES), table.line_end):
        m = UNIT_RE.search(" ".join(text.split()))
        if m:
            return m.group(1)
    return ""


def table_rows(db: FactsDB, doc_id: str, table: Table) -> list[CellRow]:
    """The labelled figure rows of a table whose header names its columns by category (no year column) and
    states a money unit; a row that prints only a label and does not start a number goes on the label above."""
    years, _ = year_columns(table)
    columns = _columns(table)
    if years or len(columns) < 3 or 0 not in columns:
        return []
    unit = _unit(db, doc_id, table)
    if unit not in vocabulary().units.currency:
        return []
    body: dict[int, dict[int, str]] = {}
    for c in table.cells:
        if not c.header and c.text.strip():
            body.setdefault(c.row, {})[c.col] = " ".join(c.text.split())
    out: list[CellRow] = []
    whole: dict[int, str] = {}
    whole_label = ""
    for r in sorted(body):
        cells = body[r]
        label = cells.pop(0, "")
        if not cells and out and label and not _NUMBER.match(label):
            out[-1].label += " " + label  # the label wrapped over another row
            continue
        if not (label and cells and all(col in columns for col in cells) and all(
                value_of(v) is not None or v in vocabulary().kpis.empty_cells for v in cells.values())):
            continue
        if total_label(label):
            if not whole:
                whole, whole_label = cells, label
        else:
            out.append(CellRow(doc_id, table, _NUMBER.sub("", label), cells, columns, unit))
    for row in out:
        row.name, row.tokens = compact(row.label), set(search_tokens(row.label))
        row.whole, row.whole_label = whole, whole_label
    return out


def _nearest(outline: Outline, doc_id: str, title: str, line: int) -> Heading | None:
    """The section of this title nearest a line (a book's text layer may print a table before its headings)."""
    found = [h for h in outline.sections.get(doc_id, []) if h.text == title]
    return min(found, key=lambda h: abs(h.line - line)) if found else None


def cell_rows(outline: Outline, db: FactsDB) -> list[CellRow]:
    """Every document's category-table rows, in reading order, each with its table's section path."""
    out: list[CellRow] = []
    for doc_id, tables in outline.tables.items():
        for t in tables:
            rows = table_rows(db, doc_id, t)
            path = outline.path_at(doc_id, t.line_start) if rows else ()
            owner = _nearest(outline, doc_id, path[-2], t.line_start) if len(path) > 1 else None
            path_tokens = set(search_tokens(" ".join(path)))
            for row in rows:
                row.path, row.path_tokens, row.owner = path, path_tokens, owner
            out += rows
    return out


def _total_column(row: CellRow) -> int | None:
    """The column headed by a total word (`รวม`)."""
    words = vocabulary().table_words.total_column_words
    return next((col for col, name in row.columns.items() if col and name.startswith(words)), None)


def _line_of(db: FactsDB, row: CellRow, needles: list[str]) -> int | None:
    """The first line of the row's table that holds every needle; None for no needle."""
    needles = [x for x in needles if x]
    return table_line(db, row.doc_id, row.table, needles) if needles else None


LABEL_START = 12  # characters of a label's start a line must print to be the label's line


def _label_line(db: FactsDB, row: CellRow, name: str) -> int | None:
    """The line of the row's table printing the longest start of a label (at least LABEL_START characters; the
    first such line): two rows' labels may share their first words (`…แบบแปลงใหญ่ พื้นที่ 500 ไร่`, `… 300 ไร่`)."""
    flat = compact(index_form(name))
    best: tuple[int, int] | None = None
    for n, text, _ in db.lines(row.doc_id, row.table.line_start, row.table.line_end):
        line = compact(index_form(text))
        lo, hi = 0, len(flat)  # the longest start printed: a start printed holds every shorter one
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if flat[:mid] in line else (lo, mid - 1)
        if lo >= min(LABEL_START, len(flat)) and (best is None or lo > best[0]):
            best = (lo, n)
    return best[1] if best else None


def _evidence(db: FactsDB, row: CellRow, cells: dict[int, str] | None = None, name: str = "") -> list[Evidence]:
    """The header's line, the label's first line and the figures' line (of `cells` labelled `name`, else the
    row's), each cited; the whole table where one is not found."""
    t = row.table
    header = _line_of(db, row, [name for col, name in sorted(row.columns.items()) if col][:2])
    label = _label_line(db, row, name or row.name)
    figures = _line_of(db, row, [v for v in (cells or row.cells).values() if value_of(v) is not None])
    spans = [(header, header), (label, label), (figures, figures)] if header and label and figures else \
        [(t.line_start, t.line_end)]
    return [db.evidence(row.doc_id, a, b) for a, b in spans]


def named_row(q: Query, rows: list[CellRow], levels: PlanLevels) -> CellRow | None:
    """The row whose label the question names, with the word heading its table's label column (`กิจกรรม`), further
    than any plan level's name it types says; among rows of one label, the one whose section path the question's
    words fit best. None when no label is named, a named level's own name holds as much of the label (its answer
    says it), or two places fit as well."""
    asked, tokens = compact(q.text), set(search_tokens(q.text))
    named: list[tuple[float, int, CellRow]] = []
    for row in rows:
        if len(row.tokens & tokens) < MIN_SHARED or compact(row.columns[0]) not in asked:
            continue  # a row is named as one of its table's kind (`กิจกรรม` X): the label column's header typed
        score = naming(row.name, asked)[0]
        if score:
            context = len(row.path_tokens & tokens)
            named.append((score, context, row))
    if not named:
        return None
    named.sort(key=lambda x: (-x[0], -x[1]))
    score, context, row = named[0]
    if len(named) > 1 and named[1][:2] == (score, context) and named[1][2].table is not row.table:
        return None  # one label in two places the question does not tell apart
    if any(naming(row.name, lv.name)[0] >= score for _, lv in levels.named(q.text)[:3]):
        return None  # a level's name says as much of the label (`โครงการ X` of activity `X`): the level is named
    return row


def answer(q: Query, rows: list[CellRow], db: FactsDB, levels: PlanLevels) -> Draft | None:
    """The amount of the category-table row a money question names, in the column it names (else the total),
    with the row's other amounts, cited; None for another year than the book's, or no row named."""
    if not rows or not q.wants_figure or not asks_money(q.text) or q.operation in ("sum", "max", "min"):
        return None
    row = named_row(q, rows, levels)
    if row is None:
        return None
    book = levels.fiscal_year(row.doc_id)
    if book is None or any(y != book[0] for y in q.years):
        return None  # the table is the book's year's appropriation
    typed = compact(q.text)
    asked = [col for col, name in row.columns.items() if col and compact(name) in typed and col in row.cells]
    main = asked[0] if len(asked) == 1 else _total_column(row)
    if main is None or main not in row.cells:
        return None
    evidence = _evidence(db, row)
    where = row.owner.text if row.owner else ""
    if row.owner:
        n = row.owner.line
        evidence = [db.evidence(row.doc_id, n, n), *evidence]
    printed = row.cells[main]
    baht = in_baht(printed, row.unit) if value_of(printed) is not None else None
    said = f"{row.columns[main]} {printed} {row.unit}" + (f" = {baht} บาท" if baht else "")
    draft = Draft(support=1.0)
    head = f"{where}: " if where else ""
    draft.say(_t(q, f"{head}{row.label} ปี {book[0]}: {said}", f"{head}{row.label}, FY {book[0]}: {said}"),
              [*evidence, book[1]], template=True, computed=[baht.replace(",", "")] if baht else [])
    if q.operation == "share":
        return _share(q, draft, row, main, db)
    parts = [col for col in sorted(row.cells) if col != main and value_of(row.cells[col])]
    if parts:
        draft.say(_t(q, "แยกเป็น ", "Of which ") + ", ".join(f"{row.columns[c]} {row.cells[c]}" for c in parts)
                  + f" {row.unit}", evidence, template=True)
    return draft


def listed(q: Query, rows: list[CellRow], db: FactsDB, levels: PlanLevels) -> Draft | None:
    """The rows of the category table of the plan level a question names, asked by the word heading the table's
    label column (`โครงการ X เอาไปทำกิจกรรมอะไร`): each row's label and total, cited, then the table's total row;
    None when no level is named, it has no such table, or another year than the book's (a money question naming
    a row is `answer`'s)."""
    named = levels.named(q.text)
    if not named:
        return None
    lv, asked = named[0][1], compact(q.text)
    mine = [r for r in rows if r.owner is not None and r.doc_id == lv.doc_id and r.owner.text == lv.heading.text
            and compact(r.columns[0]) in asked]
    book = levels.fiscal_year(lv.doc_id)
    if not mine or book is None or any(y != book[0] for y in q.years):
        return None
    table = min({id(r.table): r.table for r in mine}.values(), key=lambda t: abs(t.line_start - lv.heading.line))
    mine = [r for r in mine if r.table is table]
    total = _total_column(mine[0])
    if total is None:
        return None
    n = mine[0].owner.line
    draft = Draft(support=1.0)
    draft.say(_t(q, f"{mine[0].owner.text}: {mine[0].columns[0]} ปี {book[0]} ({len(mine)} รายการ, หน่วย {mine[0].unit})",
                 f"{mine[0].owner.text}: {mine[0].columns[0]}, FY {book[0]} ({len(mine)}, in {mine[0].unit})"),
              [db.evidence(lv.doc_id, n, n), book[1]], template=True,
              computed=[str(len(mine))])
    _extremes(q, draft, [r for r in mine if value_of(r.cells.get(total, ""))], total, db)  # what is asked, first
    for row in mine:
        if total in row.cells:
            draft.say(f"• {row.label}: {row.columns[total]} {row.cells[total]} {row.unit}", _evidence(db, row),
                      template=True)
    whole = mine[0].whole
    if total in whole:
        draft.say(f"{mine[0].whole_label}: {mine[0].columns[total]} {whole[total]} {mine[0].unit}",
                  _evidence(db, mine[0], whole, mine[0].whole_label), template=True)
    return draft


def _extremes(q: Query, draft: Draft, rows: list[CellRow], col: int, db: FactsDB) -> None:
    """The largest (or smallest) of the rows listed, when asked (`กิจกรรมไหนได้งบมากสุด`); with both ends asked
    and by how much (`…และมากกว่ากิจกรรมที่ได้น้อยสุดเท่าไร`), the other end and the gap computed."""
    if q.operation not in ("max", "min") or len(rows) < 2:
        return
    ranked = sorted(rows, key=lambda r: value_of(r.cells[col]), reverse=q.operation == "max")
    first, last = ranked[0], ranked[-1]
    largest = q.operation == "max"
    for k, row in enumerate((first, last)):
        if k and not asks_both_extremes(q.text):
            return
        top = largest == (k == 0)
        end = _t(q, "มากที่สุด" if top else "น้อยที่สุด", "largest" if top else "smallest")
        draft.say(_t(q, f"{end}: ", f"The {end}: ") + f"{row.label} {row.cells[col]} {row.unit}", _evidence(db, row),
                  template=True, computed=[str(len(rows))] if k == 0 else None)
    if types_any(q.text, query_words().difference_words):
        big, small = sorted((first, last), key=lambda r: value_of(r.cells[col]), reverse=True)
        gap = value_of(big.cells[col]) - value_of(small.cells[col])
        shown = f"{gap:,.{decimals(big.cells[col], small.cells[col])}f}"
        draft.say(_t(q, f"คำนวณ: {big.cells[col]} − {small.cells[col]} = {shown} {big.unit}",
                     f"Computed: {big.cells[col]} − {small.cells[col]} = {shown} {big.unit}"),
                  _evidence(db, big) + _evidence(db, small), template=True, computed=[shown])


def _share(q: Query, draft: Draft, row: CellRow, col: int, db: FactsDB) -> Draft | None:
    """The row's amount as a share of its table's total row in the same column (an activity's share of its
    project), both cited, computed to two places; None without a total row or a figure in either."""
    part, whole = value_of(row.cells[col]), value_of(row.whole.get(col, ""))
    if not part or not whole or part > whole:
        return None
    cited = _evidence(db, row, row.whole, row.whole_label)
    draft.say(_t(q, f"{row.whole_label}: {row.columns[col]} {row.whole[col]} {row.unit}",
                 f"{row.whole_label} (the table's total): {row.columns[col]} {row.whole[col]} {row.unit}"), cited,
              template=True)
    shown = f"{part / whole * 100:.2f}"
    draft.say(_t(q, f"คำนวณ: {row.cells[col]} ÷ {row.whole[col]} × 100 = ร้อยละ {shown}",
                 f"Computed: {row.cells[col]} ÷ {row.whole[col]} × 100 = {shown}%"),
              _evidence(db, row) + cited, template=True, computed=[shown, "100"])
    return draft
