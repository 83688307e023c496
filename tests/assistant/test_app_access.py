"""Who may reach and administer the real web app: the loopback Host/Origin rule (DNS rebinding),
the lock-out of repeated failed logins, and the upload size limit. The app is served for real on
127.0.0.1 over a tiny index and driven with httpx."""
import json
import socket
from dataclasses import replace

import httpx
import pytest

from assistant.app import is_loopback, request_is_local
from plan_assistant.config import Settings
from plan_assistant.users import add_user
from tests.conftest import PLAN_A, PLAN_B

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def tiny_settings(tmp_path_factory, embeddings):
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("access")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (corpus / "b.txt").write_text(PLAN_B, encoding="utf-8")
    settings = Settings(data_dir=root / "data", max_file_mb=1)
    ingest([corpus], settings, lambda m: None, embeddings)
    return settings


def _serve(settings, embeddings):
    from assistant.app import serve

    return serve(replace(settings, port=_port()), embeddings, block=False)


def _call(client: httpx.Client, api_name: str, data: list, headers: dict) -> tuple[str, str]:
    """Run an event through gradio's REST API; (last SSE event name, its data)."""
    posted = client.post(f"/gradio_api/call/{api_name}", json={"data": data}, headers=headers)
    assert posted.status_code == 200, posted.text
    event_id = posted.json()["event_id"]
    event, payload = "", ""
    with client.stream("GET", f"/gradio_api/call/{api_name}/{event_id}", headers=headers) as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                payload = line.split(":", 1)[1].strip()
                if event in ("complete", "error"):
                    break
    return event, payload


def test_loopback_names():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.1:7860", "localhost", "LOCALHOST:80", "[::1]:7860",
                                        "::1", "127.9.9.9"))
    assert not any(is_loopback(h) for h in ("evil.example", "evil.example:7860", "0.0.0.0", "10.0.0.1:7860",
                                            "localhost.evil.example", "127.0.0.1.evil.example", "", None))

    class Req:
        def __init__(self, headers):
            self.headers = headers

    assert request_is_local(Req({"host": "127.0.0.1:7860"}))
    assert request_is_local(Req({"host": "localhost:7860", "origin": "http://localhost:7860"}))
    assert not request_is_local(Req({"host": "127.0.0.1:7860", "origin": "http://evil.example"}))
    assert not request_is_local(Req({"host": "127.0.0.1:7860", "origin": "null"}))
    assert not request_is_local(Req({"host": "evil.example"}))
    assert not request_is_local(None)


def test_no_users_file_loopback_only(tiny_settings, embeddings, capfd):
    demo = _serve(tiny_settings, embeddings)
    try:
        assert "no users file: anyone who can reach this port can administer; bound to 127.0.0.1" in capfd.readouterr().err
        with httpx.Client(base_url=demo.local_url, timeout=30) as client:
            assert client.get("/").status_code == 200
            rebound = {"Host": "evil.example", "Origin": "http://evil.example"}
            assert client.get("/", headers=rebound).status_code == 403
            assert client.get("/config", headers={"Host": "evil.example:7860"}).status_code == 403
            assert client.post("/gradio_api/call/do_delete", json={"data": [None, "th"]}, headers=rebound).status_code == 403
            # a loopback Host but a foreign Origin (cross-site request to 127.0.0.1): the admin check refuses
            event, payload = _call(client, "do_delete", [None, "th"], {"Origin": "http://evil.example"})
            assert event == "error" and "Only administrators" in json.loads(payload)["error"]
            # from the app's own page the admin check passes (the action then fails for want of a document)
            event, payload = _call(client, "do_delete", [None, "th"], {"Origin": demo.local_url.rstrip("/")})
            assert event == "error" and "Only administrators" not in json.loads(payload)["error"]
            # uploads over max_file_mb (1 here) are refused
            big = client.post("/gradio_api/upload", files={"files": ("big.txt", b"x" * (1024 * 1024 + 10))})
            assert big.status_code in (400, 413), big.text
            small = client.post("/gradio_api/upload", files={"files": ("small.txt", b"x" * 1000)})
            assert small.status_code == 200, small.text
    finally:
        demo.close()


def test_login_lockout(tiny_settings, embeddings, tmp_path):
    users = tmp_path / "users.txt"
    add_user(users, "boss", "right-pass", "admin")
    demo = _serve(replace(tiny_settings, users_file=str(users)), embeddings)
    try:
        with httpx.Client(base_url=demo.local_url, timeout=30) as client:
            def login(password):
                return client.post("/login", data={"username": "boss", "password": password}).status_code

            assert login("right-pass") == 200
            assert [login(f"wrong-{i}") for i in range(6)] == [400] * 5 + [429]
            assert login("right-pass") == 429  # locked even with the right password
            assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
    finally:
        demo.close()


def test_staff_are_refused_every_document_action(tiny_settings, embeddings, tmp_path):
    """A logged-in staff member calling the document endpoints directly (the tab is hidden from them)
    is refused by the server, and the index keeps its documents."""
    from ingest.store import Manifest

    users = tmp_path / "users.txt"
    add_user(users, "boss", "boss-pass", "admin")
    add_user(users, "staff", "staff-pass", "staff")
    before = sorted(Manifest.load(tiny_settings.data_dir).documents)
    demo = _serve(replace(tiny_settings, users_file=str(users)), embeddings)
    try:
        with httpx.Client(base_url=demo.local_url, timeout=60) as client:
            assert client.post("/login", data={"username": "staff", "password": "staff-pass"}).status_code == 200
            for api, data in (("do_delete", [None, "th"]), ("ask_delete", [None, "th"]),
                              ("do_reingest", ["th"]), ("do_ingest", [[], "th"])):
                event, payload = _call(client, api, data, {})
                assert event == "error" and "Only administrators" in json.loads(payload)["error"], (api, payload)
        assert sorted(Manifest.load(tiny_settings.data_dir).documents) == before
    finally:
        demo.close()
