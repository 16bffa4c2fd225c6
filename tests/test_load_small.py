"""A small version of ``python -m eval.load``: the real app, real gradio_client sessions, uploads.

It starts ``python app.py`` on a free loopback port, asks a slice of the QA set (with its
follow-ups) once alone, then from a few concurrent sessions while they also upload
articles, and checks: zero errors, every answer equal to the one asked alone (no
cross-talk between sessions), uploads answered with their status, the app stopped.
No timing is asserted (numbers depend on the machine); the full run is the benchmark's.
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("gradio_client")
pytest.importorskip("psutil")

from eval import load  # noqa: E402


@pytest.fixture()
def small_qa(tmp_path):
    lines = [json.loads(x) for x in load.DEFAULT_QA.read_text("utf-8").splitlines() if x.strip()]
    follow = [x for x in lines if x.get("history")][:8]
    plain = [x for x in lines if not x.get("history")][:12]
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in plain + follow), "utf-8")
    return path


def test_small_load_has_no_errors_and_no_cross_talk(small_qa):
    r = load.run(sessions=4, seconds=6, max_requests=400, upload_every=2, qa_file=small_qa, log=lambda s: None)
    assert r["errors"] == 0, r["error_samples"]
    assert r["mismatches"] == 0, r["mismatch_samples"]
    assert r["stuck_sessions"] == 0
    assert r["answers"] > 0 and r["uploads"] > 0
    assert r["distinct_questions"] >= 20  # follow-ups add their earlier turns
    assert r["upload_payloads"] == 6
    assert r["memory_mb"]["start"] and r["memory_mb"]["end"]
    assert r["app_started_by_script"]
    assert load.format_report(r).splitlines()[-1] == "OK"


def test_refuses_anything_but_loopback():
    assert load.is_loopback_url("http://127.0.0.1:7860/")
    assert load.is_loopback_url("http://localhost:7860/")
    assert not load.is_loopback_url("http://10.0.0.1:7860/")
    assert not load.is_loopback_url("http://192.168.1.1/")
    with pytest.raises(SystemExit, match="refusing"):
        load.run(url="http://10.1.2.3:7860/", sessions=1, seconds=1, log=lambda s: None)
