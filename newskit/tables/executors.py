"""Executors: run the pipeline over many texts and return per-article rows, never Docs.

``analyze_docs`` streams rows in one process or in forked workers (which die with their
parent); texts longer than ``nlp.max_length`` are analysed in paragraph chunks whose
offsets are mapped back; runaway inputs are defused and an optional per-article time
limit turns a text that still takes too long into an error entry.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from spacy.language import Language

from newskit.tables.rows import article_sentiment, doc_rows
from newskit.tables.schema import TABLES


def _chunks(text: str, max_len: int) -> Iterator[tuple[int, str]]:
    """Split ``text`` at paragraph (else line, else space) breaks into pieces ≤ ``max_len``."""
    start = 0
    n = len(text)
    while start < n:
        end = min(start + max_len, n)
        if end < n:
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + max_len // 2, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        yield start, text[start:end]
        start = end


#: a worker's share of what is left that one task may take (guided self-scheduling)
GUIDE = 4
#: characters below which a task is not made smaller (~0.05 s of work; a task costs ~ms)
MIN_TASK_CHARS = 8_000


def partition(lengths: Sequence[int], n_workers: int, max_items: int) -> list[range]:
    """Split articles of ``lengths`` characters into consecutive tasks for ``n_workers``.

    Guided self-scheduling: a task takes at most ``max_items`` articles and about
    ``1 / (GUIDE * n_workers)`` of the characters still unassigned (never under
    ``MIN_TASK_CHARS``, always at least one article), so tasks shrink towards the end
    and the workers finish together instead of one waiting for the other's last large
    task. Sizes go by characters, not articles: a chunk of long articles costs more.

    >>> [len(r) for r in partition([1000] * 100, 2, 16)]
    [12, 11, 9, 8, 8, 8, 8, 8, 8, 8, 8, 4]
    >>> partition([10, 20], 2, 16), partition([], 2, 16)
    ([range(0, 2)], [])
    """
    tasks: list[range] = []
    remaining = sum(lengths)
    start, n = 0, len(lengths)
    while start < n:
        budget = max(MIN_TASK_CHARS, remaining // (GUIDE * n_workers))
        end, size = start + 1, lengths[start]
        while end < n and end - start < max_items and size + lengths[end] <= budget:
            size += lengths[end]
            end += 1
        tasks.append(range(start, end))
        remaining -= size
        start = end
    return tasks


def _shift(rows: dict, offset: int, sent_offset: int) -> dict:
    for table in TABLES:
        for r in rows[table]:
            for k in [c for c in r if c.endswith(("start_char", "end_char"))]:
                if r[k] is not None and r[k] >= 0:
                    r[k] += offset
            r["sent_id"] += sent_offset
    return rows


def analyze_docs(nlp: Language, texts: list[str], *, n_process: int = 1,
                 batch_size: int = 16, timeout: float | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> Iterator[dict]:
    """Yield ``doc_rows`` for each text, in order, as the pipeline streams.

    Only rows are kept, never ``Doc`` objects. Texts longer than
    ``nlp.max_length`` are processed in paragraph chunks whose offsets are
    mapped back, so nothing is truncated. ``n_process > 1`` forks workers
    (Linux, macOS); where processes cannot be forked it runs in one process.
    Workers exit when the parent process dies.

    Guards against runaway time: runs of ``RUN_LIMIT`` or more punctuation or
    symbol characters (e.g. 25,000 „ in a row, whose tokenisation and quote
    matching is quadratic) are analysed as spaces of the same length, so offsets
    stay right; tokens longer than ``newskit.nlp.tagger.MAX_TAGGED_CHARS`` are not
    given to HanTa's morphological search. ``timeout`` (seconds, Unix main thread
    or forked workers) turns an article that still takes longer into an error
    entry; articles are then processed one at a time.

    ``on_chunk(n_chars)`` is called after each chunk of a long text analysed in this
    process (for a progress bar that moves within a long article).
    """
    import multiprocessing as mp

    texts = [defuse(t) for t in texts]
    can_fork = "fork" in mp.get_all_start_methods()
    if n_process > 1 and len(texts) > batch_size and can_fork:
        yield from _analyze_forked(nlp, texts, n_process, batch_size, timeout)
        return
    limit = nlp.max_length
    if timeout:
        for t in texts:
            yield _rows_or_error(nlp, t, limit, timeout, on_chunk)
        return
    for i in range(0, len(texts), batch_size):
        batch = texts[i : i + batch_size]
        try:
            docs = nlp.pipe((t for t in batch if len(t) <= limit), batch_size=batch_size)
            rows = [doc_rows(next(docs)) if len(t) <= limit
                    else _analyze_long(nlp, t, limit, on_chunk) for t in batch]
        except Exception:  # one bad text must not cost the batch: retry one by one
            rows = [_rows_or_error(nlp, t, limit) for t in batch]
        yield from rows


RUN_LIMIT = 64
_RUN = re.compile(r"[^\w\s]{%d,}" % RUN_LIMIT)


def defuse(text: str) -> str:
    """``text`` with runs of ``RUN_LIMIT``+ punctuation/symbol characters blanked (same length)."""
    if len(text) < RUN_LIMIT:
        return text
    return _RUN.sub(lambda m: " " * len(m.group(0)), text)


@contextmanager
def frozen_heap():
    """Keep the garbage collector off every object that exists now (``gc.freeze``) while
    worker processes are forked from this one.

    A forked worker shares its parent's memory until it writes to it, and a collection
    writes to every object it inspects: without this, the workers' collections walk the
    pipeline's millions of objects and copy their pages (a few percent of a parallel run's
    CPU time). Objects made after the freeze are collected as usual; on leaving, this
    process's collector sees every object again.

    >>> import gc
    >>> with frozen_heap():
    ...     gc.get_freeze_count() > 0
    True
    """
    import gc

    before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not before:
            gc.unfreeze()


class ArticleTimeout(Exception):
    """An article took longer than the per-article time limit."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise ``ArticleTimeout`` in the block after ``seconds`` (no-op off the main thread
    or without ``SIGALRM``)."""
    import signal
    import threading

    if not seconds or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise ArticleTimeout(f"took longer than {seconds:g} s (--timeout-per-article)")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _rows_or_error(nlp: Language, text: str, limit: int, timeout: float | None = None,
                   on_chunk: Callable[[int], None] | None = None) -> dict:
    """Rows for one text, or an ``error`` entry naming what failed."""
    try:
        with time_limit(timeout):
            return doc_rows(nlp(text)) if len(text) <= limit \
                else _analyze_long(nlp, text, limit, on_chunk)
    except Exception as exc:  # reported per article, never raised for a data problem
        return {"error": f"analysis failed: {type(exc).__name__}: {exc}"}


_FORKED_NLP: Language | None = None
PR_SET_PDEATHSIG = 1


def rows_sharing(nlp: Language, texts: list[str], share: str | None, batch_size: int,
                 timeout: float | None = None) -> list[dict]:
    """``analyze_docs`` in one worker of a parallel run, exchanging word analyses with the
    other workers through the folder ``share`` before and after (``newskit.nlp.hanta_share``)."""
    from newskit.nlp.hanta_share import sync

    sync(share)
    try:
        return list(analyze_docs(nlp, texts, batch_size=batch_size, timeout=timeout))
    finally:
        sync(share)


def _rows_in_child(texts: list[str], batch_size: int, timeout: float | None = None,
                   share: str | None = None) -> list[dict]:
    return rows_sharing(_FORKED_NLP, texts, share, batch_size, timeout)


def _die_with_parent(parent_pid: int) -> None:
    """Worker initialiser: exit when the parent dies, even by SIGKILL (no orphans).

    Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; elsewhere a thread that polls the
    parent pid once a second.
    """
    import signal
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watchdog below
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def _watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=_watch, name="newskit-parent-watch", daemon=True).start()


def _analyze_forked(nlp: Language, texts: list[str], n_process: int,
                    batch_size: int, timeout: float | None = None) -> Iterator[dict]:
    """Worker processes forked with the pipeline already loaded; they return rows, not
    Docs, so nothing heavy crosses process boundaries. Order is kept. Workers die
    with the parent (``_die_with_parent``)."""
    import multiprocessing as mp
    import shutil
    from concurrent.futures import ProcessPoolExecutor

    from newskit.nlp.hanta_share import new_folder

    global _FORKED_NLP
    _FORKED_NLP = nlp
    chunks = [texts[r.start : r.stop]
              for r in partition([len(t) for t in texts], n_process, batch_size)]
    n = len(chunks)
    share = new_folder()  # the workers' word analyses, shared (newskit.nlp.hanta_share)
    try:
        # the pool forks its workers at the first task: freeze the heap until it is done
        with frozen_heap(), ProcessPoolExecutor(n_process, mp_context=mp.get_context("fork"),
                                                initializer=_die_with_parent,
                                                initargs=(os.getpid(),)) as pool:
            for rows in pool.map(_rows_in_child, chunks, [batch_size] * n, [timeout] * n,
                                 [share] * n):
                yield from rows
    finally:
        _FORKED_NLP = None
        shutil.rmtree(share, ignore_errors=True)


def _analyze_long(nlp: Language, text: str, limit: int,
                  on_chunk: Callable[[int], None] | None = None) -> dict:
    merged = {"n_tokens": 0, "n_sentences": 0, **{t: [] for t in TABLES}}
    for offset, piece in _chunks(text, limit):
        part = _shift(doc_rows(nlp(piece)), offset, merged["n_sentences"])
        if on_chunk is not None:
            on_chunk(len(piece))
        merged["n_tokens"] += part["n_tokens"]
        merged["n_sentences"] += part["n_sentences"]
        for t in TABLES:
            merged[t].extend(part[t])
    merged["sentiment_score"], merged["sentiment"] = article_sentiment(merged["sentences"])
    return merged
