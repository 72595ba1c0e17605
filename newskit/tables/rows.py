"""Rows of the four result tables, built from one parsed ``Doc``.

Each function takes a Doc the newskit pipeline has processed and yields dicts whose keys
are the table's contract columns (see README).
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span

from newskit.components.sentiment import label_of
from newskit.nlp.sentences import sentence_ids


def span_sentiment(span: Span) -> dict:
    """``sentiment`` and ``sentiment_score`` columns for an entity or quote span."""
    return {"sentiment": span._.nk_sentiment, "sentiment_score": span._.nk_sentiment_score}


def entity_rows(doc: Doc) -> Iterator[dict]:
    """One row per entity mention, with sentence index and canonical name."""
    sent_ids = sentence_ids(doc)
    for ent in doc.ents:
        yield {
            "sent_id": sent_ids[ent.start],
            "start_char": ent.start_char, "end_char": ent.end_char, "text": ent.text,
            "label": ent.label_, "canonical": ent._.nk_canonical or ent.text,
            **span_sentiment(ent),
            "gender": ent._.nk_gender or "", "gender_evidence": ent._.nk_gender_evidence or "",
        }


def sentence_rows(doc: Doc) -> Iterator[dict]:
    """One row per sentence: offsets (without surrounding whitespace), text, score, label."""
    for i, sent in enumerate(doc.sents):
        score = sent._.nk_sentiment_score
        toks = [t for t in sent if not t.is_space]
        start = toks[0].idx if toks else sent.start_char
        end = toks[-1].idx + len(toks[-1]) if toks else sent.start_char
        yield {"sent_id": i, "start_char": start, "end_char": end,
               "text": doc.text[start:end], "score": score if score is not None else 0.0,
               "label": sent._.nk_sentiment or "neutral"}


def article_sentiment(sentences: list[dict]) -> tuple[float, str]:
    """Mean sentence score and its label (long articles are not more extreme than short ones).

    >>> article_sentiment([{"score": 0.5}, {"score": 0.1}])
    (0.3, 'positive')
    """
    if not sentences:
        return 0.0, "neutral"
    s = sum(r["score"] for r in sentences) / len(sentences)
    return s, label_of(s)
