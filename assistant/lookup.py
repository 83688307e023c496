"""Exact lookups over the facts database: projects, budgets, totals, KPIs, links, flags.

Figures come from SQL over what the plan prints (never from a language model), and every
row carries its citation: document, line span and the exact source text of that span.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from assistant.normalize import translate_english
from assistant.records import Evidence
from ingest.facts import compact_name, compact_text
from ingest.facts_read import graph_nodes, kpi_rows
from ingest.facts_tables import classify_source
from ingest.store import generation_dir, open_active
from ingest.thai_repair import join_wrapped_lines, thai_digits_to_arabic
from plan_assistant.config import Settings

# English funding-source words; the cluster words first, so "provincial cluster" is the cluster budget.
_SOURCE_WORDS = {
    "cluster": "งบกลุ่มจังหวัด", "group": "งบกลุ่มจังหวัด",
    "province": "งบจังหวัด", "provincial": "งบจังหวัด",
    "ministry": "งบกระทรวง/กรม", "department": "งบกระทรวง/กรม",
}


@dataclass
class Cite:
    """Where a value is printed: document, 1-based line span, and that span's text."""

    doc_id: str
    line_start: int
    line_end: int
    quote: str


@dataclass
class BudgetRow:
    fiscal_year: int | None
    source: str
    printed: str
    unit: str
    baht: int
    origin: str  # "table" (budget table) | "brief" (project brief)
    candidate_years: list[int]
    cite: Cite


@dataclass
class ProjectRow:
    project_id: str
    doc_id: str
    name: str
    direction: int | None
    strategy: int | None
    source: str
    budgets: list[BudgetRow]
    flags: list[str]
    cite: Cite
    match_score: float | None = None
    flag_kinds: list[str] = field(default_factory=list)  # the kind of each flag (`table_row_without_brief`)
    source_text: str = ""  # the funding source as the plan prints it (`…ของบประมาณกลุ่ม จังหวัดภาคเหนือตอนบน 1`)


@dataclass
class TotalRow:
    key: str | int | None
    baht: int
    projects: int
    cites: list[Cite] = field(default_factory=list)
    doc_id: str | None = None  # sums never cross documents: each document's rows are summed apart
    printed: str | None = None  # the sum in the rows' own unit where all print one (`6.61 ล้านบาท`)
    exact: int | None = None  # the sum of the briefs' amounts in baht where each states its row's rounded figure exactly
    exact_cites: list[Cite] = field(default_factory=list)


def _rounds_to(exact: int, rounded: int, printed: str | None) -> bool:
    """Whether an amount in baht, printed to the places of `printed` in its unit (`3.11` ล้านบาท = `rounded` baht), reads
    as printed: within half its last printed digit."""
    try:
        shown = Decimal((printed or "").replace(",", ""))
    except InvalidOperation:
        return False
    if not shown:
        return False
    half = (Decimal(rounded) / shown) * Decimal(5) / Decimal(10) ** (decimals(printed) + 1)
    return abs(exact - rounded) <= half


def decimals(*printed: str) -> int:
    """The most decimal places among figures as printed (`3.50`, `3.11` → 2; `1,234,500` → 0): a result
    computed from them is shown to that many places."""
    return max((len(p.split(".")[1]) for p in printed if "." in p), default=0)


def _printed_sum(printed: str | None, units: str | None) -> str | None:
    """The sum of the rows' printed figures in their one unit other than baht (`3.50`+`3.11` →
    `6.61 ล้านบาท`), kept to the most decimals a row prints; None for baht or mixed units."""
    if not printed or not units or "," in units or units == "บาท":
        return None
    try:
        values = [Decimal(v.replace(",", "")) for v in printed.split("|")]
    except InvalidOperation:
        return None
    return f"{sum(values):,.{decimals(*printed.split('|'))}f} {units}"


def normalize_year(value: str | int | None) -> int | None:
    """`2567`, `67`, `๒๕๖๗`, `2024` (CE) → 2567 (Thai Buddhist-era fiscal year)."""
    if value is None or value == "":
        return None
    digits = re.sub(r"\D", "", thai_digits_to_arabic(str(value)))
    if not digits:
        raise ValueError(f"not a year: {value!r}")
    year = int(digits)
    if year < 100:
        year += 2500
    elif year < 2400:
        year += 543
    return year


def normalize_source(value: str | None) -> str | None:
    """Free text for a funding source (`งบจังหวัด`, `จังหวัด`, `province` …) → its category."""
    if not value:
        return None
    lowered = value.strip().lower()
    for word, category in _SOURCE_WORDS.items():
        if word in lowered:
            return category
    return classify_source(value)


_SOURCE_HINT = re.compile(r"(?:ของ|จาก|ใช้)?\s*(?:งบ(?:ประมาณ)?\s*)?(กลุ่มจังหวัด|กระทรวง|กรม|จังหวัด)(?=\s|$|ปี)")
_YEAR_HINT = re.compile(r"(?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.|FY)\s*[0-9๐-๙]{2,4}", re.IGNORECASE)


def split_hints(text: str) -> tuple[str, str | None]:
    """Separate a funding-source hint (`ของกระทรวง`, `งบจังหวัด`) and year words from a typed name.

    Returns the name part and the source category (or None). `จังหวัด` inside a name
    (`จังหวัดลำปาง`) is not a hint: a hint ends the word.
    """
    source = None
    m = _SOURCE_HINT.search(text)
    if m and m.group(0).strip() != text.strip():
        source = classify_source(m.group(1))
        text = text[: m.start()] + " " + text[m.end():]
    return _YEAR_HINT.sub(" ", text).strip(), source


def _similarity(query: str, name: str) -> float:
    """How well a typed (partial, misspelt, or whole-question) text names a project, 0..1.

    Matching blocks of ≥ 3 characters, measured against the shorter of the two, so a partial
    name (`SME transformation`) and a question that contains the name both score high.
    """
    q, n = query, name
    if not q or not n:
        return 0.0
    if q == n:
        return 1.0
    blocks = SequenceMatcher(None, q, n, autojunk=False).get_matching_blocks()
    matched = sum(b.size for b in blocks if b.size >= 3)
    return matched / min(len(q), len(n))


MIN_ALIAS = 4  # characters of a name's bracketed alias (`THIPA`, `Eco Town`) a question must type
MIN_BRIEF_PHRASE = 8  # compact characters of a Latin phrase of a typed name that one project's brief prints
BRIEF_TITLE_SHARE = 0.6  # … and the share of the rest of the name its title must type
BRIEF_MARGIN = 0.2  # … ahead of any other brief printing the phrase
_LATIN_PHRASE = re.compile(r"[A-Za-z][A-Za-z0-9&\- ]*[A-Za-z0-9]")


def bracketed_aliases(title: str) -> list[str]:
    """The compact aliases a name prints in brackets: `… (Thailand Higher Education and Innovation Policy
    Accelerator: THIPA)` → the English name and the acronym; not figures or abbreviations with dots."""
    out = []
    for inside in re.findall(r"\(([^()]+)\)", title):
        for part in re.split(r"[:,;]", inside):
            alias = compact_text(part)
            if len(alias) >= MIN_ALIAS and not re.fullmatch(r"[\d.,]+", alias) and "." not in part:
                out.append(alias)
    return out


def _alias_similarity(query: str, name: str, name_compact: str, typed: str = "") -> float:
    """How well a typed text names a project by its bracketed alias and other words of its name, in any order
    (`Eco Town ลำปาง` for `…เชิงนิเวศจังหวัดลำปาง (Eco Town)`): the alias and the rest's matching blocks, over
    all the typed text; 0 when the alias is not typed. The rest's English words are also read as the profile's
    Thai terms (`Creative Economy entrepreneur development` for `…พัฒนาศักยภาพผู้ประกอบการ… (Creative Economy)`)."""
    best = 0.0
    for alias in bracketed_aliases(name):
        if alias not in query:
            continue
        own = name_compact.replace(alias, "", 1)
        rests = [query.replace(alias, "", 1)]
        spaced = re.sub(r"\s*".join(map(re.escape, alias)), " ", typed, count=1, flags=re.I) if typed else ""
        if re.search(r"[A-Za-z]{3}", spaced):
            rests.append(compact_name(translate_english(spaced)))
        for rest in rests:
            blocks = SequenceMatcher(None, rest, own, autojunk=False).get_matching_blocks() if rest else []
            best = max(best, (len(alias) + sum(b.size for b in blocks if b.size >= 3)) / (len(alias) + len(rest)))
    return best


class FactsDB:
    """Read-only access to the active generation's facts database."""

    def __init__(self, settings: Settings, generation: str | None = None):
        """Open `generation` (pinned by the caller) or pin and open the active one."""
        self._pin = None
        if generation is None:
            opened = open_active(settings)
            if opened is None:
                raise RuntimeError(f"no index in {settings.data_dir}: run `plan-assistant ingest corpus/` first")
            generation, self._pin = opened[0].generation, opened[1]
        path = generation_dir(settings.data_dir, generation) / "facts.sqlite"
        if not path.is_file():
            raise RuntimeError(f"{path} is missing: re-run `plan-assistant ingest`")
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        # Indexes built before printed page labels were kept have no such column: read them as unknown.
        self._labels = any(r["name"] == "page_label" for r in self.db.execute("PRAGMA table_info(lines)"))
        self._items = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'budget_items'").fetchone() is not None

    def close(self) -> None:
        self.db.close()
        if self._pin is not None:
            self._pin.release()

    # -- citations -------------------------------------------------------------------
    def cite(self, doc_id: str, line_start: int, line_end: int) -> Cite:
        rows = self.db.execute(
            "SELECT text FROM lines WHERE doc_id = ? AND n BETWEEN ? AND ? ORDER BY n", (doc_id, line_start, line_end)
        ).fetchall()
        return Cite(doc_id, line_start, line_end, join_wrapped_lines([r["text"] for r in rows]))

    def evidence(self, doc_id: str, line_start: int, line_end: int) -> Evidence:
        """Lines as an answer's retrieval evidence, quoted as `cite` joins them."""
        return Evidence(doc_id, line_start, line_end, self.cite(doc_id, line_start, line_end).quote, "retrieval", 1.0)

    def lines(self, doc_id: str, line_start: int, line_end: int) -> list[tuple[int, str, int | None]]:
        """Repaired source lines (number, text, page) of a span, as stored at ingest."""
        return [(r["n"], r["text"], r["page"]) for r in self.db.execute(
            "SELECT n, text, page FROM lines WHERE doc_id = ? AND n BETWEEN ? AND ? ORDER BY n",
            (doc_id, line_start, line_end))]

    def lines_on_page(self, doc_id: str, page: int) -> list[tuple[int, str]]:
        """The non-blank lines (number, text) of one PDF page of a document."""
        return [(r["n"], r["text"]) for r in self.db.execute(
            "SELECT n, text FROM lines WHERE doc_id = ? AND page = ? AND trim(text) != '' ORDER BY n", (doc_id, page))]

    def page_label(self, doc_id: str, n: int) -> str | None:
        """The page number printed on the page of line n (None where the page prints none)."""
        if not self._labels:
            return None
        row = self.db.execute("SELECT page_label FROM lines WHERE doc_id = ? AND n = ?", (doc_id, n)).fetchone()
        return row["page_label"] if row else None

    def line_counts(self) -> dict[str, int]:
        """Number of stored lines per document."""
        return {r[0]: r[1] for r in self.db.execute("SELECT doc_id, MAX(n) FROM lines GROUP BY doc_id")}

    def fact_counts(self) -> dict[str, dict[str, int]]:
        """Per document: how many projects, budget lines, KPIs, directions and links the facts hold."""
        counts = {d: {"projects": 0, "budget_lines": 0, "kpis": 0, "directions": 0, "links": 0} for d in self.titles()}
        tables = [("projects", "projects"), ("budgets", "budget_lines"), ("kpis", "kpis"),
                  ("directions", "directions"), ("links", "links")] + ([("budget_items", "budget_lines")] if self._items else [])
        for table, key in tables:
            for doc_id, n in self.db.execute(f"SELECT doc_id, COUNT(*) FROM {table} GROUP BY doc_id"):
                counts.setdefault(doc_id, {})[key] = counts.get(doc_id, {}).get(key, 0) + n
        return counts

    def titles(self) -> dict[str, str]:
        return {r["doc_id"]: r["title"] for r in self.db.execute("SELECT doc_id, title FROM documents")}

    def brief_fields(self, project_id: str) -> dict[str, Cite]:
        """The fields of a project's brief (rationale, objectives, activities …) with their spans."""
        return {r["field"]: self.cite(r["doc_id"], r["line_start"], r["line_end"])
                for r in self.db.execute("SELECT * FROM brief_fields WHERE project_id = ?", (project_id,))}

    # -- projects --------------------------------------------------------------------
    def _project(self, r: sqlite3.Row, score: float | None = None) -> ProjectRow:
        budgets = [
            BudgetRow(b["fiscal_year"], b["source"], b["printed"], b["unit"], b["baht"], b["origin"],
                      json.loads(b["candidate_years"]), Cite(b["doc_id"], b["line_start"], b["line_end"], b["quote"]))
            for b in self.db.execute(
                "SELECT * FROM budgets WHERE project_id = ? ORDER BY origin DESC, fiscal_year", (r["project_id"],))
        ]
        rows = list(self.db.execute("SELECT kind, message FROM flags WHERE project_id = ?", (r["project_id"],)))
        flags, kinds = [f["message"] for f in rows], [f["kind"] for f in rows]
        start = r["row_line_start"] or r["brief_line_start"]
        end = r["row_line_end"] or r["brief_line_end"]
        return ProjectRow(r["project_id"], r["doc_id"], r["name"], r["direction"], r["strategy"], r["source"],
                          budgets, flags, self.cite(r["doc_id"], start, end), score, kinds, r["source_text"] or "")

    def find_projects(self, name: str, source: str | None = None, year: str | int | None = None,
                      limit: int = 5, min_score: float = 0.6) -> list[ProjectRow]:
        """Projects whose name best matches `name` (Thai-aware fuzzy match), optionally filtered.

        A source hint typed inside the name (`… ของกระทรวง`) filters too when no source is given.
        """
        name, hinted_source = split_hints(name)
        source = source or hinted_source
        query = compact_name(name.replace("ฯ", ""))
        scored = []
        for r in self.db.execute("SELECT * FROM projects"):
            score = max(_similarity(query, r["name_compact"]),
                        _alias_similarity(query, r["name"], r["name_compact"], name.replace("ฯ", "")))
            if score >= min_score:
                scored.append((score, r))
        if not scored:  # `โครงการพัฒนาผลิตภัณฑ์ชุมชน Gift & Lifestyle`: a phrase of its brief, not of its title
            scored = [(min_score, r) for r in self._brief_phrase(name)]
        scored.sort(key=lambda sr: (-sr[0], sr[1]["project_id"]))
        rows = [self._project(r, round(s, 3)) for s, r in scored]
        rows = self._filter(rows, source, year)
        if rows:  # keep only the best-named project(s): one name may sit under several sources
            best = rows[0].match_score
            rows = [p for p in rows if p.match_score >= best - 0.05]
        return self.own_document_first(rows)[:limit]

    def _brief_phrase(self, name: str) -> list[sqlite3.Row]:
        """The project rows of the brief that prints a Latin phrase the typed name holds (`Gift & Lifestyle`) and
        whose title the rest of the name types best (`พัฒนาผลิตภัณฑ์ชุมชน`), by a margin over the other briefs
        printing it; none when no brief prints it or none stands out."""
        latin = [m for m in _LATIN_PHRASE.findall(name) if len(compact_text(m)) >= MIN_BRIEF_PHRASE]
        if not latin:
            return []
        rest = compact_name(_LATIN_PHRASE.sub(" ", name))
        briefs: dict[tuple[str, int], list[sqlite3.Row]] = {}
        for r in self.db.execute("SELECT * FROM projects WHERE brief_line_start IS NOT NULL"):
            text = compact_text(self.cite(r["doc_id"], r["brief_line_start"], r["brief_line_end"]).quote)
            if any(compact_text(p) in text for p in latin):
                briefs.setdefault((r["doc_id"], r["brief_line_start"]), []).append(r)
        ranked = sorted(((_similarity(rest, rows[0]["name_compact"]), rows) for rows in briefs.values()),
                        key=lambda sr: -sr[0])
        if not ranked or ranked[0][0] < BRIEF_TITLE_SHARE or (
                len(ranked) > 1 and ranked[1][0] > ranked[0][0] - BRIEF_MARGIN):
            return []
        return ranked[0][1]

    def projects_at(self, doc_id: str, line: int) -> list[ProjectRow]:
        """The projects whose brief holds this line (one per funding source the plan lists it under)."""
        return [self._project(r) for r in self.db.execute(
            "SELECT * FROM projects WHERE doc_id = ? AND brief_line_start <= ? AND brief_line_end >= ?",
            (doc_id, line, line))]

    def own_document_first(self, rows: list[ProjectRow]) -> list[ProjectRow]:
        """Matched rows grouped by document, the project's own document first (rows of one document
        are returned as they are).

        The own document is the one whose project best matches the typed name; on a tie, the one
        that places it most fully (budget-table row, brief, direction, strategy), then the one that
        holds more projects (the plan rather than a note that mentions it), then doc_id. Rows of
        other documents are never merged into it: callers show them apart, labelled.
        """
        if len({p.doc_id for p in rows}) < 2:
            return rows
        rank = self.document_order()

        def placed(p: ProjectRow) -> int:
            origins = {b.origin for b in p.budgets}
            return ("table" in origins) + ("brief" in origins) + (p.direction is not None) + (p.strategy is not None)

        order: dict[str, int] = {}
        for p in sorted(rows, key=lambda p: (-(p.match_score or 0.0), -placed(p), rank.get(p.doc_id, len(rank)))):
            order.setdefault(p.doc_id, len(order))
        return sorted(rows, key=lambda p: order[p.doc_id])  # stable: each document keeps its own order

    def document_order(self) -> dict[str, int]:
        """Rank of each document, 0 first: the one holding more projects first (a plan before a note
        that mentions some of its projects), then by doc_id."""
        rows = self.db.execute("SELECT d.doc_id, COUNT(p.project_id) AS n FROM documents d "
                               "LEFT JOIN projects p ON p.doc_id = d.doc_id GROUP BY d.doc_id ORDER BY n DESC, d.doc_id")
        return {r[0]: i for i, r in enumerate(rows)}

    def list_projects(self, direction: int | None = None, strategy: int | None = None,
                      source: str | None = None, year: str | int | None = None) -> list[ProjectRow]:
        sql, args = "SELECT * FROM projects WHERE 1=1", []
        if direction is not None:
            sql, args = sql + " AND direction = ?", args + [direction]
        if strategy is not None:
            sql, args = sql + " AND strategy = ?", args + [strategy]
        rows = [self._project(r) for r in self.db.execute(sql + " ORDER BY doc_id, project_id", args)]
        return self._filter(rows, source, year)

    @staticmethod
    def _filter(rows: list[ProjectRow], source: str | None, year: str | int | None) -> list[ProjectRow]:
        category, fy = normalize_source(source), normalize_year(year)
        if category:
            rows = [p for p in rows if p.source == category]
        if fy:
            rows = [p for p in rows if any(b.fiscal_year == fy or fy in b.candidate_years for b in p.budgets)]
        return rows

    # -- totals ----------------------------------------------------------------------
    def totals(self, by: str = "direction", year: str | int | None = None, source: str | None = None,
               origin: str = "table") -> list[TotalRow]:
        """Sums in baht computed by SQLite, grouped by direction | source | year, with the cited lines.

        Each document is summed apart (two documents may describe the same project): one row per
        document and key, in document order.
        """
        column = {"direction": "p.direction", "source": "b.source", "year": "b.fiscal_year"}.get(by)
        if column is None:
            raise ValueError("by must be direction, source or year")
        sql = (f"SELECT b.doc_id AS doc_id, {column} AS key, SUM(b.baht) AS baht, "
               "COUNT(DISTINCT b.project_id) AS projects, "
               "GROUP_CONCAT(b.doc_id || ':' || b.line_start, ',') AS spans, "
               "GROUP_CONCAT(b.printed, '|') AS printed, GROUP_CONCAT(DISTINCT b.unit) AS units "
               "FROM budgets b JOIN projects p ON p.project_id = b.project_id WHERE b.origin = ?")
        args: list = [origin]
        fy, category = normalize_year(year), normalize_source(source)
        if fy:
            sql, args = sql + " AND b.fiscal_year = ?", args + [fy]
        if category:
            sql, args = sql + " AND b.source = ?", args + [category]
        out = []
        for r in self.db.execute(sql + f" GROUP BY b.doc_id, {column} ORDER BY b.doc_id, {column}", args):
            cites = []
            for span in (r["spans"] or "").split(","):
                doc_id, line = span.rsplit(":", 1)
                cites.append(self.cite(doc_id, int(line), int(line)))
            out.append(TotalRow(r["key"], r["baht"], r["projects"], cites, r["doc_id"],
                                _printed_sum(r["printed"], r["units"])))
        if origin == "table":
            for row in out:
                self._exact_from_briefs(row, column, fy, category)
        return out

    def _exact_from_briefs(self, row: TotalRow, column: str, year: int | None, source: str | None) -> None:
        """Set a table total's exact sum from the projects' briefs where each brief states its table row's figure
        exactly (`3,105,500` บาท for a row printed `3.11` ล้านบาท: within half the row's last printed digit) and
        the two differ; left unset otherwise (a brief stating another amount is another figure, not a precise one)."""
        sql = (f"SELECT b.baht AS rounded, b.printed AS printed, x.baht AS exact, x.doc_id AS doc_id, "
               f"x.line_start AS line FROM budgets b JOIN projects p ON p.project_id = b.project_id "
               f"LEFT JOIN budgets x ON x.project_id = b.project_id AND x.fiscal_year = b.fiscal_year "
               f"AND x.source = b.source AND x.origin = 'brief' "
               f"WHERE b.origin = 'table' AND b.doc_id = ? AND {column} = ?")
        args: list = [row.doc_id, row.key]
        if year:
            sql, args = sql + " AND b.fiscal_year = ?", args + [year]
        if source:
            sql, args = sql + " AND b.source = ?", args + [source]
        found = list(self.db.execute(sql, args))
        if len(found) != row.projects or any(r["exact"] is None or not _rounds_to(r["exact"], r["rounded"], r["printed"])
                                             for r in found):
            return
        exact = sum(r["exact"] for r in found)
        if exact != row.baht:
            row.exact = exact
            row.exact_cites = [self.cite(r["doc_id"], r["line"], r["line"]) for r in found]

    # -- directions, KPIs, links, flags ----------------------------------------------
    def directions(self) -> list[dict]:
        out = []
        for d in self.db.execute("SELECT * FROM directions ORDER BY doc_id, number"):
            goals = [self._text(g) for g in self.db.execute("SELECT * FROM goals WHERE direction_id = ?", (d["direction_id"],))]
            strategies = [dict(number=s["number"], title=s["title"], cite=asdict(self.cite(s["doc_id"], s["line_start"], s["line_end"])))
                          for s in self.db.execute("SELECT * FROM strategies WHERE direction_id = ? ORDER BY number", (d["direction_id"],))]
            out.append(dict(number=d["number"], title=d["title"], goals=goals, strategies=strategies,
                            cite=asdict(self.cite(d["doc_id"], d["line_start"], d["line_start"]))))
        return out

    def kpis(self, direction: int | None = None, project: str | None = None) -> list[dict]:
        if project:
            found = self.find_projects(project, limit=3)
            ids = [p.project_id for p in found]
            rows = self.db.execute(f"SELECT * FROM kpis WHERE project_id IN ({','.join('?' * len(ids))})", ids) if ids else []
        else:
            sql, args = "SELECT k.* FROM kpis k JOIN directions d ON d.direction_id = k.direction_id", []
            if direction is not None:
                sql, args = sql + " WHERE d.number = ?", [direction]
            rows = self.db.execute(sql, args)
        return [self._text(r) | {"target": r["target"]} for r in rows]

    def links(self, level: str | None = None) -> list[dict]:
        sql, args = "SELECT l.*, p.name AS project FROM links l LEFT JOIN projects p ON p.project_id = l.project_id", []
        if level:
            sql, args = sql + " WHERE l.level = ?", [level]
        return [self._text(r) | {"level": r["level"], "project": r["project"]} for r in self.db.execute(sql, args)]

    def results(self, name: str | None = None, section: str | None = None) -> dict:
        """Reported results: groups with printed/listed project counts (and their SQL total),
        and figure statements, optionally for one project (fuzzy name) or section (e.g. "4.4")."""
        where, args = "", []
        if section:
            where, args = " WHERE section LIKE ?", [f"{section}%"]
        groups = [self._text(g, "label") | {"section": g["section"], "printed_count": g["printed_count"],
                                            "listed_count": g["listed_count"]}
                  for g in self.db.execute("SELECT * FROM result_groups" + where, args)]
        total = self.db.execute("SELECT SUM(printed_count) AS n FROM result_groups" + where, args).fetchone()["n"]
        figures = [self._text(r, "quote") | {"figure": r["figure"], "unit": r["unit"], "project": r["project"],
                                             "section": r["section"]}
                   for r in self.db.execute("SELECT * FROM results" + where, args)]
        if name:
            query = compact_name(split_hints(name)[0])
            figures = [f for f in figures if f["project"] and _similarity(query, compact_name(f["project"])) >= 0.6]
        return {"groups": groups, "projects_reported": total or 0, "figures": figures}

    def budget_lines(self, doc_id: str | None = None) -> list[dict]:
        """Every budget line in the stable contract of `plan-assistant facts budgets --json`: document, PDF
        page and printed page, line span, level path, project name, fiscal year (B.E.), amount as printed,
        unit, baht, funding source or expense category, whether it is a total, and the exact quote."""
        sql = f"""SELECT b.*, p.name, p.direction, p.strategy, l.page, {"l.page_label" if self._labels else "NULL AS page_label"}, d.title AS d_title, s.title AS s_title
                 FROM budgets b JOIN projects p ON p.project_id = b.project_id
                 LEFT JOIN lines l ON l.doc_id = b.doc_id AND l.n = b.line_start
                 LEFT JOIN directions d ON d.doc_id = b.doc_id AND d.number = p.direction
                 LEFT JOIN strategies s ON s.direction_id = d.direction_id AND s.number = p.strategy"""
        rows = self.db.execute(sql + (" WHERE b.doc_id = ?" if doc_id else "") + " ORDER BY b.doc_id, b.line_start",
                               [doc_id] if doc_id else [])
        out = []
        for r in rows:
            path = [f"{n}. {t}" if t else str(n) for n, t in ((r["direction"], r["d_title"]), (r["strategy"], r["s_title"]))
                    if n is not None]
            out.append({"doc_id": r["doc_id"], "page": r["page"], "printed_page": r["page_label"],
                        "line_start": r["line_start"], "line_end": r["line_end"], "path": path, "name": r["name"],
                        "fiscal_year": r["fiscal_year"], "printed": r["printed"], "unit": r["unit"], "baht": r["baht"],
                        "category_or_source": r["source"], "is_total": False, "origin": r["origin"], "quote": r["quote"]})
        if self._items:  # budget lines printed as numbered items (budget books)
            items = self.db.execute(
                f"""SELECT b.*, l.page, {"l.page_label" if self._labels else "NULL AS page_label"} FROM budget_items b
                    LEFT JOIN lines l ON l.doc_id = b.doc_id AND l.n = b.line_start"""
                + (" WHERE b.doc_id = ?" if doc_id else "") + " ORDER BY b.doc_id, b.line_start", [doc_id] if doc_id else [])
            out += [{"doc_id": r["doc_id"], "page": r["page"], "printed_page": r["page_label"],
                     "line_start": r["line_start"], "line_end": r["line_end"], "path": json.loads(r["path"]),
                     "name": r["name"], "fiscal_year": r["fiscal_year"], "printed": r["printed"], "unit": r["unit"],
                     "baht": r["baht"], "category_or_source": r["category"], "is_total": bool(r["is_total"]),
                     "origin": "instalment" if r["instalment"] else "item", "quote": r["quote"],
                     "node_id": r["node_id"] if "node_id" in r.keys() else None} for r in items]
        return out

    def item_years(self, doc_id: str, line_start: int, line_end: int) -> dict[str, set[int]]:
        """The amounts (as printed) of the budget book's numbered budget items on these lines, each with the
        fiscal years the facts read it for."""
        if not self._items:
            return {}
        out: dict[str, set[int]] = {}
        for r in self.db.execute("SELECT printed, fiscal_year FROM budget_items WHERE doc_id = ? AND line_start <= ? "
                                 "AND line_end >= ? AND fiscal_year IS NOT NULL", [doc_id, line_end, line_start]):
            out.setdefault(r["printed"], set()).add(int(r["fiscal_year"]))
        return out

    def kpi_rows(self, doc_id: str | None = None) -> list[dict]:
        """KPI targets per fiscal year in the contract of `plan-assistant facts kpis --json`."""
        return kpi_rows(self.db, doc_id)

    def graph_nodes(self, doc_id: str | None = None) -> list[dict]:
        """The plan graph's nodes in the contract of `plan-assistant facts graph --json`."""
        return graph_nodes(self.db, doc_id)

    def flags(self) -> list[dict]:
        return [self._text(r, "message") | {"kind": r["kind"]} for r in self.db.execute("SELECT * FROM flags")]

    def _text(self, r: sqlite3.Row, column: str = "text") -> dict:
        return {"text": r[column], "cite": asdict(self.cite(r["doc_id"], r["line_start"], r["line_end"]))}


def to_jsonable(value) -> object:
    """Dataclasses (and lists of them) to plain JSON-ready structures."""
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return value
