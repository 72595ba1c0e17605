"""Find the quotes of a Doc: quoted regions with their frames, reported speech, continuations."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newskit.components.quotes.cues import cue_lemma
from newskit.components.quotes.frames import (
    Frame,
    Quote,
    colon_frame,
    complement_after,
    main_clause_frame,
    trailing_frame,
)
from newskit.components.quotes.grammar import main_finite_before
from newskit.components.quotes.marks import Region, quote_regions, region_context, speech_kind
from newskit.components.quotes.reports import continuations, sentence_frame
from newskit.nlp.doctext import doc_text
from newskit.nlp.sentences import sentence_ids, sentence_spans

# an indirect quote within this many characters around a direct one is that direct quote
DIRECT_OVERLAP_SLACK = 2
DIRECT_KINDS = ("direct", "mixed")


@dataclass
class _DocQuotes:
    """What :func:`find_quotes` knows about one Doc, built once."""

    doc: Doc
    sents: list[Span]
    sent_of: list[int]  # sentence index of every token
    marks: list[tuple[int, int, Span]] = field(default_factory=list)  # quoted regions
    blocked: set[int] = field(default_factory=set)  # tokens inside quotation marks
    frames: dict[int, Frame] = field(default_factory=dict)  # sentence index -> its frame

    def sent_at(self, i: int, default: int) -> int:
        return self.sent_of[i] if 0 <= i < len(self.sent_of) else default


def _index(doc: Doc) -> _DocQuotes:
    ids = sentence_ids(doc)
    dq = _DocQuotes(doc, sentence_spans(doc), list(ids))
    for s, e in quote_regions(doc_text(doc)):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        dq.marks.append((s, e, span))
        dq.blocked.update(range(span.start, span.end))
    return dq


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes of ``doc`` in text order, with speaker mentions (not yet resolved)."""
    dq = _index(doc)
    by_sent: dict[int, list] = {}
    for s, e, span in dq.marks:
        by_sent.setdefault(dq.sent_at(span.start, 0), []).append((s, e, span))
    quotes: list[Quote] = []
    for k, sent in enumerate(dq.sents):
        found, frame = sentence_frame(doc, sent, dq.blocked, bool(by_sent.get(k)))
        if frame is not None:
            dq.frames[k] = frame
        quotes.extend(found)
    for s, e, span in dq.marks:
        q = _quoted(dq, s, e, span)
        if q is not None:
            quotes.append(q)
    quotes = _drop_indirect_doubles(quotes)
    quoted = {_sent_index(dq, q) for q in quotes}
    claimed = {_sent_index(dq, q) for q in quotes if q.kind != "mixed"}
    quotes.extend(continuations(dq.sents, dq.blocked, quoted, claimed))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _quoted(dq: _DocQuotes, s: int, e: int, span: Span) -> Quote | None:
    """The direct quote or fragment in quotation marks ``s``…``e``, or ``None``."""
    k = dq.sent_at(span.start, 0)
    r = region_context(dq.doc, s, e, span, dq.sents[k])
    if r is None:
        return None
    kind = speech_kind(r, k in dq.frames)
    if kind is None:
        return None
    q = Quote(r.inner.start_char, r.inner.end_char, kind)
    own = _own_frame(dq, r, k, full=kind == "direct")
    sentence = dq.frames.get(k)
    if own is not None and (own.speaker is not None or sentence is None
                            or sentence.speaker is None):
        q.take(own)  # a fragment before the participle: the sentence's frame has the subject
    elif sentence is not None and (kind == "mixed" or r.before_is == ":"
                                   or sentence.speaker is not None):
        q.take(sentence)
    else:
        q.inherit = True
    return q


def _own_frame(dq: _DocQuotes, r: Region, k: int, full: bool) -> Frame | None:
    """The frame next to the quote: "…", sagte X  |  X sagte: "…"  |  its main clause."""
    doc, blocked, after = dq.doc, dq.blocked, r.after
    sent_after = dq.sents[dq.sent_at(r.after_i, k)]
    tf = None
    if after is not None and after.text == ",":
        tf = trailing_frame(doc, sent_after, r.after_i + 1, blocked)
    elif after is not None and not after.is_punct and r.span.end < len(doc):
        tf = trailing_frame(doc, sent_after, r.after_i, blocked)
    if tf is None and r.inner[-1].text in ("?", "!", ",") and after is not None \
            and after.text not in (".",):
        tf = trailing_frame(doc, sent_after, r.after_i, blocked)
    if tf is None and r.before_is == ":":
        tf = colon_frame(doc, r.sent, r.before.i, blocked)
    if tf is None and not full and k not in dq.frames:
        tf = main_clause_frame(doc, r.sent, r.span.start, blocked)
    elif tf is None and not full:
        clause = _own_speech_clause(dq, dq.frames[k], r)
        if clause is not None:
            tf = main_clause_frame(doc, clause, r.span.start, blocked)
    return tf


def _own_speech_clause(dq: _DocQuotes, frame: Frame, r: Region) -> Span | None:
    """The later clause of the sentence the fragment stands in when that clause has a
    speech verb of its own ("X nannte die Karte „überzogen“, Y bezeichnete sie als
    „übertrieben“"), else ``None``."""
    if frame.cue is None or frame.cue.end >= r.span.start:
        return None
    doc = dq.doc
    commas = [t.i for t in doc[frame.cue.end : r.span.start] if t.text == ","]
    if not commas:
        return None
    fin = main_finite_before(doc, commas[-1] + 1, r.span.start)
    if fin is None or "Sub" in fin.morph.get("Mood") or cue_lemma(fin) is None:
        return None
    comp = complement_after(doc, r.sent, frame.cue[0], dq.blocked, frame.lemma)
    if comp is not None and comp[0] <= r.span.start_char < comp[1]:
        return None  # "X kritisiert, die Aktion erinnere „…“": inside X's report
    return doc[commas[-1] + 1 : r.sent.end]


def _drop_indirect_doubles(quotes: list[Quote]) -> list[Quote]:
    """An indirect quote whose content is just a direct quote: keep the direct one."""
    slack = DIRECT_OVERLAP_SLACK
    directs = [(q.start, q.end) for q in quotes if q.kind in DIRECT_KINDS]
    return [q for q in quotes if q.kind in DIRECT_KINDS or not any(
        ds - slack <= q.start and q.end <= de + slack for ds, de in directs)]


def _sent_index(dq: _DocQuotes, q: Quote) -> int:
    span = dq.doc.char_span(q.start, q.end, alignment_mode="expand")
    return dq.sent_at(span.start, -1) if span is not None else -1
