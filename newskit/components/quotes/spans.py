"""The text ranges a quote reports, shaped as the SpkAtt guidelines and the Wikinews
quotation corpus annotate them: a direct quote with its quotation marks, a report that ends
in a quoted fragment with the fragment's closing mark, the speaker phrase with a name's
apposition, the cue with the words next to it that belong to it, and the frame (the rest of
the cue's sentence on its side of the quote)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskit.components.quotes.grammar import np_forward
from newskit.components.quotes.marks import PAIRS
from newskit.nlp.doctext import doc_text


def with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A quotation's range widened to the pair of quotation marks around it: a direct quote
    or quoted fragment is its words and its marks, as the SpkAtt guidelines and the
    Wikinews quotation corpus annotate it.

    >>> t = 'Er sagte: „Wir gehen.“ Dann'
    >>> t[slice(*with_marks(t, 11, 21))]
    '„Wir gehen.“'
    >>> with_marks("ohne Zeichen", 0, 4)
    (0, 4)
    """
    if start > 0 and end < len(text) and text[end] in PAIRS.get(text[start - 1], ""):
        return start - 1, end + 1
    return start, end


def with_closing_mark(text: str, start: int, end: int) -> tuple[int, int]:
    """A report whose last words are a quoted fragment ends after the fragment's closing
    mark, so the fragment (marks included, ``with_marks``) stays inside it.

    >>> t = 'Er sagte, die Lage sei „ernst“.'
    >>> t[slice(*with_closing_mark(t, 10, 29))]
    'die Lage sei „ernst“'
    """
    if end < len(text) and start < end:
        opener = text.rfind("„", start, end), text.rfind("»", start, end), \
            text.rfind("«", start, end), text.rfind("“", start, end)
        i = max(opener)
        if i >= 0 and text[end] in PAIRS.get(text[i], "") \
                and not any(c in PAIRS.get(text[i], "") for c in text[i + 1:end]):
            return start, end + 1
    return start, end


def frame_offsets(speaker: Span | None, cue: Span | None,
                  quote: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The reporting frame: from the first to the last character of speaker and cue
    ("sagte Provinzgouverneur Iamtrakul", "nach Angaben der Polizei", "Demnach"); with the
    quote's offsets, the frame is the whole rest of the cue's sentence on that side of the
    quote ("Karsai sagte am Sonntag vor Journalisten," / ", so der Sprecher"), as the
    SpkAtt guidelines annotate it."""
    parts = [p for p in (speaker, cue) if p is not None]
    if cue is None or not parts:
        return None
    start, end = min(p.start_char for p in parts), max(p.end_char for p in parts)
    if quote is None:
        return start, end
    sent = cue.sent
    if sent.start_char <= quote[0] < sent.end_char or sent.start_char < quote[1] <= sent.end_char:
        if end <= quote[0]:
            return _trimmed(sent.doc, sent.start_char, quote[0]) or (start, end)
        if start >= quote[1]:
            return _trimmed(sent.doc, quote[1], sent.end_char, final=True) or (start, end)
    return start, end


def _trimmed(doc: Doc, start: int, end: int, final: bool = False) -> tuple[int, int] | None:
    """``start``…``end`` without surrounding spaces (and the sentence's final punctuation)."""
    text = doc_text(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or final and text[end - 1] in ".!?"):
        end -= 1
    return (start, end) if end > start else None


def with_apposition(speaker: Span | None) -> Span | None:
    """A name with the apposition that follows it between commas: "Ursula Castrup, die
    Leiterin der Fachstelle," — the speaker phrase as SpkAtt annotates it (who it is stays
    the name: ``nk_speaker_canonical``)."""
    if speaker is None or speaker.end + 2 >= len(speaker.doc):
        return speaker
    doc = speaker.doc
    if doc[speaker.end].text != "," or not any(t.ent_type_ == "PER" for t in speaker) \
            or doc[speaker.end + 1].tag_ not in ("ART", "PPOSAT", "NN"):
        return speaker
    np = np_forward(doc, speaker.end + 1, speaker.sent.end)
    if np is None or np.end >= speaker.sent.end or doc[np.end].text != "," \
            or not any(t.tag_ == "NN" for t in np):
        return speaker
    return doc[speaker.start : np.end]


def cue_phrase(cue: Span | None) -> Span | None:
    """The cue with the words right next to it that belong to it: a separable particle, a
    reflexive or "es" after it ("teilte mit", "äußerte sich", "heißt es"), an auxiliary
    before a participle ("wird vorgeworfen") — as SpkAtt annotates cues. Parts that stand
    apart ("teilte … mit") are not joined: the cue is one range of the text."""
    if cue is None or len(cue) != 1:
        return cue
    doc, start, end = cue.doc, cue.start, cue.end
    while end < len(doc) and (doc[end].tag_ == "PTKVZ" or doc[end].tag_ == "PRF"
                              or doc[end].lower_ == "es" and cue[0].lemma_ == "heißen"):
        end += 1
    if cue[0].tag_ == "VVPP" and start > 0 and doc[start - 1].tag_ == "VAFIN":
        start -= 1
    return cue if (start, end) == (cue.start, cue.end) else doc[start:end]
