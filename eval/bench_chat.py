"""Chat concurrency: N parallel sessions against the real web app on loopback (gradio_client).

    python eval/bench_chat.py --sessions 20 --duration 60 --think 5 10 [--data-dir data] [--json out.json]
    python eval/bench_chat.py --sessions 1 --think 5 5 --during-import BOOK.pdf [--data-dir data]
    python eval/bench_chat.py --sessions 20 --questions 3          # back to back, no think time

Each session is a person: asks a dev question, reads for a random think time (uniform in --think),
asks the next; all sessions start together (staggered over the first think time when one is given).
With --duration, sessions keep asking until that many seconds have passed; otherwise each asks
--questions questions. --during-import starts an ingest of the given files through the app's own
upload path (a separate, lower-priority process) when the sessions start, and measures while it runs
(stopping when it ends, or at --duration). Prints errors, latency p50/p95/max, answers per second and
the machine's load.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from plan_assistant.config import load_settings  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(ordered: list[float], q: float) -> float | None:
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 3) if ordered else None


class _InProcessImport:
    """Before the app had its own import process: the ingest ran in the server's process (a thread)."""

    def __init__(self, settings, paths):
        from ingest.pipeline import ingest

        self.report, self.error = None, None

        def work():
            try:
                self.report = ingest(paths, settings, lambda m: None)
            except Exception as exc:  # noqa: BLE001
                self.error = str(exc)

        self._thread = threading.Thread(target=work)
        self._thread.start()

    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout=None):
        from types import SimpleNamespace

        self._thread.join(timeout)
        return SimpleNamespace(files=[SimpleNamespace(name="-", pages=None)], phase="in-process",
                               report=self.report, error=self.error)


def _start_import(settings, paths):
    """The app's own import (a separate lower-priority process) where this version has one."""
    try:
        from assistant.app_ingest import IngestJob
    except ImportError:
        return _InProcessImport(settings, paths)
    return IngestJob(settings, paths)


def run(sessions: int, per_session: int, data_dir: str | None, think: tuple[float, float] = (0.0, 0.0),
        duration: float | None = None, during_import: list[str] | None = None, seed: int = 7) -> dict:
    from dataclasses import replace

    from gradio_client import Client

    from assistant.app import serve

    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    scratch = None
    if during_import:  # a copy of the index, so the import does not change the one given
        scratch = Path(tempfile.mkdtemp(prefix="bench-chat-"))
        shutil.copytree(settings.data_dir, scratch / "data")
        settings = replace(settings, data_dir=scratch / "data")
    settings = replace(settings, port=_port())
    demo = serve(settings, block=False)
    questions = [json.loads(line)["question"] for line in
                 (Path(__file__).parent / "questions_dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(sessions + 1)
    stop = threading.Event()
    rng = random.Random(seed)
    thinks = [rng.random() for _ in range(100000)]

    def session(i: int) -> None:
        try:
            client = Client(f"http://127.0.0.1:{settings.port}/", verbose=False)
        except Exception as exc:  # noqa: BLE001 - a failed connection is a measured error
            with lock:
                errors.append(f"connect: {exc}")
            start.wait()
            return
        start.wait()
        if think[1] > 0:  # people do not all press enter at the same instant
            time.sleep(thinks[i] * think[1])
        j = 0
        while not stop.is_set() and (duration is not None or j < per_session):
            question = questions[(i * 7 + j) % len(questions)]
            t0 = time.perf_counter()
            try:
                result = client.predict(question, [], api_name="/respond")
                history = result[0]
                if not history or "[" not in str(history[-1]["content"]) and "ไม่" not in str(history[-1]["content"]):
                    raise RuntimeError(f"no cited answer for {question!r}")
                with lock:
                    latencies.append(time.perf_counter() - t0)
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"{question[:30]}: {exc}")
            j += 1
            if think[1] > 0:
                stop.wait(think[0] + thinks[(i * 1000 + j) % len(thinks)] * (think[1] - think[0]))

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    job = None
    if during_import:
        staged = []
        uploads = Path(settings.data_dir) / "uploads"
        uploads.mkdir(parents=True, exist_ok=True)
        for f in during_import:
            shutil.copy(f, uploads / Path(f).name)
            staged.append(uploads / Path(f).name)
    start.wait()
    t0 = time.perf_counter()
    if during_import:
        job = _start_import(settings, staged)
    load0 = os.getloadavg()[0]
    while any(t.is_alive() for t in threads):
        elapsed = time.perf_counter() - t0
        if duration is not None and elapsed >= duration:
            stop.set()
        if job is not None and not job.running():
            stop.set()
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    imported = None
    if job is not None:
        state = job.wait(600)
        imported = {"files": [f.name for f in state.files], "pages": [f.pages for f in state.files],
                    "phase": state.phase, "seconds": round(time.perf_counter() - t0, 1),
                    "added": state.report.added if state.report else None, "error": state.error}
    demo.close()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
    ordered = sorted(latencies)
    return {
        "sessions": sessions, "think_s": list(think), "duration_s": duration,
        "questions_per_session": None if duration else per_session, "answers": len(latencies),
        "errors": len(errors), "error_samples": errors[:5], "wall_s": round(wall, 2),
        "latency_p50_s": round(statistics.median(ordered), 3) if ordered else None,
        "latency_p95_s": _pct(ordered, 0.95), "latency_max_s": round(ordered[-1], 3) if ordered else None,
        "answers_per_s": round(len(latencies) / wall, 2) if wall else None,
        "loadavg_1min_start_end": [round(load0, 2), round(os.getloadavg()[0], 2)], "cpus": os.cpu_count(),
        "during_import": imported,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=3, help="questions per session (without --duration)")
    parser.add_argument("--duration", type=float, help="keep asking for this many seconds")
    parser.add_argument("--think", type=float, nargs=2, default=(0.0, 0.0), metavar=("MIN", "MAX"),
                        help="seconds a session waits between its questions (uniform)")
    parser.add_argument("--during-import", nargs="+", help="ingest these files while the sessions ask")
    parser.add_argument("--data-dir")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()
    result = run(args.sessions, args.questions, args.data_dir, tuple(args.think), args.duration, args.during_import)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
