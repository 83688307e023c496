"""Hostile document text stays inert in every web view: chat bubble (Markdown), citation labels, the
passage panel and the linkage SVG (HTML), the project table and the drafted rationale's references.

The views get real records: a small hostile plan ingested by the real pipeline, read back through
the real FactsDB and answered by the real Assistant (extractive engine)."""
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from assistant.app_views import (answer_markdown, citation_label, draft_references, inert, linkage_svg, passage_html,
                                 project_table)
from assistant.lookup import FactsDB
from assistant.pipeline import Assistant
from assistant.records import Answer, Citation
from plan_assistant.config import Settings

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
MD_IMG = "![x](http://evil.example/x.png)"
MD_LINK = "[a](javascript:alert(1))"
HOSTILE = f"{IMG} {SCRIPT} {MD_IMG} {MD_LINK} <http://evil.example/auto> www.evil.example $$\\href{{x}}{{y}}$$ &lt;b&gt;"
HOSTILE_PLAN = f"""แผนปฏิบัติการทดสอบข้อความอันตราย {IMG} {MD_IMG} ประจำปีงบประมาณ 2568
บทที่ 1 บทนำ
1.1 ความสอดคล้องกับแผนระดับชาติ
ยุทธศาสตร์ชาติ ด้านการสร้างความสามารถในการแข่งขัน {SCRIPT} {MD_LINK}
บทที่ 2 ยุทธศาสตร์และโครงการ
2.1 ยุทธศาสตร์การพัฒนา
ยุทธศาสตร์ที่ 1 พัฒนาอุตสาหกรรม {IMG} {MD_LINK}
เป้าประสงค์
- ผู้ประกอบการมีรายได้เพิ่มขึ้น {MD_IMG}
หน่วย : บาท
กลยุทธ์ โครงการ
ปีงบประมาณ
2568 2569
กลยุทธ์ที่ 1 ยกระดับเทคโนโลยี {SCRIPT}
งบประมาณจังหวัด
1) โครงการทดสอบเครื่องจักรอัจฉริยะ {IMG} {MD_IMG}
1,500,000 1,600,000
บทที่ 3 ข้อมูลประกอบ
3.1 ข้อมูลทั่วไป
โรงงานต้นแบบเข้าร่วมโครงการทดสอบเครื่องจักรอัจฉริยะ จำนวน 41 แห่ง {IMG} {MD_IMG} {MD_LINK} {SCRIPT}
"""
LIVE = ("img", "script", "a", "iframe", "svg", "image", "object", "embed", "link", "style", "math")


class _Tags(HTMLParser):
    """Every start tag and attribute an HTML fragment really contains (as a browser would parse it)."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def _markdown_html(md: str) -> str:
    """What a CommonMark renderer that lets raw HTML through (as gradio's Chatbot does) makes of `md`."""
    return MarkdownIt("commonmark", {"html": True}).render(md)


def _assert_inert_markdown(md: str) -> _Tags:
    parsed = _Tags(_markdown_html(md))
    assert not set(parsed.tags) & set(LIVE), (parsed.tags, md)
    assert not [a for a in parsed.attrs if a.startswith("on") or a in ("src", "href")], (parsed.attrs, md)
    for bare in ("http://", "https://", "www.", "$$", "javascript:"):  # GFM autolinks / KaTeX need these verbatim
        assert bare not in md, (bare, md)
    return parsed


def _assert_inert_html(fragment: str, allowed: set[str]) -> _Tags:
    parsed = _Tags(fragment)
    assert set(parsed.tags) <= allowed, (set(parsed.tags) - allowed, fragment[:500])
    assert not [a for a in parsed.attrs if a.startswith("on") or a in ("src", "href")], parsed.attrs
    return parsed


def _citation(n: int = 1, title: str = HOSTILE, section: str = HOSTILE, quote: str = HOSTILE) -> Citation:
    return Citation(n, "hostile.txt", title, section, None, 3, 4, quote, "retrieval", True)


# -- the helper ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [IMG, SCRIPT, MD_IMG, MD_LINK, HOSTILE, "a_b*c*`d`|e~f\\g@h.example&amp;",
                                  "โครงการ ๑,๕๐๐,๐๐๐ บาท (ร้อยละ 20) - ปี 2568."])
def test_markdown_escape_renders_back_to_the_same_text_and_nothing_else(text):
    md = inert(text)
    parsed = _assert_inert_markdown(md)
    assert parsed.tags == ["p"]  # one paragraph of text, no emphasis, code, link or image
    assert "".join(parsed.text).strip() == text


def test_html_and_text_contexts():
    assert _assert_inert_html(f"<b>{inert(HOSTILE, 'html')}</b>", {"b"}).text == [HOSTILE]
    assert "'" not in inert("x' onmouseover='alert(1)", "html")  # safe inside quoted attributes too
    label = inert(HOSTILE, "text")
    assert "<" not in label and ">" not in label and "‹img src=x onerror=alert(1)›" in label
    with pytest.raises(ValueError):
        inert("x", "svg")


# -- the views, with hand-made hostile records -------------------------------------------------------

def test_answer_markdown_and_labels_of_a_hostile_answer():
    answer = Answer(question="q", resolved_question="q", answer=f"{HOSTILE} [1]\n• {MD_IMG} [1]",
                    citations=[_citation()], figures=[], route="text", engine="extractive",
                    supported=True, refused=False)
    for lang in ("th", "en"):
        md = answer_markdown(answer, lang)
        parsed = _assert_inert_markdown(md)
        assert set(parsed.tags) <= {"p", "strong", "ol", "li", "br"}
        assert IMG in "".join(parsed.text) and MD_LINK in "".join(parsed.text)  # shown, as text
    label = citation_label(_citation(section=f"บทที่ 1 › {IMG} {SCRIPT}"))
    assert label.startswith("[1] ") and "<" not in label and ">" not in label
    refs = draft_references([_citation(), _citation(2)])
    assert set(_assert_inert_markdown(refs).tags) <= {"p", "br"}


# -- the views over a real hostile document ------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory, embeddings):
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    (root / "corpus" / "hostile-plan.txt").write_text(HOSTILE_PLAN, encoding="utf-8")
    settings = Settings(data_dir=root / "data")
    report = ingest([root / "corpus"], settings, lambda m: None, embeddings)
    assert not report.failed, report.failed
    assistant = Assistant(settings, embeddings)
    yield assistant
    getattr(assistant, "close", lambda: None)()


def test_document_facts_carry_the_hostile_text(hostile):
    db: FactsDB = hostile.db
    projects = db.list_projects()
    assert any("<img" in p.name for p in projects), [p.name for p in projects]  # the fixture does reach the views
    assert any("<img" in t for t in db.titles().values())


def test_chat_answers_over_a_hostile_document_are_inert(hostile):
    for question in ("โรงงานต้นแบบเข้าร่วมโครงการทดสอบเครื่องจักรอัจฉริยะกี่แห่ง",
                     "โครงการทดสอบเครื่องจักรอัจฉริยะ ใช้งบเท่าไร",
                     "ยุทธศาสตร์ที่ 1 มีโครงการอะไรบ้าง"):
        answer = hostile.ask(question)
        assert answer.citations, question
        assert any(tag in answer.answer + "".join(c.quote + c.title for c in answer.citations)
                   for tag in ("<img", "<script", "](")), question  # hostile text is in the record …
        md = answer_markdown(answer)
        _assert_inert_markdown(md)  # … and inert in the bubble
        for c in answer.citations:
            label = citation_label(c)
            assert "<" not in label and ">" not in label
            panel = passage_html(hostile.db, c)
            parsed = _assert_inert_html(panel, {"div", "b", "br", "small", "span", "mark"})
            assert any("<img" in t or "<script" in t for t in parsed.text) or "<" not in c.quote


def test_linkage_svg_and_project_table_are_inert(hostile):
    svg = linkage_svg(hostile.db)
    parsed = _assert_inert_html(svg, {"div", "svg", "path", "g", "title", "rect", "text"})
    assert any("<img" in t for t in parsed.text) and any("<script" in t for t in parsed.text)
    header, rows = project_table(hostile.db)
    cells = [str(cell) for row in rows for cell in row] + header
    assert rows and not [c for c in cells if "<" in c or ">" in c]
    assert any("‹img src=x onerror=alert(1)›" in c for c in cells)
