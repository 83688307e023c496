"""Read project briefs (โครงการแบบย่อ): the numbered fields of the standard Thai government
project form, the funding group/year header printed above a run of briefs, and the budget.
"""
from __future__ import annotations

import re

from ingest.facts_records import Amount, Brief, TextItem
from ingest.facts_tables import NUMBER, classify_source
from ingest.structure import BRIEF_GROUP_RE, BRIEF_RE, brief_name
from ingest.thai_repair import DIGIT_CLASS as _D, join_wrapped_lines, thai_digits_to_arabic
from ingest.vocabulary import alternation, vocabulary

_V = vocabulary()
YEAR_RE = re.compile(rf"{alternation(_V.table_words.brief_year_words)}\s*((?:{alternation(_V.years.era_prefixes)})[{_D}]{{2}})")
AMOUNT_RE = re.compile(rf"({NUMBER})\s*({alternation([w for w in _V.units.currency if not w.isascii()])})")
FIELDS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(rf"^\s*[{_D}]{{1,2}}\s*\.\s*(?:{pattern})"))
    for name, pattern in [
        ("name", r"ชื่อโครงการ"),
        ("rationale", r"ความสำคัญ|หลักการ"),
        ("objectives", r"วัตถุประสงค์"),
        ("outputs", r"ผลผลิต|ผลลัพธ์|เป้าหมาย"),
        ("kpis", r"ตัวชี้วัด"),
        ("link", r"ความเชื่อมโยง|ความสอดคล้อง"),
        ("duration", r"ระยะเวลา"),
        ("activities", r"กิจกรรม|วิธีดำเนินการ|ขั้นตอน"),
        ("budget", r"งบประมาณ"),
        ("owner", r"ผู้รับผิดชอบ|หน่วยงานรับผิดชอบ|หน่วยงานดำเนินการ"),
    ]
]


def _field_of(line: str) -> str | None:
    for name, pattern in FIELDS:
        if pattern.match(line):
            return name
    return None


def parse_briefs(lines: list[str], stop_lines: set[int]) -> list[Brief]:
    """All briefs in the document. A brief runs from its `ชื่อโครงการ` field to the next brief,
    the next funding header, or the next outline heading in `stop_lines` (1-based)."""
    starts = [n for n, line in enumerate(lines, 1) if BRIEF_RE.match(line.strip())]
    headers = {n: m for n, line in enumerate(lines, 1) if (m := BRIEF_GROUP_RE.match(line))}
    briefs: list[Brief] = []
    header_text: str | None = None
    header_year: int | None = None
    header_scan = 1
    for k, start in enumerate(starts):
        # The latest funding header above this brief applies to it (and to following briefs).
        for n in range(header_scan, start):
            if n in headers:
                header_text = lines[n - 1].strip()
                header_year = int(thai_digits_to_arabic(headers[n].group(1)))
        header_scan = start
        limit = starts[k + 1] - 1 if k + 1 < len(starts) else len(lines)
        end = start
        for n in range(start + 1, limit + 1):
            if n in headers or n in stop_lines:
                break
            if lines[n - 1].strip():
                end = n
        brief = Brief(
            name=brief_name(lines, start - 1, BRIEF_RE.match(lines[start - 1].strip()).group(1)),
            source=classify_source(header_text) if header_text else None,
            source_text=header_text,
            year=header_year,
            line_start=start,
            line_end=end,
        )
        _read_fields(brief, lines)
        briefs.append(brief)
    return briefs


def _read_fields(brief: Brief, lines: list[str]) -> None:
    current: str | None = None
    spans: dict[str, list[int]] = {}
    for n in range(brief.line_start, brief.line_end + 1):
        name = _field_of(lines[n - 1])
        if name and name not in spans:
            current = name
            spans[name] = [n, n]
        elif current and lines[n - 1].strip():
            spans[current][1] = n
    for name, (a, b) in spans.items():
        brief.fields[name] = TextItem(join_wrapped_lines(lines[a - 1:b]), a, b)
    budget = spans.get("budget")
    if budget:
        for n in range(budget[0], budget[1] + 1):
            m = AMOUNT_RE.search(lines[n - 1])
            if m:
                brief.amount = Amount(thai_digits_to_arabic(m.group(1)), m.group(2), None, n, lines[n - 1].strip())
                break
    if brief.year is None and "duration" in brief.fields:
        m = YEAR_RE.search(brief.fields["duration"].text)
        if m:
            brief.year = int(thai_digits_to_arabic(m.group(1)))
    if brief.amount is not None:
        brief.amount.year = brief.year
