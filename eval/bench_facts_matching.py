"""Benchmark table-row ↔ brief matching on N distinct copies of a plan: all-pairs vs blocked.

The sample plan's budget-table rows and briefs are read once; each copy gets its names perturbed
(a copy number spelled in Thai digits is inserted in the middle of every name, so copies are
distinct and no copy's row matches another copy's brief exactly). Both ways of matching are timed
on the same input, and the pairings they make are compared (they must be the same).

    python eval/bench_facts_matching.py [--plan corpus/lampang-industry-action-plan-2567.txt] [--copies 8 16 32 64]
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.facts import match_projects  # noqa: E402
from ingest.facts_briefs import parse_briefs  # noqa: E402
from ingest.facts_records import Brief, TableRow  # noqa: E402
from ingest.facts_tables import parse_directions_and_tables  # noqa: E402
from ingest.structure import RANK_BRIEF, RANK_DIRECTION, detect_headings  # noqa: E402
from ingest.thai_repair import repair_lines  # noqa: E402

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def read_plan(path: Path) -> tuple[list[TableRow], list[Brief]]:
    """The plan's budget-table rows and briefs, read as ingest reads them."""
    lines = repair_lines(path.read_text(encoding="utf-8").splitlines())
    headings = detect_headings(lines)
    outline = {h.line for h in headings if h.rank < RANK_DIRECTION}
    briefs_at = {h.line for h in headings if h.rank == RANK_BRIEF}
    _, rows, _ = parse_directions_and_tables(lines, outline | briefs_at)
    return rows, parse_briefs(lines, outline)


def _perturb(name: str, k: int) -> str:
    tag = " ชุด" + "".join(THAI_DIGITS[int(d)] for d in str(k)) + " "
    mid = len(name) // 2
    return name[:mid] + tag + name[mid:]


def copies(rows: list[TableRow], briefs: list[Brief], n: int) -> tuple[list[TableRow], list[Brief]]:
    """n distinct copies of the plan's rows and briefs (names perturbed per copy)."""
    out_rows, out_briefs = [], []
    for k in range(1, n + 1):
        for r in rows:
            c = copy.deepcopy(r)
            c.name = _perturb(r.name, k)
            out_rows.append(c)
        for b in briefs:
            c = copy.deepcopy(b)
            c.name = _perturb(b.name, k)
            out_briefs.append(c)
    return out_rows, out_briefs


def _pairs(projects) -> set[tuple[str, str]]:
    return {(p.row.name, p.brief.name) for p in projects if p.row is not None and p.brief is not None}


def bench(plan: Path, sizes: list[int]) -> list[dict]:
    """Time all-pairs and blocked matching for each number of copies."""
    rows, briefs = read_plan(plan)
    results = []
    for n in sizes:
        r, b = copies(rows, briefs, n)
        t = time.perf_counter()
        full, _ = match_projects(copy.deepcopy(r), copy.deepcopy(b), blocking=False)
        t_full = time.perf_counter() - t
        t = time.perf_counter()
        blocked, _ = match_projects(copy.deepcopy(r), copy.deepcopy(b), blocking=True)
        t_blocked = time.perf_counter() - t
        results.append({"copies": n, "rows": len(r), "briefs": len(b), "all_pairs_s": round(t_full, 3),
                        "blocked_s": round(t_blocked, 3), "pairs": len(_pairs(blocked)),
                        "same_pairs": _pairs(full) == _pairs(blocked)})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default="corpus/lampang-industry-action-plan-2567.txt")
    parser.add_argument("--copies", type=int, nargs="+", default=[8, 16, 32, 64])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = bench(Path(args.plan), args.copies)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print("| copies | rows | briefs | all pairs (s) | blocked (s) | pairs | same pairs |")
        print("|---|---|---|---|---|---|---|")
        for r in results:
            print(f"| {r['copies']} | {r['rows']} | {r['briefs']} | {r['all_pairs_s']} | {r['blocked_s']} | "
                  f"{r['pairs']} | {r['same_pairs']} |")
    return 0 if all(r["same_pairs"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
