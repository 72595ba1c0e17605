"""Who a speaker mention is: entity names, pronoun antecedents, role nouns, inherited speakers.

:func:`resolve_speakers` walks the quotes of a Doc in text order: a quote with its own frame
has its speaker mention refined (:mod:`~newskit.components.quotes.refine`) and resolved
(:mod:`~newskit.components.quotes.mentions`); a quote without one inherits the last speaker
reported, or the person named just before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import dropwhile, takewhile

from spacy.tokens import Doc, Span

from newskit.components.entities import is_role_word
from newskit.components.entities.organisations import known_orgs
from newskit.components.quotes.appositions import affiliation_only
from newskit.components.quotes.cues import cue_lemma, is_speech_verb
from newskit.components.quotes.docindex import (
    SOURCE_LABELS,
    DocIndex,
    History,
    canonical,
    last_before,
)
from newskit.components.quotes.frames import Quote
from newskit.components.quotes.grammar import clause_start, main_finite
from newskit.components.quotes.mentions import (
    _in_prepositional_phrase,
    resolve_mention,
    resolve_pronoun,
    sentence_subject,
)
from newskit.components.quotes.referents import ORG_KINDS, last_organisation
from newskit.components.quotes.refine import names_someone, phrase, refine
from newskit.components.quotes.subjects import clause_subject
from newskit.components.quotes.words import OBLIQUE_STARTS, SOURCE_NOUNS
from newskit.lang import de

# a frameless quote takes the next quote's speaker if at most this many sentences lie between
NEXT_QUOTE_MAX_GAP = 1
OWN = "eigen"  # "nach eigenen Angaben", "eigener Aussage zufolge"
POINTING_BACK = frozenset(["das", "dies", "so"])  # „…“ Das sagte X.
UNNAMED_MEMBER = frozenset(["einer", "eine", "eines"])  # "Einer der Putschisten"
ENCLOSING_LOOKBACK = 6  # quotes before a quotation that may be the report around it
#: how a quote's speaker was found: named in its own frame ("sagte Merkel"), a pronoun or
#: other anaphor resolved ("sagte er", "Demnach"), a description resolved or kept ("sagte
#: der Minister", "laut Polizei"), or from the context without a frame of its own (the
#: report before it, the sentence after it, the report around it, the next quote)
SPEAKER_VIA = ("name", "anaphor", "description", "context")


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[str | None]:
    """Canonical speaker per quote: names, pronouns, role nouns, inherited speakers."""
    index = DocIndex.build(doc)
    out: list[str | None] = []
    history: History = []
    for q in quotes:
        name = None
        if q.inherit or q.speaker is None:
            q.via = "context"
            name = _said_after(index, q, history) or (_inherit(index, q, history)
                                                      if q.inherit else None)
        else:
            name = _refined(index, q, history)
        if name is not None:
            name = _source_name(index, index.renamed.get(name, name))
            if name is None:
                q.speaker = None  # "Niemand erwartet, dass …": no speaker, the kind stays
        if name is None and q.speaker is None:
            q.via = "context"
            name = _enclosing_speaker(quotes, len(out), out)
        if name is not None:
            history.append((q.start, name, q.speaker))
        out.append(name)
    _borrow_from_next(index, quotes, out)
    for q, name in zip(quotes, out):
        q.via = q.via if name is not None else None
    return out


def _enclosing_speaker(quotes: list[Quote], k: int, out: list[str | None]) -> str | None:
    """A quotation inside a report is the reporter's words: "Es drohe „eine dramatische
    Erderwärmung“" after "X sagte, …" is X's, as is the report around it. ``quotes`` are in
    text order (an enclosing quote comes first); ``out`` holds the names found so far."""
    q = quotes[k]
    for j in range(k - 1, max(-1, k - 1 - ENCLOSING_LOOKBACK), -1):
        c = quotes[j]
        if c.start <= q.start and q.end <= c.end and c is not q and out[j] is not None \
                and c.kind not in ("direct", "mixed"):
            q.speaker = c.speaker
            return out[j]
    return None


def _source_name(index: DocIndex, name: str) -> str | None:
    """A resolved name as a researcher can count it, or ``None``: no speaker when it is only
    pronouns and function words ("Niemand", "Viele", „Wir) or a lone lower-case word that
    is no entity's name ("absichtlicher"; "taz" and "ndr.de" stay); one member of a group
    left unnamed counts for the group ("Einer der Putschisten" → "Putschisten")."""
    ws = [w.strip("\"'„“”»«‚‘’()[]{},;:!?") for w in name.split()]
    ws = [w for w in ws if w]
    stop = de.word_list("non_speakers")
    if not any(w.lower() not in stop for w in ws):  # "Informationen", "Bericht" name a
        return name if any(w.lower() in SOURCE_NOUNS for w in ws) else None  # kind of source
    if len(ws) == 1 and ws[0].islower() and name not in index.by_name \
            and not any(c in ws[0] for c in ".0123456789") and ws[0] not in known_orgs():
        return None
    if len(ws) > 2 and ws[0].lower() in UNNAMED_MEMBER and ws[1].lower() in ("der", "des"):
        rest = list(dropwhile(lambda w: not w[:1].isupper(), ws[2:]))
        return " ".join(rest) or None
    return name


def _said_after(index: DocIndex, q: Quote, history: History) -> str | None:
    """„Ja, es gibt Zumutungen.“ Das musste Minister X einräumen.": a quotation followed by
    a sentence that points back to it ("Das", "Dies", "So") with a speech verb is that
    verb's subject's."""
    doc = index.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    n = index.sent_of[span.end - 1] + 1
    if n >= len(index.sent_start_tokens) or not all(
            t.is_punct or t.is_space for t in doc[span.end: index.sent_start_tokens[n]]):
        return None  # the quotation does not end its sentence
    sent = index.sentence(n)
    start = sent.start
    fin = main_finite(sent, set())
    if sent[0].lower_ not in POINTING_BACK or fin is None \
            or not any(cue_lemma(t) is not None for t in sent):
        return None
    subj = clause_subject(doc, sent, fin, start)
    found = refine(subj) if subj is not None and subj.start > start else None
    if found is None or found.span is None or found.pronoun or found.anaphoric:
        return None
    name = found.name or resolve_mention(index, found.span, history, None)
    if not (name and names_someone(name)):
        return None
    q.speaker = found.span
    return name


def _inherit(index: DocIndex, q: Quote, history: History) -> str | None:
    """The speaker of the last report before ``q`` (or the person named just before it)."""
    prev = last_before(history, q.start)
    if prev is None:
        return _named_before(index, q)
    _, name, mention = prev
    other = _opening_pronoun_person(index, q, name)
    if other is None and name not in index.person_names:
        other = _person_opening_since(index, q, prev[0])
    if other is None:
        other = _speech_subject_before(index, q, since=prev[0], history=history)
    if other is not None:
        ents = index.by_name.get(other)
        q.speaker = q.speaker or (ents.last_ending_by(q.start) if ents is not None else None)
        return other
    if q.speaker is None:
        q.speaker = mention
        # the nearest earlier mention of the same speaker
        ents = index.by_name.get(name)
        near = ents.last_ending_by(q.start) if ents is not None else None
        if near is not None and (mention is None or near.start_char > mention.start_char):
            q.speaker = near
    return name


def _person_opening_since(index: DocIndex, q: Quote, since: int) -> str | None:
    """"Die Gewerkschaft lehnte ab. Gewerkschaftschef Peter Lang begründete dies …
    Außerdem sei …": after a group or organisation spoke, a sentence that opens with a
    person (a role noun at most before the name, the finite verb after it) hands the word
    to that person (up to two sentences before the quote)."""
    doc = index.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    n = index.sent_of[span.start]
    for k in range(n - 1, max(-1, n - 3), -1):
        if index.sent_start_chars[k] <= since:
            return None
        i = index.sent_start_tokens[k]
        while i < len(doc) and doc[i].tag_ in ("ART", "ADJA", "NN") \
                and index.person_starting(i) is None:
            i += 1
        person = index.person_starting(i)
        if person is not None and person.end < len(doc) and doc[person.end].tag_.endswith("FIN"):
            return canonical(person)
    return None


def _speech_subject_before(index: DocIndex, q: Quote, since: int,
                           any_verb: bool = False, history: History | None = None) -> str | None:
    """"Der Iran streitet dies ab. Sein Programm diene …": a frameless report goes on with
    the subject of the sentence right before it when that subject is a person or an
    organisation and the sentence's verb is a speech verb (any verb when nobody has been
    reported yet: "Lammert würdigte die Bundeswehr … . Die Bundeswehr sei …"), and that
    sentence comes after ``since`` (the last report)."""
    doc = index.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    n = index.sent_of[span.start]
    if n == 0 or index.sent_start_chars[n - 1] <= since:
        return None
    sent = index.sentence(n - 1)
    fin = main_finite(sent, set())
    if fin is None or not (any_verb or is_speech_verb(fin, sent)):
        return None
    subj = clause_subject(doc, sent, fin, clause_start(doc, sent, fin.i, set()))
    ent = index.entity_in(subj) if subj is not None else None
    labels = SOURCE_LABELS if any_verb else (*SOURCE_LABELS, "LOC")  # "Der Iran bestreitet"
    if ent is not None and ent.end < subj.end and affiliation_only(doc, ent.end, subj.end):
        subj = doc[subj.start: ent.end]  # "Minister Karl Maurer (SPD)": the name ends it
    if ent is None or ent.label_ not in labels or ent.end != subj.end or not all(
            t.tag_ in ("ART", "ADJA") or is_role_word(t) or t.lower_ == "und"
            for t in doc[subj.start: ent.start]):  # "Minister und Parteichef Karl Maurer"
        # the subject is the name ("Ministerin Karin Vogt"), not a phrase around it; after a
        # speech verb a common-noun source counts too ("Die Kriminalpolizei bittet um …")
        if subj is None or subj[0].tag_ in ("PPER", "PDS", "PIS", "PRELS") \
                or subj[0].lower_ in OBLIQUE_STARTS \
                or any_verb and not is_speech_verb(fin, sent) \
                or fin.i + 1 < len(doc) and doc[fin.i + 1].tag_ == "PPER":
            return None  # "Das Vorgehen … nannte sie": the pronoun after the verb speaks;
            # "wies den Vorwurf zurück": an object
        found = refine(subj)
        if found is None or found.span is None or found.pronoun or found.anaphoric:
            return None
        name = found.name or resolve_mention(index, found.span, history or [], None)
        return name if name and names_someone(name) else None
    return canonical(ent)


def _opening_pronoun_person(index: DocIndex, q: Quote, name: str) -> str | None:
    """„Er halte das für vertretbar“ after a woman's words: a frameless quote that opens
    with "er" (or a singular "sie") cannot go on with a speaker of the other gender; it
    names the last person of its own gender named nearby."""
    span = index.doc.char_span(q.start, q.end, alignment_mode="expand")
    first = next((t for t in span if not (t.is_punct or t.is_space)), None) \
        if span is not None else None
    if first is None or first.tag_ != "PPER" or first.lower_ not in ("er", "sie"):
        return None
    other = "female"  # the gender the inherited speaker must not have
    if first.lower_ != "er":
        verb = first.nbor(1) if first.i + 1 < len(index.doc) else None
        if verb is None or verb.morph.get("Number") != ["Sing"]:
            return None
        other = "male"
    if index.person_gender.get(name) != other:
        return None
    lo = index.window_start(first.idx)
    k = bisect_left(index.persons, first.idx, key=lambda p: p[0])
    for start, person in reversed(index.persons[:k]):
        if start < lo:
            return None
        if index.person_gender.get(person) != other:
            return person
    return None


def _named_before(index: DocIndex, q: Quote) -> str | None:
    """Nothing reported yet: the last person or organisation named in the quote's sentence
    or the one before it."""
    doc = index.doc
    window = doc.char_span(q.start, q.end, alignment_mode="expand")
    first_sent = index.sentence_start_token(window.start) if window is not None else 0
    prev_sent = index.sentence_start_token(max(0, first_sent - 1))
    lo = doc[prev_sent].idx if first_sent > 0 else 0
    lo2 = doc[index.sentence_start_token(max(0, prev_sent - 1))].idx if prev_sent > 0 else 0
    if q.speaker is not None:
        return None
    subject = _speech_subject_before(index, q, since=-1, any_verb=True)
    if subject is not None:
        ents = index.by_name.get(subject)
        q.speaker = ents.last_ending_by(q.start) if ents is not None else None
        return subject
    ends = index.sources.ends
    k = bisect_right(ends, q.start)
    if not k:
        return None
    # "Weber … analysierte … . Die Pläne, unter Präsident Haas …": a name in a
    # prepositional phrase is passed over for one that is not, or for a person named a
    # sentence further back
    cand = index.sources.ents[k - 1]
    near = takewhile(lambda e: e.start_char >= lo2, reversed(index.sources.ents[:k]))
    plain = next((e for e in near if (e.start_char >= lo or e.label_ == "PER")
                  and not _in_prepositional_phrase(index, e.start_char)), None)
    if plain is not None:
        cand = plain
    elif cand.start_char < lo:
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
    q.via = _via(index, found)
    if found.name is not None:
        if found.name.lower() in ORG_KINDS:  # "Unternehmensangaben": the company last named
            return last_organisation(index, found.span) or found.name
        return found.name
    if found.pronoun is not None:
        return resolve_pronoun(index, found.span, history, q.cue, word=found.pronoun)
    if found.anaphoric:
        own = _own_subject(index, found.span, history, q.cue)
        return own or _previous_subject(index, found.span, history, q.cue) \
            or _last_source(index, found.span.start_char, history)
    return resolve_mention(index, found.span, history, q.cue)


def _via(index: DocIndex, found) -> str:
    """How a quote's own speaker mention names its speaker (see ``SPEAKER_VIA``)."""
    span = found.span
    if found.pronoun is not None or found.anaphoric or span is not None and len(span) == 1 \
            and (span[0].tag_ in ("PPER", "PDS", "PIS") or span[0].pos_ == "PRON"):
        return "anaphor"
    return "name" if found.name is not None or span is not None \
        and index.entity_in(span) is not None else "description"


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
    return found.name or resolve_mention(index, found.span, history, cue)


def _previous_subject(index: DocIndex, span: Span, history: History, cue) -> str | None:
    """"Die Staatsanwaltschaft gab das Ergebnis bekannt. Demnach …": an adverb that points
    to what the previous sentence made known names that sentence's subject."""
    if len(span) != 1 or span[0].lower_ not in de.word_list("content_anaphors"):
        return None
    n = index.sent_of[span.start]
    if n == 0 or index.sentence_start_token(span.start) != span.start:
        return None
    _, subj = sentence_subject(index, n - 1)
    found = refine(subj) if subj is not None else None
    if found is None or found.span is None:
        return None
    name = found.name or resolve_mention(index, found.span, history, cue)
    return name if names_someone(name) else None


def _last_source(index: DocIndex, pos: int, history: History) -> str | None:
    """What "Demnach", "Diese", "nach eigenen Angaben" point back to: the last reported
    speaker nearby, else the last person or organisation named nearby."""
    recent = last_before(history, pos)
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
