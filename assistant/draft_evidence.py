"""Evidence for a rationale: what the plan says that bears on a topic, in the four parts a
หลักการและเหตุผล needs, each piece with the exact span it cites.

- situation: statistics and counts (a figure with its label) from the passages retrieved for the topic;
- problem: weaknesses, threats and stated problems (items under the labels of `[rationale]` in the
  vocabulary profile, and items that state a problem) that share the topic's key terms;
- alignment: the plan's vision, the development direction the topic serves (goal, KPIs, strategy, from
  the facts), the higher-plan items the plan links to (national strategy, master plan, NESDP milestone,
  reform, provincial/cluster plan), or, in documents without directions, the plan levels (แผนงาน,
  ผลผลิต/โครงการ) the topic's passages sit under;
- precedent: reported results and budgeted projects/items on the same theme, with their figures.

For an existing project its own row, brief, direction, links and results come first. Everything is
read from the facts database, the retrieved chunks and the document outline; nothing is named here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.draft_sources import ITEM_START, Block, Outline, Topic, labelled_blocks, list_items, load_outlines
from assistant.draft_text import clean, compact, phrase_with_figure, strip_item_mark, tidy_name, whole_statement
from assistant.lookup import Cite, FactsDB, ProjectRow
from assistant.passages import Window, score_windows, stated_figures
from assistant.records import Evidence
from assistant.route import FIELD_WORDS, Query
from ingest.records import ScoredChunk
from ingest.thai_repair import join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import alternation, rationale_words, vocabulary

CATEGORIES = ("situation", "problem", "alignment", "precedent")
MIN_RELEVANCE = 0.12  # share of the topic's term weight an item must carry to be "about" the topic
SITUATION_RELEVANCE = 0.25  # a statistic's lines must carry more of it (figures abound; most are about something else)
PER_KIND = 2
LABELLED_PREFERENCE = 1.25
TITLE_REACH = 200  # how far into its section a PDF may print a heading's line
LINK_LEVELS = ("national_strategy", "master_plan", "nesdp", "reform", "provincial")
_ADJACENT_NUMBERS = re.compile(r"\d[\d,.]*\s+[\d,.]*\d")


@dataclass
class Piece:
    """One statement a rationale may cite: its part, its kind, the value quoted, and the span."""

    category: str  # situation | problem | alignment | precedent
    kind: str  # statistic, problem, vision, direction, goal, kpi, strategy, link, plan_level, result, project, objective, budget
    text: str  # the value as the plan prints it (a whole statement or a name)
    evidence: Evidence
    label: str = ""  # the label it sat under (จุดอ่อน), a link level, a project name …
    score: float = 0.0
    extra: dict = field(default_factory=dict)


@dataclass
class Gathered:
    """What was found for one topic."""

    topic: str
    home_doc: str | None
    project: ProjectRow | None
    pieces: list[Piece] = field(default_factory=list)

    def of(self, category: str, kind: str | None = None) -> list[Piece]:
        return [p for p in self.pieces if p.category == category and (kind is None or p.kind == kind)]

    def categories(self) -> list[str]:
        return [c for c in CATEGORIES if self.of(c)]


def evidence_of(cite: Cite | dict, origin: str = "lookup", figures: list[str] | None = None) -> Evidence:
    c = cite if isinstance(cite, Cite) else Cite(**cite)
    return Evidence(c.doc_id, c.line_start, c.line_end, c.quote, origin, 1.0, figures or [])


# -- gathering -------------------------------------------------------------------------------------------
def home_document(hits: list[ScoredChunk], project: ProjectRow | None) -> str | None:
    """The document the rationale draws on: the project's own, else the one the topic's passages favour."""
    if project is not None:
        return project.doc_id
    weight: dict[str, float] = {}
    for rank, h in enumerate(hits):
        weight[h.chunk.doc_id] = weight.get(h.chunk.doc_id, 0.0) + 1.0 / (1 + rank)
    return max(weight, key=weight.get) if weight else None


def gather(q: Query, hits: list[ScoredChunk], db: FactsDB, idf: dict[str, float], outlines: dict[str, Outline],
           project: ProjectRow | None = None) -> Gathered:
    """All four parts of the evidence for a topic (or an existing project)."""
    home = home_document(hits, project)
    g = Gathered(q.text, home, project)
    if home is None:
        return g
    outline = outlines.get(home) or Outline([])
    extra = ""
    if project is not None:
        fields = db.brief_fields(project.project_id)
        extra = " ".join(clean(fields[f].quote) for f in ("objectives",) if f in fields)
    topic = Topic(q, idf, extra)
    doc_lines = [(n, t) for n, t, _ in db.lines(home, 1, db.line_counts().get(home, 0))]
    blocks = labelled_blocks(doc_lines, outline)
    hits_home = [h for h in hits if h.chunk.doc_id == home]
    anchor = hits_home[0].chunk.line_start if hits_home else 1
    if project is not None:
        _project_pieces(g, db, project)
    _situation(g, q, hits_home, db, idf, outline, topic)
    _problems(g, blocks, doc_lines, db, home, outline, topic)
    _vision(g, blocks, db, home, outline, anchor)
    _directions(g, db, home, topic, project)
    _links(g, db, home, topic, project)
    if not g.of("alignment", "direction"):
        _plan_levels(g, hits_home, db, outline, topic)
    _results(g, db, home, topic, project)
    _related_budgets(g, db, home, topic, project)
    return g


def _project_pieces(g: Gathered, db: FactsDB, p: ProjectRow) -> None:
    budgets = [b for b in p.budgets if b.origin == "table"] or p.budgets
    for b in budgets[:2]:
        figs = [str(b.baht), b.printed.replace(",", "")] + ([str(b.fiscal_year)] if b.fiscal_year else [])
        g.pieces.append(Piece("situation", "budget", tidy_name(p.name), evidence_of(b.cite, figures=figs), tidy_name(p.name),
                              extra={"printed": b.printed, "unit": b.unit, "year": b.fiscal_year, "source": b.source}))
    fields = db.brief_fields(p.project_id)
    if "rationale" in fields:  # the brief's own background: its figures (with their labels) are the situation
        c = fields["rationale"]
        rows = [(n, t) for n, t, _ in db.lines(c.doc_id, c.line_start, c.line_end) if t.strip()]
        found = 0
        for i, (n, t) in enumerate(rows):
            window = rows[max(0, i - 1): i + 2]
            text = join_wrapped_lines([x for _, x in window])
            for f in stated_figures(t):
                phrase = phrase_with_figure(text, f)
                if phrase and found < PER_KIND and not any(x.text == phrase for x in g.pieces):
                    span = db.cite(c.doc_id, window[0][0], window[-1][0])
                    g.pieces.append(Piece("situation", "statistic", phrase, evidence_of(span, "retrieval"), p.name))
                    found += 1
                    break
    label = re.compile(FIELD_WORDS["objectives"], re.I)
    if "objectives" in fields:
        c = fields["objectives"]
        for start, end, text in list_items([(n, t) for n, t, _ in db.lines(c.doc_id, c.line_start, c.line_end) if t.strip()]):
            value = whole_statement(_after_label(text))
            if value and len(value) > 15 and not (label.search(value) and len(value) <= 30):
                g.pieces.append(Piece("situation", "objective", value, evidence_of(db.cite(c.doc_id, start, end)), p.name))
                break


def _after_label(text: str) -> str:
    """A brief field's text without its field label ("๓. วัตถุประสงค์ 1. เพื่อ…" → "เพื่อ…")."""
    t = strip_item_mark(text)
    m = re.match(r"^[^\d\s:]{2,40}\s*:?\s*(?=\d[.)]\s)", t)
    return strip_item_mark(t[m.end():]) if m else t


def _situation(g: Gathered, q: Query, hits: list[ScoredChunk], db: FactsDB, idf: dict[str, float],
               outline: Outline, topic: Topic) -> None:
    words = rationale_words()
    result_re = re.compile(alternation(words.result_words))
    background_re = re.compile(alternation(words.background_words))
    windows: list[tuple[float, str, int, int]] = []
    funded: list[tuple[float, str, int, int]] = []
    briefs = {compact(p.name)[:24] for p in db.list_projects() if p.doc_id == g.home_doc}
    budget_rows = db.budget_lines(g.home_doc)
    budget_lines = {n for r in budget_rows for n in range(r["line_start"], r["line_end"] + 1)}
    # A budget book (its budget lines are numbered appropriation items): its amounts are what is funded, not the situation.
    budget_book = any(r["origin"] in ("item", "instalment") for r in budget_rows)
    unit_re = re.compile(alternation([w for lv in vocabulary().plan_levels for w in lv.words]))
    currency_re = re.compile(alternation(vocabulary().units.currency))
    for w in score_windows(q, hits, db, idf):
        figures = stated_figures(w.text)
        if not figures or w.coverage < 0.2:
            continue
        sections = outline.path_at(w.line_start)
        path = " ".join(sections)
        if result_re.search(path):
            continue  # reported results are precedent
        if any(compact(s)[:24] in briefs for s in sections):
            continue  # a project brief's targets are not the situation
        if any(n in outline.heading_lines or n in budget_lines for n in range(w.line_start, w.line_end + 1)):
            continue  # a heading's amount (a budget book's "7.4.1 ผลผลิตที่ 1 : … 32,822,300") is not a statistic
        if unit_re.match(strip_item_mark(w.text)):
            continue  # a plan unit's heading line with its budget (โครงการ : … 38,733,000 บาท): alignment/precedent
        start, end, item = _item_around(db, w, outline)
        statement = whole_statement(item)
        if statement and (_ADJACENT_NUMBERS.search(thai_digits_to_arabic(statement))
                          or not stated_figures(statement)
                          or not all(phrase_with_figure(statement, f) for f in stated_figures(statement))):
            statement = None  # a table row, or an item with a number that is not a figure of something (a page number)
        if statement and topic.share(statement) >= SITUATION_RELEVANCE:
            found = (statement, start, end)  # the whole numbered item: its label, figures and what they cover
        else:
            found = None
            for f in figures:
                phrase = phrase_with_figure(w.text, f)
                if phrase and max(topic.share(phrase), topic.share(w.text)) >= SITUATION_RELEVANCE:
                    found = (phrase, w.line_start, w.line_end)
                    break
        above = " ".join(strip_item_mark(t) for _, t, _ in db.lines(w.doc_id, max(1, w.line_start - 2), w.line_end))
        if found and (budget_book or unit_re.search(strip_item_mark(item) + " " + above)) and all(currency_re.match(found[0][m.end():].lstrip())
                                                       for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", found[0])):
            funded.append((w.score, *found))  # a plan unit's budget ("โครงการ : … 38,733,000 บาท"): precedent, not situation
            continue
        if found:
            bonus = 0.1 if background_re.search(path) else 0.0
            windows.append((w.score + bonus, *found))
    windows.sort(key=lambda x: -x[0])
    used: list[tuple[int, int]] = []
    for score, text, start, end in windows:
        if len(used) >= PER_KIND:
            break
        if any(start <= u_end and u_start <= end for u_start, u_end in used):
            continue
        used.append((start, end))
        c = db.cite(g.home_doc, start, end)
        g.pieces.append(Piece("situation", "statistic", text, evidence_of(c, "retrieval"), score=round(score, 3)))
    funded.sort(key=lambda x: -x[0])
    texts: set[str] = set()
    for score, text, start, end in funded:
        if len(texts) >= PER_KIND:
            break
        if text in texts or any(start <= u_end and u_start <= end for u_start, u_end in used):
            continue
        texts.add(text)
        used.append((start, end))
        c = db.cite(g.home_doc, start, end)
        g.pieces.append(Piece("precedent", "funded", text, evidence_of(c, "retrieval"), score=round(score, 3)))


def _item_around(db: FactsDB, w: Window, outline: Outline, reach: int = 4) -> tuple[int, int, str]:
    """The numbered item a window sits in (from its number to the line before the next item, a blank gap or a
    heading, at most `reach` lines either way): the whole statement a figure belongs to."""
    rows = db.lines(w.doc_id, max(1, w.line_start - reach), w.line_end + reach)
    text = {n: t for n, t, _ in rows}
    start = w.line_start
    while not ITEM_START.match(thai_digits_to_arabic(text.get(start, ""))):
        if start - 1 not in text or start in outline.heading_lines or w.line_start - start >= reach:
            return w.line_start, w.line_end, w.text
        start -= 1
    end = w.line_end
    while end + 1 in text and end + 1 not in outline.heading_lines and end - w.line_end < reach:
        nxt = text[end + 1]
        if ITEM_START.match(thai_digits_to_arabic(nxt)) or (not nxt.strip() and not text.get(end + 2, "").strip()):
            break
        end += 1
    while end > start and not text[end].strip():
        end -= 1
    return start, end, join_wrapped_lines([text[n] for n in range(start, end + 1) if text[n].strip()])


def _problems(g: Gathered, blocks: list[Block], doc_lines: list[tuple[int, str]], db: FactsDB, home: str,
              outline: Outline, topic: Topic) -> None:
    words = rationale_words()
    item_re = re.compile(alternation(words.problem_item_words))
    candidates: list[tuple[float, int, int, str, str, int | None]] = []
    for b in blocks:
        if b.kind != "problem":
            continue
        for start, end, text in b.items:  # an analysis's own list (จุดอ่อน, อุปสรรค) before items that mention a problem
            candidates.append((topic.share(text) * LABELLED_PREFERENCE, start, end, text, b.label, b.line))
    by_line = dict(doc_lines)
    for n, t in doc_lines:  # numbered items that themselves state a problem ("1.3 ปัญหาขาด…")
        stripped = strip_item_mark(t)
        if ITEM_START.match(thai_digits_to_arabic(t)) and item_re.match(stripped):
            end = n
            while end + 1 in by_line and by_line[end + 1].strip() and not ITEM_START.match(thai_digits_to_arabic(by_line[end + 1])) \
                    and end - n < 6 and end + 1 not in outline.heading_lines:
                end += 1
            text = join_wrapped_lines([by_line[k] for k in range(n, end + 1)])
            candidates.append((topic.share(text), n, end, text, item_re.match(stripped).group(0), None))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    seen: set[int] = set()
    for share, start, end, text, label, label_line in candidates:
        if share < MIN_RELEVANCE or len(g.of("problem")) >= PER_KIND:
            break
        if start in seen:
            continue
        value = whole_statement(text)
        if not value:
            continue
        seen.add(start)
        piece = Piece("problem", "problem", value, evidence_of(db.cite(home, start, end), "retrieval"), label, round(share, 3))
        if label_line is not None:  # the label is printed on its own line above the item: cited with it
            piece.extra["label_piece"] = Piece("problem", "label", label, evidence_of(db.cite(home, label_line, label_line),
                                                                                    "retrieval"))
        g.pieces.append(piece)


def _vision(g: Gathered, blocks: list[Block], db: FactsDB, home: str, outline: Outline, anchor: int) -> None:
    """The vision whose label sits in the same part of the document as the topic (a titled section first)."""
    anchor_path = outline.path_at(anchor)
    best, best_key = None, None
    for b in blocks:
        if b.kind != "vision" or not b.items:
            continue
        start, end, text = b.items[0]
        value = whole_statement(text) or whole_statement(db.lines(home, start, start)[0][1])
        if not value:
            continue
        if value != whole_statement(text):
            end = start
        shared = 0
        for a, c in zip(outline.path_at(b.line), anchor_path):
            if a != c:
                break
            shared += 1
        titled = outline.section_starting(b.line) is not None
        bare = strip_item_mark(db.lines(home, b.line, b.line)[0][1]) == b.label
        key = (titled, bare, shared, -abs(anchor - b.line))
        if best_key is None or key > best_key:
            best, best_key = (value, start, end), key
    if best:
        value, start, end = best
        g.pieces.append(Piece("alignment", "vision", value.strip("“”\" "), evidence_of(db.cite(home, start, end), "retrieval")))


def _heading_cite(db: FactsDB, cite: dict, title: str) -> Cite:
    """The direction/strategy heading lines that print the whole title (a title may wrap onto the next lines)."""
    c = Cite(**cite)
    for end in range(c.line_start, c.line_start + 4):
        span = db.cite(c.doc_id, c.line_start, end)
        if compact(title) in compact(span.quote):
            return span
    return c


def _directions(g: Gathered, db: FactsDB, home: str, topic: Topic, project: ProjectRow | None) -> None:
    directions = [d for d in db.directions() if d["cite"]["doc_id"] == home]
    if not directions:
        return
    if project is not None and project.direction is not None:
        best = next((d for d in directions if d["number"] == project.direction), None)
    else:
        def weight(d: dict) -> float:
            return topic.share(" ".join([d["title"]] + [x["text"] for x in d["goals"]] + [s["title"] for s in d["strategies"]]))
        best = max(directions, key=weight)
        if weight(best) <= 0:
            best = None
    if best is None:
        return
    head = _heading_cite(db, best["cite"], best["title"])
    heading = _heading_text(head.quote, best["title"])
    g.pieces.append(Piece("alignment", "direction", heading, evidence_of(head), extra={"number": best["number"]}))
    for goal in best["goals"][:1]:
        value = whole_statement(goal["text"])
        if value:
            g.pieces.append(Piece("alignment", "goal", value, evidence_of(goal["cite"])))
    kpis = db.kpis(project=project.name) if project is not None else []
    kpis = kpis or db.kpis(best["number"])
    kpis = [k for k in kpis if k["cite"]["doc_id"] == home]
    kpis.sort(key=lambda k: -topic.share(k["text"]))
    seen_kpis: set[str] = set()
    for k in kpis:
        value = whole_statement(k["text"])
        if len(seen_kpis) >= PER_KIND or not value or compact(value) in seen_kpis:
            continue
        seen_kpis.add(compact(value))
        if value:
            g.pieces.append(Piece("alignment", "kpi", value, evidence_of(k["cite"]), extra={"target": k.get("target")}))
    strategies = best["strategies"]
    if project is not None and project.strategy is not None:
        strategies = [s for s in strategies if s["number"] == project.strategy] or strategies
    else:
        strategies = sorted(strategies, key=lambda s: -topic.share(s["title"]))
    for s in strategies[:1]:
        head = _heading_cite(db, s["cite"], s["title"])
        g.pieces.append(Piece("alignment", "strategy", _heading_text(head.quote, s["title"]), evidence_of(head)))


def _heading_text(quote: str, title: str) -> str:
    """A heading as printed (its level word and number kept, the list mark dropped), ending where its title ends."""
    text = strip_item_mark(quote)
    key = compact(title)
    for k in range(len(text), 0, -1):
        if compact(text[:k]).endswith(key):
            return clean(text[:k])
    return clean(title)


def _links(g: Gathered, db: FactsDB, home: str, topic: Topic, project: ProjectRow | None) -> None:
    links = [x for x in db.links() if x["cite"]["doc_id"] == home]
    for level in LINK_LEVELS:
        rows = [x for x in links if x["level"] == level]
        if project is not None:
            own = [x for x in rows if x["project"] and compact(x["project"]) == compact(project.name)]
            rows = own or rows
        rows.sort(key=lambda x: -topic.share(x["text"]))
        for x in rows[:1]:
            if project is None and topic.share(x["text"]) <= 0:
                continue  # a new topic is linked only to the higher-plan items that share its terms
            cite = _run_on(db, Cite(**x["cite"]))
            value = clean(x["text"])
            if cite.line_end > x["cite"]["line_end"]:
                value = clean(value + " " + db.lines(cite.doc_id, cite.line_end, cite.line_end)[0][1])
            g.pieces.append(Piece("alignment", "link", value, evidence_of(cite), level))


def _run_on(db: FactsDB, c: Cite) -> Cite:
    """A one-line value whose last word runs on to a short next line ("…ขนาดกลางและขนาด" / "ย่อม") takes it."""
    nxt = db.lines(c.doc_id, c.line_end + 1, c.line_end + 1)
    if nxt and nxt[0][1].strip() and len(nxt[0][1].strip()) <= 40 and not ITEM_START.match(thai_digits_to_arabic(nxt[0][1])) \
            and " " not in nxt[0][1].strip():
        return db.cite(c.doc_id, c.line_start, c.line_end + 1)
    return c


def _plan_levels(g: Gathered, hits: list[ScoredChunk], db: FactsDB, outline: Outline, topic: Topic) -> None:
    """Documents without directions (budget books): the plan-level headings (แผนงาน, ผลผลิต/โครงการ) above the
    topic's best passage, each quoted from the line that prints it."""
    vocab = vocabulary()
    level_re = re.compile(alternation([w for lv in vocab.plan_levels if lv.heading for w in lv.words]))
    amount_re = re.compile(r"\s+\d[\d,]*(?:\.\d+)?\s*" + alternation(vocab.units.currency) + r"?\s*$")
    for h in hits[:3]:
        c = h.chunk
        path = outline.path_at(c.line_start)
        found = []
        for k in range(1, len(path) + 1):
            title = strip_item_mark(path[k - 1]).rstrip("…").strip()
            if not level_re.match(title):
                continue
            section = next((s for s in outline.sections if s.path == path[:k]), None)
            last = max((x.line_end for x in outline.sections if x.path[:k] == path[:k]), default=0)
            span = _printed_title(db, c.doc_id, section.line_start, min(last, section.line_start + TITLE_REACH), title) \
                if section else None
            if span is None:
                continue
            value = whole_statement(amount_re.sub("", strip_item_mark(span.quote)))
            if value and found_name(span.quote, value) and not any(p.text == value for p in g.of("alignment")):
                found.append(Piece("alignment", "plan_level", value, evidence_of(span)))
        g.pieces.extend(found[-2:])
        if found:
            return


def _printed_title(db: FactsDB, doc_id: str, first: int, last: int, title: str) -> Cite | None:
    """The span (one or two lines from `first` to `last`) that prints a heading whose outline title starts with
    `title` (a PDF's text order may put the heading's line after the section's first lines)."""
    key = compact(title)[:40]
    rows = db.lines(doc_id, max(1, first - 2), max(first, last))
    for i, (n, text, _) in enumerate(rows):
        if not key or key[:6] not in compact(text):
            continue
        for end in (n, rows[i + 1][0] if i + 1 < len(rows) else n):
            span = db.cite(doc_id, n, end)
            if compact(strip_item_mark(span.quote)).startswith(key):
                return span
    return None


def _results(g: Gathered, db: FactsDB, home: str, topic: Topic, project: ProjectRow | None) -> None:
    res = db.results(name=project.name) if project is not None else db.results()
    figures = [f for f in res["figures"] if f["cite"]["doc_id"] == home]
    scored = sorted(figures, key=lambda f: -(topic.share((f["project"] or "") + " " + f["text"])))
    projects: set[str] = set()
    for f in scored:
        if len(g.of("precedent", "result")) >= PER_KIND:
            break
        share = topic.share((f["project"] or "") + " " + f["text"])
        if project is None and share < MIN_RELEVANCE:
            break
        if f["project"] in projects:
            continue
        c = f["cite"]
        lines = [t for _, t, _ in db.lines(c["doc_id"], max(1, c["line_start"] - 1), c["line_end"])]
        span = db.cite(c["doc_id"], max(1, c["line_start"] - 1), c["line_end"])
        phrase = phrase_with_figure(join_wrapped_lines(lines), f["figure"])
        if not phrase:
            continue
        projects.add(f["project"])
        g.pieces.append(Piece("precedent", "result", phrase, evidence_of(span, "lookup"), f["project"] or "",
                              round(share, 3), {"section": f["section"]}))


def _related_budgets(g: Gathered, db: FactsDB, home: str, topic: Topic, project: ProjectRow | None) -> None:
    """Projects (or budget items) on the same theme with their budgets: what the plan already funds."""
    rows = [p for p in db.list_projects() if p.doc_id == home and (project is None or p.project_id != project.project_id)]
    scored = sorted(((topic.core_share(p.name), p) for p in rows), key=lambda x: -x[0])
    for share, p in scored[:PER_KIND]:
        if share < MIN_RELEVANCE * 2:
            break
        b = next((b for b in p.budgets if b.origin == "table"), p.budgets[0] if p.budgets else None)
        if b is None:
            continue
        figs = [str(b.baht), b.printed.replace(",", "")] + ([str(b.fiscal_year)] if b.fiscal_year else [])
        g.pieces.append(Piece("precedent", "project", tidy_name(p.name), evidence_of(b.cite, figures=figs), p.name, round(share, 3),
                              {"printed": b.printed, "unit": b.unit, "year": b.fiscal_year, "source": b.source}))
    if rows:
        return
    items = [r for r in db.budget_lines(home) if not r["is_total"] and r["name"]]
    scored_items = sorted(((topic.core_share(r["name"]), r) for r in items), key=lambda x: -x[0])
    names: set[str] = set()
    for share, r in scored_items:
        if len(g.of("precedent")) >= PER_KIND + 1 or share < MIN_RELEVANCE * 2:
            break
        name = whole_statement(r["name"])
        if not name or name in names or not found_name(r["quote"], name):
            continue
        names.add(name)
        figs = [str(r["baht"]), str(r["printed"]).replace(",", "")] + ([str(r["fiscal_year"])] if r["fiscal_year"] else [])
        span = db.cite(home, r["line_start"], r["line_end"])
        g.pieces.append(Piece("precedent", "budget_item", name, evidence_of(span, figures=figs), name, round(share, 3),
                              {"printed": r["printed"], "unit": r["unit"], "year": r["fiscal_year"], "source": None}))


def found_name(quote: str, name: str) -> bool:
    return compact(name) in compact(quote)


__all__ = ["CATEGORIES", "Gathered", "Outline", "Piece", "Topic", "gather", "load_outlines"]
