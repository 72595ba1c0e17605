"""A Doc's text and token strings, built once per Doc.

spaCy's ``Doc.text`` joins every token's ``text_with_ws`` on each call: on a
2 MB article that is a second or more, and several components need the text.
A Doc's text never changes (retokenizing merges or splits tokens but keeps the
characters), so it is kept here for as long as the Doc lives (a weak reference:
nothing outlives its Doc).

>>> import spacy
>>> doc = spacy.blank("de")("Er kam.  Gut")
>>> doc_text(doc) == doc.text
True
>>> token_texts(doc)
['Er', 'kam', '.', ' ', 'Gut']
>>> token_lowers(doc)[0]
'er'
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

_texts: WeakKeyDictionary = WeakKeyDictionary()
_tokens: WeakKeyDictionary = WeakKeyDictionary()  # Doc -> (token count, texts, lowers)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = _texts.get(doc)
    if text is None:
        text = _texts[doc] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]`` sliced from the Doc's text (no Token objects), built once
    per Doc (again if its token count changed). Shared: do not modify the list."""
    return _token_strings(doc)[1]


def token_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, built once per Doc like :func:`token_texts`."""
    return _token_strings(doc)[2]


def _token_strings(doc: Doc) -> tuple[int, list[str], list[str]]:
    n = len(doc)
    hit = _tokens.get(doc)
    if hit is None or hit[0] != n:
        if n:
            text = doc_text(doc)
            cols = doc.to_array([IDX, LENGTH]).tolist()
            texts = [text[a : a + k] for a, k in cols]
        else:
            texts = []
        hit = _tokens[doc] = (n, texts, [w.lower() for w in texts])
    return hit
