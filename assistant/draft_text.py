"""Phrase handling for drafted rationales: quote whole statements, never a phrase cut mid-way.

A rationale quotes the plan's own statements inside connective sentences. This module finds the
phrase around a figure (its label before it, its unit after it), strips item numbers, tells a
phrase cut mid-way (it ends on a word that needs a continuation, `…ที่มีการ`, or starts on one) or
a "sentence" of bare numbers, and checks that a quoted value is printed in a cited span. The
boundary words come from the vocabulary profile (`[rationale]` in ingest/vocabulary.toml).
"""
from __future__ import annotations

import re

from assistant.passages import figures_of
from ingest.thai_repair import index_form, thai_digits_to_arabic
from ingest.tokenize import words
from ingest.vocabulary import rationale_words, vocabulary

# An item number or bullet at the start of a line: "1.", "1.3", "(2)", "3)", "๑.", "-", "•".
ITEM_MARK = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*(?:[.)]|(?=\s))\s*|[-•–●▪]\s+)")
_NUMBER = re.compile(r"^\(?[+\-]?\d[\d,]*(?:\.\d+)*%?\)?$")
_LETTER = re.compile(r"[\u0E01-\u0E2E\u0E30-\u0E3A\u0E40-\u0E4EA-Za-z]")
_MARKER = re.compile(r"\[\d+\]")
_ITEM_NUMBER = re.compile(r"^\(?\d{1,3}[.)](?!\d)")
_PERCENT = re.compile(r"ร้อยละ|%|percent", re.I)
_YEAR = re.compile(r"^(?:25|19|20)\d\d$")
MAX_PHRASE_CHARS = 220
LEFT_SEGMENTS = 4  # space-separated pieces of label kept before a figure


def clean(text: str) -> str:
    """One line, single spaces."""
    return " ".join(text.split())


def strip_item_mark(text: str) -> str:
    """The statement of a list item without its number or bullet."""
    return clean(ITEM_MARK.sub("", thai_digits_to_arabic(clean(text)), count=1))


def compact(text: str) -> str:
    """Index form without any spaces: how a value is compared with a cited span (wrap-insensitive)."""
    return re.sub(r"\s+", "", index_form(text)).replace("“", "\"").replace("”", "\"")


def found_in(value: str, spans: list[str]) -> bool:
    """The value is printed (spacing aside) inside one of the spans."""
    v = compact(value)
    return bool(v) and any(v in compact(s) for s in spans)


def _edge_words(text: str) -> tuple[str, str]:
    toks = [t for t in words(text) if t.strip() and not re.fullmatch(r"[\W_]+", t)]
    return (toks[0], toks[-1]) if toks else ("", "")


def fragment_reason(text: str) -> str | None:
    """Why a quoted phrase is not a whole statement (None when it is)."""
    t = clean(text)
    if not t:
        return "empty"
    vocab = rationale_words()
    if t.endswith(("…", "...", ":", ",", "/", "(")):
        return "ends with a continuation mark"
    if t.startswith((":", ",", ")", "/", "…", "ๆ", "ฯ")):
        return "starts with a continuation mark"
    if t.count("(") != t.count(")"):
        return "unbalanced parentheses"
    if t.count("“") != t.count("”") or t.count('"') % 2:
        return "unbalanced quotes"
    first, last = _edge_words(t)
    if last.lower() in {w.lower() for w in vocab.dangling_end}:
        return f"ends on “{last}”"
    if first.lower() in {w.lower() for w in vocab.dangling_start}:
        return f"starts on “{first}”"
    if bare_numbers(t):
        return "only numbers"
    return None


def bare_numbers(text: str) -> bool:
    """A sentence of numbers with (almost) no words: `0.17 0.17 [2]`."""
    rest = _MARKER.sub(" ", text)
    for f in figures_of(rest, list_marks=True):
        rest = rest.replace(f, " ")
    rest = re.sub(r"[\d,.\s%()\-–/:]+", " ", index_form(rest))
    return len(_LETTER.findall(rest)) < 6


def phrase_with_figure(text: str, figure: str) -> str | None:
    """The phrase of `text` that states `figure`: a few words of its label before it, the figure and
    its unit word after it; None when that phrase would be a table row or cut mid-way."""
    segments = clean(thai_digits_to_arabic(text)).split(" ")
    at = next((i for i, s in enumerate(segments) if figure in figures_of(s, list_marks=True)), None)
    if at is None or _ITEM_NUMBER.match(segments[at]):
        return None  # an item number ("3.เพื่อ…"), not a figure
    start = at
    while start > 0 and at - start < LEFT_SEGMENTS and (not _NUMBER.match(segments[start - 1]) or _YEAR.match(segments[start - 1])):
        start -= 1
        if ITEM_MARK.match(segments[start] + " "):
            start += 1
            break
    if not any(_LETTER.search(x) for x in segments[start:at]):
        return None  # no label before the figure: a row number or a table cell
    end = at + 1
    if end < len(segments) and segments[end].startswith(vocabulary().years.words):
        return None  # "20 ปี", "ปี 2567": a span of years or a year, not a figure of something
    if end < len(segments) and not _NUMBER.match(segments[end]) and len(segments[end]) <= 16:
        end += 1  # the unit word
    if end < len(segments) and _NUMBER.match(segments[end]):
        return None  # a row of figures: a table, not a statement
    if end == at + 1 and not _PERCENT.search(" ".join(segments[max(0, at - 1):at + 1])):
        return None  # a number with no unit after it ("ภาคเหนือตอนบน 1") is part of a name, not a figure
    for _ in range(3):  # a phrase ending on a word that needs its continuation takes the next piece
        phrase = " ".join(segments[start:end])
        if fragment_reason(phrase) is None or end >= len(segments):
            break
        end += 1
    phrase = " ".join(segments[start:end]).strip(" ,:;")
    first = _edge_words(phrase)[0]
    if first and first.lower() in {w.lower() for w in rationale_words().dangling_start} and phrase.startswith(first):
        phrase = phrase[len(first):].strip()  # a connective opening the phrase is not part of the statement
    if not phrase or _NUMBER.match(phrase.split(" ")[0]):
        return None  # what is left starts with the figure: its label is gone
    if len(phrase) > MAX_PHRASE_CHARS or fragment_reason(phrase) is not None:
        return None
    if len(_LETTER.findall(re.sub(r"[\d,.]+", " ", phrase))) < 6:
        return None
    return phrase


def tidy_name(name: str) -> str:
    """A name as the lookup stores it, without a bracket it leaves open ("… (SME transformation to" → "…")."""
    name = clean(name)
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].rstrip()
    return name


def whole_statement(text: str, max_chars: int = 300) -> str | None:
    """A list item or labelled value as one quotable statement (its first line if it runs long), or None."""
    t = strip_item_mark(text)
    if len(t) > max_chars:
        return None
    return t if fragment_reason(t) is None else None
