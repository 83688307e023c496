"""The item of an enumerated list with the largest (or smallest) figure of a measure every sibling item prints.

A plan lists items that each print the same measures (`2.1 อุตสาหกรรมด้านพลังงาน จำนวน 20 โรงงาน เงินลงทุนรวม
51,809.55 ล้านบาท คนงานรวม 2,751 คน ได้แก่ …`, then 2.2 … 2.5). The document model holds the list with each
item's wrapped lines joined. A max/min question whose word for the measure every sibling item prints right
before a figure (`คนงาน` in `คนงานรวม 2,751 คน`), and whose other words the list's heading, the item above the
siblings and their texts cover, is answered by comparing those figures in code: the item with its quote up to
the figure, then every other sibling's figure, each cited by its own lines.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.compute import split_comparison
from assistant.lookup import FactsDB
from assistant.outline import Outline
from assistant.passages import key_terms, term_weights
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.understand import extreme_at
from ingest.records import ListBlock, ListItem
from ingest.thai_repair import thai_digits_to_arabic
from ingest.tokenize import search_tokens
from ingest.vocabulary import query_words

MIN_ITEMS = 3  # sibling items a list compares, at least
MIN_COVER = 0.4  # share of the question's (idf-weighted) other key terms the list's heading and items hold (the
# measure's own verb, `จ้าง` of `จ้างคนงาน`, is often in none)
MEASURE_GAP = 4  # characters a word may run on after the measure before its figure (`คนงาน|รวม 2,751`)
_FIGURE = r"([0-9][0-9,]*(?:\.[0-9]+)?)"


def _figure_of(term: str, text: str) -> re.Match | None:
    """The first figure an item's text prints for the measure: right after its word (`คนงานรวม 2,751`), else
    right before it as a count's unit (`จำนวน 20 โรงงาน`)."""
    text, word = thai_digits_to_arabic(text), re.escape(term)
    return re.search(rf"{word}\S{{0,{MEASURE_GAP}}}\s*{_FIGURE}", text) or re.search(rf"{_FIGURE}\s*{word}", text)


def _value(m: re.Match) -> Decimal | None:
    try:
        return Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:
        return None


def _groups(block: ListBlock) -> list[tuple[ListItem | None, list[ListItem]]]:
    """Each run of sibling items (those under one parent item, or the top level) with their parent."""
    parents = {item.parent for item in block.items}
    return [(block.items[p] if p is not None else None, [block.items[i] for i in block.children(p)]) for p in parents]


def _quote(item: ListItem, m: re.Match) -> str:
    """The item's text up to its figure and the word after it (`… คนงานรวม 5,699 คน`), or up to the count's unit
    (`… จำนวน 139 โรงงาน`)."""
    text = thai_digits_to_arabic(item.text)
    after = _unit(item, m) if m.group(0).endswith(m.group(1)) else ""  # a count's unit is in the match already
    return " ".join((text[:m.end()] + (" " + after if after else "")).split())


def answer(q: Query, outline: Outline, db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """The sibling item with the largest (smallest) figure of the measure the question names, and the others'
    figures, compared in code and cited; None when no list's siblings all print a measure the question names."""
    if q.operation not in ("max", "min"):
        return None
    words = query_words()
    operation = (*words.max_words, *words.min_words)
    terms = [t for t in key_terms(q) if not t.isdigit() and not any(t in w for w in operation)]  # (`มาก`, `ที่สุด`)
    # the kind of item asked (`อำเภอไหน`, `กลุ่มใด`) is no measure
    kinds = {t for t in terms if any(f"{t}{w}" in "".join(q.text.split()) for w in words.which_words if not w.isascii())}
    weight = term_weights(terms, idf)
    best: tuple[float, float, str, str, list[tuple[Decimal, ListItem, re.Match]]] | None = None
    for doc_id, blocks in outline.lists.items():
        for block in blocks:
            for parent, items in _groups(block):
                if len(items) < MIN_ITEMS:
                    continue
                measures = []  # the measures every sibling prints a figure of
                for term in terms:
                    if term in kinds:
                        continue
                    found = [(m, it) for it in items if (m := _figure_of(term, it.text))]
                    values = [(v, it, m) for m, it in found if (v := _value(m)) is not None]
                    if len(values) == len(items):
                        measures.append((term, values))
                if not measures:
                    continue
                # of two measures the siblings print (`จำนวน 139 โรงงาน … คนงานรวม 5,699 คน`), the one typed nearest
                # before the max word (`กลุ่มอุตสาหกรรมโรงงาน… กลุ่มไหนจ้างคนงานมากที่สุด`), then the longer word
                term, values = max(measures, key=lambda tv: (_nearness(q.text, tv[0]), len(tv[0])))
                context = set(search_tokens(" ".join([block.heading or "", parent.text if parent else "",
                                                      *(it.text for it in items)])))
                others = {t: w for t, w in weight.items() if t not in term and term not in t}  # (`คน`, `คนงาน`)
                total = sum(others.values())
                cover = sum(w for t, w in others.items() if t in context) / total if total else 0.0
                key = (cover, float(len(term)))
                if cover >= MIN_COVER and (best is None or key > best[:2]):
                    best = (*key, doc_id, term, values)
    if best is None:
        return None
    _, _, doc_id, term, values = best
    values.sort(key=lambda vim: vim[0], reverse=q.operation == "max")
    most = _t(q, "มากที่สุด" if q.operation == "max" else "น้อยที่สุด", "largest" if q.operation == "max" else "smallest")

    def cited(item: ListItem) -> Evidence:
        return Evidence(doc_id, item.line_start, item.line_end, db.cite(doc_id, item.line_start, item.line_end).quote,
                        "retrieval", 1.0)

    draft = Draft(support=1.0)
    _, item, m = values[0]
    draft.say(_t(q, f"{term} {most} (เทียบ {len(values)} รายการ): ", f"{term}, {most} of {len(values)} items: ")
              + _quote(item, m), [cited(item)], template=True, computed=[str(len(values))])
    draft.say(_t(q, "รายการอื่น: ", "The others: ") + "; ".join(_quote(it, mm) for _, it, mm in values[1:]),
              [cited(it) for _, it, _ in values[1:]], template=True)
    other = _compared(q, values, idf)
    if other is not None:  # "…มากที่สุด และมากกว่ากลุ่มพลังงานกี่คน": the gap to the sibling named after the comparison
        first, (value, it, mm) = values[0], other
        high, low = max(first[0], value), min(first[0], value)
        gap, unit = _plain(high - low), _unit(first[1], first[2])
        draft.say(_t(q, f"ต่างกัน: {_plain(high)} − {_plain(low)} = {gap} {unit}",
                     f"Difference: {_plain(high)} − {_plain(low)} = {gap} {unit}").rstrip(),
                  [cited(first[1]), cited(it)], template=True, computed=[gap.replace(",", "")])
    return draft


def _nearness(text: str, term: str) -> int:
    """How near before the question's max/min word it types the measure word: higher is nearer; typed after it,
    or not as typed (an English question), lowest."""
    at = extreme_at(text)
    typed = text.rfind(term, 0, at)
    return -(at - typed - len(term)) if at and typed >= 0 else -len(text) - 1


def _plain(value: Decimal) -> str:
    """A figure as a plan prints it (`2,948`, `1,533.93`)."""
    return f"{value:,f}"


def _unit(item: ListItem, m: re.Match) -> str:
    """The word printed right after an item's figure (`คน` of `คนงานรวม 5,699 คน`), or the measure's own word
    when the figure is a count before it (`โรงงาน` of `จำนวน 139 โรงงาน`)."""
    text = thai_digits_to_arabic(item.text)
    if not m.group(0).endswith(m.group(1)):
        return m.group(0)[len(m.group(1)):].strip()
    rest = text[m.end():].split()
    return rest[0] if rest else ""


def _compared(q: Query, values: list[tuple[Decimal, ListItem, re.Match]],
              idf: dict[str, float]) -> tuple[Decimal, ListItem, re.Match] | None:
    """The other sibling a question compares the extreme with (`มากกว่ากลุ่มพลังงานกี่คน`): the one whose name (its
    text before its figure) holds most of the weight of the words after the comparison word, when it alone does."""
    sides = split_comparison(q.text)
    if sides is None:
        return None
    asked = set(search_tokens(sides[1]))
    scored = []
    for v, it, m in values[1:]:
        name = set(search_tokens(thai_digits_to_arabic(it.text)[:m.start()]))
        scored.append((sum(idf.get(t, 0.0) for t in asked & name), (v, it, m)))
    scored.sort(key=lambda s: s[0], reverse=True)
    if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
