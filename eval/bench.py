"""Speed and scale benchmark: ingest time, unchanged re-ingest time, peak RSS, retrieval and answer
latency p50/p95, at several corpus sizes (synthetic scaled copies of the corpus with distinct
document ids and distinct text, so the embedding cache cannot make copies free).

    python eval/bench.py --scales 1,10,50 [--corpus corpus] [--json build/bench.json] [--results eval/RESULTS.md]

Each scale runs in its own process (fresh data dir) so peak RSS is that scale's own.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
_HAS_DIGIT = re.compile(r"[0-9๐-๙]")


def make_scaled_corpus(corpus: Path, copies: int, out: Path) -> int:
    """`copies` copies of every text file; copy i tags each prose line (` ·i`) so no two copies share a chunk.

    Lines with digits (tables, budgets, headings' numbers) are left as printed.
    """
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in (".txt", ".md"))
    for i in range(copies):
        for f in files:
            lines = f.read_text(encoding="utf-8").split("\n")
            if i:
                lines = [line if not line.strip() or _HAS_DIGIT.search(line) else f"{line.rstrip()} ·{i}"
                         for line in lines]
            (out / f"copy{i:03d}-{f.name}").write_text("\n".join(lines), encoding="utf-8")
    return copies * len(files)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def run_scale(corpus: Path, copies: int) -> dict:
    """Everything measured at one scale, in this process."""
    from assistant.pipeline import Assistant
    from ingest.pipeline import ingest
    from plan_assistant.config import Settings

    work = Path(tempfile.mkdtemp(prefix=f"bench{copies}x-"))
    docs = make_scaled_corpus(corpus, copies, work / "corpus")
    settings = Settings(data_dir=work / "data")
    t0 = time.perf_counter()
    report = ingest([work / "corpus"], settings, lambda m: None)
    ingest_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ingest([work / "corpus"], settings, lambda m: None)
    reingest_s = time.perf_counter() - t0

    questions = [json.loads(line)["question"] for line in
                 (ROOT / "eval" / "questions_dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assistant = Assistant(settings)
    assistant.retriever.search(questions[0])  # load the embedder once, as a running server has
    retrieval, answering = [], []
    for q in questions:
        t = time.perf_counter()
        assistant.retriever.search(q)
        retrieval.append(time.perf_counter() - t)
        t = time.perf_counter()
        assistant.ask(q)
        answering.append(time.perf_counter() - t)
    return {
        "scale": copies, "documents": docs, "chunks": report.chunks, "ingest_s": round(ingest_s, 2),
        "reingest_s": round(reingest_s, 3), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "retrieval_p50_ms": round(statistics.median(retrieval) * 1000, 1),
        "retrieval_p95_ms": round(_pct(retrieval, 0.95) * 1000, 1),
        "answer_p50_ms": round(statistics.median(answering) * 1000, 1),
        "answer_p95_ms": round(_pct(answering, 0.95) * 1000, 1),
    }


def table(rows: list[dict]) -> str:
    out = ["| scale | docs | chunks | ingest s | re-ingest s | peak RSS MB | retrieval p50/p95 ms | answer p50/p95 ms |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['scale']}× | {r['documents']} | {r['chunks']} | {r['ingest_s']} | {r['reingest_s']} | "
                   f"{r['peak_rss_mb']} | {r['retrieval_p50_ms']} / {r['retrieval_p95_ms']} | "
                   f"{r['answer_p50_ms']} / {r['answer_p95_ms']} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--json", help="write all rows here")
    parser.add_argument("--results", help="write the table as the 'bench' section of this Markdown file")
    parser.add_argument("--rows", help="do not measure: report the rows a previous --json run saved")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one scale, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_scale(Path(args.corpus), args.one)))
        return
    rows = json.loads(Path(args.rows).read_text(encoding="utf-8")) if args.rows else []
    if rows:
        args.scales = ",".join(str(r["scale"]) for r in rows)
    for scale in [] if rows else (int(s) for s in args.scales.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(scale), "--corpus", args.corpus],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.results:
        from eval.harness import provenance, write_section

        meta = provenance()
        cpu = os.cpu_count()
        write_section(Path(args.results), "bench", f"### Speed and scale (`python eval/bench.py --scales {args.scales}`)\n\n"
                      f"{meta['date']} · commit `{meta['commit']}` · {cpu} CPU cores\n\n{table(rows)}\n")


if __name__ == "__main__":
    main()
