"""Evidence of a person's gender in German news, strongest first.

1. ``first_name`` — a first name with a known gender ("Annalena Baerbock"; names from
   ``lang/de/data/first_names.tsv``; names listed for both genders do not count);
2. ``role_noun`` — a feminine role noun bound to the person ("Außenministerin Annalena
   Baerbock", "die Sprecherin Maria Weber"), or a masculine one bound to a *named* person
   ("Innenminister Thomas de Maizière" — German news would write -in for a woman);
3. ``frau_herr`` — "Frau"/"Herr" or another gendered noun before the name;
4. ``pronoun`` — a singular "er"/"sie" that the speaker resolver linked to the person.

A grammatically masculine role noun alone ("ein Sprecher der Polizei", "der Pilot") does
not tell a gender: ``unknown`` with evidence ``generic_masculine``.

Example:
    >>> name_gender("Annalena"), name_gender("Andrea"), name_gender("Xyz")
    ('female', None, None)
    >>> noun_gender("Sprecherin"), noun_gender("Sprecher"), noun_gender("Frau")
    ('female', None, 'female')
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from newskit.lang import de

#: evidence kinds, strongest first
EVIDENCE_ORDER = ("first_name", "role_noun", "frau_herr", "pronoun")
GENERIC_MASCULINE = "generic_masculine"


class Gender(NamedTuple):
    """A gender (``female``/``male``/``unknown``) and the evidence that decided it."""

    gender: str
    evidence: str


UNKNOWN = Gender("unknown", "none")


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    return de.word_table("first_names")


@lru_cache(maxsize=1)
def gendered_nouns() -> dict[str, str]:
    """Nouns that name a gender outright: Frau, Herr, Mutter, König …"""
    return de.word_table("gendered_nouns")


def name_gender(first: str) -> str | None:
    """``female``/``male`` for a first name with one known gender, else ``None``."""
    g = _first_names().get(first) or _first_names().get(first.split("-")[0])
    return g if g in ("female", "male") else None


def noun_gender(word: str) -> str | None:
    """``female``/``male`` when a noun names the gender (Frau, Herr, Sprecherin); else None."""
    if word in gendered_nouns():
        return gendered_nouns()[word]
    if not word[:1].isupper() or word in de.word_list("feminine_person_exceptions"):
        return None
    head = word.rsplit("-", 1)[-1].lower()
    if head.endswith(tuple(de.ordered_list("feminine_person_endings"))):
        return "female"
    return None


def masculine_person_noun(word: str) -> bool:
    """A capitalised noun with a masculine person ending ("Heereskommandeur", "Journalist")."""
    if not word[:1].isupper() or word in gendered_nouns():
        return False
    head = word.rsplit("-", 1)[-1].lower()
    return head.endswith(tuple(de.ordered_list("masculine_person_endings")))


def decide(found: dict[str, set[str]]) -> Gender:
    """The gender the strongest evidence says; conflicting evidence of one kind is skipped.

    ``found`` maps an evidence kind to the genders it pointed to.

    >>> decide({"pronoun": {"female"}, "first_name": {"male"}})
    Gender(gender='male', evidence='first_name')
    >>> decide({GENERIC_MASCULINE: {"unknown"}})
    Gender(gender='unknown', evidence='generic_masculine')
    """
    for kind in EVIDENCE_ORDER:
        genders = found.get(kind, set())
        if len(genders) == 1:
            return Gender(next(iter(genders)), kind)
    if found.get(GENERIC_MASCULINE):
        return Gender("unknown", GENERIC_MASCULINE)
    return UNKNOWN
