"""End to end: the real app on loopback driven by headless Debian Chromium (selenium + chromedriver).

Screenshots of each tab go to $PLAN_ASSISTANT_SCREENSHOTS (default build/screenshots).
"""
import os
import shutil
import socket
import time
from dataclasses import replace
from pathlib import Path

import pytest

from plan_assistant.config import Settings
from plan_assistant.users import add_user
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SHOTS = Path(os.environ.get("PLAN_ASSISTANT_SCREENSHOTS", ROOT / "build" / "screenshots"))
NEW_DOC = """แผนงานส่งเสริมผ้าทอจังหวัดทดสอบ ประจำปีงบประมาณ 2568
ส่วนที่ 1 สาระสำคัญ
1.1 ข้อมูลกลุ่มทอผ้า
กลุ่มทอผ้าบ้านดอนไชย มีสมาชิกทอผ้าจำนวน 37 ราย ผลิตผ้าซิ่นตีนจกเป็นสินค้าหลัก
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.fail("Debian chromium and chromium-driver are required (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _serve(settings: Settings, embeddings):
    from assistant.app import serve

    return serve(settings, embeddings, block=False)


@pytest.fixture(scope="module")
def app_settings(sample_settings, tmp_path_factory):
    root = tmp_path_factory.mktemp("webapp")
    shutil.copytree(sample_settings.data_dir, root / "data")
    return replace(sample_settings, data_dir=root / "data", port=_port())


def _wait_text(driver, css: str, needle: str, timeout: float = 60.0) -> str:
    from selenium.webdriver.common.by import By

    deadline = time.time() + timeout
    text = ""
    while time.time() < deadline:
        try:
            text = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, css))
        except Exception:  # element replaced while reading
            text = ""
        if needle in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} not in {css}: …{text[-900:]!r}")  # the end: the latest answer


def _ask(driver, question: str):
    """Type and send a question; send again if the page did not take the click (seen under CI load)."""
    from selenium.webdriver.common.by import By

    asked = driver.find_element(By.CSS_SELECTOR, "#chatbot").text.count(question)
    for _ in range(3):
        box = driver.find_element(By.CSS_SELECTOR, "#question textarea")
        box.clear()
        box.send_keys(question)
        driver.find_element(By.CSS_SELECTOR, "#send").click()
        deadline = time.time() + 15
        while time.time() < deadline:
            if driver.find_element(By.CSS_SELECTOR, "#chatbot").text.count(question) > asked:
                return
            time.sleep(0.3)
    raise AssertionError(f"the chat never showed the question {question!r}")


def _tab(driver, label: str):
    from selenium.webdriver.common.by import By

    for button in driver.find_elements(By.CSS_SELECTOR, "button[role='tab']"):
        if label in button.text:
            button.click()
            time.sleep(0.8)
            return
    raise AssertionError(f"no tab {label}")


def test_chat_citation_explorer_drafting_and_admin_upload(app_settings, embeddings, browser, tmp_path):
    from selenium.webdriver.common.by import By

    demo = _serve(app_settings, embeddings)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        browser.get(f"http://127.0.0.1:{app_settings.port}/")
        _wait_text(browser, "body", "ถามตอบ")
        _ask(browser, "อุณหภูมิสูงสุดที่เคยวัดได้ในลำปางคือเท่าไร")
        _wait_text(browser, "#chatbot", "43.1")
        _wait_text(browser, "#chatbot", "[1]")
        _wait_text(browser, "#citations", "[1]")
        browser.find_element(By.CSS_SELECTOR, "#citations label").click()
        passage = _wait_text(browser, "#passage", "43.1")
        assert "บรรทัด" in passage and browser.find_elements(By.CSS_SELECTOR, "#passage mark.cited")
        browser.save_screenshot(str(SHOTS / "chat.png"))

        _tab(browser, "สำรวจแผน")
        _wait_text(browser, "#projects", "คาร์บอน")
        _wait_text(browser, "#linkage", "แผนปฏิบัติการ")
        browser.save_screenshot(str(SHOTS / "explorer.png"))

        _tab(browser, "ร่างหลักการ")
        topic = browser.find_element(By.CSS_SELECTOR, "#topic textarea")
        topic.send_keys("เสริมสร้างเครือข่ายผู้ประกอบการหัตถอุตสาหกรรม")
        browser.find_element(By.CSS_SELECTOR, "#make-draft").click()
        deadline = time.time() + 60
        while time.time() < deadline and "แนวทางการพัฒนา" not in browser.find_element(
                By.CSS_SELECTOR, "#draft textarea").get_attribute("value"):
            time.sleep(0.3)
        assert "[1]" in browser.find_element(By.CSS_SELECTOR, "#draft textarea").get_attribute("value")
        browser.save_screenshot(str(SHOTS / "drafting.png"))

        _tab(browser, "เอกสาร")
        corrupt = tmp_path / "broken.pdf"
        corrupt.write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
        browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(corrupt))
        time.sleep(1.5)
        browser.find_element(By.CSS_SELECTOR, "#ingest").click()
        _wait_text(browser, "#docs-status", "✖ broken.pdf", timeout=120)
        new = tmp_path / "weaving.txt"
        new.write_text(NEW_DOC, encoding="utf-8")
        browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(new))
        time.sleep(1.5)
        browser.find_element(By.CSS_SELECTOR, "#ingest").click()
        # The finished report, not the progress text shown while it runs (which also names the file).
        _wait_text(browser, "#docs-status", "✔ weaving.txt", timeout=180)
        _wait_text(browser, "#documents", "weaving.txt")
        browser.save_screenshot(str(SHOTS / "documents.png"))

        _tab(browser, "ถามตอบ")
        _ask(browser, "กลุ่มทอผ้าบ้านดอนไชยมีสมาชิกกี่ราย")
        _wait_text(browser, "#chatbot", "37", timeout=60)
        _ask(browser, "อุณหภูมิสูงสุดที่เคยวัดได้ในลำปางคือเท่าไร")  # the existing corpus still answers
        deadline = time.time() + 60
        while time.time() < deadline and browser.find_element(By.CSS_SELECTOR, "#chatbot").text.count("43.1") < 2:
            time.sleep(0.3)
        assert browser.find_element(By.CSS_SELECTOR, "#chatbot").text.count("43.1") >= 2
    finally:
        demo.close()


def test_non_admin_cannot_upload(sample_settings, embeddings, browser, tmp_path):
    from selenium.webdriver.common.by import By

    users = tmp_path / "users.txt"
    add_user(users, "boss", "boss-pass", "admin")
    add_user(users, "staff", "staff-pass", "staff")
    root = tmp_path / "copy"
    shutil.copytree(sample_settings.data_dir, root / "data")
    settings = replace(sample_settings, data_dir=root / "data", users_file=str(users), port=_port())
    demo = _serve(settings, embeddings)
    try:
        browser.delete_all_cookies()
        browser.get(f"http://127.0.0.1:{settings.port}/")
        _wait_text(browser, "body", "Login")
        fields = browser.find_elements(By.CSS_SELECTOR, "input")
        fields[0].send_keys("staff")
        fields[1].send_keys("staff-pass")
        browser.find_element(By.CSS_SELECTOR, "button[type=submit], button.lg").click()
        _wait_text(browser, "body", "ถามตอบ")
        _tab(browser, "เอกสาร")
        _wait_text(browser, "#docs-status", "เฉพาะผู้ดูแล")
        doc = tmp_path / "sneaky.txt"
        doc.write_text(NEW_DOC, encoding="utf-8")
        browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(doc))
        time.sleep(1.5)
        browser.find_element(By.CSS_SELECTOR, "#ingest").click()
        _wait_text(browser, "body", "Only administrators")
        time.sleep(1)
        assert not (Path(settings.data_dir) / "uploads" / "sneaky.txt").exists()
        from ingest.store import Manifest

        assert "sneaky.txt" not in Manifest.load(Path(settings.data_dir)).documents
    finally:
        demo.close()


def _evil_server():
    """A local 'outside' host: every request a page makes to it is recorded."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def test_hostile_document_text_stays_inert(sample_settings, embeddings, browser, tmp_path):
    """A document carrying <img>, <script>, Markdown images and links: shown as text in the chat bubble,
    citations, passage, explorer and documents table; the browser fetches nothing from its URLs."""
    from selenium.webdriver.common.by import By

    from ingest.pipeline import ingest

    evil, hits = _evil_server()
    url = f"http://127.0.0.1:{evil.server_address[1]}"
    img, md_img = f"<img src={url}/tag.png onerror=alert(1)>", f"![x]({url}/markdown.png)"
    hostile = (f"บันทึกกลุ่มผู้ผลิตเซรามิกบ้านทดสอบ {img}\n"
               "ยุทธศาสตร์ที่ 1 ส่งเสริมเซรามิก <script>alert(1)</script>\n"
               "หน่วย : บาท\nกลยุทธ์ โครงการ\nปีงบประมาณ\n2568\nกลยุทธ์ที่ 1 ยกระดับผู้ผลิต\nงบประมาณจังหวัด\n"
               f"1) โครงการเตาเผาทดสอบ {img}\n150,000\n"
               f"กลุ่มผู้ผลิตเซรามิกบ้านทดสอบ มีสมาชิกจำนวน 29 ราย {img} {md_img} [a](javascript:alert(1)) "
               f"<script>alert(2)</script>\n")
    root = tmp_path / "copy"
    shutil.copytree(sample_settings.data_dir, root / "data")
    settings = replace(sample_settings, data_dir=root / "data", port=_port())
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hostile-notes.txt").write_text(hostile, encoding="utf-8")
    assert not ingest([tmp_path / "docs"], settings, lambda m: None, embeddings).failed  # added to the sample

    def live(css: str) -> list:
        return browser.find_elements(By.CSS_SELECTOR, f"{css} img[src*='{url}'], {css} script, "
                                                      f"{css} a[href*='{url}'], {css} a[href^='javascript']")

    demo = _serve(settings, embeddings)
    try:
        browser.get(f"http://127.0.0.1:{settings.port}/")
        _wait_text(browser, "body", "ถามตอบ")
        _ask(browser, "กลุ่มผู้ผลิตเซรามิกบ้านทดสอบมีสมาชิกกี่ราย")
        _wait_text(browser, "#chatbot", "29")
        bubble = _wait_text(browser, "#chatbot", "อ้างอิง")
        assert "<img src=" in bubble and "![x](" in bubble  # shown as text
        assert not live("#chatbot")
        _wait_text(browser, "#citations", "[1]")
        browser.find_element(By.CSS_SELECTOR, "#citations label").click()
        _wait_text(browser, "#passage", "<img src=")
        assert not live("#passage") and not live("#citations")

        _tab(browser, "สำรวจแผน")
        _wait_text(browser, "#projects", "เตาเผาทดสอบ")
        _wait_text(browser, "#linkage", "แผนปฏิบัติการ")
        assert not live("#projects") and not live("#linkage")
        _tab(browser, "เอกสาร")
        _wait_text(browser, "#documents", "<img src=")
        assert not live("#documents")
        assert not browser.find_elements(By.CSS_SELECTOR, f"img[src*='{url}'], a[href^='javascript']")
        time.sleep(1)
        assert hits == []  # nothing on the page asked the outside host for anything
    finally:
        demo.close()
        evil.shutdown()
