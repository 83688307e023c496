"""Cut a repaired document into chunks that never cross a section boundary.

Units are source lines (a flattened table row or a DOCX table row is one line, so rows
stay whole); chunks are sized in tokens with an overlap of whole lines. Every chunk keeps
the exact 1-based line span it was built from.
"""
from __future__ import annotations

import hashlib

from ingest.records import Chunk, Section, SourceText
from ingest.thai_repair import index_form, join_wrapped_lines
from ingest.tokenize import count_tokens

MIN_CHUNK_TOKENS = 40


def _chunk_id(doc_id: str, line_start: int, line_end: int, text: str) -> str:
    digest = hashlib.sha1(f"{doc_id}:{line_start}:{line_end}:{text}".encode()).hexdigest()[:16]
    return f"{doc_id}#{line_start}-{line_end}-{digest}"


def _merge_small(sections: list[Section], lines: list[str]) -> list[Section]:
    """Fold heading-only or tiny sections into the next one in the same top-level section.

    The merged chunk keeps the later (deeper) path, which contains the earlier heading's
    parent, and its span starts at the earlier heading.
    """
    out: list[Section] = []
    carry: Section | None = None
    for sec in sections:
        if carry is not None:
            same_top = carry.path[:1] == sec.path[:1]
            if same_top:
                sec = Section(sec.path, sec.number, carry.line_start, sec.line_end)
            else:
                out.append(carry)
            carry = None
        body = "\n".join(lines[sec.line_start - 1:sec.line_end])
        if count_tokens(body) < MIN_CHUNK_TOKENS:
            carry = sec
        else:
            out.append(sec)
    if carry is not None:
        out.append(carry)
    return out


def chunk_document(
    doc: SourceText,
    lines: list[str],
    sections: list[Section],
    max_tokens: int = 300,
    overlap_tokens: int = 50,
) -> list[Chunk]:
    """Chunks for one document. `lines` are the repaired lines (same numbering as the source)."""
    chunks: list[Chunk] = []
    for sec in _merge_small(sections, lines):
        span = [(n, lines[n - 1], count_tokens(lines[n - 1])) for n in range(sec.line_start, sec.line_end + 1)]
        start = 0
        while start < len(span):
            total, end = 0, start
            while end < len(span) and (total + span[end][2] <= max_tokens or end == start):
                total += span[end][2]
                end += 1
            piece = span[start:end]
            nonblank = [n for n, text, _ in piece if text.strip()]
            if nonblank:
                first, last = nonblank[0], nonblank[-1]
                text = join_wrapped_lines([t for _, t, _ in piece])
                chunks.append(
                    Chunk(
                        chunk_id=_chunk_id(doc.doc_id, first, last, text),
                        doc_id=doc.doc_id,
                        title=doc.title,
                        section_path=list(sec.path),
                        page=doc.pages[first - 1] if first - 1 < len(doc.pages) else None,
                        line_start=first,
                        line_end=last,
                        text=text,
                    )
                )
            if end >= len(span):
                break
            # Step back whole lines until the overlap is covered, but always move forward.
            back, covered = end, 0
            while back > start + 1 and covered < overlap_tokens:
                back -= 1
                covered += span[back][2]
            start = back if back > start else end
    return chunks


def index_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed for a chunk: its two deepest headings + text, in index form.

    Headings give a passage its context (a brief's project name, a direction's number);
    index form makes Thai and Arabic digits match.
    """
    header = " › ".join(chunk.section_path[-2:])
    return index_form(f"{header}\n{chunk.text}" if header else chunk.text)
