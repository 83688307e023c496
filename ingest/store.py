"""The index on disk: Chroma (dense) + BM25 (keywords) + chunk records, swapped atomically.

Layout under the data directory:
    manifest.json             active generation, documents (content hash, counts), embedding model
    generations/<gen>/        chunks.jsonl, bm25.json for that generation
    chroma/                   Chroma PersistentClient files (collection `chunks_<gen>`), unless a
                              Chroma server is configured (chroma_mode = "http")
    embedding_cache.sqlite    vectors by (model, text hash): unchanged chunks are never re-embedded

A new generation is built completely beside the active one, then `manifest.json` is replaced
in one `os.replace`, so readers see either the old index or the new one, never half of each.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.bm25 import BM25Index
from ingest.records import Chunk
from plan_assistant.config import Settings

MANIFEST = "manifest.json"


@dataclass
class DocumentEntry:
    """What the manifest remembers of one indexed document."""

    doc_id: str
    path: str
    title: str
    content_hash: str
    sections: int
    chunks: int
    pages: int | None = None


@dataclass
class Manifest:
    generation: str | None = None
    embedding_model: str | None = None
    settings_key: str | None = None
    documents: dict[str, DocumentEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> "Manifest":
        path = data_dir / MANIFEST
        if not path.is_file():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        docs = {k: DocumentEntry(**v) for k, v in raw.get("documents", {}).items()}
        return cls(raw.get("generation"), raw.get("embedding_model"), raw.get("settings_key"), docs)

    def save(self, data_dir: Path) -> None:
        """Write atomically: a temp file in the same directory, then os.replace."""
        data = {
            "generation": self.generation,
            "embedding_model": self.embedding_model,
            "settings_key": self.settings_key,
            "documents": {k: vars(v) for k, v in sorted(self.documents.items())},
        }
        tmp = data_dir / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, data_dir / MANIFEST)


def chroma_client(settings: Settings):
    """A Chroma client per configuration; telemetry off. Never used with Chroma's own embedder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    if settings.chroma_mode != "persistent":
        raise ValueError(f"unknown chroma_mode '{settings.chroma_mode}' (persistent | http)")
    path = Path(settings.data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def collection_name(generation: str) -> str:
    return f"chunks_{generation}"


def _get_collection(client, name: str, create: bool = False):
    # embedding_function=None would still attach Chroma's downloading default; we always pass
    # vectors ourselves, so no function is ever called, but keep the space explicit.
    if create:
        return client.create_collection(name=name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
    return client.get_collection(name=name, embedding_function=None)


class EmbeddingCache:
    """SQLite cache of vectors keyed by (model id, sha256 of the embedded text)."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(str(path))
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key))")

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, texts: list[str]) -> dict[str, list[float]]:
        keys = list({self.key(t) for t in texts})
        found: dict[str, list[float]] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(part))})", [model, *part]
            )
            for key, blob in rows:
                found[key] = list(struct.unpack(f"{len(blob) // 4}f", blob))
        return found

    def put_many(self, model: str, items: list[tuple[str, list[float]]]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
            [(model, self.key(t), struct.pack(f"{len(v)}f", *v)) for t, v in items],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def embed_with_cache(
    texts: list[str],
    embeddings,
    model_id: str,
    cache: EmbeddingCache,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 32,
) -> list[list[float]]:
    """Vectors for texts, embedding only those not already cached for this model."""
    cached = cache.get_many(model_id, texts)
    missing = list(dict.fromkeys(t for t in texts if cache.key(t) not in cached))
    for i in range(0, len(missing), batch):
        part = missing[i:i + batch]
        vectors = embeddings.embed_documents(part)
        cache.put_many(model_id, list(zip(part, vectors)))
        cached.update({cache.key(t): v for t, v in zip(part, vectors)})
        if progress:
            progress(min(i + batch, len(missing)), len(missing))
    return [cached[cache.key(t)] for t in texts]


def generation_dir(data_dir: Path, generation: str) -> Path:
    return Path(data_dir) / "generations" / generation


def new_generation_id() -> str:
    return time.strftime("%Y%m%d%H%M%S") + f"{time.time_ns() % 1_000_000:06d}"


def write_generation(
    settings: Settings,
    generation: str,
    chunks: list[Chunk],
    index_texts: list[str],
    vectors: list[list[float]],
    search_tokens: list[list[str]],
) -> None:
    """Write a complete generation (chunk records, BM25, Chroma collection) beside the active one."""
    gdir = generation_dir(settings.data_dir, generation)
    gdir.mkdir(parents=True, exist_ok=False)
    with (gdir / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    BM25Index([c.chunk_id for c in chunks], search_tokens).save(gdir / "bm25.json")
    client = chroma_client(settings)
    col = _get_collection(client, collection_name(generation), create=True)
    step = 1000
    for i in range(0, len(chunks), step):
        part = chunks[i:i + step]
        col.add(
            ids=[c.chunk_id for c in part],
            embeddings=vectors[i:i + step],
            documents=index_texts[i:i + step],
            metadatas=[{"doc_id": c.doc_id, "line_start": c.line_start, "line_end": c.line_end} for c in part],
        )


def drop_generation(settings: Settings, generation: str | None) -> None:
    """Remove a generation's files and collection (after the manifest stopped pointing at it)."""
    if not generation:
        return
    shutil.rmtree(generation_dir(settings.data_dir, generation), ignore_errors=True)
    try:
        chroma_client(settings).delete_collection(collection_name(generation))
    except Exception:  # already gone, or never created
        pass


def load_chunks(data_dir: Path, generation: str) -> list[Chunk]:
    path = generation_dir(data_dir, generation) / "chunks.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]


@dataclass
class IndexSnapshot:
    """One generation opened for reading: chunk records, BM25 and the Chroma collection."""

    generation: str
    chunks: dict[str, Chunk]
    bm25: BM25Index
    collection: object
    embedding_model: str | None


def open_snapshot(settings: Settings) -> IndexSnapshot | None:
    """Open the active generation, or None if nothing has been ingested yet."""
    manifest = Manifest.load(Path(settings.data_dir))
    if not manifest.generation:
        return None
    gdir = generation_dir(settings.data_dir, manifest.generation)
    chunks = {c.chunk_id: c for c in load_chunks(settings.data_dir, manifest.generation)}
    bm25 = BM25Index.load(gdir / "bm25.json")
    collection = _get_collection(chroma_client(settings), collection_name(manifest.generation))
    return IndexSnapshot(manifest.generation, chunks, bm25, collection, manifest.embedding_model)
