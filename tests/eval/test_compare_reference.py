"""The reference comparison's fixed rule, on a real page range of a budget book and the real rows
of its community CSV for those pages."""
import csv

from eval.compare_reference import compare
from ingest.readers import read_document
from ingest.thai_repair import repair_lines
from tests.conftest import FIXTURES

BOOK_PAGES = FIXTURES / "budget-fy2565-vol6-p45-47.pdf"  # prints pages 33–35
# The community CSV's rows for those pages (from ../shared/corpus-extra/, see its README).
CSV = FIXTURES / "budget-fy2565-vol6-p33-35.reference.csv"


def page_texts() -> dict[str, str]:
    source = read_document(BOOK_PAGES)
    lines = repair_lines(source.lines)
    texts: dict[str, list[str]] = {}
    for line, page in zip(lines, source.pages):
        texts.setdefault(source.page_labels[page], []).append(line)
    return {k: "\n".join(v) for k, v in texts.items()}


def reference_rows() -> list[dict]:
    with CSV.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["REF_PAGE_NO"] in ("33", "34", "35")]


def test_rule_counts_only_rows_printed_on_their_page_and_matches_leaves_one_to_one():
    texts, rows = page_texts(), reference_rows()
    assert sorted(texts) == ["33", "34", "35"] and len(rows) == 2  # 5,377,900 and 2,000,000 on printed page 34
    nothing = compare([], rows, texts)
    assert (nothing.denominator, nothing.matched, nothing.recall, nothing.precision) == (2, 0, 0.0, 0.0)
    assert nothing.misses_by_page == {"34": 2}
    extracted = [
        {"printed_page": "34", "baht": 5_377_900},
        {"printed_page": "35", "baht": 2_000_000},  # one page off: still the same line
        {"printed_page": "34", "baht": 7_377_900, "is_total": True},  # the project's total: not compared
        {"printed_page": "40", "baht": 5_377_900},  # right amount, wrong place
    ]
    result = compare(extracted, rows, texts)
    assert (result.matched, result.extracted, result.recall) == (2, 3, 1.0)
    assert round(result.precision, 3) == 0.667 and result.unmatched_extracted == [extracted[3]]
    twice = compare(extracted[:1] * 1, rows + rows[:1], texts)  # one extracted line answers one row only
    assert (twice.denominator, twice.matched) == (3, 1)


def test_rows_the_page_does_not_print_are_listed_apart():
    texts = page_texts()
    split = {"REF_PAGE_NO": "34", "AMOUNT": "1,234,567", "ITEM_DESCRIPTION": "งวดที่ 2 (ไม่ได้พิมพ์ในหน้า)"}
    result = compare([], reference_rows() + [split], texts)
    assert result.denominator == 2 and result.reference_rows == 3
    assert result.not_printed == [{"page": "34", "amount": "1,234,567", "item": "งวดที่ 2 (ไม่ได้พิมพ์ในหน้า)"}]
