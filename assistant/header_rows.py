"""The row of a table a question names by its label, read against the table's header; the rows it adds up; or
the table's own total row where a total is asked.

"ปริมาณสำรองแร่ดินขาวในพื้นที่ประทานบัตรปี 2567 เหลืออยู่เท่าไหร่" types the label of one row (`๓ ดินขาว …`) of
the table whose header and caption hold the question's other words (`ปริมาณสำรองแร่ใน พื้นที่ประทานบัตร ปี 2567`);
the answer is that row read against the header, cited with both. Passage selection alone picks the lines
nearest the header's words, which are the table's first rows, not the one asked.

"ปริมาณสำรองแร่หินปูนทั้งสามประเภท (เพื่ออุตสาหกรรมเคมี ซีเมนต์ และก่อสร้าง) … รวมกันกี่เมตริกตัน" types every
word of three rows' labels (`หินปูนเพื่ออุตสาหกรรมเคมี`, `…ซีเมนต์`, `…ก่อสร้าง`) but no one label whole: the
sum of those rows' figures in the column it names is computed here, each row cited with the header.

"ปี 2565 พลังงานไฟฟ้าที่จำหน่ายและใช้รวมทั้งหมดเท่าไร" types no row: the table's `รวม` row answers, in that column.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.lookup import FactsDB, decimals
from assistant.outline import compact
from assistant.passages import key_terms, term_weights
from assistant.route import Query
from assistant.row_headers import HeaderTable, Row
from assistant.structured_answers import Draft, _t
from assistant.table_extremes import MIN_COVER, asked_column, header_evidence, is_total, row_evidence, value_of
from assistant.understand import stated_count
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens

MIN_LABEL = 4  # compact characters of a row's label the question must type (not a stray syllable)


def _label_text(row: Row) -> str:
    """A row's label without its leading number (`๓ ดินขาว` → `ดินขาว`)."""
    return row.label.lstrip("0123456789๐๑๒๓๔๕๖๗๘๙.) ")


def _label(row: Row) -> str:
    """A row's label without its leading number, compact."""
    return compact(_label_text(row))


def named_row(q: Query, tables: list[HeaderTable], idf: dict[str, float]) -> tuple[HeaderTable, Row] | None:
    """The table that covers the question's words (header, caption and the named label) and its one row whose
    label the question types, the longest such label; None when no row is named or two are named as well."""
    asked = compact(q.text)
    weight = term_weights([t for t in key_terms(q) if not t.isdigit()], idf)
    total = sum(weight.values())
    if not total:
        return None
    best: tuple[float, HeaderTable, Row] | None = None
    for table in tables:
        typed = [(len(label), r) for r in table.rows
                 if len(label := _label(r)) >= MIN_LABEL and label in asked and not is_total(r)]
        if not typed or len(table.rows) < 2:
            continue
        longest = max(n for n, _ in typed)
        rows = [r for n, r in typed if n == longest]
        if len(rows) != 1:
            continue
        tokens = table.tokens | set(search_tokens(rows[0].label))
        cover = sum(w for t, w in weight.items() if t in tokens) / total
        if best is None or cover > best[0]:
            best = (cover, table, rows[0])
    if best is None or best[0] < MIN_COVER:
        return None
    return best[1], best[2]


def answer(q: Query, tables: list[HeaderTable], db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """The named row read against its header (`๓ ดินขาว — ยอดผลิต ปี 2566: 327,562.01 เมตริกตัน · …`), cited
    with the header and the row; None where `named_row` finds none, or a figure is not asked or is computed."""
    if not q.wants_figure or q.operation:  # a sum, change or extreme over rows: computed elsewhere
        return None
    found = named_row(q, tables, idf)
    if found is None:
        return None
    table, row = found
    header = header_evidence(table, db)
    cited = row_evidence(table, row, db)
    draft = Draft(support=1.0)
    draft.say(_t(q, "อ่านตามหัวตาราง: ", "Read against the table's header: ") + row.reading(), [header, cited],
              template=True)
    return draft


def _typed_rows(asked: set[str], table: HeaderTable) -> list[Row]:
    """The rows every word of whose label the question types (in any order, among other words)."""
    return [r for r in table.rows if len(_label(r)) >= MIN_LABEL and not is_total(r)
            and (tokens := set(search_tokens(_label_text(r)))) and tokens <= asked]


def _stem_rows(asked: set[str], table: HeaderTable, count: int | None = None) -> list[Row]:
    """The rows whose label starts with a word the question types (`หินปูน…` of `หินปูนทั้ง 3 ชนิด`); of rows
    started by several such words, the one word's rows as many as the question counts (`บ้านอยู่อาศัยทั้งสองกลุ่ม`
    of `ผู้ใช้ไฟประเภท…`: not `ไฟชั่วคราว` too)."""
    stems: dict[str, list[Row]] = {}
    for r in table.rows:
        if len(_label(r)) >= MIN_LABEL and not is_total(r) and (tokens := search_tokens(_label_text(r))) \
                and tokens[0] in asked:
            stems.setdefault(tokens[0], []).append(r)
    counted = [rows for rows in stems.values() if len(rows) == count]
    return counted[0] if len(counted) == 1 else [r for rows in stems.values() for r in rows]


def summed_rows(q: Query, tables: list[HeaderTable], idf: dict[str, float]) -> tuple[HeaderTable, int, list[Row]] | None:
    """The table that covers the question's words, the column it names and the two or more rows it types
    (as many as it counts, `ทั้งสามประเภท`), or as many as it counts whose label starts with a word it types;
    None when no table has such rows and one such column."""
    weight = term_weights([t for t in key_terms(q) if not t.isdigit()], idf)
    total = sum(weight.values())
    if q.operation != "sum" or not q.wants_figure or not total:
        return None
    asked, count = set(search_tokens(q.text)), stated_count(q.text)
    best: tuple[float, HeaderTable, int, list[Row]] | None = None
    for table in tables:
        rows = _typed_rows(asked, table)
        if count is not None and len(rows) != count:  # "หินปูนทั้ง 3 ชนิด": the rows its first word starts
            rows = _stem_rows(asked, table, count)
        if len(rows) < 2 or (count is not None and len(rows) != count):
            continue
        col = asked_column(q, table, weight)
        if col is None or any(value_of(r.values[col]) is None for r in rows):
            continue
        labels = set(search_tokens(" ".join(r.label for r in rows)))
        cover = sum(w for t, w in weight.items() if t in table.tokens or t in labels) / total
        if best is None or cover > best[0]:
            best = (cover, table, col, rows)
    if best is None or best[0] < MIN_COVER:
        return None
    return best[1], best[2], best[3]


def column_sum(cells: list[str]) -> tuple[Decimal, int]:
    """The sum of a column's cells as printed (`1,044,950.00`, `12.5%` reads 12.5) and the most decimals a cell
    prints, to show the sum with; every cell holds a figure (`summed_rows` keeps no row without one)."""
    total = sum((value_of(c) or Decimal(0) for c in cells), Decimal(0))
    return total, decimals(*(index_form(c).rstrip("%") for c in cells))


def sum_answer(q: Query, tables: list[HeaderTable], db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """The rows a question adds up, each read in the asked column and cited with the header, and their sum
    computed in code (`คำนวณ: 37,045,050.00 + 77,364,000.00 + 97,951,174.00 = 212,360,224.00 เมตริกตัน`)."""
    found = summed_rows(q, tables, idf)
    if found is None:
        return None
    table, col, rows = found
    header = header_evidence(table, db)
    column = rows[0].columns[col]
    draft = Draft(support=1.0)
    cited = [header]
    for r in rows:
        row = row_evidence(table, r, db)
        cited.append(row)
        draft.say(f"• {r.label} — {column.name}: {r.values[col]} {column.unit}", [header, row], template=True)
    total, places = column_sum([r.values[col] for r in rows])
    shown = f"{total:,.{places}f}"
    draft.say(_t(q, f"คำนวณ ({len(rows)} แถว): {' + '.join(r.values[col] for r in rows)} = {shown} {column.unit}",
                 f"Computed ({len(rows)} rows): {' + '.join(r.values[col] for r in rows)} = {shown} {column.unit}"),
              cited, template=True, computed=[f"{total:.{places}f}", str(len(rows))])
    return draft


_YEAR_TOKEN = re.compile(r"25\d\d")  # a Buddhist-era year a table's caption or header prints


def total_answer(q: Query, tables: list[HeaderTable], db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """A table's total asked (`ปี 2565 พลังงานไฟฟ้าที่จำหน่ายและใช้รวมทั้งหมดเท่าไร`): the table's own total row
    (`รวม`) read in the column the question names, cited with the header; None unless a total is asked, no row is
    typed, and a table covering the question (of the asked year) prints a total row with a figure in that column."""
    weight = term_weights([t for t in key_terms(q) if not t.isdigit()], idf)
    total = sum(weight.values())
    if not (q.wants_total or q.operation == "sum") or not q.wants_figure or not total:
        return None
    asked = set(search_tokens(q.text))
    best: tuple[float, HeaderTable, int, Row] | None = None
    for table in tables:
        totals = [r for r in table.rows if is_total(r)]
        printed_years = {int(t) for t in table.tokens if _YEAR_TOKEN.fullmatch(t)}
        if len(totals) != 1 or _typed_rows(asked, table) or (q.years and not set(q.years) & printed_years):
            continue  # no one total row, a row typed, or another year's table (`ปี 2566` of a 2565 table)
        col = asked_column(q, table, weight)
        if col is None or value_of(totals[0].values[col]) is None:
            continue
        cover = sum(w for t, w in weight.items() if t in table.tokens) / total
        if best is None or cover > best[0]:
            best = (cover, table, col, totals[0])
    if best is None or best[0] < MIN_COVER:
        return None
    _, table, col, row = best
    column = row.columns[col]
    draft = Draft(support=1.0)
    draft.say(f"{column.name} — {row.label}: {row.values[col]} {column.unit}".strip(),
              [header_evidence(table, db), row_evidence(table, row, db)], template=True)
    return draft
