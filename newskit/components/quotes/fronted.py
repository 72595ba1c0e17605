"""Word order: a Vorfeld that is the object, not the subject, of a speech verb.

German puts the object first when the subject is new: "Die praktische Anwendung … stellte
der SPD-Vorsitzende X in Frage", "Seine Zuversicht begründete Solana damit, …". Used by
:mod:`newskit.components.quotes.subjects`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newskit.components.entities import is_role_word
from newskit.components.quotes.grammar import PRONOUNS
from newskit.components.quotes.words import abstract_noun


def fronted_object(vorfeld: Span, fin: Token, sent: Span) -> bool:
    """Whether the Vorfeld is the object: it names no person, and after the verb come "der"
    + a masculine person noun (a nominative: "Die praktische Anwendung … stellte der
    SPD-Vorsitzende X in Frage"), or it is a thing (:func:`abstract_noun`) and a person's
    name follows the verb ("Jegliche Mitverantwortung wies Hartmann zurück")."""
    doc, j = fin.doc, fin.i + 1
    head = next((t for t in vorfeld if t.tag_ in ("NN", "NE") or t.tag_ in PRONOUNS), None)
    if head is not None and abstract_noun(head) and _person_follows(doc, j, sent.end):
        return True  # "Seine Zuversicht begründete Solana damit, …"
    if j >= sent.end or doc[j].lower_ != "der" or vorfeld[0].lower_ == "der":
        return False
    k = j + 1
    while k < sent.end and doc[k].tag_ == "ADJA":
        k += 1
    if k >= sent.end or doc[k].tag_ != "NN" or not is_role_word(doc[k]) \
            or doc[k].lower_.endswith("in"):
        return False
    return head is not None and head.tag_ == "NN" and not head.ent_type_ \
        and not is_role_word(head)  # its attributes may name persons: "… des Bundeskanzlers"


def _person_follows(doc: Doc, j: int, end: int) -> bool:
    """A person's name right after the verb, perhaps after "der"/"die", adjectives and up
    to two nouns of title or role ("Kapitän", "Stadträtin")."""
    nouns = 0
    while j < end and (doc[j].lower_ in ("der", "die") or doc[j].tag_ == "ADJA" or
                       doc[j].tag_ == "NN" and not doc[j].ent_type_ and nouns < 2):
        nouns += doc[j].tag_ == "NN"
        j += 1
    return j < end and doc[j].ent_type_ == "PER" and doc[j].ent_iob_ == "B"
