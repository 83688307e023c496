"""The index on disk: Chroma (dense) + BM25 (keywords) + chunk records, swapped atomically.

Layout under the data directory:
    manifest.json             active generation, documents (id, source path, content hash, counts), embedding model
    ingest.lock               held by the one ingest that may write (ingest.locks)
    sources/<doc>/<hash>/     a copy of each indexed source file, so the index never depends on the original
    generations/<gen>/        chunks.jsonl, bm25.json, facts.sqlite for that generation; `.pin` is locked by readers
    chroma/                   Chroma PersistentClient files (collection `chunks_<gen>`), unless a
                              Chroma server is configured (chroma_mode = "http")
    embedding_cache.sqlite    vectors by (model, text hash): unchanged chunks are never re-embedded

A new generation is built completely beside the active one, then `manifest.json` is replaced
in one `os.replace`, so readers see either the old index or the new one, never half of each.
Readers pin the generation they opened; an old generation (files and Chroma collection) is
collected only when nobody reads it, by the next writer or by the last reader to let go.
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
from ingest.locks import GenerationPin, pin, try_writer_lock, unused
from ingest.records import Chunk
from plan_assistant.config import Settings

MANIFEST = "manifest.json"


@dataclass
class DocumentEntry:
    """What the manifest remembers of one indexed document."""

    doc_id: str
    path: str  # absolute path of the file it was read from (informational: the index uses `stored`)
    title: str
    content_hash: str
    sections: int
    chunks: int
    pages: int | None = None
    name: str = ""  # the source file's name, for display
    stored: str = ""  # the copy under the data dir (relative to it); "" in manifests written before copies
    indexed_at: str = ""  # ISO time of the ingest that read this version
    repair: dict = field(default_factory=dict)  # Thai repair's choice and dictionary-hit rates (status shows it)


@dataclass
class Manifest:
    generation: str | None = None
    embedding_model: str | None = None
    settings_key: str | None = None
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    # Passages of the active generation still without a vector: until 0, search is keyword-only.
    dense_pending: int = 0

    @classmethod
    def load(cls, data_dir: Path) -> "Manifest":
        path = data_dir / MANIFEST
        if not path.is_file():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        known = set(DocumentEntry.__dataclass_fields__)
        docs = {k: DocumentEntry(**{f: x for f, x in v.items() if f in known}) for k, v in raw.get("documents", {}).items()}
        return cls(raw.get("generation"), raw.get("embedding_model"), raw.get("settings_key"), docs,
                   int(raw.get("dense_pending", 0)))

    def find(self, given: str) -> list[str]:
        """Ids of the documents `given` names: its id, or else every document with that file name."""
        if given in self.documents:
            return [given]
        return sorted(d for d, e in self.documents.items() if given in (e.name, Path(e.path).name))

    def stored_sources(self) -> set[str]:
        """The source copies (relative to the data dir) the index refers to."""
        return {str(Path(e.stored).parent.as_posix()) for e in self.documents.values() if e.stored}

    def save(self, data_dir: Path) -> None:
        """Write atomically: a temp file in the same directory, then os.replace."""
        data = {
            "generation": self.generation,
            "embedding_model": self.embedding_model,
            "settings_key": self.settings_key,
            "dense_pending": self.dense_pending,
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
    vectors: list[list[float] | None],
    search_tokens: list[list[str]],
) -> None:
    """Write a generation (chunk records, BM25, Chroma collection) beside the active one.

    Chunks whose vector is None are left out of the collection: `add_vectors` adds them later.
    """
    gdir = generation_dir(settings.data_dir, generation)
    gdir.mkdir(parents=True, exist_ok=False)
    with (gdir / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    BM25Index([c.chunk_id for c in chunks], search_tokens).save(gdir / "bm25.json")
    _get_collection(chroma_client(settings), collection_name(generation), create=True)
    ready = [(c, t, v) for c, t, v in zip(chunks, index_texts, vectors) if v is not None]
    add_vectors(settings, generation, [c for c, _, _ in ready], [t for _, t, _ in ready], [v for _, _, v in ready])


def add_vectors(settings: Settings, generation: str, chunks: list[Chunk], index_texts: list[str],
                vectors: list[list[float]]) -> None:
    """Add chunks with their vectors to a generation's Chroma collection."""
    col = _get_collection(chroma_client(settings), collection_name(generation))
    step = 1000
    for i in range(0, len(chunks), step):
        part = chunks[i:i + step]
        col.add(
            ids=[c.chunk_id for c in part],
            embeddings=vectors[i:i + step],
            documents=index_texts[i:i + step],
            metadatas=[{"doc_id": c.doc_id, "line_start": c.line_start, "line_end": c.line_end} for c in part],
        )


def vector_ids(settings: Settings, generation: str) -> set[str]:
    """Ids of the chunks that already have a vector in a generation's collection."""
    col = _get_collection(chroma_client(settings), collection_name(generation))
    return set(col.get(include=[])["ids"])


def drop_generation(settings: Settings, generation: str | None, client=None) -> None:
    """Remove a generation's files and collection (never the active one; callers make sure nobody reads it)."""
    if not generation:
        return
    gdir = generation_dir(settings.data_dir, generation)
    (gdir / "chunks.jsonl").unlink(missing_ok=True)  # first: a reader pinning now sees the generation is gone
    try:  # then the collection, so a crash here leaves a folder (collected next time), never a lone collection
        (client or chroma_client(settings)).delete_collection(collection_name(generation))
    except Exception:  # already gone, or never created
        pass
    shutil.rmtree(gdir, ignore_errors=True)


def collect_garbage(settings: Settings, active: str | None, referenced_sources: set[str] = frozenset()) -> list[str]:
    """Delete generations nobody reads (crash leftovers, superseded ones) and unreferenced source copies.

    The caller holds the writer lock, so no generation is being built. Returns the generations removed.
    """
    data_dir = Path(settings.data_dir)
    removed: list[str] = []
    root = data_dir / "generations"
    client = None
    for gdir in sorted(root.iterdir()) if root.is_dir() else []:
        if gdir.name == active or not gdir.is_dir():
            continue
        fd = unused(gdir)
        if fd is None:
            continue  # a reader still has it; whoever comes next collects it
        try:
            client = client or chroma_client(settings)
            drop_generation(settings, gdir.name, client)
            removed.append(gdir.name)
        finally:
            os.close(fd)
    if client is not None and settings.chroma_mode == "persistent":
        # The local Chroma holds only this data dir's collections: one without a generation is an orphan
        # (a collection is created after its folder and deleted before it, so only an older version left
        # such; looked for when a generation was collected anyway, to keep an unchanged re-ingest fast).
        # A Chroma server may be shared by several data dirs, so nothing is deleted there by name alone.
        for col in client.list_collections():
            name = getattr(col, "name", col)
            gen = name[len("chunks_"):] if name.startswith("chunks_") else None
            if gen and gen != active and not generation_dir(data_dir, gen).exists():
                client.delete_collection(name)
                removed.append(gen)
    sources = data_dir / "sources"
    if sources.is_dir() and active:
        for version in sources.glob("*/*"):
            if version.relative_to(data_dir).as_posix() not in referenced_sources:
                shutil.rmtree(version, ignore_errors=True)
        for doc in sources.iterdir():
            if doc.is_dir() and not any(doc.iterdir()):
                doc.rmdir()
    return removed


def collect_if_idle(settings: Settings) -> list[str]:
    """Collect unused generations now if no ingest is running (a reader calls this when it lets go)."""
    fd = try_writer_lock(Path(settings.data_dir))
    if fd is None:
        return []
    try:
        manifest = Manifest.load(Path(settings.data_dir))
        return collect_garbage(settings, manifest.generation, manifest.stored_sources())
    finally:
        os.close(fd)


def load_chunks(data_dir: Path, generation: str) -> list[Chunk]:
    path = generation_dir(data_dir, generation) / "chunks.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]


def open_active(settings: Settings, attempts: int = 50) -> tuple[Manifest, GenerationPin] | None:
    """The active manifest with its generation pinned for reading; None if nothing is indexed yet.

    Retries when an ingest swaps generations between reading the manifest and pinning.
    """
    data_dir = Path(settings.data_dir)
    for _ in range(attempts):
        manifest = Manifest.load(data_dir)
        if not manifest.generation:
            return None
        held = pin(generation_dir(data_dir, manifest.generation))
        if held is not None:
            return manifest, held
        time.sleep(0.05)
    raise RuntimeError(f"could not open the index in {data_dir}: its generation kept changing")


@dataclass
class IndexSnapshot:
    """One generation opened for reading: chunk records, BM25 and the Chroma collection."""

    generation: str
    chunks: dict[str, Chunk]
    bm25: BM25Index
    collection: object
    embedding_model: str | None
    pin: GenerationPin | None = None  # held when the snapshot pinned its generation itself
    dense_ready: bool = True  # False while passages still wait for vectors: search is keyword-only

    def close(self) -> None:
        if self.pin is not None:
            self.pin.release()


def open_snapshot(settings: Settings, generation: str | None = None, embedding_model: str | None = None,
                  dense_ready: bool = True) -> IndexSnapshot | None:
    """Open a generation the caller has pinned, or pin and open the active one (None if nothing is indexed)."""
    held = None
    if generation is None:
        opened = open_active(settings)
        if opened is None:
            return None
        manifest, held = opened
        generation, embedding_model = manifest.generation, manifest.embedding_model
        dense_ready = manifest.dense_pending == 0
    gdir = generation_dir(settings.data_dir, generation)
    chunks = {c.chunk_id: c for c in load_chunks(settings.data_dir, generation)}
    bm25 = BM25Index.load(gdir / "bm25.json")
    collection = _get_collection(chroma_client(settings), collection_name(generation))
    return IndexSnapshot(generation, chunks, bm25, collection, embedding_model, held, dense_ready)
