"""Who gets to speak: one row per quoted source, and shares with confidence intervals.

``sources(result)`` counts quotes per speaker referent (the corpus-wide ``entity_id`` where
there is one, else the canonical name); ``shares(df, by=…, of=…)`` gives the share of each
value of a column (e.g. ``speaker_gender``) per group (e.g. month or outlet) with bootstrap
confidence intervals that resample whole articles — quotes of one article are not
independent, so resampling quotes would make the intervals too narrow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newskit.analysis.speakers import is_real_speaker
from newskit.analysis.stats import resampled_sums

KIND_COLUMNS = {"direct": "n_direct", "mixed": "n_mixed", "indirect": "n_indirect",
                "reported": "n_reported"}
SOURCE_COLUMNS = ["source_id", "canonical", "label", "gender", "n_quotes", *KIND_COLUMNS.values(),
                  "n_articles", "first_date", "last_date", "n_named"]


def _mode(values: pd.Series) -> str:
    vals = values[values.notna() & (values.astype(str) != "")]
    return str(vals.mode().iloc[0]) if len(vals) else ""


def _with_dates(quotes: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    if articles is None or "date_start" not in articles or "date_start" in quotes:
        return quotes
    return quotes.merge(articles[["article_id", "date_start"]], on="article_id", how="left")


def sources(result, *, real_only: bool = True) -> pd.DataFrame:
    """One row per quoted source: name, label, gender, quotes by kind, articles, dates, and
    ``n_named``, the quotes whose own frame names the source ("sagte Merkel", not "sagte
    er" or a quote that goes on from the one before: ``quotes.speaker_via``).

    ``result`` is an ``AnalysisResult`` (or anything with ``.quotes`` and ``.articles``).
    Quotes without a speaker are left out, and with ``real_only`` also speakers that are
    no name (``analysis.is_real_speaker``). Sorted by number of quotes.

    Example:
        >>> import newskit
        >>> result = newskit.analyze("seeds", cache_dir=None, progress=False)
        >>> newskit.sources(result)[["canonical", "label", "gender", "n_quotes"]].head(1).values.tolist()
        [['Antony Blinken', 'PER', 'male', 17]]
    """
    q = result.quotes
    q = q[q["speaker_canonical"].notna() & (q["speaker_canonical"].astype(str) != "")]
    if real_only:
        q = q[q["speaker_canonical"].map(is_real_speaker)]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SOURCE_COLUMNS})
    q = _with_dates(q, getattr(result, "articles", None))
    ids = q.get("entity_id", pd.Series("", index=q.index)).fillna("")
    q = q.assign(source_id=ids.where(ids != "", "name:" + q["speaker_canonical"].astype(str)))
    rows = []
    for sid, g in q.groupby("source_id", sort=False):
        kinds = g["kind"].value_counts()
        dates = g["date_start"].dropna() if "date_start" in g else pd.Series(dtype="object")
        rows.append({
            "source_id": sid, "canonical": _mode(g["speaker_canonical"]),
            "label": _mode(g.get("speaker_label", pd.Series(dtype="object"))),
            "gender": _mode(g.get("speaker_gender", pd.Series(dtype="object"))),
            "n_quotes": len(g), **{col: int(kinds.get(k, 0)) for k, col in KIND_COLUMNS.items()},
            "n_articles": g["article_id"].nunique(),
            "first_date": dates.min() if len(dates) else None,
            "last_date": dates.max() if len(dates) else None,
            # named in the quote's own frame: the attributions most often right (README)
            "n_named": int((g["speaker_via"] == "name").sum()) if "speaker_via" in g else 0,
        })
    out = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    return out.sort_values(["n_quotes", "canonical"], ascending=[False, True],
                           ignore_index=True)


def _cluster_counts(g: pd.DataFrame, of: str, cats: list, cluster: str) -> np.ndarray:
    table = pd.crosstab(g[cluster], g[of]).reindex(columns=cats, fill_value=0)
    return table.to_numpy(dtype=float)


def _bootstrap(counts: np.ndarray, n_boot: int, level: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Percentile intervals of the category shares, resampling clusters (rows).

    Where resampling cannot vary the share it says nothing about uncertainty: with fewer
    than two clusters the interval is undefined (NaN); for a value seen in no cluster (share
    0) or in every row (share 1) it is the exact Clopper-Pearson bound for that outcome in
    ``k`` independent clusters, which is conservative for the share of rows (a cluster's
    share of a value is at most 1 when the value occurs in it, 0 when it does not).
    """
    k = counts.shape[0]
    alpha = (1 - level) / 2
    if k < 2:
        nan = np.full(counts.shape[1], np.nan)
        return nan, nan.copy()
    lo, hi = _percentiles(counts, n_boot, alpha, rng)
    n = counts.sum(axis=0)
    bound = alpha ** (1 / k)  # Clopper-Pearson, 0 (or k) of k
    never, always = n == 0, (n == n.sum()) & (n > 0)
    lo[never], hi[never] = 0.0, 1 - bound
    lo[always], hi[always] = bound, 1.0
    return lo, hi


def _percentiles(counts: np.ndarray, n_boot: int, alpha: float,
                 rng) -> tuple[np.ndarray, np.ndarray]:
    sums = resampled_sums(counts, n_boot, rng)
    totals = sums.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        boot = np.where(totals > 0, sums / totals, np.nan)
    return np.nanquantile(boot, alpha, axis=0), np.nanquantile(boot, 1 - alpha, axis=0)


def shares(df: pd.DataFrame, *, by: str | list[str] | None = None, of: str,
           value: object = None, cluster: str = "article_id", n_boot: int = 2000,
           level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Share of each value of column ``of`` per group ``by``, with bootstrap intervals.

    Rows whose ``of`` is missing or empty (e.g. ``speaker_gender`` of an organisation) are
    left out of the denominator; filter ``df`` first to choose the population (e.g. only
    persons of known gender). ``by`` may name ``"month"``, derived from ``date_start``.
    Intervals resample whole ``cluster`` units (articles) within each group; a group with
    fewer than two of them has no interval (NaN), and a share of 0 or 1 gets the exact
    bound for that outcome in ``n_clusters`` clusters. With few clusters (under about ten)
    percentile intervals are too narrow: read them with ``n_clusters``.

    Returns one row per group and value: ``n`` (rows with that value), ``total``,
    ``share``, ``ci_low``, ``ci_high``, ``n_clusters``. ``value`` keeps only one value.

    Example:
        >>> import pandas as pd, newskit
        >>> q = pd.DataFrame({"article_id": ["a", "a", "b", "c"],
        ...                   "speaker_gender": ["female", "male", "male", "male"]})
        >>> s = newskit.shares(q, of="speaker_gender", value="female")
        >>> print(s.loc[0, "n"], s.loc[0, "total"], s.loc[0, "share"])
        1 4 0.25
    """
    data = df[df[of].notna() & (df[of].astype(str) != "")].copy()
    groups = [by] if isinstance(by, str) else list(by or [])
    if "month" in groups and "month" not in data:
        data["month"] = pd.to_datetime(data["date_start"]).dt.to_period("M").astype(str)
    cats = sorted(data[of].astype(str).unique())
    if value is not None and str(value) not in cats:
        cats.append(str(value))  # a value never seen still gets its row: n = 0, share 0
    data[of] = data[of].astype(str)
    rng = np.random.default_rng(seed)
    rows = []
    grouped = data.groupby(groups, sort=True) if groups else [((), data)]
    for key, g in grouped:
        key = key if isinstance(key, tuple) else (key,)
        counts = _cluster_counts(g, of, cats, cluster)
        lo, hi = _bootstrap(counts, n_boot, level, rng)
        n = counts.sum(axis=0)
        for j, cat in enumerate(cats):
            rows.append({**dict(zip(groups, key)), of: cat, "n": int(n[j]),
                         "total": int(n.sum()), "share": n[j] / n.sum(),
                         "ci_low": lo[j], "ci_high": hi[j], "n_clusters": counts.shape[0]})
    out = pd.DataFrame(rows, columns=[*groups, of, "n", "total", "share", "ci_low", "ci_high",
                                      "n_clusters"])
    if value is not None:
        out = out[out[of] == str(value)].reset_index(drop=True)
    return out
