"""Question understanding beyond the route: which section labels a question names (tolerant of
misspelling and English), which operation it asks for over figures, whether it asks where an item
sits (under which level), and which organisations it names. Words come from the profile's `[query]`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pythainlp.util import thaiword_to_num

from assistant.normalize import translate_english
from assistant.outline import compact, fuzzy_contains
from ingest.thai_repair import repair_line, thai_digits_to_arabic
from ingest.tokenize import words as word_tokens
from ingest.vocabulary import (alternation, english_terms, label_questions, loan_words, query_words, spoken_words,
                               vocabulary)

OPERATIONS = ("share", "difference", "sum", "max", "min")
UNDER_PHRASE = 40  # characters after an under word its which word is looked for in (`ภายใต้แผนแม่บทฯ ประเด็นไหน`)
COMPARED_BY = 6  # characters between a comparison word and the figure ask after it (`สูงกว่ากันเท่าไร`)


@dataclass
class Intent:
    """What a question asks beyond its route: labels, operation, placement, organisations."""

    labels: list[str] = field(default_factory=list)
    operation: str | None = None
    asks_under: bool = False
    organisations: list[str] = field(default_factory=list)


def without_particles(text: str) -> str:
    """The question without politeness particles and slang endings (`คับ`, `อ่ะ`)."""
    words = query_words().particles
    pattern = re.compile(alternation(words) + r"(?=\s|$|[?？!])")
    return " ".join(pattern.sub(" ", text).split())


@lru_cache(maxsize=1)
def _spoken() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """The profile's loan words anywhere; its spoken forms where one ends a word (a space, the end, a mark or
    another form follows); and the longer question words those forms end (`อะไร`, `เมื่อไร`), left as typed."""
    forms = spoken_words()
    longer = tuple(w for w in (*query_words().ask_words, *query_words().date_words, *forms.values())
                   if any(w.endswith(f) and w != f for f in forms))
    ending = re.compile(alternation(list(forms)) + r"(?=\s|$|[?？!]|" + alternation([*forms, *forms.values()]) + ")")
    return re.compile(alternation(list(loan_words()))), ending, longer


def written_forms(text: str) -> str:
    """The question with spoken short forms of question words written out (`ตำแหน่งไรบ้าง` → `ตำแหน่งอะไรบ้าง`,
    `ข้อไหนมั่ง` → `ข้อไหนบ้าง`; profile `[spoken_words]`), not where one ends a longer word (`อะไร`, `เมื่อไร`); and
    English words typed in Thai letters as the plan's word (`โปรเจกต์` → `โครงการ`; profile `[loan_words]`)."""
    loans, ending, longer = _spoken()
    text = loans.sub(lambda m: loan_words()[m.group(0)], text)

    def written(m: re.Match[str]) -> str:
        return m.group(0) if m.string[:m.end()].endswith(longer) else spoken_words()[m.group(0)]
    return ending.sub(written, text)


_YEAR_AFTER = r"\s*(?:พ\.ศ\.)?\s*[0-9๐-๙]{2,4}"  # the year a dating phrase is followed by


def without_year_phrases(text: str) -> str:
    """The question without the phrases that date it (`ปีงบ 2566`, `ปีงบประมาณ พ.ศ. 2567`, `FY2565`; profile
    `[query] year_phrases`): their `งบ` names the fiscal year, not money asked for."""
    return re.sub(alternation(query_words().year_phrases) + _YEAR_AFTER, " ", text, flags=re.I)


def year_phrases_as_years(text: str) -> str:
    """`ปีงบ 2566` read like `ปี 2566` (and `ปีงบ 66` like `ปี 66`, which `full_years` reads): the year kept, the
    phrase's `งบ`, which asks no money, left out."""
    return re.sub(alternation(query_words().year_phrases) + f"(?={_YEAR_AFTER})", " ปี ", text, flags=re.I)


def without_exclusions(text: str) -> str:
    """The question without what it says it does not ask about, in brackets (`วิสัยทัศน์ของกรมทรัพยากรน้ำ
    (ไม่ใช่กรมทรัพยากรน้ำบาดาล)`, `(not the office's)`): a name it excludes must not name what it asks."""
    words = alternation(query_words().exclusion_words)
    pattern = re.compile(r"[(（][^()（）]*?(?<![A-Za-z])" + words + r"(?![A-Za-z])[^()（）]*[)）]", re.I)
    return " ".join(pattern.sub(" ", text).split()) or text


def asked_labels(text: str) -> list[str]:
    """Section labels the question names: exactly, misspelt (`วิสัยทัศ`), or in English (`vision`)."""
    thai = compact(translate_english(repair_line(text)))
    found: list[str] = []
    for word in sorted(query_words().section_labels, key=len, reverse=True):
        w = compact(word)
        if any(w in compact(f) for f in found):
            continue  # `แนวทางการพัฒนา` inside an already found longer label
        if w in thai or (len(w) >= 6 and fuzzy_contains(thai, w, 0.88)) or (_verb_of(w) and _verb_of(w) in thai):
            found.append(word)
    # The label asked about comes first: the one a which word follows (`ยุทธศาสตร์ชาติด้าน… มีเป้าหมายอะไร`), else the
    # first typed (`เป้าประสงค์ของแนวทางการพัฒนา…`); a misspelt one goes last.
    which = tuple(compact(w) for w in query_words().which_words if not w.isascii())

    def place(w: str) -> tuple[bool, int]:
        typed = next((f for f in (compact(w), _verb_of(compact(w))) if f and f in thai), "")
        at = thai.find(typed) if typed else -1
        return (at < 0 or not thai.startswith(which, at + len(typed)), at if at >= 0 else len(thai))

    return sorted(found, key=place)


MIN_VERB_LABEL = 6  # characters a label's verb keeps without its noun-maker to be looked for alone


def _verb_of(label: str) -> str:
    """A label made a noun (`การบรรลุเป้าหมาย`) as its verb alone (`บรรลุเป้าหมาย`); empty for another label."""
    for maker in query_words().nominalizers:
        if label.startswith(maker) and len(label) - len(maker) >= MIN_VERB_LABEL:
            return label[len(maker):]
    return ""


def item_labels(text: str, labels: list[str]) -> list[str]:
    """The labels asked of a named project or level: those typed (`labels`), then those its question
    words ask for (`ดำเนินการที่ไหน ใช้เวลากี่ปี` → สถานที่ดำเนินการ, ระยะเวลาดำเนินการ), in the order asked."""
    low = text.lower()
    asked = {label: min(low.find(w.lower()) for w in words if w.lower() in low)
             for label, words in label_questions().items() if any(w.lower() in low for w in words)}
    more = [label for label in sorted(asked, key=asked.get) if label not in labels]
    return [*labels, *more]


LEADING_VOWELS = "เแโใไ"  # a Thai syllable's vowel written before its consonant: no word starts right after one
INSIDE_WORD = f"(?<![{LEADING_VOWELS}])"  # a Thai word (consonant first) not typed inside another (`กี่` in `เกี่ยว`)


def types_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether a question types one of the words (case aside); a Thai word found right after a leading vowel is part
    of another word (`กี่` in `เกี่ยวข้อง`), not typed."""
    low = text.lower()
    return any(re.search(INSIDE_WORD + re.escape(w.lower()), low) for w in words if w)


def without_stated_amounts(text: str) -> str:
    """The question less the amounts of money it states (`งบ 20 ล้าน`, `budget of 5 million baht`): a money word
    with its amount says which item, it asks no amount; and less the documents' names it types (`ตามเอกสารงบประมาณ`,
    profile `document_names`), which say where to look."""
    units = vocabulary().units
    money = alternation(query_words().money_words)
    scaled = alternation([*units.currency, *units.scale])
    text = re.sub(rf"(?:{money})\s*(?:of\s+)?\d[\d,]*(?:\.\d+)?\s*(?:{scaled})", " ", thai_digits_to_arabic(text),
                  flags=re.I)
    names = query_words().document_names
    return re.sub(alternation(names), " ", text, flags=re.I) if names else text


def asks_rate(text: str) -> bool:
    """Whether a question asks an amount per unit (`ชั่วโมงละกี่บาท`, `ค่าใช้จ่ายต่อคน`, `cost per hour`; profile
    `[query] rate_words`, `rate_before_words`), which no whole amount answers; per year (`ปีละ`) asks a year's amount."""
    qw = query_words()
    years = tuple(w.lower() for w in qw.rate_year_words)
    for w in qw.rate_words:  # the unit before: `ชั่วโมงละกี่บาท`
        for m in re.finditer(rf"([\u0E01-\u0E4C]{{2,}}){re.escape(w)}\s*(?:กี่|เท่า)", text):
            if not m.group(1).endswith(years):
                return True
    units = tuple(u for u in (*vocabulary().units.count, *vocabulary().units.measure) if not u.isascii())
    for w in qw.rate_before_words:  # the unit after: `ต่อคน` (a unit of [units]: `ต่อยอด` is a word), `per hour`
        pattern = rf"\b{re.escape(w)}\s+([a-z]+)" if w.isascii() else rf"{re.escape(w)}\s*([\u0E01-\u0E4C]+)"
        for m in re.finditer(pattern, text, re.I):
            unit = m.group(1).lower()
            if not unit.startswith(years) and (w.isascii() or unit.startswith(units)):
                return True
    return False


def asks_date(text: str) -> bool:
    """Whether a question asks when (profile `[query] date_words`): a date, which no amount answers."""
    return types_any(text, query_words().date_words)


def asks_both_extremes(text: str) -> bool:
    """Whether a question asks the largest and the smallest both (`…นานที่สุด และชนิดไหนสั้นที่สุด`)."""
    qw = query_words()
    return types_any(text, qw.max_words) and types_any(text, qw.min_words)


def extreme_at(text: str) -> int:
    """Where the question's first max/min word starts (0 when none, or at the very start): what it names before
    that word is the measure ranked (`กลุ่มไหนจ้างคนงานมากที่สุด`), a later word another part's."""
    qw = query_words()
    return min((k for w in (*qw.max_words, *qw.min_words) if (k := text.find(w)) > 0), default=0)


SUPERLATIVE_SPAN = 24  # characters between an adjective and its superlative word (`ไกลจากตัวเมืองลำปางที่สุด`)


def _split_superlative(text: str, words: tuple[str, ...]) -> bool:
    """Whether the question types a max or min word's adjective, then words, then its superlative word
    (`อำเภอไหนไกลจากตัวเมืองลำปางที่สุด`: `ไกลที่สุด` with the place it is far from between)."""
    for sup in query_words().superlative_words:
        adjectives = [w[: -len(sup)] for w in words if w.endswith(sup) and len(w) > len(sup)]
        if adjectives and re.search(INSIDE_WORD + rf"(?:{alternation(adjectives)})[^\s?]{{1,{SUPERLATIVE_SPAN}}}?"
                                    + re.escape(sup), text):
            return True
    return False


def operation_of(text: str) -> str | None:
    """The operation asked over figures: share, difference, sum, max or min (None: a plain figure)."""
    qw = query_words()
    if types_any(text, qw.share_words) or re.search(r"ร้อยละ(?:เท่า|กี่).{0,20}ของ|what percent(?:age)? of", text, re.I):
        return "share"
    if types_any(text, qw.max_words) or _split_superlative(text, qw.max_words):
        return "max"
    if types_any(text, qw.min_words) or _split_superlative(text, qw.min_words):
        return "min"
    if types_any(text, qw.difference_words):
        return "difference"
    if types_any(text, qw.sum_words):
        return "sum"
    # a comparison word asked by how much (`สูงกว่ากี่บาท`, `สูงกว่ากันเท่าไร`), not one inside a label (`ต่ำกว่า 150 หน่วย`)
    if re.search(alternation(qw.comparison_words) + r".{0,%d}?" % COMPARED_BY + alternation(qw.figure_ask_words), text, re.I):
        return "difference"
    return None


# after an under word, a title or theme (`ชื่องาน`, `what theme`), optionally after a which word or an article
_TITLED = re.compile(r"\s*(?:(?:what|which|the|a)\s+)?(?:" + alternation(query_words().under_title_words) + ")", re.I)


def asks_under(text: str) -> bool:
    """Whether the question asks which plan level an item sits under (`อยู่ภายใต้กลยุทธ์ใด`)."""
    qw = query_words()
    context = re.sub(r"^\s*under\b[^,?]*,", "", text, flags=re.I)  # "Under the X project, how many …": context
    for w in qw.under_words:  # an under word with a question word after it (`ภายใต้แนวคิด X กี่คน` asks a count), in its
        # own phrase (`ได้งบภายใต้แผนงาน<name> ไปทำโครงการอะไร` asks what is under the named level)
        m = re.search(rf"\b{re.escape(w)}\b", context, re.I) if w.isascii() else re.search(re.escape(w), text)
        rest = (context if w.isascii() else text)[m.start():m.end() + UNDER_PHRASE] if m else ""
        if m and _TITLED.match(rest[len(w):]):
            continue  # `ภายใต้ชื่องานอะไร`, `under what theme`: a title asked
        if m and any(re.search(rf"\b{x}\b", rest, re.I) if x.isascii() else x in rest for x in qw.which_words):
            return True
    return level_asked_at(text) is not None


def level_asked_at(text: str) -> int | None:
    """Where a question starts asking which plan level (`แนวทางการพัฒนาด้านไหน`, `which strategy`), if it does:
    what comes before is the item asked about."""
    qw = query_words()
    levels = [w for level in vocabulary().plan_levels if level.key in ("direction", "strategy", "program")
              for w in (*level.words, *level.english)] + list(qw.level_short_words)
    which = alternation([w for w in (*qw.which_words, *qw.ordinal_words) if not w.isascii()])
    m = re.search(alternation(levels) + rf"\s*(?:ด้าน|ข้อ)?\s*{which}|which\s+" + alternation(levels).lower(), text, re.I)
    return m.start() if m else None


def word_starts(text: str) -> set[int]:
    """Where each word of the text starts (the tokenizer's words found in order): a word typed inside another
    word (`กรม` in `โปรแกรม`) starts none."""
    out, at = set(), 0
    for w in word_tokens(text):
        found = text.find(w, at)
        if found >= 0:
            out.add(found)
            at = found + len(w)
    return out


def organisations_in(text: str) -> list[str]:
    """Organisation names a question types (`มหาวิทยาลัยเชียงใหม่`, `กรมป่าไม้`): the word and what follows it."""
    words = query_words().organisation_words
    out = []
    starts = word_starts(text)
    for m in re.finditer(alternation(words) + r"[\u0E00-\u0E7Fa-zA-Z]{2,40}", text):
        if m.start() not in starts:
            continue  # inside another word (`โปรแกรมระบบ ERP`: no `กรม`)
        # the name ends at a word asking about it, or at a section label (`…แห่งชาติวางวิสัยทัศน์ไว้ว่าอย่างไร`)
        ends = r"ได้|มี|ของ|ใน|ปี|เท่า|กี่|คือ|ที่|ตั้ง|ใช้|จำนวน|" + alternation(query_words().section_labels)
        name = re.split(ends, m.group(0)[len(next(
            w for w in sorted(words, key=len, reverse=True) if m.group(0).startswith(w))):], maxsplit=1)[0]
        full = m.group(0)[: m.group(0).find(name) + len(name)] if name else ""
        if len(compact(full)) >= 6:
            out.append(full)
    return out


_NAME_RUN = re.compile(r"(?:[A-Z][\w-]*(?:'s)?)(?:\s+(?:(?:of|and|for|the)\s+)*[A-Z][\w-]*(?:'s)?)*")
_JOINERS = ("of", "and", "for", "the")


def thai_names(text: str) -> list[str]:
    """Thai forms of the English names a question types ("Pollution Control Department" → กรม ควบคุม
    มลพิษ): each word or phrase through the profile's English terms, words the profile lacks dropped, and
    the order reversed within each `of` part (a Thai name puts its head first: กรม…, สถาบัน…)."""
    terms = english_terms()
    out = []
    for m in _NAME_RUN.finditer(text):
        parts = re.split(r"\s+of\s+(?:the\s+)?", re.sub(r"'s\b", "", m.group(0)))
        thai_parts = []
        for part in parts:  # "Natural Resources and Environment": each conjunct reversed, their order kept
            conjuncts = []
            for conjunct in re.split(r"\s+and\s+", part):
                words = [w for w in conjunct.split() if w.lower() not in _JOINERS]
                units, i = [], 0
                while i < len(words):
                    for size in (3, 2, 1):  # the longest phrase the profile has
                        phrase = " ".join(words[i:i + size]).lower()
                        if len(words[i:i + size]) == size and phrase in terms:
                            units.append(terms[phrase])
                            i += size
                            break
                    else:
                        i += 1
                if units:
                    conjuncts.append(" ".join(reversed(units)))
            thai_parts.append(f" {terms.get('and', 'and')} ".join(conjuncts))
        name = " ".join(p for p in thai_parts if p)
        if len(name.split()) >= 2:
            out.append(name)
    return out


def understand(text: str) -> Intent:
    """Read the intent of a (particle-free) question."""
    return Intent(labels=asked_labels(text), operation=operation_of(text), asks_under=asks_under(text),
                  organisations=organisations_in(text))


_THAI_COUNT = re.compile(r"[\u0E00-\u0E2E\u0E30-\u0E4E]{2,12}")


def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words as a pattern that does not match inside a Latin word (`all` of `overall`)."""
    return re.compile(r"(?<![A-Za-z])" + alternation(words) + r"(?![A-Za-z])\s*", re.I)


def count_phrase(text: str) -> re.Match[str] | None:
    """Where a question's count of the things it adds up starts (`ทั้ง` of `ค่าเช่ารถทั้ง 3 รายการ`), if it types one."""
    return _whole_words(query_words().all_words).search(text)


def stated_count(text: str) -> int | None:
    """How many things a question says it adds up (`ทั้งสามประเภท`, `ทั้ง 3 รายการ`, `both` → 2); None when
    it says no count."""
    qw = query_words()
    if _whole_words(qw.pair_count_words).search(text):
        return 2
    for m in _whole_words(qw.all_words).finditer(text):
        rest = thai_digits_to_arabic(text[m.end():])
        digits = re.match(r"\d{1,3}(?!\d)", rest)
        if digits:
            return int(digits.group(0))
        word = _THAI_COUNT.match(rest)
        for end in range(len(word.group(0)) if word else 0, 1, -1):  # the longest number word it starts with
            try:
                return int(thaiword_to_num(word.group(0)[:end]))
            except ValueError:
                continue
    return None


def asks(text: str, figures: bool = False) -> int:
    """How many things a question asks: its ask words (`อะไร`, `ไหน`, `กี่` …), or with `figures` its
    figure ask words (`กี่`, `เท่าไร` …), counted where typed."""
    qw = query_words()
    words = qw.figure_ask_words if figures else qw.ask_words
    return len(re.findall(alternation(words), text, re.I)) if words else 0
