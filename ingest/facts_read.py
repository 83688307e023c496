"""Read the plan graph's KPI targets and nodes from a facts database, in the stable contract of
`plan-assistant facts kpis --json` and `facts graph --json` (the assistant's FactsDB reads the rest).
"""
from __future__ import annotations

import json
import sqlite3


def _has(db: sqlite3.Connection, table: str, column: str | None = None) -> bool:
    if column is None:
        return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None
    return any(r[1] == column for r in db.execute(f"PRAGMA table_info({table})"))


def kpi_rows(db: sqlite3.Connection, doc_id: str | None = None) -> list[dict]:
    """One row per (KPI, fiscal year), and one with target null for a KPI that prints none: `{doc_id, page, printed_page, line_start, line_end, path, name, kpi,
    unit, fiscal_year (B.E., null where the plan prints no year), target, printed, result, group, origin,
    quote}`; `name` is the plan node (ผลผลิต/โครงการ, project, direction) the KPI belongs to."""
    if not _has(db, "kpi_targets"):
        return []  # an index built before KPI targets were kept
    label = "l.page_label" if _has(db, "lines", "page_label") else "NULL"
    sql = f"""SELECT k.*, t.fiscal_year, t.target AS t_target, t.printed AS t_printed, t.result AS t_result,
                     l.page, {label} AS page_label, n.name AS node_name, n.path AS node_path
              FROM kpis k LEFT JOIN kpi_targets t ON t.kpi_id = k.kpi_id AND t.doc_id = k.doc_id
              LEFT JOIN lines l ON l.doc_id = k.doc_id AND l.n = k.line_start
              LEFT JOIN nodes n ON n.node_id = k.node_id"""
    rows = db.execute(sql + (" WHERE k.doc_id = ?" if doc_id else "") + " ORDER BY k.doc_id, k.line_start, t.fiscal_year",
                      [doc_id] if doc_id else [])
    out = []
    for r in rows:
        path = json.loads(r["path"]) if r["path"] else []
        if not path and r["node_path"]:
            path = json.loads(r["node_path"])
        out.append({"doc_id": r["doc_id"], "page": r["page"], "printed_page": r["page_label"],
                    "line_start": r["line_start"], "line_end": r["line_end"], "path": path, "name": r["node_name"],
                    "kpi": r["text"], "unit": r["unit"], "fiscal_year": r["fiscal_year"], "target": r["t_target"],
                    "printed": r["t_printed"], "result": r["t_result"], "group": r["group_text"],
                    "origin": r["origin"], "quote": r["quote"]})
    return out


def graph_nodes(db: sqlite3.Connection, doc_id: str | None = None) -> list[dict]:
    """The plan graph: every node with its level, parent, span, and how many budget lines and KPIs hang
    directly under it."""
    if not _has(db, "nodes"):
        return []
    items = "(SELECT COUNT(*) FROM budget_items b WHERE b.node_id = n.node_id)" if _has(db, "budget_items", "node_id") else "0"
    sql = f"""SELECT n.*, {items} AS budget_lines, (SELECT COUNT(*) FROM kpis k WHERE k.node_id = n.node_id) AS kpis
              FROM nodes n"""
    rows = db.execute(sql + (" WHERE n.doc_id = ?" if doc_id else "") + " ORDER BY n.doc_id, n.line_start",
                      [doc_id] if doc_id else [])
    return [{"node_id": r["node_id"], "doc_id": r["doc_id"], "parent_id": r["parent_id"], "level": r["level"],
             "name": r["name"], "path": json.loads(r["path"]), "project_id": r["project_id"],
             "line_start": r["line_start"], "line_end": r["line_end"], "budget_lines": r["budget_lines"],
             "kpis": r["kpis"]} for r in rows]


def fact_status(db: sqlite3.Connection) -> dict[str, str]:
    """Per document, the one-line status of what the facts readers found (empty graph said so)."""
    if not _has(db, "fact_status"):
        return {}
    return {r[0]: r[1] for r in db.execute("SELECT doc_id, status FROM fact_status")}
