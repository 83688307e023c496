"""A budget question about a project the facts do not hold is answered from the text (a real
Budget Bureau page range), with the project's own figure, never a neighbouring row's."""
import pytest

from assistant.fallback import about
from assistant.pipeline import Assistant
from ingest.pipeline import ingest
from plan_assistant.config import Settings
from tests.conftest import FIXTURES

BOOK_PAGES = FIXTURES / "budget-fy2565-vol6-p45-47.pdf"  # pages 45–47 of the FY2565 vol. 6 budget book
NAME = "แก้ไขปัญหาไฟป่าและหมอกควัน"


def test_a_line_is_about_a_project_only_when_the_name_leads_it():
    assert about("โครงการ : โครงการแก้ไขปัญหาไฟป่าและหมอกควัน 7,377,900 บาท", NAME)
    assert about(" โครงการแก้ไขปัญหาไฟป่าและหมอกควัน 7,377,900", NAME)
    assert about("๒. โครงการแก้ไขปัญหา ไฟป่าและหมอกควัน", NAME)
    assert not about("1) ค่าใช้จ่ายในการแก้ไขปัญหาไฟป่าและหมอกควัน 5,377,900 บาท", NAME)
    assert not about("2) ค่าใช้จ่ายโครงการปฏิบัติการบินบูรณาการแก้ไขปัญหาไฟป่าและหมอกควัน 2,000,000 บาท", NAME)
    assert not about("ลดปัญหาหมอกควัน", NAME)


@pytest.fixture(scope="module")
def book_assistant(tmp_path_factory, embeddings):
    root = tmp_path_factory.mktemp("book")
    settings = Settings(data_dir=root / "data")
    report = ingest([BOOK_PAGES], settings, lambda m: None, embeddings)
    assert not report.failed
    assistant = Assistant(settings, embeddings)
    assert assistant.db.find_projects(NAME) == []  # the facts layer does not read this layout (yet)
    yield assistant
    assistant.close()


@pytest.mark.slow
def test_budget_of_a_project_missing_from_the_facts_comes_from_its_own_line(book_assistant):
    answer = book_assistant.ask(f"โครงการ{NAME} ได้รับงบประมาณเท่าไร")
    assert not answer.refused and answer.route == "text"
    assert "7,377,900" in answer.answer
    assert "5,377,900" not in answer.answer and "2,000,000" not in answer.answer  # sub-items are not its figure
    assert all(c.verified and about(c.quote, NAME) for c in answer.citations)
    assert [f.value for f in answer.figures] == ["7377900"]
    # Cited with the page number the book prints (its 34th page is the fixture's 2nd PDF page).
    assert [(c.page, c.page_label, c.page_shown()) for c in answer.citations] == [(2, "34", "34")]


@pytest.mark.slow
def test_a_project_the_documents_do_not_have_is_still_refused(book_assistant):
    answer = book_assistant.ask("โครงการปลูกกาแฟบนดวงจันทร์ งบประมาณเท่าไร")
    assert answer.refused and "ไม่พบโครงการ" in answer.answer
