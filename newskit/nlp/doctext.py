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
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

_texts: WeakKeyDictionary = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = _texts.get(doc)
    if text is None:
        text = _texts[doc] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]`` sliced from the Doc's text (no Token objects)."""
    if not len(doc):
        return []
    text = doc_text(doc)
    cols = doc.to_array([IDX, LENGTH]).tolist()
    return [text[a : a + k] for a, k in cols]
