"""Helpers the table answers share: a table's line that prints given cells (to cite it), an amount in baht."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from assistant.lookup import FactsDB
from assistant.outline import compact
from ingest.facts_records import UNIT_SCALE
from ingest.records import Table
from ingest.thai_repair import index_form
from ingest.vocabulary import vocabulary


def table_line(db: FactsDB, doc_id: str, table: Table, needles: list[str], after: int = 0) -> int | None:
    """The first line of a table (from `after`) that holds every needle (compared without spaces)."""
    forms = [compact(index_form(x)) for x in needles]
    for n, text, _ in db.lines(doc_id, max(after, table.line_start), table.line_end):
        line = compact(index_form(text))
        if all(f in line for f in forms):
            return n
    return None


def in_baht(printed: str, unit: str) -> str | None:
    """A figure printed in a larger money unit, in baht (`497.3623` ล้านบาท → `497,362,300`; facts' UNIT_SCALE)."""
    if UNIT_SCALE.get(unit, 1) == 1:
        return None
    try:
        return f"{Decimal(printed.replace(',', '')) * UNIT_SCALE[unit]:,.0f}"
    except InvalidOperation:
        return None


def bare_label(label: str) -> str:
    """A row's label without its bullet (`- เงินรายได้` → `เงินรายได้`)."""
    return label.lstrip("-–• ").strip()


def money_label(label: str) -> bool:
    """A row labelled as money (`เงินงบประมาณ`, `- เงินรายได้`), profile `[kpis] money_row_words`."""
    return bare_label(label).startswith(vocabulary().kpis.money_row_words)
