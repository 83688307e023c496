"""LangChain tools the assistant (or a tool-calling model) uses: the exact plan-facts lookup."""
from __future__ import annotations

import json
from typing import Literal

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field

from assistant.lookup import FactsDB, to_jsonable


class LookupInput(BaseModel):
    """Arguments of the plan_lookup tool."""

    action: Literal["find_project", "list_projects", "totals", "kpis", "directions", "links", "results", "flags"] = Field(
        description="find_project: by (partial) name; list_projects: by direction/strategy/source/year; "
        "totals: sums in baht by direction|source|year; kpis: of a direction or project; "
        "directions: directions with goals and strategies; links: higher plans; "
        "results: reported results (project counts, figures) of a project or section; flags: data problems"
    )
    name: str | None = Field(None, description="project name or part of it, for find_project / kpis")
    direction: int | None = Field(None, description="development direction number (แนวทางการพัฒนาด้านที่ N)")
    strategy: int | None = Field(None, description="strategy number (กลยุทธ์ที่ N)")
    source: str | None = Field(None, description="funding source, e.g. งบจังหวัด, งบกลุ่มจังหวัด, งบกระทรวง")
    year: str | None = Field(None, description="fiscal year, e.g. 2568 or 68")
    group_by: Literal["direction", "source", "year"] = Field("direction", description="for totals")
    level: str | None = Field(None, description="for links: national_strategy|master_plan|nesdp|reform|provincial")
    section: str | None = Field(None, description="for results: section number, e.g. 4.4")


def run_lookup(db: FactsDB, args: LookupInput) -> object:
    """Execute one lookup; the result is JSON-ready and every row carries its citation."""
    if args.action == "find_project":
        if not args.name:
            raise ValueError("find_project needs name")
        return to_jsonable(db.find_projects(args.name, args.source, args.year))
    if args.action == "list_projects":
        return to_jsonable(db.list_projects(args.direction, args.strategy, args.source, args.year))
    if args.action == "totals":
        return to_jsonable(db.totals(args.group_by, args.year, args.source))
    if args.action == "kpis":
        return db.kpis(args.direction, args.name)
    if args.action == "directions":
        return db.directions()
    if args.action == "links":
        return db.links(args.level)
    if args.action == "results":
        return db.results(args.name, args.section)
    return db.flags()


def make_lookup_tool(db: FactsDB) -> StructuredTool:
    """The `plan_lookup` tool: exact budgets, KPIs and linkage from the plan, with citations."""

    def plan_lookup(**kwargs) -> str:
        return json.dumps(run_lookup(db, LookupInput(**kwargs)), ensure_ascii=False)

    return StructuredTool.from_function(
        func=plan_lookup,
        name="plan_lookup",
        description="Exact figures and linkage from the plan's budget tables and project briefs "
        "(projects, budgets per fiscal year and funding source, totals, KPIs, strategy/direction, "
        "links to national plans). Every row cites document and line span.",
        args_schema=LookupInput,
    )
