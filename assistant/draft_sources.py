"""Where a rationale's evidence is read from, besides the facts: each document's outline (its stored
document model's sections), the labelled blocks a plan prints (วิสัยทัศน์, จุดอ่อน, อุปสรรค … with the
numbered items under them; labels from `[rationale]` in the vocabulary profile), and the topic's key
terms weighted by idf, which score how much of the topic a statement carries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.draft_text import strip_item_mark
from assistant.passages import key_terms, match_tokens, term_weights
from assistant.route import Query
from ingest.document import load_model, model_path
from ingest.records import Section
from ingest.thai_repair import join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import alternation, rationale_words, vocabulary

LABEL_REST_CHARS = 28  # a label line: the label word and at most this much after it ("จุดอ่อน (Weaknesses)")
BLOCK_LINES = 80  # how far a labelled block runs at most
PARAGRAPH_INDENT = "   "  # a text line opening a new paragraph (plain-text plans indent it)
ITEM_START = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*(?:[.)]|(?=\s))\s|\(\d{1,3}\)\s|[-•–●▪]\s)")


class Outline:
    """A document's sections (from its stored document model): the heading lines and the path at a line."""

    def __init__(self, sections: list[Section]):
        self.sections = sorted(sections, key=lambda s: (s.line_start, -s.line_end))
        self.heading_lines = {s.line_start for s in self.sections if s.path}

    def path_at(self, n: int) -> list[str]:
        best: Section | None = None
        for s in self.sections:
            if s.line_start > n:
                break
            if s.line_end >= n and (best is None or len(s.path) >= len(best.path)):
                best = s
        return list(best.path) if best else []

    def section_starting(self, n: int) -> Section | None:
        return next((s for s in self.sections if s.line_start == n and s.path), None)


def load_outlines(documents: Path | None, doc_ids: list[str]) -> dict[str, Outline]:
    """Outlines of the documents, read from the generation's stored document models (missing: empty)."""
    out: dict[str, Outline] = {}
    for doc_id in doc_ids:
        path = model_path(documents, doc_id) if documents else None
        out[doc_id] = Outline(load_model(path).sections if path and path.is_file() else [])
    return out


class Topic:
    """The topic's key terms and their idf weights; scores how much of the topic a text carries."""

    def __init__(self, q: Query, idf: dict[str, float], extra_text: str = ""):
        core = key_terms(q)
        known = [t for t in core if t in idf]
        core = known or core  # words no document uses (an English request's "help", "their") match nothing: left out
        if q.language == "en" and any(not t.isascii() for t in core):
            # An English request's words that stayed English ("products") are its wording; the plan's
            # own terms are the Thai ones it was translated into.
            core = [t for t in core if not t.isascii()]
        self.core = term_weights(core, idf)
        extra = [t for t in key_terms(Query(extra_text, extra_text, q.language)) if t in idf and t not in self.core] \
            if extra_text else []
        self.weight = self.core | term_weights(extra, idf)
        self.terms = list(self.weight)
        self.total = sum(self.weight.values()) or 1.0
        self.core_total = sum(self.core.values()) or 1.0

    def share(self, text: str) -> float:
        """Share of the topic's weight (its own words and, for a project, its objectives' words) in text."""
        toks = match_tokens(text)
        return sum(w for t, w in self.weight.items() if t in toks) / self.total

    def core_share(self, text: str) -> float:
        """Share of the weight of the topic's own words (the request or the project name) in text."""
        toks = match_tokens(text)
        return sum(w for t, w in self.core.items() if t in toks) / self.core_total


# -- labelled blocks (vision, weaknesses, threats, stated problems) ------------------------------------
def _label_of(line: str, labels: tuple[str, ...]) -> str | None:
    text = strip_item_mark(line)
    m = re.match(alternation(labels), text)
    if m and len(text) - m.end() <= LABEL_REST_CHARS:
        return m.group(0)
    return None


@dataclass
class Block:
    label: str
    kind: str  # vision | problem | other
    line: int  # the label line
    items: list[tuple[int, int, str]]  # (start, end, text) of each item under it


def labelled_blocks(doc_lines: list[tuple[int, str]], outline: Outline) -> list[Block]:
    """Blocks that start at a label line (vocabulary `[rationale]`) and run to the next label or heading."""
    words = rationale_words()
    kinds = (("vision", words.vision_labels), ("problem", words.problem_labels), ("other", words.other_labels))
    every = words.vision_labels + words.problem_labels + words.other_labels
    unit_re = re.compile(alternation([w for lv in vocabulary().plan_levels for w in lv.words]))
    blocks: list[Block] = []
    i = 0
    while i < len(doc_lines):
        n, text = doc_lines[i]
        found = next(((k, lab) for k, labels in kinds if (lab := _label_of(text, labels))), None)
        if not found or not text.strip():
            i += 1
            continue
        kind, label = found
        body: list[tuple[int, str]] = []
        j = i + 1
        while j < len(doc_lines) and len(body) < BLOCK_LINES:
            m, t = doc_lines[j]
            if t.strip() and (_label_of(t, every) or m in outline.heading_lines or unit_re.match(strip_item_mark(t))):
                break  # the next label, a heading, or the next plan unit (โครงการ…, แผนงาน…) ends the block
            if body and t.startswith(PARAGRAPH_INDENT) and not doc_lines[j - 1][1].strip() \
                    and not ITEM_START.match(thai_digits_to_arabic(t)):
                break  # an indented paragraph after a blank line: the list is over
            if t.strip():
                body.append((m, t))
            j += 1
        blocks.append(Block(label, kind, n, list_items(body)))
        i = j if j > i + 1 else i + 1
    return blocks


def list_items(body: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    items: list[list[tuple[int, str]]] = []
    for n, t in body:
        if not items or ITEM_START.match(thai_digits_to_arabic(t)):
            items.append([])
        items[-1].append((n, t))
    return [(it[0][0], it[-1][0], join_wrapped_lines([t for _, t in it])) for it in items]
