"""The searchable index: articles, sentence table, chunks, vectors, FAISS; ``save``/``load`` mirror each other.

On disk a folder holds:
- ``manifest.json``: format version, model id, dimension, faiss version, counts, the
  sha256 of every article text and of every other file, and the file names;
- ``table-<hash>.json``: articles (text, blocks, metadata), sentences and chunks;
- ``sentences-<hash>.faiss`` and ``chunks-<hash>.faiss``: flat inner-product indexes
  (vectors are normalised, so inner product = cosine); the vectors are read back from them.
  Above ``Config.ann_above`` vectors the search runs on an IVF index (``search_index``);
  the files stay flat (the vectors only) and ``load`` builds the search structure again.
No pickle. Writes are crash-safe: data files get content-addressed names and are written
to a temp file, fsync'ed and renamed; the manifest, which names them, is replaced last
the same way. A build killed at any point leaves either the old manifest (whose files are
still there) or the new one (whose files are complete). Old files are removed afterwards.
``load`` checks everything the manifest promises and raises IndexLoadError otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

import faiss
import numpy as np

from index.article import Article, Block
from index.chunks import Chunk, make_chunks
from index.config import DEFAULT, FORMAT_VERSION, Config
from index.embed import encode_many
from index.errors import IndexLoadError
from index.sentences import Sentence, split_sentences

MANIFEST = "manifest.json"
# The only files ``save`` ever removes: its own data files and temp files (never a user's files
# that happen to sit in the folder given with --out).
_OWN_FILE = re.compile(r"^(?:table|sentences|chunks)-[0-9a-f]{16}\.(?:json|faiss)$")
_OWN_TMP = re.compile(r"^\.(?:manifest\.json|(?:table|sentences|chunks)-[0-9a-f]{16}\.(?:json|faiss))\..+\.tmp$")


@dataclass
class Index:
    """Everything the bot searches. ``sentences[i].id == i`` and ``chunks[j].id == j``."""

    articles: list[Article]
    sentences: list[Sentence]
    chunks: list[Chunk]
    sentence_vectors: np.ndarray  # (n_sentences, dim) float32, unit rows
    chunk_vectors: np.ndarray  # (n_chunks, dim)
    config: Config = DEFAULT
    encoder: str = ""  # what embedded the vectors ("onnxruntime-int8", "onnxruntime", "torch"); "" unknown
    chunk_of: list[tuple[int, ...]] = field(init=False, repr=False)  # sentence id -> chunk ids
    _faiss: dict = field(init=False, repr=False, default_factory=dict)
    _faiss_lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        of: list[list[int]] = [[] for _ in self.sentences]
        for c in self.chunks:
            for sid in c.sentence_ids:
                of[sid].append(c.id)
        self.chunk_of = [tuple(x) for x in of]

    def text_of(self, doc: int = 0) -> str:
        return self.articles[doc].text

    # The FAISS structures are made on first use: a small index (an article, an upload) is
    # searched with a matrix product and never needs them, nor their copy of the vectors.
    def _search_structure(self, key: str, vectors: np.ndarray) -> faiss.Index:
        if key not in self._faiss:
            with self._faiss_lock:
                if key not in self._faiss:
                    self._faiss[key] = search_index(vectors, self.config)
        return self._faiss[key]

    @property
    def sentence_faiss(self) -> faiss.Index:
        return self._search_structure("sentences", self.sentence_vectors)

    @sentence_faiss.setter
    def sentence_faiss(self, index: faiss.Index) -> None:  # benchmarks swap in exact search
        self._faiss["sentences"] = index

    @property
    def chunk_faiss(self) -> faiss.Index:
        return self._search_structure("chunks", self.chunk_vectors)


def search_index(vectors: np.ndarray, config: Config = DEFAULT) -> faiss.Index:
    """The FAISS index for these vectors, chosen by their number (``Config.ann_above``): exact
    inner product (IndexFlatIP, recall 1.0) up to ``ann_above`` vectors; above, where an exact
    search costs tens of ms, an inverted file (IndexIVFFlat, inner product) of
    ``ivf_lists_per_sqrt * sqrt(n)`` k-means lists, ``ivf_nprobe`` of them searched per query.
    Both return cosines (unit rows) best first; an IVF search may return fewer than k (id -1).
    Deterministic: the k-means sample is seeded and FAISS seeds its k-means."""
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    n = len(x)
    if n <= config.ann_above:
        return _exact(x, config.dim)
    nlist = max(1, min(n, int(config.ivf_lists_per_sqrt * np.sqrt(n))))
    idx = faiss.IndexIVFFlat(faiss.IndexFlatIP(config.dim), config.dim, nlist, faiss.METRIC_INNER_PRODUCT)
    m = min(n, 40 * nlist)  # FAISS asks for >= 39 training points per list; more only costs time
    sample = np.sort(np.random.default_rng(0).choice(n, m, replace=False)) if m < n else slice(None)
    idx.train(x[sample])
    idx.add(x)
    idx.nprobe = min(nlist, config.ivf_nprobe)
    return idx


def search(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``index.search`` on one OpenMP thread: for one query that is faster than FAISS's default
    of all cores (measured on 2 cores: exact search over 31 864 vectors 5.3 ms instead of 13-15 ms
    right after the ONNX encoder ran, whose threads then compete; over 320 663 vectors 51 instead
    of 66 ms even alone; IVF the same either way). The setting belongs to the calling thread
    (OpenMP keeps it per thread) and is put back, so concurrent searches and builds keep theirs."""
    n = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    finally:
        faiss.omp_set_num_threads(n)


def _exact(vectors: np.ndarray, dim: int) -> faiss.Index:
    idx = faiss.IndexFlatIP(dim)
    if len(vectors):
        idx.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return idx


def _flat_bytes(idx: faiss.Index, vectors: np.ndarray, dim: int) -> bytes:
    """What ``save`` writes for a search index: an IndexFlatIP of its vectors, the same bytes
    whatever the search structure (``load`` reads the vectors back and chooses again)."""
    if not isinstance(idx, faiss.IndexFlat):
        idx = _exact(vectors, dim)  # a temporary copy of the vectors, for the file only
    return faiss.serialize_index(idx).tobytes()


def embed_text(s: str) -> str:
    """What the encoder sees for a sentence: whitespace (incl. NBSP) collapsed."""
    return " ".join(s.split())


def build(articles: list[Article], config: Config = DEFAULT) -> Index:
    """Sentences, chunks and vectors for the articles (all in memory), embedded by the build
    encoder (``index.embed.encode_many``: the int8 graph where there is one)."""
    sentences: list[Sentence] = []
    chunks: list[Chunk] = []
    for doc, article in enumerate(articles):
        ss = split_sentences(article, doc=doc, first_id=len(sentences))
        chunks += make_chunks(article.text, ss, config.chunk_size, config.chunk_overlap, first_id=len(chunks))
        sentences += ss
    # A chunk of one sentence has that sentence's text, so it gets that sentence's vector; the
    # other chunks and all sentences are embedded in one call (one length-sorted batching, one
    # encoder choice).
    multi = [c for c in chunks if len(c.sentence_ids) > 1]
    texts = [embed_text(s.text) for s in sentences] + [embed_text(articles[c.doc].text[c.start : c.end]) for c in multi]
    vecs, encoder = encode_many(texts)
    n = len(sentences)
    row = dict(zip((c.id for c in multi), range(n, len(texts))))
    cv = vecs[[row.get(c.id, c.sentence_ids[0]) for c in chunks]] if chunks else vecs[:0]
    return Index(articles, sentences, chunks, vecs[:n], np.ascontiguousarray(cv), config, encoder)


# ---------------------------------------------------------------- save / load


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files; an index is meant to be shared
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)  # make the rename itself durable
    finally:
        os.close(dfd)


def _table(index: Index) -> dict:
    return {
        "articles": [
            {
                "name": a.name, "title": a.title, "date": a.date, "date_text": a.date_text,
                "publisher": a.publisher, "byline": a.byline, "text": a.text,
                "blocks": [[b.start, b.end, b.kind] for b in a.blocks],
            }
            for a in index.articles
        ],
        "sentences": [asdict(s) for s in index.sentences],
        "chunks": [
            {"id": c.id, "start": c.start, "end": c.end, "sentence_ids": list(c.sentence_ids), "doc": c.doc}
            for c in index.chunks
        ],
    }  # fmt: skip


@contextlib.contextmanager
def _build_lock(d: Path):
    """One writer at a time per folder (a second ``save`` waits), so one build's clean-up
    never removes the files another build has written but not yet named in its manifest."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    try:
        fd = os.open(d, os.O_RDONLY)  # the folder itself: no lock file is left behind
    except OSError:
        fd = None
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:  # a file system without locks: write unlocked, as before
                pass
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock (also when the process is killed)


def save(index: Index, directory: str | Path) -> Path:
    """Write the index to ``directory`` crash-safely; returns the manifest path."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    with _build_lock(d):
        return _save(index, d)


def _save(index: Index, d: Path) -> Path:
    payloads = {
        "table": json.dumps(_table(index), ensure_ascii=False).encode("utf-8"),
        "sentences": _flat_bytes(index.sentence_faiss, index.sentence_vectors, index.config.dim),
        "chunks": _flat_bytes(index.chunk_faiss, index.chunk_vectors, index.config.dim),
    }
    ext = {"table": "json", "sentences": "faiss", "chunks": "faiss"}
    files = {}
    for key, data in payloads.items():
        digest = _sha(data)
        name = f"{key}-{digest[:16]}.{ext[key]}"
        if not (d / name).exists() or _sha((d / name).read_bytes()) != digest:
            _write_atomic(d / name, data)
        files[key] = {"name": name, "sha256": digest, "bytes": len(data)}
    c = index.config
    manifest = {
        "format_version": FORMAT_VERSION,
        "model_id": c.model_id,
        "dim": c.dim,
        "faiss_version": faiss.__version__,
        "encoder": index.encoder,  # information only: queries are float32 whatever built the index
        "chunk_size": c.chunk_size,
        "chunk_overlap": c.chunk_overlap,
        "counts": {"articles": len(index.articles), "sentences": len(index.sentences), "chunks": len(index.chunks)},
        "articles": [
            {"name": a.name, "sha256": _sha(a.text.encode("utf-8")), "chars": len(a.text)} for a in index.articles
        ],
        "files": files,
    }
    path = d / MANIFEST
    _write_atomic(path, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))
    keep = {f["name"] for f in files.values()} | {MANIFEST}
    for old in d.iterdir():  # files of earlier builds (and temp files of killed ones), now unreferenced
        if old.name not in keep and (_OWN_FILE.match(old.name) or _OWN_TMP.match(old.name)) and old.is_file():
            old.unlink(missing_ok=True)
    return path


def _read_manifest(d: Path) -> dict:
    path = d / MANIFEST
    if not path.is_file():
        raise IndexLoadError(f"there is no {MANIFEST}", str(d))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IndexLoadError(f"{MANIFEST} cannot be read ({exc.strerror or exc})", str(d)) from None
    if not raw.strip():
        raise IndexLoadError(f"{MANIFEST} is empty", str(d))
    if raw.startswith(b"version https://git-lfs"):
        raise IndexLoadError(f"{MANIFEST} is a Git LFS pointer, not the file (run `git lfs pull`)", str(d))
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise IndexLoadError(f"{MANIFEST} is not valid JSON (corrupt or truncated)", str(d)) from None
    if not isinstance(m, dict):
        raise IndexLoadError(f"{MANIFEST} is not a manifest", str(d))
    return m


def _read_checked(d: Path, manifest: dict, key: str) -> bytes:
    try:
        entry = manifest["files"][key]
        name, digest = entry["name"], entry["sha256"]
    except (KeyError, TypeError):
        raise IndexLoadError(f"the manifest does not name its {key} file", str(d)) from None
    path = d / Path(str(name)).name  # a bare name: never follow paths out of the folder
    if not path.is_file():
        raise IndexLoadError(f"the {key} file {path.name} is missing", str(d))
    try:
        size = path.stat().st_size
        expected = entry.get("bytes")
        if isinstance(expected, int) and size != expected:
            # Refuse before reading all of it: a file of another size cannot match its sha256.
            with path.open("rb") as f:
                head = f.read(64)
            if head.startswith(b"version https://git-lfs"):
                raise IndexLoadError(f"{path.name} is a Git LFS pointer, not the file (run `git lfs pull`)", str(d))
            what = "empty" if size == 0 else f"truncated or changed ({size:,} bytes, the manifest says {expected:,})"
            raise IndexLoadError(f"{path.name} is {what}", str(d))
        data = path.read_bytes()
    except OSError as exc:
        raise IndexLoadError(f"the {key} file {path.name} cannot be read ({exc.strerror or exc})", str(d)) from None
    if data.startswith(b"version https://git-lfs"):
        raise IndexLoadError(f"{path.name} is a Git LFS pointer, not the file (run `git lfs pull`)", str(d))
    if _sha(data) != digest:
        what = "empty" if not data else f"truncated or changed ({len(data):,} bytes)"
        raise IndexLoadError(f"{path.name} is {what}: its sha256 does not match the manifest", str(d))
    return data


def _check_table(articles: list[Article], sentences: list[Sentence], chunks: list[Chunk]) -> None:
    """Raise ValueError/TypeError unless ids and offsets are what ``Index`` assumes."""
    for a in articles:
        if not isinstance(a.text, str):
            raise TypeError("article text")
    for i, s in enumerate(sentences):
        if not (type(s.id) is int and s.id == i and type(s.start) is int and type(s.end) is int
                and type(s.doc) is int and isinstance(s.text, str) and 0 <= s.start <= s.end):  # fmt: skip
            raise ValueError(f"sentence {i}")
    n = len(sentences)
    for j, c in enumerate(chunks):
        if not (type(c.id) is int and c.id == j and type(c.start) is int and type(c.end) is int
                and type(c.doc) is int and 0 <= c.doc < len(articles) and 0 <= c.start <= c.end
                and all(type(x) is int and 0 <= x < n for x in c.sentence_ids)):  # fmt: skip
            raise ValueError(f"chunk {j}")


def load(directory: str | Path, config: Config = DEFAULT) -> Index:
    """Read an index written by ``save``; refuse anything that does not match its manifest."""
    d = Path(directory)
    if not d.is_dir():
        raise IndexLoadError("the folder does not exist", str(d))
    m = _read_manifest(d)
    if m.get("format_version") != FORMAT_VERSION:
        raise IndexLoadError(f"format version {m.get('format_version')!r}, this program reads {FORMAT_VERSION}", str(d))
    if m.get("model_id") != config.model_id or m.get("dim") != config.dim:
        raise IndexLoadError(
            f"it was built with model {m.get('model_id')!r} (dim {m.get('dim')!r}); "
            f"this program uses {config.model_id!r} (dim {config.dim})",
            str(d),
        )
    table_bytes = _read_checked(d, m, "table")
    try:
        table = json.loads(table_bytes.decode("utf-8"))
        articles = [
            Article(
                text=a["text"], blocks=tuple(Block(int(s), int(e), str(k)) for s, e, k in a["blocks"]),
                title=a["title"], date=a["date"], date_text=a["date_text"], publisher=a["publisher"],
                byline=a["byline"], name=a["name"],
            )
            for a in table["articles"]
        ]  # fmt: skip
        sentences = [Sentence(**s) for s in table["sentences"]]
        chunks = [Chunk(c["id"], c["start"], c["end"], tuple(c["sentence_ids"]), c["doc"]) for c in table["chunks"]]
        _check_table(articles, sentences, chunks)
    except (KeyError, TypeError, ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        raise IndexLoadError("the sentence table does not have the expected fields", str(d)) from None
    counts = m.get("counts")
    if not isinstance(counts, dict) or not isinstance(m.get("articles"), list):
        raise IndexLoadError("the manifest has no counts or article list", str(d))
    if not all(isinstance(meta, dict) for meta in m["articles"]):
        raise IndexLoadError("the manifest's article list is malformed", str(d))
    if counts.get("sentences") != len(sentences) or counts.get("chunks") != len(chunks):
        raise IndexLoadError("the sentence table's counts differ from the manifest", str(d))
    if len(m.get("articles", [])) != len(articles):
        raise IndexLoadError("the table holds a different number of articles than the manifest", str(d))
    for a, meta in zip(articles, m.get("articles", [])):
        if _sha(a.text.encode("utf-8")) != meta.get("sha256"):
            raise IndexLoadError("an article's text does not match its sha256 in the manifest", str(d))
    for s in sentences:
        if not (0 <= s.doc < len(articles)) or articles[s.doc].text[s.start : s.end] != s.text:
            raise IndexLoadError(f"sentence {s.id} does not match its article offsets", str(d))
    vectors = {}
    for key, expected in (("sentences", len(sentences)), ("chunks", len(chunks))):
        data = _read_checked(d, m, key)
        try:
            fidx = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        except (RuntimeError, ValueError, TypeError, MemoryError):
            raise IndexLoadError(f"the {key} FAISS file cannot be read", str(d)) from None
        if fidx.d != config.dim:
            raise IndexLoadError(f"the {key} vectors have dimension {fidx.d}, expected {config.dim}", str(d))
        if fidx.ntotal != expected:
            raise IndexLoadError(f"the {key} index holds {fidx.ntotal} vectors for {expected} {key}", str(d))
        try:
            vec = fidx.reconstruct_n(0, fidx.ntotal) if fidx.ntotal else np.zeros((0, config.dim), np.float32)
        except RuntimeError:
            raise IndexLoadError(
                f"the {key} FAISS file is not a flat index (its vectors cannot be read)", str(d)
            ) from None
        norms = np.linalg.norm(vec, axis=1) if len(vec) else np.ones(0)
        if not np.isfinite(vec).all() or (len(norms) and float(np.abs(norms - 1.0).max()) > 1e-2):
            raise IndexLoadError(f"the {key} vectors are not unit-length (corrupt)", str(d))
        vectors[key] = vec
    return Index(
        articles, sentences, chunks, vectors["sentences"], vectors["chunks"], config, str(m.get("encoder", ""))
    )
