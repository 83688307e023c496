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
