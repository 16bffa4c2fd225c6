"""Evaluation of Article Q&A: QA-file loading, metrics, baselines, the runner and its report.

Run it as ``python -m eval --help``. Import submodules absolutely
(``from eval.metrics import token_f1``); a bare ``import eval`` would rebind the name of the
builtin ``eval()`` in the importing module, which is confusing and never needed.
"""
