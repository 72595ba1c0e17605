"""Organisation and place names the recogniser gets partly wrong, mended after it.

* an organisation news knows by a short form (``lang/de/data/known_orgs.txt``) is never a
  person or a work ("Wikinews berichtete …" is not PER, "Interfax" not MISC);
* a capitalised adjective of a place before an organisation or place is part of its name
  ("das Wiener Burgtheater", "der Kölner Dom");
* an organisation of several words (``lang/de/data/organisation_names.txt``) is one
  organisation in any case ("Ärzte ohne Grenzen", "amnesty international"), over what the
  recogniser found inside it;
* a sports club's number and ordinal are part of its name: "Hannover 96", "Mainz 05" are
  clubs, not places, and "1." opens "1. FSV Mainz 05" (``lang/de/data/club_abbreviations.txt``);

Example:
    >>> import newskit
    >>> doc = newskit.load_pipeline()("Das ZDF zeigte den Film im Wiener Burgtheater.")
    >>> [(e.text, e.label_) for e in doc.ents]
    [('ZDF', 'ORG'), ('Wiener Burgtheater', 'ORG')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from newskit.lang import de
from newskit.nlp.doctext import token_lowers
from newskit.nlp.ner_repairs import BRANCH_COUNTRIES, ORGANISATION_HEADS

#: a place adjective: capitalised, inflected like an adjective of origin ("Wiener", "Kölner")
PLACE_ADJECTIVE_ENDING = "er"
#: the number a club carries after its town's name: a founding year's last two digits,
#: "04", "05", "96", "98" ("Schalke 04", "Mainz 05", "Hannover 96")
CLUB_NUMBER = re.compile(r"0[0-9]|9[0-9]")
#: an ordinal before a club's name ("1. FC Köln", "2. FC Schweinfurt")
CLUB_ORDINAL = re.compile(r"[1-9]\.")
#: tags of a word after a number that make the number a count ("in Berlin 96 Menschen")
_COUNTED = frozenset({"NN", "ADJA", "CARD", "NE"})


def known_orgs() -> frozenset[str]:
    """Organisations news names by a short form (``lang/de/data/known_orgs.txt``)."""
    return de.word_list("known_orgs")


def is_known_org(word: str) -> bool:
    """A known organisation, also two joined by a slash ("CDU/CSU")."""
    orgs = known_orgs()
    return word in orgs or ("/" in word and all(p in orgs for p in word.split("/")))


@lru_cache(maxsize=1)
def _names_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    """Lower-case word sequences of ``organisation_names.txt``, by their first word, longest
    first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in de.ordered_list("organisation_names"):
        words = tuple(name.lower().replace("/", " / ").split())
        out.setdefault(words[0], []).append(words)
    for seqs in out.values():
        seqs.sort(key=len, reverse=True)
    return out


def listed_organisations(doc: Doc) -> list[Span]:
    """Where ``doc`` names a listed organisation of several words, in any case (one pass)."""
    names, found, i = _names_by_first_word(), [], 0
    lowers = token_lowers(doc)
    n = len(lowers)
    while i < n:
        for seq in names.get(lowers[i], ()):
            end = i + len(seq)
            if end <= n and tuple(lowers[i:end]) == seq:
                found.append(Span(doc, i, end, label="ORG"))
                i = end - 1
                break
        i += 1
    return found


def mend_organisations(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with known organisations no longer persons and place adjectives taken into
    the organisation or place they name (see the module docstring)."""
    listed = [_with_branch(doc, e, ents) for e in listed_organisations(doc)]
    if listed:
        covered = {i for e in listed for i in range(e.start, e.end)}
        ents = sorted([e for e in ents if not any(i in covered for i in range(e.start, e.end))]
                      + listed, key=lambda e: e.start)
    out = []
    taken = {i for e in ents for i in range(e.start, e.end)}
    for e in ents:
        if e.label_ in ("PER", "MISC") and len(e) == 1 and is_known_org(e.text):
            e = Span(doc, e.start, e.end, label="ORG")
        start = e.start
        if e.label_ in ("ORG", "LOC") and start > 0 and start - 1 not in taken \
                and _place_adjective(doc, start - 1):
            e = Span(doc, start - 1, e.end, label=e.label_)
        if e.label_ in ("ORG", "LOC"):
            e = numbered_club(doc, e, taken)
        out.append(e)
    return out


def numbered_club(doc: Doc, ent: Span, taken: set[int] = frozenset()) -> Span:
    """``ent`` with the club number after it or the ordinal before it, as an organisation:
    "Hannover 96" and "Mainz 05" name clubs, "1. FC Köln" keeps its "1."; other spans as
    they are. Tokens in ``taken`` (other entities) are never added.

    >>> import spacy
    >>> doc = spacy.blank("de")("Der Trainer von Hannover 96 lobte den 1. FC Köln .")
    >>> numbered_club(doc, doc[3:4]).text, numbered_club(doc, doc[3:4]).label_
    ('Hannover 96', 'ORG')
    >>> numbered_club(doc, doc[8:10]).text
    '1. FC Köln'
    """
    start, end = ent.start, ent.end
    if end < len(doc) and end not in taken and CLUB_NUMBER.fullmatch(doc[end].text) \
            and (end + 1 == len(doc) or doc[end + 1].tag_ not in _COUNTED):
        end += 1
    if start > 0 and start - 1 not in taken and CLUB_ORDINAL.fullmatch(doc[start - 1].text) \
            and doc[start].text in de.word_list("club_abbreviations"):
        start -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label="ORG")


def _with_branch(doc: Doc, listed: Span, ents: list[Span]) -> Span:
    """A listed organisation, or the recogniser's span that adds its country branch or its
    legal form to it ("Financial Times Deutschland", "Deutsche Presse-Agentur GmbH";
    ``newskit.nlp.ner_repairs.BRANCH_COUNTRIES`` and ``ORGANISATION_HEADS``)."""
    end = listed.end
    if end < len(doc) and (doc[end].text in BRANCH_COUNTRIES
                           or doc[end].lower_ in ORGANISATION_HEADS) and any(
            e.label_ == "ORG" and e.start == listed.start and e.end == end + 1 for e in ents):
        return Span(doc, listed.start, end + 1, label="ORG")
    return listed


def _place_adjective(doc: Doc, i: int) -> bool:
    """"Wiener" in "im Wiener Burgtheater": a capitalised attributive adjective in -er that
    does not open the sentence (German adjectives are written small unless derived from a
    place name)."""
    tok = doc[i]
    return tok.tag_ == "ADJA" and tok.text[:1].isupper() and not tok.is_sent_start \
        and tok.text.endswith(PLACE_ADJECTIVE_ENDING) and len(tok.text) > 3
