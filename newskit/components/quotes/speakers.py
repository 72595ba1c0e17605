"""Who a speaker mention is: entity names, pronoun antecedents, role nouns, inherited speakers.

Everything :func:`resolve_speakers` looks up in the Doc — entities by position, by name and
by label, sentence starts — comes from a :class:`DocIndex` built once per Doc, so
resolving a quote never scans the whole Doc.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newskit.components.entities import is_role_word, resolve_role
from newskit.components.gender.evidence import name_gender, noun_gender
from newskit.components.quotes.frames import Quote
from newskit.components.quotes.grammar import clause_start, is_np, main_finite, np_forward
from newskit.components.quotes.refine import head, phrase, refine, words
from newskit.components.quotes.subjects import clause_subject
from newskit.components.quotes.words import (
    GENITIVE_ARTICLES,
    MASCULINE_PRONOUN,
    NP_COORDINATORS,
    RESOLVABLE_PRONOUNS,
)
from newskit.lang import de
from newskit.nlp.sentences import sentence_ids

# entity labels a mention is named by, in order of preference
MENTION_LABELS = ("PER", "ORG", "LOC", "MISC")
# labels of a speaker named before the first report
SOURCE_LABELS = ("PER", "ORG")
# a pronoun refers to a speaker reported within this many sentence starts before it
PRONOUN_WINDOW_SENTS = 3
# a bare definite noun looks this many tokens back for the phrase it shortens
ANTECEDENT_WINDOW = 600
# a preposition this many tokens before a name puts it in a prepositional phrase
PP_LOOKBACK = 4
OWN = "eigen"  # "nach eigenen Angaben", "eigener Aussage zufolge"
CLAUSE_MARKS = frozenset(",;:–")
DEFINITE_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des"])
# a quoted title after a head noun has at most this many tokens („Ärzte ohne Grenzen“)
MAX_TITLE_WORDS = 6
OPENING_MARKS = frozenset("„»«‚\"“")
CLOSING_MARKS = frozenset("“”«»‘’\"")
# a frameless quote takes the next quote's speaker if at most this many sentences lie between
NEXT_QUOTE_MAX_GAP = 1


def canonical(ent: Span) -> str:
    """An entity's canonical name (its text when it has none)."""
    return ent._.nk_canonical or ent.text


class _Ents:
    """Entities in text order with their end offsets, for "the last one ending before …"."""

    def __init__(self, ents: list[Span]):
        self.ents = ents
        self.ends = [e.end_char for e in ents]

    def last_ending_by(self, char: int) -> Span | None:
        k = bisect_right(self.ends, char)
        return self.ents[k - 1] if k else None


@dataclass
class DocIndex:
    """Entities and sentences of one Doc, indexed once."""

    doc: Doc
    ents: list[Span]
    ent_starts: list[int]  # token start of each entity
    by_name: dict[str, _Ents]
    sources: _Ents  # persons and organisations
    persons: list[tuple[int, str]]  # (char start, canonical name) of each person
    person_names: set[str]
    person_gender: dict[str, str]  # canonical name -> "female"/"male" where the name tells
    sent_of: list[int]  # sentence index of each token
    sent_start_chars: list[int]
    sent_start_tokens: list[int]

    @classmethod
    def build(cls, doc: Doc) -> DocIndex:
        ents = list(doc.ents)
        names: dict[str, list[Span]] = {}
        for e in ents:
            names.setdefault(canonical(e), []).append(e)
        persons = [(e.start_char, canonical(e)) for e in ents if e.label_ == "PER"]
        sents = list(doc.sents)
        return cls(doc, ents, [e.start for e in ents],
                   {n: _Ents(es) for n, es in names.items()},
                   _Ents([e for e in ents if e.label_ in SOURCE_LABELS]),
                   persons, {p[1] for p in persons}, _genders(doc, persons),
                   list(sentence_ids(doc)),
                   [s.start_char for s in sents], [s.start for s in sents])

    def entity_covering(self, i: int) -> Span | None:
        """The entity that holds token ``i``."""
        k = bisect_right(self.ent_starts, i)
        if k and self.ents[k - 1].end > i:
            return self.ents[k - 1]
        return None

    def person_starting(self, i: int) -> Span | None:
        """A person entity that starts at token ``i``."""
        k = bisect_left(self.ent_starts, i)
        if k < len(self.ents) and self.ents[k].start == i and self.ents[k].label_ == "PER":
            return self.ents[k]
        return None

    def entity_in(self, span: Span) -> Span | None:
        """The last entity inside ``span`` with the first label of ``MENTION_LABELS`` found."""
        lo = bisect_left(self.ent_starts, span.start)
        hi = bisect_left(self.ent_starts, span.end)
        inside = [e for e in self.ents[lo:hi] if e.end <= span.end]
        for label in MENTION_LABELS:
            for e in reversed(inside):
                if e.label_ == label:
                    return e
        return None

    def sentence_start_token(self, i: int) -> int:
        """First token of the sentence that holds token ``i``."""
        return self.sent_start_tokens[self.sent_of[i]]

    def sentence_gap(self, a: int, b: int) -> int:
        """Number of sentence starts between character offsets ``a`` and ``b``."""
        return max(0, bisect_right(self.sent_start_chars, b) - bisect_right(self.sent_start_chars, a))

    def window_start(self, pos: int) -> int:
        """Start of the sentence two sentence starts before ``pos`` (0 near the top)."""
        n = bisect_right(self.sent_start_chars, pos)
        return self.sent_start_chars[n - PRONOUN_WINDOW_SENTS] if n >= PRONOUN_WINDOW_SENTS else 0


def _genders(doc: Doc, persons: list[tuple[int, str]]) -> dict[str, str]:
    """Gender of persons where a first name or a bound role noun tells it."""
    out = {}
    for _, name in persons:
        words_ = name.split()
        g = name_gender(words_[0]) if len(words_) > 1 else None
        if g:
            out[name] = g
    for binding in doc._.nk_roles or []:
        if binding[2] not in out and noun_gender(binding[1].capitalize()) == "female":
            out[binding[2]] = "female"
    return out


History = list[tuple[int, str, Span | None]]  # (char pos, canonical name, mention)


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[str | None]:
    """Canonical speaker per quote: names, pronouns, role nouns, inherited speakers."""
    index = DocIndex.build(doc)
    out: list[str | None] = []
    history: History = []
    for q in quotes:
        name = None
        if q.inherit:
            name = _inherit(index, q, history)
        elif q.speaker is not None:
            name = _refined(index, q, history)
        if name is not None:
            history.append((q.start, name, q.speaker))
        out.append(name)
    _borrow_from_next(index, quotes, out)
    return out


def _last(history: History, pos: int, ok=None):
    """The last history entry before ``pos`` (that ``ok`` accepts), walking back from the
    end: history grows in text order, so this stops after a step or two."""
    for h in reversed(history):
        if h[0] < pos and (ok is None or ok(h)):
            return h
    return None


def _inherit(index: DocIndex, q: Quote, history: History) -> str | None:
    """The speaker of the last report before ``q`` (or the person named just before it)."""
    prev = _last(history, q.start)
    if prev is None:
        return _named_before(index, q)
    _, name, mention = prev
    if q.speaker is None:
        q.speaker = mention
        # the nearest earlier mention of the same speaker
        ents = index.by_name.get(name)
        near = ents.last_ending_by(q.start) if ents is not None else None
        if near is not None and (mention is None or near.start_char > mention.start_char):
            q.speaker = near
    return name


def _named_before(index: DocIndex, q: Quote) -> str | None:
    """Nothing reported yet: the last person or organisation named in the quote's sentence
    or the one before it."""
    doc = index.doc
    window = doc.char_span(q.start, q.end, alignment_mode="expand")
    first_sent = index.sentence_start_token(window.start) if window is not None else 0
    lo = doc[index.sentence_start_token(max(0, first_sent - 1))].idx if first_sent > 0 else 0
    cand = index.sources.last_ending_by(q.start)
    if cand is None or cand.start_char < lo or q.speaker is not None:
        return None
    q.speaker = cand
    return canonical(cand)


def _borrow_from_next(index: DocIndex, quotes: list[Quote], out: list[str | None]) -> None:
    """A quote with no frame and nothing before it takes the speaker of the quote that
    follows in the next sentence ("„…“ „…“, sagte X")."""
    for k in range(len(quotes) - 2, -1, -1):
        q, nxt = quotes[k], quotes[k + 1]
        if q.inherit and out[k] is None and out[k + 1] is not None \
                and index.sentence_gap(q.end, nxt.start) <= NEXT_QUOTE_MAX_GAP:
            out[k] = out[k + 1]
            q.speaker = q.speaker or nxt.speaker


def _refined(index: DocIndex, q: Quote, history: History) -> str | None:
    """Refine ``q.speaker`` (no speaker, affiliation, source noun, anaphora), then resolve it."""
    found = refine(q.speaker)
    if found is None:
        q.speaker = None
        return None
    q.affiliation = found.affiliation
    if found.replaces_mention:
        q.speaker = found.span
    if found.name is not None:
        return found.name
    if found.pronoun is not None:
        return _resolve_pronoun(index, found.span, history, q.cue, word=found.pronoun)
    if found.anaphoric:
        own = _own_subject(index, found.span, history, q.cue)
        return own or _last_source(index, found.span.start_char, history)
    return _resolve_mention(index, found.span, history, q.cue)


def _own_subject(index: DocIndex, span: Span, history: History, cue) -> str | None:
    """"X hat eigenen Angaben zufolge …": "eigen" points to the subject of its own clause."""
    if not any(t.lower_.startswith(OWN) for t in span):
        return None
    doc, sent = index.doc, span.sent
    fin = main_finite(sent, set(range(span.start, span.end)))
    if fin is None:
        return None
    subj = clause_subject(doc, sent, fin, clause_start(doc, sent, fin.i, set()))
    if subj is None or subj.start < span.end and span.start < subj.end:
        return None
    found = refine(subj)
    if found is None or found.span is None:
        return None
    return found.name or _resolve_mention(index, found.span, history, cue)


def _last_source(index: DocIndex, pos: int, history: History) -> str | None:
    """What "Demnach", "Diese", "nach eigenen Angaben" point back to: the last reported
    speaker nearby, else the last person or organisation named nearby."""
    recent = _last(history, pos)
    if recent is not None and recent[0] >= index.window_start(pos):
        return recent[1]
    cand = index.sources.last_ending_by(pos)
    if cand is not None and cand.start_char >= index.window_start(pos):
        return canonical(cand)
    return _last_document(index, pos)


def _last_document(index: DocIndex, pos: int) -> str | None:
    """"In diesem heißt es": the document named last nearby ("das Geheimdokument")."""
    doc, lo = index.doc, index.window_start(pos)
    span = doc.char_span(lo, pos, alignment_mode="contract")
    if span is None:
        return None
    tails = tuple(de.word_list("document_nouns"))
    for tok in reversed(span):
        if tok.tag_ == "NN" and tok.lower_.endswith(tails):
            return phrase([tok])
    return None


def _pronoun_gender(word: str, cue: Span | None) -> str | None:
    """"er" → male; a singular "sie" (not "sie sagten") → female; else None."""
    if word == MASCULINE_PRONOUN:
        return "male"
    if word == "sie" and not (cue is not None and cue.text.endswith("en")):
        return "female"
    return None


def _resolve_pronoun(index: DocIndex, mention: Span, history: History,
                     cue: Span | None = None, word: str | None = None) -> str | None:
    """"er" → the speaker reported in the last ~2 sentences, else the last person named;
    a person whose name says the other gender is skipped ("sie" is not "Wolfgang").
    ``word``: the pronoun a possessive stands for ("ihren Angaben" → "sie")."""
    word = word or mention[0].lower_
    if word not in RESOLVABLE_PRONOUNS:
        return mention.text
    pos = mention.start_char
    gender = _pronoun_gender(word, cue)
    other = {"male": "female", "female": "male"}.get(gender)
    person_only = word == MASCULINE_PRONOUN  # "er" points to a person

    def agrees(h) -> bool:
        return index.person_gender.get(h[1]) != other and (
            not person_only or h[1] in index.person_names)

    last = _last(history, pos, agrees)
    if last is not None and last[0] >= index.window_start(pos):
        return last[1]
    k = bisect_left(index.persons, pos, key=lambda p: p[0])
    for strict in (True, False):  # the last person named before, of any gender but the
        for j in range(k - 1, -1, -1):  # other one, and first not one named in the
            start, name = index.persons[j]  # pronoun's own clause ("mit Collins lenkte er")
            if strict and (_same_clause(index, start, pos)  # or in a phrase ("von
                           or _in_prepositional_phrase(index, start)):  # Präsident Kennedy")
                continue
            if index.person_gender.get(name) != other:
                return name
    return last[1] if last is not None else None


def _in_prepositional_phrase(index: DocIndex, char: int) -> bool:
    """Whether the name at ``char`` follows a preposition within its noun phrase ("von
    Präsident Kennedy", "mit seinen Kollegen Edwin Aldrin")."""
    doc = index.doc
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    for k in range(span.start - 1, max(-1, span.start - 1 - PP_LOOKBACK), -1):
        if doc[k].tag_ in ("APPR", "APPRART"):
            return True
        if doc[k].tag_ not in ("NN", "ADJA", "ART", "PPOSAT", "NE"):
            return False
    return False


def _same_clause(index: DocIndex, a: int, b: int) -> bool:
    """Whether character offsets ``a`` < ``b`` lie in one clause (one sentence, no , ; : or
    dash between them)."""
    return index.sentence_gap(a, b) == 0 and not any(
        c in CLAUSE_MARKS for c in index.doc.text[a:b])


def _role_holder(index: DocIndex, mention: Span, h) -> str | None:
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


def _closing_person(index: DocIndex, mention: Span) -> Span | None:
    """A person named at the end of the phrase, in apposition to its head: "der
    Wissenschaftsjournalist Dirk Lorenzen", "Human Rights Watch-Sprecher Malinowski" — not
    one inside an attribute ("die Anwältin des Klaus Weber")."""
    ent = index.entity_covering(mention.end - 1)
    if ent is None or ent.label_ != "PER" or ent.start <= mention.start:
        return None
    before = index.doc[ent.start - 1]
    if before.tag_ in ("NN", "NE", "TRUNC") or before.text == ",":
        return ent
    return None


def _real_head(index: DocIndex, mention: Span):
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


def _apposed_person(index: DocIndex, mention: Span, h) -> str | None:
    """A person set off by commas as the phrase's apposition: "Der deutsche
    Regierungssprecher, Steffen Seibert, …", "der Sprecher der Bewegung …, Ehsanullah
    Ehsan", "Der Nachfolger des Airbus-Chefs Christian Streiff, Louis Gallois, …"; or
    named just before a role: "Martin Behrsing, Sprecher des Forums, …"."""
    doc = index.doc
    end = min(len(doc), mention.end + 1)
    for c in range(h.i + 1, end):
        if doc[c].text != ",":
            continue
        k = c + 1
        while k < len(doc) and k < c + 3 and (is_role_word(doc[k]) and doc[k].tag_ == "NN"
                                              or doc[k].text in de.word_list("name_titles")):
            k += 1  # ", General George Casey", ", Commander Randy Henderson"
        if k >= len(doc):
            return None
        person = index.person_starting(k)
        if person is not None:
            return canonical(person)
        return _name_run(doc, k, len(doc))
    if mention.start >= 2 and doc[mention.start - 1].text == "," and is_role_word(h):
        before = index.entity_covering(mention.start - 2)
        if before is not None and before.label_ == "PER" and before.end == mention.start - 1:
            return canonical(before)
    return None


def _named_after_head(index: DocIndex, mention: Span, h) -> str | None:
    """A name in apposition right after a common-noun head: "die Nachrichtenagentur
    Associated Press", "das Nachrichtenmagazin Der Spiegel", "Der Fernsehsender „Channel
    10“", also when the phrase found stopped at the head ("des Magazins „Der Spiegel“")."""
    doc = index.doc
    limit = min(len(doc), max(mention.end, h.i + 2 + MAX_TITLE_WORDS))
    j = h.i + 1
    quoted = j < limit and doc[j].text in OPENING_MARKS
    if quoted or (j < limit and doc[j].tag_ == "ART" and doc[j].text[:1].isupper()):
        j += 1  # the mark or a title's own article ("Der Spiegel")
    if j >= limit or (not quoted and j >= mention.end):
        return None
    after = index.entity_covering(j) or index.entity_covering(j - 1)
    if after is not None and after.start in (j, j - 1) and after.start > h.i \
            and (quoted or after.label_ in ("PER", "ORG")):
        return canonical(after)
    if quoted:
        k = j
        while k < limit and doc[k].text not in CLOSING_MARKS:
            k += 1
        if k < limit and doc[k].text in CLOSING_MARKS and k > j:
            return doc[j:k].text
    return None


def _coordination(index: DocIndex, mention: Span, history: History,
                  cue: Span | None) -> str | None:
    """Two speakers joined by "und"/"sowie" name them together: "AFP und Reuters", "Sonia
    und Willy Bogner"; "Kongress- und Verteidigungskreise" stays one phrase."""
    doc = index.doc
    cuts = [t.i for t in mention if t.lower_ in NP_COORDINATORS and t.tag_ == "KON"]
    if len(cuts) != 1 or cuts[0] in (mention.start, mention.end - 1):
        return None
    k = cuts[0]
    left, right = doc[mention.start: k], doc[k + 1: mention.end]
    if left[-1].tag_ == "TRUNC" or left[-1].text.endswith("-"):
        return phrase(list(mention))
    if not (is_np(left) and is_np(right)):
        return None
    a = _resolve_mention(index, left, history, cue)
    b = _resolve_mention(index, right, history, cue)
    return f"{a} und {b}" if a and b and a != b else None


def _names_head(name: str, head: str) -> bool:
    """Whether ``name`` has a word that ends with ``head`` ("isländisches
    Fischereiministerium" for "Ministerium") and is more than the head itself."""
    low = head.lower()
    return name.lower() != low and any(w.lower().endswith(low) for w in name.split())


def _earlier_referent(index: DocIndex, mention: Span, history: History) -> str | None:
    """"das Ministerium", "Der Ausschuss": a bare definite noun names the source last
    reported or the organisation last named whose name ends with that noun."""
    ws = words(mention)
    if len(ws) != 2 or ws[0].lower_ not in DEFINITE_ARTICLES or ws[1].tag_ != "NN" \
            or is_role_word(ws[1]):
        return None
    head_ = phrase(ws)
    said = _last(history, mention.start_char, lambda h: _names_head(h[1], head_))
    named = _antecedent_phrase(index.doc, mention.start, head_)
    if said is not None and (named is None or said[0] >= named.start_char):
        return said[1]
    if named is None:
        return None
    ent = index.entity_covering(named.end - 1)
    return canonical(ent) if ent is not None and ent.label_ == "ORG" else phrase(list(named))


def _antecedent_phrase(doc: Doc, before: int, head_: str) -> Span | None:
    """The nearest earlier phrase whose noun ends with ``head_`` and says more than it:
    "das isländische Fischereiministerium", "der Ständige Ausschuss des Nationalen
    Volkskongresses" (within ``ANTECEDENT_WINDOW`` tokens)."""
    low = head_.lower()
    for i in range(before - 1, max(-1, before - 1 - ANTECEDENT_WINDOW), -1):
        t = doc[i]
        if t.tag_ not in ("NN", "NE") or not phrase([t]).lower().endswith(low):
            continue
        start = i
        while start > 0 and doc[start - 1].tag_ == "ADJA":
            start -= 1
        end = i + 1
        if end + 1 < len(doc) and doc[end].lower_ in GENITIVE_ARTICLES:
            attr = np_forward(doc, end, min(len(doc), end + 6))
            end = attr.end if attr is not None else end
        if start < i or phrase([t]).lower() != low:
            return doc[start:end]
    return None


def _resolve_mention(index: DocIndex, mention: Span, history: History,
                     cue: Span | None = None) -> str | None:
    first = mention[0]
    if len(mention) == 1 and (first.tag_ in ("PPER",) or first.pos_ == "PRON"):
        return _resolve_pronoun(index, mention, history, cue)
    joint = _coordination(index, mention, history, cue) or _earlier_referent(index, mention,
                                                                            history)
    if joint is not None:
        return joint
    h = _real_head(index, mention)
    if h is not None and index.entity_covering(h.i) is None:
        apposed = _apposed_person(index, mention, h)
        if apposed is not None:
            return apposed
    role = resolve_role(index.doc, list(mention) if h is None or h.i < mention.start
                        else list(mention[: h.i - mention.start + 1]))  # "die Anwältin [der Frau]"
    if role is not None:
        return role
    person = _closing_person(index, mention)
    if person is not None:
        return canonical(person)
    if h is None:
        ent = index.entity_in(mention)
        return canonical(ent) if ent is not None else phrase(words(mention)) or None
    ent = index.entity_covering(h.i)
    if ent is not None:
        return canonical(ent)
    named = _named_after_head(index, mention, h)
    if named is not None:
        return named
    if is_role_word(h):
        return _role_holder(index, mention, h) or phrase(list(mention))
    return phrase(list(mention)) or None
