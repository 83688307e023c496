"""The real CLI on the real sample plan, as a user runs it (slow: embeds the whole plan)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PLAN_ASSISTANT_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "plan_assistant.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600,
    )


def test_help_lists_subcommands(tmp_path):
    out = run("--help", data_dir=tmp_path)
    assert out.returncode == 0 and "ingest" in out.stdout and "ask" in out.stdout


@pytest.mark.slow
def test_ingest_skip_and_retrieve_json_on_sample(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus)
    data = tmp_path / "data"
    first = run("ingest", str(corpus), data_dir=data)
    assert first.returncode == 0, first.stderr
    assert "1 added" in first.stdout and "chunks:" in first.stdout and "seconds:" in first.stdout
    second = run("ingest", str(corpus), data_dir=data)
    assert "1 unchanged" in second.stdout and "newly embedded: 0" in second.stdout

    asked = run("ask", "--retrieve-only", "--json", "-k", "5",
                "โครงการส่งเสริมอุตสาหกรรมไทย มุ่งสู่การลดใช้คาร์บอน ขอใช้งบเท่าไร", data_dir=data)
    assert asked.returncode == 0, asked.stderr
    result = json.loads(asked.stdout)
    hits = result["results"]
    assert len(hits) == 5
    assert all({"section_path", "line_start", "line_end", "page", "score", "text"} <= set(h) for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    budget_line = next(n for n, line in enumerate(lines, 1) if "3,500,000" in line)
    top_brief = hits[0]["section_path"][-1]
    assert "คาร์บอน" in top_brief
    assert any(h["line_start"] <= budget_line <= h["line_end"] or "คาร์บอน" in h["section_path"][-1] for h in hits)

    answered = run("ask", "--json", "โครงการส่งเสริมอุตสาหกรรมไทย มุ่งสู่การลดใช้คาร์บอน ขอใช้งบเท่าไร", data_dir=data)
    assert answered.returncode == 0, answered.stderr
    answer = json.loads(answered.stdout)
    assert {"answer", "citations", "figures", "route", "timings", "refused", "all_verified"} <= set(answer)
    assert "3,500,000" in answer["answer"] and answer["route"] == "budget" and answer["all_verified"]
    assert any(c["line_start"] <= budget_line <= c["line_end"] for c in answer["citations"])
    plain = run("ask", "โครงการส่งเสริมอุตสาหกรรมไทย มุ่งสู่การลดใช้คาร์บอน ขอใช้งบเท่าไร", data_dir=data)
    assert plain.returncode == 0 and "[1]" in plain.stdout and "lines" in plain.stdout


def test_bad_path_is_reported(tmp_path):
    out = run("ingest", str(tmp_path / "nope"), data_dir=tmp_path / "data")
    assert out.returncode == 2 and "not found" in out.stderr
