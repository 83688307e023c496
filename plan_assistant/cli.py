"""`plan-assistant` command line: ingest, ask, draft, facts, eval, serve, user, status.

Heavy libraries are imported inside the subcommands so `--help` is instant.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from plan_assistant.config import load_settings


def _settings(args: argparse.Namespace):
    return load_settings(args.config, data_dir=Path(args.data_dir) if args.data_dir else None)


def _run_ingest(args: argparse.Namespace, paths: list[Path], **options) -> int:
    """Run one ingest and print its report; exit 1 when any requested file or removal failed."""
    from ingest.locks import IngestBusy
    from ingest.pipeline import ingest

    try:
        report = ingest(paths, _settings(args), progress=lambda msg: print(msg, flush=True),
                        wait_seconds=args.wait, **options)
    except IngestBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(report.summary())
    if getattr(args, "json", False):
        print(json.dumps(vars(report), ensure_ascii=False, default=str))
    return 1 if report.failed or report.dense_error else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"error: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    return _run_ingest(args, paths, sync=args.sync, force=args.force)


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove documents by id, or by file name when exactly one indexed document has it."""
    from ingest.store import Manifest

    manifest = Manifest.load(Path(_settings(args).data_dir))
    ids: set[str] = set()
    for given in args.documents:
        named = manifest.find(given)
        if len(named) == 1:
            ids.add(named[0])
        else:
            found = f"{len(named)} documents are named {given!r}: {', '.join(named)}" if named else f"no document {given!r}"
            print(f"error: {found} (see `plan-assistant status`)", file=sys.stderr)
            return 2
    return _run_ingest(args, [], remove=ids)


def cmd_ask(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.engine:
        settings = replace(settings, engine=args.engine)
    try:
        if args.retrieve_only:
            return _print_passages(args, settings)
        from assistant.pipeline import Assistant

        assistant = Assistant(settings)
        answer, shown = None, []
        for piece in assistant.stream(args.question, previous=args.previous):
            if isinstance(piece, str):
                shown.append(piece)
                if not args.json:
                    print(piece, end="", flush=True)
            else:
                answer = piece
    except (RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
        return 0
    if "".join(shown) != answer.answer:  # a model's streamed text, before verification dropped anything
        print("\n--- verified answer ---\n" + answer.answer)
    print()
    for c in answer.citations:
        printed = f" (PDF page {c.page})" if c.page_label and str(c.page) != c.page_label else ""
        where = f"lines {c.line_start}-{c.line_end}" + (f", page {c.page_shown()}{printed}" if c.page_shown() else "")
        mark = "" if c.verified else " (UNVERIFIED)"
        quote = " ".join(c.quote.split())
        print(f"[{c.n}] {c.doc_id} › {c.section or '-'} ({where}){mark}\n    “{quote[:240]}{'…' if len(quote) > 240 else ''}”")
    if answer.dropped:
        print(f"({len(answer.dropped)} sentence(s) dropped by citation verification)")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from assistant.draft_cli import run_draft

    return run_draft(args, _settings(args))


def _print_passages(args: argparse.Namespace, settings) -> int:
    from assistant.retrieve import Retriever

    retriever = Retriever(settings)
    result = retriever.search(args.question, k=args.k, mode=args.mode)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    for n, hit in enumerate(result.hits, start=1):
        c = hit.chunk
        where = f"lines {c.line_start}-{c.line_end}" + (f", page {c.page}" if c.page else "")
        print(f"[{n}] {hit.score:.4f}  {c.doc_id}  {' › '.join(c.section_path)}  ({where})")
        print("    " + c.text[:300].replace("\n", " ") + ("…" if len(c.text) > 300 else ""))
    return 0


def _baht(value: int) -> str:
    return f"{value:,} บาท"


def cmd_facts(args: argparse.Namespace) -> int:
    from assistant.lookup import FactsDB, to_jsonable

    try:
        db = FactsDB(_settings(args))
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    what = args.what
    if what == "projects":
        rows = (db.find_projects(args.name, args.source, args.year, limit=20) if args.name
                else db.list_projects(args.direction, args.strategy, args.source, args.year))
    elif what == "totals":
        rows = db.totals(args.by, args.year, args.source)
    elif what == "kpis" and (args.direction is not None or args.name):
        rows = db.kpis(args.direction, args.name)
    elif what in ("kpis", "graph", "status"):  # the plan graph's contract rows (ingest/facts_read.py)
        from ingest.facts_read import fact_status, graph_nodes, kpi_rows

        rows = (kpi_rows(db.db, args.doc) if what == "kpis" else graph_nodes(db.db, args.doc) if what == "graph"
                else [{"doc_id": d, "status": s} for d, s in fact_status(db.db).items() if not args.doc or d == args.doc])
        what = f"{what}_rows"
    elif what == "directions":
        rows = db.directions()
    elif what == "links":
        rows = db.links(args.level)
    elif what == "results":
        rows = db.results(args.name, args.section)
    elif what == "budgets":
        rows = db.budget_lines(args.doc)
    else:
        rows = db.flags()
    if args.json:
        print(json.dumps(to_jsonable(rows), ensure_ascii=False, indent=1))
        return 0
    if not rows or (what == "results" and not rows["groups"] and not rows["figures"]):
        print("(nothing found)")
        return 0
    if what == "projects":
        for p in rows:
            where = f"แนวทางที่ {p.direction or '-'} กลยุทธ์ที่ {p.strategy or '-'}"
            print(f"{p.name}\n  {where} | {p.source} | {p.doc_id} lines {p.cite.line_start}-{p.cite.line_end}")
            for b in p.budgets:
                year = b.fiscal_year or ("ปี " + "/".join(map(str, b.candidate_years)) + "?" if b.candidate_years else "ปีไม่ระบุ")
                print(f"  {year}: {b.printed} {b.unit} (= {_baht(b.baht)}) [{'ตาราง' if b.origin == 'table' else 'โครงการแบบย่อ'}, line {b.cite.line_start}]")
            for flag in p.flags:
                print(f"  ! {flag}")
    elif what == "totals":
        several = len({t.doc_id for t in rows}) > 1  # each document is summed apart
        for t in rows:
            lines = ", ".join(str(c.line_start) for c in t.cites)
            print(f"{t.doc_id + ': ' if several else ''}{args.by} {t.key if t.key is not None else '(ไม่ระบุ)'}: "
                  f"{_baht(t.baht)} from {t.projects} projects (lines {lines})")
    elif what == "results":
        for g in rows["groups"]:
            print(f"{g['text']}: {g['printed_count']} โครงการ (listed {g['listed_count']}) (line {g['cite']['line_start']})")
        print(f"projects reported: {rows['projects_reported']}")
        for f in rows["figures"]:
            print(f"- {f['figure']} {f['unit']} | {f['project'] or ''} (line {f['cite']['line_start']})")
    elif what == "budgets":
        for b in rows:
            page = f"p. {b['printed_page'] or b['page'] or '-'}"
            print(f"{b['name']} | {' › '.join(b['path']) or '-'} | {b['fiscal_year'] or 'ปีไม่ระบุ'} | {b['printed']} {b['unit']}"
                  f" (= {_baht(b['baht'])}) | {b['category_or_source']} | {b['doc_id']} {page} line {b['line_start']}")
    elif what == "kpis_rows":
        for k in rows:
            print(f"{k['kpi']} | {k['unit'] or '-'} | {k['fiscal_year'] or 'ปีไม่ระบุ'}: {k['target']} | "
                  f"{' › '.join(k['path'][-2:]) or '-'} | {k['doc_id']} p. {k['printed_page'] or k['page'] or '-'} "
                  f"lines {k['line_start']}-{k['line_end']}")
    elif what == "graph_rows":
        for n in rows:
            print(f"{'  ' * (len(n['path']) - 1)}[{n['level']}] {n['name']} (lines {n['line_start']}-{n['line_end']}; "
                  f"{n['budget_lines']} budget lines, {n['kpis']} KPIs)")
    elif what == "status_rows":
        for r in rows:
            print(f"{r['doc_id']}: {r['status']}")
    elif what == "directions":
        for d in rows:
            print(f"แนวทางการพัฒนาด้านที่ {d['number']} {d['title']} (line {d['cite']['line_start']})")
            for g in d["goals"]:
                print(f"  เป้าประสงค์: {g['text']}")
            for s in d["strategies"]:
                print(f"  กลยุทธ์ที่ {s['number']} {s['title']}")
    else:
        for r in rows:
            label = r.get("kind") or r.get("level") or ""
            target = f" [ค่าเป้าหมาย: {r['target']}]" if r.get("target") else ""
            print(f"- {('[' + label + '] ') if label else ''}{r['text']}{target} (lines {r['cite']['line_start']}-{r['cite']['line_end']})")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.harness import EvalError, evaluate, gate_failures, to_markdown, write_section

    settings = _settings(args)
    if args.engine:
        settings = replace(settings, engine=args.engine)
    try:
        report = evaluate(settings, Path(args.questions), args.doc, args.k,
                          progress=None if args.quiet else lambda m: print(m, flush=True))
    except (EvalError, RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    markdown = to_markdown(report, f"Answer quality: {Path(args.questions).name}")
    print(markdown)
    for path in args.report or []:
        out = Path(path)
        if out.suffix == ".json":
            out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            write_section(out, f"quality-{report['meta']['engine']}", markdown)
        print(f"wrote {out}")
    problems = gate_failures(report) if args.gate else []
    for problem in problems:
        print(f"GATE FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    settings = replace(settings, **{k: v for k, v in (("host", args.host), ("port", args.port),
                                                      ("users_file", args.users_file), ("engine", args.engine)) if v})
    if args.ingest:
        from ingest.pipeline import ingest

        print(ingest([Path(p) for p in args.ingest], settings, progress=lambda m: print(m, flush=True)).summary())
    from assistant.app import serve

    print(f"serving on http://{settings.host}:{settings.port} (Ctrl+C to stop)", flush=True)
    serve(settings)
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    import getpass

    from plan_assistant.users import add_user

    password = os.environ.get("PLAN_ASSISTANT_NEW_PASSWORD") or getpass.getpass(f"password for {args.name}: ")
    try:
        add_user(args.file, args.name, password, args.role, replace=args.replace)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{'set' if args.replace else 'added'} {args.name} ({args.role}) in {args.file} (mode 0600)")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from ingest.store import Manifest

    settings = _settings(args)
    manifest = Manifest.load(Path(settings.data_dir))
    counts: dict = {}
    if manifest.generation:
        from assistant.lookup import FactsDB

        db = FactsDB(settings)
        counts = db.fact_counts()
        db.close()
    out = {
        "data_dir": str(settings.data_dir),
        "generation": manifest.generation,
        "embedding_model": manifest.embedding_model,
        "search": (f"keywords only: {manifest.dense_pending} passages still being embedded (or left pending by a "
                   "stopped ingest: run ingest again)") if manifest.dense_pending else "keywords and meaning (dense)",
        "documents": {k: vars(v) | {"facts": counts.get(k, {})} for k, v in manifest.documents.items()},
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plan-assistant", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="TOML config file (default: ./plan-assistant.toml if present)")
    parser.add_argument("--data-dir", help="where indexes live (default: ./data)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index plan files (txt/md/pdf/docx); unchanged files are skipped")
    p.add_argument("paths", nargs="+", help="files or directories")
    p.add_argument("--sync", action="store_true",
                   help="also remove indexed documents whose file was in one of these folders and is gone")
    p.add_argument("--force", action="store_true", help="rebuild every indexed document")
    p.add_argument("--wait", type=float, default=None, metavar="SECONDS",
                   help="how long to wait for another ingest on the same data dir (default: until it ends)")
    p.add_argument("--json", action="store_true", help="also print the report as JSON")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="remove documents from the index (by id, or by file name if unique)")
    p.add_argument("documents", nargs="+", help="document ids or file names (see `plan-assistant status`)")
    p.add_argument("--wait", type=float, default=None, metavar="SECONDS", help="as for ingest")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("ask", help="answer a question with cited sources (or --retrieve-only: ranked passages)")
    p.add_argument("question")
    p.add_argument("--engine", choices=["extractive", "llamacpp", "openai"], help="answer engine (default: setting)")
    p.add_argument("--previous", help="the previous question, to resolve a follow-up (แล้วปี 2568 ล่ะ)")
    p.add_argument("--retrieve-only", action="store_true", help="print ranked chunks instead of an answer")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("-k", type=int, default=None, help="number of passages (default: top_k setting)")
    p.add_argument("--mode", choices=["fused", "dense", "bm25"], default="fused", help="retriever")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("facts", help="exact plan facts: projects, budgets, totals, KPIs, links, flags")
    p.add_argument("what", choices=["projects", "budgets", "totals", "kpis", "directions", "links", "results", "flags",
                                    "graph", "status"])
    p.add_argument("--doc", help="for budgets, kpis, graph, status: only this document id")
    p.add_argument("--name", help="project name or part of it (fuzzy, Thai-aware)")
    p.add_argument("--direction", type=int, help="development direction number")
    p.add_argument("--strategy", type=int, help="strategy number")
    p.add_argument("--source", help="funding source (งบจังหวัด, งบกลุ่มจังหวัด, งบกระทรวง …)")
    p.add_argument("--year", help="fiscal year (2568, 68, ๒๕๖๘)")
    p.add_argument("--by", choices=["direction", "source", "year"], default="direction", help="for totals")
    p.add_argument("--level", help="for links: national_strategy|master_plan|nesdp|reform|provincial")
    p.add_argument("--section", help="for results: section number, e.g. 4.4")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("eval", help="answer a question file and report correctness, citations, refusals, latency")
    p.add_argument("--questions", default="eval/questions_dev.jsonl", help="JSONL in the dev-set schema")
    p.add_argument("--engine", choices=["extractive", "llamacpp", "openai"], help="answer engine (default: setting)")
    p.add_argument("--report", action="append", help="write the report: .json (full) or .md (section, e.g. "
                   "eval/RESULTS.md); repeatable")
    p.add_argument("--doc", help="document the evidence lines refer to (when the index holds several)")
    p.add_argument("-k", type=int, default=5, help="retrieval depth for hit@k / MRR")
    p.add_argument("--gate", action="store_true", help="exit 1 unless exact_figure is 100%% and all citations verified")
    p.add_argument("--quiet", action="store_true", help="no per-question progress lines")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the web app (chat, explorer, drafting, documents)")
    p.add_argument("--ingest", nargs="*", help="ingest these files/folders first (e.g. corpus/)")
    p.add_argument("--host", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--users-file", help="login accounts (see `plan-assistant user`)")
    p.add_argument("--engine", choices=["extractive", "llamacpp", "openai"])
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("user", help="add a web-app login to a users file")
    p.add_argument("name")
    p.add_argument("--role", choices=["admin", "staff"], default="staff")
    p.add_argument("--file", default="users.txt")
    p.add_argument("--replace", action="store_true", help="set a new password (and role) for an existing user")
    p.set_defaults(func=cmd_user)

    p = sub.add_parser("draft", help="draft a cited rationale (หลักการและเหตุผล) for a topic or a project of the plan")
    p.add_argument("topic", help="a new project idea or a project name (Thai or English)")
    p.add_argument("--docx", help="also write the draft as .docx here")
    p.add_argument("--md", help="also write the draft as Markdown here")
    p.add_argument("--engine", choices=["extractive", "llamacpp", "openai"], help="override the configured engine")
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("status", help="show what is indexed")
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
