"""The speaker of a speech verb: its subject, found by the parser or by word order.

With an installed parser the subject (TIGER ``sb``, UD ``nsubj``) of the speech verb
or of its auxiliary is taken. Without one, :func:`find_subject` tries the rules of
``_RULES`` in order — coordinated verbs, relative clauses, appositions, subordinate
clauses, passives — and falls back to the subject of the verb's clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newskit.components.quotes.fronted import fronted_object
from newskit.components.quotes.grammar import (
    NP_ANY,
    NP_HEAD,
    PRONOUNS,
    apposition_mittelfeld,
    clause_start,
    finite_for,
    first_np_after,
    heisst_es_source,
    is_finite,
    is_heisst_es,
    is_perfect_passive,
    main_finite_before,
    np_coordinated,
    np_forward,
)
from newskit.components.quotes.words import (
    BACKREF,
    CLAUSE_CONJUNCTIONS,
    COMPLEMENTIZERS,
    DOCUMENT_PREPOSITIONS,
    FOCUS_PARTICLES,
    INVERTED_SUBJECT_PRONOUNS,
    OBLIQUE_STARTS,
    PASSIVE_AUX,
    SEITEN,
    SPEECH_CLAUSE_SUBORDINATORS,
    SUBJECT_PRONOUNS,
    SUBORDINATE_FRAME_OPENERS,
    UND,
    VON,
    VONSEITEN,
    VORFELD_POSTPOSITIONS,
    ZITIEREN,
)
from newskit.lang.de.declension import readings
from newskit.nlp.sentences import has_parse

NOT_SUBJECT_START = frozenset(["APPR", "APPRART", "ADV", "PAV", "PROAV", "KOUS", "PWAV", "ADJD",
                               "PTKNEG", "KON", "PWS", "PRELS", "KOKOM", "PTKZU", "CARD"])
NONFINITE_VERB_TAGS = ("VVPP", "VVINF", "VVIZU")
VERLAUTEN = "verlauten"


# ---------------------------------------------------------------- clause subject
def _starts_like_adverbial(toks: list[Token]) -> bool:
    if toks[0].ent_type_ == "PER":
        return False  # "Von der Leyen betonte"
    return toks[0].tag_ in NOT_SUBJECT_START or toks[0].pos_ in ("ADP", "SCONJ", "ADV")


def _starts_oblique(toks: list[Token]) -> bool:
    """"Den Flüchtlingen sicherte X zu": dative or accusative, not the subject."""
    return toks[0].lower_ in OBLIQUE_STARTS


def _der_not_nominative(toks: list[Token]) -> bool:
    """"Der englischsprachigen Zeitung sagte X": "der" before a noun that is never masculine
    singular is a dative or genitive, not the subject."""
    if toks[0].lower_ != "der" or len(toks) < 2:
        return False
    k = 1
    while k < len(toks) and toks[k].tag_ == "ADJA":
        k += 1
    if k >= len(toks) or toks[k].tag_ != "NN":
        return False
    options = readings(toks[k].text)
    return bool(options) and not any(r.genus == "m" and not r.plural for r in options)


def _points_back(toks: list[Token]) -> bool:
    """"Das erklärte X": the object points back, X is the subject."""
    return len(toks) == 1 and toks[0].lower_ in BACKREF


def _postpositional(toks: list[Token]) -> bool:
    """"Ihr gegenüber hat er angegeben": a postpositional phrase."""
    return toks[-1].tag_ == "APPO" or toks[-1].lower_ in VORFELD_POSTPOSITIONS


def _holds_verb(toks: list[Token]) -> bool:
    return any(t.tag_.endswith("FIN") or t.tag_ in NONFINITE_VERB_TAGS for t in toks)


def _holds_complementizer(toks: list[Token]) -> bool:
    return any(t.lower_ in COMPLEMENTIZERS for t in toks)


def _lacks_nominal(toks: list[Token]) -> bool:
    if toks[-1].tag_ == "ADJA" and toks[-1].text.rsplit("-", 1)[-1][:1].isupper() \
            and len(toks) > 1:
        return False  # a nominalised adjective: "Der 61-Jährige"
    return not any(t.tag_ in NP_HEAD or t.tag_ in PRONOUNS or t.pos_ in ("NOUN", "PROPN")
                   or t.ent_iob_ in ("B", "I") for t in toks)


def _object_pronoun(toks: list[Token]) -> bool:
    """"Ihm sagte …": dative, not the subject."""
    return toks[0].tag_ == "PPER" and toks[0].lower_ not in SUBJECT_PRONOUNS


def _genitive_vorfeld(toks: list[Token]) -> bool:
    """"Des Weiteren sagte X": a Vorfeld in the genitive is an adverbial."""
    return toks[0].lower_ in ("des", "eines")


# a Vorfeld (focus particles removed) is not the subject when any of these holds
_NOT_A_SUBJECT = (_starts_like_adverbial, _starts_oblique, _der_not_nominative, _points_back,
                  _postpositional, _holds_verb, _holds_complementizer, _lacks_nominal,
                  _object_pronoun, _genitive_vorfeld)


def vorfeld_subject(vorfeld: Span) -> Span | None:
    """The Vorfeld as subject: it must start like a noun phrase and hold a noun or pronoun.

    This accepts attachments a strict noun-phrase grammar misses ("Einige der
    einflussreichsten britischen Moslems im Vereinigten Königreich").
    """
    toks = [t for t in vorfeld if not t.is_space]
    while toks and toks[0].lower_ in FOCUS_PARTICLES:
        toks = toks[1:]
    if not toks or any(rule(toks) for rule in _NOT_A_SUBJECT):
        return None
    return vorfeld.doc[toks[0].i : toks[-1].i + 1]


def clause_subject(doc: Doc, sent: Span, fin: Token, start: int) -> Span | None:
    """Subject of the clause whose finite verb is ``fin`` and which starts at ``start``."""
    if is_heisst_es(doc, fin, sent.end):
        return heisst_es_source(doc, fin, vorfeld=start, sent_end=sent.end)
    nxt = doc[fin.i + 1] if fin.i + 1 < sent.end else None
    if nxt is not None and nxt.lower_ in INVERTED_SUBJECT_PRONOUNS and nxt.tag_ == "PPER":
        return doc[nxt.i : nxt.i + 1]  # "Die Bürger forderte er auf": a pronoun subject leads
    if fin.i > start and not fronted_object(doc[start : fin.i], fin, sent):
        subj = vorfeld_subject(doc[start : fin.i])
        if subj is not None:
            end = subj.end
            while end - 1 > subj.start and doc[end - 1].text == ",":
                end -= 1  # "Der Vorsitzende, Frank Bsirske, sagte": the apposition's comma
            return subj if end == subj.end else doc[subj.start : end]
    return first_np_after(doc, fin.i + 1, sent.end)


# ------------------------------------------------------------------ find_subject
@dataclass(frozen=True)
class _Clause:
    """A speech verb ``cue`` in ``sent``: its clause start and finite verb."""

    doc: Doc
    sent: Span
    cue: Token
    start: int
    fin: Token


class _Undecided:
    """A rule's answer when it does not apply (``None`` means "applies: no subject")."""


UNDECIDED = _Undecided()
Decision = Span | None | _Undecided


def _coordinated_verb(c: _Clause) -> Decision:
    """"X erwartet … und gab bekannt, dass …": the coordinated verb shares X; so does a verb
    right after a comma followed only by adverbs and its particle ("Die Vereinten Nationen
    bestätigten den Zwischenfall, teilten jedoch mit, …")."""
    doc = c.doc
    if c.fin.i == c.start > c.sent.start + 2 and doc[c.start - 1].text == ",":
        j = c.fin.i + 1
        while j < c.sent.end and doc[j].tag_ == "ADV":
            j += 1
        first = main_finite_before(doc, c.sent.start, c.start - 1)
        if j < c.sent.end and doc[j].tag_ in ("PTKVZ", "PAV", "PROAV") and first is not None \
                and first.i > c.sent.start and doc[c.sent.start].tag_ not in NOT_SUBJECT_START:
            return clause_subject(doc, c.sent, first, c.sent.start)
    for j in range(c.start, c.cue.i):
        if doc[j].lower_ == UND and doc[j].tag_ == "KON" and (
                doc[j + 1].i == c.cue.i or doc[j + 1].tag_.endswith("FIN")):
            first = main_finite_before(doc, c.start, j)
            if first is not None:
                return clause_subject(doc, c.sent, first, c.start)
    return UNDECIDED


def _prepositional_relative(c: _Clause) -> Decision:
    """"…, bei dem sie gesagt hatte, …": the subject follows the relative pronoun; after
    "in dessen Folge" it follows the noun "dessen" goes with."""
    doc, start, k = c.doc, c.start, c.start + 2
    if doc[start].tag_ in ("APPR", "APPRART") and k < c.cue.i \
            and doc[start + 1].tag_ in ("PRELS", "PRELAT"):
        while doc[start + 1].lower_ in ("dessen", "deren") and doc[k].tag_ == "ADJA":
            k += 1
        subj = np_forward(doc, k + (doc[start + 1].lower_ in ("dessen", "deren")), c.cue.i)
        return subj if subj is not None else UNDECIDED
    return UNDECIDED


def _relative_antecedent(c: _Clause) -> Decision:
    """"…, der erklärt hat, …": the antecedent before the comma speaks."""
    doc, start, sent = c.doc, c.start, c.sent
    if not (doc[start].tag_ == "PRELS" and start - 2 >= sent.start and doc[start - 1].text == ","):
        return UNDECIDED
    k = start - 1
    while k - 1 >= sent.start and (doc[k - 1].tag_ in NP_ANY
                                    or doc[k - 1].pos_ in ("PROPN", "NOUN")):
        k -= 1
    if k < start - 1 and np_forward(doc, k, start - 1) is not None:
        return doc[k : start - 1]
    return UNDECIDED


def _apposition_in_speech_clause(c: _Clause) -> Decision:
    """"Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, …": over the apposition."""
    doc, start, sent, cue = c.doc, c.start, c.sent, c.cue
    if not (start == cue.i and start - 1 > sent.start and doc[start - 1].text == ","):
        return UNDECIDED
    for j in range(start - 2, sent.start - 1, -1):
        t = doc[j]
        if t.tag_.endswith("FIN") or t.tag_.startswith("V"):
            break
        if t.tag_ in ("KOUS", "PWAV") or t.lower_ in SPEECH_CLAUSE_SUBORDINATORS:
            subj = np_coordinated(doc, j + 1, cue.i)
            return subj if subj is not None else UNDECIDED
    return UNDECIDED


def _subordinate_clause(c: _Clause) -> Decision:
    """"Während Premierminister X ankündigte, …"."""
    first, after = c.doc[c.start], c.cue.i + 1
    if is_finite(c.cue) and after < c.sent.end and not c.doc[after].is_punct:
        return UNDECIDED  # "Als Grund gab die Behörde … an": verb second, a main clause
    if first.tag_ in ("KOUS", "PWAV") or first.lower_ in SUBORDINATE_FRAME_OPENERS:
        i = c.start + 1  # "Wie schon die WHO sagte", "Wie gestern die Polizei mitteilte"
        while i < c.cue.i and (c.doc[i].tag_ == "ADV" or c.doc[i].lower_ in FOCUS_PARTICLES):
            i += 1
        subj = np_forward(c.doc, i, c.cue.i)
        if subj is not None:
            return subj
    return UNDECIDED


def _new_main_clause(c: _Clause) -> Decision:
    """"…, und die Hongkonger befürchten, dass …": a new main clause after a conjunction."""
    doc, fin, start = c.doc, c.fin, c.start
    for j in range(fin.i - 1, start, -1):
        if doc[j].tag_ == "KON" and doc[j].lower_ in CLAUSE_CONJUNCTIONS:
            subj = vorfeld_subject(doc[j + 1 : fin.i]) if j + 1 < fin.i else None
            if subj is not None and any(t.tag_.endswith("FIN") for t in doc[start:j]):
                return subj
            return UNDECIDED
    return UNDECIDED


def _zitieren_object(c: _Clause) -> Decision:
    """"Ein Fernsehsender zitierte Papandreou mit den Worten: …": the object speaks."""
    cue = c.cue
    if cue.lemma_.lower() == ZITIEREN and cue.tag_ == "VVFIN" and c.fin.i == cue.i:
        obj = first_np_after(c.doc, cue.i + 1, c.sent.end)
        if obj is not None:
            return obj
    return UNDECIDED


def _passive(c: _Clause) -> Decision:
    """"wird von der Zeitung zitiert": the agent; "In einer Presseerklärung wurde verkündet":
    the document; "Musk wird wie folgt zitiert": the passive subject is the one quoted."""
    doc, cue, fin, start = c.doc, c.cue, c.fin, c.start
    # "zitiert" is also a finite form: after the clause's finite "wird" it is the participle
    participle = cue.tag_ == "VVPP" or (cue.tag_ == "VVFIN" and cue.i > fin.i)
    if not participle or not (fin.lemma_.lower() == PASSIVE_AUX or is_perfect_passive(doc, fin, cue)):
        return UNDECIDED
    if cue.lemma_.lower() == ZITIEREN:
        return clause_subject(doc, c.sent, fin, start)
    for j in range(fin.i + 1, cue.i):
        if doc[j].lower_ in VON and j + 1 < cue.i:
            agent = np_forward(doc, j + 1, cue.i)
            if agent is not None:
                return agent
    first = start + 1
    if doc[start].lower_ in VON and first + 1 < fin.i and doc[first].lower_ == SEITEN:
        first += 1  # "Von Seiten der Regierung wurde erklärt"
    elif doc[start].lower_ == VONSEITEN:
        first = start + 1
    elif doc[start].lower_ not in VON:
        first = fin.i
    if first < fin.i:  # "Von der Polizei wurde mitgeteilt"
        agent = np_forward(doc, first, fin.i)
        if agent is not None and not any(t.text == "," or t.pos_ in ("VERB", "AUX")
                                         for t in doc[agent.end: fin.i]):
            return doc[agent.start: fin.i]  # with its attributes ("… in beiden Staaten")
    if doc[start].lower_ in DOCUMENT_PREPOSITIONS and start + 1 < fin.i:
        src = np_forward(doc, start + 1, fin.i)
        if src is not None:
            return doc[start : src.end]
    return None  # "Der Kommission wird … vorgeworfen": a passive without agent names nobody




def _verlauten_source(c: _Clause) -> Decision:
    """"Aus Militärkreisen verlautete, dass …", "Wie aus Reihen des Gerichts verlautete, …":
    the source after "aus"."""
    doc, start, fin = c.doc, c.start, c.fin
    if doc[start].tag_ in ("PWAV", "KOUS"):
        start += 1
    if c.cue.lemma_.lower() != VERLAUTEN or doc[start].lower_ not in DOCUMENT_PREPOSITIONS \
            or start + 1 >= fin.i:
        return UNDECIDED
    src = np_forward(doc, start + 1, fin.i)
    return src if src is not None else UNDECIDED


def _subject_before_comma(c: _Clause) -> Decision:
    """"X, der Polizeichef der Region, sagte …" / "X, der sich … entschlossen hatte, sagte …"."""
    doc, fin, sent = c.doc, c.fin, c.sent
    if not (c.start == fin.i and fin.i > sent.start and doc[fin.i - 1].text == ","):
        return UNDECIDED
    nxt = doc[fin.i + 1] if fin.i + 1 < sent.end else None
    if nxt is not None and nxt.tag_ == "PPER" and (
            nxt.lower_ in INVERTED_SUBJECT_PRONOUNS  # "Den Währungsfonds, …, forderte er auf"
            or nxt.i + 1 < sent.end and doc[nxt.i + 1].text == ","):  # "Die Lage, sagte sie, …"
        return doc[nxt.i: nxt.i + 1]
    i = sent.start
    while i < fin.i and doc[i].lower_ in FOCUS_PARTICLES:
        i += 1
    head = np_coordinated(doc, i, fin.i)
    if head is not None and head.end < fin.i and doc[head.end].text != ",":
        # "Die Regierungsparteien in Pakistan, die PPP …, hatten erklärt": take the
        # phrase up to the first comma when it holds no verb
        comma = next((j for j in range(head.end, fin.i) if doc[j].text == ","), None)
        if comma is not None and not any(
                t.tag_.startswith("V") or t.tag_ in ("KOUS", "PRELS") for t in doc[i:comma]):
            head = doc[i:comma]
    if head is not None and head.end < fin.i and doc[head.end].text == "," and not any(
            t.is_sent_start for t in doc[head.start + 1 : fin.i]):
        return head
    return UNDECIDED


# tried in order; the first rule that decides gives the subject
_RULES = (
    _coordinated_verb,
    _prepositional_relative,
    _relative_antecedent,
    _apposition_in_speech_clause,
    _subordinate_clause,
    _new_main_clause,
    _zitieren_object,
    _passive,
    _verlauten_source,
    _subject_before_comma,
)


SUBJECT_DEPS = ("sb", "nsubj")  # TIGER and UD subject relations


def dependency_subject(doc: Doc, cue: Token) -> Span | None:
    """The parser's subject of ``cue`` or of the auxiliary that heads it, with its subtree."""
    heads = [cue] + ([cue.head] if cue.head.pos_ == "AUX" else [])
    for head in heads:
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                return doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def find_subject(doc: Doc, sent: Span, cue: Token, blocked: set[int]) -> Span | None:
    """The speaker noun phrase of speech verb ``cue``."""
    if has_parse(doc):
        subj = dependency_subject(doc, cue)
        if subj is not None:
            return subj
    start = clause_start(doc, sent, cue.i, blocked)
    if start == cue.i > sent.start and doc[start - 1].text == "," \
            and apposition_mittelfeld(doc, sent, start - 1, cue.i):
        start = sent.start  # the subject, with its apposition, follows the auxiliary
    fin = finite_for(doc, cue, start)
    clause = _Clause(doc, sent, cue, start, fin)
    for rule in _RULES:
        decision = rule(clause)
        if decision is not UNDECIDED:
            return decision
    return clause_subject(doc, sent, fin, start)
