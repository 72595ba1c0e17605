"""What a speaker mention names: pronouns, roles, appositions, coordinations, earlier phrases.

:func:`resolve_mention` turns the words that frame a quote ("er", "der brasilianische
Präsident", "Der Sprecher des Vereins, Jonas Mehring,", "AFP und Reuters", "das Ministerium")
into a canonical name, using the per-Doc :class:`~newskit.components.quotes.docindex.DocIndex`
and the history of speakers reported so far.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from newskit.components.entities import is_nationality_adjective, is_role_word, resolve_role
from newskit.components.gender.component import unnamed_speaker_gender
from newskit.components.gender.evidence import masculine_person_noun
from newskit.components.quotes.appositions import (
    OPENING_MARKS,
    apposed_person,
    closing_person,
    named_after_head,
    place_adjective,
    real_head,
    role_holder,
)
from newskit.components.quotes.docindex import DocIndex, History, canonical, last_before
from newskit.components.quotes.grammar import clause_start, is_finite, is_np, main_finite
from newskit.components.quotes.referents import earlier_referent, institution_of_members
from newskit.components.quotes.refine import names_someone, phrase, words
from newskit.components.quotes.subjects import clause_subject
from newskit.components.quotes.words import (
    FOCUS_PARTICLES,
    MASCULINE_PRONOUN,
    NP_COORDINATORS,
    RESOLVABLE_PRONOUNS,
)

# a preposition this many tokens before a name puts it in a prepositional phrase
PP_LOOKBACK = 4
CLAUSE_MARKS = frozenset(",;:–")
BOTH = frozenset(["beide", "beiden"])
SINGULAR_MASCULINE_DETERMINERS = frozenset(["der", "ein", "dem", "einem", "des", "eines"])


def _pronoun_gender(word: str, cue: Span | None) -> str | None:
    """"er" → male; a singular "sie" (not "sie sagten") → female; else None."""
    if word == MASCULINE_PRONOUN:
        return "male"
    if word == "sie" and not (cue is not None and cue.text.endswith("en")):
        return "female"
    return None


def resolve_pronoun(index: DocIndex, mention: Span, history: History,
                     cue: Span | None = None, word: str | None = None) -> str | None:
    """"er" → the speaker reported in the last ~2 sentences, else the last person named;
    a person whose name says the other gender is skipped ("sie" is not "Wolfgang").
    ``word``: the pronoun a possessive stands for ("ihren Angaben" → "sie")."""
    word = word or mention[0].lower_
    if word in BOTH:  # "Blinken und Lawrow … . Beide machten deutlich, …"
        return _subject_antecedent(index, mention, history, cue) or mention.text
    if word not in RESOLVABLE_PRONOUNS:
        return mention.text
    pos = mention.start_char
    gender = _pronoun_gender(word, cue)
    other = {"male": "female", "female": "male"}.get(gender)
    person_only = word == MASCULINE_PRONOUN  # "er" points to a person
    if word == "sie" and _plural_verb(index.doc, mention.start):  # "Sie konnten sich
        last = last_before(history, pos, lambda h: h[1] not in index.person_names)
        return last[1] if last is not None and _reported_until(index, last) >= \
            index.window_start(pos) else _subject_antecedent(index, mention, history, cue)

    def agrees(h) -> bool:
        return index.person_gender.get(h[1]) != other and (
            not person_only or h[1] in index.person_names or _one_unnamed_man(h[2]))

    last = last_before(history, pos, agrees)
    k = bisect_left(index.persons, pos, key=lambda p: p[0])
    if last is not None and last[1] not in index.person_names and k \
            and index.persons[k - 1][0] > min(last[0], _start(last[2], last[0])):
        last = None  # "der Geschäftsführer sagte … Hubert Primus … forderte er": the name
    before = _previous_subject_person(index, mention, history, cue, other)
    if before is not None and (last is None or _reported_until(index, last) < before[0]):
        return before[1]
    if last is not None and _reported_until(index, last) >= index.window_start(pos):
        return last[1]
    outside = index.quotation_at(pos) is None
    for strict in (True, False):  # the last person named before, of any gender but the
        for j in range(k - 1, -1, -1):  # other one, and first not one named in the
            start, name = index.persons[j]  # pronoun's own clause ("mit Collins lenkte er")
            if strict and (_same_clause(index, start, pos)  # or in a phrase ("von
                           or _in_prepositional_phrase(index, start)  # Präsident Kennedy"),
                           or outside and index.quotation_at(start) is not None):
                continue  # nor one named inside a quotation („Schumacher ist …“, sagte er)
            if index.person_gender.get(name) != other:
                return name
    if last is not None or person_only:
        return last[1] if last is not None else _unnamed_man_before(index, mention)
    return _subject_antecedent(index, mention, history, cue)


def _plural_verb(doc: Doc, i: int) -> bool:
    """Whether the finite verb of the pronoun at token ``i`` is plural: the verb right
    before it ("teilten sie mit") or the first finite verb after it in its clause ("sie
    konnten", "indem sie … ausführen"); German plural finite forms end in "-en"/"-n"
    ("sagten", "seien") or are "sind"."""
    before = doc[i - 1] if i > 0 else None
    if before is not None and is_finite(before):
        verb = before
    else:
        verb = next((t for t in doc[i + 1: min(len(doc), i + 12)]
                     if is_finite(t) or t.text in ",;:–"), None)
    return verb is not None and is_finite(verb) and (
        verb.lower_.endswith("n") or verb.lower_ == "sind")


def _unnamed_man_before(index: DocIndex, mention: Span) -> str | None:
    """"… ein Fehler des Wärters. Er hätte nicht daran gedacht, …": with no named person to
    stand for, "er" is the masculine role noun last named in its sentence or the one before
    (outside quotations), as the article calls him ("Wärter")."""
    doc = index.doc
    n = index.sent_of[mention.start]
    lo = index.sent_start_tokens[n - 1] if n > 0 else 0
    for j in range(mention.start - 1, lo, -1):
        t = doc[j]
        if t.tag_ != "NN" or t.lower_.endswith("in"):
            continue
        lemma = t.lemma_[:1].upper() + t.lemma_[1:] if t.lemma_ else t.text
        if (is_role_word(t) or masculine_person_noun(lemma)) \
                and index.quotation_at(t.idx) is None and any(
                    doc[k].lower_ in SINGULAR_MASCULINE_DETERMINERS for k in range(max(0, j - 3), j)):
            return lemma
    return None


def _reported_until(index: DocIndex, entry) -> int:
    """Where a reported speaker was last in view: the end of the quotation that starts at
    the history entry, else its position."""
    region = index.quotation_at(entry[0])
    return region[1] if region is not None else entry[0]


def _previous_subject_person(index: DocIndex, mention: Span, history: History,
                             cue: Span | None, other: str | None) -> tuple[int, str] | None:
    """"Der iranische Vize-Außenminister betrachtet … . Er sagte, …": a pronoun that opens
    its sentence goes on with the subject of the sentence before, when that subject is a
    person (a name, or a role noun the article names) not of the other gender.
    Returns (character start of that subject, its name)."""
    n = index.sent_of[mention.start]
    if n == 0 or index.sent_start_tokens[n] != mention.start:
        return None
    _, subj = sentence_subject(index, n - 1)
    if subj is None or subj[0].tag_ in ("PPER", "PDS", "PRELS", "PIS") \
            or index.quotation_at(subj.start_char) is not None:
        return None
    name = resolve_mention(index, subj, history, cue)
    if name not in index.person_names or index.person_gender.get(name) == other:
        return None
    return subj.start_char, name


def sentence_subject(index: DocIndex, n: int) -> tuple[Token | None, Span | None]:
    """The finite verb and the subject of sentence ``n``'s main clause (``None, None``
    without a finite verb; the subject may be ``None``)."""
    doc, sent = index.doc, index.sentence(n)
    fin = main_finite(sent, set())
    if fin is None:
        return None, None
    return fin, clause_subject(doc, sent, fin, clause_start(doc, sent, fin.i, set()))


def _subject_antecedent(index: DocIndex, mention: Span, history: History,
                        cue: Span | None) -> str | None:
    """No person fits "sie": it stands for the subject of its main clause ("Die
    Vereinigung mahnte, indem sie …") or of the sentence before ("Aktivisten besetzten das
    Tor. Nun fordern sie …") — an organisation or a group."""
    doc = index.doc
    n = index.sent_of[mention.start]
    for k in (n, n - 1):
        if k < 0:
            break
        sent = index.sentence(k)
        start = sent.start
        fin = main_finite(sent, set())
        if fin is None:
            continue
        subj = clause_subject(doc, sent, fin, clause_start(doc, sent, fin.i, set()))
        if subj is None or subj.end > mention.start or any(
                t.tag_ in ("PPER", "PDS", "PRELS") for t in subj) \
                or any(t.text in OPENING_MARKS for t in doc[start: subj.start]):
            continue  # not a pronoun, nor a subject inside a quotation
        name = resolve_mention(index, subj, history, cue)
        return name if names_someone(name) else None
    return None


def _start(mention: Span | None, default: int) -> int:
    return mention.start_char if mention is not None else default


def _one_unnamed_man(mention: Span | None) -> bool:
    """"Ein Regierungssprecher in Berlin", "der Bürgermeister": one person named by a
    masculine role noun, whom a later "er" can stand for."""
    if mention is None or not mention or mention[0].lower_ not in SINGULAR_MASCULINE_DETERMINERS:
        return False
    return any(is_role_word(t) and not t.lower_.endswith("in") for t in mention[1:4])


def _in_prepositional_phrase(index: DocIndex, char: int) -> bool:
    """Whether the name at ``char`` follows a preposition within its noun phrase ("von
    Präsident Kennedy", "mit seinen Kollegen Edwin Aldrin")."""
    doc = index.doc
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    for k in range(span.start - 1, max(-1, span.start - 1 - PP_LOOKBACK), -1):
        if doc[k].tag_ in ("APPR", "APPRART"):
            return not _passive_agent(doc, k)
        if doc[k].tag_ not in ("NN", "ADJA", "ART", "PPOSAT", "NE"):
            return False
    return False


def _passive_agent(doc: Doc, k: int) -> bool:
    """"Geführt wurde die Expedition von dem Einheimischen X": "von" in a passive
    sentence (a form of "werden" and a participle) names its agent, the logical subject."""
    if doc[k].lower_ != "von":
        return False
    sent = doc[k].sent
    return any(t.tag_ == "VAFIN" and t.lemma_.lower() == "werden" for t in sent) \
        and any(t.tag_ == "VVPP" for t in sent)


def _same_clause(index: DocIndex, a: int, b: int) -> bool:
    """Whether character offsets ``a`` < ``b`` lie in one clause (one sentence, no , ; : or
    dash between them)."""
    return index.sentence_gap(a, b) == 0 and not any(
        c in CLAUSE_MARKS for c in index.text[a:b])


def _coordination(index: DocIndex, mention: Span, history: History,
                  cue: Span | None) -> str | None:
    """Two speakers joined by "und"/"sowie" name them together: "AFP und Reuters", "Sonia
    und Willy Bogner"; "Kongress- und Verteidigungskreise" stays one phrase."""
    doc = index.doc
    cuts = [t.i for t in mention if t.lower_ in NP_COORDINATORS and t.tag_ == "KON"]
    if len(cuts) != 1 or cuts[0] in (mention.start, mention.end - 1):
        return None
    k = cuts[0]
    r = k + 1
    while r < mention.end - 1 and doc[r].lower_ in FOCUS_PARTICLES:
        r += 1  # "die Union sowie auch die FDP"
    left, right = doc[mention.start: k], doc[r: mention.end]
    if left[-1].tag_ == "TRUNC" or left[-1].text.endswith("-"):
        return phrase(list(mention))
    if not (is_np(left) and is_np(right)):
        return None
    b = resolve_mention(index, right, history, cue)
    if _shared_name(left, right) and b in index.person_names:
        return b  # "Der frühere Bürgermeister und Justizsenator Henning Scherf": one person
    a = resolve_mention(index, left, history, cue)
    if a and b and b in a.split(" und "):
        return a  # the left part already named both ("Die Vorsitzende, X, und Y, …")
    return f"{a} und {b}" if a and b and a != b else None


def _shared_name(left: Span, right: Span) -> bool:
    """Two role nouns before one name: the left part names nobody (articles, adjectives,
    role nouns) and the right part opens with a role noun without an article."""
    return not any(t.ent_type_ for t in left) and is_role_word(right[0]) \
        and right[0].tag_ == "NN" and all(t.tag_ in ("ART", "ADJA") or is_role_word(t)
                                          for t in left)


def resolve_mention(index: DocIndex, mention: Span, history: History,
                     cue: Span | None = None) -> str | None:
    first = mention[0]
    defined = _defined_acronym(index, mention) or _latter_or_former(index, mention)
    if defined is not None:
        return defined
    if len(mention) == 1 and (first.tag_ in ("PPER",) or first.pos_ == "PRON"):
        return resolve_pronoun(index, mention, history, cue)
    if len(mention) > 2 and first.tag_ in ("PIS", "PIAT", "PIDAT") \
            and mention[1].lower_ in ("der", "des"):  # "Einige der britischen Moslems": the
        return resolve_mention(index, mention[2:], history, cue)  # group they belong to
    if len(mention) > 1 and any(t.lower_ in BOTH for t in mention):
        pair = _last_two_persons(index, mention)  # "nach Meinung der beiden Politiker"
        if pair is not None:
            return pair
    joint = _coordination(index, mention, history, cue) or earlier_referent(
        index, mention, history) or institution_of_members(index, mention)
    if joint is not None:
        return joint
    h = real_head(index, mention)
    if h is not None and index.entity_covering(h.i) is None:
        apposed = apposed_person(index, mention, h)
        if apposed is not None:
            return apposed
    role = resolve_role(index.doc, list(mention) if h is None or h.i < mention.start
                        else list(mention[: h.i - mention.start + 1]))  # "die Anwältin [der Frau]"
    if role is not None:
        return role
    person = closing_person(index, mention)
    if person is not None:
        return canonical(person)
    if h is None:
        ent = index.entity_in(mention)
        return canonical(ent) if ent is not None else phrase(words(mention)) or None
    ent = index.entity_covering(h.i)
    if ent is not None:
        return place_adjective(index, mention, ent) or canonical(ent)
    named = named_after_head(index, mention, h)
    if named is not None:
        return named
    if is_role_word(h):
        return role_holder(index, mention, h) or _role_anaphor(index, mention, history, cue) \
            or phrase(list(mention))
    return _role_anaphor(index, mention, history, cue) or phrase(list(mention)) or None


def _defined_acronym(index: DocIndex, mention: Span) -> str | None:
    """"Die Organisation für … in Europa (OSZE)": an organisation's phrase that ends with
    the acronym the article defines is named by the acronym's long form (not a person's
    or a role's: "Präsident des … Verbands (DFB)")."""
    if len(mention) < 4 or mention[-1].text != ")" or mention[-3].text != "(":
        return None
    acronym = index.entity_covering(mention[-2].i)
    if acronym is None or acronym.label_ != "ORG" or canonical(acronym) == acronym.text \
            or any(t.ent_type_ == "PER" or is_role_word(t) for t in mention):
        return None
    return canonical(acronym)


def _latter_or_former(index: DocIndex, mention: Span) -> str | None:
    """"so letztere", "erklärte Ersterer": the last or the last but one person named."""
    low = mention[-1].lower_ if len(mention) <= 2 else ""
    if not low.startswith(("letzter", "erster")) or low.rstrip("ern") not in ("letzt", "erst"):
        return None
    k = bisect_left(index.persons, mention.start_char, key=lambda p: p[0])
    names: list[str] = []
    for _start, name in reversed(index.persons[:k]):
        if name not in names:
            names.append(name)
        if len(names) == 2:
            break
    want = 0 if low.startswith("letzt") else 1
    return names[want] if len(names) > want else None


def _last_two_persons(index: DocIndex, mention: Span) -> str | None:
    """"die beiden Politiker": the last two persons named in the pronoun window."""
    k = bisect_left(index.persons, mention.start_char, key=lambda p: p[0])
    lo, names = index.window_start(mention.start_char), []
    for start, name in reversed(index.persons[:k]):
        if start < lo or len(names) == 2:
            break
        if name not in names:
            names.append(name)
    return f"{names[1]} und {names[0]}" if len(names) == 2 else None


def _role_anaphor(index: DocIndex, mention: Span, history: History,
                  cue: Span | None) -> str | None:
    """"…, so der UN-Mitarbeiter", "meint die 56-jährige Angestellte": a bare definite
    singular person noun (no name, no attribute) goes on with the person last reported
    in the pronoun window, or else the person last named there, of its gender."""
    ws = words(mention)
    if len(ws) < 2 or ws[0].lower_ not in ("der", "die") \
            or any(t.tag_ not in ("ADJA", "CARD") or is_nationality_adjective(t)
                   for t in ws[1:-1]) or ws[-1].tag_ != "NN" \
            or (cue is not None and cue.text.endswith("en")):
        return None  # "der deutsche Außenminister" is not the US one named before
    g = unnamed_speaker_gender(mention)
    if g is None or (g.gender == "unknown" and ws[0].lower_ != "der"):
        return None  # a group ("die Ermittler") or nobody
    gender = "male" if g.gender == "unknown" else g.gender
    other = {"male": "female", "female": "male"}[gender]
    pos, lo = mention.start_char, index.window_start(mention.start_char)
    for h in reversed(history):
        if h[0] >= pos:
            continue
        if h[0] < lo or h[1] not in index.person_names:
            break  # an unnamed speaker before: "der Sprecher" is that one
        if index.person_gender.get(h[1]) != other:
            return h[1]
    k = bisect_left(index.persons, pos, key=lambda p: p[0])
    for start, name in reversed(index.persons[:k]):
        if start < lo:
            break
        if index.person_gender.get(name) == gender and not _same_clause(index, start, pos):
            return name
    return None
