"""Answers from the facts database: budgets, brief fields, project lists, totals, links, results.

Every figure is what the lookup returns (printed value, or its baht form, or a count/sum
computed by SQL), never something a model wrote. Each sentence cites the rows it rests on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from assistant.lookup import (BudgetRow, Cite, FactsDB, ProjectRow, decimals, normalize_source, normalize_year,
                              split_hints)
from assistant.normalize import translate_english
from assistant.passages import figures_of, key_terms
from assistant.records import Evidence, Sentence
from assistant.route import (ASKS_LINKAGE, ASKS_LIST, ASKS_MENTION, ASKS_WHICH_PROJECT, LINK_LEVELS, Query, asked_counts,
                             project_name_in, source_in)
from assistant.understand import types_any
from ingest.facts import compact_name, compact_text
from ingest.thai_repair import index_form
from ingest.tokenize import search_tokens, words as word_tokens
from ingest.vocabulary import query_words, vocabulary

LEVEL_NAMES = {
    "national_strategy": ("ยุทธศาสตร์ชาติ", "the National Strategy"),
    "master_plan": ("แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", "the master plans under the National Strategy"),
    "nesdp": ("แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ (หมุดหมาย)", "the National Economic and Social Development Plan (milestones)"),
    "reform": ("แผนการปฏิรูปประเทศ", "the national reform plan"),
}
FIELD_NAMES = {
    "activities": ("กิจกรรมที่สำคัญ", "main activities"), "link": ("ความเชื่อมโยงกับแผนพัฒนาจังหวัด/กลุ่มจังหวัด", "link to the provincial plans"),
    "objectives": ("วัตถุประสงค์", "objectives"), "outputs": ("ผลผลิตและผลลัพธ์", "outputs and outcomes"),
    "kpis": ("ตัวชี้วัดความสำเร็จ", "success indicators"), "rationale": ("หลักการและเหตุผล", "rationale"),
    "duration": ("ระยะเวลา", "duration"), "owner": ("ผู้รับผิดชอบ", "responsible unit"),
    "goals": ("เป้าประสงค์", "goals"), "strategies": ("กลยุทธ์", "strategies"),
}
ORIGIN_NAMES = {"table": ("ตารางงบประมาณ", "budget table"), "brief": ("แบบย่อโครงการ", "project brief")}
CONFLICT = ("เอกสารอื่นระบุตัวเลขต่างกัน", "Another document states a different figure")
MAX_QUOTE_CHARS = 900


@dataclass
class Draft:
    """Sentences with the evidence they cite; what an engine turns into an Answer."""

    sentences: list[Sentence] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    refused: bool = False
    support: float = 1.0
    missing: bool = False  # the facts have no such project: the text may still have it (assistant.fallback)

    def cite(self, evidence: Evidence) -> int:
        """Index of this evidence in the draft, adding it once."""
        for i, e in enumerate(self.evidence):
            if (e.doc_id, e.line_start, e.line_end) == (evidence.doc_id, evidence.line_start, evidence.line_end):
                e.figures = sorted(set(e.figures) | set(evidence.figures))
                return i
        self.evidence.append(evidence)
        return len(self.evidence) - 1

    def say(self, text: str, evidence: list[Evidence] | None = None, template: bool = False,
            computed: list[str] | None = None) -> None:
        self.sentences.append(Sentence(text, [self.cite(e) for e in evidence or []], computed or [], template))


def _ev(cite: Cite | dict, figures: list[str] | None = None) -> Evidence:
    c = cite if isinstance(cite, Cite) else Cite(**cite)
    return Evidence(c.doc_id, c.line_start, c.line_end, c.quote, "lookup", 1.0, figures or [])


def _t(q: Query, th: str, en: str) -> str:
    return en if q.language == "en" else th


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE_CHARS else text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


# What a facts flag says, in Thai (the flag's own message is English, for logs and the facts command).
FLAG_NOTES = {
    "table_row_without_brief": "ไม่มีแบบย่อโครงการที่ตรงกับแถวนี้ของตารางงบประมาณ",
    "brief_without_table_row": "แบบย่อโครงการนี้ไม่ตรงกับแถวใดของตารางงบประมาณ",
    "year_unknown": "ตารางไม่ได้ระบุว่าจำนวนเงินนี้เป็นของปีงบประมาณใด",
    "unit_unknown": "ตารางไม่ได้ระบุหน่วยของจำนวนเงิน",
}


def _flag_note(q: Query, kind: str, message: str) -> str:
    """A flag as a note in the question's language (its English message where no Thai one is written)."""
    return _t(q, f"หมายเหตุ: {FLAG_NOTES.get(kind, message)}", f"Note: {message}")


def _budget_text(q: Query, b) -> str:
    year = str(b.fiscal_year) if b.fiscal_year else _t(
        q, "ไม่ระบุปี (อาจเป็น " + " หรือ ".join(map(str, b.candidate_years)) + ")",
        "year not stated (" + " or ".join(map(str, b.candidate_years)) + ")")
    baht = "" if b.unit == "บาท" else f" = {b.baht:,} บาท"
    origin = ORIGIN_NAMES.get(b.origin, (b.origin, b.origin))
    return _t(q, f"{b.printed} {b.unit}{baht} ปีงบประมาณ {year} ({b.source}, {origin[0]})",
              f"{b.printed} {b.unit}{baht}, fiscal year {year} ({b.source}, {origin[1]})")


def _budget_figures(b) -> list[str]:
    """The figures a budget row's sentence states beyond its quote: baht, and its year or the years it may be."""
    return [str(b.baht), *(str(y) for y in (b.fiscal_year, *b.candidate_years) if y)]


def _by_document(rows: list, order: dict[str, int] | None = None) -> list[tuple[str, list]]:
    """Rows grouped by their document, in the order the documents first appear (or in `order`)."""
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(r.doc_id, []).append(r)
    if order is not None:
        return sorted(groups.items(), key=lambda g: order.get(g[0], len(order)))
    return list(groups.items())


def _differs(other: ProjectRow, own: list[ProjectRow]) -> bool:
    """Another document states an amount for this project that its own document does not state (same
    baht, for the same fiscal year or one left open)."""
    mine = [b for p in own for b in p.budgets]
    return any(not any(o.baht == b.baht and (o.fiscal_year == b.fiscal_year or None in (o.fiscal_year, b.fiscal_year))
                       for o in mine) for b in other.budgets)


def _document_ev(cite: Cite, title: str) -> Evidence:
    """A row's evidence that also vouches for the figures of its document's title (from the lookup)."""
    return _ev(cite, figures_of(title))


def not_found(q: Query, db: FactsDB, draft: Draft) -> Draft:
    """Refusal for a project name the plan does not have, with the closest names it does have."""
    draft.refused = True
    draft.missing = True
    draft.support = 0.0
    draft.say(_t(q, f"ไม่พบโครงการ “{q.project_name}” ในแผน จึงไม่มีข้อมูลงบประมาณหรือรายละเอียดของโครงการนี้",
                 f"The plan does not include a project named “{q.project_name}”, so it states no budget or details for it."),
              template=True)
    closest = db.find_projects(q.project_name or "", limit=3, min_score=0.35)
    if closest:
        draft.say(_t(q, "โครงการที่ชื่อใกล้เคียงที่สุดในแผน:", "Closest project names in the plan:"), template=True)
        for p in closest:
            draft.say(f"• {p.name} ({p.source})", [_ev(p.cite)])
    return draft


def budget_years(q: Query, db: FactsDB) -> Draft | None:
    """One project's budgets of two asked years added or compared ("…ปี 68 (งบกลุ่มจังหวัด) ได้มากกว่าปี 67 (งบจังหวัด)
    เท่าไร"): the project under each source its document lists it under, one row per year (its brief's, else its
    table row), cited and computed in code; None unless each year has exactly one such row."""
    years = list(dict.fromkeys(q.years))
    if q.operation not in ("sum", "difference") or len(years) != 2 or not q.project_name:
        return None
    # every source, a source typed in the name too (`…งบกลุ่มจังหวัดปี 68 มากกว่างบจังหวัดปี 67`): the two years may sit
    # under two sources
    found = db.find_projects(split_hints(q.project_name)[0])
    found = [p for p in found if p.doc_id == found[0].doc_id] if found else []
    chosen = []
    for year in years:
        rows = [(p, b) for p in found for b in p.budgets if b.fiscal_year == year and b.baht is not None]
        pick = next((r for origin in ("brief", "table") if len(r := [pb for pb in rows if pb[1].origin == origin]) == 1),
                    None)
        if pick is None:
            return None
        chosen.append(pick[0])
    (p1, a), (p2, b) = sorted(chosen, key=lambda pb: pb[1].fiscal_year)
    draft = Draft(support=1.0)
    for p, row in ((p1, a), (p2, b)):
        draft.say(f"• {p.name} ({p.source}): {_budget_text(q, row)}", [_ev(row.cite, _budget_figures(row))], template=True)
    _say_computed(q, draft, a, b)
    return draft


def _say_computed(q: Query, draft: Draft, a, b) -> int:
    """The sum (or the difference, larger first) of two budget rows' baht, said with its operands, cited; the result."""
    if q.operation == "sum":
        result, text = a.baht + b.baht, f"{a.baht:,} + {b.baht:,}"
    else:
        result, text = abs(a.baht - b.baht), f"{max(a.baht, b.baht):,} − {min(a.baht, b.baht):,}"
    draft.say(_t(q, f"คำนวณ: {text} = {result:,} บาท", f"Computed: {text} = {result:,} baht"),
              [_ev(a.cite), _ev(b.cite)], template=True, computed=[str(result)])
    return result


def budget(q: Query, db: FactsDB) -> Draft:
    """A project's budget rows (table and brief), filtered by the asked year; flags shown, never resolved silently."""
    changed = budget_years(q, db)
    if changed is not None:
        return changed
    draft = Draft()
    projects = db.find_projects(q.project_name or "", q.source)
    if not projects:
        return not_found(q, db, draft)
    # Figures come from the project's own document (the lookup puts it first); a same-named project in
    # other documents is shown after it, labelled with its document, and flagged when its amounts differ.
    groups = _by_document(projects)
    own_doc, own = groups[0]
    titles = db.titles() if len(groups) > 1 else {}
    if titles:
        title = titles.get(own_doc, own_doc)
        draft.say(_t(q, f"ตามเอกสารของโครงการ “{title}”:", f"From the project's own document, “{title}”:"),
                  [_document_ev(own[0].cite, title)], template=True)
    if q.operation != "share" and types_any(q.text, query_words().proportion_words):
        draft.refused = True  # `What was the budget disbursement rate of …`: its amounts, as what the plan does say
        draft.say(_t(q, "แผนไม่ได้ระบุอัตราหรือร้อยละที่ถามของโครงการนี้ งบประมาณที่แผนระบุไว้คือ:",
                     "The plan does not state the rate or percentage asked for this project; the budget it states is:"),
                  template=True)
    for p in own:
        rows = p.budgets
        asked = [b for b in rows if q.year is None or b.fiscal_year == q.year or q.year in b.candidate_years]
        draft.say(_t(q, f"{p.name} ({p.source}):", f"{p.name} ({p.source}):"), [_ev(p.cite)], template=True)
        if not asked:
            draft.refused = True
            years = sorted({b.fiscal_year for b in rows if b.fiscal_year})
            draft.say(_t(q, f"แผนไม่ได้ระบุงบประมาณปี {q.year} ของโครงการนี้"
                            + (f" (แผนระบุงบประมาณไว้เฉพาะปี {', '.join(map(str, years))})" if years else ""),
                         f"The plan does not state a {q.year} budget for this project"
                            + (f" (it only gives {', '.join(map(str, years))})" if years else "")),
                      [_ev(b.cite) for b in rows][:2] if years else [], template=True)
            asked = rows  # what the plan does say, as the closest information
        if not rows:
            draft.refused = True
            draft.say(_t(q, "แผนไม่ได้ระบุงบประมาณของโครงการนี้", "The plan states no budget for this project."), template=True)
        for b in asked:
            draft.say("• " + _budget_text(q, b), [_ev(b.cite, _budget_figures(b))], template=True)
        for kind, message in zip(p.flag_kinds, p.flags):
            draft.say(_flag_note(q, kind, message), [_ev(p.cite, figures_of(message))], template=True)
    for doc_id, others in groups[1:]:
        title = titles.get(doc_id, doc_id)
        for p in others:
            if _differs(p, own):
                head = _t(q, f"⚠️ {CONFLICT[0]} (ไม่ได้นำมารวม): เอกสาร “{title}” ระบุ {p.name} ({p.source}):",
                          f"⚠️ {CONFLICT[1]} (not merged): “{title}” gives {p.name} ({p.source}):")
            else:
                head = _t(q, f"เอกสารอื่น “{title}” ระบุ {p.name} ({p.source}) ไว้ด้วย:",
                          f"Another document, “{title}”, also lists {p.name} ({p.source}):")
            draft.say(head, [_document_ev(p.cite, title)], template=True)
            asked = [b for b in p.budgets if q.year is None or b.fiscal_year == q.year or q.year in b.candidate_years]
            for b in asked or p.budgets:
                draft.say("  • " + _budget_text(q, b), [_ev(b.cite, _budget_figures(b))], template=True)
            for kind, message in zip(p.flag_kinds, p.flags):
                draft.say("  " + _flag_note(q, kind, message), [_ev(p.cite, figures_of(message))], template=True)
    return draft


FOCUS_LINES = 3  # lines of a long field quoted where the question asks about one thing in it
MIN_FOCUS_TERMS = 2  # question words (beyond the project's name) those lines must hold


def _focus(q: Query, db: FactsDB, cite: Cite, name: str) -> Cite | None:
    """The few lines of a long brief field that hold what the question asks about in it (`ระบุว่า สมอ. จัดทำ
    โครงการ … ระยะเวลากี่ปี วงเงินเท่าไร` in a rationale of 40 lines): the window with most of the question's
    own words (a figure in it when one is asked); None when no window holds MIN_FOCUS_TERMS of them."""
    own = set(search_tokens(name)) | set(search_tokens(FIELD_NAMES.get(q.field or "", ("", ""))[0]))
    terms = {t for t in key_terms(q) if t not in own and not t.isdigit()}
    rows = [(n, text) for n, text, _ in db.lines(cite.doc_id, cite.line_start, cite.line_end) if text.strip()]
    tokens = [set(search_tokens(text)) for _, text in rows]
    best: tuple[float, int, int] | None = None
    for i in range(len(rows)):
        for size in range(1, FOCUS_LINES + 1):
            if i + size > len(rows):
                break
            got = len(terms & set().union(*tokens[i:i + size]))
            figure = q.wants_figure and any(figures_of(t) for _, t in rows[i:i + size])
            score = got + (0.5 if figure else 0.0) - 0.1 * (size - 1)
            if got >= MIN_FOCUS_TERMS and (best is None or score > best[0]):
                best = (score, rows[i][0], rows[i + size - 1][0])
    if best is None:
        return None
    printed = dict(rows)
    end = best[2]
    for n in [n for n, _ in rows if n > end][:FOCUS_LINES - 1]:  # a line broken mid-phrase (no trailing space)
        if printed[end][-1:].isspace():                          # goes on to the next
            break
        end = n
    return db.cite(cite.doc_id, best[1], end)


MIN_ALIKE, ALIKE = 5, 0.8  # characters of a misspelt counted word, and its likeness to the printed one
# The brief fields that print counted targets, in the order a count asked of another field is looked for in them.
COUNT_FIELDS = ("kpis", "outputs", "activities")


def states_count(q: Query, text: str) -> bool:
    """Whether a text states the count a question asks (`กี่แห่ง`, a unit of the profile's counts): a number
    followed by that unit, or by the word typed just before the count word (`พัฒนาแบบผลิตภัณฑ์กี่ชิ้น` →
    `จำนวน 10 ผลิตภัณฑ์`). Any text states what is not a count question."""
    counts = [*vocabulary().units.count, *vocabulary().units.measure]
    asks = [w for w in query_words().figure_ask_words if not w.isascii() and w in q.text]
    if not q.wants_figure or q.unit not in counts or not asks:
        return True
    before = [w for w in word_tokens(q.text[:min(q.text.find(w) for w in asks)]) if w.strip()]
    form = index_form(text)
    if q.unit in vocabulary().units.count_words and re.search(re.escape(q.unit) + r"\s*\d", form):
        return True  # a unit printed before its figure (`ร้อยละ 80`)
    if any(re.search(r"\d[\d,.]*\s*" + re.escape(w), form) for w in [q.unit, *before[-1:]]):
        return True
    # the word typed before the count word misspelt (`ผลิตภันฑ์กี่ชิ้น`): the word printed after a figure, alike
    return bool(before) and len(before[-1]) >= MIN_ALIKE and any(
        SequenceMatcher(None, before[-1], m.group(1)[:len(before[-1]) + 1]).ratio() >= ALIKE
        for m in re.finditer(r"\d[\d,.]*\s*([\u0E01-\u0E4C]+)", form))


def project_counts(q: Query, db: FactsDB) -> Draft | None:
    """The counts a question asks of a named project without naming a field (`โครงการต่อยอดภูมิปัญญาฯ จะพัฒนาออกแบบ
    ผลิตภัณฑ์กี่ชิ้น แล้วอบรมกี่คน`): for each, the item of its brief's count fields (KPIs, outputs, activities) that
    states it and shares a word of its part of the question; a count stated only by an item sharing none is said not
    to be stated as asked, that item shown. None when no count is found so, or when a year the project's budget
    rows do not hold is asked (`ปี 66 มีผู้เข้าร่วมกี่คน`: a year's results, not the brief's targets)."""
    projects = db.find_projects(q.project_name or "", q.source) if q.project_name else []
    counts = {*vocabulary().units.count, *vocabulary().units.measure} - set(vocabulary().units.currency)
    parts = asked_counts(q.text)
    if not projects or not parts or any(unit not in counts for _, unit in parts):
        return None
    p = projects[0]
    if any(y not in {b.fiscal_year for b in p.budgets} for y in q.years):
        return None
    fields = db.brief_fields(p.project_id)
    items = [item for f in COUNT_FIELDS if f in fields for item in _items(db, fields[f])]
    own = set(search_tokens(p.name))
    found: list[tuple[str, Cite, bool]] = []
    for part, unit in parts:
        sub = Query(text=part, normalized=part, language=q.language, unit=unit, wants_figure=True)
        words = set(key_terms(sub)) - own - {unit}
        stating = [(len(words & set(search_tokens(item.quote))), item) for item in items if states_count(sub, item.quote)]
        if not stating:
            return None
        shared, best = max(stating, key=lambda si: si[0])  # the first of a tie
        found.append((part, best, shared > 0))
    if not any(shared for _, _, shared in found):
        return None
    draft = Draft()
    draft.say(_t(q, f"ตามโครงการแบบย่อของ{p.name} ({p.source}):", f"According to the brief of {p.name} ({p.source}):"),
              [_ev(p.cite)], template=True)
    for part, item, shared in found:
        if not shared:
            draft.say(_t(q, f"ไม่ได้ระบุจำนวนตามที่ถาม ({' '.join(part.split())}) โดยตรง รายการที่นับในหน่วยนี้คือ:",
                         f"It does not state this count ({' '.join(part.split())}) as asked; the item counted in "
                         f"this unit is:"), template=True)
        draft.say(" ".join(item.quote.split()), [_ev(item)])
    return draft


def _items(db: FactsDB, cite: Cite) -> list[Cite]:
    """A brief field's numbered items, each with the lines it wraps onto (`1. เสริมสร้าง…หรือ` / `…จำนวน 30 คน`)."""
    rows = [(n, text) for n, text, _ in db.lines(cite.doc_id, cite.line_start, cite.line_end) if text.strip()]
    starts = [i for i, (_, text) in enumerate(rows) if re.match(r"\s*\(?\d{1,2}[.)]", text)]
    if not starts:
        return [db.cite(cite.doc_id, n, n) for n, _ in rows]
    ends = starts[1:] + [len(rows)]
    return [db.cite(cite.doc_id, rows[a][0], rows[b - 1][0]) for a, b in zip(starts, ends)]


def source_part(q: Query, draft: Draft, db: FactsDB) -> Draft:
    """The funding source of the project whose brief the answer quotes, when the question asks it (`งาน X เป็น
    กิจกรรมของโครงการไหน ใช้งบอะไร`): each source the plan lists the project under, cited with the project's
    budget-table row (its brief when no row was read). The draft unchanged otherwise."""
    if draft.refused or not draft.evidence or not types_any(q.text, query_words().source_words):
        return draft
    e = draft.evidence[0]
    for p in db.projects_at(e.doc_id, e.line_start):
        printed = f" ({' '.join(p.source_text.split())})" if p.source_text else ""
        draft.say(_t(q, f"แหล่งงบประมาณของ{p.name}: {p.source}{printed}",
                     f"Funding source of {p.name}: {p.source}{printed}"), [_ev(p.cite)], template=True)
    return draft


def project_field(q: Query, db: FactsDB) -> Draft | None:
    """A field of a project's brief (activities, objectives, outputs …); None when the brief lacks it."""
    projects = db.find_projects(q.project_name or "", q.source)
    if not projects:
        return None
    for p in projects:
        fields = db.brief_fields(p.project_id)
        if q.field in fields:
            draft = Draft()
            # the field asked, else the first that states the count asked (`ผลผลิต … จำนวน 40 คน`), each read once
            field = next((f for f in (q.field, *COUNT_FIELDS) if f in fields and states_count(q, fields[f].quote)), None)
            stated, field = field is not None, field or q.field
            name = FIELD_NAMES.get(field, (field, field))
            if p.doc_id != projects[0].doc_id:  # not in the project's own document: say which one
                title = db.titles().get(p.doc_id, p.doc_id)
                draft.say(_t(q, f"เอกสารของโครงการไม่ได้ระบุ{name[0]} ข้อมูลนี้มาจากเอกสารอื่น “{title}”:",
                             f"The project's own document does not give its {name[1]}; this is from another "
                             f"document, “{title}”:"), [_document_ev(p.cite, title)], template=True)
            if not stated:  # `…ได้รับการส่งเสริมกี่แห่ง`: its KPIs count no such thing
                draft.refused, draft.support = True, 0.0
                draft.say(_t(q, "แผนไม่ได้ระบุจำนวนที่ถามไว้โดยตรง สิ่งที่ระบุไว้คือ:",
                             "The plan does not state this count; what it states is:"), template=True)
            draft.say(_t(q, f"{name[0]} ของ{p.name} ({p.source}):", f"{name[1].capitalize()} of {p.name} ({p.source}):"),
                      [_ev(p.cite)], template=True)
            cite = fields[field]
            focus = _focus(q, db, cite, p.name) if len(" ".join(cite.quote.split())) > MAX_QUOTE_CHARS else None
            draft.say(_clip((focus or cite).quote), [_ev(focus or cite)])
            for more in (f for f in q.more_fields if f in fields):  # `…มีวัตถุประสงค์อะไร และมีตัวชี้วัดอะไรบ้าง`: each
                name = FIELD_NAMES.get(more, (more, more))
                draft.say(_t(q, f"{name[0]}:", f"{name[1].capitalize()}:"), [_ev(p.cite)], template=True)
                draft.say(_clip(fields[more].quote), [_ev(fields[more])])
            return draft
    return None


def list_projects(q: Query, db: FactsDB) -> Draft:
    draft = Draft()
    rows = db.list_projects(q.direction, q.strategy, q.source, q.year)
    where = " ".join(x for x in [
        _t(q, f"แนวทางการพัฒนาด้านที่ {q.direction}", f"direction {q.direction}") if q.direction else "",
        _t(q, f"กลยุทธ์ที่ {q.strategy}", f"strategy {q.strategy}") if q.strategy else "",
        q.source or "", _t(q, f"ปี {q.year}", f"FY {q.year}") if q.year else ""] if x)
    if not rows:
        draft.refused = True
        draft.support = 0.0
        draft.say(_t(q, f"ไม่พบโครงการภายใต้{where}ในแผน", f"The plan lists no projects under {where}."), template=True)
        return draft
    groups = _by_document(rows)
    if len(groups) == 1:
        draft.say(_t(q, f"{where} มีโครงการ {len(rows)} โครงการ:", f"{where.capitalize()} has {len(rows)} projects:"),
                  template=True, computed=[str(len(rows))])
        for p in rows:
            _project_line(q, draft, p)
        return draft
    # Several documents: each one's projects apart (never merged; the plan holding more projects first),
    # a same-named project whose amounts differ between documents flagged.
    groups = _by_document(rows, db.document_order())
    titles = db.titles()
    draft.say(_t(q, f"{where} มีโครงการใน {len(groups)} เอกสาร (แยกตามเอกสาร ไม่นำมารวมกัน):",
                 f"{where.capitalize()} has projects in {len(groups)} documents (listed per document, not merged):"),
              template=True, computed=[str(len(groups))])
    by_name: dict[str, list[ProjectRow]] = {}
    for p in rows:
        by_name.setdefault(compact_name(p.name), []).append(p)
    for doc_id, doc_rows in groups:
        title = titles.get(doc_id, doc_id)
        draft.say(_t(q, f"เอกสาร “{title}”: {len(doc_rows)} โครงการ", f"Document “{title}”: {len(doc_rows)} projects"),
                  [_document_ev(doc_rows[0].cite, title)], template=True, computed=[str(len(doc_rows))])
        for p in doc_rows:
            _project_line(q, draft, p)
            differ = [titles.get(o.doc_id, o.doc_id) for o in by_name[compact_name(p.name)]
                      if o.doc_id != p.doc_id and (_differs(o, [p]) or _differs(p, [o]))]
            if differ:
                names = ", ".join(f"“{t}”" for t in dict.fromkeys(differ))
                draft.say(_t(q, f"  ⚠️ {CONFLICT[0]}: {names}", f"  ⚠️ {CONFLICT[1]}: {names}"),
                          [_ev(p.cite, [f for t in differ for f in figures_of(t)])], template=True)
    return draft


def _asked_budgets(p: ProjectRow, fy: int | None, category: str | None) -> list[BudgetRow]:
    """A project's budget rows in baht with a known year, of the asked year and funding source (if asked)."""
    return [b for b in p.budgets if b.baht is not None and b.fiscal_year is not None
            and (not fy or b.fiscal_year == fy) and (not category or b.source == category)]


def ranked_projects(q: Query, db: FactsDB) -> Draft:
    """The project with the largest (or smallest) budget among those the question's filters select
    (direction, strategy, funding source, fiscal year), compared in code over the lookup's rows: per
    document and per fiscal year, budget-table rows (a project's brief where it has no table row for
    that year), in baht. The answer names the compared rows' count and cites the winning row, marked computed."""
    draft = Draft()
    largest = q.operation != "min"
    category, fy = normalize_source(q.source), normalize_year(q.year)
    candidates: dict[tuple[str, int], list[tuple[ProjectRow, object]]] = {}
    for p in db.list_projects(q.direction, q.strategy, q.source, q.year):
        usable = _asked_budgets(p, fy, category)
        for year in sorted({b.fiscal_year for b in usable}):
            of_year = [b for b in usable if b.fiscal_year == year]
            for b in [b for b in of_year if b.origin == "table"] or of_year:  # the brief where no table row
                candidates.setdefault((p.doc_id, year), []).append((p, b))
    where = " ".join(x for x in [
        _t(q, f"แนวทางการพัฒนาด้านที่ {q.direction}", f"direction {q.direction}") if q.direction else "",
        _t(q, f"กลยุทธ์ที่ {q.strategy}", f"strategy {q.strategy}") if q.strategy else "",
        q.source or ""] if x)
    if not candidates:
        draft.refused, draft.support = True, 0.0
        draft.say(_t(q, f"แผนไม่ได้ระบุงบประมาณของโครงการ{where}{' ปี ' + str(fy) if fy else ''} ที่นำมาเปรียบเทียบได้",
                     f"The plan states no project budgets{' under ' + where if where else ''}"
                     f"{' for FY ' + str(fy) if fy else ''} to compare."), template=True)
        return draft
    titles = db.titles() if len({doc for doc, _ in candidates}) > 1 else {}
    order = db.document_order()
    word = _t(q, "สูงที่สุด" if largest else "ต่ำที่สุด", "largest" if largest else "smallest")
    for (doc_id, year), pairs in sorted(candidates.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0][1])):
        best = (max if largest else min)(pairs, key=lambda pb: pb[1].baht)
        ties = [p.name for p, b in pairs if b.baht == best[1].baht and p is not best[0]]
        doc = f" ({titles[doc_id]})" if titles else ""
        scope = _t(q, f"โครงการ{(' ' + where) if where else ''} ปีงบประมาณ {year}{doc}",
                   f"projects{(' under ' + where) if where else ''} in FY {year}{doc}")
        n = str(len(pairs))
        draft.say(_t(q, f"ในบรรดา {n} รายการงบประมาณของ{scope} โครงการที่ได้งบประมาณ{word} คือ {best[0].name}: "
                        f"{_budget_text(q, best[1])}",
                     f"Of the {n} budget rows of {scope}, the {word} is {best[0].name}: {_budget_text(q, best[1])}"),
                  [_ev(best[1].cite, [str(best[1].baht), str(year)])], template=True, computed=[n])
        if ties:
            draft.say(_t(q, "เท่ากับ: " + ", ".join(ties), "tied with: " + ", ".join(ties)),
                      [_ev(p.cite) for p, b in pairs if p.name in ties], template=True)
        others = sorted((pb for pb in pairs if pb[1].baht != best[1].baht), key=lambda pb: pb[1].baht, reverse=True)
        if q.operation == "difference" and others:  # "…ได้งบมากกว่า และมากกว่ากันกี่บาท": against the runner-up
            second = others[0]
            gap = f"{best[1].baht - second[1].baht:,} บาท"
            done = [gap.split()[0].replace(",", "")]
            if best[1].unit == second[1].unit == "ล้านบาท":  # as the rows print it, then in baht
                places = decimals(best[1].printed, second[1].printed)
                million = f"{Decimal(best[1].printed.replace(',', '')) - Decimal(second[1].printed.replace(',', '')):,.{places}f}"
                gap, done = f"{million} ล้านบาท = {gap}", done + [million.replace(",", "")]
            draft.say(_t(q, f"มากกว่า {second[0].name} ({_budget_text(q, second[1])}) อยู่ {gap}",
                         f"more than {second[0].name} ({_budget_text(q, second[1])}) by {gap}"),
                      [_ev(second[1].cite, [str(second[1].baht), str(year)])], template=True, computed=done)
    return draft


def project_pair(q: Query, db: FactsDB) -> Draft | None:
    """Two projects named side by side ("โครงการ A กับโครงการ B รวมกันเท่าไร", "…ต่างกันเท่าไร"): each one's
    budget for the asked year and source from the lookup (the briefs' baht where both have one, else the
    table rows), cited, and their sum or difference computed; None unless both are found."""
    if q.operation not in ("sum", "difference"):
        return None
    starts = [m.start() for m in re.finditer("โครงการ", q.text)]
    # the two mentions joined by a pair word (`…ระหว่างโครงการ A กับโครงการ B`: not the first `โครงการงบจังหวัด…`)
    words = [w.strip() for w in query_words().pair_words if w.strip()]
    ends = starts[2:] + [len(q.text)]  # the second name ends where a third mention starts (`… โครงการไหนได้มากกว่า`)
    joined = [(q.text[a:b].rstrip()[:-len(w)], q.text[b:c]) for a, b, c in zip(starts, starts[1:], ends)
              for w in words if q.text[a:b].rstrip().endswith(w)]
    if not joined:
        joined = _bracketed_pair(q.text, words)
    if not joined:
        return None
    left, right = joined[0]  # the pair word left out of the first name
    fy = normalize_year(q.year)
    rows = []
    for side in (left, right):
        name = project_name_in(side)
        source = source_in(side) or q.source  # `A (งบกระทรวง) กับ B (งบจังหวัด)`: each side's own source
        category = normalize_source(source)
        found = db.find_projects(name, source, q.year, limit=1, min_score=FACT_PROJECT_MATCH) if name else []
        if not found:
            return None
        rows.append((found[0], [b for b in found[0].budgets if b.baht is not None and (not fy or b.fiscal_year == fy)
                                and (not category or b.source == category)]))
    if rows[0][0].project_id == rows[1][0].project_id:
        return None
    origin = next((o for o in ("brief", "table") if all(any(b.origin == o for b in bs) for _, bs in rows)), None)
    if origin is None:
        return None
    chosen = [(p, next(b for b in bs if b.origin == origin)) for p, bs in rows]
    draft = Draft(support=1.0)
    for p, b in chosen:
        draft.say(f"• {p.name}: {_budget_text(q, b)}", [_ev(b.cite, _budget_figures(b))], template=True)
    (_, a), (_, b) = chosen
    result = _say_computed(q, draft, a, b)
    if q.operation == "difference" and a.baht != b.baht:  # "โครงการไหนได้มากกว่า": the one with more, named
        more = max(chosen, key=lambda pb: pb[1].baht)
        draft.say(_t(q, f"{more[0].name} ได้มากกว่า {result:,} บาท", f"{more[0].name} gets {result:,} baht more"),
                  [_ev(a.cite), _ev(b.cite)], template=True, computed=[str(result)])
    return draft


def _bracketed_pair(text: str, words: list[str]) -> list[tuple[str, str]]:
    """Two projects named in brackets after the word `โครงการ` (`ของบไว้ 2 โครงการ (ลดใช้คาร์บอน กับ ยกระดับ…)`):
    the bracket split at its one pair word; none when it holds no pair word or several."""
    m = re.search(r"โครงการ\s*\(([^()]+)\)", text)
    if not m:
        return []
    inside = m.group(1)
    cuts = [(i, w) for w in words for i in [inside.find(w)] if i > 0 and inside.count(w) == 1]
    if len(cuts) != 1:
        return []
    i, w = cuts[0]
    return [(f"โครงการ{inside[:i].strip()}", f"โครงการ{inside[i + len(w):].strip()}")]  # each side named as typed


def briefs(q: Query, db: FactsDB) -> Draft:
    """The project briefs of a fiscal year (and source, direction where asked): how many, their
    budgets summed, and the largest or smallest where asked, all computed over the briefs' own
    amounts (baht), each brief cited."""
    draft = Draft()
    category, fy = normalize_source(q.source), normalize_year(q.year)
    years = sorted(set(q.years)) if len(set(q.years)) > 1 else []  # `(ปี 2567 และ 2568)`: each year asked
    by_year: dict[tuple[str, int], list[tuple[ProjectRow, BudgetRow]]] = {}
    for p in db.list_projects(q.direction, q.strategy, q.source, None if years else q.year):
        for b in _asked_budgets(p, None if years else fy, category):
            if b.origin == "brief" and (not years or b.fiscal_year in years):
                by_year.setdefault((p.doc_id, b.fiscal_year), []).append((p, b))
    if not by_year:
        draft.refused, draft.support = True, 0.0
        draft.say(_t(q, f"ไม่พบแบบย่อโครงการ{' ปีงบประมาณ ' + str(fy) if fy else ''}ในแผน",
                     f"The plan has no project briefs{' for FY ' + str(fy) if fy else ''}."), template=True)
        return draft
    ordered = sorted(by_year.items(), key=lambda kv: kv[0][1])  # by fiscal year
    for (_doc, year), rows in ordered:
        total, n = sum(b.baht for _, b in rows), len({p.project_id for p, _ in rows})
        draft.say(_t(q, f"แบบย่อโครงการปีงบประมาณ {year} มี {n} โครงการ รวม {total:,} บาท (คำนวณจากแบบย่อที่อ้างอิง):",
                     f"The FY {year} project briefs: {n} projects, {total:,} baht in all (summed from the cited briefs):"),
                  template=True, computed=[str(n), str(total)])
        for p, b in rows:
            draft.say(f"• {p.name}: {b.baht:,} บาท ({b.source})", [_ev(b.cite, [str(b.baht), str(year)])], template=True)
        if q.operation in ("max", "min"):
            best = (max if q.operation == "max" else min)(rows, key=lambda pb: pb[1].baht)
            word = _t(q, "สูงที่สุด" if q.operation == "max" else "ต่ำที่สุด", "largest" if q.operation == "max" else "smallest")
            draft.say(_t(q, f"โครงการที่ได้งบประมาณ{word}: {best[0].name} ({best[1].baht:,} บาท)",
                         f"The {word}: {best[0].name} ({best[1].baht:,} baht)"),
                      [_ev(best[1].cite, [str(best[1].baht)])], template=True, computed=[str(n)])
    if years and q.operation == "sum" and len(by_year) > 1:
        sums = [sum(b.baht for _, b in rows) for _, rows in ordered]
        shown = " + ".join(f"{x:,}" for x in sums)
        draft.say(_t(q, f"รวมทุกปีที่ถาม: {shown} = {sum(sums):,} บาท", f"All the years asked: {shown} = {sum(sums):,} baht"),
                  [_ev(b.cite) for rows in by_year.values() for _, b in rows], template=True, computed=[*map(str, sums), str(sum(sums))])
    return draft


def _project_line(q: Query, draft: Draft, p: ProjectRow) -> None:
    budgets = "; ".join(_budget_text(q, b) for b in p.budgets if b.origin == "table") or \
        "; ".join(_budget_text(q, b) for b in p.budgets)
    draft.say(f"• {p.name} — {budgets}" if budgets else f"• {p.name} ({p.source})",
              [_ev(p.cite, [f for b in p.budgets for f in _budget_figures(b)])]
              + [_ev(b.cite) for b in p.budgets if b.origin == "table"], template=True)


def totals(q: Query, db: FactsDB) -> Draft:
    by = "direction" if q.direction else "source" if q.source else "year"
    draft = Draft()
    years = sorted(set(q.years))
    if len(years) > 1 and not q.direction:  # "งบกลุ่มจังหวัด ปี 2567 และ 2568 รวมกัน": each year asked, then their sum
        by = "year"
        rows = [r for r in db.totals(by, None, q.source) if str(r.key) in map(str, years)]
    else:
        rows = db.totals(by, q.year, q.source)
    if q.direction:
        rows = [r for r in rows if r.key == q.direction]
    if not rows:
        draft.refused, draft.support = True, 0.0
        draft.say(_t(q, "แผนไม่มีรายการงบประมาณที่ตรงกับเงื่อนไขนี้", "The plan's budget tables have no rows matching this."),
                  template=True)
        return draft
    groups = _by_document(rows)  # the lookup sums each document apart: shown apart, never added up
    if len(groups) == 1:
        draft.say(_t(q, "งบประมาณรวมจากตารางงบประมาณ (คำนวณจากแถวที่อ้างอิง):",
                     "Budget totals from the budget tables (summed from the cited rows):"), template=True)
    else:
        draft.say(_t(q, "งบประมาณรวมจากตารางงบประมาณ แยกตามเอกสาร (คำนวณจากแถวที่อ้างอิง ไม่รวมข้ามเอกสาร):",
                     "Budget totals from the budget tables, per document (summed from the cited rows, "
                     "never across documents):"), template=True)
    titles = db.titles() if len(groups) > 1 else {}
    if titles:
        groups = _by_document(rows, db.document_order())
    for doc_id, doc_rows in groups:
        if titles:
            title = titles.get(doc_id, doc_id)
            draft.say(_t(q, f"เอกสาร “{title}”:", f"Document “{title}”:"),
                      [_document_ev(doc_rows[0].cites[0], title)] if doc_rows[0].cites else [], template=True)
        source = f" ({normalize_source(q.source)})" if q.source and by == "year" else ""
        for r in doc_rows:
            label = {"direction": _t(q, f"แนวทางการพัฒนาด้านที่ {r.key}", f"Direction {r.key}"),
                     "source": str(r.key), "year": _t(q, f"ปีงบประมาณ {r.key}{source}", f"FY {r.key}{source}")}[by]
            printed = f"{r.printed} = " if r.printed else ""  # in the rows' own unit first
            done = [str(r.baht), str(r.projects)] + ([r.printed.split()[0].replace(",", "")] if r.printed else [])
            draft.say(_t(q, f"• {label}: {printed}{r.baht:,} บาท ({r.projects} โครงการ)",
                         f"• {label}: {printed}{r.baht:,} baht ({r.projects} projects)"),
                      [_ev(c) for c in r.cites], template=True, computed=done)
            if r.exact is not None:  # the table rounds to its unit; each project's brief states its amount exactly
                draft.say(_t(q, f"  ตามแบบย่อโครงการ (จำนวนเงินเต็ม): {r.exact:,} บาท",
                             f"  From the project briefs (exact amounts): {r.exact:,} baht"),
                          [_ev(c) for c in r.exact_cites], template=True, computed=[str(r.exact)])
        if len(years) > 1 and by == "year" and len(doc_rows) == len(years):
            value = sum(r.baht for r in doc_rows)
            draft.say(_t(q, f"คำนวณ: รวม {len(years)} ปี{source} = {' + '.join(f'{r.baht:,}' for r in doc_rows)} = {value:,} บาท",
                         f"Computed: {len(years)} years{source} = {' + '.join(f'{r.baht:,}' for r in doc_rows)} = {value:,} baht"),
                      [_ev(c) for r in doc_rows for c in r.cites], template=True,
                      computed=[str(value), str(len(years)), *(str(r.baht) for r in doc_rows)])
    return draft


def links(q: Query, db: FactsDB) -> Draft:
    draft = Draft()
    name = LEVEL_NAMES.get(q.level or "", ("แผนระดับสูง", "higher-level plans"))
    if q.project_name:  # one project's links, from its own brief, before the plan's
        found = project_links(q, db)
        if found is not None:
            return found
        projects = db.find_projects(q.project_name, min_score=FACT_PROJECT_MATCH)
        if projects:
            draft.say(_t(q, f"แบบย่อของ{projects[0].name}ไม่ได้อ้างถึง{name[0]} ความเชื่อมโยงของทั้งแผน:",
                         f"The brief of {projects[0].name} does not refer to {name[1]}; the plan as a whole:"),
                      [_ev(projects[0].cite)], template=True)
    rows = [r for r in db.links(q.level) if not r["project"]]
    if not rows:
        draft.refused, draft.support = True, 0.0
        draft.say(_t(q, f"แผนไม่ได้ระบุความเชื่อมโยงกับ{name[0]}", f"The plan states no link to {name[1]}."), template=True)
        return draft
    nested = _items_of_named(q, rows)
    named = _named_link(q, rows)
    if nested is not None:  # "แผนย่อยอะไรบ้างของ … ประเด็น 8 …": the items of that kind under the one named
        parent, items = nested
        draft.say(_t(q, f"{' '.join(parent['text'].split())} มี {len(items)} รายการ:",
                     f"{' '.join(parent['text'].split())} has {len(items)} items:"),
                  [_ev(parent["cite"])], template=True, computed=[str(len(items))])
        shown = items
    elif named is not None:
        shown = [rows[named]]
    else:
        return _all_links(q, rows, name, draft)
    for r in shown:
        draft.say("• " + " ".join(r["text"].split()), [_ev(r["cite"])])
    if len(shown) == 1:  # "…ประเด็นยุทธศาสตร์ใด", "มีแนวทางการพัฒนาว่าอย่างไร": the sub-heading it types, with its lines
        field = _typed_field(q, db, shown[0], db.links(q.level))
        if field is not None:
            draft.say(" ".join(field.quote.split()), [_ev(field)])
        elif named is not None and nested is None:
            return _all_links(q, rows, name)
    return draft


def _all_links(q: Query, rows: list[dict], name: tuple[str, str], draft: Draft | None = None) -> Draft:
    """Every link item of the asked level, counted, each cited (after what `draft` already says)."""
    draft = draft if draft is not None else Draft()
    draft.say(_t(q, f"แผนนี้เชื่อมโยงกับ{name[0]} {len(rows)} รายการ:", f"The plan links to {name[1]} in {len(rows)} items:"),
              template=True, computed=[str(len(rows))])
    for r in rows:
        draft.say("• " + " ".join(r["text"].split()), [_ev(r["cite"])])
    return draft


FIELD_LINES = 6  # lines of a sub-heading's body quoted under a link item
FIELD_SPAN = 40  # lines after a link item its sub-headings may be on
FIELD_LABEL_CHARS = 40  # a sub-heading line is at most this long


def _typed_field(q: Query, db: FactsDB, item: dict, rows: list[dict]) -> Cite | None:
    """The sub-heading under a link item that the question types (`(๒) ประเด็นยุทธศาสตร์`, `• แนวทางการพัฒนา`;
    English words read as the Thai terms) and the lines under it, up to the next sub-heading; None if none."""
    asked = compact_text(translate_english(q.text))
    cite = item["cite"]
    doc, start = cite["doc_id"], cite["line_end"] + 1
    later = [r["cite"]["line_start"] for r in rows if r["cite"]["doc_id"] == doc and r["cite"]["line_start"] >= start]
    end = min([start + FIELD_SPAN, *later]) - 1
    lines = [(n, t) for n, t, _ in db.lines(doc, start, end) if t.strip()]
    for k, (n, text) in enumerate(lines):
        label = compact_text(_SUBHEAD.sub("", text))
        if not _SUBHEAD.match(text) or len(text.strip()) > FIELD_LABEL_CHARS or len(label) < 4 or label not in asked:
            continue
        last = n
        for m, body in lines[k + 1:k + 1 + FIELD_LINES]:
            if _SUBHEAD.match(body) and not body.strip().startswith(("-", "–")):
                break
            last = m
        return db.cite(doc, n, last) if last > n else None
    return None


_SUBHEAD = re.compile(r"^\s*(?:\([\d๐-๙]+\)|[\d๐-๙]+\)|•|-|–)\s*")


def _named_link(q: Query, rows: list[dict]) -> int | None:
    """The link item the question names: LINKED_RUN characters of its name after its head word typed."""
    asked = compact_text(q.text)
    for i, r in enumerate(rows):
        m = _HEAD.match(r["text"])
        rest = compact_text(r["text"][len(m.group(1)):] if m else r["text"])
        if len(rest) >= LINKED_RUN and rest[:LINKED_RUN] in asked:
            return i
    return None


_HEAD = re.compile(r"^\s*([^\s\d]+)")


def _items_of_named(q: Query, rows: list[dict]) -> tuple[dict, list[dict]] | None:
    """(item, items under it) when the question names one link item (a run of LINKED_RUN characters after its
    head word: `ประเด็น 8 ผู้ประกอบการ…`) and asks for items of another head word it types (`แผนย่อย…`): the
    rows of that head after it, up to the next row of its own head."""
    asked = compact_text(q.text)
    heads = [_HEAD.match(r["text"]).group(1) if _HEAD.match(r["text"]) else "" for r in rows]
    named = _named_link(q, rows)
    if named is None:
        return None
    kinds = {h for h in heads if h and h != heads[named] and compact_text(h)[:HEAD_TYPED] in asked}
    if len(kinds) != 1:
        return None
    items = []
    for j in range(named + 1, len(rows)):
        if heads[j] == heads[named]:
            break
        if heads[j] in kinds:
            items.append(rows[j])
    return (rows[named], items) if items else None


FACT_PROJECT_MATCH = 0.8  # a typed name this close to a project of the facts names that project
LINK_SPAN = 2  # lines after a brief line naming a higher plan that finish its sentence (`หมุดหมายที่ 7 กำหนด …`)
MAX_LINK_SPANS = 3


def project_links(q: Query, db: FactsDB) -> Draft | None:
    """Linkage from a project: the lines of its brief (any field: its rationale, its link field) that name
    the higher plan the question asks about (`… หมุดหมายที่ 7 กำหนด ไทยมีวิสาหกิจ…`), cited; None when the
    question names no project of the facts or its brief names no such plan."""
    pattern = re.compile(LINK_LEVELS.get(q.level or "", "$^"), re.I)
    for p in db.find_projects(q.project_name or "", min_score=FACT_PROJECT_MATCH):
        spans: list[tuple[str, int, int]] = []
        for cite in db.brief_fields(p.project_id).values():
            for n, text, _ in db.lines(cite.doc_id, cite.line_start, cite.line_end):
                if pattern.search(text) and not any(s[1] <= n <= s[2] for s in spans):
                    spans.append((cite.doc_id, n, min(n + LINK_SPAN, cite.line_end)))
        if not spans:
            continue
        draft = Draft(support=1.0)
        name = LEVEL_NAMES.get(q.level or "", ("แผนระดับสูง", "higher-level plans"))
        draft.say(_t(q, f"แบบย่อของ{p.name} ({p.source}) อ้างถึง{name[0]}:", f"The brief of {p.name} ({p.source}) "
                     f"refers to {name[1]}:"), [_ev(p.cite)], template=True)
        for doc_id, start, end in sorted(spans)[:MAX_LINK_SPANS]:
            cite = db.cite(doc_id, start, end)
            draft.say(" ".join(cite.quote.split()), [_ev(cite)])
        return draft
    return None


def names_fact_project(q: Query, db: FactsDB) -> bool:
    """Whether the question names a project the facts hold (an action plan's project): the lookup answers it,
    not the plan levels, KPI rows or link lists of other documents."""
    return bool(q.project_name and db.find_projects(q.project_name, min_score=FACT_PROJECT_MATCH))


HEAD_TYPED = 5  # characters of a link item's head word (`แผนย่อยของแผนแม่บทฯ`) a question types to ask for those
LINKED_RUN = 15  # characters of a higher-plan item (after its plan's name) a question must type to name it


def linked_projects(q: Query, db: FactsDB) -> Draft | None:
    """Linkage the other way: the projects whose briefs link to the higher-plan item the question names
    ("โครงการไหนบ้างที่เชื่อมโยงกับ … ประเด็นการพัฒนาที่ 3 …"), each cited with its link field; None when the
    question names no item a brief links to."""
    mention = bool(ASKS_MENTION.search(q.text) and ASKS_WHICH_PROJECT.search(q.text))  # projects that mention it
    if not ((ASKS_LINKAGE.search(q.text) or mention) and ASKS_LIST.search(q.text)):
        return None
    if names_fact_project(q, db):
        return None  # a question about one project (whose name may hold `เชื่อมโยง`), not about who links
    asked = compact_text(q.text)
    named: dict[str, list[dict]] = {}
    for r in db.links():
        if not r["project"]:
            continue
        text = compact_text(r["text"])
        blocks = SequenceMatcher(None, text, asked, autojunk=False).get_matching_blocks()
        longest = max((b.size for b in blocks), default=0)
        numbers = set(re.findall(r"\d+", asked)) - {str(y) for y in q.years}
        if longest >= LINKED_RUN and (not numbers or any(n in re.findall(r"\d+", text) for n in numbers)):
            named.setdefault(r["project"], []).append(r)
    mentioned = False
    if not named and ASKS_WHICH_PROJECT.search(q.text):  # no link field names it: the briefs whose text does
        named, mentioned = _briefs_mentioning(asked, db), True
    if not named:
        return None
    draft = Draft(support=1.0)
    if mentioned:
        draft.say(_t(q, f"แบบย่อโครงการที่กล่าวถึงสิ่งนี้ในเนื้อหา มี {len(named)} โครงการ:",
                     f"{len(named)} project briefs mention it in their text:"), template=True, computed=[str(len(named))])
    else:
        draft.say(_t(q, f"โครงการที่ระบุความเชื่อมโยงนี้ไว้ในแบบย่อโครงการ มี {len(named)} โครงการ:",
                     f"{len(named)} projects state this link in their briefs:"), template=True, computed=[str(len(named))])
    for project, rows in named.items():
        found = db.find_projects(project, limit=1)
        own = [_ev(found[0].cite)] if found else []  # the project's own row or brief names it
        draft.say(f"• {' '.join(project.split())}", own + [_ev(r["cite"]) for r in rows[:1]], template=True)
    return draft


MENTION_RUN = 30  # characters of a plan or item a question types that a brief's text must print to mention it


def _briefs_mentioning(asked: str, db: FactsDB) -> dict[str, list[dict]]:
    """The projects whose brief prints, in one of its fields, a run of MENTION_RUN or more characters the
    (compact) question types (`แผนแม่บทรองรับการเปลี่ยนแปลงสภาพภูมิอากาศ…` in a rationale), each with that field."""
    out: dict[str, list[dict]] = {}
    for p in db.list_projects():
        for cite in db.brief_fields(p.project_id).values():
            text = compact_text(cite.quote)
            blocks = SequenceMatcher(None, text, asked, autojunk=False).get_matching_blocks()
            if max((b.size for b in blocks), default=0) >= MENTION_RUN:
                out.setdefault(p.name, []).append({"cite": cite})
                break
    return out


def results(q: Query, db: FactsDB) -> Draft:
    draft = Draft()
    found = db.results(section=q.section)
    groups = [g for g in found["groups"] if g["printed_count"]]
    if not groups:
        draft.refused, draft.support = True, 0.0
        draft.say(_t(q, "ไม่พบจำนวนโครงการที่รายงานผลการดำเนินงานไว้ในส่วนนี้ของแผน",
                     "The plan reports no project counts for this section."), template=True)
        return draft
    where = _t(q, f"ข้อ {q.section} " if q.section else "", f"section {q.section} " if q.section else "")
    draft.say(_t(q, f"ผลการดำเนินงาน{where}รายงานโครงการรวม {found['projects_reported']} โครงการ (ผลรวมของจำนวนที่แต่ละหน่วยงานระบุ):",
                 f"The results in {where}report {found['projects_reported']} projects in all (sum of the counts each unit prints):"),
              template=True, computed=[str(found["projects_reported"])])
    for g in groups:
        draft.say(f"• {' '.join(g['text'].split())}: {g['printed_count']}", [_ev(g["cite"], [str(g["printed_count"])])],
                  template=True)
    return draft


def direction_field(q: Query, db: FactsDB) -> Draft | None:
    direction = next((d for d in db.directions() if d["number"] == q.direction), None)
    if direction is None:
        return None
    draft = Draft()
    name = FIELD_NAMES.get(q.field or "", (q.field, q.field))
    draft.say(_t(q, f"{name[0]}ของแนวทางการพัฒนาด้านที่ {q.direction} ({direction['title']}):",
                 f"{str(name[1]).capitalize()} of development direction {q.direction} ({direction['title']}):"),
              [_ev(direction["cite"])], template=True)
    if q.field == "goals":
        items = [(g["text"], g["cite"]) for g in direction["goals"]]
    elif q.field == "strategies":
        items = [(f"กลยุทธ์ที่ {s['number']} {s['title']}", s["cite"]) for s in direction["strategies"]]
    else:
        items = [(k["text"], k["cite"]) for k in db.kpis(q.direction)]
    if not items:
        return None
    for text, cite in items:
        draft.say("• " + " ".join(text.split()), [_ev(cite)])
    return draft

