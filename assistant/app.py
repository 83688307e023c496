"""The web app (`plan-assistant serve`): chat with streamed, cited answers; the plan explorer;
rationale drafting; and document management for administrators. Gradio, bound to 127.0.0.1
by default; login when a users file is configured.
"""
from __future__ import annotations

import contextvars
import ipaddress
import math
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import gradio as gr

from assistant.app_views import (TEXT, answer_markdown, citation_label, draft_docx, draft_references, inert,
                                 linkage_svg, passage_html, project_table)
from assistant.pipeline import Assistant
from assistant.records import Citation
from ingest.store import MANIFEST, Manifest
from plan_assistant.config import Settings
from plan_assistant.users import LoginGuard, check, load_users

CSS = "mark.cited{background:#ffe58a;padding:0 2px} .passage{border:1px solid #ddd;padding:8px;border-radius:6px}"


@dataclass
class _Lease:
    """An assistant over one generation, with the number of requests using it right now."""

    assistant: Assistant
    users: int = 0
    retired: bool = False


class Service:
    """Shared server state: the assistant over the active generation, switched when an ingest (from this
    server or the CLI) swaps in a new one; an old generation is let go once its last request ends."""

    def __init__(self, settings: Settings, embeddings=None):
        self.settings = settings
        self.users = load_users(settings.users_file) if settings.users_file else {}
        self._embeddings = embeddings
        self._ingest_embeddings = embeddings  # None: the server's own ingests load a separate embedder
        self._lock = threading.Lock()  # one pipeline run at a time: sqlite/chroma handles and models are shared
        self._state = threading.Lock()  # guards _current and the leases' counts
        self._reloading = threading.Lock()
        self._current: _Lease | None = None
        self._seen: tuple | None = None
        self.refresh()

    def _manifest_key(self) -> tuple | None:
        try:
            st = os.stat(Path(self.settings.data_dir) / MANIFEST)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def refresh(self) -> None:
        """Open the active generation if it changed since we last looked (cheap: one stat)."""
        key = self._manifest_key()
        if key == self._seen:
            return
        with self._reloading:
            if key == self._seen:
                return
            manifest = Manifest.load(Path(self.settings.data_dir))
            generation = manifest.generation
            current = self._current
            if current is not None and (current.assistant.generation, current.assistant.dense_ready) == (
                    generation, manifest.dense_pending == 0):
                self._seen = key
                return
            fresh = _Lease(Assistant(self.settings, self._embeddings)) if generation else None
            if fresh is not None and self._embeddings is None:
                self._embeddings = fresh.assistant.retriever.embeddings
            with self._state:
                old, self._current, self._seen = self._current, fresh, key
            if old is not None:
                self._release(old, retire=True)

    def _release(self, lease: _Lease, retire: bool = False) -> None:
        with self._state:
            lease.retired |= retire
            if not retire:
                lease.users -= 1
            done = lease.retired and lease.users == 0
        if done:
            lease.assistant.close()

    @contextmanager
    def using(self) -> Iterator[Assistant | None]:
        """The current assistant, kept open (its generation pinned) until the block ends."""
        self.refresh()
        with self._state:
            lease = self._current
            if lease is not None:
                lease.users += 1
        try:
            yield lease.assistant if lease else None
        finally:
            if lease is not None:
                self._release(lease)

    def close(self) -> None:
        """Let go of the current generation (when the server stops)."""
        with self._state:
            current, self._current, self._seen = self._current, None, None
        if current is not None:
            self._release(current, retire=True)

    @property
    def assistant(self) -> Assistant | None:
        """The current assistant, for a quick look (work that takes time goes through `using`)."""
        self.refresh()
        return self._current.assistant if self._current else None

    def role(self, request: gr.Request | None) -> str:
        if not self.users:  # no login configured: the local user is admin only on a loopback bind,
            # and only for a request that names a loopback Host (and Origin, when it sends one)
            return "admin" if is_loopback(self.settings.host) and request_is_local(request) else "staff"
        user = self.users.get(getattr(request, "username", None) or "")
        return user.role if user else "none"

    def stream(self, question: str, previous: str | None):
        with self.using() as assistant:
            if assistant is None:
                raise gr.Error("ยังไม่มีเอกสารในดัชนี: ให้ผู้ดูแลนำเข้าเอกสารก่อน (no documents indexed yet)")
            with self._lock:
                yield from assistant.stream(question, previous)

    def ingest(self, paths: list[Path], remove: set[str] | None = None, progress=None, force: bool = False):
        """Ingest while chat keeps answering from the current generation; switch when it is done."""
        from ingest.embeddings import make_embeddings
        from ingest.pipeline import ingest

        if self._ingest_embeddings is None:
            self._ingest_embeddings = make_embeddings(self.settings)
        report = ingest(paths, self.settings, progress or (lambda m: None), self._ingest_embeddings,
                        remove=remove, force=force)
        self.refresh()
        return report


DOCUMENT_COLUMNS = ["doc_id", "file", "title", "pages", "sections", "projects", "budget lines", "indexed", "search"]


def _documents_table(service: Service) -> list[list]:
    """One row per indexed document: id, source file, title, pages, sections, fact counts, when indexed."""
    manifest = Manifest.load(Path(service.settings.data_dir))
    with service.using() as assistant:
        counts = assistant.db.fact_counts() if assistant else {}
    search = "keywords + meaning" if not manifest.dense_pending else f"keywords ({manifest.dense_pending} embedding)"
    return [[e.doc_id, e.name or Path(e.path).name, e.title, e.pages or "-", e.sections,
             counts.get(e.doc_id, {}).get("projects", 0), counts.get(e.doc_id, {}).get("budget_lines", 0),
             e.indexed_at.replace("T", " ")[:16] or "-", search] for e in manifest.documents.values()]


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
                docs = gr.Dataframe(headers=DOCUMENT_COLUMNS,
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
            answer, streamed = None, ""
            for piece in service.stream(message, prev):
                if isinstance(piece, str):
                    streamed += piece
                    history[-1]["content"] = inert(streamed)  # document/model text: never live Markdown or HTML
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
            with service.using() as assistant:
                return passage_html(assistant.db, Citation(**c)) if assistant else ""

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
            with service.using() as assistant:
                if assistant is None:
                    return gr.update(value=[]), ""
                header, rows = project_table(assistant.db, direction, source, year)
                return gr.update(value=rows, headers=header), linkage_svg(assistant.db)

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
            refs = draft_references(answer.citations)
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
            def md(text) -> str:  # file names and reasons come from uploads: shown as text
                return inert(str(text), "markdown")

            lines = [f"**{report.summary().splitlines()[0]}**"] if hasattr(report, "summary") else []
            lines += [f"- ✔ {md(d)}" for d in report.added + report.replaced]
            lines += [f"- ✖ **{md(Path(p).name)}**: {md(reason)}" for p, reason in report.failed]
            lines += [f"- · {md(Path(p).name)}: {md(reason)}" for p, reason in report.ignored]
            lines += [f"- 🗑 {md(d)}" for d in report.removed]
            if report.dense_error:
                lines.append(f"- ⚠ {md(report.dense_error)}")
            return "\n".join(lines)

        def do_ingest(files, request: gr.Request, progress=gr.Progress()):
            guard(request)
            if not files:
                raise gr.Error("เลือกไฟล์ก่อน / choose files first")
            # Staged under a fixed name, so uploading a file of the same name again replaces that document;
            # the ingest keeps its own copy, and the staged file goes whether the ingest took it or not.
            uploads = Path(settings.data_dir).absolute() / "uploads"
            uploads.mkdir(parents=True, exist_ok=True)
            staged = []
            try:
                for f in files:
                    source = Path(f if isinstance(f, str) else f.name)
                    shutil.copy(source, uploads / source.name)
                    staged.append(uploads / source.name)
                progress(0, desc="ingesting")
                report = service.ingest(staged, progress=lambda m: progress(None, desc=m))
            finally:
                for path in staged:
                    path.unlink(missing_ok=True)
            return report_markdown(report), _documents_table(service), *_choices()

        def do_reingest(request: gr.Request, progress=gr.Progress()):
            guard(request)
            report = service.ingest([], force=True, progress=lambda m: progress(None, desc=m))
            return report_markdown(report), _documents_table(service), *_choices()

        def do_delete(doc_id, request: gr.Request):
            guard(request)
            if not doc_id:
                raise gr.Error("เลือกเอกสาร / choose a document")
            report = service.ingest([], remove={doc_id})
            return report_markdown(report), _documents_table(service), *_choices()

        def _choices():
            manifest = Manifest.load(Path(settings.data_dir))
            return gr.update(choices=list(manifest.documents)), gr.update(value=None)

        doc_outputs = [docs_status, docs, delete_pick, upload]
        ingest_btn.click(do_ingest, [upload], doc_outputs)
        reingest_btn.click(do_reingest, None, doc_outputs)
        delete_btn.click(do_delete, [delete_pick], doc_outputs)

        # -- page load and language ----------------------------------------------------------
        def on_load(request: gr.Request):
            with service.using() as assistant:
                return _on_load(assistant.db if assistant else None, request)

        def _on_load(db, request: gr.Request):
            directions = [str(d["number"]) for d in db.directions()] if db else []
            rows = db.list_projects() if db else []
            sources = sorted({p.source for p in rows})
            years = sorted({str(b.fiscal_year) for p in rows for b in p.budgets if b.fiscal_year})
            header, table = project_table(db, None, None, None) if db else ([], [])
            admin = service.role(request) == "admin"
            return (gr.update(choices=[""] + directions), gr.update(choices=[""] + sources), gr.update(choices=[""] + years),
                    gr.update(value=table, headers=header) if header else gr.update(), linkage_svg(db) if db else "",
                    gr.update(choices=[" ".join(p.name.split()) for p in rows]), _documents_table(service),
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


# -- access: loopback rule, DNS-rebinding defence, login lock-out ----------------------------------

def is_loopback(host: str | None) -> bool:
    """True for `localhost`, 127.0.0.0/8 and ::1, with or without a port (`[::1]:7860`, `localhost:7860`)."""
    host = (host or "").strip().lower()
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    host = host.rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def request_is_local(request) -> bool:
    """The request's Host header is loopback, and so is its Origin when it sends one (a page on another
    site, or on a DNS-rebinding name such as evil.example → 127.0.0.1, is not local)."""
    headers = getattr(request, "headers", None)
    if headers is None:
        return False
    host, origin = headers.get("host"), headers.get("origin")
    if not is_loopback(host):
        return False
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and is_loopback(parts.netloc)


_CLIENT_ADDRESS: contextvars.ContextVar[str | None] = contextvars.ContextVar("plan_assistant_client", default=None)


class AccessMiddleware:
    """ASGI middleware on the app gradio builds. While the server is bound to a loopback address it
    refuses (403) every request whose Host header is not loopback: a page on evil.example whose name
    was rebound to 127.0.0.1 sends `Host: evil.example`. It also makes the client address visible to
    the login check (gradio's auth callable only gets the user name and password)."""

    def __init__(self, app, loopback_only: bool):
        self.app, self.loopback_only = app, loopback_only

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.loopback_only:
            from starlette.datastructures import Headers

            host = Headers(scope=scope).get("host")
            if not is_loopback(host):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse(f"refused: this server answers only to a loopback Host, not {host!r}",
                                             status_code=403)
                await response(scope, receive, send)
                return
        client = scope.get("client")
        token = _CLIENT_ADDRESS.set(client[0] if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            _CLIENT_ADDRESS.reset(token)


def login_check(service: Service, guard: LoginGuard):
    """gradio's auth callable: the password check behind the lock-out of repeated failures per user
    name and per client address (429 while locked, whatever the password)."""

    def auth(name: str, password: str) -> bool:
        address = _CLIENT_ADDRESS.get()
        wait = guard.retry_after(name, address)
        if wait > 0:
            from fastapi import HTTPException

            minutes = max(1, math.ceil(wait / 60))
            raise HTTPException(status_code=429, headers={"Retry-After": str(math.ceil(wait))},
                                detail=f"too many failed logins: try again in {minutes} min")
        ok = check(service.users, name, password)
        guard.record(name, address, ok)
        return ok

    return auth


def serve(settings: Settings, embeddings=None, block: bool = True):
    """Start the app on settings.host:settings.port with a queue sized for concurrent chats."""
    from starlette.middleware import Middleware

    service = Service(settings, embeddings)
    demo = build_app(service)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=max(64, 4 * settings.concurrency))
    loopback = is_loopback(settings.host)
    if not service.users:
        where = f"{settings.host}:{settings.port}"
        print(f"warning: no users file: anyone who can reach this port can administer; bound to {where} "
              "(requests must name a loopback Host)" if loopback else
              f"warning: no users file and bound to {where} (not loopback): nobody can administer documents; "
              "anyone who can reach this port can chat", file=sys.stderr, flush=True)
    auth = login_check(service, LoginGuard()) if service.users else None
    demo.launch(server_name=settings.host, server_port=settings.port, auth=auth, prevent_thread_lock=not block,
                auth_message="เข้าสู่ระบบผิด 5 ครั้งใน 15 นาที จะถูกระงับ 15 นาที / "
                             "5 failed logins within 15 minutes lock that name and address for 15 minutes",
                show_error=True, css=CSS, quiet=True, ssr_mode=False,
                max_file_size=int(settings.max_file_mb) * 1024 * 1024,
                app_kwargs={"middleware": [Middleware(AccessMiddleware, loopback_only=loopback)]})
    return demo
