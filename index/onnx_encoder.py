"""A fast path for the one encoder: all-MiniLM-L6-v2 exported to ONNX from the bundled weights.

Why: a short query through sentence-transformers + torch costs ~6-10 ms on 2 cores, mostly
per-operator overhead, and importing sentence-transformers costs ~3 s of every process
start. The same network run by onnxruntime from a plain ONNX graph takes ~2 ms, and
needs neither torch nor transformers at run time (only ``onnxruntime`` and ``tokenizers``).

How:
- ``export(out_dir)`` (run once per machine, in a child process so the serving process
  never imports torch) rebuilds the BERT encoder + mean pooling + L2 normalisation as a
  small torch module straight from the package's ``model.safetensors`` and ``config.json``
  (the architecture is checked: BERT, absolute positions, GELU, mean pooling, normalise),
  exports it with torch's TorchScript ONNX exporter (opset 17, dynamic batch and length),
  then *verifies* it: onnxruntime vectors against sentence-transformers vectors on probe
  texts (short, long past the 256-token limit, padded batches, other scripts); the minimum
  cosine must be >= ``MIN_COSINE``. Only then is ``meta.json`` written, last, so a
  half-finished or failed export is never used.
- The graph lives in a cache folder, never in site-packages: the one given to
  ``index.embed.configure(cache_dir=...)`` (the entry points pass ``$ARTICLE_QA_CACHE``) or
  ``~/.cache/article-qa``, under ``onnx/<key>/`` where the key hashes the model's config,
  weight file size/mtime, this exporter's version and the torch/onnxruntime versions.
- ``OnnxEncoder`` tokenises with the model's own ``tokenizer.json`` through ``tokenizers``
  (truncation at the model's 256 tokens, like sentence-transformers), sorts texts by
  length, pads each batch to its longest text and runs the session.

- ``export`` also writes ``model-int8.onnx``, for index builds only: onnxruntime's dynamic
  quantization of the float32 graph (every MatMul, weights int8 per output channel, activations
  uint8 with a scale computed per run). It embeds an article's sentences and chunks in half the
  time (48 sentences + 15 chunks: 139 vs 274 ms; 1 159 texts: 1.9 vs 4.2 s, where bfloat16 torch
  took 2.4 s), at cosine >= 0.98 to the float32 vectors (mean 0.993). Queries stay float32. The
  activation scale is per run, so a text's int8 vector depends slightly on the other texts of its
  padded batch (cosine >= 0.98 to the same text alone): one build's input always gets the same
  vectors, the same sentence in two different builds may differ in the third decimal. It is
  checked against the float32 graph (``INT8_MIN_COSINE``) and recorded in ``meta.json``; when it
  cannot be made (no ``onnx`` package, a check failed) the export still succeeds without it and
  builds use the float32 graph.

``index.embed`` decides which backend to use and falls back to torch on any failure.
Limits: the exporter only handles BERT-style encoders with mean pooling (what the bundled
model is); anything else raises ``OnnxUnavailable`` and the torch path is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

EXPORT_VERSION = 2  # bump when the exported graphs change (2: the int8 build graph)
MIN_COSINE = 0.9999  # ONNX vs sentence-transformers, per probe text
# The int8 build graph against the float32 one, per probe text (measured here: min 0.974 on the
# probes, which include "x" and mixed scripts; 0.981 / mean 0.993 on the bundled article's 48
# sentences and 15 chunks); a broken quantization (e.g. saturating int8 kernels) gives far less.
INT8_MIN_COSINE = 0.95
OPSET = 17
MODEL_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
META_FILE = "meta.json"

PROBES = [
    "What does Kim want?",
    "x",
    "",
    "The summit in Singapore on 12 June 2018 produced a short joint statement, which promised much and specified little.",
    "Ünïcödé — 日本語のテキスト, русский текст, العربية, emoji 🙂 and a NUL\x00 byte.",
    " ".join(["A very long sentence that runs past the model's token limit"] * 40),
]


class OnnxUnavailable(RuntimeError):
    """The ONNX path cannot be used here (no onnxruntime, export or verification failed)."""


# ---------------------------------------------------------------- cache


def cache_root() -> Path:
    """``index.embed.configure(cache_dir=...)``, else ``~/.cache/article-qa``."""
    from index.embed import settings  # lazy: index.embed imports this module lazily too

    return settings().cache_dir or Path.home() / ".cache" / "article-qa"


def _versions() -> str:
    try:
        from importlib.metadata import version

        return f"torch={version('torch')};onnxruntime={version('onnxruntime')}"
    except Exception:  # noqa: BLE001 - metadata may be missing in odd installs; the key just changes
        return "unknown"


def cache_key(model_dir: str | Path) -> str:
    d = Path(model_dir)
    h = hashlib.sha256()
    h.update(f"export={EXPORT_VERSION};opset={OPSET};{_versions()}".encode())
    for name in ("config.json", "sentence_bert_config.json", "modules.json", "1_Pooling/config.json"):
        p = d / name
        h.update(name.encode() + (p.read_bytes() if p.is_file() else b"-"))
    w = d / "model.safetensors"
    st = w.stat()
    h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def cache_dir(model_dir: str | Path, root: str | Path | None = None) -> Path:
    return Path(root) if root is not None else cache_root() / "onnx" / cache_key(model_dir)


def read_meta(out_dir: Path) -> dict | None:
    """The export's record, or None when there is no complete, verified export in ``out_dir``."""
    try:
        meta = json.loads((out_dir / META_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    model = out_dir / MODEL_FILE
    if not isinstance(meta, dict) or not meta.get("verified") or not model.is_file():
        return None
    if model.stat().st_size != meta.get("bytes"):
        return None  # truncated or replaced since it was verified
    return meta


# ---------------------------------------------------------------- the model as a torch module (export only)


def _architecture(model_dir: Path) -> dict:
    """The numbers the exported graph needs; raises OnnxUnavailable for anything not supported."""

    def js(name: str) -> dict:
        try:
            return json.loads((model_dir / name).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise OnnxUnavailable(f"cannot read {name}: {exc}") from None

    cfg = js("config.json")
    pool = js("1_Pooling/config.json")
    modules = js("modules.json")
    st_cfg = js("sentence_bert_config.json")
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    ok = (
        cfg.get("model_type") == "bert"
        and cfg.get("hidden_act") == "gelu"
        and cfg.get("position_embedding_type", "absolute") == "absolute"
        and pool.get("pooling_mode_mean_tokens") is True
        and not any(
            pool.get(k)
            for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
        )  # fmt: skip
        and kinds == ["Transformer", "Pooling", "Normalize"]
    )
    if not ok:
        raise OnnxUnavailable("the model is not a BERT encoder with mean pooling and normalisation")
    return {
        "layers": int(cfg["num_hidden_layers"]),
        "heads": int(cfg["num_attention_heads"]),
        "hidden": int(cfg["hidden_size"]),
        "eps": float(cfg.get("layer_norm_eps", 1e-12)),
        "max_length": min(int(st_cfg.get("max_seq_length", 256)), int(cfg.get("max_position_embeddings", 512))),
    }


def _torch_module(model_dir: Path, arch: dict):
    """BERT + mean pooling + normalise, written out so the traced graph has no hidden branches."""
    import math

    import torch
    from safetensors.torch import load_file

    sd = load_file(str(model_dir / "model.safetensors"))
    sd = {k.removeprefix("bert."): v for k, v in sd.items()}
    hidden, heads, layers, eps = arch["hidden"], arch["heads"], arch["layers"], arch["eps"]
    head_dim = hidden // heads
    F = torch.nn.functional

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = torch.nn.ParameterDict(
                {
                    k.replace(".", "__"): torch.nn.Parameter(v.float(), requires_grad=False)
                    for k, v in sd.items()
                    if not k.startswith("pooler.") and not k.endswith("position_ids")
                }  # fmt: skip
            )

        def p(self, name: str):
            return self.w[name.replace(".", "__")]

        def ln(self, x, name: str):
            return F.layer_norm(x, (hidden,), self.p(name + ".weight"), self.p(name + ".bias"), eps)

        def lin(self, x, name: str):
            return F.linear(x, self.p(name + ".weight"), self.p(name + ".bias"))

        def forward(self, input_ids, attention_mask):
            b, s = input_ids.shape
            pos = torch.arange(s, device=input_ids.device).unsqueeze(0)
            x = (
                self.p("embeddings.word_embeddings.weight")[input_ids]
                + self.p("embeddings.position_embeddings.weight")[pos]
                + self.p("embeddings.token_type_embeddings.weight")[0]
            )
            x = self.ln(x, "embeddings.LayerNorm")
            mask = attention_mask.to(x.dtype)
            bias = (1.0 - mask[:, None, None, :]) * -10000.0

            def heads_of(t):
                return t.view(b, s, heads, head_dim).permute(0, 2, 1, 3)

            for i in range(layers):
                n = f"encoder.layer.{i}."
                q = heads_of(self.lin(x, n + "attention.self.query"))
                k = heads_of(self.lin(x, n + "attention.self.key"))
                v = heads_of(self.lin(x, n + "attention.self.value"))
                att = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_dim) + bias, dim=-1)
                ctx = torch.matmul(att, v).permute(0, 2, 1, 3).reshape(b, s, hidden)
                x = self.ln(self.lin(ctx, n + "attention.output.dense") + x, n + "attention.output.LayerNorm")
                h = F.gelu(self.lin(x, n + "intermediate.dense"))
                x = self.ln(self.lin(h, n + "output.dense") + x, n + "output.LayerNorm")
            m = mask.unsqueeze(-1)
            pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return pooled / pooled.norm(dim=1, keepdim=True).clamp(min=1e-12)

    return Encoder().eval()


def _onnx_export(module, path: Path) -> None:
    import warnings

    import torch

    try:
        # The TorchScript exporter builds the ModelProto in C++; its last step only splices
        # onnxscript functions into it and needs the `onnx` package for that. This graph
        # has no such functions, so that step is the identity: skip it, no `onnx` needed.
        from torch.onnx._internal.torchscript_exporter import onnx_proto_utils as opu

        original = opu._add_onnxscript_fn
        opu._add_onnxscript_fn = lambda proto, custom_opsets: proto
    except (ImportError, AttributeError):
        opu = None
    ids = torch.tensor([[101, 2054, 2515, 102, 0], [101, 2054, 2515, 2009, 102]], dtype=torch.long)
    mask = (ids != 0).long()
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                module, (ids, mask), str(path), dynamo=False, opset_version=OPSET, do_constant_folding=True,
                input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                              "embedding": {0: "batch"}},
            )  # fmt: skip
    finally:
        if opu is not None:
            opu._add_onnxscript_fn = original


def export(out_dir: str | Path, model_dir: str | Path | None = None) -> dict:
    """Export, verify and record the ONNX encoder in ``out_dir``; returns the meta record.

    Imports torch and sentence-transformers (for the reference vectors). Raises
    OnnxUnavailable (or any exporter error) when it cannot produce a verified graph.
    """
    from index.embed import model_path

    mdir = Path(model_dir or model_path())
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    arch = _architecture(mdir)
    module = _torch_module(mdir, arch)
    fd, tmp_name = tempfile.mkstemp(dir=out, prefix=".model.", suffix=".onnx.tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _onnx_export(module, tmp)
        enc = OnnxEncoder(tmp, mdir / "tokenizer.json", arch["max_length"])
        from index.embed import torch_encode

        ref = torch_encode(PROBES, batch_size=4)
        got = np.vstack([enc.encode(PROBES, batch_size=4), enc.encode(PROBES[:1]), enc.encode(PROBES[-1:])])
        ref = np.vstack([ref, ref[:1], ref[-1:]])
        cos = (ref * got).sum(1)
        if ref.shape != got.shape or float(cos.min()) < MIN_COSINE:
            raise OnnxUnavailable(f"the exported graph disagrees with torch (min cosine {float(cos.min()):.6f})")
        os.chmod(tmp, 0o644)
        os.replace(tmp, out / MODEL_FILE)
    finally:
        tmp.unlink(missing_ok=True)
    meta = {
        "verified": True,
        "int8": _export_int8(out, mdir, arch, enc),
        "export_version": EXPORT_VERSION,
        "opset": OPSET,
        "model_dir": str(mdir),
        "key": cache_key(mdir),
        "versions": _versions(),
        "architecture": arch,
        "min_cosine": round(float(cos.min()), 7),
        "probes": len(cos),
        "bytes": (out / MODEL_FILE).stat().st_size,
        "seconds": round(time.perf_counter() - t0, 2),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    fd, meta_tmp = tempfile.mkstemp(dir=out, prefix=".meta.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
    os.chmod(meta_tmp, 0o644)
    os.replace(meta_tmp, out / META_FILE)  # written last: its presence means "verified and complete"
    return meta


def quantize(src: Path, dst: Path) -> None:
    """The int8 build graph from the float32 one (see the module docstring); needs ``onnx``."""
    from onnxruntime.quantization import quantize_dynamic

    quantize_dynamic(str(src), str(dst), op_types_to_quantize=["MatMul"], per_channel=True)


def _export_int8(out: Path, mdir: Path, arch: dict, fp32: OnnxEncoder) -> dict:
    """Write and check ``INT8_FILE`` next to the verified float32 graph; its record for meta.json
    (``ok`` False with the reason when it could not be made: builds then use the float32 graph)."""
    fd, tmp_name = tempfile.mkstemp(dir=out, prefix=".model-int8.", suffix=".onnx.tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        quantize(out / MODEL_FILE, tmp)
        ref = fp32.encode(PROBES)  # the verified float32 graph, already loaded
        got = OnnxEncoder(tmp, mdir / "tokenizer.json", arch["max_length"]).encode(PROBES)
        cos = (ref * got).sum(1)
        if float(cos.min()) < INT8_MIN_COSINE:
            raise OnnxUnavailable(f"the int8 graph disagrees with float32 (min cosine {float(cos.min()):.4f})")
        os.chmod(tmp, 0o644)
        os.replace(tmp, out / INT8_FILE)
        return {"ok": True, "file": INT8_FILE, "bytes": (out / INT8_FILE).stat().st_size,
                "min_cosine": round(float(cos.min()), 5), "mean_cosine": round(float(cos.mean()), 5)}  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - an optimisation: the float32 export stands without it
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    finally:
        tmp.unlink(missing_ok=True)


def export_in_child(out_dir: Path, timeout: float = 300.0) -> dict:
    """Run ``export`` in a child Python, so this process never imports torch; returns meta."""
    root = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "index.onnx_encoder", "export", "--out", str(out_dir)],
            env=env, capture_output=True, text=True, timeout=timeout, cwd=root,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OnnxUnavailable(f"the export did not finish: {exc}") from None
    meta = read_meta(out_dir)
    if proc.returncode != 0 or meta is None:
        tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-3:]
        raise OnnxUnavailable(f"the export failed (exit {proc.returncode}): {' | '.join(tail)}")
    return meta


_EXPORT_LOCK = threading.Lock()


def ensure_exported(model_dir: str | Path, root: str | Path | None = None, in_child: bool = True) -> Path:
    """The folder of a verified export for ``model_dir``, exporting it first if needed."""
    out = cache_dir(model_dir, root)
    if read_meta(out) is not None:
        return out
    with _EXPORT_LOCK:
        if read_meta(out) is None:
            out.mkdir(parents=True, exist_ok=True)
            if in_child:
                export_in_child(out)
            else:
                export(out, model_dir)
    return out


def clear(model_dir: str | Path, root: str | Path | None = None) -> None:
    shutil.rmtree(cache_dir(model_dir, root), ignore_errors=True)


# ---------------------------------------------------------------- run time


def _safe(text: str) -> str:
    """Lone surrogates cannot cross into Rust: replace them (only what the encoder sees)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class OnnxEncoder:
    """Unit-length float32 vectors from an exported graph. Thread-safe (sessions and tokenizer are)."""

    backend = "onnxruntime"

    def __init__(self, model_file: str | Path, tokenizer_file: str | Path, max_length: int = 256,
                 threads: int | None = None) -> None:  # fmt: skip
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_padding()  # tokenizer.json pads to 128; we pad per batch ourselves
        self.tokenizer.enable_truncation(max_length)
        self.max_length = max_length
        self.model_file = str(model_file)
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        so.inter_op_num_threads = 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.log_severity_level = 3
        # No busy-waiting after a run: a spinning worker holds a core that FAISS's OpenMP and
        # OpenBLAS threads (and the server's other requests) need next; measured 1.6 -> 5.5 ms
        # for a FAISS search right after a query encoding with spinning on, for +0.3 ms here.
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        so.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self.session = ort.InferenceSession(self.model_file, so, providers=["CPUExecutionProvider"])
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def _run(self, encs) -> np.ndarray:
        n = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), n), dtype=np.int64)
        mask = np.zeros((len(encs), n), dtype=np.int64)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        (out,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return out

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        texts = [_safe(t) for t in texts]
        if len(texts) == 1:
            encs = [self.tokenizer.encode(texts[0])]
        else:
            encs = self.tokenizer.encode_batch(texts)
        out = np.empty((len(encs), self.dim), dtype=np.float32)
        for part in batches([len(e.ids) for e in encs], batch_size):
            out[part] = self._run([encs[i] for i in part])
        return out


def batches(lengths: list[int], batch_size: int = 64, max_padding: float = 0.25, small: int = 128,
            max_tokens: int = 1024) -> list[list[int]]:  # fmt: skip
    """Indices grouped for padded batches: sorted by length, at most ``batch_size`` per batch, and a
    batch is closed before padding would exceed ``max_padding`` of its tokens (padded tokens cost
    as much as real ones: 48 sentences of 6-64 tokens in one batch took 208 ms, bucketed 110 ms),
    unless the padded batch stays within ``small`` tokens: there a run's fixed cost (~1 ms) is more
    than the padding (a question and three single words: one run, not two). A batch also stays
    within ``max_tokens`` padded tokens: a run's working memory grows with it and onnxruntime's
    arena keeps the peak, while CPU speed does not (2 505 sentences, chunks and long texts:
    +661 MB and 12.7 s unbounded, +67 MB and 10.9-11.8 s at 1 024 tokens)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out: list[list[int]] = []
    cur: list[int] = []
    total = 0
    for i in order:
        n = lengths[i]  # the longest so far (sorted), so the batch would be padded to n
        padded = n * (len(cur) + 1)
        if cur and (len(cur) >= batch_size or padded > max_tokens
                    or (padded > small and padded > (1 + max_padding) * (total + n))):  # fmt: skip
            out.append(cur)
            cur, total = [], 0
        cur.append(i)
        total += n
    if cur:
        out.append(cur)
    return out


def load(model_dir: str | Path, root: str | Path | None = None, export_if_missing: bool = True) -> OnnxEncoder:
    """An OnnxEncoder for ``model_dir`` from the cache (exporting first if allowed); raises OnnxUnavailable."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as exc:
        raise OnnxUnavailable(f"{exc.name} is not installed") from None
    out = cache_dir(model_dir, root)
    meta = read_meta(out)
    if meta is None:
        if not export_if_missing:
            raise OnnxUnavailable(f"no verified export in {out}")
        out = ensure_exported(model_dir, root)
        meta = read_meta(out)
        if meta is None:
            raise OnnxUnavailable(f"no verified export in {out}")
    return _open(out / MODEL_FILE, model_dir, meta, "the exported graph")


def _open(path: Path, model_dir: str | Path, meta: dict, what: str) -> OnnxEncoder:
    """An OnnxEncoder for a cached graph that runs and gives unit vectors; raises OnnxUnavailable."""
    try:
        enc = OnnxEncoder(path, Path(model_dir) / "tokenizer.json", meta["architecture"]["max_length"])
        v = enc.encode([PROBES[0]])
    except Exception as exc:  # noqa: BLE001 - a corrupt cache file must never break the bot
        raise OnnxUnavailable(f"{what} in {path.parent} does not run: {exc}") from None
    if v.shape != (1, enc.dim) or not np.isfinite(v).all() or abs(float(np.linalg.norm(v)) - 1.0) > 1e-3:
        raise OnnxUnavailable(f"{what} in {path.parent} gives bad vectors")
    return enc


def load_int8(model_dir: str | Path, root: str | Path | None = None) -> OnnxEncoder:
    """The int8 build encoder from an existing verified export (never exports); raises OnnxUnavailable."""
    out = cache_dir(model_dir, root)
    meta = read_meta(out)
    rec = (meta or {}).get("int8") or {}
    path = out / INT8_FILE
    if not rec.get("ok"):
        raise OnnxUnavailable(f"no int8 graph in {out}: {rec.get('error', 'not exported')}")
    if not path.is_file() or path.stat().st_size != rec.get("bytes"):
        raise OnnxUnavailable(f"the int8 graph in {out} is missing or changed since it was checked")
    enc = _open(path, model_dir, meta, "the int8 graph")
    enc.backend = "onnxruntime-int8"
    return enc


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m index.onnx_encoder", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export", help="export + verify the ONNX encoder into a folder (default: the cache)")
    e.add_argument("--out", type=Path, default=None)
    sub.add_parser("where", help="print the cache folder for the bundled model")
    args = parser.parse_args(argv)
    from index import embed

    if args.cmd == "where":
        print(cache_dir(embed.model_path()))
        return 0
    out = args.out or cache_dir(embed.model_path())
    try:
        # The reference vectors come from torch; this process never tries (or exports) the onnx path.
        with embed.configured(backend="torch"):
            meta = export(out)
    except Exception as exc:  # noqa: BLE001 - reported to the parent through the exit code
        print(f"error: ONNX export failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    # An entry point: the only code here that reads the environment (the cache folder, for both commands).
    from index import embed

    embed.configure(cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)
    sys.exit(main())
