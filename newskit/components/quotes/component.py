"""The ``newskit_quotes`` spaCy component and the rows of the ``quotes`` table."""

from __future__ import annotations

from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from newskit.components.quotes.find import find_quotes
from newskit.components.quotes.speakers import resolve_speakers

SPANS_KEY = "quotes"


def _span_getter(attr: str):
    def get(span: Span) -> Span | None:
        offsets = getattr(span._, attr)
        if not offsets:
            return None
        return span.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")

    return get


def _ensure_extensions() -> None:
    # offsets (not Span objects) are stored, so Docs serialise for nlp.pipe(n_process=…)
    for name in ("kind", "speaker_canonical", "cue_lemma", "speaker_offsets", "cue_offsets"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("speaker"):
        Span.set_extension("speaker", getter=_span_getter("speaker_offsets"))
    if not Span.has_extension("cue"):
        Span.set_extension("cue", getter=_span_getter("cue_offsets"))


_ensure_extensions()


def _offsets(span: Span | None) -> tuple[int, int] | None:
    return (span.start_char, span.end_char) if span is not None else None


@Language.component("newskit_quotes")
def newskit_quotes(doc: Doc) -> Doc:
    """Write ``doc.spans["quotes"]`` (see the package docstring)."""
    quotes = find_quotes(doc)
    names = resolve_speakers(doc, quotes)
    spans = []
    for q, name in zip(quotes, names):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        span = Span(doc, span.start, span.end, label=q.kind)
        span._.kind = q.kind
        span._.speaker_offsets = _offsets(q.speaker)
        span._.speaker_canonical = name
        span._.cue_offsets = _offsets(q.cue)
        span._.cue_lemma = q.cue_lemma
        spans.append(span)
    doc.spans[SPANS_KEY] = spans
    return doc


def quote_rows(doc: Doc) -> Iterator[dict]:
    """One row per quote (columns of the ``quotes`` table)."""
    from newskit.extract.sentiment import span_sentiment
    from newskit.nlp.sentences import sentence_ids

    sent_ids = sentence_ids(doc)
    for q in doc.spans.get(SPANS_KEY, []):
        spk = q._.speaker
        yield {
            "sent_id": sent_ids[q.start] if len(q) else -1,
            "start_char": q.start_char, "end_char": q.end_char, "text": q.text,
            "kind": q._.kind, "speaker": spk.text if spk is not None else None,
            "speaker_start_char": spk.start_char if spk is not None else -1,
            "speaker_end_char": spk.end_char if spk is not None else -1,
            "speaker_canonical": q._.speaker_canonical,
            "cue": q._.cue.text if q._.cue is not None else None,
            "cue_lemma": q._.cue_lemma,
            **span_sentiment(q),
        }
