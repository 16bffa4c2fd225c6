"""The command lines, as a user runs them: python -m bot / python -m index."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import SECOND_ARTICLE


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, input=stdin, timeout=180)


def test_bot_cli_text_and_json(tmp_path):
    p = run("-m", "bot", "What leverage does Trump have?")
    assert p.returncode == 0, p.stderr
    assert "[1]" in p.stdout and "Sources:" in p.stdout and "characters" in p.stdout
    assert "paragraph " in p.stdout or "summary under the title" in p.stdout
    assert "Traceback" not in p.stderr
    p = run("-m", "bot", "--json", "--history", "Who is Ri Yong-ho?", "Who did he meet?")
    d = json.loads(p.stdout)
    assert "Mike Pompeo" in d["citations"][0]["text"] and d["query"] != d["question"]


def test_bot_cli_declines_and_handles_bad_input():
    p = run("-m", "bot", "What is the population of North Korea?")
    assert p.returncode == 0
    assert (
        "does not give that figure" in p.stdout
        and "Nearest passages" in p.stdout
        and "[1]" not in p.stdout.split("Nearest")[0]
    )
    p = run("-m", "bot", "-", stdin="\x00\x01\x02")
    assert p.returncode == 0 and "Please type a question" in p.stdout


def test_index_build_then_bot_from_index(tmp_path):
    out = tmp_path / "idx"
    p = run("-m", "index", "build", str(SECOND_ARTICLE), "--out", str(out))
    assert p.returncode == 0, p.stderr
    assert (out / "manifest.json").exists()
    p = run("-m", "bot", "--index", str(out), "--json", "How much will the plant cost?")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["citations"]
    (out / "manifest.json").write_text("{not json")
    p = run("-m", "bot", "--index", str(out), "anything")
    assert p.returncode == 2 and "python -m index build" in p.stderr and "Traceback" not in p.stderr


def test_bad_article_file_is_a_message(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(bytes(range(256)) * 50)
    p = run("-m", "bot", "--article", str(f), "What?")
    assert p.returncode == 2 and "does not look like text" in p.stderr and "Traceback" not in p.stderr


def test_bot_cli_output_into_a_closed_pipe_ends_quietly():
    # `python -m bot ... | head -1`: the reader goes away before the answer is written.
    p = subprocess.Popen([sys.executable, "-m", "bot", "--json", "Why is the generals' meeting not a cause for concern?"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=180) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err
