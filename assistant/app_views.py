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
           "delete": "ลบเอกสาร", "admin_only": "เฉพาะผู้ดูแลระบบเท่านั้นที่อัปโหลด นำเข้า หรือลบเอกสารได้"},
    "en": {"title": "Plan assistant", "chat": "Chat", "explorer": "Explorer", "draft": "Draft rationale",
           "docs": "Documents (admin)", "ask": "Ask a question, e.g. What is the budget of project …?", "send": "Send",
           "citations": "Citations (click to see the source passage)", "export": "Export answer (Markdown)",
           "weak": "⚠️ Weak support in the plan: check the source passage", "clear": "New conversation",
           "topic": "Topic of a new project", "project": "or pick a project of the plan", "make_draft": "Draft",
           "upload": "Upload PDF / DOCX / TXT", "ingest": "Ingest", "reingest": "Re-ingest all",
           "delete": "Delete document", "admin_only": "Only administrators may upload, ingest or delete documents"},
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


def citation_label(c: Citation) -> str:
    where = f"p. {c.page_shown()}, " if c.page_shown() else ""
    section = c.section.split(" › ")[-1] if c.section else c.doc_id
    return inert(f"[{c.n}] {section[:60]} ({where}lines {c.line_start}–{c.line_end})", "text")


def answer_markdown(answer: Answer, lang: str = "th") -> str:
    """The answer with its references, for the chat bubble and for export (document text escaped)."""
    out = [inert(answer.answer)]
    if answer.refused or not answer.supported:
        out.append(f"\n{TEXT[lang]['weak']}")
    if answer.citations:
        out.append("\n**" + ("อ้างอิง" if lang == "th" else "References") + "**")
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


def passage_html(db: FactsDB, c: Citation, context: int = 4) -> str:
    """The cited span inside its surrounding lines, highlighted, with section path and page/lines."""
    rows = db.lines(c.doc_id, max(1, c.line_start - context), c.line_end + context)
    body = []
    for n, text, _ in rows:
        line = inert(text.rstrip(), "html")
        if c.line_start <= n <= c.line_end:
            line = f"<mark class='cited'>{line}</mark>"
        body.append(f"<div><span style='color:#888'>{n:>5}</span> {line}</div>")
    where = (f"หน้า {c.page_shown()} · " if c.page_shown() else "") + f"บรรทัด {c.line_start}–{c.line_end}"
    badge = "✔ verified" if c.verified else "✖ NOT verified"
    return (f"<div class='passage'><b>[{c.n}] {inert(c.title, 'html')}</b><br>"
            f"<small>{inert(c.section or '', 'html')}<br>{where} · {badge}</small>"
            f"<div style='font-family:monospace;white-space:pre-wrap;margin-top:6px'>{''.join(body)}</div></div>")


def project_table(db: FactsDB, direction: str | None = None, source: str | None = None,
                  year: str | None = None) -> tuple[list[str], list[list]]:
    """Directions → strategies → projects with their budget-table amounts per fiscal year (baht)."""
    rows = db.list_projects(int(direction) if direction else None, None, source or None, year or None)
    rows.sort(key=lambda p: (p.direction or 99, p.strategy or 99, p.source, p.name))
    years = sorted({b.fiscal_year for p in rows for b in p.budgets if b.fiscal_year})
    header = ["แนวทาง", "กลยุทธ์", "โครงการ", "แหล่งงบ"] + [f"งบ {y} (บาท)" for y in years] + ["หมายเหตุ"]
    titles = db.titles() if len({p.doc_id for p in rows}) > 1 else {}
    if titles:  # several documents: say which one each row comes from, never merge them
        header.append("เอกสาร")
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
