"""Speech cues: the speech-verb lemma of a token.

Lemmas of separable verbs are the joined form (``ankündigen``, ``klarstellen``), as the
embedded tagger produces them; with an installed parser the particle (dependency label
``svp``) is joined too. The verb lists are data (``lang/de/data/speech_verbs.txt`` …).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import POS, TAG
from spacy.tokens import Doc, Token

from newskit.components.quotes.words import (
    HEISSEN,
    HEISSEN_FORMS,
    IMPERSONAL_ES,
    PARTICLE_WORDS,
    SPEECH_VERBS,
)
from newskit.nlp.doctext import token_lowers
from newskit.nlp.hanta import lemmatize, tag_word
from newskit.nlp.sentences import has_parse

# Tags of a participle or infinitive that a preceding particle word can join ("klar gemacht").
_NONFINITE = ("VVPP", "VVINF", "VVIZU")
# Marks after which a lower-case "adjective" may be a mistagged speech verb ("„…“ erklärte X").
_MISTAG_CONTEXT = ("“", "”", '"', "«", "»", ",")


_candidates: WeakKeyDictionary = WeakKeyDictionary()  # Doc -> (token count, indices)


def cue_candidates(doc: Doc) -> frozenset[int]:
    """Indices of the tokens :func:`cue_lemma` can name a cue for (verbs, adjectives that
    may be mistagged verbs, "heißt"/"hieß"): the others need no look at all. Built once per
    Doc from its arrays (no Token objects)."""
    hit = _candidates.get(doc)
    if hit is not None and hit[0] == len(doc):
        return hit[1]
    strings = doc.vocab.strings
    verb = strings["VERB"] if "VERB" in strings else -1
    keep: dict[int, bool] = {}
    out = set()
    lowers = token_lowers(doc)
    for i, (tag, pos) in enumerate(doc.to_array([TAG, POS]).tolist()):
        ok = keep.get(tag)
        if ok is None:
            name = strings[tag] if tag else ""
            ok = keep[tag] = name.startswith("VV") or name in ("ADJA", "ADJD")
        if ok or pos == verb or lowers[i] in HEISSEN_FORMS:
            out.add(i)
    found = frozenset(out)
    _candidates[doc] = (len(doc), found)
    return found


def cue_lemma(tok: Token) -> str | None:
    """Speech-verb lemma of ``tok`` (separable particles joined), or ``None``.

    >>> import newskit
    >>> doc = newskit.load_pipeline()("Das kündigte der Minister an.")
    >>> cue_lemma(doc[1])
    'ankündigen'
    """
    if tok.lower_ in HEISSEN_FORMS and tok.i + 1 < len(tok.doc) \
            and tok.doc[tok.i + 1].lower_ == IMPERSONAL_ES:
        return HEISSEN  # "In dem Bericht heißt es, dass …"
    if not (tok.tag_.startswith("VV") or tok.pos_ == "VERB"):
        return None if tok.tag_ not in ("ADJA", "ADJD") else _mistagged_verb(tok)
    lemma = _with_separated_particle(tok, tok.lemma_.lower())
    if tok.i > 0 and (tok.tag_ in _NONFINITE or _verb_final(tok)):
        prev = tok.doc[tok.i - 1]
        if prev.lower_ in PARTICLE_WORDS and prev.lower_ + lemma in SPEECH_VERBS:
            return prev.lower_ + lemma
    return lemma if lemma in SPEECH_VERBS else None


def _verb_final(tok: Token) -> bool:
    """A finite verb that closes its clause ("wie die Bank bekannt gab, …"): a particle
    word before it belongs to it."""
    doc = tok.doc
    return tok.tag_ == "VVFIN" and (tok.i + 1 == len(doc) or doc[tok.i + 1].is_punct)


def _with_separated_particle(tok: Token, lemma: str) -> str:
    """``lemma`` with the particles a parser attached to ``tok`` (label ``svp``) prefixed."""
    for child in tok.children if has_parse(tok.doc) else ():
        if child.dep_ == "svp":
            lemma = child.lower_ + lemma
    return lemma


def _mistagged_verb(tok: Token) -> str | None:
    """A speech verb the tagger took for an adjective after a quote ("„…“ erklärte X").

    Only a lower-case word right after a closing quotation mark or a comma, whose
    context-free best reading is a finite verb, is reconsidered.
    """
    if tok.i == 0 or not tok.text.islower():
        return None
    prev = tok.doc[tok.i - 1]
    if prev.text not in _MISTAG_CONTEXT:
        return None
    cands = tag_word(tok.text)
    if not cands or cands[0][0] != "VV(FIN)":
        return None
    lemma = lemmatize(tok.text, "VV(FIN)")[0].lower()
    return lemma if lemma in SPEECH_VERBS else None


def is_speech_verb(fin: Token, sent) -> bool:
    """The finite verb ``fin``, or with its particle at the end of ``sent`` ("streitet …
    ab"), is a speech verb."""
    if cue_lemma(fin) is not None:
        return True
    last = next((t for t in reversed(sent) if not t.is_punct), None)
    return last is not None and last.tag_ == "PTKVZ" \
        and last.lower_ + fin.lemma_.lower() in SPEECH_VERBS
