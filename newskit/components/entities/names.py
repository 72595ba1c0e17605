"""One canonical name per entity within an article.

Surname-only mentions take the full name from the same article ("Lawrow" → "Sergej
Lawrow"), genitive endings are stripped ("Russlands" → "Russland"), and known aliases merge
("Vereinigte Staaten" → "USA"; ``lang/de/data/entity_aliases.tsv``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from newskit.components.entities.organisations import is_known_org
from newskit.components.entities.roles import strip_genitive
from newskit.lang import de
from newskit.lang.de.declension import nominative
from newskit.lang.de.nouns import noun_lexicon
from newskit.nlp.doctext import token_texts

# labels of installed spaCy models and training corpora mapped to newskit's four
LABEL_MAP = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG",
             "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "OTH": "MISC"}

#: an acronym's long form has at most this many words
MAX_LONG_NAME = 8
#: legal forms an acronym may leave out ("Coca-Cola Erfrischungsgetränke AG (CCE)")
LEGAL_FORMS = frozenset(["AG", "GmbH", "SE", "KG", "e.V.", "Inc.", "Ltd.", "plc", "SA", "NV"])
#: the words of a legal form at the end of an organisation's name ("GmbH & Co KG")
LEGAL_FORM_WORDS = LEGAL_FORMS | frozenset(["&", "Co", "Co.", "KGaA", "mbH", "Inc", "Ltd",
                                            "LLC", "Corp.", "Corporation", "S.A.", "N.V."])
#: small words inside a long name ("Bundesamt für Migration und Flüchtlinge")
NAME_LINKS = frozenset(["für", "und", "des", "der", "von", "zur", "zum", "in", "im", "ohne",
                        "am", "auf", "of", "for", "and", "the"])
#: lower-case particles joined to an Arabic surname by a hyphen ("al-Gaddafi", "as-Sisi")
SURNAME_PARTICLES = frozenset(["al", "el", "as", "ad", "at", "an", "ar", "az", "asch", "ash",
                               "ibn", "bin", "abu"])
OPENING_QUOTES = frozenset(["„", "»", "«", '"', "“", "‚", "''"])
CLOSING_QUOTES = frozenset(["“", "”", "«", "»", '"', "‘", "''"])
_UMLAUT_BASE = str.maketrans("äöü", "aou")  # "Ärzte ohne Grenzen (AoG)"
_ARTICLE = re.compile(r"^(?:der|die|das|des|dem|den)\s+", flags=re.I)


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Lower-cased alias → canonical name (``lang/de/data/entity_aliases.tsv``; a listed
    organisation of several words as usually written: "amnesty international" → "Amnesty
    International", ``organisation_names.txt``)."""
    listed = {n.lower(): n for n in de.ordered_list("organisation_names")}
    return {**listed, **de.word_table("entity_aliases")}


def base_name(ent: Span) -> str:
    """The mention's text on one line, without a leading article."""
    return _ARTICLE.sub("", " ".join(ent.text.split()))


def _full_names_by_last(ents: list[Span], bases: list[str]) -> dict[str, set[str]]:
    """Full person names by their surname; a name of three or more words is also found
    by its second-to-last word when that is no first name ("Uribe" for "Álvaro Uribe
    Vélez", a Spanish double surname)."""
    full_by_last: dict[str, set[str]] = {}
    first_names = de.word_table("first_names")
    for e, b in zip(ents, bases):
        words = b.split()
        particle, _, rest = words[-1].partition("-") if words else ("", "", "")
        if rest and particle in SURNAME_PARTICLES and len(words) > 1 \
                and words[0][:1].isupper() and words[0] not in noun_lexicon():
            # "Gaddafi" for "Muammar al-Gaddafi" (even where that was taken for a place)
            full_by_last.setdefault(rest.lower(), set()).add(b)
        if e.label_ == "PER" and " " in b:
            full_by_last.setdefault(words[-1].lower(), set()).add(b)
            if len(words) > 2 and words[-2][:1].isupper() and words[-2] not in first_names:
                full_by_last.setdefault(words[-2].lower(), set()).add(b)
    return full_by_last


def _full_names_by_first(ents: list[Span], bases: list[str]) -> dict[str, set[str]]:
    full_by_first: dict[str, set[str]] = {}
    for e, b in zip(ents, bases):
        if e.label_ == "PER" and " " in b:
            full_by_first.setdefault(b.split(" ", 1)[0].lower(), set()).add(b)
    return full_by_first


def _genitive_position(e: Span) -> bool:
    """A name where German puts a genitive: before a noun ("Sarrazins Buch") or after
    "des"/"eines" ("des Südpols")."""
    doc = e.doc
    after = doc[e.end] if e.end < len(doc) else None
    before = doc[e.start - 1] if e.start > 0 else None
    return (after is not None and after.tag_ in ("NN", "ADJA")) or (
        before is not None and before.lower_ in ("des", "eines"))


def _is_place(name: str) -> bool:
    """Whether the noun list knows ``name`` as a place (toponym)."""
    return "LOC" in noun_lexicon().get(name, "").split("+")


def _canonical(e: Span, name: str, known: set[str], full_by_last: dict[str, set[str]],
               alias: dict[str, str], full_by_first: dict[str, set[str]] | None = None) -> str:
    stripped = strip_genitive(name)
    if stripped == name and name.endswith("s") and name[:-1].lower() in full_by_last:
        stripped = name[:-1]  # "Celebis" after "Gülsen Celebi" ("-is" is no ending elsewhere)
    if stripped != name and (stripped.lower() in known or stripped.lower() in full_by_last
                             or e.label_ == "LOC" and _is_place(stripped)
                             or e.label_ in ("PER", "LOC") and e[-1].tag_ == "NE"
                             and not name.endswith("es") and _genitive_position(e)):
        name = stripped  # "Russlands" -> "Russland", but "Geert Wilders", "Jimmy Wales" stay
    name = alias.get(name.lower(), name)
    if " " not in name and (e.label_ in ("PER", "MISC", "ORG")
                            or e.label_ == "LOC" and not _is_place(name)):
        fulls = full_by_last.get(name.lower())
        if fulls and len(fulls) == 1:
            name = next(iter(fulls))
        elif not fulls and e.label_ == "PER" and full_by_first:  # "Li" after "Li Fei":
            firsts = full_by_first.get(name.lower())  # the family name first
            if firsts and len(firsts) == 1:
                name = next(iter(firsts))
    elif e.label_ == "PER" and " " in name:  # "Von der Leyen" → "Ursula von der Leyen"
        fulls = [f for f in full_by_last.get(name.rsplit(" ", 1)[-1].lower(), ())
                 if f.lower().endswith(" " + name.lower())]
        if len(fulls) == 1:
            name = fulls[0]
    return name


def nominative_name(ent: Span) -> str:
    """An organisation, place or other name that starts with an adjective, in the
    nominative: "Vereinten Nationen" → "Vereinte Nationen", "des Roten Kreuzes" → "Rotes
    Kreuz" (:func:`newskit.lang.de.declension.nominative`); one that starts with a noun
    after "des"/"eines" loses the genitive ending ("des Landgerichts Mannheim"); other names
    as :func:`base_name`."""
    toks = [t for t in ent if t.tag_ != "ART"]
    if ent.label_ == "PER" or not toks or toks[0].tag_ not in ("ADJA", "NN") \
            or any(t.is_punct or t.is_space for t in toks):
        return base_name(ent)
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    article = ent[0] if ent[0].tag_ == "ART" else before if before is not None \
        and before.tag_ == "ART" else None
    words_ = [t.text for t in toks]
    if toks[0].tag_ == "NN":  # "des Landgerichts Mannheim" → "Landgericht Mannheim"
        if article is None or article.lower_ not in ("des", "eines"):
            return base_name(ent)
        return " ".join(nominative(words_[:1], ["NN"], "des") + words_[1:])
    return " ".join(nominative(words_, [t.tag_ for t in toks],
                               article.lower_ if article is not None else None))


def canonical_names(doc: Doc, ents: list[Span] | None = None) -> list[str]:
    """Canonical name for each entity in ``doc.ents`` (same order; ``ents``: that list, if
    the caller has it)."""
    ents = list(doc.ents) if ents is None else ents
    bases = [nominative_name(e) for e in ents]
    known = {b.lower() for b in bases}
    full_by_last = _full_names_by_last(ents, bases)
    defined = acronym_definitions(doc)
    alias = {**aliases(), **{a.lower(): long for a, long in defined.items()}}
    longs = {long.lower(): long for long in defined.values()}
    full_by_first = _full_names_by_first(ents, bases)
    out = [_canonical(e, b, known, full_by_last, alias, full_by_first)
           for e, b in zip(ents, bases)]
    _with_legal_form(ents, out)
    for k, e in enumerate(ents):  # "des United States Geological Survey (USGS)" cut short
        nxt = doc[e.end] if e.end < len(doc) else None
        if nxt is not None and nxt.text == "(" and e.end + 1 < len(doc) \
                and doc[e.end + 1].text in defined:
            long = defined[doc[e.end + 1].text]
            if long.lower().endswith(out[k].lower()):
                out[k] = longs[long.lower()]
    return out


def without_legal_form(name: str) -> str | None:
    """An organisation's name without the legal form it ends with, or ``None``.

    >>> without_legal_form("Wiener Linien GmbH & Co KG"), without_legal_form("Siemens")
    ('Wiener Linien', None)
    """
    words_ = name.split()
    k = len(words_)
    while k > 1 and words_[k - 1] in LEGAL_FORM_WORDS:
        k -= 1
    return " ".join(words_[:k]) if k < len(words_) else None


def _with_legal_form(ents: list[Span], out: list[str]) -> None:
    """An organisation named with its legal form once ("Wiener Linien GmbH & Co KG") keeps
    that fullest name where the article leaves the form out ("die Wiener Linien")."""
    fuller: dict[str, set[str]] = {}
    for e, name in zip(ents, out):
        short = without_legal_form(name) if e.label_ == "ORG" else None
        if short:
            fuller.setdefault(short.lower(), set()).add(name)
    if not fuller:
        return
    for k, e in enumerate(ents):
        names = fuller.get(out[k].lower())
        if names is not None and len(names) == 1 and e.label_ in ("ORG", "MISC", "PER"):
            out[k] = next(iter(names))


def _initials_fit(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym``'s letters appear in order in ``words``, starting with the first
    word's initial and using the last word ("BMI": Bundesministerium des Innern)."""
    text = " ".join(words).lower().translate(_UMLAUT_BASE)
    letters = [c for c in acronym.lower().translate(_UMLAUT_BASE) if c.isalpha()]
    last = words[-2] if len(words) > 1 and words[-1] in LEGAL_FORMS else words[-1]
    if not letters or text[:1] != letters[0] \
            or last[:1].lower().translate(_UMLAUT_BASE) not in letters:
        return False
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def acronym_definitions(doc: Doc) -> dict[str, str]:
    """Acronyms an article defines: "United States Geological Survey (USGS)" gives
    ``{"USGS": "United States Geological Survey"}``; the longest run of up to
    ``MAX_LONG_NAME`` capitalised words (and the small words between them) before the
    parentheses whose initials fit the acronym. The long form may stand in quotation marks
    ("„Reporter ohne Grenzen“ (ROG)"); a quoted name or an organisation the recogniser
    found right before the parentheses needs no fitting initials ("Berliner
    Verkehrsbetriebe (BVG)", "„Koalition für Einheit und Entwicklung“ (CUD)")."""
    out: dict[str, str] = {}
    texts = token_texts(doc)
    for i in range(2, len(texts) - 1):
        acr = texts[i]
        if texts[i - 1] != "(" or texts[i + 1] != ")" or not (
                2 <= len(acr) <= 8 and sum(c.isupper() for c in acr) >= 2 and acr.isalpha()):
            continue
        end = i - 1
        quoted = texts[end - 1] in CLOSING_QUOTES
        if quoted:
            end -= 1
        org = doc[end - 1].ent_type_ == "ORG" and doc[end - 1].ent_iob_ in ("B", "I")
        for start in range(max(0, end - MAX_LONG_NAME), end):
            opened = texts[start] in OPENING_QUOTES and start + 1 < end
            if opened:
                start += 1
            words_ = texts[start:end]
            if words_[0][:1].isupper() and doc[start].tag_ != "ART" \
                    and all(w[:1].isupper() or w in NAME_LINKS for w in words_) \
                    and words_[-1] not in NAME_LINKS \
                    and (_initials_fit(acr, words_) or quoted and opened  # a name in other
                         or org and _one_entity(doc, start, end)):  # words ("… (CUD)")
                before = doc[start - 1] if start > 0 and doc[start - 1].tag_ == "ART" else None
                out.setdefault(acr, " ".join(nominative(  # "der Internationalen …-Organisation"
                    words_, [t.tag_ for t in doc[start:end]], before and before.lower_)))
                break
    return out


def _one_entity(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are exactly one entity of the recogniser."""
    return doc[start].ent_iob_ == "B" and all(doc[k].ent_iob_ == "I" for k in range(start + 1, end)) \
        and (end >= len(doc) or doc[end].ent_iob_ != "I")


#: how a genitive name before a noun ends ("Merkels Besuch", "Marx’ Theorie")
GENITIVE_ENDINGS = ("s", "’", "'")


def trim_common_nouns(ent: Span) -> Span:
    """Cut a common noun off a person or place when the name before it is a genitive
    ("Merkels Besuch" → "Merkels"); a name that only looks like a noun stays ("Silvana
    Kürschner", "Chiang Mai")."""
    if ent.label_ not in ("PER", "LOC") or len(ent) < 2:
        return ent
    lex = noun_lexicon()
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].tag_ == "NN" \
            and ent.doc[end - 2].tag_ == "NE" and ent.doc[end - 2].text.endswith(GENITIVE_ENDINGS) \
            and lex.get(ent.doc[end - 1].text) == "NOUN":
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def _names_seen(ents: list[Span]) -> dict[str, str]:
    names: dict[str, str] = {}
    for e in ents:
        if e.label_ == "PER" and len(e) > 1:
            names.setdefault(e[-1].text, "PER")
        elif len(e) == 1 and e[0].text[:1].isupper():
            names.setdefault(e[0].text, e.label_)
    return names


def propagate_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Label repeats of names found elsewhere in the article ("one name, one label").

    A surname of a multi-word person ("Blinken" after "Antony Blinken", also
    "Blinkens") and any single-word entity seen once ("Nato") are labelled
    where the recogniser missed them, e.g. "Blinken", which is also a verb.
    """
    names = _names_seen(ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for i, text in enumerate(token_texts(doc)):
        if not text[:1].isupper() or i in taken:
            continue
        bare = strip_genitive(text)
        label = names.get(text) or names.get(bare)
        if label is None and (is_known_org(text) or is_known_org(bare)):
            label = "ORG"
        if label is not None:
            added.append(Span(doc, i, i + 1, label=label))
    return sorted(ents + added, key=lambda e: e.start)


def harmonise_labels(ents: list[Span], canon: list[str]) -> list[Span]:
    """Give every mention of one canonical name the label most of its mentions have (a
    known organisation, ``lang/de/data/known_orgs.txt``, never becomes a person)."""
    votes: dict[str, Counter] = {}
    for e, c in zip(ents, canon):
        votes.setdefault(c, Counter())[e.label_] += 1
    out = []
    for e, c in zip(ents, canon):
        (best, n), *rest = votes[c].most_common()
        if best == "PER" and is_known_org(e.text):
            best = "ORG"
        if best != e.label_ and (not rest or n > rest[0][1]):
            e = Span(e.doc, e.start, e.end, label=best)
        out.append(e)
    return out
