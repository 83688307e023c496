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
from ingest.pdf_marks import LINE_BREAK, line_spans, mark_order
from ingest.records import LineBox, LineStyle, SourceText, Table, TableCell
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


class ReadResult(tuple):
    """What a reader returns: unpacks as `(lines, pages)` like before; `extras` holds the optional
    SourceText fields the reader could fill (boxes, page_labels, page_sizes, tables, styles)."""

    extras: dict

    def __new__(cls, lines: list[str], pages: list[int | None], **extras):
        obj = super().__new__(cls, (lines, pages))
        obj.extras = {k: v for k, v in extras.items() if v is not None}
        return obj


# A printed page number on a line of its own: `12`, `๑๒`, `- 12 -`, `หน้า ๑๒`, `หน้าที่ 12`.
_PRINTED_NUMBER = re.compile(r"^[\s\-–—]*(?:หน้า\s*(?:ที่\s*)?)?([0-9๐-๙]{1,4})[\s\-–—]*$")
_MARGIN = 0.12  # a page label sits in the top or bottom 12% of the page


def _line_box(textpage, start: int, count: int, page: int, left: float, top: float) -> LineBox | None:
    """Union of the rectangles pdfium gives for chars [start, start+count), top-left origin."""
    n = textpage.count_rects(start, count)
    if n <= 0:
        return None
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for i in range(n):
        l, b, r, t = textpage.get_rect(i)
        x0, x1 = min(x0, l), max(x1, r)
        y0, y1 = min(y0, top - t), max(y1, top - b)
    return LineBox(page, x0 - left, y0, x1 - left, y1)


def _union(a: LineBox | None, b: LineBox | None) -> LineBox | None:
    """The box around two line boxes of one page (either may be None)."""
    if a is None or b is None:
        return a or b
    return LineBox(a.page, min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1))


def _line_style(textpage, start: int, count: int) -> LineStyle | None:
    """Font size (points, as drawn) and boldness of the first visible character of a line."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    for i in range(start, start + count):
        if pdfium_c.FPDFText_GetUnicode(raw, i) in (0, 9, 10, 13, 32, 0xA0):
            continue
        matrix = pdfium_c.FS_MATRIX()
        scale = 1.0
        if pdfium_c.FPDFText_GetMatrix(raw, i, matrix):
            scale = (matrix.b ** 2 + matrix.d ** 2) ** 0.5 or 1.0
        size = pdfium_c.FPDFText_GetFontSize(raw, i) * scale
        weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
        name = ctypes.create_string_buffer(96)
        pdfium_c.FPDFText_GetFontInfo(raw, i, name, 96, None)
        bold = weight >= 600 or b"bold" in name.value.lower()
        return LineStyle(round(size, 1), bool(bold))
    return None


def printed_page_labels(
    candidates: dict[int, list[int]], n_pages: int, min_run: int = 3, window: int = 3
) -> dict[int, str]:
    """Choose each page's printed number among its candidates (numbers found alone on a line in
    the page's top/bottom margin) by agreement with neighbouring pages.

    A book numbers its pages with an offset from the PDF index (value - page stays constant, for
    a run of pages). A candidate is kept when at least `min_run` pages (fewer in a short PDF)
    share its offset and another page within `window` pages does; a stray number (a table total)
    has an offset no neighbour shares. Where two offsets qualify on one page, the one shared by
    more pages wins.
    """
    by_offset: dict[int, list[int]] = {}
    for page, values in candidates.items():
        for v in set(values):
            by_offset.setdefault(v - page, []).append(page)
    need = max(2, min(min_run, n_pages))
    labels: dict[int, str] = {}
    for page, values in sorted(candidates.items()):
        best: tuple[int, int] | None = None
        for v in set(values):
            pages = by_offset[v - page]
            if len(pages) < need or not any(q != page and abs(q - page) <= window for q in pages):
                continue
            if best is None or len(pages) > best[0]:
                best = (len(pages), v)
        if best is not None:
            labels[page] = str(best[1])
    return labels


def read_pdf(path: Path, limits: ReadLimits | None = None) -> ReadResult:
    """Text layer of a PDF, page by page (page numbers are the PDF's own, 1-based).

    Unpacks as `(lines, pages)`; `.extras` adds each line's box on its page (`boxes`, LineBox
    with a top-left origin, from the rectangles pdfium gives for the line's characters), each
    page's size and the page numbers the pages print (`page_labels`, see printed_page_labels).
    """
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
    boxes: list[LineBox | None] = []
    styles: list[LineStyle | None] = []
    sizes: dict[int, tuple[float, float]] = {}
    candidates: dict[int, list[int]] = {}
    try:
        if max_pages is not None and len(pdf) > max_pages:
            raise ReadError(path, f"PDF has {len(pdf)} pages (limit {max_pages}, setting max_pdf_pages)")
        for number, page in enumerate(pdf, start=1):
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            # Same lines as splitting the text at \r\n, \r or \n; `starts` are char indices.
            starts, ends = line_spans(raw)
            drawn = mark_order(textpage, raw)  # marks on their letters, a row's pieces joined
            page_lines = LINE_BREAK.split(drawn.text)
            lines.extend(page_lines)
            pages.extend([number] * len(page_lines))
            left, bottom, right, top = page.get_bbox()  # the visible area (crop box), inherited boxes included
            width, height = right - left, top - bottom
            sizes[number] = (round(width, 1), round(height, 1))
            aligned = textpage.count_chars() == len(raw)  # text index = char index (no surrogates)
            for n, (a, b, text) in enumerate(zip(starts, ends, page_lines)):
                box = None
                if aligned and text.strip():
                    box = _line_box(textpage, a, b - a, number, left, top)
                    for m in drawn.joined.get(n, []):
                        box = _union(box, _line_box(textpage, starts[m], ends[m] - starts[m], number, left, top))
                boxes.append(box)
                styles.append(_line_style(textpage, a, b - a) if aligned and text.strip() else None)
                if box is None or len(text) > 24:
                    continue
                m = _PRINTED_NUMBER.match(text)
                if m and (box.y1 <= _MARGIN * height or box.y0 >= (1 - _MARGIN) * height):
                    candidates.setdefault(number, []).append(int(thai_digits_to_arabic(m.group(1))))
            textpage.close()
            page.close()
        n_pages = len(pdf)
    finally:
        pdf.close()
    labels = printed_page_labels(candidates, n_pages)
    from ingest.pdf_tables import read_pdf_tables  # tables as cells, from the characters' boxes

    tables = read_pdf_tables(path, lines, pages)
    return ReadResult(lines, pages, boxes=boxes, page_labels=labels, page_sizes=sizes, tables=tables or None,
                      styles=styles)


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


def _docx_text(element) -> str:
    return "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))


def _docx_table(tbl, row_lines: list[tuple[object, int]], line_start: int, line_end: int) -> Table:
    """Cells of a top-level table from its rows' XML (python-docx's CT_Tbl/CT_Row/CT_Tc).

    `row_lines`: (tr element, 1-based line of that row). A cell merged across columns
    (gridSpan) is one cell with that colspan; a vertical merge (vMerge restart … continue) is
    the restarting cell with the rowspan, the continuing cells are not repeated. The first row
    is the header row.
    """
    cells: list[TableCell] = []
    open_merges: dict[int, TableCell] = {}  # grid column -> cell a vertical merge started in
    for r, (tr, _line) in enumerate(row_lines):
        col = int(getattr(tr, "grid_before", 0) or 0)
        for tc in tr.iterchildren():
            if not tc.tag.endswith("}tc"):
                continue
            span = max(1, int(getattr(tc, "grid_span", 1) or 1))
            merge = getattr(tc, "vMerge", None)
            if merge is not None and merge != "restart" and col in open_merges:
                open_merges[col].rowspan += 1
            else:
                cell = TableCell(r, col, " ".join(_docx_text(tc).split()), 1, span, header=r == 0)
                cells.append(cell)
                for c in range(col, col + span):
                    open_merges.pop(c, None)
                if merge == "restart":
                    open_merges[col] = cell
            col += span
    return Table(page=None, line_start=line_start, line_end=line_end, cells=cells)


def read_docx(path: Path, limits: ReadLimits | None = None) -> ReadResult:
    """Paragraphs and table rows of a .docx, in document order (no pages in DOCX).

    A table row is one line, its cells' text joined with ` | `; `.extras["tables"]` gives each
    top-level table again as cells (Table records with the line span of its rows).
    """
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_docx_sizes(path, limits)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(path, f"corrupt or not a .docx file ({exc.__class__.__name__}: {exc})") from None
    lines: list[str] = []
    tables: list[Table] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(_docx_text(child).split("\n"))
        elif tag == "tbl":
            first = len(lines) + 1
            top_rows: list[tuple[object, int]] = []
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(" ".join(_docx_text(cell).split()))
                    lines.append(" | ".join(cells))
                    owner = next((a for a in row.iterancestors() if a.tag.endswith("}tbl")), None)
                    if owner is child:  # rows of nested tables are lines, not rows of this table
                        top_rows.append((row, len(lines)))
            if top_rows:
                tables.append(_docx_table(child, top_rows, first, len(lines)))
    return ReadResult(lines, [None] * len(lines), tables=tables or None)


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
        result = _READERS[suffix](path, limits)
        lines, pages = result
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
        **getattr(result, "extras", {}),  # boxes, page_labels, page_sizes, tables where the reader gives them
    )
