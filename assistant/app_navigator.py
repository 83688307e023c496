"""The linkage navigator of the Explorer: a collapsible tree per document — the higher-level plans it
links to, then development direction → strategy (with its title) → projects with budgets per fiscal
year — following the Explorer's filters and a search box. Plain HTML (<details>), readable on a phone."""
from __future__ import annotations

from dataclasses import dataclass, field

from assistant.app_views import TEXT, inert
from assistant.lookup import FactsDB, ProjectRow


def _level_names() -> dict[str, tuple[str, str]]:
    """Display names of the higher-plan levels, from the one place the answers take them."""
    try:
        from assistant import structured_answers

        return dict(getattr(structured_answers, "LEVEL_NAMES", {}))
    except Exception:  # noqa: BLE001 - a label source being rewritten must not break the navigator
        return {}


@dataclass
class StrategyNode:
    number: int | None
    title: str
    projects: list[ProjectRow] = field(default_factory=list)


@dataclass
class DirectionNode:
    number: int | None
    title: str
    strategies: dict[int | None, StrategyNode] = field(default_factory=dict)

    def count(self) -> int:
        return sum(len(s.projects) for s in self.strategies.values())


@dataclass
class DocumentNode:
    doc_id: str
    title: str
    higher: list[tuple[str, str]] = field(default_factory=list)  # (level, text) of plan-level links
    directions: dict[int | None, DirectionNode] = field(default_factory=dict)

    def count(self) -> int:
        return sum(d.count() for d in self.directions.values())


def _norm(text: str) -> str:
    return "".join((text or "").split()).lower()


def build_tree(db: FactsDB, direction: str | None = None, strategy: str | None = None, source: str | None = None,
               year: str | None = None, search: str = "") -> list[DocumentNode]:
    """The tree the filters leave: projects by direction/source/year (as the project table), a strategy
    number, and a search string matched (spaces ignored) against project, strategy and direction names."""
    titles = db.titles()
    docs: dict[str, DocumentNode] = {d: DocumentNode(d, t) for d, t in titles.items()}
    for link in db.links():
        doc_id = link.get("cite", {}).get("doc_id")
        if not link.get("project") and link.get("level") != "provincial" and doc_id in docs:
            docs[doc_id].higher.append((link["level"], link["text"]))
    for d in db.directions():
        doc_id = d.get("cite", {}).get("doc_id")
        if doc_id not in docs:
            continue
        node = DirectionNode(d["number"], d["title"])
        for s in d["strategies"]:
            node.strategies[s["number"]] = StrategyNode(s["number"], s["title"])
        docs[doc_id].directions[d["number"]] = node
    wanted_dir = int(direction) if direction else None
    wanted_strategy = int(strategy) if strategy else None
    needle = _norm(search)
    for p in db.list_projects(wanted_dir, wanted_strategy, source or None, year or None):
        doc = docs.setdefault(p.doc_id, DocumentNode(p.doc_id, titles.get(p.doc_id, p.doc_id)))
        dnode = doc.directions.setdefault(p.direction, DirectionNode(p.direction, ""))
        snode = dnode.strategies.setdefault(p.strategy, StrategyNode(p.strategy, ""))
        if needle and needle not in _norm(p.name) and needle not in _norm(snode.title) and needle not in _norm(dnode.title):
            continue
        snode.projects.append(p)
    filtering = bool(wanted_dir or wanted_strategy or source or year or needle)
    for doc in docs.values():  # with a filter, show only the branches that keep projects
        for dnode in doc.directions.values():
            dnode.strategies = {k: s for k, s in dnode.strategies.items()
                                if s.projects or (not filtering and k is not None)}
        doc.directions = {k: d for k, d in doc.directions.items()
                          if d.strategies and (not filtering or d.count())}
    return [d for d in docs.values() if d.directions or (not filtering and d.higher)]


def _budgets(p: ProjectRow, lang: str) -> str:
    by_year: dict[int, int] = {}
    for b in p.budgets:
        if b.fiscal_year and (b.origin == "table" or b.fiscal_year not in by_year):
            by_year[b.fiscal_year] = b.baht
    unit = "บาท" if lang == "th" else "baht"
    return " · ".join(f"<span class='fy'>{y}: {by_year[y]:,} {unit}</span>" for y in sorted(by_year))


def navigator_html(tree: list[DocumentNode], lang: str = "th", open_all: bool = False) -> str:
    """The tree as nested <details>; opened down to the projects when the filters or search narrowed it."""
    tx, levels = TEXT[lang], _level_names()
    li = 1 if lang == "en" else 0
    out = ["<div class='navigator'>"]
    if not tree:
        out.append(f"<p class='nav-empty'>0 {tx['projects_n']}</p>")
    for doc in tree:
        out.append(f"<details class='nav-doc' open><summary><b>{inert(doc.title, 'html')}</b> "
                   f"<span class='count'>{doc.count()} {tx['projects_n']}</span></summary>")
        if doc.higher:
            items = "".join(f"<li><span class='lvl'>{inert(levels.get(level, (level, level))[li], 'html')}</span> "
                            f"{inert(text, 'html')}</li>" for level, text in doc.higher)
            out.append(f"<details class='nav-higher'><summary>{tx['higher']} "
                       f"<span class='count'>{len(doc.higher)}</span></summary><ul>{items}</ul></details>")
        for dnode in sorted(doc.directions.values(), key=lambda d: (d.number is None, d.number or 0)):
            label = (f"{tx['direction']} {dnode.number}" if dnode.number is not None else
                     f"{tx['direction']} ({'ไม่ระบุ' if lang == 'th' else 'not stated'})")
            out.append(f"<details class='nav-dir' data-direction='{dnode.number or ''}'{' open' if open_all else ''}>"
                       f"<summary>{label} {inert(dnode.title, 'html')} <span class='count'>{dnode.count()} "
                       f"{tx['projects_n']}</span></summary>")
            for snode in sorted(dnode.strategies.values(), key=lambda s: (s.number is None, s.number or 0)):
                name = (f"{tx['strategy']} {snode.number}" if snode.number is not None else tx["no_strategy"])
                out.append(f"<details class='nav-strategy' data-strategy='{dnode.number or ''}.{snode.number or ''}'"
                           f"{' open' if open_all else ''}><summary>{name} {inert(snode.title, 'html')} "
                           f"<span class='count'>{len(snode.projects)}</span></summary><ul class='nav-projects'>")
                for p in sorted(snode.projects, key=lambda p: (p.source, p.name)):
                    out.append(f"<li class='nav-project'><span class='pname'>{inert(' '.join(p.name.split()), 'html')}"
                               f"</span> <span class='src'>{inert(p.source, 'html')}</span> {_budgets(p, lang)}</li>")
                out.append("</ul></details>")
            out.append("</details>")
        out.append("</details>")
    out.append("</div>")
    return "".join(out)
