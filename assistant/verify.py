"""Citation verification: every cited span must exist and read as quoted, every sentence must be
supported by what it cites, and every figure must be printed in a cited span, come from the
lookup tool, or be computed from cited figures. Sentences that fail are dropped (and listed).

This runs on every engine's output, so a model's uncited sentence gets the span that supports
it (if one does) and an invented figure never reaches the user.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.lookup import FactsDB
from assistant.passages import figures_of
from assistant.records import Evidence, Sentence
from ingest.tokenize import search_tokens

MIN_SUPPORT = 0.5  # share of a sentence's words found in the spans it cites
_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")


@dataclass
class Checked:
    """Verified sentences (cites are evidence indices) and what was dropped, with the reason."""

    sentences: list[Sentence] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    span_ok: dict[int, bool] = field(default_factory=dict)


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text).strip()


def _same_figure(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def figure_allowed(figure: str, allowed: set[str]) -> bool:
    return any(_same_figure(figure, a) for a in allowed)


def support(text: str, quotes: list[str]) -> float:
    """Share of the sentence's search tokens that occur in the quoted spans (0..1)."""
    return _share(set(search_tokens(strip_markers(text))), set().union(*(search_tokens(q) for q in quotes)))


def _share(words: set[str], seen: set[str]) -> float:
    return len(words & seen) / len(words) if words else 1.0


def span_exists(db: FactsDB, e: Evidence) -> bool:
    """The span is in the stored document and its text is exactly what the evidence quotes."""
    if e.line_start < 1 or e.line_end < e.line_start:
        return False
    stored = db.cite(e.doc_id, e.line_start, e.line_end).quote
    return bool(stored) and " ".join(stored.split()) == " ".join(e.quote.split())


def verify(sentences: list[Sentence], evidence: list[Evidence], db: FactsDB, question: str) -> Checked:
    """Check sentences against their evidence; re-attribute or drop the ones that fail."""
    out = Checked()
    out.span_ok = {i: span_exists(db, e) for i, e in enumerate(evidence)}
    allowed_by = {i: set(figures_of(e.quote, list_marks=True)) | set(e.figures) for i, e in enumerate(evidence)}
    asked = set(figures_of(question))
    quote_words = {i: set(search_tokens(e.quote)) for i, e in enumerate(evidence)}
    seen: set[str] = set()
    for s in sentences:
        if not s.template and s.text in seen:
            continue  # a model repeating itself
        seen.add(s.text)
        cites = [i for i in s.cites if out.span_ok.get(i)]
        if not s.template:
            words = set(search_tokens(strip_markers(s.text)))
            if not cites or _share(words, set().union(*(quote_words[i] for i in cites))) < MIN_SUPPORT:
                shares = {i: _share(words, quote_words[i]) for i in out.span_ok if out.span_ok[i]}
                best = max(shares, key=shares.get, default=None)
                if best is None or shares[best] < MIN_SUPPORT:
                    out.dropped.append(f"unsupported: {strip_markers(s.text)}")
                    continue
                cites = [best]
        allowed = set(asked) | set(s.computed)
        for i in cites:
            allowed |= allowed_by[i]
        invented = [f for f in figures_of(strip_markers(s.text)) if not figure_allowed(f, allowed)]
        if invented:
            # A model may state a figure without citing its span: accept it only if some verified span prints it.
            anywhere = [i for i in out.span_ok if out.span_ok[i] and all(figure_allowed(f, allowed_by[i]) for f in invented)]
            if not anywhere or s.template:
                out.dropped.append(f"figure not in any cited span ({', '.join(invented)}): {strip_markers(s.text)}")
                continue
            cites = cites + [anywhere[0]]
        out.sentences.append(Sentence(s.text, cites, s.computed, s.template))
    return out
