"""What the web app shows, as plain functions of pipeline records: chat messages, the cited passage
with its span highlighted, Markdown/DOCX exports, the project table and the linkage picture."""
from __future__ import annotations

import html
import io
import re

from assistant.lookup import FactsDB
from assistant.records import Answer, Citation

TEXT = {
    "th": {"title": "ผู้ช่วยแผนปฏิบัติการ", "chat": "ถามตอบ", "explorer": "สำรวจแผน", "draft": "ร่างหลักการและเหตุผล",
           "docs": "เอกสาร (ผู้ดูแล)", "ask": "พิมพ์คำถาม เช่น โครงการ… ใช้งบเท่าไร", "send": "ส่ง",
           "citations": "อ้างอิง (คลิกเพื่อดูข้อความต้นฉบับ)", "export": "ส่งออกคำตอบ (Markdown)",
           "weak": "⚠️ หลักฐานในแผนไม่เพียงพอ: โปรดตรวจสอบข้อความต้นฉบับ", "clear": "เริ่มบทสนทนาใหม่",
           "topic": "หัวข้อโครงการใหม่", "project": "หรือเลือกโครงการในแผน", "make_draft": "ร่าง",
           "upload": "อัปโหลด PDF / DOCX / TXT", "ingest": "นำเข้าเอกสาร", "reingest": "นำเข้าใหม่ทั้งหมด",
           "delete": "ลบเอกสาร", "admin_only": "เฉพาะผู้ดูแลระบบเท่านั้นที่อัปโหลด นำเข้า หรือลบเอกสารได้",
           "refs": "อ้างอิง", "examples": "ตัวอย่างคำถาม", "history": "บทสนทนาก่อนหน้า",
           "direction": "แนวทางการพัฒนา", "strategy": "กลยุทธ์", "source": "แหล่งงบ", "year": "ปีงบประมาณ",
           "search": "ค้นหาโครงการหรือกลยุทธ์", "navigator": "ความเชื่อมโยงของแผน", "table": "โครงการและงบประมาณ",
           "draft_text": "หลักการและเหตุผล (แก้ไขได้)", "draft_refs": "อ้างอิงของร่าง", "draft_file": "ไฟล์ร่าง",
           "export_file": "ไฟล์คำตอบ", "doc_pick": "เลือกเอกสารที่จะลบ", "confirm_delete": "ยืนยันการลบเอกสารนี้ออกจากดัชนี?",
           "confirm": "ยืนยันลบ", "cancel": "ยกเลิก", "progress": "ความคืบหน้าการนำเข้า", "lang": "ภาษา",
           "passage_text": "ข้อความต้นฉบับ", "passage_page": "หน้าเอกสาร", "verified": "✔ ตรวจสอบแล้ว",
           "not_verified": "✖ ยังตรวจสอบไม่ผ่าน", "page": "หน้า", "lines": "บรรทัด",
           "no_docs": "ยังไม่มีเอกสารในดัชนี: ให้ผู้ดูแลนำเข้าเอกสารก่อน", "choose_files": "เลือกไฟล์ก่อน",
           "choose_doc": "เลือกเอกสารก่อน", "empty_topic": "พิมพ์หัวข้อหรือเลือกโครงการ",
           "failed": "เกิดข้อผิดพลาด ระบบยังใช้งานได้ตามปกติ โปรดลองใหม่หรือแจ้งผู้ดูแลระบบ",
           "plan": "แผน", "higher": "แผนระดับสูงที่เชื่อมโยง", "no_strategy": "ไม่ระบุกลยุทธ์", "projects_n": "โครงการ",
           "doc_cols": ["รหัสเอกสาร", "ไฟล์", "ชื่อเอกสาร", "หน้า", "หัวข้อ", "โครงการ", "รายการงบ", "นำเข้าเมื่อ", "การค้นหา"],
           "project_cols": ["แนวทาง", "กลยุทธ์", "โครงการ", "แหล่งงบ", "งบ {y} (บาท)", "หมายเหตุ", "เอกสาร"]},
    "en": {"title": "Plan assistant", "chat": "Chat", "explorer": "Explorer", "draft": "Draft rationale",
           "docs": "Documents (admin)", "ask": "Ask a question, e.g. What is the budget of project …?", "send": "Send",
           "citations": "Citations (click to see the source passage)", "export": "Export answer (Markdown)",
           "weak": "⚠️ Weak support in the plan: check the source passage", "clear": "New conversation",
           "topic": "Topic of a new project", "project": "or pick a project of the plan", "make_draft": "Draft",
           "upload": "Upload PDF / DOCX / TXT", "ingest": "Ingest", "reingest": "Re-ingest all",
           "delete": "Delete document", "admin_only": "Only administrators may upload, ingest or delete documents",
           "refs": "References", "examples": "Example questions", "history": "Earlier conversations",
           "direction": "Development direction", "strategy": "Strategy", "source": "Funding source",
           "year": "Fiscal year", "search": "Search projects or strategies", "navigator": "Plan linkage",
           "table": "Projects and budgets", "draft_text": "Rationale (editable)", "draft_refs": "References of the draft",
           "draft_file": "Draft file", "export_file": "Answer file", "doc_pick": "Document to delete",
           "confirm_delete": "Really remove this document from the index?", "confirm": "Yes, delete",
           "cancel": "Cancel", "progress": "Import progress", "lang": "Language",
           "passage_text": "Source text", "passage_page": "Document page", "verified": "✔ verified",
           "not_verified": "✖ NOT verified", "page": "page", "lines": "lines",
           "no_docs": "No documents are indexed yet: an administrator must import some first",
           "choose_files": "Choose files first", "choose_doc": "Choose a document first",
           "empty_topic": "Type a topic or pick a project",
           "failed": "Something went wrong; the assistant keeps working. Try again or tell the administrator",
           "plan": "Plan", "higher": "Linked higher-level plans", "no_strategy": "Strategy not stated",
           "projects_n": "projects",
           "doc_cols": ["doc id", "file", "title", "pages", "sections", "projects", "budget lines", "indexed", "search"],
           "project_cols": ["Direction", "Strategy", "Project", "Source", "Budget {y} (baht)", "Note", "Document"]},
}


# Markdown punctuation that could start markup (emphasis, code, links/images, tables, LaTeX `$$`,
# e-mail autolinks); CommonMark lets every ASCII punctuation mark be backslash-escaped.
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]$~|!@])")
# Bare-URL autolinks (GFM): `http://…`, `www.…`; breaking the scheme's colon or the `www.` dot stops them.
_MD_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|file|vbscript)(:)|\b(www)(\.)")


def inert(text: object, context: str = "markdown") -> str:
    """Text that came from a document, made inert for one web view: no document can inject markup
    or make the browser fetch anything.

    - ``markdown`` (chat bubble, draft references, exported answer; gradio's Chatbot renders Markdown
      *and* raw HTML, and its sanitizer keeps ``<img src=…>``): ``& < >`` become entities, Markdown
      punctuation is backslash-escaped (so ``![x](url)``, ``[a](javascript:…)``, ``$$…$$`` stay
      text) and bare-URL autolinks are broken (``http\\://``); it renders as the original text.
    - ``html`` (passage panel, linkage SVG text and attributes): HTML-escaped, quotes included.
    - ``text`` (widgets that set text, not HTML: radio labels, dropdowns, table cells): angle
      brackets become ‹ ›, so the value stays harmless even if a view later renders it as HTML.
    """
    text = "" if text is None else str(text)
    if context == "html":
        return html.escape(text, quote=True)
    if context == "text":
        return text.replace("<", "‹").replace(">", "›")
    if context != "markdown":
        raise ValueError(f"unknown context {context!r}")
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(lambda m: f"{m[1]}\\:" if m[1] else f"{m[3]}\\.", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_THAI = re.compile(r"[\u0E00-\u0E7F]")
_LATIN = re.compile(r"[A-Za-z]")


def question_language(text: str) -> str:
    """The language a question is typed in ("th" | "en"): the labels around its answer follow it."""
    return "en" if len(_LATIN.findall(text or "")) > len(_THAI.findall(text or "")) else "th"


def _short(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def short_section(section: str, limit: int = 44) -> str:
    """The last level of a section path, with its parent when the last level is only a number
    ("กลยุทธ์ที่ ๑" alone does not say which direction it is under)."""
    parts = [p.strip() for p in (section or "").split(" › ") if p.strip()]
    if not parts:
        return ""
    label = parts[-1]
    if len(label) < 20 and len(parts) > 1:
        label = f"{_short(parts[-2], 26)} › {label}"
    return _short(label, limit)


def where_label(c: Citation, lang: str = "th") -> str:
    """Page and lines of a citation, short: "น. 45 · บ. 120–124" / "p. 45 · l. 120–124"."""
    page, lines = ("น.", "บ.") if lang == "th" else ("p.", "l.")
    span = f"{c.line_start}–{c.line_end}" if c.line_end != c.line_start else str(c.line_start)
    return (f"{page} {c.page_shown()} · " if c.page_shown() else "") + f"{lines} {span}"


def citation_label(c: Citation, lang: str = "th") -> str:
    """A reference chip: number, document, short section label, page/lines (document text made inert)."""
    parts = [f"[{c.n}] {_short(c.title or c.doc_id, 24)}"]
    section = short_section(c.section)
    if section:
        parts.append(section)
    parts.append(where_label(c, lang))
    return inert(" · ".join(parts), "text")


_MARKER = re.compile(r"\\\[(\d{1,3})\\\]")  # an inline [n] after inert(): \[n\]


def answer_bubble(answer: Answer, turn: int, lang: str = "th") -> str:
    """The chat bubble: the answer first, its inline [n] markers clickable (they open the passage of
    reference n of answer `turn`; the chat's sanitizer keeps classes, not data attributes, so both ride in
    the class: `ct-<turn> cn-<n>`), then the references folded, short, with their quotes."""
    known = {c.n for c in answer.citations}
    text = _MARKER.sub(lambda m: (f"<span class='cite-ref ct-{turn} cn-{m[1]}' role='button' "
                                  f"tabindex='0'>[{m[1]}]</span>") if int(m[1]) in known else m[0],
                       inert(answer.answer))
    out = [text]
    if answer.refused or not answer.supported:
        out.append(f"\n{TEXT[lang]['weak']}")
    if answer.citations:
        rows = []
        for c in answer.citations:
            quote = inert(_short(c.quote, 300), "html")
            rows.append(f"<li><span class='cite-ref ct-{turn} cn-{c.n}' role='button' tabindex='0'>"
                        f"[{c.n}]</span> {inert(_short(c.title or c.doc_id, 40), 'html')} · "
                        f"{inert(short_section(c.section), 'html')} · {where_label(c, lang)}"
                        f"<br><small>“{quote}”</small></li>")
        out.append(f"\n<details class='refs'><summary>{TEXT[lang]['refs']} ({len(answer.citations)})</summary>"
                   f"<ol class='refs'>{''.join(rows)}</ol></details>")
    return "\n".join(out)


def answer_markdown(answer: Answer, lang: str = "th") -> str:
    """The answer with its references, for export (document text escaped)."""
    out = [inert(answer.answer)]
    if answer.refused or not answer.supported:
        out.append(f"\n{TEXT[lang]['weak']}")
    if answer.citations:
        out.append("\n**" + TEXT[lang]["refs"] + "**")
        for c in answer.citations:
            quote = " ".join(c.quote.split())
            out.append(f"{c.n}. {inert(c.title)} — {inert(c.section or c.doc_id)} — "
                       f"{'หน้า ' + c.page_shown() + ', ' if c.page_shown() else ''}บรรทัด {c.line_start}–{c.line_end}: "
                       f"“{inert(quote[:300])}{'…' if len(quote) > 300 else ''}”")
    return "\n".join(out)


def draft_references(citations: list[Citation]) -> str:
    """The references under a drafted rationale (Markdown, document text escaped)."""
    return "\n".join(f"[{c.n}] {inert(c.section or c.doc_id)} (บรรทัด {c.line_start}–{c.line_end}): "
                     f"“{inert(' '.join(c.quote.split())[:200])}”" for c in citations)


def passage_html(db: FactsDB, c: Citation, context: int = 4, lang: str = "th", page_view: str = "") -> str:
    """The cited span inside its surrounding lines, highlighted, with section path and page/lines;
    beside it, for PDF sources, the rendered page with the cited lines marked (`page_view`)."""
    tx = TEXT[lang]
    rows = db.lines(c.doc_id, max(1, c.line_start - context), c.line_end + context)
    body = []
    for n, text, _ in rows:
        line = inert(text.rstrip(), "html")
        if c.line_start <= n <= c.line_end:
            line = f"<mark class='cited'>{line}</mark>"
        body.append(f"<div><span class='ln'>{n:>5}</span> {line}</div>")
    where = (f"{tx['page']} {c.page_shown()} · " if c.page_shown() else "") + f"{tx['lines']} {c.line_start}–{c.line_end}"
    badge = tx["verified"] if c.verified else tx["not_verified"]
    text_view = (f"<div class='passage-text'><b class='view-title'>{tx['passage_text']}</b>"
                 f"<div class='lines'>{''.join(body)}</div></div>")
    page = (f"<div class='passage-page'><b class='view-title'>{tx['passage_page']}</b>{page_view}</div>"
            if page_view else "")
    return (f"<div class='passage' data-n='{c.n}'><b>[{c.n}] {inert(c.title, 'html')}</b><br>"
            f"<small>{inert(c.section or '', 'html')}<br>{where} · {badge}</small>"
            f"<div class='passage-views'>{text_view}{page}</div></div>")


def project_table(db: FactsDB, direction: str | None = None, source: str | None = None,
                  year: str | None = None, lang: str = "th") -> tuple[list[str], list[list]]:
    """Directions → strategies → projects with their budget-table amounts per fiscal year (baht)."""
    cols = TEXT[lang]["project_cols"]
    rows = db.list_projects(int(direction) if direction else None, None, source or None, year or None)
    rows.sort(key=lambda p: (p.direction or 99, p.strategy or 99, p.source, p.name))
    years = sorted({b.fiscal_year for p in rows for b in p.budgets if b.fiscal_year})
    header = cols[:4] + [cols[4].format(y=y) for y in years] + [cols[5]]
    titles = db.titles() if len({p.doc_id for p in rows}) > 1 else {}
    if titles:  # several documents: say which one each row comes from, never merge them
        header.append(cols[6])
    table = []
    for p in rows:
        by_year = {}
        for b in p.budgets:
            if b.fiscal_year and (b.origin == "table" or b.fiscal_year not in by_year):
                by_year[b.fiscal_year] = b.baht
        unresolved = [b for b in p.budgets if not b.fiscal_year]
        note = "; ".join(p.flags)[:200] if p.flags else ""
        if unresolved:
            note = (f"{unresolved[0].printed} {unresolved[0].unit}: ปีไม่ระบุ; " + note).strip("; ")
        table.append([p.direction or "-", p.strategy or "-", inert(" ".join(p.name.split()), "text"), p.source]
                     + [f"{by_year[y]:,}" if y in by_year else "" for y in years] + [inert(note, "text")]
                     + ([inert(titles.get(p.doc_id, p.doc_id), "text")] if titles else []))
    return header, table


def linkage_svg(db: FactsDB) -> str:
    """A layered picture: national plans → this plan → directions → strategies → projects."""
    links = [r for r in db.links() if not r["project"] and r["level"] != "provincial"]
    directions = db.directions()
    projects = db.list_projects()
    cols = [[(f"L{i}", r["text"]) for i, r in enumerate(links)], [("plan", "แผนปฏิบัติการ")],
            [(f"D{d['number']}", f"ด้านที่ {d['number']} {d['title']}") for d in directions],
            [(f"S{d['number']}.{s['number']}", f"กลยุทธ์ที่ {s['number']} (ด้าน {d['number']})")
             for d in directions for s in d["strategies"]],
            [(p.project_id, " ".join(p.name.split())) for p in projects]]
    edges = [(f"L{i}", "plan") for i in range(len(links))] + [("plan", f"D{d['number']}") for d in directions]
    edges += [(f"D{d['number']}", f"S{d['number']}.{s['number']}") for d in directions for s in d["strategies"]]
    edges += [(f"S{p.direction}.{p.strategy}", p.project_id) for p in projects if p.direction and p.strategy]
    width, col_w, row_h = 1400, 280, 26
    height = max(len(c) for c in cols) * row_h + 40
    pos = {}
    for x, col in enumerate(cols):
        top = (height - len(col) * row_h) / 2
        for y, (key, _) in enumerate(col):
            pos[key] = (10 + x * col_w, top + y * row_h + row_h / 2)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' font-size='11'>"]
    for a, b in edges:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            parts.append(f"<path d='M{x1 + 250},{y1} C{x1 + 265},{y1} {x2 - 15},{y2} {x2},{y2}' "
                         "stroke='#8aa' fill='none'/>")
    for col in cols:
        for key, label in col:
            x, y = pos[key]
            short = label if len(label) <= 48 else label[:47] + "…"
            parts.append(f"<g><title>{inert(label, 'html')}</title><rect x='{x}' y='{y - 10}' width='250' height='20' "
                         f"rx='4' fill='#eef4f7' stroke='#9bb'/><text x='{x + 5}' y='{y + 4}'>{inert(short, 'html')}</text></g>")
    parts.append("</svg>")
    return "<div style='overflow:auto'>" + "".join(parts) + "</div>"


def draft_docx(text: str, references: str) -> bytes:
    """A .docx of an edited draft and its references."""
    from docx import Document

    doc = Document()
    doc.add_heading("หลักการและเหตุผล (ร่าง)", level=1)
    for para in text.split("\n"):
        doc.add_paragraph(para)
    doc.add_heading("อ้างอิง", level=2)
    for line in references.split("\n"):
        if line.strip():
            doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
