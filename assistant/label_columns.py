"""Tables whose text layer prints the row labels down one column, then each figure column one cell per line.

```
ประเภท จำนวน (หน่วย) หมายเหตุ                 รายละเอียด กม. %
- ราชการบริหารส่วนภูมิภาค                      แขวงทางหลวงลำปางที่ ๒ จำนวน ๑๓ สายทาง
- ราชการบริหารส่วนกลาง                         - ผิวลาดยาง
- ราชการบริหารส่วนท้องถิ่น                      - ผิวคอนกรีต
- หน่วยงานอิสระ                                 …
33                                              ๔๗๖.๕๘๗      (the group's total, then each row's)
70                                              ๔๔๐.๖๙๕ …
103                                             100.00 …     (the next column)
25
```

A run of bulleted labels, optionally under a group line (the group's own row, when the figures count one
more row), and after it figure lines in a whole number of columns of that many rows: the k-th figure of a
column is the k-th row's. Columns are named by the header line above (its cells after the label column's,
`จำนวน (หน่วย)`, `กม.`, `%`). A question whose words name a row (and its table's group, header and caption)
gets that row's figures with their column names, each cited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.outline import compact
from assistant.passages import DATA_ROW_CHARS, figures_of, key_terms, stated_figures, term_weights
from assistant.records import Evidence
from assistant.route import Query, expand_units
from assistant.structured_answers import Draft
from assistant.year_rows import COLUMN_LABEL
from assistant.understand import asks
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens
from ingest.vocabulary import vocabulary

MIN_ROWS = 3  # rows of a table, the group's included
MIN_BULLETS = 2
HEADER_LINES = 60  # how far above a table its column header may be (a later group of one table reuses it)
CAPTION_LINES = 3
MIN_COVER = 0.6  # share of the question's (idf-weighted) key terms the row, its group and the table's words hold
_BULLET = re.compile(r"^\s*[-–•]\s*(\S.*)$")
_FIGURE_LINE = re.compile(r"^\s*[-–]?\d[\d,]*(?:\.\d+)?\s*%?\s*$")


@dataclass
class LabelTable:
    """One table (or one group of it): its rows (line, label, the line as printed), each row's cells (line,
    figure), its column names, its header and group lines, and the words of its group, header and caption."""

    doc_id: str
    rows: list[tuple[int, str, str]]
    cells: list[list[tuple[int, str]]]
    names: list[str]
    header: tuple[int, str] | None
    group: tuple[int, str] | None
    tokens: set[str] = field(default_factory=set)


def _is_figure_line(text: str) -> bool:
    return bool(_FIGURE_LINE.match(index_form(text)))


def _header(lines: list[tuple[int, str]], before: int, columns: int) -> tuple[int, str] | None:
    """The nearest line above a table that names its columns: as many cells after the label column's as the
    table has columns, and no figure; None when prose comes first."""
    for n, text in reversed([x for x in lines if x[0] < before][-HEADER_LINES:]):
        if len(text.strip()) >= DATA_ROW_CHARS:
            return None
        cells = COLUMN_LABEL.findall(text.strip())
        if len(cells) >= 1 + columns and not stated_figures(text) and not _BULLET.match(text):
            return n, text
    return None


def _totals(column: list[tuple[int, str]]) -> bool:
    """Whether a column's first figure is the sum of the others (to the places it prints)."""
    values = [float(index_form(p).rstrip("%")) for _, p in column]
    places = max((len(index_form(p).split(".")[1]) if "." in p else 0) for _, p in column)
    return abs(values[0] - sum(values[1:])) <= 10 ** -places * len(values)


def label_tables(doc_id: str, text: list[tuple[int, str, int | None]]) -> list[LabelTable]:
    """Every table of a document printed label column first, then its figure columns."""
    lines = [(n, t) for n, t, _ in text if t.strip()]
    out: list[LabelTable] = []
    i = 0
    while i < len(lines):
        bullets = []
        j = i
        while j < len(lines) and (m := _BULLET.match(lines[j][1])) and not stated_figures(m.group(1)):
            bullets.append((lines[j][0], m.group(1).strip(), lines[j][1]))
            j += 1
        if len(bullets) < MIN_BULLETS:
            i = j + 1 if j == i else j
            continue
        figures = []
        k = j
        while k < len(lines) and _is_figure_line(lines[k][1]) and lines[k][1].strip() not in ("-", "–"):
            figures.append((lines[k][0], lines[k][1].strip()))
            k += 1
        group = lines[i - 1] if i > 0 and len(lines[i - 1][1].strip()) < DATA_ROW_CHARS and not _is_figure_line(
            lines[i - 1][1]) else None
        with_group, plain = len(bullets) + 1, len(bullets)
        fits_group = bool(group is not None and figures and len(figures) % with_group == 0)
        fits_plain = bool(figures and len(figures) % plain == 0 and len(bullets) >= MIN_ROWS)
        if fits_group and fits_plain:  # which row the first figure is: the group's when it is the rest's total
            fits_plain = not _totals(figures[:with_group])
        if fits_group == fits_plain:  # neither, or both
            i = k
            continue
        rows = ([(group[0], " ".join(group[1].split()), group[1])] if fits_group else []) + bullets
        if len(rows) < MIN_ROWS:
            i = k
            continue
        count = len(figures) // len(rows)
        columns = [figures[c * len(rows):(c + 1) * len(rows)] for c in range(count)]
        header = _header(lines, lines[i - 1][0] if fits_group else lines[i][0], count)
        names = COLUMN_LABEL.findall(header[1].strip())[1:1 + count] if header else [""] * count
        table = LabelTable(doc_id, rows, [[col[r] for col in columns] for r in range(len(rows))], names, header,
                           group if fits_group else None)
        start = next(x for x, (n, _) in enumerate(lines) if n == header[0]) + 1 if header else i
        described = [t for _, t in lines[max(0, start - 1 - CAPTION_LINES):start]]  # the header and its caption
        words = " ".join(described + ([group[1]] if fits_group else []))
        table.tokens = set(search_tokens(f"{words} {expand_units(words)}"))  # `กม.` as a question types it
        out.append(table)
        i = k
    return out


def answer(q: Query, tables: list[LabelTable], idf: dict[str, float]) -> Draft | None:
    """The figures of the row a figure question names, with their column names; None when no row of such a
    table (with its group, header and caption) covers the question."""
    asked = asks(q.text, figures=True)
    if not q.wants_figure or q.operation or asked > 2:
        return None
    weight = term_weights([t for t in key_terms(q) if not t.isdigit()], idf)
    total = sum(weight.values())
    if not total:
        return None
    units = {t for w in (*vocabulary().units.currency, *vocabulary().units.count) for t in search_tokens(w)}
    typed = set(figures_of(q.text))
    total_words = (*vocabulary().table_words.total_column_words, *vocabulary().budget_lines.total_words)
    found: list[tuple[bool, bool, float, float, LabelTable, int]] = []
    # the one group the question numbers (`…ลำปางที่ ๒`, not `ที่ ๑`); numbering several (`ที่ 1, 2 และ…`) asks them all
    numbers = [bool(t.group and typed & set(figures_of(t.group[1]))) for t in tables]
    several = sum(numbers) > 1
    for table, numbered in zip(tables, numbers):
        numbered = numbered and not several
        for r, (_, label, _) in enumerate(table.rows):
            own = set(search_tokens(label)) - units
            named = sum(w for t, w in weight.items() if t in own) / total
            cover = sum(w for t, w in weight.items() if t in own or t in table.tokens) / total
            whole = q.wants_total and label.startswith(total_words)  # `รวม…กี่กิโลเมตร`: the total row
            if named and cover >= MIN_COVER:
                found.append((numbered, whole, cover, named, table, r))
    # the group the question numbers (`…ลำปางที่ 1`) first, then a total row a total word asks for, unless another
    # row's label holds more of the question's words (`ระยะทางรวม` of `แขวงทางหลวงชนบทลำปาง`: that row, not the total)
    most = max((f[3] for f in found if not f[1]), default=0.0)
    found = [(n, whole and named >= most, cover, named, t, r) for n, whole, cover, named, t, r in found]
    best = max(found, key=lambda f: f[:4], default=None)
    if best is None or (several and not best[1]):
        return None  # several groups numbered (`ที่ 1, 2 และ…`): one group's row answers none of them whole
    table, r = best[4], best[5]
    line, label, printed_row = table.rows[r]
    if asked == 2 and not _states_asked(label, q.text, typed):
        return None  # two figures asked (`กี่กิโลเมตร กี่สายทาง`): a row answers both only if its label states one
    cells = table.cells[r]
    cited = [Evidence(table.doc_id, line, line, printed_row, "retrieval", 1.0)]
    parts = []
    for name, (n, printed) in zip(table.names, cells):
        cited.append(Evidence(table.doc_id, n, n, printed, "retrieval", 1.0))
        parts.append(f"{name}: {printed}" if name else printed)
    if table.header:
        cited.append(Evidence(table.doc_id, table.header[0], table.header[0], table.header[1], "retrieval", 1.0))
    if table.group and r:
        cited.append(Evidence(table.doc_id, table.group[0], table.group[0], table.group[1], "retrieval", 1.0))
    group = f"{' '.join(table.group[1].split())} › " if table.group and r else ""
    draft = Draft(support=1.0)
    draft.say(f"{group}{label} — {' · '.join(parts)}", cited, template=True)
    return draft


def _states_asked(label: str, question: str, typed: set[str]) -> bool:
    """Whether a row's label states a figure the question asks for by its unit (`แขวง…ที่ ๑ จำนวน ๒๑ สายทาง` for
    `…กี่สายทาง`), beside the figures of its cells: a figure the question types itself (`typed`: `ที่ 1`) is not one."""
    asked = compact(question)
    return any(m.group(1) not in typed and compact(m.group(2)) in asked
               for m in re.finditer(r"(\d[\d,.]*)\s*([^\s\d]+)", index_form(label)))
