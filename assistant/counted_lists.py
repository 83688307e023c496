"""A list a heading counts (`โครงการจาก กตร. (3 โครงการ)`): its items are the numbered lines below it that start
with the word it counts (`1. โครงการ…`, `2. โครงการ…`, `3. โครงการ…`), however long each item's report runs
between them (an item's own numbered steps, `1. จัดการฝึกอบรม…`, are not items of the list). A list question that
types the heading is answered with every item, each cited; none when the items found are not as many as the
heading counts (the list is not read whole)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.compute import format_result
from assistant.lookup import FactsDB
from assistant.outline import compact, longest_run
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from ingest.lists import parse_marker
from ingest.thai_repair import index_form, thai_digits_to_arabic
from ingest.tokenize import words as word_tokens
from ingest.vocabulary import alternation, query_words, vocabulary

# `<label> (<count> <word>)` at the end of a line: the count and the word it counts
COUNTED = re.compile(r"^(?P<label>.*\S)\s*\(\s*(?P<n>[0-9๐-๙]{1,2})\s*(?P<kind>[\u0E00-\u0E7F]+)\s*\)\s*$")
MIN_LABEL = 8  # compact characters of a heading's label a question must type to name it
ITEM_SPAN = 400  # lines below a counted heading its items may run over
WRAP_LINES = 2  # lines an item's name may wrap over (an opened bracket closed below it)


@dataclass(frozen=True)
class CountedHeading:
    """A line that counts the items listed below it."""

    doc_id: str
    line: int
    text: str
    label: str  # compact, without the count
    count: int
    kind: str  # the word counted (`โครงการ`)


class CountedLists:
    """Every document's counted headings, read once on first use."""

    def __init__(self, db: FactsDB):
        self.db = db
        self._heads: list[CountedHeading] | None = None

    @property
    def heads(self) -> list[CountedHeading]:
        """Every line of every document that ends with a count of items (`(3 โครงการ)`), its label long enough."""
        if self._heads is None:
            self._heads = []
            for doc, count in self.db.line_counts().items():
                for n, text, _ in self.db.lines(doc, 1, count):
                    m = COUNTED.match(text.strip())
                    if m and len(compact(m.group("label"))) >= MIN_LABEL:
                        self._heads.append(CountedHeading(doc, n, " ".join(text.split()), compact(m.group("label")),
                                                          int(thai_digits_to_arabic(m.group("n"))), m.group("kind")))
        return self._heads

    def items(self, head: CountedHeading) -> list[tuple[int, int]]:
        """(first, last line) of each item the heading counts, in order; [] unless all of them are found before
        the next counted heading."""
        found: list[tuple[int, int]] = []
        lines = self.db.lines(head.doc_id, head.line + 1, head.line + ITEM_SPAN)
        for k, (n, text, _) in enumerate(lines):
            if COUNTED.match(text.strip()) or len(found) == head.count:
                break
            marker = parse_marker(text)
            if marker is None or marker.value != len(found) + 1 or not marker.body.lstrip().startswith(head.kind):
                continue
            end, shown = n, text
            for m, more, _ in lines[k + 1:k + 1 + WRAP_LINES]:  # `(One Province One Agro-` closed on the next line
                if shown.count("(") <= shown.count(")") or not more.strip() or parse_marker(more) is not None:
                    break
                end, shown = m, f"{shown} {more}"
            found.append((n, end))
        return found if len(found) == head.count else []

    def reports(self, head: CountedHeading) -> list[tuple[tuple[int, int], int]]:
        """Each item the heading counts with the last line its report may run to (the next item's start)."""
        items = self.items(head)
        ends = [nxt[0] - 1 for nxt in items[1:]] + [head.line + ITEM_SPAN]
        return list(zip(items, ends))


def answer(q: Query, lists: CountedLists) -> Draft | None:
    """The items of the counted heading a list question types (the longest typed label), cited."""
    if not q.wants_list:
        return None
    asked = compact(q.text)
    head = max((h for h in lists.heads if h.label in asked), key=lambda h: len(h.label), default=None)
    items = lists.items(head) if head is not None else []
    if not items:
        return None
    db = lists.db
    draft = Draft(support=1.0)
    draft.say(_t(q, f"{head.text} มี {head.count} {head.kind}:", f"{head.text} lists {head.count}:"),
              [db.evidence(head.doc_id, head.line, head.line)], template=True, computed=[str(head.count)])
    for first, last in items:
        item = db.evidence(head.doc_id, first, last)
        draft.say("• " + " ".join(item.quote.split()), [item])
    return draft


MIN_ITEM_TYPED = 15  # compact characters of an item's name a question must type in one run to name it
WHICH_GAP = 12  # compact characters between the kind a heading counts and the which word asking for the heading


def holder(q: Query, lists: CountedLists) -> Draft | None:
    """The counted heading an item the question names is listed under, when it asks whose or which of the kind the
    heading counts (`…(OPOAI-C) เป็นโครงการจากกองไหน`, `…เป็นโครงการของหน่วยงานไหน` → `โครงการจาก กตร. (3 โครงการ)`);
    the item and the heading cited. None when it asks a figure or a list, or names no item of such a heading."""
    if q.wants_figure or q.wants_list:
        return None
    asked = compact(q.text)
    which = alternation([compact(w) for w in query_words().which_words if not w.isascii()])
    # `โครงการจากกองไหน`: the kind a heading counts, a few words, a which word
    heads = [h for h in lists.heads if re.search(re.escape(h.kind) + r".{1,%d}?" % WHICH_GAP + which, asked)]
    found = _typed_item(q, lists, heads)
    if found is None:
        return None
    head, (first, last), _ = found
    db = lists.db
    item = db.evidence(head.doc_id, first, last)
    draft = Draft(support=1.0)
    draft.say("• " + " ".join(item.quote.split()), [item])
    draft.say(_t(q, f"อยู่ในรายการ: {head.text}", f"Listed under: {head.text}"),
              [db.evidence(head.doc_id, head.line, head.line)], template=True)
    return draft


MIN_NAME_RUN = 12  # compact characters of a name a question types that a counted item's report must print
MAX_MENTIONS = 8  # lines printing it, at most: a name is printed in a few places, a common phrase in many


def mentioning(q: Query, lists: CountedLists) -> Draft | None:
    """The counted items whose reports print a name the question types, when it asks which of them
    (`บริษัท นอร์ธเทิร์น แอทไทร์ ไปเกี่ยวข้องกับโครงการไหน…`): each item, then the line naming it, cited."""
    if q.wants_figure:
        return None
    asked = compact(q.text)
    which = tuple(compact(w) for w in query_words().which_words if not w.isascii())
    found: list[tuple[CountedHeading, tuple[int, int], int]] = []  # heading, item title lines, the line naming it
    name = ""
    for head in lists.heads:
        at = asked.find(head.kind)
        if at < 0 or not asked.startswith(which, at + len(head.kind)):
            continue  # `โครงการไหน`: the kind the heading counts, asked which
        for (first, last), end in lists.reports(head):
            for n, text, _ in lists.db.lines(head.doc_id, last + 1, end):
                if COUNTED.match(text.strip()):
                    break
                typed = longest_run(compact(text), asked)
                if len(typed) >= MIN_NAME_RUN and head.kind not in typed and len(typed) >= len(name):
                    if len(typed) > len(name):
                        name, found = typed, []
                    found.append((head, (first, last), n))
    items = list(dict.fromkeys((h, span) for h, span, _ in found))
    if not items or len(found) > MAX_MENTIONS:
        return None  # a common phrase (`ผู้ประกอบการ…`), not a name the reports print in a few places
    db = lists.db
    draft = Draft(support=1.0)
    for head, (first, last) in items:
        item = db.evidence(head.doc_id, first, last)
        draft.say("• " + " ".join(item.quote.split()) + f" ({head.text})",
                  [item, db.evidence(head.doc_id, head.line, head.line)])
        n = next(n for h, span, n in found if (h, span) == (head, (first, last)))
        draft.say(" ".join(db.evidence(head.doc_id, n, n).quote.split()), [db.evidence(head.doc_id, n, n)])
    return draft


def summed(q: Query, lists: CountedLists) -> Draft | None:
    """The sum of the counts an item's report prints for its numbered steps in the unit a sum question counts
    (`…เมืองอุตสาหกรรมเชิงนิเวศ ปี 66 ทั้งสัมมนาและประชุม มีผู้เข้าร่วมรวมกี่คน` → `30 + 29 + 45 + 18 = 122 คน`): each
    step's first count in that unit, cited, and the sum computed; None unless two or more steps print one."""
    counts = {w for w in vocabulary().units.count if not w.isascii()}
    if not (q.operation == "sum" or q.wants_total) or q.unit not in counts:
        return None  # `รวมกันกี่คน`, `รวมกี่คน`: a count added up
    found = _typed_item(q, lists, lists.heads)
    if found is None:
        return None
    head, (first, last), end = found
    db = lists.db
    steps: list[list[tuple[int, str]]] = []  # each numbered step's lines (`1. จัดสัมมนา…`, `2. จัดประชุม…`)
    for n, text, _ in db.lines(head.doc_id, last + 1, end):
        if COUNTED.match(text.strip()):
            break
        marker = parse_marker(text)
        if marker is not None and marker.value == len(steps) + 1:
            steps.append([(n, text)])
        elif steps:
            steps[-1].append((n, text))
    operands = [next(((n, figure) for n, text in step if (figure := _count_in(text, q.unit))), None) for step in steps]
    operands = [o for o in operands if o is not None]
    if len(operands) < 2:
        return None
    draft = Draft(support=1.0)
    item = db.evidence(head.doc_id, first, last)
    draft.say("• " + " ".join(item.quote.split()), [item])
    lines = [db.evidence(head.doc_id, n, n) for n, _ in operands]
    for line in lines:
        draft.say("• " + " ".join(line.quote.split()), [line])
    total = format_result(sum(Decimal(p.replace(",", "")) for _, p in operands))
    shown = " + ".join(p for _, p in operands)
    draft.say(_t(q, f"คำนวณ: {shown} = {total} {q.unit}", f"Computed: {shown} = {total} {q.unit}"),
              lines, template=True, computed=[total.replace(",", "")])
    return draft


def _count_in(text: str, unit: str) -> str | None:
    """The first figure a line prints in a unit, the unit a word of its own after it (`จำนวน 30 คนจาก…`; not the
    `ราย` of `5 รายการ`)."""
    form = index_form(text)
    for m in re.finditer(r"\d[\d,]*(?=\s*" + re.escape(unit) + ")", form):
        after = [w for w in word_tokens(form[m.end():m.end() + 2 * len(unit) + 8]) if w.strip()]
        if after and after[0] == unit:
            return m.group(0)
    return None


def _typed_item(q: Query, lists: CountedLists, heads: list[CountedHeading]
                ) -> tuple[CountedHeading, tuple[int, int], int] | None:
    """The item of one of `heads` whose name the question types longest (MIN_ITEM_TYPED compact characters or
    more), with the last line its report may run to; the first such item where two tie."""
    asked = compact(q.text)
    best: tuple[int, CountedHeading, tuple[int, int], int] | None = None
    for head in heads:
        for (first, last), end in lists.reports(head):
            name = compact(" ".join(t for _, t, _ in lists.db.lines(head.doc_id, first, last)))
            run = len(longest_run(name, asked))
            if run >= MIN_ITEM_TYPED and (best is None or run > best[0]):
                best = (run, head, (first, last), end)
    return None if best is None else best[1:]
