"""Small German morphology helpers (no model, string rules only)."""

from __future__ import annotations

_UMLAUT_FREE = str.maketrans("äöü", "aou")
# endings a noun form can add to its lemma (Schuss/Schüssen, Kind/Kindern, Name/Namens)
NOUN_ENDINGS = frozenset({"", "e", "en", "n", "s", "es", "er", "ern", "r", "nen", "ns"})
# foreign singular endings that change in the plural: Risiko/Risiken, Virus/Viren, Museum/Museen
FOREIGN_ENDINGS = ("um", "us", "on", "is", "a", "o")


def can_inflect_noun(form: str, lemma: str) -> bool:
    """Whether ``form`` can be an inflected form of the noun ``lemma``.

    >>> can_inflect_noun("schüssen", "schuss"), can_inflect_noun("nota", "not")
    (True, False)
    """
    f, lem = form.translate(_UMLAUT_FREE), lemma.translate(_UMLAUT_FREE)
    if f.startswith(lem) and f[len(lem):] in NOUN_ENDINGS:
        return True
    for ending in FOREIGN_ENDINGS:
        if lem.endswith(ending) and f in (lem[:-len(ending)] + "en", lem[:-len(ending)] + "a"):
            return True
    return False


def first_part_stems(mod: str) -> list[str]:
    """A compound's first part with and without a linking element (-s, -n, -es, -en, -e lost).

    >>> first_part_stems("kriegs")
    ['kriegs', 'krieg', 'kriegse']
    """
    cands = [mod]
    if mod.endswith(("s", "n")):
        cands.append(mod[:-1])
    if mod.endswith(("es", "en")):
        cands.append(mod[:-2])
    cands.append(mod + "e")
    return cands
