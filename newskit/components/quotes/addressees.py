"""The addressee of a quote (the SpkAtt role ADDR): whom the speaker talks to or about.

Three patterns, each inside the clause of the cue and outside the quote itself:

* "gegenüber X" — "sagte er gegenüber der BBC";
* "in einem Interview / Gespräch mit X";
* the object of a speech verb that takes one (``lang/de/data/addressee_verbs.tsv``): a
  dative ("wirft dem Iran vor", "teilte ihnen mit") or an accusative ("forderte die SPD
  auf", "warnte seinen Kollegen Lawrow") — the first noun phrase of the clause that is
  neither the speaker nor inside a prepositional phrase, whose article or pronoun can
  have that case (after a passive participle, the noun phrase before it: "Dem Verein
  wird vorgeworfen", "Die Regierung wurde aufgefordert"); for "appellieren an" and the
  like, the phrase with "an".

>>> import newskit
>>> doc = newskit.load_pipeline()("Der Minister warnte seinen Kollegen Lawrow, man werde handeln.")
>>> [(q._.nk_addressee.text if q._.nk_addressee is not None else None) for q in doc.spans["quotes"]]
['seinen Kollegen Lawrow']
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskit.components.quotes.grammar import np_forward
from newskit.lang import de

#: words that open a phrase naming the addressee ("gegenüber der BBC")
TOWARDS = "gegenüber"
#: nouns of a conversation: "in einem Interview mit X"
CONVERSATION_NOUNS = ("interview", "gespräch", "telefonat", "unterredung")
# forms that can open a dative or an accusative object (articles, possessives, pronouns)
_CASE_FORMS = {
    "dat": ("dem", "einem", "diesem", "ihm", "ihr", "ihnen", "seinem", "ihrem", "unserem",
            "allen"),  # not "der", "den": too often the subject or an accusative
    "acc": ("den", "die", "das", "einen", "eine", "diesen", "diese", "ihn", "sie", "uns",
            "seinen", "seine", "ihren", "ihre", "unseren", "alle"),
}
_OBJECT_PRONOUNS = {"dat": ("ihm", "ihr", "ihnen"), "acc": ("ihn",)}
_CLAUSE_BREAK = (",", ";", ":", "(", ")", "–", "—", "„", "“", "»", "«", '"')


def addressee_verbs() -> dict[str, str]:
    """Speech verb lemma → how it takes its addressee: a ``dat`` or ``acc`` object, or ``an`` +
    noun phrase."""
    return de.word_table("addressee_verbs")


def find_addressee(doc: Doc, cue: Span | None, speaker: Span | None,
                   quote: tuple[int, int]) -> Span | None:
    """The addressee phrase of a quote with ``cue`` and ``speaker`` (quote at char offsets
    ``quote``), or ``None``."""
    if cue is None or not len(cue):
        return None
    lo, hi = _clause(doc, cue)
    taken = set(range(speaker.start, speaker.end)) if speaker is not None else set()

    def free(span: Span | None) -> bool:
        return span is not None and not taken.intersection(range(span.start, span.end)) \
            and (span.end_char <= quote[0] or span.start_char >= quote[1])

    found = _towards(doc, lo, hi, free)
    case = addressee_verbs().get(cue[0].lemma_)
    if found is None and case == "an":
        found = _towards(doc, lo, hi, free, ("an",))
    elif found is None and case is not None:
        if cue[0].tag_ == "VVPP" and lo < cue.start:  # passive: the object stands first
            first = np_forward(doc, lo, cue.start)
            if first is not None and first.start == lo and free(first):
                return first
        after = speaker is not None and speaker.end <= cue.start
        found = _object(doc, lo, hi, cue, case, free, dative_der=after)
    return found


def _towards(doc: Doc, lo: int, hi: int, free, words: tuple[str, ...] = (TOWARDS,)
             ) -> Span | None:
    """"gegenüber X", "im Interview mit X" (or "an X" for ``words=("an",)``)."""
    for i in range(lo, hi):
        tok = doc[i]
        start = i + 1 if tok.lower_ in words else i + 2 if (
            tok.lower_ in CONVERSATION_NOUNS and i + 1 < hi and doc[i + 1].lower_ == "mit") \
            else None
        if start is not None and start < hi:
            np = np_forward(doc, start, hi)
            if free(np):
                return np
    return None


def _object(doc: Doc, lo: int, hi: int, cue: Span, case: str, free,
            dative_der: bool = False) -> Span | None:
    """The first object of the cue's clause that can have ``case`` (see module docstring);
    ``dative_der``: the speaker stands before the cue, so "der …" right after it is a
    dative ("Cohl sagte der Zeitung")."""
    for i in range(lo, hi):
        tok = doc[i]
        if not free(doc[i : i + 1]) or (i > lo and doc[i - 1].tag_ in ("APPR", "APPRART", "KOKOM")):
            continue  # the speaker, the quote, a prepositional phrase ("an die Polizei"), "als …"
        if tok.lower_ in _OBJECT_PRONOUNS[case] and tok.tag_ == "PPER":
            return doc[i : i + 1]
        np = None
        if tok.tag_ in ("ART", "PPOSAT", "PDAT", "PIAT") and (
                tok.lower_ in _CASE_FORMS[case]
                or case == "dat" and tok.lower_ == "den"):  # plural dative: "den Abgeordneten"
            np = np_forward(doc, i, hi)
            if np is not None and case == "dat" and tok.lower_ == "den" \
                    and not np[-1].lower_.endswith("n"):
                np = None
        elif case == "dat" and dative_der and tok.lower_ == "der" and tok.tag_ == "ART" \
                and i == cue.end:
            np = np_forward(doc, i, hi)
        elif tok.tag_ == "NE" and tok.ent_iob_ == "B" and tok.ent_type_ in ("PER", "ORG", "LOC") \
                and i > cue[0].i and doc[i - 1].tag_ not in ("ART", "ADJA", "NN", "NE"):
            np = np_forward(doc, i, hi)  # a bare name after the verb: "werfen Lammert … vor"
        if np is not None and np.start == i and free(np):
            return np
    return None


def _clause(doc: Doc, cue: Span) -> tuple[int, int]:
    """The token range around the cue up to the nearest clause break on either side: a
    punctuation break, a coordinating conjunction ("sagte X und warnte Y") or, after the
    cue, another finite verb."""
    sent = cue.sent
    lo = cue.start
    while lo > sent.start and doc[lo - 1].text not in _CLAUSE_BREAK and doc[lo - 1].tag_ != "KON":
        lo -= 1
    hi = cue.end
    while hi < sent.end and doc[hi].text not in _CLAUSE_BREAK and doc[hi].tag_ != "KON" \
            and not doc[hi].tag_.endswith("FIN"):
        hi += 1
    return lo, hi
