"""Structured plan facts, composed in one place: directions and budget tables, briefs,
table↔brief matching with cross-checks, links to higher plans, reported results.

Nothing is silently reconciled: when a table value and a brief value disagree, or a row
cannot be matched to a brief with certainty, both are kept and a flag says why.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from decimal import Decimal
from difflib import SequenceMatcher

from ingest.facts_briefs import parse_briefs
from ingest.facts_budget_lines import parse_budget_items
from ingest.facts_records import UNIT_SCALE, Brief, Flag, PlanFacts, PlanLink, Project, TableRow
from ingest.facts_graph import build_nodes
from ingest.facts_kpis import parse_kpi_tables
from ingest.facts_results import parse_results
from ingest.facts_tables import parse_directions_and_tables
from ingest.records import Section, Table
from ingest.structure import RANK_BRIEF, RANK_DIRECTION, Heading, build_sections, detect_headings
from ingest.thai_repair import DIGIT_CLASS as _D, index_form, join_wrapped_lines

_PREFIX = rf"^\s*(?:\(?[{_D}]{{1,2}}[.)]\s*)?(?:[{_D}]+(?:\.[{_D}]+)+\s*)?"
LINK_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("national_strategy", re.compile(_PREFIX + r"(ยุทธศาสตร์ชาติ\s*ด้าน.+)$")),
    ("master_plan", re.compile(rf"^\s*(ประเด็น\s*[{_D}]{{1,2}}\s+\S.+)$")),
    ("master_plan", re.compile(_PREFIX + r"(แผนย่อยของแผนแม่บท\S*\s+\S.+)$")),
    ("nesdp", re.compile(rf"^\s*(หมุดหมายที่\s*[{_D}]{{1,2}}\s*\S.+)$")),
    ("reform", re.compile(_PREFIX + r"(แผนการปฏิรูปประเทศ.+|กิจกรรมปฏิรูปที่\s*[" + _D + r"]+.+)$")),
]
MATCH_THRESHOLD = 0.85
GRAM = 4  # q-gram length of the matching blocks
GRAM_CAP = 8  # a gram in more briefs than this (or than √briefs) is too common to block on


def compact_text(text: str) -> str:
    """Spacing-, punctuation-, case- and digit-form-free text, for comparing names and labels."""
    return re.sub(r"[\s\W_]+", "", index_form(text).lower())


def compact_name(name: str) -> str:
    """Name form for matching: `compact_text` without a leading `โครงการ`."""
    return re.sub(r"^โครงการ", "", compact_text(name))


def name_similarity(a: str, b: str) -> float:
    """1.0 for the same name however it is spaced/wrapped; containment counts as a match."""
    return _compact_similarity(compact_name(a), compact_name(b))


def _compact_similarity(x: str, y: str, floor: float = 0.0) -> float:
    """`name_similarity` of two compact names; below `floor` it may answer 0.0 without the full comparison."""
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if min(len(x), len(y)) >= 12 and (x in y or y in x):
        return 0.95
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:  # upper bounds of ratio()
        return 0.0
    return matcher.ratio()


def _amounts_agree(table_printed: str, table_unit: str, brief_baht: int) -> bool:
    """A table amount (rounded, e.g. 3.11 ล้านบาท) agrees with a brief's baht if it is its rounding."""
    if table_unit not in UNIT_SCALE:
        return False  # an amount of unknown unit agrees with nothing
    value = Decimal(table_printed.replace(",", ""))
    places = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
    return (Decimal(brief_baht) / UNIT_SCALE[table_unit]).quantize(Decimal(1).scaleb(-places)) == value


def _grams(name: str) -> set[str]:
    """Character q-grams of a compact name (Thai has no spaces to split words on)."""
    return {name[k:k + GRAM] for k in range(max(1, len(name) - GRAM + 1))}


def candidate_briefs(rows: list[TableRow], briefs: list[Brief], row_names: list[str],
                     brief_names: list[str]) -> list[list[int]]:
    """For each row, the briefs worth comparing: blocked by funding source (a brief without one goes with
    any) and by the name q-grams they share. Grams shared by many briefs (words every name has) do not
    block; a row that shares only common grams is compared with the briefs of its least common one."""
    index: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for j, b in enumerate(briefs):
        for g in _grams(brief_names[j]):
            index[(b.source or None, g)].append(j)
    cap = max(GRAM_CAP, int(len(briefs) ** 0.5))
    out: list[list[int]] = []
    for i, row in enumerate(rows):
        found: set[int] = set()
        rarest: list[int] = []
        for g in _grams(row_names[i]):
            for source in (row.source, None):
                posting = index.get((source, g), ())
                if len(posting) <= cap:
                    found.update(posting)
                elif not rarest or len(posting) < len(rarest):
                    rarest = posting
        out.append(sorted(found or rarest))  # only common grams shared: the briefs of the least common one
    return out


def match_projects(rows: list[TableRow], briefs: list[Brief], blocking: bool = True) -> tuple[list[Project], list[Flag]]:
    """Pair table rows with briefs (same funding source, similar name), best pairs first. `blocking=False`
    compares every row with every brief (the quadratic reference the benchmark measures against)."""
    candidates = []
    brief_names = [compact_name(b.name) for b in briefs]
    row_names = [compact_name(r.name) for r in rows]
    blocks = candidate_briefs(rows, briefs, row_names, brief_names) if blocking else [range(len(briefs))] * len(rows)
    for i, row in enumerate(rows):
        row_name = row_names[i]
        for j in blocks[i]:
            brief = briefs[j]
            if brief.source and brief.source != row.source:
                continue
            score = _compact_similarity(row_name, brief_names[j], MATCH_THRESHOLD)
            if score >= MATCH_THRESHOLD:
                candidates.append((score, i, j))
    used_rows: set[int] = set()
    used_briefs: set[int] = set()
    pairs: dict[int, int] = {}
    for score, i, j in sorted(candidates, reverse=True):
        if i not in used_rows and j not in used_briefs:
            pairs[i] = j
            used_rows.add(i)
            used_briefs.add(j)

    projects: list[Project] = []
    flags: list[Flag] = []
    unused = sorted((b.amount.baht, j) for j, b in enumerate(briefs) if j not in used_briefs and b.amount)
    for i, row in enumerate(rows):
        brief = briefs[pairs[i]] if i in pairs else None
        project = Project(brief.name if brief else row.name, row.direction, row.strategy, row.source, row, brief)
        raise_flag = _flagger(project, flags)
        if brief is not None:
            _cross_check(project, raise_flag)
        else:
            same_amount = _same_amount(row, briefs, unused)
            hint = f"; an unmatched brief has the same amount: {same_amount[0]}" if same_amount else ""
            raise_flag(Flag("table_row_without_brief", f"no brief matches table row '{row.name}'{hint}",
                            row.line_start, row.line_end, project.name))
            if any(a.year is None for a in row.amounts):
                raise_flag(Flag("year_unknown", f"the table does not say which year {row.name}'s amount is for "
                                  f"(columns {row.amounts[0].candidate_years})", row.line_start, row.line_end, project.name))
        projects.append(project)
    for j, brief in enumerate(briefs):
        if j in used_briefs:
            continue
        project = Project(brief.name, None, None, brief.source or "อื่น ๆ", None, brief)
        projects.append(project)
        _flagger(project, flags)(Flag("brief_without_table_row", f"brief '{brief.name}' matches no budget-table row",
                                      brief.line_start, brief.line_end, brief.name))
    return projects, flags


def _same_amount(row: TableRow, briefs: list[Brief], unused: list[tuple[int, int]]) -> list[str]:
    """Names of unmatched briefs whose amount a row's (rounded) amount agrees with, found by bisection
    over the briefs' amounts in baht rather than by comparing with every brief."""
    found: dict[int, str] = {}
    for a in row.amounts:
        if a.unit not in UNIT_SCALE:
            continue
        value = Decimal(a.printed.replace(",", ""))
        step = Decimal(1).scaleb(value.as_tuple().exponent) if value.as_tuple().exponent < 0 else Decimal(1)
        lo, hi = (value - step) * UNIT_SCALE[a.unit], (value + step) * UNIT_SCALE[a.unit]
        for baht, j in unused[bisect_left(unused, (int(lo), -1)):bisect_right(unused, (int(hi) + 1, len(briefs)))]:
            if _amounts_agree(a.printed, a.unit, baht):
                found[j] = briefs[j].name
    return [found[j] for j in sorted(found)]  # in the briefs' order, as the plan prints them


def _flagger(project: Project, flags: list[Flag]):
    """Record a flag both on the project it concerns and in the document's list."""

    def raise_flag(flag: Flag) -> None:
        project.flags.append(flag)
        flags.append(flag)

    return raise_flag


def _cross_check(project: Project, raise_flag) -> None:
    """Compare a matched row and brief: year of open amounts, and amount agreement."""
    row, brief = project.row, project.brief
    if brief.amount is None:
        return
    open_amounts = [a for a in row.amounts if a.year is None]
    if brief.year and len(open_amounts) == 1 and brief.year in (open_amounts[0].candidate_years or [brief.year]):
        open_amounts[0].year = brief.year  # the brief says which column it was
        open_amounts[0].candidate_years = []
    same_year = [a for a in row.amounts if a.year == brief.year] or row.amounts
    if same_year and not any(_amounts_agree(a.printed, a.unit, brief.amount.baht) for a in same_year):
        table = ", ".join(f"{a.printed} {a.unit} ({a.year or 'ปีไม่ระบุ'})" for a in same_year)
        raise_flag(Flag(
            "table_brief_mismatch",
            f"'{project.name}': table {table} (line {same_year[0].line}) vs brief "
            f"{brief.amount.printed} {brief.amount.unit} ({brief.year}) (line {brief.amount.line})",
            min(same_year[0].line, brief.amount.line), max(same_year[0].line, brief.amount.line), project.name,
        ))


LINK_WRAP_CHARS = 40  # a line this short after a link item, not an item or bullet itself, ends its name


def _link_continues(line: str) -> bool:
    text = line.strip()
    return (0 < len(text) <= LINK_WRAP_CHARS and not re.match(rf"^[\d{_D}(•\-–*]", text)
            and not any(pattern.match(line) for _, pattern in LINK_RULES))


def parse_links(lines: list[str], briefs: list[Brief]) -> list[PlanLink]:
    """Higher plans as printed: national strategy, master plan issues, NESDP milestones, reform;
    and each brief's link to the provincial/cluster plan."""
    links: list[PlanLink] = []
    brief_lines = {n for b in briefs for n in range(b.line_start, b.line_end + 1)}
    for n, line in enumerate(lines, 1):
        if n in brief_lines or len(line.strip()) > 140:
            continue
        for level, pattern in LINK_RULES:
            m = pattern.match(line)
            if m:
                text, end = m.group(1), n
                if n < len(lines) and _link_continues(lines[n]):  # a name wrapped onto the next line
                    text, end = join_wrapped_lines([line, lines[n]]), n + 1
                    text = pattern.match(text).group(1) if pattern.match(text) else text
                links.append(PlanLink(level, " ".join(text.split()), n, end))
                break
    for b in briefs:
        item = b.fields.get("link")
        if item:
            text = re.sub(rf"^\s*[{_D}]{{1,2}}\s*\.\s*ความ(?:เชื่อมโยง|สอดคล้อง)\S*\s*", "", item.text)
            links.append(PlanLink("provincial", " ".join(text.split()), item.line_start, item.line_end, b.name))
    return links


def extract_facts(doc_id: str, lines: list[str], headings: list[Heading] | None = None,
                  sections: list[Section] | None = None, tables: list[Table] | None = None) -> PlanFacts:
    """All structured facts of one repaired document (its outline and tables, when the caller has them,
    are not parsed again; KPI tables are read only from `tables`, the document model's cells)."""
    if headings is None:
        headings = detect_headings(lines)
    outline_stops = {h.line for h in headings if h.rank < RANK_DIRECTION}  # parts and decimal sections
    brief_stops = {h.line for h in headings if h.rank == RANK_BRIEF}
    directions, rows, flags = parse_directions_and_tables(lines, outline_stops | brief_stops)
    briefs = parse_briefs(lines, outline_stops)
    projects, match_flags = match_projects(rows, briefs)
    flags.extend(match_flags)
    sections = sections if sections is not None else build_sections(lines, headings)
    result_groups, results = parse_results(lines, sections)
    owned = {n for p in projects for span in (p.row, p.brief) if span is not None
             for n in range(span.line_start, span.line_end + 1)}
    owned |= {a.line for p in projects if p.row for a in p.row.amounts}
    budget_items = parse_budget_items(lines, sections, owned)
    for g in result_groups:
        if g.printed_count != g.listed_count:
            flags.append(Flag("result_count_mismatch", f"'{g.label}' prints {g.printed_count} projects but lists "
                              f"{g.listed_count}", g.line, g.line))
    facts = PlanFacts(doc_id, directions, projects, parse_links(lines, briefs), flags, result_groups, results,
                      budget_items, parse_kpi_tables(tables or [], lines, sections))
    facts.nodes = build_nodes(facts, sections)
    facts.status = facts_status(facts, tables)
    return facts


def facts_status(facts: PlanFacts, tables: list[Table] | None) -> str:
    """One line saying what the readers found in a document (and that nothing was, when so)."""
    kpis = sum(len(d.kpis) for d in facts.directions) + len(facts.table_kpis)
    counts = (f"{len(facts.projects)} projects, {len(facts.budget_items)} budget lines, {kpis} KPIs, "
              f"{len(facts.directions)} directions, {len(facts.nodes)} plan nodes")
    if not (facts.projects or facts.budget_items or kpis or facts.directions or facts.nodes):
        found = f"{len(tables)} tables, none a KPI or budget table" if tables else "no tables"
        return f"no recognisable plan tables or levels ({found}): the facts graph is empty; answers come from the text"
    return counts

