"""A table row read against its column header: each figure named by the column it stands under.

A plan's table comes out of a PDF as lines: a caption, header lines that name the columns and close
each measured column with its unit in brackets (`ยอดผลิต ปี ๒๕๖6 (เมตริกตัน)`, `ระยะเวลา (ปี)`) or name
one column per year under a unit (`ปริมาณการผลิต (เมตริกตัน)` / `พ.ศ. ๒๕๖๔ พ.ศ. ๒๕๖5 พ.ศ. 2566`), then
rows of a label and figures (`๒ ถ่านหิน 14,124,564.54 482,598,646.11 27`). A row alone is bare numbers;
read against its header from the right, each figure gets its column's name and unit (`ระยะเวลา: 27 ปี`).
A row whose figures do not line up one to one with the header's columns is not read.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.passages import DATA_ROW_CHARS, stated_figures
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens
from ingest.vocabulary import vocabulary

HEADER_LINES = 60  # how far above a row its header may be
BLOCK_LINES = 16  # lines of one header block (caption included), at most
LABEL_LINES = 4  # a row label wrapped above its figures spans fewer lines
_BRACKET = re.compile(r"\(\s*([^()]{1,20}?)\s*\)")
_CELL_FIGURE = re.compile(r"^[-–]?\d[\d,]*(?:\.\d+)?%?$|^[-–]$")
YEAR_CELL = re.compile(r"(?:(?:พ\.ศ\.|ปี)\s*)?(25\d\d)")  # a Buddhist-era year, as a header cell prints it
_ITEM_NUMBER = re.compile(r"^\s*[\d๐-๙]{1,2}\.?\s")
_YEARS_ONLY = re.compile(r"^(?:\s*(?:(?:พ\.ศ\.|ปี)\s*)?25\d\d)+\s*$")


@dataclass
class Column:
    """One column of a header: its name (the header words above its bracket) and unit."""

    name: str
    unit: str


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    u = vocabulary().units
    return frozenset(" ".join(w.split()) for w in (*u.currency, *u.count, *u.measure))


def _unit(text: str) -> str | None:
    """The unit a bracket names (`(เมตริกตัน)`, `(ปี)`); None for other brackets (`(หินปูน+เคมี)`)."""
    inner = " ".join(index_form(text).split())
    return inner if inner in _units() else None


def _unit_row(text: str) -> list[str] | None:
    """The units a header line names one per column and nothing else (`ราย ร้อยละ กิโลวัตต์ - ชั่วโมง ร้อยละ`:
    a table's units printed under its column names); None for any other line."""
    rest = " ".join(re.sub(r"\s*-\s*", "-", index_form(text)).split())
    found: list[str] = []
    while rest:
        unit = next((u for u in _units_longest() if rest.startswith(u) and rest[len(u):len(u) + 1] in ("", " ")), None)
        if unit is None:
            return None
        found.append(unit)
        rest = rest[len(unit):].strip()
    return found if len(found) >= 2 else None


@lru_cache(maxsize=1)
def _units_longest() -> tuple[str, ...]:
    return tuple(sorted((re.sub(r"\s*-\s*", "-", u) for u in _units()), key=len, reverse=True))


def _grouped(names: str, units: list[str]) -> list[Column]:
    """Columns of a units line under the names printed above it: each name spans as many units as divide evenly
    (`จำนวนผู้ใช้ไฟ พลังงานไฟฟ้าที่จำหน่ายและใช้` over four units: two each), else every unit takes them all."""
    words = names.split()
    if words and len(units) % len(words) == 0:
        span = len(units) // len(words)
        return [Column(words[i // span], u) for i, u in enumerate(units)]
    return [Column(names, u) for u in units]


def _is_row(text: str) -> bool:
    """A short line with a figure beyond its item number (`๕ หินปูนเพื่ออุตสาหกรรม` is a label, not a row)."""
    return len(text.strip()) < DATA_ROW_CHARS and bool(stated_figures(_ITEM_NUMBER.sub("", text, count=1)))


def _marks_header(text: str) -> bool:
    """A line that names columns: a unit in brackets, or two or more years and nothing else."""
    form = index_form(text)
    return any(_unit(m.group(1)) for m in _BRACKET.finditer(form)) or (
        len(YEAR_CELL.findall(form)) >= 2 and bool(_YEARS_ONLY.match(form))) or _unit_row(text) is not None


Lines = list[tuple[int, str]]  # (line number, text) of the lines above a row, in order


def header_block(above: Lines, first_line: int = 1) -> Lines | None:
    """The header lines of the table a row belongs to, out of the lines above it: the nearest block of
    non-row lines that names columns, whole (bounded above by prose, a row or the document's first
    line); None otherwise."""
    block: Lines = []
    bounded = bool(above) and above[0][0] <= first_line
    for n, text in reversed([(n, t) for n, t in above if t.strip()]):
        if len(text.strip()) >= DATA_ROW_CHARS:
            bounded = True  # prose: the table starts below it
            break
        if _is_row(text) and not _marks_header(text):
            if any(_marks_header(t) for _, t in block):
                bounded = True
                break
            block = []
            continue
        block.insert(0, (n, text))
        if len(block) > BLOCK_LINES:
            return None
    return block if bounded and any(_marks_header(t) for _, t in block) else None


def label_above(above: Lines) -> Lines:
    """A row label printed on the lines above the row's figures (`๕ หินปูนเพื่ออุตสาหกรรม` / `ซีเมนต์`):
    the non-row lines since the row before, when they do not name columns."""
    lines: Lines = []
    for n, text in reversed(above[-LABEL_LINES:]):
        if not text.strip():
            continue
        if _is_row(text) or _marks_header(text) or len(text.strip()) >= DATA_ROW_CHARS:
            break
        lines.insert(0, (n, " ".join(text.split())))
    earlier = [(n, t) for n, t in above if lines and n < lines[0][0] and t.strip()]
    if lines and earlier and _opened(earlier[-1][1]) > 0 > _opened(lines[0][1]):
        # a label wrapped inside its bracket (`บ้านอยู่อาศัย(น้อยกว่า 150` / `กิโลวัตต์/ชม /เดือน)`): its first
        # line holds a figure, so it read as a row; the bracket it opens says it goes on below
        lines.insert(0, (earlier[-1][0], " ".join(earlier[-1][1].split())))
    numbered = [i for i, (_, t) in enumerate(lines) if _ITEM_NUMBER.match(t)]
    if numbered:  # the row's own numbered label; lines before it end the row above (`ไม่มีการผลิต`)
        lines = lines[numbered[-1]:]
    return lines if len(lines) < LABEL_LINES else []


def _opened(text: str) -> int:
    """Brackets a line opens and leaves open (negative: closes ones opened above it)."""
    return text.count("(") - text.count(")")


def columns(block: Lines, label_cells: int) -> list[Column]:
    """The measured columns a header block names, left to right. Text before a unit bracket names its
    column; years printed after a unit are each a column in that unit (the bracketed one is their group); a
    line of units alone gives a column per unit, under the names on the line above it.
    The first column's name drops the header line that names the label columns (as many words as the
    row's label has cells) and what is above it (the caption)."""
    cols: list[Column] = []
    pending: list[str] = []  # header text since the last column
    first_names: list[str] | None = None
    for _, raw in block:
        text = " ".join(index_form(raw).split())
        units = _unit_row(raw)
        if units is not None and not cols:  # the units under the column names: each name over its units
            names = _own_name(pending, label_cells) if pending else []
            cols.extend(_grouped(names[-1] if names else "", units))
            pending = []
            continue
        if _YEARS_ONLY.match(text) and len(YEAR_CELL.findall(text)) >= 2 and cols and not pending:
            group = cols.pop()  # `ปริมาณการผลิต (เมตริกตัน)` heads the year columns below it
            cols.extend(Column(f"พ.ศ. {y}", group.unit) for y in YEAR_CELL.findall(text))
            continue
        rest = text
        for m in _BRACKET.finditer(text):
            unit = _unit(m.group(1))
            if unit is None:
                continue
            before = text[len(text) - len(rest):m.start()].strip()
            names = pending + ([before] if before else [])
            if not cols and first_names is None:
                first_names = names
                names = _own_name(names, label_cells)
            cols.append(Column(" ".join(names).strip(), unit))
            pending = []
            rest = text[m.end():]
        if rest.strip():
            pending.append(rest.strip())
    return cols


def _own_name(lines: list[str], label_cells: int) -> list[str]:
    """The first column's name: the lines after the one naming the label columns (`ลำดับ ชนิดแร่`)."""
    for i in range(len(lines) - 2, -1, -1):
        if len(lines[i].split()) == label_cells:
            return lines[i + 1:]
    return lines[-1:]


@dataclass
class Row:
    """A table row lined up with its header: its line, label, the columns and the printed figures."""

    line: int
    label: str
    first: int  # the first line of the row: its label's, where the label is printed above the figures
    columns: list[Column]
    values: list[str]
    header: tuple[int, int]  # the header's line span
    kind: str = ""  # the header line naming the label column (`ประเภทผู้ใช้ไฟ`): what the rows are, no measure

    def reading(self) -> str:
        """`label — column: figure unit · …`."""
        parts = [f"{c.name}: {v} {c.unit}" if c.name else f"{v} {c.unit}" for c, v in zip(self.columns, self.values)]
        return (f"{self.label} — " if self.label else "") + " · ".join(parts)


def parse_row(row_text: str, above: Lines, line: int = 0) -> Row | None:
    """A table row whose trailing figures line up one to one with its header's columns (found in `above`,
    the HEADER_LINES lines above the row); None otherwise."""
    cells = row_text.split()
    block = header_block(above)
    if not block:
        return None
    figures = 0
    while figures < len(cells) and _CELL_FIGURE.match(index_form(cells[-1 - figures])):
        figures += 1
    label_lines = label_above(above) if figures == len(cells) else []
    for label_cells in range(len(cells) - figures, len(cells)):
        named_by = label_cells or (len(label_lines[0][1].split()) if label_lines else 1)
        cols = columns(block, named_by)
        if cols and len(cols) == len(cells) - label_cells and not any(c.name == "" for c in cols[1:]):
            break
    else:
        return None
    label = " ".join(cells[:label_cells]) or " ".join(t for _, t in label_lines)
    first = label_lines[0][0] if label_lines and not label_cells else line
    kind = next((" ".join(t.split()) for _, t in reversed(block)
                 if len(t.split()) == named_by and not _marks_header(t) and not _is_row(t)), "")
    return Row(line, label, first, cols, cells[label_cells:], (block[0][0], block[-1][0]), kind)


def read_row(row_text: str, above: Lines) -> tuple[str, tuple[int, int]] | None:
    """A row's reading against its header and the header's line span; None when it does not line up."""
    row = parse_row(row_text, above)
    return (row.reading(), row.header) if row else None


@dataclass
class HeaderTable:
    """A table's rows that line up with one header, and the words of its header and caption."""

    doc_id: str
    header: tuple[int, int]
    rows: list[Row] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)

    @property
    def kind(self) -> str:
        """The header line naming the label column as most rows read it (a row whose label wraps above its
        figures counts its label's words otherwise)."""
        kinds = Counter(r.kind for r in self.rows if r.kind)
        return kinds.most_common(1)[0][0] if kinds else ""


def header_tables(doc_id: str, text: list[tuple[int, str, int | None]]) -> list[HeaderTable]:
    """Every table of a document whose rows line up with a header naming their columns."""
    tables: dict[tuple[int, int], HeaderTable] = {}
    lines = [(n, t) for n, t, _ in text]
    marked = [i for i, (_, t) in enumerate(lines) if _marks_header(t)]  # lines naming columns: rows are read below one
    k = 0
    for i, (n, t) in enumerate(lines):
        while k < len(marked) and marked[k] < i - HEADER_LINES:
            k += 1
        if k >= len(marked) or marked[k] >= i or not t.strip() or not _is_row(t):
            continue
        row = parse_row(t, lines[max(0, i - HEADER_LINES):i], n)
        if row is None:
            continue
        table = tables.get(row.header)
        if table is None:
            first, last = row.header
            table = tables[row.header] = HeaderTable(doc_id, row.header)
            table.tokens = set(search_tokens(" ".join(t for m, t in lines if first <= m <= last)))
        table.rows.append(row)
    merged: list[HeaderTable] = []
    for table in tables.values():  # a header printed again over a page's continuation of the table
        last = merged[-1] if merged else None
        if last is not None and [(c.name, c.unit) for c in last.rows[0].columns] == [
                (c.name, c.unit) for c in table.rows[0].columns]:
            last.rows += table.rows
            last.tokens |= table.tokens
        else:
            merged.append(table)
    return merged
