"""The vocabulary profile (`ingest/vocabulary.toml`) with typed accessors.

Every module that recognises Thai/English words in documents (headings, plan levels, agency
names, brief fields, funding headers, years, units) reads them from here, so a word is added
in one place and there is no second copy of a pattern. `alternation` turns a word list into a
regex alternative (escaped, longest first, so `แนวทางการพัฒนาด้าน` is tried before
`แนวทางการพัฒนา`).

`load_vocabulary(path)` reads another profile file (tests, a deployment's own words);
`vocabulary()` is the shipped one, read once.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, dataclass
from functools import lru_cache
from pathlib import Path

PROFILE_PATH = Path(__file__).with_name("vocabulary.toml")


class VocabularyError(ValueError):
    """The profile file is missing a key or has a value of the wrong type."""


@dataclass(frozen=True)
class PlanLevel:
    """One plan level (direction, strategy, program, output, activity) and its words."""

    key: str
    words: tuple[str, ...]  # Thai stems, numbered as word + ordinal + number
    english: tuple[str, ...]  # numbered as word + space + number
    named: bool  # "<word> : name" (no number) also heads a section
    heading: bool  # False: the level's lines are list items, never sections


@dataclass(frozen=True)
class HeadingWords:
    part_words: tuple[str, ...]
    toc_titles: tuple[str, ...]
    toc_page_words: tuple[str, ...]
    toc_range_words: tuple[str, ...]
    page_words: tuple[str, ...]


@dataclass(frozen=True)
class AgencyWords:
    ministry_words: tuple[str, ...]
    unit_words: tuple[str, ...]
    label_words: tuple[str, ...]
    abbreviation_skips: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefWords:
    name_fields: tuple[str, ...]
    default_name: str
    question_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class FundingWords:
    group_prefix: str
    not_group: tuple[str, ...]


@dataclass(frozen=True)
class YearWords:
    words: tuple[str, ...]
    era_prefixes: tuple[str, ...]
    months: tuple[str, ...] = ()  # month names, full and short: a text printing one states a date


@dataclass(frozen=True)
class BudgetLineWords:
    instalment_words: tuple[str, ...]
    total_words: tuple[str, ...]
    split_words: tuple[str, ...]
    category_prefix: str
    currency_line: str
    fiscal_year_words: tuple[str, ...]
    appropriation_words: tuple[str, ...]


@dataclass(frozen=True)
class KpiWords:
    """Words of KPI tables: the unit column's header, KPI row markers, money rows, empty cells."""

    unit_header_words: tuple[str, ...] = ()
    kpi_words: tuple[str, ...] = ()
    money_row_words: tuple[str, ...] = ()
    empty_cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class FundingSources:
    """Funding-source categories in order (first match wins) and the words of budget-table funding lines."""

    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()
    other: str = "อื่น ๆ"
    table_prefixes: tuple[str, ...] = ()
    group_words: tuple[str, ...] = ()
    table_request: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableWords:
    """Words of plan tables and briefs: the unit line's word, the words that date a brief, the word that
    heads a table's total column, the words that head a plan column and a result column."""

    unit_words: tuple[str, ...] = ()
    brief_year_words: tuple[str, ...] = ()
    total_column_words: tuple[str, ...] = ()
    plan_column_words: tuple[str, ...] = ()
    result_column_words: tuple[str, ...] = ()
    source_note_words: tuple[str, ...] = ()  # `(ที่มา : …)`: the note naming a table's source and the date of its data
    share_units: tuple[str, ...] = ()  # `ร้อยละ`, `%`: a column of shares beside the figure column it divides


@dataclass(frozen=True)
class UnitWords:
    currency: tuple[str, ...]
    count: tuple[str, ...] = ()  # units of counted figures and KPI targets (ราย, คน, แห่ง, %)
    count_words: tuple[str, ...] = ()  # words introducing a counted figure (ร้อยละ, จำนวน, ไม่น้อยกว่า)
    measure: tuple[str, ...] = ()  # units of measured quantities a table header names (เมตริกตัน, ปี, ไร่)
    scale: tuple[str, ...] = ()  # words scaling a typed amount (ล้าน, million)


@dataclass(frozen=True)
class ListWords:
    bullets: tuple[str, ...] = ()  # bullet characters that start a list item
    letter_sequences: tuple[str, ...] = ()  # letters counted in order as item markers (ก ข ค …)
    intro_endings: tuple[str, ...] = ()  # a line ending with one of these introduces a list
    item_words: tuple[str, ...] = ()  # words numbering an item of a statement (`กิจกรรมที่ 3 …`)


@dataclass(frozen=True)
class Vocabulary:
    headings: HeadingWords
    ordinal: str
    plan_levels: tuple[PlanLevel, ...]
    agency: AgencyWords
    brief: BriefWords
    funding: FundingWords
    years: YearWords
    units: UnitWords
    budget_lines: BudgetLineWords
    lists: ListWords = ListWords()  # a profile without [lists] recognises numbered lists only
    kpis: KpiWords = KpiWords()  # a profile without [kpis] reads no KPI tables
    funding_sources: FundingSources = FundingSources()  # without [funding_sources]: every source is `other`
    table_words: TableWords = TableWords()

    def level(self, key: str) -> PlanLevel:
        """The plan level named `key` (KeyError if the profile has none)."""
        for level in self.plan_levels:
            if level.key == key:
                return level
        raise KeyError(f"vocabulary has no plan level {key!r}")


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A non-capturing regex alternative of `words`, escaped, longest first."""
    if not words:
        return "(?!)"  # matches nothing
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _words(table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise VocabularyError(f"{where}.{key}: expected a list of non-empty strings")
    return tuple(value)


def _text(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise VocabularyError(f"{where}.{key}: expected a non-empty string")
    return value


def _table(data: dict, key: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise VocabularyError(f"[{key}]: missing table")
    return value


def parse_vocabulary(data: dict) -> Vocabulary:
    """Build the typed profile from parsed TOML; VocabularyError names a bad or missing key."""
    h = _table(data, "headings")
    levels_raw = data.get("plan_levels")
    if not isinstance(levels_raw, list) or not levels_raw:
        raise VocabularyError("[[plan_levels]]: expected at least one level")
    levels = []
    for n, raw in enumerate(levels_raw):
        where = f"plan_levels[{n}]"
        levels.append(PlanLevel(
            key=_text(raw, "key", where),
            words=_words(raw, "words", where),
            english=tuple(raw.get("english", ())),
            named=bool(raw.get("named", False)),
            heading=bool(raw.get("heading", True)),
        ))
    a, b, f, y, u, bl = (_table(data, k) for k in ("agency", "brief", "funding", "years", "units", "budget_lines"))
    return Vocabulary(
        headings=HeadingWords(
            part_words=_words(h, "part_words", "headings"),
            toc_titles=_words(h, "toc_titles", "headings"),
            toc_page_words=_words(h, "toc_page_words", "headings"),
            toc_range_words=_words(h, "toc_range_words", "headings"),
            page_words=_words(h, "page_words", "headings"),
        ),
        ordinal=_text(_table(data, "numbering"), "ordinal", "numbering"),
        plan_levels=tuple(levels),
        agency=AgencyWords(
            ministry_words=_words(a, "ministry_words", "agency"),
            unit_words=_words(a, "unit_words", "agency"),
            label_words=_words(a, "label_words", "agency"),
            abbreviation_skips=_words(a, "abbreviation_skips", "agency"),
        ),
        brief=BriefWords(name_fields=_words(b, "name_fields", "brief"), default_name=_text(b, "default_name", "brief"),
                         question_words=_words(b, "question_words", "brief") if "question_words" in b else ()),
        funding=FundingWords(
            group_prefix=_text(f, "group_prefix", "funding"), not_group=_words(f, "not_group", "funding")
        ),
        years=YearWords(words=_words(y, "words", "years"), era_prefixes=_words(y, "era_prefixes", "years"),
                        months=_words(y, "months", "years") if "months" in y else ()),
        units=UnitWords(currency=_words(u, "currency", "units"),
                        count=_words(u, "count", "units") if "count" in u else (),
                        count_words=_words(u, "count_words", "units") if "count_words" in u else (),
                        measure=_words(u, "measure", "units") if "measure" in u else (),
                        scale=_words(u, "scale", "units") if "scale" in u else ()),
        budget_lines=BudgetLineWords(
            instalment_words=_words(bl, "instalment_words", "budget_lines"),
            total_words=_words(bl, "total_words", "budget_lines"),
            split_words=_words(bl, "split_words", "budget_lines"),
            category_prefix=_text(bl, "category_prefix", "budget_lines"),
            currency_line=_text(bl, "currency_line", "budget_lines"),
            fiscal_year_words=_words(bl, "fiscal_year_words", "budget_lines"),
            appropriation_words=_words(bl, "appropriation_words", "budget_lines"),
        ),
        lists=_list_words(data),
        kpis=_kpi_words(data),
        funding_sources=_funding_sources(data),
        table_words=_table_words(data),
    )


def _list_words(data: dict) -> ListWords:
    """The optional [lists] table: bullets and letter sequences (each letter a single character)."""
    if "lists" not in data:
        return ListWords()
    lw = _table(data, "lists")
    bullets = _words(lw, "bullets", "lists")
    if any(len(b) != 1 for b in bullets):
        raise VocabularyError("lists.bullets: expected single characters")
    return ListWords(bullets=bullets, letter_sequences=_words(lw, "letter_sequences", "lists"),
                     intro_endings=_words(lw, "intro_endings", "lists"),
                     item_words=_words(lw, "item_words", "lists") if "item_words" in lw else ())


def _funding_sources(data: dict) -> FundingSources:
    """The optional [funding_sources] table: ordered categories and the funding-line words."""
    if "funding_sources" not in data:
        return FundingSources()
    f = _table(data, "funding_sources")
    raw = f.get("categories")
    if not isinstance(raw, list) or not raw:
        raise VocabularyError("[[funding_sources.categories]]: expected at least one category")
    categories = tuple((_text(c, "category", f"funding_sources.categories[{n}]"),
                        _words(c, "words", f"funding_sources.categories[{n}]")) for n, c in enumerate(raw))
    return FundingSources(categories, _text(f, "other", "funding_sources"),
                          *(_words(f, key, "funding_sources") for key in ("table_prefixes", "group_words", "table_request")))


def _table_words(data: dict) -> TableWords:
    """The optional [table_words] table."""
    if "table_words" not in data:
        return TableWords()
    t = _table(data, "table_words")
    optional = {key: _words(t, key, "table_words") for key in ("total_column_words", "plan_column_words",
                                                                "result_column_words", "source_note_words", "share_units") if key in t}
    return TableWords(_words(t, "unit_words", "table_words"), _words(t, "brief_year_words", "table_words"), **optional)


def _kpi_words(data: dict) -> KpiWords:
    """The optional [kpis] table: the words of KPI tables (ingest/facts_kpis.py)."""
    if "kpis" not in data:
        return KpiWords()
    k = _table(data, "kpis")
    return KpiWords(*(_words(k, key, "kpis") for key in
                      ("unit_header_words", "kpi_words", "money_row_words", "empty_cells")))


def _read_profile(path: Path | str) -> dict:
    """A profile file parsed as TOML; VocabularyError names the file when it cannot be read."""
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(f"{path}: {exc}") from None


@lru_cache(maxsize=1)
def _shipped_profile() -> dict:
    """The shipped profile file, read and parsed once for every accessor below."""
    return _read_profile(PROFILE_PATH)


def _word_table(cls: type, data: dict, key: str):
    """A dataclass of word tuples, one per field, from the `[key]` table of a parsed profile."""
    table = _table(data, key)
    return cls(**{name: _words(table, name, key) for name, f in cls.__dataclass_fields__.items()
                  if name in table or f.default is MISSING})  # a field with a default may be left out


def load_vocabulary(path: Path | str) -> Vocabulary:
    """Read and check a profile file."""
    return parse_vocabulary(_read_profile(path))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped profile (`ingest/vocabulary.toml`), read once."""
    return parse_vocabulary(_shipped_profile())


@dataclass(frozen=True)
class RationaleWords:
    """Labels and phrase-boundary words used to gather and quote a rationale's evidence (`[rationale]`)."""

    vision_labels: tuple[str, ...]
    problem_labels: tuple[str, ...]
    other_labels: tuple[str, ...]
    problem_item_words: tuple[str, ...]
    background_words: tuple[str, ...]
    result_words: tuple[str, ...]
    dangling_end: tuple[str, ...]
    dangling_start: tuple[str, ...]
    statistic_words: tuple[str, ...]


def parse_rationale_words(data: dict) -> RationaleWords:
    """The `[rationale]` table of a parsed profile; VocabularyError names a bad or missing key."""
    return _word_table(RationaleWords, data, "rationale")


@lru_cache(maxsize=1)
def rationale_words() -> RationaleWords:
    """The shipped profile's drafting words, read once."""
    return parse_rationale_words(_shipped_profile())


@dataclass(frozen=True)
class QueryWords:
    """Words of questions (`[query]`): section labels, particles, operations, level and pair words."""

    section_labels: tuple[str, ...]
    particles: tuple[str, ...]
    sum_words: tuple[str, ...]
    difference_words: tuple[str, ...]
    share_words: tuple[str, ...]
    max_words: tuple[str, ...]
    min_words: tuple[str, ...]
    under_words: tuple[str, ...]
    which_words: tuple[str, ...]
    question_words: tuple[str, ...]
    level_short_words: tuple[str, ...]
    pair_words: tuple[str, ...]
    organisation_words: tuple[str, ...]
    place_words: tuple[str, ...]
    money_words: tuple[str, ...]
    target_words: tuple[str, ...]
    comparison_words: tuple[str, ...]
    ask_words: tuple[str, ...] = ()  # words that ask for something (two of them: two things asked)
    figure_ask_words: tuple[str, ...] = ()  # words that ask for a figure
    duration_words: tuple[str, ...] = ()  # a question asking how long (`นานที่สุด`): a column in duration_units
    duration_units: tuple[str, ...] = ()
    date_words: tuple[str, ...] = ()  # a question asking when (`วันที่เท่าไร`): a date, not an amount
    exclusion_words: tuple[str, ...] = ()  # `(ไม่ใช่ X)`: a bracket naming what is not asked
    possessive_words: tuple[str, ...] = ()  # `X ของ Y` types the label line `X Y`
    under_title_words: tuple[str, ...] = ()  # `ภายใต้ชื่องานอะไร`: a title asked, not a plan level
    owner_words: tuple[str, ...] = ()  # `โครงการ X ที่ สอจ.…`: an abbreviated organisation after one owns X
    year_phrases: tuple[str, ...] = ()  # `ปีงบ 2566`: a fiscal year, not money asked
    topic_words: tuple[str, ...] = ()  # `…จังหวัดเรื่อง X`: what is asked about follows, not a place's name
    forward_words: tuple[str, ...] = ()  # `ประมาณการรายจ่ายล่วงหน้า`: the years after the book's asked
    span_words: tuple[str, ...] = ()  # `ปี 2566 ถึง 2568`: every year between two
    end_words: tuple[str, ...] = ()  # `ถึงจบโครงการ`: to a project's last year
    start_words: tuple[str, ...] = ()  # `เริ่มต้น–ปี 2564`: from a project's first year
    before_words: tuple[str, ...] = ()  # `ก่อนปี 2565`: the years before one
    figure_lead_words: tuple[str, ...] = ()  # `…วงเงิน` / `ประมาณ 112,475,000 บาท`: a figure follows on the next line
    actual_words: tuple[str, ...] = ()  # `ทำได้จริง`: the result asked, not a topic word
    range_up_words: tuple[str, ...] = ()  # `ระดับ 2 ขึ้นไป`: the named numbered row and those above it
    range_down_words: tuple[str, ...] = ()  # `ระดับ 3 ลงมา`: the named numbered row and those below it
    ordinal_words: tuple[str, ...] = ()  # `ด้านที่เท่าไหร่`: which one by its number (a which word)
    all_words: tuple[str, ...] = ()  # `ทั้งสาม`, `ทั้ง 3`: a count of the things added up follows
    pair_count_words: tuple[str, ...] = ()  # `ทั้งคู่`, `both`: two of them
    exceed_words: tuple[str, ...] = ()  # `เกินเป้าหมาย`: a result against its target
    total_words: tuple[str, ...] = ()  # `รวม`, `ทั้งหมด`, `total`: a total asked
    linkage_words: tuple[str, ...] = ()  # `เชื่อมโยง`, `สอดคล้อง`, `link`: links between plans asked
    results_words: tuple[str, ...] = ()  # `ผลการดำเนินงาน`, `results of`: a year's results asked
    project_count_words: tuple[str, ...] = ()  # `กี่โครงการ`: a count of projects asked
    mention_words: tuple[str, ...] = ()  # `อ้างถึง`, `mentions`: the projects whose text names something
    name_end_words: tuple[str, ...] = ()  # `ได้งบ`, `เท่าไ`, `กี่`: where a project name typed in a question ends
    source_words: tuple[str, ...] = ()  # `ใช้งบอะไร`, `แหล่งงบ`, `funding source`: a project's funding source asked
    condition_words: tuple[str, ...] = ()  # `…ไหนบ้างที่ <condition>`: the items of a list that meet it asked
    place_labels: tuple[str, ...] = ()  # `สถานที่ดำเนินการ`: the label a where question asks (`[label_questions]`)
    document_names: tuple[str, ...] = ()  # `เอกสารงบประมาณ`, `budget book`: a document's name, no money asked
    item_words: tuple[str, ...] = ()  # `รายการใด`, `which item`: a budget-detail item asked, not a level
    count_end_words: tuple[str, ...] = ()  # `5 ระดับ แต่ละ…`: words after `N <kind>` where the kind's name ends
    set_aside_words: tuple[str, ...] = ()  # `ไม่นับอำเภอเมือง`: rows a ranking leaves out
    decrease_words: tuple[str, ...] = ()  # `ลดลงมากที่สุด`: the largest fall between two years ranked, not the largest amount
    increase_words: tuple[str, ...] = ()  # `เพิ่มขึ้นจากปี 2563 จำนวน 1,923`: a rise since a year, with decrease_words
    since_words: tuple[str, ...] = ()  # `เพิ่มขึ้นจาก ปี 2563`: between a change and the year it is measured from
    nominalizers: tuple[str, ...] = ()  # `การบรรลุเป้าหมาย` typed `บรรลุเป้าหมาย`: a label's verb without its noun-maker
    family_words: tuple[str, ...] = ()  # `ผลการวิเคราะห์ SWOT`: the analysis a label is part of, no topic of its own
    superlative_words: tuple[str, ...] = ()  # `ที่สุด`: after a max/min word's adjective and its complement
    rate_words: tuple[str, ...] = ()  # `ชั่วโมงละกี่บาท`: an amount per unit, not a whole amount
    category_ask_words: tuple[str, ...] = ()  # `เป็นงบรายจ่ายประเภทใด`: a level's expense categories asked
    proportion_words: tuple[str, ...] = ()  # `อัตราการเบิกจ่าย`, `rate`: a proportion, not an amount
    rate_before_words: tuple[str, ...] = ()  # `ต่อคน`, `per hour`: the same, the unit after the word
    rate_year_words: tuple[str, ...] = ()  # `ปีละ`, `per year`: a year's amount, no rate


def parse_query_words(data: dict) -> QueryWords:
    """The `[query]` table of a parsed profile; VocabularyError names a bad or missing key."""
    return _word_table(QueryWords, data, "query")


@lru_cache(maxsize=1)
def query_words() -> QueryWords:
    """The shipped profile's question words, read once."""
    return parse_query_words(_shipped_profile())


def parse_label_questions(data: dict) -> dict[str, tuple[str, ...]]:
    """The `[label_questions]` table of a parsed profile (section label → question words asking for it)."""
    table = _table(data, "label_questions")
    return {label: _words(table, label, "label_questions") for label in table}


def _word_lists(data: dict, key: str) -> dict[str, tuple[str, ...]]:
    """A `[key]` table of a parsed profile mapping names to word lists; VocabularyError names a bad entry."""
    table = _table(data, key)
    return {name: _words(table, name, key) for name in table}


@lru_cache(maxsize=1)
def brief_field_words() -> dict[str, tuple[str, ...]]:
    """The shipped profile's `[brief_field_questions]`: each brief field and the question words asking for it."""
    return _word_lists(_shipped_profile(), "brief_field_questions")


@lru_cache(maxsize=1)
def link_level_words() -> dict[str, tuple[str, ...]]:
    """The shipped profile's `[link_level_words]`: each higher-plan level a link is to and the words naming it."""
    return _word_lists(_shipped_profile(), "link_level_words")


def word_pattern(words: tuple[str, ...] | list[str]) -> str:
    """A regex matching any of `words` (case aside): Thai words anywhere, English ones at a word's start
    (`kpi` in `kpis`, `activit` in `activities`, not inside another word)."""
    return "|".join((r"(?<![A-Za-z])" if w[0].isascii() and w[0].isalpha() else "") + re.escape(w)
                    for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=1)
def label_families() -> dict[str, tuple[str, ...]]:
    """The shipped profile's `[label_families]`: an analysis's name (`SWOT`) and the section labels it is made of."""
    return _word_lists(_shipped_profile(), "label_families")


@lru_cache(maxsize=1)
def named_kinds() -> dict[str, tuple[str, ...]]:
    """The shipped profile's `[named_kinds]`: a kind of named thing (`ประเทศ`) and the words printed before a name."""
    return _word_lists(_shipped_profile(), "named_kinds")


@lru_cache(maxsize=1)
def label_questions() -> dict[str, tuple[str, ...]]:
    """The shipped profile's question words that ask for a labelled field, read once."""
    return parse_label_questions(_shipped_profile())


def _string_table(data: dict, key: str, what: str) -> dict[str, str]:
    """A `[key]` table of a parsed profile mapping words to non-empty strings; VocabularyError names bad keys."""
    table = _table(data, key)
    bad = [k for k, v in table.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise VocabularyError(f"[{key}]: {', '.join(bad)} must map to {what}")
    return dict(table)


def parse_unit_abbreviations(data: dict) -> dict[str, str]:
    """The `[unit_abbreviations]` table of a parsed profile (short form → the unit word documents print)."""
    return _string_table(data, "unit_abbreviations", "a unit word")


@lru_cache(maxsize=1)
def unit_abbreviations() -> dict[str, str]:
    """The shipped profile's unit abbreviations, read once."""
    return parse_unit_abbreviations(_shipped_profile())


def parse_alike_words(data: dict) -> dict[str, str]:
    """The `[alike_words]` table of a parsed profile (a Thai word → another Thai word of the same meaning)."""
    return _string_table(data, "alike_words", "a Thai word")


@lru_cache(maxsize=1)
def alike_words() -> dict[str, str]:
    """The shipped profile's pairs of Thai words of one meaning, read once."""
    return parse_alike_words(_shipped_profile())


@lru_cache(maxsize=1)
def spoken_words() -> dict[str, str]:
    """The shipped profile's spoken short forms of question words (`ไร`, `มั่ง`) → their written form, read once."""
    return _string_table(_shipped_profile(), "spoken_words", "a written word")


@lru_cache(maxsize=1)
def loan_words() -> dict[str, str]:
    """The shipped profile's English words typed in Thai letters (`โปรเจกต์`) → the Thai word plans print, read once."""
    return _string_table(_shipped_profile(), "loan_words", "a Thai word")


@lru_cache(maxsize=1)
def english_units() -> dict[str, str]:
    """The shipped profile's `[english_units]`: the things an English question counts (`how many plots`) → the
    Thai unit word documents print."""
    return {k.lower(): v for k, v in _string_table(_shipped_profile(), "english_units", "a Thai unit word").items()}


def parse_agency_names(data: dict) -> dict[str, str]:
    """The `[agency_names]` table of a parsed profile (a public acronym or short name → the body's Thai name)."""
    return _string_table(data, "agency_names", "a Thai name")


@lru_cache(maxsize=1)
def agency_names() -> dict[str, str]:
    """The shipped profile's gazetteer of Thai government bodies' acronyms and short names, read once."""
    return parse_agency_names(_shipped_profile())


def parse_english_terms(data: dict) -> dict[str, str]:
    """The `[english_terms]` table of a parsed profile (English word or phrase → Thai term), keys lower-cased."""
    return {k.lower(): t for k, t in _string_table(data, "english_terms", "a Thai term").items()}


@lru_cache(maxsize=1)
def english_terms() -> dict[str, str]:
    """The shipped profile's English → Thai plan terms, read once."""
    return parse_english_terms(_shipped_profile())
