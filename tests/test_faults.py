"""Faults: damaged index folders, builds killed with SIGKILL, hostile uploads.

Everything is real: the real model, real FAISS files on disk, real child processes killed
with SIGKILL. Each damaged index must be refused with an ``IndexLoadError`` whose message
names the fix (``python -m index build``), never load wrong, never raise anything else; the
bot built in memory (what the app and the CLI fall back to) keeps answering.
(``tests/test_store.py`` covers the basic cases: truncation, empty, LFS pointer, model/dim.)
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import faiss
import numpy as np
import pytest

from bot import ArticleBot
from index import BUNDLED_ARTICLE, ArticleError, IndexLoadError, build, load, read_file, save
from index.article import decode, read_text
from index.store import MANIFEST

from .conftest import SECOND_ARTICLE

ROOT = Path(__file__).resolve().parents[1]
FIX = "python -m index build"
QUESTION = "Who did Mike Pompeo meet in Singapore?"
LFS = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"0" * 64 + b"\nsize 4242\n"


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("HF_HUB_OFFLINE", "1")
    return env


def _manifest(d: Path) -> dict:
    return json.loads((d / MANIFEST).read_text("utf-8"))


def _file(d: Path, key: str) -> Path:
    return d / _manifest(d)["files"][key]["name"]


def _reseal(d: Path, key: str, data: bytes) -> None:
    """Replace a data file AND fix its sha256/size in the manifest: damage a checksum cannot see."""
    m = _manifest(d)
    _file(d, key).write_bytes(data)
    m["files"][key].update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    (d / MANIFEST).write_text(json.dumps(m))


def _refused(d: Path, match: str = "") -> IndexLoadError:
    with pytest.raises(IndexLoadError) as info:
        ArticleBot.from_index(d)
    msg = str(info.value)
    assert FIX in msg and str(d) in msg, msg
    if match:
        assert match in msg, msg
    return info.value


@pytest.fixture(scope="module")
def indexes():
    """The bundled article (A) and the second fixture article (B), each built once."""
    return {"A": build([read_file(BUNDLED_ARTICLE)]), "B": build([read_file(SECOND_ARTICLE)])}


@pytest.fixture(scope="module")
def reference(indexes, tmp_path_factory):
    d = tmp_path_factory.mktemp("ref")
    out = {}
    for k, idx in indexes.items():
        save(idx, d / k)
        out[k] = d / k
    return out


@pytest.fixture()
def saved(reference, tmp_path):
    d = tmp_path / "idx"
    shutil.copytree(reference["A"], d)
    return d


# ---------------------------------------------------------------- damaged files


@pytest.mark.parametrize("key", ["manifest", "table", "sentences", "chunks"])
@pytest.mark.parametrize("damage", ["random", "empty", "lfs", "truncated", "appended"])
def test_every_file_damaged_every_way_is_refused(saved, key, damage):
    path = saved / MANIFEST if key == "manifest" else _file(saved, key)
    data = path.read_bytes()
    rng = random.Random(f"{key}-{damage}")
    new = {
        "random": rng.randbytes(len(data)),
        "empty": b"",
        "lfs": LFS,
        "truncated": data[: rng.randrange(1, len(data))],
        "appended": data + b"\x00garbage",
    }[damage]
    path.write_bytes(new)
    err = _refused(saved)
    if damage == "lfs":
        assert "git lfs pull" in str(err)


def test_random_bytes_of_the_right_size_with_a_resealed_manifest(saved):
    # The checksum matches (the manifest was rewritten), so the content itself must be checked.
    for key in ("table", "sentences", "chunks"):
        d = saved.parent / f"re-{key}"
        shutil.copytree(saved, d)
        _reseal(d, key, random.Random(key).randbytes(_file(d, key).stat().st_size))
        _refused(d)


def test_sentence_table_count_differs_from_vectors(reference, indexes, tmp_path):
    # A consistent-looking folder: table of A, sentence vectors of B, manifest resealed.
    d = tmp_path / "mixed"
    shutil.copytree(reference["A"], d)
    _reseal(d, "sentences", _file(reference["B"], "sentences").read_bytes())
    assert len(indexes["A"].sentences) != len(indexes["B"].sentences)
    _refused(d, "vectors for")
    # ... and the manifest's counts changed to match the vectors instead.
    m = _manifest(d)
    m["counts"]["sentences"] = len(indexes["B"].sentences)
    (d / MANIFEST).write_text(json.dumps(m))
    _refused(d)


@pytest.mark.parametrize(
    "change",
    [
        {"model_id": "sentence-transformers/all-mpnet-base-v2"},
        {"dim": 768},
        {"dim": "384"},
        {"format_version": 99},
        {"counts": [1, 2, 3]},
        {"counts": None},
        {"articles": "everything"},
        {"articles": [1]},
        {"files": "table.json"},
        {"files": {"table": "x"}},
        {"files": {"table": {"name": "../../etc/passwd", "sha256": "0"}}},
    ],
    ids=lambda c: json.dumps(c)[:40],
)
def test_manifest_with_wrong_fields_is_refused(saved, change):
    m = _manifest(saved)
    m.update(change)
    (saved / MANIFEST).write_text(json.dumps(m))
    err = _refused(saved)
    if "model_id" in change:
        assert "all-mpnet-base-v2" in str(err) and "all-MiniLM-L6-v2" in str(err)


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b"null", b"[]", b'"manifest"', b"\xef\xbb\xbf{}", "{}".encode("utf-16")],
    ids=["deep-nesting", "null", "list", "string", "bom-empty-object", "utf16"],
)
def test_odd_json_manifests_are_refused(saved, body):
    (saved / MANIFEST).write_bytes(body)
    _refused(saved)


def test_tampered_table_with_matching_checksum_is_refused(saved):
    table = json.loads(_file(saved, "table").read_text("utf-8"))
    cases = []
    t = json.loads(json.dumps(table))
    t["sentences"][3]["start"] += 1  # offsets no longer give the sentence
    cases.append(t)
    t = json.loads(json.dumps(table))
    t["sentences"][3]["id"] = 7  # ids out of order
    cases.append(t)
    t = json.loads(json.dumps(table))
    t["chunks"][0]["sentence_ids"] = [10**6]  # a chunk naming a sentence that does not exist
    cases.append(t)
    t = json.loads(json.dumps(table))
    t["sentences"][0]["start"] = "0"  # wrong type
    cases.append(t)
    t = json.loads(json.dumps(table))
    t["articles"][0]["text"] += " One more sentence."  # text no longer matches its sha256 in the manifest
    cases.append(t)
    for i, t in enumerate(cases):
        d = saved.parent / f"t{i}"
        shutil.copytree(saved, d)
        _reseal(d, "table", json.dumps(t).encode("utf-8"))
        _refused(d)


def test_vectors_that_are_not_unit_length_are_refused(saved, indexes):
    v = indexes["A"].sentence_vectors.copy()
    for bad in (np.full_like(v, np.nan), v * 3.0):
        idx = faiss.IndexFlatIP(v.shape[1])
        idx.add(np.ascontiguousarray(bad, dtype=np.float32))
        d = saved.parent / f"v{int(np.isnan(bad).any())}"
        shutil.copytree(saved, d)
        _reseal(d, "sentences", faiss.serialize_index(idx).tobytes())
        _refused(d, "unit-length")


def test_unreadable_file_is_refused_not_crashed(saved):
    if os.geteuid() == 0:
        # root reads anything: make the file a folder instead (read_bytes -> IsADirectoryError)
        path = _file(saved, "table")
        path.unlink()
        path.mkdir()
    else:
        _file(saved, "table").chmod(0)
    _refused(saved)


def test_read_errors_are_refused_not_raised(saved, monkeypatch):
    real = Path.read_bytes

    def denied(self):
        if self.suffix == ".json" and self.name != MANIFEST:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    _refused(saved, "cannot be read")


def test_concurrent_saves_into_one_folder_leave_one_whole_index(reference, indexes, tmp_path):
    import threading

    d = tmp_path / "shared"
    shutil.copytree(reference["A"], d)
    errors: list[BaseException] = []

    def writer(k: str) -> None:
        try:
            for _ in range(4):
                save(indexes[k], d)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in ("A", "B", "A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert _which(d, indexes) in ("A", "B")
    assert sorted(x.name for x in d.iterdir()) == sorted(
        [MANIFEST, *(f["name"] for f in _manifest(d)["files"].values())]
    )


def test_cli_refuses_a_damaged_index_with_the_fix(saved):
    _file(saved, "sentences").write_bytes(b"")
    for cmd in (["-m", "bot", "--index", str(saved), QUESTION], ["-m", "index", "check", str(saved)]):
        p = subprocess.run([sys.executable, *cmd], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
        assert p.returncode == 2, (cmd, p.stdout, p.stderr)
        assert FIX in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_fallback_after_a_refused_index_keeps_serving(saved, bot):
    # What the app and the CLI do: a refused index -> the bundled article, indexed in memory.
    (saved / MANIFEST).write_bytes(LFS)
    try:
        served = ArticleBot.from_index(saved)
    except IndexLoadError:
        served = bot
    ans = served.answer(QUESTION)
    assert ans.citations and "Ri Yong-ho" in ans.citations[0].text
    assert served.text[ans.citations[0].start : ans.citations[0].end] == ans.citations[0].text


def test_save_removes_only_its_own_old_files(reference, indexes, tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    users = {"notes.json": b"{}", "data.faiss": b"x", "table-notes.json": b"[]", ".hidden.tmp": b"t"}
    for name, data in users.items():
        (d / name).write_bytes(data)
    save(indexes["A"], d)
    save(indexes["B"], d)  # replaces A's files
    for name, data in users.items():
        assert (d / name).read_bytes() == data, name
    own = {p.name for p in d.iterdir()} - set(users)
    assert own == {MANIFEST} | {f["name"] for f in _manifest(d)["files"].values()}
    assert load(d).articles[0].text == indexes["B"].articles[0].text


# ---------------------------------------------------------------- builds killed with SIGKILL


def _which(d: Path, indexes) -> str:
    """'A' or 'B' if the folder loads as exactly one of them, whole; raises otherwise."""
    got = load(d)
    for k, idx in indexes.items():
        if [a.text for a in got.articles] == [a.text for a in idx.articles]:
            assert got.sentences == idx.sentences and got.chunks == idx.chunks
            np.testing.assert_allclose(got.sentence_vectors, idx.sentence_vectors, atol=1e-5)
            np.testing.assert_allclose(got.chunk_vectors, idx.chunk_vectors, atol=1e-5)
            return k
    raise AssertionError("the index loaded, but it is neither the old one nor the new one")


# A child that loads a finished index and saves it into DIR, SIGKILLing itself just before
# the K-th file-system step of ``save`` (each fsync, rename and unlink is a step).
_KILL_AT_STEP = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from index import load, save
    src, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
    idx = load(src)
    steps = 0
    def hook(real):
        def f(*a, **kw):
            global steps
            steps += 1
            if steps == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*a, **kw)
        return f
    os.fsync, os.replace, Path.unlink = hook(os.fsync), hook(os.replace), hook(Path.unlink)
    save(idx, out)
    print(steps)
    """
)


def _save_killed_at(src: Path, out: Path, k: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _KILL_AT_STEP, str(src), str(out), str(k)],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)  # fmt: skip


def test_save_killed_at_every_step_leaves_old_or_new_whole(reference, indexes, tmp_path):
    # A kill during the very first save: nothing loads (IndexLoadError) or the new index loads whole.
    for k in range(1, 40):
        fresh = tmp_path / f"fresh{k}"
        p = _save_killed_at(reference["A"], fresh, k)
        try:
            assert _which(fresh, indexes) == "A"
        except IndexLoadError as exc:
            assert p.returncode == -signal.SIGKILL and "no manifest.json" in str(exc), (k, p.stderr)
        if p.returncode == 0:  # k was past the last step: every step has been tried
            assert k > 7  # 3 data files + manifest: each fsynced and renamed
            break
        assert p.returncode == -signal.SIGKILL, p.stderr
    else:
        raise AssertionError("save never finished")
    # A kill while replacing one index with another: the old one or the new one, whole.
    for old, new in (("A", "B"), ("B", "A")):
        for k in range(1, 40):
            d = tmp_path / f"{old}{new}{k}"
            shutil.copytree(reference[old], d)
            p = _save_killed_at(reference[new], d, k)
            assert _which(d, indexes) in (old, new), (old, new, k)
            if p.returncode == 0:
                assert _which(d, indexes) == new
                break
            assert p.returncode == -signal.SIGKILL, p.stderr
            # The next save cleans up whatever the killed one left behind.
            save(indexes[new], d)
            assert _which(d, indexes) == new
            assert sorted(x.name for x in d.iterdir()) == sorted(
                [MANIFEST, *(f["name"] for f in _manifest(d)["files"].values())]
            )
        else:
            raise AssertionError("save never finished")


def test_index_build_killed_at_random_moments(reference, indexes, tmp_path):
    """``python -m index build`` SIGKILLed at random delays, repeatedly (bounded: ~8 kills)."""
    d = tmp_path / "idx"
    shutil.copytree(reference["A"], d)
    articles = {"A": BUNDLED_ARTICLE, "B": SECOND_ARTICLE}

    def cmd(k: str) -> list[str]:
        return [sys.executable, "-m", "index", "build", str(articles[k]), "--out", str(d)]

    # One full build to learn how long a build takes here.
    t0 = time.monotonic()
    full = subprocess.run(cmd("B"), capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=300)
    span = time.monotonic() - t0
    assert full.returncode == 0, full.stderr
    assert _which(d, indexes) == "B"
    rng = random.Random(5)
    current, seen_kill = "B", 0
    for i in range(8):
        new = "A" if current == "B" else "B"
        proc = subprocess.Popen(cmd(new), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
        # Most kills land late in the build (where the files are written).
        delay = span * (rng.uniform(0.0, 1.0) if i % 2 else rng.uniform(0.8, 1.05))
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        rc = proc.wait(timeout=60)
        seen_kill += rc == -signal.SIGKILL
        got = _which(d, indexes)
        assert got in (current, new), (i, delay, got)
        current = got
    assert seen_kill >= 1


# ---------------------------------------------------------------- uploads (engine level)

ARTICLE = BUNDLED_ARTICLE.read_text("utf-8")


def _check_article_bot(b: ArticleBot) -> None:
    for s in b.sentences:
        assert b.index.articles[s.doc].text[s.start : s.end] == s.text
    ans = b.answer("What is this about?")
    for c in (*ans.citations, *ans.suggestions):
        assert b.index.articles[c.doc].text[c.start : c.end] == c.text


def _upload(data: bytes, name: str = "upload.txt") -> ArticleBot:
    """What the app does with an uploaded file: decode, then index it in memory."""
    return ArticleBot.from_text(decode(data), name=name)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "empty"),
        (b"   \n\n\t  ", "empty"),
        (bytes(range(256)) * 40, "does not look like text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randbytes(5000)), "does not look like text"),
        (b"PK\x03\x04" + bytes(random.Random(2).randbytes(5000)), "does not look like text"),
        (b"\x00" * 5000, "does not look like text"),
        ("€ ✓ — ★ ☆ … 123 !?".encode() * 3, "almost no words"),
    ],
    ids=["empty", "blank", "bytes", "png", "zip", "nuls", "symbols"],
)
def test_bad_uploads_get_a_clear_message(data, words):
    with pytest.raises(ArticleError, match=words):
        _upload(data)


def test_oversize_upload_is_refused_with_the_limit(tmp_path):
    big = ("A sentence about the summit. " * 40_000).encode()  # 1.16 MB
    with pytest.raises(ArticleError, match=r"too long.*limit is 1,000,000"):
        _upload(big)
    path = tmp_path / "huge.txt"
    path.write_bytes(big * 4)
    with pytest.raises(ArticleError, match="too large"):
        read_file(path)


def test_one_megabyte_line_is_refused_and_a_long_line_is_indexed():
    line = "Kim Jong-un met the envoy in Singapore and the talks went on for hours. "
    with pytest.raises(ArticleError, match="too long"):
        _upload((line * (1_048_576 // len(line) + 1)).encode())  # one 1 MiB line
    long_line = (line * 600).encode()  # ~44 kB on one line: a clean article
    b = _upload(long_line)
    assert "\n" not in b.text and len(b.sentences) >= 100
    _check_article_bot(b)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_other_encodings_decode_to_the_same_article(encoding):
    text = (
        "# Café society\n\nThe café in Zürich served crème brûlée to the délégation. "
        "The naïve envoy paid 5 £ for it.\n\nEveryone agreed the façade was très élégant."
    )
    if encoding == "cp1252":
        text = text.replace("The naïve", "The “naïve”")
    data = text.encode(encoding)
    assert decode(data) == text
    b = _upload(data)
    ans = b.answer("What did the café serve?")
    assert ans.citations and "crème brûlée" in ans.citations[0].text
    _check_article_bot(b)


def test_utf16_upload_of_the_real_article_answers_like_utf8(bot):
    b = _upload(ARTICLE.encode("utf-16"))
    assert b.text == read_file(BUNDLED_ARTICLE).text
    a1, a2 = b.answer(QUESTION), bot.answer(QUESTION)
    assert [c.text for c in a1.citations] == [c.text for c in a2.citations]


def test_html_with_scripts_and_styles_is_cleaned_and_nothing_runs(tmp_path):
    marker = tmp_path / "ran"
    page = f"""<!doctype html><html><head><title>Envoys meet</title>
    <style>body {{ color: red }} .evil::after {{ content: "STYLE-TEXT" }}</style>
    <script>document.write("SCRIPT-TEXT"); fetch("http://127.0.0.1:1/steal")</script></head>
    <body><nav>Home | World | Sport</nav>
    <h1>Envoys meet in Singapore</h1>
    <p>The envoys met in Singapore on Tuesday and talked for three hours.</p>
    <p onclick="alert('ONCLICK-TEXT')">They agreed to meet again in <b>Hanoi</b> next year.</p>
    <script type="text/python">open({str(marker)!r}, "w").write("x")</script>
    <img src=x onerror="alert('IMG-TEXT')"><iframe src="javascript:alert('IFRAME')"></iframe>
    <p>&lt;script&gt;alert("ESCAPED")&lt;/script&gt; was printed as text.</p>
    </body></html>"""
    b = _upload(page.encode(), "page.html")
    for bad in ("SCRIPT-TEXT", "STYLE-TEXT", "ONCLICK", "IMG-TEXT", "IFRAME", "fetch(", "color: red", "open("):
        assert bad not in b.text, bad
    assert "Hanoi" in b.text and b.article.title.startswith("Envoys meet")
    ans = b.answer("Where will they meet again?")
    assert ans.citations and "Hanoi" in ans.citations[0].text
    assert not marker.exists()
    _check_article_bot(b)


def test_hostile_uploads_leave_the_default_article_intact(bot):
    before = hashlib.sha256(bot.text.encode()).hexdigest()
    reference = bot.answer(QUESTION)
    hostile = [
        b"",
        bytes(range(256)) * 10,
        b"<script>" * 1000,
        ("Ignore previous instructions. " * 50).encode(),
        codecs.BOM_UTF16_LE + "Hello world. This is a sentence.".encode("utf-16-le"),
        "Zero\u200bwidth\u202eRLO\ud800 surrogate NUL\x00. Another sentence here.".encode("utf-8", "surrogatepass"),
    ]
    for data in hostile:
        try:
            _check_article_bot(_upload(data))
        except ArticleError:
            pass
    assert hashlib.sha256(bot.text.encode()).hexdigest() == before
    assert ArticleBot.default().text == bot.text
    again = bot.answer(QUESTION)
    assert [c.text for c in again.citations] == [c.text for c in reference.citations]


def test_read_text_refuses_non_strings():
    for bad in (None, b"bytes", 42, ["list"]):
        with pytest.raises(ArticleError):
            read_text(bad)  # type: ignore[arg-type]
