"""SQLite store of plan facts, one file per index generation (`generations/<id>/facts.sqlite`),
so it is swapped in atomically together with the chunk index. Schema: see README, plus the plan
graph: `nodes` (ministry/agency/program/output/project from a book's outline, direction/strategy/
project from a plan; `parent_id`, `project_id` → `projects`), `node_id` on `budget_items` and
`kpis`, `kpis` with unit/path/group/origin/quote, `kpi_targets` (one row per KPI and fiscal year)
and `fact_status` (one line per document saying what the readers found). An older generation's
rows are copied column by column (`copy_documents`), the new columns left NULL.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ingest.facts import compact_name
from ingest.facts_graph import PROJECT_KEY, deepest_node, parent_key
from ingest.facts_records import PlanFacts, TextItem
from ingest.facts_tables import NUMBERED_ITEM_RE, TARGET_RE
from ingest.thai_repair import join_wrapped_lines
from ingest.vocabulary import vocabulary

SCHEMA = """
CREATE TABLE documents  (doc_id TEXT PRIMARY KEY, title TEXT);
CREATE TABLE directions (direction_id TEXT PRIMARY KEY, doc_id TEXT, number INTEGER, title TEXT,
                         line_start INTEGER, line_end INTEGER);
CREATE TABLE goals      (doc_id TEXT, direction_id TEXT, text TEXT, line_start INTEGER, line_end INTEGER);
CREATE TABLE strategies (doc_id TEXT, direction_id TEXT, number INTEGER, title TEXT,
                         line_start INTEGER, line_end INTEGER);
CREATE TABLE projects   (project_id TEXT PRIMARY KEY, doc_id TEXT, name TEXT, name_compact TEXT,
                         direction INTEGER, strategy INTEGER, source TEXT, source_text TEXT,
                         row_line_start INTEGER, row_line_end INTEGER,
                         brief_line_start INTEGER, brief_line_end INTEGER, flagged INTEGER);
CREATE TABLE budgets    (doc_id TEXT, project_id TEXT, fiscal_year INTEGER, candidate_years TEXT,
                         source TEXT, printed TEXT, unit TEXT, baht INTEGER, origin TEXT,
                         line_start INTEGER, line_end INTEGER, quote TEXT);
CREATE TABLE kpis       (doc_id TEXT, direction_id TEXT, project_id TEXT, text TEXT, target TEXT,
                         line_start INTEGER, line_end INTEGER, kpi_id TEXT, node_id TEXT, unit TEXT, path TEXT,
                         group_text TEXT, origin TEXT, quote TEXT);
CREATE TABLE kpi_targets (doc_id TEXT, kpi_id TEXT, fiscal_year INTEGER, target TEXT, printed TEXT, result TEXT);
CREATE TABLE nodes      (node_id TEXT PRIMARY KEY, doc_id TEXT, parent_id TEXT, level TEXT, name TEXT, path TEXT,
                         project_id TEXT, line_start INTEGER, line_end INTEGER);
CREATE TABLE fact_status (doc_id TEXT PRIMARY KEY, status TEXT);
CREATE TABLE brief_fields (doc_id TEXT, project_id TEXT, field TEXT, text TEXT,
                         line_start INTEGER, line_end INTEGER);
CREATE TABLE links      (doc_id TEXT, project_id TEXT, level TEXT, text TEXT, line_start INTEGER, line_end INTEGER);
CREATE TABLE flags      (doc_id TEXT, project_id TEXT, kind TEXT, message TEXT, line_start INTEGER, line_end INTEGER);
CREATE TABLE result_groups (doc_id TEXT, section TEXT, label TEXT, printed_count INTEGER, listed_count INTEGER,
                         line_start INTEGER, line_end INTEGER);
CREATE TABLE results    (doc_id TEXT, section TEXT, group_label TEXT, project TEXT, figure TEXT, unit TEXT,
                         quote TEXT, line_start INTEGER, line_end INTEGER);
CREATE TABLE lines      (doc_id TEXT, n INTEGER, text TEXT, page INTEGER, page_label TEXT, PRIMARY KEY (doc_id, n));
CREATE TABLE budget_items (doc_id TEXT, name TEXT, path TEXT, fiscal_year INTEGER, printed TEXT, unit TEXT,
                         baht INTEGER, category TEXT, is_total INTEGER, instalment INTEGER,
                         line_start INTEGER, line_end INTEGER, quote TEXT, node_id TEXT);
CREATE INDEX budgets_project ON budgets(project_id);
CREATE INDEX kpi_targets_kpi ON kpi_targets(kpi_id);
"""
CURRENCY = vocabulary().budget_lines.currency_line  # budget items are printed in baht
TABLES = ["documents", "directions", "goals", "strategies", "projects", "budgets", "kpis",
          "brief_fields", "links", "flags", "result_groups", "results", "lines", "budget_items",
          "kpi_targets", "nodes", "fact_status"]


def _split_items(item: TextItem, lines: list[str]) -> list[TextItem]:
    """Numbered items of a brief field (`1. …`, `2) …`) as separate KPIs, each with its span."""
    items: list[TextItem] = []
    current: list[int] = []
    for n in range(item.line_start, item.line_end + 1):
        text = lines[n - 1].strip()
        if n == item.line_start:
            continue  # the field's own title line
        if not text:
            continue
        if NUMBERED_ITEM_RE.match(text) or not current:
            if current:
                items.append(TextItem(join_wrapped_lines(lines[current[0] - 1:current[-1]]), current[0], current[-1]))
            current = [n]
        else:
            current.append(n)
    if current:
        items.append(TextItem(join_wrapped_lines(lines[current[0] - 1:current[-1]]), current[0], current[-1]))
    return items or [item]


def _kpi(db: sqlite3.Connection, doc: str, lines: list[str], text: str, target: str | None, line_start: int,
         line_end: int, origin: str, *, direction_id: str | None = None, project_id: str | None = None,
         node_id: str | None = None, unit: str | None = None, path: list[str] | None = None, group: str | None = None,
         quote: str | None = None, number: int | None = None) -> str:
    """Insert one KPI (and, for a plan's KPI with a target but no year column, its one target row)."""
    kid = f"{doc}#k{origin[0]}{number if number is not None else line_start}"
    quote = quote or join_wrapped_lines(lines[line_start - 1:line_end])
    db.execute("INSERT INTO kpis (doc_id, direction_id, project_id, text, target, line_start, line_end, kpi_id, node_id, "
               "unit, path, group_text, origin, quote) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
               (doc, direction_id, project_id, text, target, line_start, line_end, kid, node_id, unit,
                json.dumps(path or [], ensure_ascii=False), group, origin, quote))
    if origin != "table" and target:
        db.execute("INSERT INTO kpi_targets VALUES (?,?,?,?,?,?)", (doc, kid, None, target, target, None))
    return kid


def _display_path(key: tuple[str, ...], names: dict[tuple[str, ...], str]) -> list[str]:
    """A node's path as a reader sees it: section headings as printed, `#…` keys by their node's name."""
    return [names.get(key[:n], key[n - 1]) if key[n - 1].startswith("#") else key[n - 1] for n in range(1, len(key) + 1)]


def write_facts(db_path: Path,
                documents: list[tuple[PlanFacts, list[str], list[int | None], str, dict[int, str] | None]]) -> None:
    """Create the facts database for a generation from (facts, repaired lines, pages, title, printed page
    labels) per document."""
    db = sqlite3.connect(str(db_path))
    try:
        db.executescript(SCHEMA)
        for facts, lines, pages, title, labels in documents:
            _insert(db, facts, lines, pages, title, labels or {})
        db.commit()
    finally:
        db.close()


def copy_documents(old_db: Path, new_db: Path, doc_ids: set[str]) -> None:
    """Carry unchanged documents' facts from the previous generation into the new one."""
    if not doc_ids or not old_db.is_file():
        return
    db = sqlite3.connect(str(new_db))
    try:
        db.execute("ATTACH DATABASE ? AS old", (str(old_db),))
        marks = ",".join("?" * len(doc_ids))
        for table in TABLES:
            # An older generation may lack a table or columns added since: copy what it has (the rest NULL).
            old_cols = {r[1] for r in db.execute(f"PRAGMA old.table_info({table})")}
            cols = ", ".join(r[1] for r in db.execute(f"PRAGMA main.table_info({table})") if r[1] in old_cols)
            if cols:
                db.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM old.{table} WHERE doc_id IN ({marks})",
                           sorted(doc_ids))
        db.commit()
        db.execute("DETACH DATABASE old")
    finally:
        db.close()


def _insert(db: sqlite3.Connection, facts: PlanFacts, lines: list[str], pages: list[int | None], title: str,
            labels: dict[int, str]) -> None:
    doc = facts.doc_id
    db.execute("INSERT INTO documents VALUES (?, ?)", (doc, title))
    db.execute("INSERT INTO fact_status VALUES (?, ?)", (doc, facts.status))
    # The plan graph's nodes first, so every row below can name the node it hangs under.
    node_ids = {node.key: f"{doc}#n{n}" for n, node in enumerate(facts.nodes, start=1)}
    keys = set(node_ids)
    project_nodes: dict[int, str] = {}
    names = {node.key: node.name for node in facts.nodes}
    for node in facts.nodes:
        # a plan's project node (keyed `#project <n>` by ingest/facts_graph.py) is the n-th project's row
        number = node.key[-1][len(PROJECT_KEY):] if node.key[-1].startswith(PROJECT_KEY) else ""
        pid = f"{doc}#p{number}" if number.isdigit() else None
        if pid is not None:
            project_nodes[int(number)] = node_ids[node.key]
        parent = parent_key(node, keys)
        db.execute("INSERT INTO nodes VALUES (?,?,?,?,?,?,?,?,?)",
                   (node_ids[node.key], doc, node_ids.get(parent) if parent else None, node.level, node.name,
                    json.dumps(_display_path(node.key, names), ensure_ascii=False), pid, node.line_start, node.line_end))
    for d in facts.directions:
        did = f"{doc}#d{d.number}"
        db.execute("INSERT INTO directions VALUES (?,?,?,?,?,?)", (did, doc, d.number, d.title, d.line_start, d.line_end))
        for g in d.goals:
            db.execute("INSERT INTO goals VALUES (?,?,?,?,?)", (doc, did, g.text, g.line_start, g.line_end))
        for s in d.strategies:
            db.execute("INSERT INTO strategies VALUES (?,?,?,?,?,?)",
                       (doc, did, s.number, " ".join(s.title.split()), s.line_start, s.line_end))
        for k in d.kpis:
            _kpi(db, doc, lines, k.text, k.target, k.line_start, k.line_end, "direction", direction_id=did,
                 node_id=node_ids.get((f"#direction {d.number}",)))
    for n, p in enumerate(facts.projects, start=1):
        pid = f"{doc}#p{n}"
        row, brief = p.row, p.brief
        db.execute(
            "INSERT INTO projects VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (pid, doc, p.name, compact_name(p.name), p.direction, p.strategy, p.source,
             row.source_text if row else (brief.source_text if brief else None),
             row.line_start if row else None, row.line_end if row else None,
             brief.line_start if brief else None, brief.line_end if brief else None, int(bool(p.flags))),
        )
        amounts = [("table", a) for a in (row.amounts if row else [])]
        if brief and brief.amount:
            amounts.append(("brief", brief.amount))
        for origin, a in amounts:
            db.execute(
                "INSERT INTO budgets VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc, pid, a.year, json.dumps(a.candidate_years), p.source, a.printed, a.unit, a.baht, origin,
                 a.line, a.line, a.quote),
            )
        if brief:
            for field, item in brief.fields.items():
                db.execute("INSERT INTO brief_fields VALUES (?,?,?,?,?,?)",
                           (doc, pid, field, item.text, item.line_start, item.line_end))
            if "kpis" in brief.fields:
                for k in _split_items(brief.fields["kpis"], lines):
                    target = TARGET_RE.search(k.text)
                    _kpi(db, doc, lines, k.text, target.group(1).strip() if target else None, k.line_start, k.line_end,
                         "brief", project_id=pid, node_id=project_nodes.get(n))
        for f in p.flags:
            db.execute("INSERT INTO flags VALUES (?,?,?,?,?,?)", (doc, pid, f.kind, f.message, f.line_start, f.line_end))
    names = {p.name: f"{doc}#p{n}" for n, p in enumerate(facts.projects, start=1)}
    project_flags = {id(f) for p in facts.projects for f in p.flags}
    for f in facts.flags:  # flags of no single project (e.g. amounts that follow no row)
        if id(f) not in project_flags:
            db.execute("INSERT INTO flags VALUES (?,?,?,?,?,?)", (doc, None, f.kind, f.message, f.line_start, f.line_end))
    for link in facts.links:
        db.execute("INSERT INTO links VALUES (?,?,?,?,?,?)",
                   (doc, names.get(link.project) if link.project else None, link.level, link.text,
                    link.line_start, link.line_end))
    for g in facts.result_groups:
        db.execute("INSERT INTO result_groups VALUES (?,?,?,?,?,?,?)",
                   (doc, g.section, g.label, g.printed_count, g.listed_count, g.line, g.line))
    for r in facts.results:
        db.execute("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?)",
                   (doc, r.section, r.group, r.project, r.figure, r.unit, r.quote, r.line, r.line))
    db.executemany("INSERT INTO budget_items VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (doc, b.name, json.dumps(b.path, ensure_ascii=False), b.fiscal_year, b.printed, CURRENCY, b.baht, b.category,
         int(b.is_total), int(b.instalment), b.line_start, b.line_end,
         join_wrapped_lines(lines[b.line_start - 1:b.line_end]), node_ids.get(deepest_node(b.path, keys)))
        for b in facts.budget_items])
    for n, k in enumerate(facts.table_kpis, start=1):
        kid = _kpi(db, doc, lines, k.text, k.targets[0].target if len(k.targets) == 1 else None, k.line_start,
                   k.line_end, "table", node_id=node_ids.get(deepest_node(k.path, keys)), unit=k.unit, path=k.path,
                   group=k.group, quote=k.row_text, number=n)
        db.executemany("INSERT INTO kpi_targets VALUES (?,?,?,?,?,?)",
                       [(doc, kid, t.fiscal_year, t.target, t.printed, t.result) for t in k.targets])
    # The repaired source lines (with their page and the number that page prints), so every cited span
    # can be quoted exactly and shown with the page a reader finds in the book.
    page_of = [pages[n - 1] if n <= len(pages) else None for n in range(1, len(lines) + 1)]
    db.executemany("INSERT INTO lines VALUES (?,?,?,?,?)",
                   [(doc, n, text, page_of[n - 1], labels.get(page_of[n - 1])) for n, text in enumerate(lines, start=1)])
