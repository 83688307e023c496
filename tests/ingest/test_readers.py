"""Readers on real small files of each format, and every kind of bad file."""
import time
from pathlib import Path

import pytest

from ingest.identity import document_id
from ingest.readers import ReadError, ReadLimits, page_of_lines, read_document
from plan_assistant.config import load_settings


def make_pdf(path: Path, pages: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        for line in text.split("\n"):
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_txt_utf8_and_tis620(tmp_path):
    (tmp_path / "a.txt").write_text("แผนปฏิบัติการ\nบรรทัดสอง", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("แผนปฏิบัติการ ปี ๒๕๖๗".encode("cp874"))
    a = read_document(tmp_path / "a.txt", tmp_path)
    b = read_document(tmp_path / "b.txt", tmp_path)
    assert a.lines == ["แผนปฏิบัติการ", "บรรทัดสอง"] and a.doc_id == document_id(tmp_path / "a.txt")
    assert b.lines == ["แผนปฏิบัติการ ปี ๒๕๖๗"]
    assert a.content_hash != b.content_hash


def test_printed_page_footers_assign_pages():
    lines, pages = page_of_lines(["หน้าแรก", "- ๑ -", "หน้าสอง", "หน้า 2", "ท้าย"])
    assert pages[:4] == [1, 1, 2, 2] and pages[4] is None
    lines, pages = page_of_lines(["ไม่มีเลขหน้า"])
    assert pages == [None]


def test_pdf_pages(tmp_path):
    path = tmp_path / "plan.pdf"
    make_pdf(path, ["Action plan 2024\nBudget 1.5 million", "Page two text"])
    doc = read_document(path, tmp_path)
    assert "Budget 1.5 million" in doc.lines
    two = doc.lines.index("Page two text")
    assert doc.pages[two] == 2 and doc.pages[0] == 1


def test_docx_paragraphs_and_table_rows(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("แผนปฏิบัติการด้านการพัฒนาอุตสาหกรรม")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "โครงการ ก"
    table.rows[0].cells[1].text = "2.96"
    d.save(str(tmp_path / "p.docx"))
    doc = read_document(tmp_path / "p.docx", tmp_path)
    assert doc.lines == ["แผนปฏิบัติการด้านการพัฒนาอุตสาหกรรม", "โครงการ ก | 2.96"]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "no text"),
        ("corrupt.pdf", b"%PDF-1.7\n this is not really a pdf", "corrupt"),
        ("fake.docx", b"PK\x03\x04 not a zip at all", "not a .docx"),
        ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("latin.txt", bytes(range(0xA1, 0xFF)) * 3 + "ÀÉÎ".encode("latin-1"), "encoding"),
        ("image.png", b"\x89PNG\r\n", "unsupported file type"),
    ],
)
def test_bad_files_raise_read_error_naming_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_document(path, tmp_path)
    assert name in str(err.value) and reason in err.value.reason


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    make_pdf(path, [""])
    with pytest.raises(ReadError, match="no text layer"):
        read_document(path, tmp_path)


def test_huge_file_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("ก" * 2000, encoding="utf-8")
    with pytest.raises(ReadError, match="too large"):
        read_document(path, tmp_path, max_bytes=1000)


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "confidential plan")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match="encrypted"):
        read_document(path, tmp_path)


# ---- input limits (max_file_mb, max_docx_xml_mb, max_pdf_pages) ------------------------


def make_docx_bomb(path: Path, xml_bytes: int) -> None:
    """A valid .docx whose word/document.xml is `xml_bytes` of numbered paragraphs (the bench's builder)."""
    from eval.bench_limits import make_docx_with_xml

    make_docx_with_xml(path, xml_bytes / 1_000_000, number_every=1)


def test_read_limits_from_settings():
    from plan_assistant.config import Settings

    limits = ReadLimits.from_settings(Settings(max_file_mb=7, max_docx_xml_mb=3, max_pdf_pages=9))
    assert limits == ReadLimits(max_bytes=7_000_000, max_docx_xml_bytes=3_000_000, max_pdf_pages=9)
    assert ReadLimits() == ReadLimits.from_settings(Settings())  # read_document's defaults are the settings'


def test_docx_xml_over_limit_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    make_docx_bomb(path, 2_000_000)
    with pytest.raises(ReadError) as err:
        read_document(path, tmp_path, limits=ReadLimits(max_docx_xml_bytes=1_000_000))
    assert "bomb.docx" in str(err.value)
    assert "MB of XML" in err.value.reason and "limit 1 MB, setting max_docx_xml_mb" in err.value.reason
    assert read_document(path, tmp_path).lines[0].startswith("ข้อ 0 ")  # under the default 50 MB it reads


def test_realistic_docx_bomb_refused_quickly_with_default_limit(tmp_path):
    path = tmp_path / "bomb.docx"
    make_docx_bomb(path, 110_000_000)
    assert path.stat().st_size < 3_000_000  # ~1.7 MB on disk
    t0 = time.perf_counter()
    with pytest.raises(ReadError) as err:
        read_document(path, tmp_path)
    assert time.perf_counter() - t0 < 2
    assert "limit 50 MB, setting max_docx_xml_mb" in err.value.reason


def test_docx_other_parts_over_limit_refused(tmp_path):
    import zipfile

    path = tmp_path / "media.docx"
    make_docx_bomb(path, 1000)
    with zipfile.ZipFile(path, "a") as zf:  # a 30 MB "image" of zeros: compresses ~1000:1
        info = zipfile.ZipInfo("word/media/image1.png")
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, bytes(30_000_000))
    with pytest.raises(ReadError, match="limit 20 MB, setting max_file_mb"):
        read_document(path, tmp_path, limits=ReadLimits(max_bytes=20_000_000))
    with pytest.raises(ReadError, match=r"image1\.png.*zip bomb"):
        read_document(path, tmp_path)


def test_pdf_over_page_limit_refused(tmp_path):
    path = tmp_path / "long.pdf"
    make_pdf(path, [f"Page {n} of the plan" for n in range(1, 6)])
    with pytest.raises(ReadError) as err:
        read_document(path, tmp_path, limits=ReadLimits(max_pdf_pages=3))
    assert err.value.reason == "PDF has 5 pages (limit 3, setting max_pdf_pages)"
    assert len(read_document(path, tmp_path, limits=ReadLimits(max_pdf_pages=5)).lines) >= 5


def test_file_over_max_file_mb_refused_from_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(101 * 10**6)  # sparse: 101 MB without writing a byte
    t0 = time.perf_counter()
    with pytest.raises(ReadError) as err:
        read_document(path, tmp_path)
    assert time.perf_counter() - t0 < 2
    assert err.value.reason == "file too large (101 MB; limit 100 MB, setting max_file_mb)"
    # the positional max_bytes (what ingest/pipeline.py passes) overrides limits.max_bytes
    with pytest.raises(ReadError, match=r"\(101 MB; limit 50 MB, setting max_file_mb\)"):
        read_document(path, tmp_path, 50 * 10**6, limits=ReadLimits(max_bytes=200 * 10**6))


def test_small_docx_reads_under_default_limits(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("แผนปฏิบัติการ ปี ๒๕๖๗")
    d.add_paragraph("โครงการส่งเสริมอุตสาหกรรม")
    d.save(str(tmp_path / "small.docx"))
    doc = read_document(tmp_path / "small.docx", tmp_path, limits=ReadLimits.from_settings(load_settings(tmp_path / "none.toml")))
    assert doc.lines == ["แผนปฏิบัติการ ปี ๒๕๖๗", "โครงการส่งเสริมอุตสาหกรรม"]


def test_form_feed_pages_start_at_the_line_after_the_feed(tmp_path):
    # pdftotext writes each page's text then "\f", so the next page's first line begins with it.
    lines, pages = page_of_lines(["หน้าหนึ่ง บรรทัดแรก", "บรรทัดสอง", "\fหน้าสอง บรรทัดแรก", "บรรทัดสอง",
                                  "\f\fหน้าสี่ (หน้าสามว่าง)", "\f"])
    assert pages == [1, 1, 2, 2, 4, 4]
    assert lines[2] == "หน้าสอง บรรทัดแรก" and lines[5] == ""
    # A feed at the end of a line ends that line's page.
    assert page_of_lines(["ก", "ข\f", "ค", "ง\f", "จ"])[1] == [1, 1, 2, 2, 3]
    # Through the reader, as a text file.
    (tmp_path / "plan.txt").write_text("แผนปฏิบัติการ\nบทนำ\n\fส่วนที่ ๒ ยุทธศาสตร์\nเนื้อหา\n\fส่วนที่ ๓\n", encoding="utf-8")
    doc = read_document(tmp_path / "plan.txt", tmp_path)
    assert doc.pages[doc.lines.index("ส่วนที่ ๒ ยุทธศาสตร์")] == 2
    assert doc.pages[doc.lines.index("ส่วนที่ ๓")] == 3
    assert doc.pages[doc.lines.index("บทนำ")] == 1
