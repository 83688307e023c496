"""Scoring one answer against one gold question: exact, judge-free checks.

- correct: every `must_contain` item (alternatives split by `|`) is in the answer after
  normalising Thai digits, thousands commas, whitespace and tone-mark order;
- citation precision: share of citations overlapping the gold evidence lines;
- citation support: share of citations the pipeline verified;
- invented figures: numbers in the answer that no cited span prints, the question does not
  contain, and the pipeline does not list as looked-up or computed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.passages import figures_of
from assistant.verify import figure_allowed, strip_markers
from ingest.thai_repair import reorder_marks, thai_digits_to_arabic

_SPACE = re.compile(r"\s+")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")


def normalize(text: str) -> str:
    """Thai digits → Arabic, no thousands commas, no whitespace, vowel-before-tone order, lower case."""
    text = reorder_marks(thai_digits_to_arabic(text))
    return _SPACE.sub("", _DIGIT_COMMA.sub("", text)).lower()


def contains_all(answer: str, must_contain: list[str]) -> tuple[bool, list[str]]:
    """Whether every item (any of its `|` alternatives) is in the answer; and the missing items."""
    norm = normalize(answer)
    missing = [item for item in must_contain if not any(normalize(alt) in norm for alt in item.split("|") if alt)]
    return not missing, missing


def overlaps(start: int, end: int, spans: list[list[int]]) -> bool:
    return any(start <= b and a <= end for a, b in spans)


def invented_figures(answer: dict, question: str) -> list[str]:
    """Figures stated in the answer that nothing vouches for."""
    allowed = set(figures_of(question))
    for c in answer.get("citations", []):
        allowed |= set(figures_of(c["quote"], list_marks=True))
    allowed |= {f["value"] for f in answer.get("figures", []) if f["provenance"] in ("lookup", "computed")}
    return [f for f in figures_of(strip_markers(answer.get("answer", ""))) if not figure_allowed(f, allowed)]


@dataclass
class Score:
    id: str
    category: str
    correct: bool
    missing: list[str]
    refused: bool
    citations: int
    citations_on_gold: int
    citations_verified: int
    invented: list[str] = field(default_factory=list)
    retrieval_rank: int | None = None  # 1-based rank of the first retrieved chunk on gold evidence
    seconds: float = 0.0


def score_answer(gold: dict, answer: dict, retrieval_rank: int | None = None, seconds: float = 0.0) -> Score:
    """Score an `Answer.to_dict()` against a gold question record."""
    ok, missing = contains_all(answer.get("answer", ""), gold.get("must_contain", []))
    cites = answer.get("citations", [])
    spans = gold.get("evidence_lines", [])
    return Score(
        id=gold["id"], category=gold.get("category", "uncategorised"), correct=ok, missing=missing,
        refused=bool(answer.get("refused")), citations=len(cites),
        citations_on_gold=sum(overlaps(c["line_start"], c["line_end"], spans) for c in cites),
        citations_verified=sum(bool(c.get("verified")) for c in cites),
        invented=invented_figures(answer, gold["question"]), retrieval_rank=retrieval_rank, seconds=seconds,
    )
