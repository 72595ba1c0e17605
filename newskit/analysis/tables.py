"""Analysis tables built from the four result tables; ``newskit.plots`` only draws them.

Every function takes result DataFrames (``articles``, ``entities``, ``quotes``) and
returns a plain DataFrame (the two graph builders return a networkx graph made from
such tables), so a researcher can inspect, filter or export exactly what a figure shows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newskit.analysis.speakers import real_speaker_quotes, speaker_mentions
from newskit.analysis.stats import bootstrap_mean_ci

__all__ = ["mention_counts", "cooccurrence_edges", "cooccurrence_graph", "speaker_graph",
           "quote_kinds", "timeline_table", "entity_sentiment_table", "KINDS"]

KINDS = ("direct", "mixed", "indirect", "reported")


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


def mention_counts(entities: pd.DataFrame) -> pd.DataFrame:
    """Mentions, sentences and articles per canonical name, most mentioned first.

    ``label`` is the entity type given to most of the name's mentions.

    Example:
        >>> ents = pd.DataFrame({"article_id": ["a", "a", "b"], "sent_id": [0, 0, 3],
        ...                      "canonical": ["Russland"] * 3, "label": ["LOC", "LOC", "ORG"]})
        >>> mention_counts(ents).values.tolist()
        [['Russland', 'LOC', 3, 2, 2]]
    """
    cols = {"canonical": "object", "label": "object", "mentions": "int64", "sentences": "int64",
            "articles": "int64"}
    if entities.empty:
        return _empty(cols)
    g = entities.groupby("canonical")
    out = pd.DataFrame({
        "label": g["label"].agg(lambda s: s.value_counts().index[0]),
        "mentions": g.size(),
        "sentences": entities.drop_duplicates(["canonical", "article_id", "sent_id"])
                             .groupby("canonical").size(),
        "articles": g["article_id"].nunique(),
    }).reset_index()
    out = out.sort_values(["mentions", "canonical"], ascending=[False, True])
    return out[list(cols)].reset_index(drop=True)


def cooccurrence_edges(entities: pd.DataFrame, min_weight: int = 1) -> pd.DataFrame:
    """Pairs of canonical names named in the same sentence; ``weight`` = shared sentences.

    Example:
        >>> ents = pd.DataFrame({"article_id": ["a"] * 4, "sent_id": [0, 0, 1, 1],
        ...                      "canonical": ["USA", "Russland", "Russland", "USA"]})
        >>> cooccurrence_edges(ents).values.tolist()
        [['Russland', 'USA', 2]]
    """
    cols = {"source": "object", "target": "object", "weight": "int64"}
    if entities.empty:
        return _empty(cols)
    names = entities[["article_id", "sent_id", "canonical"]].drop_duplicates()
    pairs = names.merge(names, on=["article_id", "sent_id"])
    pairs = pairs[pairs["canonical_x"] < pairs["canonical_y"]]
    out = (pairs.groupby(["canonical_x", "canonical_y"]).size().rename("weight").reset_index()
           .rename(columns={"canonical_x": "source", "canonical_y": "target"}))
    out = out[out["weight"] >= min_weight]
    out = out.sort_values(["weight", "source", "target"], ascending=[False, True, True])
    return out.reset_index(drop=True).astype(cols)


def cooccurrence_graph(entities: pd.DataFrame, min_weight: int = 1, top: int | None = None,
                       connected: bool = False):
    """A networkx ``Graph``: the ``top`` most mentioned names (all when ``None``), joined
    when named in the same sentence at least ``min_weight`` times.

    With ``connected`` only names that share a sentence with another of the kept names
    are nodes (a network drawing has nothing to say about a name standing alone).
    Nodes carry ``label`` and ``count`` (mentions), edges ``weight`` (shared sentences).

    Example:
        >>> ents = pd.DataFrame({"article_id": ["a"] * 4, "sent_id": [0, 0, 1, 2],
        ...                      "canonical": ["USA", "Russland", "Russland", "Kiew"],
        ...                      "label": ["LOC"] * 4})
        >>> g = cooccurrence_graph(ents, top=1)
        >>> list(g.nodes(data="count")), g.number_of_edges()
        ([('Russland', 2)], 0)
        >>> sorted(cooccurrence_graph(ents, connected=True).edges(data="weight"))
        [('Russland', 'USA', 1)]
    """
    import networkx as nx

    g = nx.Graph()
    counts = mention_counts(entities)
    edges = cooccurrence_edges(entities, min_weight)
    if connected:
        counts = counts[counts["canonical"].isin(set(edges["source"]) | set(edges["target"]))]
    if top is not None:
        counts = counts.head(top)
    for r in counts.itertuples():
        g.add_node(r.canonical, label=r.label, count=int(r.mentions))
    for r in edges.itertuples():
        if r.source in g and r.target in g:
            g.add_edge(r.source, r.target, weight=int(r.weight))
    if connected:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return g


def speaker_graph(quotes: pd.DataFrame, entities: pd.DataFrame, top: int | None = None):
    """A networkx ``DiGraph`` speaker → entity named in their quotes (real speakers only).

    Nodes are ranked by ``weight`` (how many speaker–mention pairs they take part in);
    only the ``top`` heaviest are kept (all when ``None``). Nodes carry ``weight`` and
    ``speaker`` (True when the name is quoted as a speaker), edges ``weight``.

    Example:
        >>> pairs_q = pd.DataFrame({"article_id": ["a"], "start_char": [0], "end_char": [40],
        ...                         "speaker_canonical": ["Antony Blinken"]})
        >>> ents = pd.DataFrame({"article_id": ["a", "a"], "start_char": [5, 20],
        ...                      "end_char": [13, 23], "canonical": ["Russland", "USA"]})
        >>> g = speaker_graph(pairs_q, ents, top=2)
        >>> sorted(g.nodes), g.nodes["Antony Blinken"]["speaker"]
        (['Antony Blinken', 'Russland'], True)
    """
    import networkx as nx

    pairs = speaker_mentions(quotes, entities)
    weight = pd.concat([pairs.groupby("speaker")["n"].sum(),
                        pairs.groupby("mentioned")["n"].sum()]).groupby(level=0).sum()
    weight = weight.reset_index().set_axis(["name", "w"], axis=1)
    weight = weight.sort_values(["w", "name"], ascending=[False, True])
    keep = weight if top is None else weight.head(top)
    speakers = set(pairs["speaker"])
    g = nx.DiGraph()
    for r in keep.itertuples():
        g.add_node(r.name, weight=int(r.w), speaker=r.name in speakers)
    for r in pairs.itertuples():
        if r.speaker in g and r.mentioned in g:
            g.add_edge(r.speaker, r.mentioned, weight=int(r.n))
    return g


def quote_kinds(quotes: pd.DataFrame, top: int | None = 12, real_only: bool = True) -> pd.DataFrame:
    """Quotes per speaker and kind (``direct``, ``mixed``, ``indirect``, ``reported``).

    One row per speaker, most quoted first, columns ``speaker``, the four kinds,
    ``total`` and ``named`` (quotes whose own frame names the speaker, ``speaker_via``);
    with ``real_only`` only real speakers (``is_real_speaker``).

    Example:
        >>> q = pd.DataFrame({"speaker_canonical": ["Blinken", "Blinken", "Der"],
        ...                   "kind": ["direct", "indirect", "direct"],
        ...                   "speaker_via": ["name", "anaphor", "description"]})
        >>> quote_kinds(q).values.tolist()
        [['Blinken', 1, 0, 1, 0, 2, 1]]
    """
    q = real_speaker_quotes(quotes) if real_only else quotes.dropna(subset=["speaker_canonical"])
    cols = ["speaker", *KINDS, "total", "named"]
    if q.empty:
        return _empty({c: "object" if c == "speaker" else "int64" for c in cols})
    table = pd.crosstab(q["speaker_canonical"], q["kind"]).reindex(columns=list(KINDS),
                                                                    fill_value=0)
    table["total"] = table.sum(axis=1)
    named = q["speaker_via"].eq("name") if "speaker_via" in q else pd.Series(False, index=q.index)
    table["named"] = named.groupby(q["speaker_canonical"]).sum().reindex(table.index).astype(int)
    table = table.rename_axis("speaker").reset_index().rename_axis(columns=None)
    table = table.sort_values(["total", "speaker"], ascending=[False, True])
    table = table if top is None else table.head(top)
    return table[cols].reset_index(drop=True)


def _article_months(articles: pd.DataFrame) -> pd.DataFrame:
    """``article_id`` → month start, for ok articles dated at least to the month."""
    a = articles
    if "status" in a:
        a = a[a["status"] == "ok"]
    dates = pd.to_datetime(a["date_start"] if "date_start" in a else a["date"], errors="coerce")
    if "date_precision" in a:
        dates = dates.where(a["date_precision"] != "year")
    out = pd.DataFrame({"article_id": a["article_id"], "month": dates.dt.to_period("M")})
    return out.dropna(subset=["month"])


def timeline_table(articles: pd.DataFrame, entities: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Monthly mentions of the ``top`` most mentioned names, every month in the range listed.

    Dates come from ``articles.date_start`` (``date`` when it is absent); articles dated
    only to the year cannot be placed in a month and are left out. ``articles`` is the
    number of dated articles in the month; in a month without articles ``mentions`` is
    ``<NA>`` (not observed), which is different from 0 (observed, not named).

    Returns:
        Columns ``month`` (Timestamp, first day), ``canonical``, ``mentions`` (Int64),
        ``articles`` (int); months in order, names by overall mentions.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "date_start":
        ...                      pd.to_datetime(["2022-01-01", "2022-03-01"])})
        >>> ents = pd.DataFrame({"article_id": ["a", "a", "b"], "canonical": ["USA"] * 3})
        >>> timeline_table(arts, ents)[["canonical", "mentions", "articles"]].values.tolist()
        [['USA', 2, 1], ['USA', <NA>, 0], ['USA', 1, 1]]
    """
    cols = {"month": "datetime64[ns]", "canonical": "object", "mentions": "Int64",
            "articles": "int64"}
    months = _article_months(articles)
    df = entities.merge(months, on="article_id") if not entities.empty else months.iloc[:0]
    if months.empty or df.empty:
        return _empty(cols)
    names = df["canonical"].value_counts().sort_index().sort_values(ascending=False,
                                                                     kind="stable").index[:top]
    span = pd.period_range(months["month"].min(), months["month"].max(), freq="M")
    n_articles = months.groupby("month")["article_id"].nunique().reindex(span, fill_value=0)
    counts = (df[df["canonical"].isin(names)].groupby(["month", "canonical"]).size()
              .reindex(pd.MultiIndex.from_product([span, names], names=["month", "canonical"]),
                       fill_value=0).rename("mentions").reset_index())
    counts["articles"] = counts["month"].map(n_articles).astype("int64")
    counts["mentions"] = counts["mentions"].astype("Int64").mask(counts["articles"] == 0)
    counts["month"] = counts["month"].dt.to_timestamp()
    return counts[list(cols)]


def entity_sentiment_table(entities: pd.DataFrame, min_mentions: int = 1, top: int | None = None,
                           *, level: float = 0.95, n_boot: int = 2000,
                           seed: int = 0) -> pd.DataFrame:
    """Mean tone around each name with its evidence and a bootstrap interval.

    ``mentions``, ``sentences`` and ``articles`` say how much text the mean rests on;
    ``ci_low``/``ci_high`` are a ``level`` percentile bootstrap over *sentences*
    (mentions in one sentence share their words, so they are resampled together; NaN
    with a single sentence). Names with fewer than ``min_mentions`` mentions are left
    out; ``top`` keeps the most mentioned. Rows are ordered by mentions.

    Example:
        >>> ents = pd.DataFrame({"article_id": ["a"] * 4, "sent_id": [0, 1, 2, 3],
        ...                      "canonical": ["USA"] * 4, "label": ["LOC"] * 4,
        ...                      "sentiment_score": [-0.6, -0.2, 0.0, 0.2]})
        >>> t = entity_sentiment_table(ents)
        >>> t[["canonical", "mentions", "sentences"]].values.tolist(), round(float(t.loc[0, "mean"]), 2)
        ([['USA', 4, 4]], -0.15)
        >>> bool(t.loc[0, "ci_low"] < -0.15 < t.loc[0, "ci_high"])
        True
    """
    cols = {"canonical": "object", "label": "object", "mentions": "int64", "sentences": "int64",
            "articles": "int64", "mean": "float64", "ci_low": "float64", "ci_high": "float64"}
    if entities.empty or "sentiment_score" not in entities:
        return _empty(cols)
    counts = mention_counts(entities)
    counts = counts[counts["mentions"] >= min_mentions]
    if top is not None:
        counts = counts.head(top)
    scored = entities[entities["canonical"].isin(set(counts["canonical"]))
                      & entities["sentiment_score"].notna()]
    sents = scored["article_id"].astype(str) + "#" + scored["sent_id"].astype(str)
    # one pass over the table (filtering it once per name was quadratic in corpus size)
    groups = scored.groupby("canonical", sort=False).indices
    scores, sents = scored["sentiment_score"].to_numpy(dtype=float), sents.to_numpy()
    rows = []
    for name in counts["canonical"]:
        at = groups.get(name, np.array([], dtype=int))
        lo, hi = bootstrap_mean_ci(scores[at], sents[at], level=level, n_boot=n_boot, seed=seed)
        rows.append({"canonical": name, "mean": float(scores[at].mean()) if len(at) else np.nan,
                     "ci_low": lo, "ci_high": hi})
    if not rows:
        return _empty(cols)
    out = counts.merge(pd.DataFrame(rows), on="canonical")
    return out[list(cols)].reset_index(drop=True)
