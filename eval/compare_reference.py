"""Compare extracted budget lines with a reference CSV (the community extractions in
../shared/corpus-extra/), so anyone can measure extraction on a new book.

The rule, fixed so the figure means one thing:
- the CSV's `REF_PAGE_NO` is the book's printed page number; `FISCAL_YEAR` is C.E. (+543 = B.E.);
- the CSV lists leaf lines only, so it is compared with extracted lines that are not totals;
- a CSV row and an extracted line match one-to-one on amount in baht and printed page ±1;
- the denominator is the CSV rows whose amount is printed anywhere on that page of the document
  (rows the PDF never prints, such as split multi-year instalments, are counted and listed apart);
- recall = matched / denominator; precision = matched / extracted non-total lines.

    python eval/compare_reference.py --data-dir data --csv ../shared/corpus-extra/X.reference.csv [--doc ID] [--json out.json]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ingest.thai_repair import index_form  # noqa: E402

_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass
class Comparison:
    """Recall and precision of extracted budget lines against a reference, with what was missed."""

    reference_rows: int
    denominator: int  # reference rows whose amount the document prints on that page
    not_printed: list[dict] = field(default_factory=list)  # reference rows whose amount is not on their page
    matched: int = 0
    extracted: int = 0  # non-total extracted lines
    misses_by_page: dict[str, int] = field(default_factory=dict)
    unmatched_extracted: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.denominator if self.denominator else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    def to_dict(self) -> dict:
        return asdict(self) | {"recall": round(self.recall, 4), "precision": round(self.precision, 4)}


def baht_of(amount: str) -> int | None:
    """`"5,377,900"` → 5377900 (the CSV's AMOUNT is in baht)."""
    digits = amount.replace(",", "").strip()
    try:
        return round(float(digits))
    except ValueError:
        return None


def printed_amounts(page_texts: dict[str, str]) -> dict[str, set[int]]:
    """Printed page → every amount printed on it, in baht as written (Thai or Arabic digits, commas)."""
    out: dict[str, set[int]] = {}
    for label, text in page_texts.items():
        values = {baht_of(m.group(0)) for m in _AMOUNT.finditer(index_form(text))}  # index form: no commas
        out[label] = {v for v in values if v is not None}
    return out


def compare(extracted: list[dict], reference: list[dict], page_texts: dict[str, str]) -> Comparison:
    """Match extracted lines (the `facts budgets --json` contract) to reference rows by the rule above."""
    on_page = printed_amounts(page_texts)
    rows = [(r, baht_of(r["AMOUNT"]), str(r["REF_PAGE_NO"]).strip()) for r in reference]
    counted = [(r, baht, page) for r, baht, page in rows if baht is not None and baht in on_page.get(page, set())]
    result = Comparison(len(rows), len(counted),
                        not_printed=[{"page": p, "amount": r["AMOUNT"], "item": r.get("ITEM_DESCRIPTION", "")}
                                     for r, baht, p in rows if (r, baht, p) not in counted])
    leaves = [e for e in extracted if not e.get("is_total")]
    result.extracted = len(leaves)
    free: dict[int, list[int]] = defaultdict(list)  # baht → indexes of unmatched extracted lines
    for i, e in enumerate(leaves):
        free[e["baht"]].append(i)
    used: set[int] = set()
    misses: dict[str, int] = defaultdict(int)
    for r, baht, page in counted:
        hit = next((i for i in free.get(baht, []) if i not in used and _near(leaves[i].get("printed_page"), page)), None)
        if hit is None:
            misses[page] += 1
        else:
            used.add(hit)
            result.matched += 1
    result.misses_by_page = dict(sorted(misses.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0))
    result.unmatched_extracted = [leaves[i] for i in range(len(leaves)) if i not in used][:50]
    return result


def _near(printed: str | None, page: str) -> bool:
    try:
        return abs(int(printed) - int(page)) <= 1
    except (TypeError, ValueError):
        return False


def page_texts_of(db, doc_id: str) -> dict[str, str]:
    """Printed page → the text of that page, from the stored lines of a document."""
    texts: dict[str, list[str]] = defaultdict(list)
    for n, text, page in db.lines(doc_id, 1, 10**9):
        label = db.page_label(doc_id, n)
        if label:
            texts[label].append(text)
    return {k: "\n".join(v) for k, v in texts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default="data")
    ap.add_argument("--csv", required=True, help="reference CSV (REF_PAGE_NO, AMOUNT, FISCAL_YEAR, …)")
    ap.add_argument("--doc", help="document id (default: the only document, or the one whose pages the CSV names)")
    ap.add_argument("--json", help="write the full comparison here")
    args = ap.parse_args(argv)

    from assistant.lookup import FactsDB
    from plan_assistant.config import load_settings

    db = FactsDB(load_settings(data_dir=Path(args.data_dir)))
    docs = list(db.titles())
    doc = args.doc or (docs[0] if len(docs) == 1 else None)
    if doc is None:
        print(f"error: the index holds {len(docs)} documents; pass --doc ({', '.join(docs)})", file=sys.stderr)
        return 2
    with open(args.csv, encoding="utf-8") as fh:
        reference = list(csv.DictReader(fh))
    result = compare(db.budget_lines(doc), reference, page_texts_of(db, doc))
    print(f"| document | reference rows | printed on their page | extracted (non-total) | matched | recall | precision |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {doc} | {result.reference_rows} | {result.denominator} | {result.extracted} | {result.matched} | "
          f"{result.recall:.3f} | {result.precision:.3f} |")
    print(f"reference rows whose amount is not printed on their page (not in the target): {len(result.not_printed)}")
    worst = sorted(result.misses_by_page.items(), key=lambda kv: -kv[1])[:15]
    print("misses by printed page (most first): " + (", ".join(f"p.{p}: {n}" for p, n in worst) or "none"))
    if args.json:
        Path(args.json).write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
