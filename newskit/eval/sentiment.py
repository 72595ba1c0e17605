"""Target sentiment scores (``newskit eval sentiment``).

Gold format ``gerntsa``: the GerNTSA JSON list, items with ``opinion_snippet``,
``target_anchor`` ``{from, to}`` and ``sentiment.polarity``. Reports macro-F1
over positive/neutral/negative, accuracy and the confusion matrix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from newskit.eval.ner import parse_slice

CLASSES = ["positive", "neutral", "negative"]


def read_gerntsa(path: str | Path) -> pd.DataFrame:
    """GerNTSA items as a DataFrame with ``text``, ``start_char``, ``end_char``, ``gold``."""
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    return pd.DataFrame({
        "text": [x["opinion_snippet"] for x in items],
        "start_char": [x["target_anchor"]["from"] for x in items],
        "end_char": [x["target_anchor"]["to"] for x in items],
        "gold": [x["sentiment"]["polarity"] for x in items],
    })


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
    from newskit.extract.sentiment import target_sentiment

    if fmt != "gerntsa":
        raise ValueError(f"unknown sentiment format {fmt!r} (gerntsa)")
    df = read_gerntsa(path).iloc[parse_slice(items)].reset_index(drop=True)
    pred = target_sentiment(df, nlp=nlp)
    table, summary = scores(df["gold"].tolist(), pred["label"].tolist())
    return table, {"task": "sentiment", "path": str(path), **summary}
