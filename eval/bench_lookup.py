"""Latency of the exact facts lookup (find / list / totals / KPIs) on an ingested corpus.

    python eval/bench_lookup.py [--corpus corpus/] [--repeat 50]

Ingests into a fresh temporary data dir, then times each lookup kind; prints p50/p95 in ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.lookup import FactsDB  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from plan_assistant.config import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        ingest([Path(args.corpus)], settings, progress=lambda m: None)
        db = FactsDB(settings)
        names = [p.name for p in db.list_projects()]
        probes = {
            "find_project (partial name)": lambda i: db.find_projects(names[i % len(names)][8:30]),
            "find_project (misspelt + source hint)": lambda i: db.find_projects("โครงการคาบอนต่ำของกระทรวง"),
            "list_projects (direction+year)": lambda i: db.list_projects(direction=1 + i % 3, year="2568"),
            "totals by source": lambda i: db.totals("source"),
            "kpis of a direction": lambda i: db.kpis(direction=1 + i % 3),
        }
        print(f"corpus: {args.corpus}  projects: {len(names)}  repeats: {args.repeat}")
        print("| lookup | p50 ms | p95 ms |")
        print("|---|---|---|")
        for label, probe in probes.items():
            times = []
            for i in range(args.repeat):
                t0 = time.perf_counter()
                probe(i)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            print(f"| {label} | {statistics.median(times):.2f} | {times[int(0.95 * (len(times) - 1))]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
