"""A drafted rationale as a Word document (.docx) or Markdown, ready to paste into a proposal.

Word renders Thai with the complex-script font and size (`w:rFonts w:cs`, `w:szCs`); python-docx's
`font.name` / `font.size` set only the Latin ones, so every run here gets all four font slots
(ascii, hAnsi, eastAsia, cs) and both sizes. Headings are the proposal's parts; the references are a
numbered list with document, section, page and lines. Input: an `Answer` (route "draft"), or its
text and citations as edited in the web app.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from assistant.records import Answer, Citation

THAI_FONT = "TH Sarabun New"
FONT_PT = 16
TITLE_PT = 20
HEADING_PT = 18
REFERENCES = ("อ้างอิง", "References")
_MARKS = re.compile(r"\s*((?:\[\d+\])+)\s*$")


@dataclass
class DraftDoc:
    """A draft as blocks: its title, its parts (heading + paragraphs of sentences), its references."""

    title: str
    parts: list[tuple[str, list[str]]] = field(default_factory=list)
    references: list[tuple[int, str]] = field(default_factory=list)  # (marker number, reference)
    language: str = "th"


def reference_text(c: Citation, language: str = "th") -> str:
    """One reference: title — section, page, lines: “quote”."""
    page = c.page_shown()
    quote = " ".join(c.quote.split())
    quote = quote if len(quote) <= 300 else quote[:300].rsplit(" ", 1)[0] + " …"
    if language == "en":
        where = (f"page {page}, " if page else "") + f"lines {c.line_start}–{c.line_end}"
    else:
        where = (f"หน้า {page} " if page else "") + f"บรรทัด {c.line_start}–{c.line_end}"
    section = f" — {c.section}" if c.section else ""
    return f"{c.title}{section} ({where}): “{quote}”"


def parse_draft(text: str, citations: list[Citation] | None = None, language: str | None = None) -> DraftDoc:
    """Split a draft's text (one sentence per line, part headings ending with ':') into a DraftDoc."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if language is None:
        thai = len(re.findall(r"[\u0E00-\u0E7F]", text))
        language = "en" if len(re.findall(r"[A-Za-z]", text)) > thai else "th"
    title = lines[0] if lines else ""
    doc = DraftDoc(title, language=language)
    for line in lines[1:]:
        if line.endswith(":") and not _MARKS.search(line):
            doc.parts.append((line[:-1].strip(), []))
        else:
            if not doc.parts:
                doc.parts.append(("", []))
            doc.parts[-1][1].append(line)
    doc.references = [(c.n, reference_text(c, language)) for c in sorted(citations or [], key=lambda c: c.n)]
    return doc


def _as_doc(draft: Answer | DraftDoc | str, citations: list[Citation] | None = None) -> DraftDoc:
    if isinstance(draft, DraftDoc):
        return draft
    if isinstance(draft, Answer):
        return parse_draft(draft.answer, draft.citations, "en" if re.search(r"[A-Za-z]{4}", draft.answer[:40]) else None)
    return parse_draft(draft, citations)


def draft_to_markdown(draft: Answer | DraftDoc | str, citations: list[Citation] | None = None) -> str:
    """The draft as Markdown: title, a heading per part, paragraphs, numbered references."""
    doc = _as_doc(draft, citations)
    out = [f"# {doc.title}", ""]
    for heading, sentences in doc.parts:
        if heading:
            out += [f"## {heading}", ""]
        if sentences:
            out += [" ".join(sentences), ""]
    if doc.references:
        out += [f"## {REFERENCES[doc.language == 'en']}", ""]
        out += [f"{n}. {r}" for n, r in doc.references]
        out.append("")
    return "\n".join(out)


def _font_run(run, size_pt: int, bold: bool = False) -> None:
    """Set the Thai font and size on a run for every script slot (ascii, hAnsi, eastAsia, cs; sz and szCs)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = THAI_FONT
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), THAI_FONT)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.append(size_cs)
    size_cs.set(qn("w:val"), str(size_pt * 2))
    if bold:
        if rpr.find(qn("w:bCs")) is None:
            rpr.append(OxmlElement("w:bCs"))
    if rpr.find(qn("w:cs")) is None:  # treat the run as complex script: Word then uses the cs font and size
        rpr.append(OxmlElement("w:cs"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def _paragraph(document, text: str, size_pt: int = FONT_PT, bold: bool = False, style: str | None = None):
    p = document.add_paragraph(style=style) if style else document.add_paragraph()
    _font_run(p.add_run(text), size_pt, bold)
    return p


def _style_fonts(document) -> None:
    """The document's default and heading styles in the Thai font too (new text typed in Word keeps it)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Number"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        style.font.name = THAI_FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), THAI_FONT)
        if name == "Normal":
            style.font.size = Pt(FONT_PT)


def draft_to_docx(draft: Answer | DraftDoc | str, citations: list[Citation] | None = None) -> bytes:
    """The draft as .docx bytes: TH Sarabun New 16 pt (complex script set), part headings, numbered references."""
    from docx import Document

    doc = _as_doc(draft, citations)
    document = Document()
    _style_fonts(document)
    heading = document.add_heading(level=1)
    _font_run(heading.add_run(doc.title), TITLE_PT, bold=True)
    for title, sentences in doc.parts:
        if title:
            h = document.add_heading(level=2)
            _font_run(h.add_run(title), HEADING_PT, bold=True)
        if sentences:
            _paragraph(document, " ".join(sentences))
    if doc.references:
        h = document.add_heading(level=2)
        _font_run(h.add_run(REFERENCES[doc.language == "en"]), HEADING_PT, bold=True)
        for n, ref in doc.references:
            _paragraph(document, f"[{n}] {ref}")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
