"""Sentiment toward given targets (``newskit.target_sentiment``)."""

from __future__ import annotations

import sys
from collections import defaultdict

import pandas as pd
from spacy.language import Language
from tqdm.auto import tqdm

from newskit.components.sentiment import (
    load_lexicon,
    neighbour_context,
    target_label_of,
    target_score,
)
from newskit.nlp.sentences import sentence_spans
from newskit.pipeline import load_pipeline
from newskit.tables.analysis import _in_notebook

# components target sentiment does not need
_SKIP = ("newskit_quotes", "newskit_ner", "ner", "newskit_entities")


def target_sentiment(df: pd.DataFrame, *, nlp: Language | None = None,
                     lexicon: dict | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Sentiment toward targets: ``df`` has ``text``, ``start_char``, ``end_char``.

    Returns a DataFrame with ``label`` and ``score`` in the order of ``df``. Each distinct
    text is parsed once, however many targets it holds (e.g. ``result.entities`` joined
    with the article texts). ``progress`` shows a bar over the texts (default: when stderr
    is a terminal or in Jupyter).

    Example:
        >>> import pandas as pd, newskit
        >>> df = pd.DataFrame({"text": ["Russland droht mit einem brutalen Krieg."],
        ...                    "start_char": [0], "end_char": [8]})
        >>> newskit.target_sentiment(df)["label"].tolist()
        ['negative']
    """
    missing = {"text", "start_char", "end_char"} - set(df.columns)
    if missing:
        raise ValueError(f"target_sentiment needs columns {sorted(missing)}")
    nlp = nlp or load_pipeline()
    lex = lexicon or load_lexicon()
    rows_of: dict[str, list[int]] = defaultdict(list)  # text -> its rows, in first-seen order
    for i, text in enumerate(df["text"].astype(str)):
        rows_of[text].append(i)
    starts, ends = df["start_char"].astype(int).tolist(), df["end_char"].astype(int).tolist()
    disable = [p for p in nlp.pipe_names if p in _SKIP]
    if progress is None:
        progress = sys.stderr.isatty() or _in_notebook()
    docs = tqdm(nlp.pipe(rows_of, disable=disable, batch_size=64), total=len(rows_of),
                desc="target_sentiment", unit="text", disable=not progress or len(rows_of) < 2)
    scores = [0.0] * len(df)
    for doc, rows in zip(docs, rows_of.values()):
        sents = sentence_spans(doc)
        for i in rows:
            scores[i] = _score(doc, sents, starts[i], ends[i], lex)
    return pd.DataFrame({"label": [target_label_of(v) for v in scores], "score": scores},
                        index=df.index, columns=["label", "score"])


def _score(doc, sents: list, s: int, e: int, lex: dict) -> float:
    k = next((i for i, st in enumerate(sents) if st.start_char <= s < st.end_char), None)
    if k is None:
        return target_score(doc[:], s, e, lex)
    return target_score(sents[k], s, e, lex, neighbour_context(sents, k, lex))
