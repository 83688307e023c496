"""Read development directions, their goals/KPIs/strategies and budget tables from plan text.

Budget tables in Thai plan PDFs arrive flattened: the strategy cell, a funding-group line
(`โครงการที่ … ของบประมาณจังหวัด`), numbered project rows (`1) โครงการ…`, wrapped over lines)
and, after them, lines holding only the amounts. Amounts are given back to rows by rules
that need no knowledge of the file; when the layout does not decide it, the amount's year
(or the whole attribution) is left open and a flag says so.
"""
from __future__ import annotations

import re

from ingest.facts_records import UNIT_UNKNOWN, Amount, Direction, Flag, Strategy, TableRow, TextItem
from ingest.thai_repair import DIGIT_CLASS as _D, join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import alternation, vocabulary

_V = vocabulary()
_ERA = alternation(_V.years.era_prefixes)
_THAI_CURRENCY = [w for w in _V.units.currency if not w.isascii()]
DIRECTION_RE = re.compile(
    rf"^\s*(?:\(?[{_D}]{{1,2}}[.)]\s*)?{alternation(_V.level('direction').words)}\s*{_V.ordinal}\s*([{_D}]{{1,2}})\s*(.*)$"
)
STRATEGY_RE = re.compile(rf"^\s*{alternation(_V.level('strategy').words)}\s*{_V.ordinal}\s*([{_D}]{{1,2}})\s*(.*)$")
GOAL_RE = re.compile(r"^\s*[•▪\-]?\s*เป้าประสงค์")
KPI_RE = re.compile(r"^\s*[•▪\-]?\s*ตัวชี้วัด")
UNIT_RE = re.compile(rf"{alternation(_V.table_words.unit_words)}\s*:?\s*({alternation(_THAI_CURRENCY)})")
YEAR_HEADER_RE = re.compile(rf"^\s*(?:{_ERA}[{_D}]{{2}}\s*)+$")
TABLE_HEADER_RE = re.compile(r"^\s*(?:กลยุทธ์\s*โครงการ|ปีงบประมาณ|โครงการ\s*ปีงบประมาณ)\s*$")
ROW_RE = re.compile(rf"^\s*([{_D}]{{1,2}})\)\s*(\S.*)$")
_FS = _V.funding_sources
FUNDING_RE = re.compile(rf"^\s*(?:{alternation(_FS.table_request)}.*{re.escape(_V.funding.group_prefix)}|"
                        rf"{alternation(_FS.table_prefixes)}{alternation(_FS.group_words)})")
NUMBER = rf"[{_D}]{{1,3}}(?:,[{_D}]{{3}})*(?:\.[{_D}]+)?|[{_D}]+(?:\.[{_D}]+)?"
VALUES_RE = re.compile(rf"^\s*(?:(?:{NUMBER}|-)\s*)+$")
NUMBERED_ITEM_RE = re.compile(rf"^\s*(?:[{_D}]{{1,2}}[.)]|[-•▪])\s*")
TARGET_RE = re.compile(rf"({alternation(_V.units.count_words)}\s*(?:{NUMBER})\s*\S*|(?:{NUMBER})\s*{alternation(_V.units.count)})\s*$")


def classify_source(text: str) -> str:
    """Funding source category of a group/header text (งบจังหวัด, งบกลุ่มจังหวัด, งบกระทรวง/กรม, …)."""
    t = re.sub(r"\s+", "", text)
    for category, words in _FS.categories:  # in the profile's order: the first that matches
        if any(w in t for w in words):
            return category
    return _FS.other


def _int(text: str) -> int:
    return int(thai_digits_to_arabic(text))


def _cells(line: str) -> list[str]:
    """Amount cells of a values line, Arabic digits; a dash is an empty cell and keeps its column."""
    return [thai_digits_to_arabic(m) for m in re.findall(rf"{NUMBER}|(?<!\S)-(?!\S)", line)]


class _Group:
    """Rows and amount lines of one funding group inside a budget table."""

    def __init__(self, source_text: str, line: int):
        self.source_text = source_text
        self.line = line
        self.rows: list[TableRow] = []
        self.row_lines: list[list[str]] = []  # raw lines of each row's name, for re-joining
        self.values: list[tuple[int, list[str], str]] = []  # (line, cells, quote); "-" = empty cell


def _assign(group: _Group, years: list[int], unit: str, flags: list[Flag]) -> None:
    """Give the group's amount lines back to its rows (see module docstring)."""
    rows, lines = group.rows, group.values
    if not rows:
        if lines:
            flags.append(Flag("values_without_project", f"amounts {[v for _, vs, _ in lines for v in vs if v != '-']} follow no project row",
                              lines[0][0], lines[-1][0]))
        return

    def amount(value: str, line: int, quote: str, year: int | None) -> Amount:
        return Amount(value, unit, year, line, quote, [] if year else list(years))

    flat = [(v, line, quote) for line, vs, quote in lines for v in vs if v != "-"]
    if len(lines) == len(rows):
        # One amount line per row: in-row years by position when the line fills every year column.
        for row, (line, vs, quote) in zip(rows, lines):
            row.amounts = [amount(v, line, quote, years[i] if len(vs) == len(years) else (years[0] if len(years) == 1 else None))
                           for i, v in enumerate(vs) if v != "-"]
        return
    if len(flat) == len(rows):
        for row, (v, line, quote) in zip(rows, flat):
            row.amounts = [amount(v, line, quote, years[0] if len(years) == 1 else None)]
        return
    values = [v for v, _, _ in flat]
    if len(years) == 2:
        # Column-major listing: the first k rows appear in both year columns, the rest once.
        for k in range(1, len(rows) + 1):
            if 2 * k <= len(values) and values[:k] == values[k:2 * k] and len(values) - 2 * k == len(rows) - k:
                for i, row in enumerate(rows[:k]):
                    row.amounts = [amount(*flat[i], years[0]), amount(*flat[k + i], years[1])]
                for i, row in enumerate(rows[k:]):
                    row.amounts = [amount(*flat[2 * k + i], None)]
                return
    flags.append(Flag(
        "amounts_unresolved",
        f"{len(flat)} amounts for {len(rows)} project rows under '{group.source_text}': layout does not say which is which",
        group.line, lines[-1][0] if lines else group.line,
    ))


def parse_directions_and_tables(
    lines: list[str], stop_lines: set[int]
) -> tuple[list[Direction], list[TableRow], list[Flag]]:
    """Scan the plan for directions and their budget tables.

    `stop_lines` are 1-based lines of outline headings (parts, decimal sections, briefs)
    that end a direction's scope.
    """
    directions: list[Direction] = []
    rows: list[TableRow] = []
    flags: list[Flag] = []
    cur: Direction | None = None
    mode = ""
    unit = UNIT_UNKNOWN  # until the table says (`หน่วย : ล้านบาท`); never guessed
    years: list[int] = []
    group: _Group | None = None
    strategy: Strategy | None = None
    item: TextItem | None = None
    item_lines: list[str] = []

    def close_item() -> None:
        nonlocal item, item_lines
        if item is not None and cur is not None:
            item.text = join_wrapped_lines(item_lines)
            m = TARGET_RE.search(item.text)
            if mode == "kpis" and m:
                item.target = m.group(1).strip()
            (cur.goals if mode == "goals" else cur.kpis).append(item)
        item, item_lines = None, []

    def close_group() -> None:
        nonlocal group
        if group is not None:
            for row, raw_lines in zip(group.rows, group.row_lines):
                row.name = " ".join(join_wrapped_lines(raw_lines).split())
            _assign(group, years, unit, flags)
            if unit == UNIT_UNKNOWN and any(r.amounts for r in group.rows):
                flags.append(Flag("unit_unknown", f"the table under '{group.source_text}' states no unit for its "
                                  "amounts: they are kept as printed, not converted to baht", group.line,
                                  max(a.line for r in group.rows for a in r.amounts)))
            rows.extend(group.rows)
        group = None

    def close_direction(end: int) -> None:
        nonlocal cur, mode, strategy
        close_item()
        close_group()
        if cur is not None:
            cur.line_end = end
            if cur.goals or cur.kpis or cur.strategies or any(r.direction == cur.number for r in rows):
                if all(d.number != cur.number for d in directions):
                    directions.append(cur)
        cur, mode, strategy = None, "", None

    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if n in stop_lines and not DIRECTION_RE.match(line) and not STRATEGY_RE.match(line):
            close_direction(n - 1)
            continue
        if not line:
            continue
        m = DIRECTION_RE.match(line)
        if m:
            close_direction(n - 1)
            title = m.group(2).strip()
            nxt = lines[n].strip() if n < len(lines) else ""
            if nxt and not (GOAL_RE.match(nxt) or KPI_RE.match(nxt)):
                title = join_wrapped_lines([raw, lines[n]])
                title = re.sub(rf"^\s*(?:\(?[{_D}]{{1,2}}[.)]\s*)?\S*ที่\s*[{_D}]{{1,2}}\s*", "", title)
            cur = Direction(_int(m.group(1)), title, n, n)
            mode, years, unit = "title", [], UNIT_UNKNOWN
            continue
        if cur is None:
            continue
        if GOAL_RE.match(line):
            close_item()
            mode = "goals"
            continue
        if KPI_RE.match(line):
            close_item()
            mode = "kpis"
            continue
        m = UNIT_RE.search(line)
        if m:
            close_item()
            unit, mode = m.group(1), "table"
            continue
        if YEAR_HEADER_RE.match(line):
            close_item()
            years = [_int(y) for y in line.split()]
            mode = "table"
            continue
        if TABLE_HEADER_RE.match(line):
            continue
        m = STRATEGY_RE.match(line)
        if m:
            close_item()
            close_group()
            strategy = Strategy(_int(m.group(1)), m.group(2).strip(), n, n)
            cur.strategies.append(strategy)
            mode = "strategy"
            continue
        if mode in ("strategy", "table", "rows") and FUNDING_RE.match(line):
            close_group()
            group = _Group(line, n)
            mode = "funding"
            continue
        if mode == "funding" and not ROW_RE.match(line) and not VALUES_RE.match(line):
            group.source_text = f"{group.source_text} {line}"  # wrapped funding line
            continue
        if mode in ("funding", "rows") and group is not None:
            m = ROW_RE.match(line)
            if m:
                group.rows.append(TableRow(
                    name=m.group(2).strip(), direction=cur.number, strategy=strategy.number if strategy else None,
                    source=classify_source(group.source_text), source_text=" ".join(group.source_text.split()),
                    line_start=n, line_end=n,
                ))
                group.row_lines.append([ROW_RE.sub(r"\2", raw.rstrip("\n"), count=1)])
                mode = "rows"
                continue
            if VALUES_RE.match(line):
                group.values.append((n, _cells(line), raw.strip()))
                continue
            if mode == "rows" and group.rows and not group.values:
                group.row_lines[-1].append(raw)
                group.rows[-1].line_end = n
                continue
            continue
        if mode == "strategy" and strategy is not None:
            strategy.title = join_wrapped_lines([strategy.title, line]) if strategy.title else line
            strategy.line_end = n
            continue
        if mode == "title":
            continue
        if mode in ("goals", "kpis"):
            starts_item = bool(NUMBERED_ITEM_RE.match(line))
            if item is None or starts_item:
                close_item()
                item = TextItem("", n, n)
                item_lines = [NUMBERED_ITEM_RE.sub("", raw, count=1) if starts_item else raw]
            else:
                item_lines.append(raw)
                item.line_end = n
    close_direction(len(lines))
    return directions, rows, flags
