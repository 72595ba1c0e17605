"""Figures for "Wer kommt zu Wort?": shares with intervals and the most quoted sources."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from newskit.plots import _empty, _titles, use_style

GENDER_COLORS = {"female": "#d95f02", "male": "#1b9e77", "unknown": "#b3b3b3"}
GENDER_NAMES = {"female": "Frauen", "male": "Männer", "unknown": "unbekannt"}
KIND_NAMES = {"direct": "direkt", "mixed": "gemischt", "indirect": "indirekt",
              "reported": "nur berichtet"}


def share_bars(table: pd.DataFrame, of: str, *, by: str | None = None, title: str = "",
               subtitle: str = "") -> Figure:
    """Horizontal bars of ``share`` with their interval (``ci_low``…``ci_high``) from
    :func:`newskit.shares`; one group of bars per value of ``by`` when given. A bar
    without an interval (fewer than two articles) is drawn without whiskers."""
    use_style()
    groups = [None] if by is None else list(dict.fromkeys(table[by]))
    fig = Figure(figsize=(7, 0.6 + 0.45 * max(1, len(table))))
    ax = fig.add_subplot()
    if table.empty:
        _empty(ax, "keine Zitate mit dieser Angabe")
        return fig
    y, labels = 0, []
    for g in groups:
        part = table if g is None else table[table[by] == g]
        for _, r in part.iterrows():
            value = str(r[of])
            color = GENDER_COLORS.get(value, "#4c72b0")
            ax.barh(y, r["share"], color=color)
            right = r["share"]
            if pd.notna(r["ci_low"]):  # no interval from fewer than two articles
                ax.errorbar(r["share"], y, xerr=[[r["share"] - r["ci_low"]],
                                                 [r["ci_high"] - r["share"]]],
                            fmt="none", ecolor="0.2", capsize=3)
                right = r["ci_high"]
            ax.text(min(right + 0.02, 0.98), y, f"{r['share']:.0%} (n = {r['n']})",
                    va="center", fontsize=8.5)
            name = GENDER_NAMES.get(value, KIND_NAMES.get(value, value))
            labels.append(name if g is None else f"{GENDER_NAMES.get(str(g), g)}: {name}")
            y += 1
        y += 0.5
    ax.set_yticks([i for i in range(len(labels))] if by is None else _ticks(table, by, groups),
                  labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Anteil (Balken) mit 95-%-Intervall (Artikel neu gezogen)")
    _titles(ax, title or "Anteile", subtitle)
    return fig


def _ticks(table: pd.DataFrame, by: str, groups: list) -> list[float]:
    ticks, y = [], 0.0
    for g in groups:
        for _ in range(int((table[by] == g).sum())):
            ticks.append(y)
            y += 1
        y += 0.5
    return ticks


def top_sources(sources: pd.DataFrame, top: int = 8) -> Figure:
    """The most quoted women and men side by side (from :func:`newskit.sources`)."""
    use_style()
    fig = Figure(figsize=(9, 0.8 + 0.35 * top))
    axes = fig.subplots(1, 2)
    persons = sources[sources["label"] == "PER"]
    for ax, gender in zip(axes, ("female", "male")):
        part = persons[persons["gender"] == gender].head(top)
        if part.empty:
            _empty(ax, f"keine {GENDER_NAMES[gender]} zitiert")
            continue
        ax.barh(part["canonical"], part["n_quotes"], color=GENDER_COLORS[gender])
        ax.invert_yaxis()
        ax.set_xlabel("Zitate")
        ax.set_title(f"Meistzitierte {GENDER_NAMES[gender]}")
    return fig
