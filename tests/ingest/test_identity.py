"""Stable document identity: ids independent of the working directory, no collisions on equal
names, sources copied into the data dir, removal only when asked."""
import os
import subprocess
import sys

import pytest

from assistant.lookup import FactsDB
from ingest.identity import document_id
from ingest.pipeline import ingest
from ingest.store import Manifest
from plan_assistant.config import Settings
from tests.conftest import PLAN_A, PLAN_B, ROOT


def quiet(_msg: str) -> None:
    pass


def test_id_does_not_depend_on_working_directory(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    f = tmp_path / "corpus" / "plan.txt"
    f.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from_parent = document_id(f.relative_to(tmp_path))
    monkeypatch.chdir(tmp_path / "corpus")
    assert document_id(f.relative_to(tmp_path / "corpus")) == from_parent == document_id(f)
    other = tmp_path / "other" / "plan.txt"
    assert document_id(other) != from_parent and document_id(other).startswith("plan.txt-")


def test_thai_file_name_stays_readable():
    assert document_id("แผนปฏิบัติการ 2567.pdf").startswith("แผนปฏิบัติการ_2567.pdf-")


@pytest.mark.slow
def test_ingest_from_another_directory_keeps_everything(tmp_path, small_corpus, embeddings, monkeypatch):
    """The reported loss: an ingest run from another folder (even one that fails) wiped the plan."""
    settings = Settings(data_dir=(tmp_path / "data").absolute())
    monkeypatch.chdir(small_corpus.parent)
    ingest([small_corpus.relative_to(small_corpus.parent)], settings, quiet, embeddings)
    before = set(Manifest.load(settings.data_dir).documents)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "empty.txt").write_bytes(b"")
    (elsewhere / "a.txt").write_text(PLAN_B + "\nอีกฉบับหนึ่ง\n", encoding="utf-8")  # same name, other folder
    monkeypatch.chdir(elsewhere)
    failed = ingest(["empty.txt"], settings, quiet, embeddings)
    assert failed.failed == [(str(elsewhere / "empty.txt"), "empty file")]
    assert set(Manifest.load(settings.data_dir).documents) == before
    added = ingest(["a.txt"], settings, quiet, embeddings)
    assert added.added == [document_id(elsewhere / "a.txt")]
    after = Manifest.load(settings.data_dir).documents
    assert set(after) == before | {document_id(elsewhere / "a.txt")} and len(after) == 3
    # The sources were copied in: the index survives the originals being deleted.
    for entry in after.values():
        assert (settings.data_dir / entry.stored).read_bytes()
    db = FactsDB(settings)
    assert set(db.titles()) == set(after)
    db.close()


@pytest.mark.slow
def test_moved_file_keeps_its_id_and_copies_are_not_indexed_twice(tmp_path, small_corpus, embeddings):
    settings = Settings(data_dir=tmp_path / "data")
    ingest([small_corpus], settings, quiet, embeddings)
    old_id = document_id(small_corpus / "a.txt")
    moved = tmp_path / "moved"
    moved.mkdir()
    os.replace(small_corpus / "a.txt", moved / "a.txt")
    report = ingest([moved], settings, quiet, embeddings)
    assert report.skipped == [old_id] and not report.added
    assert Manifest.load(settings.data_dir).documents[old_id].path == str((moved / "a.txt").resolve())
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a-copy.txt").write_text(PLAN_A, encoding="utf-8")
    report = ingest([copy], settings, quiet, embeddings)
    assert not report.added and "same content" in report.ignored[0][1]


@pytest.mark.slow
def test_force_rebuilds_from_the_stored_copy(tmp_path, small_corpus, embeddings):
    settings = Settings(data_dir=tmp_path / "data")
    ingest([small_corpus], settings, quiet, embeddings)
    (small_corpus / "a.txt").unlink()
    report = ingest([], settings, quiet, embeddings, force=True)
    assert sorted(report.replaced) == sorted(Manifest.load(settings.data_dir).documents) and not report.failed


def test_cli_remove_by_name_and_unknown_id(tmp_path, small_corpus):
    """`remove` refuses what it cannot find, without touching the index (no model needed)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "plan_assistant.cli", "--data-dir", str(tmp_path / "d"), "remove",
                          "nothing.txt"], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 2 and "no document 'nothing.txt'" in run.stderr
