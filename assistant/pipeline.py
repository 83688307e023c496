"""The answer pipeline, composed in one place:

    resolve follow-up → analyse & route → gather evidence (lookup | hybrid retrieval | drafting)
    → engine writes (extractive | llamacpp | openai) → verify citations and figures → Answer

Figures and lists from the lookup tool are stated as the lookup returns them, whatever the
engine: a model phrases text answers and drafts, it never does budget arithmetic.
"""
from __future__ import annotations

import bisect
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from langchain_core.runnables import RunnableLambda

from assistant import structured_answers as facts
from assistant.asked_names import states_asked_name
from assistant.drafting import rationale
from assistant.engines import Engine, make_engine
from assistant.extractive import text_answer
from assistant.fallback import from_outline, from_text
from assistant.level_titles import LevelTitles
from assistant.followup import resolve_followup
from assistant.lookup import FactsDB
from assistant.normalize import EN_TH_GLOSSARY
from assistant.passages import (QUESTION_WORDS, figures_of, select_passages, states_asked_date, states_asked_place,
                                states_asked_place_kind, states_asked_unit, states_asked_year, states_rarest_term)
from assistant.records import Answer, Citation, Evidence, Figure, Sentence
from assistant.matrix_rows import MatrixRow, matrix_rows, row_answer
from assistant.retrieve import Retriever
from assistant.romanized import RomanizedNames
from assistant.spelling import Speller
from assistant.route import Query, analyse, language_of
from assistant.understand import item_labels, without_exclusions
from assistant.outline import Outline, compact
from assistant import counted_lists, kpi_targets, line_placement, list_filter, numbered_items, plan_levels, word_tables
from assistant.counted_lists import CountedLists
from assistant.kpi_targets import KpiIndex
from assistant.plan_levels import PlanLevels
from assistant.structured_answers import Draft, _t, source_part
from assistant import (cell_rows, grid_rows, group_rows, header_rows, label_columns, list_extremes, row_headers, table_extremes, units,
                       year_rows)
from assistant.year_rows import YearTable
from assistant.compute import computed_answer, earlier_value, refuse_unknown, unknown_organisations, year_figure
from assistant.verify import figure_allowed, strip_markers, verify
from ingest.records import ScoredChunk
from ingest.store import collect_if_idle, generation_dir, open_active
from ingest.vocabulary import vocabulary
from plan_assistant.config import Settings

MAX_SECTIONS = 3  # sections one question may ask of a named level (each answered, one after the other)
TEXT_K = 8  # chunks the passage picker reads: a figure's line is often in the chunk after its caption's
OWN_PASSAGE_LEVELS = ("project", "output")  # levels whose own pages (a few) hold what a question asks of them
LOOKUP_ROUTES = {"budget", "list_projects", "ranked_projects", "totals", "links", "results", "briefs"}
# Routes answered from the facts database; a handler returning None falls back to text retrieval.
FACT_ROUTES = {"budget": facts.budget, "project_field": facts.project_field, "list_projects": facts.list_projects,
               "totals": facts.totals, "links": facts.links, "results": facts.results,
               "direction_field": facts.direction_field, "ranked_projects": facts.ranked_projects,
               "briefs": facts.briefs}


OTHER_LEVEL_TRIES = 3  # label headings tried in turn when the best one is another level's than the one named
MIN_WRAPPED_NAME = 12  # characters of a level's name a section heading cut by a line wrap must hold to be it


@dataclass
class TextTables:
    """The tables of every document printed as text, one list per layout (see year_rows, row_headers, label_columns),
    and the group money rows and category-table rows of the document model's table cells (group_rows, cell_rows)."""

    year: list[YearTable] = field(default_factory=list)
    column: list[year_rows.ColumnTable] = field(default_factory=list)
    columns: list[year_rows.ColumnsTable] = field(default_factory=list)
    header: list[row_headers.HeaderTable] = field(default_factory=list)
    label: list[label_columns.LabelTable] = field(default_factory=list)
    groups: list[group_rows.GroupRow] = field(default_factory=list)  # read from the document model's cells
    cells: list[cell_rows.CellRow] = field(default_factory=list)  # … and its category tables' rows
    grid: list[grid_rows.GridRow] = field(default_factory=list)  # … and its tables of text cells' rows
    word: list[word_tables.WordTable] = field(default_factory=list)  # tables printed as lines of words


@dataclass
class Turn:
    """State of one question as it moves through the stages."""

    question: str
    previous: str | None = None
    resolved: str = ""
    query: Query | None = None
    draft: Draft | None = None
    sentences: list[Sentence] = field(default_factory=list)
    engine: str = ""
    timings: dict[str, float] = field(default_factory=dict)


class Assistant:
    """Answers questions over the active index; one instance serves many questions (and threads)."""

    def __init__(self, settings: Settings, embeddings=None, engine: Engine | None = None):
        self.settings = settings
        opened = open_active(settings)  # one pinned generation for both the facts and the passages
        if opened is None:
            raise RuntimeError(f"no index in {settings.data_dir}: run `plan-assistant ingest corpus/` first")
        manifest, self._pin = opened
        self.generation = manifest.generation
        self.dense_ready = manifest.dense_pending == 0
        self.db = FactsDB(settings, self.generation)
        self.retriever = Retriever(settings, embeddings, self.generation, manifest.embedding_model, self.dense_ready)
        self.engine = engine or make_engine(settings)
        self.titles = self.db.titles()
        self._sections: dict[str, list[tuple[int, int, str]]] = {}
        for c in self.retriever.snapshot.chunks.values():
            self._sections.setdefault(c.doc_id, []).append((c.line_start, c.line_end, " › ".join(c.section_path)))
        for spans in self._sections.values():
            spans.sort()
        self._outline: Outline | None = None
        self._levels: PlanLevels | None = None
        self._kpis: KpiIndex | None = None
        self._romanized: RomanizedNames | None = None
        self._matrix: list[MatrixRow] | None = None
        self._tables: TextTables | None = None
        self._speller: Speller | None = None
        self._counted: CountedLists | None = None
        self._level_titles: LevelTitles | None = None
        self.chain = (RunnableLambda(self.resolve) | RunnableLambda(self.route) | RunnableLambda(self.gather)
                      | RunnableLambda(self.write) | RunnableLambda(self.finish))

    @property
    def outline(self) -> Outline:
        """The documents' headings and label lines, read on first use (a second of work for two books)."""
        if self._outline is None:
            self._outline = Outline(self.db, generation_dir(self.settings.data_dir, self.generation) / "documents")
        return self._outline

    def close(self) -> None:
        """Let go of the generation; if it is no longer the active one and no ingest runs, collect it now."""
        if self._pin is None:
            return
        self.db.close()
        self._pin.release()
        self._pin = None
        collect_if_idle(self.settings)

    # -- stages ----------------------------------------------------------------------
    def resolve(self, turn: Turn) -> Turn:
        turn.timings["start"] = time.perf_counter()
        turn.question = " ".join(turn.question.split())
        if not turn.question:
            raise ValueError("empty question")
        turn.resolved = resolve_followup(turn.question, turn.previous)
        return turn

    def route(self, turn: Turn) -> Turn:
        turn.resolved = without_exclusions(turn.resolved)  # `(ไม่ใช่กรมทรัพยากรน้ำบาดาล)`: not what is asked
        # `สกสว.`, `GISTDA` → the agency's name, for every later stage
        for typed, name in [*self.levels.abbreviated(turn.resolved), *self.levels.acronyms(turn.resolved)]:
            core = plan_levels.unbracketed(name)  # `สถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน)`
            # `<the name> (สอวช.)`, `BEDO <the name misspelt>`: typed already
            if core in compact(turn.resolved[:turn.resolved.find(typed)]) \
                    or self.levels.named_without(turn.resolved, typed, name):
                turn.resolved = " ".join(re.sub(rf"\(\s*{re.escape(typed)}\s*\)|{re.escape(typed)}", " ",
                                                turn.resolved, count=1).split())
            else:
                turn.resolved = turn.resolved.replace(typed, name, 1)
        if re.search(r"[A-Za-z]{4,}", turn.resolved):  # `Lampang` → ลำปาง: the Thai the text prints
            turn.resolved = self.romanized.read(turn.resolved)
        turn.resolved = self.speller.correct(turn.resolved)  # `วิสัยทัสน์` → วิสัยทัศน์: the index's own words
        turn.query = analyse(turn.resolved)
        if turn.query.direction is None and turn.query.strategy is None and not turn.query.project_name:
            titled = self.level_titles.titled(turn.resolved)  # `แนวทางยกระดับผลิตภัณฑ์…`: its number, untyped
            if titled is not None:
                turn.query = analyse(turn.resolved, titled)
        # The answer speaks the language the user typed this turn, not the resolved question's
        # (a Thai follow-up to an English question gets Thai).
        turn.query.language = language_of(turn.question)
        return turn

    def gather(self, turn: Turn) -> Turn:
        t0 = time.perf_counter()
        q = turn.query
        draft = self.numbered_answer(q)
        if draft is None:
            draft = self.matrix_answer(q)
        if draft is None and q.route != "draft":
            draft = self.grid_answer(q)
        if draft is None and q.route != "draft":
            draft = self.cell_answer(q)
        if draft is None and q.route != "draft":
            draft = self.group_answer(q)
        if draft is None and q.asks_under and q.route != "draft":
            draft = self.line_placement(q)
        if draft is None:
            draft = self.level_answer(q)
        if draft is None and q.route != "draft":
            draft = self.kpi_answer(q)
        if draft is None and q.route != "draft":
            draft = facts.linked_projects(q, self.db)  # which projects link to a named higher-plan item
            if draft is not None:
                q.route = "linked_projects"
        if draft is None and q.route != "draft":
            draft = facts.project_pair(q, self.db)  # "โครงการ A กับโครงการ B รวมกันเท่าไร"
            if draft is not None:
                q.route = "project_pair"
        if draft is not None:
            pass
        elif q.route in FACT_ROUTES:
            draft = FACT_ROUTES[q.route](q, self.db)
            if draft is not None and draft.missing:  # not in the facts: the text may still print it
                draft = from_text(q, draft, self.retriever, self.db, self.settings.min_support)
                if draft.missing and q.route == "budget":
                    draft = from_outline(q, draft, self.outline, self.db)
                if not draft.missing:
                    q.route = "text"
        elif q.route == "draft":
            draft = rationale(q, self)
        elif q.route == "placement":
            draft = units.project_levels(q, self.db, self.outline)
            for part in q.parts:  # a multi-part question: every part answered, each with its own citations
                more = FACT_ROUTES[part](q, self.db)
                if more is not None and not more.missing:
                    draft = units.merge(draft, more) if draft is not None else more
            held = counted_lists.holder(q, self.counted)  # `…แล้วในผลงานปี 66 เป็นโครงการจากกองไหน`: that part too
            if held is not None:
                draft = units.merge(draft, held) if draft is not None else held
        if draft is None:  # text questions, and lookups the facts cannot answer
            q.route = "text"
            hits = self.retriever.search(q.text, k=max(self.settings.top_k, TEXT_K)).hits
            draft = self.understood(q, hits)
            if draft is None:
                evidence, support = self._own_passages(q) or select_passages(q, hits, self.db,
                                                                              self.retriever.snapshot.bm25.idf)
                if q.wants_figure and not (states_asked_year(q, evidence, self.db)
                                           and states_asked_unit(q, evidence, self.db)
                                           and states_rarest_term(q, evidence, self.db, self.retriever.snapshot.bm25.idf)):
                    support = 0.0  # a figure of another year, or no count in the asked unit: not stated; the closest shown
                elif not states_asked_date(q, evidence, self.db):
                    support = 0.0  # a date asked, and the passage prints none
                draft = text_answer(q, evidence, support, self.settings.min_support,
                                    read=(lambda e: self._read_rows(q, e)) if q.wants_figure else None,
                                    where=lambda e: " › ".join(p for p in self.outline.path_at(e.doc_id, e.line_start)[-2:] if p))
                if draft.refused and q.wants_figure and q.operation is None:
                    counted = facts.project_counts(q, self.db)  # `โครงการ X จะอบรมกี่คน`: its brief's counted items
                    if counted is not None:
                        draft, q.route = counted, "project_counts"
        if q.route == "text":
            draft = numbered_items.row_gap(q, draft, self.db)  # `เกินแผนไปกี่ฉบับ`: the row's result less its plan
            draft = source_part(q, draft, self.db)  # `…เป็นกิจกรรมของโครงการไหน ใช้งบอะไร`: its funding source
            draft = list_filter.filtered(q, draft, self.db, self.retriever.snapshot.bm25.idf)  # `…ไหนบ้างที่…`
        if q.route != "draft" and not draft.refused and not (states_asked_place(q, draft.evidence, self.db)
                                                             and states_asked_place_kind(q, draft.evidence)
                                                             and states_asked_name(q, draft.evidence)):
            # another place's figure (`จังหวัดลำพูน` asked of Lampang's plan; a project's total asked for one
            # province the book does not break it down by; a country asked and none named): the documents do not
            # state it; the closest shown
            draft = text_answer(q, draft.evidence[:1], 0.0, self.settings.min_support)
        turn.draft = draft
        turn.timings["gather"] = time.perf_counter() - t0
        return turn

    def _own_passages(self, q: Query) -> tuple[list[Evidence], float] | None:
        """The passages answering a question from the own pages of a budget level it names whole (a project typed
        by its name or its bracketed acronym: `โครงการ THIPA … เชื่อมกับห้องปฏิบัติการนโยบายแบบไหน`), when they
        answer it as well as the plan's passages are required to; None otherwise (the whole index is searched)."""
        named = self.levels.named(q.text)[:1]
        if not named or named[0][1].level not in OWN_PASSAGE_LEVELS:
            return None
        lv = named[0][1]
        asked = compact(q.text)
        if lv.name not in asked and not any(a in asked for a in self.levels.aliases(lv)):
            return None
        start, end = self.levels.own_lines(lv)
        own = [ScoredChunk(c, 1.0) for c in self.retriever.snapshot.chunks.values()
               if c.doc_id == lv.doc_id and c.line_start <= end and c.line_end >= start]
        if not own:
            return None
        evidence, support = select_passages(q, sorted(own, key=lambda h: h.chunk.line_start), self.db,
                                            self.retriever.snapshot.bm25.idf)
        if not evidence or not start <= evidence[0].line_start <= end or support < self.settings.min_support:
            return None  # its best passage lies on a neighbour's page (a chunk runs past its own lines)
        return [e for e in evidence if start <= e.line_start <= end], support

    def _names_year_row(self, q: Query) -> bool:
        """Whether the level a question names has a year-table row the question types other than its
        appropriation (`เงินนอกงบประมาณ`): the text's organisation tables do not read that row."""
        named = self.levels.named(q.text)[:1]
        return bool(named) and self.levels.names_year_row(named[0][1], q.text)

    def _read_rows(self, q: Query, e: Evidence) -> list[tuple[str, list[Evidence]]]:
        """Each table row a quote holds read against its column header (`ระยะเวลา: 27 ปี`), citing both."""
        out = []
        first = max(1, e.line_start - row_headers.HEADER_LINES)
        lines = [(m, t) for m, t, _ in self.db.lines(e.doc_id, first, e.line_end)]  # the quote and what is above it
        for i, (n, text) in enumerate(lines):
            if n < e.line_start:
                continue
            above = [(m, t) for m, t in lines[:i] if m >= n - row_headers.HEADER_LINES]
            read = row_headers.read_row(text, above) if text.strip() else None
            if read is not None:
                reading, (start, end) = read
                header = Evidence(e.doc_id, start, end, self.db.cite(e.doc_id, start, end).quote, "table_header", 1.0)
                out.append((_t(q, "อ่านตามหัวตาราง: ", "Read against the table's header: ") + reading, [header, e]))
        return out

    def warm(self) -> float:
        """Read what the first question would otherwise wait for (outline, plan levels, KPI index, romanized
        names, matrix rows, text tables, counted lists); seconds taken.
        The web app warms each index generation once when it opens it; `eval` warms before timing answers."""
        t0 = time.perf_counter()
        _ = self.levels, self.kpis, self.romanized, self.matrix, self.tables, self.counted.heads
        _ = self.speller.correct("ทดสอบ")
        return time.perf_counter() - t0

    @property
    def levels(self) -> PlanLevels:
        """The outline's plan levels (agency → แผนงาน → ผลผลิต/โครงการ), built on first use."""
        if self._levels is None:
            self._levels = PlanLevels(self.db, self.outline)
        return self._levels

    @property
    def kpis(self) -> KpiIndex:
        """The KPIs with yearly targets of every document, tokenised on first use."""
        if self._kpis is None:
            self._kpis = KpiIndex(self.db)
        return self._kpis

    @property
    def tables(self) -> TextTables:
        """Every document's tables printed as text, of each layout, read in one pass over its lines, and the group
        rows of its table cells, on first use."""
        if self._tables is None:
            t = self._tables = TextTables()
            for doc_id, n in self.db.line_counts().items():
                text = self.db.lines(doc_id, 1, n)
                t.year += year_rows.year_tables(self.db, doc_id, text)
                t.column += year_rows.column_tables(self.db, doc_id, text)
                t.columns += year_rows.columns_tables(self.db, doc_id, text)
                t.header += row_headers.header_tables(doc_id, text)
                t.label += label_columns.label_tables(doc_id, text)
                t.word += word_tables.word_tables(doc_id, text)
            t.groups = group_rows.group_rows(self.outline)
            t.cells = cell_rows.cell_rows(self.outline, self.db)
            t.grid = grid_rows.grid_rows(self.outline)
        return self._tables

    @property
    def speller(self) -> Speller:
        """Misspelt question words read as the index's words, built from its vocabulary on first use."""
        if self._speller is None:
            self._speller = Speller(self.retriever.snapshot.bm25.idf)
        return self._speller

    @property
    def matrix(self) -> list[MatrixRow]:
        """The rows of every document's vertically labelled matrices (links to higher plans), read on first use."""
        if self._matrix is None:
            sections = {d: frozenset(h.line for h in heads) for d, heads in self.outline.sections.items()}
            self._matrix = [replace(row, section=(self.outline.path_at(doc_id, row.label_start) or ("",))[-1])
                            for doc_id in self.db.titles()
                            for row in matrix_rows(self.db, doc_id, sections.get(doc_id, frozenset()))]
        return self._matrix

    @property
    def level_titles(self) -> LevelTitles:
        """The directions' and strategies' titles, read on first use."""
        if self._level_titles is None:
            self._level_titles = LevelTitles(self.db)
        return self._level_titles

    @property
    def counted(self) -> CountedLists:
        """Every document's headings that count the items listed below them, read on first use."""
        if self._counted is None:
            self._counted = CountedLists(self.db)
        return self._counted

    @property
    def romanized(self) -> RomanizedNames:
        """The index's Thai words by their romanized spelling, built on first use."""
        if self._romanized is None:
            idf = self.retriever.snapshot.bm25.idf
            known = [*EN_TH_GLOSSARY, *(t for t in idf if t.isascii()), *QUESTION_WORDS]
            self._romanized = RomanizedNames(idf, known)
        return self._romanized

    def numbered_answer(self, q: Query) -> Draft | None:
        """Numbered items a question adds up (`กิจกรรมที่ 1, 3 และ 4 รวมกันกี่ราย`), read before the plan levels,
        whose pairs would take the items' words for two levels' names."""
        if q.route == "draft" or q.operation != "sum" or numbered_items.asked_items(q.text) is None:
            return None
        draft = numbered_items.sum_answer(q, self.retriever.search(q.text, k=max(self.settings.top_k, TEXT_K)).hits,
                                          self.db)
        if draft is not None:
            q.route = "computed"
        return draft

    def matrix_answer(self, q: Query) -> Draft | None:
        """The matrix row whose cell the question types whole ("แนวทาง 'X' สอดคล้องกับประเด็นใด"), unless
        what it types is a project's name (the facts answer where a project sits)."""
        name = q.project_name
        if q.route == "draft" or not name:
            return None
        if any(compact(name) in compact(p.name) for p in self.db.find_projects(name, limit=3)):
            return None
        draft = row_answer(q, self.matrix, self.db, typed=name)
        if draft is None or (draft.refused and q.route in FACT_ROUTES):
            return None  # no row it names: a project's field the facts hold may still answer
        q.route = "matrix_row"
        return draft

    def grid_answer(self, q: Query) -> Draft | None:
        """The columns a question asks of a row of a table of text cells it names by a cell (a แผนงาน's links to the
        national strategy in a budget book's linkage table), read before the level answer (its amount)."""
        draft = grid_rows.answer(q, self.tables.grid, self.db, self.levels)
        if draft is not None:
            q.route = "grid_row"
        return draft

    def cell_answer(self, q: Query) -> Draft | None:
        """The amount of a category-table row the question names (a budget book's activity), read before the
        level answer, which would give the amount of the project the activity is in."""
        draft = cell_rows.answer(q, self.tables.cells, self.db, self.levels) or \
            cell_rows.listed(q, self.tables.cells, self.db, self.levels)  # `โครงการ X มีกิจกรรมอะไรบ้าง`
        if draft is not None:
            q.route = "cell_row"
        return draft

    def group_answer(self, q: Query) -> Draft | None:
        """The money of a table group the question names by its label (a budget book's service goal), for
        the asked year: read before the level answer, which would give the named agency's own total."""
        if facts.names_fact_project(q, self.db):
            return None  # a project of the facts (an action plan's brief) is not a budget book's goal
        draft = group_rows.answer(q, self.tables.groups, self.db, self.retriever.snapshot.bm25.idf, self.levels)
        if draft is not None:
            q.route = "group_row"
        return draft

    def line_placement(self, q: Query) -> Draft | None:
        """The plan levels holding a line the question names that is no level itself (`กิจกรรมจัดสร้างสวนรุกขชาติ…
        อยู่ในโครงการไหน แผนงานอะไร`), unless it names a project the facts hold (the lookup places those)."""
        if facts.names_fact_project(q, self.db):
            return None
        hits = self.retriever.search(q.text, k=line_placement.MAX_HITS).hits
        draft = line_placement.answer(q, hits, self.levels, self.db)
        if draft is not None:
            q.route = "line_placement"
        return draft

    def level_answer(self, q: Query) -> Draft | None:
        """The answer from a plan level the question names (a budget book's agency, แผนงาน, ผลผลิต/โครงการ),
        unless it names a project the facts hold (the lookup answers that) or asks for a draft."""
        if q.route == "draft" or facts.names_fact_project(q, self.db):
            return None
        draft = plan_levels.answer(q, self.levels)
        if draft is not None:
            q.route = "plan_level"
            stated_total = any(plan_levels.prints_total(s.text) for s in draft.sentences)  # an item's `วงเงินทั้งสิ้น`
            labels = [w for w in item_labels(q.text, []) if not (stated_total and plan_levels.prints_total(w))]
            more = self._section_bodies(q, labels)  # "…the total budget, and how long does it run?"
            if more is not None:
                draft = units.merge(draft, more)
            named, idf = plan_levels.question_levels(q, self.levels), self.retriever.snapshot.bm25.idf
            if named and not draft.refused and q.operation is None and plan_levels.asks_money(q.text):
                missing = self.levels.unprinted(q, named[0][1], idf)
                if missing:  # "สกสว. จัดสรรทุนวิจัยด้านโควิด-19 ไว้เท่าไร": not the agency's whole amount
                    return plan_levels.not_stated(q, named[0][1], missing, self.levels)
                if self.levels.asks_below(q, named[0][1], draft, idf):
                    q.asks_below = True  # no later stage answers with its whole amount either
                    return None  # "กรมทรัพยากรน้ำขอซื้อรถโดยสาร 12 ที่นั่ง…": an item under it; its lines may print it
            if named:  # "ทำกี่สถานี ใช้งบเท่าไร": the count its own lines print beside the amount, else its KPI's
                draft = units.counted_part(q, draft, named[0][1], self.levels, self.db)
                target = kpi_targets.target_part(q, draft, self.kpis, self.levels, self.db, idf)
                if target is not None:
                    draft = units.merge(draft, target)
        else:
            draft = self.level_sections(q)
        return draft

    def level_sections(self, q: Query) -> Draft | None:
        """The sections a question asks of a named level the facts do not hold as a project
        (`วัตถุประสงค์ของโครงการ…`, `โครงการ X ดำเนินการที่ไหน ใช้เวลากี่ปี` in a budget book), or a figure a
        named section states (`วิสัยทัศน์ของ อบก. ตั้งเป้าไว้กี่ล้านตัน`): each heading's body, read like any
        named section, one after the other."""
        labels = item_labels(q.text, q.labels) if q.project_name else q.labels
        target = kpi_targets.asks_target(q.text)
        text_asked = q.project_name and not target and (not q.wants_figure or labels != q.labels)
        figure_stated = (q.wants_figure or target) and kpi_targets.names_other_section(q)
        named = self.levels.named(q.text)
        if named:  # a label word inside the named level's own name (`…จากมาตรการของประเทศ`) is not asked
            own = compact(self.levels.title(named[0][1]))
            labels = [w for w in labels if compact(w) not in own]
        if not labels or not (text_asked or figure_stated) or not named:
            return None
        # An enclosing level typed by its whole name (`…ของ สำนักงานนโยบายและแผน…`, an abbreviation read) says which
        # level is meant, which `_outside_named` checks; it is no word the section's own heading and path must print.
        # The longest first: an agency's name may hold its ministry's (`สำนักงานปลัดกระทรวง<the ministry>`).
        asked = q
        for title in sorted(map(self.levels.title, named[0][1].ancestors()), key=len, reverse=True):
            if title in asked.text:
                asked = replace(asked, text=" ".join(asked.text.replace(title, " ").split()))
        lv = named[0][1]
        draft = self._section_bodies(asked, labels, self._typed_own_lines(q, lv))
        if draft is not None:
            q.route = "section"
            draft = units.other_part(q, draft, named[0][1], self.levels, self.db, self.retriever.snapshot.bm25.idf)
        return draft

    def _typed_own_lines(self, q: Query, lv) -> tuple[str, int, int] | None:
        """The document and own lines of a level the question types by its whole name: they hold the answer,
        whatever else the question says (an English question's words); None when its name is typed in part."""
        return (lv.doc_id, *self.levels.own_lines(lv)) if lv.name in compact(q.text) else None

    def _outside_named(self, q: Query, draft: Draft) -> bool:
        """Whether a section answer lies outside the level whose whole name the question types: the vision of
        `กรมทรัพยากรน้ำ` is not `กรมทรัพยากรน้ำบาดาล`'s, though the one it names prints none the text layer holds."""
        named = self.levels.named(q.text)
        if not named or not draft.evidence:
            return False
        score, lv = named[0]
        if score < len(lv.name):
            return False  # its name typed in part: what the question names is not sure enough to rule out
        e = draft.evidence[0]
        if e.doc_id != lv.doc_id:
            return True
        # a section of its path is the level: its own name, or the start of it where the heading's line wraps
        owns = [plan_levels.own_name(p) for p in self.outline.path_at(e.doc_id, e.line_start)]
        if any(o == lv.name or (len(o) >= MIN_WRAPPED_NAME and lv.name.startswith(o)) for o in owns):
            return False
        # a PDF page's header names its agency where the text layer puts it below the label: the level's name
        # printed on the page, not as part of a longer level's name (`กรมทรัพยากรน้ำ` in `…น้ำบาดาล`)
        page = compact(self.outline.page_text(e.doc_id, e.line_start))
        longer = [o.name for o in self.levels.levels if o.doc_id == lv.doc_id and lv.name in o.name and o.name != lv.name]
        at = page.find(lv.name)
        while at >= 0:
            if not any(page.startswith(n, at - n.find(lv.name)) for n in longer):
                return False
            at = page.find(lv.name, at + 1)
        return True

    def _section_bodies(self, q: Query, labels: list[str], within: tuple[str, int, int] | None = None) -> Draft | None:
        """The bodies of the labelled sections a question asks (up to MAX_SECTIONS), one after the other; each looked
        for inside `within` (document, first, last line) first where given (a scrambled page may print a label above
        its level's heading: then anywhere)."""
        draft = None
        for label in labels[:MAX_SECTIONS]:
            more = self._named_section(q, [label], [], within)[0] if within is not None else None
            if more is None:
                more, _ = self._named_section(q, [label], [])
            if more is not None:
                draft = units.merge(draft, more) if draft is not None else more
        return draft

    def _named_section(self, q: Query, labels: list[str], retrieved: list[tuple[str, int, int]],
                       within: tuple[str, int, int] | None = None) -> tuple[Draft | None, Draft | None]:
        """The body under the best label heading that is not another level's than the one the question names (the
        next best tried in turn, OTHER_LEVEL_TRIES in all: `…น้ำบาดาล`'s vision, another agency's project's
        objectives), and the first other level's body found on the way (None, None: no such heading)."""
        idf = self.retriever.snapshot.bm25.idf
        outside, skip = None, frozenset()
        for _ in range(OTHER_LEVEL_TRIES):
            draft = units.section_body(q, labels, self.outline, self.db, idf, retrieved, skip, within)
            if draft is None or not self._outside_named(q, draft):
                return draft, outside
            outside = outside or draft
            skip |= {(draft.evidence[0].doc_id, draft.evidence[0].line_start)}
        return None, outside

    def kpi_answer(self, q: Query) -> Draft | None:
        """A KPI's target for a year, from the plan graph's KPI rows (unless a project the facts hold is named)."""
        if facts.names_fact_project(q, self.db):
            return None
        draft = kpi_targets.answer(q, self.kpis, self.levels, self.db, self.retriever.snapshot.bm25.idf)
        if draft is not None:
            q.route = "kpi_target"
            named = self.levels.named(q.text)[:1]  # "…ทำในพื้นที่ไหน และตั้งเป้าชุมชนไว้เท่าไร": its place too
            own = self._typed_own_lines(q, named[0][1]) if named else None
            more = self._section_bodies(q, item_labels(q.text, []), own) if own is not None else None
            if more is not None:
                draft = units.merge(draft, more)
        return draft

    def understood(self, q: Query, hits) -> Draft | None:
        """Answers built from what the question names rather than from its best-matching lines: an unknown
        organisation (refused), a named heading's body, the items under a named level, a computed figure."""
        idf = self.retriever.snapshot.bm25.idf
        missing = unknown_organisations(q, self.db)
        if missing:
            q.route = "refused"
            return refuse_unknown(q, missing)
        retrieved = [(h.chunk.doc_id, h.chunk.line_start, h.chunk.line_end) for h in hits[:8]]
        draft = row_answer(q, self.matrix, self.db)  # "…อยู่แถวเดียวกับประเด็นใด": the matrix row it types a cell of
        if draft is not None:
            q.route = "matrix_row"
            return draft
        for route, counted in (("counted_list", counted_lists.answer),  # "โครงการจาก กตร. มีโครงการอะไรบ้าง": its items
                               ("counted_list", counted_lists.holder),  # "…(OPOAI-C) เป็นโครงการจากกองไหน": its heading
                               ("counted_list", counted_lists.mentioning),  # "บริษัท X ไปเกี่ยวข้องกับโครงการไหน"
                               ("computed", counted_lists.summed)):  # "…มีผู้เข้าร่วมรวมกี่คน": its steps' counts added
            draft = counted(q, self.counted)
            if draft is not None:
                q.route = route
                return draft
        if q.labels and not q.wants_figure and not q.project_name:
            draft, outside = self._named_section(q, q.labels, retrieved)
            if draft is None and outside is not None:
                # only other levels' sections: the one the question names prints none; said so, the other shown
                return text_answer(q, outside.evidence[1:2] or outside.evidence[:1], 0.0, self.settings.min_support)
            if draft is not None:
                q.route = "section"
                return draft
        if q.wants_list and not (q.direction or q.strategy or q.project_name):
            draft = units.level_items(q, self.db, self.outline)
            if draft is not None:
                q.route = "outline_list"
                return draft
        money = q.unit is None or q.unit in vocabulary().units.currency  # `กี่อัตรา`, `กี่คน`: no amount answers it
        # an organisation's whole amount answers money asked, not a KPI's target (`ตั้งค่าเป้าหมายตัวชี้วัด X ไว้เท่าไร`)
        if q.wants_figure and money and q.organisations and not q.operation and not q.asks_below \
                and not plan_levels.asks_target(q.text) and not self._names_year_row(q):
            draft = year_figure(q, self.db)
            if draft is not None and not plan_levels.asks_beyond(q, draft.evidence[0].quote, idf):
                q.route = "year_table"  # (not when the question asks something under the organisation it names)
                return draft
        if q.years and (q.wants_figure or q.operation == "difference"):
            draft = year_rows.answer(q, self.tables.year, idf)  # "ประชากรปี 2564 กี่คน": the year's row, with its header
            if draft is None:  # "ปริมาณน้ำจำหน่าย ปี 2566 ลดลงจากปี 2564 เท่าไร": a row of a table with a column per year
                draft = year_rows.column_answer(q, self.tables.column, idf)
            if draft is None:  # "การจ้างงานปี 2560 กับ 2567": a table printed column by column
                draft = year_rows.columns_answer(q, self.tables.columns, idf)
            if draft is not None:
                q.route = "year_rows"
                return draft
        draft = word_tables.answer(q, self.tables.word, self.db)  # "อำเภอใดมีหมู่บ้านมากที่สุด": a table of words
        if draft is not None:
            q.route = "word_table"
            return draft
        draft = header_rows.answer(q, self.tables.header, self.db, idf)  # "ปริมาณสำรองแร่ดินขาว…": the row it names
        if draft is not None:
            q.route = "header_row"
            return draft
        draft = header_rows.sum_answer(q, self.tables.header, self.db, idf)  # "หินปูนทั้งสามประเภท … รวมกัน"
        if draft is not None:
            q.route = "header_sum"
            return draft
        draft = header_rows.total_answer(q, self.tables.header, self.db, idf)  # "…รวมทั้งหมดเท่าไร": its total row
        if draft is not None:
            q.route = "header_total"
            return draft
        draft = label_columns.answer(q, self.tables.label, idf)  # "ราชการบริหารส่วนท้องถิ่นมีกี่หน่วย": a label column's row
        if draft is not None:
            q.route = "label_table"
            return draft
        if q.operation in ("max", "min"):
            draft = table_extremes.extreme_answer(q, self.tables.header, self.db, idf)  # "แร่ชนิดใด…นานที่สุด"
            if draft is not None:
                q.route = "table_extreme"
                return draft
            draft = list_extremes.answer(q, self.outline, self.db, idf)  # "กลุ่มไหนจ้างคนงานมากที่สุด": list items
            if draft is not None:
                q.route = "list_extreme"
                return draft
        draft = earlier_value(q, hits, self.db, idf)  # `ปี 2563 มีมูลค่าเท่าไร` from 2564's figure and its rise since
        if draft is not None:
            q.route = "computed"
            return draft
        if q.operation and q.wants_figure:
            draft = computed_answer(q, hits, self.db, idf, self.retriever)
            if draft is not None:
                q.route = "computed"
                return draft
        return None

    def write(self, turn: Turn) -> Turn:
        for _ in self.write_stream(turn):
            pass
        return turn

    def write_stream(self, turn: Turn) -> Iterator[str]:
        """Let the engine write (streaming its text); lookup answers and refusals are stated as built."""
        t0 = time.perf_counter()
        q, draft = turn.query, turn.draft
        if self.engine.name == "extractive" or q.route in LOOKUP_ROUTES or draft.refused:
            turn.engine = "extractive" if self.engine.name == "extractive" else f"{self.engine.name} (lookup stated as is)"
            turn.sentences = draft.sentences  # nothing to stream: the text is final after verification
        else:
            turn.engine = self.engine.name
            pieces: list[str] = []
            for piece in self.engine.stream(q, draft):
                pieces.append(piece)
                yield piece
            turn.sentences = self.engine.parse("".join(pieces), draft, q)
        turn.timings["write"] = time.perf_counter() - t0

    def finish(self, turn: Turn) -> Answer:
        t0 = time.perf_counter()
        q, draft = turn.query, turn.draft
        turn.sentences = draft.screen(turn.sentences) if hasattr(draft, "screen") else turn.sentences  # drafts: value check
        checked = verify(turn.sentences, draft.evidence, self.db, q.text)
        if not checked.sentences and turn.sentences is not draft.sentences:
            # The model said nothing verifiable: fall back to the extractive answer, verified the same way.
            turn.engine += " → extractive fallback"
            checked = verify(draft.sentences, draft.evidence, self.db, q.text)
        if not checked.sentences:  # nothing the documents vouch for is left: said plainly, never an empty answer
            lost = checked.dropped
            draft = text_answer(q, [], 0.0, self.settings.min_support)
            checked = verify(draft.sentences, draft.evidence, self.db, q.text)
            checked.dropped = lost + checked.dropped
        number: dict[int, int] = {}
        for s in checked.sentences:
            for i in s.cites:
                number.setdefault(i, len(number) + 1)
        citations = [self._citation(n, draft.evidence[i], checked.span_ok[i]) for i, n in number.items()]
        kept = [Sentence(s.text, [number[i] for i in s.cites], s.computed, s.template) for s in checked.sentences]
        figures = self._figures(kept, draft, number)
        turn.timings["verify"] = time.perf_counter() - t0
        turn.timings = {k: round(v, 4) for k, v in turn.timings.items() if k != "start"} | {
            "total": round(time.perf_counter() - turn.timings["start"], 4)}
        refused = draft.refused or not kept
        return Answer(
            question=turn.question, resolved_question=q.text, answer=render(kept), citations=citations,
            figures=figures, route=q.route, engine=turn.engine,
            supported=not refused and draft.support >= self.settings.min_support, refused=refused,
            dropped=getattr(draft, "dropped", []) + checked.dropped, timings=turn.timings,
        )

    # -- entry points ----------------------------------------------------------------
    def ask(self, question: str, previous: str | None = None) -> Answer:
        """Answer one question; `previous` is the last resolved question of the conversation."""
        return self.chain.invoke(Turn(question, previous))

    def stream(self, question: str, previous: str | None = None) -> Iterator[str | Answer]:
        """Yield text pieces as the engine writes them, then the verified Answer."""
        turn = self.gather(self.route(self.resolve(Turn(question, previous))))
        streamed = False
        for piece in self.write_stream(turn):
            streamed = True
            yield piece
        answer = self.finish(turn)
        if not streamed:
            yield from answer.answer.splitlines(keepends=True)
        yield answer

    # -- helpers ---------------------------------------------------------------------
    def _citation(self, n: int, e, verified: bool) -> Citation:
        section, spans = "", self._sections.get(e.doc_id, [])
        i = bisect.bisect_right(spans, (e.line_start, 10**9, "")) - 1
        while i >= 0 and spans[i][0] <= e.line_start:
            if spans[i][1] >= e.line_start:
                section = spans[i][2]
                break
            i -= 1
        lines = self.db.lines(e.doc_id, e.line_start, e.line_start)
        page = lines[0][2] if lines else None
        return Citation(n, e.doc_id, self.titles.get(e.doc_id, e.doc_id), section, page, e.line_start, e.line_end,
                        e.quote, e.origin, verified, self.db.page_label(e.doc_id, e.line_start))

    @staticmethod
    def _figures(kept: list[Sentence], draft: Draft, number: dict[int, int]) -> list[Figure]:
        """Each figure the answer states and what vouches for it (figures echoed from the question: none)."""
        by_number = {n: draft.evidence[i] for i, n in number.items()}
        out: list[Figure] = []
        seen: set[str] = set()
        for s in kept:
            for f in figures_of(strip_markers(s.text)):
                if f in seen:
                    continue
                seen.add(f)
                source = next((n for n in s.cites if figure_allowed(f, set(figures_of(by_number[n].quote, list_marks=True)))), None)
                if source is not None:
                    out.append(Figure(f, "lookup" if by_number[source].origin == "lookup" else "cited", source))
                elif any(figure_allowed(f, set(by_number[n].figures)) for n in s.cites):
                    out.append(Figure(f, "lookup", s.cites[0]))
                elif figure_allowed(f, set(s.computed)):
                    out.append(Figure(f, "computed", s.cites[0] if s.cites else None))
        return out


def render(sentences: list[Sentence]) -> str:
    """Answer text: one sentence per line, each followed by its citation markers."""
    lines = []
    for s in sentences:
        marks = "".join(f"[{n}]" for n in dict.fromkeys(s.cites))
        lines.append(f"{s.text} {marks}".rstrip())
    return "\n".join(lines)
