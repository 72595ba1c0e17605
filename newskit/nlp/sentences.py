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
from functools import lru_cache

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START, SPACY
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskit.nlp.doctext import token_texts

OPENING = {"„", "»", "‚", "“", "«", "(", "[", "‹"}
CLOSING = {"“", "”", "«", "‘", "’", ")", "]", "›", "»"}
FINAL = {".", "!", "?", "…", "?!", "!?", "!!", "??", "..."}
CONTINUES = {",", ";", ":", "-", "–", "—"}
_GROUPED_NUMBER_STOP = re.compile(r"^\d{1,3}(?:\.\d{3})+\.$")
_NUMBER_STOP = re.compile(r"^(?:[^\W\d_]\w*-)?(\d+)\.$")  # "2006.", "17.", "MI-17."
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
    """Set ``is_sent_start`` on every token (see module docstring).

    Works on plain lists of the token texts and flags (a ``Token`` object per look-up
    cost more than the rules themselves)."""
    n = len(doc)
    if n == 0:
        return doc
    words = token_texts(doc)
    flags = doc.to_array([IS_SPACE, IS_PUNCT, SPACY]).tolist()
    starts = [False] * n
    starts[0] = True

    def closing(j: int) -> bool:  # is_closing_quote(doc[j])
        w = words[j]
        if w not in CLOSING and w not in ('"', "'"):
            return False
        return j > 0 and not flags[j - 1][2] and not flags[j - 1][0]

    i = 0
    while i < n:
        w = words[i]
        space, punct = flags[i][0], flags[i][1]
        if space and "\n" in w:
            # paragraph or line break: next real token starts a sentence
            if i + 1 < n:
                starts[i + 1] = True
            i += 1
            continue
        if w in FINAL or (punct and w[-1:] in "!?…" and len(w) <= 3) \
                or (w[-1:] == "." and w[-2:-1].isdigit() and _number_ends_sentence(doc, i)):
            j = i + 1
            while j < n and (closing(j) or words[j] in FINAL):
                j += 1
            if j < n:
                if flags[j][0]:
                    j += 1
                if j < n and words[j] not in CONTINUES and not words[j][:1].islower():
                    starts[j] = True
            i = j
            continue
        i += 1
    set_sent_starts(doc, starts)
    return doc


def _number_ends_sentence(doc: Doc, i: int) -> bool:
    """A number with the sentence's full stop glued to it (the tokenizer keeps "5.000." and
    "2006." as one token, as it keeps the ordinal "5."), followed by a capitalised word:
    "… waren es nur 5.000. Mexikos …" (thousands groups), "… im Jahr 2006. Experten …" (a
    year, unless a month follows), "… Platz 3. Der Sieger …", "… vom Typ MI-17. Der …" (a
    function word follows, ``sentence_start_words.txt``: an ordinal takes a noun); never
    after an article or "am"/"im" ("der 5.000. Besucher", "am 3. Oktober")."""
    tok = doc[i]
    if i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
        return False
    before = doc[i - 1].lower_ if i else ""
    if before in _ORDINAL_BEFORE:
        return False
    if _GROUPED_NUMBER_STOP.match(tok.text):
        return True
    m = _NUMBER_STOP.match(tok.text)
    if m is None:
        return False
    nxt = doc[i + 1].lower_
    if nxt in _sentence_start_words():
        return True
    return 1000 <= int(m.group(1)) <= 2100 and nxt not in _months()


@lru_cache(maxsize=1)
def _sentence_start_words() -> frozenset[str]:
    from newskit.lang import de

    return frozenset(de.word_list("sentence_start_words"))


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset("januar jänner februar märz april mai juni juli august september oktober "
                     "november dezember".split())


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


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(sent.start, sent.end)`` of each sentence of ``doc.sents``, read from one array
    (no Span objects; ``doc.sents`` itself when a ``sents`` hook is set).

    >>> import spacy
    >>> nlp = spacy.blank("de"); nlp.add_pipe("newskit_sentencizer")  # doctest: +ELLIPSIS
    <function ...>
    >>> sentence_bounds(nlp("Er kam. Sie ging."))
    [(0, 3), (3, 6)]
    """
    n = len(doc)
    if n <= 1 or "sents" in doc.user_hooks:
        return [(s.start, s.end) for s in doc.sents]
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    if not starts[1:].any():  # no boundaries at all: as doc.sents
        raise ValueError(Errors.E030)
    cuts = (numpy.flatnonzero(starts[1:] == 1) + 1).tolist()
    return list(zip([0, *cuts], [*cuts, n]))


def sentence_spans(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built from :func:`sentence_bounds` (``doc.sents`` makes a
    ``Token`` object for every token to find the boundaries).

    >>> import spacy
    >>> nlp = spacy.blank("de"); nlp.add_pipe("newskit_sentencizer")  # doctest: +ELLIPSIS
    <function ...>
    >>> [s.text for s in sentence_spans(nlp("Er kam. Sie ging."))]
    ['Er kam.', 'Sie ging.']
    """
    return [doc[s:e] for s, e in sentence_bounds(doc)]


def sentence_ids(doc: Doc) -> list[int]:
    """Sentence index of every token (from :func:`sentence_bounds`, cached on the doc)."""
    key = ("newskit", "sent_ids", len(doc))
    ids = doc.user_data.get(key)
    if ids is None:
        ids = []
        for k, (start, end) in enumerate(sentence_bounds(doc)):
            ids.extend([k] * (end - start))
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
