"""Thai marks put back on the letter they are drawn on, from the PDF's character boxes.

Budget Bureau books (and many Thai PDFs) write a line's combining marks (vowels above/below,
tone marks, and the Latin-1 letters some fonts use for them) out of order in the text layer:
`แหลงน่ ÊําในพÊนทื ีÉ` prints `แหล่งน้ำในพื้นที่`, and pdfium adds a space where the mark was
written. The boxes still say where each mark is drawn, so each mark is written after the Thai
consonant it is drawn on (lowest first: vowel, then tone):
- the consonant its box starts over, just above or below it (measured on the books' marks the
  text already places right; the text's own order decides between two that qualify);
- a tone drawn on top of a vowel mark goes on that vowel's consonant;
- a mark over no consonant of its line is looked for on the lines around it (pdfium writes a
  row's marks as a line of their own), else stays where the text had it.
Spaces pdfium made up beside a mark between letters that touch are dropped, and a line that
continues the line before it on the same printed row, letter touching letter, is joined to it
(`ทั่วถึ` + `งทุกกลุ่ม`). Line breaks are never removed (a joined line is left empty), so a page
keeps its lines and their numbers; the text repair (`ingest.thai_repair`) still maps the font's
Latin-1 letters and repairs what the boxes cannot tell.
"""
from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # how a page's text splits into lines (readers, tables, marks)
_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_LEFT_SLACK = 0.15  # a mark's box may start this far (× letter height) left of its letter
_TOUCH = 0.4  # a generated space between letters closer than this (× letter height) is dropped


def line_spans(text: str) -> tuple[list[int], list[int]]:
    """Where each line of a page's text starts and ends (char indices), split at LINE_BREAK."""
    breaks = list(LINE_BREAK.finditer(text))
    return [0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)]


def is_mark(ch: str) -> bool:
    """A mark drawn above/below a letter (Thai vowels and tones, or Latin-1 letters a font uses for them)."""
    return unicodedata.category(ch) == "Mn" or "\u00c0" <= ch <= "\u00ff"


@dataclass(frozen=True)
class MarkOrder:
    """A page's text with its marks in drawing order; `pos[i]`: where raw char i went (-1: dropped);
    `joined[n]`: the page lines (0-based) whose text was joined to line n (same printed row)."""

    text: str
    pos: list[int]
    joined: dict[int, list[int]] = field(default_factory=dict)


def _boxes(textpage, n: int) -> list[tuple[float, float, float, float] | None]:
    """(left, right, bottom, top) of the page's n chars in PDF units, None where pdfium has none."""
    import pypdfium2.raw as pdfium_c

    l, r, b, t = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(l), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t))
    out: list[tuple[float, float, float, float] | None] = []
    for i in range(n):
        ok = pdfium_c.FPDFText_GetCharBox(textpage.raw, i, *refs)
        out.append((l.value, r.value, b.value, t.value) if ok else None)
    return out


def _host(mark: tuple[float, float, float, float], letters: list[tuple[int, tuple]], kind: str,
          prefer: int | None = None) -> int | None:
    """The letter (char index) a mark is drawn on: the one its box starts over (a mark's box runs
    from its letter's body to past its right edge: measured on marks the text already puts after
    their letter, the left edge lies within [left - 0.08h, right - 0.04h]) and that it sits just
    above (`kind` "above") or below ("below"), or either ("any": a Latin-1 stand-in). Where two
    letters qualify, the one the text puts it after (`prefer`), else the one it covers most."""
    ml, mr, mb, mt = mark
    best, best_cover = None, -1.0
    for i, (l, r, b, t) in letters:
        h = t - b
        if not (l - _LEFT_SLACK * h <= ml <= r + _LEFT_SLACK * h):
            continue
        above = b + 0.4 * h <= mb <= t + 0.85 * h
        below = b - 1.2 * h <= mt <= b + 0.4 * h
        if not (above if kind == "above" else below if kind == "below" else above or below):
            continue
        if i == prefer:
            return i
        cover = min(mr, r) - max(ml, l)
        if cover > best_cover:
            best, best_cover = i, cover
    return best


_UPPER = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e"  # tone marks, thanthakhat, yamakkan


def _upper(ch: str) -> bool:
    """A mark drawn on top of a vowel mark when the letter has one (a Latin-1 stand-in: a tone)."""
    return ch in _UPPER or unicodedata.category(ch) != "Mn"


def _stacked(mark: tuple, vowels: dict[int, list[tuple[int, int]]], boxes: list, n: int) -> int | None:
    """The letter of a placed vowel mark (`vowels`: line -> (mark, letter)) of the lines around
    line n that this mark is drawn right on top of, if any."""
    ml, _mr, mb, _mt = mark
    for m in range(n - 3, n + 2):
        for v, host in vowels.get(m, ()):
            vl, vr, _vb, vt = boxes[v]
            h = boxes[host][3] - boxes[host][2]
            if vt - 0.2 * h <= mb <= vt + 0.6 * h and vl - 0.2 * h <= ml <= vr + 0.2 * h:
                return host
    return None


_BELOW = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ


def _kind(ch: str) -> str:
    """Where a mark is drawn: below or above its letter, or "any" for a font's Latin-1 stand-in."""
    if unicodedata.category(ch) != "Mn":
        return "any"
    return "below" if ch in _BELOW else "above"


def _is_letter(ch: str) -> bool:
    return bool(_CONSONANT.match(ch))


def mark_order(textpage, raw: str) -> MarkOrder:
    """The page text `raw` (textpage.get_text_range()) with each mark on the letter it is drawn on."""
    import pypdfium2.raw as pdfium_c

    same = MarkOrder(raw, list(range(len(raw))))
    if textpage.count_chars() != len(raw) or not any(is_mark(c) for c in raw):
        return same  # text index != char index (nothing to place by), or nothing to place
    boxes = _boxes(textpage, len(raw))
    starts, ends = line_spans(raw)
    letters = [[(i, boxes[i]) for i in range(a, b) if boxes[i] is not None and _is_letter(raw[i])]
               for a, b in zip(starts, ends)]

    kept: list[list[int]] = []  # per line: the chars that are not marks, in text order
    marks: list[tuple[int, int, int | None]] = []  # (char index, line, the char the text puts it after)
    for n, (a, b) in enumerate(zip(starts, ends)):
        order: list[int] = []
        for i in range(a, b):
            if is_mark(raw[i]) and boxes[i] is not None:
                marks.append((i, n, next((k for k in reversed(order) if not raw[k].isspace()), None)))
            else:
                order.append(i)
        kept.append(order)
    hosts: dict[int, int] = {}  # mark -> letter
    vowels: dict[int, list[tuple[int, int]]] = {}  # line -> (vowel mark, letter) placed so far
    lead: dict[int, list[int]] = {}  # line -> marks left at its start (a Latin-1 letter, say)
    # Vowels first: a tone drawn on top of a vowel mark goes on that vowel's letter.
    for i, n, previous in sorted(marks, key=lambda m: _upper(raw[m[0]])):
        host = _stacked(boxes[i], vowels, boxes, n) if _upper(raw[i]) else None
        if host is None:
            host = _host(boxes[i], letters[n], _kind(raw[i]), prefer=previous)
        # Not on a letter of its own line: drawn on one of the lines around it (the text
        # layer wrote a mark of the line above at the start of the next).
        for m in (n - 1, n - 2, n - 3, n + 1):
            if host is not None:
                break
            if 0 <= m < len(letters):
                host = _host(boxes[i], letters[m], _kind(raw[i]))
        host = previous if host is None else host  # over no letter: where the text has it
        if host is None:
            lead.setdefault(n, []).append(i)
        else:
            hosts[i] = host
            if not _upper(raw[i]):
                vowels.setdefault(n, []).append((i, host))
    attached: dict[int, list[int]] = {}
    for i, host in hosts.items():
        attached.setdefault(host, []).append(i)
    built: list[list[int]] = []
    for n, (a, b) in enumerate(zip(starts, ends)):
        line: list[int] = sorted(lead.get(n, []))
        order = kept[n]
        for k, i in enumerate(order):
            if raw[i] == " " and _spurious(order, k, raw, boxes, textpage, pdfium_c):
                continue
            line.append(i)
            line.extend(sorted(attached.get(i, []), key=lambda m: boxes[m][2]))  # lowest first
        built.append(line)
    joined = _join_row_pieces(built, raw, boxes)
    out: list[int] = []
    prev_end = 0
    for n, (a, b) in enumerate(zip(starts, ends)):
        out.extend(range(prev_end, a))  # the line break before this line
        line = built[n]
        out.extend(line if line == list(range(a, b)) else _tidy_spaces(line, raw))
        prev_end = b
    out.extend(range(prev_end, len(raw)))
    pos = [-1] * len(raw)
    for n, i in enumerate(out):
        pos[i] = n
    return MarkOrder("".join(raw[i] for i in out), pos, joined)


def _join_row_pieces(built: list[list[int]], raw: str, boxes: list) -> dict[int, list[int]]:
    """Join a line that continues the line before it on the same printed row, letter touching
    letter (pdfium breaks a row where marks sit: `ทั่วถึ` + `งทุกกลุ่ม`); the piece's line is left
    empty, so the page keeps its lines. Returns which lines went into which."""
    joined: dict[int, list[int]] = {}
    def letter_ends(line: list[int]) -> tuple[int, int] | None:
        drawn = [i for i in line if not raw[i].isspace() and not is_mark(raw[i]) and boxes[i] is not None]
        return (drawn[0], drawn[-1]) if drawn else None

    for n in range(1, len(built)):
        here = letter_ends(built[n])
        if here is None:
            continue
        p = next((m for m in range(n - 1, max(-1, n - 4), -1) if letter_ends(built[m])), None)
        if p is None:
            continue
        last, first = letter_ends(built[p])[1], here[0]
        if not (_is_thai(raw[last]) and _is_thai(raw[first])):
            continue
        ll, lr, lb, lt = boxes[last]
        fl, _fr, fb, _ft = boxes[first]
        h = lt - lb
        if abs(fb - lb) <= 0.35 * h and -0.3 * h <= fl - lr <= _TOUCH * h:
            while built[p] and raw[built[p][-1]] == " ":
                built[p].pop()
            built[p] = built[p] + [i for i in built[n] if not (raw[i] == " " and i < first)]
            built[n] = []
            joined.setdefault(p, []).extend([n, *joined.pop(n, [])])
    return joined


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def _spurious(order: list[int], k: int, raw: str, boxes: list, textpage, pdfium_c) -> bool:
    """A space pdfium generated next to a mark, between two Thai letters that touch."""
    i = order[k]
    if not any(0 <= j < len(raw) and is_mark(raw[j]) for j in (i - 1, i + 1)):
        return False
    if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) != 1:
        return False
    left = next((j for j in reversed(order[:k]) if not raw[j].isspace()), None)
    right = next((j for j in order[k + 1:] if not raw[j].isspace()), None)
    if left is None or right is None or boxes[left] is None or boxes[right] is None:
        return False
    if not (_is_thai(raw[left]) and _is_thai(raw[right])):
        return False
    height = boxes[left][3] - boxes[left][2]
    return boxes[right][0] - boxes[left][1] < _TOUCH * height


def _tidy_spaces(line: list[int], raw: str) -> list[int]:
    """Spaces a moved mark left doubled or at the line's end."""
    out: list[int] = []
    for i in line:
        if raw[i] == " " and out and raw[out[-1]] == " ":
            continue
        out.append(i)
    while out and raw[out[-1]] == " ":
        out.pop()
    return out
