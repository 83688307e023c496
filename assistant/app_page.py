"""The cited PDF page for the passage panel: the page of the stored source copy rendered by pypdfium2,
with the cited lines' boxes (from the document model stored per generation) as highlight overlays."""
from __future__ import annotations

import base64
import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.document import load_model, model_path
from ingest.records import DocumentModel
from ingest.store import Manifest, generation_dir

PAGE_WIDTH_PX = 900  # rendered width; the overlays are placed in percent, so the page scales with the panel
_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one render at a time


@dataclass
class PageView:
    """A rendered page and where the cited lines sit on it (fractions of the page's width/height)."""

    page: int
    png: bytes
    width_px: int
    height_px: int
    boxes: list[tuple[float, float, float, float]]  # (left, top, width, height), 0..1


@lru_cache(maxsize=6)
def _model(path: str, mtime_ns: int) -> DocumentModel:
    return load_model(Path(path))


@lru_cache(maxsize=24)
def _render(pdf: str, mtime_ns: int, page: int, width_px: int) -> tuple[bytes, int, int, float, float]:
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            p = doc[page - 1]
            w_pt, h_pt = p.get_size()
            bitmap = p.render(scale=width_px / w_pt)
            image = bitmap.to_pil()
            out = io.BytesIO()
            image.convert("RGB").save(out, format="PNG", optimize=False)
            return out.getvalue(), image.width, image.height, w_pt, h_pt
        finally:
            doc.close()


def cited_page(data_dir: Path, generation: str, doc_id: str, line_start: int, line_end: int,
               width_px: int = PAGE_WIDTH_PX) -> PageView | None:
    """The page holding line_start of a PDF document, rendered, with the boxes of the cited lines on
    that page; None for other sources, or where the model has no boxes for these lines."""
    data_dir = Path(data_dir)
    entry = Manifest.load(data_dir).documents.get(doc_id)
    if entry is None or not entry.stored or Path(entry.stored).suffix.lower() != ".pdf":
        return None
    pdf = data_dir / entry.stored
    mpath = model_path(generation_dir(data_dir, generation) / "documents", doc_id)
    if not pdf.is_file() or not mpath.is_file():
        return None
    model = _model(str(mpath), mpath.stat().st_mtime_ns)
    spans = [model.line_boxes[n - 1] for n in range(line_start, line_end + 1) if 0 < n <= len(model.line_boxes)]
    spans = [b for b in spans if b is not None]
    if not spans:
        return None
    page = spans[0].page
    png, w_px, h_px, w_pt, h_pt = _render(str(pdf), pdf.stat().st_mtime_ns, page, width_px)
    boxes = [(b.x0 / w_pt, b.y0 / h_pt, (b.x1 - b.x0) / w_pt, (b.y1 - b.y0) / h_pt) for b in spans if b.page == page]
    return PageView(page, png, w_px, h_px, boxes)


def page_view_html(view: PageView, caption: str) -> str:
    """The page image with one highlight box per cited line (percent-placed, so it scales with the image)."""
    data = base64.b64encode(view.png).decode("ascii")
    pad = 0.004
    marks = "".join(
        f"<div class='hl' style='left:{max(0.0, x - pad) * 100:.2f}%;top:{max(0.0, y - pad) * 100:.2f}%;"
        f"width:{(w + 2 * pad) * 100:.2f}%;height:{(h + 2 * pad) * 100:.2f}%'></div>" for x, y, w, h in view.boxes)
    return (f"<figure class='page-view' data-page='{view.page}'><div class='page-frame'>"
            f"<img alt='page {view.page}' src='data:image/png;base64,{data}' width='{view.width_px}' "
            f"height='{view.height_px}'>{marks}</div><figcaption>{caption}</figcaption></figure>")
