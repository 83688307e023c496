"""The real web app on loopback follows an ingest run from the CLI in another process: the next
chat answer comes from the new generation, with no restart and no failed request."""
import json
import os
import subprocess
import sys
import threading
from dataclasses import replace

import httpx
import pytest

from ingest.pipeline import ingest
from ingest.store import Manifest
from plan_assistant.config import Settings
from tests.assistant.test_app_access import _call, _port
from tests.conftest import PLAN_A, PLAN_B, ROOT

pytestmark = pytest.mark.slow
QUESTION = "เตาเผาประหยัดพลังงาน งบประมาณ ปี ๒๕๖๘"


def quotes(payload: str) -> str:
    """The chat bubble of a `respond` result: the answer with its references and their quotes."""
    history = json.loads(payload)[0]
    return str(history[-1]["content"])


def test_server_picks_up_a_cli_ingest(tmp_path, embeddings):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (corpus / "b.txt").write_text(PLAN_B, encoding="utf-8")
    settings = replace(Settings(data_dir=tmp_path / "data"), port=_port())
    ingest([corpus], settings, lambda m: None, embeddings)
    from assistant.app import serve

    demo = serve(settings, embeddings, block=False)
    failures: list[str] = []
    stop = threading.Event()
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{settings.port}", timeout=120)
        event, payload = _call(client, "respond", [QUESTION, [], None, "th", [], None], {})
        assert event == "complete" and "๒,๕๐๐,๐๐๐" in quotes(payload)

        def chat() -> None:  # a user keeps asking while the CLI ingests
            with httpx.Client(base_url=f"http://127.0.0.1:{settings.port}", timeout=120) as c:
                while not stop.is_set():
                    ev, data = _call(c, "respond", [QUESTION, [], None, "th", [], None], {})
                    if ev != "complete":
                        failures.append(data)

        asker = threading.Thread(target=chat)
        asker.start()
        (corpus / "a.txt").write_text(PLAN_A.replace("๒,๕๐๐,๐๐๐", "๓,๐๐๐,๐๐๐"), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
        run = subprocess.run([sys.executable, "-m", "plan_assistant.cli", "--data-dir", str(settings.data_dir),
                              "ingest", str(corpus)], capture_output=True, text=True, env=env, timeout=300)
        stop.set()
        asker.join()
        assert run.returncode == 0, run.stdout + run.stderr
        event, payload = _call(client, "respond", [QUESTION, [], None, "th", [], None], {})
        assert event == "complete" and "๓,๐๐๐,๐๐๐" in quotes(payload) and "๒,๕๐๐,๐๐๐" not in quotes(payload)
        assert failures == []
        generations = sorted(p.name for p in (settings.data_dir / "generations").iterdir())
        assert generations == [Manifest.load(settings.data_dir).generation]  # the old one was let go
    finally:
        stop.set()
        demo.close()
