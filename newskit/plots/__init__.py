"""Figures for the notebooks. Every function takes result tables and returns a Figure.

The tables behind each figure come from :mod:`newskit.analysis`; this module only draws.
All figures share one style (``use_style``) and German labels; ``save`` writes a 150 dpi
PNG without time stamps, so re-running a notebook on the same data rewrites the same
bytes. :func:`figure_dir` says where a notebook's figures go.

Example:
    >>> import newskit
    >>> from newskit import plots
    >>> result = newskit.analyze("seeds", cache_dir=None, progress=False)
    >>> fig = plots.entity_mentions(result.entities)
    >>> plots.save(fig, plots.figure_dir("seeds") / "entity_mentions.png")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() in ("", "agg") else None
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from newskit.analysis import (  # noqa: E402
    KINDS,
    cooccurrence_graph,
    entity_sentiment_table,
    mention_counts,
    quote_kinds,
    speaker_graph,
    speaker_mentions,
    timeline_table,
)

__all__ = ["figure_dir", "save", "use_style", "sentence_lengths", "entity_mentions",
           "cooccurrence_graph", "cooccurrence_network", "entity_network", "quote_speakers",
           "speaker_mentions", "speaker_network", "sentiment_arc", "entity_sentiment",
           "timeline"]

LABEL_COLORS = {"PER": "#1f77b4", "LOC": "#2ca02c", "ORG": "#ff7f0e", "MISC": "#7f7f7f"}
LABEL_NAMES = {"PER": "Person", "LOC": "Ort", "ORG": "Organisation", "MISC": "Sonstiges"}
KIND_COLORS = {"direct": "#1f77b4", "mixed": "#9467bd", "indirect": "#ff7f0e",
               "reported": "#bcbd22"}
KIND_NAMES = {"direct": "direkt", "mixed": "gemischt", "indirect": "indirekt",
              "reported": "nur berichtet"}
SPEAKER_COLOR, MENTIONED_COLOR = "#d62728", "#c7c7c7"


# ----------------------------------------------------------------- output
def _project_root(start: Path) -> Path | None:
    for p in [start, *start.parents]:
        if (p / "pyproject.toml").exists() and (p / "newskit").is_dir():
            return p
    return None


def figure_dir(corpus: str | Path | None = None, root: str | Path | None = None) -> Path:
    """Where a notebook writes its figures; the one place that decides it.

    1. ``$NEWSKIT_FIGURES`` when set;
    2. the project's ``figures/`` when the corpus is the project's seed (``corpus`` or
       ``$NEWSKIT_CORPUS`` unset, or pointing at ``ROOT/seeds``), so ``figures/`` only
       ever holds the seed's figures;
    3. otherwise ``ROOT/figures-<corpus name>`` for any other corpus.

    ``root`` is the project folder (default: the first parent of the working directory
    holding newskit's ``pyproject.toml``, else the working directory).

    Example:
        >>> import os; os.environ.pop("NEWSKIT_FIGURES", None) and None
        >>> figure_dir("/data/Zeitungen 2023", root="/proj").as_posix()
        '/proj/figures-zeitungen-2023'
        >>> figure_dir("/proj/seeds", root="/proj").as_posix()
        '/proj/figures'
    """
    if os.environ.get("NEWSKIT_FIGURES"):
        return Path(os.environ["NEWSKIT_FIGURES"]).expanduser()
    base = Path(root) if root is not None else (_project_root(Path.cwd()) or Path.cwd())
    corpus = corpus if corpus is not None else os.environ.get("NEWSKIT_CORPUS")
    if corpus is None or Path(os.path.abspath(corpus)) == Path(os.path.abspath(base / "seeds")):
        return base / "figures"
    path = Path(os.path.abspath(corpus))
    name = path.stem if path.suffix else path.name
    slug = re.sub(r"[^\w-]+", "-", name.lower()).strip("-") or "corpus"
    return base / f"figures-{slug}"


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


def _titles(ax, title: str, subtitle: str) -> None:
    ax.set_title(title, pad=16)
    ax.text(0.5, 1.005, subtitle, transform=ax.transAxes, ha="center", va="bottom", fontsize=8.5,
            color="0.35")


def _label_legend(ax, labels, **kw) -> None:
    """One real colour swatch per entity type present."""
    handles = [Patch(facecolor=LABEL_COLORS[lab], label=LABEL_NAMES[lab])
               for lab in LABEL_COLORS if lab in set(labels)]
    ax.legend(handles=handles, title="Typ", **kw)


# ---------------------------------------------------------------- corpus
def sentence_lengths(docs) -> Figure:
    """Histogram of words per sentence over parsed ``Doc`` objects."""
    use_style()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    lengths = [sum(1 for t in s if not t.is_punct and not t.is_space) for d in docs for s in d.sents]
    if not lengths:
        _empty(ax, "keine Sätze")
        return fig
    ax.hist(lengths, bins=range(0, max(lengths) + 5, 3), color="#1f77b4", edgecolor="white")
    ax.set_xlabel("Wörter pro Satz")
    ax.set_ylabel("Sätze")
    ax.set_title(f"Satzlängen im Korpus ({len(lengths)} Sätze)")
    return fig


# -------------------------------------------------------------- entities
def entity_mentions(entities: pd.DataFrame, top: int = 15) -> Figure:
    """Horizontal bars: the most mentioned names (canonical), coloured by entity type."""
    use_style()
    counts = mention_counts(entities).head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(counts), 3) + 1.3))
    if counts.empty:
        _empty(ax, "keine Entitäten")
        return fig
    ax.barh(counts["canonical"], counts["mentions"],
            color=[LABEL_COLORS.get(lab, "0.5") for lab in counts["label"]])
    _label_legend(ax, counts["label"], loc="lower right")
    ax.set_xlabel("Erwähnungen")
    ax.set_title("Wer und was wird genannt?")
    ax.grid(axis="y", visible=False)
    return fig


def _draw_labels(ax, pos, names, sizes) -> None:
    for n, size in zip(names, sizes):
        x, y = pos[n]
        ax.annotate(n, (x, y), xytext=(0, 6 + np.sqrt(size) / 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8.5, zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.6})


def _packed_layout(g) -> dict:
    """Kamada–Kawai layout per connected part, each part in its own cell, cells packed in
    rows (largest first), so small parts do not drift to the edges and squeeze the big
    one into a knot."""
    import networkx as nx

    parts = sorted(nx.connected_components(g.to_undirected()), key=lambda c: (-len(c), min(c)))
    width = 2.4 * max(np.sqrt(len(parts[0])), np.sqrt(g.number_of_nodes()))
    pos, x, y, row_h, gap = {}, 0.0, 0.0, 0.0, 1.0
    for part in parts:
        r = 0.6 * np.sqrt(len(part))
        if len(part) == 1:
            p = {next(iter(part)): np.zeros(2)}
        else:
            p = nx.kamada_kawai_layout(g.subgraph(part).to_undirected(), scale=r, weight=None)
        if x > 0 and x + 2 * r > width:
            x, y, row_h = 0.0, y - row_h - gap, 0.0
        top = max(v[1] for v in p.values())
        for n, v in p.items():  # top-aligned in its cell
            pos[n] = np.asarray(v) + np.array([x + r, y - top])
        x += 2 * r + gap
        row_h = max(row_h, top - min(v[1] for v in p.values()))
    return pos


def _frame(ax, pos) -> None:
    """Leave room for labels around the layout; no axes on a network."""
    xy = np.array(list(pos.values()))
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    pad = np.maximum((hi - lo) * 0.12, 0.15)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1] * 1.6)
    ax.set_axis_off()


def cooccurrence_network(entities: pd.DataFrame, min_weight: int = 1, top: int = 20) -> Figure:
    """The ``top`` most mentioned names that share a sentence with another name, as nodes
    (size = mentions), joined by shared sentences (edge width = how many)."""
    import networkx as nx

    use_style()
    fig, ax = plt.subplots(figsize=(8, 6.5))
    g = cooccurrence_graph(entities, min_weight, top=top, connected=True)
    if g.number_of_nodes() == 0:
        _empty(ax, "keine Namen, die im selben Satz stehen")
        return fig
    pos = _packed_layout(g)
    sizes = [80 + 40 * g.nodes[n]["count"] for n in g]
    widths = [0.8 + 0.9 * w for _, _, w in g.edges(data="weight")]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.35, edge_color="0.35")
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, linewidths=0.8, edgecolors="white",
                           node_color=[LABEL_COLORS.get(g.nodes[n]["label"], "0.5") for n in g])
    _draw_labels(ax, pos, list(g), sizes)
    _label_legend(ax, [g.nodes[n]["label"] for n in g], loc="lower left", fontsize=8)
    _titles(ax, "Welche Namen stehen im selben Satz?",
            f"{g.number_of_nodes()} der häufigsten Namen; Kreis: Erwähnungen, Linie: gemeinsame Sätze")
    _frame(ax, pos)
    return fig


entity_network = cooccurrence_network


# ----------------------------------------------------------------- quotes
def quote_speakers(quotes: pd.DataFrame, top: int = 12) -> Figure:
    """Stacked bars: who is quoted (real speakers only), and how."""
    use_style()
    table = quote_kinds(quotes, top=top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(table), 3) + 1.3))
    if table.empty:
        _empty(ax, "keine Zitate mit Sprecher")
        return fig
    left = np.zeros(len(table))
    for kind in KINDS:
        if table[kind].sum():
            ax.barh(table["speaker"], table[kind], left=left, color=KIND_COLORS[kind],
                    label=KIND_NAMES[kind])
            left = left + table[kind].to_numpy()
    for y, (total, named) in enumerate(zip(table["total"], table["named"])):
        ax.text(total, y, f"  {named} mit Namen", va="center", fontsize=8, color="0.35")
    ax.set_xlim(0, table["total"].max() * 1.3)
    ax.set_xlabel("Zitate (mit Namen: im eigenen Satz namentlich genannt)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Wer kommt zu Wort – direkt oder indirekt?")
    ax.legend(loc="lower right", title="Redewiedergabe")
    ax.grid(axis="y", visible=False)
    return fig


def speaker_network(quotes: pd.DataFrame, entities: pd.DataFrame, top: int = 15) -> Figure:
    """Who speaks about whom: speaker → name inside their quotes, the ``top`` nodes by
    number of such pairs, real speakers only."""
    import networkx as nx

    use_style()
    fig, ax = plt.subplots(figsize=(8, 6.5))
    g = speaker_graph(quotes, entities, top=top)
    if g.number_of_edges() == 0:
        _empty(ax, "keine Zitate mit genannten Entitäten")
        return fig
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    pos = _packed_layout(g)
    sizes = [150 + 60 * g.nodes[n]["weight"] for n in g]
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, linewidths=0.8, edgecolors="white",
                           node_color=[SPEAKER_COLOR if g.nodes[n]["speaker"] else MENTIONED_COLOR
                                       for n in g])
    nx.draw_networkx_edges(g, pos, ax=ax, width=[0.8 + 0.8 * w for _, _, w in g.edges(data="weight")],
                           arrowsize=12, alpha=0.55, edge_color="0.3", node_size=sizes,
                           connectionstyle="arc3,rad=0.1")
    _draw_labels(ax, pos, list(g), sizes)
    ax.legend(handles=[Patch(facecolor=SPEAKER_COLOR, label="spricht (Sprecher)"),
                       Patch(facecolor=MENTIONED_COLOR, label="wird im Zitat genannt")],
              loc="lower left", fontsize=8)
    _titles(ax, "Wer spricht über wen?",
            f"{g.number_of_nodes()} der häufigsten Namen; Pfeil: Sprecher → im Zitat genannter Name")
    _frame(ax, pos)
    return fig


# -------------------------------------------------------------- sentiment
def sentiment_arc(sentences: pd.DataFrame, article_id: str | None = None) -> Figure:
    """Sentence scores through one article, with a rolling mean.

    ``article_id`` chooses the article; it may be left out only when ``sentences`` holds
    one article (sentence numbers of different articles do not make one arc)."""
    ids = sentences["article_id"].unique() if "article_id" in sentences else []
    if article_id is None and len(ids) > 1:
        raise ValueError(f"sentiment_arc draws one article, and the table holds {len(ids):,}: "
                         f"pass article_id=..., e.g. sentiment_arc(sentences, {ids[0]!r})")
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
    ax.set_xlabel("Satz im Artikel")
    ax.set_ylabel("Tonalität (−1 … 1)")
    ax.set_title("Tonalität im Verlauf des Artikels")
    ax.legend(loc="upper right")
    return fig


def entity_sentiment(entities: pd.DataFrame, top: int = 12, min_mentions: int = 3) -> Figure:
    """Mean tone around each name with a 95 % bootstrap interval and its evidence
    (mentions / sentences); names with fewer than ``min_mentions`` mentions are left out."""
    use_style()
    t = entity_sentiment_table(entities, min_mentions=min_mentions, top=top)
    t = t.sort_values(["mean", "canonical"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * max(len(t), 3) + 1.6))
    if t.empty:
        _empty(ax, f"keine Namen mit mindestens {min_mentions} Erwähnungen")
        return fig
    y = np.arange(len(t))
    colors = ["#2ca02c" if v > 0.2 else "#d62728" if v < -0.2 else "0.45" for v in t["mean"]]
    has_ci = t["ci_low"].notna()
    ax.hlines(y[has_ci], t.loc[has_ci, "ci_low"], t.loc[has_ci, "ci_high"], lw=2.2, alpha=0.6,
              color=[c for c, m in zip(colors, has_ci) if m], label="95 %-Bootstrap-Intervall")
    ax.scatter(t["mean"], y, color=colors, s=40, zorder=3, label="Mittelwert")
    ax.set_yticks(y, t["canonical"])
    for i, r in t.iterrows():
        ax.annotate(f"n = {r.mentions} Erw. / {r.sentences} Sätze", (1.0, i),
                    xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=8, color="0.3", annotation_clip=False)
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("Tonalität der Wörter um die Erwähnung (−1 … 1)")
    _titles(ax, "Tonalität im Umfeld der Namen",
            "Wörter rund um die Erwähnungen – kein Urteil des Textes über die Genannten")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="y", visible=False)
    return fig


def timeline(articles: pd.DataFrame, entities: pd.DataFrame, top: int = 5) -> Figure:
    """Monthly mentions of the ``top`` names as grouped bars; months without articles are
    shaded and marked, never bridged by a line. Dates come from ``articles.date_start``."""
    use_style()
    t = timeline_table(articles, entities, top=top)
    fig, ax = plt.subplots(figsize=(9, 3.8))
    if t.empty:
        _empty(ax, "keine datierten Artikel mit Entitäten")
        return fig
    months = list(dict.fromkeys(t["month"]))
    names = list(dict.fromkeys(t["canonical"]))
    x = np.arange(len(months))
    width = 0.8 / len(names)
    wide = t.pivot(index="month", columns="canonical", values="mentions").reindex(months)[names]
    for j, name in enumerate(names):
        ax.bar(x - 0.4 + width * (j + 0.5), wide[name].fillna(0).astype(float), width=width,
               label=name, color=plt.cm.tab10(j % 10))
    arts = t.drop_duplicates("month").set_index("month")["articles"].reindex(months)
    ymax = max(float(wide.max().max()), 1.0)
    for i, n in enumerate(arts):
        if n == 0:
            ax.axvspan(i - 0.45, i + 0.45, color="0.92", zorder=0)
            ax.text(i, ymax * 0.5, "keine Artikel", rotation=90, ha="center", va="center",
                    fontsize=7, color="0.45")
        else:
            ax.text(i, ymax * 1.04, f"{n} Art.", ha="center", va="bottom", fontsize=7, color="0.35")
    step = max(1, int(np.ceil(len(months) / 12)))
    ax.set_xticks(x[::step], [f"{m:%m/%Y}" for m in months][::step],
                  rotation=45 if len(months) > 6 else 0, ha="right" if len(months) > 6 else "center")
    ax.set_xlim(-0.6, len(months) - 0.4)
    ax.set_ylim(0, ymax * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Monat (Datum des Artikels)")
    ax.set_ylabel("Erwähnungen")
    title = "Erwähnungen im Zeitverlauf"
    if len(months) == 1:
        title += f" – nur ein Monat im Korpus ({months[0]:%m/%Y})"
    ax.set_title(title)
    ax.legend(title="Name", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.grid(axis="x", visible=False)
    return fig


from newskit.plots.sources import share_bars, top_sources  # noqa: E402

__all__ += ["share_bars", "top_sources"]
