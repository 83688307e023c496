"""Documents benchmark (issue 11): what the document model holds and where ingest time goes.

    python eval/bench_documents.py [--full] [--ingest] [--results eval/RESULTS.md] [--json out.json] [FILE ...]

Default documents: the shipped sample plan and the two Budget Bureau books in
../shared/corpus-extra. For each: pages, printed page labels found, lines, sections, tables
(cells in the document model), lists (and their items, nested ones included; list detection is
part of the model stage and also timed on its own),
dictionary-hit rate and damage counts before/after Thai repair (`repair_document`'s own
RepairReport: sampled lines, as `plan-assistant status` shows), and seconds per ingest stage,
timed by `ingest.pipeline.prepare_document` itself (its stage callback), in its order:
read → repair (lines and table cells) → structure (detect_headings with fonts and tables +
build_sections) → chunks → facts → model (build_model, lists included), then the keyword index (search_tokens over every chunk's index_text) and the
embeddings. Embedding seconds are an ESTIMATE (32 evenly spaced chunks embedded with the real
embedder, scaled to the chunk count) unless `--full` embeds every chunk.

`--ingest` also runs the real `plan-assistant ingest FILE` on a fresh temporary data dir for
each document (total seconds and "answerable after" from its report line) and again unchanged.
Timings depend on the machine's load: the 1-minute load average is printed with them.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from eval.bench_repair import DEFAULTS, FAMILIES  # noqa: E402  (the sample and both books; damage families)

# The damage families the "Done when" names, then the others repair counts.
DAMAGE = FAMILIES  # the damage families, in bench_repair's order (the first five are the issue's)
STAGES = ["read", "repair", "structure", "chunks", "facts", "model", "keyword", "embed"]
SAMPLE = 32


def load_avg() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def bench(path: Path, settings, embedder, full: bool) -> dict:
    """One document through the pipeline's own functions, each stage timed."""
    from ingest.chunking import index_text
    from ingest.identity import document_id
    from ingest.lists import detect_lists
    from ingest.pipeline import prepare_document
    from ingest.readers import ReadLimits, read_document
    from ingest.tokenize import search_tokens

    t: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        t[stage] = now - clock
        clock = now

    source = read_document(path, path.parent, limits=ReadLimits.from_settings(settings))
    source.doc_id = document_id(path)
    lap("read")
    doc = prepare_document(source, settings, lap)  # repair → structure → chunks → facts → model, as ingest runs them
    lines, sections, chunks, facts, model, repair = doc.lines, doc.sections, doc.chunks, doc.facts, doc.model, doc.repair
    t0 = time.perf_counter()
    detect_lists(lines, sections, source.pages, model.tables)  # again, alone: its share of the model stage
    lists_s = time.perf_counter() - t0
    clock = time.perf_counter()
    texts = [index_text(c) for c in chunks]
    tokens = [search_tokens(x) for x in texts]
    lap("keyword")

    if full or len(texts) <= SAMPLE:
        sample = texts
    else:
        step = len(texts) / SAMPLE
        sample = [texts[int(i * step)] for i in range(SAMPLE)]
    t0 = time.perf_counter()
    embedder.embed_documents(sample)
    sample_s = time.perf_counter() - t0
    t["embed"] = sample_s * len(texts) / max(len(sample), 1)
    embed_estimated = len(sample) < len(texts)

    pages = {p for p in source.pages if p is not None}
    return {
        "document": path.name,
        "pages": len(pages) or (1 if lines else 0),
        "page_labels": len([p for p in model.pages if p.label]),
        "lines": len(lines),
        "sections": len(sections),
        "tables": len(model.tables),
        "table_cells": sum(len(tb.cells) for tb in model.tables),
        "lists": len(model.lists),
        "list_items": sum(len(b.items) for b in model.lists),
        "lists_s": round(lists_s, 3),
        "chunks": len(chunks),
        "chunk_tokens_total": sum(len(x) for x in tokens),
        "projects": len(getattr(facts, "projects", []) or []),
        "hit_rate_before": repair["hit_rate_before"],
        "hit_rate_after": repair["hit_rate_after"],
        "hit_rate_lines": repair.get("hit_rate_lines"),
        "damage_before": dict(repair["damage_before"]),
        "damage_after": dict(repair["damage_after"]),
        "chosen": repair["chosen"],
        "seconds": {k: round(v, 2) for k, v in t.items()},
        "embed_estimated": embed_estimated,
        "embed_sample": len(sample),
        "embed_chunks_per_s": round(len(sample) / sample_s, 2) if sample_s else None,
        "answerable_s_estimate": round(sum(v for k, v in t.items() if k != "embed"), 2),
        "load": load_avg(),
    }


def run_cli_ingest(path: Path) -> dict:
    """The real CLI on a fresh data dir: total and answerable-after seconds, then an unchanged re-ingest."""
    exe = ROOT / ".venv" / "bin" / "plan-assistant"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_assistant.cli"]
    pattern = re.compile(r"seconds: ([\d.]+)(?: \(answerable after ([\d.]+)\))?")
    out: dict = {"document": path.name}
    with tempfile.TemporaryDirectory() as tmp:
        for label in ("first", "unchanged"):
            load = load_avg()
            t0 = time.perf_counter()
            proc = subprocess.run(cmd + ["--data-dir", tmp, "ingest", str(path)], capture_output=True, text=True,
                                  cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
            wall = time.perf_counter() - t0
            m = pattern.search(proc.stdout)
            out[label] = {"rc": proc.returncode, "wall_s": round(wall, 2), "load": load,
                          "seconds": float(m.group(1)) if m else None,
                          "answerable_s": float(m.group(2)) if m and m.group(2) else None}
            if proc.returncode != 0:
                out[label]["error"] = (proc.stdout + proc.stderr)[-600:]
    return out


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.1%}"


def markdown(rows: list[dict], ingests: list[dict], settings, full: bool) -> str:
    head = [d for d, _ in DAMAGE[:5]]
    if not rows:
        out = [f"Run {time.strftime('%Y-%m-%d %H:%M %Z')} on {os.cpu_count()} cores; chunk_tokens {settings.chunk_tokens}, "
               f"embedding {settings.embedding_backend}."]
        return "\n".join(out + _ingest_rows(ingests))
    out = [
        f"Run {time.strftime('%Y-%m-%d %H:%M %Z')} on {os.cpu_count()} cores; chunk_tokens {settings.chunk_tokens}, "
        f"embedding {settings.embedding_backend}. Load average (1/5/15 min) per row.",
        "",
        "| document | pages | printed labels | lines | sections | tables (cells) | lists (items; s) | chunks | "
        "dictionary hits before → after | damage before → after (Latin/doubled/FFFD/PUA/mark-space) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        dmg = " / ".join(f"{r['damage_before'].get(k, 0)}→{r['damage_after'].get(k, 0)}" for k in head)
        lists = f"{r['lists']} ({r['list_items']}; {r['lists_s']:.2f} s)"
        out.append(
            f"| {r['document']} | {r['pages']} | {r['page_labels']} | {r['lines']} | {r['sections']} | "
            f"{r['tables']} ({r['table_cells']}) | {lists} | {r['chunks']} | "
            f"{_pct(r['hit_rate_before'])} → {_pct(r['hit_rate_after'])} | {dmg} |"
        )
    out += ["", "Ingest seconds per stage (" + ("embeddings: every chunk embedded" if full else
            f"embed = ESTIMATE: {SAMPLE} evenly spaced chunks timed × chunk count") + "):", "",
            "| document | " + " | ".join(STAGES) + " | total | without embed | chunks/s embed | load |",
            "|---|" + "---|" * (len(STAGES) + 4)]
    for r in rows:
        s = r["seconds"]
        total = sum(s.values())
        emb = f"{s['embed']:.1f}" + ("*" if r["embed_estimated"] else "")
        cells = [f"{s[k]:.2f}" for k in STAGES[:-1]] + [emb]
        out.append(f"| {r['document']} | " + " | ".join(cells) +
                   f" | {total:.1f} | {r['answerable_s_estimate']:.1f} | {r['embed_chunks_per_s']} | {r['load']} |")
    if not full:
        out += ["", "\\* estimated from a sample; `--full` embeds every chunk."]
    return "\n".join(out + _ingest_rows(ingests))


def _ingest_rows(ingests: list[dict]) -> list[str]:
    out: list[str] = []
    if ingests:
        out += ["", "Real `plan-assistant ingest FILE` on a fresh data dir, then again unchanged:", "",
                "| document | answerable after (s) | full ingest (s) | unchanged re-ingest (s) | load |",
                "|---|---|---|---|---|"]
        for g in ingests:
            f, u = g["first"], g["unchanged"]
            out.append(f"| {g['document']} | {f['answerable_s']} | {f['seconds']} | {u['seconds']} "
                       f"(wall {u['wall_s']}, CLI start included) | {f['load']} |")
            for label in ("first", "unchanged"):
                if g[label].get("error"):
                    out.append(f"\nFAILED ({label}): {g[label]['error']}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--full", action="store_true", help="embed every chunk (default: estimate from 32)")
    ap.add_argument("--ingest", action="store_true", help="also run the real CLI ingest (fresh data dir) per file")
    ap.add_argument("--no-bench", action="store_true", help="with --ingest: only the CLI runs")
    ap.add_argument("--results", type=Path, default=None, help="write the table as a section of this Markdown file")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    from ingest.embeddings import make_embeddings
    from plan_assistant.config import load_settings

    files = args.files or [p for p in DEFAULTS if p.exists()]
    settings = load_settings()
    rows: list[dict] = []
    if not args.no_bench:
        embedder = make_embeddings(settings)
        embedder.embed_documents(["warm up"])
        for path in files:
            print(f"… {path.name} (load {load_avg()})", file=sys.stderr, flush=True)
            rows.append(bench(path, settings, embedder, args.full))
    ingests = []
    if args.ingest:
        for path in files:
            print(f"… CLI ingest {path.name} (load {load_avg()})", file=sys.stderr, flush=True)
            ingests.append(run_cli_ingest(path))
    text = markdown(rows, ingests, settings, args.full)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"documents": rows, "ingest": ingests}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    if args.results:
        from eval.harness import write_section

        write_section(args.results, "bench-documents", "## Documents and ingest stages (`python eval/bench_documents.py`)\n\n"
                      + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
