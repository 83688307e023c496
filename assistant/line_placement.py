"""Where a named line sits: the plan levels enclosing a line the question types a long run of.

A budget book lists activities and sub-projects as lines inside a level's pages (`- โครงการพัฒนาแหล่งท่องเที่ยว
เชิงนิเวศ หินสามวาฬ จังหวัดบึงกาฬ` in a project's target table, `6. โครงการจัดสร้างสวนรุกขชาติไทย -ลาว` in an
activity list); they are no plan level of their own, so "…อยู่ในโครงการไหน แผนงานอะไร" is answered by the levels
whose sections hold the line: the line, cited, then the deepest enclosing level and those above it, each cited by
its heading. Only the retrieved passages' lines are read, and only a run of the question no level's name holds.
"""
from __future__ import annotations

from assistant.lookup import FactsDB
from assistant.outline import compact, longest_run, strip_markers
from assistant.plan_levels import Level, PlanLevels, own_name, placement
from assistant.route import Query
from assistant.structured_answers import Draft, _t
from assistant.units import merge
from ingest.records import ScoredChunk

MIN_RUN = 12  # characters of a line (compact) the question must type in one run to name it
MAX_HITS = 8  # retrieved passages whose lines are read


def _holding(levels: PlanLevels, doc_id: str, line: int) -> Level | None:
    """The plan level whose own lines (its section up to its first child's) hold a line; of several (a scrambled
    page's spans overlap), the one with the fewest own lines, then the deepest."""
    spans = {id(lv): levels.own_lines(lv) for lv in levels.levels if lv.doc_id == doc_id}
    holding = [lv for lv in levels.levels if lv.doc_id == doc_id and spans[id(lv)][0] <= line <= spans[id(lv)][1]]
    return min(holding, key=lambda lv: (spans[id(lv)][1] - spans[id(lv)][0], -len(lv.ancestors())), default=None)


def answer(q: Query, hits: list[ScoredChunk], levels: PlanLevels, db: FactsDB) -> Draft | None:
    """The levels enclosing the line a where-does-it-sit question names (a run of MIN_RUN characters no level's
    name holds), cited; None when not asked, no retrieved line is named, the line is a level's own heading, or
    the question names a level that does not enclose the level holding it (that level itself included)."""
    if not q.asks_under:
        return None
    named = levels.named(q.text)
    asked = compact(q.text)
    for _, lv in named:  # a level the question names is no run of a line (`…สิ่งแวดล้อม มี…` ≠ `…สิ่งแวดล้อมมีความสมดุล`)
        for name in (lv.name, *(a.name for a in lv.ancestors())):
            asked = asked.replace(name, "|")
    names = [lv.name for lv in levels.levels]
    best: tuple[int, str, int, str] | None = None
    for h in hits[:MAX_HITS]:
        c = h.chunk
        for n, text, _ in db.lines(c.doc_id, c.line_start, c.line_end):
            run, core = longest_run(asked, compact(strip_markers(text))), own_name(text)
            if len(run) < MIN_RUN or any(run in name or (len(name) >= MIN_RUN and name in run) for name in names):
                continue  # a level's name (the agency the question names, a project's heading): not a line of one
            if any(core in name or name in core for name in names if len(core) >= MIN_RUN):
                continue  # the line prints a level's name (its heading's first line, a summary row): the level's own
            if best is None or len(run) > len(best[1]):
                best = (len(run), run, n, c.doc_id)
    if best is None:
        return None
    _, _, n, doc_id = best
    lv = _holding(levels, doc_id, n)
    if lv is None or lv.heading.line == n:
        return None
    if named and named[0][1] not in lv.ancestors():
        return None  # the question names the level holding the line (its own placement answers), or another one
    line = db.evidence(doc_id, n, n)
    draft = Draft(support=1.0)
    draft.say(_t(q, f"“{' '.join(strip_markers(line.quote).split())}” อยู่ใน {levels.title(lv)}",
                 f"“{' '.join(strip_markers(line.quote).split())}” is in {levels.title(lv)}"),
              [line, levels.evidence(lv)], template=True)
    return merge(draft, placement(q, lv, levels)) if lv.parent is not None else draft
