"""Conversation: resolve a follow-up ("แล้วปี 2568 ล่ะ", "what about the ministry budget?") against the
previous question, so every turn is answered as a complete question."""
from __future__ import annotations

import re

from assistant.route import _source, _years, project_name_in

_FOLLOWUP_START = re.compile(r"^(?:แล้ว|และ|ส่วน|ถ้า|กรณี|what about|how about|and\b|and for|and in|same for)", re.I)
_FOLLOWUP_END = re.compile(r"(?:ล่ะ|หละ|ละ|บ้างล่ะ|ด้วย)\s*[?？]?\s*$")
_FILLER = re.compile(r"^(?:แล้ว|และ|ส่วน|what about|how about|and for|and in|and|same for)\s*|\s*(?:ล่ะ|หละ|ละ)\s*[?？]?\s*$", re.I)
_YEAR_IN_TEXT = re.compile(r"((?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.|FY)\s*)?(?:25|20)?[0-9๐-๙]{2}\b", re.I)
_SOURCE_IN_TEXT = re.compile(r"งบ(?:ประมาณ)?\s*(?:กลุ่มจังหวัด|จังหวัด|กระทรวง(?:/กรม)?|กรม)|ของ(?:กระทรวง|กรม)")


def is_followup(question: str) -> bool:
    """A short turn that leans on the previous one: starts with แล้ว/and/what about, or ends with ล่ะ."""
    text = question.strip()
    if project_name_in(text):
        return False
    return bool(_FOLLOWUP_START.search(text) or _FOLLOWUP_END.search(text)) and len(text) <= 80


def resolve_followup(question: str, previous: str | None) -> str:
    """The complete question a follow-up stands for; other questions are returned unchanged.

    A new year replaces the previous question's year; a new funding source replaces its source;
    anything else is appended to the previous question.
    """
    if not previous or not is_followup(question):
        return question
    rest = _FILLER.sub("", question.strip()).strip()
    resolved = previous
    years = _years(rest)
    if years:
        year_text = str(years[0])
        if _years(previous):
            resolved = _replace_years(previous, year_text)
        else:
            resolved = f"{previous} ปี {year_text}"
        rest = _YEAR_IN_TEXT.sub("", rest).strip()
    source = _source(rest)
    if source:
        match = _SOURCE_IN_TEXT.search(rest)
        new = match.group(0) if match else source
        resolved = _SOURCE_IN_TEXT.sub(new, resolved, count=1) if _SOURCE_IN_TEXT.search(resolved) else f"{resolved} {new}"
        rest = _SOURCE_IN_TEXT.sub("", rest).strip()
    if rest and not years and not source:
        resolved = f"{resolved} {rest}"
    return " ".join(resolved.split())


def _replace_years(text: str, year: str) -> str:
    def swap(m: re.Match) -> str:
        return (m.group(1) or "") + year

    out, n = re.subn(r"((?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.|FY)\s*)(?:25|20)?[0-9๐-๙]{2}\b|\b(?:25[0-9๐-๙]{2})\b", swap, text, flags=re.I)
    return out if n else f"{text} ปี {year}"
