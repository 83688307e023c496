"""Find headings in repaired plan text and build the section tree with line spans.

Rules are generic for Thai government plans, not tuned to one file:
- parts/chapters: `ส่วนที่ ๓`, `บทที่ 2`, `ภาคที่`, `หมวดที่`, `Part`, `Chapter`;
- decimal numbering in Thai or Arabic digits (`๓.๒.๓`, `3.1.๓`), accepted only when it
  continues the outline (next sibling or first child), so numbered list items inside
  the text (`3.1 สร้าง…` under ๒.๑, `3.62 การประปา`) are not mistaken for headings;
- plan-structure headings: แนวทางการพัฒนาด้านที่ N, ประเด็นยุทธศาสตร์ที่ N, ยุทธศาสตร์ที่ N,
  กลยุทธ์ที่ N (optionally after `1)` / `(๑)`);
- project briefs: a `๑. ชื่อโครงการ` field starts a sub-section named after the project.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.records import Section
from ingest.thai_repair import DIGIT_CLASS as _D, join_wrapped_lines, thai_digits_to_arabic

_PART = re.compile(rf"^\s*(ส่วนที่|บทที่|ภาคที่|หมวดที่|Part|PART|Chapter|CHAPTER)\s*([{_D}]+)\b\s*(.*)$")
_DECIMAL = re.compile(rf"^\s*([{_D}]{{1,2}}(?:\.[{_D}]{{1,2}}){{1,4}})\.?\s+(\S.*)$")
_TOC_LINE = re.compile(rf"(\.{{4,}}|…{{2,}})\s*[{_D}]+\s*$")
_DIRECTION = re.compile(
    rf"^\s*(?:\(?[{_D}]{{1,2}}[.)]\s*)?"
    rf"((?:แนวทางการพัฒนา(?:ด้าน)?ที่|ประเด็นยุทธศาสตร์ที่|ประเด็นการพัฒนาที่|ยุทธศาสตร์ที่|Strategic [Ii]ssue)\s*[{_D}]+.*)$"
)
_STRATEGY = re.compile(rf"^\s*(?:\(?[{_D}]{{1,2}}[.)]\s*)?((?:กลยุทธ์ที่|Strategy)\s*[{_D}]+.*)$")
BRIEF_RE = re.compile(rf"^\s*(?:\(?[{_D}]{{1,2}}[.)]\s*)?ชื่อโครงการ\s*:?\s*(.*)$")
# Funding/year header printed above a run of briefs: "งบจังหวัดลำปาง ปี พ.ศ. 2567".
BRIEF_GROUP_RE = re.compile(rf"^\s*งบ(?!ประมาณ\s*[{_D}])\S*.{{0,60}}?(?:พ\.ศ\.|ปี)\s*((?:25|๒๕)[{_D}]{{2}})\s*$")
_NEXT_FIELD = re.compile(rf"^\s*\(?[{_D}]{{1,2}}[.)]")
MAX_HEADING_CHARS = 160
LIST_WINDOW = 15  # lines
TITLE_CHARS = 80

# Ranks: part 0; decimal 1..5 by depth; direction 10; strategy 11; project brief 12.
RANK_DIRECTION, RANK_STRATEGY, RANK_BRIEF = 10, 11, 12


@dataclass
class Heading:
    """A detected heading: where it is, its rank in the outline and the label for paths."""

    line: int  # 1-based
    rank: int
    label: str
    number: str | None = None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def _numbers(dotted: str) -> tuple[int, ...]:
    return tuple(int(p) for p in thai_digits_to_arabic(dotted).split("."))


def _continues(outline: tuple[int, ...], new: tuple[int, ...], part: int | None) -> bool:
    """True if `new` is the next sibling (gap ≤ 1) or first child of some prefix of `outline`."""
    if part is not None and new[0] != part:
        return False
    if not outline:
        return all(n == 1 for n in new[1:])
    for k in range(1, min(len(outline), len(new)) + 1):
        if len(new) == k and new[: k - 1] == outline[: k - 1] and 0 < new[k - 1] - outline[k - 1] <= 2:
            return True
    return len(new) == len(outline) + 1 and new[:-1] == outline and new[-1] == 1


def _next_decimal(lines: list[str], start: int, window: int = 40) -> tuple[int, ...] | None:
    """Numbers of the next decimal-numbered line within `window` lines, if any."""
    for line in lines[start:start + window]:
        m = _DECIMAL.match(line.strip())
        if m:
            return _numbers(m.group(1))
    return None


def _brief_start(lines: list[str], i: int) -> int:
    """1-based first line of a brief at line index `i`: its funding/year header if printed just above."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if lines[j].strip():
            return j + 1 if BRIEF_GROUP_RE.match(lines[j]) else i + 1
    return i + 1


def brief_name(lines: list[str], i: int, same_line: str = "") -> str:
    """Full project name of a brief whose `ชื่อโครงการ` field is on line index `i`:
    the rest of that line, else the next one or two text lines."""
    name = same_line.strip()
    if name:
        return name
    parts: list[str] = []
    for nxt in lines[i + 1:i + 8]:
        text = nxt.strip()
        if not text:
            if parts:
                break
            continue
        if _NEXT_FIELD.match(text) or len(parts) == 2:
            break
        parts.append(nxt)
    return " ".join(join_wrapped_lines(parts).split()) if parts else "โครงการ"


def detect_headings(lines: list[str]) -> list[Heading]:
    """Scan repaired lines and return the accepted headings in order."""
    headings: list[Heading] = []
    part: int | None = None
    part_word: str | None = None
    outline: tuple[int, ...] = ()
    in_brief = False
    # Numbers seen as list items (not headings): their next siblings are list items too.
    rejected: dict[tuple[int, ...], int] = {}
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > MAX_HEADING_CHARS or _TOC_LINE.search(line):
            continue
        m = _PART.match(line)
        if m:
            part_word, part = m.group(1), int(thai_digits_to_arabic(m.group(2)))
            outline = ()
            in_brief = False
            headings.append(Heading(i + 1, 0, _short(line), m.group(2)))
            continue
        m = _DECIMAL.match(line)
        if m:
            nums = _numbers(m.group(1))
            prev_sibling = nums[:-1] + (nums[-1] - 1,)
            in_list = i - rejected.get(prev_sibling, -10**9) <= LIST_WINDOW
            if _continues(outline, nums, part) and not in_list:
                outline, in_brief = nums, False
                headings.append(Heading(i + 1, len(nums) - 1, _short(line), m.group(1)))
                continue
            if (
                part is not None
                and part_word
                and nums[0] == part + 1
                and nums[1:] == (1,) * (len(nums) - 1)
                and _next_decimal(lines, i + 1) == nums + (1,)
            ):
                # The numbering moved on to the next part whose own heading is missing
                # (e.g. printed as an image): imply it so paths stay right. Required: the
                # next numbered line is its first child, which a list item `3.1 …` lacks.
                part, outline, in_brief = nums[0], nums, False
                headings.append(Heading(i + 1, 0, f"{part_word} {nums[0]}", str(nums[0])))
                headings.append(Heading(i + 1, len(nums) - 1, _short(line), m.group(1)))
                continue
            rejected[nums] = i
        if in_brief:  # inside a project brief, only a new brief or outline heading ends it
            m = BRIEF_RE.match(line)
            if m:
                headings.append(Heading(_brief_start(lines, i), RANK_BRIEF, _short(brief_name(lines, i, m.group(1)))))
            continue
        m = _DIRECTION.match(line)
        if m:
            headings.append(Heading(i + 1, RANK_DIRECTION, _short(m.group(1))))
            in_brief = False
            continue
        m = _STRATEGY.match(line)
        if m:
            headings.append(Heading(i + 1, RANK_STRATEGY, _short(m.group(1))))
            continue
        m = BRIEF_RE.match(line)
        if m:
            headings.append(Heading(_brief_start(lines, i), RANK_BRIEF, _short(brief_name(lines, i, m.group(1)))))
            in_brief = True
    return headings


def build_sections(lines: list[str], headings: list[Heading] | None = None) -> list[Section]:
    """Sections in document order; each spans from its heading to the line before the next heading.

    Text before the first heading forms a section with an empty path. Every line belongs
    to exactly one section.
    """
    if headings is None:
        headings = detect_headings(lines)
    sections: list[Section] = []
    stack: list[Heading] = []
    first = headings[0].line if headings else len(lines) + 1
    if first > 1:
        sections.append(Section(path=[], number=None, line_start=1, line_end=first - 1))
    for n, h in enumerate(headings):
        while stack and stack[-1].rank >= h.rank:
            stack.pop()
        stack.append(h)
        end = headings[n + 1].line - 1 if n + 1 < len(headings) else len(lines)
        if end < h.line:  # implied part and its first decimal heading share a line
            continue
        sections.append(Section(path=[s.label for s in stack], number=h.number, line_start=h.line, line_end=end))
    return sections
