"""Chat concurrency: N parallel sessions against the real web app on loopback (gradio_client).

    python eval/bench_chat.py --sessions 20 --questions 3 [--data-dir data] [--json out.json]

Each session asks its questions one after another, like a person; all sessions start together.
Prints and returns errors, latency p50/p95/max and answers per second.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
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


def run(sessions: int, per_session: int, data_dir: str | None) -> dict:
    from dataclasses import replace

    from gradio_client import Client

    from assistant.app import serve

    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    settings = replace(settings, port=_port())
    demo = serve(settings, block=False)
    questions = [json.loads(line)["question"] for line in
                 (Path(__file__).parent / "questions_dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(sessions)

    def session(i: int) -> None:
        try:
            client = Client(f"http://127.0.0.1:{settings.port}/", verbose=False)
        except Exception as exc:  # noqa: BLE001 - a failed connection is a measured error
            with lock:
                errors.append(f"connect: {exc}")
            return
        start.wait()
        for j in range(per_session):
            question = questions[(i * per_session + j) % len(questions)]
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

    t0 = time.perf_counter()
    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    demo.close()
    ordered = sorted(latencies)
    return {
        "sessions": sessions, "questions_per_session": per_session, "answers": len(latencies), "errors": len(errors),
        "error_samples": errors[:5], "wall_s": round(wall, 2),
        "latency_p50_s": round(statistics.median(ordered), 3) if ordered else None,
        "latency_p95_s": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 3) if ordered else None,
        "latency_max_s": round(ordered[-1], 3) if ordered else None,
        "answers_per_s": round(len(latencies) / wall, 2) if wall else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--questions", type=int, default=3, help="questions per session")
    parser.add_argument("--data-dir")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()
    result = run(args.sessions, args.questions, args.data_dir)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
