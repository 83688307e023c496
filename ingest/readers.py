"""Read .txt/.md, .pdf and .docx files into `SourceText` (lines + page of each line).

One reader per format. Every failure is a `ReadError` naming the file and the reason,
so a batch can report it and go on.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.records import SourceText
from ingest.thai_repair import thai_digits_to_arabic

SUPPORTED_SUFFIXES = {".txt", ".md", ".pdf", ".docx"}
# A printed page footer/header on its own line: "- 12 -", "หน้า ๑๒", "12/40", "Page 3".
_PAGE_MARK = re.compile(
    r"^\s*(?:-\s*([0-9๐-๙]{1,4})\s*-|หน้า\s*(?:ที่\s*)?([0-9๐-๙]{1,4})(?:\s*(?:/|จาก)\s*[0-9๐-๙]{1,4})?|"
    r"[Pp]age\s+([0-9]{1,4})(?:\s+of\s+[0-9]{1,4})?)\s*$"
)

class ReadError(Exception):
    """A file that cannot be ingested; str() says which file and why."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def doc_id_for(path: Path, root: Path | None = None) -> str:
    """Stable document id: the path relative to the corpus root, with '/' separators."""
    try:
        rel = path.resolve().relative_to(root.resolve()) if root else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes: the document's content hash for incremental ingest."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _decode_text(data: bytes, path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or TIS-620/cp874."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ReadError(path, "looks like a binary file, not text (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")  # superset of TIS-620, the legacy Thai encoding
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"unknown text encoding (not UTF-8, UTF-16 or TIS-620): {exc}") from None
    thai = sum(1 for c in text if "\u0E01" <= c <= "\u0E5B")
    if thai < 0.2 * sum(1 for c in text if not c.isascii()):
        raise ReadError(path, "unknown text encoding (not UTF-8, UTF-16 or TIS-620)")
    return text


def page_of_lines(lines: list[str]) -> tuple[list[str], list[int | None]]:
    """Assign printed page numbers (footers like `- 12 -` / `หน้า 12`) to the lines above them.

    Form feeds also end a page. Returns the lines unchanged and the page of each line;
    all None when the text carries no page marks.
    """
    pages: list[int | None] = [None] * len(lines)
    start = 0
    seen_feed = any("\f" in ln for ln in lines)
    feed_page = 1
    found = False
    for i, line in enumerate(lines):
        m = _PAGE_MARK.match(line)
        if m:
            number = int(thai_digits_to_arabic(next(g for g in m.groups() if g)))
            for j in range(start, i + 1):
                pages[j] = number
            start = i + 1
            found = True
        elif seen_feed and "\f" in line:
            for j in range(start, i + 1):
                pages[j] = feed_page
            feed_page += 1
            start = i + 1
            found = True
    if found and seen_feed:
        for j in range(start, len(lines)):
            pages[j] = feed_page
    return [ln.replace("\f", "") for ln in lines], pages


def read_text(path: Path) -> tuple[list[str], list[int | None]]:
    text = _decode_text(path.read_bytes(), path).replace("\r\n", "\n").replace("\r", "\n")
    return page_of_lines(text.split("\n"))


def read_pdf(path: Path) -> tuple[list[str], list[int | None]]:
    """Text layer of a PDF, page by page (page numbers are the PDF's own, 1-based)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise ReadError(path, "encrypted PDF (password required)") from None
        raise ReadError(path, f"corrupt or unreadable PDF ({reason})") from None
    lines: list[str] = []
    pages: list[int | None] = []
    try:
        for number, page in enumerate(pdf, start=1):
            textpage = page.get_textpage()
            text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            page_lines = text.split("\n")
            lines.extend(page_lines)
            pages.extend([number] * len(page_lines))
    finally:
        pdf.close()
    return lines, pages


def read_docx(path: Path) -> tuple[list[str], list[int | None]]:
    """Paragraphs and table rows of a .docx, in document order (no pages in DOCX)."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(path, f"corrupt or not a .docx file ({exc.__class__.__name__}: {exc})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).split("\n"))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(" ".join("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).split()))
                    lines.append(" | ".join(cells))
    return lines, [None] * len(lines)


_READERS = {".txt": read_text, ".md": read_text, ".pdf": read_pdf, ".docx": read_docx}


def read_document(path: Path, root: Path | None = None, max_bytes: int | None = None) -> SourceText:
    """Read one file into a SourceText, or raise ReadError saying why it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise ReadError(path, f"unsupported file type '{suffix}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(path, f"cannot open ({exc.strerror})") from None
    if size == 0:
        raise ReadError(path, "empty file")
    if max_bytes is not None and size > max_bytes:
        raise ReadError(path, f"file too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.0f} MB)")
    try:
        lines, pages = _READERS[suffix](path)
    except ReadError:
        raise
    except Exception as exc:  # a third-party parser failing on a hostile file
        raise ReadError(path, f"cannot read {suffix} file ({exc.__class__.__name__}: {exc})") from None
    if not any(line.strip() for line in lines):
        reason = "no text layer (scanned PDF? OCR it first)" if suffix == ".pdf" else "no text in file"
        raise ReadError(path, reason)
    title = next((ln.strip() for ln in lines if ln.strip()), path.stem)[:200]
    return SourceText(
        doc_id=doc_id_for(path, root),
        title=title,
        path=str(path),
        content_hash=file_hash(path),
        lines=lines,
        pages=pages,
    )
