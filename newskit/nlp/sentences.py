"""Sentence boundaries for German news.

spaCy's German tokenizer already keeps abbreviations (``Dr.``, ``z.``, ``St.``)
and ordinals (``21.``, ``3.``) as single tokens, so a boundary is only placed
after a token that *is* final punctuation (``.``, ``!``, ``?``, ``…``). Closing
quotation marks and brackets that follow stay with the sentence they close; a
comma or a lower-case word after ``?"`` or ``!«`` continues the sentence
(``"Gut!", sagte er.``). Blank lines (paragraph breaks) always end a sentence.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc, Token

OPENING = {"„", "»", "‚", "“", "«", "(", "[", "‹"}
CLOSING = {"“", "”", "«", "‘", "’", ")", "]", "›", "»"}
FINAL = {".", "!", "?", "…", "?!", "!?", "!!", "??", "..."}
CONTINUES = {",", ";", ":", "-", "–", "—"}
_GROUPED_NUMBER_STOP = re.compile(r"^\d{1,3}(?:\.\d{3})+\.$")
_ORDINAL_BEFORE = {"der", "die", "das", "den", "dem", "des", "am", "im", "zum", "zur", "vom"}


def is_closing_quote(tok: Token) -> bool:
    """True when ``tok`` is a quotation mark or bracket glued to the word before it.

    Quote characters are ambiguous across styles („…“, “…”, »…«, «…», "…"), so
    the spacing decides: a mark that follows its word without a space closes.
    """
    if tok.text not in CLOSING and tok.text not in ('"', "'"):
        return False
    if tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return not before.whitespace_ and not before.is_space


@Language.factory("newskit_sentencizer", assigns=["token.is_sent_start", "doc.sents"])
def make_sentencizer(nlp: Language, name: str):
    """The ``newskit_sentencizer`` component (German news sentence rules, no settings)."""
    return newskit_sentencizer


def newskit_sentencizer(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token (see module docstring)."""
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            # paragraph or line break: next real token starts a sentence
            if i + 1 < n:
                starts[i + 1] = True
            i += 1
            continue
        if tok.text in FINAL or (tok.is_punct and tok.text[-1:] in "!?…" and len(tok.text) <= 3) \
                or _number_ends_sentence(doc, i):
            j = i + 1
            while j < n and (is_closing_quote(doc[j]) or doc[j].text in FINAL):
                j += 1
            if j < n:
                nxt = doc[j]
                if nxt.is_space:
                    j += 1
                    nxt = doc[j] if j < n else None
                if nxt is not None and nxt.text not in CONTINUES and not nxt.text[:1].islower():
                    starts[j] = True
            i = j
            continue
        i += 1
    set_sent_starts(doc, starts)
    return doc


def _number_ends_sentence(doc: Doc, i: int) -> bool:
    """"… waren es nur 5.000. Mexikos Innenminister …": a number with thousands groups and
    the sentence's full stop glued to it (the tokenizer keeps "5.000." as one token, as it
    keeps the ordinal "5."); not after an article ("der 5.000. Besucher")."""
    tok = doc[i]
    if not _GROUPED_NUMBER_STOP.match(tok.text) or i + 1 >= len(doc):
        return False
    before = doc[i - 1].lower_ if i else ""
    return before not in _ORDINAL_BEFORE and doc[i + 1].text[:1].isupper()


def set_sent_starts(doc: Doc, starts: list[bool]) -> None:
    """Mark every token as starting a sentence or not, in one pass.

    Equivalent to ``tok.is_sent_start = starts[i]`` for each token, but spaCy's
    setter rescans the whole Doc (``has_annotation("DEP")``) on every call, which
    made sentence splitting quadratic in the length of an article.
    """
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)
    values = numpy.where(numpy.asarray(starts, dtype=bool), 1, -1).astype(numpy.int64)
    doc.from_array([SENT_START], values.view(numpy.uint64))


def sentence_ids(doc: Doc) -> list[int]:
    """Sentence index of every token (one pass over ``doc.sents``, cached on the doc)."""
    key = ("newskit", "sent_ids", len(doc))
    ids = doc.user_data.get(key)
    if ids is None:
        ids = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                ids[i] = k
        doc.user_data[key] = ids
    return ids


def has_parse(doc: Doc) -> bool:
    """Whether ``doc`` carries a dependency parse, checked once per Doc (spaCy's
    ``has_annotation`` scans every token)."""
    key = ("newskit", "has_dep", len(doc))
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = doc.has_annotation("DEP")
    return found
