"""Figures for a project come from its own document; a second document's figure for a same-named
project is shown apart, labelled with that document and flagged, never merged or ranked above.

The shipped sample plan and a small second plan (a budget table in the sample's layout that gives
one of the sample's projects a fake amount) are ingested together by the real pipeline."""
import pytest

from assistant import structured_answers as facts
from assistant.lookup import FactsDB
from assistant.passages import figures_of
from assistant.pipeline import Assistant
from assistant.route import analyse
from assistant.structured_answers import CONFLICT
from eval.scoring import invented_figures
from plan_assistant.config import Settings
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow
FAKE = "999,000,000"
# Named so that it sorts before the sample: a ranking by document id would put it first.
OTHER_NAME = "a-other-office-budget.txt"
OTHER_TITLE = "บันทึกงบประมาณของหน่วยงานอื่น ฉบับทดสอบ"


def _other_plan(project: str) -> str:
    return f"""{OTHER_TITLE}
ยุทธศาสตร์ที่ 1 ส่งเสริมอุตสาหกรรมทดสอบ
เป้าประสงค์
- ผู้ประกอบการได้รับการส่งเสริม
หน่วย : บาท
กลยุทธ์ โครงการ
ปีงบประมาณ
2567 2568
กลยุทธ์ที่ 1 ส่งเสริมผู้ประกอบการ
งบประมาณจังหวัด
1) {project}
{FAKE} -
สรุป {project} งบประมาณ {FAKE} บาท
"""


@pytest.fixture(scope="module")
def sample_project(sample_settings) -> str:
    """The first project of the sample plan, as the lookup stores it (not hard-coded)."""
    db = FactsDB(sample_settings)
    try:
        p = next(p for p in db.list_projects() if any(b.origin == "table" for b in p.budgets))
        return " ".join(p.name.split())
    finally:
        getattr(db, "close", lambda: None)()


@pytest.fixture(scope="module")
def two_docs(tmp_path_factory, embeddings, sample_project):
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("two-docs")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    (corpus / OTHER_NAME).write_text(_other_plan(sample_project), encoding="utf-8")
    settings = Settings(data_dir=root / "data")
    report = ingest([corpus], settings, lambda m: None, embeddings)
    assert not report.failed, report.failed
    assistant = Assistant(settings, embeddings)
    yield assistant
    getattr(assistant, "close", lambda: None)()


@pytest.fixture(scope="module")
def sample(sample_settings, embeddings):
    assistant = Assistant(sample_settings, embeddings)
    yield assistant
    getattr(assistant, "close", lambda: None)()


def _doc_ids(assistant: Assistant) -> tuple[str, str]:
    titles = assistant.db.titles()
    other = next(d for d, t in titles.items() if t == OTHER_TITLE)
    own = next(d for d in titles if d != other)
    return own, other


def test_the_second_document_yields_a_competing_row(two_docs, sample_project):
    own, other = _doc_ids(two_docs)
    found = two_docs.db.find_projects(sample_project)
    assert {p.doc_id for p in found} == {own, other}
    assert found[0].doc_id == own  # the project's own document first, whatever the document ids
    fake = [b for p in found if p.doc_id == other for b in p.budgets]
    assert [b.baht for b in fake] == [999_000_000]


def test_budget_answer_states_the_own_figure_first_and_flags_the_other(two_docs, sample, sample_project):
    own, other = _doc_ids(two_docs)
    question = f"{sample_project} ขอใช้งบเท่าไร"
    a = two_docs.ask(question)
    assert a.route == "budget" and not a.refused
    assert a.citations and a.all_verified and invented_figures(a.to_dict(), a.resolved_question) == []
    lines = a.answer.splitlines()
    conflict = next(i for i, line in enumerate(lines) if CONFLICT[0] in line)
    assert OTHER_TITLE in lines[conflict]
    # every line before the conflict label is the sample's; the fake figure only after it
    assert all(FAKE not in line for line in lines[:conflict]) and any(FAKE in line for line in lines[conflict + 1:])
    cited = {c.n: c for c in a.citations}
    first_amount = next(line for line in lines if line.lstrip().startswith("•"))
    assert FAKE not in first_amount
    assert all(cited[int(n)].doc_id == own for n in _markers(first_amount))
    fake_line = next(line for line in lines if FAKE in line)
    assert all(cited[int(n)].doc_id == other for n in _markers(fake_line))
    # the answer's first budget figure is the sample's own
    first = next(f for f in a.figures if f.value not in figures_of(OTHER_TITLE + " " + two_docs.titles[own]))
    assert cited[first.citation].doc_id == own and first.value != FAKE.replace(",", "")

    # The own document's part is exactly the single-document answer.
    alone = sample.ask(question)
    assert CONFLICT[0] not in alone.answer and "ตามเอกสาร" not in alone.answer
    assert [_strip(line) for line in lines[1:conflict]] == [_strip(line) for line in alone.answer.splitlines()]

    # The same in English (a long Thai name makes the question read as Thai, so set the language).
    q = analyse(f"What is the budget of {sample_project}?")
    q.language = "en"
    english = "\n".join(s.text for s in facts.budget(q, two_docs.db).sentences)
    assert english.startswith("From the project's own document")
    assert CONFLICT[1] in english and english.index(CONFLICT[1]) < english.index(FAKE)


def test_lists_and_totals_keep_documents_apart(two_docs, sample):
    own, other = _doc_ids(two_docs)
    listed = two_docs.ask("แนวทางการพัฒนาด้านที่ 1 มีโครงการอะไรบ้าง")
    assert listed.route == "list_projects" and listed.all_verified
    assert OTHER_TITLE in listed.answer and CONFLICT[0] in listed.answer
    assert invented_figures(listed.to_dict(), listed.resolved_question) == []

    by_doc: dict[str, dict] = {}
    for t in two_docs.db.totals("year"):
        by_doc.setdefault(t.doc_id, {})[t.key] = t.baht
    alone = {t.key: t.baht for t in sample.db.totals("year")}
    assert by_doc[own] == alone  # the sample's sums are not touched by the other document
    assert by_doc[other] == {2567: 999_000_000}

    total = two_docs.ask("งบประมาณรวมทั้งหมดปี 2567 เท่าไร")
    assert total.route == "totals" and total.all_verified
    assert OTHER_TITLE in total.answer and f"{alone[2567]:,}" in total.answer
    assert f"{alone[2567] + 999_000_000:,}" not in total.answer  # never summed across documents
    assert invented_figures(total.to_dict(), total.resolved_question) == []


def _markers(line: str) -> list[str]:
    import re

    return re.findall(r"\[(\d+)\]", line)


def _strip(line: str) -> str:
    """A line without its citation numbers (numbering shifts when the answer cites more)."""
    import re

    return re.sub(r"\s*(\[\d+\])+$", "", line)
