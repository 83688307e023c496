"""Query normalisation: the same repair and index form as the documents, plus English plan
vocabulary mapped to the Thai terms plans use, so an English question can match Thai text.
"""
from __future__ import annotations

import re

from ingest.thai_repair import index_form, repair_line, thai_digits_to_arabic
from ingest.vocabulary import english_terms, vocabulary

# English plan vocabulary → Thai, from the one profile (`[english_terms]` of ingest/vocabulary.toml); a term's
# plural (`incomes`, `classes`) is read as the term.
EN_TH_GLOSSARY: dict[str, str] = english_terms()
_GLOSSARY_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(EN_TH_GLOSSARY, key=len, reverse=True)) + r")(?:e?s)?\b",
    re.IGNORECASE,
)


def glossed_terms(text: str) -> list[str]:
    """The Thai plan terms for the English words of a text, each once, in the order typed."""
    return list(dict.fromkeys(EN_TH_GLOSSARY[m.group(1).lower()] for m in _GLOSSARY_RE.finditer(text)))


def expand_english(text: str) -> str:
    """Append the Thai plan terms for English words found in the question (original kept)."""
    found = glossed_terms(text)
    return f"{text} {' '.join(found)}" if found else text


def translate_english(text: str) -> str:
    """Replace English plan vocabulary by its Thai term (for weighing what a question is about)."""
    return _GLOSSARY_RE.sub(lambda m: EN_TH_GLOSSARY[m.group(1).lower()], text)


_YEAR_WORD = r"(?:ปี|ปีงบ|ปีงบประมาณ|พ\.ศ\.)"  # a word a year is typed after
_SHORT_YEAR = re.compile(rf"({_YEAR_WORD}\s*)([0-9๐-๙]{{2}})(?![0-9๐-๙])")
_SHORT_YEAR_BEFORE = re.compile(rf"{_YEAR_WORD}\s*(?:25|๒๕)[0-9๐-๙]{{2}}$")  # a full year typed after one, at the end


# a year, then a further short year joined to it (`ปี 64 กับ 65`, `ปี 64-65`, `ปี 64, 65 และ 66`)
_JOINED_SHORT_YEAR = re.compile(r"(?:25|๒๕)[0-9๐-๙]{2}\s*(?:กับ|และ|หรือ|ถึง|-|–|,)\s*([0-9๐-๙]{2})(?![0-9๐-๙.,])")


def full_years(text: str) -> str:
    """`ปี 67` → `ปี 2567`, `ปี 64 กับ 65` → `ปี 2564 กับ 2565`: documents print Buddhist-era years in full."""
    text = _SHORT_YEAR.sub(lambda m: m.group(1) + "25" + m.group(2), text)
    at = 0
    while joined := _JOINED_SHORT_YEAR.search(text, at):
        led = _SHORT_YEAR_BEFORE.search(text[:joined.start() + 4]) or joined.start() == at > 0
        at = joined.start(1)
        if led:
            text = text[:at] + "25" + text[at:]
        else:
            at = joined.end()
    return text


_CE_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,])")


def be_years(text: str) -> str:
    """`2021` → `2564`: an English question's common-era years as the Buddhist-era years documents print."""
    return _CE_YEAR.sub(lambda m: str(int(m.group(1)) + 543), text)


def normalize_query(question: str) -> str:
    """Repair Thai damage, add Thai terms for English plan vocabulary, map digits to index form."""
    return index_form(expand_english(full_years(repair_line(" ".join(question.split())))))


def _month_names() -> dict[str, str]:
    """Each short or English month name (`ม.ค.`, `มค`, `January`), lower-cased, → the full Thai name documents print:
    the profile's `[years] months` lists the twelve full Thai names, then the short ones, then the English ones."""
    months = vocabulary().years.months
    full = months[:12]
    out: dict[str, str] = {}
    for block in range(1, len(months) // 12):
        for i, name in enumerate(months[12 * block:12 * block + 12]):
            out[name.lower()] = full[i]
            out[name.replace(".", "").lower()] = full[i]  # `มค` typed without its dots
    return out


_MONTHS = _month_names()
_DATE = re.compile(r"(?<![0-9๐-๙])([0-9๐-๙]{1,2})\s*(" + "|".join(re.escape(k) for k in sorted(_MONTHS, key=len, reverse=True))
                   + r")(?![\u0E00-\u0E7FA-Za-z])\s*([0-9๐-๙]{2,4})?", re.I)


def full_dates(text: str) -> str:
    """A date typed short written as documents print it (`๓๑ มค ๖๖` → `31 มกราคม 2566`): the day, the month's full
    Thai name, a two-digit year as its Buddhist-era year."""
    def one(m: re.Match) -> str:
        year = thai_digits_to_arabic(m.group(3) or "")
        year = f"25{year}" if len(year) == 2 else year
        return " ".join(p for p in (thai_digits_to_arabic(m.group(1)), _MONTHS[m.group(2).lower()], year) if p)
    return _DATE.sub(one, text)
