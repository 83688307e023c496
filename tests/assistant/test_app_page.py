"""An upload imported by the app's own lower-priority process (per-file progress and report), then the
cited PDF page rendered from the stored copy with the cited line's box over the printed line."""
import io

import pytest

from assistant.app_ingest import IngestJob
from assistant.app_page import cited_page, page_view_html
from assistant.lookup import FactsDB
from ingest.store import Manifest
from plan_assistant.config import Settings
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
BOOK_PAGES = ROOT / "tests" / "fixtures" / "budget-fy2565-vol6-p45-47.pdf"  # pages 45–47 of a Budget Bureau book


def test_import_job_then_the_cited_page_with_its_line_marked(tmp_path):
    from PIL import Image

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf\n")
    settings = Settings(data_dir=tmp_path / "data")
    job = IngestJob(settings, [BOOK_PAGES, broken])
    state = job.wait(600)
    assert state.phase == "done", state.error
    assert [(f.name, f.pages, f.stage) for f in state.files] == [(BOOK_PAGES.name, 3, "indexed"),
                                                                 ("broken.pdf", None, "failed")]
    assert state.report.added and [p for p, _ in state.report.failed] and state.files[0].seconds > 0

    manifest = Manifest.load(settings.data_dir)
    doc_id = state.report.added[0]
    db = FactsDB(settings, manifest.generation)
    try:
        lines = db.lines(doc_id, 1, 10_000)
    finally:
        db.close()
    n, _, page = next(row for row in lines if "ไฟป่าและหมอกควัน" in row[1] and "7,377,900" in row[1])
    view = cited_page(settings.data_dir, manifest.generation, doc_id, n, n)
    assert view is not None and view.page == page and len(view.boxes) == 1
    image = Image.open(io.BytesIO(view.png)).convert("L")
    x, y, w, h = view.boxes[0]
    assert 0 <= x < x + w <= 1 and 0 <= y < y + h <= 1 and h < 0.05
    inside = image.crop((int(x * image.width), int(y * image.height), int((x + w) * image.width),
                         int((y + h) * image.height)))
    assert min(inside.getdata()) < 100  # the box lies over printed text, not white paper
    html = page_view_html(view, "p. 34")
    assert html.count("class='hl'") == 1 and "data:image/png;base64," in html
    # a text source has no page to show
    assert cited_page(settings.data_dir, manifest.generation, "no-such-doc", 1, 1) is None
