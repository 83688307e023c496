"""Find headings in repaired plan text and build the section tree with line spans.

Rules are generic for Thai government documents, not tuned to one file; their words come from
the vocabulary profile (`ingest/vocabulary.toml`), so this module holds no Thai word of its own:
- agencies, as budget books print them at the top of a unit's first page: the ministry line,
  then the unit (`กระทรวง…` / `สำนักงาน…`, `กรม…`, `สถาบัน…`); the ministry line alone heads
  the ministry's own overview; `ส่วนราชการ : …` / `หน่วยงาน : …` name one too;
- parts/chapters: `ส่วนที่ ๓`, `บทที่ 2`, `ภาค 1`, `หมวดที่ 4`, `Part`, `Chapter`;
- decimal numbering in Thai or Arabic digits (`๓.๒.๓`, `3.1.๓`, `7.2.1`), accepted only when
  it continues the outline (next sibling or first child), so numbered list items inside the
  text (`3.1 สร้าง…` under ๒.๑, `3.62 การประปา`) are not mistaken for headings; a numbered
  line with two or more amount columns is a table row, not a heading. Single numbers
  (`1. วิสัยทัศน์`) head sections outside parts: under an agency, or once a `N.` is confirmed
  by its first child `N.1`;
- plan-structure headings: แนวทางการพัฒนาด้านที่ N, ประเด็นยุทธศาสตร์ที่ N, ยุทธศาสตร์ที่ N,
  กลยุทธ์ที่ N, and budget levels แผนงาน / ผลผลิตที่ N / โครงการที่ N (`… : name`) where the
  document does not already number those levels decimally (then an unnumbered one is a table
  cell or a cross-reference);
- project briefs: a `๑. ชื่อโครงการ` field starts a sub-section named after the project.

Text extracted from PDFs is not always in reading order: a budget book's page gives its tables
before the heading printed above them. A heading of a unit or part, or a decimal heading whose
own sub-headings already appeared on its page, starts at the top of its page (page breaks come
from `pages` when given, else from printed page numbers that run on from page to page, and the
end of a table of contents). Tables of contents and running headers (a line repeated on many
pages) never become headings.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ingest.font_headings import font_headings
from ingest.records import LineStyle, Section, Table
from ingest.thai_repair import DIGIT_CLASS as _D, join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import PlanLevel, alternation as _alt, vocabulary

_V = vocabulary()
_ORD = re.escape(_V.ordinal)
_ITEM = rf"(?:\(?[{_D}]{{1,2}}[.)]\s*)?"  # "1)" / "(๑)" / "1." before a plan-level heading


def _numbered(level: PlanLevel) -> str:
    """`<word>ที่ N` or `<English word> N` of one plan level."""
    forms = [_alt(level.words) + _ORD]
    if level.english:
        forms.append(_alt(level.english))
    return rf"(?:{'|'.join(forms)})\s*[{_D}]+"


def _named(level: PlanLevel) -> str:
    """`<word> : name` of a level that may head a section without a number."""
    return rf"{_alt(level.words + level.english)}\s*:\s*\S"


_HEADING_LEVELS = [lvl for lvl in _V.plan_levels if lvl.heading]
# Ranks: ministry -2, agency -1; part 0 (and single numbers `N.`); decimals 1..5 by depth;
# plan levels from 10 in profile order (direction 10, strategy 11, program 12, output 13);
# project brief after them.
RANK_MINISTRY, RANK_AGENCY = -2, -1
LEVEL_RANK = {lvl.key: 10 + n for n, lvl in enumerate(_HEADING_LEVELS)}
RANK_DIRECTION, RANK_STRATEGY = LEVEL_RANK["direction"], LEVEL_RANK["strategy"]
RANK_BRIEF = 10 + len(_HEADING_LEVELS)

_PART = re.compile(rf"^\s*({_alt(_V.headings.part_words)})\s*([{_D}]+)\b\s*(.*)$")
_DECIMAL = re.compile(rf"^\s*([{_D}]{{1,2}}(?:\.[{_D}]{{1,2}}){{1,4}})\.?\s+(\S.*)$")
_SINGLE = re.compile(rf"^\s*([{_D}]{{1,2}})\.(?![{_D}])\s*(\S.*)$")
_SINGLE_BARE = re.compile(rf"^\s*([{_D}]{{1,2}})\s+(\S.*)$")  # `6 สรุป…`: only as a table-of-contents entry
_TOC_LINE = re.compile(
    rf"(?:\.{{4,}}|…{{2,}}|\t)[ \t]*[{_D}]+(?:[ \t]*(?:{_alt(_V.headings.toc_range_words)}|-|–)[ \t]*[{_D}]+)?[ \t]*$"
    rf"|\s{_alt(_V.headings.toc_page_words)}[ \t]*[{_D}]+[ \t]*$"
)
_TOC_TITLE = re.compile(rf"^\s*{_alt(_V.headings.toc_titles)}\s*$")
_TOC_LABEL = re.compile(r"^\s*\(\S{1,3}\)\s*$|^\s*" + _alt(_V.headings.toc_page_words) + r"\s*$")  # "(ข)", "หน้า"
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:-\s*([{_D}]{{1,4}})\s*-|{_alt(_V.headings.page_words)}\s*([{_D}]{{1,4}})|([{_D}]{{1,4}}))\s*$"
)
_LEVEL_RE = {
    lvl.key: re.compile(
        rf"^\s*{_ITEM}((?:{_numbered(lvl)}{'|' + _named(lvl) if lvl.named else ''}).*)$"
    )
    for lvl in _HEADING_LEVELS
}
_DIRECTION, _STRATEGY = _LEVEL_RE["direction"], _LEVEL_RE["strategy"]
_BUDGET_LEVELS = [lvl for lvl in _HEADING_LEVELS if lvl.key not in ("direction", "strategy")]
# A decimal heading's title that is a budget level with its number (`ผลผลิตที่ 1 :`, also with
# the ordinal damaged: `ผลผลิตที 1`) or name (`ผลผลิต : …`): the document numbers that level.
_LEVEL_TITLE = {
    lvl.key: re.compile(rf"^{_alt(lvl.words + lvl.english)}(?:\S{{0,4}}\s*[{_D}]+|\s*:)") for lvl in _BUDGET_LEVELS
}
# A title that is only a level and its number (`โครงการที่ 1`, damaged `โครงการทีÉ`): the name follows.
_LEVEL_ONLY = {
    lvl.key: re.compile(rf"^{_alt(lvl.words + lvl.english)}\S{{0,4}}\s*(?:[{_D}]+)?\s*:?\s*$") for lvl in _BUDGET_LEVELS
}
_BARE_LEVEL_WORDS = {w for lvl in _BUDGET_LEVELS for w in lvl.words + lvl.english}
_AGENCY_WORD = _alt(_V.agency.ministry_words + _V.agency.unit_words)
# Agency blocks: a name alone on its line (no digit, tab or colon: not a contents entry or a field).
_MINISTRY = re.compile(rf"^\s*{_alt(_V.agency.ministry_words)}[^{_D}\t:]{{2,70}}$")
_UNIT = re.compile(rf"^\s*{_alt(_V.agency.unit_words)}[^{_D}\t:]{{1,90}}$")
_NAME_LINE = re.compile(rf"^\s*[\u0E01-\u0E2E\u0E40-\u0E44A-Za-z][^{_D}\t:]{{2,90}}$")
_AGENCY_LABEL = re.compile(rf"^\s*{_alt(_V.agency.label_words)}\s*:\s*({_AGENCY_WORD}.*)$")
BRIEF_RE = re.compile(rf"^\s*{_ITEM}{_alt(_V.brief.name_fields)}\s*:?\s*(.*)$")
# Funding/year header printed above a run of briefs: "งบจังหวัดลำปาง ปี พ.ศ. 2567".
BRIEF_GROUP_RE = re.compile(
    rf"^\s*{re.escape(_V.funding.group_prefix)}(?!{_alt(_V.funding.not_group)}\s*[{_D}])\S*.{{0,60}}?"
    rf"{_alt(_V.years.words)}\s*((?:{_alt(_V.years.era_prefixes)})[{_D}]{{2}})\s*$"
)
_NEXT_FIELD = re.compile(rf"^\s*\(?[{_D}]{{1,2}}[.)]")
_AMOUNT = re.compile(rf"^(?:[{_D}]{{1,3}}(?:,[{_D}]{{3}})+(?:\.[{_D}]+)?|[{_D}]+\.[{_D}]+|-|–)$")
_TRAILING_AMOUNT = re.compile(
    rf"\s+(?:[{_D}]{{1,3}}(?:,[{_D}]{{3}})+|[{_D}]+\.[{_D}]+)(?:\s*{_alt(_V.units.currency)})?\s*$"
)
_HAS_DIGIT = re.compile(rf"[{_D}]")
MAX_HEADING_CHARS = 160
LIST_WINDOW = 15  # lines
TITLE_CHARS = 80
SNAP_WINDOW = 150  # lines back from a heading to the top of its page
TOC_GAP = 12  # lines between two entries of one table of contents
TOC_KEY = 6  # consonants of a title compared with its table-of-contents entry
RUNNING_MIN = 8  # a heading-like line printed this often (and on a third of the pages) is a running header
LINES_PER_PAGE = 60  # page count estimate where page breaks are not known
MAX_FIRST_NUMBER = 3  # an agency's outline may start at `3.` when `1.`/`2.` came out before it


@dataclass
class Heading:
    """A detected heading: where it is, its rank in the outline and the label for paths."""

    line: int  # 1-based
    rank: int
    label: str
    number: str | None = None
    kind: str = ""  # ministry, agency, part, decimal, direction, strategy, program, output, brief


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def _numbers(dotted: str) -> tuple[int, ...]:
    return tuple(int(p) for p in thai_digits_to_arabic(dotted).split("."))


def _table_row(title: str) -> bool:
    """Two or more amount columns (`769.0389 470.8956 - -`): a table row, not a heading."""
    return sum(1 for token in title.split() if _AMOUNT.match(token)) >= 2


def _label(line: str) -> str:
    """Heading label: the line without an amount printed at its end (`… 76,947,300 บาท`)."""
    return _short(_TRAILING_AMOUNT.sub("", line.strip()))


def _part_in_sequence(word: str, number: int, open_word: str | None, open_number: int | None) -> bool:
    """A part heading continues the parts (`ส่วนที่ 3` after `ส่วนที่ 2`) or starts them at 1 or 2;
    `ภาค 9 ตำบล…` (a regional office in a table) does not."""
    if open_word == word and open_number is not None:
        return 0 < number - open_number <= 2
    return number <= 2


_BARE_NUMBER = re.compile(rf"[{_D}]+")


def _with_name(lines: list[str], i: int, title: str) -> str:
    """The heading line, with the name printed on the next lines when the line gives only its
    level and number (`7.2.1 ผลผลิตที่ 1 :` / `การจัดทำแผน…`)."""
    line = lines[i]
    # A bare level word (`1.2 โครงการ`: the section about projects) is a title of its own.
    nameless = title.rstrip().endswith(":") or (title.strip() not in _BARE_LEVEL_WORDS
                                                and any(p.match(title) for p in _LEVEL_ONLY.values()))
    if not nameless:
        return line
    parts = [line]
    for nxt in lines[i + 1:i + 6]:
        text = nxt.strip()
        if _DECIMAL.match(text) or _SINGLE.match(text) or _table_row(text) or _BARE_NUMBER.fullmatch(text):
            break  # a bare number is the page's number: the name ended at the foot of its page
        name = _TRAILING_AMOUNT.sub("", nxt)
        parts.append(name)
        if name != nxt or len([p for p in parts if len(p.strip()) > 6]) > 2:
            break  # the amount column ends the name
    return join_wrapped_lines(parts)


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


BRIEF_NAME_LINES = 4  # text lines a brief's name may wrap over (a blank line or the next field ends it sooner)


def brief_name(lines: list[str], i: int, same_line: str = "") -> str:
    """Full project name of a brief whose `ชื่อโครงการ` field is on line index `i`:
    the rest of that line, else the next text lines up to a blank line or the next field."""
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
        if _NEXT_FIELD.match(text) or len(parts) == BRIEF_NAME_LINES:
            break
        parts.append(nxt)
    return " ".join(join_wrapped_lines(parts).split()) if parts else _V.brief.default_name


# ---------------------------------------------------------------------------------------------
# Document-level evidence gathered before the scan: pages, table of contents, running headers,
# agency blocks, and which budget levels the document numbers decimally.


def toc_span(lines: list[str]) -> tuple[int, int] | None:
    """0-based (first, last) line of the table of contents: its title and the entries after it."""
    for start, line in enumerate(lines):
        if _TOC_TITLE.match(line):
            break
    else:
        return None
    end = start
    for j in range(start + 1, len(lines)):
        if j - end > TOC_GAP:
            break
        text = lines[j].strip()
        if text and (_TOC_LINE.search(text) or _TOC_LABEL.match(text)):
            end = j
    return (start, end) if end > start else None


def _skeleton(text: str) -> str:
    """Thai consonants and Latin letters only: a title as it survives extraction damage
    (marks lost, doubled or moved), for matching a heading against its table-of-contents entry."""
    return re.sub(r"[^\u0E01-\u0E2EA-Za-z]+", "", text)


def toc_titles(lines: list[str], toc: tuple[int, int] | None) -> dict[int, set[str]]:
    """Numbered entries of the table of contents: depth (1 = `N.`) -> title skeleton prefixes."""
    found: dict[int, set[str]] = {}
    if toc is None:
        return found
    for line in lines[toc[0]:toc[1] + 1]:
        text = line.strip()
        m = _DECIMAL.match(text) or _SINGLE.match(text)
        if m:
            key = _skeleton(_TOC_LINE.sub("", m.group(2)))[:TOC_KEY]
            if key:
                found.setdefault(m.group(1).count(".") + 1, set()).add(key)
    return found


def page_starts(lines: list[str], pages: list[int | None] | None = None) -> list[int]:
    """0-based first lines of pages: from `pages` when they change, else after printed page
    numbers (`- 12 -`, `หน้า 12`, or a bare number that runs on from one page to the next)."""
    if pages is not None and len(pages) == len(lines) and len({p for p in pages if p is not None}) > 1:
        return [i for i, p in enumerate(pages) if p is not None and (i == 0 or p != pages[i - 1])]
    marks: list[int] = []
    bare: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        m = _PAGE_NUMBER.match(line)
        if not m:
            continue
        if m.group(3) is None:
            marks.append(i)
        else:
            bare.setdefault(int(thai_digits_to_arabic(m.group(3))), []).append(i)
    for number, where in bare.items():
        for i in where:
            # A page number runs on: the previous page (or the one before it, when a page
            # prints none) carries number - 1 (- 2) some lines above, or the next one below.
            near = [j for d in (1, 2) for j in bare.get(number - d, ()) if 3 <= i - j <= 600]
            near += [j for d in (1, 2) for j in bare.get(number + d, ()) if 3 <= j - i <= 600]
            if near:
                marks.append(i)
    return sorted({i + 1 for i in marks if i + 1 < len(lines)})


def running_lines(lines: list[str], pages: int) -> set[str]:
    """Heading-like lines printed on a third of the `pages` or more (running headers): never headings."""
    counts = Counter(
        line.strip() for line in lines
        if line.strip() and (_PART.match(line) or _DECIMAL.match(line) or _DIRECTION.match(line))
    )
    least = max(RUNNING_MIN, pages // 3)
    return {text for text, n in counts.items() if n >= least}


def part_words(lines: list[str], skip: tuple[int, int] | None = None) -> set[str]:
    """Part words that this document numbers in order (`ส่วนที่ 1 … 2 … 3`): at least as many
    steps up by one or two as other steps, starting at 1 or 2. `ภาคที่ 3, 8, 11, 1, 9` (regional
    offices listed in tables) are not parts."""
    numbers: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if skip and skip[0] <= i <= skip[1]:
            continue
        m = _PART.match(line)
        if m and len(line.strip()) <= MAX_HEADING_CHARS and not _TOC_LINE.search(line.strip()):
            numbers.setdefault(m.group(1), []).append(int(thai_digits_to_arabic(m.group(2))))
    words = set()
    for word, seq in numbers.items():
        steps = [b - a for a, b in zip(seq, seq[1:]) if b != a]  # a running header repeats its number
        good = sum(1 for d in steps if 0 < d <= 2)
        if min(seq) <= 2 and good >= len(steps) - good:
            words.add(word)
    return words


def numbered_levels(lines: list[str]) -> set[str]:
    """Budget levels (program, output) that the document numbers decimally (`7.2 แผนงาน…`)."""
    found: set[str] = set()
    for line in lines:
        m = _DECIMAL.match(line)
        if m:
            title = m.group(2)
            found.update(key for key in _LEVEL_TITLE if _LEVEL_TITLE[key].match(title) or _LEVEL_ONLY[key].match(title))
    return found


@dataclass
class _Block:
    """An agency block: ministry line (and unit), the lines it spans, where its section starts."""

    line: int  # 0-based ministry line
    end: int  # 0-based last line of the block
    ministry: str
    unit: str | None
    start: int = -1


def _fragment(line: str) -> bool:
    """A line that is the broken-off tail of the line above (`อ้ม`, `É`, ` )`) or empty."""
    text = line.strip()
    return len(text) <= 6 and not _HAS_DIGIT.search(text)


def _name_continuation(line: str) -> bool:
    text = line.strip()
    return len(text) <= 45 and not _HAS_DIGIT.search(text) and not text.startswith(("-", "•", "*"))


def _name(lines: list[str]) -> str:
    """A name printed over several lines (broken-off tails and emptied lines included), joined."""
    return join_wrapped_lines([line for line in lines if line.strip()])


def _compact(text: str) -> str:
    return re.sub(r"[\W\d_]+", "", text)


def agency_blocks(lines: list[str], after: int = -1) -> list[_Block]:
    """Ministry + unit blocks (and ministry lines alone that repeat a block's ministry)."""
    blocks: list[_Block] = []
    maybe: list[_Block] = []
    alone: list[_Block] = []
    n = len(lines)
    i = after + 1
    while i < n:
        if not _MINISTRY.match(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j <= i + 3 and _fragment(lines[j]):  # `É`, `อ้ม`, or emptied by repair
            j += 1
        ministry = _name(lines[i:j])
        unit = j < n and bool(_UNIT.match(lines[j]))
        if unit or (j < n and _NAME_LINE.match(lines[j])):
            k = j + 1
            while k < n and k <= j + 3 and _name_continuation(lines[k]) and not _MINISTRY.match(lines[k]):
                k += 1
            while k - 1 > j and not lines[k - 1].strip():
                k -= 1
            (blocks if unit else maybe).append(_Block(i, k - 1, ministry, _name(lines[j:k])))
            i = k
        else:
            alone.append(_Block(i, j - 1, ministry, None))
            i = j
    # A ministry line that heads confirmed blocks elsewhere confirms a unit whose name does not
    # start with a known word (`กรัมทรัพยากร…` as extracted), and stands alone over the
    # ministry's own overview.
    known = {_compact(b.ministry) for b in blocks}
    blocks += [b for b in maybe + alone if _compact(b.ministry) in known]
    return sorted(blocks, key=lambda b: b.line)


class _Pages:
    def __init__(self, starts: list[int]):
        self.starts = starts

    def start_of(self, i: int) -> int | None:
        """0-based first line of the page holding line `i`, if a page break is known above it."""
        k = bisect_right(self.starts, i) - 1
        return self.starts[k] if k >= 0 else None


def detect_headings(lines: list[str], pages: list[int | None] | None = None,
                    styles: list[LineStyle | None] | None = None, tables: list[Table] | None = None) -> list[Heading]:
    """Scan repaired lines and return the accepted headings in order (`pages`: page of each
    line, when known, to place headings that the text layer gives after their page's body;
    `styles`: each PDF line's font, for headings shown by font alone, see ingest.font_headings;
    `tables`: the document's tables, whose header rows are no font headings)."""
    toc = toc_span(lines)
    toc_first, toc_last = toc if toc else (-1, -1)
    starts = page_starts(lines, pages)
    if toc:
        starts = sorted(set(starts) | {toc_last + 1})
    page = _Pages(starts)
    running = running_lines(lines, max(len(starts) + 1, len(lines) // LINES_PER_PAGE))
    numbered = numbered_levels(lines)
    listed = toc_titles(lines, toc)
    parts = part_words(lines, toc)

    blocks = agency_blocks(lines, after=toc_last)
    block_at: dict[int, list[_Block]] = {}
    block_lines: set[int] = set()
    floor = toc_last
    for b in blocks:
        top = page.start_of(b.line)
        b.start = top if top is not None and top > floor and b.line - top <= SNAP_WINDOW else b.line
        while b.start < b.line and not lines[b.start].strip():  # a blank page before it stays behind
            b.start += 1
        block_at.setdefault(b.start, []).append(b)
        block_lines.update(range(b.line, b.end + 1))
        floor = b.end

    headings: list[Heading] = []
    part: int | None = None
    part_word: str | None = None
    outline: tuple[int, ...] = ()
    in_brief = False
    in_agency = False
    single_ok = False  # the document heads sections with single numbers `N.` (confirmed once)
    ministry: str | None = None
    # Numbers seen as list items (not headings): their next siblings are list items too.
    rejected: dict[tuple[int, ...], int] = {}

    def snap(i: int, nums: tuple[int, ...]) -> tuple[int, list[int]]:
        """Line index where a decimal heading at `i` starts, and its sub-headings placed before
        it: when its own sub-headings came out earlier on its page (text layer out of reading
        order), it starts at the top of that page and they follow it."""
        top = page.start_of(i)
        last = headings[-1].line if headings else 0  # 1-based line of the last heading = its index + 1
        if top is None or i - top > SNAP_WINDOW:
            return i, []
        top = max(top, last)
        early = sorted(
            r for sub, r in rejected.items() if top <= r < i and len(sub) > len(nums) and sub[: len(nums)] == nums
        )
        return (top, early) if early else (i, [])

    for i, raw in enumerate(lines):
        for b in block_at.get(i, ()):
            if b.unit is None or _compact(b.ministry) != ministry:
                ministry = _compact(b.ministry)
                headings.append(Heading(i + 1, RANK_MINISTRY, _short(b.ministry), None, "ministry"))
            if b.unit is not None:
                headings.append(Heading(i + 1, RANK_AGENCY, _short(b.unit), None, "agency"))
            part, part_word, outline, rejected = None, None, (), {}
            in_brief, in_agency = False, True
        if i in block_lines or toc_first <= i <= toc_last:
            continue
        line = raw.strip()
        if not line or len(line) > MAX_HEADING_CHARS or _TOC_LINE.search(line) or line in running:
            continue
        m = _PART.match(line)
        number = int(thai_digits_to_arabic(m.group(2))) if m else 0
        if m and m.group(1) in parts and _part_in_sequence(m.group(1), number, part_word, part):
            part_word, part = m.group(1), number
            outline = ()
            in_brief = False
            headings.append(Heading(i + 1, 0, _short(line), m.group(2), "part"))
            continue
        m = _DECIMAL.match(line)
        single = None
        if not m and part is None and not in_brief:
            single = _SINGLE.match(line) or (_SINGLE_BARE.match(line) if 1 in listed else None)
        if m or single:
            number = (m or single).group(1)
            title = (m or single).group(2)
            nums = _numbers(number)
            prev_sibling = nums[:-1] + (nums[-1] - 1,)
            listed_at = rejected.get(prev_sibling, -10**9)
            # A list item follows its rejected predecessor closely, unless that list already
            # passed this number (`1. 2. 3.` items, then `2. ผลการดำเนินงาน`).
            in_list = i - listed_at <= LIST_WINDOW and rejected.get(nums, -10**9) < listed_at
            ok = not _table_row(title) and not in_list and _continues(outline, nums, part)
            entries = listed.get(len(nums))
            if entries:
                # The table of contents lists this level: a heading is one of its entries (even
                # next to list items, or after a sibling that came out later), nothing else is.
                key = _skeleton(title)
                in_toc = any(key.startswith(e) or e.startswith(key[:TOC_KEY]) for e in entries if key)
                forward = not outline or (len(nums) == 1 and nums[0] > outline[0]) or _continues(outline, nums, part)
                ok = in_toc and forward and not _table_row(title) and (part is None or nums[0] == part)
            elif single and ok:
                # `1. บทนำ` confirmed by a following `1.1`; not a budget line `1. งบเงินอุดหนุน 38,733,000 บาท`.
                confirmed = _next_decimal(lines, i + 1) == nums + (1,) and not _TRAILING_AMOUNT.search(title)
                first_ok = nums[0] <= MAX_FIRST_NUMBER if in_agency else nums[0] == 1
                ok = (in_agency or single_ok or confirmed) and (bool(outline) or first_ok)
                single_ok = single_ok or (ok and confirmed)
            if ok:
                start, early = snap(i, nums)
                outline, in_brief = nums, False
                label = _label(_with_name(lines, i, title))
                headings.append(Heading(start + 1, len(nums) - 1, label, number, "decimal"))
                for r in early:  # sub-headings given before their parent, in their own order
                    sub = _DECIMAL.match(lines[r].strip())
                    sub_nums = _numbers(sub.group(1))
                    if r + 1 > headings[-1].line and _continues(outline, sub_nums, part):
                        outline = sub_nums
                        headings.append(Heading(r + 1, len(sub_nums) - 1, _label(_with_name(lines, r, sub.group(2))),
                                                sub.group(1), "decimal"))
                continue
            if (
                m
                and part is not None
                and part_word
                and nums[0] == part + 1
                and nums[1:] == (1,) * (len(nums) - 1)
                and _next_decimal(lines, i + 1) == nums + (1,)
            ):
                # The numbering moved on to the next part whose own heading is missing
                # (e.g. printed as an image): imply it so paths stay right. Required: the
                # next numbered line is its first child, which a list item `3.1 …` lacks.
                part, outline, in_brief = nums[0], nums, False
                headings.append(Heading(i + 1, 0, f"{part_word} {nums[0]}", str(nums[0]), "part"))
                headings.append(Heading(i + 1, len(nums) - 1, _label(line), number, "decimal"))
                continue
            rejected[nums] = i
        if in_brief:  # inside a project brief, only a new brief or outline heading ends it
            m = BRIEF_RE.match(line)
            if m:
                headings.append(Heading(_brief_start(lines, i), RANK_BRIEF,
                                        _short(brief_name(lines, i, m.group(1))), None, "brief"))
            continue
        m = _DIRECTION.match(line)
        if m:
            headings.append(Heading(i + 1, RANK_DIRECTION, _short(m.group(1)), None, "direction"))
            in_brief = False
            continue
        m = _STRATEGY.match(line)
        if m:
            headings.append(Heading(i + 1, RANK_STRATEGY, _short(m.group(1)), None, "strategy"))
            continue
        m = _AGENCY_LABEL.match(line)
        if m:
            headings.append(Heading(i + 1, RANK_AGENCY, _short(m.group(1)), None, "agency"))
            part, part_word, outline, rejected, in_agency = None, None, (), {}, True
            continue
        level = next(
            (lvl for lvl in _BUDGET_LEVELS if lvl.key not in numbered and _LEVEL_RE[lvl.key].match(line)), None
        )
        if level is not None and not _table_row(line):
            headings.append(Heading(i + 1, LEVEL_RANK[level.key], _label(line), None, level.key))
            continue
        m = BRIEF_RE.match(line)
        if m:
            headings.append(Heading(_brief_start(lines, i), RANK_BRIEF,
                                    _short(brief_name(lines, i, m.group(1))), None, "brief"))
            in_brief = True
    headings = _drop_empty_agencies(headings)
    if styles:
        skip = set(range(toc_first, toc_last + 1)) | {n for n, ln in enumerate(lines) if ln.strip() in running}
        skip.update(n for t in tables or () for n in range(t.line_start - 1, t.line_end))
        extra = [Heading(line, rank, label, None, "font")
                 for line, rank, label in font_headings(lines, styles, pages, headings, skip)]
        headings = _merge(headings, extra)
    return headings


def _merge(headings: list[Heading], extra: list[Heading]) -> list[Heading]:
    """`extra` (in line order) placed among `headings`, whose own order is kept."""
    out, k = [], 0
    for h in headings:
        while k < len(extra) and extra[k].line < h.line:
            out.append(extra[k])
            k += 1
        out.append(h)
    return out + extra[k:]


def _drop_empty_agencies(headings: list[Heading]) -> list[Heading]:
    """An agency or ministry name that heads nothing is not a section: the ministry's name on
    the back cover, or a cover's ministry and publisher (`สำนักงบประมาณ`), when the document's
    units otherwise head outlines (two or more do)."""
    while True:
        heads = []
        for k, h in enumerate(headings):
            nxt = headings[k + 1] if k + 1 < len(headings) else None
            under = nxt is not None and (nxt.rank >= 0 or (h.kind == "ministry" and nxt.kind == "agency"))
            heads.append(h.rank >= 0 or under)
        outlined = sum(1 for k, h in enumerate(headings) if h.kind == "agency" and heads[k])
        kept = [h for k, h in enumerate(headings) if heads[k] or (h.kind == "agency" and outlined < 2)]
        if len(kept) == len(headings):
            return kept
        headings = kept


def build_sections(
    lines: list[str], headings: list[Heading] | None = None, pages: list[int | None] | None = None
) -> list[Section]:
    """Sections in document order; each spans from its heading to the line before the next heading.

    Text before the first heading forms a section with an empty path. Every line belongs
    to exactly one section. `pages` (page of each line), when given, helps place headings.
    """
    if headings is None:
        headings = detect_headings(lines, pages)
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
        if end < h.line:  # headings that share a line (implied part, ministry + agency, snapped)
            continue
        sections.append(Section(path=[s.label for s in stack], number=h.number, line_start=h.line, line_end=end))
    return sections
