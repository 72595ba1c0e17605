"""German clause grammar from STTS tags: noun phrases, clause starts, finite verbs, mood.

Without a parser, German word order (Vorfeld, finite verb, Mittelfeld) and STTS tags
locate noun phrases and clauses. Every function looks only at the tokens of one
sentence or clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newskit.components.quotes.marks import close_quoted_name, is_short_name_run
from newskit.components.quotes.words import (
    COMPLEMENTIZERS,
    DOCUMENT_PREPOSITIONS,
    FUER,
    GENITIVE_ARTICLES,
    HEISSEN_FORMS,
    HEISST_ES_SOURCE_PREPOSITIONS,
    IMPERSONAL_ES,
    INSTITUTION_HEADS,
    KONJ2_FORMS,
    MITTELFELD_SKIP_WORDS,
    NP_COORDINATORS,
    NP_LIST_SEPARATORS,
    PERFECT_AUXILIARIES,
    PERFECT_PASSIVE_AUX,
    REPORTIVE_MODALS,
    SUBJECT_PRONOUNS,
    VON,
    WORDEN,
)
from newskit.lang import de

LASSEN = "lassen"
NP_DET = frozenset(["ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "CARD", "PWAT"])
NP_MOD = frozenset(["ADJA", "ADJD"])
NP_HEAD = frozenset(["NN", "NE", "FM", "TRUNC"])
NP_ANY = NP_HEAD | NP_MOD | NP_DET
PRONOUNS = frozenset(["PPER", "PIS", "PDS"])
SKIP_MITTELFELD = frozenset(["ADV", "PRF", "PTKNEG", "PAV", "PROAV", "ADJD"])
CLAUSE_BOUNDARY = (",", ";", ":", "(", "–", "—")
SUBORDINATING_TAGS = ("KOUS", "PRELS", "PWAV")
FINITE_AUX_TAGS = ("VAFIN", "VMFIN")


# ---------------------------------------------------------------- noun phrases
def np_forward(doc: Doc, i: int, end: int) -> Span | None:
    """A noun phrase starting at token ``i`` (before ``end``), or ``None``.

    Determiner* adjective* noun+ (with trailing names: "sein US-Kollege Antony
    Blinken"), a named entity, or a single subject pronoun ("er", "Beide").
    """
    if i >= end:
        return None
    tok = doc[i]
    determiner_like = tok.tag_ in ("PDS", "PIS") and i + 1 < end and (
        doc[i + 1].tag_ in NP_HEAD or doc[i + 1].tag_ in NP_MOD)  # "Dieser Arzt"
    if not determiner_like and (
            tok.tag_ in PRONOUNS or (tok.pos_ == "PRON" and tok.tag_ not in ("PRF", "PRELS"))):
        return _pronoun_np(doc, i)
    j = _skip_determiners_and_adjectives(doc, i + 1 if determiner_like else i, end)
    if j > i and j < end and doc[j].tag_ not in NP_HEAD and doc[j - 1].tag_ in NP_MOD \
            and doc[j - 1].text[:1].isupper():
        return doc[i:j]  # nominalised adjective: "ihre Verbündeten", "der Vorsitzende"
    k = _head_end(doc, j, end)
    if k == j:
        return None
    while k < end and doc[k].ent_iob_ == "I":  # an entity that starts inside
        k += 1
    k = _extend_genitive(doc, k, end)
    k = _extend_von_attribute(doc, k, end)
    k = close_quoted_name(doc, i, _extend_field_of_institution(doc, k, end), end)
    return doc[i:k]


def _pronoun_np(doc: Doc, i: int) -> Span | None:
    tok = doc[i]
    if tok.lower_ in SUBJECT_PRONOUNS or tok.tag_ in ("PIS", "PDS"):
        return doc[i : i + 1]
    return None


def _skip_determiners_and_adjectives(doc: Doc, j: int, end: int) -> int:
    while j < end and (doc[j].tag_ in NP_DET or doc[j].pos_ == "DET"):
        j += 1
    while j < end and (doc[j].tag_ in NP_MOD or (doc[j].pos_ == "ADJ" and doc[j].tag_ != "ADJD")):
        j += 1
    return j


def _head_end(doc: Doc, j: int, end: int) -> int:
    """End of the run of nouns and names (and entity tokens) starting at ``j``."""
    k = j
    while k < end and (doc[k].tag_ in NP_HEAD or doc[k].pos_ in ("NOUN", "PROPN")
                       or doc[k].ent_iob_ == "I" or (k == j and doc[k].ent_iob_ == "B")):
        if k > j and doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "PER" \
                and doc[k - 1].ent_type_ == "PER":
            break  # "kritisierte Rajoy Zapatero": two persons side by side
        k += 1
        if k + 1 < end and doc[k].is_space and doc[k + 1].tag_ in NP_HEAD:
            k += 1  # a double space inside a name: "Parlamentspräsident  Jerzy Buzek"
    if k > j and doc[k - 1].tag_ == "TRUNC" and k + 1 < end and doc[k].tag_ == "KON" \
            and doc[k + 1].tag_ in NP_HEAD:  # "eine Gesetzes- und Grundrechtslücke"
        return _head_end(doc, k + 1, end)
    return k


def _extend_genitive(doc: Doc, k: int, end: int) -> int:
    """Over a genitive attribute: "der Chef der Bank"."""
    if k + 1 < end and doc[k].tag_ == "ART" and doc[k].lower_ in GENITIVE_ARTICLES \
            and doc[k + 1].tag_ in NP_HEAD | NP_MOD:
        g = np_forward(doc, k, end)
        if g is not None:
            return g.end
    return k


def _extend_von_attribute(doc: Doc, k: int, end: int) -> int:
    """"der Bürgermeister von Christchurch": an attribute, not an adverbial."""
    if k + 1 < end and doc[k].lower_ in VON and doc[k - 1].tag_ in ("NN", "NE") \
            and doc[k + 1].text[:1].isupper():
        g = np_forward(doc, k + 1, end)
        if g is not None and not is_time_noun(g[-1].lower_) and (
                g.end >= end or doc[g.end].text in (",", "(") or doc[g.end].tag_.startswith("V")):
            return g.end
    return k


def names_a_time(span: Span) -> bool:
    """"dem Jahr 2005", "den letzten Wochen", "Januar": a phrase that dates, not a source."""
    return any(is_time_noun(t.lower_) or t.lower_.rstrip("en") in ("jahr", "monat", "woch", "tag")
               or t.text.isdigit() and len(t.text) == 4 for t in span)


def is_time_noun(low: str) -> bool:
    """"dienstagabend", "januar", "wochenende": a noun that names a time
    (``time_nouns.txt``; a weekday or month with a time of day after it, too)."""
    times = de.word_list("time_nouns")
    return low in times or any(low.startswith(t) and low[len(t):] in times
                               for t in times if len(low) > len(t))


def _extend_field_of_institution(doc: Doc, k: int, end: int) -> int:
    """"das Bundesamt für Migration und Flüchtlinge", "die Aufsichtsbehörde für
    Zivilluftfahrt": "für" and bare nouns (no article) are part of an institution's name."""
    if not (k + 1 < end and doc[k].lower_ == FUER and doc[k - 1].tag_ == "NN"):
        return k
    word = doc[k - 1].lower_
    if not any(w.endswith(INSTITUTION_HEADS) for w in (word, word[:-1], word[:-2])):
        return k  # also the genitive: "des Landesamts", "des Verbandes"
    j = k + 1
    while j < end and (doc[j].tag_ in ("NN", "ADJA") or (
            doc[j].lower_ in ("und", "-") and j + 1 < end and doc[j + 1].tag_ in ("NN", "ADJA"))):
        j += 1
    return j if j > k + 1 and doc[j - 1].tag_ == "NN" else k


def np_coordinated(doc: Doc, i: int, end: int) -> Span | None:
    """A noun phrase, extended over "und"/"sowie" + noun phrase ("Bürgermeister und Senator")."""
    np = np_forward(doc, i, end)
    while np is not None and np.end + 1 < end and doc[np.end].lower_ in NP_COORDINATORS:
        nxt = np_forward(doc, np.end + 1, end)
        if nxt is None:
            break
        np = doc[np.start : nxt.end]
    return np


def is_np(span: Span) -> bool:
    """Whether ``span`` as a whole is one noun phrase (or a coordination of them)."""
    toks = [t for t in span if not t.is_space]
    if not toks:
        return False
    i = toks[0].i
    end = toks[-1].i + 1
    while i < end:
        np = np_forward(span.doc, i, end)
        if np is None:
            return False
        i = np.end
        if i < end and (span.doc[i].lower_ in NP_LIST_SEPARATORS or span.doc[i].text == ","):
            i += 1
        elif i < end:
            return False
    return True


def first_np_after(doc: Doc, i: int, end: int) -> Span | None:
    """Subject after a finite verb: skip adverbs, reflexives and one PP."""
    skipped_pp = False
    while i < end:
        tok = doc[i]
        np = np_forward(doc, i, end)
        if np is not None:
            return np
        if tok.tag_ in SKIP_MITTELFELD or tok.pos_ in ("ADV", "PART") \
                or tok.lower_ in MITTELFELD_SKIP_WORDS:
            i += 1
            continue
        if tok.tag_ in ("APPR", "APPRART") and not skipped_pp:
            pp = np_forward(doc, i + 1, end)
            if pp is None:
                return None
            i = pp.end
            skipped_pp = True
            continue
        return None
    return None


# --------------------------------------------------------------------- clauses
def _embedded_fragment(doc: Doc, k: int, j: int) -> bool:
    """A quoted phrase inside the clause ("hatte die Zustimmung „trotz einiger Vorbehalte“
    bekanntgegeben"): no finite verb, no sentence end, the clause goes on after it."""
    after = doc[j + 1] if j + 1 < len(doc) else None
    before = doc[k - 1] if k > 0 else None
    return after is not None and not after.is_punct and not after.is_space \
        and (before is None or before.text not in (":", ",")) \
        and not any(is_finite(t) or t.text in (".", "!", "?") for t in doc[k : j + 1])


def clause_start(doc: Doc, sent: Span, i: int, blocked: set[int]) -> int:
    """Start of the clause that holds token ``i`` (after , ; : or a quotation).

    A short quoted name inside the clause („Ärzte ohne Grenzen“) is not a boundary.
    """
    j = i - 1
    while j >= sent.start:
        if j in blocked:
            k = j
            while k - 1 >= sent.start and (k - 1) in blocked:
                k -= 1
            if is_short_name_run(doc[k : j + 1]) or _embedded_fragment(doc, k, j):
                j = k - 1
                continue
            return j + 1
        t = doc[j]
        if t.text == ")":  # "(National Environment Management Authority, NEMA)": skip
            k = j - 1
            while k > sent.start and doc[k].text not in "()" and k not in blocked:
                k -= 1
            if doc[k].text == "(":
                j = k - 1
                continue
        if t.text in CLAUSE_BOUNDARY or t.is_space and "\n" in t.text:  # not a doubled space
            if t.text == "," and j == i - 1 and _apposition_vorfeld(doc, sent, j, blocked):
                return sent.start
            return j + 1
        j -= 1
    return sent.start


def _apposition_vorfeld(doc: Doc, sent: Span, comma: int, blocked: set[int]) -> bool:
    """"Der Vorsitzende der Gewerkschaft, Frank Bsirske, würdigte …": the comma right
    before the finite verb closes an apposition when everything before it, from the
    sentence start, holds another comma (or ends with a parenthesis: "X (SPD), hat …") and
    no finite verb or quotation."""
    before = doc[sent.start: comma]
    closes = "," in [t.text for t in before] or doc[comma - 1].text == ")"  # "X (SPD), hat"
    return closes and doc[sent.start].text[:1].isupper() \
        and not any(is_finite(t) or t.i in blocked or t.is_space for t in before)


def apposition_mittelfeld(doc: Doc, sent: Span, comma: int, i: int) -> bool:
    """"Vor kurzem hatte ein Talibanführer, Baitullah Mehsud, erklärt": the comma before a
    participle closes an apposition after the one finite auxiliary of the sentence, whose
    subject follows it (an adverbial before it)."""
    fins = [t for t in doc[sent.start: comma] if is_finite(t)]
    if i + 1 >= sent.end or doc[i + 1].text != "," \
            or any(t.tag_ in ("PTKZU", "VVIZU") for t in doc[i: sent.end]):
        return False  # "…, zugesagt, nicht … bestimmen zu wollen": no reported clause
    return doc[i].tag_ == "VVPP" and len(fins) == 1 and fins[0].tag_ == "VAFIN" \
        and doc[sent.start].tag_ in ("ADV", "APPR", "APPRART", "PAV", "PROAV") \
        and any(t.text == "," for t in doc[fins[0].i + 1: comma])


def is_finite(t: Token) -> bool:
    """A finite verb by tag (``…FIN``) or morphology (``VerbForm=Fin``)."""
    return t.tag_.endswith("FIN") or "Fin" in t.morph.get("VerbForm")


def finite_for(doc: Doc, cue: Token, start: int) -> Token:
    """The finite verb of ``cue``'s clause (``cue`` itself or an auxiliary before it)."""
    if is_finite(cue) and not _participle_taken_for_finite(doc, cue, start):
        return cue
    for j in range(start, cue.i):
        if doc[j].tag_ in FINITE_AUX_TAGS or (doc[j].pos_ == "AUX"
                                              and "Fin" in doc[j].morph.get("VerbForm")) \
                or doc[j].tag_ == "VVFIN" and doc[j].lemma_.lower() == LASSEN:
            return doc[j]  # also "ließ … verlauten", "lässt … mitteilen"
    return cue


def _participle_taken_for_finite(doc: Doc, cue: Token, start: int) -> bool:
    """"Brandt hatte die Rolle betont: …", "X wird … zitiert, …": a participle the tagger took
    for a finite verb ("betont", "zitiert" are both) — it closes its clause after a finite
    form of haben/sein/werden."""
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if nxt is not None and not nxt.is_punct:
        return False
    return any(doc[j].tag_ == "VAFIN" and (doc[j].lemma_.lower() in PERFECT_AUXILIARIES
                                           or doc[j].lemma_.lower() == "werden")
               for j in range(start, cue.i))


def main_finite_before(doc: Doc, start: int, end: int) -> Token | None:
    """First finite verb in ``doc[start:end]``."""
    for j in range(start, end):
        t = doc[j]
        if t.tag_.endswith("FIN") or (t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")):
            return t
    return None


def _preposition_before_article(tok: Token) -> bool:
    """"Während der Operation …": a subordinator that can be a preposition, before an
    article or possessive, is the preposition (the tagger often says KOUS)."""
    doc = tok.doc
    return tok.lower_ in ("während", "seit", "bis") and tok.i + 1 < len(doc) \
        and doc[tok.i + 1].tag_ in ("ART", "PPOSAT", "APPRART")


def main_finite(sent: Span, blocked: set[int]) -> Token | None:
    """First finite verb of ``sent`` outside subordinate clauses and quotes."""
    sub = False
    for tok in sent:
        if tok.i in blocked:
            continue
        if (tok.tag_ in SUBORDINATING_TAGS or tok.lower_ in COMPLEMENTIZERS
                and tok.i != sent.start) and not _preposition_before_article(tok):
            sub = True
        if tok.text == "," and sub:
            sub = False
            continue
        if not sub and is_finite(tok):
            return tok
    return None


# ------------------------------------------------------------------------ mood
def is_konj1(tok: Token) -> bool:
    """Konjunktiv I, the mood of reported speech (Konjunktiv II forms excluded)."""
    return "Sub" in tok.morph.get("Mood") and tok.lower_ not in KONJ2_FORMS


def is_reportive(sent: Span, fin: Token) -> bool:
    """Reportive "sollen": "Es soll zu Einsätzen gekommen sein" (hearsay, not obligation)."""
    if fin.lemma_.lower() not in REPORTIVE_MODALS:
        return False
    toks = [t for t in sent if not t.is_punct and not t.is_space]
    return len(toks) >= 2 and toks[-1].lower_ in PERFECT_AUXILIARIES and toks[-2].tag_ in (
        "VVPP", "VAPP", "VMPP")


# ------------------------------------------------------------------- heißt es
HEISSEN_PARTICIPLE = "geheißen"


def is_heisst_es(doc: Doc, tok: Token, limit: int) -> bool:
    """``tok`` is "heißt"/"hieß" followed by "es" before token ``limit``, or a perfect
    "hatte es … geheißen"."""
    if tok.i + 1 >= limit or doc[tok.i + 1].lower_ != IMPERSONAL_ES:
        return False
    return tok.lower_ in HEISSEN_FORMS or tok.lemma_ == "haben" and any(
        doc[k].lower_ == HEISSEN_PARTICIPLE for k in range(tok.i + 2, min(limit, tok.i + 12)))


def heisst_es_source(doc: Doc, fin: Token, *, vorfeld: int | None = None,
                     sent_end: int | None = None) -> Span | None:
    """The document in "In dem Bericht heißt es" / "heißt es in einer Erklärung".

    ``vorfeld`` (the clause start) lets the source stand before "heißt es" ("In dem
    Bericht"); ``sent_end`` lets it follow ("heißt es wörtlich in der Erklärung").
    """
    if vorfeld is not None and vorfeld + 1 < fin.i and (
            doc[vorfeld].lower_ in DOCUMENT_PREPOSITIONS
            or doc[vorfeld].lower_ in HEISST_ES_SOURCE_PREPOSITIONS):  # "Auf der Website"
        return np_forward(doc, vorfeld + 1, fin.i)
    if sent_end is None:
        return None
    j = fin.i + 2
    while j < sent_end and doc[j].tag_ in ("ADV", "ADJD"):
        j += 1
    if j + 1 < sent_end and doc[j].lower_ in HEISST_ES_SOURCE_PREPOSITIONS:
        return np_forward(doc, j + 1, sent_end)
    return None


def is_perfect_passive(doc: Doc, fin: Token, cue: Token) -> bool:
    """"war … festgestellt worden", "ist … mitgeteilt worden": a form of "sein" with the
    participle ``cue`` and "worden" right after it."""
    return fin.lemma_.lower() == PERFECT_PASSIVE_AUX and cue.i + 1 < len(doc) \
        and doc[cue.i + 1].lower_ == WORDEN
