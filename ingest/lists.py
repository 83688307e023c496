"""Find enumerated and nested lists in repaired text: the items under a heading or a run of marked lines.

A list item starts at a marker: a number (`1.`, `1)`, `(1)`, `1.1`, `(1.1)`, in Arabic or Thai
digits), a letter counted in order (`ก.`, `(ข)`, `c)`) or a bullet (`-`, `•`, Word's Symbol-font
bullets); letters and bullets come from the vocabulary profile, dotted numbers are matched by the
outline's own patterns (ingest.structure). Rules, generic for Thai documents:
- a numbered item counts only in sequence: the first of its kind is 1 (ก, a), the next sibling is
  the last one + 1 of the same kind; anything else is text (`3.62 การประปา` in a sentence);
- items nest where the marker kind changes right under an item (budget books: `1. งบ…` →
  `1.1 …` → `(1) …`, or `1) …` → `(1) …`); an open kind that comes back closes the deeper ones;
- an item's text runs up to the next item of its list (its wrapped lines; a budget line's
  `รวม 12 รายการ` or instalments), never over a table line; the last item's text runs over the
  wrapped lines that belong to it: up to the amount it ends with
  where its list prints amounts (`(4) ค่าตอบแทนอื่นๆ` / `50,000 บาท`), else while the line
  above is near the full line width and the next line is not indented further (Thai text wraps
  mid-phrase), or the line above is a fragment broken off mid-word (`- เพื่อควบค` / `ุม ป้องกัน…`,
  as PDF text is); a blank line or a page number inside an item is skipped, not joined;
- headings (the section tree's lines, and numbered lines that are their section's number), table
  lines, table-of-contents entries and table rows (two amount columns) are never items; a section
  heading ends a list, and so does a restart at 1 of the top kind or too long a run of other text;
- a list needs two top-level items, or one with items under it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ingest.records import ListBlock, ListItem, Section, Table
from ingest.structure import _AMOUNT, _DECIMAL, _PAGE_NUMBER, _SINGLE, _TOC_LINE, _TRAILING_AMOUNT, _numbers, _table_row, toc_span
from ingest.thai_repair import DIGIT_CLASS as _D, MARKS, join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import vocabulary

_V = vocabulary()
_LETTERS = "".join(_V.lists.letter_sequences)
_PAREN_NUMBER = re.compile(rf"^\s*\(([{_D}]{{1,3}}(?:\.[{_D}]{{1,2}}){{0,3}})\)\s*(\S.*)$")  # (1) / (1.1)
_CLOSE_NUMBER = re.compile(rf"^\s*([{_D}]{{1,3}})\)\s*(\S.*)$")  # 1)
_LETTER = (
    re.compile(rf"^\s*(?:\(([{re.escape(_LETTERS)}])\)\s*|([{re.escape(_LETTERS)}])([.)])\s+)(\S.*)$")
    if _LETTERS else None
)
_BULLET = re.compile(rf"^\s*([{re.escape(''.join(_V.lists.bullets))}])\s*(\S.*)$") if _V.lists.bullets else None
_LETTER_CHAR = re.compile(r"[^\W\d_]")  # a letter of any script (Thai consonants and vowels included)
_MARKS = re.compile(f"[{MARKS}]")  # Thai marks: no width of their own
_NO_MARKS = {c: None for c in range(0x0E00, 0x0E80) if _MARKS.match(chr(c))}  # str.translate: drop them
_STARTS = set("0123456789๐๑๒๓๔๕๖๗๘๙(") | set(_LETTERS) | set(_V.lists.bullets)  # what a marker starts with

WRAP_FRACTION = 0.65  # a line this share of the document's full line width (or wider) wrapped
FULL_WIDTH_QUANTILE = 0.9  # the document's full line width: this quantile of its line widths
INDENT_SLACK = 2  # a continuation line may be indented this much more than its item
AMOUNT_LINES = 6  # how far below an item's first line its amount may be printed (non-blank lines)
MAX_BLANKS = 2  # blank lines an item's text may run across
MAX_GAP = 10  # other text lines between two numbered items of one list
BULLET_GAP = 2  # … between two bulleted items
FRAGMENT_WIDTH = 12  # a heading line narrower than this (amount aside) is a piece broken off the line above
FRAGMENT_JOIN = 2  # … joined with at most this many lines above it


@dataclass
class _Marker:
    """A line's marker: `key` must match for two items to be siblings; `value` is the item's place
    in its sequence (1 = first; None for bullets, which have no order)."""

    key: tuple
    value: int | None
    text: str
    body: str


@dataclass
class _Level:
    key: tuple
    last: int | None
    parent: int | None  # index of the enclosing item in the list's items


def parse_marker(line: str) -> _Marker | None:
    """The list marker a line starts with, or None (no marker, or no text after it)."""
    if line.lstrip()[:1] not in _STARTS:
        return None
    m = _DECIMAL.match(line)
    if m:
        nums = _numbers(m.group(1))
        mk = _Marker(("dec", nums[:-1]), nums[-1], m.group(1), m.group(2))
    elif m := _SINGLE.match(line):
        mk = _Marker(("N.",), _numbers(m.group(1))[0], m.group(1) + ".", m.group(2))
    elif m := _PAREN_NUMBER.match(line):
        nums = _numbers(m.group(1))
        mk = _Marker(("(N)", nums[:-1]), nums[-1], f"({m.group(1)})", m.group(2))
    elif m := _CLOSE_NUMBER.match(line):
        mk = _Marker(("N)",), int(thai_digits_to_arabic(m.group(1))), m.group(1) + ")", m.group(2))
    elif _LETTER is not None and (m := _LETTER.match(line)):
        letter = m.group(1) or m.group(2)
        seq = next(s for s in _V.lists.letter_sequences if letter in s)
        form = "()" if m.group(1) else m.group(3)
        text = f"({letter})" if m.group(1) else letter + m.group(3)
        mk = _Marker(("letter", seq[0], form), seq.index(letter) + 1, text, m.group(4))
    elif _BULLET is not None and (m := _BULLET.match(line)):
        if not _LETTER_CHAR.match(m.group(2)):  # `- - 7.3779`, `- 50,000`: table cells, not items
            return None
        return _Marker(("bullet", m.group(1)), None, m.group(1), m.group(2))
    else:
        return None
    if not _LETTER_CHAR.search(mk.body) or _table_row(mk.body):
        return None
    return mk


def _figure_row(line: str) -> bool:
    """A table's row of figures (`ล้านบาท 997.3006 1,127.9240 - -`): two or more amounts or empty cells that are
    at least half its words; not a wrapped sentence that prints two figures (`811.10 ล้านบาท คนงานรวม 4,327 คน ได้แก่ …`),
    which goes on with the item above it."""
    tokens = line.split()
    cells = sum(1 for t in tokens if _AMOUNT.match(t))
    return _table_row(line) and cells * 2 >= len(tokens)


def _width(line: str) -> int:
    """Printed width of a line in characters (Thai marks take none), its indent included."""
    return len(line.rstrip().translate(_NO_MARKS))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def trailing_amount(text: str) -> str | None:
    """The amount a text ends with (`5,377,900 บาท`, `7,377,900`), as printed; None if it ends
    with none (a bare decimal like `7.3779` is a table figure, not an amount)."""
    m = _TRAILING_AMOUNT.search(" " + text.rstrip())
    if not m:
        return None
    amount = m.group(0).strip()
    return amount if "," in amount or any(w in amount for w in _V.units.currency) else None


def _full_width(lines: list[str]) -> int:
    widths = sorted(_width(line) for line in lines if line.strip())
    return widths[int(len(widths) * FULL_WIDTH_QUANTILE)] if widths else 0


def detect_lists(
    lines: list[str],
    sections: list[Section],
    pages: list[int | None] | None = None,
    tables: list[Table] | None = None,
) -> list[ListBlock]:
    """Every list of a document, in order, from its repaired `lines` (1-based line i = lines[i-1]),
    its section tree, the page of each line and its tables (their lines are never items)."""
    n = len(lines)
    pages = pages if pages is not None and len(pages) == n else [None] * n
    wrap_width = WRAP_FRACTION * _full_width(lines)
    # Lines that are never items: headings, tables, the table of contents.
    starts = sorted({s.line_start - 1 for s in sections if 0 < s.line_start <= n})
    section_at = sorted(sections, key=lambda s: s.line_start)
    section_starts = [s.line_start - 1 for s in section_at]
    blocked = [False] * n
    for t in tables or ():
        for k in range(max(t.line_start - 1, 0), min(t.line_end, n)):
            blocked[k] = True
    toc = toc_span(lines)
    if toc:
        for k in range(toc[0], toc[1] + 1):
            blocked[k] = True
    is_start = [False] * n
    for k in starts:
        is_start[k] = True

    def section_of(i: int) -> Section | None:
        k = bisect_right(section_starts, i) - 1
        return section_at[k] if k >= 0 else None

    def heading_number(i: int, mk: _Marker) -> bool:
        """A numbered line that is its section's own heading (snapped to the top of its page) or,
        for a decimal (`7.6.1`), the heading of an enclosing section printed out of order."""
        if mk.key[0] not in ("dec", "N."):
            return False
        s = section_of(i)
        if s is None or not s.number or not s.path or not s.path[-1].lstrip().startswith(s.number):
            return False  # a part's number (`ส่วนที่ 3`) is not an item's
        own, nums = _numbers(s.number.rstrip(".")), _numbers(mk.text.rstrip("."))
        return own == nums or (mk.key[0] == "dec" and own[:len(nums)] == nums)

    def skippable(i: int) -> bool:
        return not lines[i].strip() or bool(_PAGE_NUMBER.match(lines[i]))

    def boundary(j: int) -> bool:
        """A line that ends an item's text: a heading, a table line, a marker that may start an item
        (not `2.5 ไมครอน` wrapped to the start of a line inside a name)."""
        if is_start[j] or blocked[j] or _TOC_LINE.search(lines[j].strip()):
            return True
        mk = parse_marker(lines[j])
        return mk is not None and (
            mk.value in (None, 1) or any(lv.key == mk.key and mk.value == lv.last + 1 for lv in levels)
        )

    def extent(i: int, amounts: bool) -> int:
        """0-based last line of the item starting at line i."""
        if trailing_amount(lines[i]):
            return i
        if amounts:  # the amount may be printed a few lines lower, after the wrapped name
            j, seen = i + 1, 0
            while j < n and seen < AMOUNT_LINES and not boundary(j):
                if not skippable(j):
                    seen += 1
                    if trailing_amount(lines[j]):
                        return j
                j += 1
        last, j, blanks = i, i + 1, 0
        while j < n:
            if skippable(j):
                blanks += not lines[j].strip()
                if blanks > MAX_BLANKS:
                    break
                j += 1
                continue
            if boundary(j) or _figure_row(lines[j]):
                break
            # PDF text breaks mid-word: a line starting with a Thai mark, or words after a bare
            # fragment, go on with the item whatever the widths.
            nxt = lines[j].lstrip()
            broken = _MARKS.match(nxt) is not None or (
                _width(lines[last].strip()) < FRAGMENT_WIDTH and _LETTER_CHAR.match(nxt) is not None)
            indented = _indent(lines[j]) > _indent(lines[i]) + INDENT_SLACK  # a new paragraph
            if not broken and (_width(lines[last]) < wrap_width or indented):
                break
            last, blanks = j, 0
            if trailing_amount(lines[j]):
                break
            j += 1
        return last

    found: list[ListBlock] = []
    items: list[ListItem] = []
    has_amount: list[bool] = []
    levels: list[_Level] = []
    intro: list[int | None] = [None]  # 0-based line introducing the current list
    intro_floor = [-1]  # 0-based last line of the list before it: its heading starts below
    gap = 0
    last_end = -1  # 0-based last line of the last item (any list)

    bodies: list[str] = []  # each item's text on its marker line

    def item_text(body: str, i: int, last: int) -> str:
        """An item's text: `body` and its lines after line i up to `last` (0-based), wrapped lines joined."""
        parts = [body] + [x for x in lines[i + 1:last + 1] if x.strip() and not _PAGE_NUMBER.match(x)]
        return " ".join(join_wrapped_lines(parts).split())

    def absorb(i: int) -> None:
        """Text between the last item and the next item of its list (at line i) belongs to the last
        item (its wrapped lines, a budget line's `รวม 12 รายการ` or instalments); not table lines."""
        it = items[-1]
        between = [j for j in range(it.line_end, i) if not skippable(j)]
        if between and not any(blocked[j] or is_start[j] or _TOC_LINE.search(lines[j].strip()) for j in between):
            it.line_end = between[-1] + 1
            it.text = item_text(bodies[-1], it.line_start - 1, between[-1])

    def flush() -> None:
        if items:
            if len(items) >= 2:  # two top-level items, or one with an item under it
                found.append(_block(lines, items, intro[0], section_of(items[0].line_start - 1), intro_floor[0],
                                    wrap_width))
        items.clear()
        bodies.clear()
        has_amount.clear()
        levels.clear()

    i = 0
    while i < n:
        line = lines[i]
        if is_start[i]:
            flush()
        if skippable(i):
            i += 1
            continue
        mk = None if blocked[i] else parse_marker(line)
        if mk is not None and _TOC_LINE.search(line.strip()):
            mk = None  # a table-of-contents entry
        if mk is not None and (is_start[i] or heading_number(i, mk)):
            flush()
            mk = None
        if mk is None:
            gap += 1
            if items and gap > MAX_GAP:
                flush()
            i += 1
            continue
        d = next((k for k in range(len(levels) - 1, -1, -1) if levels[k].key == mk.key), None)
        allowed = BULLET_GAP if mk.value is None else MAX_GAP
        if d is not None and gap <= allowed and (mk.value is None or mk.value == levels[d].last + 1):
            del levels[d + 1:]  # the next sibling: deeper lists end
        elif mk.value not in (None, 1):
            gap += 1  # a number out of sequence is text
            if items and gap > MAX_GAP:
                flush()
            i += 1
            continue
        elif items and gap == 0 and d is None:
            levels.append(_Level(mk.key, None, len(items) - 1))  # a new kind right under the item above
            d = len(levels) - 1
        elif items and gap == 0 and d is not None and d > 0:
            del levels[d + 1:]  # a nested list restarts under the same item
        else:
            flush()
            levels.append(_Level(mk.key, None, None))
            intro[0], intro_floor[0] = _intro(lines, i, last_end, skippable), last_end
            d = 0
        if len(levels) > 1 or levels[0].last is not None:  # the list goes on: absorb the text before
            absorb(i)
        level = levels[d]
        level.last = mk.value
        parent = level.parent
        amounts = (parent is not None and has_amount[parent]) or any(
            has_amount[k] for k, it in enumerate(items) if it.parent == parent and it.depth == d
        ) or (not items and intro[0] is not None and trailing_amount(lines[intro[0]]) is not None)
        last = extent(i, amounts)
        text = item_text(mk.body, i, last)
        amount = trailing_amount(text)
        items.append(ListItem(mk.text, d, text, i + 1, last + 1, pages[i], parent, amount))
        bodies.append(mk.body)
        has_amount.append(amount is not None)
        gap, last_end = 0, last
        i = last + 1
    flush()
    return found


def _intro(lines: list[str], i: int, last_end: int, skippable) -> int | None:
    """0-based line just above a list's first item (past blank lines and page numbers), if it is not
    part of the previous list."""
    j = i - 1
    while j > last_end and skippable(j):
        j -= 1
    return j if j > last_end and j >= i - 3 else None


def _heading(lines: list[str], intro: int, last_end: int, wrap_width: float) -> tuple[str, int] | None:
    """The heading introducing a list and its first line (0-based): the line above the first item
    when it is a short title (`จุดแข็ง (Strengths)`), ends with an introducing word (`ดังนี้`, `:`) or
    with an amount (a budget heading; joined with the line(s) it was broken off from when it is only
    a fragment: `อ้ม 281,007,300 บาท` under `ผลผลิต : สนับสนุน…สิ่งแวดล`); not the last line of a
    paragraph."""
    text = lines[intro].strip()
    if not _LETTER_CHAR.search(text) or parse_marker(lines[intro]) is not None or _TOC_LINE.search(text):
        return None
    # A title with its amount (`รายการบุคลากรภาครัฐ 915,028,500 บาท`) heads the budget lines below it.
    introduces = text.endswith(_V.lists.intro_endings) or trailing_amount(text) is not None
    if _width(lines[intro]) >= wrap_width and not introduces:
        return None  # a line of running text
    first, parts = intro, [lines[intro]]
    while (len(parts) <= FRAGMENT_JOIN and trailing_amount(text)
           and _width(_TRAILING_AMOUNT.sub("", " ".join(p.strip() for p in parts))) < FRAGMENT_WIDTH):
        j = first - 1
        while j > last_end and j >= first - 2 and not lines[j].strip():
            j -= 1
        if j <= last_end or not lines[j].strip() or parse_marker(lines[j]) is not None or trailing_amount(lines[j]):
            break
        first, parts = j, [lines[j]] + parts
    above = first - 1
    if (not introduces and first == intro and above > last_end and lines[above].strip()
            and _width(lines[above]) >= wrap_width):
        return None  # the tail of a paragraph that wrapped onto it
    return " ".join(join_wrapped_lines(parts).split()), first


def _block(lines: list[str], items: list[ListItem], intro: int | None, section: Section | None,
           last_end: int, wrap_width: float) -> ListBlock:
    """The ListBlock of a closed list."""
    found = _heading(lines, intro, last_end, wrap_width) if intro is not None else None
    return ListBlock(
        section_path=list(section.path) if section else [],
        line_start=items[0].line_start,
        line_end=max(it.line_end for it in items),
        page=items[0].page,
        items=list(items),
        heading=found[0] if found else None,
        heading_line=found[1] + 1 if found else None,
    )
