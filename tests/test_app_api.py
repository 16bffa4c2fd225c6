"""app.py through its API (gradio_client) and its HTTP routes, plus the app's rendering functions.

One real server for the module: ``python app.py`` in a subprocess on a free loopback port
(GRADIO_SERVER_PORT), as a user or a Space would start it. Expected answers come from
``ArticleBot.answer`` called directly in this process.
"""

import html
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from gradio_client import Client

from bot import ArticleBot

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 300

QUESTIONS = [
    "What leverage does Trump have?",
    "What is the Byungjin policy?",
    "What did Xi Jinping say?",
    "When was it published?",
    "Who is Ri Yong-ho?",
    "Why does he need it?",
    "What did Kim announce in 2016?",
    "What is the capital of France?",
    "What does China think of North Korea's reforms?",
    "Who did he meet?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python app.py`` on a free port; yields its url and log; stops it afterwards."""
    log = tmp_path_factory.mktemp("app_api") / "server.log"
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
    yield SimpleNamespace(url=url, log=log)
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def client(server):
    return Client(server.url, verbose=False)


@pytest.fixture(scope="module")
def bot():
    return ArticleBot.default()


def expected(bot: ArticleBot, question: str, earlier: list[str] = ()) -> dict:
    """What /ask must return, from the engine called directly (earlier turns asked in order)."""
    turns = []
    for q in earlier:
        turns.append((q, bot.answer(q, turns)))
    a = bot.answer(question, turns)
    return {"text": a.text, "citations": [(c.n, c.start, c.end) for c in a.citations], "abstained": a.abstained,
            "reason": a.reason, "query": a.query, "missing": a.missing}  # fmt: skip


def got(result: dict) -> dict:
    return {"text": result["text"], "citations": [(c["n"], c["start"], c["end"]) for c in result["citations"]],
            "abstained": result["abstained"], "reason": result["reason"], "query": result["query"],
            "missing": result["missing"]}  # fmt: skip


# ---------------------------------------------------------------- the API


def test_ask_answers_like_the_engine(client, bot):
    for q in QUESTIONS[:5] + ["What is the capital of France?", "When did the Korean War end?"]:
        r = client.predict(q, [], api_name="/ask")
        assert got(r) == expected(bot, q), q
        for c in r["citations"]:
            assert bot.text[c["start"] : c["end"]] == c["text"]
    r = client.predict("What leverage does Trump have?", api_name="/ask")  # history is optional
    assert not r["abstained"] and r["citations"]
    declined = client.predict("What is the capital of France?", [], api_name="/ask")
    assert declined["abstained"] and declined["suggestions"], "a decline offers the nearest passages"


def test_ask_follow_up_uses_the_earlier_questions(client, bot):
    r = client.predict("Who did he meet?", ["Who is Ri Yong-ho?"], api_name="/ask")
    assert got(r) == expected(bot, "Who did he meet?", ["Who is Ri Yong-ho?"])
    chain = ["What leverage does Trump have?", "Why does he need it?"]
    r = client.predict("What does Pyongyang want from him?", chain, api_name="/ask")
    assert got(r) == expected(bot, "What does Pyongyang want from him?", chain)


@pytest.mark.parametrize(
    "question", ["", "   ", "<script>alert(1)</script>", "?!", "x" * 100_000, "<img src=x onerror=alert(1)> Kim?"]
)
def test_bad_questions_get_a_sentence(client, question):
    r = client.predict(question, [], api_name="/ask")
    assert isinstance(r["text"], str) and r["text"].strip()
    assert "Traceback" not in r["text"]
    if r["reason"] == "invalid_question":
        assert r["abstained"] and not r["citations"]


def test_twenty_concurrent_clients_get_their_own_answers(server, bot):
    """20 clients, 5 different questions each, as conversations; every answer matches the engine's."""
    n_clients, n_turns = 20, 5
    plans = [[QUESTIONS[(i + 3 * j) % len(QUESTIONS)] for j in range(n_turns)] for i in range(n_clients)]
    want = [[expected(bot, q, plan[:j]) for j, q in enumerate(plan)] for plan in plans]
    start = threading.Barrier(n_clients)
    latencies: list[float] = []

    def run(plan: list[str]) -> list[dict]:
        c = Client(server.url, verbose=False)
        start.wait(timeout=120)
        out = []
        for j, q in enumerate(plan):
            t = time.perf_counter()
            out.append(got(c.predict(q, plan[:j], api_name="/ask")))
            latencies.append(time.perf_counter() - t)
        return out

    with ThreadPoolExecutor(n_clients) as pool:
        results = list(pool.map(run, plans))
    for i, (res, exp) in enumerate(zip(results, want)):
        assert res == exp, f"client {i}"
    print(f"\n/ask under 20 concurrent clients: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms over {len(latencies)} calls")  # fmt: skip


# ---------------------------------------------------------------- HTTP routes


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_file_route_serves_nothing_from_repo_index_or_home(server):
    readme = ROOT / "README.md"
    bundled = next((ROOT / "index" / "data").glob("*.txt"))
    home = Path.home()
    secrets = {
        "README": (readme.read_bytes()[:200], [
            "../README.md", "README.md", "./README.md", str(readme), "%2e%2e/README.md", "..%2fREADME.md",
            "%2e%2e%2fREADME.md", "....//README.md", "..\\README.md", f"{ROOT}/tests/../README.md",
            f"%2F{str(readme).lstrip('/').replace('/', '%2F')}", "%252e%252e%252fREADME.md",
        ]),
        "app.py": ((ROOT / "app.py").read_bytes()[:200], ["app.py", "../app.py", str(ROOT / "app.py")]),
        "index": (bundled.read_bytes()[:200], [str(bundled), f"index/data/{bundled.name}", f"../index/data/{bundled.name}"]),
        "passwd": (b"root:", ["/etc/passwd", "../../../../../../etc/passwd", "%2Fetc%2Fpasswd",
                              "..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd"]),
        "home": (None, [str(home / ".bashrc"), str(home / ".profile"), "~/.bashrc", str(home)]),
    }  # fmt: skip
    base = server.url.rstrip("/")
    for name, (content, paths) in secrets.items():
        for path in paths:
            for route in ("/gradio_api/file=", "/file="):
                status, body = _get(base + route + path)
                leaked = status == 200 and (content is None or content in body)
                assert not leaked, f"{route}{path} served {name} ({status})"


# ---------------------------------------------------------------- rendering (in process)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(k for k, _ in attrs)


EVIL = (
    "Evil page\n\n"
    'This line has <img src=x onerror="alert(1)"> and <script>alert(2)</script> in it, '
    'a <a href="javascript:alert(3)">link</a>, ${alert(4)} and {{constructor}}.\n\n'
    "The water is deep and blue. It is very deep indeed & cold.\n"
)


@pytest.fixture(scope="module")
def app():
    """The app module, imported in this process. app.py configures the encoder when imported (it
    is the entry point); the rest of the suite keeps its own settings."""
    from index import embed

    with embed.configured():
        import app as module
    return module


def test_article_view_and_chat_messages_are_escaped(app):
    evil_bot = ArticleBot.from_text(EVIL, name='<b onmouseover="alert(5)">x.txt')
    ans = evil_bot.answer("What does this line have in it?")  # cites the line with the markup
    assert not ans.abstained
    history = [{"role": "user", "content": app.md_escape('<img src=x onerror="alert(6)">')}]
    history += app.reply_messages(ans, evil_bot)
    # Forged history (a client can send anything): offsets out of range or overlapping are harmless.
    history += [{"role": "assistant", "content": '[x](#s-0-999999 "Show in the article") [y](#s-5-3)'}]
    page = app.render_article(evil_bot, history)
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= {"div", "article", "p", "h2", "h3", "blockquote", "mark", "span"}
    assert parser.attrs <= {"class", "id", "data-n", "data-best", "aria-hidden"}
    assert "&lt;script&gt;" in page and "onerror=&quot;alert(1)&quot;" in page
    # The chat side: Markdown that shows the text as typed, no raw HTML.
    for s in ['<img src=x onerror="alert(1)">', "[a](javascript:alert(1))", "**bold** _x_ `c` # h", "a\\b & <i>"]:
        esc = app.md_escape(s)
        assert "<" not in esc and "](" not in esc
        assert app.md_unescape(esc) == s


def test_highlights_follow_the_offsets_newest_bright_older_faded(bot, app):
    a1 = bot.answer("What leverage does Trump have?")
    a2 = bot.answer("What is the Byungjin policy?")
    history = [{"role": "user", "content": "q1"}, *app.reply_messages(a1, bot),
               {"role": "user", "content": "q2"}, *app.reply_messages(a2, bot)]  # fmt: skip
    marks = app.history_marks(history)
    now = {(s, e) for s, e, cls, _ in marks if cls == "now"}
    old = {(s, e) for s, e, cls, _ in marks if cls == "old"}
    assert now == {(c.start, c.end) for c in a2.citations}
    assert old == {(c.start, c.end) for c in a1.citations} - now
    page = app.render_article(bot, history)
    for c in a2.citations:
        assert f'id="s-{c.start}-{c.end}" class="aq-now" data-n="{c.n}"' in page
        assert html.escape(bot.text[c.start : c.end]) in page
    # A question still waiting for its answer keeps the previous highlights.
    pending = history + [{"role": "user", "content": "q3"}]
    assert app.history_marks(pending) == marks


def test_sources_name_metadata_lines_in_words(bot, app):
    import dataclasses

    ans = bot.answer("What leverage does Trump have?")
    first = dataclasses.replace(ans.citations[0], n=1, paragraph=0, kind="standfirst", position=2)
    second = dataclasses.replace(ans.citations[0], n=2, paragraph=0, kind="byline", position=1)
    body = dataclasses.replace(ans.citations[0], n=3, paragraph=7)
    msgs = app.reply_messages(dataclasses.replace(ans, citations=(first, second, body)), bot)
    sources = next(m["content"] for m in msgs if (m.get("metadata") or {}).get("title", "").startswith("Sources"))
    assert "summary under the title, sentence 2:" in sources and "byline:" in sources and "¶ 7:" in sources
    assert "standfirst" not in sources


def test_server_log_has_no_traceback(server):
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log[-4000:]


def test_the_server_never_loads_torch_for_an_upload():
    """The app builds its article and uploads with the ONNX graphs: torch is never imported."""
    code = ("import sys, app\nidx = app.ArticleBot.from_text('A short upload. It has two sentences.').index\n"
            "print(idx.encoder, 'torch' in sys.modules)\n")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=ROOT)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-2:] == ["onnxruntime-int8", "False"], out.stdout
