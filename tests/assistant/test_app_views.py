"""What the chat shows: short reference chips, clickable inline markers, the language of the labels,
and error text without server paths or exception names."""
from assistant.app import plain_reason
from assistant.app_views import answer_bubble, citation_label, question_language, short_section
from assistant.records import Answer, Citation

SECTION = ("ส่วนที่ ๓ สาระสำคัญของแผนปฏิบัติการด้านการพัฒนาอุตสาหกรรมจังหวัดลำปาง › ๓.๒ สาระสำคัญของแผน › "
           "แนวทางการพัฒนาด้านที่ ๒ ยกระดับสถานประกอบการอุตสาหกรรม › กลยุทธ์ที่ ๑")


def _citation(n: int, section: str = SECTION, page: int | None = None) -> Citation:
    return Citation(n, "plan.txt-1a2b3c4d", "แผนปฏิบัติการด้านการพัฒนาอุตสาหกรรมจังหวัดลำปาง รายปี พ.ศ. 2567",
                    section, page, 1460, 1461, "โครงการ <img src=x> 0.271", "lookup", True, "34" if page else None)


def test_chip_is_short_and_says_which_strategy():
    label = citation_label(_citation(1))
    assert label.startswith("[1] ") and len(label) < 110
    assert "ด้านที่ ๒" in label and "กลยุทธ์ที่ ๑" in label and "บ. 1460–1461" in label  # not "กลยุทธ์ที่ ๑" alone
    assert "น. 34" in citation_label(_citation(2, page=2)) and "p. 34" in citation_label(_citation(2, page=2), "en")
    assert short_section("ส่วนที่ ๑ บทนำ › ๑.๑ ความเป็นมาของการจัดทำแผนปฏิบัติการด้านการพัฒนาอุตสาหกรรม").startswith("๑.๑")


def test_bubble_markers_are_clickable_and_document_text_inert():
    answer = Answer("q", "q", "งบ 271,000 บาท [1] และ [9]", [_citation(1)], [], "budget", "extractive", True, False)
    bubble = answer_bubble(answer, 3, "th")
    assert "<span class='cite-ref ct-3 cn-1'" in bubble  # turn and number ride in the class
    assert "cn-9" not in bubble and "\\[9\\]" in bubble  # a marker with no reference stays text
    assert "<img" not in bubble and "&lt;img" in bubble
    assert "<details class='refs'><summary>อ้างอิง (1)</summary>" in bubble
    assert "References (1)" in answer_bubble(answer, 0, "en")


def test_language_follows_the_question():
    assert question_language("แล้วปี 2568 ล่ะ") == "th"
    assert question_language("What is the budget of โครงการ Eco Town?") == "en"


def test_plain_reason_drops_paths_and_exception_names():
    reason = plain_reason("PdfiumError: Failed to load document /tmp/pytest-7/data/uploads/broken.pdf (PDFium: Data format error).")
    assert "/tmp" not in reason and "PdfiumError" not in reason and "broken.pdf" in reason


def test_navigator_shows_document_text_as_text():
    from assistant.app_navigator import DirectionNode, DocumentNode, StrategyNode, navigator_html
    from assistant.lookup import BudgetRow, Cite, ProjectRow

    cite = Cite("d", 1, 1, "x")
    project = ProjectRow("p1", "d", "โครงการ <img src=x onerror=alert(1)>", 1, 1, "งบจังหวัด",
                         [BudgetRow(2568, "งบจังหวัด", "1.5", "ล้านบาท", 1_500_000, "table", [], cite)], [], cite)
    tree = [DocumentNode("d", "แผน <script>alert(1)</script>", [("national_strategy", "ด้าน <b>x</b>")],
                         {1: DirectionNode(1, "ด้าน <i>", {1: StrategyNode(1, "กลยุทธ์ <u>", [project])})})]
    html = navigator_html(tree, "th", open_all=True)
    assert "<img" not in html and "<script" not in html and "<b>x" not in html and "<i>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "2568: 1,500,000 บาท" in html
