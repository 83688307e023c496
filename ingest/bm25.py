"""Okapi BM25 over pythainlp tokens: a small, dependency-free keyword index that persists as JSON."""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from pathlib import Path


class BM25Index:
    """BM25 (k1, b) over pre-tokenized documents, with posting lists for fast queries."""

    def __init__(self, ids: list[str], token_lists: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.ids = ids
        self.k1, self.b = k1, b
        self.lengths = [len(toks) for toks in token_lists]
        self.avg_len = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, toks in enumerate(token_lists):
            for term, tf in Counter(toks).items():
                self.postings[term].append((i, tf))
        n = len(ids)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def search(self, query_tokens: list[str], k: int = 10) -> list[tuple[str, float]]:
        """Top-k (id, score) for the query tokens; documents with no query term are not returned."""
        scores: dict[int, float] = defaultdict(float)
        for term in set(query_tokens):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i, tf in self.postings[term]:
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg_len or 1))
                scores[i] += idf * tf * (self.k1 + 1) / norm
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [(self.ids[i], s) for i, s in best]

    def save(self, path: Path) -> None:
        data = {"k1": self.k1, "b": self.b, "ids": self.ids, "lengths": self.lengths,
                "postings": self.postings}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        data = json.loads(path.read_text(encoding="utf-8"))
        obj = cls.__new__(cls)
        obj.ids, obj.k1, obj.b, obj.lengths = data["ids"], data["k1"], data["b"], data["lengths"]
        obj.avg_len = (sum(obj.lengths) / len(obj.lengths)) if obj.lengths else 0.0
        obj.postings = defaultdict(list, {t: [tuple(p) for p in ps] for t, ps in data["postings"].items()})
        n = len(obj.ids)
        obj.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in obj.postings.items()}
        return obj
