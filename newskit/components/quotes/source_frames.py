"""Source phrases that frame a report: "laut X", "X zufolge", "nach Angaben X", "für X",
"Demnach".

:func:`first_source_frame` finds the first such phrase of a sentence and returns it with its
:class:`~newskit.components.quotes.frames.Frame` (the frame word as cue, the source as
speaker mention). Used by :mod:`newskit.components.quotes.reports`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span, Token

from newskit.components.entities import is_role_word
from newskit.components.quotes.frames import Frame
from newskit.components.quotes.grammar import (
    NP_ANY,
    NP_DET,
    is_finite,
    is_konj1,
    is_np,
    main_finite,
    names_a_time,
    np_forward,
)
from newskit.components.quotes.words import (
    CLOSING_MARKS,
    DEMNACH,
    FUER,
    GEMAESS,
    LAUT,
    NACH,
    NP_COORDINATORS,
    OPENING_MARKS,
    SOURCE_NOUNS,
    VON,
    ZUFOLGE,
)
from newskit.nlp.doctext import token_lowers

# "laut einer am Dienstag veröffentlichten Mitteilung": attribute words before the participle
PARTICIPLE_ATTRIBUTE_MAX = 8
# "laut der Organisation „Reporter ohne Grenzen“": a quoted name of at most this many tokens
QUOTED_NAME_MAX = 6
# the source noun of "nach einem Bericht" is among the first tokens of the phrase
SOURCE_NOUN_WITHIN = 4
SOURCE_NOUN_TAILS = ("angaben", "bericht", "berichten", "mitteilung", "meldung", "meldungen",
                     "erklärung", "aussagen", "informationen", "studie", "studien",
                     "stellungnahme", "meinung", "ergebnis", "vernehmen")
# "nach anderen Angaben", "meiner Meinung nach": no source of the sentence's report
NOT_A_SOURCE_ATTRIBUTE = ("anderen", "anderer", "meiner", "unserer", "deiner", "eurer",
                          "dessen", "deren")


@dataclass(frozen=True)
class SourceFrame:
    """A source phrase ("laut der Polizei", "dem Bericht zufolge") and its frame."""

    span: Span
    frame: Frame


def _source(doc: Doc, tok: Token, np: Span) -> SourceFrame:
    """The source phrase from the preposition ``tok`` to the end of ``np``; the lemma is ``tok``."""
    return SourceFrame(doc[tok.i : np.end], Frame(doc[tok.i : tok.i + 1], tok.lower_, np))


def _attributed_np(doc: Doc, i: int, end: int) -> Span | None:
    """A noun phrase, also with a participle attribute: "einer am Dienstag veröffentlichten
    Mitteilung des WFP"."""
    np = np_forward(doc, i, end)
    if np is not None:
        return _with_name_after(doc, np, end)
    if i >= end or doc[i].tag_ not in NP_DET:
        return np
    for k in range(i + 1, min(end - 1, i + PARTICIPLE_ATTRIBUTE_MAX)):
        if doc[k].is_punct or is_finite(doc[k]):
            return None
        if doc[k].tag_ == "ADJA" and doc[k + 1].tag_ in ("NN", "ADJA"):
            head = np_forward(doc, k, end)
            return doc[i : head.end] if head is not None else None
    return None


def _with_name_after(doc: Doc, np: Span, end: int) -> Span:
    """``np`` with a quoted name and an acronym in parentheses after it: "der Organisation
    „Reporter ohne Grenzen“ (ROG)", "der Berliner Verkehrsbetriebe (BVG)"."""
    k = np.end
    if k < end and doc[k].text in OPENING_MARKS and np[-1].tag_ == "NN":
        close = next((j for j in range(k + 1, min(end, k + 2 + QUOTED_NAME_MAX))
                      if doc[j].text in CLOSING_MARKS), None)
        if close is not None and close > k + 1 and doc[k + 1].text[:1].isupper() \
                and not any(is_finite(doc[j]) for j in range(k + 1, close)):
            k = close + 1
    if k + 2 < end and doc[k].text == "(" and doc[k + 2].text == ")" \
            and doc[k + 1].text.isalpha() and sum(c.isupper() for c in doc[k + 1].text) >= 2:
        k += 3
    return np if k == np.end else doc[np.start : k]


def _is_source_noun(tok: Token) -> bool:
    low = tok.lower_
    return low in SOURCE_NOUNS or (tok.tag_ == "NN" and low.endswith(SOURCE_NOUN_TAILS))


def _laut(doc: Doc, sent: Span, tok: Token, blocked: set[int]) -> SourceFrame | None:
    """"laut X"."""
    if not (tok.tag_ in ("APPR", "APPO", "ADP")
            or tok.i + 1 < sent.end and doc[tok.i + 1].text[:1].isupper()):
        return None
    np = _attributed_np(doc, tok.i + 1, sent.end)
    return _source(doc, tok, np) if np is not None else None


def _nach_angaben(doc: Doc, sent: Span, tok: Token, blocked: set[int]) -> SourceFrame | None:
    """"nach Angaben der Polizei", "nach eigenen Angaben", "nach einem Fernsehbericht des
    Senders", "nach Angaben von X", "gemäß einem Sprecher", "seiner Meinung nach"."""
    if tok.lower_ != GEMAESS and tok.i > sent.start and _is_source_noun(doc[tok.i - 1]):
        return _postposed_nach(doc, sent, tok)
    if tok.i + 1 >= sent.end:
        return None
    np = _attributed_np(doc, tok.i + 1, sent.end)
    if np is None or np[0].lower_ in NOT_A_SOURCE_ATTRIBUTE or not (tok.lower_ == GEMAESS or any(
            _is_source_noun(t) for t in np[: SOURCE_NOUN_WITHIN])):
        return None
    if np is None:
        return None
    if np.end < sent.end and (doc[np.end].lower_ in VON or doc[np.end].lower_ == "aus") \
            and np.end + 1 < sent.end:  # "nach Informationen aus Regierungskreisen"
        np2 = np_forward(doc, np.end + 1, sent.end)
        if np2 is not None and not (doc[np.end].lower_ == "aus" and names_a_time(np2)):
            np = doc[np.start : np2.end]
    return _source(doc, tok, np)


def _postposed_nach(doc: Doc, sent: Span, tok: Token) -> SourceFrame | None:
    """"Seiner Meinung nach …": a possessive and a source noun before "nach"."""
    j = tok.i - 1
    if j - 1 >= sent.start and doc[j - 1].lower_ == "dem" and doc[j].lower_ == "vernehmen":
        pass  # "Dem Vernehmen nach": hearsay, no source named
    elif j - 1 < sent.start or doc[j - 1].tag_ not in ("PPOSAT", "ADJA") \
            or doc[j - 1].lower_ in NOT_A_SOURCE_ATTRIBUTE \
            or (doc[j - 1].text == "Ihrer" and j - 1 > sent.start):  # "Ihrer Meinung nach?"
        return None
    np = doc[j - 1 : tok.i]
    return SourceFrame(doc[j - 1 : tok.i + 1], Frame(doc[tok.i : tok.i + 1], tok.lower_, np))


def _fuer(doc: Doc, sent: Span, tok: Token, blocked: set[int]) -> SourceFrame | None:
    """"Für den Theologen Hans Küng sei der Rücktritt verständlich"."""
    if not (tok.i == sent.start and tok.i + 1 < sent.end):
        return None
    np = np_forward(doc, tok.i + 1, sent.end)
    fin = main_finite(sent, blocked)
    if np is not None and fin is not None and is_konj1(fin) and any(
            t.tag_ in ("NE",) or t.ent_type_ == "PER" or is_role_word(t) for t in np):
        return _source(doc, tok, np)
    return None


def _demnach(doc: Doc, sent: Span, tok: Token, blocked: set[int]) -> SourceFrame | None:
    """"Demnach …" at the start of a sentence: the word itself stands for the source."""
    if tok.i != sent.start:
        return None
    word = doc[tok.i : tok.i + 1]
    return SourceFrame(word, Frame(word, DEMNACH, word))


def _zufolge(doc: Doc, sent: Span, tok: Token, blocked: set[int]) -> SourceFrame | None:
    """"X zufolge"."""
    if tok.i <= sent.start:
        return None
    j = _np_start(doc, sent, tok.i - 1)
    np = doc[j : tok.i]
    if not (len(np) and is_np(np)):
        return None
    if j - 2 >= sent.start and (doc[j - 1].lower_ in VON or doc[j - 1].lower_ == "aus") \
            and doc[j - 2].tag_ == "NN":  # "Angaben aus dem Ministerium zufolge" too
        i = _np_start(doc, sent, j - 2)  # "Angaben des … Instituts von Athen zufolge"
        if is_np(doc[i : j - 1]):
            np, j = doc[i : tok.i], i
    k = j - 1  # "Berichten der Sender Sky News und BBC zufolge": both conjuncts
    if k > sent.start and doc[k].lower_ in NP_COORDINATORS and doc[k].tag_ == "KON":
        i = _np_start(doc, sent, k)
        if i < k and is_np(doc[i:k]):
            np = doc[i : tok.i]
            j = i
    return SourceFrame(doc[j : tok.i + 1], Frame(doc[tok.i : tok.i + 1], ZUFOLGE, np))


def _np_start(doc: Doc, sent: Span, i: int) -> int:
    """Where the noun phrase that ends before token ``i`` (or holds it) starts."""
    while i > sent.start and doc[i - 1].tag_ in NP_ANY:
        i -= 1
    return i


SourceRule = Callable[[Doc, Span, Token, set[int]], SourceFrame | None]
SOURCE_RULES: dict[str, SourceRule] = {
    LAUT: _laut, NACH: _nach_angaben, GEMAESS: _nach_angaben, FUER: _fuer,
    DEMNACH: _demnach, ZUFOLGE: _zufolge,
}


def first_source_frame(doc: Doc, sent: Span, blocked: set[int]) -> SourceFrame | None:
    """The first "laut X", "X zufolge", "nach Angaben X" … of ``sent``."""
    lowers = token_lowers(doc)
    for i in range(sent.start, sent.end):
        rule = SOURCE_RULES.get(lowers[i])
        if rule is None or i in blocked:
            continue
        found = rule(doc, sent, doc[i], blocked)
        if found is not None:
            return found
    return None


# ----------------------------------------------------------------- complements
