"""Answers over the plan levels a document's outline holds (ministry → agency → แผนงาน → ผลผลิต/โครงการ):
find the level a question names (in Thai, misspelt or partly, or by its English name), then answer what
it asks of it — where it sits, what sits under it, its amount (printed at the end of its heading, in
its year table, or on a row the question names), the largest or smallest item under it, the change
between two years, or the sum/difference of two levels named side by side — every figure cited,
computed ones marked.

Levels come from the plan graph's nodes (the facts contract); their headings, bodies and tables from
the outline (the stored document models). Nothing here knows one document: level words, the budget
row's label and the particles come from the vocabulary profile.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from assistant.compute import split_comparison, split_pair, split_share
from assistant.lookup import FactsDB, bracketed_aliases, decimals
from assistant.passages import key_terms, stated_figures, term_weights, thai_stopword_set
from assistant.outline import Heading, Outline, compact, strip_markers
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.understand import (INSIDE_WORD, LEADING_VOWELS, asks, asks_date, asks_rate, count_phrase, item_labels,
                                  stated_count, thai_names, types_any, without_stated_amounts)
from assistant import year_spans
from assistant.units import merge
from ingest.facts_records import UNIT_SCALE
from ingest.records import Table
from ingest.tokenize import search_tokens
from pythainlp.corpus import thai_words
from pythainlp.tokenize import syllable_tokenize
from ingest.thai_repair import thai_digits_to_arabic
from ingest.vocabulary import agency_names, alternation, query_words, vocabulary

# Naming a level: its start typed for MIN_NAME_BLOCK characters and this share of a shorter name (of a
# long one, NAME_START_MOST characters), or MIN_COVER of the whole name anywhere.
MIN_NAME_BLOCK = 10
NAME_START_SHARE, NAME_START_MOST = 0.6, 24
MIN_COVER = 0.75
SPILL = 2  # characters a match may run on past a longer name typed whole and still lie inside it
LONG_RUN = 20  # characters of a name typed in one run anywhere (`…นวัตกรรมบริการดิจิทัลภาครัฐรองรับ…`) that name it
RARE_NAMES = 2  # a run of a name that at most this many names print is rare: rare runs name it together
RUN_GAP = 4  # ... when the question types them with at most this many characters between them
MIN_CUT_BLOCK = 4  # a name cut with ฯ (`กรมอุทยานฯ`): at least this much of its start typed
LOOSE_BLOCK = 8  # one side of a pair question names a level by a run of this many characters of its name
OTHER_RUNS = 0.3  # weight of a side's shorter runs of a name against its longest
WHOLE_NAME = 0.9  # a side types a level's whole name when its runs cover this share of it
NAMED_CACHE = 64  # questions whose named levels are kept (a question is read by several stages)
CANDIDATES, CLOSE = 5, 0.8  # levels tried, best first, while named at least this share of the best
MIN_OWN_BLOCK = 4  # letters of a run typed of one name and not printed in another's that tells the two apart
# Reading a level's pages.
HEADING_AMOUNT_LINES = 4  # a budget book prints a level's amount at the end of its (wrapped) heading
BLANK_SPREAD = 4  # ... those lines read among at most this many times as many lines (empty ones between them)
DETAIL_LINES = 300  # how far into its section a level's budget-detail line (its name and amount) is looked for
OWN_LINES = 400  # at most this many lines of a level's own pages are read for a named row
ROW_QUOTE_CHARS = 120  # a budget line short enough to be shown as printed
MIN_LABEL = 5  # compact characters of a row label a question must type (not a stray word)
UNIT_CHARS = 12  # how far after an amount its currency word may be printed on the same line
UNIT_LINES = 6  # lines above a table where its caption prints its unit (a document without page boxes)
COVER_LINES = 40  # a book states its fiscal year on its first page ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕")
ANCHOR_SPAN = 60  # lines past a section's recorded span where its name may be printed (a scrambled page)
AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")
_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,])")  # an amount, or `177.0580` (ล้านบาท)
SUB_ITEM = re.compile(r"^\s*(?:-|\d+(?:\.\d+){2,}\s)")  # the next numbered heading or a dash item under it
_NEXT_ITEM = re.compile(r"^\s*(?:\(\d+\)|\d+\)|\d+(?:\.\d+)*\.?\s)")  # `(2) …`, `2) …`, `1.2 …`: the next item or level
_ORDINAL = re.compile(r"^[^:]{0,24}:\s*")  # `โครงการที่ 1 : ` / `ผลผลิตที่ 2 : ` before a level's own name
_RANGE = re.compile(r"[-–]|ถึง")
_YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
LEVELS = ("ministry", "agency", "program", "output", "project")
HEADED_AMOUNTS = ("program", "output", "project")  # levels whose heading ends with their amount


@dataclass
class Level:
    """A plan-graph node that heads an outline section, with the tree around it."""

    node_id: str
    doc_id: str
    level: str
    heading: Heading
    name: str  # compact form of its own name, for matching
    title: str  # its name as the graph holds it (cut with `…` when long)
    line_start: int  # the section's recorded span (a scrambled PDF page may print the heading lower)
    line_end: int
    parent: Level | None = None
    children: list[Level] = field(default_factory=list)

    def ancestors(self) -> list[Level]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def descendants(self) -> list[Level]:
        out = []
        for c in self.children:
            out += [c, *c.descendants()]
        return out


@dataclass
class Amount:
    """A level's amount as printed, with the lines that print it."""

    printed: str  # the figure as printed (`53,601,400`, `303.4942`)
    evidence: Evidence
    unit: str = ""  # where the document prints one beside it or in its table's caption (`ล้านบาท`)
    row: str = ""  # the table row it is printed on, where a question named that row (`เงินนอกงบประมาณ`)

    @property
    def value(self) -> Decimal:
        return Decimal(self.printed.replace(",", ""))

    @property
    def shown(self) -> str:
        return f"{self.printed} {self.unit}" if self.unit else self.printed


@lru_cache(maxsize=1)
def _level_words() -> tuple[str, ...]:
    """The profile's plan-level words (`แผนงาน`, `โครงการ`, …), longest first."""
    return tuple(sorted({w for lv in vocabulary().plan_levels for w in lv.words}, key=len, reverse=True))


def own_name(title: str) -> str:
    """A level's own name: the title without numbering, ordinal (`โครงการที่ 1 :`), wrap mark or level word."""
    text = _ORDINAL.sub("", strip_markers(title)).rstrip("…")
    name = compact(text)
    for word in _level_words():
        if name.startswith(compact(word)) and len(name) > len(compact(word)) + 4:
            return name[len(compact(word)):]
    return name


def _kind_word(items: list[Level], levels: PlanLevels) -> str:
    """What a list of levels is called: the level word all their titles start with (`โครงการ` for
    `โครงการที่ 1 : …`, `ผลผลิต`), else `รายการ`."""
    found = {next((w for w in _level_words() if compact(levels.title(x)).startswith(compact(w))), None) for x in items}
    return found.pop() if len(found) == 1 and None not in found else "รายการ"


def unbracketed(name: str) -> str:
    """A name, compact, without what its brackets add (`สถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน)`)."""
    return compact(re.sub(r"\([^()]*\)", "", name))


def naming(name: str, question: str, long_run: bool = False,
           rare: Callable[[str], bool] | None = None) -> tuple[float, frozenset[int]]:
    """How much of a level's name a (compact) question types, and the question's characters it covers;
    (0, ∅) when it does not name it: its start typed for at least MIN_NAME_BLOCK characters, MIN_COVER of it
    anywhere, or (`long_run`, for a question) LONG_RUN characters of it in one run, or in two or more runs of
    LOOSE_BLOCK that are `rare` (few names print them). A name typed whole beats a longer one typed in part."""
    none = (0.0, frozenset())
    if len(name) < 6:
        return none
    at = question.find(name)
    if at >= 0:
        return float(len(name)), frozenset(range(at, at + len(name)))
    blocks = [b for b in SequenceMatcher(None, name, question, autojunk=False).get_matching_blocks() if b.size >= 3]
    matched = sum(b.size for b in blocks)
    first = next((b for b in blocks if b.a <= 1), None)
    start = first.size if first else 0  # the name's start, as typed
    need = max(min(MIN_NAME_BLOCK, len(name)), min(NAME_START_SHARE * len(name), NAME_START_MOST))
    cut = first is not None and start >= MIN_CUT_BLOCK and question[first.b + first.size:first.b + first.size + 1] == "ฯ"
    if cut:  # `กรมอุทยานฯ`: the name's start typed, then ฯ for the rest of it (what was typed is what counts)
        return float(first.size + 1), frozenset(range(first.b, first.b + first.size + 1))
    longest = max((b.size for b in blocks), default=0)
    if long_run and not (start >= need or matched >= MIN_COVER * len(name)):
        if longest >= LONG_RUN:
            run = max(blocks, key=lambda b: b.size)  # named by one long run only: that run is what it covers
            return float(run.size), frozenset(range(run.b, run.b + run.size))
        # or by rare runs (`โครงการยานพาหนะขับขี่อัตโนมัติ สถานีกลางบางซื่อ` of `โครงการพัฒนายานพาหนะขับขี่อัตโนมัติ
        # และการจัดการเดินรถ … สถานีกลางบางซื่อ`); a run other names print too (`การเติบโตอย่างยั่งยืน`) names none
        runs = [b for b in blocks if b.size >= LOOSE_BLOCK and rare is not None and rare(question[b.b:b.b + b.size])]
        together = all(b.b - (a.b + a.size) <= RUN_GAP for a, b in zip(runs, runs[1:]))  # typed as one phrase
        if len(runs) >= 2 and together and sum(b.size for b in runs) >= LONG_RUN:
            return float(sum(b.size for b in runs)), frozenset(i for b in runs for i in range(b.b, b.b + b.size))
    if start >= need or matched >= MIN_COVER * len(name):
        covered = frozenset(i for b in blocks for i in range(b.b, b.b + b.size))
        return matched * (0.5 + 0.5 * matched / len(name)), covered
    return none


def _typed_apart(name: str, other: str, question: str) -> bool:
    """Whether a (compact) question types a run of MIN_OWN_BLOCK or more letters of `name` that `other` does not
    print, and none of `other` that `name` does not print: the words telling the first apart from the second."""
    def own(a: str, b: str) -> bool:
        return any(m.size >= MIN_OWN_BLOCK and a[m.a:m.a + m.size] not in b
                   for m in SequenceMatcher(None, a, question, autojunk=False).get_matching_blocks())
    return own(name, other) and not own(other, name)


def heading_amount(db: FactsDB, doc_id: str, line: int) -> tuple[int, str, str] | None:
    """The amount a budget book prints at the end of a (wrapped) heading starting on `line`: the line that
    prints it, the amount, and the text after it; None when the heading's lines print none before the next
    numbered heading or dash item. A heading ends on its page (a page's last heading is not continued by the
    next page's detail line)."""
    return amount_ending_heading(db.lines(doc_id, line, line + HEADING_AMOUNT_LINES * BLANK_SPREAD))


def amount_ending_heading(found: list[tuple[int, str, int | None]]) -> tuple[int, str, str] | None:
    """`heading_amount` over the lines (number, text, page) from the heading's first line on."""
    page = found[0][2] if found else None
    # printed lines only: a broken text layer puts runs of empty lines inside a wrapped heading
    rows = [(n, t) for n, t, p in found if t.strip() and (page is None or p == page)][:HEADING_AMOUNT_LINES + 1]
    for k, (n, text) in enumerate(rows):
        if k and SUB_ITEM.match(text):
            return None
        m = AMOUNT.search(text)
        if m:
            return n, m.group(0), text[m.end():]
    return None


class PlanLevels:
    """The outline's plan levels of every document, loaded once per generation."""

    def __init__(self, db: FactsDB, outline: Outline):
        self.db, self.outline = db, outline
        self.levels: list[Level] = []
        self._lines: dict[str, dict[str | None, list[dict]]] = {}
        self._syllables: dict[str, tuple[str, ...]] = {}
        self._printed: dict[str, str] = {}  # each document's text, compact, for `unprinted`
        self._named: dict[str, list[tuple[float, Level]]] = {}
        self._runs: dict[str, bool] = {}
        self._items: dict[tuple, list[dict]] | None = None
        self._item_grams: dict[str, set[tuple]] = {}
        self._item_names: dict[tuple, str] = {}  # each item's name, compact
        self._item_text = ""
        self.by_node: dict[str, Level] = {}  # node id → level
        self._titled: dict[str, Evidence] = {}  # a level whose name wraps to its amount's line: those lines
        parents: dict[str, str | None] = {}
        headings = {(h.doc_id, (*h.path, h.text)): h for hs in outline.sections.values() for h in hs}
        for n in db.graph_nodes():
            if n["level"] not in LEVELS or not n["path"] or n["path"][0].startswith("#"):
                continue  # direction/strategy/project keys of an action plan's facts have no outline heading
            h = headings.get((n["doc_id"], tuple(n["path"])))
            if h is None:
                continue
            lv = Level(n["node_id"], n["doc_id"], n["level"], h, own_name(h.text), n["name"], n["line_start"],
                       n["line_end"])
            self.by_node[lv.node_id] = lv
            parents[lv.node_id] = n["parent_id"]
            self.levels.append(lv)
        for lv in self.levels:  # a wrapped or cut title: the name as printed, up to the amount that ends it
            a = self.amount(lv, detail=False)
            if a is not None:
                text = AMOUNT.sub("", " ".join(a.evidence.quote.split()))
                printed = own_name(text)
                if len(printed) > len(lv.name) and printed.startswith(lv.name[:6]):
                    lv.name, lv.title = printed, strip_markers(text).strip()
                    self._titled[lv.node_id] = a.evidence  # the lines printing the whole name
        self._aliases = {lv.node_id: bracketed_aliases(lv.title) for lv in self.levels}
        # a name without what its brackets add (`สถาบันวิจัยแสงซินโครตรอน (องค์การมหาชน)`), which questions leave out
        self._cores = {lv.node_id: core for lv in self.levels
                       if len(core := unbracketed(lv.title)) >= MIN_NAME_BLOCK and core != lv.name}
        for lv in self.levels:  # a title still cut: the brackets of its heading's wrapped lines (`(Thailand Inno-BIZ
            if lv.title.endswith("…"):  # Champion) (ภาคเหนือ)`) name it; the rest may be a column printed beside it
                said = [a for a in bracketed_aliases(self.title(lv)) if a not in lv.name]
                lv.name += "".join(said)
                self._aliases[lv.node_id] += said
        for lv in self.levels:
            parent = self.by_node.get(parents[lv.node_id] or "")
            if parent is not None:
                lv.parent = parent
                parent.children.append(lv)

    # -- finding ---------------------------------------------------------------------
    def abbreviated(self, text: str) -> list[tuple[str, str]]:
        """(abbreviation as typed, full name) of the agencies a question names by an abbreviation (`สกสว.`,
        `อบก.`, `ทช.`): Thai initials (3–6 consonants, a dot or not a word; two with a dot) found in order among
        the initials of an agency's or ministry's syllables (less a kind word its abbreviation leaves out, profile
        `[agency] abbreviation_skips`), its first letter the name's first; only an abbreviation one name fits best."""
        out = []
        for m in _ABBREVIATION.finditer(text):
            letters = m.group(1)
            if not m.group(2) and (letters in _thai_words() or len(letters) < MIN_UNDOTTED):
                continue  # a word of consonants only (`กรม`, `ของ`), not an abbreviation
            fits = []
            for lv in self.levels:
                if lv.level not in ("ministry", "agency"):
                    continue
                spans = [s for initials in self._initials(lv) if (s := _initials_span(letters, initials)) is not None]
                if spans:
                    fits.append((min(spans), lv))
            fits.sort(key=lambda sl: sl[0])
            if fits and (len(fits) == 1 or fits[0][0] < fits[1][0]):
                printed = self._printing(letters)
                if printed and fits[0][1].doc_id not in printed:
                    continue  # another document's own abbreviation (`สอจ.ลำปาง` in a provincial plan)
                out.append((m.group(0), self.title(fits[0][1])))
        return out

    def acronyms(self, text: str) -> list[tuple[str, str]]:
        """(name as typed, title) of the agencies and ministries a question names by a public acronym or short name
        (`GISTDA`, `จิสด้า`, `BEDO's`, profile `[agency_names]`): the index's level of that name, read without its
        brackets' words. Books seldom print these forms, and where they do it is as the body's own (`BEDO Concept`)."""
        out = []
        for short, name in agency_names().items():
            m = _gazetteer_word(short).search(text)
            if m is None:
                continue
            core = unbracketed(name)
            fits = [lv for lv in self.levels if lv.level in ("ministry", "agency") and unbracketed(self.title(lv)) == core]
            if fits:
                out.append((m.group(0), self.title(fits[0])))
        return out

    def named_without(self, text: str, typed: str, title: str) -> bool:
        """Whether the question, without a short name it types, still names the level of that title best (`BEDO
        สำนักงานพัฒนาเศรษกิจฐานชีวะภาพ`: the name typed too, misspelt): the short name adds nothing to read."""
        named = self.named(text.replace(typed, " ", 1))
        return bool(named) and self.title(named[0][1]) == title

    def asks_below(self, q: Query, lv: Level, draft: Draft, idf: dict[str, float]) -> bool:
        """Whether a question answered with a level's own amount asks something under it instead: BEYOND_SHARE or
        more of its words (idf-weighted), beyond the level's and its ancestors' names and the money, target and
        operation words, are no part of those names (`กรมทรัพยากรน้ำขอซื้อรถโดยสาร 12 ที่นั่งกี่คัน`: a budget item
        of the agency, not the agency's budget), or it asks an amount per unit. A row of its year table the question
        names is its own."""
        if self.year_amounts(lv, q.text):
            return False
        own = amount_answer(q, lv, self)
        if own is None or [x.text for x in own.sentences] != [x.text for x in draft.sentences]:
            return False
        if asks_rate(q.text):  # `…คิดค่าบริการชั่วโมงละกี่บาท`: an amount per unit, which its whole amount is not
            return True
        return asks_beyond(q, " ".join(self.title(x) for x in [lv, *lv.ancestors()]), idf)

    def unprinted(self, q: Query, lv: Level, idf: dict[str, float]) -> list[str]:
        """The question's Thai words, beyond the level's and its ancestors' names and the money, target and
        operation words, that its document prints nowhere (`ทุนวิจัยด้านโควิด` of an agency's budget): what it
        asks of the level is not in the document. Words the index never saw are left out (a misspelling)."""
        named = compact(" ".join(self.title(x) for x in [lv, *lv.ancestors()]))
        asking = _asking_words()
        if lv.doc_id not in self._printed:
            self._printed[lv.doc_id] = compact(" ".join(t for _, t, _ in self.db.lines(lv.doc_id, 1, 10**7)))
        printed = self._printed[lv.doc_id]
        return [t for t in key_terms(q) if len(t) >= MIN_UNPRINTED and not t.isascii() and not t.isdigit() and t in idf
                and compact(t) not in named and compact(t) not in asking and compact(t) not in printed]

    def _printing(self, letters: str) -> set[str]:
        """The documents that print an abbreviation as a word of its own (`(อบก.)`, `สอจ.ลำปาง`)."""
        word = re.compile(rf"(?<![\u0E00-\u0E7F]){letters}(?:\.|(?![\u0E00-\u0E7F]))")
        rows = self.db.db.execute("SELECT doc_id, text FROM lines WHERE text LIKE ? LIMIT 2000", (f"%{letters}%",))
        return {doc for doc, text in rows if word.search(text)}

    def _initials(self, lv: Level) -> tuple[str, ...]:
        """The initials of a level's name's syllables, and of its name less a kind word abbreviations leave out."""
        if lv.node_id not in self._syllables:
            title = self.title(lv)
            names = [title] + [title[len(w):] for w in vocabulary().agency.abbreviation_skips
                               if title.startswith(w) and len(title) > len(w)]
            self._syllables[lv.node_id] = tuple(
                "".join(_initial(s) for s in syllable_tokenize(name) if _initial(s)) for name in names)
        return self._syllables[lv.node_id]


    def named(self, text: str) -> list[tuple[float, Level]]:
        """Levels the question names, best first: a level's own match plus its named ancestors' (so
        `แผนงาน X ของกรม Y` finds X under Y, not under another agency). When it names none so, the names without
        their brackets' words are tried (`สถาบันแสงซินโครตรอน` names `สถาบันวิจัยแสงซินโครตรอน (องค์การมหาชน)`)."""
        hit = self._named.get(text)  # (threads share one instance: a read that may miss, never fail)
        if hit is not None:
            return hit
        question = compact(text)
        own = {id(lv): naming(lv.name, question, long_run=True, rare=self._rare) for lv in self.levels}
        if not any(chars for _, chars in own.values()):
            own = {id(lv): naming(self._cores.get(lv.node_id, lv.name), question, long_run=True, rare=self._rare)
                   for lv in self.levels}
        hit = [lv for lv in self.levels if own[id(lv)][1]]
        by_run = {id(lv) for lv in hit if not naming(lv.name, question)[1]}  # named by one long run only
        scored = []
        for lv in self.levels:
            score, chars = own[id(lv)]
            # All it matches lies inside a longer match of another name (`กรมทรัพยากรน้ำ` in `…น้ำบาดาล`), or
            # inside as long a match of a name typed from its start (a run of `สำนักงานปลัดกระทรวง X` in `กระทรวง X`).
            # Not when the question types words only its name prints (`แผนงานยุทธศาสตร์ด้าน X` against `แผนงานพื้นฐาน
            # ด้านการสร้าง X`: `ยุทธศาสตร์`), and none only the other's does.
            if chars and any(other is not lv and len(chars - own[id(other)][1]) <= SPILL and (
                    len(chars) < len(own[id(other)][1]) or (id(lv) in by_run and id(other) not in by_run))
                    and not _typed_apart(lv.name, other.name, question) for other in hit):
                continue
            for alias in self._aliases[lv.node_id]:  # `(… Accelerator: THIPA)` typed: it names the level
                at = question.find(alias)
                if at >= 0 and len(alias) > score:
                    score, chars = float(len(alias)), frozenset(range(at, at + len(alias)))
            if score <= 0:
                continue
            above = frozenset().union(*(own[id(a)][1] for a in lv.ancestors()))
            scored.append((score + len(above - chars), lv))  # what its named ancestors add, counted once
        scored.sort(key=lambda sl: (-sl[0], -LEVELS.index(sl[1].level), sl[1].heading.line))
        if scored and scored[0][1].level in ("ministry", "agency"):
            under = self._told_apart_under(scored[0][1], question, own[id(scored[0][1])][1])
            if under is not None:  # `แผนงานยุทธศาสตร์เศรษฐกิจภาคทะเล ของกรมทรัพยากรธรณี`: a shortened name under it
                scored.insert(0, (scored[0][0] + under[0], under[1]))
        if len(self._named) >= NAMED_CACHE:
            self._named.clear()
        self._named[text] = scored  # one question asks several stages (levels, KPIs, sections) the same
        return scored

    def _told_apart_under(self, top: Level, question: str, typed: frozenset[int]) -> tuple[int, Level] | None:
        """The one level under a named agency that a run of LOOSE_BLOCK or more characters the question types
        (outside the agency's own name) belongs to, when no other level under that agency prints the run (or only
        levels under it): a name people shorten, named by the words that tell it apart. None when no level under
        the agency is named that way, or several are."""
        below = top.descendants()
        if any(naming(d.name, question)[0] for d in below):
            return None  # a level under it is named the ordinary way
        picked: dict[int, tuple[int, Level]] = {}
        # the agency's typed name masked: a long match of it would hide the runs typed beside it (the matching blocks
        # of two strings keep their order, and a level's name may print the agency's words after its own)
        masked = "".join("\0" if i in typed else c for i, c in enumerate(question))
        for d in below:
            for b in SequenceMatcher(None, d.name, masked, autojunk=False).get_matching_blocks():
                run = question[b.b:b.b + b.size]
                if b.size < LOOSE_BLOCK or any(i in typed for i in range(b.b, b.b + b.size)) or run in top.name \
                        or run in _asking_words():
                    continue  # words of the agency's own name (typed again, or an English name read) name the agency;
                    # money and operation words (`งบประมาณรายจ่าย`) say how the question asks, not what it names
                holders = [x for x in below if run in x.name]
                tops = [x for x in holders if not any(a in holders for a in x.ancestors())]
                if len(tops) == 1 and (id(tops[0]) not in picked or picked[id(tops[0])][0] < b.size):
                    picked[id(tops[0])] = (b.size, tops[0])
        return next(iter(picked.values())) if len(picked) == 1 else None

    def aliases(self, lv: Level) -> list[str]:
        """The compact aliases a level's name prints in brackets (`THIPA`, `Thailand Inno-BIZ Champion`)."""
        return self._aliases.get(lv.node_id, [])

    def _rare(self, run: str) -> bool:
        """Whether at most RARE_NAMES level names print this (compact) run."""
        hit = self._runs.get(run)
        if hit is None:
            hit = self._runs[run] = sum(run in lv.name for lv in self.levels) <= RARE_NAMES
        return hit

    # -- reading ---------------------------------------------------------------------
    def evidence(self, lv: Level) -> Evidence:
        """The level's heading as printed (wrapped lines included); where the outline's anchor line holds
        more than the name (a statement that starts with the agency's name), the line printing the name alone."""
        h = lv.heading
        start, end = h.line, self.outline.heading_end(h)
        titled = self._titled.get(lv.node_id)
        if titled is not None and titled.doc_id == h.doc_id and titled.line_start <= start <= titled.line_end:
            # the name wraps to its amount's line (`…ชายฝั่งทะเล` / `23 จังหวัด 57,680,000`): both cited
            return self.db.evidence(h.doc_id, start, max(end, titled.line_end))
        if not lv.title.endswith("…"):
            want = compact(strip_markers(lv.title))
            if compact(strip_markers(self.db.cite(h.doc_id, start, end).quote)) != want:
                exact = [n for n, text, _ in self.db.lines(h.doc_id, lv.line_start, lv.line_end + ANCHOR_SPAN)
                         if compact(strip_markers(text)) == want]
                if exact:
                    start = end = exact[0]
        return self.db.evidence(h.doc_id, start, end)

    def title(self, lv: Level) -> str:
        """The level's name as printed, without its numbering or the amount after it."""
        if not lv.title.endswith("…"):
            return " ".join(lv.title.split())
        text = " ".join(self.evidence(lv).quote.split())
        return AMOUNT.sub("", strip_markers(text)).replace(" บาท", "").strip() or lv.heading.text

    def fiscal_year(self, doc_id: str) -> tuple[int, Evidence] | None:
        """The document's fiscal year as its cover prints it (`ประจำปีงบประมาณ พ.ศ. ๒๕๖๕`), with that line."""
        words = vocabulary().budget_lines.fiscal_year_words
        for n, text, _ in self.db.lines(doc_id, 1, COVER_LINES):
            plain = thai_digits_to_arabic(" ".join(text.split()))
            if any(w in plain for w in words):
                m = _YEAR.search(plain)
                if m:
                    return int(m.group(1)), Evidence(doc_id, n, n, self.db.cite(doc_id, n, n).quote, "retrieval", 1.0,
                                                     [m.group(1)])
        return None

    def amount(self, lv: Level, detail: bool = True) -> Amount | None:
        """The amount printed at the end of a budget level's (wrapped) heading (`7.4.1 โครงการที่ 1 : … 53,601,400`),
        else (`detail`) on the first line of its section that names it with an amount (its budget-detail
        page: `ผลผลิต : … 133,867,200 บาท`). A ministry or agency prints its amounts in a year table instead."""
        if lv.level not in HEADED_AMOUNTS:
            return None
        h = lv.heading
        found = heading_amount(self.db, h.doc_id, h.line)
        if found is not None:
            n, printed, after = found
            e = self.db.evidence(h.doc_id, h.line, n)
            return Amount(printed, e, self._row_currency(h.doc_id, n, after))
        if not detail:
            return None
        head = lv.name[:MIN_NAME_BLOCK]
        for n, text, _ in self.db.lines(h.doc_id, h.line, min(h.last, h.line + DETAIL_LINES)):
            m = AMOUNT.search(text)
            if m and head in compact(text[: m.start()]):
                e = self.db.evidence(h.doc_id, n, n)
                return Amount(m.group(0), e, self._row_currency(h.doc_id, n, text[m.end():]))
        return None

    def _row_currency(self, doc_id: str, line: int, after: str) -> str:
        """The currency printed right after an amount, on its line or alone on its printed row (a book prints
        `บาท` as a separate text object at the row's right end); empty when the document prints none."""
        unit = _currency(after[:UNIT_CHARS])
        if unit:
            return unit
        for n in self.outline.row_lines(doc_id, line):
            text = self.db.cite(doc_id, n, n).quote.strip()
            if n != line and _currency(text) == text:
                return text
        return ""

    def own_lines(self, lv: Level) -> tuple[int, int]:
        """The lines of a level's own pages: its section up to the first level under it."""
        h = lv.heading
        start = min(h.line, lv.line_start)
        end = min((c.line_start for c in lv.children), default=max(h.last, lv.line_end))
        return start, min(end, start + OWN_LINES)

    def named_row(self, lv: Level, question: str) -> tuple[Amount, Evidence] | None:
        """An amount on a row of the level's own pages whose label the question types (`รายจ่ายลงทุน บาท` …
        `67,147,800` on the same printed row; a table column headed `งบลงทุน` in the level's own or total
        row), with the label's evidence; None when the question names no such row."""
        asked = compact(question)
        doc = lv.doc_id
        # The facts: a budget line of the level or of one level under it that the question names (`งบลงทุน
        # 36,601,400 บาท`, `เงินเดือนข้าราชการ 465,137,500 บาท` under the agency's แผนงานบุคลากรภาครัฐ, `ค่าจ้างเหมา
        # บริการ 7,520,200 บาท` of a project); its own totals first, then its own items, then the levels under it;
        # only a line the question names one way (one amount).
        for own, totals in ((True, True), (True, False), (False, False)):  # its totals, its items, then below it
            lines = self.budget_lines(lv) if own else [x for d in lv.descendants() for x in self.budget_lines(d)]
            named = [x for x in lines if (x["is_total"] or not totals) and len(_label(x["name"] or "")) >= MIN_LABEL
                     and _label(x["name"] or "") in asked and not _generic(x["name"])]
            if named and len({x["printed"] for x in named}) == 1:
                line = named[0]
                e = Evidence(doc, line["line_start"], line["line_end"], line["quote"], "retrieval", 1.0, [line["printed"]])
                return Amount(line["printed"], e, line["unit"] or ""), e
        start, end = self.own_lines(lv)
        for n, text, _ in self.db.lines(doc, start, end):
            label = _label(text)
            if len(label) < MIN_LABEL or label not in asked or _generic(text) or AMOUNT.search(text):
                continue
            if label in lv.name or naming(lv.name, label)[0] > 0:
                continue  # the level's own name or a run of it (`ระบบนิเวศ 5,966`: a KPI row), not a row of it
            found = self.row_amounts(doc, n)  # the label line itself prints none
            if len(found) == 1:
                m, printed = found[0]
                amount = self.db.evidence(doc, m, m)
                return Amount(printed, amount), self.db.evidence(doc, n, n)
        totals = [compact(w) for w in vocabulary().budget_lines.total_words]
        for table in self.outline.tables.get(doc, []):
            if not start <= table.line_start <= end:
                continue
            cols = [c for c in table.cells if c.header and len(_label(c.text)) >= MIN_LABEL
                    and _label(c.text) in asked and not _generic(c.text)
                    and not _YEAR.search(thai_digits_to_arabic(c.text))]  # a year column: `year_amounts` reads it
            if not cols:
                continue
            rows: dict[int, dict[int, str]] = {}
            for c in table.cells:
                rows.setdefault(c.row, {})[c.col] = c.text
            own = [r for r, cells in sorted(rows.items()) if naming(lv.name, compact(cells.get(0, "")))[0] > 0]
            total = [r for r, cells in sorted(rows.items()) if any(compact(cells.get(0, "")).startswith(t) for t in totals)]
            for r in (own or total)[:1]:
                value = rows[r].get(cols[0].col, "").strip()
                if not _FIGURE.fullmatch(value) or not re.search(r"[.,]", value):
                    continue  # an amount (`303.4942`, `1,493,510,700`), not a count or an item number
                unit = self.table_unit(doc, table)
                quote = self.db.cite(doc, table.line_start, table.line_end).quote
                e = Evidence(doc, table.line_start, table.line_end, quote, "retrieval", 1.0, [value.strip()])
                return Amount(value.strip(), e, unit or ""), e
        return None

    def row_amounts(self, doc_id: str, n: int) -> list[tuple[int, str]]:
        """(line, amount) of every amount on line n's printed row: the line itself and the text objects a book
        prints beside it (`บาท`, the amount of a label printed apart)."""
        row = [n] + [m for m in self.outline.row_lines(doc_id, n) if m != n]
        return [(m, a.group(0)) for m in row for a in AMOUNT.finditer(self.db.cite(doc_id, m, m).quote)]

    def budget_lines(self, lv: Level) -> list[dict]:
        """The facts' budget lines that hang on this level (its expense-category totals and items)."""
        if lv.doc_id not in self._lines:
            self._lines[lv.doc_id] = {}
            for line in self.db.budget_lines(lv.doc_id):
                self._lines[lv.doc_id].setdefault(line.get("node_id"), []).append(line)
        return self._lines[lv.doc_id].get(lv.node_id, [])

    def _load_items(self) -> None:
        """The budget-detail items (each with its yearly instalments) and the runs of their names, read once."""
        if self._items is not None:
            return
        self._items, self._item_grams = {}, {}
        for line in self.db.budget_lines():
            if line.get("origin") in ("item", "instalment") and line.get("name"):
                key = (line["doc_id"], line.get("node_id"), line["name"])
                self._items.setdefault(key, []).append(line)
        self._item_names = {key: compact(key[2]) for key in self._items}
        self._item_text = "\0".join(self._item_names.values())  # every name at once: is a run printed by any
        for key, name in self._item_names.items():  # every run of ITEM_GRAM characters of a name: which items print it
            for i in range(len(name) - ITEM_GRAM + 1):
                self._item_grams.setdefault(name[i:i + ITEM_GRAM], set()).add(key)

    def _item_runs(self, question: str, level_run: frozenset[int] = frozenset()
                   ) -> list[tuple[int, int, float, tuple, frozenset[int], float]]:
        """The budget-detail items a question types runs of, best typed first: (longest run, typed (weighted),
        share of the name, key, the question's characters typing it, share of its first printed line)."""
        self._load_items()
        asked = compact(question)
        typed = set().union(*(self._item_grams.get(asked[i:i + ITEM_GRAM], ()) for i in range(len(asked) - ITEM_GRAM + 1)))
        organisations = (self._organisation_chars(asked) | level_run) if typed else frozenset()
        # longest run, typed (weighted), share of the name, key, the question's characters typing it, share of its head
        runs: list[tuple[int, int, float, tuple, frozenset[int], float]] = []
        for key in typed:  # items one of whose runs the question types (a cheap test before the longest run)
            name = compact(key[2])
            if len(name) < MIN_ITEM_RUN:
                continue
            blocks = SequenceMatcher(None, name, asked, autojunk=False).get_matching_blocks()
            # characters typed in runs, weighted by run length: one long run names an item more surely than
            # as many characters in short runs a level's name typed beside it shares (`บริหารจัดการทรัพยากร`);
            # an agency's name the question types is the agency's, not part of an item that prints it
            own = [r for b in blocks for r in _unmasked(b.b, b.size, organisations) if r >= ITEM_BLOCK]
            typed_here = sum(r * r for r in own)
            plain = sum(own)
            if not own:
                continue
            # a project's name typed (level_run): the share is of the rest of the item's name
            named = sum(b.size - sum(_unmasked(b.b, b.size, level_run)) for b in blocks if b.size >= ITEM_BLOCK)
            # its share of the item's own name: the first printed line up to a place (the count wraps below it)
            first = _NEXT_ITEM.sub("", (self._items[key][0].get("quote") or key[2]).splitlines()[0])
            head = compact(_label(_PLACE_NAME.split(first)[0] or first))  # not its place (`… ตำบลสุรนารี อำเภอ…`)
            runs.append((max(own), typed_here, plain / max(1, len(name) - named), key,
                         frozenset(i for b in blocks if b.size >= ITEM_BLOCK for i in range(b.b, b.b + b.size)),
                         min(1.0, plain / max(1, (len(head) or len(name)) - named))))
        runs.sort(key=lambda r: (r[1], r[2], r[0], r[3]), reverse=True)  # most of its name typed, then most of it
        return runs

    def items_under(self, lv: Level) -> list[tuple]:
        """The keys of the budget-detail items printed under a level (or a level under it)."""
        under = {lv.node_id, *(d.node_id for d in lv.descendants())}
        self._load_items()
        return [k for k in self._items or {} if k[0] == lv.doc_id and k[1] in under]

    def item_rows(self, key: tuple) -> list[dict]:
        """An item's rows (the item and its yearly instalments)."""
        return self._items[key] if self._items else []

    def named_item(self, question: str, level_run: frozenset[int] = frozenset()) -> tuple[frozenset[int], list[dict]]:
        """The budget-detail item a question names by typing a long run of its name (`ค่าก่อสร้าง
        อาคารปฏิบัติการพัฒนาเทคโนโลยีขั้นสูง`, or `ค่าจัดทำระบบฐานข้อมูลอุทกธรณีวิทยา…` for `ค่าใช้จ่ายในการจัดทำ
        ระบบฐานข้อมูล…`): the question's (compact) characters that type its name, and its rows (the item and its
        yearly instalments); (∅, []) when it names none. `level_run`: the question's characters that name a
        project (`โครงการ<run>`), which an item printing the same words is not named by."""
        runs, asked = self._item_runs(question, level_run), compact(question)
        if not runs or runs[0][0] < MIN_ITEM_RUN or max(runs[0][2], runs[0][5]) < ITEM_SHARE:
            return self._latin_named(question) if not level_run else (frozenset(), [])
        best = runs[0]
        # Another item typed as far, and as large a share of its name: the question names neither (a run many
        # items share, `ค่าใช้จ่ายในการดำเนินงาน…`; one machine for several offices). An item whose name holds the
        # other's and more (`ค่าควบคุมงาน<the same item>`) is typed as far but in a smaller share.
        if any(compact(key[2]) != compact(best[3][2]) and typed >= ITEM_UNIQUE * best[1] and share >= ITEM_UNIQUE * best[2]
               and not _holds_more(key[2], best[3][2]) for _, typed, share, key, _, _ in runs[1:]):
            return frozenset(), []
        # The same name under several levels (`ค่าตอบแทนพนักงานราชการ` of every agency): the one under a level the
        # question names, else none.
        same = [r for r in runs if compact(r[3][2]) == compact(best[3][2])]
        if len({r[3][1] for r in same}) > 1:
            under = [r for r in same if self._under_named(question, r[3][1])]
            if len({r[3][1] for r in under}) != 1:
                return frozenset(), []
            best = under[0]
        longest = max((b for b in SequenceMatcher(None, compact(best[3][2]), asked, autojunk=False).get_matching_blocks()
                       if not level_run.intersection(range(b.b, b.b + b.size))), key=lambda b: b.size)
        name = compact(best[3][2])
        for w in map(compact, _level_words()):  # a level word typed right before the run (sharing its start or not)
            end = asked.find(w, max(0, longest.b - len(w)), longest.b + ITEM_BLOCK) + len(w)
            if end >= len(w) and longest.b <= end <= longest.b + ITEM_BLOCK and \
                    not name[:longest.a + end - longest.b].endswith(w):
                # `โครงการ<run>`: a project the question names, not the item that mentions it; the item is named
                # only if the question's other words name it (`…ตั้งงบระบบ Marine GI Portal Platform`)
                run = frozenset(range(longest.b, longest.b + longest.size))
                if not self._names_level(question, run):
                    break  # no level prints that name: the question calls the item a project (`โครงการเพิ่ม…`)
                return self.named_item(question, run) if not level_run else (frozenset(), [])
        return best[4], self._items[best[3]]

    def _under_named(self, question: str, node_id: str | None) -> bool:
        """Whether the level of this node is, or sits under, the level the question names best of its kind."""
        level = self.by_node.get(node_id or "")
        if level is None:
            return False
        named = self.named(question)
        kinds = {lv.level: lv for _, lv in reversed(named)}  # the best named level of each kind
        chain = {id(lv) for lv in (level, *level.ancestors())}
        return bool(kinds) and all(id(lv) in chain for lv in kinds.values() if lv.level in ("ministry", "agency"))\
            and any(id(lv) in chain for lv in kinds.values())

    def _names_level(self, question: str, run: frozenset[int]) -> bool:
        """Whether a level the question names covers most of these (compact) question characters."""
        return any(len(run & naming(lv.name, compact(question), long_run=True)[1]) * 2 >= len(run)
                   for _, lv in self.named(question) if lv.level in HEADED_AMOUNTS)

    def _latin_named(self, question: str) -> tuple[frozenset[int], list[dict]]:
        """The one item whose name prints a Latin-script name the question types (`freeze dryer` of
        `เครื่องทำแห้งแบบแช่เยือกแข็ง (Freeze Dryer)`), at least MIN_LATIN_NAME letters, with the question's
        characters that type its name (its place too: an item is answered only if MIN_ITEM_RUN of them are);
        (∅, []) when no item or more than one prints it."""
        asked = compact(question)
        for m in re.finditer(r"[A-Za-z][A-Za-z\s\-]*[A-Za-z]", question):
            words = m.group(0).split()
            # the run's longest span of whole words one item prints (`marine GI portal platform` of `… marine GI
            # portal platform - how much is allocated …`: an English question's own words around the name)
            spans = sorted(((i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)),
                           key=lambda ij: ij[0] - ij[1])
            for i, j in spans:
                name = compact(" ".join(words[i:j]))
                if len(name) < MIN_LATIN_NAME or name not in self._item_text:
                    continue  # too short, or no item prints it (one search over all names, not one per item)
                keys = [k for k, printed in self._item_names.items() if name in printed]
                if len({self._item_names[k] for k in keys}) == 1:  # the question's characters typing any of its name
                    blocks = SequenceMatcher(None, self._item_names[keys[0]], asked, autojunk=False).get_matching_blocks()
                    return frozenset(i for b in blocks if b.size >= ITEM_BLOCK for i in range(b.b, b.b + b.size)), \
                        self._items[keys[0]]
        return frozenset(), []

    def _organisation_chars(self, asked: str) -> frozenset[int]:
        """The (compact) question's characters that type a ministry's or agency's name in a run of MIN_ITEM_RUN."""
        out: set[int] = set()
        for lv in self.levels:
            if lv.level not in ("ministry", "agency") or len(lv.name) < MIN_ITEM_RUN:
                continue
            name = compact(lv.name)
            if name[:ITEM_GRAM] not in asked and name[-ITEM_GRAM:] not in asked:
                continue  # a cheap test: a long run of it starts or ends where its name does
            for b in SequenceMatcher(None, name, asked, autojunk=False).get_matching_blocks():
                if b.size >= MIN_ITEM_RUN:
                    out.update(range(b.b, b.b + b.size))
        return frozenset(out)

    def item_block(self, item: dict) -> list[tuple[int, str]]:
        """The lines printed under a budget-detail item up to the next item (`วงเงินทั้งสิ้น …`, `ปี 2565
        ตั้งงบประมาณ …`), non-blank, as stored."""
        out = []
        for n, text, _ in self.db.lines(item["doc_id"], item["line_end"] + 1, item["line_end"] + ITEM_BLOCK_LINES):
            if _NEXT_ITEM.match(text) or SUB_ITEM.match(text):
                break
            if text.strip():
                out.append((n, text))
        return out

    def table_unit(self, doc_id: str, table: Table) -> str | None:
        """The currency unit a table's caption prints (`หน่วย : ล้านบาท`): the nearest unit line above the
        table on its page (by position: a right-aligned caption is printed anywhere in the text layer)."""
        page = self.outline.page_of(doc_id, table.line_start)
        candidates = self.outline.lines_of_page(doc_id, page) if page is not None else range(
            max(1, table.line_start - UNIT_LINES), table.line_start + 1)
        top = self.outline.top_of(doc_id, table.line_start)
        best: tuple[float, str] | None = None
        for n in candidates:
            text = self.db.cite(doc_id, n, n).quote
            if not any(u in text for u in vocabulary().table_words.unit_words):
                continue
            unit = _currency(text)
            y = self.outline.top_of(doc_id, n)
            if unit and (top is None or y is None or y <= top) and (best is None or (y or 0) > best[0]):
                best = ((y or 0), unit)
        return best[1] if best else None

    def section_tables(self, lv: Level) -> list[Table]:
        """The tables of a level's own section (before its first child's), where its year table is."""
        h = lv.heading
        first_child = min((c.line_start for c in lv.children), default=max(h.last, lv.line_end))
        return [t for t in self.outline.tables.get(h.doc_id, [])
                if min(h.line, lv.line_start) <= t.line_start <= first_child]

    def year_amounts(self, lv: Level, asked: str | None = None) -> dict[int, Amount]:
        """The level's appropriation per fiscal year from the first year-headed table of its section
        whose row is labelled with an appropriation word (an agency's `งบประมาณรายจ่าย` row), a แผนงาน's earlier
        years from its agency's comparison table; with `asked` (a question), the row of such a table whose
        label the question types (`เงินนอกงบประมาณ`), or none."""
        if asked is not None:
            return self._own_year_amounts(lv, asked)
        return merged_years(self.year_tables(lv))

    def year_tables(self, lv: Level) -> list[dict[int, Amount]]:
        """The level's appropriation per year as each table prints it: its own section's first, then (a
        แผนงาน's) its agency's comparison table."""
        own = self._own_year_amounts(lv, None)
        agency = self._agency_year_amounts(lv) if lv.level == "program" else \
            self._earlier_year_amounts(lv, own) if lv.level == "agency" else {}
        return [own, agency] if agency else [own]

    def _own_year_amounts(self, lv: Level, asked: str | None) -> dict[int, Amount]:
        """`year_amounts` from the level's own section's tables (or its one child's)."""
        for table in self.section_tables(lv):
            named = _named_rows(table, asked) if asked is not None else []
            cells, found = _year_row_at(table, named[:1], dashes=True, numbered=True) if asked is not None else \
                _year_row_at(table, _appropriation_words())
            if found:
                unit = next((u for col, text in cells.items() if col and (u := _currency(text)) and text.strip() == u), "")
                return self._row_amounts(lv.heading.doc_id, table, found, _row_label(table, named[0]) if named else "",
                                         unit)
        if len(lv.children) == 1:  # a แผนงาน of one ผลผลิต: that output's table prints the same totals
            return self._own_year_amounts(lv.children[0], asked)
        return {}

    def _agency_year_amounts(self, lv: Level) -> dict[int, Amount]:
        """A แผนงาน's amount per year from its agency's comparison table (a row per แผนงาน, its name in a cell or
        wrapped over two, a column per year): the years before the book's, which its own tables do not print."""
        agency = next((a for a in lv.ancestors() if a.level == "agency"), None)
        if agency is None or len(lv.name) < MIN_LABEL:
            return {}
        for table in self.section_tables(agency):
            found = named_year_row(table, lv.name)
            if found:
                return self._row_amounts(agency.heading.doc_id, table, found, "")
        return {}

    def _earlier_year_amounts(self, lv: Level, own: dict[int, Amount]) -> dict[int, Amount]:
        """An agency's total per year from its comparison table (`เปรียบเทียบงบประมาณรายจ่าย … 2563 - 2565`: a column
        per year, its total row `รวมทั้งสิ้น`), for the years before the book's, which its own table does not print:
        the first table of its section whose total row prints no year after the book's, a year its own table does
        not, and the same amounts as its own table where both print a year (not a table of money beyond the budget)."""
        cover = self.fiscal_year(lv.doc_id)
        if cover is None or not own:
            return {}
        totals = [compact(w) for w in vocabulary().budget_lines.total_words]
        for table in self.section_tables(lv):
            found = _year_row(table, totals)
            if not found or max(found) > cover[0] or not set(found) - set(own) or not set(found) & set(own):
                continue
            amounts = self._row_amounts(lv.heading.doc_id, table, found, "")
            if all(_in_baht(amounts[y]) == _in_baht(own[y]) for y in set(found) & set(own)):
                return amounts
        return {}

    def _row_amounts(self, doc_id: str, table: Table, found: dict[int, str], row: str,
                     row_unit: str = "") -> dict[int, Amount]:
        """A table row's cells as amounts per year, cited with the whole table, in the unit it, its own unit cell
        (`ล้านบาท` in a unit column) or its caption prints."""
        quote = self.db.cite(doc_id, table.line_start, table.line_end).quote
        e = Evidence(doc_id, table.line_start, table.line_end, quote, "retrieval", 1.0)
        unit = _currency(" ".join(found.values())) or row_unit or self.table_unit(doc_id, table) or ""
        return {year: Amount(m.group(0) if (m := _FIGURE.search(cell)) else "-", e, unit, row)
                for year, cell in found.items()}

    def year_row_share(self, lv: Level, asked: str, year: int) -> tuple[Amount, Amount] | None:
        """(part, whole) for a year of a row the question names in a year table of the level's own section
        (`งบประมาณรายจ่ายบุคลากร` of an agency's comparison table) and that table's total row: one table, one unit."""
        totals = [compact(w) for w in vocabulary().budget_lines.total_words]
        for table in self.section_tables(lv):
            named = _named_rows(table, asked)
            part = _year_row(table, named[:1], numbered=True) if named else {}
            whole = _year_row(table, totals) if year in part else {}
            if year in whole:
                doc = lv.heading.doc_id
                return (self._row_amounts(doc, table, {year: part[year]}, _row_label(table, named[0]))[year],
                        self._row_amounts(doc, table, {year: whole[year]}, "")[year])
        return None

    def names_year_row(self, lv: Level, asked: str) -> bool:
        """Whether a question types the label of a row of the level's year table other than its
        appropriation (`เงินนอกงบประมาณ`), printed with figures or not."""
        return any(_named_rows(t, asked) for t in self.section_tables(lv)) or (
            len(lv.children) == 1 and self.names_year_row(lv.children[0], asked))


def _appropriation_words() -> list[str]:
    return [compact(w) for w in (*vocabulary().budget_lines.appropriation_words, *vocabulary().budget_lines.total_words)]


def _named_rows(table: Table, asked: str) -> list[str]:
    """The labels (compact, the longest typed first) of a table's rows a question types, other than the
    appropriation's: typed whole, or what follows a leading appropriation word (`งบประมาณรายจ่ายบุคลากร` named by
    `งบบุคลากร`: the word that tells the row from its siblings)."""
    typed = compact(asked)
    labels = {_label(_NEXT_ITEM.sub("", c.text)) for c in table.cells if c.col == 0 and not c.header}
    named = {w: typed_len for w in labels if (typed_len := _typed_row(w, typed))}
    return sorted(named, key=lambda w: named[w], reverse=True)


def _typed_row(label: str, typed: str) -> int:
    """How much of a row label a question types (0: not named): the label whole, or its part after a leading
    appropriation or total word; a label that is only such a word (the appropriation row itself) is not named."""
    lead = next((w for w in _appropriation_words() if label.startswith(w)), "")
    own = label[len(lead):]
    if len(own) < MIN_LABEL or _generic(own):
        return 0
    return len(label) if label in typed else len(own) if lead and own in typed else 0


_ABBREVIATION = re.compile(r"(?<![\u0E00-\u0E7F])([ก-ฮ]{2,6})(\.)?(?![\u0E00-\u0E7F])")
BEYOND_SHARE = 0.4  # of a question's words (idf-weighted) naming no level it names: it asks something under them


def asks_beyond(q: Query, names: str, idf: dict[str, float]) -> bool:
    """Whether BEYOND_SHARE or more of a question's words (idf-weighted), beyond these names (a level's, an
    organisation's) and the money, target and operation words, are no part of them: it asks something under what
    the names name (`…แก้ปัญหาช้างป่า… กรมอุทยานได้เท่าไร`: an activity of the department, not its budget)."""
    named = compact(names)
    terms = [t for t in key_terms(q) if not t.isdigit()]
    weight = term_weights(terms, idf)
    total = sum(weight.values())
    other = sum(weight[t] for t in terms if compact(t) not in named and compact(t) not in _asking_words()
                and t not in thai_stopword_set())  # `ได้รับ` names nothing under it
    return bool(total) and other / total >= BEYOND_SHARE


@lru_cache(maxsize=1)
def _asking_words() -> str:
    """The profile's money, target and operation words, compact: how a question asks, not what it names."""
    words = query_words()
    return compact(" ".join((*words.money_words, *words.target_words, *words.max_words, *words.min_words,
                             *words.difference_words, *words.sum_words)))


MIN_UNPRINTED = 3  # characters of a question word `unprinted` looks for (shorter ones are parts of many words)
MIN_UNDOTTED = 3  # consonants an abbreviation typed without its dot has (two without a dot are too often a word)


@lru_cache(maxsize=1)
def _holds_more(other: str, name: str) -> bool:
    """Whether an item's name holds another's whole (less the level word it starts with) and more: `ค่าควบคุมงาน
    พัฒนาระบบ…` holds `โครงการพัฒนาระบบ…`, so a question typing only the second's words names the second."""
    own, longer = compact(name), compact(other)
    for w in map(compact, _level_words()):
        if own.startswith(w):
            own = own[len(w):]
            break
    return len(longer) > len(own) and own in longer


@lru_cache(maxsize=None)
def _gazetteer_word(word: str) -> re.Pattern[str]:
    """A gazetteer's short name as a word of its own: a Latin one whole and in any case (`GISTDA's`), a Thai one
    not inside a longer Thai word before it."""
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.I)
    return re.compile(rf"(?<![\u0E00-\u0E7F]){re.escape(word)}")


def _thai_words() -> frozenset[str]:
    return frozenset(thai_words())


def _initial(syllable: str) -> str:
    """A syllable's initial consonant (after a leading vowel: `เสริม` → ส), or '' for none."""
    text = syllable.lstrip(LEADING_VOWELS)
    return text[0] if text and "ก" <= text[0] <= "ฮ" else ""


def _initials_span(letters: str, initials: str) -> int | None:
    """How many syllables an abbreviation's letters span when found in order among a name's syllable
    initials, the first on the first (None when they are not)."""
    if not initials or initials[0] != letters[0]:
        return None
    at = 0
    for ch in letters[1:]:
        at = initials.find(ch, at + 1)
        if at < 0:
            return None
    return at


def _generic(text: str) -> bool:
    """A label that only says "money" or names a level (`งบประมาณรายจ่าย`, `โครงการ`): not a row a question picks."""
    words = (*query_words().money_words, *vocabulary().budget_lines.appropriation_words,
             *(w for lv in vocabulary().plan_levels for w in lv.words), *vocabulary().budget_lines.total_words)
    return any(compact(text) == compact(w) or compact(text).startswith(compact(w)) and len(compact(text)) - len(compact(w)) < 3
               for w in words)


def _unmasked(start: int, size: int, masked: frozenset[int]) -> list[int]:
    """The lengths of the runs of positions start … start+size-1 outside `masked`."""
    runs, run = [], 0
    for i in range(start, start + size):
        if i in masked:
            runs, run = runs + [run] if run else runs, 0
        else:
            run += 1
    return runs + [run] if run else runs


def _row_label(table: Table, label: str) -> str:
    """A row's label as printed, for the compact form a question typed."""
    return next((" ".join(_NEXT_ITEM.sub("", c.text).split()) for c in table.cells
                 if c.col == 0 and not c.header and _label(_NEXT_ITEM.sub("", c.text)) == label), label)


def _label(text: str) -> str:
    """A row label as a question would type it: without amounts and currency words."""
    text = AMOUNT.sub(" ", text)
    for w in sorted(vocabulary().units.currency, key=len, reverse=True):
        text = text.replace(w, " ")
    return compact(text)


def _currency(text: str) -> str | None:
    """The currency word a text prints (`ล้านบาท` before `บาท`), if any."""
    return next((w for w in sorted(vocabulary().units.currency, key=len, reverse=True) if w in text), None)


def _year_row(table: Table, words: list[str], dashes: bool = False, numbered: bool = False) -> dict[int, str]:
    """{year: cell} of a table's row labelled with one of `words` (the earliest word's row first) that prints
    a figure (or, with `dashes`, a `-`: no amount) under its year header cells; with `numbered`, a label read
    without its item number (`1. งบประมาณรายจ่ายบุคลากร`, as `_named_rows` reads it)."""
    return _year_row_at(table, words, dashes, numbered)[1]


def _year_row_at(table: Table, words: list[str], dashes: bool = False, numbered: bool = False
                 ) -> tuple[dict[int, str], dict[int, str]]:
    """(the row's cells by column, `_year_row`'s {year: cell}) of the row `_year_row` reads; ({}, {}) if none."""
    years: dict[int, int] = {}
    for c in table.cells:
        m = _YEAR.search(thai_digits_to_arabic(c.text))
        if c.header and m and not _RANGE.search(c.text):  # not `เริ่มต้น - ปี 2564` / `ปี 2568-จบ`: spans of years
            years[c.col] = int(m.group(1))
    if len(years) < 1:
        return {}, {}
    rows: dict[int, dict[int, str]] = {}
    for c in table.cells:
        rows.setdefault(c.row, {})[c.col] = c.text
    def label(row: int) -> str:
        cell = rows[row].get(0, "")
        return compact(_NEXT_ITEM.sub("", cell) if numbered else cell)

    labelled = [(k, row) for row in sorted(rows) for k, w in enumerate(words) if label(row).startswith(w)]
    for _, row in sorted(labelled):  # the first word's row first (the appropriation before a total)
        out = {}
        for col, year in years.items():
            if _FIGURE.search(rows[row].get(col, "")) or (dashes and rows[row].get(col, "").strip() in ("-", "–")):
                out[year] = rows[row][col]  # the cell as printed (`4,966,955,400 บาท`)
        if out:
            return rows[row], out
    return {}, {}


def _in_baht(a: Amount) -> Decimal | None:
    """An amount's value in baht (its unit's scale; a figure with no unit is taken as printed), None for `-`."""
    try:
        return a.value * UNIT_SCALE.get(a.unit or "บาท", Decimal(1))
    except ArithmeticError:
        return None


def _comparable(amounts: list[Amount]) -> bool:
    """Whether amounts can be compared in baht: all in one unit, or each printed with its own (a bare `5.7272`
    beside baht amounts may be millions)."""
    return len({a.unit for a in amounts}) == 1 or all(a.unit for a in amounts)


def merged_years(tables: list[dict[int, Amount]]) -> dict[int, Amount]:
    """A level's amounts per year from its tables (`PlanLevels.year_tables`), the first table's where two print a year."""
    own, *others = tables
    more = {y: a for t in others for y, a in t.items() if y not in own}
    return dict(sorted((own | more).items())) if more else own


def named_year_row(table: Table, name: str) -> dict[int, str]:
    """{year: cell} of the one row of a year-headed table whose label holds a level's (compact) name, in its
    cell or wrapped onto the next row's (`แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน อนุรักษ์ฟื้นฟู` / `และป้องกัน
    การทำลายทรัพยากรธรรมชาติ`), its figures read off whichever of the two prints them; {} unless one row holds it."""
    starts = tuple(compact(w) for w in _level_words())
    labels = [compact(c.text) for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and not c.header]
    rows = []
    for i, label in enumerate(labels):
        wrapped = labels[i + 1] if i + 1 < len(labels) and not labels[i + 1].startswith(starts) \
            and not _NEXT_ITEM.match(labels[i + 1]) else ""
        if name in label + wrapped:
            rows.append([w for w in (label, wrapped) if len(w) >= MIN_LABEL])
    if len(rows) != 1:
        return {}
    return next((found for w in rows[0] if (found := _year_row(table, [w]))), {})


# -- answers -------------------------------------------------------------------------
def _fmt(value: Decimal, *operands: Amount) -> str:
    """A computed figure with as many decimals as its operands print (`175.0196` ล้านบาท, `214,664,400`)."""
    places = decimals(*(a.printed for a in operands))
    if not places and value != value.to_integral():
        places = 2
    return f"{value:,.{places}f}"


def _level_word(lv: Level, q: Query) -> str:
    words = {"ministry": ("กระทรวง", "ministry"), "agency": ("หน่วยงาน", "agency"), "program": ("แผนงาน", "programme"),
             "output": ("ผลผลิต", "output"), "project": ("โครงการ", "project")}[lv.level]
    return _t(q, *words)


def _levels_above(q: Query, above: list[Level], levels: PlanLevels) -> str:
    """Levels, nearest first, each with its level word (not `แผนงาน แผนงาน…`), joined by `›`."""
    return " › ".join(levels.title(a) if compact(levels.title(a)).startswith(compact(_level_word(a, q)))
                      else f"{_level_word(a, q)} {levels.title(a)}" for a in above)


def placement(q: Query, lv: Level, levels: PlanLevels) -> Draft:
    """Where a level sits: the plan levels above it, nearest first, each cited with its heading."""
    draft = Draft(support=1.0)
    above = [a for a in lv.ancestors()][::-1]
    parts = _levels_above(q, above, levels)
    draft.say(_t(q, f"{levels.title(lv)} อยู่ภายใต้ {parts}", f"{levels.title(lv)} sits under {parts}"),
              [levels.evidence(lv), *(levels.evidence(a) for a in above)], template=True)
    return draft


def item_placement(q: Query, levels: PlanLevels) -> Draft | None:
    """Where a budget-detail item the question names sits (`รายการ X ของ สทอภ. อยู่ภายใต้โครงการใด`): the item
    whole as printed, then the level it is printed under and those above it, nearest first, each cited. None
    unless the question asks under which level and names an item by more than a level's name."""
    if not q.asks_under:
        return None
    rows = _item_rows(q, levels)
    if not rows:
        return None
    item = next((r for r in rows if r["origin"] == "item"), rows[0])
    lv = levels.by_node.get(item["node_id"])
    if lv is None:
        return None
    above = [lv, *lv.ancestors()[::-1]]
    parts = _levels_above(q, above, levels)
    draft = Draft(support=1.0)
    draft.say(strip_markers(" ".join(item["quote"].split())), [_item_evidence(item)])
    draft.say(_t(q, f"อยู่ภายใต้ {parts}", f"It sits under {parts}"), [levels.evidence(a) for a in above],
              template=True)
    return draft


MAX_CATEGORY = 24  # characters of an expense category's name (`งบเงินอุดหนุน`), not an item starting with `งบ`


def expense_categories(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """The expense categories of a level's money a question asks (`…ได้งบเท่าไร และเป็นงบรายจ่ายประเภทใด`): each
    category total its own pages print (`งบลงทุน 118,333,100 บาท`), cited; None unless asked and printed."""
    if not types_any(q.text, query_words().category_ask_words):
        return None
    prefix = vocabulary().budget_lines.category_prefix
    rows = [r for r in levels.budget_lines(lv) if r.get("is_total") and (r.get("name") or "").startswith(prefix)
            and len(r["name"]) <= MAX_CATEGORY]
    if not rows or len({r["name"] for r in rows}) < len(rows):
        return None  # none, or the categories of several tables (levels under it its pages hold): not its own
    draft = Draft(support=1.0)
    draft.say(_t(q, "งบรายจ่ายที่ตั้งไว้:", "Its expense categories:"), template=True)
    _say_items(draft, rows)
    return draft


def _asks_siblings(q: Query) -> bool:
    """Whether a question asking where a level sits also lists the levels beside it: after its first which word
    (`อยู่ภายใต้แผนงานอะไร`) it types a level word again and asks a list (`และแผนงานนั้นมีโครงการอื่นอะไรอีกบ้าง`)."""
    which = re.search(alternation([w for w in query_words().which_words if not w.isascii()]), q.text)
    rest = q.text[which.end():] if which else ""
    return q.wants_list and any(w in rest for w in _level_words())


def items_under(q: Query, lv: Level, levels: PlanLevels) -> Draft:
    """The levels directly under one, each with its printed amount where it has one."""
    draft = Draft(support=1.0)
    kind = _kind_word(lv.children, levels)
    draft.say(_t(q, f"{levels.title(lv)} มี {len(lv.children)} {kind}:", f"{levels.title(lv)} has {len(lv.children)} items:"),
              [levels.evidence(lv)], template=True, computed=[str(len(lv.children))])
    for c in lv.children:
        a = levels.amount(c)
        if a is not None:
            draft.say(f"• {levels.title(c)}: {a.shown}", [a.evidence, levels.evidence(c)], template=True)
        else:
            draft.say(f"• {levels.title(c)}", [levels.evidence(c)], template=True)
    return draft


def _extreme(q: Query, lv: Level, levels: PlanLevels, asked: set[str]) -> tuple[list, Amount, Level] | None:
    """The amounts of the levels under one (of the asked kind) and the largest (or smallest) of them."""
    pool = [d for d in lv.descendants() if d.level in asked] or lv.children
    amounts = [(_amount_stated(d, levels), d) for d in pool]
    amounts = [(a, d) for a, d in amounts if a is not None and _in_baht(a) is not None]
    if len(amounts) < 2 or not _comparable([a for a, _ in amounts]):
        return None
    best_a, best = (max if q.operation == "max" else min)(amounts, key=lambda ad: _in_baht(ad[0]))
    return amounts, best_a, best


def ranked(q: Query, lv: Level, levels: PlanLevels, asked: set[str]) -> Draft | None:
    """The largest (or smallest) amount among the levels under one (of the asked kind), compared in code."""
    found = _extreme(q, lv, levels, asked)
    return _ranked_draft(q, lv, levels, found) if found is not None else None


def _ranked_draft(q: Query, lv: Level, levels: PlanLevels, found: tuple[list, Amount, Level]) -> Draft:
    """The ranking `_extreme` found, said: the largest (or smallest) first, then the others in order."""
    amounts, best_a, best = found
    draft = Draft(support=1.0)
    most = _t(q, "สูงที่สุด" if q.operation == "max" else "ต่ำที่สุด", "largest" if q.operation == "max" else "smallest")
    kind = _kind_word([d for _, d in amounts], levels)
    draft.say(_t(q, f"ใน {levels.title(lv)} มี {len(amounts)} {kind} {kind}ที่ได้งบประมาณ{most} คือ {levels.title(best)}: {best_a.shown}",
                 f"Under {levels.title(lv)} ({len(amounts)} items), the {most} amount is {levels.title(best)}: {best_a.shown}"),
              [best_a.evidence, levels.evidence(best), levels.evidence(lv)], template=True, computed=[str(len(amounts))])
    for a, d in sorted(amounts, key=lambda ad: _in_baht(ad[0]), reverse=q.operation == "max"):
        if d is not best:
            draft.say(f"• {levels.title(d)}: {a.shown}", [a.evidence, levels.evidence(d)], template=True)
    return draft


def _asks_change(q: Query) -> bool:
    """Whether a ranking question asks the largest change between two years (`งบลดลงมากที่สุดระหว่างปี 2563 กับ
    2565`), not the largest amount: two years and a change word (profile `difference_words`, not a comparison's)."""
    words = [w for w in query_words().difference_words if w not in query_words().comparison_words]
    return len(set(q.years)) == 2 and types_any(q.text, tuple(words))


def ranked_change(q: Query, lv: Level, levels: PlanLevels, asked: set[str]) -> Draft | None:
    """The level under one whose amount fell (or rose) most between the two asked years, each change computed in
    code from its year table's two printed figures (one unit), the others after it; None when not asked or
    fewer than two levels print both years."""
    if not _asks_change(q):
        return None
    y1, y2 = sorted(set(q.years))
    pool = [d for d in lv.descendants() if d.level in asked] or lv.children
    changes = []
    for d in pool:  # both years from the one table that prints them (as amount_answer compares years)
        table = next((t for t in levels.year_tables(d) if y1 in t and y2 in t), {})
        a1, a2 = table.get(y1), table.get(y2)
        if a1 is None or a2 is None or a1.unit != a2.unit or "-" in (a1.printed, a2.printed):
            continue
        changes.append((Decimal(a2.printed.replace(",", "")) - Decimal(a1.printed.replace(",", "")), d, a1, a2))
    if len(changes) < 2:
        return None
    fall = types_any(q.text, query_words().decrease_words)
    # the largest fall is the most negative change; the smallest fall the least negative
    changes.sort(key=lambda c: c[0], reverse=(q.operation == "max") != fall)
    draft = Draft(support=1.0)
    kind = _kind_word([d for _, d, _, _ in changes], levels)
    most = _t(q, "มากที่สุด" if q.operation == "max" else "น้อยที่สุด", "most" if q.operation == "max" else "least")
    moved = _t(q, "ลดลง" if fall else "เพิ่มขึ้น", "fell" if fall else "rose")
    first = changes[0][1]
    draft.say(_t(q, f"ใน {levels.title(lv)} มี {len(changes)} {kind} ที่พิมพ์งบทั้งปี {y1} และ {y2}; "
                    f"{kind}ที่งบ{moved}{most}คือ {levels.title(first)}",
                 f"Under {levels.title(lv)}, of {len(changes)} items printing both {y1} and {y2}, the one whose amount "
                 f"{moved} {most} is {levels.title(first)}"),
              [levels.evidence(first), levels.evidence(lv)], template=True, computed=[str(len(changes))])
    for _, d, a1, a2 in changes:
        sign, text = _change(a1, a2, _t(q, "เพิ่มขึ้น", "up"), _t(q, "ลดลง", "down"))
        unit = f" {a2.unit}" if a2.unit else ""
        year = _t(q, "ปี ", "")
        draft.say(f"• {levels.title(d)}: {year}{y1} {a1.printed} → {y2} {a2.printed}: {sign} {text}{unit}",
                  [levels.evidence(d), a1.evidence, a2.evidence], template=True, computed=[text.replace(",", "")])
    return draft


def amount_answer(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """The level's amount for the asked year(s), or the change between two years, computed in code."""
    cover = levels.fiscal_year(lv.doc_id)
    book_year = cover[0] if cover else None
    years = list(dict.fromkeys(q.years)) or ([book_year] if book_year else [])
    named = levels.year_amounts(lv, q.text)  # a row the question names (`เงินนอกงบประมาณ`), not the appropriation
    tables = [] if named else levels.year_tables(lv)
    table = named or merged_years(tables)
    if len(years) > 1 and not named:  # years compared from the one table that prints them all, in one unit
        table = next((t for t in tables if all(y in t for y in years)), table)
    found: dict[int, Amount] = {}
    if len(years) > 1 and all(y in table for y in years):
        found = {y: table[y] for y in years}  # years compared from one table, in one unit
    for y in years:
        heading = levels.amount(lv) if y == book_year and y not in found and not named else None
        if heading is not None:
            found[y] = heading  # the book's own year: the amount its heading prints, in baht
        elif y in table and y not in found:
            found[y] = table[y]
    if not found or len(found) < len(years):
        return None
    draft = Draft(support=1.0)
    name = levels.title(lv)
    for y, a in found.items():
        year_cited = [cover[1]] if cover and y == book_year and a.evidence.line_start != cover[1].line_start else []
        row = f" ({a.row})" if a.row else ""
        shown = a.shown if a.printed != "-" else _t(q, "- (ตารางไม่ได้ระบุจำนวนเงิน)", "- (the table prints no amount)")
        draft.say(_t(q, f"{name}{row} ปีงบประมาณ {y}: {shown}", f"{name}{row}, fiscal year {y}: {shown}"),
                  [a.evidence, levels.evidence(lv), *year_cited], template=True)
    if q.operation == "difference" and len(found) == 2:
        (y1, a1), (y2, a2) = sorted(found.items())
        if a1.unit != a2.unit or "-" in (a1.printed, a2.printed):
            return draft  # amounts in two units: stated, not subtracted
        say_change(q, draft, (y1, a1.printed), (y2, a2.printed), [a1.evidence, a2.evidence], a2.unit)
    return draft


def _change(earlier: Amount, later: Amount, up: str, down: str) -> tuple[str, str]:
    """The word for a change from one printed figure to another and its size, to as many places as they print."""
    diff = Decimal(later.printed.replace(",", "")) - Decimal(earlier.printed.replace(",", ""))
    return (up if diff > 0 else down), _fmt(abs(diff), earlier, later)


def say_change(q: Query, draft: Draft, earlier: tuple[int, str], later: tuple[int, str], cited: list[Evidence],
               unit: str = "") -> None:
    """The change from an earlier year's printed figure to a later one's (`ปี 2565 เทียบกับปี 2564: 74,816 −
    56,881 → เพิ่มขึ้น 17,935`), computed in code to as many places as they print, cited."""
    (y1, p1), (y2, p2) = earlier, later
    sign, text = _change(Amount(p1, cited[0]), Amount(p2, cited[-1]), _t(q, "เพิ่มขึ้น", "an increase of"),
                         _t(q, "ลดลง", "a decrease of"))
    unit = f" {unit}" if unit else ""
    draft.say(_t(q, f"ปี {y2} เทียบกับปี {y1}: {p2} − {p1} → {sign} {text}{unit}",
                 f"{y2} against {y1}: {p2} − {p1} → {sign} {text}{unit}"),
              cited, template=True, computed=[text.replace(",", "")])


def not_stated(q: Query, lv: Level, missing: list[str], levels: PlanLevels) -> Draft:
    """An honest refusal: the level is found, but what the question asks of it (`missing`, words its document
    prints nowhere) is not in the documents; the level is shown, not its amount as if it answered."""
    name = _ORDINAL.sub("", levels.title(lv)).strip()
    words = ", ".join(f"“{w}”" for w in missing)
    draft = Draft(refused=True, support=0.0)
    verb = "is" if len(missing) == 1 else "are"
    draft.say(_t(q, f"เอกสารไม่ได้ระบุ {words} ของ {name}", f"{words} for {name} {verb} not stated in the documents."),
              [levels.evidence(lv)], template=True)
    return draft


def not_printed(q: Query, lv: Level, levels: PlanLevels) -> Draft:
    """An honest refusal: the level is found, but no amount of it for the asked year(s) was found."""
    years = ", ".join(str(y) for y in dict.fromkeys(q.years))
    name = _ORDINAL.sub("", levels.title(lv)).strip()  # not `โครงการที่ 1 :`: a refusal states no figure
    draft = Draft(refused=True, support=0.0)
    draft.say(_t(q, f"ไม่พบงบประมาณปี {years} ของ {name} ในเอกสาร",
                 f"No amount of {name} for {years} is stated in the documents."),
              [levels.evidence(lv)], template=True)
    return draft


def row_answer(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """The amount of a row the question names on the level's own pages (`รายจ่ายลงทุน`, `งบลงทุน`),
    for the document's own fiscal year only (what its summary pages print)."""
    cover = levels.fiscal_year(lv.doc_id)
    if q.years and (cover is None or set(q.years) != {cover[0]}):
        return None
    found = levels.named_row(lv, q.text)
    if found is None:
        return None
    amount, label = found
    total = _item_total(q, levels, amount.evidence)
    if total is not None:  # "มีวงเงินทั้งสิ้นเท่าไร" of a budget line printed with its whole amount under it
        draft = Draft(support=1.0)
        draft.say(strip_markers(" ".join(amount.evidence.quote.split())), [amount.evidence, levels.evidence(lv)])
        draft.say(" ".join(total.quote.split()), [total])
        return draft
    draft = Draft(support=1.0)
    row, unit = "", ""
    if label is not amount.evidence:  # a printed row: its label (`รายจ่ายลงทุน`) and the currency it prints
        text = " ".join(label.quote.split())
        unit = _currency(text) or ""
        row = " ".join(text.replace(unit, " ").split()) if unit else text
    shown = f"{row + ' ' if row else ''}{amount.shown}{' ' + unit if unit and not amount.unit else ''}"
    line = " ".join(label.quote.split())
    if label is amount.evidence and amount.printed in line and len(line) <= ROW_QUOTE_CHARS:
        shown = strip_markers(line)  # a facts line: as printed (`เงินเดือนข้าราชการ 465,137,500 บาท`)
    draft.say(_t(q, f"{levels.title(lv)}: {shown}", f"{levels.title(lv)}: {shown}"),
              [label, amount.evidence, levels.evidence(lv)] + ([cover[1]] if cover else []), template=True)
    return draft


def ranked_share(q: Query, named: list[tuple[float, Level]], levels: PlanLevels) -> Draft | None:
    """The largest (or smallest) level under a named one and its share of it (`ผลผลิตไหนได้งบมากสุด คิดเป็นกี่
    เปอร์เซ็นต์ของแผนงาน`): the ranking, then the share computed from both amounts as the book prints them."""
    words = query_words()
    extreme = "max" if types_any(q.text, words.max_words) else "min" if types_any(q.text, words.min_words) else None
    if extreme is None:
        return None
    ranking = replace(q, operation=extreme)
    for lv in (lv for _, lv in named[:CANDIDATES] if lv.children):
        found = _extreme(ranking, lv, levels, _asked_levels(q.text.replace(levels.title(lv), "")))
        if found is None:
            continue
        draft = _ranked_draft(ranking, lv, levels, found)
        part, whole = _amount_now(found[2], levels), _amount_now(lv, levels)
        if part is None or whole is None or part.unit != whole.unit or not whole.value or part.value > whole.value:
            return draft  # the ranking without a share the book's amounts give
        draft.say(f"{levels.title(lv)}: {whole.shown}", [whole.evidence, levels.evidence(lv)], template=True)
        _say_share(q, draft, part, whole, part.value / whole.value)
        return draft
    return None


def level_share(q: Query, named: list[tuple[float, Level]], levels: PlanLevels) -> Draft | None:
    """A named level's amount as a share of a named level above it (a แผนงาน of its agency), both for the
    document's year, cited; the percentage computed."""
    top = [lv for score, lv in named[:CANDIDATES] if score >= CLOSE * named[0][0]]
    anywhere = {id(lv) for _, lv in named}
    for lv in top:
        whole_lv = next((a for a in lv.ancestors() if id(a) in anywhere), None)  # the nearest one named
        if whole_lv is None or levels.named_row(lv, q.text) is not None:
            continue  # a row of it named (`งบดำเนินงาน … ของงบผลผลิตทั้งหมด`): that row's share of it
        part, whole = _amount_now(lv, levels), _amount_now(whole_lv, levels)
        if part is None or whole is None or part.unit != whole.unit or not whole.value or part.value >= whole.value:
            continue
        draft = Draft(support=1.0)
        draft.say(f"{levels.title(lv)}: {part.shown}", [part.evidence, levels.evidence(lv)], template=True)
        draft.say(f"{levels.title(whole_lv)}: {whole.shown}", [whole.evidence, levels.evidence(whole_lv)], template=True)
        _say_share(q, draft, part, whole, part.value / whole.value)
        return draft
    return None


def sum_under(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """The amounts of the levels under one added up: those whose titles start with the longest run the
    question types (`แผนงานยุทธศาสตร์` of `แผนงานยุทธศาสตร์การเกษตร…`), else all; each cited, the sum computed."""
    asked = compact(q.text)

    def typed(c: Level) -> int:  # how much of the start of its title the question types
        title = compact(levels.title(c))
        return next((n for n in range(len(title), MIN_TYPED_KIND - 1, -1) if title[:n] in asked), 0)

    runs = {id(c): typed(c) for c in lv.children}
    best = max(runs.values(), default=0)
    chosen = [c for c in lv.children if runs[id(c)] == best] if best else list(lv.children)
    amounts = [(levels.amount(c), c) for c in chosen]
    if len(amounts) < 2 or any(a is None for a, _ in amounts) or len({a.unit for a, _ in amounts}) > 1:
        return None
    shown = _fmt(sum(a.value for a, _ in amounts), *(a for a, _ in amounts))
    unit = amounts[0][0].unit
    draft = Draft(support=1.0)
    draft.say(_t(q, f"{levels.title(lv)}: {_kind_word(chosen, levels)} {len(amounts)} รายการ", f"{levels.title(lv)}: {len(amounts)} items"),
              [levels.evidence(lv)], template=True, computed=[str(len(amounts))])
    for a, c in amounts:
        draft.say(f"• {levels.title(c)}: {a.shown}", [a.evidence, levels.evidence(c)], template=True)
    draft.say(_t(q, f"คำนวณ: {' + '.join(a.printed for a, _ in amounts)} = {shown}{' ' + unit if unit else ''}",
                 f"Computed: {' + '.join(a.printed for a, _ in amounts)} = {shown}{' ' + unit if unit else ''}"),
              [a.evidence for a, _ in amounts], template=True, computed=[shown.replace(",", "")])
    return draft


MIN_TYPED_KIND = 8  # characters of the start of items' titles a question types to pick them (`แผนงานยุทธศาสตร์`)


def share_answer(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """A row the question names as a share of the level's own amount for the document's year
    (`รายจ่ายลงทุนคิดเป็นกี่เปอร์เซ็นต์ของงบทั้งหมด`): both cited, the percentage computed in baht."""
    split = split_share(q.text)  # the row is named before the share word (`รายจ่ายลงทุนคิดเป็นร้อยละเท่าไรของงบ…`)
    part_q = replace(q, text=split[0]) if split else q
    draft = row_answer(part_q, lv, levels)
    found, whole = levels.named_row(lv, part_q.text), _amount_now(lv, levels)
    if draft is None or found is None or whole is None:
        return year_row_share(q, part_q, lv, levels)  # `งบประมาณรายจ่ายบุคลากร` of its comparison table
    part, label = found
    scale = lambda a, e: a.value * UNIT_SCALE.get(a.unit or _currency(" ".join(e.quote.split())) or "บาท", 1)  # noqa: E731
    pv, wv = scale(part, label), scale(whole, whole.evidence)
    if not wv or pv >= wv:  # the row named is the whole itself (`งบประมาณรายจ่าย` inside `งบประมาณรายจ่ายบุคลากร`)
        return year_row_share(q, part_q, lv, levels)
    draft.say(_t(q, f"งบประมาณทั้งหมดของ{levels.title(lv)}: {whole.shown}", f"{levels.title(lv)} in all: {whole.shown}"),
              [whole.evidence], template=True)
    _say_share(q, draft, part, whole, pv / wv)
    return draft


def year_row_share(q: Query, part_q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """A row the question names in a year table of the level (`งบบุคลากร … คิดเป็นสัดส่วนเท่าไรของงบทั้งหมด`) as a
    share of that table's total for the asked year (else the book's): both cells cited, the share computed."""
    cover = levels.fiscal_year(lv.doc_id)
    year = q.years[0] if len(set(q.years)) == 1 else cover[0] if cover and not q.years else None
    found = levels.year_row_share(lv, part_q.text, year) if year else None
    if found is None:
        return None
    part, whole = found
    pv, wv = _in_baht(part), _in_baht(whole)
    if not wv or pv is None or pv >= wv:
        return None
    draft = Draft(support=1.0)
    name = levels.title(lv)
    draft.say(_t(q, f"{name} ({part.row}) ปีงบประมาณ {year}: {part.shown}",
                 f"{name} ({part.row}), fiscal year {year}: {part.shown}"),
              [part.evidence, levels.evidence(lv)], template=True)
    draft.say(_t(q, f"งบประมาณทั้งหมดของ{name} ปีงบประมาณ {year}: {whole.shown}",
                 f"{name} in all, fiscal year {year}: {whole.shown}"), [whole.evidence], template=True)
    _say_share(q, draft, part, whole, pv / wv)
    return draft


def _say_share(q: Query, draft: Draft, part: Amount, whole: Amount, ratio: Decimal) -> None:
    """The computed share of a whole, with both operands as printed and cited (ร้อยละ to two places)."""
    shown = f"{ratio * 100:.2f}"
    draft.say(_t(q, f"คำนวณ: {part.printed} ÷ {whole.printed} × 100 = ร้อยละ {shown}",
                 f"Computed: {part.printed} ÷ {whole.printed} × 100 = {shown}%"),
              [part.evidence, whole.evidence], template=True, computed=[shown, "100"])


_ASKED_ITEMS = re.compile(r"([\u0E00-\u0E7F]+?)\s*(?:อะไร|ใด|ไหน)")  # `ทำโครงการอะไร ได้เงินเท่าไหร่`: บ้าง left out
_LISTED = re.compile(_ASKED_ITEMS.pattern + "บ้าง")  # `มีโครงการอะไรบ้าง`


def _lists_levels(text: str) -> bool:
    """Whether a Thai list question asks for plan levels: the word before `อะไรบ้าง` is a level word or a
    question word (`มีอะไรบ้าง`); `แผนย่อยอะไรบ้าง` asks for something else. English questions: yes."""
    m = _LISTED.search(text)
    if m is None:
        return True
    return m.group(1).endswith((*_level_words(), *query_words().question_words))


def _asked_levels(text: str) -> set[str]:
    """The kinds of level a question asks for (`โครงการใด` → project, `ผลผลิตใด` → output)."""
    low = text.lower()
    out = {key for key, words in (("project", ("โครงการ", "project")), ("output", ("ผลผลิต", "output")),
                                  ("program", ("แผนงาน", "programme", "program")))
           if any(w in low for w in words)}
    return out or {"project", "output"}


def _other_unit(q: Query) -> bool:
    """Whether a figure is asked in a unit no amount of money is in (`เบิกจ่ายงบประมาณไปได้กี่เปอร์เซ็นต์`,
    `ได้รับจัดสรรงบประมาณ … กี่หน่วยงาน`): its money words name what is counted, not what is asked; not a
    question asking two figures (`วงเงินทั้งสิ้นเท่าไร และใช้เวลากี่ปี`)."""
    return q.wants_figure and not q.operation and bool(q.unit) and q.unit not in vocabulary().units.currency \
        and asks(q.text, figures=True) == 1


def asks_money(text: str) -> bool:
    """Whether a question asks for an amount of money (`งบ`, `budget`) rather than a count or a target; an amount it
    states (`…งบ 20 ล้าน จะเอาไปทำอะไร`) asks none."""
    return types_any(without_stated_amounts(text), query_words().money_words)


def asks_gap(text: str) -> bool:
    """Whether a question asks how far a result went past or fell short of its target (profile `[query]`
    `comparison_words`, `exceed_words`: `ทำได้เกินเป้าหมายกี่ราย`)."""
    words = query_words()
    return types_any(text, (*words.comparison_words, *words.exceed_words))


def asks_target(text: str) -> bool:
    """Whether a question asks for a KPI's target (`ตั้งเป้า`, `ค่าเป้าหมาย`, `target`), not an amount of money."""
    return types_any(text, query_words().target_words) and not asks_money(text)


def _said_figures(draft: Draft) -> list[str]:
    """The quantities a draft's sentences state (index form)."""
    return stated_figures(" ".join(s.text for s in draft.sentences))


def _answer_one(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    labels = [w for w in q.labels if compact(w) not in compact(levels.title(lv))]  # not a word of its name
    # An amount asked: a money word, and a figure asked or nothing else asked ("What is X's budget?"); or a
    # figure of a level with no unit or target asked ("แผนงาน X ปี 2565 ได้เท่าไร": a budget level's figure).
    money = (asks_money(q.text) and (q.wants_figure or q.route == "budget" or not (q.wants_list or labels))) or (
        q.wants_figure and q.unit in (None, "บาท") and not labels and not asks_target(q.text) and not asks_date(q.text))
    if _other_unit(q) or (asks_date(q.text) and q.wants_figure is False and not q.years):
        money = False  # `on what date is … launched`, `according to X's budget pages`: a date asked, not its amount
    if labels and not money and not q.operation:
        return None  # a section the question names (`พันธกิจของ…`): the outline's body answers it
    if q.operation in ("max", "min") and lv.children:
        asked = _asked_levels(q.text.replace(levels.title(lv), ""))
        return ranked_change(q, lv, levels, asked) or ranked(q, lv, levels, asked)
    listed = _LISTED.search(q.text) or (None if q.asks_under else _ASKED_ITEMS.search(q.text))
    if q.wants_list and lv.children and money and q.operation is None and listed and \
            listed.group(1).endswith(_level_words()):  # `มีโครงการอะไรบ้าง ได้งบเท่าไร`: its amount and its items'
        found = amount_answer(q, lv, levels)
        items = items_under(q, lv, levels)
        return merge(found, items) if found is not None else items
    if q.wants_list and lv.children and not money:
        if not _lists_levels(q.text):
            return None  # `แผนย่อยอะไรบ้าง`: a list of something else than plan levels
        return items_under(q, lv, levels)  # `…มีแผนงานอะไรบ้าง`: what is under it, not what it is under
    if q.asks_under and lv.parent is not None:
        draft = placement(q, lv, levels)
        more = amount_answer(q, lv, levels) if money else None  # "under which แผนงาน, and how much"
        draft = merge(draft, more) if more is not None else draft
        if _asks_siblings(q) and len(lv.parent.children) > 1:  # "…และแผนงานนั้นมีโครงการอื่นอะไรอีกบ้าง"
            draft = merge(draft, items_under(q, lv.parent, levels))
        return draft
    if (money or year_spans.asks_forward(q.text)) and q.operation in (None, "sum"):
        spans = year_spans.answer(q, lv, levels)  # "ประมาณการรายจ่ายล่วงหน้าปี 2566 ถึง 2568-จบ รวมกันเท่าไร"
        if spans is not None:
            return spans
    categories = expense_categories(q, lv, levels) if money and q.operation is None else None
    if categories is not None:  # "ได้งบเท่าไร และเป็นงบรายจ่ายประเภทใด": its amount, then its categories
        found = amount_answer(q, lv, levels)
        return merge(found, categories) if found is not None else categories
    if money and q.operation is None:
        row = row_answer(q, lv, levels) or total_answer(q, lv, levels)
        if row is not None and asks(q.text) >= 2:  # "ได้งบเท่าไร และในนั้นเป็นค่าใช้จ่ายบุคลากรเท่าไหร่", "What is … and how much"
            whole = amount_answer(q, lv, levels)
            if whole is not None and not set(_said_figures(whole)) & set(_said_figures(row)):
                return merge(whole, row)  # its own amount, then the row's
        if row is not None:
            return row
    if money and q.operation == "share":
        return share_answer(q, lv, levels)  # a named row's share of the level's own amount
    if money and q.operation == "sum" and lv.children:
        return sum_under(q, lv, levels)  # "ได้งบจากแผนงานยุทธศาสตร์ทั้ง 3 แผนงานรวมกันเท่าไร"
    if money and q.operation in (None, "difference"):
        found = amount_answer(q, lv, levels)
        if found is None and q.years and lv.level in HEADED_AMOUNTS:
            return not_printed(q, lv, levels)  # not an enclosing agency's figure for it
        return found
    if q.wants_list and lv.children:
        return items_under(q, lv, levels)
    return None


def _side_levels(side: str, whole: str, levels: PlanLevels) -> dict[str, tuple[tuple[float, float], Level]]:
    """Per document, the level one side of a pair question names ("…กับโครงการกัดเซาะชายฝั่ง 23 จังหวัด"): the
    longest run (at least LOOSE_BLOCK characters) of its name the side types, other runs counting a little,
    and its ancestors named anywhere in the question counting too."""
    typed, asked = compact(side), compact(whole)
    # an agency's name the side types names the agency (an ancestor, counted below), not a run of a project's name
    # that prints the same words (`…ทรัพยากรทางทะเลและชายฝั่งเพื่อรองรับ…` for `ของ กรมทรัพยากรทางทะเลและชายฝั่ง`)
    agency = levels._organisation_chars(typed)
    scored: list[tuple[tuple[float, float], Level]] = []
    for lv in levels.levels:
        blocks = [r for b in SequenceMatcher(None, lv.name, typed, autojunk=False).get_matching_blocks() if b.size >= 3
                  for r in ([b.size] if lv.level in ("ministry", "agency") else _unmasked(b.b, b.size, agency)) if r >= 3]
        if not blocks or max(blocks) < LOOSE_BLOCK:
            continue
        own = max(blocks) + OTHER_RUNS * (sum(blocks) - max(blocks))
        if sum(blocks) >= WHOLE_NAME * len(lv.name):  # its whole name typed, not a run shared with a longer one
            own += OTHER_RUNS * len(lv.name)
        # Its own name and the ancestors this side names ("กรม X โครงการ Y": Y under X, not X), then the
        # ancestors the whole question names (the same แผนงาน name under several agencies).
        score = (own + sum(naming(a.name, typed)[0] for a in lv.ancestors()),
                 sum(naming(a.name, asked)[0] for a in lv.ancestors()))
        scored.append((score, lv))
    best: dict[str, tuple[tuple[float, float], Level]] = {}
    for score, lv in scored:
        if lv.level in ("ministry", "agency") and any(lv in other.ancestors() for _, other in scored):
            continue  # a level under it typed too: the side names that one, under it (`โครงการ Y ของ กรม X`)
        if lv.doc_id not in best or score > best[lv.doc_id][0]:
            best[lv.doc_id] = (score, lv)
    return best


def _amount_now(lv: Level, levels: PlanLevels) -> Amount | None:
    """A level's amount for the document's own fiscal year (its heading's, or its year table's)."""
    a = levels.amount(lv)
    if a is None:
        cover = levels.fiscal_year(lv.doc_id)
        a = levels.year_amounts(lv).get(cover[0]) if cover else None
    return a


def _amount_stated(lv: Level, levels: PlanLevels) -> Amount | None:
    """A level's amount to compare with others': its heading's, else its year table's where that prints its unit
    (a bare `5.7272` beside amounts in baht may be millions)."""
    heading = levels.amount(lv)
    if heading is not None:
        return heading
    a = _amount_now(lv, levels)
    return a if a is not None and a.unit else None


def _counterpart(agency: Level, level: Level) -> Level | None:
    """The level of the same kind and name as `level` under `agency`, when a pair question's side names only
    that agency and `level` (the other side's) sits under another one: the same project of another agency."""
    if agency.level != "agency" or level.level in ("ministry", "agency") or any(a is agency for a in level.ancestors()):
        return None
    same = [d for d in agency.descendants() if d.level == level.level and d.name == level.name]
    return same[0] if len(same) == 1 else None


def _children_by_word(q: Query, levels: PlanLevels) -> list[Level]:
    """The two levels under the level a question names that it tells apart by a word each (`แผนงาน X มีโครงการ
    ถ่ายโอนเรื่องน้ำเสียกับเรื่องขยะ`): the children printing a word of the question no other child prints, in
    the order typed; [] unless exactly two do."""
    named = levels.named(q.text)
    if not named:
        return []
    kids = named[0][1].children
    words = [set(search_tokens(levels.title(c))) for c in kids]
    asked = search_tokens(q.text)
    picked: list[tuple[int, Level]] = []
    for c, own in zip(kids, words):
        others = set().union(*(w for w in words if w is not own))
        typed = [asked.index(t) for t in own - others if t in asked and len(t) > 1]
        if typed:
            picked.append((min(typed), c))
    return [c for _, c in sorted(picked, key=lambda p: p[0])] if len(picked) == 2 else []


def which_of_two(q: Query, levels: PlanLevels) -> Draft | None:
    """Which of the two levels of the asked kind under the one a question names gets more, and by how much
    (`ในแผนงาน X โครงการไหนได้งบมากกว่า และมากกว่ากี่บาท`): both amounts cited, the difference computed in baht."""
    if q.operation != "difference" or not any(w in q.text for w in query_words().which_words if not w.isascii()):
        return None
    named = levels.named(q.text)
    if not named:
        return None
    lv = named[0][1]
    kids = [d for d in lv.descendants() if d.level in _asked_levels(q.text.replace(levels.title(lv), ""))]
    if len(kids) != 2:
        return None
    amounts = [_amount_stated(d, levels) for d in kids]
    if any(a is None or _in_baht(a) is None for a in amounts) or not _comparable(amounts):
        return None
    (big, big_lv), (small, small_lv) = sorted(zip(amounts, kids), key=lambda ad: _in_baht(ad[0]), reverse=True)
    gap = _in_baht(big) - _in_baht(small)
    shown = f"{gap:,.0f}" if gap == gap.to_integral() else f"{gap:,.2f}"
    draft = Draft(support=1.0)
    draft.say(_t(q, f"{levels.title(lv)} มี {_kind_word(kids, levels)} 2 รายการ; {levels.title(big_lv)} ได้มากกว่า",
                 f"{levels.title(lv)} has 2 items; {levels.title(big_lv)} gets more"),
              [levels.evidence(lv), levels.evidence(big_lv)], template=True, computed=["2"])
    for a, d in ((big, big_lv), (small, small_lv)):
        draft.say(f"• {levels.title(d)}: {a.shown}", [a.evidence, levels.evidence(d)], template=True)
    in_baht = [f"{_in_baht(a):,.0f}" if a.unit and a.unit != "บาท" else a.printed for a in (big, small)]
    draft.say(_t(q, f"คำนวณ: {in_baht[0]} − {in_baht[1]} = {shown} บาท", f"Computed: {in_baht[0]} − {in_baht[1]} = {shown} baht"),
              [big.evidence, small.evidence], template=True,
              computed=[shown.replace(",", ""), *(x.replace(",", "") for x in in_baht)])
    return draft


def pair_answer(q: Query, levels: PlanLevels) -> Draft | None:
    """Two levels a question names side by side ("A กับ B รวมกัน…", "… ต่างกันเท่าไร"): both amounts, cited,
    and their sum or difference computed in code."""
    pair = split_comparison(q.text) or split_pair(q.text)  # "A มากกว่า B": not split at a และ inside a name
    if pair is None:
        return None
    asked, sides_typed = compact(q.text), [compact(side) for side in pair]
    if any(lv.name in asked and not any(lv.name in side for side in sides_typed) for lv in levels.levels):
        return None  # the split cut a level's name typed whole (`…ทรัพยากรธรรมชาติและสิ่งแวดล้อม`): no pair
    found = [_side_levels(side, q.text, levels) for side in pair]
    docs = [d for d in found[0] if d in found[1]]
    sides: list[Level] = []
    if docs:
        doc = max(docs, key=lambda d: found[0][d][0][0] + found[1][d][0][0])  # both sides in one document
        sides = [found[0][doc][1], found[1][doc][1]]
    elif bool(found[0]) != bool(found[1]):  # one side names no level by a long run: an agency's short name?
        level = max((found[0] or found[1]).values(), key=lambda sl: sl[0])[1]
        asked = compact(pair[1] if found[0] else pair[0])
        agencies = [a for a in levels.levels if a.level == "agency" and a.doc_id == level.doc_id and a.name in asked]
        if len(agencies) == 1:
            sides = [level, agencies[0]] if found[0] else [agencies[0], level]
    for i in range(len(sides)):  # "โครงการ X ของกรม A กับของกรม B": B's level of X's name, not B itself
        other = _counterpart(sides[i], sides[1 - i]) if len(sides) == 2 else None
        if other is not None:
            sides[i] = other
    if len(sides) != 2 or sides[0] is sides[1]:  # one level named, two of its children told apart by a word
        sides = _children_by_word(q, levels)
    if len(sides) != 2:
        return None
    amounts = [_amount_now(s, levels) for s in sides]
    if any(a is None for a in amounts):
        return None
    draft = Draft(support=1.0)
    same_name = levels.title(sides[0]) == levels.title(sides[1])
    for s, a in zip(sides, amounts):
        whose = next((f" ({levels.title(x)})" for x in s.ancestors() if x.level == "agency"), "") if same_name else ""
        draft.say(f"• {levels.title(s)}{whose}: {a.shown}", [a.evidence, levels.evidence(s)], template=True)
    a, b = amounts
    if a.unit != b.unit:
        return None  # one in baht, one in million baht: not added here
    unit = f" {a.unit}" if a.unit else ""
    if q.operation == "sum":
        text, sign = _fmt(a.value + b.value, a, b), "+"
        first, second = a, b
    else:
        first, second = (a, b) if a.value >= b.value else (b, a)
        text, sign = _fmt(first.value - second.value, a, b), "−"
    draft.say(_t(q, f"คำนวณ: {first.printed} {sign} {second.printed} = {text}{unit}",
                 f"Computed: {first.printed} {sign} {second.printed} = {text}{unit}"),
              [a.evidence, b.evidence], template=True, computed=[text.replace(",", "")])
    return draft


MIN_ITEM_RUN = 20  # characters of a budget-detail item's name a question types in one run to name it
ITEM_SHARE = 0.4  # ... and, in runs of ITEM_BLOCK or more, this share of its name (a place and count often follow it)
ITEM_BLOCK = 4  # characters: a shorter common run is chance (`การ`, `ของ`)
TOTAL_LABEL_CHARS = 80  # a line printing a total word longer than this is prose, not a label
ITEM_BLOCK_LINES = 12  # lines under a budget-detail item that may print its whole amount and instalments
ITEM_GRAM = 10  # characters of an item's name looked up at once to find the items a question may name
MIN_LATIN_NAME = 8  # letters of a Latin-script name (`freezedryer`) that name the one item printing it
ITEM_UNIQUE = 0.9  # another item's name typed this far as well: the question names neither


def prints_total(text: str) -> bool:
    """Whether a text holds one of the profile's total words (`วงเงินทั้งสิ้น`, `รวมทั้งสิ้น`)."""
    return any(compact(w) in compact(text) for w in vocabulary().budget_lines.total_words)


def _asks_total(text: str) -> bool:
    """Whether a question asks a whole amount: it types a total word, or a question word the profile's
    `[label_questions]` maps to a label printing one (`วงเงินทั้งหมด`, `งบทั้งโครงการ` → วงเงินทั้งสิ้นของโครงการ)."""
    return prints_total(text) or any(prints_total(label) for label in item_labels(text, []))


def total_answer(q: Query, lv: Level, levels: PlanLevels) -> Draft | None:
    """A level's whole amount when a total word is asked (`วงเงินทั้งสิ้น 742,101,800 บาท` printed in a
    multi-year project's own section), cited; None when not asked or not printed there."""
    if not prints_total(q.text):
        return None  # asked in other words (`วงเงินทั้งโครงการ`): the level's answer and its labelled section
    start, end = levels.own_lines(lv)
    for n, text, _ in levels.db.lines(lv.doc_id, start, end):
        if not prints_total(text) or len(text) > TOTAL_LABEL_CHARS:
            continue
        label = Evidence(lv.doc_id, n, n, text, "retrieval", 1.0)
        found = levels.row_amounts(lv.doc_id, n)  # the amount may be its own text object on the row
        if len(found) == 1:
            m, printed = found[0]
            amount = Evidence(lv.doc_id, m, m, levels.db.cite(lv.doc_id, m, m).quote, "retrieval", 1.0, [printed])
            shown = " ".join(strip_markers(text).split()) if m == n else f"{' '.join(strip_markers(text).split())} {printed}"
            draft = Draft(support=1.0)
            draft.say(f"{levels.title(lv)}: {shown}", [label, amount, levels.evidence(lv)], template=True)
            return draft
    return None


def _item_total(q: Query, levels: PlanLevels, item: Evidence) -> Evidence | None:
    """The whole amount printed under a budget line (`วงเงินทั้งสิ้น 7,693,300 บาท`) when the question asks for
    a total; None otherwise or when none is printed under it."""
    if not _asks_total(q.text):
        return None
    for n, text in levels.item_block({"doc_id": item.doc_id, "line_end": item.line_end}):
        if prints_total(text) and AMOUNT.search(text):
            return Evidence(item.doc_id, n, n, text, "retrieval", 1.0)
    return None


def _item_rows(q: Query, levels: PlanLevels) -> list[dict]:
    """The rows of the budget-detail item a question names by more than the name of the level it names; none when
    it names none, or what names it is that level's name (`โครงการ…ไฟป่าและหมอกควัน`)."""
    typed, rows = levels.named_item(q.text)
    return rows if rows and len(typed - _level_chars(q, levels.named(q.text))) >= MIN_ITEM_RUN else []


def _level_chars(q: Query, named: list[tuple[float, Level]]) -> frozenset[int]:
    """The question's (compact) characters that type the name of the level it names best; none when it names none."""
    return naming(named[0][1].name, compact(q.text), long_run=True)[1] if named else frozenset()


def item_answer(q: Query, levels: PlanLevels) -> Draft | None:
    """A budget-detail item the question names: its whole amount when a total word is asked (`วงเงินทั้งสิ้น
    7,693,300 บาท`); else, for the asked year, the instalment the book prints for that year (`ปี 2564
    ตั้งงบประมาณ 41,015,000 บาท`), else the item's own amount when the year is the book's; cited. None when
    the question names no item or the item prints nothing for the year."""
    rows = _item_rows(q, levels)
    if not rows:
        return None  # no item named, or what names it is a level's name (`โครงการ…ไฟป่าและหมอกควัน`): the level
    item = next((r for r in rows if r["origin"] == "item"), rows[0])
    head = Evidence(item["doc_id"], item["line_start"], item["line_end"], item["quote"], "retrieval", 1.0)
    alike = _alike_items(q, levels, item)
    summed = _items_summed(q, [rows, *alike]) if alike else None
    if summed is not None:
        return summed
    total = _item_total(q, levels, head)
    if total is not None:  # "มีวงเงินทั้งสิ้นเท่าไร": the item's whole amount, not this year's
        draft = Draft(support=1.0)
        draft.say(strip_markers(" ".join(item["quote"].split())), [head])
        draft.say(" ".join(total.quote.split()), [total])
        return draft
    asked = _item_years(rows, set(q.years) or {item["fiscal_year"]})
    if not asked:
        return None
    draft = Draft(support=1.0)
    draft.say(strip_markers(" ".join(item["quote"].split())), [head])
    cited = []
    for r in asked:
        e = _item_evidence(r)
        cited.append(e)
        if r is not item:
            draft.say(" ".join(r["quote"].split()), [e])
    if q.operation == "sum" and len(asked) > 1:  # "ปี 2564 กับปี 2565 รวมกัน": the years' amounts added in code
        total = f"{sum(r['baht'] for r in asked):,}"
        draft.say(_t(q, f"คำนวณ: {' + '.join(r['printed'] for r in asked)} = {total} บาท",
                     f"Computed: {' + '.join(r['printed'] for r in asked)} = {total} baht"),
                  cited, template=True, computed=[total.replace(",", "")])
    return draft


MAX_PLACES = 12  # items a where answer lists (more: the level's own place section answers it)
# a place word and the name it introduces (`จังหวัดสตูล`), not the word alone (`ระดับจังหวัด`, `76 จังหวัด`)
_PLACE_NAME = re.compile(rf"(?:{alternation(query_words().place_words)})[\u0E01-\u0E2E][\u0E01-\u0E4C]")


def place_items(q: Query, levels: PlanLevels) -> Draft | None:
    """The budget-detail items a where question names by the words they share (`ตั้งงบติดตั้งทุ่นจอดเรืออนุรักษ์
    แนวปะการังที่อุทยานไหนบ้าง`: four items, one per park), each said whole as printed — its place, count and
    amount — and cited; or, asked where a named output or project is carried out, its items that print a place.
    None unless the question asks a place label (profile `place_labels`) and up to MAX_PLACES items print a place
    word (profile `place_words`) with a name after it."""
    if not set(query_words().place_labels) & set(item_labels(q.text, [])):
        return None
    runs = levels._item_runs(q.text)
    named = levels.named(q.text)
    if runs and runs[0][0] >= ITEM_GRAM and len(runs[0][4] - _level_chars(q, named)) >= MIN_ITEM_RUN:
        best = runs[0]  # MIN_ITEM_RUN of the question's characters type it, beyond a level's name, in runs of ITEM_GRAM
        keys = [r[3] for r in runs if r[3][:2] == best[3][:2] and r[0] >= ITEM_UNIQUE * best[0]
                and r[1] >= ITEM_UNIQUE * best[1]]
    elif named and named[0][1].level in ("output", "project") and naming(named[0][1].name, compact(q.text))[0] \
            and (len(named) == 1 or named[1][0] < named[0][0]):  # `โครงการ X ไปสร้างที่จังหวัดไหน`: its items' places
        keys = levels.items_under(named[0][1])  # (X typed as its name's start or most of it, and no other as well)
    else:
        return None
    items = [x for k in keys if (x := next((r for r in levels.item_rows(k) if r["origin"] == "item"), None))
             and _PLACE_NAME.search(x["quote"])]
    if not items or len(items) > MAX_PLACES:
        return None
    draft = Draft(support=1.0)
    if len(items) > 1:
        draft.say(_t(q, f"{len(items)} รายการ:", f"{len(items)} items:"), [_item_evidence(items[0])], template=True,
                  computed=[str(len(items))])
    for x in sorted(items, key=lambda x: x["line_start"]):
        draft.say(("• " if len(items) > 1 else "") + strip_markers(" ".join(x["quote"].split())), [_item_evidence(x)])
    return draft


RUNNERS_UP = 2  # items said after the first of a ranking
ITEM_CATEGORY_LINES = 150  # lines above an item its sub-category heading (`2) ค่าครุภัณฑ์ 41,611,700 บาท`) may print at
_DETAIL_ITEM = re.compile(r"^\s*\(\d+\)")  # `(7) เครื่องทำแห้ง…`: a detail line under a sub-category
_SUB_CATEGORY = re.compile(r"^\s*\d+\)\s*(\S.*?)\s+\d[\d,]*(?:\.\d+)?\s*"
                           + re.escape(vocabulary().budget_lines.currency_line))


def _sub_categories(levels: PlanLevels, items: list[dict]) -> list[str]:
    """The sub-category heading each budget-detail item (of one document) is printed under (`ค่าครุภัณฑ์`), compact;
    "" when none within ITEM_CATEGORY_LINES above it. The lines are read once for all the items."""
    if not items:
        return []
    first = max(1, min(r["line_start"] for r in items) - ITEM_CATEGORY_LINES)
    headings = [(n, compact(m.group(1))) for n, text, _ in levels.db.lines(items[0]["doc_id"], first,
                                                                          max(r["line_start"] for r in items))
                if (m := _SUB_CATEGORY.match(text))]
    return [next((h for n, h in reversed(headings) if r["line_start"] - ITEM_CATEGORY_LINES <= n < r["line_start"]), "")
            for r in items]


def ranked_items(q: Query, levels: PlanLevels) -> Draft | None:
    """The largest (or smallest) budget-detail item under the level a question names, of the sub-category it types
    (`ในค่าครุภัณฑ์ของผลผลิต X ปี 2565 รายการใดมีวงเงินสูงสุด`): every item's amount for the asked year (else the
    book's) compared in code, the first and the runners-up said and cited. None unless the question asks an item
    (profile `item_words`) and two or more items under the named level print an amount for that year."""
    if q.operation not in ("max", "min") or not types_any(q.text, query_words().item_words):
        return None
    named = levels.named(q.text)
    if not named:
        return None
    lv = named[0][1]
    cover = levels.fiscal_year(lv.doc_id)
    year = q.years[0] if len(set(q.years)) == 1 else cover[0] if cover else None
    items = [r for k in levels.items_under(lv) for r in levels.item_rows(k)[:1]  # its `(n)` detail lines, not the
             if r["origin"] == "item" and r["fiscal_year"] == year and r.get("baht")  # categories they add up to
             and _DETAIL_ITEM.match(r["quote"] or "")]
    asked = compact(q.text)
    typed = [r for r, c in zip(items, _sub_categories(levels, items)) if c and c in asked]  # the sub-category it types
    items = typed or items
    if len(items) < 2:
        return None
    items.sort(key=lambda r: r["baht"], reverse=q.operation == "max")
    most = _t(q, "สูงที่สุด" if q.operation == "max" else "ต่ำที่สุด", "largest" if q.operation == "max" else "smallest")
    draft = Draft(support=1.0)
    draft.say(_t(q, f"รายการ{most} ({len(items)} รายการใน {levels.title(lv)}, ปี {year}):",
                 f"The {most} of {len(items)} items under {levels.title(lv)}, FY {year}:"),
              [levels.evidence(lv)], template=True, computed=[str(len(items))])
    for k, r in enumerate(items[:1 + RUNNERS_UP]):
        lead = "" if k == 0 else _t(q, "รองลงมา: ", "next: ")
        draft.say(lead + strip_markers(" ".join(r["quote"].split())), [_item_evidence(r)])
    return draft


def _item_evidence(item: dict) -> Evidence:
    """A budget-detail item's own lines as evidence, its amount the figure they state."""
    return Evidence(item["doc_id"], item["line_start"], item["line_end"], item["quote"], "retrieval", 1.0,
                    [item["printed"]])


def _alike_items(q: Query, levels: PlanLevels, item: dict) -> list[list[dict]]:
    """The other items of the named item's level that print the longest run the question types of it, where it
    types it, and are typed about as far (`…ได้งบเรื่องเทคโนโลยีคลื่นความถี่วิทยุและสัญญาณดิจิทัล` printed by both the
    equipment line and the project-expenses line): the question names what they share, so it asks all of them;
    their rows; none when a total is asked (an item's own whole amount) or several years."""
    if _asks_total(q.text) or len(set(q.years)) > 1:
        return []
    runs = levels._item_runs(q.text)
    key = (item["doc_id"], item.get("node_id"), item["name"])
    own = next((r for r in runs if r[3] == key), None)
    if own is None or own[0] < MIN_ITEM_RUN:
        return []
    return [levels.item_rows(r[3]) for r in runs
            if r[3] != key and r[3][:2] == key[:2] and r[0] == own[0] and len(r[4] & own[4]) >= own[0]
            and r[1] >= ITEM_UNIQUE * own[1]  # typed as far: a place or number typed names one item (`รูปแบบที่ 2 …`)
            and not _holds_more(r[3][2], key[2]) and not _holds_more(key[2], r[3][2])]  # `ค่าควบคุมงาน<the item>`


def _items_summed(q: Query, items: list[list[dict]]) -> Draft | None:
    """Items one question names together: each one's amount for the asked year (else the book's), cited, and their
    sum computed in code. None unless each prints one amount for that year."""
    chosen = _one_row_each(q, items)
    return _summed_rows(q, chosen) if chosen is not None else None


def _summed_rows(q: Query, rows: list[dict], *counted: str, head: str = "") -> Draft:
    """Budget-detail rows each said as printed, cited, and their sum computed in code (`คำนวณ (2 รายการ): … = … บาท`);
    `head`, a line said first over them all (their count)."""
    draft = Draft(support=1.0)
    if head:
        draft.say(head, [_item_evidence(r) for r in rows], template=True, computed=list(counted))
    cited = _say_items(draft, rows)
    value = sum(r["baht"] for r in rows)
    draft.say(_t(q, f"คำนวณ ({len(rows)} รายการ): {' + '.join(r['printed'] for r in rows)} = {value:,} บาท",
                 f"Computed ({len(rows)} items): {' + '.join(r['printed'] for r in rows)} = {value:,} baht"),
              cited, template=True, computed=[str(value), *counted])
    return draft


def _one_row_each(q: Query, items: list[list[dict]]) -> list[dict] | None:
    """Each item's one row for the asked year (else the first item's own year); None unless each prints one."""
    years = set(q.years) or {next(r["fiscal_year"] for r in items[0] if r["origin"] == "item")}
    picked = [_item_years(rows, years) for rows in items]
    return None if any(len(rows) != 1 for rows in picked) else [rows[0] for rows in picked]


def _item_years(rows: list[dict], years: set[int]) -> list[dict]:
    """An item's rows for the asked years: its instalments those years, else the item when a year is the book's."""
    found = [r for r in rows if r["origin"] == "instalment" and r["fiscal_year"] in years]
    item = next((r for r in rows if r["origin"] == "item"), rows[0] if rows else None)
    return found or ([item] if item is not None and item["fiscal_year"] in years else [])


def _say_items(draft: Draft, rows: list[dict]) -> list[Evidence]:
    """Each budget-detail row said as printed (`• <its quote>`), cited; their evidence, for the computed sentence."""
    cited = []
    for r in rows:
        e = Evidence(r["doc_id"], r["line_start"], r["line_end"], r["quote"], "retrieval", 1.0, [r["printed"]])
        cited.append(e)
        draft.say(f"• {strip_markers(' '.join(r['quote'].split()))}", [e])
    return cited


def item_pair(q: Query, levels: PlanLevels) -> Draft | None:
    """Two budget-detail items a question names by the words they share and one alternative each (`ค่าใช้จ่าย
    เฝ้าระวัง NCAPS ในอุทยานแห่งชาติตาพระยากับทับลาน รวมกัน`): both amounts for the asked year, cited, and their sum
    or difference computed in code. None unless one item prints the second side's own words and another, typed
    as far in the shared words, prints the first side's."""
    pair = split_comparison(q.text) or split_pair(q.text)
    if q.operation not in ("sum", "difference") or pair is None:
        return None
    left, right = (compact(side) for side in pair)
    shared = len(os.path.commonprefix([left[::-1], right[::-1]]))
    alternative = right[:len(right) - shared]  # the second side's own words (`ทับลาน`)
    if len(alternative) < ITEM_BLOCK:
        return None
    runs = [r for r in levels._item_runs(q.text) if r[0] >= ITEM_GRAM]  # the shared words may be typed in parts
    second = next((r for r in runs if alternative in compact(r[3][2])), None)
    first = next((r for r in runs if alternative not in compact(r[3][2])), None)
    if first is not None and second is not None and len(first[4] & second[4]) >= MIN_ITEM_RUN and \
            len(first[4] - second[4]) >= ITEM_BLOCK:  # the first side's own words, typed, that the second lacks
        items = [levels.item_rows(r[3]) for r in (first, second)]
    else:  # each side names its own item (`ระบบศูนย์กลางข้อมูล (DATA Center) กับระบบ Disaster Recovery Site`)
        items = [levels.named_item(side)[1] for side in pair]
        if not all(items) or items[0][0]["name"] == items[1][0]["name"]:
            items = _items_of_sides(q, pair, levels)  # or by a few words each, under a level the question names
            if items is None:
                return None
    chosen = _one_row_each(q, items)
    if chosen is None:
        return None
    draft = Draft(support=1.0)
    cited = _say_items(draft, chosen)
    a, b = sorted(chosen, key=lambda r: -r["baht"]) if q.operation == "difference" else chosen
    value = a["baht"] + b["baht"] if q.operation == "sum" else a["baht"] - b["baht"]
    sign = "+" if q.operation == "sum" else "−"
    draft.say(_t(q, f"คำนวณ: {a['printed']} {sign} {b['printed']} = {value:,} บาท",
                 f"Computed: {a['printed']} {sign} {b['printed']} = {value:,} baht"),
              cited, template=True, computed=[str(value)])
    return draft


SIDE_COVER = 0.6  # share of a side's own words (beyond the level's name and the asking words) an item's name prints


@lru_cache(maxsize=1)
def _side_asking() -> re.Pattern[str]:
    """The words that ask rather than name (question, sum, difference, figure, money and level words), built once."""
    words = query_words()
    return re.compile(alternation(tuple(sorted({*words.question_words, *words.sum_words, *words.difference_words,
                                                *words.figure_ask_words, *words.money_words, *_level_words()},
                                               key=len, reverse=True))))


def _items_of_sides(q: Query, pair: tuple[str, str], levels: PlanLevels) -> list[list[dict]] | None:
    """The two budget-detail items under the level a question names that each side of a pair question calls by a
    few of its words (`โครงการกัดเซาะชายฝั่ง 23 จังหวัด ค่าทำรั้วดักทรายกับค่าติดตามประเมินผลปักไม้ไผ่ชะลอคลื่น`):
    per side, the one item under that level whose name prints SIDE_COVER of the side's own words in runs of
    ITEM_BLOCK, clearly more than any other item's does; None unless both sides name two different items so."""
    named = [lv for _, lv in levels.named(q.text)[:1]]
    if not named:  # a side's run of its name (`โครงการกัดเซาะชายฝั่ง 23 จังหวัด`), too short to name it in the whole
        found = [sl for side in pair for sl in _side_levels(side, q.text, levels).values()]
        named = [max(found, key=lambda sl: sl[0])[1]] if found else []
    if not named:
        return None
    lv = named[0]
    keys = levels.items_under(lv)
    asking = _side_asking()
    picked = []
    for side in pair:
        typed = compact(side)
        name_chars = naming(lv.name, typed, long_run=True)[1]
        own = compact(asking.sub(" ", "".join(c for i, c in enumerate(typed) if i not in name_chars)))
        if len(own) < ITEM_BLOCK:
            return None
        scored = sorted(((sum(b.size for b in SequenceMatcher(None, compact(k[2]), own, autojunk=False)
                               .get_matching_blocks() if b.size >= ITEM_BLOCK) / len(own), k) for k in keys),
                        reverse=True)
        if not scored or scored[0][0] < SIDE_COVER or (len(scored) > 1 and scored[1][0] >= ITEM_UNIQUE * scored[0][0]
                                                      and compact(scored[1][1][2]) != compact(scored[0][1][2])):
            return None
        picked.append(scored[0][1])
    if compact(picked[0][2]) == compact(picked[1][2]):
        return None
    return [levels.item_rows(k) for k in picked]


MIN_STEM = 5  # compact characters of the words before `ทั้ง N` that name the counted items


def counted_items(q: Query, levels: PlanLevels) -> Draft | None:
    """The budget-detail items of a named level a question counts and adds up by the words they start with
    (`สถาบันวิจัยดาราศาสตร์แห่งชาติ เงินอุดหนุนค่าเช่ารถทั้ง 3 รายการ ปี 2565 รวมกันเท่าไร`): each item's amount
    this fiscal year, cited, and their sum computed in code. None unless exactly as many items under the level
    print the longest end of the words typed before the count."""
    count = stated_count(q.text)
    at = count_phrase(q.text)
    if q.operation != "sum" or not count or count < 2 or at is None:
        return None
    named = levels.named(q.text)
    if not named:
        return None
    lv = named[0][1]
    items = [r for d in [lv, *lv.descendants()] for r in levels.budget_lines(d) if r.get("origin") == "item" and r.get("name")]
    before = compact(q.text[:at.start()])
    own = compact(levels.title(lv))
    for size in range(len(before), MIN_STEM - 1, -1):
        stem = before[len(before) - size:]
        if stem in own:
            break  # the level's own name: not what names the items
        found = [r for r in items if stem in compact(r["name"])]
        if found:
            break
    else:
        return None
    if len(found) != count or (q.years and any(r["fiscal_year"] not in q.years for r in found)):
        return None
    return _summed_rows(q, found, str(count))


MAX_COUNTED = 40  # items a count-and-sum answer lists (more: no run the question types names them)


def counted_and_summed(q: Query, levels: PlanLevels) -> Draft | None:
    """The budget-detail items of a named level a question asks how many of and how much together (`ปี 65
    กรมควบคุมมลพิษของบสร้างสถานีตรวจวัดคุณภาพอากาศในบรรยากาศทั้งหมดกี่สถานี รวมเป็นเงินเท่าไร`): every item under it
    printing the longest run of the words typed before the count, each said and cited, how many (of the asked unit
    where each prints it, else items) and their sum computed in code. None unless a count and a sum of money are
    both asked and 2 to MAX_COUNTED items print that run."""
    unit = q.unit
    at = re.search(INSIDE_WORD + r"กี่", q.text)
    if not unit or unit in (*vocabulary().units.measure, "บาท", "ร้อยละ") or at is None or \
            not (q.wants_total or q.operation == "sum") or not asks_money(q.text[at.end():]):
        return None  # a count asked (`กี่สถานี`), then their money added (`รวมเป็นเงินเท่าไร`), not the level's own
    named = levels.named(q.text)
    if not named:
        return None
    lv = named[0][1]
    years = set(q.years) or {r["fiscal_year"] for r in levels.budget_lines(lv)[:1]}
    items = [r for d in [lv, *lv.descendants()] for r in levels.budget_lines(d)
             if r.get("origin") == "item" and r.get("name") and r["fiscal_year"] in years]
    typed = re.sub(rf"(?:{alternation(query_words().all_words)})[\u0E00-\u0E7F]*\s*$", "", q.text[:at.start()])
    before = compact(typed)  # the words before the count, less `ทั้งหมด`
    own = compact(levels.title(lv))
    found: list[dict] = []
    for size in range(len(before), MIN_STEM - 1, -1):
        stem = before[len(before) - size:]
        if stem in own:
            return None  # the level's own name: not what names the items
        found = [r for r in items if stem in compact(r["name"])]
        if found:
            break
    if not 2 <= len(found) <= MAX_COUNTED:
        return None
    each = [re.search(rf"(\d[\d,]*)\s*{re.escape(unit)}", r["quote"]) for r in found]
    count = sum(int(m.group(1).replace(",", "")) for m in each if m) if all(each) else len(found)
    return _summed_rows(q, found, str(count), head=_t(q, f"{len(found)} รายการ รวม {count:,} {unit}:",
                                                       f"{len(found)} items, {count:,} {unit} in all:"))


def _typed_under_agency(q: Query, named: list[tuple[float, Level]], levels: PlanLevels) -> list[Level]:
    """The levels under the agency whose whole name the question types that it types whole too, longest name
    first: an agency's แผนงาน whose heading the book wraps (`…ป้องกันการทำลาย` / `ทรัพยากรธรรมชาติ`) is known by
    a shorter name than the same แผนงาน of other agencies, which the question types more of."""
    asked = compact(q.text)
    agency = next((lv for _, lv in named if lv.level == "agency" and lv.name in asked), None)
    if agency is None:
        return []
    typed = [d for d in agency.descendants() if len(d.name) >= MIN_TYPED_KIND and d.name in asked]
    return sorted(typed, key=lambda d: -len(d.name))


def same_named(q: Query, top: Level, levels: PlanLevels) -> Draft | None:
    """A name several agencies' levels of one kind print (`โครงการสร้างเครื่องมือและแพลตฟอร์มกลาง`), asked
    without naming one of those agencies: every agency's level, with its amount where money is asked, cited,
    and their sum computed where the question adds them up (`…หน่วยงานไหนบ้าง และรวมกันเป็นเงินเท่าไร`).
    None when the name is one agency's, or the question names the agency (the pipeline answers that one)."""
    same = [lv for lv in levels.levels if lv.doc_id == top.doc_id and lv.level == top.level and lv.name == top.name]
    agencies = [next((a for a in lv.ancestors() if a.level == "agency"), None) for lv in same]
    if len(same) < 2 or None in agencies or len({id(a) for a in agencies}) < len(same) or top.level == "agency":
        return None
    named = levels.named(q.text)
    if next((score for score, lv in named if lv is top), 0.0) < len(top.name):
        return None  # its name typed in part (`…ผู้ประกอบการและวิสาหกิจขนาดกลางและขนาดย่อมยุคใหม่` of another plan)
    asked = compact(q.text)
    whole = [(lv, a) for lv, a in zip(same, agencies) if a.name in asked]
    if len(whole) >= 2:  # `ทั้ง <agency A> และ <agency B> มีโครงการ X … ใครได้มากกว่า`: those agencies' levels
        same, agencies = [lv for lv, _ in whole], [a for _, a in whole]
    elif any(id(a) in {id(lv) for _, lv in named if lv.level in ("ministry", "agency")} for a in agencies):
        return None  # `…ของสถาบันสารสนเทศทรัพยากรน้ำ`: that agency's, answered as one level
    elif q.operation == "difference":
        return None  # a difference of which two, the question does not say
    money = asks_money(q.text) and (q.wants_figure or q.operation in ("sum", "difference"))
    if not money and not q.wants_list:
        return None
    cover = levels.fiscal_year(top.doc_id)
    if money and q.years and (cover is None or set(q.years) != {cover[0]}):
        return None  # another year's amounts: each level's own year table answers that
    amounts = [_amount_now(lv, levels) for lv in same] if money else [None] * len(same)
    if money and (None in amounts or len({a.unit for a in amounts}) > 1):
        return None
    draft = Draft(support=1.0)
    name = _ORDINAL.sub("", levels.title(top)).strip()  # `โครงการที่ 1 : …` is one agency's numbering
    lead = (_t(q, f"{name} ของ {len(same)} หน่วยงานที่ถาม:", f"{name} of the {len(same)} agencies asked:")
            if len(whole) >= 2 else _t(q, f"{name} มีใน {len(same)} หน่วยงาน:", f"{len(same)} agencies have {name}:"))
    draft.say(lead, [levels.evidence(same[0])], template=True, computed=[str(len(same))])
    for lv, agency, a in zip(same, agencies, amounts):
        shown = f": {a.shown}" if a is not None else ""
        draft.say(f"• {levels.title(agency)}{shown}", [levels.evidence(lv), *([a.evidence] if a else [])], template=True)
    if money and q.operation == "difference" and len(amounts) == 2:
        (big, big_lv), (small, _) = sorted(zip(amounts, agencies), key=lambda al: al[0].value, reverse=True)
        gap = _fmt(big.value - small.value, big, small)
        unit = f" {big.unit}" if big.unit else ""
        draft.say(_t(q, f"{levels.title(big_lv)} ได้มากกว่า: {big.printed} − {small.printed} = {gap}{unit}",
                     f"{levels.title(big_lv)} gets more: {big.printed} − {small.printed} = {gap}{unit}"),
                  [big.evidence, small.evidence], template=True, computed=[gap.replace(",", "")])
    if money and (q.operation == "sum" or q.wants_total):
        total = _fmt(sum((a.value for a in amounts), Decimal(0)), *amounts)
        unit = f" {amounts[0].unit}" if amounts[0].unit else ""
        shown = " + ".join(a.printed for a in amounts)
        draft.say(_t(q, f"รวมกัน: {shown} = {total}{unit}", f"Together: {shown} = {total}{unit}"),
                  [a.evidence for a in amounts], template=True, computed=[total.replace(",", "")])
    return draft


def question_levels(q: Query, levels: PlanLevels) -> list[tuple[float, Level]]:
    """The levels a question names, best first; an English name read as the Thai one (`Pollution Control
    Department` → กรมควบคุมมลพิษ)."""
    return levels.named(" ".join([q.text, *thai_names(q.text)]))


def answer(q: Query, levels: PlanLevels) -> Draft | None:
    """The answer the plan level a question names gives to it, or None (the pipeline goes on). Of levels
    named about as well, the first that answers what is asked (a list needs items under it) is used."""
    if q.operation in ("sum", "difference") and len(set(q.years)) < 2 and (asks_money(q.text) or q.unit is None):
        draft = (counted_items(q, levels) or item_pair(q, levels)) if q.wants_figure else None
        if draft is None and (asks_money(q.text) or (q.wants_figure and q.unit is None)):
            draft = pair_answer(q, levels) or which_of_two(q, levels)  # "…ได้มากกว่ากันเท่าไร" of two levels: their amounts
        if draft is not None:
            return draft
    several_years = q.operation == "sum" and len(set(q.years)) > 1
    draft = counted_and_summed(q, levels)  # "…ทั้งหมดกี่สถานี รวมเป็นเงินเท่าไร": the items counted and added
    if draft is not None:
        return draft
    # an item's amount is money: a figure asked in no other unit (`ตั้งค่าใช้จ่าย…ไว้เท่าไร`) asks it
    money = (asks_money(q.text) or (q.wants_figure and q.unit is None)) and not _other_unit(q)
    if money and (q.wants_figure or q.years) and (q.operation in (None, "difference") or several_years):
        draft = item_answer(q, levels)  # "ค่าก่อสร้างอาคาร … ปี 2564 ตั้งงบไว้เท่าไร": its instalment that year
        if draft is not None:
            return draft
    # "…ที่อุทยานไหนบ้าง": each item's place; "รายการใดสูงสุด"; "รายการ X อยู่ภายใต้โครงการใด": the item's levels
    draft = place_items(q, levels) or ranked_items(q, levels) or item_placement(q, levels)
    if draft is not None:
        return draft
    named = question_levels(q, levels)
    if not named:
        return None
    if q.operation == "share" and asks_money(q.text):
        draft = ranked_share(q, named, levels) or level_share(q, named, levels)  # "แผนงาน X คิดเป็นกี่เปอร์เซ็นต์ของ…"
        if draft is not None:
            return draft
    best = named[0][0]
    close = [lv for score, lv in named[:CANDIDATES] if score >= CLOSE * best]
    # a name several agencies' levels print: the one under the agency the question names first
    top = close[0].name
    if sum(lv.name == top for lv in close) > 1:
        close.sort(key=lambda lv: lv.name != top or not levels._under_named(q.text, lv.node_id))
    if not levels._under_named(q.text, close[0].node_id):
        close = _typed_under_agency(q, named, levels)[:1] + close
    draft = same_named(q, close[0], levels) if q.operation in (None, "sum", "difference") else None
    if draft is not None:
        return draft
    for lv in close:
        draft = _answer_one(q, lv, levels)
        if draft is not None:
            return draft
    return None
