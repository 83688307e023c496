"""Uploads are ingested in a separate, lower-priority process (so chat keeps its CPU and answers from the
current generation meanwhile), reporting per-file progress: pages, stage, elapsed time and an estimate.

    python -m assistant.app_ingest   # the worker: reads its job as JSON on stdin, writes JSON lines
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ingest.pipeline import IngestReport
from plan_assistant.config import Settings

NICE = 10  # the worker's niceness: chat requests come first
_DONE = re.compile(r"^\[(\d+)/(\d+)\] (added|replaced|unchanged|FAILED|same content)")
_EMBED = re.compile(r"^embedding (\d+)/(\d+) \(([\d.]+)/s, about (\d+) s left\)")


@dataclass
class FileProgress:
    """Where one uploaded file is: stage is waiting | reading | indexed | unchanged | failed."""

    name: str
    pages: int | None
    stage: str = "waiting"
    started: float | None = None
    seconds: float | None = None


@dataclass
class JobState:
    """What the admin sees while an ingest runs."""

    files: list[FileProgress]
    started: float = field(default_factory=time.monotonic)
    phase: str = "reading"  # reading | embedding | done | failed
    embedded: tuple[int, int] | None = None
    eta_embedding: float | None = None
    report: IngestReport | None = None
    error: str | None = None


def count_pages(path: Path) -> int | None:
    """Pages of a PDF (None for other files, or one pdfium cannot open: the ingest will say why)."""
    if path.suffix.lower() != ".pdf":
        return None
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - a damaged file is reported by the ingest itself
        return None


class IngestJob:
    """One ingest run in a child process at lower priority; `state` is updated from its progress lines."""

    def __init__(self, settings: Settings, paths: list[Path], remove: set[str] | None = None, force: bool = False):
        self.state = JobState([FileProgress(p.name, count_pages(p)) for p in paths])
        if self.state.files:
            self.state.files[0].stage, self.state.files[0].started = "reading", time.monotonic()
        job = {"settings": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(settings).items()},
               "paths": [str(p) for p in paths], "remove": sorted(remove or []), "force": force}
        env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=os.pathsep.join(
            [str(Path(__file__).resolve().parents[1])] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
        self._proc = subprocess.Popen([sys.executable, "-m", "assistant.app_ingest"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                      env=env, preexec_fn=lambda: os.nice(NICE) if hasattr(os, "nice") else None)
        self._proc.stdin.write(json.dumps(job, ensure_ascii=False))
        self._proc.stdin.close()
        self._lock = threading.Lock()
        self._stderr: list[str] = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _drain_stderr(self) -> None:
        for line in self._proc.stderr:
            self._stderr.append(line)
            del self._stderr[:-50]

    def _read(self) -> None:
        for line in self._proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            with self._lock:
                if event.get("event") == "progress":
                    self._progress(event["message"])
                elif event.get("event") == "report":
                    kept = {f.name for f in fields(IngestReport)}
                    data = {k: v for k, v in event["report"].items() if k in kept}
                    data["failed"] = [tuple(x) for x in data.get("failed", [])]
                    data["ignored"] = [tuple(x) for x in data.get("ignored", [])]
                    self.state.report = IngestReport(**data)
                elif event.get("event") == "error":
                    self.state.error = event["message"]
        code = self._proc.wait()
        with self._lock:
            self.state.phase = "done" if self.state.report is not None else "failed"
            if self.state.report is None and self.state.error is None:
                self.state.error = f"ingest process ended with code {code}: " + "".join(self._stderr[-5:])

    def _progress(self, message: str) -> None:
        now, files = time.monotonic(), self.state.files
        m = _DONE.match(message)
        if m:
            i = int(m[1]) - 1
            if 0 <= i < len(files):
                f = files[i]
                f.stage = {"added": "indexed", "replaced": "indexed", "FAILED": "failed"}.get(m[3], "unchanged")
                f.seconds = now - (f.started or self.state.started)
                if i + 1 < len(files):
                    files[i + 1].stage, files[i + 1].started = "reading", now
            return
        m = _EMBED.match(message)
        if m:
            self.state.phase = "embedding"
            self.state.embedded = (int(m[1]), int(m[2]))
            self.state.eta_embedding = float(m[4])
        elif message.startswith("answerable now"):
            self.state.phase = "embedding"

    def snapshot(self) -> JobState:
        """A copy of the state, with a reading-time estimate per page from the files already read."""
        with self._lock:
            return JobState([FileProgress(**vars(f)) for f in self.state.files], self.state.started, self.state.phase,
                            self.state.embedded, self.state.eta_embedding, self.state.report, self.state.error)

    def running(self) -> bool:
        return self._reader.is_alive()

    def wait(self, timeout: float | None = None) -> JobState:
        self._reader.join(timeout)
        return self.snapshot()


def seconds_per_page(state: JobState) -> float | None:
    """Measured in this job: reading seconds per page over the PDFs already read."""
    done = [f for f in state.files if f.pages and f.seconds and f.stage == "indexed"]
    pages = sum(f.pages for f in done)
    return sum(f.seconds for f in done) / pages if pages else None


def main() -> None:
    """The worker: run one ingest and print its progress and report as JSON lines."""
    job = json.loads(sys.stdin.read())
    from ingest.embeddings import make_embeddings
    from ingest.pipeline import ingest

    raw = job["settings"]
    settings = Settings(**{k: Path(v) if k == "data_dir" else v for k, v in raw.items()
                           if k in {f.name for f in fields(Settings)}})

    def emit(event: dict) -> None:
        print(json.dumps(event, ensure_ascii=False, default=str), flush=True)

    try:
        report = ingest([Path(p) for p in job["paths"]], settings, lambda m: emit({"event": "progress", "message": m}),
                        make_embeddings(settings), remove=set(job["remove"]) or None, force=job["force"])
    except Exception as exc:  # noqa: BLE001 - reported to the server, which shows a plain message
        emit({"event": "error", "message": f"{type(exc).__name__}: {exc}"})
        sys.exit(1)
    emit({"event": "report", "report": asdict(report)})


if __name__ == "__main__":
    main()
