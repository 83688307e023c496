"""The plan graph's nodes, the same for every document family.

An action plan gives direction → strategy → project (from its directions, budget tables and
briefs); a budget book gives ministry → agency → แผนงาน → ผลผลิต/โครงการ (from the outline's
sections). Budget lines and KPIs hang under the deepest node of their section path, so one
tree answers "what sits under what" for both. Level words come from the vocabulary profile.
"""
from __future__ import annotations

import re

from ingest.facts_records import PlanFacts, PlanNode
from ingest.records import Section
from ingest.thai_repair import DIGIT_CLASS as _D
from ingest.vocabulary import alternation, vocabulary

_V = vocabulary()
_NUMBER = re.compile(rf"^\s*[{_D}]+(?:\.[{_D}]+)*\.?\s*")
_PROGRAM = re.compile(rf"^(?:{alternation(_V.level('program').words)})")
_OUTPUT = re.compile(rf"^({alternation(_V.level('output').words)})\s*(?:{_V.ordinal}\s*[{_D}]+\s*)?:")
_MINISTRY = re.compile(rf"^(?:{alternation(_V.agency.ministry_words)})")
_AGENCY = re.compile(rf"^(?:{alternation(_V.agency.unit_words)})")
PROJECT_WORD = _V.level("output").words[-1]  # `โครงการ` heads a project, the other words an output
PROJECT_KEY = "#project "  # key of the n-th project of facts.projects: `#project <n>` (no heading starts so)


def section_level(title: str, numbered: bool) -> str | None:
    """The plan level a section heading opens (ministry, agency, program, output, project), or None."""
    text = _NUMBER.sub("", title).strip()
    if _PROGRAM.match(text):
        return "program"
    m = _OUTPUT.match(text)
    if m:
        return "project" if m.group(1) == PROJECT_WORD else "output"
    if not numbered and _MINISTRY.match(text):
        return "ministry"
    if not numbered and _AGENCY.match(text):
        return "agency"
    return None


def build_nodes(facts: PlanFacts, sections: list[Section]) -> list[PlanNode]:
    """Nodes from the outline (budget books) and from directions/strategies/projects (action plans)."""
    nodes: dict[tuple[str, ...], PlanNode] = {}
    for s in sections:
        if not s.path:
            continue
        level = section_level(s.path[-1], s.number is not None)
        if level is None:
            continue
        key = tuple(s.path)
        if key in nodes:
            nodes[key].line_end = max(nodes[key].line_end, s.line_end)
            continue
        nodes[key] = PlanNode(key, level, _NUMBER.sub("", s.path[-1]).strip(), s.line_start, s.line_end)
    for d in facts.directions:
        dkey = (f"#direction {d.number}",)
        nodes[dkey] = PlanNode(dkey, "direction", d.title, d.line_start, d.line_end)
        for st in d.strategies:
            skey = dkey + (f"#strategy {st.number}",)
            nodes[skey] = PlanNode(skey, "strategy", " ".join(st.title.split()), st.line_start, st.line_end)
    for number, p in enumerate(facts.projects, start=1):  # keyed by position: two projects may share a name
        parent: tuple[str, ...] = ()
        if p.direction is not None:
            parent = (f"#direction {p.direction}",)
            if p.strategy is not None and parent + (f"#strategy {p.strategy}",) in nodes:
                parent += (f"#strategy {p.strategy}",)
            if parent[:1] not in nodes:
                parent = ()
        span = p.row or p.brief
        key = parent + (f"{PROJECT_KEY}{number}",)
        if key not in nodes and span is not None:
            nodes[key] = PlanNode(key, "project", p.name, span.line_start, span.line_end)
    return list(nodes.values())


def parent_key(node: PlanNode, keys: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The nearest ancestor of `node` among `keys` (None at the root)."""
    for n in range(len(node.key) - 1, 0, -1):
        if node.key[:n] in keys:
            return node.key[:n]
    return None


def deepest_node(path: list[str], keys: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The deepest node whose key is a prefix of a section path (where a budget line or KPI hangs)."""
    for n in range(len(path), 0, -1):
        if tuple(path[:n]) in keys:
            return tuple(path[:n])
    return None
