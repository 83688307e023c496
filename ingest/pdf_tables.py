"""Tables as cells from a PDF's layout (pypdfium2 character boxes), for `read_pdf`.

Budget Bureau books (and plans like them) print tables whose text layer comes out flattened and
often out of order (`ล้านบาท 7.3779 16.9300 7.3779 …` where the printed row reads 16.9300 first).
The characters' boxes still say where each figure stands, so the table is rebuilt from them:

1. characters → visual rows (by baseline; Thai marks and Latin-1 stand-ins join the row whose
   letter they sit on; ญ ฐ … by their top) → segments (runs separated by more than a word space);
2. a *figure row* has at least two numeric segments (`7.3779`, `1,234,500`, `-`, `( 15 )`);
   a *region* is a run of figure rows at most three rows apart (or further when the rows between
   only hold a wrapped label or a bracketed figure);
3. columns: the x-extents of the region's figures merged where they overlap (kept when two rows
   use them; two clusters no row uses both of, and no drawn rule parts, are one column: bold
   totals centred, other figures right-aligned), plus the text columns left of them (row label,
   unit); column boundaries are the vertical rules drawn between them, else the midpoints;
4. header rows: the rows just above the region inside the table's width, up to a numbered
   heading, a `หน่วย:` caption or a page number; a header cell covers the columns between the
   rules around it (`งบประมาณ` over 2564-2565), else those it overlaps; header rows without such
   a spanning cell are read column by column into one row (`ปี 2565` + `แผน` → `ปี 2565 แผน`);
5. a row without two figures continues the row above (a wrapped label, `( 15 )` under `15`) when
   it is closer than single-line rows are apart, when the label above filled its column, or when
   its only figures are bracketed; otherwise it is a row of its own (a group title).

A region is emitted when it has at least 3 rows (header rows included) and at least two figure
columns. Only pages with two or more lines of two or more figures are read char by char.
Cell text is the characters in the order the lines have them (marks on their letters,
ingest.pdf_marks; before Thai repair). `line_start`/`line_end` are the document lines (1-based) that hold the
table's characters; since the text layer may put a table's label column far from its figures,
that span can include lines between them.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from ingest.pdf_marks import LINE_BREAK, MarkOrder, is_mark, line_spans, mark_order
from ingest.records import Table, TableCell

_log = logging.getLogger(__name__)
_NUMERIC = re.compile(
    r"^[(（]?\s*[-+]?[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?\s*%?\s*[)）]?\*{0,2}$"
    r"|^[(（]?\s*[-–—]\s*[)）]?$"
)
_NUM_TOKEN = re.compile(r"(?<!\S)(?:[-+]?[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?|[-–—])(?!\S)")
# A numbered heading (`7.4.2.6 เป้าหมาย…`) is not a header row.
_HEADING = re.compile(r"^\s*(?:[0-9๐-๙]+\.){2,}[0-9๐-๙]*\s")
_DESCENDERS = set("ญฐฎฏฤฦ")
_MARKS: dict[str, bool] = {}  # char -> is_mark(char), filled as met
_UNIT_CAPTION = re.compile(r"^\s*\(?\s*หน่วย\s*[:：]")


@dataclass
class _Seg:
    x0: float
    x1: float
    y0: float
    y1: float
    idx: list[int] = field(default_factory=list)  # char indices (text-layer order)
    text: str = ""

    @property
    def numeric(self) -> bool:
        return bool(_NUMERIC.match(self.text))


@dataclass
class _Row:
    base: float  # baseline (top-left origin: grows downwards)
    y0: float
    y1: float
    chars: list[tuple[int, float, float]] = field(default_factory=list)  # (index, x0, x1) of base chars
    extra: list[tuple[int, float]] = field(default_factory=list)  # (index, x centre) of marks/spaces
    segs: list[_Seg] = field(default_factory=list)

    @property
    def n_numeric(self) -> int:
        return sum(s.numeric for s in self.segs)


def _page_rows(textpage, raw: str, top: float, left: float, drawn: MarkOrder | None = None) -> list[_Row]:
    """Visual rows of a page, top to bottom, each with its segments. `drawn`: the page text with
    its marks on their letters (ingest.pdf_marks), the order a segment's characters are read in."""
    drawn = drawn or MarkOrder(raw, list(range(len(raw))))
    pos, text = drawn.pos, drawn.text
    import ctypes

    import pypdfium2.raw as pdfium_c

    base: list[tuple[int, float, float, float, float]] = []  # index, x0, x1, y0, y1 (top-left origin)
    others: list[tuple[int, float, float, float]] = []  # index, x centre, y0, y1
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(l), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t))
    get_box, raw_page = pdfium_c.FPDFText_GetCharBox, textpage.raw
    marks = _MARKS
    for i, ch in enumerate(raw):
        if ch.isspace():  # spaces are given back from the text (see below), not placed
            continue
        if not get_box(raw_page, i, *refs):
            continue
        x0, x1, y0, y1 = l.value - left, r.value - left, top - t.value, top - b.value
        mark = marks.get(ch)
        if mark is None:
            mark = marks[ch] = is_mark(ch)
        if mark:
            others.append((i, (x0 + x1) / 2, y0, y1))
        else:
            base.append((i, x0, x1, y0, y1))
    if not base:
        return []
    heights = [y1 - y0 for _, _, _, y0, y1 in base if y1 - y0 > 1]
    h = median(heights) if heights else 5.0
    tol = max(1.5, 0.45 * h)
    keyed = []
    for item in base:
        i, x0, x1, y0, y1 = item
        # Small punctuation (`-`, `.`, `*`) sits above the baseline: place it by its centre instead.
        ch = raw[i]
        if ch in _DESCENDERS:  # ญ ฐ ฎ ฏ ฤ ฦ reach below the line: place them by their top
            key = y0 + h
        elif unicodedata.category(ch)[0] in "PS" and y1 - y0 < 0.5 * h:
            key = (y0 + y1) / 2 + 0.25 * h
        else:
            key = y1
        keyed.append((key, item))
    keyed.sort(key=lambda k: k[0])
    rows: list[_Row] = []
    keys: list[list[float]] = []
    last = None
    for key, (i, x0, x1, y0, y1) in keyed:
        if last is not None and key - last <= tol:
            row = rows[-1]
            row.y0, row.y1 = min(row.y0, y0), max(row.y1, y1)
        else:
            row = _Row(key, y0, y1)
            rows.append(row)
            keys.append([])
        keys[-1].append(key)
        last = key
        row.chars.append((i, x0, x1))
    for row, ks in zip(rows, keys):
        row.base = median(ks)
    # A row of nothing but `*` marks (a footnote sign set high) belongs to the nearest row.
    for k in range(len(rows) - 1, -1, -1):
        if len(rows) > 1 and raw[rows[k].chars[0][0]] == "*" and all(raw[i] == "*" for i, _, _ in rows[k].chars):
            j = min((m for m in (k - 1, k + 1) if 0 <= m < len(rows)), key=lambda m: abs(rows[m].base - rows[k].base))
            if abs(rows[j].base - rows[k].base) <= 2 * h:
                rows[j].chars.extend(rows[k].chars)
                rows[j].y0, rows[j].y1 = min(rows[j].y0, rows[k].y0), max(rows[j].y1, rows[k].y1)
                del rows[k]
    bases = [r.base for r in rows]
    x_spans = [sorted((x0, x1) for _, x0, x1 in r.chars) for r in rows]
    x_starts = [[a for a, _ in spans] for spans in x_spans]

    def under(k: int, xc: float) -> bool:  # a letter of row k spans x = xc
        j = bisect_right(x_starts[k], xc + 1.5)
        return any(x_spans[k][m][1] >= xc - 1.5 for m in range(max(0, j - 3), j))

    n_rows = len(rows)
    for i, xc, y0, y1 in others:
        yc = (y0 + y1) / 2
        k = bisect_left(bases, yc)
        near = [m for m in range(k - 2, k + 3) if 0 <= m < n_rows]
        # A mark goes to the nearest row (above or below its letters) with a letter under it.
        near.sort(key=lambda m: max(rows[m].y0 - yc, yc - rows[m].base, 0.0))
        best = next((m for m in near[:3] if under(m, xc)), near[0])
        rows[best].extra.append((i, xc))
    gap = max(4.5, 1.0 * h)
    for row in rows:
        chars = sorted(row.chars, key=lambda c: c[1])
        segs: list[_Seg] = []
        for i, x0, x1 in chars:
            if segs and x0 - segs[-1].x1 <= gap:
                seg = segs[-1]
                seg.x1 = max(seg.x1, x1)
            else:
                seg = _Seg(x0, x1, row.y0, row.y1)
                segs.append(seg)
            seg.idx.append(i)
        for i, xc in row.extra:
            for seg in segs:
                if seg.x0 - 1 <= xc <= seg.x1 + 1:
                    seg.idx.append(i)
                    break
        for seg in segs:
            seg.idx.sort(key=lambda i: pos[i])
            parts, prev = [], None
            for i in seg.idx:  # text order; a space where the text has one between two chars
                if prev is not None and pos[i] > pos[prev] + 1 and " " in text[pos[prev] + 1 : pos[i]]:
                    parts.append(" ")
                parts.append(raw[i])
                prev = i
            seg.text = " ".join("".join(parts).split())
        row.segs = segs
    return rows


def _merge_intervals(spans: list[tuple[float, float, int]]) -> list[tuple[float, float, set[int]]]:
    """Overlapping (x0, x1, row) spans merged into (x0, x1, rows using it)."""
    out: list[tuple[float, float, set[int]]] = []
    for x0, x1, r in sorted(spans):
        if out and x0 <= out[-1][1]:
            a, b, rows = out[-1]
            rows.add(r)
            out[-1] = (a, max(b, x1), rows)
        else:
            out.append((x0, x1, {r}))
    return out


def _overlaps(seg: _Seg, lo: float, hi: float) -> bool:
    ov = min(seg.x1, hi) - max(seg.x0, lo)
    return ov > max(1.5, 0.15 * (seg.x1 - seg.x0))


def _drawn_rules(page, top: float, left: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The page's thin path objects at its top level, top-left origin: vertical rules (x, y top, y bottom) and
    horizontal rules (y, x left, x right)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    l, b, r, t = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t))
    vertical, horizontal = [], []
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        if r.value - l.value < RULE_WIDTH and t.value - b.value > MIN_RULE:
            vertical.append(((l.value + r.value) / 2 - left, top - t.value, top - b.value))
        elif t.value - b.value < RULE_WIDTH and r.value - l.value > MIN_RULE:
            horizontal.append((top - (t.value + b.value) / 2, l.value - left, r.value - left))
    return vertical, horizontal


RULE_WIDTH = 2.5  # points: a path thinner than this is a rule
MIN_RULE = 5.0  # ... and longer than this
RULE_MERGE = 3.0  # rules closer than this are one (a double line, a cell's border drawn twice)
MIN_GRID_COLUMNS = 3  # a ruled grid read as a table has at least this many columns
GRID_SPAN = 0.8  # a horizontal rule parts a grid's rows when it spans this share of the grid's width


def _merged(values: list[float]) -> list[float]:
    """Sorted positions, those closer than RULE_MERGE taken as one (their first)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > RULE_MERGE:
            out.append(v)
    return out


def _grid_tables(rows: list[_Row], page: int, vertical, horizontal, taken: set[int]) -> list[tuple[Table, list[int]]]:
    """Ruled grids of text cells (a budget book's `ยุทธศาสตร์ชาติ | แผนแม่บท | … | แผนงาน | งบประมาณ`), which the
    figure-row reader above does not see (one figure column, or none): the columns are the vertical rules, the
    header the band above the first horizontal rule under the grid's top, and each band between horizontal
    rules one row, or one row per figure its rows print (the rows of one group are parted by no rule; a cell
    is set at its row's top, as its figure is). A column's cell printed only at a band's first row spans the
    band. Rows in `taken` (already read as a figure table) are not read again."""
    found = []
    for x_lo, x_hi, y_top, y_bot, xs in _grids(vertical):
        cols = list(zip(xs, xs[1:]))
        if len(cols) < MIN_GRID_COLUMNS:
            continue
        width = x_hi - x_lo
        ys = _merged([y for y, a, b in horizontal if y_top - RULE_MERGE <= y <= y_bot + RULE_MERGE and b - a >= GRID_SPAN * width])
        inside = [k for k, r in enumerate(rows) if y_top <= r.base <= y_bot and any(x_lo <= s.x0 and s.x1 <= x_hi + 1 for s in r.segs)]
        if len(ys) < 3 or not inside or any(k in taken for k in inside):
            continue
        bands = [[k for k in inside if a < rows[k].base <= b] for a, b in zip(ys, ys[1:])]
        bands = [band for band in bands if band]
        if len(bands) < 2:
            continue

        def col_of(seg: _Seg) -> int | None:
            xc = (seg.x0 + seg.x1) / 2
            return next((c for c, (a, b) in enumerate(cols) if a <= xc < b), None)

        def texts(ks: list[int]) -> dict[int, tuple[str, list[int]]]:
            out: dict[int, tuple[list[str], list[int]]] = {}
            for k in ks:
                for seg in rows[k].segs:
                    c = col_of(seg)
                    if c is not None:
                        parts, idx = out.setdefault(c, ([], []))
                        parts.append(seg.text)
                        idx.extend(seg.idx)
            return {c: ("\n".join(parts), idx) for c, (parts, idx) in out.items()}

        cells: list[TableCell] = []
        idx_all: list[int] = []
        for c, (text, idx) in texts(bands[0]).items():
            cells.append(TableCell(0, c, text, header=True))
            idx_all += idx
        n = 1
        for band in bands[1:]:
            # a row starts at a figure (top-aligned with its cells); a bracketed one (`( 6 )`, a result under its
            # plan) continues the row above
            starts = [k for k in band if any(s.numeric and not s.text.startswith("(") and col_of(s) is not None
                                             for s in rows[k].segs)]
            if not starts or starts[0] != band[0]:
                starts = [band[0], *starts]
            groups = [[k for k in band if a <= k < b] for a, b in zip(starts, [*starts[1:], band[-1] + 1])]
            read = [texts(g) for g in groups]
            for c in range(len(cols)):
                spans_band = len(read) > 1 and c in read[0] and all(c not in r for r in read[1:])
                for j, r in enumerate(read):
                    if c in r:
                        cells.append(TableCell(n + j, c, r[c][0], rowspan=len(read) if spans_band else 1))
                        idx_all += r[c][1]
            n += len(read)
        body = [c for c in cells if not c.header]
        if sum(c.header and bool(c.text.strip()) for c in cells) < 2 or len({c.row for c in body}) < 2:
            continue
        found.append((Table(page, 0, 0, sorted(cells, key=lambda c: (c.row, c.col))), idx_all))
    return found


def _ruled(page) -> bool:
    """Whether a page draws a ruled grid."""
    left, _bottom, _right, top = page.get_bbox()
    return _grid_drawn(*_drawn_rules(page, top, left))


def _grid_drawn(vertical: list, horizontal: list) -> bool:
    """Whether a page's rules may make a ruled grid: enough vertical rules for its columns and horizontal ones to
    part its header and rows."""
    return len(vertical) > MIN_GRID_COLUMNS and len(horizontal) >= 3


def _grids(vertical) -> list[tuple[float, float, float, float, list[float]]]:
    """Groups of vertical rules that overlap top to bottom (one ruled grid each): left, right, top, bottom and
    the column lines' x positions."""
    out: list[list[tuple[float, float, float]]] = []
    for rule in sorted(vertical, key=lambda v: v[1]):
        if out and rule[1] <= max(v[2] for v in out[-1]) + RULE_MERGE:
            out[-1].append(rule)
        else:
            out.append([rule])
    grids = []
    for group in out:
        xs = _merged([x for x, _, _ in group])
        grids.append((xs[0], xs[-1], min(v[1] for v in group), max(v[2] for v in group), xs))
    return grids


def _page_tables(rows: list[_Row], page: int, get_rules=None) -> list[tuple[Table, list[int]]]:
    """Tables found among a page's rows, each with the char indices it holds. `get_rules()`: the
    page's vertical rules (where drawn, they give the column boundaries and header spans), asked
    for once a table is seen."""
    rules: list[tuple[float, float, float]] | None = None
    numeric = [k for k, r in enumerate(rows) if r.n_numeric >= 2]
    regions: list[list[int]] = []
    fig_x0 = 0.0  # where the figures of the current region start

    def label_only(k: int) -> bool:  # a wrapped row label left of the figures, or a bracketed figure
        return all((s.text.startswith("(") and s.numeric) or (not s.numeric and s.x1 < fig_x0 - 1
                                                              and not _HEADING.match(s.text)) for s in rows[k].segs)

    for k in numeric:
        if regions:
            prev = regions[-1][-1]
            near = k - prev <= 3 and rows[k].base - rows[prev].base <= 45
            wrapped = k - prev <= 8 and rows[k].base - rows[prev].base <= 130 and all(
                label_only(m) for m in range(prev + 1, k))
            if near or wrapped:
                regions[-1].append(k)
                fig_x0 = min([fig_x0] + [s.x0 for s in rows[k].segs if s.numeric][1:])
                continue
        regions.append([k])
        fig_x0 = sorted(s.x0 for s in rows[k].segs if s.numeric)[1] if rows[k].n_numeric >= 2 else 0.0
    found = []
    used_until = -1
    for region in regions:
        if len(region) < 2:
            continue
        first, last = region[0], region[-1]
        body = list(range(first, last + 1))
        spans = [(s.x0, s.x1, k) for k in region for s in rows[k].segs if s.numeric]
        merged_cols = [(a, b, rs) for a, b, rs in _merge_intervals(spans) if len(rs) >= 2]
        if len(merged_cols) < 2:
            continue
        if rules is None:
            rules = get_rules() if get_rules else []
        # Figures set differently in one column (bold totals centred, others right-aligned) make
        # two neighbouring x-clusters that no row uses both of: one column, unless a rule parts them.
        y_top, y_bot = rows[first].y0, rows[last].y1
        crossing_rules = [x for x, ra, rb in rules if min(rb, y_bot) - max(ra, y_top) > 0]
        ncols: list[tuple[float, float]] = []
        used: list[set[int]] = []
        for a, b, rs in merged_cols:
            if ncols and not (used[-1] & rs) and not any(ncols[-1][1] <= x <= a for x in crossing_rules):
                ncols[-1] = (ncols[-1][0], b)
                used[-1] |= rs
            else:
                ncols.append((a, b))
                used.append(set(rs))
        if len(ncols) < 2:
            continue
        left_edge = ncols[0][0]
        tspans = [(s.x0, s.x1, k) for k in body for s in rows[k].segs if not s.numeric and s.x1 < left_edge - 1]
        tcols: list[tuple[float, float]] = []
        for a, b, used in _merge_intervals(tspans):
            if tcols and len(used) < 2:  # a label broken by a wide gap: part of the column before
                tcols[-1] = (tcols[-1][0], max(tcols[-1][1], b))
            else:
                tcols.append((a, b))
        cols = sorted(tcols + ncols)
        body_rules = [x for x, ra, rb in rules if ra <= y_top + 2 and rb >= y_bot - 2] or [
            x for x, ra, rb in rules if min(rb, y_bot) - max(ra, y_top) > 0]
        bounds = [cols[0][0] - 5]
        for j in range(len(cols) - 1):
            lo, hi = cols[j][1], cols[j + 1][0]
            mid = (lo + hi) / 2
            between = [x for x in body_rules if lo - 1 <= x <= hi + 1]
            bounds.append(min(between, key=lambda x: abs(x - mid)) if between else mid)
        outer_l = [x for x in body_rules if x <= cols[0][0] + 1]
        outer_r = [x for x in body_rules if x >= cols[-1][1] - 1]
        bounds[0] = max(outer_l) if outer_l else cols[0][0] - 5
        bounds.append(min(outer_r) if outer_r else cols[-1][1] + 10)
        x_lo, x_hi = cols[0][0], cols[-1][1]
        width = x_hi - x_lo

        def place(seg: _Seg, row: _Row | None = None) -> list[int]:
            """The columns a segment covers: between the rules around it where drawn (a header
            cell), else those it overlaps by a quarter of their width, else the one it sits in."""
            n = len(cols)
            if row is not None and rules:
                yc = (row.y0 + row.y1) / 2
                crossing = [x for x, ra, rb in rules if ra - 2 <= yc <= rb + 2]
                lft = [x for x in crossing if x <= seg.x0 + 1]
                rgt = [x for x in crossing if x >= seg.x1 - 1]
                if lft and rgt:
                    a, b = max(lft), min(rgt)
                    hit = [j for j in range(n) if a - 1 <= (bounds[j] + bounds[j + 1]) / 2 <= b + 1]
                    if hit:
                        return hit
            hit = [j for j in range(n)
                   if min(seg.x1, bounds[j + 1]) - max(seg.x0, bounds[j]) >= 0.25 * (bounds[j + 1] - bounds[j])]
            if not hit:
                xc = (seg.x0 + seg.x1) / 2
                hit = [min(range(n), key=lambda j: 0 if bounds[j] <= xc < bounds[j + 1]
                           else min(abs(xc - bounds[j]), abs(xc - bounds[j + 1])))]
            return hit

        # Header rows: just above the region, inside the table's width, up to a heading/caption.
        header: list[int] = []
        k = first - 1
        prev_base = rows[first].base
        while k > used_until and len(header) < 6:
            row = rows[k]
            if prev_base - row.base > 40 or not row.segs:
                break
            if any(s.x0 < bounds[0] - 15 or s.x1 > bounds[-1] + 15 for s in row.segs):
                break
            if any(_HEADING.match(s.text) or _UNIT_CAPTION.match(s.text) for s in row.segs):
                break
            if any(s.x1 - s.x0 > 0.6 * width for s in row.segs):
                break
            if row.n_numeric >= 2 or all(s.numeric for s in row.segs):  # figures, or the page number
                break
            header.insert(0, k)
            prev_base = row.base
            k -= 1
        ncol_idx = {j for j, c in enumerate(cols) if c in ncols}
        # Label-only rows between the header and the first figures (a group's title) are body rows.
        while header and all(not set(place(s, rows[header[-1]])) & ncol_idx for s in rows[header[-1]].segs):
            body.insert(0, header.pop())
        head_cols = {j for k in header for s in rows[k].segs for j in place(s, rows[k])}
        if len(head_cols & ncol_idx) < 2:
            header = []
        if len(region) + len(header) < 3:
            continue
        # Body: numeric rows start a table row; a close row without two numbers continues the last one.
        # Row pitch: between figure rows with nothing in between (single-line rows).
        adjacent = [rows[b].base - rows[a].base for a, b in zip(region, region[1:]) if b == a + 1]
        pitch = min(adjacent) if adjacent else median([rows[b].base - rows[a].base for a, b in zip(region, region[1:])])
        label_w = bounds[1] - bounds[0]

        def continues(k: int, prev: int) -> bool:
            """Row k (without two figures) goes on with row `prev`: it is closer than rows are
            apart, or the label above filled its column (wrapped), or its only figures are in
            brackets (a result printed under a target)."""
            if rows[k].base - rows[prev].base <= 0.85 * pitch:
                return True
            label_end = max((s.x1 for s in rows[prev].segs if place(s)[0] == 0), default=None)
            if label_end is not None and label_end >= bounds[1] - 0.2 * label_w:
                return True
            figures = [s.text for s in rows[k].segs if s.numeric]
            return bool(figures) and all(t.startswith("(") for t in figures)

        table_rows: list[list[int]] = []
        for k in body:
            if rows[k].n_numeric >= 2 or not table_rows or not continues(k, table_rows[-1][-1]):
                table_rows.append([k])
            else:
                table_rows[-1].append(k)
        # The last row's label may wrap onto lines below it.
        k = last + 1
        while k < len(rows) and k - last <= 3 and all(
                (s.numeric and s.text.startswith("(")) or (not s.numeric and s.x1 < ncols[0][0] - 1
                                                           and not _HEADING.match(s.text)) for s in rows[k].segs
        ) and rows[k].segs and continues(k, table_rows[-1][-1]) and rows[k].base - rows[k - 1].base <= 1.2 * pitch:
            table_rows[-1].append(k)
            last = k
            k += 1
        cells: list[TableCell] = []
        idx: list[int] = []
        # Header: a row holding a cell over several columns stays a row; runs of rows between
        # them are read column by column (a header cell printed on several lines is one cell).
        head_rows: list[list[tuple[int, int, str]]] = []  # (col, colspan, text)
        run: dict[int, list[str]] | None = None
        for k in header:
            placed = []
            for seg in sorted(rows[k].segs, key=lambda s: s.x0):
                hit = place(seg, rows[k])
                placed.append((hit[0], hit[-1] - hit[0] + 1, seg.text))
                idx.extend(seg.idx)
            if any(span > 1 for _, span, _ in placed):
                head_rows.append(placed)
                run = None
            else:
                if run is None:
                    run = {}
                    head_rows.append([])
                for col, _, text in placed:
                    run.setdefault(col, []).append(text)
                head_rows[-1] = [(col, 1, " ".join(parts)) for col, parts in sorted(run.items())]
        covered = [{c for col, span, _ in placed for c in range(col, col + span)} for placed in head_rows]
        for r, placed in enumerate(head_rows):
            for col, span, text in placed:
                # Nothing printed above it in the header: the cell spans up from the header's top
                # (a row label's title beside a two-row column header, `แหล่งเงิน` / `ปี 2564`).
                top = r
                while top > 0 and not covered[top - 1] & set(range(col, col + span)):
                    top -= 1
                cells.append(TableCell(top, col, text, rowspan=r - top + 1, colspan=span, header=True))
        for r, group in enumerate(table_rows, start=len(head_rows)):
            texts: dict[int, list[str]] = {}
            for k in group:
                for seg in sorted(rows[k].segs, key=lambda s: s.x0):
                    texts.setdefault(place(seg)[0], []).append(seg.text)
                    idx.extend(seg.idx)
            cells.extend(TableCell(r, j, " ".join(parts)) for j, parts in sorted(texts.items()))
        # Two header segments in one cell (rare): join them so each position is given once.
        merged: dict[tuple[int, int], TableCell] = {}
        for c in cells:
            if (c.row, c.col) in merged:
                prev = merged[(c.row, c.col)]
                prev.text += " " + c.text
                prev.colspan = max(prev.colspan, c.colspan)
            else:
                merged[(c.row, c.col)] = c
        found.append((Table(page, 0, 0, sorted(merged.values(), key=lambda c: (c.row, c.col))), idx))
        used_until = last
    return found


def _candidate_page(page_lines: list[str]) -> bool:
    """Cheap test on the page's text: at least two lines with two or more numbers (or dashes)."""
    n = 0
    for line in page_lines:
        if len(_NUM_TOKEN.findall(line)) >= 2:
            n += 1
            if n >= 2:
                return True
    return False


def textpage_tables(page, textpage, raw: str, number: int, first_line: int) -> list[Table]:
    """Tables of one page (`page`, its `textpage` and their text `raw`, textpage.get_text_range()).
    `number`: the 1-based page index; `first_line`: the document line number of its first line."""
    if textpage.count_chars() != len(raw):
        return []
    starts, _ends = line_spans(raw)
    left, _bottom, _right, top = page.get_bbox()
    rows = _page_rows(textpage, raw, top, left, mark_order(textpage, raw))
    tables = []
    vertical, horizontal = _drawn_rules(page, top, left)  # once: the figure tables' columns, and the grids
    read = _page_tables(rows, number, lambda: vertical)
    if _grid_drawn(vertical, horizontal):
        at = {i: k for k, r in enumerate(rows) for s in r.segs for i in s.idx}
        taken = {at[i] for _, idx in read for i in idx if i in at}
        read += _grid_tables(rows, number, vertical, horizontal, taken)
    for table, idx in read:
        if not idx:
            continue
        lines = [bisect_right(starts, i) - 1 for i in idx]
        table.line_start = first_line + min(lines)
        table.line_end = first_line + max(lines)
        tables.append(table)
    return tables


def read_pdf_tables(path: Path, lines: list[str], pages: list[int | None]) -> list[Table]:
    """Tables of a PDF as cells. `lines`/`pages`: the document's lines and the page of each, as
    read_pdf gives them (a page's lines are found again by the same split of its text, so the
    line numbers match; a page whose split differs is skipped). Only pages with at least two
    lines of two or more figures, or a ruled grid, are looked at char by char."""
    import pypdfium2 as pdfium

    first: dict[int, int] = {}
    count: dict[int, int] = {}
    by_page: dict[int, list[str]] = {}
    for n, (line, p) in enumerate(zip(lines, pages), start=1):
        if p is not None:
            first.setdefault(p, n)
            count[p] = count.get(p, 0) + 1
            by_page.setdefault(p, []).append(line)
    tables: list[Table] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in sorted(first):
            page = pdf[number - 1]
            try:
                if not _candidate_page(by_page[number]) and not _ruled(page):
                    continue
                textpage = page.get_textpage()
                try:
                    raw = textpage.get_text_range()
                    if len(LINE_BREAK.split(raw)) != count[number]:
                        continue
                    try:
                        tables.extend(textpage_tables(page, textpage, raw, number, first[number]))
                    except Exception:  # noqa: BLE001 - a layout this module cannot read costs its tables, not the file
                        _log.warning("%s: page %d: table cells not read", path, number, exc_info=True)
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        pdf.close()
    return tables
