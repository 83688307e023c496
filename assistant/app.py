"""The web app (`plan-assistant serve`): chat with streamed, cited answers; the plan explorer;
rationale drafting; and document management for administrators. Gradio, bound to 127.0.0.1
by default; login when a users file is configured.
"""
from __future__ import annotations

import contextvars
import ipaddress
import math
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import gradio as gr

from assistant.app_assets import CSS, JS_HEAD
from assistant.app_conversations import Conversation, ConversationStore
from assistant.app_examples import example_questions
from assistant.app_ingest import IngestJob, seconds_per_page
from assistant.app_navigator import build_tree, navigator_html
from assistant.app_page import cited_page, page_view_html
from assistant.app_views import (TEXT, answer_bubble, answer_markdown, citation_label, draft_docx, draft_references,
                                 inert, passage_html, project_table, question_language)
from assistant.pipeline import Assistant
from assistant.records import Citation
from ingest.store import MANIFEST, Manifest
from plan_assistant.config import Settings
from plan_assistant.users import LoginGuard, check, load_users



ANSWER_SLOTS = 2  # answers computed at once (see Service)


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
        # A small pool of answer slots instead of one global lock. The components are safe to share (the facts
        # connection is read-only and sqlite is serialized, chunk/BM25 snapshots are read-only, Chroma queries
        # are thread-safe, the embedder locks its own model), but answering is pure-Python CPU work: more
        # threads than cores only trade the queue for GIL contention (eval/bench_chat.py, measured: no limit
        # was worse than one slot at 20 sessions on 2 cores). A local llama.cpp model is one handle: one slot.
        slots = 1 if settings.engine == "llamacpp" else max(1, min(ANSWER_SLOTS, os.cpu_count() or 1))
        self._answer_slots = threading.BoundedSemaphore(slots)
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
            if fresh is not None:
                fresh.assistant.warm()  # before it serves: the first question does not wait for the outline
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
                raise gr.Error(f"{TEXT['th']['no_docs']} / {TEXT['en']['no_docs']}")
            with self._answer_slots:
                yield from assistant.stream(question, previous)

    def start_ingest(self, paths: list[Path], remove: set[str] | None = None, force: bool = False) -> IngestJob:
        """Start an ingest in a separate, lower-priority process; chat keeps answering from the current
        generation, and the next request after the swap switches to the new one (`refresh`)."""
        return IngestJob(self.settings, paths, remove, force)

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


def _documents_table(service: Service) -> list[list]:
    """One row per indexed document: id, source file, title, pages, sections, fact counts, when indexed."""
    manifest = Manifest.load(Path(service.settings.data_dir))
    with service.using() as assistant:
        counts = assistant.db.fact_counts() if assistant else {}
    search = ("คำ + ความหมาย / keywords + meaning" if not manifest.dense_pending else
              f"คำ / keywords ({manifest.dense_pending} embedding)")
    return [[e.doc_id, e.name or Path(e.path).name, e.title, e.pages or "-", e.sections,
             counts.get(e.doc_id, {}).get("projects", 0), counts.get(e.doc_id, {}).get("budget_lines", 0),
             e.indexed_at.replace("T", " ")[:16] or "-", search] for e in manifest.documents.values()]


def _user_key(service: "Service", request) -> str:
    """Whose conversations these are: the login name, or one shared local user without logins."""
    return getattr(request, "username", None) or "_local"


_PATHLIKE = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][^\s\\/:'\"]+)+[\\/]([^\s\\/:'\"]+)")
_EXC_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b:?\s*")


def plain_reason(reason: object) -> str:
    """A reason fit for the page: paths shortened to their file name, exception class names removed."""
    text = _EXC_NAME.sub("", _PATHLIKE.sub(r"\1", str(reason or ""))).strip()
    return text[:300] or "-"


def report_markdown(report, lang: str = "th") -> str:
    """The finished ingest: one line per file (✔ added/replaced, ✖ failed with its reason, · ignored, 🗑 removed)."""
    def md(text) -> str:  # file names and reasons come from uploads: shown as text
        return inert(str(text), "markdown")

    head = ("นำเข้าเสร็จ: เพิ่ม {a} แทนที่ {r} ไม่เปลี่ยน {s} ลบ {d} ไม่สำเร็จ {f}" if lang == "th" else
            "Import finished: {a} added, {r} replaced, {s} unchanged, {d} removed, {f} failed")
    lines = [f"**{head.format(a=len(report.added), r=len(report.replaced), s=len(report.skipped), d=len(report.removed), f=len(report.failed))}**"]
    lines += [f"- ✔ {md(d)}" for d in report.added + report.replaced]
    bad = "อ่านไฟล์ไม่สำเร็จ" if lang == "th" else "could not be read"
    lines += [f"- ✖ **{md(Path(p).name)}**: {bad} ({md(plain_reason(reason))})" for p, reason in report.failed]
    lines += [f"- · {md(Path(p).name)}: {md(plain_reason(reason))}" for p, reason in report.ignored]
    lines += [f"- 🗑 {md(d)}" for d in report.removed]
    if report.dense_error:
        lines.append("- ⚠ " + ("การค้นหาตามความหมายยังไม่พร้อม ใช้การค้นหาด้วยคำไปก่อน" if lang == "th" else
                              "meaning-based search is not ready yet; keyword search is used meanwhile"))
    return "\n".join(lines)


def progress_html(state, lang: str = "th") -> str:
    """Per-file progress of a running import: pages, stage, seconds so far, estimate."""
    th = lang == "th"
    stages = ({"waiting": "รอคิว", "reading": "กำลังอ่านและจัดโครงสร้าง", "indexed": "จัดทำดัชนีแล้ว",
               "unchanged": "ไม่เปลี่ยนแปลง", "failed": "ไม่สำเร็จ"} if th else
              {"waiting": "waiting", "reading": "reading and structuring", "indexed": "indexed",
               "unchanged": "unchanged", "failed": "failed"})
    now, rate = time.monotonic(), seconds_per_page(state)
    head = ["ไฟล์", "หน้า", "ขั้นตอน", "เวลา (วินาที)", "คาดว่าเหลือ"] if th else ["file", "pages", "stage", "seconds", "estimate"]
    rows = []
    for f in state.files:
        spent = f.seconds if f.seconds is not None else (now - f.started if f.started else None)
        eta = ""
        if f.stage == "reading" and rate and f.pages:
            eta = f"~{max(0, f.pages * rate - (spent or 0)):.0f} s"
        rows.append([inert(f.name, "html"), str(f.pages or "-"), stages.get(f.stage, f.stage),
                     f"{spent:.0f}" if spent is not None else "", eta])
    table = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in r)}</tr>" for r in rows)
    tail = ""
    if state.phase == "embedding":
        done, total = state.embedded or (0, 0)
        tail = (f"<p>ตอบคำถามจากเอกสารใหม่ได้แล้ว (ค้นด้วยคำ); กำลังคำนวณเวกเตอร์ {done}/{total}"
                f"{f', อีกประมาณ {state.eta_embedding:.0f} วินาที' if state.eta_embedding else ''}</p>" if th else
                f"<p>The new documents already answer (keyword search); computing vectors {done}/{total}"
                f"{f', about {state.eta_embedding:.0f} s left' if state.eta_embedding else ''}</p>")
    return (f"<div class='ingest-progress'><table><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{table}</table>"
            f"{tail}<small>{'ระหว่างนำเข้า ผู้ใช้ยังถามตอบจากดัชนีเดิมได้' if th else 'Chat keeps answering from the current index meanwhile'}"
            f"</small></div>")


def build_app(service: Service) -> gr.Blocks:
    settings = service.settings
    t = TEXT["th"]
    store = ConversationStore(Path(settings.data_dir))
    with gr.Blocks(title=t["title"]) as demo:
        lang = gr.State("th")
        previous = gr.State(None)
        last_answer = gr.State(None)
        answers = gr.State([])  # every answer of this conversation, for its [n] markers
        conv_id = gr.State(None)
        with gr.Row(equal_height=False):
            heading = gr.Markdown(f"## {t['title']}", elem_id="heading")
            lang_toggle = gr.Radio(["ไทย", "English"], value="ไทย", label="ภาษา / Language", elem_id="lang")
        with gr.Tabs():
            with gr.Tab(t["chat"], id="chat", elem_id="tab-chat") as chat_tab:
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=340):
                        with gr.Accordion(t["history"], open=False, elem_id="history") as history_box:
                            conversations = gr.Radio([], show_label=False, elem_id="conversations")
                        chatbot = gr.Chatbot(height=460, elem_id="chatbot", buttons=["copy"], autoscroll=False,
                                             examples=[], placeholder=t["examples"])
                        with gr.Row():
                            box = gr.Textbox(placeholder=t["ask"], show_label=False, scale=8, elem_id="question")
                            send = gr.Button(t["send"], variant="primary", scale=1, min_width=80, elem_id="send")
                        weak = gr.Markdown("", elem_id="weak")
                        with gr.Row():
                            export = gr.Button(t["export"], elem_id="export", size="sm")
                            clear = gr.Button(t["clear"], elem_id="clear", size="sm")
                        export_file = gr.File(label=t["export_file"], interactive=False, elem_id="export-file", visible=False)
                    with gr.Column(scale=2, min_width=320):
                        cites = gr.Radio([], label=t["citations"], elem_id="citations")
                        cite_pick = gr.Textbox("", show_label=False, container=False, elem_id="cite-pick")
                        passage = gr.HTML("", elem_id="passage")
            with gr.Tab(t["explorer"], id="explorer", elem_id="tab-explorer") as explorer_tab:
                with gr.Row():
                    f_direction = gr.Dropdown(label=t["direction"], choices=[], elem_id="f-direction", min_width=150)
                    f_strategy = gr.Dropdown(label=t["strategy"], choices=[], elem_id="f-strategy", min_width=150)
                    f_source = gr.Dropdown(label=t["source"], choices=[], elem_id="f-source", min_width=150)
                    f_year = gr.Dropdown(label=t["year"], choices=[], elem_id="f-year", min_width=150)
                f_search = gr.Textbox(label=t["search"], elem_id="f-search")
                navigator_title = gr.Markdown(f"### {t['navigator']}")
                navigator = gr.HTML("", elem_id="navigator")
                table_title = gr.Markdown(f"### {t['table']}")
                projects = gr.Dataframe(interactive=False, wrap=True, elem_id="projects")
            with gr.Tab(t["draft"], id="draft", elem_id="tab-draft") as draft_tab:
                topic = gr.Textbox(label=t["topic"], elem_id="topic")
                pick = gr.Dropdown(label=t["project"], choices=[], elem_id="pick")
                make = gr.Button(t["make_draft"], variant="primary", elem_id="make-draft")
                draft_text = gr.Textbox(label=t["draft_text"], lines=14, interactive=True, elem_id="draft")
                draft_refs = gr.Markdown("", elem_id="draft-refs")
                with gr.Row():
                    dl_md = gr.Button(".md", elem_id="dl-md")
                    dl_docx = gr.Button(".docx", elem_id="dl-docx")
                draft_file = gr.File(label=t["draft_file"], interactive=False, elem_id="draft-file", visible=False)
            with gr.Tab(t["docs"], id="docs", elem_id="tab-docs", visible=False) as docs_tab:
                docs = gr.Dataframe(headers=t["doc_cols"], interactive=False, wrap=True, elem_id="documents")
                upload = gr.File(label=t["upload"], file_count="multiple", file_types=[".pdf", ".docx", ".txt", ".md"],
                                 elem_id="upload")
                with gr.Row():
                    ingest_btn = gr.Button(t["ingest"], variant="primary", elem_id="ingest")
                    reingest_btn = gr.Button(t["reingest"], elem_id="reingest")
                with gr.Row():
                    delete_pick = gr.Dropdown(label=t["doc_pick"], choices=[], elem_id="delete-pick")
                    delete_btn = gr.Button(t["delete"], variant="stop", elem_id="delete")
                with gr.Row(visible=False, elem_id="confirm-row") as confirm_row:
                    confirm_text = gr.Markdown("", elem_id="confirm-text")
                    confirm_btn = gr.Button(t["confirm"], variant="stop", elem_id="confirm-delete")
                    cancel_btn = gr.Button(t["cancel"], elem_id="cancel-delete")
                ingest_progress = gr.HTML("", elem_id="ingest-progress")
                docs_status = gr.Markdown("", elem_id="docs-status")

        # -- chat ----------------------------------------------------------------------
        def respond(message, history, prev, lg, turns, cid, request: gr.Request):
            message = (message or "").strip()
            turns = list(turns or [])
            if not message:
                yield history, prev, None, gr.update(), "", "", "", turns, cid, gr.update()
                return
            qlang = question_language(message)
            history = list(history or []) + [{"role": "user", "content": inert(message)},
                                              {"role": "assistant", "content": ""}]
            answer, streamed = None, ""
            try:
                for piece in service.stream(message, prev):
                    if isinstance(piece, str):
                        streamed += piece
                        history[-1]["content"] = inert(streamed)  # document/model text: never live Markdown or HTML
                        yield history, prev, None, gr.update(), "", "", "", turns, cid, gr.update()
                    else:
                        answer = piece
            except gr.Error:
                raise
            except Exception:  # noqa: BLE001 - logged here, a plain message on the page
                traceback.print_exc()
                raise gr.Error(TEXT[lg]["failed"])
            turn = len(turns)
            turns.append(answer.to_dict())
            history[-1]["content"] = answer_bubble(answer, turn, qlang)
            warning = TEXT[qlang]["weak"] if (answer.refused or not answer.supported) else ""
            user = _user_key(service, request)
            cid = cid or store.new_id()
            conv = store.load(user, cid) or Conversation(cid, " ".join(message.split())[:60], time.time())
            conv.messages, conv.answers, conv.previous = history, turns, answer.resolved_question
            try:
                store.save(user, conv)
            except OSError:
                traceback.print_exc()
            listed = store.list(user)
            yield (history, answer.resolved_question, answer.to_dict(),
                   gr.update(choices=[citation_label(c, lg) for c in answer.citations], value=None), "", warning, "",
                   turns, cid, gr.update(choices=listed, value=cid))

        inputs = [box, chatbot, previous, lang, answers, conv_id]
        outputs = [chatbot, previous, last_answer, cites, box, weak, passage, answers, conv_id, conversations]
        to_answer = "() => { setTimeout(() => window.planAssistant && window.planAssistant.toAnswer(), 60); }"
        box.submit(respond, inputs, outputs).then(None, None, None, js=to_answer)
        send.click(respond, inputs, outputs).then(None, None, None, js=to_answer)

        def ask_example(evt: gr.SelectData, history, prev, lg, turns, cid, request: gr.Request):
            value = evt.value if isinstance(evt.value, str) else (evt.value or {}).get("text", "")
            yield from respond(value, history, prev, lg, turns, cid, request)

        chatbot.example_select(ask_example, inputs[1:], outputs).then(None, None, None, js=to_answer)

        def _passage(c: Citation, lg: str) -> str:
            with service.using() as assistant:
                if assistant is None:
                    return ""
                view = ""
                try:
                    page = cited_page(Path(settings.data_dir), assistant.generation, c.doc_id, c.line_start, c.line_end)
                    if page is not None:
                        tx = TEXT[lg]
                        view = page_view_html(page, f"{tx['page']} {c.page_shown() or page.page} · "
                                                    f"{tx['lines']} {c.line_start}–{c.line_end}")
                except Exception:  # noqa: BLE001 - the text view stays; the page image is an extra
                    traceback.print_exc()
                return passage_html(assistant.db, c, lang=lg, page_view=view)

        def show_passage(label, answer, lg):
            if not label or not answer:
                return ""
            n = int(label.split("]")[0].strip("["))
            c = next((c for c in answer["citations"] if c["n"] == n), None)
            return _passage(Citation(**c), lg) if c else ""

        cites.change(show_passage, [cites, last_answer, lang], passage).then(
            None, None, None, js="() => window.planAssistant && window.planAssistant.toPassage()")

        def show_marker(value, turns, lg):
            try:
                turn, n = (int(x) for x in (value or "").split(":")[:2])
                c = next(c for c in turns[turn]["citations"] if c["n"] == n)
            except (ValueError, IndexError, StopIteration, TypeError):
                return gr.update()
            return _passage(Citation(**c), lg)

        cite_pick.change(show_marker, [cite_pick, answers, lang], passage).then(
            None, None, None, js="() => window.planAssistant && window.planAssistant.toPassage()")

        def export_answer(answer, lg):
            if not answer:
                return None
            from assistant.records import Answer

            fields = {k: v for k, v in answer.items() if k in Answer.__dataclass_fields__}
            fields["citations"] = [Citation(**c) for c in fields["citations"]]
            md = f"**{inert(answer['question'])}**\n\n" + answer_markdown(Answer(**fields), question_language(answer["question"]))
            path = Path(tempfile.mkdtemp()) / "answer.md"
            path.write_text(md, encoding="utf-8")
            return gr.update(value=str(path), visible=True)

        export.click(export_answer, [last_answer, lang], export_file)

        def new_conversation(request: gr.Request):
            return ([], None, None, gr.update(choices=[], value=None), "", "", [], None,
                    gr.update(choices=store.list(_user_key(service, request)), value=None))

        clear.click(new_conversation, None,
                    [chatbot, previous, last_answer, cites, passage, weak, answers, conv_id, conversations])

        def open_conversation(cid, lg, request: gr.Request):
            conv = store.load(_user_key(service, request), cid) if cid else None
            if conv is None:
                return (gr.update(),) * 8
            last = conv.answers[-1] if conv.answers else None
            labels = [citation_label(Citation(**c), lg) for c in last["citations"]] if last else []
            return (conv.messages, conv.previous, last, gr.update(choices=labels, value=None), "", "", conv.answers, cid)

        conversations.input(open_conversation, [conversations, lang],
                            [chatbot, previous, last_answer, cites, passage, weak, answers, conv_id])

        # -- explorer ------------------------------------------------------------------
        def explore(direction, strategy, source, year, search, lg):
            with service.using() as assistant:
                if assistant is None:
                    return gr.update(value=[]), ""
                header, rows = project_table(assistant.db, direction, source, year, lg)
                if strategy:
                    rows = [r for r in rows if str(r[1]) == str(strategy)]
                tree = build_tree(assistant.db, direction, strategy, source, year, search or "")
                narrowed = bool(direction or strategy or source or year or (search or "").strip())
                return gr.update(value=rows, headers=header), navigator_html(tree, lg, open_all=narrowed)

        def strategies_of(direction):
            with service.using() as assistant:
                if assistant is None or not direction:
                    return gr.update(choices=[""], value="")
                numbers = sorted({s["number"] for d in assistant.db.directions() if str(d["number"]) == str(direction)
                                  for s in d["strategies"]})
                return gr.update(choices=[""] + [str(n) for n in numbers], value="")

        explore_in = [f_direction, f_strategy, f_source, f_year, f_search, lang]
        f_direction.input(strategies_of, f_direction, f_strategy).then(explore, explore_in, [projects, navigator])
        for control in (f_strategy, f_source, f_year):
            control.input(explore, explore_in, [projects, navigator])
        f_search.submit(explore, explore_in, [projects, navigator])
        f_search.input(explore, explore_in, [projects, navigator], trigger_mode="always_last")

        # -- drafting ------------------------------------------------------------------
        draft_cites = gr.State([])

        def make_draft(topic_text, project_name, lg):
            subject = (topic_text or "").strip() or (project_name or "").strip()
            if not subject:
                raise gr.Error(TEXT[lg]["empty_topic"])
            answer = None
            for piece in service.stream(f"ช่วยร่างหลักการและเหตุผลโครงการ{subject}", None):
                if not isinstance(piece, str):
                    answer = piece
            refs = draft_references(answer.citations)
            return answer.answer, refs, [asdict(c) for c in answer.citations]

        make.click(make_draft, [topic, pick, lang], [draft_text, draft_refs, draft_cites])

        def save_draft(text, refs, cites_, kind):
            """The edited draft as .md or .docx (assistant/draft_export.py; a plain fallback without it)."""
            citations = [Citation(**c) for c in cites_ or []]
            path = Path(tempfile.mkdtemp()) / f"rationale.{kind}"
            try:
                from assistant.draft_export import draft_to_docx, draft_to_markdown
            except ImportError:
                draft_to_docx = draft_to_markdown = None
            if kind == "md":
                md = (draft_to_markdown(text or "", citations) if draft_to_markdown else
                      f"# หลักการและเหตุผล (ร่าง)\n\n{text}\n\n## อ้างอิง\n\n{refs}\n")
                path.write_text(md, encoding="utf-8")
            else:
                path.write_bytes(draft_to_docx(text or "", citations) if draft_to_docx else draft_docx(text or "", refs or ""))
            return gr.update(value=str(path), visible=True)

        dl_md.click(lambda a, b, c: save_draft(a, b, c, "md"), [draft_text, draft_refs, draft_cites], draft_file)
        dl_docx.click(lambda a, b, c: save_draft(a, b, c, "docx"), [draft_text, draft_refs, draft_cites], draft_file)

        # -- documents (admin) -----------------------------------------------------------
        def guard(request: gr.Request):
            if service.role(request) != "admin":
                raise gr.Error(TEXT["th"]["admin_only"] + " / " + TEXT["en"]["admin_only"])

        def run_job(job: IngestJob, lg: str):
            """Yield the progress table while the import runs, then the report and the refreshed lists."""
            while job.running():
                yield progress_html(job.snapshot(), lg), gr.update(), gr.update(), gr.update(), gr.update()
                job.wait(1.0)
            state = job.snapshot()
            service.refresh()
            if state.report is None:
                print(f"ingest failed: {state.error}", file=sys.stderr, flush=True)
                raise gr.Error(TEXT[lg]["failed"])
            yield ("", report_markdown(state.report, lg), _documents_table(service), *_choices())

        def do_ingest(files, lg, request: gr.Request):
            guard(request)
            if not files:
                raise gr.Error(TEXT[lg]["choose_files"])
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
                yield from run_job(service.start_ingest(staged), lg)
            finally:
                for path in staged:
                    path.unlink(missing_ok=True)

        def do_reingest(lg, request: gr.Request):
            guard(request)
            yield from run_job(service.start_ingest([], force=True), lg)

        def ask_delete(doc_id, lg, request: gr.Request):
            guard(request)
            if not doc_id:
                raise gr.Error(TEXT[lg]["choose_doc"])
            return gr.update(visible=True), f"**{TEXT[lg]['confirm_delete']}** `{inert(doc_id, 'text')}`"

        def do_delete(doc_id, lg, request: gr.Request):
            guard(request)
            if not doc_id:
                raise gr.Error(TEXT[lg]["choose_doc"])
            yield from run_job(service.start_ingest([], remove={doc_id}), lg)

        def _choices():
            manifest = Manifest.load(Path(settings.data_dir))
            return gr.update(choices=list(manifest.documents), value=None), gr.update(value=None)

        doc_outputs = [ingest_progress, docs_status, docs, delete_pick, upload]
        ingest_btn.click(do_ingest, [upload, lang], doc_outputs)
        reingest_btn.click(do_reingest, [lang], doc_outputs)
        delete_btn.click(ask_delete, [delete_pick, lang], [confirm_row, confirm_text])
        confirm_btn.click(lambda: gr.update(visible=False), None, confirm_row).then(
            do_delete, [delete_pick, lang], doc_outputs)
        cancel_btn.click(lambda: gr.update(visible=False), None, confirm_row)

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
            return (gr.update(choices=[""] + directions), gr.update(choices=[""]), gr.update(choices=[""] + sources),
                    gr.update(choices=[""] + years),
                    gr.update(value=table, headers=header) if header else gr.update(),
                    navigator_html(build_tree(db)) if db else "",
                    gr.update(choices=[" ".join(p.name.split()) for p in rows]),
                    _documents_table(service) if admin else gr.update(),
                    gr.update(choices=list(Manifest.load(Path(settings.data_dir)).documents)) if admin else gr.update(),
                    gr.update(visible=admin),
                    gr.update(examples=[{"text": q} for q in example_questions(db, "th")]),
                    gr.update(choices=store.list(_user_key(service, request))))

        demo.load(on_load, None, [f_direction, f_strategy, f_source, f_year, projects, navigator, pick, docs,
                                  delete_pick, docs_tab, chatbot, conversations])

        def switch(choice, direction, strategy, source, year, search, request: gr.Request):
            lg = "en" if choice == "English" else "th"
            tx = TEXT[lg]
            with service.using() as assistant:
                db = assistant.db if assistant else None
                examples = example_questions(db, lg)
                header, rows = project_table(db, direction, source, year, lg) if db else ([], [])
                if strategy:
                    rows = [r for r in rows if str(r[1]) == str(strategy)]
                nav = navigator_html(build_tree(db, direction, strategy, source, year, search or ""), lg) if db else ""
            admin = service.role(request) == "admin"
            return (lg, f"## {tx['title']}", gr.update(label=tx["chat"]), gr.update(label=tx["explorer"]),
                    gr.update(label=tx["draft"]), gr.update(label=tx["docs"], visible=admin),
                    gr.update(placeholder=tx["ask"]), gr.update(value=tx["send"]), gr.update(label=tx["citations"]),
                    gr.update(value=tx["export"]), gr.update(value=tx["clear"]), gr.update(label=tx["history"]),
                    gr.update(examples=[{"text": q} for q in examples], placeholder=tx["examples"]),
                    gr.update(label=tx["export_file"]),
                    gr.update(label=tx["direction"]), gr.update(label=tx["strategy"]), gr.update(label=tx["source"]),
                    gr.update(label=tx["year"]), gr.update(label=tx["search"]), f"### {tx['navigator']}", nav,
                    f"### {tx['table']}", gr.update(value=rows, headers=header) if header else gr.update(),
                    gr.update(label=tx["topic"]), gr.update(label=tx["project"]), gr.update(value=tx["make_draft"]),
                    gr.update(label=tx["draft_text"]), gr.update(label=tx["draft_file"]),
                    gr.update(headers=tx["doc_cols"]) if admin else gr.update(), gr.update(label=tx["upload"]),
                    gr.update(value=tx["ingest"]), gr.update(value=tx["reingest"]), gr.update(label=tx["doc_pick"]),
                    gr.update(value=tx["delete"]), gr.update(value=tx["confirm"]), gr.update(value=tx["cancel"]),
                    gr.update(label=f"{tx['lang']} / {'Language' if lg == 'th' else 'ภาษา'}"))

        lang_toggle.change(
            switch, [lang_toggle, f_direction, f_strategy, f_source, f_year, f_search],
            [lang, heading, chat_tab, explorer_tab, draft_tab, docs_tab, box, send, cites, export, clear, history_box,
             chatbot, export_file, f_direction, f_strategy, f_source, f_year, f_search, navigator_title, navigator,
             table_title, projects, topic, pick, make, draft_text, draft_file, docs, upload, ingest_btn, reingest_btn,
             delete_pick, delete_btn, confirm_btn, cancel_btn, lang_toggle]).then(
            None, [lang_toggle], None,
            js="(choice) => { window.planAssistant && window.planAssistant.lang(choice === 'English' ? 'en' : 'th'); }")
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
                show_error=True, css=CSS, head=JS_HEAD, quiet=True, ssr_mode=False,
                max_file_size=int(settings.max_file_mb) * 1024 * 1024,
                app_kwargs={"middleware": [Middleware(AccessMiddleware, loopback_only=loopback)]})
    return demo
