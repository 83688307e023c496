"""A row of a table of text cells named by one of its cells, read against the table's header: a budget book's
linkage table (`ยุทธศาสตร์ชาติ | แผนแม่บทภายใต้ยุทธศาสตร์ชาติ | แผนพัฒนาเศรษฐกิจฯ ฉบับที่ 12 | ยุทธศาสตร์การจัดสรร
งบประมาณ | แผนงาน | งบประมาณ`).

The document model holds such a ruled grid as cells (ingest.pdf_tables); a cell printed once for a group of rows
spans them, and a group carried over from the page before leaves the first rows of a page's table empty in that
column (they take the value of the last row of the same table on the page before). A question that types one
cell of a row (a แผนงาน's name) and the header of another column (`เชื่อมโยงกับยุทธศาสตร์ชาติด้านไหน และแผนแม่บท
อะไร`) is answered with those columns' cells of that row, each cited with its header's lines and its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.lookup import FactsDB
from assistant.normalize import translate_english
from assistant.outline import Outline, compact
from assistant.plan_levels import PlanLevels, naming, placement
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.units import merge
from ingest.records import Table
from ingest.thai_repair import join_wrapped_lines

MIN_HEADER = 6  # compact characters of a header a question must type to ask its column
MIN_NAMED_CELL = 15  # compact characters of a cell a question types whole to name its row (not `การท่องเที่ยว`)
NAMED_LEVELS = 3  # plan levels the question names whose longer names may hold the typed cell
MIN_TEXT_COLUMNS = 3  # a table of text cells has at least this many columns whose cells are mostly words
_FIGURE = re.compile(r"^[\d,.\s()*%-]+$")
_BULLET = re.compile(r"^\s*[-•]\s*")


@dataclass
class GridRow:
    """One body row of a table of text cells: each column's text (spanning cells filled in), the header's text
    per column (and its first printed line), and the table it is in."""

    doc_id: str
    table: Table
    cells: dict[int, str]
    header: dict[int, str]
    header_first: dict[int, str] = field(default_factory=dict)
    carried: dict[int, Table] = field(default_factory=dict)  # a column's cell printed in the table on the page before


def _text(cell_text: str) -> str:
    """A cell's printed lines as one text (a word wrapped over two lines joined)."""
    return _BULLET.sub("", join_wrapped_lines([t.strip() for t in cell_text.split("\n") if t.strip()]))


def _text_table(table: Table) -> bool:
    """Whether a table's body is mostly words: at least MIN_TEXT_COLUMNS columns whose cells are not figures."""
    words: dict[int, int] = {}
    for c in table.cells:
        if not c.header and c.text.strip() and not _FIGURE.match(c.text):
            words[c.col] = words.get(c.col, 0) + 1
    return len(words) >= MIN_TEXT_COLUMNS and any(c.header for c in table.cells)


def table_grid(table: Table, carried: dict[int, str] | None = None) -> list[dict[int, str]]:
    """A table's body rows, each column's text with a spanning cell repeated on the rows it spans; a column empty
    at the top takes `carried` (the last row of the same table on the page before). A carried cell's column is
    negative in the row (-1 - col) too, to tell it from a printed one."""
    n = table.n_rows
    grid: dict[int, dict[int, str]] = {}
    for c in table.cells:
        if c.header:
            continue
        for r in range(c.row, min(n, c.row + c.rowspan)):
            grid.setdefault(r, {})[c.col] = _text(c.text)
    rows = [grid[r] for r in sorted(grid)]
    for col, value in (carried or {}).items():
        for row in rows:
            if row.get(col):
                break
            row[col] = value
            row[-1 - col] = value
    return rows


def grid_rows(outline: Outline) -> list[GridRow]:
    """Every document's tables of text cells as rows, a table continuing the one on the page before (the same
    header) carrying its spanning cells over."""
    out: list[GridRow] = []
    for doc_id, tables in outline.tables.items():
        before: tuple[Table, dict[int, str], dict[int, str]] | None = None
        for t in tables:
            if not _text_table(t):
                continue
            header = {c.col: " ".join(c.text.split()) for c in t.cells if c.header and c.text.strip()}  # its lines
            first = {c.col: c.text.strip().split("\n")[0].strip() for c in t.cells if c.header and c.text.strip()}
            follows = before is not None and before[1] == header and t.page is not None and before[0].page == t.page - 1
            rows = table_grid(t, before[2] if follows else None)
            for row in rows:
                came = {-1 - k: before[0] for k in row if k < 0}
                printed = {k: v for k, v in row.items() if k >= 0}
                out.append(GridRow(doc_id, t, printed, header, first, came))
            before = (t, header, {k: v for k, v in rows[-1].items() if k >= 0} if rows else {})
    return out


def _asked_columns(asked: str, row: GridRow) -> list[int]:
    """The columns whose header a (compact) question types: whole, or its first printed line (`แผนแม่บท` of
    `แผนแม่บท / ภายใต้ยุทธศาสตร์ชาติ`), a name shortened with ฯ on either side counting up to the ฯ
    (`แผนพัฒนาเศรษฐกิจฯ` of the header, `แผนพัฒนาฯ` of the question); a longer header first, its words not read
    again for a shorter one (the `ยุทธศาสตร์ชาติ` inside `แผนแม่บทภายใต้ยุทธศาสตร์ชาติ`). In the header's order."""
    out = []
    for col in sorted(row.header, key=lambda c: -len(compact(row.header[c]))):
        for form in (compact(row.header[col]), compact(row.header_first.get(col, ""))):
            start = form.split("ฯ")[0]
            if len(form) >= MIN_HEADER and form in asked:
                found = form
            elif "ฯ" in form and len(start) >= MIN_HEADER and start in asked:
                found = start
            else:  # the question shortens it: a start of it (MIN_HEADER or more) typed before ฯ
                found = next((start[:k] + "ฯ" for k in range(len(start), MIN_HEADER - 1, -1) if start[:k] + "ฯ" in asked), None)
            if found:
                out.append(col)
                asked = asked.replace(found, " ", 1)
                break
    return sorted(out)


def _lines_of(db: FactsDB, row: GridRow, text: str, col: int | None = None) -> tuple[int, int] | None:
    """The fewest lines of the row's table (of the table on the page before, for a cell carried from it), one
    after another, that print a cell's text (its words wrapped over lines; a line of the text layer may also
    print a piece of the next cell)."""
    want = compact(text)
    if not want:
        return None
    t = row.carried.get(col, row.table) if col is not None else row.table
    lines = [(n, compact(s)) for n, s, _ in db.lines(row.doc_id, t.line_start, t.line_end)]
    for i in range(len(lines)):
        got = ""
        for j in range(i, len(lines)):
            got += lines[j][1]
            if want in got:
                if want in got[len(lines[i][1]):]:
                    break  # found without line i: a later start is fewer lines
                return lines[i][0], lines[j][0]
            if len(got) > len(want) + len(lines[i][1]):
                break
    return None


def answer(q: Query, rows: list[GridRow], db: FactsDB, levels: PlanLevels) -> Draft | None:
    """The cells of the asked columns in the row the question names by one of its cells; None when no row is
    named or the question types no other column's header. A cell names its row when the question types it whole
    (MIN_NAMED_CELL letters or more), not as part of a longer plan level's name it types (`การเติบโตอย่างยั่งยืน`
    of `แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน…`, `การท่องเที่ยว` of a project's name). No cell typed: the
    row of the แผนงาน a named level sits under (`โครงการ X อยู่ใต้แผนงานใด และแผนงานนั้นเชื่อมโยงกับยุทธศาสตร์ชาติ
    ด้านใด`), after where the level sits."""
    asked_text = compact(translate_english(q.text))  # `national strategy`, `master plan`: the headers' words
    named = levels.named(q.text)[:NAMED_LEVELS]
    named_docs = {lv.doc_id for _, lv in named}  # `…ของกระทรวง X`: X's book first
    best: tuple[tuple[int, bool], GridRow, int] | None = None
    for row in rows:
        for col, text in row.cells.items():
            name = compact(text)
            if len(name) < MIN_NAMED_CELL or name not in asked_text or col not in row.header or _FIGURE.match(text):
                continue
            key = (len(name), row.doc_id in named_docs)
            if best is None or key > best[0]:
                best = (key, row, col)
    if best is None:
        return _under_level(q, rows, db, levels, asked_text)
    _, row, named_col = best
    name = compact(row.cells[named_col])
    if any(name in lv.name and len(lv.name) > len(name) for _, lv in named):
        return None
    at = asked_text.find(name)
    return row_draft(q, rows, row, named_col, asked_text[:at] + " " + asked_text[at + len(name):], db)


def _under_level(q: Query, rows: list[GridRow], db: FactsDB, levels: PlanLevels, asked_text: str) -> Draft | None:
    """Where the level the question names (whole) sits, then the asked columns of the one table row printing the
    name of a level above it (its แผนงาน in the ministry's linkage table)."""
    named = levels.named(q.text)
    if not named or named[0][0] < len(named[0][1].name):
        return None
    lv = named[0][1]
    for above in reversed(lv.ancestors()):  # the nearest first
        found = [(r, c) for r in rows if r.doc_id == lv.doc_id for c, t in r.cells.items()
                 if c in r.header and len(above.name) >= MIN_NAMED_CELL and above.name in compact(t)]
        if len(found) == 1:
            row, col = found[0]
            typed = naming(lv.name, asked_text, long_run=True)[1]  # the level's own words ask no column (`…แผนแม่บท…`)
            rest = "".join(" " if i in typed else ch for i, ch in enumerate(asked_text))
            cells = row_draft(q, rows, row, col, rest, db)
            return merge(placement(q, lv, levels), cells) if cells is not None else None
    return None


def row_draft(q: Query, rows: list[GridRow], row: GridRow, named_col: int, rest: str, db: FactsDB) -> Draft | None:
    """The asked columns (headers `rest` types) of a row named by its cell in `named_col`, each cited; a cell spanning
    rows: every row it spans. None when no other text column is asked."""
    # text columns only: an amount asked (`งบประมาณ`) is the plan levels' and the facts' to give, with its unit
    columns = [c for c in _asked_columns(rest, row) if c != named_col and row.cells.get(c) and not _FIGURE.match(row.cells[c])]
    if not columns:
        return None
    title = row.cells[named_col]
    where = _lines_of(db, row, title, named_col)
    if where is None:
        return None
    draft = Draft(support=1.0)
    own = Evidence(row.doc_id, where[0], where[1], db.cite(row.doc_id, *where).quote, "lookup", 1.0)
    same = [r for r in rows if r.doc_id == row.doc_id and r.header == row.header and r.cells.get(named_col) == title]
    if len(same) > 1:  # a cell spanning rows (`ยุทธศาสตร์ชาติด้าน…`): every row it spans, the asked columns of each
        draft.say(_t(q, f"ตามตาราง ({row.header[named_col]}) {title} มี {len(same)} แถว:",
                     f"From the table ({row.header[named_col]}), {title} has {len(same)} rows:"),
                  [own], template=True, computed=[str(len(same))])
        for r in same:
            values = [(c, r.cells[c]) for c in columns if r.cells.get(c)]
            spans = [x for x in (_lines_of(db, r, v, c) for c, v in values) if x]
            if values and len(spans) == len(values):
                evidence = [Evidence(r.doc_id, a, b, db.cite(r.doc_id, a, b).quote, "lookup", 1.0) for a, b in spans]
                draft.say("• " + " — ".join(v for _, v in values), evidence, template=True)
        return draft if len(draft.sentences) > 1 else None
    draft.say(_t(q, f"ตามตาราง ({row.header[named_col]}) {title}:", f"From the table ({row.header[named_col]}), {title}:"),
              [own], template=True)
    for col in columns:
        head, value = row.header[col], row.cells[col]
        spans = [s for s in (_lines_of(db, row, row.header_first.get(col) or head), _lines_of(db, row, value, col)) if s]
        if len(spans) < 2:
            continue
        evidence = [Evidence(row.doc_id, a, b, db.cite(row.doc_id, a, b).quote, "lookup", 1.0) for a, b in spans]
        draft.say(f"• {head}: {value}", evidence, template=True)
    return draft if len(draft.sentences) > 1 else None
