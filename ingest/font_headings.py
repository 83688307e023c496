"""Headings a PDF shows by its font alone, where its numbering and vocabulary give no outline.

A plan or book numbers most of its headings (ingest.structure), but some stretches are headed
only by a larger font: a budget-detail page titled `รายละเอียดงบประมาณจำแนกตามงบรายจ่าย`
inside a long numbered section, a preface, a document with no numbered outline at all. Those
lines become headings here, but only inside a stretch of at least GAP_PAGES pages that the
outline leaves without a heading, so a document that is outlined keeps exactly its outline.

A candidate is a line in a font at least SIZE_RATIO times the body size (the size most of the
document's characters are set in; BOLD_RATIO for a bold font), with letters, not mostly digits (page numbers, totals), not
a table-of-contents entry (tab-separated) or a running header. The heading-sized lines that
follow it are the same heading (a title the page wrapped, a cover's lines), and one that
directly follows an outline heading is that heading's own wrapped title. In a stretch, the larger
of its candidate sizes heads the smaller one (at most LEVELS levels), all below the heading
that encloses the stretch.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from ingest.records import LineStyle

SIZE_RATIO = 1.2  # a heading's font is at least this much larger than the body font
BOLD_RATIO = 1.1  # or this much larger, in a bold font
GAP_PAGES = 3  # stretches of at least this many pages without a heading get font headings
LEVELS = 2  # font sizes a stretch's font headings are nested by
MAX_CHARS = 120  # a heading line is short
LABEL_CHARS = 80

_LETTER = re.compile(r"[\u0E01-\u0E2EA-Za-z]")
_DIGIT = re.compile(r"[0-9\u0E50-\u0E59]")


class HeadingLike(Protocol):
    line: int
    rank: int


def body_size(lines: list[str], styles: list[LineStyle | None]) -> float | None:
    """The font size most of the document's visible characters are set in."""
    weights: Counter[float] = Counter()
    for text, style in zip(lines, styles):
        if style is not None:
            weights[style.size] += len(text.strip())
    return weights.most_common(1)[0][0] if weights else None


def _large(style: LineStyle | None, body: float) -> bool:
    return style is not None and style.size >= body * (BOLD_RATIO if style.bold else SIZE_RATIO)


def _candidate(text: str, style: LineStyle | None, body: float) -> bool:
    text = text.strip()
    if not _large(style, body) or not text or len(text) > MAX_CHARS or "\t" in text:
        return False
    letters = len(_LETTER.findall(text))
    return letters >= 3 and len(_DIGIT.findall(text)) < letters


def _continues(text: str, style: LineStyle | None, body: float) -> bool:
    """A line that goes on a heading's title: in a heading-sized font and not a bare number (a
    page number); empty lines and mark fragments the repair emptied (`อ้ม`) included."""
    if not _large(style, body) or "\t" in text:
        return False
    return bool(_LETTER.search(text)) or not _DIGIT.search(text)


def font_headings(
    lines: list[str],
    styles: list[LineStyle | None] | None,
    pages: list[int | None] | None,
    headings: list[HeadingLike],
    skip: set[int] | None = None,
) -> list[tuple[int, int, str]]:
    """(1-based line, rank, label) of each font heading to add to `headings` (see module doc).

    `skip`: 0-based line indexes that are never headings (table of contents, running headers,
    table rows). Ranks nest under the heading enclosing each stretch; in the stretch before the
    first heading they are that heading's rank, so the first heading closes them.
    """
    if not styles or not pages or len(styles) != len(lines):
        return []
    body = body_size(lines, styles)
    if body is None:
        return []
    skip = skip or set()
    marks = sorted(headings, key=lambda h: h.line)
    bounds = [0] + [h.line - 1 for h in marks] + [len(lines)]  # stretches between headings (0-based)
    out: list[tuple[int, int, str]] = []
    for n in range(len(bounds) - 1):
        lo, hi = bounds[n], bounds[n + 1]
        first_page = next((pages[i] for i in range(lo, hi) if pages[i] is not None), None)
        last_page = next((pages[i] for i in range(hi - 1, lo - 1, -1) if pages[i] is not None), None)
        if first_page is None or last_page is None or last_page - first_page + 1 < GAP_PAGES:
            continue
        found: list[tuple[int, float, str]] = []  # (0-based line, size, label)
        i = lo + 1 if n > 0 else lo  # the enclosing heading's own line is not a candidate
        while i < hi:
            if i in skip or not _candidate(lines[i], styles[i], body):
                i += 1
                continue
            size, parts, j = styles[i].size, [lines[i].strip()], i + 1
            while j < hi and j not in skip and _continues(lines[j], styles[j], body):
                parts.append(lines[j].strip())
                size = max(size, styles[j].size)
                j += 1
            if n > 0 and i == lo + 1:  # right under the outline's heading: its own wrapped title
                i = j
                continue
            label = " ".join(" ".join(parts).split())
            found.append((i, size, label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"))
            i = j
        if not found:
            continue
        sizes = sorted({size for _, size, _ in found}, reverse=True)
        if n > 0:
            base = marks[n - 1].rank + 1
        else:
            base = marks[0].rank if marks else 0
        for i, size, label in found:
            out.append((i + 1, base + min(sizes.index(size), LEVELS - 1), label))
    return out
