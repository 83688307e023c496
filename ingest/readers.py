"""Read .txt/.md, .pdf and .docx files into `SourceText` (lines + page of each line).

One reader per format. Every failure is a `ReadError` naming the file and the reason,
so a batch can report it and go on.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.identity import document_id
from ingest.records import SourceText
from ingest.thai_repair import thai_digits_to_arabic
from plan_assistant.config import Settings

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


_DEFAULTS = Settings()


@dataclass(frozen=True)
class ReadLimits:
    """Input limits checked before a file is parsed; None = no limit. Defaults = Settings' defaults."""

    max_bytes: int | None = _DEFAULTS.max_file_mb * 1_000_000  # size on disk
    max_docx_xml_bytes: int | None = _DEFAULTS.max_docx_xml_mb * 1_000_000  # a .docx's XML, unzipped
    max_pdf_pages: int | None = _DEFAULTS.max_pdf_pages

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        return cls(
            max_bytes=settings.max_file_mb * 1_000_000,
            max_docx_xml_bytes=settings.max_docx_xml_mb * 1_000_000,
            max_pdf_pages=settings.max_pdf_pages,
        )


def _mb(n: int) -> str:
    """Decimal megabytes for messages: `0.001`, `1.7`, `812`."""
    return f"{n / 1e6:.3g}" if n < 10_000_000 else f"{n / 1e6:.0f}"


def doc_id_for(path: Path, root: Path | None = None) -> str:
    """Stable document id (ingest.identity): file name + hash of the absolute path; `root` is not used."""
    return document_id(path)


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

    Form feeds also end a page, where they stand: a line that begins with one (`pdftotext`
    writes `…last line\\n\\fFirst line of the next page`) is the first line of the next page, a
    line that ends with one is the last line of its page. Returns the lines without the form
    feeds and the page of each line; all None when the text carries no page marks.
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
            before, _, after = line.partition("\f")
            # Text before the first form feed ends the current page on this line; with none
            # (and text after it) this line already belongs to the next page.
            last = i if before.strip() or not after.replace("\f", "").strip() else i - 1
            for j in range(start, last + 1):
                pages[j] = feed_page
            feed_page += line.count("\f")  # `\f\f`: an empty page in between
            start = last + 1
            found = True
    if found and seen_feed:
        for j in range(start, len(lines)):
            pages[j] = feed_page
    return [ln.replace("\f", "") for ln in lines], pages


def read_text(path: Path, limits: ReadLimits | None = None) -> tuple[list[str], list[int | None]]:
    max_bytes = (limits or ReadLimits()).max_bytes
    with path.open("rb") as fh:  # never more than the limit, even if the file grew since stat
        data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise ReadError(path, f"file too large (over the limit of {_mb(max_bytes)} MB, setting max_file_mb)")
    text = _decode_text(data, path)
    del data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return page_of_lines(text.split("\n"))


def read_pdf(path: Path, limits: ReadLimits | None = None) -> tuple[list[str], list[int | None]]:
    """Text layer of a PDF, page by page (page numbers are the PDF's own, 1-based)."""
    import pypdfium2 as pdfium

    max_pages = (limits or ReadLimits()).max_pdf_pages
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
        if max_pages is not None and len(pdf) > max_pages:
            raise ReadError(path, f"PDF has {len(pdf)} pages (limit {max_pages}, setting max_pdf_pages)")
        for number, page in enumerate(pdf, start=1):
            textpage = page.get_textpage()
            text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            page_lines = text.split("\n")
            lines.extend(page_lines)
            pages.extend([number] * len(page_lines))
    finally:
        pdf.close()
    return lines, pages


def check_docx_sizes(path: Path, limits: ReadLimits | None = None) -> None:
    """Refuse a .docx whose parts unzip to too much (a zip bomb) from the zip directory alone.

    The declared sizes bound what is unpacked: Python's zipfile never returns more than an
    entry's declared size (and fails on a CRC mismatch). XML parts (.xml/.rels) count against
    max_docx_xml_bytes; the other parts (images, embedded files) against max_bytes, and one of
    them that compresses like repeated text (a disguised XML part) is refused.
    """
    import zipfile

    limits = limits or ReadLimits()
    try:
        with zipfile.ZipFile(path) as zf:
            entries = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(path, f"corrupt or not a .docx file ({exc.__class__.__name__}: {exc})") from None
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith((".xml", ".rels")))
    if limits.max_docx_xml_bytes is not None and xml > limits.max_docx_xml_bytes:
        raise ReadError(
            path,
            f"DOCX expands to {_mb(xml)} MB of XML (limit {_mb(limits.max_docx_xml_bytes)} MB, setting max_docx_xml_mb)",
        )
    others = [e for e in entries if not e.filename.lower().endswith((".xml", ".rels"))]
    other = sum(e.file_size for e in others)
    if limits.max_bytes is not None and other > limits.max_bytes:
        raise ReadError(
            path,
            f"DOCX's images and other parts expand to {_mb(other)} MB (limit {_mb(limits.max_bytes)} MB, setting max_file_mb)",
        )
    for e in others:
        if e.file_size > 10_000_000 and e.file_size > 100 * max(e.compress_size, 1):
            raise ReadError(
                path,
                f"DOCX part '{e.filename}' expands {_mb(e.compress_size)} MB to {_mb(e.file_size)} MB "
                f"(over 100:1; a zip bomb?)",
            )


def read_docx(path: Path, limits: ReadLimits | None = None) -> tuple[list[str], list[int | None]]:
    """Paragraphs and table rows of a .docx, in document order (no pages in DOCX)."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_docx_sizes(path, limits)
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


def read_document(
    path: Path, root: Path | None = None, max_bytes: int | None = None, *, limits: ReadLimits | None = None
) -> SourceText:
    """Read one file into a SourceText, or raise ReadError saying why it cannot be used.

    `limits` (default: the Settings defaults) are checked before parsing; `max_bytes`, when
    given, overrides `limits.max_bytes`. The size on disk is checked before any byte is read.
    """
    limits = limits or ReadLimits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise ReadError(path, f"unsupported file type '{suffix}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(path, f"cannot open ({exc.strerror})") from None
    if size == 0:
        raise ReadError(path, "empty file")
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise ReadError(
            path, f"file too large ({_mb(size)} MB; limit {_mb(limits.max_bytes)} MB, setting max_file_mb)"
        )
    try:
        lines, pages = _READERS[suffix](path, limits)
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
