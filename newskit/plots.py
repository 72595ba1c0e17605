"""Figures for the notebooks. Every function takes result tables and returns a Figure.

All figures share one style (``use_style``); ``save`` writes a 150 dpi PNG
without time stamps, so re-running a notebook on the same data rewrites the
same bytes.

Example:
    >>> import newskit
    >>> from newskit import plots
    >>> result = newskit.analyze("seeds", cache_dir=None)
    >>> fig = plots.entity_mentions(result.entities)
    >>> plots.save(fig, "figures/entity_mentions.png")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() in ("", "agg") else None
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

LABEL_COLORS = {"PER": "#1f77b4", "LOC": "#2ca02c", "ORG": "#ff7f0e", "MISC": "#7f7f7f"}
KIND_COLORS = {"direct": "#1f77b4", "mixed": "#9467bd", "indirect": "#ff7f0e",
               "reported": "#bcbd22"}
LABEL_NAMES = {"PER": "Person", "LOC": "Ort", "ORG": "Organisation", "MISC": "Sonstiges"}


def use_style() -> None:
    """The newskit look: clean axes, readable fonts."""
    plt.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 150, "font.size": 10, "axes.titlesize": 12,
        "axes.titleweight": "bold", "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.alpha": 0.3, "legend.frameon": False,
        "figure.constrained_layout.use": True,
    })


def save(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` as a 150 dpi PNG (folders created, no time stamp in the file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, metadata={"Software": None})
    return path


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_axis_off()


def sentence_lengths(docs) -> Figure:
    """Histogram of words per sentence over parsed ``Doc`` objects."""
    use_style()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    lengths = [sum(1 for t in s if not t.is_punct and not t.is_space) for d in docs for s in d.sents]
    if not lengths:
        _empty(ax, "keine Sätze")
        return fig
    ax.hist(lengths, bins=range(0, max(lengths) + 5, 3), color="#1f77b4")
    ax.set_xlabel("Wörter pro Satz")
    ax.set_ylabel("Sätze")
    ax.set_title("Satzlängen im Korpus")
    return fig


def entity_mentions(entities: pd.DataFrame, top: int = 15) -> Figure:
    """Horizontal bars: the most mentioned entities (canonical names), coloured by type."""
    use_style()
    fig, ax = plt.subplots(figsize=(7, 0.35 * top + 1.2))
    if entities.empty:
        _empty(ax, "keine Entitäten")
        return fig
    counts = (entities.groupby(["canonical", "label"]).size().rename("n").reset_index()
              .sort_values("n", ascending=False).head(top).iloc[::-1])
    ax.barh(counts["canonical"], counts["n"],
            color=[LABEL_COLORS.get(lab, "0.5") for lab in counts["label"]])
    for lab, color in LABEL_COLORS.items():
        if lab in set(counts["label"]):
            ax.barh([], [], color=color, label=LABEL_NAMES[lab])
    ax.legend(loc="lower right")
    ax.set_xlabel("Erwähnungen")
    ax.set_title("Wer und was wird genannt?")
    return fig


def cooccurrence_graph(entities: pd.DataFrame, min_weight: int = 1):
    """networkx graph: canonical entities linked when named in the same sentence."""
    import itertools

    import networkx as nx

    g = nx.Graph()
    for (_, _), grp in entities.groupby(["article_id", "sent_id"]):
        names = sorted(set(grp["canonical"]))
        for n in names:
            label = grp.loc[grp["canonical"] == n, "label"].iloc[0]
            g.add_node(n, label=label, count=g.nodes[n]["count"] + 1 if n in g else 1)
        for a, b in itertools.combinations(names, 2):
            w = g.edges[a, b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=w)
    g.remove_edges_from([(a, b) for a, b, w in g.edges(data="weight") if w < min_weight])
    return g


def cooccurrence_network(entities: pd.DataFrame, min_weight: int = 1) -> Figure:
    """Entities as nodes (size = mentions), edges weighted by shared sentences."""
    import networkx as nx

    use_style()
    fig, ax = plt.subplots(figsize=(7, 6))
    g = cooccurrence_graph(entities, min_weight)
    if g.number_of_nodes() == 0:
        _empty(ax, "keine Entitäten")
        return fig
    pos = nx.spring_layout(g, seed=7, k=1.2)
    widths = [0.6 + 0.8 * w for _, _, w in g.edges(data="weight")]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.35)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[120 + 60 * g.nodes[n]["count"] for n in g],
                           node_color=[LABEL_COLORS.get(g.nodes[n]["label"], "0.5") for n in g])
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=9)
    ax.set_title("Welche Namen stehen im selben Satz?")
    ax.set_axis_off()
    return fig


def quote_speakers(quotes: pd.DataFrame, top: int = 12) -> Figure:
    """Stacked bars: who is quoted, and how (direct, mixed, indirect, reported)."""
    use_style()
    fig, ax = plt.subplots(figsize=(7, 0.4 * top + 1.2))
    q = quotes.dropna(subset=["speaker_canonical"])
    if q.empty:
        _empty(ax, "keine Zitate mit Sprecher")
        return fig
    table = q.pivot_table(index="speaker_canonical", columns="kind", values="start_char",
                          aggfunc="count", fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False).index[:top]].iloc[::-1]
    left = pd.Series(0, index=table.index)
    for kind in ("direct", "mixed", "indirect", "reported"):
        if kind in table:
            ax.barh(table.index, table[kind], left=left, color=KIND_COLORS[kind], label=kind)
            left = left + table[kind]
    ax.set_xlabel("Zitate")
    ax.set_title("Wer kommt zu Wort – direkt oder indirekt?")
    ax.legend(loc="lower right")
    return fig


def speaker_mentions(quotes: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Edges speaker → entity named inside that speaker's quotes, with counts."""
    rows = []
    for q in quotes.dropna(subset=["speaker_canonical"]).itertuples():
        inside = entities[(entities["article_id"] == q.article_id)
                          & (entities["start_char"] >= q.start_char)
                          & (entities["end_char"] <= q.end_char)]
        for name in inside["canonical"]:
            if name != q.speaker_canonical:
                rows.append({"speaker": q.speaker_canonical, "mentioned": name})
    df = pd.DataFrame(rows, columns=["speaker", "mentioned"])
    return df.value_counts().rename("n").reset_index()


def speaker_network(quotes: pd.DataFrame, entities: pd.DataFrame) -> Figure:
    """Directed network: who speaks about whom (speaker → entity in their quotes)."""
    import networkx as nx

    use_style()
    fig, ax = plt.subplots(figsize=(7, 6))
    edges = speaker_mentions(quotes, entities)
    if edges.empty:
        _empty(ax, "keine Zitate mit genannten Entitäten")
        return fig
    g = nx.DiGraph()
    for r in edges.itertuples():
        g.add_edge(r.speaker, r.mentioned, weight=r.n)
    speakers = set(edges["speaker"])
    pos = nx.spring_layout(g, seed=3, k=1.5)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=500,
                           node_color=["#d62728" if n in speakers else "#c7c7c7" for n in g])
    nx.draw_networkx_edges(g, pos, ax=ax, width=[1 + 0.7 * w for _, _, w in g.edges(data="weight")],
                           arrowsize=14, alpha=0.6, connectionstyle="arc3,rad=0.1")
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=9)
    ax.set_title("Wer spricht über wen? (rot: Sprecher)")
    ax.set_axis_off()
    return fig


def sentiment_arc(sentences: pd.DataFrame, article_id: str | None = None) -> Figure:
    """Sentence scores through one article, with a rolling mean."""
    use_style()
    fig, ax = plt.subplots(figsize=(8, 3.5))
    s = sentences if article_id is None else sentences[sentences["article_id"] == article_id]
    if s.empty:
        _empty(ax, "keine Sätze")
        return fig
    s = s.sort_values("sent_id")
    colors = s["score"].map(lambda v: "#2ca02c" if v > 0.2 else "#d62728" if v < -0.2 else "0.6")
    ax.bar(s["sent_id"], s["score"], color=colors, width=0.8)
    ax.plot(s["sent_id"], s["score"].rolling(5, center=True, min_periods=1).mean(), color="k",
            lw=1.5, label="gleitender Mittelwert (5 Sätze)")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("Satz")
    ax.set_ylabel("Tonalität (−1 … 1)")
    ax.set_title("Tonalität im Verlauf des Artikels")
    ax.legend(loc="upper right")
    return fig


def entity_sentiment(entities: pd.DataFrame, top: int = 12, min_mentions: int = 1) -> Figure:
    """Mean sentiment toward each entity (points) with its mentions (labels)."""
    use_style()
    fig, ax = plt.subplots(figsize=(7, 0.4 * top + 1.2))
    if entities.empty or "sentiment_score" not in entities:
        _empty(ax, "keine Entitäten")
        return fig
    agg = (entities.groupby("canonical")["sentiment_score"].agg(["mean", "count"])
           .query("count >= @min_mentions").sort_values("count", ascending=False).head(top)
           .sort_values("mean"))
    colors = ["#2ca02c" if v > 0.2 else "#d62728" if v < -0.2 else "0.5" for v in agg["mean"]]
    ax.barh(agg.index, agg["mean"], color=colors)
    for i, (m, c) in enumerate(zip(agg["mean"], agg["count"])):
        ax.text(m + (0.02 if m >= 0 else -0.02), i, f"n={c}", va="center",
                ha="left" if m >= 0 else "right", fontsize=8, color="0.3")
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mittlere Tonalität im Umfeld der Erwähnung")
    ax.set_title("Wie wird über wen geschrieben?")
    return fig


def timeline(articles: pd.DataFrame, entities: pd.DataFrame, top: int = 5) -> Figure:
    """Mentions of the top entities per month (one line each); a note when one month only."""
    use_style()
    fig, ax = plt.subplots(figsize=(8, 3.5))
    arts = articles[["article_id", "date_start"]] if "date_start" in articles else None
    if arts is None or entities.empty or arts["date_start"].isna().all():
        _empty(ax, "keine Datumsangaben")
        return fig
    df = entities.merge(arts, on="article_id")
    df["month"] = pd.to_datetime(df["date_start"]).dt.to_period("M").dt.to_timestamp()
    names = df["canonical"].value_counts().index[:top]
    table = df[df["canonical"].isin(names)].pivot_table(index="month", columns="canonical",
                                                         values="start_char", aggfunc="count",
                                                         fill_value=0)
    if len(table) == 1:
        table.T.iloc[:, 0].sort_values().plot.barh(ax=ax, color="#1f77b4")
        ax.set_xlabel(f"Erwähnungen im {table.index[0]:%m/%Y} (nur ein Monat im Korpus)")
    else:
        table.plot(ax=ax, marker="o")
        ax.set_ylabel("Erwähnungen")
        ax.set_xlabel("Monat")
    ax.set_title("Erwähnungen im Zeitverlauf")
    return fig
