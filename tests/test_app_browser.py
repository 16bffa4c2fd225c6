"""app.py end to end in a real headless Chromium (Debian's ``/usr/bin/chromium`` through Playwright).

One app server (``python app.py`` on a free loopback port) and one browser for the module;
the tests share one page and run in file order, like one user's visit, then a second
browser context plays a second user. In CI (``CI=true``) a missing Chromium or Playwright
is a failure; elsewhere these tests are skipped with the reason.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from index import BUNDLED_ARTICLE, read_file

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "tests" / "fixtures" / "second_article.md"
STARTUP_SECONDS = 300
ANSWER_MS = 60_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _need(ok: bool, reason: str) -> None:
    if not ok:
        if IN_CI:
            pytest.fail(f"{reason} (required in CI)")
        pytest.skip(reason)


def _chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    _need(Path(path).is_file(), f"Chromium not found at {path}: apt-get install -y chromium")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _flat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("app_browser") / "server.log"
    port = _free_port()
    env = {**os.environ, "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port)}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"app.py did not serve {url} within {STARTUP_SECONDS}s")
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[-4000:]


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """One browser context on the app; records dialogs and page errors (an injected script would show there)."""

    def __init__(self, browser, url: str, **context_options) -> None:
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.page.set_default_timeout(ANSWER_MS)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector("#aq-chat")
        self.page.wait_for_selector("#aq-article .aq-doc")

    def bot_messages(self):
        return self.page.locator('#aq-chat [data-testid="bot"]')

    def ask(self, question: str) -> None:
        before = self.page.locator('#aq-chat [data-testid="user"]').count()
        box = self.page.locator("#aq-question textarea")
        box.fill(question)
        box.press("Enter")
        self.wait_answered(before + 1)

    def wait_answered(self, n_user: int) -> None:
        """Wait until the n-th question is shown, answered, and the question box is usable again."""
        self.page.wait_for_function(
            """n => {
                const rows = [...document.querySelectorAll('#aq-chat .message-row')];
                const users = rows.filter(r => r.querySelector('[data-testid="user"]')).length;
                const last = rows[rows.length - 1];
                const box = document.querySelector('#aq-question textarea');
                return users === n && last && last.querySelector('[data-testid="bot"]') && box && !box.disabled;
            }""",
            arg=n_user,
        )  # fmt: skip

    def last_answer(self) -> str:
        """Text of the newest main answer (not its Sources / Why blocks)."""
        return self.page.evaluate(
            """() => {
                const rows = [...document.querySelectorAll('#aq-chat .message-row')];
                const row = rows[rows.length - 1];
                const main = [...row.querySelectorAll('.message')].find(m => !m.classList.contains('thought'));
                return main ? main.innerText : '';
            }"""
        )  # fmt: skip

    def marks(self, cls: str) -> list[dict]:
        return self.page.evaluate(
            "c => [...document.querySelectorAll('#aq-article mark.aq-' + c)].map(m => ({id: m.id, text: m.textContent}))",
            cls,
        )

    def highlighted(self) -> list[dict]:
        """The newest answer's highlights in the article pane. The chat and the pane are two
        outputs of one event, and on a busy machine the chat can be drawn first, so this waits
        for a highlight (failing after 30 s when none comes)."""
        self.page.wait_for_selector("#aq-article mark.aq-now")
        return self.marks("now")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def visit(browser, server):
    v = Visit(browser, server, viewport={"width": 1280, "height": 900})
    yield v
    v.close()


def _offsets(mark_id: str) -> tuple[int, int]:
    m = re.fullmatch(r"s-(\d+)-(\d+)", mark_id)
    assert m, mark_id
    return int(m.group(1)), int(m.group(2))


def test_example_question_answer_citation_and_highlight(visit):
    page = visit.page
    page.get_by_text("What leverage does Trump have?").first.click()
    visit.wait_answered(1)
    answer = visit.last_answer()
    assert "[1]" in answer and "leverage" in answer.lower()
    bundled = read_file(BUNDLED_ARTICLE).text
    now = visit.highlighted()
    assert now, "the cited sentences are highlighted in the article view"
    for m in now:
        start, end = _offsets(m["id"])
        assert _flat(m["text"]) == _flat(bundled[start:end]), "marked by the engine's offsets"
        assert _flat(bundled[start:end]) in _flat(answer), "and it is the sentence the chat shows"
    # Sources: collapsed under the answer, listing the cited sentences with where they are.
    page.locator('#aq-chat [role="button"]:has-text("Sources")').last.click()
    sources = page.locator("#aq-chat .thought").filter(has_text="Sources").last.inner_text()
    assert "[1]" in sources and ("¶" in sources or "summary under the title" in sources)
    # Clicking a citation scrolls the article box to the sentence.
    box = page.locator("#aq-article .aq-scroll")
    box.evaluate("b => b.scrollTo(0, b.scrollHeight)")
    link = page.locator('#aq-chat a[href^="#s-"]').first
    target = page.locator("#aq-article mark#" + link.get_attribute("href")[1:])
    link.click()
    page.wait_for_function(
        """id => {
            const m = document.getElementById(id), b = document.querySelector('#aq-article .aq-scroll');
            if (!m || !b) return false;
            const r = m.getBoundingClientRect(), v = b.getBoundingClientRect();
            return r.top >= v.top - 1 && r.bottom <= v.bottom + 1;
        }""",
        arg=link.get_attribute("href")[1:],
    )  # fmt: skip
    assert target.is_visible()
    assert "#" not in page.url, "the link scrolls; it does not navigate"


def test_follow_up_question_and_older_highlights_fade(visit):
    first = {m["id"] for m in visit.marks("now")}
    visit.ask("Why does he need it?")
    answer = visit.last_answer()
    assert "[1]" in answer, answer
    visit.page.locator('#aq-chat [role="button"]:has-text("Why this answer")').last.click()
    why = visit.page.locator("#aq-chat .thought").filter(has_text="Why this answer").last.inner_text()
    assert "Searched for" in why and "Confidence" in why
    now = {m["id"] for m in visit.highlighted()}
    old = {m["id"] for m in visit.marks("old")}
    assert now, "the newest answer is highlighted"
    assert first - now <= old, "the previous answer's sentences stay, faded"


def test_retry_undo_and_clear(visit):
    page = visit.page
    n_user = page.locator('#aq-chat [data-testid="user"]').count()
    before = visit.last_answer()
    page.locator('#aq-chat button[aria-label="Retry"]').last.click()
    visit.wait_answered(n_user)
    assert visit.last_answer() == before, "the engine is deterministic: retry gives the same answer"
    page.locator('#aq-chat button[aria-label="Undo"]').last.click()
    page.wait_for_function(
        "n => document.querySelectorAll('#aq-chat [data-testid=\"user\"]').length === n", arg=n_user - 1
    )
    assert page.locator("#aq-question textarea").input_value() == "Why does he need it?"
    page.locator('#aq-chat button[aria-label="Clear"]').first.click()
    page.wait_for_function("() => !document.querySelector('#aq-chat [data-testid=\"user\"]')")
    page.wait_for_function("() => !document.querySelector('#aq-article mark')")
    page.locator("#aq-question textarea").fill("")


def test_html_in_a_question_is_shown_as_text_and_runs_nothing(visit):
    evil = ('<img src=x onerror="window.__xss=1;alert(1)"> What does Kim want? '
            "<script>window.__xss=2;alert(2)</script> [x](javascript:alert(3)) <b>bold</b>")  # fmt: skip
    visit.ask(evil)
    page = visit.page
    shown = page.locator('#aq-chat [data-testid="user"]').last.inner_text()
    assert '<img src=x onerror="window.__xss=1;alert(1)">' in shown and "<script>" in shown
    assert page.evaluate("window.__xss") is None
    assert page.locator('#aq-chat img[src="x"], #aq-chat script, #aq-chat a[href^="javascript"]').count() == 0
    assert page.locator('#aq-chat [data-testid="user"] b').count() == 0
    assert visit.dialogs == [] and visit.errors == []


def test_upload_a_second_article_and_ask_it(visit):
    page = visit.page
    page.get_by_text("Use your own article").click()
    page.locator("#aq-upload input[type=file]").set_input_files(str(SECOND))
    page.wait_for_function("() => document.querySelector('#aq-article').innerText.includes('Port Alden approves')")
    assert "Now answering from" in page.locator("#aq-status").inner_text()
    assert page.locator('#aq-chat [data-testid="user"]').count() == 0, "a new article starts a new chat"
    visit.ask("How much will the plant cost?")
    second = read_file(SECOND).text
    now = visit.highlighted()
    assert now, visit.last_answer()
    for m in now:
        start, end = _offsets(m["id"])
        assert _flat(m["text"]) in _flat(second[start:end])
        assert _flat(second[start:end]) in _flat(visit.last_answer())
    assert "Kim" not in visit.last_answer()


def test_pasted_article_with_html_is_shown_as_text(visit):
    page = visit.page
    evil = ("# Evil page\n\nThis line has <img src=x onerror=\"window.__xss=3;alert(4)\"> and "
            "<script>window.__xss=4</script> in it, a <a href=\"javascript:alert(5)\">link</a> and ${alert(6)}.\n\n"
            "The water in the bay is deep and blue. It is very deep indeed.\n")  # fmt: skip
    if not page.locator("#aq-paste textarea").is_visible():
        page.get_by_text("Use your own article").click()
    page.locator("#aq-paste textarea").fill(evil)
    page.locator("#aq-use-paste").click()
    page.wait_for_function("() => document.querySelector('#aq-article').innerText.includes('Evil page')")
    visit.ask("How deep is the water in the bay?")
    view = page.locator("#aq-article").inner_text()
    assert '<img src=x onerror="window.__xss=3;alert(4)">' in view and "${alert(6)}" in view
    assert page.locator("#aq-article img, #aq-article script, #aq-article a").count() == 0
    assert page.evaluate("window.__xss") is None
    assert visit.dialogs == [] and visit.errors == []


def test_a_second_user_keeps_the_bundled_article_on_a_phone(browser, server, visit):
    other = Visit(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        view = other.page.locator("#aq-article").inner_text()
        assert "What Kim Jong-un really wants" in view and "Port Alden" not in view and "Evil page" not in view
        assert other.page.locator('#aq-chat [data-testid="user"]').count() == 0
        other.ask("What is the Byungjin policy?")
        assert "Byungjin" in other.last_answer()
        width = other.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, f"no sideways scrolling on a phone ({width}px)"
        # ...while the first user still has their own article.
        assert "Evil page" in visit.page.locator("#aq-article").inner_text()
        # And back to the bundled article for the first user.
        if not visit.page.locator("#aq-bundled").is_visible():
            visit.page.get_by_text("Use your own article").click()
        visit.page.locator("#aq-bundled").click()
        visit.page.wait_for_function(
            "() => document.querySelector('#aq-article').innerText.includes('What Kim Jong-un')"
        )
        assert other.dialogs == [] and other.errors == []
    finally:
        other.close()
