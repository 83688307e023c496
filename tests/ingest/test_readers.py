"""Readers on real small files of each format, and every kind of bad file."""
from pathlib import Path

import pytest

from ingest.readers import ReadError, page_of_lines, read_document


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
    assert a.lines == ["แผนปฏิบัติการ", "บรรทัดสอง"] and a.doc_id == "a.txt"
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
