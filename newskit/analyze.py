"""Run the pipeline over a corpus and collect the four result tables.

``analyze`` turns a corpus (a DataFrame from ``load_corpus`` or paths) into
an ``AnalysisResult`` with DataFrames ``articles``, ``entities``, ``quotes``
and ``sentences``. Offsets in the three mention tables index into
``articles.text``.

Each article is processed independently (``analyze_text``), which is what
makes caching, multiprocessing and Dask possible: the per-article result is a
small dict of rows, never a spaCy ``Doc``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
from spacy.language import Language

from newskit.cache import Cache, default_cache_dir
from newskit.io import load_corpus

ARTICLE_COLUMNS = ["article_id", "source", "date", "title", "text", "status", "error",
                   "n_tokens", "n_sentences", "sentiment_score", "sentiment"]
ENTITY_COLUMNS = ["article_id", "sent_id", "start_char", "end_char", "text", "label",
                  "canonical", "sentiment", "sentiment_score"]
QUOTE_COLUMNS = ["article_id", "sent_id", "start_char", "end_char", "text", "kind", "speaker",
                 "speaker_start_char", "speaker_end_char", "speaker_canonical", "cue",
                 "cue_lemma", "sentiment", "sentiment_score"]
SENTENCE_COLUMNS = ["article_id", "sent_id", "start_char", "end_char", "text", "score", "label"]
TABLES = {"entities": ENTITY_COLUMNS, "quotes": QUOTE_COLUMNS, "sentences": SENTENCE_COLUMNS}

_DEFAULT = object()


@dataclass
class AnalysisResult:
    """The four tables of an analysis (see the module docstring)."""

    articles: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    sentences: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"articles": self.articles, "entities": self.entities,
                "quotes": self.quotes, "sentences": self.sentences}

    def save(self, out_dir: str | Path, fmt: str = "csv") -> dict[str, Path]:
        """Write the four tables to ``out_dir`` as CSV or Parquet; return the paths."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, df in self.tables().items():
            path = out / f"{name}.{fmt}"
            tmp = path.with_name(f".{path.name}.tmp")
            if fmt == "csv":
                df.to_csv(tmp, index=False)
            elif fmt == "parquet":
                df.to_parquet(tmp, index=False)
            else:
                raise ValueError(f"unknown format {fmt!r} (csv or parquet)")
            os.replace(tmp, path)
            written[name] = path
        return written

    def summary(self) -> str:
        a = self.articles
        n_ok = int((a["status"] == "ok").sum())
        return (f"{_articles(n_ok)} ok, {len(a) - n_ok} errors; {len(self.entities)} entities, "
                f"{len(self.quotes)} quotes, {len(self.sentences)} sentences")

    def __repr__(self) -> str:
        return f"<AnalysisResult: {self.summary()}>"


# ------------------------------------------------------------ one article
def doc_rows(doc) -> dict:
    """Rows of the entity, quote and sentence tables for one parsed ``Doc``."""
    from newskit.extract.entities import entity_rows
    from newskit.extract.quotes import quote_rows
    from newskit.extract.sentiment import article_sentiment, sentence_rows

    sentences = list(sentence_rows(doc))
    score, label = article_sentiment(sentences)
    return {
        "n_tokens": sum(1 for t in doc if not t.is_space),
        "n_sentences": len(sentences),
        "sentiment_score": score, "sentiment": label,
        "entities": list(entity_rows(doc)),
        "quotes": list(quote_rows(doc)),
        "sentences": sentences,
    }


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


def _shift(rows: dict, offset: int, sent_offset: int) -> dict:
    for table in TABLES:
        for r in rows[table]:
            for k in ("start_char", "end_char", "speaker_start_char", "speaker_end_char"):
                if k in r and r[k] is not None and r[k] >= 0:
                    r[k] += offset
            r["sent_id"] += sent_offset
    return rows


def analyze_docs(nlp: Language, texts: list[str], *, n_process: int = 1,
                 batch_size: int = 16) -> Iterator[dict]:
    """Yield ``doc_rows`` for each text, in order, as the pipeline streams.

    Only rows are kept, never ``Doc`` objects. Texts longer than
    ``nlp.max_length`` are processed in paragraph chunks whose offsets are
    mapped back, so nothing is truncated. ``n_process > 1`` forks workers
    (Linux, macOS); where processes cannot be forked it runs in one process.
    """
    import multiprocessing as mp

    can_fork = "fork" in mp.get_all_start_methods()
    if n_process > 1 and len(texts) > batch_size and can_fork:
        yield from _analyze_forked(nlp, texts, n_process, batch_size)
        return
    limit = nlp.max_length
    for i in range(0, len(texts), batch_size):
        batch = texts[i : i + batch_size]
        try:
            docs = nlp.pipe((t for t in batch if len(t) <= limit), batch_size=batch_size)
            rows = [doc_rows(next(docs)) if len(t) <= limit else _analyze_long(nlp, t, limit)
                    for t in batch]
        except Exception:  # one bad text must not cost the batch: retry one by one
            rows = [_rows_or_error(nlp, t, limit) for t in batch]
        yield from rows


def _rows_or_error(nlp: Language, text: str, limit: int) -> dict:
    """Rows for one text, or an ``error`` entry naming what failed."""
    try:
        return doc_rows(nlp(text)) if len(text) <= limit else _analyze_long(nlp, text, limit)
    except Exception as exc:  # reported per article, never raised for a data problem
        return {"error": f"analysis failed: {type(exc).__name__}: {exc}"}


_FORKED_NLP: Language | None = None


def _rows_in_child(texts: list[str], batch_size: int) -> list[dict]:
    return list(analyze_docs(_FORKED_NLP, texts, batch_size=batch_size))


def _analyze_forked(nlp: Language, texts: list[str], n_process: int,
                    batch_size: int) -> Iterator[dict]:
    """Worker processes forked with the pipeline already loaded; they return rows, not
    Docs, so nothing heavy crosses process boundaries. Order is kept."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    global _FORKED_NLP
    _FORKED_NLP = nlp
    chunks = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    try:
        with ProcessPoolExecutor(n_process, mp_context=mp.get_context("fork")) as pool:
            for rows in pool.map(_rows_in_child, chunks, [batch_size] * len(chunks)):
                yield from rows
    finally:
        _FORKED_NLP = None


def _analyze_long(nlp: Language, text: str, limit: int) -> dict:
    from newskit.extract.sentiment import article_sentiment

    merged = {"n_tokens": 0, "n_sentences": 0, **{t: [] for t in TABLES}}
    for offset, piece in _chunks(text, limit):
        part = _shift(doc_rows(nlp(piece)), offset, merged["n_sentences"])
        merged["n_tokens"] += part["n_tokens"]
        merged["n_sentences"] += part["n_sentences"]
        for t in TABLES:
            merged[t].extend(part[t])
    merged["sentiment_score"], merged["sentiment"] = article_sentiment(merged["sentences"])
    return merged


# ------------------------------------------------------------------ corpus
def _as_corpus(corpus) -> pd.DataFrame:
    if isinstance(corpus, pd.DataFrame):
        missing = {"article_id", "text"} - set(corpus.columns)
        if missing:
            raise ValueError(f"corpus DataFrame lacks columns {sorted(missing)}")
        df = corpus.copy()
        for col, default in (("source", None), ("date", None), ("title", None),
                             ("status", "ok"), ("error", None)):
            if col not in df.columns:
                df[col] = default
        return df.reset_index(drop=True)
    if isinstance(corpus, (str, Path)) or (isinstance(corpus, Iterable)
                                           and not isinstance(corpus, (bytes, dict))):
        return load_corpus(corpus)
    raise TypeError("corpus must be a DataFrame from load_corpus or path(s)")


def analyze(corpus, *, nlp: Language | str | None = None, cache_dir=_DEFAULT,
            n_process: int = 1, client=None, batch_size: int = 16,
            progress: bool | None = None) -> AnalysisResult:
    """Find entities, quotes and sentiment in every article of ``corpus``.

    Args:
        corpus: a DataFrame from ``load_corpus`` or a path / list of paths.
        nlp: a pipeline (``load_pipeline()`` by default) or a model name.
        cache_dir: where per-article results are cached (default
            ``$NEWSKIT_CACHE_DIR`` or ``~/.cache/newskit``); ``None`` disables it.
        n_process: local worker processes for the pipeline.
        client: a ``dask.distributed.Client`` to spread articles over a cluster.
        batch_size: texts per ``nlp.pipe`` batch.
        progress: show a progress bar (default: when stderr is a terminal or in Jupyter).

    Returns:
        An ``AnalysisResult`` with ``articles``, ``entities``, ``quotes``, ``sentences``.

    Example:
        >>> import newskit
        >>> result = newskit.analyze(newskit.load_corpus("seeds"), cache_dir=None)
        >>> result.articles[["article_id", "status"]].values.tolist()
        [['000_333a917a58fcf089', 'ok']]
    """
    from newskit.nlp import load_pipeline, pipeline_fingerprint

    df = _as_corpus(corpus)
    model_spec = nlp if isinstance(nlp, str) else "auto"
    nlp_obj = load_pipeline(nlp if nlp is not None else "auto")
    cache = None
    if cache_dir is not None:
        cache = Cache(default_cache_dir() if cache_dir is _DEFAULT else cache_dir,
                      pipeline_fingerprint(nlp_obj))
    ok = df.index[df["status"] == "ok"].tolist()
    rows: dict[int, dict] = {}
    todo = []
    for i in ok:
        hit = cache.get(df.at[i, "text"]) if cache else None
        if hit is not None:
            rows[i] = hit
        else:
            todo.append(i)
    if progress is None:
        progress = sys.stderr.isatty() or "ipykernel" in sys.modules
    texts = [df.at[i, "text"] for i in todo]
    if client is not None:
        from newskit.parallel import analyze_with_dask

        computed = analyze_with_dask(client, texts, model_spec if nlp is None or isinstance(nlp, str)
                                     else nlp_obj, batch_size=batch_size)
    else:
        computed = analyze_docs(nlp_obj, texts, n_process=n_process, batch_size=batch_size)
    from tqdm.auto import tqdm

    n_cached = len(rows)
    for i, r in tqdm(zip(todo, computed), total=len(todo), desc="analyze: parsing",
                     unit="article", disable=not progress or not todo):
        rows[i] = r
        if cache and "error" not in r:
            cache.put(df.at[i, "text"], r)
    if progress:
        n_failed = sum("error" in rows[i] for i in todo)
        print(_progress_summary(len(todo) - n_failed, n_cached, n_failed, len(df) - len(ok)),
              file=sys.stdout if "ipykernel" in sys.modules else sys.stderr)
    return _assemble(df, rows)


def _articles(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


def _progress_summary(parsed: int, cached: int, failed: int, unreadable: int) -> str:
    """What ``analyze`` did, in words: "analyze: 1 article from cache".

    Example:
        >>> _progress_summary(2, 1, 0, 0)
        'analyze: 2 articles parsed, 1 article from cache'
        >>> _progress_summary(0, 0, 0, 0)
        'analyze: no articles to analyse'
    """
    parts = [f"{_articles(parsed)} parsed" if parsed else "",
             f"{_articles(cached)} from cache" if cached else "",
             f"{_articles(failed)} failed in the pipeline" if failed else "",
             f"{_articles(unreadable)} not readable (status 'error')" if unreadable else ""]
    parts = [p for p in parts if p]
    return "analyze: " + (", ".join(parts) if parts else "no articles to analyse")


def _assemble(df: pd.DataFrame, rows: dict[int, dict]) -> AnalysisResult:
    arts = df.copy()
    for i, r in list(rows.items()):
        if "error" in r:  # the pipeline failed on this article: an error row, no mentions
            src = arts.at[i, "source"] if "source" in arts else None
            arts.at[i, "status"] = "error"
            arts.at[i, "error"] = f"{src}: {r['error']}" if src else r["error"]
            del rows[i]
    for col in ("n_tokens", "n_sentences", "sentiment_score", "sentiment"):
        arts[col] = [rows[i][col] if i in rows else None for i in arts.index]
    arts["n_tokens"] = arts["n_tokens"].astype("Int64")
    arts["n_sentences"] = arts["n_sentences"].astype("Int64")
    extra = [c for c in arts.columns if c not in ARTICLE_COLUMNS]
    arts = arts[ARTICLE_COLUMNS + extra]
    tables = {}
    for name, cols in TABLES.items():
        recs = [{"article_id": df.at[i, "article_id"], **r}
                for i in sorted(rows) for r in rows[i][name]]
        tables[name] = pd.DataFrame(recs, columns=cols) if recs else pd.DataFrame(
            {c: pd.Series(dtype="object") for c in cols})
    return AnalysisResult(articles=arts, **tables)
