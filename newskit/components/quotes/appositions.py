"""Names set beside a speaker mention's head noun: appositions, closing names, titles.

"Der Sprecher des Vereins, Jonas Mehring,", "VW-Chef Martin Winterkorn", "die
Nachrichtenagentur Associated Press", "Das Schweriner Umweltministerium": the functions here
find the person or organisation such a phrase names, from the per-Doc
:class:`~newskit.components.quotes.docindex.DocIndex`. Used by
:func:`newskit.components.quotes.mentions.resolve_mention`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newskit.components.entities import is_role_word
from newskit.components.quotes.docindex import DocIndex, canonical
from newskit.components.quotes.grammar import np_forward
from newskit.components.quotes.refine import head, phrase
from newskit.components.quotes.words import CLOSING_MARKS, NP_COORDINATORS, OPENING_MARKS
from newskit.lang import de

# a quoted title after a head noun has at most this many tokens („Ärzte ohne Grenzen“)
MAX_TITLE_WORDS = 6
#: a web address as a name: "worldreferee.com", "tagesschau.de"
_WEB_ADDRESS = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$")
#: nouns of an organisation's kind: a name after them is the organisation's, even one the
#: recogniser took for a place ("die Zeitung China Daily")
ORG_KIND_NOUNS = de.word_list("organisation_class_nouns")
#: prepositions that give a role its field ("der Kommissar für Handel", "der Leiter im
#: Ministerium"): a name right after such a phrase is the role's holder
_OFFICE_PREPOSITIONS = ("für", "im", "bei", "beim")


def _organisation_kind(noun: str) -> bool:
    """"zeitung", "tageszeitung", "nachrichtenagentur": an organisation-kind noun or a
    compound ending in one (of five letters or more)."""
    return noun in ORG_KIND_NOUNS or any(
        noun.endswith(k) for k in ORG_KIND_NOUNS if len(k) >= 5 and len(noun) > len(k))


def role_holder(index: DocIndex, mention: Span, h) -> str | None:
    """The person a role head names: "VW-Chef Martin Winterkorn", "Der Sprecher …, Tomson Phiri"."""
    doc = index.doc
    person = index.person_starting(h.i + 1)
    if person is None and mention.end + 1 < len(doc) and doc[mention.end].text == ",":
        person = index.person_starting(mention.end + 1)
    if person is not None:
        return canonical(person)
    names = [t for t in doc[h.i + 1: mention.end] if t.tag_ == "NE" and t.text[:1].isupper()]
    if names and names[0].i == h.i + 1:
        return " ".join(t.text for t in names)
    return None


def closing_person(index: DocIndex, mention: Span) -> Span | None:
    """A person named at the end of the phrase, in apposition to its head: "der
    Wissenschaftsjournalist Dirk Lorenzen", "Human Rights Watch-Sprecher Malinowski" — not
    one inside an attribute ("die Anwältin des Klaus Weber")."""
    ent = index.entity_covering(mention.end - 1)
    if ent is None or ent.label_ != "PER" or ent.start <= mention.start:
        return None
    b = ent.start - 1
    while b > mention.start and index.doc[b].is_space:
        b -= 1  # "Parlamentspräsident  Jerzy Buzek": a doubled space
    before = index.doc[b]
    if _governs(before) or _genitive_attribute(ent):
        return None  # "die Regierung Bush" is the government, "die Verteidiger Strauss-Kahns"
        # speak for him
    if before.tag_ in ("NN", "NE", "TRUNC") or before.text == ",":
        return ent
    return None


def place_adjective(index: DocIndex, mention: Span, ent: Span) -> str | None:
    """"Das Schweriner Umweltministerium": a capitalised place adjective in "-er" before an
    organisation belongs to its name."""
    i = ent.start - 1
    if ent.label_ != "ORG" or i < mention.start:
        return None
    adj, name = index.doc[i], canonical(ent)
    if adj.tag_ != "ADJA" or not adj.text[:1].isupper() or not adj.text.endswith("er") \
            or adj.is_sent_start or name.startswith(adj.text):
        return None
    return f"{adj.text} {name}"


def _genitive_attribute(ent: Span) -> bool:
    """"Strauss-Kahns", "Merkels": a name in the genitive (its canonical form drops the -s),
    an attribute of the noun before it, not its apposition."""
    name = canonical(ent)
    return ent.text.endswith("s") and not name.endswith("s") and ent.text[:-1].endswith(
        name.rsplit(" ", 1)[-1])


def _governs(noun) -> bool:
    """"Regierung", "Kabinett": a noun that with a person's name after it names a
    government (``government_nouns.txt``)."""
    return noun.tag_ == "NN" and noun.lower_.endswith(tuple(de.ordered_list("government_nouns")))


def real_head(index: DocIndex, mention: Span):
    """The head noun, skipping a name in the genitive before it ("Osttimors Außenminister")."""
    h = head(mention)
    while h is not None:
        ent = index.entity_covering(h.i)
        nxt = ent.end if ent is not None else h.i + 1
        if nxt < mention.end and h.text.endswith("s") and index.doc[nxt].tag_ == "NN":
            h = index.doc[nxt]
            continue
        return h
    return None


def _name_run(doc: Doc, i: int, limit: int) -> str | None:
    """Two to four capitalised name tokens from ``i`` that end a phrase ("…, Ehsanullah
    Ehsan.") — a name the recogniser missed or mislabelled."""
    j = i
    while j < min(limit, i + 4) and doc[j].tag_ in ("NE", "FM") and doc[j].text[:1].isupper():
        j += 1
    if j - i < 2 or (j < len(doc) and not (doc[j].is_punct or doc[j].pos_ in ("VERB", "AUX"))):
        return None
    return " ".join(t.text for t in doc[i:j])


def _closing_holder(index: DocIndex, start: int, end: int) -> str | None:
    """The person that closes an office's field, "[für] Handel und Zölle Jan Novak": a name
    right after a common noun, ending the phrase at ``end``."""
    for k in range(start, end):
        person = index.person_starting(k)
        if person is not None:
            ok = person.end >= end and index.doc[k - 1].tag_ == "NN"
            return canonical(person) if ok else None
    return None


def apposed_person(index: DocIndex, mention: Span, h) -> str | None:
    """A person set off by commas as the phrase's apposition: "Der deutsche
    Regierungssprecher, Steffen Seibert, …", "der Sprecher der Bewegung …, Ehsanullah
    Ehsan", "Der Nachfolger des Airbus-Chefs Christian Streiff, Louis Gallois, …"; or
    named just before a role: "Martin Behrsing, Sprecher des Forums, …"."""
    doc = index.doc
    end = min(len(doc), mention.end + 1)
    if end < len(doc) and doc[mention.end].tag_ in ("APPR", "APPRART"):
        pp = np_forward(doc, mention.end + 1, min(len(doc), mention.end + 8))
        if pp is not None and pp.end + 1 < len(doc) and doc[pp.end].lower_ in NP_COORDINATORS:
            pp = np_forward(doc, pp.end + 1, min(len(doc), pp.end + 6)) or pp  # "der
            # Kommissar für Bildung und Kultur, Jan Novak"
        end = min(len(doc), pp.end + 1) if pp is not None else end  # "ein Talibanführer
        # auf pakistanischer Seite, Baitullah Mehsud, …"
        if pp is not None and is_role_word(h) and doc[mention.end].lower_ in _OFFICE_PREPOSITIONS:
            holder = _closing_holder(index, mention.end + 2, pp.end)
            if holder is not None:
                return holder
    for c in range(h.i + 1, end):
        if doc[c].text != ",":
            continue
        k = c + 1
        while k < len(doc) and doc[k].is_space:  # ",  Claudia Mo": a doubled space
            k += 1
        while k < len(doc) and k < c + 3 and (is_role_word(doc[k]) and doc[k].tag_ == "NN"
                                              or doc[k].text in de.word_list("name_titles")):
            k += 1  # ", General George Casey", ", Commander Randy Henderson"
        if k >= len(doc):
            return None
        person = index.person_starting(k)
        if person is not None:
            return _and_person(index, person) or canonical(person)
        return _name_run(doc, k, len(doc))
    if mention.start >= 2 and doc[mention.start - 1].text == "," and is_role_word(h):
        before = index.entity_covering(mention.start - 2)
        if before is not None and before.label_ == "PER" and before.end == mention.start - 1:
            return canonical(before)
    return None


def _and_person(index: DocIndex, person: Span) -> str | None:
    """"Der Fraktionschef, Paul Lenz, und Eva Kühn, Sprecherin für …, forderten": a second
    person joined to the apposition speaks with it."""
    doc, j = index.doc, person.end
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j + 1 >= len(doc) or doc[j].lower_ not in NP_COORDINATORS or doc[j].tag_ != "KON":
        return None
    other = index.person_starting(j + 1)
    if other is None or canonical(other) == canonical(person):
        return None
    return f"{canonical(person)} und {canonical(other)}"


def _capitals_run(doc: Doc, start: int, limit: int) -> str | None:
    """The words in capitals from ``start`` ("ZDF"; "SPIEGEL" of "DER SPIEGEL": a name
    starts with no article), at least one of them of two letters or more; None when
    ``start`` has none."""
    if start < limit and doc[start].tag_ == "ART" and doc[start].text.isupper():
        start += 1
    k = start
    while k < limit and doc[k].is_alpha and doc[k].text.isupper():
        k += 1
    if k == start or not any(len(t) >= 2 for t in doc[start:k]) or doc[k - 1].tag_ == "ART":
        return None
    return doc[start:k].text


def named_after_head(index: DocIndex, mention: Span, h) -> str | None:
    """A name in apposition right after a common-noun head: "die Nachrichtenagentur
    Associated Press", "das Nachrichtenmagazin Der Spiegel", "der Sender Sky News" (a
    person, organisation or other name, not a place: "die Universität Wien"), "Der Fernsehsender „Channel
    10“", also when the phrase found stopped at the head ("des Magazins „Der Spiegel“")."""
    doc = index.doc
    if h.i + 1 < mention.end and _WEB_ADDRESS.match(doc[h.i + 1].text):
        return doc[h.i + 1].text  # "der Website worldreferee.com"
    limit = min(len(doc), max(mention.end, h.i + 2 + MAX_TITLE_WORDS))
    j = h.i + 1
    # a quoted title does not follow a person noun: not 'äußerten die Richter „gravierende
    # Bedenken“'
    quoted = j < limit and doc[j].text in OPENING_MARKS and not is_role_word(h)
    if quoted or (j < limit and doc[j].tag_ == "ART" and doc[j].text[:1].isupper()):
        j += 1  # the mark or a title's own article ("Der Spiegel")
    if not quoted and _organisation_kind(h.lemma_.lower()) \
            and index.entity_covering(h.i + 1) is None:
        run = _capitals_run(doc, h.i + 1, limit)
        if run is not None:
            return run  # "des Nachrichtenmagazins DER SPIEGEL": a name the recogniser missed
    if j >= limit or (not quoted and j >= mention.end):
        return None
    after = index.entity_covering(j) or index.entity_covering(j - 1)
    if after is not None and after.start in (j, j - 1) and after.start > h.i \
            and not (after.label_ == "PER" and _genitive_attribute(after)) \
            and (quoted or after.label_ in ("PER", "ORG")
                 or after.label_ == "MISC" and h.tag_ == "NN"
                 or after.label_ == "LOC" and _organisation_kind(h.lower_)):
        if after.label_ == "PER" and after.start == h.i + 1 and _governs(h):
            return f"{phrase([h])} {after.text}"  # "die Regierung Bush"
        if after.label_ == "LOC" and not quoted:  # "der Zeitung Vietnam News": the name
            k = after.end  # goes on over capitalised words the recogniser left out
            while k < mention.end and doc[k].text[:1].isupper() and doc[k].tag_ in ("NE", "FM", "NN"):
                k += 1
            if k > after.end:
                return doc[after.start : k].text
        return canonical(after)
    if quoted:
        k = j
        while k < limit and doc[k].text not in CLOSING_MARKS:
            k += 1
        if k < limit and doc[k].text in CLOSING_MARKS and k > j:
            return doc[j:k].text
    return None


def affiliation_only(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start``…``end`` are a parenthesised affiliation and nothing else ("(SPD)",
    "(CDU/CSU)")."""
    return end - start >= 3 and doc[start].text == "(" and doc[end - 1].text == ")" \
        and ")" not in [t.text for t in doc[start + 1: end - 1]]
