"""Whole answer units from the outline: a named heading's body, where an item sits (project → plan
levels, both from the plan graph and from the outline), and the items under a named level.

Each builder returns a Draft citing the heading line and its body, or None when the outline has no
confident match (the pipeline then goes on to passage retrieval).
"""
from __future__ import annotations

import re

from assistant.lookup import FactsDB
from assistant.outline import Heading, Outline, compact, fuzzy_contains, strip_markers
from assistant.passages import QUESTION_WORDS, figures_of, key_terms, term_weights
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _ev, _t
from assistant.understand import asks
from ingest.thai_repair import compose_sara_am, thai_digits_to_arabic
from ingest.tokenize import search_tokens
from ingest.vocabulary import label_families, label_questions, query_words, vocabulary

CONTEXT_LINES = 30  # lines above a label that name what it belongs to (plain text; a PDF label: its page)
CONTEXT_WEIGHT = 0.7
EXTRA_WORD_PENALTY = 0.06  # per word of a label line the question does not have ("จุดอ่อนที่สำคัญ")
MIN_TOPIC_COVER = 0.5  # a question naming more than the label: at least this share must be found
RETRIEVED_BONUS = 0.05
LIST_BONUS = 0.1
PHRASE_BONUS = 0.2  # a list question prefers the heading whose body is a list (3+ numbered items)
MIN_PLACED_LETTERS = 4  # a value printed beside or under its label by position may be short ("พื้นที่ 76 จังหวัด")
MIN_BODY_LETTERS = 15  # a body with fewer letters is not the text the heading announces (scrambled layer)
_ITEM = re.compile(r"^\s*\(?[0-9๐-๙]{1,2}[.)]\s*\S")
SECTION_BONUS = 0.05  # a label that is an outline section ("๓.๒.๑ วิสัยทัศน์") heads the document's own statement
TITLE_BONUS = 0.05  # the question types a word of the document's title (`แผน` of `แผนปฏิบัติการ…`)


def _vouch(e: Evidence, text: str) -> Evidence:
    """The evidence also vouching for the figures of a document title or label the sentence names."""
    figures = sorted(set(e.figures) | set(figures_of(text, list_marks=True)))
    return Evidence(e.doc_id, e.line_start, e.line_end, e.quote, e.origin, e.score, figures)


def _label_tokens(labels: list[str]) -> set[str]:
    """Tokens of the profile's section labels, of the question words asking for one (`ที่ไหน`, `ใช้เวลา`),
    of `labels` and of the analysis they are part of (`SWOT`): words that ask for a section, not what it is about."""
    asking = (w for words in label_questions().values() for w in words)
    families = [name for name, members in label_families().items() if set(labels) & set(members)]
    family_words = query_words().family_words if families else ()
    return {t for w in (*query_words().section_labels, *asking, *labels, *families, *family_words)
            for t in search_tokens(w)}


def best_label_heading(q: Query, labels: list[str], outline: Outline, idf: dict[str, float],
                       retrieved: list[tuple[str, int, int]], doc_order: dict[str, int],
                       skip: frozenset[tuple[str, int]] = frozenset(),
                       within: tuple[str, int, int] | None = None) -> Heading | None:
    """The label line the question names, told apart from others with the same label by the
    question's other words found in the line, its section path or the lines just above it; none of
    `skip` (document, line), label lines already found to belong to something else. `within` (document,
    first, last line): only a label of that span, the level the question types by its whole name, whose
    other words then need not be found (an English question's own wording of the name)."""
    asked = labels[0]
    forms = [compact(w) for w in labels]
    topic = [t for t in key_terms(q) if t not in _label_tokens(labels)
             and not any(compact(t) in f or (len(t) >= 4 and fuzzy_contains(f, compact(t), 0.8)) for f in forms)]
    topic = [t for t in topic if not t.isascii() or t in idf]  # an English word the documents never use
    weight = term_weights(topic, idf)
    total = sum(weight.values())
    best: tuple[float, int, int, Heading] | None = None
    asked_phrase = compact(q.text)
    possessive = query_words().possessive_words
    bare_phrase = _without(asked_phrase, possessive)  # `วิสัยทัศน์ของจังหวัดลำปาง` types `วิสัยทัศน์จังหวัดลำปาง`
    titles = outline.db.titles()
    pages: dict[tuple[str, int], tuple[set[str], str]] = {}

    def page_words(doc_id: str, line: int) -> tuple[set[str], str]:
        """Tokens and compact text of the label's PDF page (its header names the agency), read once per page;
        the compact text (no marks) still holds a term the PDF printed with displaced marks."""
        key = (doc_id, outline.page_of(doc_id, line))
        if key not in pages:
            text = outline.page_text(doc_id, line) if key[1] is not None else ""
            pages[key] = (set(search_tokens(text)), compact(text))
        return pages[key]

    for doc_id, heads in outline.labels.items():
        if within is not None and doc_id != within[0]:
            continue
        # Words naming the document itself ("วิสัยทัศน์ของแผนปฏิบัติการ…ลำปาง") tell its headings apart from other
        # documents' headings, not from each other: they count the same for every heading of that document.
        in_title = {t for t in search_tokens(titles.get(doc_id, ""))}
        # A word of the question its title prints, question words too (`วิสัยทัศน์ของแผนนี้`: a plan's title
        # says แผน, a budget book's does not): which document the question is about when nothing else tells.
        titled = TITLE_BONUS if any(len(t) >= 2 and not t.isascii() and t in in_title for t in search_tokens(q.text)) else 0.0
        for h in heads:
            if (doc_id, h.line) in skip or (within is not None and not within[1] <= h.line <= within[2]):
                continue
            if h.label != asked and compact(asked) not in compact(h.text):
                continue  # the same label in another language on the line: "ตำแหน่งการพัฒนา (Positioning)"
            if h.label != asked and h.label and compact(asked) in compact(h.label):
                continue  # a longer label holding the asked one (`การบรรลุเป้าหมาย` when `เป้าหมาย` is asked)
            body = [h.text, *_body_lines(h, outline.db, h.line + 1, min(h.end, h.line + 40))]
            own = _own_value(h)
            rest = own + " " + " ".join(body[1:])
            valued = re.search(r"\d", own) and _letters(own) >= 2  # `ระยะเวลาดำเนินการ 3 ปี`, not a page number
            if _letters(rest) < MIN_BODY_LETTERS and not valued:
                body = [h.text] + [t for a, b in outline.placed_body(h) for _, t, _ in outline.db.lines(doc_id, a, b)]
                placed = " ".join(body[1:])
                if _letters(placed) < MIN_PLACED_LETTERS and not re.search(r"\d", placed):
                    continue  # a bare label with nothing under it (a matrix cell), even by position on its page
            # What the label belongs to: on a PDF page, the page itself (its header names the agency; lines
            # above may be another agency's); in plain text, the lines just above it.
            on_pdf_page = outline.page_of(doc_id, h.line) is not None
            above, page = page_words(doc_id, h.line) if on_pdf_page else ({
                t for _, text, _ in outline.db.lines(doc_id, max(1, h.line - CONTEXT_LINES), h.line - 1)
                for t in search_tokens(text)}, "")
            context = above | {t for title in h.path for t in search_tokens(title)}
            got = sum(CONTEXT_WEIGHT * w if t in in_title else w if t in h.tokens else CONTEXT_WEIGHT * w
                      if t in context or (page and len(compact(t)) >= 3 and compact(t) in page) else 0.0
                      for t, w in weight.items())
            cover = got / total if total else 1.0
            extra = len({t for t in h.tokens if not t.isascii()} - set(topic) - _label_tokens(labels) - QUESTION_WORDS)
            score = cover - EXTRA_WORD_PENALTY * extra + (SECTION_BONUS if outline.section_of(doc_id, h.line) else 0.0) + titled
            line = compact(strip_markers(h.text))
            if len(line) > len(compact(asked)) + 3 and (line in asked_phrase or _without(line, possessive) in bare_phrase):
                score += PHRASE_BONUS  # the question types the whole label line ("วิสัยทัศน์จังหวัดลำปาง")
            if q.wants_list and sum(bool(_ITEM.match(t)) for t in body[1:]) >= 3:
                score += LIST_BONUS
            if any(d == doc_id and a <= h.line <= b for d, a, b in retrieved):
                score += RETRIEVED_BONUS
            key = (score, -doc_order.get(doc_id, len(doc_order)), -h.line, h)
            if total and cover < MIN_TOPIC_COVER and within is None:
                continue
            if best is None or key[:3] > best[:3]:
                best = key
    return best[3] if best else None


def _without(text: str, words: tuple[str, ...]) -> str:
    """Compact text without the given (possessive) words."""
    for w in words:
        text = text.replace(compact(w), "")
    return text


def _own_value(h: Heading) -> str:
    """What a label line prints after its label (`ระยะเวลาดำเนินการ 3 ปี …` → `3 ปี …`)."""
    return strip_markers(h.text)[len(h.label or ""):]


def _body_lines(h: Heading, db: FactsDB, start: int, end: int) -> list[str]:
    """The lines under a label (start..end), without those that only name a level enclosing it."""
    return [t for _, t, _ in db.lines(h.doc_id, start, end) if not _names_enclosing(h, t)]


def _names_enclosing(h: Heading, text: str) -> bool:
    """Whether a line under a label only prints the name of a section enclosing it (the ministry's or
    agency's name atop the page): not the label's body."""
    flat = compact(text)
    return bool(flat) and any(flat == compact(title) for title in h.path[:-1])


def _letters(text: str) -> int:
    return len(re.findall(r"[\u0E01-\u0E2EA-Za-z]", text))


def section_body(q: Query, labels: list[str], outline: Outline, db: FactsDB, idf: dict[str, float],
                 retrieved: list[tuple[str, int, int]], skip: frozenset[tuple[str, int]] = frozenset(),
                 within: tuple[str, int, int] | None = None) -> Draft | None:
    """The body under the heading the question names (the whole list or text), cited; where the text
    layer prints it away from its heading, the body read by position on the page. Not a heading of `skip`;
    only one inside `within` where given (see best_label_heading)."""
    h = best_label_heading(q, labels, outline, idf, retrieved, db.document_order(), skip, within)
    if h is None:
        return None
    end = outline.body_end(h)
    spans = [(h.line, end)]
    body = " ".join(_body_lines(h, db, h.line + 1, end))
    if _letters(_own_value(h) + " " + body) < MIN_BODY_LETTERS:
        placed = outline.placed_body(h)
        if placed:
            spans = [(h.line, h.line), *placed]
    if spans == [(h.line, h.line)] and len(strip_markers(h.text)) <= len(h.label or "") + 3:
        return None  # a bare heading with nothing under it
    draft = Draft(support=1.0)
    where = " › ".join(p for p in h.path[-2:] if p)
    title = db.titles().get(h.doc_id, h.doc_id)
    parts = [db.evidence(h.doc_id, a, b) for a, b in spans]
    head = _t(q, f"ตาม “{title}”" + (f" ({where})" if where else "") + ":",
              f"According to “{title}”" + (f" ({where})" if where else "") + ":")
    first = parts[0]
    named = Evidence(first.doc_id, first.line_start, first.line_end, first.quote, first.origin, first.score,
                     figures_of(head, list_marks=True))
    draft.say(head, [named], template=True)
    if len(parts) == 1:
        draft.say(" ".join(first.quote.split()), [first])
    else:  # the heading, then its body's runs in reading order, each cited
        draft.say(joined_pieces([" ".join(e.quote.split()) for e in parts]), parts)
    return draft


_NOT_INITIAL = re.compile(r"^[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]")  # a vowel or mark no Thai word starts with


def joined_pieces(pieces: list[str]) -> str:
    """Pieces of text read by position joined with spaces, except where the text layer cut a word between two
    pieces of one row (`…เกษตรนํ้` | `าฝน…`): a piece starting with a vowel or mark goes on the word before it,
    its split sara am made whole."""
    out = ""
    for piece in pieces:
        glue = "" if out and _NOT_INITIAL.match(piece) else " " if out else ""
        out += glue + piece
    return compose_sara_am(out)


def _level_of(text: str) -> str | None:
    """The plan level a heading's title names (program, output …), from the profile."""
    body = compact(strip_markers(text))
    for level in vocabulary().plan_levels:
        if any(body.startswith(compact(w)) for w in (*level.words, *level.english)):
            return level.key
    return None


def project_levels(q: Query, db: FactsDB, outline: Outline) -> Draft | None:
    """Where a project sits: its direction and strategy from the plan graph, else the outline sections
    enclosing its heading (แผนงาน › ผลผลิต/โครงการ) in the document."""
    name = q.project_name or ""
    draft = Draft(support=1.0)
    for p in db.find_projects(name, q.source)[:2]:
        if p.direction is None and p.strategy is None:
            continue
        direction = next((d for d in db.directions() if d["number"] == p.direction and d["cite"]["doc_id"] == p.doc_id), None)
        parts, cites = [], [_ev(p.cite)]
        if direction:
            parts.append(_t(q, f"แนวทางการพัฒนาด้านที่ {p.direction} ({' '.join(direction['title'].split())})",
                            f"development direction {p.direction} ({' '.join(direction['title'].split())})"))
            cites.append(_ev(direction["cite"]))
            strategy = next((s for s in direction["strategies"] if s["number"] == p.strategy), None)
            if strategy:
                parts.append(_t(q, f"กลยุทธ์ที่ {p.strategy} ({' '.join(strategy['title'].split())})",
                                f"strategy {p.strategy} ({' '.join(strategy['title'].split())})"))
                cites.append(_ev(strategy["cite"]))
            elif p.strategy is not None:
                parts.append(_t(q, f"กลยุทธ์ที่ {p.strategy}", f"strategy {p.strategy}"))
        else:
            parts.append(_t(q, f"แนวทางการพัฒนาด้านที่ {p.direction} กลยุทธ์ที่ {p.strategy}",
                            f"development direction {p.direction}, strategy {p.strategy}"))
        draft.say(_t(q, f"{p.name} ({p.source}) อยู่ภายใต้ " + " ".join(parts),
                     f"{p.name} ({p.source}) sits under " + ", ".join(parts)), cites, template=True)
    if draft.sentences:
        return draft
    for score, h in outline.placements(name)[:3]:
        chain = [a for a in outline.ancestors(h) if _level_of(a.text) or a.level <= 2]
        if not chain:
            continue
        title = db.titles().get(h.doc_id, h.doc_id)
        own = db.evidence(h.doc_id, h.line, outline.heading_end(h))
        above = [db.evidence(a.doc_id, a.line, outline.heading_end(a)) for a in chain]
        path = " › ".join(" ".join(e.quote.split()) for e in above)
        draft.say(_t(q, f"ใน “{title}”: {' '.join(own.quote.split())} อยู่ภายใต้ {path}",
                     f"In “{title}”: {' '.join(own.quote.split())} sits under {path}"), [_vouch(own, title), *above],
                  template=True)
    return draft if draft.sentences else None


def level_items(q: Query, db: FactsDB, outline: Outline) -> Draft | None:
    """The items (projects, outputs) directly under a level the question names by title (แผนงาน X)."""
    for score, h in outline.find_titled(q.text):
        if not _level_of(h.text):
            continue
        kids = [k for k in outline.children(h) if _level_of(k.text) in ("output",)]
        if not kids:
            continue
        title = db.titles().get(h.doc_id, h.doc_id)
        draft = Draft(support=1.0)
        head = db.evidence(h.doc_id, h.line, outline.heading_end(h))
        draft.say(_t(q, f"ใน “{title}”: {' '.join(head.quote.split())} มี {len(kids)} รายการ:",
                     f"In “{title}”: {' '.join(head.quote.split())} has {len(kids)} items:"),
                  [_vouch(head, title)], template=True, computed=[str(len(kids))])
        for k in kids:
            e = db.evidence(k.doc_id, k.line, outline.heading_end(k))
            draft.say("• " + " ".join(e.quote.split()), [e])
        return draft
    return None


def merge(first: Draft, second: Draft) -> Draft:
    """One draft answering two parts of a question: the second's sentences after the first's, re-cited
    (a heading sentence the first already said, `ตาม “…” (…):`, is not said twice)."""
    out = Draft(refused=first.refused and second.refused, support=min(first.support, second.support))
    said = {s.text for s in first.sentences if s.template}
    for d in (first, second):
        for sentence in d.sentences:
            if d is second and sentence.template and sentence.text in said:
                continue
            out.say(sentence.text, [d.evidence[i] for i in sentence.cites], sentence.template, sentence.computed)
    return out


OTHER_PART_SHARE = 0.3  # of a two-part question's (idf-weighted) words no answered section holds: another part
OTHER_PART_COVER = 0.6  # of those words a passage on the level's own pages must hold to answer that part


def other_part(q: Query, draft: Draft, lv, levels, db: FactsDB, idf: dict[str, float]) -> Draft:
    """A part of a two-part question that no asked section answers (`ใช้เทคนิคอะไรลดการใช้สารเคมี และทำใน
    พื้นที่ไหน`: the place is a section, the technique is not): the one- or two-line passage on the named
    level's own pages that holds most of the question's other words, added when it holds enough."""
    if asks(q.text) < 2:
        return draft
    said = compact(" ".join([*(s.text for s in draft.sentences), *(levels.title(x) for x in [lv, *lv.ancestors()])]))
    rest = [t for t in key_terms(q) if compact(t) not in said and not t.isdigit()]  # `พื้น` of `พื้นที่` said
    weight, whole = term_weights(rest, idf), term_weights(key_terms(q), idf)
    total = sum(weight.values())
    if not rest or total < OTHER_PART_SHARE * sum(whole.values()):
        return draft
    start, end = levels.own_lines(lv)
    lines = [(n, t) for n, t, _ in db.lines(lv.doc_id, start, end) if t.strip()]
    best: tuple[float, int, int] | None = None
    for i in range(len(lines)):  # windows of one or two lines
        for j in (i, i + 1):
            if j >= len(lines) or lines[j][0] - lines[i][0] > 2:
                break
            text = compact(" ".join(t for _, t in lines[i:j + 1]))
            got = sum(w for t, w in weight.items() if compact(t) in text) / total
            if best is None or got > best[0]:
                best = (got, lines[i][0], lines[j][0])
    if best is not None and best[0] >= OTHER_PART_COVER:
        quote = db.cite(lv.doc_id, best[1], best[2]).quote
        draft.say(" ".join(quote.split()), [Evidence(lv.doc_id, best[1], best[2], quote, "retrieval", best[0])])
    return draft


def unstated_count(q: Query, draft: Draft) -> str | None:
    """The count unit a question asks beside an amount (`กี่สถานี`) that the answer does not state yet; None for
    none, or a money unit."""
    unit = q.unit
    if not unit or unit in vocabulary().units.currency or any(unit in s.text for s in draft.sentences):
        return None
    return unit


def counted_part(q: Query, draft: Draft, lv, levels, db: FactsDB) -> Draft:
    """A count the question asks beside a level's amount (`ทำกี่สถานี ใช้งบเท่าไร`): the one figure the level's own
    lines print in the asked unit (`13 สถานี 30,259,600 บาท`), quoted and cited; nothing when the answer states the
    unit already, or the lines print no figure in it or print it on several lines."""
    unit = unstated_count(q, draft)
    if unit is None:
        return draft
    counted = re.compile(rf"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*{re.escape(unit)}")
    start, end = levels.own_lines(lv)
    # a line printing the unit once, after its figure (not `จังหวัดภาคเหนือ และ 5 จังหวัดภาคใต้`, the 10 wrapped above)
    found = [n for n, text, _ in db.lines(lv.doc_id, start, end)
             if counted.search(thai_digits_to_arabic(text)) and text.count(unit) == 1]
    if len(found) != 1:  # (three items' `1 แห่ง` each are no count of the level's)
        return draft
    n = found[0]
    quote = db.cite(lv.doc_id, n, n).quote
    draft.say(" ".join(quote.split()), [Evidence(lv.doc_id, n, n, quote, "retrieval", 1.0)])
    return draft
