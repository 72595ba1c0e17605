"""The ``newskit_quotes`` spaCy component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newskit.components.extensions import register_extensions
from newskit.components.quotes.addressees import find_addressee
from newskit.components.quotes.find import find_quotes
from newskit.components.quotes.spans import (
    cue_phrase,
    frame_offsets,
    with_apposition,
    with_closing_mark,
    with_marks,
)
from newskit.components.quotes.speakers import resolve_speakers
from newskit.nlp.doctext import doc_text

SPANS_KEY = "quotes"


def _offsets(span: Span | None) -> tuple[int, int] | None:
    return (span.start_char, span.end_char) if span is not None else None


class QuoteFinder:
    """Write ``doc.spans["quotes"]``: direct, mixed, indirect and reported speech with
    ``q._.nk_kind``, the speaker mention (``q._.nk_speaker``) and who that is
    (``q._.nk_speaker_canonical``), the cue (``q._.nk_cue``, ``q._.nk_cue_lemma``) and
    the addressee (``q._.nk_addressee``, :mod:`newskit.components.quotes.addressees`).

    Speaker offsets (not Span objects) are stored, so Docs serialise for
    ``nlp.pipe(n_process=…)`` and ``DocBin``.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str = SPANS_KEY):
        register_extensions()
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc)
        names = resolve_speakers(doc, quotes)
        spans = []
        text = doc_text(doc)
        for q, name in zip(quotes, names):
            start, end = with_marks(text, q.start, q.end) if q.kind in ("direct", "mixed") \
                else with_closing_mark(text, q.start, q.end)
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            span = Span(doc, span.start, span.end, label=q.kind)
            span._.nk_kind = q.kind
            span._.nk_speaker_offsets = _offsets(with_apposition(q.speaker))
            span._.nk_speaker_canonical = name
            span._.nk_cue_offsets = _offsets(cue_phrase(q.cue))
            span._.nk_cue_lemma = q.cue_lemma
            span._.nk_speaker_affiliation = q.affiliation
            span._.nk_speaker_via = q.via
            span._.nk_frame_offsets = frame_offsets(q.speaker, q.cue,
                                                    (span.start_char, span.end_char))
            span._.nk_addressee_offsets = _offsets(
                find_addressee(doc, q.cue, q.speaker, (span.start_char, span.end_char)))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "newskit_quotes",
    default_config={"spans_key": SPANS_KEY},
    assigns=["doc.spans", "span._.nk_kind", "span._.nk_speaker_offsets",
             "span._.nk_speaker_canonical", "span._.nk_cue_offsets", "span._.nk_cue_lemma",
             "span._.nk_speaker_affiliation", "span._.nk_speaker_via", "span._.nk_frame_offsets",
             "span._.nk_addressee_offsets"],
    requires=["doc.sents", "token.tag", "token.lemma", "token.morph", "doc.ents",
              "span._.nk_canonical", "doc._.nk_roles"],
)
def make_quotes(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    return QuoteFinder(nlp, name, spans_key)


def newskit_quotes(doc: Doc) -> Doc:
    """Find the quotes of one Doc with the default settings (for scripts and tests)."""
    return QuoteFinder(None, "newskit_quotes")(doc)
