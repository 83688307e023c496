"""Hybrid retrieval: dense (Chroma) and BM25 (pythainlp tokens), fused by reciprocal rank fusion."""
from __future__ import annotations

import time
from dataclasses import dataclass

from assistant.normalize import normalize_query
from ingest.records import ScoredChunk
from ingest.store import IndexSnapshot, open_snapshot
from ingest.tokenize import search_tokens
from plan_assistant.config import Settings

MODES = ("fused", "dense", "bm25")


@dataclass
class RetrievalResult:
    query: str
    normalized: str
    mode: str
    hits: list[ScoredChunk]
    seconds: float

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "normalized_query": self.normalized,
            "mode": self.mode,
            "seconds": round(self.seconds, 4),
            "results": [h.to_dict() for h in self.hits],
        }


def rrf(rankings: list[list[str]], k: int = 60, weights: list[float] | None = None) -> dict[str, float]:
    """Weighted reciprocal rank fusion: sum of weight / (k + rank) over the rankings an id appears in."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, cid in enumerate(ranking, start=1):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank)
    return scores


class Retriever:
    """Opens one generation of the index (the active one, pinned, unless the caller pinned one) and
    answers queries against it."""

    def __init__(self, settings: Settings, embeddings=None, generation: str | None = None,
                 embedding_model: str | None = None, dense_ready: bool = True):
        self.settings = settings
        self._embeddings = embeddings
        self.snapshot: IndexSnapshot | None = open_snapshot(settings, generation, embedding_model, dense_ready)
        if self.snapshot is None:
            raise RuntimeError(
                f"no index in {settings.data_dir}: run `plan-assistant ingest corpus/` first"
            )

    def close(self) -> None:
        """Let go of the generation (if this retriever pinned it)."""
        self.snapshot.close()

    @property
    def embeddings(self):
        if self._embeddings is None:
            from ingest.embeddings import make_embeddings

            self._embeddings = make_embeddings(self.settings)
        return self._embeddings

    def dense(self, normalized: str, k: int) -> list[str]:
        vector = self.embeddings.embed_query(normalized)
        res = self.snapshot.collection.query(query_embeddings=[vector], n_results=min(k, len(self.snapshot.chunks)))
        return res["ids"][0]

    def bm25(self, normalized: str, k: int) -> list[str]:
        return [cid for cid, _ in self.snapshot.bm25.search(search_tokens(normalized), k)]

    def search(self, query: str, k: int | None = None, mode: str = "fused") -> RetrievalResult:
        """Top-k chunks for a question. mode: fused | dense | bm25."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        t0 = time.perf_counter()
        k = k or self.settings.top_k
        normalized = normalize_query(query)
        pool = max(self.settings.fusion_pool, k)
        if not self.snapshot.dense_ready:  # passages still being embedded: keywords only, never a partial dense list
            mode = "bm25"
        dense_ids = self.dense(normalized, pool) if mode in ("fused", "dense") else []
        bm25_ids = self.bm25(normalized, pool) if mode in ("fused", "bm25") else []
        if mode == "dense":
            scores = {cid: 1.0 / (r + 1) for r, cid in enumerate(dense_ids)}
        elif mode == "bm25":
            scores = {cid: 1.0 / (r + 1) for r, cid in enumerate(bm25_ids)}
        else:
            scores = rrf([dense_ids, bm25_ids], self.settings.rrf_k, [1.0, self.settings.bm25_weight])
        dense_rank = {cid: r for r, cid in enumerate(dense_ids, start=1)}
        bm25_rank = {cid: r for r, cid in enumerate(bm25_ids, start=1)}
        best = sorted(scores.items(), key=lambda kv: -kv[1])[:k]
        hits = [
            ScoredChunk(self.snapshot.chunks[cid], score, dense_rank.get(cid), bm25_rank.get(cid))
            for cid, score in best
            if cid in self.snapshot.chunks
        ]
        return RetrievalResult(query, normalized, mode, hits, time.perf_counter() - t0)
