"""Incremental, atomic re-ingest against a real Chroma in a temp dir with the real embedder."""
import pytest

from assistant.retrieve import Retriever
from ingest.pipeline import ingest
from ingest.store import Manifest, chroma_client, collection_name, generation_dir
from plan_assistant.config import Settings
from tests.conftest import PLAN_A

@pytest.fixture()
def setup(small_corpus, tmp_path):
    return small_corpus, Settings(data_dir=tmp_path / "data")


def quiet(_msg: str) -> None:
    pass


def test_first_ingest_then_skip_unchanged(setup, embeddings):
    corpus, settings = setup
    first = ingest([corpus], settings, quiet, embeddings)
    assert sorted(first.added) == ["a.txt", "b.txt"] and first.chunks >= 2 and not first.failed
    second = ingest([corpus], settings, quiet, embeddings)
    assert sorted(second.skipped) == ["a.txt", "b.txt"]
    assert second.generation == first.generation and second.embedded == 0


def test_changed_document_replaced_and_old_generation_dropped(setup, embeddings):
    corpus, settings = setup
    first = ingest([corpus], settings, quiet, embeddings)
    (corpus / "a.txt").write_text(PLAN_A.replace("๒,๕๐๐,๐๐๐", "๓,๐๐๐,๐๐๐"), encoding="utf-8")
    second = ingest([corpus], settings, quiet, embeddings)
    assert second.replaced == ["a.txt"] and second.skipped == ["b.txt"]
    assert second.generation != first.generation
    # Only the changed chunk needed embedding; b.txt's vectors came from the cache.
    assert 0 < second.embedded <= 2
    assert not generation_dir(settings.data_dir, first.generation).exists()
    names = [c.name for c in chroma_client(settings).list_collections()]
    assert names == [collection_name(second.generation)]
    texts = " ".join(c.text for c in Retriever(settings, embeddings).snapshot.chunks.values())
    assert "๓,๐๐๐,๐๐๐" in texts and "๒,๕๐๐,๐๐๐" not in texts


def test_deleted_document_disappears(setup, embeddings):
    corpus, settings = setup
    ingest([corpus], settings, quiet, embeddings)
    (corpus / "b.txt").unlink()
    report = ingest([corpus], settings, quiet, embeddings)
    assert report.removed == ["b.txt"]
    retriever = Retriever(settings, embeddings)
    assert {c.doc_id for c in retriever.snapshot.chunks.values()} == {"a.txt"}
    assert retriever.search("ท่องเที่ยวเชิงวัฒนธรรม ผ้าทอ", k=3).hits[0].chunk.doc_id == "a.txt"


def test_unreadable_update_keeps_indexed_version(setup, embeddings):
    corpus, settings = setup
    ingest([corpus], settings, quiet, embeddings)
    (corpus / "a.txt").write_bytes(b"")  # the file got truncated
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    report = ingest([corpus], settings, quiet, embeddings)
    reasons = dict(report.failed)
    assert reasons[str(corpus / "a.txt")] == "empty file"
    assert "corrupt" in reasons[str(corpus / "broken.pdf")]
    manifest = Manifest.load(settings.data_dir)
    assert set(manifest.documents) == {"a.txt", "b.txt"}
    hit = Retriever(settings, embeddings).search("เตาเผาประหยัดพลังงาน", k=1).hits[0]
    assert hit.chunk.doc_id == "a.txt"


def test_retrieval_matches_thai_and_arabic_digits(setup, embeddings):
    corpus, settings = setup
    ingest([corpus], settings, quiet, embeddings)
    retriever = Retriever(settings, embeddings)
    for query in ("งบประมาณ 2500000 บาท ปี 2568", "งบ ๒,๕๐๐,๐๐๐ ปี ๒๕๖๘"):
        hit = retriever.search(query, k=1, mode="bm25").hits[0]
        assert hit.chunk.doc_id == "a.txt" and hit.chunk.line_start <= 6 <= hit.chunk.line_end
        assert hit.chunk.section_path[-1] == "1.2 โครงการ"


def test_no_index_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="plan-assistant ingest"):
        Retriever(Settings(data_dir=tmp_path / "empty"))
