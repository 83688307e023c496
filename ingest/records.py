"""Records passed between ingest stages and on to the assistant."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class SourceText:
    """A document as read from disk: one entry per source line, 1-based line numbers = index + 1.

    `pages[i]` is the page of `lines[i]` (None where the format has no pages).
    """

    doc_id: str
    title: str
    path: str
    content_hash: str
    lines: list[str]
    pages: list[int | None]
    warnings: list[str] = field(default_factory=list)
    # Layout extras, filled by the readers that can (None = the format or reader gives none):
    boxes: list[LineBox | None] | None = None  # PDF: box of lines[i] on its page (None: empty line)
    page_labels: dict[int, str] | None = None  # PDF: page index (1-based) -> the number it prints
    page_sizes: dict[int, tuple[float, float]] | None = None  # PDF: page index -> (width, height), points
    tables: list[Table] | None = None  # DOCX: tables as cells (their rows are also lines, ` | `-joined)
    styles: list[LineStyle | None] | None = None  # PDF: font size and weight of lines[i] (None: empty line)


@dataclass
class Section:
    """A heading and the source lines it covers (inclusive, 1-based)."""

    path: list[str]
    number: str | None
    line_start: int
    line_end: int

    @property
    def level(self) -> int:
        return len(self.path)


@dataclass
class Chunk:
    """A retrievable passage; its span points at the source lines it was built from."""

    chunk_id: str
    doc_id: str
    title: str
    section_path: list[str]
    page: int | None
    line_start: int
    line_end: int
    text: str

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Chunk":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


@dataclass
class ScoredChunk:
    """A retrieval hit: the chunk, its fused score and the per-retriever ranks behind it."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None

    def to_dict(self) -> dict:
        out = self.chunk.to_dict()
        out.update(score=round(self.score, 6), dense_rank=self.dense_rank, bm25_rank=self.bm25_rank)
        return out


# --- The document model (ingest.document): parsed once, stored with each index generation. ---


@dataclass
class Page:
    """A page of the source. `number`: 1-based PDF page index. `label`: the page number the page
    itself prints (a header/footer like `๑๒๓`, `- 45 -`, `หน้า 7`), in Arabic digits; None when the
    page prints none (or it could not be told from a stray number). Sizes in PDF points."""

    number: int
    label: str | None = None
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True)
class LineStyle:
    """The font a PDF line starts in: size in points (as drawn, text matrix applied) and whether
    the font is bold; heading candidates where the numbering and vocabulary find none."""

    size: float
    bold: bool


@dataclass
class LineBox:
    """Where a line sits on its page, in PDF points with a TOP-LEFT origin (y grows downwards,
    measured from the crop box): (x0, y0) is the top-left corner, (x1, y1) the bottom-right one.
    To draw on a page rendered at `scale` pixels per point, multiply by `scale`."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1)]


@dataclass
class TableCell:
    """A cell at grid position (row, col), 0-based; a merged cell is given once, at its top-left
    position, with the rows/columns it spans. `header`: the cell is in the table's header row."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class Table:
    """A table and the source lines it was read from (1-based, inclusive); page None without pages."""

    page: int | None
    line_start: int
    line_end: int
    cells: list[TableCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def to_dict(self) -> dict:
        # Compact cells: [row, col, text] plus, only where not the default, rowspan/colspan/header.
        cells = []
        for c in self.cells:
            item: list = [c.row, c.col, c.text]
            if c.rowspan != 1 or c.colspan != 1 or c.header:
                item += [c.rowspan, c.colspan, int(c.header)]
            cells.append(item)
        return {"page": self.page, "line_start": self.line_start, "line_end": self.line_end, "cells": cells}

    @classmethod
    def from_dict(cls, data: dict) -> Table:
        cells = []
        for item in data["cells"]:
            row, col, text, *rest = item
            rowspan, colspan, header = rest if rest else (1, 1, 0)
            cells.append(TableCell(row, col, text, rowspan, colspan, bool(header)))
        return cls(data["page"], data["line_start"], data["line_end"], cells)


@dataclass
class ListItem:
    """An item of an enumerated or bulleted list: its marker as printed (`1.`, `(1)`, `ก.`, `•`),
    its depth (0 = the list's top level), its text with the wrapped lines that belong to it joined,
    the exact source lines it spans (1-based, inclusive), its page, the index of its enclosing item
    in the list's `items` (None at the top level) and the amount it ends with (`5,377,900 บาท`)."""

    marker: str
    depth: int
    text: str
    line_start: int
    line_end: int
    page: int | None = None
    parent: int | None = None
    amount: str | None = None


@dataclass
class ListBlock:
    """A list: the items under a heading or a run of marked lines, nested where the markers change
    kind (`1.` → `1)` → `(1)`), in document order. `heading`/`heading_line`: the line that
    introduces it (`จุดแข็ง (Strengths)`), if one does; `section_path`: the section it sits in."""

    section_path: list[str]
    line_start: int
    line_end: int
    page: int | None
    items: list[ListItem] = field(default_factory=list)
    heading: str | None = None
    heading_line: int | None = None

    def children(self, index: int | None = None) -> list[int]:
        """Indexes of the items directly under item `index` (None: the top-level items)."""
        return [n for n, item in enumerate(self.items) if item.parent == index]

    def to_dict(self) -> dict:
        # Compact items: [marker, depth, parent, line_start, line_end, page, text, amount].
        items = [[i.marker, i.depth, i.parent, i.line_start, i.line_end, i.page, i.text, i.amount] for i in self.items]
        return {"section_path": self.section_path, "heading": self.heading, "heading_line": self.heading_line,
                "line_start": self.line_start, "line_end": self.line_end, "page": self.page, "items": items}

    @classmethod
    def from_dict(cls, data: dict) -> ListBlock:
        items = [ListItem(marker, depth, text, start, end, page, parent, amount)
                 for marker, depth, parent, start, end, page, text, amount in data["items"]]
        return cls(list(data["section_path"]), data["line_start"], data["line_end"], data["page"], items,
                   data.get("heading"), data.get("heading_line"))


MODEL_FORMAT = 1


@dataclass
class DocumentModel:
    """One document, parsed once: pages (with printed labels), repaired lines with their page and
    (PDF) box, the section tree, the tables and the lists. Line i (0-based) is source line i + 1
    everywhere."""

    doc_id: str
    title: str
    pages: list[Page]
    lines: list[str]
    line_pages: list[int | None]
    line_boxes: list[LineBox | None]
    sections: list[Section]
    tables: list[Table] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)

    def page_label(self, number: int | None) -> str | None:
        """The printed label of PDF page `number`, or None."""
        if number is None or not 1 <= number <= len(self.pages):
            return None
        page = self.pages[number - 1]
        return page.label if page.number == number else next((p.label for p in self.pages if p.number == number), None)

    def to_dict(self) -> dict:
        """JSON-ready and compact: pages as [number, label, width, height], boxes as [x0, y0, x1, y1]
        (a fifth number only where a box's page is not the line's page), sections as lists."""
        boxes: list[list[float] | None] = []
        for box, page in zip(self.line_boxes, self.line_pages):
            if box is None:
                boxes.append(None)
            else:
                item = box.as_list()
                if box.page != page:
                    item.append(box.page)
                boxes.append(item)
        rnd = lambda v: None if v is None else round(v, 1)  # noqa: E731
        return {
            "format": MODEL_FORMAT,
            "doc_id": self.doc_id,
            "title": self.title,
            "pages": [[p.number, p.label, rnd(p.width), rnd(p.height)] for p in self.pages],
            "lines": self.lines,
            "line_pages": self.line_pages,
            "line_boxes": boxes if any(b is not None for b in boxes) else None,
            "sections": [[s.path, s.number, s.line_start, s.line_end] for s in self.sections],
            "tables": [t.to_dict() for t in self.tables],
            "lists": [b.to_dict() for b in self.lists],
        }

    @classmethod
    def from_dict(cls, data: dict) -> DocumentModel:
        if data.get("format", MODEL_FORMAT) > MODEL_FORMAT:
            raise ValueError(f"document model format {data['format']} is newer than this program ({MODEL_FORMAT})")
        line_pages = data["line_pages"]
        raw_boxes = data.get("line_boxes") or [None] * len(data["lines"])
        boxes: list[LineBox | None] = []
        for item, page in zip(raw_boxes, line_pages):
            if item is None:
                boxes.append(None)
            else:
                boxes.append(LineBox(int(item[4]) if len(item) > 4 else page, *item[:4]))
        return cls(
            doc_id=data["doc_id"],
            title=data["title"],
            pages=[Page(n, label, w, h) for n, label, w, h in data["pages"]],
            lines=data["lines"],
            line_pages=line_pages,
            line_boxes=boxes,
            sections=[Section(list(path), number, start, end) for path, number, start, end in data["sections"]],
            tables=[Table.from_dict(t) for t in data.get("tables", [])],
            lists=[ListBlock.from_dict(b) for b in data.get("lists", [])],  # models stored before lists: none
        )
