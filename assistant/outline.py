"""The documents' outline for question understanding: section headings (from the stored document
models) and label lines (`จุดอ่อน (Weaknesses)`, `1. วิสัยทัศน์`), each with the body it heads.

A question that names a heading is answered with that heading's body (the whole list or text under
it, up to the next label or section), and an item (a project) is placed under the plan levels that
enclose it. Labels are the profile's `[query] section_labels`; nothing here knows one document.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from difflib import SequenceMatcher
from pathlib import Path

from assistant.lookup import FactsDB
from ingest.document import load_model, model_path
from ingest.facts import compact_name, compact_text
from ingest.records import LineBox, ListBlock, Table
from ingest.thai_repair import thai_digits_to_arabic
from ingest.tokenize import search_tokens
from ingest.vocabulary import query_words

LABEL_CHARS = 80  # a label line is short: the label and a few qualifying words
MAX_BODY_LINES, MAX_BODY_CHARS = 30, 2200
_MARKERS = re.compile(r"^[\s0-9๐-๙.()\-–•▪●○◦:)]*")
_ITEM_MARK = re.compile(r"^\s*(\(?)\s*([0-9๐-๙]{1,2})\s*([.)])(?![0-9๐-๙])")  # `(๑)`, `๒)`, `3.`; not `1.1`
SIBLING_SCAN = 200  # lines under a numbered label searched for its next sibling's number


def strip_markers(text: str) -> str:
    """A line without its leading numbering and bullets (`๓.๒.๑ `, `1. `, `• `)."""
    return _MARKERS.sub("", text).strip()


compact = compact_text  # spacing-, punctuation- and digit-form-free text for fuzzy comparison


def longest_run(a: str, b: str) -> str:
    """The longest run of characters two (compact) texts share, as `a` prints it (its first, of runs as long)."""
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[m.a:m.a + m.size]


def fuzzy_contains(text: str, word: str, threshold: float = 0.8) -> bool:
    """Whether `word` (compact) occurs in `text` (compact), allowing a misspelling (`วิสัยทัศ`)."""
    if not word or not text:
        return False
    if word in text:
        return True
    if len(word) < 5:
        return False
    best = 0.0
    for size in {len(word) - 2, len(word) - 1, len(word), len(word) + 1}:
        for i in range(0, max(1, len(text) - size + 1)):
            best = max(best, SequenceMatcher(None, word, text[i:i + size], autojunk=False).ratio())
            if best >= threshold:
                return True
    return False


def covered(name: str, text: str, block: int = 3) -> float:
    """Share of `name`'s characters found in `text` in common blocks of at least `block` characters."""
    if not name or not text:
        return 0.0
    if name in text:
        return 1.0
    blocks = SequenceMatcher(None, name, text, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= block) / len(name)


ROW_SLACK = 4.0  # points: lines whose tops differ by less are one printed row


def left_heads(heads: frozenset[int], boxes: list[LineBox | None], top: LineBox) -> set[int]:
    """The heading lines that can end a label's body on its page: those starting left of where the label ends.
    A "heading" printed further right is a wrapped piece of the body the text layer reads as a numbered line
    (` 3 จังหวัดของเขตพัฒนาพิเศษ` in the middle of a row)."""
    return {n for n in heads if 1 <= n <= len(boxes) and boxes[n - 1] is not None and boxes[n - 1].x0 < top.x1}


def _in_row(box: LineBox, row: LineBox) -> bool:
    """Whether a line's middle falls within another line's height: one printed row (marks shift tops)."""
    return row.y0 <= (box.y0 + box.y1) / 2 <= row.y1
ANCHOR_LINES = 150  # how far from its recorded line a section's heading may actually be printed


def anchor(lines: list[str], start: int, number: str | None, title: str) -> int:
    """The line a section heading is actually printed on: its recorded line when that line starts the
    heading, else the nearest line within ANCHOR_LINES that does (a book's tables shift recorded lines)."""
    head = compact(strip_markers(title))[:10]

    def starts(n: int) -> bool:
        if not 1 <= n <= len(lines):
            return False
        text = lines[n - 1].strip()
        if number:
            return text.startswith(number + " ") or text == number or text.startswith(number + "\t")
        return bool(head) and compact(strip_markers(text)).startswith(head)

    if starts(start) or not (number or head):
        return start
    whole = compact(strip_markers(title.rstrip("…")))
    near = [n for d in range(1, ANCHOR_LINES) for n in (start + d, start - d) if starts(n)]
    # A numbered line with the title's own words beats a nearer one that only has the number (`1. ` of a
    # list); an unnumbered title (an agency's name) may also start a statement printed near it
    # ("สำนักงาน… เป็นพันธมิตร…"): the line printing the title alone beats one that only starts with it.
    if number:
        best = [n for n in near if head and compact(strip_markers(lines[n - 1])).startswith(head)]
    else:
        best = [n for n in near if compact(strip_markers(lines[n - 1])) == whole]
    return (best or near or [start])[0]


@dataclass
class Heading:
    """A heading (outline section or label line) and the body it heads."""

    doc_id: str
    line: int
    text: str
    end: int  # last line of its body
    path: tuple[str, ...] = ()  # titles of the sections enclosing it, outermost first
    label: str | None = None  # the section label it starts with
    level: int = 0  # depth in the outline (0 for label lines)
    last: int = 0  # a section: last line of its subtree (its own body and every section under it)
    _tokens: set[str] | None = field(default=None, repr=False)

    @property
    def tokens(self) -> set[str]:
        """Search tokens of the heading line (tokenised on first use: tokenising every heading is slow)."""
        if self._tokens is None:
            self._tokens = set(search_tokens(self.text))
        return self._tokens


@lru_cache(maxsize=1)
def _labels() -> tuple[tuple[str, str], ...]:
    """(label, its compact form), longest first."""
    return tuple((w, compact(w)) for w in sorted(query_words().section_labels, key=len, reverse=True))


def label_of(text: str) -> str | None:
    """The section label a short line starts with (after numbering), if any."""
    body = strip_markers(text)
    if not body or len(body) > LABEL_CHARS:
        return None
    head = re.sub(r"[\s\W_]+", "", body.lower())
    for word, form in _labels():
        if head.startswith(form):
            return word
    return None


def _mark(text: str) -> tuple[str, int] | None:
    """A line's item number and its style (`(๑)` → ("()", 1), `2.` → (".", 2)); None when it starts with none."""
    m = _ITEM_MARK.match(text)
    return (m.group(1) + m.group(3), int(thai_digits_to_arabic(m.group(2)))) if m else None


def _next_sibling(rows: list[tuple[int, str]], i: int, text: str) -> int | None:
    """The line of the item numbered next after a numbered label line (`(๑) เป้าหมาย` → `(๒) ประเด็นยุทธศาสตร์`),
    where its body ends though that item names no label; None when the label is not numbered, none follows, or
    its body starts a list numbered the same way (`2. พันธกิจ` over `1. เสนอ…`, `2. …`, `3. …`: not siblings)."""
    mark = _mark(text)
    if mark is None:
        return None
    for n, line in rows[i + 1:i + 1 + SIBLING_SCAN]:
        found = _mark(line)
        if found == (mark[0], 1):
            return None
        if found == (mark[0], mark[1] + 1):
            return n
    return None


class Outline:
    """Sections and label lines of every indexed document, loaded once per generation."""

    def __init__(self, db: FactsDB, documents_dir: Path | None):
        self.db = db
        self.sections: dict[str, list[Heading]] = {}
        self.labels: dict[str, list[Heading]] = {}
        self._owner: dict[str, dict[int, Heading]] = {}
        self._by_line: dict[str, dict[int, Heading]] = {}
        self.tables: dict[str, list[Table]] = {}  # each document's tables as cells, in reading order
        self.lists: dict[str, list[ListBlock]] = {}  # each document's enumerated lists, items' wrapped lines joined
        self._boxes: dict[str, list[LineBox | None]] = {}  # PDF: where each line sits on its page
        self._page_lines: dict[str, dict[int, list[int]]] = {}  # PDF: the lines of each page
        self._head_lines: dict[str, frozenset[int]] = {}  # the lines starting a section or label, per document
        for doc_id in db.titles():
            self._load(doc_id, documents_dir)

    def _load(self, doc_id: str, documents_dir: Path | None) -> None:
        sections: list[Heading] = []
        path = model_path(documents_dir, doc_id) if documents_dir else None
        if path is not None and path.is_file():
            model = load_model(path)
            self.tables[doc_id] = sorted(model.tables, key=lambda t: t.line_start)
            self.lists[doc_id] = model.lists
            if any(model.line_boxes):
                self._boxes[doc_id] = model.line_boxes
                pages: dict[int, list[int]] = {}
                for n, box in enumerate(model.line_boxes, start=1):
                    if box is not None and model.lines[n - 1].strip():
                        pages.setdefault(box.page, []).append(n)
                self._page_lines[doc_id] = pages
            for s in model.sections:
                title = s.path[-1] if s.path else ""
                start = anchor(model.lines, s.line_start, s.number, title)
                sections.append(Heading(doc_id, start, title, max(start, s.line_end + start - s.line_start),
                                        tuple(s.path[:-1]), label_of(title), len(s.path)))
        sections.sort(key=lambda h: h.line)
        for i, h in enumerate(sections):  # a subtree ends where the next section of its level or higher starts
            nxt = next((o.line for o in sections[i + 1:] if o.level <= h.level), None)
            h.last = (nxt - 1) if nxt else 10**9
        self.sections[doc_id] = sections
        owner: dict[int, Heading] = {}  # line -> the deepest section holding it
        for h in sorted(sections, key=lambda h: (h.level, h.line)):
            for n in range(h.line, max(h.end, h.line) + 1):
                owner[n] = h
        self._owner[doc_id] = owner
        self._by_line[doc_id] = {h.line: h for h in sections}
        starts = sorted({h.line for h in sections})
        rows = [(n, text) for n, text in self.db.db.execute(
            "SELECT n, text FROM lines WHERE doc_id = ? AND length(trim(text)) > 0 ORDER BY n", (doc_id,))]
        label_lines = [(n, text, label_of(text)) for n, text in rows if len(text) <= LABEL_CHARS + 12]
        label_lines = [(n, t, lab) for n, t, lab in label_lines if lab]
        stops = sorted(set(starts) | {n for n, _, _ in label_lines})
        last = rows[-1][0] if rows else 0
        out = []
        at = {n: i for i, (n, _) in enumerate(rows)}
        for n, text, lab in label_lines:
            k = bisect.bisect_right(stops, n)
            nxt = stops[k] if k < len(stops) else last + 1
            nxt = min(nxt, _next_sibling(rows, at[n], text) or nxt)
            out.append(Heading(doc_id, n, text.strip(), min(nxt - 1, last), self.path_at(doc_id, n), lab, 0))
        self.labels[doc_id] = out

    def path_at(self, doc_id: str, line: int) -> tuple[str, ...]:
        """Titles of the sections enclosing a line, outermost first."""
        deepest = self._owner.get(doc_id, {}).get(line)
        return (*deepest.path, deepest.text) if deepest else ()

    def section_of(self, doc_id: str, line: int) -> Heading | None:
        """The outline section whose heading is on this line."""
        return self._by_line.get(doc_id, {}).get(line)

    def children(self, heading: Heading) -> list[Heading]:
        """The sections directly under an outline section."""
        return [h for h in self.sections.get(heading.doc_id, [])
                if h.level == heading.level + 1 and heading.line < h.line <= heading.last]

    def ancestors(self, heading: Heading) -> list[Heading]:
        """The outline sections enclosing a section, outermost first (each one's own heading line)."""
        out = []
        for depth, title in enumerate(heading.path, start=1):
            found = [h for h in self.sections.get(heading.doc_id, [])
                     if h.level == depth and h.line <= heading.line <= h.last]
            if found:
                out.append(max(found, key=lambda h: h.line))
        return out

    def heading_end(self, heading: Heading, most: int = 4) -> int:
        """Last line of a heading as printed (a long title wraps over a few lines)."""
        want = compact(heading.text.rstrip("…"))
        text, end = "", heading.line
        for n, line, _ in self.db.lines(heading.doc_id, heading.line, heading.line + most):
            text += compact(line)
            if line.strip():
                end = n
            if len(text) >= len(want) or want[-6:] in text:
                break
        return end

    def body_end(self, heading: Heading) -> int:
        """Last line of a heading's body, capped so an answer stays readable."""
        rows = self.db.lines(heading.doc_id, heading.line, heading.end)
        end, chars, count = heading.line, 0, 0
        for n, text, _ in rows:
            if not text.strip():
                continue
            if count >= MAX_BODY_LINES or chars + len(text) > MAX_BODY_CHARS:
                break
            end, chars, count = n, chars + len(text), count + 1
        return end

    def placed_body(self, heading: Heading) -> list[tuple[int, int]]:
        """A heading's body read by position on its PDF page, for a page whose text layer prints the body
        far from its heading (`1. วิสัยทัศน์`, `2. พันธกิจ`, then the vision text): the lines below the
        heading and above the next heading or label on that page, not left of it, in reading order
        (rows top to bottom, left to right), as runs of consecutive source lines. Empty without boxes."""
        top = self._box(heading.doc_id, heading.line)
        if top is None:
            return []
        boxes = self._boxes[heading.doc_id]
        on_page = self._page_lines[heading.doc_id].get(top.page, [])
        heads = left_heads(self._heads(heading.doc_id), boxes, top)
        below = [n for n in on_page if boxes[n - 1].y0 > top.y0 + ROW_SLACK]
        bottom = min((boxes[n - 1].y0 for n in below if n in heads), default=float("inf"))
        beside = [n for n in on_page if n != heading.line and abs(boxes[n - 1].y0 - top.y0) <= ROW_SLACK
                  and boxes[n - 1].x0 >= top.x1]  # a label's value printed to its right (`วัตถุประสงค์   - เพื่อ…`)
        body = sorted((n for n in below + beside if boxes[n - 1].y0 < bottom - ROW_SLACK
                       and boxes[n - 1].x0 >= top.x0 - ROW_SLACK and n not in heads),
                      key=lambda n: boxes[n - 1].y0)
        rows: list[list[int]] = []
        for n in body:  # a row: lines whose middle falls within its first line's height (marks shift tops)
            if rows and _in_row(boxes[n - 1], boxes[rows[-1][0] - 1]):
                rows[-1].append(n)
            else:
                rows.append([n])
        ordered = [n for row in rows for n in sorted(row, key=lambda n: boxes[n - 1].x0)]
        runs: list[tuple[int, int]] = []
        for n in ordered:
            if runs and n == runs[-1][1] + 1:
                runs[-1] = (runs[-1][0], n)
            else:
                runs.append((n, n))
        return runs

    def _heads(self, doc_id: str) -> frozenset[int]:
        """The lines of a document that start a section or a label, read once."""
        if doc_id not in self._head_lines:
            self._head_lines[doc_id] = frozenset(self._by_line.get(doc_id, {})) | {
                h.line for h in self.labels.get(doc_id, [])}
        return self._head_lines[doc_id]

    def row_lines(self, doc_id: str, line: int) -> list[int]:
        """The lines printed on the same row of the same PDF page as a line (its own included), left to
        right: a label and the amount the text layer prints far from it. Just the line without boxes."""
        box = self._box(doc_id, line)
        if box is None:
            return [line]
        boxes = self._boxes[doc_id]
        row = [n for n in self._page_lines[doc_id].get(box.page, [])
               if _in_row(boxes[n - 1], box) or _in_row(box, boxes[n - 1])]
        return sorted(set(row) | {line}, key=lambda n: boxes[n - 1].x0)

    def lines_of_page(self, doc_id: str, page: int) -> list[int]:
        """The (non-empty) lines printed on a PDF page."""
        return self._page_lines.get(doc_id, {}).get(page, [])

    def _box(self, doc_id: str, line: int) -> LineBox | None:
        """Where a line is printed on its PDF page (None without boxes)."""
        boxes = self._boxes.get(doc_id)
        return boxes[line - 1] if boxes and 1 <= line <= len(boxes) else None

    def top_of(self, doc_id: str, line: int) -> float | None:
        """How far down its PDF page a line is printed (None without boxes)."""
        box = self._box(doc_id, line)
        return box.y0 if box is not None else None

    def page_of(self, doc_id: str, line: int) -> int | None:
        """The PDF page a line is printed on (None without boxes)."""
        box = self._box(doc_id, line)
        return box.page if box is not None else None

    def page_text(self, doc_id: str, line: int) -> str:
        """Every line of the PDF page a line is on (a page header names the agency a label belongs to)."""
        page = self.page_of(doc_id, line)
        rows = self.lines_of_page(doc_id, page) if page is not None else []
        if not rows:
            return ""
        on_page = set(rows)
        return " ".join(t for n, t, _ in self.db.lines(doc_id, rows[0], rows[-1]) if n in on_page)

    def find_titled(self, text: str, min_cover: float = 0.8) -> list[tuple[float, Heading]]:
        """Outline sections whose title (without its numbering) the text names, best first."""
        target = compact(text)
        out = []
        for sections in self.sections.values():
            for h in sections:
                title = compact(strip_markers(h.text))
                if len(title) < 6:
                    continue
                score = covered(title, target)
                if score >= min_cover:
                    out.append((score, h))
        out.sort(key=lambda sh: (-sh[0], -len(sh[1].text), sh[1].line))
        return out

    def placements(self, name: str, min_score: float = 0.8) -> list[tuple[float, Heading]]:
        """Outline sections whose title names an item (a project): the heading that introduces it."""
        target = compact_name(name)
        if len(target) < 6:
            return []
        out = []
        for sections in self.sections.values():
            for h in sections:
                title = compact_name(re.sub(r"^.*?:\s*", "", strip_markers(h.text)))
                if len(title) < 6:
                    continue
                score = max(covered(target, title), covered(title, target) if len(title) >= len(target) * 0.6 else 0.0)
                if score >= min_score:
                    out.append((score, h))
        out.sort(key=lambda sh: (-sh[0], sh[1].doc_id, sh[1].line))
        return out
