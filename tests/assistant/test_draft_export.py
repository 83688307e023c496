"""A drafted rationale as .docx (Thai font and size set for complex script on every run) and Markdown."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from assistant.draft_export import FONT_PT, THAI_FONT, draft_to_docx, draft_to_markdown, parse_draft
from assistant.records import Citation
from ingest.thai_repair import repair_line

DRAFT = """ร่างหลักการและเหตุผล (ประกอบจากข้อความในแผน)
ความเป็นมาและสภาพปัญหา:
ขณะเดียวกัน แผนได้วิเคราะห์จุดอ่อนไว้ว่า “{weak}” [1]
ความสอดคล้องกับแผน:
โครงการนี้สนับสนุนวิสัยทัศน์ของแผน “{vision}” [2]
ความจำเป็นของโครงการ:
ด้วยเหตุนี้ จึงมีความจำเป็นต้องดำเนินโครงการนี้ เพื่อแก้ไขปัญหาที่แผนระบุข้างต้น [1][2]"""


@pytest.fixture()
def real_draft(sample_lines):
    """A draft quoting two real lines of the sample plan, with their citations."""
    def find(text):
        return next(i for i, line in enumerate(sample_lines) if text in line)

    w, v = find("ขาดช่องทางการเข้าถึงเทคโนโลยี"), find("“นครหัตถศิลป์")
    weak = repair_line(sample_lines[w]).strip().split(". ", 1)[1].strip()
    vision = repair_line(sample_lines[v]).strip().strip("“”")
    cites = [Citation(1, "plan.txt-1", "แผนปฏิบัติการ", "ส่วนที่ ๓ › 3.1.3", 12, w + 1, w + 1, sample_lines[w], "retrieval", True),
             Citation(2, "plan.txt-1", "แผนปฏิบัติการ", "ส่วนที่ ๓ › ๓.๒.๑ วิสัยทัศน์", None, v + 1, v + 1, sample_lines[v],
                      "retrieval", True, "45")]
    return DRAFT.format(weak=weak, vision=vision), cites


def _runs(document):
    for p in document.paragraphs:
        yield from p.runs


def test_docx_opens_and_every_run_carries_the_thai_font_and_size_for_complex_script(real_draft):
    text, cites = real_draft
    data = draft_to_docx(text, cites)
    document = Document(io.BytesIO(data))
    runs = list(_runs(document))
    assert runs and all(r.text for r in runs)
    for r in runs:
        rpr = r._element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == THAI_FONT and fonts.get(qn("w:ascii")) == THAI_FONT
        assert fonts.get(qn("w:hAnsi")) == THAI_FONT
        size_cs = rpr.find(qn("w:szCs"))
        assert size_cs is not None and int(size_cs.get(qn("w:val"))) >= FONT_PT * 2
    body = [p for p in document.paragraphs if p.style.name == "Normal"]
    assert any(int(r._element.rPr.find(qn("w:szCs")).get(qn("w:val"))) == FONT_PT * 2 for p in body for r in p.runs)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["ร่างหลักการและเหตุผล (ประกอบจากข้อความในแผน)", "ความเป็นมาและสภาพปัญหา",
                            "ความสอดคล้องกับแผน", "ความจำเป็นของโครงการ"]
    assert headings[-1] == "อ้างอิง"
    refs = [p.text for p in document.paragraphs if p.text.startswith("[")]
    assert refs[0].startswith("[1] แผนปฏิบัติการ — ส่วนที่ ๓ › 3.1.3 (หน้า 12 บรรทัด")
    assert refs[1].startswith("[2] แผนปฏิบัติการ — ส่วนที่ ๓ › ๓.๒.๑ วิสัยทัศน์ (หน้า 45 บรรทัด")  # the printed page


def test_markdown_has_headings_paragraphs_and_numbered_references(real_draft):
    text, cites = real_draft
    md = draft_to_markdown(text, cites)
    assert md.startswith("# ร่างหลักการและเหตุผล")
    assert "## ความเป็นมาและสภาพปัญหา" in md and "## ความจำเป็นของโครงการ" in md and "## อ้างอิง" in md
    assert "\n1. แผนปฏิบัติการ — ส่วนที่ ๓ › 3.1.3 (หน้า 12" in md and "\n2. แผนปฏิบัติการ" in md
    doc = parse_draft(text, cites)
    assert [h for h, _ in doc.parts] == ["ความเป็นมาและสภาพปัญหา", "ความสอดคล้องกับแผน", "ความจำเป็นของโครงการ"]
    assert all(s.rstrip().endswith("]") for _, sentences in doc.parts for s in sentences)


@pytest.mark.slow
def test_a_pipeline_draft_exports(sample_settings, embeddings):
    from assistant.pipeline import Assistant

    assistant = Assistant(sample_settings, embeddings)
    try:
        answer = assistant.ask("ช่วยร่างหลักการและเหตุผลโครงการใหม่ ส่งเสริมอุตสาหกรรมเซรามิกด้วยนวัตกรรม")
    finally:
        assistant.close()
    document = Document(io.BytesIO(draft_to_docx(answer)))
    refs = [p.text for p in document.paragraphs if p.text.startswith("[")]
    assert len(refs) == len(answer.citations) and refs[0].startswith("[1] ")
    assert all(r._element.rPr.find(qn("w:rFonts")).get(qn("w:cs")) == THAI_FONT for r in _runs(document))
    md = draft_to_markdown(answer)
    assert md.count("\n## ") >= 4 and f"\n{len(answer.citations)}. " in md
