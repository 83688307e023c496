"""Compose a rationale (หลักการและเหตุผล) from gathered evidence, in the order of a Thai government
project proposal: ความเป็นมาและสภาพปัญหา → ความสอดคล้องกับแผน → ความจำเป็นของโครงการ.

Each sentence is a template that joins the plan's own statements (quoted whole) with connective
text and cites the spans they come from. A template's connective words are in no source, so it is
verified by its filled-in values: every quoted statement and name must be printed in a cited span
(or be a value of the lookup row it cites), every number must be printed in a cited span or vouched
for by the lookup, no quoted statement may be cut mid-phrase, and no sentence may be bare numbers.
A sentence that fails is dropped and listed in `dropped`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.draft_evidence import Gathered, Piece
from assistant.draft_text import bare_numbers, found_in, fragment_reason, tidy_name
from assistant.passages import figures_of
from assistant.records import Sentence
from assistant.structured_answers import LEVEL_NAMES, Draft
from assistant.verify import figure_allowed

PARTS = {
    "background": ("ความเป็นมาและสภาพปัญหา", "Background and problem"),
    "alignment": ("ความสอดคล้องกับแผน", "Alignment with the plan"),
    "need": ("ความจำเป็นของโครงการ", "Need for the project"),
}
LEVELS = LEVEL_NAMES | {"provincial": ("แผนพัฒนาจังหวัด/กลุ่มจังหวัด", "the provincial/cluster development plan")}
_QUOTE = re.compile(r"“([^”]+)”")
_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
NOTE = ("(ประกอบจากข้อความในแผน ทุกประโยคอ้างอิงแหล่งที่มา โปรดตรวจทานและเรียบเรียงก่อนใช้)",
        "(assembled from the plan's own statements, each cited; review and edit before use)")


@dataclass
class RationaleDraft(Draft):
    """A drafted rationale: the sentences (and their evidence), which part and evidence category each
    sentence belongs to, and the sentences the value check dropped (with the reason)."""

    title: str = ""
    language: str = "th"
    parts: list[str | None] = field(default_factory=list)  # per sentence: background | alignment | need | None (title, headings)
    categories: list[list[str]] = field(default_factory=list)  # per sentence: evidence categories it cites
    dropped: list[str] = field(default_factory=list)
    used: list[int] = field(default_factory=list)  # ids of the pieces stated in kept sentences
    gathered: Gathered | None = None

    def screen(self, sentences: list[Sentence]) -> list[Sentence]:
        """A model's rewrite, checked like the templates before citation verification: every quoted statement
        must be printed in a span the sentence cites (or, uncited, in any span of the draft) and be whole, and no
        sentence may be bare numbers. Our own sentences pass as they are; the others that fail are dropped."""
        own = {id(x) for x in self.sentences} | {x.text for x in self.sentences}
        kept = []
        for sentence in sentences:
            if id(sentence) in own or sentence.text in own:
                kept.append(sentence)
                continue
            text = _MARKER.sub("", sentence.text).strip()
            spans = [self.evidence[i].quote for i in sentence.cites if 0 <= i < len(self.evidence)] or \
                [e.quote for e in self.evidence]
            reason = next((f"quote not in its cited span: “{v}”" for v in _QUOTE.findall(text) if not found_in(v, spans)), None)
            reason = reason or next((f"quote cut mid-phrase ({r}): “{v}”" for v in _QUOTE.findall(text)
                                     if (r := fragment_reason(v))), None)
            reason = reason or ("only numbers" if bare_numbers(text) else None)
            if reason:
                self.dropped.append(f"rewrite: {reason}: {text}")
            else:
                kept.append(sentence)
        return kept

    def heading(self, text: str) -> None:
        self.sentences.append(Sentence(text, [], [], True))
        self.parts.append(None)
        self.categories.append([])


def _t(lang: str, th: str, en: str) -> str:
    return en if lang == "en" else th


def check(text: str, pieces: list[Piece], quoted: list[str], vouched: list[str]) -> str | None:
    """Why a filled-in template sentence fails (None when every value checks out)."""
    spans = [p.evidence.quote for p in pieces]
    for value in quoted:
        if not found_in(value, spans):
            return f"quote not in its cited span: “{value}”"
        reason = fragment_reason(value)
        if reason:
            return f"quote cut mid-phrase ({reason}): “{value}”"
    allowed: set[str] = set()
    for p in pieces:
        allowed |= set(figures_of(p.evidence.quote, list_marks=True)) | set(p.evidence.figures)
    for v in vouched:
        allowed |= set(figures_of(v, list_marks=True))
    invented = [f for f in figures_of(text) if not figure_allowed(f, allowed)]
    if invented:
        return f"figure not in a cited span or the lookup ({', '.join(invented)})"
    if bare_numbers(text):
        return "only numbers"
    return None


def say(d: RationaleDraft, part: str, text: str, pieces: list[Piece], quoted: list[str] | None = None,
        vouched: list[str] | None = None) -> bool:
    """Add a template sentence citing `pieces` if its values check out; else list it as dropped."""
    reason = check(text, pieces, quoted or [], vouched or [])
    if reason:
        d.dropped.append(f"{reason}: {text}")
        return False
    d.say(text, [p.evidence for p in pieces], template=True)
    d.used.extend(id(p) for p in pieces)
    d.parts.append(part)
    d.categories.append(sorted({p.category for p in pieces}))
    return True


def _budget_words(lang: str, p: Piece) -> tuple[str, list[str]]:
    x = p.extra
    year = f" {_t(lang, 'ปีงบประมาณ', 'fiscal year')} {x['year']}" if x.get("year") else ""
    source = f" ({x['source']})" if x.get("source") else ""
    return f"{x['printed']} {x['unit']}{year}{source}", [str(x.get("year") or "")]


def compose(g: Gathered, lang: str) -> RationaleDraft:
    """The rationale's sentences, part by part, from the gathered evidence."""
    d = RationaleDraft(language=lang, gathered=g)
    d.title = (_t(lang, "ร่างหลักการและเหตุผล: ", "Draft rationale: ") + tidy_name(g.project.name)) if g.project else \
        _t(lang, "ร่างหลักการและเหตุผล", "Draft rationale (หลักการและเหตุผล)")
    d.heading(f"{d.title} {_t(lang, *NOTE)}")
    _background(d, g, lang)
    _alignment(d, g, lang)
    _need(d, g, lang)
    return d


def _background(d: RationaleDraft, g: Gathered, lang: str) -> None:
    d.heading(_t(lang, *PARTS["background"]) + ":")
    for p in g.of("situation", "budget")[:1]:
        words, years = _budget_words(lang, p)
        say(d, "background", _t(lang, f"{p.text} เป็นโครงการที่แผนตั้งงบประมาณไว้ {words}",
                                 f"{p.text} is a project the plan budgets at {words}."), [p], vouched=[p.text] + years)
    for p in g.of("situation", "objective")[:1]:
        say(d, "background", _t(lang, f"แบบย่อโครงการระบุวัตถุประสงค์ไว้ว่า “{p.text}”",
                                 f"The project brief states its objective as “{p.text}”."), [p], [p.text])
    for i, p in enumerate(g.of("situation", "statistic")):
        say(d, "background", _t(lang, (f"ข้อมูลสถานการณ์ในแผนระบุว่า “{p.text}”" if i == 0 else f"นอกจากนี้ แผนยังระบุว่า “{p.text}”"),
                                 (f"The plan's situation data state that “{p.text}”." if i == 0 else f"It also states that “{p.text}”.")),
            [p], [p.text])
    after_situation = any(part == "background" for part in d.parts)
    for i, p in enumerate(g.of("problem")):
        lead = _t(lang, "ขณะเดียวกัน แผน" if after_situation else "แผน", "At the same time, the plan" if after_situation else "The plan")
        say(d, "background", _t(lang, (f"{lead}ได้วิเคราะห์{p.label}ไว้ว่า “{p.text}”" if i == 0 else f"และระบุ{p.label}ว่า “{p.text}”"),
                                 (f"{lead} records under “{p.label}”: “{p.text}”." if i == 0
                                  else f"It also records under “{p.label}”: “{p.text}”.")),
            [p] + ([p.extra["label_piece"]] if "label_piece" in p.extra else []),
            [p.text] + ([p.label] if "label_piece" in p.extra else []))


def _alignment(d: RationaleDraft, g: Gathered, lang: str) -> None:
    d.heading(_t(lang, *PARTS["alignment"]) + ":")
    subject = _t(lang, "โครงการนี้", "The project")
    for p in g.of("alignment", "vision"):
        say(d, "alignment", _t(lang, f"{subject}สนับสนุนวิสัยทัศน์ของแผน “{p.text}”", f"{subject} supports the plan's vision, “{p.text}”."),
            [p], [p.text])
    direction = g.of("alignment", "direction")
    for p in direction:
        say(d, "alignment", _t(lang, f"{subject}สอดคล้องกับ{p.text}", f"{subject} serves “{p.text}” of the plan."), [p], [p.text])
    for p in g.of("alignment", "goal"):
        say(d, "alignment", _t(lang, f"ซึ่งมีเป้าประสงค์ “{p.text}”", f"Its goal is “{p.text}”."), [p], [p.text])
    for p in g.of("alignment", "kpi"):
        target = p.extra.get("target")
        tail = _t(lang, f" ค่าเป้าหมาย {target}", f" (target {target})") if target else ""
        say(d, "alignment", _t(lang, f"โดยมีตัวชี้วัด “{p.text}”{tail}", f"One of its indicators is “{p.text}”{tail}."), [p], [p.text])
    for p in g.of("alignment", "strategy"):
        say(d, "alignment", _t(lang, f"ภายใต้{p.text}", f"It falls under “{p.text}”."), [p], [p.text])
    for p in g.of("alignment", "plan_level"):
        say(d, "alignment", _t(lang, f"ในเอกสารงบประมาณ งานด้านนี้อยู่ภายใต้ “{p.text}”", f"In the document this work sits under “{p.text}”."),
            [p], [p.text])
    links = g.of("alignment", "link")
    for i, p in enumerate(links):
        level = LEVELS.get(p.label, (p.label, p.label))
        lead = _t(lang, "ในระดับแผนที่สูงขึ้น แผนเชื่อมโยงกับ" if i == 0 else "และเชื่อมโยงกับ",
                  "Among higher plans, the plan links to " if i == 0 else "It also links to ")
        say(d, "alignment", _t(lang, f"{lead}{level[0]} “{p.text}”", f"{lead}{level[1]}: “{p.text}”."), [p], [p.text])


def _need(d: RationaleDraft, g: Gathered, lang: str) -> None:
    d.heading(_t(lang, *PARTS["need"]) + ":")
    for p in g.of("precedent", "result"):
        section = p.extra.get("section") or ""
        who = p.label or _t(lang, "โครงการที่ผ่านมา", "an earlier project")
        say(d, "need", _t(lang, f"ผลการดำเนินงานที่ผ่านมาของ{who} รายงานว่า “{p.text}”",
                          f"Reported results of {who} state “{p.text}”."), [p], [p.text], vouched=[who, section])
    for p in g.of("precedent", "funded"):
        say(d, "need", _t(lang, f"เอกสารได้ตั้งงบประมาณไว้สำหรับงานในแนวเดียวกัน ได้แก่ “{p.text}”",
                          f"The document already budgets work on the same theme: “{p.text}”."), [p], [p.text])
    for p in g.of("precedent", "project") + g.of("precedent", "budget_item"):
        words, years = _budget_words(lang, p)
        say(d, "need", _t(lang, f"แผนยังตั้งงบประมาณให้{p.text} ในแนวทางเดียวกัน {words}",
                          f"The plan also funds {p.text} on the same theme: {words}."), [p], vouched=[p.text] + years)
    def kept(pieces: list[Piece]) -> list[Piece]:
        return [p for p in pieces if id(p) in d.used]

    problems, goals = kept(g.of("problem")), kept(g.of("alignment", "goal") + g.of("alignment", "direction")[:1])
    precedent = kept(g.of("precedent"))
    basis = problems[:1] + goals[:1] + precedent[:1]
    if basis:
        because = []
        if problems:
            because.append(_t(lang, "แก้ไขปัญหาที่แผนระบุข้างต้น", "address the problems the plan records above"))
        if goals:
            because.append(_t(lang, "สนับสนุนให้บรรลุเป้าประสงค์ของแผน", "help reach the plan's goal"))
        if precedent:
            because.append(_t(lang, "ต่อยอดผลการดำเนินงานที่ผ่านมา", "build on the results reported so far"))
        joined = _t(lang, " และ".join(because), ", ".join(because[:-1]) + (" and " if len(because) > 1 else "") + because[-1])
        say(d, "need", _t(lang, f"ด้วยเหตุนี้ จึงมีความจำเป็นต้องดำเนินโครงการนี้ เพื่อ{joined}",
                          f"The project is therefore needed to {joined}."), basis)
