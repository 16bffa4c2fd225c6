"""Index files: build/save/load round trip; corrupt or mismatched indexes refused with the fix named."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from bot import ArticleBot
from index import BUNDLED_ARTICLE, IndexLoadError, build, load, read_file, save
from index.store import MANIFEST

from .conftest import SECOND_ARTICLE


@pytest.fixture(scope="module")
def built():
    return build([read_file(BUNDLED_ARTICLE), read_file(SECOND_ARTICLE)])


@pytest.fixture()
def saved(built, tmp_path):
    save(built, tmp_path / "idx")
    return tmp_path / "idx"


def manifest(d):
    return json.loads((d / MANIFEST).read_text())


def test_round_trip(built, saved):
    again = load(saved)
    assert again.sentences == built.sentences
    assert again.chunks == built.chunks
    assert [a.text for a in again.articles] == [a.text for a in built.articles]
    assert [a.title for a in again.articles] == [a.title for a in built.articles]
    np.testing.assert_allclose(again.sentence_vectors, built.sentence_vectors, atol=1e-6)
    np.testing.assert_allclose(again.chunk_vectors, built.chunk_vectors, atol=1e-6)
    m = manifest(saved)
    assert m["model_id"] == "sentence-transformers/all-MiniLM-L6-v2" and m["dim"] == 384
    assert m["counts"] == {"articles": 2, "sentences": len(built.sentences), "chunks": len(built.chunks)}
    assert {"table", "sentences", "chunks"} == set(m["files"])
    assert not list(saved.glob("*.tmp")) and not list(saved.glob("*.pkl"))


def test_bot_from_index_answers_like_in_memory(saved):
    b = ArticleBot.from_index(saved)
    ans = b.answer("Who did Mike Pompeo meet in Singapore?")
    assert ans.citations and "Ri Yong-ho" in ans.citations[0].text
    for c in ans.citations:
        assert b.index.articles[c.doc].text[c.start : c.end] == c.text


def test_saving_again_replaces_old_files(built, saved):
    save(built, saved)
    names = {p.name for p in saved.iterdir() if not p.name.startswith(".")}
    assert names == {MANIFEST} | {f["name"] for f in manifest(saved)["files"].values()}


def test_manifest_naming_another_model_is_refused(saved):
    m = manifest(saved)
    m["model_id"] = "someone/other-model"
    (saved / MANIFEST).write_text(json.dumps(m))
    with pytest.raises(IndexLoadError, match=r"other-model.*python -m index build"):
        load(saved)


def test_manifest_naming_another_dimension_is_refused(saved):
    m = manifest(saved)
    m["dim"] = 768
    (saved / MANIFEST).write_text(json.dumps(m))
    with pytest.raises(IndexLoadError, match="dim 768"):
        load(saved)


@pytest.mark.parametrize("key", ["sentences", "chunks", "table"])
def test_truncated_file_is_refused(saved, key):
    path = saved / manifest(saved)["files"][key]["name"]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexLoadError, match=r"truncated or changed.*Rebuild it with: python -m index build"):
        load(saved)


def test_empty_and_lfs_pointer_files_are_refused(saved):
    path = saved / manifest(saved)["files"]["sentences"]["name"]
    path.write_bytes(b"")
    with pytest.raises(IndexLoadError, match="empty"):
        load(saved)
    path.write_bytes(b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n")
    with pytest.raises(IndexLoadError, match="Git LFS pointer"):
        load(saved)


def test_count_mismatch_is_refused_even_with_matching_hashes(built, tmp_path):
    # A table with one sentence fewer than the vectors, saved with a consistent manifest.
    d = tmp_path / "bad"
    save(built, d)
    m = manifest(d)
    m["counts"]["sentences"] -= 1
    (d / MANIFEST).write_text(json.dumps(m))
    with pytest.raises(IndexLoadError, match="counts differ"):
        load(d)


def test_missing_folder_and_garbage_manifest(tmp_path, saved):
    with pytest.raises(IndexLoadError, match="does not exist"):
        load(tmp_path / "nowhere")
    (saved / MANIFEST).write_bytes(b"\x00\xff garbage")
    with pytest.raises(IndexLoadError, match="not valid JSON"):
        load(saved)
    shutil.rmtree(saved)
    saved.mkdir()
    with pytest.raises(IndexLoadError, match="no manifest.json"):
        load(saved)
