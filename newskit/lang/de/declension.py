"""Noun phrases in the nominative: "des Roten Kreuzes" → "Rotes Kreuz".

A name for a referent should not depend on the case it was mentioned in: "nach Angaben von
Kritikern", "die Vereinten Nationen", "das norwegische Nobelkomitee" name "Kritiker",
"Vereinte Nationen", "norwegisches Nobelkomitee". The noun's gender, number and nominative
come from ``german-nouns`` (every inflected form of ~100,000 nouns; a compound takes its
last known part: "Marktbeobachtern" → "Marktbeobachter"); the article in front says which
reading is meant; adjectives before the noun take the ending they have without an article
(strong declension: "-er" masculine, "-e" feminine and plural, "-es" neuter).

Example:
    >>> strong_adjective("Roten", "n", False), strong_adjective("statistischen", "f", True)
    ('Rotes', 'statistische')
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import NamedTuple

from newskit.lang.de.derived import derived_table, source_file

FORMAT = 2  # 2: stored as form<TAB>readings lines
GENERA = ("m", "f", "n")
#: a compound's last part must be at least this long to lend its declension
MIN_PART = 3
# which readings (genus, plural) an article allows in front of a noun
_ARTICLE_READINGS: dict[str, tuple[tuple[str, bool], ...]] = {
    "der": (("m", False), ("f", False), ("m", True), ("f", True), ("n", True)),
    "die": (("f", False), ("m", True), ("f", True), ("n", True)),
    "das": (("n", False),),
    "des": (("m", False), ("n", False)),
    "dem": (("m", False), ("n", False)),
    "den": (("m", False), ("m", True), ("f", True), ("n", True)),
    "ein": (("m", False), ("n", False)),
    "eines": (("m", False), ("n", False)),
    "einem": (("m", False), ("n", False)),
    "einen": (("m", False),),
    "eine": (("f", False),),
    "einer": (("f", False),),
}
_ADJ_ENDINGS = ("en", "em", "er", "es", "e")
#: articles that go with a masculine singular noun only in the nominative
_NOMINATIVE_ONLY_MASCULINE = frozenset(["der", "ein"])
# stems that are adjectives, not places: "Süddeutsch-er", "Statistisch-er", "Königlich-er"
_ADJ_SUFFIXES = ("isch", "sch", "ig", "lich", "bar", "sam", "haft", "los", "voll", "al", "ell",
                 "iv", "är", "ös")
_STRONG = {("m", False): "er", ("f", False): "e", ("n", False): "es"}


class Reading(NamedTuple):
    """One reading of a noun form: gender, number and the nominative of that number."""

    genus: str
    plural: bool
    nominative: str


def _columns(header: list[str]) -> tuple[list[int], list[int]]:
    cases = ("nominativ", "genitiv", "dativ", "akkusativ")
    singular = [i for i, h in enumerate(header) if h.split(" ")[0] in cases and " singular" in h]
    plural = [i for i, h in enumerate(header) if h.split(" ")[0] in cases and " plural" in h]
    return singular, plural


def build() -> dict[str, str]:
    """Parse ``german_nouns/nouns.csv`` into form → readings ``"ms Kreuz;mp Kreuze"``."""
    readings: dict[str, set[str]] = {}
    with source_file("german-nouns", "nouns.csv").open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        genus_i, pos_i = header.index("genus"), header.index("pos")
        nom_sg, nom_pl = header.index("nominativ singular"), header.index("nominativ plural")
        singular, plural = _columns(header)
        for row in reader:
            if row[genus_i] not in GENERA or "Substantiv" not in row[pos_i]:
                continue
            for cols, number, nominative in ((singular, "s", row[nom_sg] or row[0]),
                                             (plural, "p", row[nom_pl])):
                for i in cols:
                    form = row[i] if i < len(row) else ""
                    if form and nominative and " " not in form:
                        readings.setdefault(form, set()).add(f"{row[genus_i]}{number} {nominative}")
    return {form: ";".join(sorted(r)) for form, r in readings.items()}


def _check(table: object) -> dict[str, str]:
    """Shape check on reading (a reading that does not parse is skipped in :func:`_parse`)."""
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ValueError("not a mapping of strings")
    return table


@lru_cache(maxsize=1)
def declension_table() -> dict[str, str]:
    """Noun form → its readings (empty when ``german-nouns`` is not installed)."""
    return derived_table("german-nouns", "nouns.csv", "german-declension", FORMAT,
                         lambda: build(), _check)


def _parse(value: str, prefix: str = "") -> list[Reading]:
    out = []
    for r in value.split(";"):
        if r[:1] not in GENERA or r[1:3] not in ("s ", "p ") or len(r) < 4:
            continue  # a damaged entry names nothing
        nom = r[3:]
        if prefix:
            nom = prefix + (nom if prefix.endswith("-") else nom[:1].lower() + nom[1:])
        out.append(Reading(r[0], r[1] == "p", nom))
    return out


def readings(word: str) -> list[Reading]:
    """All readings of a noun form; a compound unknown as a whole takes its last part's.

    >>> [tuple(r) for r in readings("Marktbeobachtern")]
    [('m', True, 'Marktbeobachter')]
    """
    table = declension_table()
    if word in table:
        return _parse(table[word])
    for k in range(1, len(word) - MIN_PART + 1):
        part = word[k:]
        value = table.get(part[:1].upper() + part[1:])
        if value is not None and (word[k - 1] == "-" or part[:1].islower()):
            return _parse(value, word[:k])
    return []


def choose(options: list[Reading], article: str | None, word: str = "") -> Reading | None:
    """The reading an article allows (singular first); without one, a form that can be
    singular or plural ("Beobachter") is taken as plural, as bare plurals name groups.
    Among equals, a reading in which ``word`` is already the nominative wins ("Fonds" is
    the fund, not the genitive of "Fond")."""
    if article is not None:
        allowed = _ARTICLE_READINGS.get(article.lower())
        if allowed is not None:
            options = [r for r in options if (r.genus, r.plural) in allowed]
        if article.lower() in _NOMINATIVE_ONLY_MASCULINE:  # "der Verkehrsbetriebe": no
            options = [r for r in options  # singular "Verkehrsbetrieb" in an old dative
                       if not (r.genus == "m" and not r.plural and r.nominative != word)]
        options = sorted(options, key=lambda r: (r.plural, r.nominative != word))
    else:
        options = sorted(options, key=lambda r: (not r.plural, r.nominative != word))
    return options[0] if options else None


def strong_adjective(word: str, genus: str, plural: bool) -> str:
    """An attributive adjective with the ending it takes without an article.

    Capitalised forms in -er ("Berliner", "Schweizer") do not inflect and stay as written;
    a capitalised adjective of a name does ("laut Süddeutscher Zeitung").

    >>> strong_adjective("Süddeutscher", "f", False), strong_adjective("Wiener", "f", True)
    ('Süddeutsche', 'Wiener')
    """
    if word[:1].isupper() and word.endswith("er") and not word[:-2].endswith(_ADJ_SUFFIXES):
        return word
    for ending in _ADJ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            return stem + ("e" if plural else _STRONG[(genus, False)])
    return word


def nominative(words: list[str], tags: list[str], article: str | None = None) -> list[str]:
    """Adjectives and head noun of a phrase in the nominative; the rest as written.

    ``words``/``tags`` (STTS) start after the article; ``article`` is the one in front, if
    any. The head is the first noun after the adjectives; a head the noun list does not
    know leaves the phrase unchanged.

    >>> nominative(["Roten", "Kreuzes"], ["ADJA", "NN"], "des")
    ['Rotes', 'Kreuz']
    >>> nominative(["Vereinten", "Nationen"], ["ADJA", "NN"], "die")
    ['Vereinte', 'Nationen']
    """
    k = 0
    while k < len(words) and (tags[k] == "ADJA" or k and tags[k] == "KON" and tags[k - 1] ==
                              "ADJA" and k + 1 < len(words) and tags[k + 1] == "ADJA"):
        k += 1  # "afghanischen und ausländischen Soldaten": coordinated adjectives too
    if k >= len(words) or tags[k] not in ("NN", "NE") or not words[k][:1].isupper():
        return list(words)  # "heise online": a lower-case name is no noun to decline
    options = readings(words[k])
    if k and article is not None and words[0].endswith("en"):
        # a weak "-en" adjective after "der"/"die" is no nominative singular ("der roten
        # Politiker" is a genitive plural: "rote Politiker")
        skip = {"der": ("m", False), "die": ("f", False)}.get(article.lower())
        options = [r for r in options if (r.genus, r.plural) != skip]
    reading = choose(options, article, words[k])
    if reading is None and words[k].endswith("enden") and (article or "die").lower() in (
            "die", "der", "den"):  # "die Streikenden": a participle as a plural noun
        reading = Reading("m", True, words[k][:-1])
    if reading is None:
        if article is None and k and all(w.endswith("en") for w in words[:k]):
            # "israelischen Medien": an unknown noun after bare "-en" adjectives is a dative
            # plural; its adjectives take the strong nominative plural "-e"
            return [w[:-1] for w in words[:k]] + list(words[k:])
        return list(words)
    adjectives = [w if t == "KON" else strong_adjective(w, reading.genus, reading.plural)
                  for w, t in zip(words[:k], tags[:k])]
    return [*adjectives, reading.nominative, *words[k + 1:]]
