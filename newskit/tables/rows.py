"""Rows of the four result tables, built from one parsed ``Doc``.

Each function takes a Doc the newskit pipeline has processed and yields dicts whose keys
are the table's contract columns (see README).
"""

from __future__ import annotations

from typing import Iterator

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc, Span

from newskit.components.sentiment import label_of
from newskit.nlp.doctext import doc_text
from newskit.nlp.sentences import sentence_bounds, sentence_ids


def span_sentiment(span: Span, ext=None) -> dict:
    """``sentiment`` and ``sentiment_score`` columns for an entity or quote span (``ext``:
    its ``span._``, if the caller has it)."""
    ext = span._ if ext is None else ext
    return {"sentiment": ext.nk_sentiment, "sentiment_score": ext.nk_sentiment_score}


def entity_rows(doc: Doc) -> Iterator[dict]:
    """One row per entity mention, with sentence index and canonical name."""
    sent_ids = sentence_ids(doc)
    text = doc_text(doc)
    for ent in doc.ents:
        ext, start, end = ent._, ent.start_char, ent.end_char
        name = text[start:end]  # ent.text without joining its tokens
        yield {
            "sent_id": sent_ids[ent.start],
            "start_char": start, "end_char": end, "text": name,
            "label": ent.label_, "canonical": ext.nk_canonical or name,
            **span_sentiment(ent, ext),
            "gender": ext.nk_gender or "", "gender_evidence": ext.nk_gender_evidence or "",
        }


def _offset_columns(name: str, where) -> dict:
    """``NAME_start_char``/``NAME_end_char`` of a Span or ``(start, end)`` offsets; -1 when none."""
    if where is None:
        return {f"{name}_start_char": -1, f"{name}_end_char": -1}
    start, end = (where.start_char, where.end_char) if hasattr(where, "start_char") else where
    return {f"{name}_start_char": start, f"{name}_end_char": end}


def quote_rows(doc: Doc, spans_key: str = "quotes") -> Iterator[dict]:
    """One row per quote: offsets, kind, speaker mention and canonical, cue, addressee,
    sentiment, gender."""
    sent_ids = sentence_ids(doc)
    for q in doc.spans.get(spans_key, []):
        ext = q._
        spk, cue, addressee = ext.nk_speaker, ext.nk_cue, ext.nk_addressee
        yield {
            "sent_id": sent_ids[q.start] if len(q) else -1,
            "start_char": q.start_char, "end_char": q.end_char, "text": q.text,
            "kind": ext.nk_kind, "speaker": spk.text if spk is not None else None,
            "speaker_start_char": spk.start_char if spk is not None else -1,
            "speaker_end_char": spk.end_char if spk is not None else -1,
            "speaker_canonical": ext.nk_speaker_canonical,
            "speaker_affiliation": ext.nk_speaker_affiliation,
            "speaker_via": ext.nk_speaker_via,
            **_offset_columns("cue", cue),
            **_offset_columns("frame", ext.nk_frame_offsets),
            "addressee": addressee.text if addressee is not None else None,
            **_offset_columns("addressee", addressee),
            "cue": cue.text if cue is not None else None,
            "cue_lemma": ext.nk_cue_lemma,
            **span_sentiment(q, ext),
            "speaker_gender": ext.nk_speaker_gender or "",
            "speaker_gender_evidence": ext.nk_speaker_gender_evidence or "",
        }


def sentence_rows(doc: Doc) -> Iterator[dict]:
    """One row per sentence: offsets (without surrounding whitespace), text, score, label."""
    text = doc_text(doc)  # joined once per Doc
    cols = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
    for i, (first, stop) in enumerate(sentence_bounds(doc)):
        ext = doc[first:stop]._
        score = ext.nk_sentiment_score
        a, b = first, stop - 1  # the first and last token that is not whitespace
        while a <= b and cols[a][2]:
            a += 1
        while b >= a and cols[b][2]:
            b -= 1
        start = cols[a][0] if a <= b else cols[first][0]
        end = cols[b][0] + cols[b][1] if a <= b else start
        yield {"sent_id": i, "start_char": start, "end_char": end,
               "text": text[start:end], "score": score if score is not None else 0.0,
               "label": ext.nk_sentiment or "neutral"}


def article_sentiment(sentences: list[dict]) -> tuple[float, str]:
    """Mean sentence score and its label (long articles are not more extreme than short ones).

    >>> article_sentiment([{"score": 0.5}, {"score": 0.1}])
    (0.3, 'positive')
    """
    if not sentences:
        return 0.0, "neutral"
    s = sum(r["score"] for r in sentences) / len(sentences)
    return s, label_of(s)


def doc_rows(doc) -> dict:
    """Rows of the entity, quote and sentence tables for one parsed ``Doc``."""
    sentences = list(sentence_rows(doc))
    score, label = article_sentiment(sentences)
    return {
        "n_tokens": len(doc) - int(doc.to_array(IS_SPACE).sum()) if len(doc) else 0,
        "n_sentences": len(sentences),
        "sentiment_score": score, "sentiment": label,
        "entities": list(entity_rows(doc)),
        "quotes": list(quote_rows(doc)),
        "sentences": sentences,
    }
