"""The row of a table a question names by its label, read against the table's header.

"ปริมาณสำรองแร่ดินขาวในพื้นที่ประทานบัตรปี 2567 เหลืออยู่เท่าไหร่" types the label of one row (`๓ ดินขาว …`) of
the table whose header and caption hold the question's other words (`ปริมาณสำรองแร่ใน พื้นที่ประทานบัตร ปี 2567`);
the answer is that row read against the header, cited with both. Passage selection alone picks the lines
nearest the header's words, which are the table's first rows, not the one asked.
"""
from __future__ import annotations

from assistant.lookup import FactsDB
from assistant.outline import compact
from assistant.passages import key_terms, term_weights
from assistant.records import Evidence
from assistant.route import Query
from assistant.row_headers import HeaderTable, Row
from assistant.structured_answers import Draft, _t
from assistant.table_extremes import MIN_COVER, is_total
from ingest.tokenize import search_tokens

MIN_LABEL = 4  # compact characters of a row's label the question must type (not a stray syllable)


def _label(row: Row) -> str:
    """A row's label without its leading number (`๓ ดินขาว` → `ดินขาว`), compact."""
    return compact(row.label.lstrip("0123456789๐๑๒๓๔๕๖๗๘๙.) "))


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
    start, end = table.header
    header = Evidence(table.doc_id, start, end, db.cite(table.doc_id, start, end).quote, "table_header", 1.0)
    cited = Evidence(table.doc_id, row.first, row.line, db.cite(table.doc_id, row.first, row.line).quote, "retrieval", 1.0)
    draft = Draft(support=1.0)
    draft.say(_t(q, "อ่านตามหัวตาราง: ", "Read against the table's header: ") + row.reading(), [header, cited],
              template=True)
    return draft
