"""The web app (`plan-assistant serve`): chat with streamed, cited answers; the plan explorer;
rationale drafting; and document management for administrators. Gradio, bound to 127.0.0.1
by default; login when a users file is configured.
"""
from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import gradio as gr

from assistant.app_views import (TEXT, answer_markdown, citation_label, draft_docx, linkage_svg, passage_html,
                                 project_table)
from assistant.pipeline import Assistant
from assistant.records import Citation
from ingest.store import Manifest
from plan_assistant.config import Settings
from plan_assistant.users import check, load_users

CSS = "mark.cited{background:#ffe58a;padding:0 2px} .passage{border:1px solid #ddd;padding:8px;border-radius:6px}"


class Service:
    """Shared server state: the assistant over the active index, reloaded after every ingest."""

    def __init__(self, settings: Settings, embeddings=None):
        self.settings = settings
        self.users = load_users(settings.users_file) if settings.users_file else {}
        self._embeddings = embeddings
        self._lock = threading.Lock()  # one pipeline run at a time: sqlite/chroma handles and models are shared
        self.assistant: Assistant | None = None
        self.reload()

    def reload(self) -> None:
        if Manifest.load(Path(self.settings.data_dir)).generation:
            self.assistant = Assistant(self.settings, self._embeddings)
            self._embeddings = self.assistant.retriever.embeddings if self._embeddings is None else self._embeddings
        else:
            self.assistant = None

    def role(self, request: gr.Request | None) -> str:
        if not self.users:  # no login configured: the local user is admin only on a loopback bind
            return "admin" if self.settings.host in ("127.0.0.1", "localhost", "::1") else "staff"
        user = self.users.get(getattr(request, "username", None) or "")
        return user.role if user else "none"

    def stream(self, question: str, previous: str | None):
        if self.assistant is None:
            raise gr.Error("ยังไม่มีเอกสารในดัชนี: ให้ผู้ดูแลนำเข้าเอกสารก่อน (no documents indexed yet)")
        with self._lock:
            yield from self.assistant.stream(question, previous)

    def ingest(self, paths: list[Path], remove: set[str] | None = None, progress=None):
        from ingest.pipeline import ingest

        with self._lock:
            report = ingest(paths, self.settings, progress or (lambda m: None), self._embeddings, remove=remove)
            self.reload()
        return report


def _documents_table(settings: Settings) -> list[list]:
    manifest = Manifest.load(Path(settings.data_dir))
    return [[e.doc_id, e.title, e.sections, e.chunks, e.pages or "-", "indexed"] for e in manifest.documents.values()]


def build_app(service: Service) -> gr.Blocks:
    settings = service.settings
    t = TEXT["th"]
    with gr.Blocks(title=t["title"]) as demo:
        lang = gr.State("th")
        previous = gr.State(None)
        last_answer = gr.State(None)
        with gr.Row():
            heading = gr.Markdown(f"## {t['title']}")
            lang_toggle = gr.Radio(["ไทย", "English"], value="ไทย", label="ภาษา / Language", elem_id="lang")
        with gr.Tabs():
            with gr.Tab(t["chat"], id="chat", elem_id="tab-chat") as chat_tab:
                chatbot = gr.Chatbot(height=420, elem_id="chatbot", buttons=["copy"])
                with gr.Row():
                    box = gr.Textbox(placeholder=t["ask"], show_label=False, scale=8, elem_id="question")
                    send = gr.Button(t["send"], variant="primary", scale=1, elem_id="send")
                weak = gr.Markdown("", elem_id="weak")
                cites = gr.Radio([], label=t["citations"], elem_id="citations")
                passage = gr.HTML("", elem_id="passage")
                with gr.Row():
                    export = gr.Button(t["export"], elem_id="export")
                    clear = gr.Button(t["clear"])
                export_file = gr.File(label="answer.md", interactive=False, elem_id="export-file")
            with gr.Tab(t["explorer"], id="explorer", elem_id="tab-explorer") as explorer_tab:
                with gr.Row():
                    f_direction = gr.Dropdown(label="แนวทางการพัฒนา / direction", choices=[], elem_id="f-direction")
                    f_source = gr.Dropdown(label="แหล่งงบ / source", choices=[], elem_id="f-source")
                    f_year = gr.Dropdown(label="ปีงบประมาณ / fiscal year", choices=[], elem_id="f-year")
                projects = gr.Dataframe(interactive=False, wrap=True, elem_id="projects")
                linkage = gr.HTML("", elem_id="linkage")
            with gr.Tab(t["draft"], id="draft", elem_id="tab-draft") as draft_tab:
                topic = gr.Textbox(label=t["topic"], elem_id="topic")
                pick = gr.Dropdown(label=t["project"], choices=[], elem_id="pick")
                make = gr.Button(t["make_draft"], variant="primary", elem_id="make-draft")
                draft_text = gr.Textbox(label="หลักการและเหตุผล (แก้ไขได้)", lines=14, interactive=True, elem_id="draft")
                draft_refs = gr.Markdown("", elem_id="draft-refs")
                with gr.Row():
                    dl_md = gr.Button(".md")
                    dl_docx = gr.Button(".docx")
                draft_file = gr.File(label="draft", interactive=False)
            with gr.Tab(t["docs"], id="docs", elem_id="tab-docs") as docs_tab:
                docs = gr.Dataframe(headers=["doc_id", "title", "sections", "chunks", "pages", "status"],
                                    interactive=False, elem_id="documents")
                upload = gr.File(label=t["upload"], file_count="multiple", file_types=[".pdf", ".docx", ".txt", ".md"],
                                 elem_id="upload")
                with gr.Row():
                    ingest_btn = gr.Button(t["ingest"], variant="primary", elem_id="ingest")
                    reingest_btn = gr.Button(t["reingest"])
                    delete_pick = gr.Dropdown(label="doc_id", choices=[])
                    delete_btn = gr.Button(t["delete"], variant="stop")
                docs_status = gr.Markdown("", elem_id="docs-status")

        # -- chat ----------------------------------------------------------------------
        def respond(message, history, prev, lg):
            message = (message or "").strip()
            if not message:
                yield history, prev, None, gr.update(), "", "", ""
                return
            history = list(history or []) + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
            answer = None
            for piece in service.stream(message, prev):
                if isinstance(piece, str):
                    history[-1]["content"] += piece
                    yield history, prev, None, gr.update(), "", "", ""
                else:
                    answer = piece
            history[-1]["content"] = answer_markdown(answer, lg)
            warning = TEXT[lg]["weak"] if (answer.refused or not answer.supported) else ""
            yield (history, answer.resolved_question, answer.to_dict(),
                   gr.update(choices=[citation_label(c) for c in answer.citations], value=None), "", warning, "")

        outputs = [chatbot, previous, last_answer, cites, box, weak, passage]
        box.submit(respond, [box, chatbot, previous, lang], outputs)
        send.click(respond, [box, chatbot, previous, lang], outputs)

        def show_passage(label, answer):
            if not label or not answer:
                return ""
            n = int(label.split("]")[0].strip("["))
            c = next(c for c in answer["citations"] if c["n"] == n)
            return passage_html(service.assistant.db, Citation(**c))

        cites.change(show_passage, [cites, last_answer], passage)

        def export_answer(answer, lg):
            if not answer:
                return None
            from assistant.records import Answer

            fields = {k: v for k, v in answer.items() if k in Answer.__dataclass_fields__}
            fields["citations"] = [Citation(**c) for c in fields["citations"]]
            md = f"**{answer['question']}**\n\n" + answer_markdown(Answer(**fields), lg)
            path = Path(tempfile.mkdtemp()) / "answer.md"
            path.write_text(md, encoding="utf-8")
            return str(path)

        export.click(export_answer, [last_answer, lang], export_file)
        clear.click(lambda: ([], None, None, gr.update(choices=[], value=None), "", ""),
                    None, [chatbot, previous, last_answer, cites, passage, weak])

        # -- explorer ------------------------------------------------------------------
        def explore(direction, source, year):
            if service.assistant is None:
                return gr.update(value=[]), ""
            header, rows = project_table(service.assistant.db, direction, source, year)
            return gr.update(value=rows, headers=header), linkage_svg(service.assistant.db)

        for control in (f_direction, f_source, f_year):
            control.change(explore, [f_direction, f_source, f_year], [projects, linkage])

        # -- drafting ------------------------------------------------------------------
        def make_draft(topic_text, project_name):
            subject = (topic_text or "").strip() or (project_name or "").strip()
            if not subject:
                raise gr.Error("พิมพ์หัวข้อหรือเลือกโครงการ / type a topic or pick a project")
            answer = None
            for piece in service.stream(f"ช่วยร่างหลักการและเหตุผลโครงการ{subject}", None):
                if not isinstance(piece, str):
                    answer = piece
            refs = "\n".join(f"[{c.n}] {c.section or c.doc_id} (บรรทัด {c.line_start}–{c.line_end}): "
                             f"“{' '.join(c.quote.split())[:200]}”" for c in answer.citations)
            return answer.answer, refs

        make.click(make_draft, [topic, pick], [draft_text, draft_refs])

        def save_draft(text, refs, kind):
            path = Path(tempfile.mkdtemp()) / f"rationale.{kind}"
            if kind == "md":
                path.write_text(f"# หลักการและเหตุผล (ร่าง)\n\n{text}\n\n## อ้างอิง\n\n{refs}\n", encoding="utf-8")
            else:
                path.write_bytes(draft_docx(text or "", refs or ""))
            return str(path)

        dl_md.click(lambda a, b: save_draft(a, b, "md"), [draft_text, draft_refs], draft_file)
        dl_docx.click(lambda a, b: save_draft(a, b, "docx"), [draft_text, draft_refs], draft_file)

        # -- documents (admin) -----------------------------------------------------------
        def guard(request: gr.Request):
            if service.role(request) != "admin":
                raise gr.Error(TEXT["th"]["admin_only"] + " / " + TEXT["en"]["admin_only"])

        def report_markdown(report) -> str:
            lines = [f"**{report.summary().splitlines()[0]}**"] if hasattr(report, "summary") else []
            lines += [f"- ✔ {d}" for d in report.added + report.replaced]
            lines += [f"- ✖ **{Path(p).name}**: {reason}" for p, reason in report.failed]
            lines += [f"- 🗑 {d}" for d in report.removed]
            return "\n".join(lines)

        def do_ingest(files, request: gr.Request, progress=gr.Progress()):
            guard(request)
            if not files:
                raise gr.Error("เลือกไฟล์ก่อน / choose files first")
            uploads = Path(settings.data_dir) / "uploads"
            uploads.mkdir(parents=True, exist_ok=True)
            added = []
            for f in files:
                source = Path(f if isinstance(f, str) else f.name)
                shutil.copy(source, uploads / source.name)
                added.append((uploads / source.name).resolve())
            progress(0, desc="ingesting")
            report = service.ingest([uploads], progress=lambda m: progress(None, desc=m))
            indexed = {Path(e.path).resolve() for e in Manifest.load(Path(settings.data_dir)).documents.values()}
            for path in added:  # a new upload that failed is not kept, so it does not fail every later ingest
                if path not in indexed and any(Path(p).resolve() == path for p, _ in report.failed):
                    path.unlink(missing_ok=True)
            return report_markdown(report), _documents_table(settings), *_choices()

        def do_reingest(request: gr.Request, progress=gr.Progress()):
            guard(request)
            manifest = Manifest.load(Path(settings.data_dir))
            paths = [Path(e.path) for e in manifest.documents.values() if Path(e.path).exists()]
            report = service.ingest(paths, progress=lambda m: progress(None, desc=m))
            return report_markdown(report), _documents_table(settings), *_choices()

        def do_delete(doc_id, request: gr.Request):
            guard(request)
            if not doc_id:
                raise gr.Error("เลือกเอกสาร / choose a document")
            entry = Manifest.load(Path(settings.data_dir)).documents.get(doc_id)
            report = service.ingest([], remove={doc_id})
            uploads = (Path(settings.data_dir) / "uploads").resolve()
            if entry and Path(entry.path).resolve().parent == uploads:
                Path(entry.path).unlink(missing_ok=True)
            return report_markdown(report), _documents_table(settings), *_choices()

        def _choices():
            manifest = Manifest.load(Path(settings.data_dir))
            return gr.update(choices=list(manifest.documents)), gr.update(value=None)

        doc_outputs = [docs_status, docs, delete_pick, upload]
        ingest_btn.click(do_ingest, [upload], doc_outputs)
        reingest_btn.click(do_reingest, None, doc_outputs)
        delete_btn.click(do_delete, [delete_pick], doc_outputs)

        # -- page load and language ----------------------------------------------------------
        def on_load(request: gr.Request):
            db = service.assistant.db if service.assistant else None
            directions = [str(d["number"]) for d in db.directions()] if db else []
            rows = db.list_projects() if db else []
            sources = sorted({p.source for p in rows})
            years = sorted({str(b.fiscal_year) for p in rows for b in p.budgets if b.fiscal_year})
            header, table = project_table(db, None, None, None) if db else ([], [])
            admin = service.role(request) == "admin"
            return (gr.update(choices=[""] + directions), gr.update(choices=[""] + sources), gr.update(choices=[""] + years),
                    gr.update(value=table, headers=header) if header else gr.update(), linkage_svg(db) if db else "",
                    gr.update(choices=[" ".join(p.name.split()) for p in rows]), _documents_table(settings),
                    gr.update(choices=list(Manifest.load(Path(settings.data_dir)).documents)),
                    "" if admin else f"**{TEXT['th']['admin_only']}**")

        demo.load(on_load, None, [f_direction, f_source, f_year, projects, linkage, pick, docs, delete_pick, docs_status])

        def switch(choice):
            lg = "en" if choice == "English" else "th"
            tx = TEXT[lg]
            return (lg, f"## {tx['title']}", gr.update(label=tx["chat"]), gr.update(label=tx["explorer"]),
                    gr.update(label=tx["draft"]), gr.update(label=tx["docs"]), gr.update(placeholder=tx["ask"]),
                    gr.update(value=tx["send"]), gr.update(label=tx["citations"]), gr.update(value=tx["export"]),
                    gr.update(value=tx["clear"]))

        lang_toggle.change(switch, lang_toggle, [lang, heading, chat_tab, explorer_tab, draft_tab, docs_tab, box, send,
                                                 cites, export, clear])
    return demo


def serve(settings: Settings, embeddings=None, block: bool = True):
    """Start the app on settings.host:settings.port with a queue sized for concurrent chats."""
    service = Service(settings, embeddings)
    demo = build_app(service)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=max(64, 4 * settings.concurrency))
    auth = (lambda name, password: check(service.users, name, password)) if service.users else None
    demo.launch(server_name=settings.host, server_port=settings.port, auth=auth, prevent_thread_lock=not block,
                show_error=True, css=CSS, quiet=True)
    return demo
