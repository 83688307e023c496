"""Incremental, atomic re-ingest against a real Chroma in a temp dir with the real embedder."""
import pytest

from assistant.retrieve import Retriever
from ingest.identity import document_id
from ingest.pipeline import ingest
from ingest.store import Manifest, chroma_client, collection_name, generation_dir
from plan_assistant.config import Settings
from tests.conftest import PLAN_A

@pytest.fixture()
def setup(small_corpus, tmp_path):
    return small_corpus, Settings(data_dir=tmp_path / "data")


def quiet(_msg: str) -> None:
    pass


def ids(corpus, *names):
    return sorted(document_id(corpus / n) for n in names)


def test_first_ingest_then_skip_unchanged(setup, embeddings):
    corpus, settings = setup
    first = ingest([corpus], settings, quiet, embeddings)
    assert sorted(first.added) == ids(corpus, "a.txt", "b.txt") and first.chunks >= 2 and not first.failed
    second = ingest([corpus], settings, quiet, embeddings)
    assert sorted(second.skipped) == ids(corpus, "a.txt", "b.txt")
    assert second.generation == first.generation and second.embedded == 0


def test_changed_document_replaced_and_old_generation_dropped(setup, embeddings):
    corpus, settings = setup
    first = ingest([corpus], settings, quiet, embeddings)
    (corpus / "a.txt").write_text(PLAN_A.replace("๒,๕๐๐,๐๐๐", "๓,๐๐๐,๐๐๐"), encoding="utf-8")
    second = ingest([corpus], settings, quiet, embeddings)
    assert second.replaced == ids(corpus, "a.txt") and second.skipped == ids(corpus, "b.txt")
    assert second.generation != first.generation
    # Only the changed chunk needed embedding; b.txt's vectors came from the cache.
    assert 0 < second.embedded <= 2
    assert not generation_dir(settings.data_dir, first.generation).exists()
    names = [c.name for c in chroma_client(settings).list_collections()]
    assert names == [collection_name(second.generation)]
    texts = " ".join(c.text for c in Retriever(settings, embeddings).snapshot.chunks.values())
    assert "๓,๐๐๐,๐๐๐" in texts and "๒,๕๐๐,๐๐๐" not in texts


def test_deleted_file_stays_until_removed_or_synced(setup, embeddings):
    corpus, settings = setup
    ingest([corpus], settings, quiet, embeddings)
    a, b = ids(corpus, "a.txt")[0], ids(corpus, "b.txt")[0]
    (corpus / "b.txt").unlink()
    kept = ingest([corpus], settings, quiet, embeddings)
    assert kept.removed == [] and kept.skipped == [a] and set(Manifest.load(settings.data_dir).documents) == {a, b}
    synced = ingest([corpus], settings, quiet, embeddings, sync=True)
    assert synced.removed == [b]
    retriever = Retriever(settings, embeddings)
    assert {c.doc_id for c in retriever.snapshot.chunks.values()} == {a}
    assert retriever.search("ท่องเที่ยวเชิงวัฒนธรรม ผ้าทอ", k=3).hits[0].chunk.doc_id == a
    retriever.close()
    assert ingest([], settings, quiet, embeddings, remove={a}).removed == [a]
    assert Manifest.load(settings.data_dir).documents == {}


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
    assert sorted(manifest.documents) == ids(corpus, "a.txt", "b.txt")
    hit = Retriever(settings, embeddings).search("เตาเผาประหยัดพลังงาน", k=1).hits[0]
    assert hit.chunk.doc_id == document_id(corpus / "a.txt")


def test_retrieval_matches_thai_and_arabic_digits(setup, embeddings):
    corpus, settings = setup
    ingest([corpus], settings, quiet, embeddings)
    retriever = Retriever(settings, embeddings)
    for query in ("งบประมาณ 2500000 บาท ปี 2568", "งบ ๒,๕๐๐,๐๐๐ ปี ๒๕๖๘"):
        hit = retriever.search(query, k=1, mode="bm25").hits[0]
        assert hit.chunk.doc_id == document_id(corpus / "a.txt") and hit.chunk.line_start <= 6 <= hit.chunk.line_end
        assert hit.chunk.section_path[-1] == "1.2 โครงการ"


def test_no_index_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="plan-assistant ingest"):
        Retriever(Settings(data_dir=tmp_path / "empty"))


# A budget table in the flattened layout the facts rules read, whose amount line carries a note.
ODD_TABLE = """แผนปฏิบัติการจังหวัดทดสอบ ประจำปีงบประมาณ 2568
แนวทางการพัฒนาที่ 1 ส่งเสริมการผลิต
หน่วย : ล้านบาท
2568
กลยุทธ์ที่ 1 พัฒนาผู้ประกอบการ
โครงการที่ของบประมาณจังหวัด
1) โครงการอบรมผู้ประกอบการเซรามิก
8.14 (ประมาณการ)
"""


def test_odd_amount_line_is_flagged_not_fatal(tmp_path, small_corpus, embeddings):
    """The reported crash: `8.14 (ประมาณการ)` raised IndexError and aborted the whole batch."""
    from ingest.facts import extract_facts

    facts = extract_facts("t", ODD_TABLE.split("\n"))
    assert [f.kind for f in facts.flags if f.kind == "amounts_unresolved"]
    (small_corpus / "odd.txt").write_text(ODD_TABLE, encoding="utf-8")
    report = ingest([small_corpus], Settings(data_dir=tmp_path / "data"), quiet, embeddings)
    assert not report.failed and len(report.added) == 3


def test_one_failing_document_does_not_stop_the_batch(tmp_path, small_corpus, embeddings, monkeypatch):
    """Any exception while preparing one file names that file; the rest is indexed (fault injected)."""
    import ingest.pipeline as pipeline

    real = pipeline.extract_facts

    def explode_on_b(doc_id, *args):
        if doc_id.startswith("b.txt"):
            raise ValueError("a rule tripped")
        return real(doc_id, *args)

    monkeypatch.setattr(pipeline, "extract_facts", explode_on_b)
    report = ingest([small_corpus], Settings(data_dir=tmp_path / "data"), quiet, embeddings)
    assert report.added == [document_id(small_corpus / "a.txt")]
    assert report.failed == [(str(small_corpus / "b.txt"), "could not be processed (ValueError: a rule tripped)")]
    assert "FAILED" in report.summary() and str(small_corpus / "b.txt") in report.summary()


def test_links_hidden_files_and_other_types_are_reported(tmp_path, small_corpus):
    """Symlinks leaving the folder are refused, dangling ones reported, hidden and unsupported files listed."""
    from ingest.pipeline import IngestReport, discover

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    (small_corpus / "passwd.txt").symlink_to(secret)
    (small_corpus / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (small_corpus / "inside.txt").symlink_to(small_corpus / "a.txt")
    (small_corpus / ".notes.txt").write_text("x", encoding="utf-8")
    (small_corpus / "photo.jpg").write_bytes(b"\xff\xd8")
    report = IngestReport()
    found = [c.path.name for c in discover([small_corpus], report)]
    assert found == ["a.txt", "b.txt", "inside.txt"]
    failed = dict(report.failed)
    assert "outside" in failed[str(small_corpus / "passwd.txt")] and "not followed" in failed[str(small_corpus / "passwd.txt")]
    assert failed[str(small_corpus / "gone.txt")] == "broken symbolic link"
    assert dict(report.ignored) == {str(small_corpus / ".notes.txt"): "hidden file",
                                    str(small_corpus / "photo.jpg"): "unsupported file type '.jpg'"}


def test_cli_exit_code_is_non_zero_when_a_requested_file_failed(tmp_path, small_corpus):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    (small_corpus / "empty.txt").write_bytes(b"")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    run = subprocess.run([sys.executable, "-m", "plan_assistant.cli", "--data-dir", str(tmp_path / "d"), "ingest",
                          str(small_corpus)], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"FAILED {small_corpus / 'empty.txt'}: empty file" in run.stdout
    assert "2 indexed (2 added" in run.stdout


class SlowEmbeddings:
    """A deterministic stand-in embedder that records when it is called and can fail on demand."""

    model_id = "test:hash-vectors"

    def __init__(self, on_call=None, fail_after: int | None = None):
        self.on_call, self.fail_after, self.calls = on_call, fail_after, 0

    def embed_documents(self, texts):
        self.calls += 1
        if self.on_call:
            self.on_call()
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("embedder went away")
        return [[float((hash(t) >> s) % 7) + 1.0 for s in range(8)] for t in texts]

    def embed_query(self, text):
        return self.embed_documents([text])[0]


def test_new_documents_answer_by_keywords_before_their_vectors_exist(setup):
    """Two phases: keyword search and facts are live when embedding starts; dense joins when it ends."""
    from assistant.lookup import FactsDB

    corpus, settings = setup
    seen = []

    def look():  # runs inside the ingest, before the first batch is embedded
        if seen:
            return
        manifest = Manifest.load(settings.data_dir)
        retriever = Retriever(settings, SlowEmbeddings())
        hit = retriever.search("เตาเผาประหยัดพลังงาน", k=1).hits[0]
        db = FactsDB(settings)
        seen.append((manifest.dense_pending, retriever.snapshot.dense_ready, hit.chunk.doc_id, hit.dense_rank,
                     len(db.titles())))
        retriever.close()
        db.close()

    report = ingest([corpus], settings, quiet, SlowEmbeddings(on_call=look))
    assert seen == [(report.chunks, False, document_id(corpus / "a.txt"), None, 2)]
    assert report.answerable_seconds <= report.seconds and Manifest.load(settings.data_dir).dense_pending == 0
    after = Retriever(settings, SlowEmbeddings())
    assert after.snapshot.dense_ready and after.search("เตาเผา", k=1).hits[0].dense_rank is not None
    after.close()


def test_a_stopped_embedding_resumes_on_the_next_ingest(setup):
    corpus, settings = setup
    first = ingest([corpus], settings, quiet, SlowEmbeddings(fail_after=0))
    assert "embedding stopped after 0 of" in first.dense_error and "WARNING" in first.summary()
    assert Manifest.load(settings.data_dir).dense_pending == first.chunks
    assert Retriever(settings, SlowEmbeddings()).search("เตาเผา", k=1).hits  # keywords still answer
    second = ingest([corpus], settings, quiet, SlowEmbeddings())
    assert second.dense_error is None and second.skipped and Manifest.load(settings.data_dir).dense_pending == 0
    assert len(chroma_client(settings).get_collection(collection_name(second.generation)).get(include=[])["ids"]) \
        == first.chunks


def test_each_generation_stores_every_document_model(setup, embeddings):
    """Parsed once, stored per generation: a changed document's model is rewritten, an unchanged one's carried."""
    from ingest.document import load_model, model_path

    corpus, settings = setup
    ingest([corpus], settings, quiet, embeddings)
    (corpus / "a.txt").write_text(PLAN_A.replace("๒,๕๐๐,๐๐๐", "๓,๐๐๐,๐๐๐"), encoding="utf-8")
    report = ingest([corpus], settings, quiet, embeddings)
    folder = generation_dir(settings.data_dir, report.generation) / "documents"
    models = {d: load_model(model_path(folder, d)) for d in ids(corpus, "a.txt", "b.txt")}
    a = models[document_id(corpus / "a.txt")]
    assert any("๓,๐๐๐,๐๐๐" in line for line in a.lines) and a.sections
    assert models[document_id(corpus / "b.txt")].lines[0].startswith("แผนพัฒนาจังหวัดทดสอบ")
