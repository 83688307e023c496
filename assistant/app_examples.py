"""Example questions for an empty chat, filled in from what is indexed (a project that has a budget,
the direction with the most projects, a fiscal year the budgets name, a linked national plan, a budget
line of a budget book) — generic templates, nothing tied to one document."""
from __future__ import annotations

from collections import Counter

from assistant.lookup import FactsDB

TEMPLATES = {
    "th": {"budget": "โครงการ{name} ใช้งบเท่าไร", "list": "แนวทางการพัฒนาด้านที่ {n} มีโครงการอะไรบ้าง",
           "goals": "เป้าประสงค์ของแนวทางการพัฒนาด้านที่ {n} คืออะไร",
           "totals": "งบประมาณรวมปี {year} แยกตามแหล่งงบ", "links": "แผนนี้เชื่อมโยงกับยุทธศาสตร์ชาติด้านใด",
           "line": "{name} ได้รับงบประมาณเท่าไร"},
    "en": {"budget": "How much budget does the project {name} get?",
           "list": "Which projects are under development direction {n}?",
           "goals": "What are the goals of development direction {n}?",
           "totals": "Total budget for {year} by funding source", "links": "Which national strategy does the plan link to?",
           "line": "How much budget does {name} get?"},
}


def _short_name(name: str, limit: int = 70) -> str | None:
    name = " ".join((name or "").split())
    return name if 4 <= len(name) <= limit else None


def example_questions(db: FactsDB | None, lang: str = "th", limit: int = 4) -> list[str]:
    """Up to `limit` questions the index can answer, in the UI language."""
    if db is None:
        return []
    t = TEMPLATES[lang]
    out: list[str] = []
    projects = db.list_projects()
    budgeted = [p for p in projects if any(b.fiscal_year for b in p.budgets) and _short_name(p.name)]
    if budgeted:
        budgeted.sort(key=lambda p: (len(p.name), p.project_id))
        name = _short_name(budgeted[0].name)
        out.append(t["budget"].format(name=name.removeprefix("โครงการ") if lang == "th" else name))
    per_direction = Counter(p.direction for p in projects if p.direction)
    if per_direction:
        out.append(t["list"].format(n=per_direction.most_common(1)[0][0]))
    directions = db.directions()
    if any(d["goals"] for d in directions):
        n = next(d["number"] for d in directions if d["goals"])
        out.append(t["goals"].format(n=n))
    years = Counter(b.fiscal_year for p in projects for b in p.budgets if b.fiscal_year and b.origin == "table")
    if years:
        out.append(t["totals"].format(year=years.most_common(1)[0][0]))
    if any(link["level"] == "national_strategy" for link in db.links("national_strategy")):
        out.append(t["links"])
    if len(out) < limit:  # budget books: their budget lines (leaf items name what the money is for)
        for line in db.budget_lines():
            name = _short_name(line.get("name", ""), 50)
            if name and not line.get("is_total") and line.get("baht") and not any(name in q for q in out):
                out.append(t["line"].format(name=name))
                break
    return out[:limit]
