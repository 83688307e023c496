"""The quality harness: ask every question of a question file through the real pipeline and report,
overall and per category, answer correctness, retrieval hit@k/MRR, citation precision and support,
refusals and invented figures, and latency.

Question files use the schema of `eval/questions_dev.jsonl` (id, question, category, answer,
must_contain, evidence_lines, section); an optional `doc` names the document the evidence lines
refer to (needed when the index holds more than one document). For a PDF, where line numbers move
when ingest changes, evidence may instead be given as `evidence_page` (1-based PDF page) and a short
`evidence_quote` printed on it: the harness turns them into the lines of that page holding the quote
(or the whole page when the quote's text layer differs).
"""
from __future__ import annotations

import json
import statistics
import subprocess
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from eval.scoring import Score, normalize, overlaps, score_answer
from ingest.store import Manifest

REQUIRED = ("id", "question", "category", "must_contain")
EVIDENCE = ("evidence_lines", "evidence_page")  # one of them


class EvalError(ValueError):
    """A question file or corpus problem that would make the scores meaningless."""


def load_questions(path: Path) -> list[dict]:
    questions = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        missing = [k for k in REQUIRED if k not in q]
        # an unanswerable question's answer is in no line: it needs none
        if q.get("category") != "unanswerable" and not q.get("evidence_lines") and "evidence_page" not in q:
            missing.append(" or ".join(EVIDENCE))
        if missing:
            raise EvalError(f"{path}:{n}: question lacks {', '.join(missing)}")
        questions.append(q)
    if not questions:
        raise EvalError(f"{path}: no questions")
    return questions


def page_lines(db, doc: str, page: int, quote: str) -> list[list[int]]:
    """Evidence lines for a page + quote: the lines of that PDF page holding the quote (a quote may
    wrap over two or three lines), else the whole page; [] when the document has no such page."""
    rows = db.lines_on_page(doc, page)
    if not rows:
        return []
    target = normalize(quote)
    texts = [normalize(t) for _, t in rows]
    for width in (1, 2, 3):
        hits = [[rows[i][0], rows[i + width - 1][0]] for i in range(len(rows) - width + 1)
                if target and target in "".join(texts[i:i + width])]
        if hits:
            return hits
    return [[rows[0][0], rows[-1][0]]]


def resolve_documents(questions: list[dict], manifest: Manifest, line_counts: dict[str, int],
                      default_doc: str | None = None, db=None) -> dict[str, str]:
    """The indexed document each question's evidence refers to; an error if it is not indexed.
    Page + quote evidence is turned into line spans here (needs `db`)."""
    indexed = set(manifest.documents)

    def one(given: str, who: str) -> str:
        """A document id from an id or a file name (the same name in two folders must be given by id)."""
        found = manifest.find(given)
        if len(found) != 1:
            why = f"names {len(found)} documents ({', '.join(found)}); use the id" if found else "is not in the index"
            raise EvalError(f"{who}: document {given!r} {why} (indexed: {', '.join(sorted(indexed)) or 'none'})")
        return found[0]

    default_doc = one(default_doc, "--doc") if default_doc else None
    out = {}
    for q in questions:
        doc = one(q["doc"], q["id"]) if q.get("doc") else default_doc or (next(iter(indexed)) if len(indexed) == 1 else None)
        if doc is None:
            raise EvalError(f"{q['id']}: no 'doc' and the index holds {len(indexed)} documents; add doc or pass --doc")
        if "evidence_page" in q:
            if db is None:
                raise EvalError(f"{q['id']}: page evidence needs the facts database")
            spans = page_lines(db, doc, int(q["evidence_page"]), q.get("evidence_quote", ""))
            if not spans:
                raise EvalError(f"{q['id']}: {doc} has no page {q['evidence_page']}: wrong document?")
            q["evidence_lines"] = spans + [list(s) for s in q.get("evidence_lines", [])]
        for start, end in q["evidence_lines"]:
            if not 1 <= start <= end <= line_counts.get(doc, 0):
                raise EvalError(f"{q['id']}: evidence lines {start}-{end} are outside {doc} "
                                f"({line_counts.get(doc, 0)} lines): wrong document?")
        out[q["id"]] = doc
    return out


def _rank(hits, doc: str, spans: list[list[int]]) -> int | None:
    for rank, hit in enumerate(hits, start=1):
        c = hit.chunk
        if c.doc_id == doc and overlaps(c.line_start, c.line_end, spans):
            return rank
    return None


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def summarize(scores: list[Score], k: int) -> dict:
    """Aggregate figures for a group of scored questions."""
    n = len(scores)
    cites = sum(s.citations for s in scores)
    unanswerable = [s for s in scores if s.category == "unanswerable"]
    answerable = [s for s in scores if s.category != "unanswerable"]
    ranks = [s.retrieval_rank for s in scores]
    seconds = [s.seconds for s in scores]
    return {
        "questions": n,
        "correct": sum(s.correct for s in scores),
        "accuracy": round(sum(s.correct for s in scores) / n, 4) if n else 0.0,
        f"hit@{k}": round(sum(r is not None and r <= k for r in ranks) / n, 4) if n else 0.0,
        "mrr": round(sum(1 / r for r in ranks if r) / n, 4) if n else 0.0,
        "citations": cites,
        "citation_precision": round(sum(s.citations_on_gold for s in scores) / cites, 4) if cites else None,
        "citation_support": round(sum(s.citations_verified for s in scores) / cites, 4) if cites else None,
        "unverified_citations": cites - sum(s.citations_verified for s in scores),
        "refusal_accuracy": round(sum(s.refused for s in unanswerable) / len(unanswerable), 4) if unanswerable else None,
        "false_refusals": sum(s.refused for s in answerable),
        "invented_figures": sum(len(s.invented) for s in scores),
        "invented_figures_unanswerable": sum(len(s.invented) for s in unanswerable),
        "latency_p50_s": round(statistics.median(seconds), 3) if seconds else 0.0,
        "latency_p95_s": round(_percentile(seconds, 0.95), 3),
    }


def run_eval(assistant, questions: list[dict], docs: dict[str, str], k: int = 5, progress=None) -> dict:
    """Ask every question (each as a fresh conversation) and score it. Returns the report dict."""
    scores: list[Score] = []
    answers = {}
    for q in questions:
        t0 = time.perf_counter()
        answer = assistant.ask(q["question"]).to_dict()
        seconds = time.perf_counter() - t0
        hits = assistant.retriever.search(q["question"], k=k).hits
        score = score_answer(q, answer, _rank(hits, docs[q["id"]], q["evidence_lines"]), seconds)
        scores.append(score)
        answers[q["id"]] = {"answer": answer["answer"], "route": answer["route"], "refused": answer["refused"],
                            "citations": [(c["line_start"], c["line_end"]) for c in answer["citations"]]}
        if progress:
            progress(f"{q['id']} {'ok ' if score.correct else 'MISS'} {seconds:.2f}s {answer['route']}")
    categories = sorted({s.category for s in scores})
    return {
        "overall": summarize(scores, k),
        "by_category": {c: summarize([s for s in scores if s.category == c], k) for c in categories},
        "questions": [asdict(s) | {"answer": answers[s.id]} for s in scores],
        "k": k,
    }


def gate_failures(report: dict) -> list[str]:
    """CI gate: exact figures must all be right and every citation verified."""
    problems = []
    exact = report["by_category"].get("exact_figure")
    if exact and exact["accuracy"] < 1.0:
        missed = [q["id"] for q in report["questions"] if q["category"] == "exact_figure" and not q["correct"]]
        problems.append(f"exact_figure accuracy {exact['accuracy']:.2f} < 1.00 ({', '.join(missed)})")
    if report["overall"]["unverified_citations"]:
        problems.append(f"{report['overall']['unverified_citations']} unverified citation(s)")
    return problems


def provenance() -> dict:
    """Date and commit the results belong to (commit marked +dirty when the tree has changes)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += "+dirty"
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit}


COLUMNS = [("questions", "n"), ("accuracy", "correct"), ("hit@k", "hit@k"), ("mrr", "MRR"),
           ("citation_precision", "cite prec."), ("citation_support", "cite verified"),
           ("refusal_accuracy", "refused (unans.)"), ("false_refusals", "false refusals"),
           ("invented_figures", "invented figs"), ("latency_p50_s", "p50 s"), ("latency_p95_s", "p95 s")]


def to_markdown(report: dict, title: str) -> str:
    k = report["k"]
    head = "| category | " + " | ".join(label.replace("hit@k", f"hit@{k}") for _, label in COLUMNS) + " |"
    rows = [head, "|" + "---|" * (len(COLUMNS) + 1)]

    def cell(summary: dict, key: str) -> str:
        value = summary.get(key.replace("hit@k", f"hit@{k}"))
        if value is None:
            return "–"
        if key == "accuracy":
            return f"{summary['correct']}/{summary['questions']} ({value:.0%})"
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    for name, summary in list(report["by_category"].items()) + [("**overall**", report["overall"])]:
        rows.append(f"| {name} | " + " | ".join(cell(summary, key) for key, _ in COLUMNS) + " |")
    misses = [f"- {q['id']} ({q['category']}): missing {', '.join(q['missing'])}" for q in report["questions"]
              if not q["correct"]]
    meta = report.get("meta", {})
    lines = [f"### {title}", "", f"{meta.get('date', '')} · commit `{meta.get('commit', '')}` · engine "
             f"`{meta.get('engine', '')}` · `{meta.get('questions_file', '')}`", "", *rows, ""]
    if misses:
        lines += ["Not correct:", *misses, ""]
    return "\n".join(lines)


def write_section(path: Path, name: str, markdown: str) -> None:
    """Replace (or append) the section between `<!-- name:start -->` and `<!-- name:end -->`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8") if path.is_file() else (
        "# Results\n\nWritten by `plan-assistant eval` and `python eval/bench.py`; do not edit by hand.\n")
    block = f"{start}\n{markdown.rstrip()}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def evaluate(settings, questions_file: Path, default_doc: str | None = None, k: int = 5, progress=None) -> dict:
    """Load, check, run and annotate: what `plan-assistant eval` does."""
    from assistant.pipeline import Assistant

    questions = load_questions(questions_file)
    manifest = Manifest.load(Path(settings.data_dir))
    if not manifest.generation:
        raise EvalError(f"no index in {settings.data_dir}: run `plan-assistant ingest` first")
    assistant = Assistant(settings)
    warm = assistant.warm()  # once per index generation (the web app does the same): not an answer's latency
    docs = resolve_documents(questions, manifest, assistant.db.line_counts(), default_doc, assistant.db)
    report = run_eval(assistant, questions, docs, k, progress)
    report["meta"] = provenance() | {"engine": assistant.engine.name, "questions_file": str(questions_file),
                                     "warm_up_s": round(warm, 2)}
    return report
