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

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd
from spacy.language import Language

from newskit.cache import Cache, default_cache_dir
from newskit.corpus import load_corpus
from newskit.output import OutputFolder
from newskit.tables.dask_executor import analyze_with_dask
from newskit.tables.executors import analyze_docs
from newskit.tables.referents import resolve_referents
from newskit.tables.schema import (  # noqa: F401  (re-exported)
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    TABLES,
    validate_article,
)

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

    def save(self, out_dir: str | Path, fmt: str = "csv", *,
             escape: bool | None = None) -> dict[str, Path]:
        """Write the four tables (and ``errors.csv`` if any article failed) to ``out_dir``
        as CSV or Parquet, atomically and under a lock (``newskit.output.OutputFolder``);
        return the paths. ``escape`` (default on for CSV) defuses spreadsheet formulas."""
        a = self.articles
        errors = a.loc[a["status"] == "error", ["article_id", "source", "error"]]
        with OutputFolder(out_dir) as folder:
            return folder.write(self.tables(), fmt=fmt, errors=errors, escape=escape)

    def summary(self) -> str:
        a = self.articles
        n_ok = int((a["status"] == "ok").sum())
        return (f"{_articles(n_ok)} ok, {len(a) - n_ok} errors; {len(self.entities)} entities, "
                f"{len(self.quotes)} quotes, {len(self.sentences)} sentences")

    def __repr__(self) -> str:
        return f"<AnalysisResult: {self.summary()}>"


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
            progress: bool | None = None,
            timeout_per_article: float | None = None) -> AnalysisResult:
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
        timeout_per_article: seconds after which an article becomes an error row
            (local runs on Unix; see ``analyze_docs``).

    Returns:
        An ``AnalysisResult`` with ``articles``, ``entities``, ``quotes``, ``sentences``.

    Example:
        >>> import newskit
        >>> result = newskit.analyze(newskit.load_corpus("seeds"), cache_dir=None)
        >>> result.articles[["article_id", "status"]].values.tolist()
        [['000_333a917a58fcf089', 'ok']]
    """
    from newskit.pipeline import EMBEDDED, load_pipeline, pipeline_fingerprint

    df = _as_corpus(corpus)
    model_spec = nlp if isinstance(nlp, str) else "auto"
    # with a Dask client and no cache the workers build the pipeline, not this process
    # (a named model other than newskit's own is still loaded here, so a typo raises)
    remote_only = client is not None and cache_dir is None and model_spec in ("auto", EMBEDDED) \
        and not isinstance(nlp, Language)
    nlp_obj = None if remote_only else load_pipeline(nlp if nlp is not None else "auto")
    cache = None
    if cache_dir is not None:
        cache = Cache(default_cache_dir() if cache_dir is _DEFAULT else cache_dir,
                      pipeline_fingerprint(nlp_obj), schema=validate_article)
    ok = df.index[df["status"] == "ok"].tolist()
    text_of = dict(zip(df.index, df["text"]))
    rows: dict[int, dict] = {}
    todo = []
    for i in ok:
        hit = cache.get(text_of[i]) if cache else None
        if hit is not None:
            rows[i] = _compact(hit)
        else:
            todo.append(i)
    if progress is None:
        progress = sys.stderr.isatty() or _in_notebook()
    texts = [text_of[i] for i in todo]
    from tqdm.auto import tqdm

    # the bar counts characters, so that it moves within a long article (per chunk) too
    bar = tqdm(total=sum(map(len, texts)), desc="analyze: parsing", unit="char",
               unit_scale=True, disable=not progress or not todo)
    chunked = [0]  # characters of long articles the bar has moved by, chunk by chunk

    def on_chunk(n_chars: int) -> None:
        chunked[0] += n_chars
        bar.update(n_chars)

    if client is not None:
        computed = analyze_with_dask(client, texts, model_spec if nlp is None or isinstance(nlp, str)
                                     else nlp_obj, batch_size=batch_size)
    else:
        computed = analyze_docs(nlp_obj, texts, n_process=n_process, batch_size=batch_size,
                                timeout=timeout_per_article, on_chunk=on_chunk)
    n_cached = len(rows)
    for k, (i, r) in enumerate(zip(todo, computed), 1):
        rows[i] = _compact(r)
        if cache and "error" not in r:
            cache.put(text_of[i], r)
        done = min(chunked[0], len(text_of[i]))  # only long articles report chunks
        chunked[0] -= done
        bar.update(len(text_of[i]) - done)
        bar.set_postfix_str(f"{k}/{len(todo)} articles", refresh=False)
    bar.close()
    if progress:
        n_failed = sum("error" in rows[i] for i in todo)
        print(_progress_summary(len(todo) - n_failed, n_cached, n_failed, len(df) - len(ok)),
              file=sys.stdout if _in_notebook() else sys.stderr)
    return _assemble(df, rows)


def _compact(r: dict) -> dict:
    """One article's rows with each table's rows as tuples in column order (without
    ``article_id``): a tuple takes a fraction of a dict's memory, which matters when a
    large corpus's rows wait for the tables to be built. A missing value becomes NaN, as
    ``pd.DataFrame`` of dicts would make it."""
    if "error" in r:
        return r
    out = dict(r)
    for name, cols in TABLES.items():
        out[name] = [tuple(d.get(c, _NAN) for c in cols[1:]) for d in r.get(name, ())]
    return out


_NAN = float("nan")


def _in_notebook() -> bool:
    """Whether this code runs inside a Jupyter kernel (not merely beside an imported
    ipykernel, as under pytest's notebook plugin)."""
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None)
    ip = get() if get else None
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


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
    ids = dict(zip(df.index, df["article_id"]))  # not a pandas lookup per row
    order = sorted(rows)
    tables = {}
    for name, cols in TABLES.items():
        recs: list[tuple] = []
        aids: list = []
        for i in order:
            part = rows[i].pop(name)  # released article by article
            recs.extend(part)
            aids.extend([ids[i]] * len(part))
        if recs:
            frame = pd.DataFrame.from_records(recs, columns=cols[1:])
            del recs
            frame.insert(0, "article_id", aids)
            tables[name] = frame
        else:
            tables[name] = pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    # corpus-wide names, ids and speaker labels: only possible once every article is in
    tables["entities"], tables["quotes"] = resolve_referents(tables["entities"], tables["quotes"])
    return AnalysisResult(articles=arts, **tables)
