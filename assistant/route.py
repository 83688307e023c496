"""Routing: read what a question asks for (a project's budget or brief field, a list of projects,
totals, links to higher plans, reported results, a drafted rationale, or text) and its filters.

Only generic plan vocabulary is used here (Thai and English); names come from the facts database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from assistant.level_titles import TitledLevel
from assistant.lookup import _YEAR_HINT, normalize_source, normalize_year
from assistant.normalize import EN_TH_GLOSSARY, full_dates, full_years, normalize_query
from assistant.understand import (INSIDE_WORD, asks, asks_date, level_asked_at, types_any, understand, without_particles,
                                  without_stated_amounts, without_year_phrases, written_forms)
from ingest.thai_repair import repair_line, thai_digits_to_arabic
from ingest.tokenize import words as word_tokens
from ingest.vocabulary import (alternation, brief_field_words, english_units, link_level_words, query_words,
                               unit_abbreviations, vocabulary, word_pattern)

ROUTES = ("budget", "project_field", "list_projects", "ranked_projects", "totals", "direction_field", "links", "results",
          "placement", "draft", "briefs", "text")

# Brief fields (ingest/facts_briefs.py names) and the words that ask for them (profile `[brief_field_questions]`).
FIELD_WORDS: dict[str, str] = {field: word_pattern(words) for field, words in brief_field_words().items()}
DIRECTION_FIELDS: dict[str, str] = {
    "goals": r"เป้าประสงค์|goal",
    "kpis": r"ตัวชี้วัด|\bkpis?\b|indicator",
    "strategies": r"กลยุทธ์.*(?:อะไร|บ้าง|ไหน)|strategies",
}
# Higher-plan levels and the words naming them (profile `[link_level_words]`).
LINK_LEVELS: dict[str, str] = {level: word_pattern(words) for level, words in link_level_words().items()}

_BUDGET = re.compile(r"งบ|budget|ใช้เงิน|วงเงิน|ค่าใช้จ่าย|how much money|cost", re.I)
_FIGURE = re.compile(r"เท่าไ|เท่าใด|" + INSIDE_WORD + r"กี่|จำนวน|how many|how much|what (?:is|was) the (?:number|amount|total)|ร้อยละ|percent|%|"
                     r"\bwhat (?:is|was|were|are)\b.*\b(?:in|for) (?:fy\s*)?(?:25|20)\d\d\b",  # a value asked for a year
                     re.I)
_MONEY_ASKED = re.compile(r"มูลค่า|เงินลงทุน|วงเงิน|\bvalue\b|how much money", re.I)
_TOTAL = re.compile(word_pattern(query_words().total_words), re.I)
_DRAFT = re.compile(r"ร่าง|\bdraft\b|ช่วยเขียน|เขียนหลักการ|write (?:a|the) .*rationale", re.I)
_LIST = re.compile(r"โครงการ(?:อะไร|ใด|ไหน)|(?:อะไร|ไหน|ใด)(?:อีก|บ้าง)|which projects|what projects"
                   r"|list (?:the |all )?projects", re.I)
_PROJECTS = re.compile(r"โครงการ|\bprojects?\b", re.I)
_WHICH_PROJECT = re.compile(r"โครงการ\s*(?:ไหน|ใด)|which project", re.I)
_LINKAGE = re.compile(word_pattern(query_words().linkage_words), re.I)
ASKS_LINKAGE, ASKS_LIST = _LINKAGE, _LIST  # for the answer builders: a question about links, a list asked
ASKS_WHICH_PROJECT = _WHICH_PROJECT  # … which projects (not which plan items) are asked
# … that mention something (`โครงการใดบ้างที่อ้างถึง…`): with ASKS_WHICH_PROJECT, the briefs whose text names it
ASKS_MENTION = re.compile(word_pattern(query_words().mention_words), re.I)
_COUNT_PROJECTS = re.compile(word_pattern(query_words().project_count_words), re.I)
_RESULTS = re.compile(word_pattern(query_words().results_words), re.I)
_DIRECTION = re.compile(r"(?:แนวทางการพัฒนา|ประเด็นยุทธศาสตร์|ยุทธศาสตร์|ประเด็นการพัฒนา)?\s*ด้านที่\s*(\d+)|"
                        r"(?:แนวทางการพัฒนา|ประเด็นยุทธศาสตร์)\s*ที่\s*(\d+)|direction\s*(?:no\.?\s*)?(\d+)", re.I)
_STRATEGY = re.compile(r"กลยุทธ์\s*ที่\s*(\d+)|strategy\s*(?:no\.?\s*)?(\d+)", re.I)
_SECTION = re.compile(r"(?:ข้อ|หัวข้อ|section|ส่วน)\s*(\d+(?:\.\d+)+)", re.I)
_YEAR = re.compile(r"(?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.|fy|fiscal year)\s*((?:25|20)?\d\d)(?!\d)|\b(25\d\d|20[0-4]\d)\b", re.I)
_QUOTED = re.compile(r"['\"“‘]([^'\"”’]{3,120})['\"”’]")
_EN_PROJECT = re.compile(r"(?<![\w'’])(?:the\s+)?([A-Za-z][\w\s\-&]{2,80}?)\s+project\b|project\s+(?:called|named)\s+(.+?)(?:\?|$)", re.I)
# An owner word before an abbreviated organisation (`ของสอจ.`, `ที่ สอจ.ลำปาง`; profile `owner_words`): the project's
# owner, not its name.
_OWNER = re.compile(r"\s*" + alternation(query_words().owner_words)
                    + r"\s*[\u0E01-\u0E2E]{1,6}\.(?:[\u0E01-\u0E2E]{1,4}\.)*")
# The words that place a named item under the level asked (`ถูกจัดไว้ใต้`, `อยู่ภายใต้`), ending its name.
_UNDER_TAIL = re.compile(r"(?:\s+\S*)?(?:" + alternation([w for w in query_words().under_words if not w.isascii()]) + r")$")
# Where a typed project name ends: the words that ask about it (profile `[query] name_end_words`, `comparison_words`),
# a `?`, the end.
_NAME_END = re.compile(r"\s*(?:" + alternation([*query_words().name_end_words, *query_words().comparison_words])
                       + r"|\?|$)")  # `… งบกลุ่มจังหวัดปี 68 มากกว่างบจังหวัดปี 67`: a comparison ends it too
# Lead words of an English question before the project's name ("what is the budget for the X project").
_EN_LEAD = re.compile(r"^(?:(?:what|which|how|much|many|is|are|was|were|does|do|did|of|for|about|budget|cost|costs|and|"
                      r"money|amount|allocated|total|the|a|an|to|in|under|strategy|strategies|direction|programme|program|plan|"
                      r"level|issue)\b\s*)+", re.I)
_UNIT_TH = re.compile(INSIDE_WORD + r"กี่\s*([\u0E00-\u0E7F]{1,16}?(?:\.[\u0E00-\u0E7F]{1,4})?)(?=\s|$|ที่|ใน|ของ|ต่อ|ครับ|คะ|ค่ะ|อ่ะ|ล่ะ|[.?])")
JOINED_FIELD = 8  # characters before a further brief field's word a joining word (`และ`, `กับ`) is looked for in
_KNOWN_UNIT = re.compile(INSIDE_WORD + r"กี่\s*(" + alternation([*vocabulary().units.count, *vocabulary().units.measure]) + ")")
_EN_JOINERS = frozenset({"and", "or", "of", "the", "in", "for"})
_UNIT_EN = re.compile(r"how many\s+([a-z\-]+(?:\s+[a-z\-]+)?)", re.I)
_EN_UNITS = english_units()  # `how many plots` → แปลง (profile `[english_units]`)


@dataclass
class Query:
    """A question as the pipeline understands it."""

    text: str  # the (follow-up resolved) question as asked
    normalized: str  # repaired, glossary-expanded, index-form digits
    language: str  # "th" | "en"
    route: str = "text"
    project_name: str | None = None
    field: str | None = None  # brief field or direction field asked about
    level: str | None = None  # link level
    year: int | None = None
    source: str | None = None
    direction: int | None = None
    strategy: int | None = None
    section: str | None = None
    wants_figure: bool = False
    wants_total: bool = False
    unit: str | None = None
    years: list[int] = dc_field(default_factory=list)  # every year mentioned, in order
    labels: list[str] = dc_field(default_factory=list)  # section labels named (the one asked about first)
    operation: str | None = None  # share | difference | sum | max | min over figures
    asks_under: bool = False  # asks which plan level an item sits under
    wants_list: bool = False  # asks for the items of something ("มีโครงการอะไรบ้าง")
    organisations: list[str] = dc_field(default_factory=list)  # organisation names typed in the question
    parts: list[str] = dc_field(default_factory=list)  # further routes a multi-part question also asks
    more_fields: list[str] = dc_field(default_factory=list)  # brief fields asked after `field` (`วัตถุประสงค์… และตัวชี้วัด…`)
    asks_below: bool = False  # asks something under the level it names (an item), not that level's own amount


def says_total(text: str) -> bool:
    """Whether a question asks for a total: a total word starting one of its words (`รวมกัน`, `รวม`), not
    inside another word (`ระบบรวบรวมน้ำเสีย`, a name)."""
    return bool(_TOTAL.search(text)) and (any(_TOTAL.match(w) for w in word_tokens(text)) or
                                          bool(_TOTAL.search(re.sub(r"[\u0E00-\u0E7F]+", " ", text))))


def language_of(text: str) -> str:
    """"th" or "en": the language of the question's own words. Names in brackets or quotes do not
    count; where Thai and English both remain, the question words it uses decide (`โครงการ SME
    transformation ได้งบเท่าไร` is Thai, `What is the budget of โครงการ…?` English), else the language
    it starts in (`งบ Eco Town ปี 67`)."""
    bare = re.sub(r"\([^()]*\)|“[^”]*”|\"[^\"]*\"|‘[^’]*’", " ", text)
    thai = len(re.findall(r"[\u0E00-\u0E7F]", bare))
    latin = len(re.findall(r"[A-Za-z]", bare))
    if thai and latin:
        words = query_words().question_words
        thai_asks = any(w in bare for w in words if not w.isascii() and len(w) >= 3)
        english_asks = bool(re.match(r"\s*(?:what|which|how|who|when|where|is|are|does|do|list|show|under)\b", bare, re.I))
        if thai_asks != english_asks:
            return "th" if thai_asks else "en"
        first = re.search(r"[\u0E00-\u0E7FA-Za-z]", bare)
        return "en" if first and first.group().isascii() else "th"  # else the language it starts in
    return "en" if latin > thai else "th"


def project_name_in(question: str) -> str | None:
    """The project name a question types, if it types one: quoted, after `โครงการ`, or `the X project`."""
    m = _QUOTED.search(question)
    if m:
        return m.group(1).strip()
    text = repair_line(" ".join(question.split()))
    starts = [m.end() for m in re.finditer("โครงการ", text)]
    # `กี่โครงการ และโครงการใด…`: a count and a question word, not a name; the next mention may be one.
    named = [i for i in starts if not text[:i - len("โครงการ")].endswith(("กี่", "ทุก"))
             and not text[i:].lstrip().startswith(("และ", "หรือ", "โครงการ"))]
    if starts and not named:
        return None
    if named:
        rest = text[named[0]:]
        if rest.startswith(("อะไร", "ใด", "ไหน", "ที่", "ทั้งหมด", "ของ", "ใน", "ซึ่ง", "นี้")) or \
                ((m := _NAME_END.match(rest)) and m.end()):  # `ทั้งโครงการเท่าไหร่`, `รวมทุกโครงการเป็นเงินเท่าไร`: asked, not named
            return None
        end = _NAME_END.search(rest, 2)
        name = rest[: end.start()] if end else rest
        level = level_asked_at(rest)  # `… ถูกจัดไว้ใต้แนวทางการพัฒนาด้านไหน`: the level asked, and the words placing it
        if level and level < len(name):
            name = _UNDER_TAIL.sub("", name[:level].rstrip()) or name[:level]
        name = _OWNER.split(name)[0]  # `โครงการ BCG ปี68ของสอจ. ตั้งเป้า…`: whose project, not its name
        name = _YEAR_HINT.sub(" ", name.split("ฯ")[0]).strip(" ,:")  # "… ปี๖๕": a year, not the name
        return name or None
    m = _EN_PROJECT.search(question)
    if m:
        name = (m.group(1) or m.group(2) or "").strip()
        name = _EN_LEAD.sub("", re.split(r"\b(?:the|an?)\s+", name, flags=re.I)[-1])  # `…proposed for the X project`: X
        if len(name) >= 3 and name.lower() not in {"this", "that", "each", "every", "which"}:
            return name
    return None


def _years(text: str) -> list[int]:
    out = []
    for m in _YEAR.finditer(thai_digits_to_arabic(full_years(text))):  # `ปี 64 กับ 65`: both
        raw = m.group(1) or m.group(2)
        try:
            year = normalize_year(raw)
        except ValueError:
            continue
        if year and 2400 <= year <= 2700 and year not in out:
            out.append(year)
    return out


def _first_int(m: re.Match | None) -> int | None:
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


def expand_units(text: str) -> str:
    """Units typed short written as documents print them (`ยาวกี่ กม.` → `ยาวกี่ กิโลเมตร`)."""
    for short, unit in unit_abbreviations().items():
        # typed with its dot, a word may follow (`รง.อุตสาหกรรมอาหาร`); without it, none may (`กมล` is no กม)
        text = re.sub(rf"(?:(?<=กี่)|(?<![\u0E00-\u0E7F.])){re.escape(short)}(?:\.|(?![\u0E00-\u0E7F]))", unit, text)
    return text


def _unit(text: str) -> str | None:
    if re.search(r"เปอร์เซ็นต์|ร้อยละ|percent|%", text, re.I):
        return "ร้อยละ"
    m = _UNIT_TH.search(text)
    if m:
        return unit_abbreviations().get(m.group(1), m.group(1))  # `กม.` → กิโลเมตร, as documents print it
    known = _KNOWN_UNIT.search(text)  # `กี่ตันคาร์บอนไดออกไซด์เทียบเท่า`: a unit the profile knows, words after it
    if known:
        return known.group(1)
    m = _UNIT_EN.search(text)
    if m:
        for word in reversed(m.group(1).lower().split()):  # the head noun comes last: "concession plots"
            if word in _EN_JOINERS:
                continue  # "how many routes and …": a word joining two asks, not a unit
            if word in _EN_UNITS:
                return _EN_UNITS[word]
            if word in EN_TH_GLOSSARY:
                return EN_TH_GLOSSARY[word]
    if _MONEY_ASKED.search(text):
        return "บาท"  # a value is an amount of money (printed in บาท or ล้านบาท)
    return None


_COUNT_ASKED = re.compile(INSIDE_WORD + r"กี่\s*\S")


def asked_counts(text: str) -> list[tuple[str, str | None]]:
    """Each count a question asks (`…ออกแบบผลิตภัณฑ์กี่ชิ้นอ่ะ แล้วอบรมกี่คน`), as the question's words up to it and
    its unit: one part per `กี่`."""
    parts, start = [], 0
    for m in _COUNT_ASKED.finditer(text):
        end = m.end() + len(re.match(r"\S*", text[m.end():]).group(0))
        parts.append((text[start:end], _unit(text[start:end])))
        start = end
    return parts


_COUNTED = re.compile(r"(\S+?)\s*" + INSIDE_WORD + r"กี่")


def counted_noun(text: str) -> str:
    """The word a count question types right before its count word (`โรงงาน` of `…โรงงานกี่แห่ง`): the thing counted,
    which a document may print as the count's unit (`537 โรงงาน`); '' when none (or a question word)."""
    m = _COUNTED.search(text)
    words = word_tokens(m.group(1)) if m else []
    last = words[-1] if words else ""
    return last if len(last) >= 3 and last not in query_words().question_words else ""


_SOURCE = re.compile(r"งบ(?:ประมาณ)?\s*(กลุ่มจังหวัด|จังหวัด|กระทรวง|กรม)|ของ(กระทรวง|กรม)|"
                     r"(provincial cluster|cluster|province|provincial|ministry|department)\s+(?:budget|fund)", re.I)

_REQUESTED_SOURCE = re.compile(r"ขอ\s*(?:" + _SOURCE.pattern + ")", re.I)  # `ของบกลุ่มจังหวัด`: the source requested


def source_in(text: str) -> str | None:
    """The funding source a text names (`งบกลุ่มจังหวัด`, `ของกระทรวง`, `provincial budget`) as its category."""
    m = _SOURCE.search(text)
    if not m:
        return None
    return normalize_source(next(g for g in m.groups() if g))


def _match(patterns: dict[str, str], text: str) -> str | None:
    return next((key for key, pattern in patterns.items() if re.search(pattern, text, re.I)), None)


def _earliest(patterns: dict[str, str], text: str) -> str | None:
    """The key whose words come first in the text: the head of "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ" is แผนแม่บท."""
    found = [(m.start(), key) for key, pattern in patterns.items() if (m := re.search(pattern, text, re.I))]
    return min(found)[1] if found else None


def analyse(question: str, titled: TitledLevel | None = None) -> Query:
    """Read a question into a Query: route, filters and what kind of answer it wants; `titled`, the direction or
    strategy it names by title (level_titles), stands for the number it does not type."""
    text = full_dates(expand_units(written_forms(without_particles(" ".join(question.split())) or
                                                 " ".join(question.split()))))
    digits = thai_digits_to_arabic(text)
    q = Query(text=text, normalized=normalize_query(text), language=language_of(text))
    intent = understand(text)
    q.labels, q.operation, q.asks_under, q.organisations = (intent.labels, intent.operation, intent.asks_under,
                                                            intent.organisations)
    q.wants_list = bool(_LIST.search(text))
    q.years = _years(text)
    q.year = q.years[0] if q.years else None
    q.source = source_in(text)
    q.direction = _first_int(_DIRECTION.search(digits))
    q.strategy = _first_int(_STRATEGY.search(digits))
    if titled is not None and q.direction is None and q.strategy is None:
        q.direction, q.strategy = titled.direction, titled.strategy
    m = _SECTION.search(digits)
    q.section = m.group(1) if m else None
    q.wants_figure = bool(_FIGURE.search(text))
    q.wants_total = says_total(text)
    q.unit = _unit(text)
    q.project_name = project_name_in(text)
    brief_field = _match(FIELD_WORDS, text)

    asks_briefs = types_any(text, vocabulary().brief.question_words)
    # `ปีงบ 2566 บริษัทใด…` dates the question and asks no money; `ปีงบ 2566 ได้เท่าไร` still asks it
    money = without_stated_amounts(text if asks(text, figures=True) else without_year_phrases(text))  # `งบ 20 ล้าน`: said
    if q.project_name and not (q.wants_figure and q.unit is None):  # `โครงการ X ที่ของบกลุ่มจังหวัด … อ้างถึงข้อใด`,
        money = _REQUESTED_SOURCE.sub(" ", money)  # `…ของบจังหวัด … กี่ราย`: which project, by the source it requests
    if asks_date(text) and not q.wants_figure:
        money = ""  # `according to the budget pages, on what date …`: a date asked, no money
    if _DRAFT.search(text):
        q.route = "draft"
    elif asks_briefs and (q.operation in ("sum", "max", "min") or q.wants_total or _COUNT_PROJECTS.search(text)):
        q.route = "briefs"  # "โครงการแบบย่อของปี 2568 มีกี่โครงการ รวมงบเท่าไร": count, sum, largest over briefs
    elif q.operation in ("max", "min") and _BUDGET.search(money) and _PROJECTS.search(text):
        q.route = "ranked_projects"  # "which project gets the largest budget (in direction 2, in 2567)?"
    elif (q.operation == "difference" and _BUDGET.search(money) and _WHICH_PROJECT.search(text)
          and (q.direction or q.strategy or q.source) and len(set(q.years)) < 2):
        q.route = "ranked_projects"  # "which project of direction 2 gets more, and by how much?": top two
    elif q.project_name and q.asks_under:
        q.route = "placement"
        if _BUDGET.search(money) or re.search(r"แหล่ง(?:เงิน|งบ)|fund", text, re.I):
            q.parts = ["budget"]  # "which strategy is it under, and which funds pay for it?": both parts
        if brief_field:  # "…under which direction, and what does its brief link it to?": its brief's field too
            q.parts.append("project_field")
            q.field = brief_field
    elif q.project_name and brief_field and not (brief_field == "kpis" and _BUDGET.search(money)) and not (
            brief_field == "link" and _earliest(LINK_LEVELS, text)):  # a higher plan named: its brief's lines on it
        q.route, q.field = "project_field", brief_field
        asked = sorted((m.start(), key) for key, pattern in FIELD_WORDS.items() if (m := re.search(pattern, text, re.I)))
        joins = [w.strip() for w in query_words().pair_words if w.strip()]
        # another field asked as a part of its own (`…อะไร และมีตัวชี้วัดอะไร`), not a word of the first part's
        # wording (`ในหลักการและเหตุผล… ระบุว่า…ระยะเวลากี่ปี`)
        q.more_fields = [key for at, key in asked if key != brief_field
                         and any(w in text[max(0, at - JOINED_FIELD):at] for w in joins)]
    elif q.project_name and _BUDGET.search(money):
        q.route = "budget"
    elif _RESULTS.search(text) and _COUNT_PROJECTS.search(text):
        q.route = "results"
    elif (q.direction or q.strategy) and (_LIST.search(text) or _COUNT_PROJECTS.search(text)) and not (
            q.direction and _match(DIRECTION_FIELDS, text) and not _PROJECTS.search(text)):  # `…มีตัวชี้วัดอะไรบ้าง`
        q.route = "list_projects"  # "which projects", or "how many projects" (the list, counted)
    elif q.direction and _match(DIRECTION_FIELDS, text):
        q.route, q.field = "direction_field", _match(DIRECTION_FIELDS, text)
    elif _BUDGET.search(money) and q.wants_total and not q.project_name:
        q.route = "totals"
    elif _earliest(LINK_LEVELS, text) and (_LINKAGE.search(text) or _LIST.search(text)):
        q.route, q.level = "links", _earliest(LINK_LEVELS, text)
    elif q.project_name and q.project_name.isascii() and _BUDGET.search(money):
        q.route = "budget"
    return q
