"""End to end: the real app on loopback driven by headless Debian Chromium (selenium + chromedriver).

Screenshots of every tab at 1366 px and 390 px go to $PLAN_ASSISTANT_SCREENSHOTS (default build/screenshots).
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
BOOK_PAGES = ROOT / "tests" / "fixtures" / "budget-fy2565-vol6-p45-47.pdf"  # 3 pages of a Budget Bureau book
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


def _wait_count(driver, css: str, needle: str, count: int, timeout: float = 60.0) -> None:
    """Wait until `needle` appears `count` times in the element's text (one more answer that states it)."""
    from selenium.webdriver.common.by import By

    deadline = time.time() + timeout
    while time.time() < deadline and driver.find_element(By.CSS_SELECTOR, css).text.count(needle) < count:
        time.sleep(0.3)
    assert driver.find_element(By.CSS_SELECTOR, css).text.count(needle) >= count


def _tab(driver, label: str):
    """Open a tab by its label; on a phone the tabs that do not fit sit in gradio's overflow menu."""
    from selenium.webdriver.common.by import By

    for button in driver.find_elements(By.CSS_SELECTOR, "button[role='tab']"):
        if label in button.text and button.is_displayed():
            button.click()
            time.sleep(0.8)
            return
    clicked = driver.execute_script(
        "var b = [...document.querySelectorAll('button')].find(b => b.textContent.includes(arguments[0]));"
        "if (b) b.click(); return !!b;", label)
    if not clicked:
        raise AssertionError(f"no tab {label}")
    time.sleep(0.8)


def _shoot(driver, name: str) -> None:
    """A screenshot of the whole page at the window's width (build/screenshots/<name>-<width>.png)."""
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
    driver.set_window_size(driver.get_window_size()["width"], max(900, height + 120))
    driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
    driver.set_window_size(driver.get_window_size()["width"], 900)


def _all_tabs(driver, prefix: str, admin: bool) -> None:
    """Screenshots of every tab at 1366 px and at phone width (390 px), checking on the phone that the
    budget table scrolls sideways rather than being cut."""
    for width in (1366, 390):
        driver.set_window_size(width, 900)
        time.sleep(1.0)
        for label, name in (("ถามตอบ", "chat"), ("สำรวจแผน", "explorer"), ("ร่างหลักการ", "drafting")) + (
                (("เอกสาร", "documents"),) if admin else ()):
            _tab(driver, label)
            if name == "explorer" and width == 390:
                table = driver.execute_script(
                    "var t = document.querySelector('#projects table'); var e = t; "
                    "while (e && e.id !== 'projects' && !/(auto|scroll)/.test(getComputedStyle(e).overflowX)) e = e.parentElement;"
                    "return [t.scrollWidth, e ? getComputedStyle(e).overflowX : null, e ? e.clientWidth : 0]")
                assert table[0] > 390 and table[1] in ("auto", "scroll") and table[2] <= 390, table
            _shoot(driver, f"{prefix}{name}")
        _tab(driver, "ถามตอบ")
    driver.set_window_size(1400, 1000)
    time.sleep(0.5)


def _answer_in_view(driver) -> bool:
    """The start of the newest answer lies inside the chat pane's visible area."""
    return driver.execute_script(
        "var bots = document.querySelectorAll('#chatbot [data-testid=\"bot\"]'); var last = bots[bots.length - 1];"
        "var pane = last.parentElement; while (pane && !(pane.scrollHeight > pane.clientHeight + 4 && "
        "/(auto|scroll)/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;"
        "var a = last.getBoundingClientRect(), p = (pane || document.documentElement).getBoundingClientRect();"
        "return a.top >= p.top - 2 && a.top < p.bottom - 20;")


def test_chat_citation_explorer_drafting_and_admin_upload(app_settings, embeddings, browser, tmp_path):
    from selenium.webdriver.common.by import By

    from assistant.lookup import FactsDB

    demo = _serve(app_settings, embeddings)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        browser.get(f"http://127.0.0.1:{app_settings.port}/")
        _wait_text(browser, "body", "ถามตอบ")
        assert browser.execute_script("return document.documentElement.lang") == "th"
        # an empty chat offers example questions built from the index; one click asks it
        examples = _wait_text(browser, "#chatbot", "แนวทางการพัฒนาด้านที่")
        assert "ใช้งบเท่าไร" in examples
        _shoot(browser, "chat-empty")
        example = next(b for b in browser.find_elements(By.CSS_SELECTOR, "#chatbot button")
                       if "มีโครงการอะไรบ้าง" in b.text)
        example.click()
        # a long list answer: its start is scrolled into view (not the bottom of the chat)
        _wait_text(browser, "#citations", "[1]")
        time.sleep(1.5)
        assert _answer_in_view(browser)
        first_ref = browser.execute_script(
            "return document.querySelector('#chatbot ol.refs li').textContent")  # reference [1] of answer 0
        quote = "".join(first_ref.split("“", 1)[1].split())[:12]

        _ask(browser, "อุณหภูมิสูงสุดที่เคยวัดได้ในลำปางคือเท่าไร")
        _wait_text(browser, "#chatbot", "43.1")
        chip = _wait_text(browser, "#citations", "[1]")
        assert "บ." in chip and len(browser.find_element(By.CSS_SELECTOR, "#citations label").text) < 140
        browser.find_element(By.CSS_SELECTOR, "#citations label").click()  # a chip opens its passage
        passage = _wait_text(browser, "#passage", "43.1")
        assert "บรรทัด" in passage and browser.find_elements(By.CSS_SELECTOR, "#passage mark.cited")
        # an inline [1] of the FIRST answer opens that answer's reference 1, not the latest answer's
        marker = browser.find_element(By.CSS_SELECTOR, "#chatbot .cite-ref.ct-0.cn-1")
        marker.click()
        deadline = time.time() + 30
        while time.time() < deadline and quote not in "".join(browser.find_element(By.CSS_SELECTOR, "#passage").text.split()):
            time.sleep(0.3)
        shown = browser.find_element(By.CSS_SELECTOR, "#passage").text
        assert quote in "".join(shown.split()) and "43.1" not in shown and shown.startswith("[1]")
        _shoot(browser, "chat")

        _tab(browser, "สำรวจแผน")
        _wait_text(browser, "#projects", "คาร์บอน")
        _wait_text(browser, "#navigator", "แผนปฏิบัติการ")
        # the navigator lists exactly the projects of a chosen strategy (compared with the facts database)
        db = FactsDB(app_settings)
        try:
            direction = next(d for d in db.directions() if d["strategies"] and db.list_projects(d["number"]))
            strategy = next(s for s in direction["strategies"] if db.list_projects(direction["number"], s["number"]))
            expected = {" ".join(p.name.split()) for p in db.list_projects(direction["number"], strategy["number"])}
        finally:
            db.close()
        node = browser.find_element(By.CSS_SELECTOR, f"#navigator details.nav-dir[data-direction='{direction['number']}']")
        browser.execute_script("arguments[0].open = true", node)
        branch = node.find_element(By.CSS_SELECTOR, f"details.nav-strategy[data-strategy='{direction['number']}.{strategy['number']}']")
        branch.find_element(By.CSS_SELECTOR, "summary").click()
        time.sleep(0.5)
        assert " ".join(strategy["title"].split())[:20] in " ".join(branch.text.split())
        listed = {e.text for e in branch.find_elements(By.CSS_SELECTOR, ".nav-project .pname")}
        assert listed == expected and all(e.is_displayed() for e in branch.find_elements(By.CSS_SELECTOR, ".pname"))
        # the search box narrows the tree to matching projects
        target = sorted(expected, key=len)[0]
        word = target.split()[-1][-10:]  # the search box narrows the tree and keeps that project
        everything = len(browser.find_elements(By.CSS_SELECTOR, "#navigator .pname"))
        box = browser.find_element(By.CSS_SELECTOR, "#f-search textarea, #f-search input")
        box.send_keys(word)
        deadline = time.time() + 30
        while time.time() < deadline:
            names = browser.execute_script(
                "return [...document.querySelectorAll('#navigator .pname')].map(e => e.textContent)")
            if target in names and len(names) < everything:
                break
            time.sleep(0.3)
        assert target in names and len(names) < everything, names
        box.clear()
        box.send_keys(" ")
        time.sleep(1)

        _tab(browser, "ร่างหลักการ")
        topic = browser.find_element(By.CSS_SELECTOR, "#topic textarea")
        topic.send_keys("เสริมสร้างเครือข่ายผู้ประกอบการหัตถอุตสาหกรรม")
        browser.find_element(By.CSS_SELECTOR, "#make-draft").click()
        deadline = time.time() + 60
        while time.time() < deadline and "แนวทางการพัฒนา" not in browser.find_element(
                By.CSS_SELECTOR, "#draft textarea").get_attribute("value"):
            time.sleep(0.3)
        assert "[1]" in browser.find_element(By.CSS_SELECTOR, "#draft textarea").get_attribute("value")
        browser.find_element(By.CSS_SELECTOR, "#dl-docx").click()  # the edited draft downloads as .docx
        assert "rationale" in _wait_text(browser, "#draft-file", ".docx")

        _tab(browser, "เอกสาร")
        corrupt = tmp_path / "broken.pdf"
        corrupt.write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
        browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(corrupt))
        time.sleep(1.5)
        browser.find_element(By.CSS_SELECTOR, "#ingest").click()
        failed = _wait_text(browser, "#docs-status", "✖ broken.pdf", timeout=180)
        assert str(tmp_path) not in failed and "Error" not in failed  # no server paths, no exception names
        new = tmp_path / "weaving.txt"
        new.write_text(NEW_DOC, encoding="utf-8")
        browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(f"{new}\n{BOOK_PAGES}")
        time.sleep(1.5)
        browser.find_element(By.CSS_SELECTOR, "#ingest").click()
        # per-file progress while it runs: the PDF's page count and a stage
        progress = _wait_text(browser, "#ingest-progress", BOOK_PAGES.name, timeout=60)
        assert "3" in progress
        # Chat while the import runs: the existing corpus answers (how long it takes is eval/bench_chat.py's).
        _tab(browser, "ถามตอบ")
        _ask(browser, "อุณหภูมิสูงสุดที่เคยวัดได้ในลำปางคือเท่าไร")
        _wait_count(browser, "#chatbot", "43.1", 2)
        _tab(browser, "เอกสาร")
        # The finished report, not the progress text shown while it runs (which also names the file).
        _wait_text(browser, "#docs-status", "✔ weaving.txt", timeout=240)
        _wait_text(browser, "#docs-status", "✔ " + BOOK_PAGES.name, timeout=10)
        _wait_text(browser, "#documents", "weaving.txt")
        _wait_text(browser, "#documents", "lampang")  # the shipped plan is still there

        _tab(browser, "ถามตอบ")
        _ask(browser, "กลุ่มทอผ้าบ้านดอนไชยมีสมาชิกกี่ราย")
        _wait_text(browser, "#chatbot", "37", timeout=60)
        _ask(browser, "อุณหภูมิสูงสุดที่เคยวัดได้ในลำปางคือเท่าไร")  # the existing corpus still answers after it
        _wait_count(browser, "#chatbot", "43.1", 3)

        # the cited PDF page: rendered, with the cited line highlighted inside the page image
        _ask(browser, "โครงการแก้ไขปัญหาไฟป่าและหมอกควัน ได้รับงบประมาณเท่าไร")
        _wait_text(browser, "#chatbot", "7,377,900", timeout=60)
        _wait_text(browser, "#citations", "[1]")
        browser.find_element(By.CSS_SELECTOR, "#citations label").click()
        _wait_text(browser, "#passage", "หน้าเอกสาร", timeout=60)
        image, marks = browser.execute_script(
            "var i = document.querySelector('#passage .page-view img');"
            "var hs = [...document.querySelectorAll('#passage .page-view .hl')];"
            "return [[i.naturalWidth, i.getBoundingClientRect().toJSON()], hs.map(h => h.getBoundingClientRect().toJSON())]")
        (natural, frame) = image
        assert natural > 0 and marks
        for m in marks:  # each highlight sits inside the page image and is line-sized
            assert frame["left"] <= m["left"] < m["right"] <= frame["right"] + 1
            assert frame["top"] <= m["top"] < m["bottom"] <= frame["bottom"] + 1 and m["height"] < frame["height"] / 10
        _shoot(browser, "passage-pdf")

        # English: every tab and the page language follow the toggle
        browser.find_element(By.XPATH, "//*[@id='lang']//label[contains(., 'English')]").click()
        _wait_text(browser, "button[role='tab']", "Explorer")
        time.sleep(1)
        assert browser.execute_script("return document.documentElement.lang") == "en"
        tabs = " ".join(b.text for b in browser.find_elements(By.CSS_SELECTOR, "button[role='tab']"))
        assert "Chat" in tabs and "Draft" in tabs and "Documents" in tabs and "ถามตอบ" not in tabs
        _tab(browser, "Explorer")
        _wait_text(browser, "#projects", "Project")
        _wait_text(browser, "body", "Plan linkage")
        _shoot(browser, "explorer-en")
        browser.find_element(By.XPATH, "//*[@id='lang']//label[contains(., 'ไทย')]").click()
        _wait_text(browser, "button[role='tab']", "สำรวจแผน")
        assert browser.execute_script("return document.documentElement.lang") == "th"

        _all_tabs(browser, "admin-", admin=True)
    finally:
        demo.close()


def test_non_admin_cannot_upload(sample_settings, embeddings, browser, tmp_path):
    """Staff never see the documents tab or its controls (the server refusing them is tested in
    tests/assistant/test_app_access.py); their conversations are listed for them alone."""
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
        _shoot(browser, "login")
        fields = browser.find_elements(By.CSS_SELECTOR, "input")
        fields[0].send_keys("staff")
        fields[1].send_keys("staff-pass")
        browser.find_element(By.CSS_SELECTOR, "button[type=submit], button.lg").click()
        _wait_text(browser, "body", "ถามตอบ")
        time.sleep(2)
        tabs = " ".join(b.text for b in browser.find_elements(By.CSS_SELECTOR, "button[role='tab']"))
        assert "สำรวจแผน" in tabs and "เอกสาร" not in tabs
        for css in ("#upload", "#ingest", "#reingest", "#delete", "#documents", "#confirm-delete"):
            assert not any(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, css)), css
        _ask(browser, "อุณหภูมิสูงสุดที่เคยวัดได้ในลำปางคือเท่าไร")
        _wait_text(browser, "#chatbot", "43.1")
        assert list((Path(settings.data_dir) / "conversations").glob("*/*.json"))  # kept server-side
        browser.find_element(By.CSS_SELECTOR, "#clear").click()  # a new conversation, then back to the old one
        deadline = time.time() + 30
        while time.time() < deadline and "43.1" in browser.find_element(By.CSS_SELECTOR, "#chatbot").text:
            time.sleep(0.3)
        browser.find_element(By.XPATH, "//*[@id='history']//button[contains(., 'บทสนทนาก่อนหน้า')]").click()
        _wait_text(browser, "#conversations", "อุณหภูมิ")
        browser.find_element(By.CSS_SELECTOR, "#conversations label").click()
        _wait_text(browser, "#chatbot", "43.1")
        _all_tabs(browser, "staff-", admin=False)
        tabs = " ".join(b.text for b in browser.find_elements(By.CSS_SELECTOR, "button[role='tab']"))
        assert "เอกสาร" not in tabs
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
        _wait_text(browser, "#navigator", "แผนปฏิบัติการ")
        assert not live("#projects") and not live("#navigator")
        _tab(browser, "เอกสาร")
        _wait_text(browser, "#documents", "<img src=")
        assert not live("#documents")
        assert not browser.find_elements(By.CSS_SELECTOR, f"img[src*='{url}'], a[href^='javascript']")
        time.sleep(1)
        assert hits == []  # nothing on the page asked the outside host for anything
    finally:
        demo.close()
        evil.shutdown()
