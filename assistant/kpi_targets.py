"""A KPI's target for a fiscal year, from the plan graph's KPI rows (the facts contract of `plan-assistant
facts kpis --json`): the KPI whose text (with the plan level it belongs to) best covers what a question
asks about, the target for the asked year (else the document's own fiscal year), cited with its row.

Only questions that ask for a target (`ตั้งเป้า`, `ค่าเป้าหมาย`, `target`) and not for money come here;
words come from the profile's `[query]`. A question no KPI covers well enough gets None (the pipeline
goes on to passages).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from assistant.lookup import FactsDB, decimals
from assistant.outline import compact
from assistant.passages import compound_parts, key_terms, term_weights
from assistant.plan_levels import PlanLevels, asks_gap, asks_target, say_change
from assistant.records import Evidence
from assistant.route import Query, asked_counts
from assistant.structured_answers import Draft, _t, states_count
from assistant.understand import types_any
from assistant.units import unstated_count
from ingest.tokenize import search_tokens
from ingest.vocabulary import query_words, vocabulary

MIN_COVER = 0.6  # share of the question's (idf-weighted) key terms a KPI's text and level must hold
COUNT_COVER = 0.8  # … when the question asks a count of the KPI's unit but types no target word
LEVEL_BONUS = 0.15  # the KPI belongs to the level the question names (or one under it)


@dataclass
class Kpi:
    """One KPI with its yearly targets, tokenised once."""

    doc_id: str
    node: str | None  # the plan level's name
    text: str
    unit: str | None
    line_start: int
    line_end: int
    quote: str
    group: str | None = None  # the service target the KPI measures, where the table prints one
    targets: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # year → (printed, result)
    tokens: set[str] = field(default_factory=set)
    unspaced: str = ""  # its text without spaces, where a question word may print in two parts


class KpiIndex:
    """Every KPI that prints yearly targets, read from the facts on first use."""

    def __init__(self, db: FactsDB):
        self.kpis: list[Kpi] = []
        by_row: dict[tuple[str, int], Kpi] = {}
        for r in db.kpi_rows():
            if r["fiscal_year"] is None or not r["printed"]:
                continue
            key = (r["doc_id"], r["line_start"])
            if key not in by_row:
                by_row[key] = Kpi(r["doc_id"], r["name"], " ".join((r["kpi"] or "").split()), r["unit"],
                                  r["line_start"], r["line_end"], r["quote"] or "", r["group"])
                self.kpis.append(by_row[key])
            by_row[key].targets[r["fiscal_year"]] = (r["printed"], r["result"])
        for k in self.kpis:
            k.tokens = set(search_tokens(f"{k.text} {k.unit or ''} {k.node or ''}"))
            k.unspaced = "".join(k.text.split())


def _table_evidence(k: Kpi, levels: PlanLevels, db: FactsDB) -> Evidence:
    """The KPI's table (its year header and targets), else the KPI's own row: a scrambled text layer
    prints a row's targets far from its text, so the row alone may not show them."""
    table = next((t for t in levels.outline.tables.get(k.doc_id, []) if t.line_start <= k.line_start <= t.line_end), None)
    start, end = (table.line_start, table.line_end) if table else (k.line_start, k.line_end)
    return db.evidence(k.doc_id, start, end)


def _of_level(k: Kpi, title: str) -> bool:
    return bool(k.node) and (k.node.rstrip("…") in title or title in k.node)


def _node_evidence(k: Kpi, levels: PlanLevels) -> list[Evidence]:
    """The heading of the level a KPI belongs to (the last of its name before the KPI's row), cited for the
    name the answer prints (`โครงการที่ 3 : โครงการพัฒนา…`, stored shortened); none when no level has it."""
    if not k.node:
        return []
    mine = [lv for lv in levels.levels if lv.doc_id == k.doc_id and lv.line_start <= k.line_start
            and _of_level(k, levels.title(lv))]
    return [levels.evidence(max(mine, key=lambda lv: lv.line_start))] if mine else []


def level_kpis(q: Query, index: KpiIndex, levels: PlanLevels, db: FactsDB) -> Draft | None:
    """Every KPI of the level the question names, with its unit and the target for the asked year (else
    the document's own year), cited with its table."""
    named = levels.named(q.text)
    if not named:
        return None
    lv = named[0][1]
    title = levels.title(lv)
    kpis = [k for k in index.kpis if k.doc_id == lv.doc_id and _of_level(k, title)]
    if not kpis:
        return None
    book = levels.fiscal_year(lv.doc_id)
    year = q.years[0] if q.years else (book[0] if book else None)
    draft = Draft(support=1.0)
    draft.say(_t(q, f"ตัวชี้วัดของ {title} ({len(kpis)} ตัว):", f"KPIs of {title} ({len(kpis)}):"),
              [levels.evidence(lv)], template=True, computed=[str(len(kpis))])
    for k in kpis:
        target = k.targets.get(year) if year else None
        unit = f" {k.unit}" if k.unit else ""
        value = _t(q, f" — ปี {year}: {target[0]}{unit}", f" — {year}: {target[0]}{unit}") if target else ""
        draft.say(f"• {k.text}{value}", [_table_evidence(k, levels, db)], template=True)
    return draft


def names_other_section(q: Query) -> bool:
    """Whether the question names a section other than a KPI's before it asks for a target
    (`วิสัยทัศน์ … ตั้งเป้า…`: the vision states the target; its body answers, not a KPI row). A label
    after the target word is part of the KPI's wording (`ตัวชี้วัดจำนวนข้อเสนอนโยบาย มาตรการ …`)."""
    words = [compact(w) for w in query_words().target_words]
    asked = compact(q.text)
    first = min((asked.find(w) for w in words if w in asked), default=len(asked))
    return any(not any(w in compact(label) or compact(label) in w for w in words)
               and 0 <= asked.find(compact(label)) < first for label in q.labels)


def target_part(q: Query, said: Draft, index: KpiIndex, levels: PlanLevels, db: FactsDB, idf: dict[str, float]
                ) -> Draft | None:
    """A KPI target asked beside a level's amount (`ได้งบเท่าไร ตั้งเป้าใช้ประโยชน์กี่เรื่อง`): `answer` on the
    question's words less its money words (which no KPI prints); None when it asks no count unit, the answer
    already states it, or no KPI fits."""
    if unstated_count(q, said) is None:
        return None
    text = q.text
    for word in sorted(query_words().money_words, key=len, reverse=True):
        text = text.replace(word, " ")
    return answer(replace(q, text=" ".join(text.split())), index, levels, db, idf)


class _Cover:
    """How much of a question's idf-weighted key terms (less its target words and figures) a KPI's words hold: a
    compound term the tokenizer kept whole counts when the KPI holds both its parts (`ได้ประโยชน์` in `ได้รับ
    ประโยชน์`); the level the question names lends its own words to every KPI under it, and a bonus."""

    def __init__(self, q: Query, levels: PlanLevels, idf: dict[str, float]):
        target_words = {t for w in query_words().target_words for t in search_tokens(w)}
        terms = [t for t in key_terms(q) if t not in target_words and not t.isdigit()]
        self.weight = term_weights(terms, idf)
        self.total = sum(self.weight.values())
        self.splits = compound_parts(terms, idf)
        named = levels.named(q.text)
        under = {id(lv) for _, lv in named[:1] for lv in [named[0][1], *named[0][1].descendants()]} if named else set()
        self.names = {levels.title(lv) for lv in levels.levels if id(lv) in under}
        # the named level's own words are found for every KPI under it, not only for those whose level is the named
        # one itself (an agency's KPIs beside its output's: `กรม… ตั้งเป้าหมู่บ้านที่มีอาสาสมัคร…` is the output's KPI)
        self.own = set(search_tokens(levels.title(named[0][1]))) if named else set()

    def of(self, kpis: list[Kpi]) -> float:
        """The share covered by these KPIs' words together (0 when the question has no key term)."""
        if not self.total:
            return 0.0
        under_named = any(_of_level(k, n) for k in kpis for n in self.names)
        tokens = set().union(*(k.tokens for k in kpis)) | (self.own if under_named else set())
        held = sum(w for t, w in self.weight.items()
                   if t in tokens or any(a in tokens and b in tokens for a, b in self.splits.get(t, []))
                   or any(_split_in(t, k.unspaced) for k in kpis))
        return held / self.total + (LEVEL_BONUS if under_named else 0.0)


SPLIT_PART = 3  # characters of each part of a question word a KPI prints with a word between them
SPLIT_GAP = 6  # characters that word may have (`ได้ประโยชน์` in `ได้รับประโยชน์`)


def _split_in(term: str, printed: str) -> bool:
    """Whether a KPI's text prints a question word in two parts with a short word between them."""
    for i in range(SPLIT_PART, len(term) - SPLIT_PART + 1):
        at = printed.find(term[:i])
        while at >= 0:
            rest = printed.find(term[i:], at + i)
            if 0 <= rest - (at + i) <= SPLIT_GAP:
                return True
            at = printed.find(term[:i], at + 1)
    return False


def _best(q: Query, index: KpiIndex, levels: PlanLevels, idf: dict[str, float]) -> tuple[float, Kpi] | None:
    """The KPI whose words cover most of the question's key terms, with that share; None when it has no key term."""
    cover = _Cover(q, levels, idf)
    if not cover.total or not index.kpis:
        return None
    return max(((cover.of([k]), k) for k in index.kpis), key=lambda c: c[0])


FIRST_TRIED = 10  # the best-covering KPIs of a several-count question's first part, each tried with its siblings


def _several(q: Query, parts: list[tuple[str, str | None]], index: KpiIndex, levels: PlanLevels, db: FactsDB,
             idf: dict[str, float]) -> Draft | None:
    """Each count a question asks of one service target (`…ตั้งเป้าฟื้นฟูแหล่งน้ำกี่แห่ง และมีครัวเรือนได้ประโยชน์กี่
    ครัวเรือน`): a KPI counting the first part's unit (the part holds the question's level and year) and, for each
    later part, the KPI of the same target and level counting that part's unit; the set whose words together cover
    the whole question best, if it covers enough. None unless every part has its KPI."""
    first, whole = _Cover(replace(q, text=parts[0][0]), levels, idf), _Cover(q, levels, idf)
    if not first.total:
        return None
    tried = sorted((k for k in index.kpis if not parts[0][1] or k.unit == parts[0][1]), key=lambda k: first.of([k]),
                   reverse=True)[:FIRST_TRIED]
    later = [(_Cover(replace(q, text=text), levels, idf), unit) for text, unit in parts[1:]]  # each part's words, once
    best: tuple[float, list[Kpi]] | None = None
    for k0 in tried:
        picked = [k0]
        for own, unit in later:
            near = [k for k in index.kpis if k.doc_id == k0.doc_id and k.node == k0.node and k.group == k0.group
                    and unit and k.unit == unit and k not in picked]
            if not near:
                break
            picked.append(max(near, key=lambda k: (own.of([k]), -abs(k.line_start - k0.line_start))))
        else:
            score = whole.of(picked)
            if best is None or score > best[0]:
                best = (score, picked)
    if best is None or best[0] < MIN_COVER:
        return None
    picked = best[1]
    book = levels.fiscal_year(picked[0].doc_id)
    year = next((y for y in q.years if all(y in k.targets for k in picked)), None) if q.years else (book[0] if book else None)
    if year is None or not all(year in k.targets for k in picked):
        return None
    draft = Draft(support=1.0)
    for k in picked:
        draft.say(_target_sentence(q, k, year),
                  [_table_evidence(k, levels, db), *_node_evidence(k, levels)] + ([book[1]] if book and not q.years else []),
                  template=True)
    return draft


def _target_sentence(q: Query, k: Kpi, year: int) -> str:
    """`<level>: <KPI> — ค่าเป้าหมายปี <year>: <target> <unit> (ผลการดำเนินงาน <result>)`, as the table prints them."""
    printed, result = k.targets[year]
    unit = f" {k.unit}" if k.unit else ""
    done = _t(q, f" (ผลการดำเนินงาน {result})", f" (result {result})") if result else ""
    where = f"{k.node}: " if k.node else ""
    return _t(q, f"{where}{k.text} — ค่าเป้าหมายปี {year}: {printed}{unit}{done}",
              f"{where}{k.text} — target for {year}: {printed}{unit}{done}")


def answer(q: Query, index: KpiIndex, levels: PlanLevels, db: FactsDB, idf: dict[str, float]) -> Draft | None:
    """The target of the KPI the question describes, for the asked year, cited; None if none fits."""
    # `…จะพัฒนาทักษะผู้ประกอบการกี่ราย` of a named level: a count its KPI plans, asked without a target word
    target = asks_target(q.text)
    counted = not target and q.wants_figure and q.unit in vocabulary().units.count and not q.operation
    if not (target or counted) or not index.kpis or names_other_section(q):
        return None
    if q.wants_list and not q.wants_figure:
        return level_kpis(q, index, levels, db)
    parts = asked_counts(q.text) if target else []  # several counts, each asked with a count word
    if len(parts) > 1:
        several = _several(q, parts, index, levels, db, idf)
        if several is not None:
            return several
    named = levels.named(q.text)
    best = _best(q, index, levels, idf)
    if best is None or best[0] < MIN_COVER:
        return None
    k = best[1]
    if counted and (not named or best[0] < COUNT_COVER or k.unit != q.unit or
                    not any(_of_level(k, levels.title(lv)) for lv in [named[0][1], *named[0][1].ancestors()])):
        return None  # a count asked without a target word: only a KPI of the named level (or its agency) counting it
    book = levels.fiscal_year(k.doc_id)
    year = next((y for y in q.years if y in k.targets), None) if q.years else (book[0] if book else None)
    if year is None or year not in k.targets:
        return None
    printed, result = k.targets[year]
    e = _table_evidence(k, levels, db)
    node = _node_evidence(k, levels)
    draft = Draft(support=1.0)
    unit = f" {k.unit}" if k.unit else ""
    if not states_count(q, f"{k.text} {_planned(printed, result)}{unit}"):  # `…กี่คน`: the closest KPI counts `7 แห่ง`
        draft.refused, draft.support = True, 0.0
        draft.say(_t(q, "แผนไม่ได้ระบุจำนวนที่ถามไว้โดยตรง ตัวชี้วัดที่ใกล้เคียงที่สุดคือ:",
                     "The plan does not state this count; the closest indicator is:"), template=True)
    if not result and types_any(q.text, query_words().actual_words):  # `ผลการดำเนินงานจริงปี 2564`: no result printed
        draft.say(_t(q, f"เอกสารไม่ได้ระบุผลการดำเนินงานจริงของปี {year} ระบุเพียงค่าเป้าหมาย:",
                     f"The document does not state an actual result for {year}; it prints only the target:"),
                  template=True, computed=[str(year)])
    draft.say(_target_sentence(q, k, year),
              [e, *node] + ([book[1]] if book and not q.years else []), template=True)  # the level's heading: `โครงการที่ 4`
    others = [f"{y}: {p}" for y, (p, _) in sorted(k.targets.items()) if y != year]
    if others:
        draft.say(_t(q, "ปีอื่น: ", "Other years: ") + ", ".join(others), [e], template=True)
    asked = sorted(y for y in dict.fromkeys(q.years) if y in k.targets)
    planned = {y: _planned(*k.targets[y]) for y in asked}  # `530 ( 530 )`: the plan, then the result in brackets
    # `ปี65 ตั้งเป้ากี่หมู่บ้าน แล้วปี64ทำได้จริงเท่าไหร่`: another asked year's result, as printed beside its target
    results = [y for y in asked if y != year and k.targets[y][1]] if types_any(q.text, query_words().actual_words) else []
    for y in results:
        draft.say(_t(q, f"ผลการดำเนินงานปี {y}: {k.targets[y][1]}{unit} (ค่าเป้าหมาย {planned[y]}{unit})",
                     f"Result for {y}: {k.targets[y][1]}{unit} (target {planned[y]}{unit})"), [e], template=True)
    if results:
        return draft  # the result asked, not a change between the years (`…เพิ่มขึ้น` may be the KPI's own word)
    if q.operation == "difference" and len(asked) == 2 and all(_one_figure(planned[y]) for y in asked):
        # (a target printed as text, `ร้อยละ 80 ขึ้นไป` or `-`, is stated, not subtracted)
        say_change(q, draft, *((y, planned[y]) for y in asked), [e], k.unit or "")
    elif q.operation == "sum" and len(asked) > 1 and all(_one_figure(planned[y]) for y in asked):
        _say_sum(q, draft, {y: planned[y] for y in asked}, [e], k.unit or "")
    elif result and len(asked) < 2 and asks_gap(q.text) and _one_figure(_planned(printed, result)) and _one_figure(result):
        _say_gap(q, draft, year, _planned(printed, result), result, [e], k.unit or "")
    return draft


def _say_sum(q: Query, draft: Draft, planned: dict[int, str], cited: list[Evidence], unit: str) -> None:
    """The asked years' targets added (`ปี 2564 + ปี 2565: 115,000 + 230,000 = 345,000 คน`), computed in code to as
    many places as they print, cited."""
    total = sum(Decimal(p.replace(",", "")) for p in planned.values())
    shown = f"{total:,.{decimals(*planned.values())}f}"
    years = " + ".join(str(y) for y in planned)
    figures = " + ".join(planned.values())
    unit = f" {unit}" if unit else ""
    draft.say(_t(q, f"ค่าเป้าหมายปี {years} รวมกัน: {figures} = {shown}{unit}",
                 f"Targets for {years} combined: {figures} = {shown}{unit}"),
              cited, template=True, computed=[shown.replace(",", "")])


def _say_gap(q: Query, draft: Draft, year: int, planned: str, result: str, cited: list[Evidence], unit: str) -> None:
    """The year's result less its target (`186,406 − 60,000 → สูงกว่าเป้าหมาย 126,406 ราย`), computed in code to as
    many places as they print, cited."""
    gap = Decimal(result.replace(",", "")) - Decimal(planned.replace(",", ""))
    shown = f"{abs(gap):,.{decimals(planned, result)}f}"
    above = gap >= 0
    sign = _t(q, "สูงกว่าเป้าหมาย" if above else "ต่ำกว่าเป้าหมาย", "above the target by" if above else "below the target by")
    unit = f" {unit}" if unit else ""
    draft.say(_t(q, f"ผลการดำเนินงานปี {year} เทียบกับค่าเป้าหมาย: {result} − {planned} → {sign} {shown}{unit}",
                 f"Result for {year} against its target: {result} − {planned} → {sign} {shown}{unit}"),
              cited, template=True, computed=[shown.replace(",", "")])


def _planned(printed: str, result: str | None) -> str:
    """A year's planned target without the result printed after it in brackets (`530 ( 530 )` → `530`)."""
    return printed.split("(")[0].strip() if result else printed.strip()


def _one_figure(printed: str) -> bool:
    """Whether a target is printed as one figure (`74,816`, `55`)."""
    return bool(re.fullmatch(r"\d[\d,]*(?:\.\d+)?", printed.strip()))
