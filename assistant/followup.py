"""Conversation: resolve a follow-up ("แล้วปี 2568 ล่ะ", "what about the ministry budget?") against the
previous question, so every turn is answered as a complete question."""
from __future__ import annotations

import re

from assistant.lookup import split_hints
from assistant.route import _years, project_name_in, source_in

_FOLLOWUP_START = re.compile(r"^(?:แล้ว|และ|ส่วน|ถ้า|กรณี|what about|how about|and\b|and for|and in|same for)", re.I)
_FOLLOWUP_END = re.compile(r"(?:ล่ะ|หละ|ละ|บ้างล่ะ|ด้วย)\s*[?？]?\s*$")
_FILLER = re.compile(r"^(?:แล้ว|และ|ส่วน|what about|how about|and for|and in|and|same for)\s*|\s*(?:ล่ะ|หละ|ละ)\s*[?？]?\s*$", re.I)
_YEAR_IN_TEXT = re.compile(r"((?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.|FY)\s*)?(?:25|20)?[0-9๐-๙]{2}\b", re.I)
FOLLOWUP_CHARS = 80  # a follow-up is a short turn
_SOURCE_IN_TEXT = re.compile(r"งบ(?:ประมาณ)?\s*(?:กลุ่มจังหวัด|จังหวัด|กระทรวง(?:/กรม)?|กรม)|ของ(?:กระทรวง|กรม)")


def is_followup(question: str) -> bool:
    """A short turn that leans on the previous one: starts with แล้ว/and/what about, or ends with ล่ะ."""
    text = question.strip()
    if project_name_in(text):
        return False
    return bool(_FOLLOWUP_START.search(text) or _FOLLOWUP_END.search(text)) and len(text) <= FOLLOWUP_CHARS


def resolve_followup(question: str, previous: str | None) -> str:
    """The complete question a follow-up stands for; other questions are returned unchanged.

    A new year replaces the previous question's year; a new funding source replaces its source;
    anything else is appended to the previous question.
    """
    if not previous:
        return question
    switched = _switch_project(question, previous)  # "แล้วโครงการ Y ล่ะ": the previous question about Y
    if switched is None and not is_followup(question):
        return question
    resolved, rest = switched or (previous, _FILLER.sub("", question.strip()).strip())
    years = _years(rest)
    if years:
        year_text = str(years[0])
        if _years(resolved):
            resolved = _replace_years(resolved, year_text)
        else:
            resolved = f"{resolved} ปี {year_text}"
        rest = _YEAR_IN_TEXT.sub("", rest).strip()
    source = source_in(rest)
    if source:
        match = _SOURCE_IN_TEXT.search(rest)
        new = match.group(0) if match else source
        resolved = _SOURCE_IN_TEXT.sub(new, resolved, count=1) if _SOURCE_IN_TEXT.search(resolved) else f"{resolved} {new}"
        rest = _SOURCE_IN_TEXT.sub("", rest).strip()
    if rest and not years and not source:
        resolved = f"{resolved} {rest}"
    return " ".join(resolved.split())


def _switch_project(question: str, previous: str) -> tuple[str, str] | None:
    """A follow-up that names another project ("แล้วโครงการ Eco Town ล่ะ", "what about the X project?"):
    the previous question with that project in place of the one it named, and what else the follow-up says
    (a year, a source); None when it is not such a follow-up."""
    text = question.strip()
    if not (_FOLLOWUP_START.search(text) or _FOLLOWUP_END.search(text)) or len(text) > FOLLOWUP_CHARS:
        return None
    core = _FILLER.sub("", text).strip(" ?？")
    new, old = project_name_in(core), project_name_in(previous)
    new, old = (split_hints(n)[0].strip() if n else n for n in (new, old))  # the names without a source typed
    if not new or not old or old not in previous or new == old:
        return None
    rest = re.sub(r"(?:the\s+)?(?:โครงการ\s*)?" + re.escape(new) + r"(?:\s+project)?", " ", core, flags=re.I)
    return " ".join(previous.replace(old, f" {new} ", 1).split()), " ".join(rest.split())


def _replace_years(text: str, year: str) -> str:
    def swap(m: re.Match) -> str:
        return (m.group(1) or "") + year

    out, n = re.subn(r"((?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.|FY)\s*)(?:25|20)?[0-9๐-๙]{2}\b|\b(?:25[0-9๐-๙]{2})\b", swap, text, flags=re.I)
    return out if n else f"{text} ปี {year}"
