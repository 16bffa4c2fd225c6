"""Load test of the running app through ``gradio_client``: ``python -m eval.load``.

What it does (loopback only, bounded in time and in requests, stops by itself):
1. Starts ``python app.py`` on a free 127.0.0.1 port (``GRADIO_SERVER_PORT``), unless
   ``--url`` names an app already running on this machine (the host must be loopback).
2. Reference pass, one client, nothing else running: every conversation of the QA set
   (``eval/qa.jsonl``: questions with their follow-up history) is asked once through the
   ``/ask`` API, and every upload payload is sent once. These are the answers each
   question gets *when asked alone*.
3. Load: ``--sessions`` concurrent sessions (one ``gradio_client.Client`` each, so one
   Gradio session each) for ``--seconds`` or ``--max-requests``, whichever comes first.
   Each session walks the conversations in its own shuffled order, asking every turn with
   the earlier questions as history (follow-ups), and every ``--upload-every``-th
   conversation uploads an article first (good articles, HTML with scripts, Latin-1,
   UTF-16, empty and binary files) through the page's own upload event, the one the
   browser calls (gradio_client hides it as a private endpoint; the script calls it by
   its index). Every reply is compared with the reference: a different answer is cross-talk.
4. Reports answers/s, latency p50/p95/p99 (wall-clock per request at the client, so it
   includes the client's own overhead on this same machine), errors, mismatches, and
   the app process's resident memory (RSS, with its children) after the reference pass
   and at the end. Exit 1 if there were errors or mismatches or memory grew >= 10 %.

Limits: the client runs on the same 2 cores as the app, so both compete for CPU; the
numbers are for this machine (printed with it). Answers are compared field by field
(text, citations, abstained, reason, query, note, suggestions).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_QA = ROOT / "eval" / "qa.jsonl"
FIXTURE = ROOT / "tests" / "fixtures" / "second_article.md"
COMPARED = ("text", "citations", "abstained", "reason", "query", "note", "suggestions")
UPLOAD_ENDPOINT = "/use_file"


# ---------------------------------------------------------------- helpers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_loopback_url(url: str) -> bool:
    host = urllib.parse.urlparse(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0, "n": 0}
    s = sorted(values)

    def q(p: float) -> float:
        return round(s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))], 1)

    return {"p50": round(statistics.median(s), 1), "p95": q(95), "p99": q(99), "max": round(s[-1], 1), "n": len(s)}


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of a process and its children, in MB (None when unknown)."""
    if not pid:
        return None
    try:
        import psutil

        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
        return round(sum(x.memory_info().rss for x in procs if x.is_running()) / 2**20, 1)
    except Exception:  # noqa: BLE001 - the process may be gone; memory is then unknown
        return None


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of a process and its children so far (None when unknown)."""
    if not pid:
        return None
    try:
        import psutil

        p = psutil.Process(pid)
        total = 0.0
        for x in [p, *p.children(recursive=True)]:
            t = x.cpu_times()
            total += t.user + t.system
        return total
    except Exception:  # noqa: BLE001 - the process may be gone
        return None


def pid_listening_on(port: int) -> int | None:
    try:
        import psutil

        for c in psutil.net_connections(kind="tcp"):
            if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN and c.pid:
                return c.pid
    except Exception:  # noqa: BLE001 - needs privileges on some systems
        return None
    return None


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        mem = None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem, "python": platform.python_version(),
            "os": platform.platform(terse=True), "load_avg_1m_at_start": load}  # fmt: skip


# ---------------------------------------------------------------- the app


class App:
    """``python app.py`` on a free loopback port; stopped (SIGTERM, then SIGKILL) on exit.

    The app inherits this environment and, as an entry point, reads ``ARTICLE_QA_ENCODER`` /
    ``ARTICLE_QA_CACHE`` itself; nothing here encodes, so nothing here configures the encoder.
    """

    def __init__(self, timeout: float = 180.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ)
        env.update(GRADIO_SERVER_PORT=str(self.port), GRADIO_SERVER_NAME="127.0.0.1", GRADIO_ANALYTICS_ENABLED="False",
                   HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")  # fmt: skip
        self.log = tempfile.NamedTemporaryFile("w+", prefix="article-qa-app-", suffix=".log", delete=False)  # noqa: SIM115
        t0 = time.monotonic()
        self.proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}; log: {self.tail()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:  # noqa: S310 - loopback URL we built
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() - t0 > timeout:
                self.stop()
                raise RuntimeError(f"app.py did not answer on {self.url} within {timeout:.0f} s; log: {self.tail()}")
            time.sleep(0.25)
        self.start_seconds = round(time.monotonic() - t0, 2)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def tail(self, n: int = 2000) -> str:
        try:
            return Path(self.log.name).read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group we started (start_new_session)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


# ---------------------------------------------------------------- work


@dataclass(frozen=True)
class Turn:
    question: str
    history: tuple[str, ...]

    @property
    def key(self) -> str:
        return json.dumps([self.question, list(self.history)], ensure_ascii=False)


def conversations(qa_file: Path) -> list[list[Turn]]:
    """Each QA item as a conversation: its history questions, then its question (follow-ups)."""
    from eval.qaset import load_qa

    out = []
    for item in load_qa(qa_file):
        qs = [*item.history, item.question]
        out.append([Turn(q, tuple(qs[:i])) for i, q in enumerate(qs)])
    return out


def upload_payloads(folder: Path) -> list[Path]:
    """Files a user might upload: good articles and bad ones (each must get a clear status)."""
    folder.mkdir(parents=True, exist_ok=True)
    good = FIXTURE.read_text("utf-8") if FIXTURE.is_file() else "# Talks\n\nKim met Moon in April. They talked.\n"
    files = {
        "second_article.md": good.encode("utf-8"),
        "latin1.txt": (
            "# Café talks\n\nThe délégation met in Zürich and ate crème brûlée. They agreed to meet again.\n"
        ).encode("latin-1"),  # fmt: skip
        "utf16.txt": good[:3000].encode("utf-16"),
        "page.html": (
            b"<html><head><title>Envoys</title><style>p{color:red}</style>"
            b"<script>alert('x')</script></head><body><h1>Envoys meet</h1>"
            b"<p>The envoys met in Singapore and talked for three hours.</p>"
            b"<p>They agreed to meet again next year.</p></body></html>"
        ),  # fmt: skip
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 20,
    }
    paths = []
    for name, data in files.items():
        p = folder / name
        p.write_bytes(data)
        paths.append(p)
    return paths


def _client(url: str):
    from gradio_client import Client

    c = Client(url, verbose=False, download_files=False)
    upload_index = None
    for i, e in c.endpoints.items():
        if e.api_name == UPLOAD_ENDPOINT:
            e.is_valid = True  # the page's own upload event (private for the API): call it as the browser does
            upload_index = i
    return c, upload_index


def ask(client, turn: Turn) -> dict:
    return client.predict(turn.question, list(turn.history), api_name="/ask")


def upload(client, index: int, path: Path) -> str:
    """The status line the page shows after an upload."""
    from gradio_client import handle_file

    out = client.predict(handle_file(str(path)), fn_index=index)
    out = out if isinstance(out, list | tuple) else [out]
    texts = [x for x in out if isinstance(x, str) and ("article" in x.lower())]
    return texts[-1] if texts else json.dumps(out, default=str)[:300]


def comparable(ans: dict) -> dict:
    return {k: ans.get(k) for k in COMPARED}


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    upload_latencies: list[float] = field(default_factory=list)
    answers: int = 0
    uploads: int = 0
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run_session(sid: int, url: str, convs: list[list[Turn]], expected: dict, uploads: list[Path],
                upload_status: dict, upload_every: int, stop: threading.Event, budget: list[int],
                stats: Stats, seed: int) -> None:  # fmt: skip
    rng = random.Random(seed * 1000 + sid)
    try:
        client, up_idx = _client(url)
    except Exception as exc:  # noqa: BLE001 - counted and reported
        with stats.lock:
            stats.errors.append(f"session {sid}: could not connect: {type(exc).__name__}: {exc}")
        return
    order = list(range(len(convs)))
    n_conv = 0
    while not stop.is_set():
        rng.shuffle(order)
        for ci in order:
            if stop.is_set():
                break
            n_conv += 1
            steps: list[tuple[str, object]] = []
            if upload_every and up_idx is not None and uploads and (n_conv + sid) % upload_every == 0:
                steps.append(("upload", rng.choice(uploads)))
            steps += [("ask", t) for t in convs[ci]]
            for kind, item in steps:
                with stats.lock:
                    if budget[0] <= 0:
                        stop.set()
                    budget[0] -= 1
                if stop.is_set():
                    return
                t0 = time.perf_counter()
                try:
                    if kind == "ask":
                        got = comparable(ask(client, item))  # type: ignore[arg-type]
                        ok = got == expected[item.key]  # type: ignore[union-attr]
                        what = f"ask {item.question!r} history={list(item.history)!r}"  # type: ignore[union-attr]
                    else:
                        got = upload(client, up_idx, item)  # type: ignore[arg-type]
                        ok = got == upload_status[item.name]  # type: ignore[union-attr]
                        what = f"upload {item.name}"  # type: ignore[union-attr]
                except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                    with stats.lock:
                        stats.errors.append(f"session {sid}: {kind}: {type(exc).__name__}: {str(exc)[:200]}")
                    continue
                ms = (time.perf_counter() - t0) * 1000
                with stats.lock:
                    if kind == "ask":
                        stats.latencies.append(ms)
                        stats.answers += 1
                    else:
                        stats.upload_latencies.append(ms)
                        stats.uploads += 1
                    if not ok:
                        stats.mismatches.append(
                            f"session {sid}: {what}: got {json.dumps(got, ensure_ascii=False)[:300]}"
                        )


def run(url: str | None = None, sessions: int = 50, seconds: float = 60.0, max_requests: int = 100_000,
        upload_every: int = 8, qa_file: Path = DEFAULT_QA, seed: int = 0, pid: int | None = None,
        log=print) -> dict:  # fmt: skip
    """Start the app if needed, run the reference pass and the load; return the report."""
    app = None
    if url is None:
        log("starting python app.py on a free loopback port ...")
        app = App()
        url, pid = app.url, app.pid
        log(f"app ready at {url} after {app.start_seconds} s (pid {pid})")
    elif not is_loopback_url(url):
        raise SystemExit(f"refusing {url}: the load test only targets this machine (127.0.0.0/8, ::1, localhost)")
    else:
        pid = pid or pid_listening_on(urllib.parse.urlparse(url).port or 80)
    try:
        convs = conversations(qa_file)
        with tempfile.TemporaryDirectory(prefix="article-qa-load-") as tmp:
            uploads = upload_payloads(Path(tmp))
            client, up_idx = _client(url)
            t0 = time.perf_counter()
            expected: dict[str, dict] = {}
            for conv in convs:
                for turn in conv:
                    if turn.key not in expected:
                        expected[turn.key] = comparable(ask(client, turn))
            upload_status: dict[str, str] = {}
            if up_idx is None:
                log(f"note: the app has no {UPLOAD_ENDPOINT} event; the load runs without uploads")
            else:
                for p in uploads:
                    upload_status[p.name] = upload(client, up_idx, p)
            ref_s = time.perf_counter() - t0
            log(f"reference pass: {len(expected)} questions asked alone, {len(upload_status)} uploads, {ref_s:.1f} s")
            rss_start = rss_mb(pid)
            cpu_app0, cpu_me0 = cpu_seconds(pid), time.process_time()
            stats = Stats()
            stop = threading.Event()
            budget = [max_requests]
            threads = [
                threading.Thread(
                    target=run_session,
                    daemon=True,
                    name=f"session-{i}",
                    args=(i, url, convs, expected, uploads, upload_status, upload_every, stop, budget, stats, seed),
                )  # fmt: skip
                for i in range(sessions)
            ]
            log(f"load: {sessions} sessions for {seconds:g} s (at most {max_requests} requests) ...")
            t_start = time.perf_counter()
            for t in threads:
                t.start()
            deadline = t_start + seconds
            while time.perf_counter() < deadline and not stop.is_set():
                time.sleep(0.1)
            stop.set()
            for t in threads:
                t.join(timeout=120)  # in-flight requests finish
            elapsed = time.perf_counter() - t_start
            stuck = sum(t.is_alive() for t in threads)
            rss_end = rss_mb(pid)
            cpu_app1, cpu_me = cpu_seconds(pid), time.process_time() - cpu_me0
    finally:
        if app is not None:
            app.stop()
    growth = round(100 * (rss_end - rss_start) / rss_start, 1) if rss_start and rss_end else None
    report = {
        "url": url, "app_started_by_script": app is not None,
        "app_start_seconds": app.start_seconds if app else None,
        "sessions": sessions, "seconds": round(elapsed, 1), "max_requests": max_requests,
        "distinct_questions": len(expected), "upload_payloads": len(upload_status),
        "answers": stats.answers, "uploads": stats.uploads,
        "answers_per_s": round(stats.answers / elapsed, 1) if elapsed else 0.0,
        "latency_ms": percentiles(stats.latencies), "upload_latency_ms": percentiles(stats.upload_latencies),
        "errors": len(stats.errors), "mismatches": len(stats.mismatches), "stuck_sessions": stuck,
        "error_samples": stats.errors[:10], "mismatch_samples": stats.mismatches[:10],
        "memory_mb": {"start": rss_start, "end": rss_end, "growth_pct": growth},
        "cpu_seconds": {"app": round(cpu_app1 - cpu_app0, 1) if cpu_app0 is not None and cpu_app1 is not None else None,
                        "load_client": round(cpu_me, 1)},
        "machine": machine(),
    }  # fmt: skip
    report["ok"] = bool(
        stats.answers and not stats.errors and not stats.mismatches and not stuck and (growth is None or growth < 10)
    )
    return report


def format_report(r: dict) -> str:
    lat, up, mem = r["latency_ms"], r["upload_latency_ms"], r["memory_mb"]
    lines = [
        f"sessions {r['sessions']}, {r['seconds']} s, {r['distinct_questions']} distinct questions (with follow-ups)",
        f"answers {r['answers']} ({r['answers_per_s']}/s), uploads {r['uploads']}",
        f"answer latency ms: p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  max {lat['max']}",
        f"upload latency ms: p50 {up['p50']}  p95 {up['p95']}  max {up['max']}",
        f"errors {r['errors']}, answers different from asked-alone (cross-talk) {r['mismatches']}, "
        f"stuck sessions {r['stuck_sessions']}",
        f"app memory (RSS) MB: start {mem['start']}  end {mem['end']}  growth {mem['growth_pct']} %",
        f"CPU seconds during the load: app {r['cpu_seconds']['app']}, this client {r['cpu_seconds']['load_client']} "
        f"(wall {r['seconds']} s, {r['machine']['cores']} cores shared)",
        f"machine: {r['machine']['cpu']}, {r['machine']['cores']} cores, {r['machine']['memory_gb']} GB, "
        f"Python {r['machine']['python']}",
        "OK" if r["ok"] else "FAILED",
    ]
    for s in r["error_samples"] + r["mismatch_samples"]:
        lines.append(f"  {s}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.load", description=__doc__.splitlines()[0])
    p.add_argument("--url", help="an app already running on this machine (default: start python app.py)")
    p.add_argument("--pid", type=int, help="the app's process id, for memory (default: found by port)")
    p.add_argument("--sessions", type=int, default=50)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--max-requests", type=int, default=100_000, help="stop after this many requests in all")
    p.add_argument("--upload-every", type=int, default=8, help="each session uploads before every N-th "
                   "conversation (0: never)")  # fmt: skip
    p.add_argument("--qa", type=Path, default=DEFAULT_QA)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", type=Path, help="write the report as JSON")
    a = p.parse_args(argv)
    if a.sessions < 1 or a.seconds <= 0 or a.seconds > 3600 or a.max_requests < 1:
        p.error("--sessions >= 1, 0 < --seconds <= 3600, --max-requests >= 1")
    r = run(a.url, a.sessions, a.seconds, a.max_requests, a.upload_every, a.qa, a.seed, a.pid,
            log=lambda s: print(s, file=sys.stderr, flush=True))  # fmt: skip
    print(format_report(r))
    if a.json:
        a.json.write_text(json.dumps(r, indent=2, ensure_ascii=False))
    return 0 if r["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
