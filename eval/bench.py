"""Benchmark: ``python -m eval.bench`` prints a table and writes JSON (default ``out/bench.json``).

Measured, on this machine (printed with the results):
1. start: process start -> first answer (``python -c`` child: import bot, index the bundled
   article, answer one question); median of ``--start-runs``, ONNX encoder and torch;
2. ``answer()`` p50/p95 over the QA set (``eval/qa.jsonl``; each follow-up's history is
   replayed untimed first), and hit@1, for both encoder backends (the ONNX decision);
3. one chat turn through ``gradio_client`` (the app's ``/ask`` API, app started on a free
   loopback port), p50/p95;
4. index build throughput (prose sentences of the input per second) and peak memory (max
   RSS of a child process that only does that build), and query p50 (``Retriever.search`` and
   ``ArticleBot.answer``), for the bundled article and generated corpora (``eval.corpus``:
   real sentences, shuffled) of ``--sizes`` articles; the same for the LangChain FAISS
   tutorial pipeline (RecursiveCharacterTextSplitter 500/50 + all-MiniLM-L6-v2 through
   sentence-transformers, as the tutorial has it + ``FAISS.from_documents`` + ``similarity_search``
   k=4), side by side as ratios;
5. at every size, the FAISS index the build chose for the sentence vectors (exact up to
   ``Config.ann_above`` vectors, IVF above): its recall@10 and @94 against exact search over
   the same vectors (the QA set's questions; ties counted as hits), its search time against
   exact, and where it is not exact, ``answer()`` p50 again with exact search swapped in;
6. at the largest size (``--study``), FAISS index types on the distinct sentence and chunk
   vectors: exact vs HNSW vs IVF, build time, search p50, recall@10 and @94 against exact.
Corpora above ``--full-max`` articles are built with vectors reused (each distinct sentence
embedded once; chunk vectors stand in as their sentences' mean; see ``eval.corpus``) because
embedding every text would take far longer than a benchmark run; the table says so.
No number here is asserted by the tests; they go in the README with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["What does Kim want?", "What leverage does Trump have?", "Who is Ri Yong-ho?",
             "When did the summit happen in Singapore?", "What did Xi Jinping say?",
             "Why did the talks stall?", "What are sanctions doing to the economy?"]  # fmt: skip


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _env() -> dict:
    """The children's environment (the encoder backend goes to them as an argument, not here)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:
        return float("nan")


# ---------------------------------------------------------------- 1. start to first answer

# Run as ``python -c _START BACKEND``: the backend is configured explicitly (no entry point reads the environment here).
_START = """
import json, sys, time
t0 = time.time()
from bot import ArticleBot
from index import embed
embed.configure(backend=sys.argv[1])
t1 = time.time()
bot = ArticleBot.default()
t2 = time.time()
ans = bot.answer("What does Kim want?")
t3 = time.time()
print(json.dumps({"import": t1 - t0, "index": t2 - t1, "answer": t3 - t2, "at_answer": t3,
                  "backend": embed.backend(), "ok": bool(ans.citations)}))
"""


def start_to_first_answer(backend: str, runs: int) -> dict:
    out = []
    for _ in range(runs):
        t_spawn = time.time()
        p = subprocess.run([sys.executable, "-c", _START, backend], capture_output=True, text=True, cwd=ROOT,
                           env=_env(), timeout=300)  # fmt: skip
        if p.returncode != 0:
            raise RuntimeError(f"start run failed: {p.stderr[-500:]}")
        r = json.loads(p.stdout.strip().splitlines()[-1])
        r["first_answer_s"] = r["at_answer"] - t_spawn  # includes the interpreter's own start
        out.append(r)
    return {
        "backend": out[0]["backend"],
        "runs": runs,
        "first_answer_s": round(p50([r["first_answer_s"] for r in out]), 2),
        "import_s": round(p50([r["import"] for r in out]), 2),
        "index_s": round(p50([r["index"] for r in out]), 2),
        "answer_s": round(p50([r["answer"] for r in out]), 3),
    }


# ---------------------------------------------------------------- 2. answer() on the QA set


def qa_latency(backend: str, reps: int) -> dict:
    """In a child process (a clean encoder choice): answer() p50/p95 and hit@1 on the QA set."""
    p = subprocess.run([sys.executable, "-m", "eval.bench", "--child", "qa", "--reps", str(reps), "--backend", backend],
                       capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=1200)  # fmt: skip
    if p.returncode != 0:
        raise RuntimeError(f"QA run failed: {p.stderr[-800:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def _r(x, n: int = 3):
    return None if x is None else round(float(x), n)


def _child_qa(reps: int) -> dict:
    from bot import ArticleBot
    from eval.qaset import load_qa
    from eval.run import DEFAULT_QA, run_bot, summarize
    from index import embed

    items = load_qa(DEFAULT_QA)
    bot = ArticleBot.default()
    records = run_bot(bot, items)  # warm-up + the scored pass
    summary = summarize("article-qa", records)
    lat = []
    for _ in range(reps):
        for item in items:
            history: list = []
            for q in item.history:
                history.append((q, bot.answer(q, tuple(history))))
            t0 = time.perf_counter()
            bot.answer(item.question, tuple(history))
            lat.append((time.perf_counter() - t0) * 1000)
    enc = []
    for i in range(300):
        t0 = time.perf_counter()
        embed.encode([QUESTIONS[i % len(QUESTIONS)]])
        enc.append((time.perf_counter() - t0) * 1000)
    return {
        "backend": embed.backend(), "questions": len(items), "timed": len(lat),
        "answer_p50_ms": round(p50(lat), 2), "answer_p95_ms": round(pct(lat, 95), 2),
        "query_encode_p50_ms": round(p50(enc), 2),
        "hit1": _r(summary.get("hit@1")), "mrr": _r(summary.get("mrr")),
        "answers": [r.cited for r in records],
    }  # fmt: skip


# ---------------------------------------------------------------- 3. a chat turn through gradio_client


def chat_turns(turns: int) -> dict:
    from gradio_client import Client

    from eval.load import App

    app = App()
    try:
        client = Client(app.url, verbose=False, download_files=False)
        for q in QUESTIONS[:3]:
            client.predict(q, [], api_name="/ask")
        lat = []
        for i in range(turns):
            q = QUESTIONS[i % len(QUESTIONS)]
            history = [QUESTIONS[(i + 1) % len(QUESTIONS)]] if i % 3 == 2 else []
            t0 = time.perf_counter()
            client.predict(q, history, api_name="/ask")
            lat.append((time.perf_counter() - t0) * 1000)
    finally:
        app.stop()
    return {"turns": turns, "p50_ms": round(p50(lat), 1), "p95_ms": round(pct(lat, 95), 1),
            "app_start_s": app.start_seconds}  # fmt: skip


# ---------------------------------------------------------------- 4. builds and queries at sizes


def _corpus(size: str, per_article: int, seed: int):
    """(Article list, generated articles or None, prose sentence count) for 'article' or N."""
    from index import BUNDLED_ARTICLE, read_file, read_text

    if size == "article":
        a = read_file(BUNDLED_ARTICLE)
        from index.sentences import split_sentences

        n_prose = sum(1 for s in split_sentences(a) if s.kind in ("body", "standfirst"))
        return [a], None, n_prose
    from eval.corpus import generate

    gen = generate(int(size), per_article, seed=seed)
    arts = [read_text(g.text, name=f"generated-{i}") for i, g in enumerate(gen)]
    return arts, gen, sum(len(g.spans) for g in gen)


def _timed_build(make, short_s: float = 2.0, runs: int = 5):
    """(result, seconds): one build, or for a build shorter than ``short_s`` the median of ``runs``
    (one 0.2 s timing is mostly noise); the same rule for both pipelines."""
    t0 = time.perf_counter()
    result = make()
    times = [time.perf_counter() - t0]
    while times[0] < short_s and len(times) < runs:
        t0 = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - t0)
    return result, statistics.median(times)


def _child_ours(size: str, mode: str, per_article: int, seed: int, study: bool) -> dict:
    import numpy as np

    from bot import ArticleBot
    from index import build, embed

    arts, gen, n_prose = _corpus(size, per_article, seed)
    # The encoders are loaded before the clock starts (both pipelines): ours are the serving
    # (query) encoder and the build encoder (the int8 graph where there is one).
    embed.encode(["warm up"])
    embed.encode_many(["warm up"])
    rss0 = _rss_mb()
    if mode == "full":
        idx, build_s = _timed_build(lambda: build(arts))
    else:
        from eval.corpus import build_reusing, sentence_pool, vector_cache

        cache = vector_cache(sentence_pool())
        idx, build_s = _timed_build(lambda: build_reusing(arts, cache))
    t0 = time.perf_counter()
    bot = ArticleBot(idx)
    init_s = time.perf_counter() - t0
    for q in QUESTIONS:
        bot.answer(q)
    ret, ans = [], []
    for i in range(max(40, 2 * len(QUESTIONS))):
        q = QUESTIONS[i % len(QUESTIONS)]
        t0 = time.perf_counter()
        bot.retriever.search(q)
        ret.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        bot.answer(q)
        ans.append((time.perf_counter() - t0) * 1000)
    out = {
        "pipeline": "article-qa", "size": size, "mode": mode, "articles": len(arts), "prose_sentences": n_prose,
        "sentences": len(idx.sentences), "chunks": len(idx.chunks), "build_s": round(build_s, 2),
        "sentences_per_s": round(n_prose / build_s, 1), "bot_init_s": round(init_s, 2),
        "rss_before_build_mb": round(rss0, 1), "peak_rss_mb": round(_max_rss_mb(), 1),
        "retrieve_p50_ms": round(p50(ret), 2), "query_p50_ms": round(p50(ans), 2), "query_p95_ms": round(pct(ans, 95), 2),
        "encoder": embed.backend(), "build_encoder": idx.encoder or embed.backend(),
    }  # fmt: skip
    out["faiss"] = index_report(idx, bot, ans)
    if study:
        # Index types compared on distinct vectors (a generated corpus repeats its sentences, which
        # real corpora do far less): the distinct sentence and chunk vectors together.
        distinct = np.unique(np.vstack([idx.sentence_vectors, idx.chunk_vectors]), axis=0)
        out["faiss_study"] = faiss_study(np.ascontiguousarray(distinct, dtype=np.float32), k=10)
    return out


def recall_queries():
    """The questions of the QA set and the bench's own, encoded: real queries, no repeats."""
    from eval.qaset import load_qa
    from eval.run import DEFAULT_QA
    from index import embed

    qs = list(dict.fromkeys([it.question for it in load_qa(DEFAULT_QA)] + QUESTIONS))
    return embed.encode(qs).astype("float32")


def search_quality(index, exact, queries, ks=(10, 94)) -> dict:
    """Per k: search p50 ms and recall@k of ``index`` against ``exact`` (ties counted as hits:
    a returned score >= the exact k-th score; a generated corpus repeats its sentences).
    Searched as ``bot.retrieve`` searches: one query, one thread (``index.store.search``)."""
    import numpy as np

    from index.store import search

    out = {}
    for k in ks:
        want = exact.search(queries, k)[0][:, k - 1]
        lat, hits = [], []
        for q, kth in zip(queries, want):
            t0 = time.perf_counter()
            s, _ = search(index, q[None, :], k)
            lat.append((time.perf_counter() - t0) * 1000)
            hits.append(float((s[0] >= kth - 1e-5).sum()) / k)
        out[f"k{k}"] = {"search_p50_ms": round(p50(lat), 3), "recall": round(float(np.mean(hits)), 4),
                        "recall_p5": round(float(np.percentile(hits, 5)), 2)}  # fmt: skip
    return out


def describe(index) -> str:
    import faiss

    if isinstance(index, faiss.IndexIVF):
        return f"IVF{index.nlist},nprobe{index.nprobe}"
    if isinstance(index, faiss.IndexHNSW):
        return f"HNSW{index.hnsw.nb_neighbors(1) // 2},ef{index.hnsw.efSearch}"
    return "exact" if isinstance(index, faiss.IndexFlat) else type(index).__name__


def index_report(idx, bot, answer_ms: list[float]) -> dict:
    """The sentence index the build chose, against exact search on the same vectors; where it is
    not exact, answer() p50 again with exact search swapped in (the same bot, the same loop)."""
    import faiss

    from index.store import search_index

    t0 = time.perf_counter()
    search_index(idx.sentence_vectors, idx.config)
    search_index(idx.chunk_vectors, idx.config)
    rebuild_s = time.perf_counter() - t0  # what choosing the index costs at build and again at load
    exact = faiss.IndexFlatIP(idx.config.dim)
    exact.add(idx.sentence_vectors)
    used = idx.sentence_faiss
    out = {"sentence_index": describe(used), "chunk_index": describe(idx.chunk_faiss), "vectors": used.ntotal,
           "search_structures_s": round(rebuild_s, 2)}  # fmt: skip
    queries = recall_queries()
    out["queries"] = len(queries)
    out["used"] = search_quality(used, exact, queries)
    out["exact"] = search_quality(exact, exact, queries)
    if not isinstance(used, faiss.IndexFlat):
        idx.sentence_faiss = exact  # bot.retrieve reads it at every search
        try:
            for q in QUESTIONS:
                bot.answer(q)
            lat = []
            for i in range(len(answer_ms)):
                q = QUESTIONS[i % len(QUESTIONS)]
                t0 = time.perf_counter()
                bot.answer(q)
                lat.append((time.perf_counter() - t0) * 1000)
        finally:
            idx.sentence_faiss = used
        out["query_p50_ms_exact"] = round(p50(lat), 2)
        out["query_p95_ms_exact"] = round(pct(lat, 95), 2)
    return out


def _child_tutorial(size: str, mode: str, per_article: int, seed: int, backend: str = "torch") -> dict:
    """LangChain's FAISS tutorial: 500/50 character chunks, MiniLM through sentence-transformers, k=4."""
    import warnings

    import numpy as np
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.vectorstores import FAISS

    from index import embed

    enc = embed.torch_encode if backend == "torch" else embed.encode

    class MiniLM(Embeddings):  # what HuggingFaceEmbeddings(all-MiniLM-L6-v2, normalize) computes
        def embed_documents(self, texts):
            return enc(list(texts), 64).tolist()

        def embed_query(self, text):
            return enc([text], 64)[0].tolist()

    emb = MiniLM()
    emb.embed_query("warm up")
    arts, gen, n_prose = _corpus(size, per_article, seed)
    rss0 = _rss_mb()
    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
    if mode == "full":

        def tutorial_build():
            docs = splitter.create_documents([a.text for a in arts])
            return FAISS.from_documents(docs, emb), len(docs)

        (store, n_chunks), build_s = _timed_build(tutorial_build)
    else:
        t0 = time.perf_counter()
        from eval.corpus import sentence_pool, standin_vectors, vector_cache

        cache = vector_cache(sentence_pool())
        pairs = []
        for a, g in zip(arts, gen):
            docs = splitter.create_documents([a.text])
            vecs = standin_vectors([(d.page_content, d.metadata["start_index"]) for d in docs], g, cache)
            pairs += [(d.page_content, v.tolist()) for d, v in zip(docs, vecs)]
        store = FAISS.from_embeddings(pairs, emb)
        n_chunks = len(pairs)
        build_s = time.perf_counter() - t0
    for q in QUESTIONS:
        store.similarity_search(q, k=4)
    lat = []
    for i in range(max(40, 2 * len(QUESTIONS))):
        t0 = time.perf_counter()
        store.similarity_search(QUESTIONS[i % len(QUESTIONS)], k=4)
        lat.append((time.perf_counter() - t0) * 1000)
    del np
    return {
        "pipeline": "langchain-faiss-tutorial", "size": size, "mode": mode, "articles": len(arts),
        "prose_sentences": n_prose, "chunks": n_chunks, "build_s": round(build_s, 2),
        "sentences_per_s": round(n_prose / build_s, 1), "rss_before_build_mb": round(rss0, 1),
        "peak_rss_mb": round(_max_rss_mb(), 1), "query_p50_ms": round(p50(lat), 2),
        "query_p95_ms": round(pct(lat, 95), 2), "encoder": "torch" if backend == "torch" else embed.backend(),
    }  # fmt: skip


def faiss_study(vectors, k: int = 10) -> dict:
    """Exact vs HNSW vs IVF on these vectors: build s, search p50 ms, recall@k and @94 against
    exact (ties = hits), for the QA set's questions; IVF built as ``index.store`` builds it."""
    import dataclasses

    import faiss

    from index.config import DEFAULT
    from index.store import search_index

    n, d = vectors.shape
    queries = recall_queries()
    flat = faiss.IndexFlatIP(d)
    flat.add(vectors)
    out: dict = {"vectors": n, "k": k, "queries": len(queries)}

    def row(index, build_s):
        q = search_quality(index, flat, queries, (k, 94))
        return {"build_s": round(build_s, 1), "search_p50_ms": q[f"k{k}"]["search_p50_ms"],
                "recall": q[f"k{k}"]["recall"], "search_k94_p50_ms": q["k94"]["search_p50_ms"],
                "recall_k94": q["k94"]["recall"]}  # fmt: skip

    out["exact"] = row(flat, 0.0)
    t0 = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 64
    hnsw.add(vectors)
    b = time.perf_counter() - t0
    for ef in (64, 128, 256):
        hnsw.hnsw.efSearch = ef
        out[f"HNSW32,efC64,ef{ef}"] = row(hnsw, b)
    del hnsw
    t0 = time.perf_counter()
    ivf = search_index(vectors, dataclasses.replace(DEFAULT, ann_above=0))
    b = time.perf_counter() - t0
    for nprobe in sorted({32, DEFAULT.ivf_nprobe}):
        ivf.nprobe = nprobe
        out[f"IVF{ivf.nlist},nprobe{nprobe}" + (" (used)" if nprobe == DEFAULT.ivf_nprobe else "")] = row(ivf, b)
    return out


def run_child(kind: str, size: str, mode: str, per_article: int, seed: int, backend: str, study: bool = False) -> dict:
    args = [sys.executable, "-m", "eval.bench", "--child", kind, "--size", size, "--mode", mode,
            "--per-article", str(per_article), "--seed", str(seed), "--backend", backend] + (["--study"] if study else [])  # fmt: skip
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=3600)
    if p.returncode != 0:
        raise RuntimeError(f"{kind} {size} failed: {p.stderr[-1500:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report


def machine() -> dict:
    from eval.load import machine as m

    info = m()
    try:
        import onnxruntime
        import torch

        info["torch"] = torch.__version__
        info["onnxruntime"] = onnxruntime.__version__
    except ImportError:
        pass
    return info


def table(r: dict) -> str:
    L = []
    mc = r["machine"]
    L.append(f"Machine: {mc['cpu']}, {mc['cores']} cores, {mc['memory_gb']} GB RAM, Python {mc['python']}, "
             f"{mc['os']}; load average at start {mc.get('load_avg_1m_at_start')}")  # fmt: skip
    if "start" in r:
        L.append("")
        L.append("| process start -> first answer | encoder | first answer | import bot | index article | answer |")
        L.append("|---|---|---:|---:|---:|---:|")
        for s in r["start"]:
            L.append(f"| `python -c ...ArticleBot.default().answer(...)` | {s['backend']} | **{s['first_answer_s']} s** | "
                     f"{s['import_s']} s | {s['index_s']} s | {s['answer_s'] * 1000:.0f} ms |")  # fmt: skip
    if "qa" in r:
        L.append("")
        L.append("| `answer()` on the QA set | encoder | p50 | p95 | query encoding p50 | hit@1 | MRR |")
        L.append("|---|---|---:|---:|---:|---:|---:|")
        for q in r["qa"]:
            L.append(f"| {q['questions']} questions x {q['timed'] // max(1, q['questions'])} | {q['backend']} | "
                     f"**{q['answer_p50_ms']} ms** | {q['answer_p95_ms']} ms | {q['query_encode_p50_ms']} ms | "
                     f"{q['hit1']} | {q['mrr']} |")  # fmt: skip
        if len(r["qa"]) == 2:
            L.append(
                f"\nSame cited sentences with both encoders: {r['qa_same_answers']} of {r['qa'][0]['questions']} questions."
            )
    if "chat" in r:
        c = r["chat"]
        L.append("")
        L.append(f"One chat turn through gradio_client (`/ask`, {c['turns']} turns, app on loopback): "
                 f"p50 **{c['p50_ms']} ms**, p95 {c['p95_ms']} ms (app ready {c['app_start_s']} s after launch).")  # fmt: skip
    if "scale" in r:
        L.append("")
        L.append("| corpus | pipeline | sentences | chunks | build | sentences/s | peak RSS | query p50 | query p95 | "
                 "speed vs tutorial (build / query) | sentence index: recall@10 vs exact |")  # fmt: skip
        L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in r["scale"]:
            ours, tut = row["ours"], row.get("tutorial")
            label = "bundled article" if ours["size"] == "article" else f"{ours['articles']:,} articles"
            if ours["mode"] != "full":
                label += " (vectors reused)"
            ratio = ""
            if tut:
                build_ratio = (
                    f"{ours['sentences_per_s'] / tut['sentences_per_s']:.2f}x" if ours["mode"] == "full" else "n/a"
                )
                ratio = f"{build_ratio} / {tut['query_p50_ms'] / ours['query_p50_ms']:.2f}x"
            fx = ours.get("faiss")
            used = f"{fx['sentence_index']}: {fx['used']['k10']['recall']}" if fx else ""
            enc = (
                ours["encoder"]
                if ours.get("build_encoder", ours["encoder"]) == ours["encoder"]
                else (f"{ours['encoder']}; built with {ours['build_encoder']}")
            )
            L.append(f"| {label} | Article Q&A ({enc}) | {ours['sentences']:,} | {ours['chunks']:,} | "
                     f"{ours['build_s']} s | {ours['sentences_per_s']:,} | {ours['peak_rss_mb']:.0f} MB | "
                     f"**{ours['query_p50_ms']} ms** | {ours['query_p95_ms']} ms | {ratio} | {used} |")  # fmt: skip
            if tut:
                L.append(f"| | LangChain FAISS tutorial ({tut['encoder']}) | {tut['prose_sentences']:,} (input) | "
                         f"{tut['chunks']:,} | {tut['build_s']} s | {tut['sentences_per_s']:,} | "
                         f"{tut['peak_rss_mb']:.0f} MB | {tut['query_p50_ms']} ms | {tut['query_p95_ms']} ms | 1 | |")  # fmt: skip
        L.append(
            "\nsentences/s counts the prose sentences of the input for both pipelines (build ratio n/a where vectors are reused: "
            "the two pipelines then skip different work); query = "
            "`ArticleBot.answer` (ours: embed + dense + BM25 + ranking) vs `similarity_search(k=4)` (tutorial)."
        )
    rows = [row["ours"] for row in r.get("scale", []) if row["ours"].get("faiss")]
    if rows:
        L.append("")
        L.append("| corpus | sentence vectors | index used (chunks) | recall@10 / @94 vs exact | search k=94: used / exact "
                 "| search structures built in | answer() p50 with exact search instead |")  # fmt: skip
        L.append("|---|---:|---|---:|---:|---:|---:|")
        for o in rows:
            fx = o["faiss"]
            label = "bundled article" if o["size"] == "article" else f"{o['articles']:,} articles"
            swap = (
                f"{fx['query_p50_ms_exact']} ms (vs {o['query_p50_ms']} ms)"
                if "query_p50_ms_exact" in fx
                else "(exact)"
            )
            L.append(f"| {label} | {fx['vectors']:,} | {fx['sentence_index']} ({fx['chunk_index']}) | "
                     f"{fx['used']['k10']['recall']} / {fx['used']['k94']['recall']} | "
                     f"{fx['used']['k94']['search_p50_ms']} / {fx['exact']['k94']['search_p50_ms']} ms | "
                     f"{fx['search_structures_s']} s | {swap} |")  # fmt: skip
        L.append(f"\nrecall against exact search over the same vectors, {rows[0]['faiss']['queries']} real questions, "
                 "ties counted as hits (a generated corpus repeats its sentences).")  # fmt: skip
    for row in r.get("scale", []):
        st = row["ours"].get("faiss_study")
        if st:
            L.append("")
            L.append(f"FAISS index types at {row['ours']['articles']:,} articles, on the {st['vectors']:,} distinct "
                     f"sentence and chunk vectors ({st['queries']} questions, recall against exact, ties counted):")  # fmt: skip
            L.append(
                f"\n| index | build | search p50 k={st['k']} / k=94 | recall@{st['k']} / @94 |\n|---|---:|---:|---:|"
            )
            for name, v in st.items():
                if isinstance(v, dict) and "recall" in v:
                    L.append(f"| {name} | {v['build_s']} s | {v['search_p50_ms']} / {v['search_k94_p50_ms']} ms | "
                             f"{v['recall']} / {v['recall_k94']} |")  # fmt: skip
    return "\n".join(L)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__.splitlines()[0])
    p.add_argument("--json", type=Path, default=ROOT / "out" / "bench.json")
    p.add_argument("--sizes", default="1000,10000", help="generated corpus sizes in articles (comma-separated)")
    p.add_argument("--full-max", type=int, default=1000, help="embed everything up to this many articles; reuse above")
    p.add_argument("--per-article", type=int, default=30, help="sentences per generated article (mean)")
    p.add_argument("--start-runs", type=int, default=3)
    p.add_argument("--reps", type=int, default=3, help="passes over the QA set for answer() latency")
    p.add_argument("--turns", type=int, default=60, help="chat turns through gradio_client")
    p.add_argument("--skip", default="", help="comma-separated: start,qa,chat,scale,tutorial,study")
    p.add_argument("--seed", type=int, default=0)
    # internal: one measurement in a fresh process
    p.add_argument("--child", choices=["qa", "ours", "tutorial"], help=argparse.SUPPRESS)
    p.add_argument("--size", default="article", help=argparse.SUPPRESS)
    p.add_argument("--mode", default="full", help=argparse.SUPPRESS)
    p.add_argument("--study", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--backend", choices=["auto", "onnx", "torch"], help=argparse.SUPPRESS)  # a child's encoder
    a = p.parse_args(argv)
    from index import embed

    # An entry point: ARTICLE_QA_ENCODER / ARTICLE_QA_CACHE as for every command; a child's --backend wins.
    chosen = a.backend or os.environ.get("ARTICLE_QA_ENCODER") or None
    embed.configure(backend=chosen, cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)
    if a.child:
        if a.child == "qa":
            r = _child_qa(a.reps)
        elif a.child == "ours":
            r = _child_ours(a.size, a.mode, a.per_article, a.seed, a.study)
        else:
            r = _child_tutorial(a.size, a.mode, a.per_article, a.seed, embed.requested_backend() if chosen else "torch")
        print(json.dumps(r))
        return 0

    skip = {s.strip() for s in a.skip.split(",") if s.strip()}
    say = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    r: dict = {"command": "python -m eval.bench " + " ".join(argv if argv is not None else sys.argv[1:]),
               "machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M %Z")}  # fmt: skip
    if "start" not in skip:
        say("start -> first answer ...")
        r["start"] = [
            start_to_first_answer("auto", a.start_runs),
            start_to_first_answer("torch", max(1, a.start_runs // 2)),
        ]
    if "qa" not in skip:
        say("answer() on the QA set (onnx, torch) ...")
        r["qa"] = [qa_latency("auto", a.reps), qa_latency("torch", a.reps)]
        same = sum(x == y for x, y in zip(r["qa"][0]["answers"], r["qa"][1]["answers"]))
        r["qa_same_answers"] = same
        for q in r["qa"]:
            q.pop("answers")
    if "chat" not in skip:
        say("chat turns through gradio_client ...")
        r["chat"] = chat_turns(a.turns)
    if "scale" not in skip:
        sizes = ["article"] + [s.strip() for s in a.sizes.split(",") if s.strip()]
        r["scale"] = []
        for size in sizes:
            mode = "full" if size == "article" or int(size) <= a.full_max else "reuse"
            study = "study" not in skip and size == sizes[-1] and size != "article"
            say(f"build + query: {size} ({mode}) ...")
            row = {"ours": run_child("ours", size, mode, a.per_article, a.seed, "auto", study)}
            if "tutorial" not in skip:
                say(f"build + query, LangChain tutorial: {size} ({mode}) ...")
                row["tutorial"] = run_child("tutorial", size, mode, a.per_article, a.seed, "torch")
            r["scale"].append(row)
    text = table(r)
    print(text)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(r, indent=2, ensure_ascii=False))
    say(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
