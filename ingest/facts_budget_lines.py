"""Budget lines printed as numbered items with amounts, as the Budget Bureau's budget books print them.

    1. งบบุคลากร 885,995,900 บาท
    1.1 เงินเดือนและค่าจ้างประจำ 749,613,200 บาท
    1.1.1 เงินเดือน 730,199,700 บาท
    (1) ค่าเช่าบ้าน 22,272,700 บาท           ← the amount may sit a few lines lower when the name wraps
    ปี 2564 ตั้งงบประมาณ 33,356,600 บาท      ← an instalment of the multi-year item above it

An item followed by a deeper item is a total of what follows; so is an item with instalments, and
one that heads a plan level (แผนงาน, ผลผลิต, โครงการ: the outline's, with their amounts). The rest are
leaves. Each line keeps its expense category (the enclosing `งบ…` item), its place in the outline
(the section path) and its exact span. Words come from the vocabulary profile.
"""
from __future__ import annotations

import re
from collections import Counter

from ingest.facts_records import BudgetItem
from ingest.records import Section
from ingest.thai_repair import DIGIT_CLASS as _D, join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import alternation, vocabulary

_V = vocabulary()
_W = _V.budget_lines
# `1.` `1.1` `1.1.1` `(1)` `1)`; a bare number is no marker: `1 งาน 51,600,000 บาท` is the count that
# ends a wrapped item (and `4 ล้อ` its name), `1 : โครงการ…` a level heading's number under its `ผลผลิตที่`.
_ITEM = re.compile(rf"^\s*(?:([{_D}]{{1,2}}(?:\.[{_D}]{{1,2}})+|[{_D}]{{1,2}}(?=\.))\.?|\(([{_D}]{{1,3}})\)|([{_D}]{{1,2}})\))"
                   rf"\s+(\S.*)$")
_AMOUNT = re.compile(rf"([{_D}]{{1,3}}(?:,[{_D}]{{3}})+|[{_D}]+)\s*{re.escape(_W.currency_line)}\s*$")
_INSTALMENT = re.compile(
    rf"^\s*{alternation(_V.years.words)}\s*((?:{alternation(_V.years.era_prefixes)})[{_D}]{{2}})\s*"
    rf"{alternation(_W.instalment_words)}\S*\s*([{_D}]{{1,3}}(?:,[{_D}]{{3}})+)\s*{re.escape(_W.currency_line)}")
# Between an item and its instalments: its whole amount restated, that amount split by funding source, and
# instalments of years with no amount (`ปี 2560 - 2562 ตั้งงบประมาณ - บาท`).
_RESTATED = re.compile(rf"^\s*(?:{alternation(_W.total_words)}|\S{{0,2}}\s*[{_D},]+\s*{re.escape(_W.currency_line)}\s*$|"
                       rf"{alternation(_W.split_words)}\s*[{_D},]+\s*{re.escape(_W.currency_line)}\s*$|"
                       rf"{alternation(_V.years.words)}[\s{_D}–-]*{alternation(_W.instalment_words)}\s*-\s*{re.escape(_W.currency_line)})")
# An item that heads a plan level: `แผนงาน…`, or `ผลผลิตที่ 1 :` / `โครงการ : …` (a plain `(3) โครงการจัด…`
# line is a budget line of its own).
_LEVEL = re.compile(rf"^\s*(?:{alternation(_V.level('program').words)}|"
                    rf"{alternation(_V.level('output').words)}\s*(?:{_V.ordinal}|:))")
_FISCAL_YEAR = re.compile(rf"{alternation(_W.fiscal_year_words)}\s*(?:{alternation(_V.years.words)})?\s*"
                          rf"((?:{alternation(_V.years.era_prefixes)})[{_D}]{{2}})")
WRAP_LINES = 10  # how many printed lines below an item's first line its amount may be
CHILD_GAP = 40  # a deeper item further than this below is not this item's child


def _depth(dotted: str | None, paren: str | None) -> int:
    """Nesting of an item by its numbering: 1. < 1.1 < 1.1.1 < 1) < (1)."""
    if dotted:
        return dotted.count(".") + 1
    return 10 if paren else 9


def fiscal_year(lines: list[str], head: int = 400) -> int | None:
    """The fiscal year the document is about: the most printed `ปีงบประมาณ พ.ศ. 25xx` of its first pages."""
    found = Counter(int(thai_digits_to_arabic(m.group(1))) for line in lines[:head] for m in _FISCAL_YEAR.finditer(line))
    return found.most_common(1)[0][0] if found else None


def parse_budget_items(lines: list[str], sections: list[Section], skip: set[int] = frozenset()) -> list[BudgetItem]:
    """Every numbered item with an amount in baht, totals marked; `skip`: lines other readers own."""
    year = fiscal_year(lines)
    path_of = section_paths(sections, len(lines))
    items: list[BudgetItem] = []
    depths: list[int] = []
    stack: list[tuple[int, BudgetItem]] = []  # enclosing items, for the category
    i = 0
    while i < len(lines):
        m = _ITEM.match(lines[i])
        if not m or (i + 1) in skip:
            i += 1
            continue
        k, wrapped = i, 0  # empty lines (a broken text layer prints some inside a name) do not count
        while not _AMOUNT.search(lines[k]) and wrapped < WRAP_LINES and k + 1 < len(lines) and not _ITEM.match(lines[k + 1]):
            k += 1
            wrapped += bool(lines[k].strip())
        amount = _AMOUNT.search(lines[k])
        if not amount:
            i += 1
            continue
        depth = _depth(m.group(1), m.group(2))
        if items and path_of[i] != items[-1].path:
            stack.clear()  # a new section of the outline: categories of the last one do not carry over
        name = " ".join(_AMOUNT.sub("", join_wrapped_lines([m.group(4)] + lines[i + 1:k + 1])).split())
        while stack and stack[-1][0] >= depth:
            stack.pop()
        enclosing = [name] + [it.name for _, it in reversed(stack)]  # this item, then the ones it sits under
        category = next((text for text in enclosing if text.startswith(_W.category_prefix)), None)
        item = BudgetItem(name=name, printed=amount.group(1), baht=int(thai_digits_to_arabic(amount.group(1)).replace(",", "")),
                          fiscal_year=year, category=category, path=path_of[i], line_start=i + 1, line_end=k + 1,
                          is_total=bool(_LEVEL.match(m.group(4))))
        items.append(item)
        depths.append(depth)
        stack.append((depth, item))
        i = k + 1
        while i < len(lines) and (_INSTALMENT.match(lines[i]) or _RESTATED.match(lines[i]) or not lines[i].strip()):
            inst = _INSTALMENT.match(lines[i])
            if inst:
                item.is_total = True
                items.append(BudgetItem(name=item.name, printed=inst.group(2),
                                        baht=int(thai_digits_to_arabic(inst.group(2)).replace(",", "")),
                                        fiscal_year=int(thai_digits_to_arabic(inst.group(1))), category=item.category,
                                        path=item.path, line_start=i + 1, line_end=i + 1, instalment=True))
                depths.append(99)
            i += 1
    for n, item in enumerate(items):  # an item with a deeper item right below it is their total
        nxt = n + 1
        if item.instalment or nxt >= len(items) or items[nxt].instalment:
            continue
        if depths[nxt] > depths[n] and items[nxt].line_start - item.line_end < CHILD_GAP:
            item.is_total = True
    return items


def section_paths(sections: list[Section], n_lines: int) -> list[list[str]]:
    """The section path of every line (index = line - 1), for readers that tag rows with their place."""
    paths: list[list[str]] = [[] for _ in range(n_lines)]
    for s in sections:
        for n in range(s.line_start, min(s.line_end, n_lines) + 1):
            paths[n - 1] = s.path
    return paths
