"""Sentiment toward given targets (``newskit.target_sentiment``)."""

from __future__ import annotations

import pandas as pd
from spacy.language import Language

from newskit.components.sentiment import (
    load_lexicon,
    neighbour_context,
    target_label_of,
    target_score,
)
from newskit.nlp.sentences import sentence_spans
from newskit.pipeline import load_pipeline

# components target sentiment does not need
_SKIP = ("newskit_quotes", "newskit_ner", "ner", "newskit_entities")


def target_sentiment(df: pd.DataFrame, *, nlp: Language | None = None,
                     lexicon: dict | None = None) -> pd.DataFrame:
    """Sentiment toward targets: ``df`` has ``text``, ``start_char``, ``end_char``.

    Returns a DataFrame with ``label`` and ``score`` in the order of ``df``.

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
    texts = df["text"].astype(str).tolist()
    disable = [p for p in nlp.pipe_names if p in _SKIP]
    docs = nlp.pipe(texts, disable=disable, batch_size=64)
    out = []
    for doc, s, e in zip(docs, df["start_char"].tolist(), df["end_char"].tolist()):
        s, e = int(s), int(e)
        sents = sentence_spans(doc)
        k = next((i for i, st in enumerate(sents) if st.start_char <= s < st.end_char), None)
        if k is None:
            score = target_score(doc[:], s, e, lex)
        else:
            score = target_score(sents[k], s, e, lex, neighbour_context(sents, k, lex))
        out.append({"label": target_label_of(score), "score": score})
    return pd.DataFrame(out, index=df.index, columns=["label", "score"])
