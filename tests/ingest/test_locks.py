"""One writer at a time, pinned readers, and cleanup after crashes: real processes, real Chroma."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.pipeline import Assistant
from ingest.chunking import index_text
from ingest.identity import document_id
from ingest.locks import IngestBusy, pin, writer_lock
from ingest.pipeline import ingest
from ingest.store import Manifest, chroma_client, collection_name, generation_dir, load_chunks, write_generation
from plan_assistant.config import Settings
from tests.conftest import PLAN_A, ROOT, SAMPLE


def quiet(_msg: str) -> None:
    pass


def cli(data_dir: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    return subprocess.Popen([sys.executable, "-m", "plan_assistant.cli", "--data-dir", str(data_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def collections(settings: Settings) -> set[str]:
    return {getattr(c, "name", c) for c in chroma_client(settings).list_collections()}


def test_second_writer_waits_then_gives_up(tmp_path):
    messages = []
    with writer_lock(tmp_path, progress=messages.append):
        started = time.monotonic()
        with pytest.raises(IngestBusy, match="another ingest is still running"):
            with writer_lock(tmp_path, wait_seconds=0.5, progress=messages.append):
                pass
        assert time.monotonic() - started >= 0.5
    assert f"pid {os.getpid()}" in messages[0]
    with writer_lock(tmp_path, wait_seconds=0):  # free again once the holder is done
        pass


def test_pin_refuses_a_collected_generation(tmp_path):
    gdir = tmp_path / "generations" / "g1"
    gdir.mkdir(parents=True)
    assert pin(gdir) is None  # no chunks.jsonl: not (or no longer) a complete generation
    (gdir / "chunks.jsonl").write_text("", encoding="utf-8")
    held = pin(gdir)
    assert held is not None
    held.release()
    assert pin(tmp_path / "generations" / "gone") is None


@pytest.mark.slow
def test_two_concurrent_ingests_keep_both_documents_and_facts(tmp_path):
    """The reported loss: two ingests at once both exited 0 and one document (and the facts) was gone."""
    data = tmp_path / "data"
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (two / "a.txt").write_text(PLAN_A, encoding="utf-8")
    first, second = cli(data, "ingest", str(one)), cli(data, "ingest", str(two))
    outputs = [p.communicate(timeout=600)[0] for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    assert any("another ingest is running" in out for out in outputs)  # the later one said it waited
    manifest = Manifest.load(data)
    expected = {document_id(one / "sample.txt"), document_id(two / "a.txt")}
    assert set(manifest.documents) == expected
    facts = sqlite3.connect(generation_dir(data, manifest.generation) / "facts.sqlite")
    assert {r[0] for r in facts.execute("SELECT doc_id FROM documents")} == expected
    assert facts.execute("SELECT COUNT(*) FROM projects WHERE doc_id = ?", [document_id(one / "sample.txt")]).fetchone()[0] > 0
    assert {c.doc_id for c in load_chunks(data, manifest.generation)} == expected


@pytest.mark.slow
def test_crash_leftovers_are_collected_by_the_next_ingest(tmp_path, small_corpus, embeddings):
    """kill -9 while writing a generation leaves its files and collection; the next ingest removes them."""
    settings = Settings(data_dir=tmp_path / "data")
    ingest([small_corpus], settings, quiet, embeddings)
    active = Manifest.load(settings.data_dir).generation
    chunks = load_chunks(settings.data_dir, active)
    texts = [index_text(c) for c in chunks]
    # What a writer killed after building, before swapping, leaves behind:
    write_generation(settings, "19990101000000000001", chunks, texts, embeddings.embed_documents(texts),
                     [t.split() for t in texts])
    (settings.data_dir / "generations" / "19990101000000000002").mkdir()  # killed right after mkdir
    chroma_client(settings).create_collection(collection_name("19990101000000000003"))  # an older version's leftover
    (settings.data_dir / "sources" / "orphan.txt-00000000" / "0123456789abcdef").mkdir(parents=True)
    report = ingest([small_corpus], settings, quiet, embeddings)
    assert sorted(report.collected) == ["19990101000000000001", "19990101000000000002", "19990101000000000003"]
    assert [p.name for p in (settings.data_dir / "generations").iterdir()] == [active]
    assert collections(settings) == {collection_name(active)}
    assert not (settings.data_dir / "sources" / "orphan.txt-00000000").exists()


@pytest.mark.slow
def test_kill_9_during_ingest_then_ingest_again(tmp_path):
    """A real kill -9 of a CLI ingest while it embeds, and another right after it created its generation."""
    data = tmp_path / "data"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sample.txt").write_bytes(SAMPLE.read_bytes())
    for stage in ("embedding", "generation"):
        proc = cli(data, "ingest", str(corpus))
        deadline = time.time() + 300
        if stage == "embedding":
            for line in proc.stdout:
                if line.startswith("embedding"):
                    break
        else:
            while not any((data / "generations").glob("*")) and time.time() < deadline and proc.poll() is None:
                time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        (corpus / "sample.txt").write_bytes(SAMPLE.read_bytes() + f"\n{stage}\n".encode())  # a change to rebuild
    done = cli(data, "ingest", str(corpus))
    out = done.communicate(timeout=600)[0]
    assert done.returncode == 0, out
    manifest = Manifest.load(data)
    assert [p.name for p in (data / "generations").iterdir()] == [manifest.generation]
    assert collections(Settings(data_dir=data)) == {collection_name(manifest.generation)}
    assert [p.name for p in (data / "sources").iterdir()] == list(manifest.documents)


@pytest.mark.slow
def test_readers_pin_their_generation_and_the_last_one_collects_it(tmp_path, small_corpus, embeddings):
    settings = Settings(data_dir=tmp_path / "data")
    ingest([small_corpus], settings, quiet, embeddings)
    reader = Assistant(settings, embeddings)
    old = reader.generation
    (small_corpus / "a.txt").write_text(PLAN_A.replace("๒,๕๐๐,๐๐๐", "๓,๐๐๐,๐๐๐"), encoding="utf-8")
    report = ingest([small_corpus], settings, quiet, embeddings)
    assert report.generation != old and old not in report.collected
    assert generation_dir(settings.data_dir, old).exists() and collection_name(old) in collections(settings)
    assert "๒,๕๐๐,๐๐๐" in passage(reader)  # still reads its own generation, dense and keyword search alike
    reader.close()
    assert not generation_dir(settings.data_dir, old).exists()
    assert collections(settings) == {collection_name(report.generation)}
    fresh = Assistant(settings, embeddings)
    assert "๓,๐๐๐,๐๐๐" in passage(fresh)
    fresh.close()


def passage(assistant: Assistant) -> str:
    return assistant.retriever.search("เตาเผาประหยัดพลังงาน งบประมาณ", k=1).hits[0].chunk.text


@pytest.mark.slow
def test_cli_ingest_while_reading_is_picked_up_without_errors(tmp_path, small_corpus, embeddings):
    """The server's Service answers throughout a CLI ingest and switches to the new generation."""
    from assistant.app import Service

    settings = Settings(data_dir=tmp_path / "data")
    ingest([small_corpus], settings, quiet, embeddings)
    service = Service(settings, embeddings)
    first = service.assistant.generation
    errors: list[str] = []
    answers: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                *_, answer = service.stream("เตาเผาประหยัดพลังงาน งบประมาณ ปี ๒๕๖๘", None)
                answers.append(" ".join(c.quote for c in answer.citations))
            except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
                errors.append(f"{exc.__class__.__name__}: {exc}")

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    (small_corpus / "a.txt").write_text(PLAN_A.replace("๒,๕๐๐,๐๐๐", "๓,๐๐๐,๐๐๐"), encoding="utf-8")
    proc = cli(settings.data_dir, "ingest", str(small_corpus))
    out = proc.communicate(timeout=300)[0]
    time.sleep(1.0)
    stop.set()
    for t in threads:
        t.join()
    assert proc.returncode == 0, out
    assert errors == []
    assert service.assistant.generation == Manifest.load(settings.data_dir).generation != first
    assert any("๒,๕๐๐,๐๐๐" in a for a in answers) and "๓,๐๐๐,๐๐๐" in answers[-1], answers[-3:]
    # The old generation went once the service let go of it.
    assert [p.name for p in (settings.data_dir / "generations").iterdir()] == [service.assistant.generation]


def test_manifest_from_an_older_version_still_loads(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"generation": "g", "documents": {"a.txt": {
        "doc_id": "a.txt", "path": "corpus/a.txt", "title": "t", "content_hash": "h", "sections": 1, "chunks": 1,
        "pages": None, "retired_field": 1}}}), encoding="utf-8")
    entry = Manifest.load(tmp_path).documents["a.txt"]
    assert entry.stored == "" and entry.path == "corpus/a.txt"
