"""Rows of year tables printed as text, as answer units.

A plan prints a series per year as lines that start with the year and go on with figures
(`2564 354,467 372,795 727,262 -8,764 คน`), under a header line naming the columns
(`ปี ชาย (คน) หญิง (คน) รวม (คน) ลดลงจากปีที่ผ่านมา (-)`) and a caption above it. Such a row alone is
bare numbers; answered with its header it says what each figure is. A question that asks a figure for
a year (or the change between two years) and whose words the table's header and caption cover gets
the header and the asked years' rows, cited; the change between two years is computed in code on the
column the question names (`ชาย`), else on the column headed by a total word (`รวม`), else not at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from assistant.compute import split_comparison
from assistant.lookup import FactsDB, decimals
from assistant.outline import compact
from assistant.passages import key_terms, province_names, term_weights
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from ingest.thai_repair import thai_digits_to_arabic
from ingest.tokenize import search_tokens
from ingest.vocabulary import query_words, vocabulary

_ROW = re.compile(r"^\s*(25\d\d)\s+((?:[-–]?\s*\d[\d,]*(?:\.\d+)?\s+){1,}[-–]?\s*\d[\d,]*(?:\.\d+)?)(?:\s+\S{1,8})?\s*$")
_FIGURE = re.compile(r"[-–]?\s*\d[\d,]*(?:\.\d+)?")
_STARTS_YEARISH = re.compile(r"\s*[2๒][5๕]")
_ENDS_FIGURE = re.compile(r"[\d๐-๙]\s*$")
COLUMN_LABEL = re.compile(r"[^\s()]+(?:\s*\([^)]*\))?")  # a header cell: a word and its bracket (`ชาย (คน)`)
MIN_ROWS = 3  # year rows a table has, at least
GAP = 2  # blank lines allowed between two rows of one table
HEADER_SPAN = 3  # lines above the first row the header may be on
CAPTION_LINES = 3  # non-blank lines above the header that say what the table is about
MIN_COVER = 0.6  # share of the question's (idf-weighted) key terms the header and caption must hold


@dataclass
class YearTable:
    """One year table: its header line, caption lines and rows (year → line number, text)."""

    doc_id: str
    header: tuple[int, str]
    caption: list[tuple[int, str]]
    rows: dict[int, tuple[int, str]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)

    def labels(self) -> list[str]:
        """The header's column labels after the year's own (`ชาย (คน)`, `หญิง (คน)`, `รวม (คน)`, …)."""
        return COLUMN_LABEL.findall(self.header[1])[1:]


def _title_tokens(db: FactsDB, doc_id: str) -> set[str]:
    """What a document's title says (`…จังหวัดลำปาง…`): context every table of it shares."""
    return set(search_tokens(db.titles().get(doc_id, "")))


def year_tables(db: FactsDB, doc_id: str, text: list[tuple[int, str, int | None]]) -> list[YearTable]:
    """Every year table of a document (rows read in the index form of their digits)."""
    title = _title_tokens(db, doc_id)
    out: list[YearTable] = []
    run: list[tuple[int, int, str]] = []  # (index in text, year, line)

    def close() -> None:
        if len(run) >= MIN_ROWS:
            first = run[0][0]
            above = [(n, t) for n, t, _ in text[max(0, first - HEADER_SPAN):first] if t.strip()]
            if above:
                header = above[-1]
                before = [(n, t) for n, t, _ in text[max(0, first - 12):first] if t.strip() and n < header[0]]
                table = YearTable(doc_id, header, before[-CAPTION_LINES:])
                for _, year, line in run:
                    table.rows.setdefault(year, line)
                table.tokens = set(search_tokens(" ".join(t for _, t in [header, *table.caption]))) | title
                out.append(table)
        run.clear()

    for i, (n, t, _) in enumerate(text):
        m = _ROW.match(thai_digits_to_arabic(t)) if _STARTS_YEARISH.match(t) else None
        if m:
            if run and i - run[-1][0] > GAP + 1:
                close()
            run.append((i, int(m.group(1)), (n, t)))
        elif t.strip() and run and i - run[-1][0] > GAP:
            close()
    close()
    return out


def _column(q: Query, table: YearTable, row: str) -> int | None:
    """The column the question asks of a row: a label it types, else the total column; None when the
    header's labels and the row's figures do not line up one to one."""
    labels = table.labels()
    figures = _FIGURE.findall(thai_digits_to_arabic(row).split(None, 1)[1])
    if len(labels) != len(figures):
        return None
    asked = [i for i, label in enumerate(labels) if label.split("(")[0].strip() and label.split("(")[0].strip() in q.text]
    if len(asked) == 1:
        return asked[0]
    totals = [i for i, label in enumerate(labels)
              if any(label.startswith(w) for w in vocabulary().table_words.total_column_words)]
    return totals[0] if len(totals) == 1 else None


def _value(row: str, col: int) -> tuple[str, Decimal]:
    printed = _FIGURE.findall(thai_digits_to_arabic(row).split(None, 1)[1])[col]
    return printed.strip(), _decimal(printed)


def _decimal(printed: str) -> Decimal:
    """A printed figure's value (`- 2,290` → -2290)."""
    return Decimal(re.sub(r"[\s,–]", "", printed).replace("−", "-"))


def _asked(q: Query, idf: dict[str, float]) -> tuple[list[int], dict[str, float], float] | None:
    """The years a figure question asks (in order, once each), and its key terms' weights and their sum;
    None when it asks no year or no figure, or types no key term."""
    years = list(dict.fromkeys(q.years))
    if not years or not (q.wants_figure or q.operation == "difference"):
        return None
    # the operation's words (`มากกว่า`) and the asked unit (`ลบ.ม.`, read as `ลูกบาศก์เมตร`) are not the topic
    words = query_words()
    asking = {t for w in (*words.difference_words, *words.sum_words, *words.comparison_words, q.unit or "")
              for t in search_tokens(w)}
    weight = term_weights([t for t in key_terms(q) if not t.isdigit() and t not in asking], idf)
    total = sum(weight.values())
    return (years, weight, total) if total else None


def _qualified(q: Query, weight: dict[str, float], covered: set[str], labels: list[str]) -> bool:
    """Whether the question narrows a word of the label it names by one typed right after it that no label of the
    table prints (`โรงงานอุตสาหกรรมอาหาร`: the food factories, of which a table of all factories says nothing; not
    `กปภ.เกาะคา`, another row's label, nor a province or a unit)."""
    typed, places = compact(q.text), province_names()
    units = _unit_tokens() | set(search_tokens(q.unit or ""))  # `กี่ล้าน ลบ.ม.`: a unit, no narrowing
    labelled = {t for label in labels for t in search_tokens(label)} | units
    return any(compact(a + b) in typed for a in covered - units for b in weight
               if b not in covered and b not in labelled and not b.isascii() and b not in places)


def _say_change(q: Query, draft: Draft, first: tuple[int, str], second: tuple[int, str], cited: list[Evidence],
                label: str = "") -> None:
    """The change from the earlier year's printed figure to the later one's, computed in code and cited."""
    (y1, p1), (y2, p2) = sorted([first, second])
    v1, v2 = (_decimal(p) for p in (p1, p2))
    diff = v2 - v1
    text = f"{abs(diff):,.{decimals(p1, p2)}f}"
    sign = _t(q, "เพิ่มขึ้น" if diff > 0 else "ลดลง", "an increase of" if diff > 0 else "a decrease of")
    of = f" ({label})" if label else ""
    draft.say(_t(q, f"คำนวณ{of}: ปี {y2} {p2} − ปี {y1} {p1} → {sign} {text}",
                 f"Computed{of}: {y2} {p2} − {y1} {p1} → {sign} {text}"), cited, template=True,
              computed=[text.replace(",", "")])


def answer(q: Query, tables: list[YearTable], idf: dict[str, float]) -> Draft | None:
    """The asked years' rows of the year table the question's words describe, with its header; the change
    between two years computed. None when no table holds every asked year or covers the question."""
    asked = _asked(q, idf)
    if asked is None:
        return None
    years, weight, total = asked
    best: tuple[float, YearTable] | None = None
    for table in tables:
        if not all(y in table.rows for y in years):
            continue
        cover = sum(w for t, w in weight.items() if t in table.tokens) / total
        if best is None or cover > best[0]:
            best = (cover, table)
    if best is None or best[0] < MIN_COVER or _qualified(q, weight, {t for t in weight if t in best[1].tokens},
                                                         [best[1].header[1]]):
        return None
    table = best[1]
    draft = Draft(support=1.0)
    header = Evidence(table.doc_id, table.header[0], table.header[0], table.header[1], "retrieval", 1.0)
    draft.say(" ".join(table.header[1].split()), [header])
    rows = {y: table.rows[y] for y in years}
    for y, (n, text) in rows.items():
        draft.say(" ".join(text.split()), [Evidence(table.doc_id, n, n, text, "retrieval", 1.0), header])
    if len(years) == 2:
        col = _column(q, table, rows[years[0]][1])
        if col is not None and _column(q, table, rows[years[1]][1]) == col:
            cited = [Evidence(table.doc_id, rows[y][0], rows[y][0], rows[y][1], "retrieval", 1.0) for y in years]
            first, second = ((y, _value(rows[y][1], col)[0]) for y in years)
            _say_change(q, draft, first, second, cited, table.labels()[col])
    return draft


# -- tables whose columns are years -------------------------------------------------------------
_COLUMN_ROW = re.compile(r"^(?P<label>.*?[^\d\s,.()\-–].*?)\s+(?P<figures>(?:[-–]?\d[\d,]*(?:\.\d+)?\s+){1,}[-–]?\d[\d,]*(?:\.\d+)?)\s*$")
_YEAR_RANGE = re.compile(r"(25\d\d)\s*[-–]\s*(25\d\d)")
HEADER_LINES = 20  # lines above a table's first row its (broken) header may take
PROSE_CHARS = 60  # a line this long above the rows is prose: the header starts after it


@dataclass
class ColumnTable:
    """A table with one column per year (`ประเภท หน่วยนับ พ.ศ. 2564 พ.ศ. 2565 …`): its years, the lines its
    header and caption take, and its rows (line, label, one figure per year)."""

    doc_id: str
    years: list[int]
    header: tuple[int, int]
    caption: list[tuple[int, str]]
    rows: list[tuple[int, str, list[str], str]] = field(default_factory=list)  # line, label, figures, as printed
    header_text: str = ""
    tokens: set[str] = field(default_factory=set)


def column_tables(db: FactsDB, doc_id: str, text: list[tuple[int, str, int | None]]) -> list[ColumnTable]:
    """Every table of a document whose header names one year per figure column of its rows."""
    title = _title_tokens(db, doc_id)
    out: list[ColumnTable] = []
    i = 0
    while i < len(text):
        row = _column_row(text[i][1])
        if row is None:
            i += 1
            continue
        k, rows, j, last = len(row[1]), [], i, i
        while j < len(text) and j - last <= GAP + 1:
            found = _column_row(text[j][1])
            if found is not None and len(found[1]) == k:
                rows.append((text[j][0], *found, text[j][1]))
                last = j
            elif text[j][1].strip() and found is None and j > last:
                break
            j += 1
        table = _with_years(text, i, rows, doc_id)
        if table is not None and len(table.years) == k:
            table.tokens |= title
            out.append(table)
        i = max(j, i + 1)
    return out


def _column_row(line: str) -> tuple[str, list[str]] | None:
    if not _ENDS_FIGURE.search(line):
        return None  # a cheap test before the row pattern
    m = _COLUMN_ROW.match(thai_digits_to_arabic(line).strip())
    if not m or _ROW.match(thai_digits_to_arabic(line)):
        return None
    return m.group("label").strip(), m.group("figures").split()


def _with_years(text: list, first: int, rows: list, doc_id: str) -> ColumnTable | None:
    """The table over `rows` when the lines above its first row (up to a prose line) name its years."""
    start = first
    while start > 0 and first - start < HEADER_LINES and len(text[start - 1][1].strip()) < PROSE_CHARS:
        start -= 1
    header = " ".join(thai_digits_to_arabic(t) for _, t, _ in text[start:first])
    header = _YEAR_RANGE.sub(" ", header)  # a caption's span of years is not a column
    years = [int(y) for y in dict.fromkeys(re.findall(r"(?<!\d)(25\d\d)(?!\d)", header))]
    if len(years) < 2 or not rows:
        return None
    caption = [(n, t) for n, t, _ in text[max(0, start - CAPTION_LINES):start] if t.strip()]
    table = ColumnTable(doc_id, years, (text[start][0], text[first - 1][0]), caption, rows,
                        " ".join(" ".join(t.split()) for _, t, _ in text[start:first] if t.strip()))
    table.tokens = set(search_tokens(" ".join(t for _, t, _ in text[max(0, start - CAPTION_LINES):first])))
    return table


@lru_cache(maxsize=1)
def _unit_tokens() -> frozenset[str]:
    units = vocabulary().units
    return frozenset(t for w in (*units.currency, *units.count, *vocabulary().budget_lines.total_words)
                     for t in search_tokens(w))


def column_answer(q: Query, tables: list[ColumnTable], idf: dict[str, float]) -> Draft | None:
    """The row of a year-column table the question's words name, its figures for the asked years, and the
    change between two of them computed; None when no row of a table with those years covers the question."""
    asked = _asked(q, idf)
    if asked is None:
        return None
    years, weight, total = asked
    best: tuple[float, float, ColumnTable, tuple] | None = None
    for table in tables:
        if not all(y in table.years for y in years):
            continue
        for row in table.rows:
            own = set(search_tokens(row[1])) - _unit_tokens()  # `ล้านบาท` alone does not name a row
            label = sum(w for t, w in weight.items() if t in own) / total
            cover = sum(w for t, w in weight.items() if t in own or t in table.tokens) / total
            if label and (best is None or (cover, label) > best[:2]):
                best = (cover, label, table, row)
    if best is None or best[0] < MIN_COVER or _qualified(q, weight, set(search_tokens(best[3][1])),
                                                         [row[1] for row in best[2].rows]):
        return None
    _, _, table, (n, label, figures, printed) = best
    ev = Evidence(table.doc_id, n, n, printed, "retrieval", 1.0)
    header = Evidence(table.doc_id, table.header[0], table.header[1], table.header_text, "retrieval", 1.0)
    draft = Draft(support=1.0)
    values = {y: figures[table.years.index(y)] for y in years}
    shown = ", ".join(_t(q, f"ปี {y}: {v}", f"{y}: {v}") for y, v in values.items())
    draft.say(f"{' '.join(label.split())} — {shown}", [ev, header], template=True)
    if len(years) == 2 and q.operation == "difference":
        _say_change(q, draft, *values.items(), [ev])
    elif len(years) == 1 and q.operation == "difference":
        _say_other_row(q, draft, table, (n, label, figures, printed), years[0], weight, header)
    return draft


def _say_other_row(q: Query, draft: Draft, table: ColumnTable, row: tuple, year: int, weight: dict[str, float],
                   header: Evidence) -> None:
    """"A มากกว่า B อยู่เท่าไร" of one year: the row each side names, when they differ, and their difference
    computed in code (`ปริมาณน้ำผลิตจริง` − `ปริมาณน้ำจำหน่าย`)."""
    sides = split_comparison(q.text)
    if sides is None:
        return
    named = []
    for side in sides:
        typed = {t: w for t, w in weight.items() if t in set(search_tokens(side))}
        score = [(sum(w for t, w in typed.items() if t in set(search_tokens(r[1])) - _unit_tokens()), k)
                 for k, r in enumerate(table.rows)]
        best = max(score, default=(0.0, -1))
        if best[0] <= 0 or [s for s, _ in score].count(best[0]) > 1:
            return
        named.append(table.rows[best[1]])
    if named[0] == named[1] or row not in named:
        return
    k = table.years.index(year)
    other = named[1] if named[0] == row else named[0]
    ev = Evidence(table.doc_id, other[0], other[0], other[3], "retrieval", 1.0)
    draft.say(f"{' '.join(other[1].split())} — {_t(q, f'ปี {year}', str(year))}: {other[2][k]}", [ev, header],
              template=True)
    (a, b) = ((r, _decimal(r[2][k])) for r in named)
    first, second = (a, b) if a[1] >= b[1] else (b, a)
    text = f"{first[1] - second[1]:,.{decimals(first[0][2][k], second[0][2][k])}f}"
    cited = [Evidence(table.doc_id, r[0], r[0], r[3], "retrieval", 1.0) for r in (first[0], second[0])]
    draft.say(_t(q, f"คำนวณ: {first[0][2][k]} − {second[0][2][k]} = {text}",
                 f"Computed: {first[0][2][k]} − {second[0][2][k]} = {text}"), cited, template=True,
              computed=[text.replace(",", "")])


# -- tables printed column by column (a column of years, then each column's figures one per line) ----------
_YEAR_LINE = re.compile(r"^\s*(25\d\d)\s*$")
_VALUE_LINE = re.compile(r"^\s*(-?\d[\d,]*(?:\.\d+)?)\s*$")
_UNIT_END = re.compile(r"\([^)]*\)\s*$")


@dataclass
class ColumnsTable:
    """A table whose text layer prints its year column, then each figure column, one cell per line: its
    years (line, year), its column labels (first line, last line, text) and each column's cells (line, figure)."""

    doc_id: str
    years: list[tuple[int, int]]
    labels: list[tuple[int, int, str]]
    cells: list[list[tuple[int, str]]]
    tokens: set[str] = field(default_factory=set)


def columns_tables(db: FactsDB, doc_id: str, text: list[tuple[int, str, int | None]]) -> list[ColumnsTable]:
    """Every table printed column by column: a run of year-only lines, the header lines above it whose
    labels end with their unit in brackets (`เงินลงทุน (ล้านบาท)`), and after it one figure per line, as many
    per column as there are years, for as many columns as labels."""
    title = _title_tokens(db, doc_id)
    out: list[ColumnsTable] = []
    i = 0
    while i < len(text):
        if not _YEAR_LINE.match(thai_digits_to_arabic(text[i][1])):
            i += 1
            continue
        years, j = [], i
        while j < len(text) and _YEAR_LINE.match(thai_digits_to_arabic(text[j][1])):
            years.append((text[j][0], int(_YEAR_LINE.match(thai_digits_to_arabic(text[j][1])).group(1))))
            j += 1
        if len(years) < MIN_ROWS:
            i = j
            continue
        labels = _column_labels(text, i)
        values: list[tuple[int, str]] = []
        k = j
        while k < len(text) and len(values) < len(years) * max(len(labels), 1):
            t = text[k][1]
            if _VALUE_LINE.match(thai_digits_to_arabic(t)):
                values.append((text[k][0], t.strip()))
            elif t.strip():
                break
            k += 1
        if labels and len(values) == len(years) * len(labels):
            cells = [values[c * len(years):(c + 1) * len(years)] for c in range(len(labels))]
            table = ColumnsTable(doc_id, years, labels, cells)
            caption = [t for n, t, _ in text[max(0, i - HEADER_LINES - CAPTION_LINES):i]]
            table.tokens = set(search_tokens(" ".join(caption))) | title
            out.append(table)
        i = max(k, j)
    return out


def _column_labels(text: list, first: int) -> list[tuple[int, int, str]]:
    """The labels above a column of years: header lines grouped up to each one that ends with a unit in
    brackets, up to a prose line; the year column's own label (`ปี พ.ศ.`) is the first group's start."""
    start = first
    while start > 0 and first - start < HEADER_LINES and len(text[start - 1][1].strip()) < PROSE_CHARS:
        start -= 1
    labels, group = [], []
    for n, t, _ in text[start:first]:
        if not t.strip():
            continue
        group.append((n, t.strip()))
        if _UNIT_END.search(t):
            labels.append((group[0][0], group[-1][0], " ".join(x for _, x in group)))
            group = []
    return labels


def _say_column(q: Query, draft: Draft, table: ColumnsTable, c: int, years: list[int]) -> tuple[dict, list, Evidence]:
    """One column's cells for the asked years, each cited with its year and the column's label."""
    first, last, label = table.labels[c]
    head = Evidence(table.doc_id, first, last, label, "retrieval", 1.0)
    found, cells = {}, []
    for y in years:
        k = next(i for i, (_, yy) in enumerate(table.years) if yy == y)
        n, printed = table.cells[c][k]
        found[y] = printed
        cells.append(Evidence(table.doc_id, n, n, printed, "retrieval", 1.0))
        year_line = Evidence(table.doc_id, table.years[k][0], table.years[k][0], str(y), "retrieval", 1.0)
        draft.say(f"{label} — {_t(q, 'ปี', 'FY')} {y}: {printed}", [cells[-1], year_line, head], template=True)
    return found, cells, head


def columns_answer(q: Query, tables: list[ColumnsTable], idf: dict[str, float]) -> Draft | None:
    """The column a question names of a table printed column by column, for the asked years, the change
    between two computed; None when no table holds the years or covers the question."""
    asked = _asked(q, idf)
    if asked is None:
        return None
    years, weight, total = asked
    unit = set(search_tokens(q.unit)) if q.unit else set()  # `กี่แห่ง`: the column counted in แห่ง is asked
    best: tuple[float, ColumnsTable, list[int], set[str]] | None = None
    for table in tables:
        have = [y for _, y in table.years]
        if not all(y in have for y in years):
            continue
        named, covered = [], set()
        for c, (_, _, label) in enumerate(table.labels):
            own = set(search_tokens(label)) - (_unit_tokens() - unit)
            if any(t in own for t in weight):
                named.append(c)
                covered |= own
        cover = sum(w for t, w in weight.items() if t in covered or t in table.tokens) / total
        if named and (best is None or cover > best[0]):
            best = (cover, table, named, covered)
    if best is None or best[0] < MIN_COVER or _qualified(q, weight, {t for t in weight if t in best[3]},
                                                         [label for _, _, label in best[1].labels]):
        return None
    _, table, named, _ = best
    draft = Draft(support=1.0)
    said = {c: _say_column(q, draft, table, c, years) for c in named}  # every column named (`กี่แห่ง เงินลงทุนรวมเท่าไร`)
    # the change of the one column named, or of the one of them whose label prints the asked unit (`กี่ล้านบาท`:
    # `เงินลงทุน (ล้านบาท)`, not `จำนวนโรงงาน (แห่ง)`)
    in_unit = [c for c in named if q.unit and q.unit in table.labels[c][2]]
    changed = named if len(named) == 1 else in_unit
    if len(years) == 2 and len(changed) == 1 and q.operation == "difference":
        found, cells, head = said[changed[0]]
        _say_change(q, draft, *found.items(), [*cells, head])
    return draft
