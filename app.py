"""Article Q&A, the web page: a chat beside the article, answers highlighted where they come from.

Thin glue over ``bot``: every answer is ``ArticleBot.answer``; this file only renders it.
- Chat turns are Gradio messages: the answer (sentences + ``[n]`` links), then collapsed
  "Sources" and "Why this answer" blocks (message metadata).
- The article view is HTML built from ``Article.blocks``; cited sentences are wrapped in
  ``<mark>`` by their character offsets. It is re-rendered from the chat history whenever the
  history changes (answer, retry, undo, clear), so it always matches what the chat shows:
  the newest answer's citations bright, older ones faded, declined questions' nearest
  passages underlined. Links ``#s-<start>-<end>`` in the chat scroll to the sentence.
- Everything shown is escaped (``html.escape`` in the article, Markdown-escaped in the chat).
- Per-user state: the session's own article bot lives in ``gr.State`` (None = bundled
  article); follow-up context is rebuilt from the user's own chat history. The bundled bot
  below is shared and read-only.
- API: ``/ask`` (question + earlier questions -> JSON answer), see the README.
Run: ``python app.py`` (127.0.0.1:7860; GRADIO_SERVER_NAME / GRADIO_SERVER_PORT override;
ARTICLE_QA_ENCODER=torch|onnx|auto and ARTICLE_QA_CACHE choose the encoder, see ``index.embed``).
"""

import ctypes
import functools
import html
import logging
import os
import re
import tempfile
from pathlib import Path

import gradio as gr

import bot as bot_package
import index as index_package
from bot import Answer, ArticleBot, Citation
from bot.labels import where
from index import embed
from index.article import decode
from index.errors import ArticleQAError

log = logging.getLogger("app")


def _fewer_malloc_arenas(n: int = 2) -> None:
    """glibc gives each new thread its own heap arena, up to 8 per core, and keeps what each
    arena once held: a server answering on many threads grows for no reason. Two arenas, set
    before the server starts its threads at launch (``python -m eval.load``, 50 sessions:
    memory +10.2 % with the default, +7.0 % with 2). A no-op where the C library is not glibc."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, n)  # -8: M_ARENA_MAX
    except (OSError, AttributeError):
        pass


_fewer_malloc_arenas()


MAX_UPLOAD_BYTES = 1_048_576  # stated on the page; also Gradio's upload limit (launch max_file_size)
UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")
# A turn is a few to tens of ms of CPU (one query encoding, numpy, BM25), so a few workers
# keep 2 cores busy; more only add contention. The workers encode concurrently on the ONNX
# encoder (no lock); on the torch fallback encodings take turns under index.embed's lock
# and the rest of each turn still overlaps. The queue holds bursts (100 waiting turns is
# a few seconds of work) and refuses beyond that with a message. Indexing an uploaded article
# is heavier: one at a time, in its own concurrency group, so it never takes the answer slots.
ANSWER_WORKERS = 4
QUEUE_MAX = 100
MAX_REPLAY = 8  # earlier questions replayed to rebuild follow-up context (chains rarely go deeper)

BUNDLED_EXAMPLES = ["What leverage does Trump have?", "What is the Byungjin policy?",
                    "What did Xi Jinping say?", "When was it published?"]  # fmt: skip
OWN_EXAMPLES = ["What is the article about?", "When was it published?", "Who wrote it?"]

# An entry point, so it reads the environment (library modules never do); before the bot below is built.
embed.configure(backend=os.environ.get("ARTICLE_QA_ENCODER") or None,
                cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)  # fmt: skip

DEFAULT_BOT = ArticleBot.default()  # loaded once at start (model + index), shared read-only

# ---------------------------------------------------------------- text helpers

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~])")


def md_escape(s: str) -> str:
    """Text -> Markdown that shows exactly this text (no markup, no HTML)."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", s), quote=False)


def md_unescape(s: str) -> str:
    return _MD_UNESCAPE.sub(r"\1", html.unescape(s))


def flat(s: str) -> str:
    """Whitespace folded (hard-wrapped lines, NBSP) for display; offsets still use the original."""
    return " ".join(s.split())


def _content_text(content) -> str:
    """The text of a chat message, whatever shape Gradio gives it (str or list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", ""))
    if isinstance(content, list | tuple):
        return "".join(_content_text(c) for c in content)
    return ""


def _is_detail(msg: dict) -> bool:
    return bool((msg.get("metadata") or {}).get("title"))


def user_questions(history: list) -> list[str]:
    """The questions the user asked, in order, as they typed them."""
    return [md_unescape(_content_text(m.get("content"))) for m in history or [] if m.get("role") == "user"]


def replay(bot: ArticleBot, questions: list[str]) -> list[tuple[str, Answer]]:
    """Earlier turns ``(question, Answer)`` rebuilt by asking them again (the bot is deterministic)."""
    turns: list[tuple[str, Answer]] = []
    for q in questions[-MAX_REPLAY:]:
        turns.append((q, bot.answer(q, turns)))
    return turns


# ---------------------------------------------------------------- chat messages


def _where(c: Citation) -> str:
    """'¶ 12' (as numbered in the article view), or the metadata line in words ('summary under the title, sentence 1')."""
    return f"¶ {c.paragraph}" if c.paragraph else where(c)


def _link(c: Citation, label: str, tip: str = "Show in the article") -> str:
    return f'[{label}](#s-{c.start}-{c.end} "{tip}")'


def _marker(n: int) -> str:
    return f"\\[{n}\\]"  # "[n]" as Markdown link text


def reply_messages(ans: Answer, bot: ArticleBot) -> list[dict]:
    """An Answer as chat messages: the reply, then collapsed Sources and Why blocks."""
    note = f"_{md_escape(ans.note)}_\n\n" if ans.note else ""
    if ans.reason == "invalid_question":
        return [{"role": "assistant", "content": note + md_escape(ans.text)}]
    why = [f"- Searched for: “{md_escape(ans.query or ans.question)}”"]
    followup = bool(ans.query) and ans.query != ans.question
    if followup:
        why[0] += " (read as a follow-up: words from the previous question were added)"
    why.append(f"- Confidence: {ans.confidence:.2f} (the bot answers from {bot.config.answer_threshold(followup):.2f})")
    if ans.abstained:
        if not ans.suggestions:
            return [{"role": "assistant", "content": note + md_escape(ans.text)}]
        lines = ["**The article does not cover this.** These are the passages closest to your question; "
                 "they may not answer it:", ""]  # fmt: skip
        for i, c in enumerate(ans.suggestions, 1):
            lines.append(f"{i}. {md_escape(flat(c.text))} ({_link(c, _where(c), 'Nearest passage')})")
        why.append("- Nearest passages (score): " + ", ".join(f"{_where(c)} ({c.score:.3f})" for c in ans.suggestions))
        return [
            {"role": "assistant", "content": note + "\n".join(lines)},
            {
                "role": "assistant",
                "content": "\n".join(why),
                "metadata": {"title": "Why this answer", "status": "done"},
            },
        ]
    by_n = sorted(ans.citations, key=lambda c: c.n)
    body = " ".join(f"{md_escape(flat(c.text))} {_link(c, _marker(c.n))}" for c in by_n)
    sources = "\n".join(f"- {_link(c, _marker(c.n))} {_where(c)}: {md_escape(flat(c.text))}" for c in by_n)
    why.append("- Scores, best first: " + ", ".join(f"[{c.n}] {c.score:.3f}" for c in ans.citations))
    cited = {c.sentence_id for c in ans.citations}
    others = [c for c in ans.candidates if c.sentence_id not in cited][:3]
    if others:
        why.append("- Next candidates, not cited: " + ", ".join(f"{_where(c)} ({c.score:.3f})" for c in others))
    return [
        {"role": "assistant", "content": note + body},
        {"role": "assistant", "content": sources,
         "metadata": {"title": f"Sources ({len(by_n)})", "status": "done"}},
        {"role": "assistant", "content": "\n".join(why), "metadata": {"title": "Why this answer", "status": "done"}},
    ]  # fmt: skip


# ---------------------------------------------------------------- article view

_LINK = re.compile(r'\]\(#s-(\d+)-(\d+)(?: "([^"]*)")?\)')
_LEAD = re.compile(r"^(?:#{1,6}\s+|>\s*|[*_]{1,3}(?=\S))+")
_TRAIL = re.compile(r"(?<=\S)[*_]{1,3}\s*$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\([^)]*\)\s*$")
_TAGS = {"publisher": ("p", "aq-kicker"), "title": ("h2", "aq-title"), "standfirst": ("p", "aq-lead"),
         "date": ("p", "aq-date"), "byline": ("p", "aq-byline"), "caption": ("p", "aq-caption"),
         "heading": ("h3", "aq-heading"), "pullquote": ("blockquote", "aq-pull"), "body": ("p", "aq-p")}  # fmt: skip


def history_marks(history: list) -> list[tuple[int, int, str, int]]:
    """(start, end, class, n) for the sentences the chat links to: newest turn 'now', older 'old'."""
    turns: list[list[dict]] = []
    for m in history or []:
        if m.get("role") == "user" or not turns:
            turns.append([])
        if m.get("role") == "assistant" and not _is_detail(m):
            turns[-1].append(m)
    while turns and not turns[-1]:
        turns.pop()  # a question still waiting for its answer: keep showing the previous one
    marks: list[tuple[int, int, str, int]] = []
    for t, msgs in enumerate(turns):
        newest = t == len(turns) - 1
        for m in msgs:
            links = _LINK.findall(_content_text(m.get("content")))
            for n, (s, e, tip) in enumerate(links, 1):
                near = tip == "Nearest passage"
                if near and not newest:
                    continue
                marks.append((int(s), int(e), "near" if near else ("now" if newest else "old"), n))
    return marks


def _spans(marks, lo: int, hi: int):
    """Marks inside [lo, hi), clipped, non-overlapping (newest wins), in text order."""
    rank = {"now": 0, "near": 1, "old": 2}
    taken: list[tuple[int, int, str, int]] = []
    for s, e, cls, n in sorted(marks, key=lambda m: rank[m[2]]):
        s, e = max(s, lo), min(e, hi)
        if s < e and all(e <= ts or s >= te for ts, te, _, _ in taken):
            taken.append((s, e, cls, n))
    return sorted(taken)


def _display_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of a block worth showing: without Markdown markers; an image line shows its alt text."""
    raw = text[start:end]
    m = _IMAGE.match(raw)
    if m:
        return start + m.start(1), start + m.end(1)
    lead = _LEAD.match(raw)
    s = start + (lead.end() if lead else 0)
    trail = _TRAIL.search(text, s, end)
    return s, (trail.start() if trail else end)


def render_article(bot: ArticleBot, history: list | None = None) -> str:
    """The article as escaped HTML, cited sentences marked by their offsets."""
    art = bot.article
    text = art.text
    marks = history_marks(history or [])
    best = next((m for m in marks if m[2] == "now"), None) or next((m for m in marks if m[2] == "near"), None)
    out = []
    para = 0
    for b in art.blocks:
        if b.kind not in _TAGS:
            continue  # furniture: navigation, repeated captions, "Related" tails
        tag, cls = _TAGS[b.kind]
        lo, hi = _display_range(text, b.start, b.end)
        pos, parts = lo, []
        for s, e, mcls, n in _spans(marks, lo, hi):
            parts.append(html.escape(text[pos:s]))
            extra = ' data-best="1"' if best and (s, e) == (max(best[0], lo), min(best[1], hi)) else ""
            parts.append(f'<mark id="s-{s}-{e}" class="aq-{mcls}" data-n="{n}"{extra}>{html.escape(text[s:e])}</mark>')
            pos = e
        parts.append(html.escape(text[pos:hi]))
        number = ""
        if b.kind == "body":
            para += 1
            number = f'<span class="aq-pn" aria-hidden="true">{para}</span>'
        out.append(f'<{tag} class="{cls}">{number}{"".join(parts)}</{tag}>')
    own = bot is not DEFAULT_BOT
    source = f"Your article · {html.escape(art.name or 'pasted text')}" if own else "Bundled article"
    hint = ("Highlighted: the newest answer's sentences (older ones faded; nearest passages dashed when "
            "the article does not say). Paragraph numbers match the Sources.")  # fmt: skip
    return (f'<div class="aq-article"><div class="aq-source">{source}</div>'
            f'<div class="aq-scroll"><article class="aq-doc">{"".join(out)}</article></div>'
            f'<div class="aq-hint">{hint}</div></div>')  # fmt: skip


# ---------------------------------------------------------------- events


def _bot(state) -> ArticleBot:
    return state if isinstance(state, ArticleBot) else DEFAULT_BOT


def add_user(message: str, history: list):
    """Show the question at once; the answer follows in ``respond``."""
    history = list(history or [])
    if message is None or not str(message).strip():
        return gr.Textbox(value="", interactive=True), history
    history.append({"role": "user", "content": md_escape(str(message))})
    return gr.Textbox(value="", interactive=False), history


def respond(history: list, state, memo: dict | None):
    """Answer the last user message of ``history``, with the earlier questions as context.

    ``memo`` (per session) keeps the last turns as ``(question, Answer)`` so a follow-up does not
    re-ask the whole conversation; after undo, retry or clear it no longer matches and the
    earlier questions are replayed instead.
    """
    history = list(history or [])
    if not history or history[-1].get("role") != "user":
        return history, gr.skip()
    bot = _bot(state)
    questions = user_questions(history)
    memo = memo or {}
    if memo.get("bot") is bot and memo.get("questions") == questions[:-1]:
        turns = list(memo["turns"])
    else:
        turns = replay(bot, questions[:-1])
    try:
        ans = bot.answer(questions[-1], turns)
    except Exception:
        log.exception("answer failed")
        raise gr.Error(
            "Sorry, something went wrong while answering. Please try again.", print_exception=False
        ) from None
    memo = {"bot": bot, "questions": questions, "turns": (turns + [(questions[-1], ans)])[-MAX_REPLAY:]}
    return history + reply_messages(ans, bot), memo


def on_example(evt: gr.SelectData, history: list):
    value = evt.value if isinstance(evt.value, dict) else {"text": str(evt.value)}
    return add_user(value.get("text", ""), history)


def on_retry(history: list, state, memo: dict | None):
    history = list(history or [])
    last_user = max((i for i, m in enumerate(history) if m.get("role") == "user"), default=-1)
    return respond(history[: last_user + 1], state, memo) if last_user >= 0 else (history, gr.skip())


def on_undo(history: list):
    history = list(history or [])
    last_user = max((i for i, m in enumerate(history) if m.get("role") == "user"), default=-1)
    if last_user < 0:
        return history, gr.skip()
    return history[:last_user], md_unescape(_content_text(history[last_user].get("content")))


def _switch(bot: ArticleBot, message: str):
    """Outputs for a new article: session state, empty chat with fitting examples, view, status, panel closed."""
    examples = BUNDLED_EXAMPLES if bot is DEFAULT_BOT else OWN_EXAMPLES
    chat = gr.Chatbot(value=[], examples=[{"text": q} for q in examples])
    return (None if bot is DEFAULT_BOT else bot), chat, render_article(bot), message, gr.Accordion(open=False)


def _refuse(message: str):
    """Outputs when an article cannot be used: only the status changes (it says why)."""
    return gr.skip(), gr.skip(), gr.skip(), f"**Could not use this article.** {message}", gr.skip()


def _index(text: str, name: str, progress: gr.Progress):
    progress(0.3, desc=f"Indexing {len(text):,} characters…")
    try:
        bot = ArticleBot.from_text(text, name=name)
    except ArticleQAError as exc:
        return _refuse(md_escape(str(exc)))
    except Exception:
        log.exception("indexing failed")
        return _refuse("This article could not be indexed. Try saving it as plain text.")
    title = bot.article.title or name or "your article"
    n = len(bot.sentences)
    return _switch(bot, f"Now answering from **{md_escape(title)}** ({n:,} sentences), in this tab only.")


def use_file(path: str | None, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
    if not path:
        return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
    p = Path(path)
    name = p.name
    if p.suffix.lower() not in UPLOAD_TYPES:
        return _refuse("Upload a .txt, .md or .html file.")
    size = p.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        return _refuse(f"The file is {size:,} bytes; the limit is 1 MB.")
    progress(0.1, desc="Reading the file…")
    try:
        text = decode(p.read_bytes())
    except ArticleQAError as exc:
        return _refuse(md_escape(str(exc)))
    return _index(text, name, progress)


def use_pasted(text: str, progress=gr.Progress()):  # noqa: B008
    if len((text or "").encode("utf-8")) > MAX_UPLOAD_BYTES:
        return _refuse("The pasted text is over 1 MB. Paste a shorter article.")
    return _index(text or "", "pasted text", progress)


def use_bundled():
    return _switch(DEFAULT_BOT, "Back to the bundled article.")


def _cite_dict(c: Citation) -> dict:
    return {"n": c.n, "text": c.text, "start": c.start, "end": c.end, "paragraph": c.paragraph,
            "kind": c.kind, "score": c.score}  # fmt: skip


def ask(question: str, history: list[str] | None = None) -> dict:
    """Answer a question about the bundled article.

    history: the earlier questions of the conversation, oldest first (for follow-ups).
    Returns text (cited sentences with [n] markers, or a decline), citations (best first,
    with character offsets into the article), abstained, reason, confidence, query, note,
    suggestions (nearest passages when declined), missing (the decline rule that found the fact
    asked for missing, or "").
    """
    earlier = [str(q) for q in (history or []) if isinstance(q, str | int | float)]
    ans = DEFAULT_BOT.answer(question, replay(DEFAULT_BOT, earlier))
    return {"question": ans.question, "text": ans.text, "citations": [_cite_dict(c) for c in ans.citations],
            "abstained": ans.abstained, "reason": ans.reason, "confidence": round(ans.confidence, 4),
            "query": ans.query, "note": ans.note, "suggestions": [_cite_dict(c) for c in ans.suggestions],
            "missing": ans.missing}  # fmt: skip


# ---------------------------------------------------------------- page

CSS = """
.aq-article { display: flex; flex-direction: column; gap: 6px; }
.aq-source { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--body-text-color-subdued); }
.aq-hint { font-size: 12px; color: var(--body-text-color-subdued); }
.aq-scroll { max-height: 70vh; overflow-y: auto; position: relative; padding: 4px 12px 8px 2px;
  border: 1px solid var(--border-color-primary); border-radius: var(--radius-lg); background: var(--block-background-fill); }
.aq-doc { font-size: 15px; line-height: 1.6; color: var(--body-text-color); padding: 8px 8px 8px 12px; overflow-wrap: anywhere; }
.aq-doc h2.aq-title { font-size: 1.4em; line-height: 1.25; margin: .3em 0 .5em; color: var(--body-text-color); }
.aq-doc h3.aq-heading { font-size: 1.1em; margin: 1.2em 0 .5em; color: var(--body-text-color); }
.aq-doc p { margin: 0 0 .85em; }
.aq-doc .aq-kicker { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--body-text-color-subdued); margin: 0; }
.aq-doc .aq-lead { font-size: 1.06em; font-style: italic; }
.aq-doc .aq-date, .aq-doc .aq-byline, .aq-doc .aq-caption { font-size: 13px; color: var(--body-text-color-subdued); margin-bottom: .5em; }
.aq-doc .aq-pull { border-left: 3px solid var(--border-color-primary); margin: 0 0 .85em; padding-left: .8em; font-style: italic; }
.aq-doc p.aq-p { position: relative; padding-left: 2em; }
.aq-doc .aq-pn { position: absolute; left: 0; top: .3em; font-size: 11px; color: var(--body-text-color-subdued); }
.aq-doc mark { border-radius: 3px; padding: 1px 2px; scroll-margin: 96px; transition: outline-color .3s; }
.aq-doc mark.aq-now { background: #fde68a; color: #1c1917; box-shadow: 0 0 0 1px #f59e0b; }
.aq-doc mark.aq-now::before { content: "[" attr(data-n) "] "; font-size: .75em; font-weight: 700; color: #92400e; }
.aq-doc mark.aq-old { background: rgba(250, 204, 21, .16); color: inherit; }
.aq-doc mark.aq-near { background: transparent; color: inherit; border-bottom: 2px dashed #60a5fa; border-radius: 0; }
.aq-doc mark.aq-flash { outline: 3px solid #f97316; outline-offset: 2px; }
#aq-chat a[href^="#s-"] { color: var(--link-text-color); text-decoration: none; font-weight: 600; white-space: nowrap; }
#aq-chat a[href^="#s-"]:hover { text-decoration: underline; }
@media (max-width: 768px) { .aq-scroll { max-height: none; overflow: visible; } }
"""

# System fonts: the page needs nothing from the network (Gradio's default theme fetches Google Fonts).
THEME = gr.themes.Default(font=("ui-sans-serif", "system-ui", "sans-serif"), font_mono=("ui-monospace", "monospace"))

# Clicking a citation link scrolls to its sentence in the article view (one listener for the page).
HEAD = """<script>
document.addEventListener("click", function (e) {
  var a = e.target && e.target.closest ? e.target.closest('a[href*="#s-"]') : null;
  if (!a) return;
  var m = /#(s-\\d+-\\d+)$/.exec(a.getAttribute("href") || "");
  if (!m) return;
  e.preventDefault(); e.stopPropagation();
  var el = document.getElementById(m[1]);
  if (!el) return;
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView({behavior: still ? "auto" : "smooth", block: "center"});
  el.classList.add("aq-flash");
  setTimeout(function () { el.classList.remove("aq-flash"); }, 1600);
}, true);
</script>"""

# After each answer, scroll the article box (not the page) to the best cited sentence.
ON_ARTICLE = """
watch('value', () => {
  const box = element.querySelector('.aq-scroll');
  const m = element.querySelector('mark[data-best]');
  if (box && m && box.scrollHeight > box.clientHeight + 4) {
    const y = box.scrollTop + m.getBoundingClientRect().top - box.getBoundingClientRect().top;
    box.scrollTo({top: Math.max(0, y - box.clientHeight / 3), behavior: 'smooth'});
  }
});
"""

with gr.Blocks(title="Article Q&A", analytics_enabled=False) as demo:
    session_bot = gr.State(None)  # None: the bundled article; else this session's own ArticleBot
    session_memo = gr.State(None)  # the last turns as (question, Answer), see respond()
    gr.Markdown(
        "# Article Q&A\n"
        "Ask about the article. Every answer is made of the article's **own sentences**, each cited **[n]**: "
        "click a marker to see the sentence in the article. When the article does not say, the bot says so."
    )
    with gr.Row(equal_height=False):
        with gr.Column(scale=5, min_width=340):
            chatbot = gr.Chatbot(
                label="Chat", elem_id="aq-chat", height=560, latex_delimiters=[], allow_tags=False,
                examples=[{"text": q} for q in BUNDLED_EXAMPLES], feedback_options=None,
                placeholder="Ask a question, or pick an example.", buttons=["copy", "copy_all"],
            )  # fmt: skip
            question = gr.Textbox(
                show_label=False, placeholder="Ask about the article…", submit_btn="Ask", max_length=2000,
                elem_id="aq-question", autofocus=True,
            )  # fmt: skip
        with gr.Column(scale=6, min_width=340):
            with gr.Accordion("Use your own article", open=False, elem_id="aq-own") as own_panel:
                gr.Markdown(
                    "Upload a **.txt, .md or .html** file (**up to 1 MB**) or paste the text. It is indexed for "
                    "**this browser tab only**; everyone else keeps the bundled article. Indexing takes seconds; "
                    "the longest articles, up to a minute."
                )
                upload = gr.File(label="Article file", file_types=list(UPLOAD_TYPES), type="filepath",
                                 elem_id="aq-upload")  # fmt: skip
                pasted = gr.Textbox(label="…or paste the text", lines=5, max_lines=12, max_length=MAX_UPLOAD_BYTES,
                                    elem_id="aq-paste")  # fmt: skip
                with gr.Row():
                    use_paste_btn = gr.Button("Use pasted text", variant="primary", elem_id="aq-use-paste")
                    bundled_btn = gr.Button("Back to the bundled article", elem_id="aq-bundled")
            status = gr.Markdown(elem_id="aq-status")
            article_view = gr.HTML(render_article(DEFAULT_BOT), elem_id="aq-article", js_on_load=ON_ARTICLE)

    answer_kw = {"concurrency_id": "answer", "concurrency_limit": ANSWER_WORKERS, "api_visibility": "undocumented"}
    ui_kw = {"queue": False, "api_visibility": "undocumented", "show_progress": "hidden"}
    unlock = {"fn": lambda: gr.Textbox(interactive=True), "outputs": question, **ui_kw}
    question.submit(add_user, [question, chatbot], [question, chatbot], **ui_kw).then(
        respond, [chatbot, session_bot, session_memo], [chatbot, session_memo], **answer_kw).then(**unlock)  # fmt: skip
    chatbot.example_select(on_example, chatbot, [question, chatbot], **ui_kw).then(
        respond, [chatbot, session_bot, session_memo], [chatbot, session_memo], **answer_kw).then(**unlock)  # fmt: skip
    chatbot.retry(on_retry, [chatbot, session_bot, session_memo], [chatbot, session_memo], **answer_kw)
    chatbot.undo(on_undo, chatbot, [chatbot, question], **ui_kw)
    chatbot.clear(lambda: [], None, chatbot, **ui_kw)
    chatbot.change(lambda h, s: render_article(_bot(s), h), [chatbot, session_bot], article_view, **ui_kw)

    switch_out = [session_bot, chatbot, article_view, status, own_panel]
    index_kw = {"concurrency_id": "index", "concurrency_limit": 1, "api_visibility": "private", "show_progress": "full"}
    upload.upload(use_file, upload, switch_out, **index_kw)
    use_paste_btn.click(use_pasted, pasted, switch_out, **index_kw)
    bundled_btn.click(use_bundled, None, switch_out, api_visibility="private", queue=False)

    gr.api(ask, api_name="ask", concurrency_id="answer", concurrency_limit=ANSWER_WORKERS)

demo.queue(max_size=QUEUE_MAX, default_concurrency_limit=ANSWER_WORKERS)


def _blocked_paths() -> list[str]:
    """The repo, the installed packages and the home folder are never served (unless they hold Gradio's temp dir)."""
    temp = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio").resolve()
    roots = {Path(__file__).resolve().parent, Path(bot_package.__file__).resolve().parent,
             Path(index_package.__file__).resolve().parent, Path.home().resolve()}  # fmt: skip
    return sorted(str(r) for r in roots if not temp.is_relative_to(r))


# Gradio 6 takes page settings in launch(); bound here so a bare ``demo.launch()`` (Spaces, tests) gets them.
demo.launch = functools.partial(
    demo.launch, css=CSS, head=HEAD, theme=THEME, max_file_size=MAX_UPLOAD_BYTES, blocked_paths=_blocked_paths(),
    share=False, footer_links=["api", "settings"],
)  # fmt: skip

if __name__ == "__main__":
    demo.launch()
