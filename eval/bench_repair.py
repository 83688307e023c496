"""Thai repair on real documents: dictionary-hit rate and damage before/after, choices, time.

    python eval/bench_repair.py [--json out.json] [FILE ...]

Default documents: the shipped sample plan (corpus/*.txt) and the two Budget Bureau books in
../shared/corpus-extra (all pages; text via pypdfium2 exactly as `ingest.readers.read_pdf`
reads it). For each: pages, lines, the share of Thai characters inside dictionary words (newmm +
pythainlp `thai_words()`, every line) before and after `repair_document`, the damage counts per
family before and after, the mapping chosen for each family, and the seconds `repair_document`
took (choice + repair + report; reading the PDF and the full-document hit rates not included).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

EXTRA = ROOT.parent / "shared" / "corpus-extra"  # ../shared beside the repository
DEFAULTS = [
    ROOT / "corpus" / "lampang-industry-action-plan-2567.txt",
    EXTRA / "budget-fy2565-vol3-5-mhesi.pdf",
    EXTRA / "budget-fy2565-vol6-natural-resources.pdf",
]
FAMILIES = [
    ("latin_in_thai", "Latin in Thai"),
    ("doubled_mark", "doubled"),
    ("replacement_char", "U+FFFD"),
    ("private_use", "PUA"),
    ("mark_after_space", "mark after space"),
    ("mark_at_line_start", "mark at line start"),
    ("misplaced_mark", "misplaced mark"),
    ("split_sara_am", "split sara am"),
    ("tone_before_vowel", "tone before vowel"),
]


def read(path: Path) -> tuple[list[str], int]:
    from ingest.readers import read_pdf, read_text

    lines, pages = (read_pdf if path.suffix.lower() == ".pdf" else read_text)(path)
    return lines, len({p for p in pages if p is not None}) or 1


def bench(path: Path) -> dict:
    from ingest.repair_choice import dictionary_share
    from ingest.thai_repair import repair_document

    lines, pages = read(path)
    start = time.perf_counter()
    repaired, report = repair_document(lines)
    seconds = time.perf_counter() - start
    row = {"document": path.name, "pages": pages, "seconds": round(seconds, 1), **report.to_dict()}
    # The report scores up to HIT_RATE_LINES evenly spaced lines; here every line (not timed).
    row["hit_rate_before"] = round(dictionary_share(lines), 4)
    row["hit_rate_after"] = round(dictionary_share(repaired), 4)
    return row


def table(rows: list[dict]) -> str:
    out = [
        "| document | pages | lines | dictionary hits before → after | seconds | chosen |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        chosen = "; ".join(f"{c['family']}={c['chosen']}" for c in r["choices"]) or "–"
        out.append(
            f"| {r['document']} | {r['pages']} | {r['lines']} | "
            f"{r['hit_rate_before']:.1%} → {r['hit_rate_after']:.1%} | {r['seconds']} | {chosen} |"
        )
    out += ["", "| document | " + " | ".join(label for _, label in FAMILIES) + " |",
            "|---|" + "---|" * len(FAMILIES)]
    for r in rows:
        cells = [f"{r['damage_before'].get(k, 0)} → {r['damage_after'].get(k, 0)}" for k, _ in FAMILIES]
        out.append(f"| {r['document']} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write the full reports here")
    args = parser.parse_args()
    files = args.files or [p for p in DEFAULTS if p.exists()]
    rows = []
    for path in files:
        rows.append(bench(path))
        print(f"{path.name}: {rows[-1]['seconds']} s", file=sys.stderr)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
