"""Records of structured plan facts: directions, goals, KPIs, strategies, projects, budgets, links, flags.

Every record carries the 1-based source line span it was read from, so every figure can be
cited; `quote` fields hold the repaired source text of that span.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Baht in one printed unit (tables print ล้านบาท, briefs บาท).
UNIT_SCALE = {"ล้านบาท": Decimal(1_000_000), "พันบาท": Decimal(1000), "บาท": Decimal(1)}
# The unit of an amount whose table states none: kept as printed, never converted to baht, and flagged.
UNIT_UNKNOWN = "ไม่ระบุหน่วย"


@dataclass
class TextItem:
    """A piece of plan text (a goal, a KPI, a brief field) and where it is printed."""

    text: str
    line_start: int
    line_end: int
    target: str | None = None  # KPI target value where printed (e.g. "ร้อยละ 10")


@dataclass
class Strategy:
    number: int
    title: str
    line_start: int
    line_end: int


@dataclass
class Direction:
    """A development direction / strategic issue (แนวทางการพัฒนา / ประเด็นยุทธศาสตร์)."""

    number: int
    title: str
    line_start: int
    line_end: int
    goals: list[TextItem] = field(default_factory=list)
    kpis: list[TextItem] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)


@dataclass
class Amount:
    """One printed money figure: as printed, its unit, the fiscal year it is for (None if unknown)."""

    printed: str
    unit: str  # "ล้านบาท" | "บาท" | "พันบาท" | UNIT_UNKNOWN
    year: int | None
    line: int
    quote: str
    candidate_years: list[int] = field(default_factory=list)

    @property
    def baht(self) -> int | None:
        """The amount in baht; None when its unit is not stated (never guessed)."""
        if self.unit not in UNIT_SCALE:
            return None
        return int((Decimal(self.printed.replace(",", "")) * UNIT_SCALE[self.unit]).to_integral_value())


@dataclass
class TableRow:
    """A project row of a budget table (กลยุทธ์ / โครงการ / ปีงบประมาณ)."""

    name: str
    direction: int | None
    strategy: int | None
    source: str
    source_text: str
    line_start: int
    line_end: int
    amounts: list[Amount] = field(default_factory=list)


@dataclass
class Brief:
    """A project brief (โครงการแบบย่อ) with its numbered fields."""

    name: str
    source: str | None
    source_text: str | None
    year: int | None
    line_start: int
    line_end: int
    fields: dict[str, TextItem] = field(default_factory=dict)
    amount: Amount | None = None


@dataclass
class Flag:
    """Something a reader must know: values that disagree, rows that could not be matched."""

    kind: str
    message: str
    line_start: int
    line_end: int
    project: str | None = None


@dataclass
class Project:
    """A project as the plan states it: its table row and/or brief, never merged silently."""

    name: str
    direction: int | None
    strategy: int | None
    source: str
    row: TableRow | None = None
    brief: Brief | None = None
    flags: list[Flag] = field(default_factory=list)


@dataclass
class PlanLink:
    """A higher plan this plan (or one of its projects) links to, as printed."""

    level: str  # national_strategy | master_plan | nesdp | reform | provincial | other
    text: str
    line_start: int
    line_end: int
    project: str | None = None




@dataclass
class ResultGroup:
    """A group of reported projects with the count the plan prints and the count it lists."""

    section: str
    label: str
    printed_count: int
    listed_count: int
    line: int


@dataclass
class ResultFigure:
    """A reported figure (`จำนวน 25 ราย`) in a results section, under its group and project."""

    section: str
    group: str | None
    project: str | None
    figure: str
    unit: str
    quote: str
    line: int


@dataclass
class BudgetItem:
    """A budget line printed as a numbered item with its amount in baht (budget books)."""

    name: str
    printed: str
    baht: int
    fiscal_year: int | None
    category: str | None  # the expense category it falls under (งบบุคลากร, งบดำเนินงาน, …)
    path: list[str]  # the outline sections it sits in (agency › แผนงาน › ผลผลิต/โครงการ)
    line_start: int
    line_end: int
    is_total: bool = False
    instalment: bool = False  # one year's instalment of a multi-year item


@dataclass
class KpiTarget:
    """One year's target of a KPI as its table prints it (`26 ( 22 )`: target 26, result 22)."""

    fiscal_year: int  # Buddhist era, from the column header
    target: str  # the planned figure as printed
    printed: str  # the whole cell as printed
    result: str | None = None  # the reported result printed in brackets beside it, if any


@dataclass
class TableKpi:
    """A KPI row of a KPI table: its text, unit, target per fiscal year and where it is printed."""

    text: str
    unit: str | None
    path: list[str]  # the outline sections the table sits in (agency › แผนงาน › ผลผลิต/โครงการ)
    page: int | None
    line_start: int
    line_end: int
    row_text: str  # the row's cells as printed, ` | `-joined (repaired)
    group: str | None = None  # the outcome/service target heading the KPI sits under, where printed
    targets: list[KpiTarget] = field(default_factory=list)
    located: bool = True  # False: the row's text could not be found in the lines; span = table's first line


@dataclass
class PlanNode:
    """A node of the plan graph: one plan level (ministry, agency, แผนงาน, ผลผลิต/โครงการ, direction,
    strategy, project) with its parent, so every document family shares one tree."""

    key: tuple[str, ...]  # the names from the root down to this node (unique within a document)
    level: str  # ministry | agency | program | output | project | direction | strategy
    name: str
    line_start: int
    line_end: int


@dataclass
class PlanFacts:
    doc_id: str
    directions: list[Direction] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    links: list[PlanLink] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    result_groups: list[ResultGroup] = field(default_factory=list)
    results: list[ResultFigure] = field(default_factory=list)
    budget_items: list[BudgetItem] = field(default_factory=list)
    table_kpis: list[TableKpi] = field(default_factory=list)
    nodes: list[PlanNode] = field(default_factory=list)
    status: str = ""  # what the readers found, in one line (e.g. that no table or plan level was recognised)
