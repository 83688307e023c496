"""The document model: one document parsed once (ingest.records.DocumentModel), stored as JSON.

`build_model` puts together what the reader found (pages, printed page labels, line boxes,
DOCX table cells) and what repair and outline detection made of it (repaired lines, the
section tree), and finds the lists in them (ingest.lists). `save_model` / `load_model` write
and read it: `<doc_id>.json.gz` (gzip; the 432-page budget book's model is 2.5 MB as JSON,
0.36 MB gzipped) or plain `.json` when the path says so.
"""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from ingest.lists import detect_lists
from ingest.records import DocumentModel, Page, Section, SourceText

MODEL_SUFFIX = ".json.gz"


def build_model(source: SourceText, lines: list[str], sections: list[Section]) -> DocumentModel:
    """The DocumentModel of a read document, from its repaired `lines` (same count and order as
    `source.lines`: repair never adds or removes lines) and its `sections`."""
    if len(lines) != len(source.lines):
        raise ValueError(f"{source.doc_id}: {len(lines)} repaired lines for {len(source.lines)} source lines")
    labels = source.page_labels or {}
    sizes = source.page_sizes or {}
    numbers = sorted({p for p in source.pages if p is not None} | set(sizes) | set(labels))
    pages = [Page(n, labels.get(n), *(sizes.get(n) or (None, None))) for n in numbers]
    boxes = list(source.boxes) if source.boxes is not None else [None] * len(lines)
    if len(boxes) != len(lines):
        raise ValueError(f"{source.doc_id}: {len(boxes)} line boxes for {len(lines)} lines")
    tables = list(source.tables or [])
    return DocumentModel(
        doc_id=source.doc_id,
        title=source.title,
        pages=pages,
        lines=list(lines),
        line_pages=list(source.pages),
        line_boxes=boxes,
        sections=list(sections),
        tables=tables,
        lists=detect_lists(lines, sections, list(source.pages), tables),
    )


def model_path(folder: Path, doc_id: str) -> Path:
    """Where a document's model is stored in a generation's `documents/` folder."""
    return Path(folder) / f"{doc_id}{MODEL_SUFFIX}"


def save_model(model: DocumentModel, path: Path) -> Path:
    """Write the model as JSON (gzip-compressed when `path` ends in .gz), atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(model.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=6, mtime=0)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def load_model(path: Path) -> DocumentModel:
    """Read a model written by save_model (.json or .json.gz)."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return DocumentModel.from_dict(json.loads(data.decode("utf-8")))
