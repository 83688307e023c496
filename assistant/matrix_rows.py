"""Rows of a matrix whose row labels are printed as vertical text, as answer units.

Plans draw their links to higher plans as a matrix: one column per plan, one row per issue, the
row's label written vertically down its left edge. The text layer breaks such a label into lines
of two or three characters (`ปร` / `ะเ` / `ด็น` / … / `ี่ 3`) and prints the row's cells after it,
one after the other, until the next row's label. Read back, a run of such short lines that joins
into a section label or plan-level word of the profile (`ประเด็นการพัฒนา ด้านที่ 3`, `วิสัยทัศน์`)
starts a row; the row is everything up to the next run. A question that types part of one cell and
asks what stands beside it ("อยู่แถวเดียวกับ…ข้อไหน", "สอดคล้องกับประเด็นใด") is answered with the
whole row, its label first, cited (every such row where a cell drawn across rows prints in each); so is one
that names a row by its label and the matrix by its section's number ("ตามแผนภาพ 4.2 ประเด็นการพัฒนาด้านที่ 2 …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lookup import FactsDB
from assistant.normalize import glossed_terms
from assistant.outline import compact, longest_run
from assistant.route import ASKS_LINKAGE, Query
from assistant.structured_answers import Draft, _t
from ingest.vocabulary import query_words, vocabulary

PIECE_CHARS = 5  # a piece of a vertical label: at most this many characters on its line
MIN_PIECES = 3  # lines a vertical label is broken into, at least
ROW_NAMED = 12  # characters of one cell a question must type (in one run) to name the row
MAX_ROW_LINES = 60  # a row longer than this is not a matrix row
WHOLE_CELL = 0.9  # a name the question types is a cell's when one row prints this much of it in one run


@dataclass
class MatrixRow:
    """A row: its vertical label (joined) and the lines of its cells."""

    doc_id: str
    label: str
    label_start: int
    body_start: int
    body_end: int
    text: str  # the cells' lines joined
    section: str = ""  # the title of the outline section the matrix is printed in (`4.2 ความเชื่อมโยง…`)


def _label_words() -> list[str]:
    words = [*query_words().section_labels, *(w for lv in vocabulary().plan_levels for w in lv.words)]
    return sorted({compact(w) for w in words}, key=len, reverse=True)


def matrix_rows(db: FactsDB, doc_id: str, headings: frozenset[int] = frozenset()) -> list[MatrixRow]:
    """The matrix rows of one document (none for most documents); a row ends before the first of `headings` (the
    outline's section lines) below its label: the last row does not run into the next section."""
    lines = [(n, t) for n, t, _ in db.lines(doc_id, 1, 10**9) if t.strip()]
    words = _label_words()
    runs: list[tuple[int, int, str]] = []  # (first line, last line, joined label)
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and len(lines[j][1].strip()) <= PIECE_CHARS:
            j += 1
        if j - k >= MIN_PIECES:
            joined = "".join(t.strip() for _, t in lines[k:j])
            flat = compact(joined)
            if any(flat.startswith(w) for w in words):
                runs.append((lines[k][0], lines[j - 1][0], " ".join(joined.split())))
        k = max(j, k + 1)
    rows = []
    by_line = dict(lines)
    for i, (start, end, label) in enumerate(runs):
        stop = runs[i + 1][0] - 1 if i + 1 < len(runs) else None
        section = min((n for n in headings if n > end), default=None)
        stop = section - 1 if section is not None and (stop is None or section <= stop) else stop
        body = [n for n in by_line if end < n and (stop is None or n <= stop)]
        if stop is None:
            body = body[:MAX_ROW_LINES // 2]  # the last row: up to a sensible length
        if not body or len(body) > MAX_ROW_LINES:
            continue
        text = " ".join(" ".join(by_line[n].split()) for n in body)
        rows.append(MatrixRow(doc_id, _spaced_number(label), start, body[0], body[-1], text))
    return rows


def _spaced_number(label: str) -> str:
    """`ประเด็นการพัฒนาด้านที่ 3` → `ประเด็นการพัฒนา ด้านที่ 3` (pieces joined without their spaces)."""
    label = re.sub(r"\s*(ด้านที่|ที่)\s*(\d+)", r" \1 \2", label)
    return re.sub(r"^[\s\-–]+|[\s\-–]+$", "", label)  # a rule's dashes printed around the label


_SECTION_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+)")


def _names_label(text: str, row: MatrixRow) -> bool:
    """Whether a question names a row by its label and the matrix by its section's number (`ตามแผนภาพ 4.2
    ประเด็นการพัฒนาด้านที่ 2 …`): a label alone (`ประเด็นการพัฒนาด้านที่ 2`) may be another plan's item."""
    number = _SECTION_NUMBER.match(row.section)
    flat, label = compact(text), compact(row.label)
    at = flat.find(label)
    return bool(number and at >= 0 and not flat[at + len(label):at + len(label) + 1].isdigit()
                and re.search(rf"(?<![\d.]){re.escape(number.group(1))}(?![\d.]*\d)", text))


_ROW_WORDS = re.compile(r"แถว|\brow\b|same line", re.I)


MIN_GLOSSED = 2  # the profile's Thai terms for an English question's words one row's cells must print


def _glossed_rows(text: str, rows: list[MatrixRow]) -> list[tuple[int, MatrixRow]]:
    """The one row whose cells print the most of the Thai terms the profile gives an English question's words (`…the
    direction on strengthening entrepreneur networks`: ผู้ประกอบการ, เครือข่าย), counted by their length; none unless
    it prints MIN_GLOSSED of them and more than any other row."""
    terms = {compact(t) for t in glossed_terms(text)}
    scored = sorted(((sum(len(t) for t in terms if t in flat), sum(t in flat for t in terms), row)
                     for row, flat in ((row, compact(row.text)) for row in rows)), key=lambda s: -s[0])
    if not scored or scored[0][1] < MIN_GLOSSED or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
        return []
    return [(scored[0][0], scored[0][2])]


def row_answer(q: Query, rows: list[MatrixRow], db: FactsDB, typed: str | None = None) -> Draft | None:
    """The row a question names by typing part of one of its cells (with `typed`, a name the question
    types that one cell must hold whole), when it asks what stands beside it; every row printing as much of it
    (a cell drawn across two rows is printed in both)."""
    if not rows or not (ASKS_LINKAGE.search(q.text) or _ROW_WORDS.search(q.text)):
        return None
    asked = compact(typed or q.text)
    need = max(ROW_NAMED, int(WHOLE_CELL * len(asked))) if typed else ROW_NAMED
    found: list[tuple[int, MatrixRow]] = []
    for row in rows:
        run = len(longest_run(asked, compact(row.text)))
        if run >= need:
            found.append((run, row))
    if not found:
        found = [(1, row) for row in rows if _names_label(q.text, row)]
    if not found and q.language == "en":
        found = _glossed_rows(q.text, rows)
    if not found:
        return None
    top = max(size for size, _ in found)
    draft = Draft(support=1.0)
    for row in (row for size, row in found if size == top):  # a cell drawn across rows prints in each of them
        label = db.evidence(row.doc_id, row.label_start, row.body_start - 1)
        body = db.evidence(row.doc_id, row.body_start, row.body_end)
        draft.say(_t(q, f"แถว “{row.label}” ของแผนภาพ/ตาราง ประกอบด้วย:", f"The row “{row.label}” of the matrix reads:"),
                  [label], template=True)
        draft.say(row.text, [body])
    return draft
