"""Reliability bench: N reads while M ingests swap generations under them; errors (target 0) and latency.

Builds a temporary data dir with the shipped sample plan and a small second plan, then runs M
`plan-assistant ingest` processes one after another (each changes the second plan, so each swaps
in a new generation), while in this process R reader threads ask through the web server's
`Service` (the path the chat uses: it follows generations and pins the one it answers from) and,
alongside, `plan-assistant ask` processes are started (the CLI path: open, answer, exit).
At the end it checks that only the active generation and its Chroma collection are left.

    python eval/bench_reliability.py --ingests 6 --readers 2 --cli-asks 8 [--results eval/RESULTS.md]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "lampang-industry-action-plan-2567.txt"
QUESTIONS = [
    "วิสัยทัศน์ของแผนคืออะไร",
    "โครงการส่งเสริมอุตสาหกรรมไทย มุ่งสู่การลดใช้คาร์บอน ขอใช้งบเท่าไร",
    "มีโครงการอะไรบ้างในแนวทางการพัฒนาที่ 1",
    "งบประมาณรวมแยกตามแหล่งงบ",
    "กลุ่มทอผ้ามีสมาชิกกี่ราย",
]
VARIANT = "แผนงานส่งเสริมผ้าทอจังหวัดทดสอบ ประจำปีงบประมาณ 2568\nส่วนที่ 1 สาระสำคัญ\n" \
          "กลุ่มทอผ้ามีสมาชิกทอผ้าจำนวน {n} ราย ผลิตผ้าซิ่นตีนจกเป็นสินค้าหลัก\n"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0.0


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "plan_assistant.cli", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=900)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ingests", type=int, default=6, help="M: ingest processes, one after another")
    ap.add_argument("--readers", type=int, default=2, help="reader threads asking through the server's Service")
    ap.add_argument("--cli-asks", type=int, default=8, help="`plan-assistant ask` processes during the ingests")
    ap.add_argument("--results", help="also write the table as a section of this Markdown file")
    args = ap.parse_args(argv)

    from assistant.app import Service
    from eval.harness import write_section
    from ingest.embeddings import make_embeddings
    from ingest.pipeline import ingest
    from ingest.store import Manifest, chroma_client
    from plan_assistant.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        (corpus / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
        variant = corpus / "variant.txt"
        variant.write_text(VARIANT.format(n=0), encoding="utf-8")
        settings = Settings(data_dir=Path(tmp) / "data")
        embeddings = make_embeddings(settings)
        ingest([corpus], settings, lambda m: None, embeddings)
        service = Service(settings, embeddings)

        stop = threading.Event()
        lock = threading.Lock()
        server_ms: list[float] = []
        errors: list[str] = []
        generations: set[str] = set()

        def reader(offset: int) -> None:
            i = offset
            while not stop.is_set():
                question = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    with service.using() as assistant:
                        generation = assistant.generation
                        assistant.ask(question)
                    with lock:
                        server_ms.append(1000 * (time.perf_counter() - t0))
                        generations.add(generation)
                except Exception as exc:  # noqa: BLE001 - every failure is what the bench counts
                    with lock:
                        errors.append(f"server read: {exc.__class__.__name__}: {exc}")

        cli_ms: list[float] = []

        def cli_asker() -> None:
            for i in range(args.cli_asks):
                if stop.is_set():
                    break
                t0 = time.perf_counter()
                run = cli(settings.data_dir, "ask", "--json", QUESTIONS[i % len(QUESTIONS)])
                with lock:
                    if run.returncode != 0:
                        errors.append(f"cli ask exit {run.returncode}: {run.stderr.strip()[-300:]}")
                    else:
                        cli_ms.append(1000 * (time.perf_counter() - t0))

        threads = [threading.Thread(target=reader, args=(k,)) for k in range(args.readers)]
        threads.append(threading.Thread(target=cli_asker))
        for t in threads:
            t.start()
        ingest_s: list[float] = []
        for m in range(args.ingests):
            variant.write_text(VARIANT.format(n=m + 1), encoding="utf-8")
            t0 = time.perf_counter()
            run = cli(settings.data_dir, "ingest", str(corpus))
            ingest_s.append(time.perf_counter() - t0)
            if run.returncode != 0:
                errors.append(f"ingest {m + 1} exit {run.returncode}: {run.stdout[-300:]}{run.stderr[-300:]}")
        stop.set()
        for t in threads:
            t.join()
        service.refresh()
        manifest = Manifest.load(settings.data_dir)
        left = sorted(p.name for p in (settings.data_dir / "generations").iterdir())
        held = service.assistant.generation
        collections = sorted(getattr(c, "name", c) for c in chroma_client(settings).list_collections())
        service.close()  # let go, as a stopping server does
        after_close = sorted(p.name for p in (settings.data_dir / "generations").iterdir())

    rows = [
        "| what | value |",
        "|---|---|",
        f"| ingests (M) | {len(ingest_s)} done, {sum(ingest_s) / max(1, len(ingest_s)):.1f} s each |",
        f"| server reads (N) | {len(server_ms)} by {args.readers} threads, generations seen: {len(generations)} |",
        f"| server read latency | p50 {percentile(server_ms, 0.5):.0f} ms, p95 {percentile(server_ms, 0.95):.0f} ms |",
        f"| CLI asks | {len(cli_ms)}, p50 {percentile(cli_ms, 0.5) / 1000:.1f} s, p95 {percentile(cli_ms, 0.95) / 1000:.1f} s (process start included) |",
        f"| **errors** | **{len(errors)}** |",
        f"| generations on disk at the end | {len(left)} while the server held {held == manifest.generation and 'the active one' or 'an old one'}, "
        f"{len(after_close)} after it let go |",
        f"| Chroma collections at the end | {len(collections)} |",
    ]
    table = "\n".join(rows)
    print(table)
    for e in errors[:20]:
        print("ERROR", e)
    if args.results:
        write_section(Path(args.results), "reliability",
                      f"### Reliability: reads during ingests (`python eval/bench_reliability.py`)\n\n"
                      f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores.\n\n{table}")
    return 1 if errors or len(after_close) != 1 or len(collections) != 1 else 0


if __name__ == "__main__":
    sys.exit(main())
