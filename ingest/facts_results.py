"""Reported results (ผลการดำเนินงาน): in sections whose heading reports results, the groups of
projects (`โครงการจาก กตร. (3 โครงการ)`), the projects listed under them, and every statement
of a counted figure (`จำนวน 25 ราย`, `ร้อยละ 16.24`), each with its line.
"""
from __future__ import annotations

import re

from ingest.facts_records import ResultFigure, ResultGroup
from ingest.facts_tables import NUMBER
from ingest.records import Section
from ingest.thai_repair import DIGIT_CLASS as _D, thai_digits_to_arabic
from ingest.vocabulary import alternation, vocabulary

RESULT_SECTION_RE = re.compile(r"ผลการดำเนินงาน|สรุปผล|รายงานผล")
GROUP_RE = re.compile(rf"^\s*(\S.*?)\s*\(\s*([{_D}]+)\s*โครงการ\s*\)\s*$")
PROJECT_RE = re.compile(rf"^\s*[{_D}]{{1,2}}[.)]\s*(โครงการ\S.*)$")
UNITS = alternation([u for u in vocabulary().units.count if any(ch.isalpha() for ch in u)])  # count units (words)
FIGURE_RE = re.compile(rf"(?:จำนวน(?:ทั้งสิ้น)?|รวม(?:ทั้งสิ้น)?)\s*({NUMBER})\s*({UNITS})|ร้อยละ\s*({NUMBER})")


def parse_results(lines: list[str], sections: list[Section]) -> tuple[list[ResultGroup], list[ResultFigure]]:
    """Result groups (printed vs listed project counts) and figure statements in result sections."""
    groups: list[ResultGroup] = []
    figures: list[ResultFigure] = []
    for sec in sections:
        if not sec.path or not RESULT_SECTION_RE.search(sec.path[-1]):
            continue
        label = sec.path[-1]
        group: ResultGroup | None = None
        project: str | None = None
        for n in range(sec.line_start, sec.line_end + 1):
            line = lines[n - 1].strip()
            if not line:
                continue
            m = GROUP_RE.match(line)
            if m and len(line) < 80:
                group = ResultGroup(label, m.group(1), int(thai_digits_to_arabic(m.group(2))), 0, n)
                groups.append(group)
                project = None
                continue
            m = PROJECT_RE.match(line)
            if m:
                project = " ".join(m.group(1).split())
                if group is not None:
                    group.listed_count += 1
                continue
            for f in FIGURE_RE.finditer(line):
                value = f.group(1) or f.group(3)
                unit = f.group(2) or "ร้อยละ"
                figures.append(ResultFigure(label, group.label if group else None, project,
                                            thai_digits_to_arabic(value), unit, line, n))
    return groups, figures
