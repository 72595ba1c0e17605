"""Entity mentions with one canonical name per real-world entity.

The ``newskit_entities`` component runs after any NER (embedded or an
installed spaCy model) and sets

* ``ent._.canonical`` — the article-level name of each mention: surname-only
  mentions take the full name from the same article ("Lawrow" → "Sergej
  Lawrow"), genitive endings are stripped ("Russlands" → "Russland",
  "Lawrows" → "Sergej Lawrow"), and known aliases merge ("Vereinigte Staaten"
  → "USA");
* ``doc._.roles`` — role nouns bound to a person by an apposition
  ("US-Außenminister Antony Blinken", "sein US-Kollege Antony Blinken"), so
  that a later "der US-Außenminister" resolves to "Antony Blinken".

Example:
    >>> import newskit
    >>> doc = newskit.load_pipeline()("Sergej Lawrow kam. Lawrows Rede war kurz.")
    >>> [(e.text, e._.canonical) for e in doc.ents]
    [('Sergej Lawrow', 'Sergej Lawrow'), ('Lawrows', 'Sergej Lawrow')]
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

LABEL_MAP = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG",
             "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "OTH": "MISC"}

# Aliases that name the same entity (keys lower-case); the value is the canonical name.
ALIASES = {
    "usa": "USA", "us": "USA", "u.s.a.": "USA", "vereinigte staaten": "USA",
    "vereinigten staaten": "USA", "vereinigte staaten von amerika": "USA",
    "vereinigten staaten von amerika": "USA", "amerika": "USA",
    "nato": "Nato", "nordatlantikpakt": "Nato",
    "eu": "EU", "europäische union": "EU", "europäischen union": "EU",
    "uno": "Vereinte Nationen", "un": "Vereinte Nationen", "vereinte nationen": "Vereinte Nationen",
    "vereinten nationen": "Vereinte Nationen",
    "brd": "Deutschland", "bundesrepublik": "Deutschland", "bundesrepublik deutschland": "Deutschland",
    "großbritannien": "Großbritannien", "vereinigtes königreich": "Großbritannien",
    "vereinigten königreich": "Großbritannien", "uk": "Großbritannien",
    "russische föderation": "Russland", "russischen föderation": "Russland",
    "volksrepublik china": "China",
}

# Organisations that news names by a short form; a recogniser trained on encyclopaedic
# text often misses them. Facts, listed for newskit.
KNOWN_ORGS = frozenset("""
Nato NATO EU UN UNO WHO IWF OSZE OPEC OECD WTO EZB Unesco UNESCO Unicef UNICEF G7 G8 G20
Bundeswehr Bundestag Bundesrat Bundesregierung Bundesverfassungsgericht Bundesbank Kreml
SPD CDU CSU FDP AfD Grünen Linke BSW ÖVP SPÖ FPÖ SVP ARD ZDF ORF SRF dpa AFP Reuters AP
UEFA FIFA IOC DFB Greenpeace Europol Interpol FBI CIA NSA Pentagon Hamas Hisbollah Taliban
""".split())


# Head nouns that make a word a role ("Außenminister", "US-Kollege", "Sprecherin").
ROLE_HEADS = (
    "minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "chef",
    "chefin", "sprecher", "sprecherin", "kollege", "kollegin", "vorsitzende", "vorsitzender",
    "trainer", "trainerin", "bürgermeister", "bürgermeisterin", "regierungschef", "botschafter",
    "botschafterin", "premier", "premierminister", "premierministerin", "senator",
    "senatorin", "gouverneur", "gouverneurin", "general", "direktor", "direktorin", "leiter",
    "leiterin", "sekretär", "sekretärin", "amtskollege", "amtskollegin", "abgeordnete",
    "abgeordneter", "staatschef", "staatschefin", "diplomat", "diplomatin", "experte",
    "expertin", "anwalt", "anwältin", "richter", "richterin", "könig", "königin", "papst",
)


def _ensure_extensions() -> None:
    if not Span.has_extension("canonical"):
        Span.set_extension("canonical", default=None)
    if not Doc.has_extension("roles"):
        Doc.set_extension("roles", default=None)


_ensure_extensions()


def is_role_word(token: Token) -> bool:
    """True for a noun naming an office or role ("Außenminister", "US-Kollege").

    >>> import spacy
    >>> is_role_word(spacy.blank("de")("US-Außenminister")[0])
    True
    """
    low = token.lower_
    if not token.text[:1].isupper():
        return False
    head = low.rsplit("-", 1)[-1]
    return any(h.endswith(ROLE_HEADS) for h in (head, head[:-1], head[:-2]) if len(h) > 3)


def _modifier_key(word: str) -> str:
    """Country/organisation modifier reduced to a comparable key.

    "US", "US-amerikanisch" → "us"; "russischen", "Russlands" → "russ". The
    first four letters are enough to tell the usual nationality adjectives and
    country names apart and to match one with the other.
    """
    w = word.lower().strip("-")
    return w[:4] if len(w) > 2 else w


def split_role(tokens: list[Token]) -> tuple[str | None, str] | None:
    """``(modifier key, head)`` of a role mention, or ``None`` if it is not one.

    "der US-Außenminister" → ("us", "außenminister"); "Russlands Außenminister"
    → ("russ", "außenminister"); "sein Kollege" → (None, "kollege").
    """
    words = [t for t in tokens if t.tag_ not in ("ART", "PPOSAT", "PDAT", "PIAT")
             and t.pos_ not in ("DET", "PUNCT")]
    if not words or not is_role_word(words[-1]):
        return None
    head_tok = words[-1]
    mod = None
    prefix, _, head = head_tok.text.rpartition("-")
    head = head.lower()
    if prefix:
        mod = _modifier_key(prefix)
    for t in words[:-1]:
        if t.tag_ in ("ADJA", "NE") or t.pos_ in ("ADJ", "PROPN"):
            mod = _modifier_key(_strip_genitive(t.text) if t.tag_ == "NE" else t.text)
    for suffix in ("s", "n"):  # Außenministers, Kollegen
        if head.endswith(suffix) and head[: -len(suffix)].endswith(ROLE_HEADS) \
                and not head.endswith(ROLE_HEADS):
            head = head[: -len(suffix)]
    if head.startswith("amts"):
        head = head[4:]
    return mod, head


def _strip_genitive(word: str) -> str:
    """'Russlands' → 'Russland', 'Lawrows' → 'Lawrow'; leaves 'USA', 'Paris', 'Bass' alone."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as", "x")) \
            and word[:-1][-1:].islower():
        return word[:-1]
    if word.endswith("'"):
        return word[:-1]
    return word


def canonical_names(doc: Doc) -> list[str]:
    """Canonical name for each entity in ``doc.ents`` (same order)."""
    ents = list(doc.ents)
    bases = [_base_name(e) for e in ents]
    known = {b.lower() for b in bases}
    # full person names, keyed by their last token
    full_by_last: dict[str, set[str]] = {}
    for e, b in zip(ents, bases):
        if e.label_ == "PER" and " " in b:
            full_by_last.setdefault(b.rsplit(" ", 1)[-1].lower(), set()).add(b)
    out = []
    for e, b in zip(ents, bases):
        name = b
        stripped = _strip_genitive(b)
        if stripped != b and (stripped.lower() in known or stripped.lower() in full_by_last
                              or e.label_ in ("LOC", "PER") and e[-1].tag_ == "NE"):
            name = stripped
        alias = ALIASES.get(name.lower())
        if alias:
            name = alias
        if e.label_ in ("PER", "MISC", "ORG") and " " not in name:
            fulls = full_by_last.get(name.lower())
            if fulls and len(fulls) == 1:
                name = next(iter(fulls))
        out.append(name)
    return out


def _base_name(ent: Span) -> str:
    text = " ".join(ent.text.split())
    return re.sub(r"^(?:der|die|das|des|dem|den)\s+", "", text, flags=re.I)


def find_roles(doc: Doc) -> list[tuple[str | None, str, str, int]]:
    """Bind role nouns to persons via appositions.

    Returns ``(modifier, head, person, char offset)`` bindings in text order:
    "Russlands Außenminister Sergej Lawrow" gives ("russ", "außenminister",
    "Sergej Lawrow", …). "sein US-Kollege Antony Blinken" in a sentence that
    names another person's role ("Außenminister") also binds that role with
    the new modifier: ("us", "außenminister", "Antony Blinken", …).
    """
    bindings = []
    for ent in doc.ents:
        if ent.label_ != "PER" or ent.start == 0:
            continue
        j = ent.start - 1
        if not is_role_word(doc[j]):
            continue
        i = j
        while i > 0 and doc[i - 1].tag_ in ("ADJA", "NE") and not doc[i - 1].is_punct:
            i -= 1
        role = split_role(list(doc[i : j + 1]))
        if role is None:
            continue
        person = ent._.canonical or ent.text
        mod, head = role
        bindings.append((mod, head, person, doc[i].idx))
        if head == "kollege" or head == "kollegin":
            # "sein US-Kollege X" next to "dem russischen Außenminister": same office
            for tok in ent.sent:
                if tok.i < i and is_role_word(tok):
                    other = split_role([tok])
                    if other and other[1] not in ("kollege", "kollegin"):
                        bindings.append((mod, other[1], person, doc[i].idx))
    return bindings


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
    bindings = doc._.roles or []
    if mod is not None:
        people = {p for m, h, p, _ in bindings if h == head and m == mod}
    else:
        people = {p for m, h, p, _ in bindings if h == head}
    return next(iter(people)) if len(people) == 1 else None


def _trim_common_nouns(ent: Span) -> Span | None:
    """Cut trailing common nouns off a person or place ("Merkels Besuch" → "Merkels")."""
    if ent.label_ not in ("PER", "LOC") or len(ent) < 2:
        return ent
    from newskit.nlp.lexicons import noun_lexicon

    lex = noun_lexicon()
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].tag_ == "NN" \
            and ent.doc[end - 2].tag_ == "NE" and lex.get(ent.doc[end - 1].text) == "NOUN":
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def propagate_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Label repeats of names found elsewhere in the article ("one name, one label").

    A surname of a multi-word person ("Blinken" after "Antony Blinken", also
    "Blinkens") and any single-word entity seen once ("Nato") are labelled
    where the recogniser missed them, e.g. "Blinken", which is also a verb.
    """
    names: dict[str, str] = {}
    for e in ents:
        if e.label_ == "PER" and len(e) > 1:
            names.setdefault(e[-1].text, "PER")
        elif len(e) == 1 and e[0].text[:1].isupper():
            names.setdefault(e[0].text, e.label_)
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        label = names.get(tok.text) or names.get(_strip_genitive(tok.text))
        if label is None and (tok.text in KNOWN_ORGS or _strip_genitive(tok.text) in KNOWN_ORGS):
            label = "ORG"
        if label is not None:
            added.append(Span(doc, tok.i, tok.i + 1, label=label))
    return sorted(ents + added, key=lambda e: e.start)


def harmonise_labels(ents: list[Span], canon: list[str]) -> list[Span]:
    """Give every mention of one canonical name the label most of its mentions have."""
    from collections import Counter

    votes: dict[str, Counter] = {}
    for e, c in zip(ents, canon):
        votes.setdefault(c, Counter())[e.label_] += 1
    out = []
    for e, c in zip(ents, canon):
        (best, n), *rest = votes[c].most_common()
        if best != e.label_ and (not rest or n > rest[0][1]):
            e = Span(e.doc, e.start, e.end, label=best)
        out.append(e)
    return out


@Language.component("newskit_entities")
def newskit_entities(doc: Doc) -> Doc:
    """Normalise labels to PER/LOC/ORG/MISC, propagate names, set ``_.canonical``
    and ``doc._.roles``."""
    ents = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        if ent.label_ != label:
            ent = Span(doc, ent.start, ent.end, label=label)
        ents.append(ent)
    ents = [e for e in (_trim_common_nouns(e) for e in ents) if e is not None]
    ents = propagate_names(doc, ents)
    doc.ents = ents
    canon = canonical_names(doc)
    doc.ents = harmonise_labels(list(doc.ents), canon)
    for ent, name in zip(doc.ents, canon):
        ent._.canonical = name
    doc._.roles = find_roles(doc)
    return doc


def entity_rows(doc: Doc) -> Iterator[dict]:
    """One row per entity mention, with sentence index and canonical name."""
    from newskit.extract.sentiment import span_sentiment
    from newskit.nlp.sentences import sentence_ids

    sent_ids = sentence_ids(doc)
    for ent in doc.ents:
        yield {
            "sent_id": sent_ids[ent.start],
            "start_char": ent.start_char, "end_char": ent.end_char, "text": ent.text,
            "label": ent.label_, "canonical": ent._.canonical or ent.text,
            **span_sentiment(ent),
        }
