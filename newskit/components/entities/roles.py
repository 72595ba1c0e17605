"""Role nouns bound to persons: "US-Außenminister Antony Blinken" … "der US-Außenminister".

Example:
    >>> import spacy
    >>> is_role_word(spacy.blank("de")("US-Außenminister")[0])
    True
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Token

from newskit.lang import de
from newskit.lang.de.declension import readings

# words before a role head that do not modify it
_DETERMINER_TAGS = ("ART", "PPOSAT", "PDAT", "PIAT")
_MODIFIER_TAGS = ("ADJA", "NE")
_COLLEAGUE = ("kollege", "kollegin")
#: a role noun before ", Name" is at most this many tokens before the comma
MAX_ROLE_ATTRIBUTE = 7


class RoleBinding(NamedTuple):
    """A role noun bound to a person: ``("russ", "außenminister", "Sergej Lawrow", 12)``."""

    modifier: str | None
    head: str
    person: str
    start_char: int


@lru_cache(maxsize=1)
def role_heads() -> tuple[str, ...]:
    """Head nouns that make a word a role (``lang/de/data/role_heads.txt``)."""
    return tuple(sorted(de.word_list("role_heads")))


def is_role_word(token: Token) -> bool:
    """True for a capitalised noun naming an office or role ("Außenminister", "US-Kollege")."""
    if not token.text[:1].isupper():
        return False
    heads = role_heads()
    head = token.lower_.rsplit("-", 1)[-1]
    return any(h.endswith(heads) for h in (head, head[:-1], head[:-2]) if len(h) > 3)


def modifier_key(word: str) -> str:
    """Country/organisation modifier reduced to a comparable key.

    "US", "US-amerikanisch" → "us"; "russischen", "Russlands" → "russ". The
    first four letters are enough to tell the usual nationality adjectives and
    country names apart and to match one with the other.

    >>> modifier_key("Russlands"), modifier_key("russischen")
    ('russ', 'russ')
    """
    w = word.lower().strip("-")
    return w[:4] if len(w) > 2 else w


def strip_genitive(word: str) -> str:
    """'Russlands' → 'Russland', 'Lawrows' → 'Lawrow'; leaves 'USA', 'Paris', 'Bass' alone.

    >>> [strip_genitive(w) for w in ("Russlands", "Paris", "Bass", "USA")]
    ['Russland', 'Paris', 'Bass', 'USA']
    """
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as", "x")) \
            and word[:-1][-1:].islower():
        return word[:-1]
    if word.endswith("'"):
        return word[:-1]
    return word


def _normalise_head(head: str) -> str:
    singular = [r.nominative.lower() for r in readings(head[:1].upper() + head[1:])
                if not r.plural]
    if singular:
        head = singular[0]  # "präsidenten" -> "präsident"
    heads = role_heads()
    for suffix in ("s", "n"):  # Außenministers, Kollegen
        if head.endswith(suffix) and head[: -len(suffix)].endswith(heads) \
                and not head.endswith(heads):
            head = head[: -len(suffix)]
    return head[4:] if head.startswith("amts") else head


def split_role(tokens: list[Token]) -> tuple[str | None, str] | None:
    """``(modifier key, head)`` of a role mention, or ``None`` if it is not one.

    "der US-Außenminister" → ("us", "außenminister"); "Russlands Außenminister"
    → ("russ", "außenminister"); "sein Kollege" → (None, "kollege").
    """
    words = [t for t in tokens if t.tag_ not in _DETERMINER_TAGS
             and t.pos_ not in ("DET", "PUNCT")]
    if not words or not is_role_word(words[-1]):
        return None
    prefix, _, head = words[-1].text.rpartition("-")
    mod = modifier_key(prefix) if prefix else None
    for t in words[:-1]:
        if t.tag_ in _MODIFIER_TAGS or t.pos_ in ("ADJ", "PROPN"):
            mod = modifier_key(strip_genitive(t.text) if t.tag_ == "NE" else t.text)
    return mod, _normalise_head(head.lower())


def _colleague_bindings(ent, start: int, mod: str | None, person: str) -> list[RoleBinding]:
    """"sein US-Kollege X" next to "dem russischen Außenminister": the same office."""
    out = []
    for tok in ent.sent:
        if tok.i < start and is_role_word(tok):
            other = split_role([tok])
            if other and other[1] not in _COLLEAGUE:
                out.append(RoleBinding(mod, other[1], person, ent.doc[start].idx))
    return out


def _role_phrase_after(doc: Doc, ent) -> list[Token] | None:
    """", die Anwältin der Frau": a role phrase set off by a comma after a person."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    j = ent.end + 1
    while j < min(len(doc), ent.end + 6) and (doc[j].tag_ in _DETERMINER_TAGS
                                               or doc[j].tag_ in _MODIFIER_TAGS):
        j += 1
    if j < len(doc) and doc[j].tag_ == "NN" and is_role_word(doc[j]):
        return list(doc[ent.end + 1: j + 1])
    return None


def _role_phrase_before(doc: Doc, ent) -> list[Token] | None:
    """"Der Geschäftsführer der Firma, Gerd Bruckschen": a role phrase before the comma,
    with no other person in between."""
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return None
    for k in range(ent.start - 2, max(-1, ent.start - 2 - MAX_ROLE_ATTRIBUTE), -1):
        tok = doc[k]
        if tok.ent_type_ == "PER" or tok.is_punct or tok.pos_ in ("VERB", "AUX") \
                or tok.is_sent_start and not is_role_word(tok):
            return None
        if tok.tag_ == "NN" and is_role_word(tok):
            i = k
            while i > 0 and doc[i - 1].tag_ in _MODIFIER_TAGS and not doc[i - 1].is_punct:
                i -= 1
            return list(doc[i: k + 1])
    return None


def find_roles(doc: Doc) -> list[RoleBinding]:
    """Bind role nouns to persons via appositions, in text order.

    "Russlands Außenminister Sergej Lawrow" gives ("russ", "außenminister",
    "Sergej Lawrow", …). "sein US-Kollege Antony Blinken" in a sentence that
    names another person's role ("Außenminister") also binds that role with
    the new modifier: ("us", "außenminister", "Antony Blinken", …).
    """
    bindings: list[RoleBinding] = []
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        for apposed in (_role_phrase_after(doc, ent), _role_phrase_before(doc, ent)):
            role = split_role(apposed) if apposed else None
            if role is not None:
                bindings.append(RoleBinding(*role, ent._.nk_canonical or ent.text,
                                            apposed[0].idx))
        if ent.start == 0 or not is_role_word(doc[ent.start - 1]):
            continue
        j = i = ent.start - 1
        while i > 0 and doc[i - 1].tag_ in _MODIFIER_TAGS and not doc[i - 1].is_punct:
            i -= 1
        role = split_role(list(doc[i : j + 1]))
        if role is None:
            continue
        person = ent._.nk_canonical or ent.text
        mod, head = role
        bindings.append(RoleBinding(mod, head, person, doc[i].idx))
        if head in _COLLEAGUE:
            bindings.extend(_colleague_bindings(ent, i, mod, person))
    return bindings


def is_nationality_adjective(tok: Token) -> bool:
    """"deutsche", "russischen", "britischer": an adjective of a country (by its ending)."""
    return tok.lower_.rstrip("nmrs").endswith(("isch", "ische", "sche"))


def _places_the_role(tokens: list[Token]) -> bool:
    """"der deutsche Außenminister", "Russlands Außenminister", "der US-Außenminister": a
    country or nationality that sets this office apart from another country's."""
    return any(t.tag_ == "NE" or "-" in t.text or is_nationality_adjective(t) for t in tokens)


def resolve_role(doc: Doc, tokens: list[Token]) -> str | None:
    """The person a role mention ("der US-Außenminister") is bound to, if any.

    A mention with a modifier needs a binding with the same modifier; a bare
    one ("der Außenminister") resolves only when the head is bound to one
    person in the article.
    """
    role = split_role(tokens)
    if role is None:
        return None
    mod, head = role
    bindings = doc._.nk_roles or []
    people = {b[2] for b in bindings if (b[1] == head or mod is None and b[1].endswith(head))
              and (mod is None or b[0] == mod)}
    if not people and mod is not None:  # "der grüne Staatssekretär": the one bound without
        people = {b[2] for b in bindings if b[1] == head and b[0] is None}  # a modifier
    if not people and mod is not None and not _places_the_role(tokens):
        # "der grüne Staatssekretär" → the only "Verbraucher-Staatssekretär" of the article
        people = {b[2] for b in bindings if b[1] == head}
    return next(iter(people)) if len(people) == 1 else None
