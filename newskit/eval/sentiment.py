"""Target sentiment scores (``newskit eval sentiment``).

Gold format ``gerntsa``: the GerNTSA JSON list, items with ``opinion_snippet``,
``target_anchor`` ``{from, to}`` and ``sentiment.polarity``. Reports macro-F1
over positive/neutral/negative, accuracy and the confusion matrix.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from newskit.eval.ner import parse_slice

CLASSES = ["positive", "neutral", "negative"]
# the grid over which target cut-offs are chosen
LOW_CUTOFFS = np.arange(-0.6, 0.001, 0.025)
HIGH_CUTOFFS = np.arange(0.0, 0.601, 0.025)


def read_gerntsa(path: str | Path) -> pd.DataFrame:
    """GerNTSA items as a DataFrame with ``text``, ``start_char``, ``end_char``, ``gold``."""
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    return pd.DataFrame({
        "text": [x["opinion_snippet"] for x in items],
        "start_char": [x["target_anchor"]["from"] for x in items],
        "end_char": [x["target_anchor"]["to"] for x in items],
        "gold": [x["sentiment"]["polarity"] for x in items],
    })


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Mean F1 over the three classes (array version of ``scores``, for search loops)."""
    f1 = []
    for c in CLASSES:
        tp = np.sum((gold == c) & (pred == c))
        n = np.sum(pred == c) + np.sum(gold == c)
        f1.append(2 * tp / n if n else 0.0)
    return float(np.mean(f1))


def cutoff_labels(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """Labels for scores ``x``: positive above ``high``, negative below ``low``."""
    return np.where(x > high, "positive", np.where(x < low, "negative", "neutral"))


def best_cutoffs(x: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """The (low, high) cut-offs on the grid with the best macro-F1 on ``gold``."""
    best = (-1.0, 0.0, 0.0)
    for low in LOW_CUTOFFS:
        for high in HIGH_CUTOFFS:
            f = macro_f1(gold, cutoff_labels(x, low, high))
            if f > best[0]:
                best = (f, float(low), float(high))
    return best[1], best[2]


def scores(gold: list[str], pred: list[str]) -> tuple[pd.DataFrame, dict]:
    """Per-class precision/recall/F1, macro-F1, accuracy and a confusion matrix."""
    rows = []
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        n_pred = sum(p == c for p in pred)
        n_gold = sum(g == c for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        rows.append({"label": c, "precision": prec, "recall": rec,
                     "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                     "support": n_gold})
    table = pd.DataFrame(rows).set_index("label")
    confusion = pd.crosstab(pd.Series(gold, name="gold"), pd.Series(pred, name="pred")).reindex(
        index=CLASSES, columns=CLASSES, fill_value=0)
    summary = {"macro_f1": round(float(table["f1"].mean()), 4),
               "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
               "n": len(gold), "confusion": confusion.values.tolist()}
    return table, summary


def evaluate_sentiment(path: str | Path, nlp, *, fmt: str = "gerntsa",
                       items: str | None = None) -> tuple[pd.DataFrame, dict]:
    """Score ``newskit.target_sentiment`` on gold targets (optionally a slice of items)."""
    from newskit.tables.target_sentiment import target_sentiment

    if fmt != "gerntsa":
        raise ValueError(f"unknown sentiment format {fmt!r} (gerntsa)")
    df = read_gerntsa(path).iloc[parse_slice(items)].reset_index(drop=True)
    pred = target_sentiment(df, nlp=nlp)
    table, summary = scores(df["gold"].tolist(), pred["label"].tolist())
    return table, {"task": "sentiment", "path": str(path), **summary}
