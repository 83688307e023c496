"""Benchmark ingest and retrieval on a corpus: ingest / re-ingest time, query latency,
and retrieval hit@k / MRR against gold `evidence_lines` for dense, BM25 and fused.

    python eval/bench_ingest.py [--corpus corpus/] [--questions eval/questions_dev.jsonl] [--json out.json]

Uses a fresh temporary data directory, so it measures a full ingest. A hit is a retrieved
chunk from the question's document whose line span overlaps a gold evidence range.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.retrieve import MODES, Retriever  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from plan_assistant.config import load_settings  # noqa: E402


def overlaps(line_start: int, line_end: int, ranges: list[list[int]]) -> bool:
    return any(line_start <= b and a <= line_end for a, b in ranges)


def retrieval_scores(retriever: Retriever, questions: list[dict], k: int, mode: str, doc_id: str | None):
    """hit@k, MRR@k and per-query latencies for one retrieval mode."""
    hits, rr, latencies, misses = 0, 0.0, [], []
    for q in questions:
        result = retriever.search(q["question"], k=k, mode=mode)
        latencies.append(result.seconds)
        rank = next(
            (
                n
                for n, h in enumerate(result.hits, start=1)
                if (doc_id is None or h.chunk.doc_id == doc_id)
                and overlaps(h.chunk.line_start, h.chunk.line_end, q["evidence_lines"])
            ),
            None,
        )
        if rank:
            hits += 1
            rr += 1.0 / rank
        else:
            misses.append(q["id"])
    n = len(questions)
    return {"hit": hits / n, "mrr": rr / n, "latencies": latencies, "misses": misses}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--questions", default="eval/questions_dev.jsonl")
    ap.add_argument("--doc-id", default=None, help="document the evidence lines refer to (default: the only one)")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--json", default=None, help="also write results here")
    args = ap.parse_args(argv)

    questions = [json.loads(line) for line in Path(args.questions).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        t0 = time.perf_counter()
        report = ingest([Path(args.corpus)], settings, progress=lambda m: None)
        ingest_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest([Path(args.corpus)], settings, progress=lambda m: None)
        reingest_s = time.perf_counter() - t0

        retriever = Retriever(settings)
        doc_ids = {c.doc_id for c in retriever.snapshot.chunks.values()}
        doc_id = args.doc_id or (doc_ids.pop() if len(doc_ids) == 1 else None)
        retriever.search("warm up", k=args.k)  # load the embedding model outside the timings
        rows = {mode: retrieval_scores(retriever, questions, args.k, mode, doc_id) for mode in MODES}

    print(f"corpus: {args.corpus}  documents: {report.documents}  sections: {report.sections}  chunks: {report.chunks}")
    print(f"full ingest: {ingest_s:.2f} s   unchanged re-ingest: {reingest_s:.3f} s")
    print(f"questions: {len(questions)} ({args.questions}), k = {args.k}")
    print()
    print(f"| retriever | hit@{args.k} | MRR@{args.k} | p50 ms | p95 ms |")
    print("|---|---|---|---|---|")
    for mode in ("dense", "bm25", "fused"):
        r = rows[mode]
        print(
            f"| {mode} | {r['hit']:.2f} | {r['mrr']:.2f} | {statistics.median(r['latencies']) * 1000:.1f} "
            f"| {p95(r['latencies']) * 1000:.1f} |"
        )
    for mode in ("dense", "bm25", "fused"):
        if rows[mode]["misses"]:
            print(f"{mode} misses: {', '.join(rows[mode]['misses'])}")
    if args.json:
        out = {
            "documents": report.documents,
            "chunks": report.chunks,
            "ingest_s": ingest_s,
            "reingest_s": reingest_s,
            "k": args.k,
            "retrieval": {m: {key: v for key, v in r.items()} for m, r in rows.items()},
        }
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
