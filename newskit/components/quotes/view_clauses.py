"""Reports in a "wonach" clause after a noun of speech or opinion.

"Die Sichtweise von Innenminister X (CDU), wonach es „ein moderates Gesetz“ geben werde,
teilt Y nicht": the clause is what the noun's owner (X) holds, whoever shares or rejects it.
Used by :mod:`newskit.components.quotes.reports` when the sentence has no other report.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newskit.components.quotes.frames import Frame, Quote
from newskit.components.quotes.grammar import is_finite, np_forward
from newskit.components.quotes.words import (
    CLOSING_MARKS,
    GENITIVE_ARTICLES,
    OPENING_MARKS,
    SPEECH_NOUNS,
    VON,
    WONACH,
)
from newskit.lang import de

#: the noun stands at most this many tokens before the comma ("Die Sichtweise von
#: Innenminister Heribert Rech (CDU), wonach")
NOUN_WITHIN = 10
#: nouns of a view or a report that a "wonach" clause can spell out, besides speech nouns
VIEW_NOUNS = frozenset(["sichtweise", "meinung", "darstellung", "lesart", "theorie",
                        "informationen", "erkenntnisse", "einschätzungen", "angaben"])


def wonach_report(doc: Doc, sent: Span, toks: list[Token]) -> tuple[list[Quote], Frame] | None:
    """An indirect quote for "NOUN (von X | des X), wonach …" in ``sent`` (``toks``: its
    tokens not yet taken), spoken by the noun's owner, else by the noun phrase."""
    for tok in toks:
        if tok.lower_ != WONACH or tok.i - 2 < sent.start or doc[tok.i - 1].text != ",":
            continue
        noun = _view_noun_before(doc, sent, tok.i - 1)
        end = _clause_end(doc, sent, tok.i)
        if noun is None or end is None:
            continue
        speaker = _owner(doc, noun, tok.i - 1) or _noun_phrase(doc, sent, noun)
        frame = Frame(doc[noun.i : noun.i + 1], noun.lower_, speaker)
        last = doc[end]
        return [Quote.framed(tok.idx, last.idx + len(last), "indirect", frame)], frame
    return None


def _is_view_noun(tok: Token) -> bool:
    low = tok.lower_
    return tok.tag_ == "NN" and (low in SPEECH_NOUNS or low in VIEW_NOUNS or any(
        low.endswith(h) for h in de.ordered_list("source_noun_heads")))


def _view_noun_before(doc: Doc, sent: Span, comma: int) -> Token | None:
    """The speech or view noun whose phrase ends at ``comma``, or ``None``."""
    for j in range(comma - 1, max(sent.start, comma - 1 - NOUN_WITHIN) - 1, -1):
        t = doc[j]
        if t.text in (",", ";", ":") or is_finite(t):
            return None
        if _is_view_noun(t):
            return t
    return None


def _owner(doc: Doc, noun: Token, comma: int) -> Span | None:
    """"von X" or "des X" right after the noun, up to the comma (a party in parentheses
    after the name stays with it)."""
    k = noun.i + 1
    if k >= comma or not (doc[k].lower_ in VON or doc[k].lower_ in GENITIVE_ARTICLES):
        return None
    np = np_forward(doc, k + 1 if doc[k].lower_ in VON else k, comma)
    return np


def _noun_phrase(doc: Doc, sent: Span, noun: Token) -> Span:
    start = noun.i
    while start > sent.start and doc[start - 1].tag_ in ("ADJA", "ART", "PIAT", "PPOSAT"):
        start -= 1
    return doc[start : noun.i + 1]


def _clause_end(doc: Doc, sent: Span, wonach: int) -> int | None:
    """The last token of the "wonach" clause: before the comma that follows its finite verb
    (outside quotation marks), else the sentence's last word."""
    depth, seen_finite = 0, False
    last = None
    for j in range(wonach + 1, sent.end):
        t = doc[j]
        if t.text in OPENING_MARKS and depth == 0 and t.text not in CLOSING_MARKS:
            depth = 1
        elif t.text in CLOSING_MARKS and depth:
            depth = 0
        elif depth == 0 and t.text == "," and seen_finite and last is not None \
                and is_finite(doc[last]):
            return last
        if is_finite(t):
            seen_finite = True
        if not (t.is_punct or t.is_space):
            last = j
        elif t.text in CLOSING_MARKS:
            last = j
    if last is None or not seen_finite:
        return None
    while last > wonach and doc[last].is_punct and doc[last].text not in CLOSING_MARKS:
        last -= 1
    return last
