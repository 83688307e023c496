"""A list a heading counts (`โครงการจาก กตร. (3 โครงการ)`): its items are the numbered lines below it that start
with the word it counts (`1. โครงการ…`, `2. โครงการ…`, `3. โครงการ…`), however long each item's report runs
between them (an item's own numbered steps, `1. จัดการฝึกอบรม…`, are not items of the list). A list question that
types the heading is answered with every item, each cited; none when the items found are not as many as the
heading counts (the list is not read whole)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lookup import FactsDB
from assistant.outline import compact
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from ingest.lists import parse_marker
from ingest.thai_repair import thai_digits_to_arabic

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
