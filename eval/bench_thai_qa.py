"""Retrieval on public Thai QA text nobody here wrote (XQuAD-th): each paragraph becomes a
document; a hit is a retrieved chunk that contains the gold answer span.

    python eval/bench_thai_qa.py [--file ../shared/benchmarks/thai-qa/xquad.th.json] [--limit 400]

Reports hit@k / MRR for dense, BM25 and fused at several BM25 fusion weights, and fused at
several candidate-pool depths (how many of each list enter the fusion), so the fusion settings
chosen on the plan dev set can be checked on independent text.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.normalize import normalize_query  # noqa: E402
from assistant.retrieve import Retriever, rrf  # noqa: E402
from ingest.identity import document_id  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from ingest.thai_repair import index_form  # noqa: E402
from plan_assistant.config import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default=str(Path(__file__).resolve().parents[2] / "shared/benchmarks/thai-qa/xquad.th.json"))
    ap.add_argument("--limit", type=int, default=400, help="questions to ask (from the start)")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--pools", type=lambda v: [int(x) for x in v.split(",")], default=[20, 50, 100],
                    help="candidate-pool depths to compare (comma-separated)")
    args = ap.parse_args(argv)

    data = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    questions: list[tuple[str, str, str]] = []  # (question, answer, doc_id)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = 0
        for article in data["data"]:
            for para in article["paragraphs"]:
                n += 1
                name = f"p{n:04d}.txt"
                (corpus / name).write_text(para["context"].lstrip("\ufeff"), encoding="utf-8")
                for qa in para["qas"]:
                    questions.append((qa["question"], qa["answers"][0]["text"], document_id(corpus / name)))
        questions = questions[: args.limit]
        settings = load_settings(data_dir=Path(tmp) / "data")
        t0 = time.perf_counter()
        report = ingest([corpus], settings, progress=lambda m: None)
        print(f"{args.file}: {report.documents} paragraphs, {report.chunks} chunks, ingest {time.perf_counter() - t0:.1f} s")
        retriever = Retriever(settings)
        chunks = retriever.snapshot.chunks
        pool = max(args.pools)
        runs = []
        for question, answer, doc_id in questions:
            normalized = normalize_query(question)
            runs.append((retriever.dense(normalized, pool), retriever.bm25(normalized, pool), index_form(answer), doc_id))

    def score(rank_lists):
        hits = rr = 0.0
        for ranking, (_, _, answer, doc_id) in zip(rank_lists, runs):
            for r, cid in enumerate(ranking[: args.k], start=1):
                c = chunks[cid]
                if c.doc_id == doc_id and answer in index_form(c.text):
                    hits += 1
                    rr += 1 / r
                    break
        return hits / len(runs), rr / len(runs)

    print(f"questions: {len(runs)}, k = {args.k}")
    print(f"| retriever | hit@{args.k} | MRR@{args.k} |")
    print("|---|---|---|")
    for name, lists in (("dense", [d for d, _, _, _ in runs]), ("bm25", [b for _, b, _, _ in runs])):
        h, m = score(lists)
        print(f"| {name} | {h:.3f} | {m:.3f} |")
    for w in (0.7, 1.0, 1.5, 2.0):
        fused = []
        for d, b, _, _ in runs:
            s = rrf([d, b], settings.rrf_k, [1.0, w])
            fused.append(sorted(s, key=lambda c: -s[c]))
        h, m = score(fused)
        print(f"| fused (bm25 weight {w}) | {h:.3f} | {m:.3f} |")
    for depth in args.pools:
        fused = []
        for d, b, _, _ in runs:
            s = rrf([d[:depth], b[:depth]], settings.rrf_k, [1.0, settings.bm25_weight])
            fused.append(sorted(s, key=lambda c: -s[c]))
        h, m = score(fused)
        print(f"| fused (weight {settings.bm25_weight}, pool {depth}) | {h:.3f} | {m:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
