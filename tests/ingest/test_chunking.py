"""Chunk spans point at the text they were built from, on the real sample plan."""

import pytest

from ingest.chunking import chunk_document, index_text
from ingest.pipeline import prepare_document
from ingest.readers import read_document
from ingest.thai_repair import join_wrapped_lines, repair_lines
from ingest.tokenize import count_tokens
from plan_assistant.config import Settings
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def prepared():
    doc = read_document(SAMPLE, SAMPLE.parent)
    return prepare_document(doc, Settings(chunk_tokens=300, chunk_overlap=50))


def test_chunk_text_is_exactly_its_line_span(prepared):
    for c in prepared.chunks:
        span = prepared.lines[c.line_start - 1:c.line_end]
        assert span[0].strip() and span[-1].strip()
        assert c.text == join_wrapped_lines(span)


def test_chunks_respect_size_and_sections(prepared):
    by_start = {s.line_start: s for s in prepared.sections}
    for c in prepared.chunks:
        # Sized per source line: the budget holds unless one line alone exceeds it.
        span = [ln for ln in prepared.lines[c.line_start - 1:c.line_end] if ln.strip()]
        assert sum(count_tokens(ln) for ln in span) <= 300 or len(span) == 1
        # The chunk lies inside one section of its top-level part.
        owners = [s for s in prepared.sections if s.line_start <= c.line_start <= s.line_end]
        assert owners and owners[0].path[:1] == c.section_path[:1]
    assert len(by_start) == len(prepared.sections)


def test_overlap_between_consecutive_chunks(prepared):
    pairs = list(zip(prepared.chunks, prepared.chunks[1:]))
    overlapping = [a for a, b in pairs if a.section_path == b.section_path and b.line_start <= a.line_end]
    assert overlapping, "consecutive chunks of one section should share lines"


def test_known_passage_cited_at_its_source_lines(prepared, sample_lines):
    # The brief's budget line: the chunk containing it must span the line where it is printed.
    target = next(n for n, line in enumerate(sample_lines, 1) if "3,500,000" in line)
    holders = [c for c in prepared.chunks if "3,500,000" in c.text]
    assert holders and all(c.line_start <= target <= c.line_end for c in holders)
    assert all("มุ่งสู่การลดใช้คาร์บอน" in c.section_path[-1] for c in holders)


def test_index_text_has_headings_and_arabic_digits(prepared):
    c = next(c for c in prepared.chunks if "๓.๒.๓" in " ".join(c.section_path))
    text = index_text(c)
    assert "3.2.3" in text or c.section_path[-1].split()[0] in text
    assert "๒" not in text and "๓" not in text


def test_small_document_single_chunk():
    from ingest.records import SourceText

    doc = SourceText("d.txt", "t", "d.txt", "h", ["บทที่ 1 บทนำ", "ข้อความสั้น"], [None, None])
    lines = repair_lines(doc.lines)
    from ingest.structure import build_sections

    chunks = chunk_document(doc, lines, build_sections(lines), 300, 50)
    assert len(chunks) == 1 and (chunks[0].line_start, chunks[0].line_end) == (1, 2)
    assert chunks[0].section_path == ["บทที่ 1 บทนำ"]
