"""What a speaker mention names: pronouns, roles, appositions, coordinations, earlier phrases.

:func:`resolve_mention` turns the words that frame a quote ("er", "der brasilianische
Präsident", "Der Sprecher des Vereins, Jonas Mehring,", "AFP und Reuters", "das Ministerium")
into a canonical name, using the per-Doc :class:`~newskit.components.quotes.docindex.DocIndex`
and the history of speakers reported so far.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from newskit.components.entities import is_role_word, resolve_role
from newskit.components.quotes.docindex import DocIndex, History, canonical, last_before
from newskit.components.quotes.grammar import is_np, np_forward
from newskit.components.quotes.refine import head, phrase, words
from newskit.components.quotes.words import (
    GENITIVE_ARTICLES,
    MASCULINE_PRONOUN,
    NP_COORDINATORS,
    RESOLVABLE_PRONOUNS,
)
from newskit.lang import de

# a bare definite noun looks this many tokens back for the phrase it shortens
ANTECEDENT_WINDOW = 600
# a preposition this many tokens before a name puts it in a prepositional phrase
PP_LOOKBACK = 4
CLAUSE_MARKS = frozenset(",;:–")
DEFINITE_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des"])
# determiners of a noun that points back: "das Ministerium", "dieselbe Zeitung", "dieser Sender"
BACK_DETERMINERS = DEFINITE_ARTICLES | frozenset(
    "derselbe dieselbe dasselbe derselben desselben demselben denselben "
    "dieser diese dieses diesem diesen".split())
SAME_WORDS = frozenset(["gleiche", "gleichen", "selbe", "selben"])
# "der deutsche …", "die britische …": an adjective of a country sets the noun apart
NATIONALITY_ENDINGS = ("isch", "ische", "sche")
SINGULAR_MASCULINE_DETERMINERS = frozenset(["der", "ein", "dem", "einem", "des", "eines"])
# a quoted title after a head noun has at most this many tokens („Ärzte ohne Grenzen“)
MAX_TITLE_WORDS = 6
OPENING_MARKS = frozenset("„»«‚\"“")
CLOSING_MARKS = frozenset("“”«»‘’\"")
_MEMBERS = de.word_table("institution_members")
ORG_KINDS = de.word_list("organisation_class_nouns")
# "der Konzern" points back to an organisation named at most this many sentences before
ORG_WINDOW_SENTS = 4


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
    if word not in RESOLVABLE_PRONOUNS:
        return mention.text
    pos = mention.start_char
    gender = _pronoun_gender(word, cue)
    other = {"male": "female", "female": "male"}.get(gender)
    person_only = word == MASCULINE_PRONOUN  # "er" points to a person

    def agrees(h) -> bool:
        return index.person_gender.get(h[1]) != other and (
            not person_only or h[1] in index.person_names or _one_unnamed_man(h[2]))

    last = last_before(history, pos, agrees)
    k = bisect_left(index.persons, pos, key=lambda p: p[0])
    if last is not None and last[1] not in index.person_names and k \
            and index.persons[k - 1][0] > min(last[0], _start(last[2], last[0])):
        last = None  # "der Geschäftsführer sagte … Hubert Primus … forderte er": the name
    if last is not None and last[0] >= index.window_start(pos):
        return last[1]
    for strict in (True, False):  # the last person named before, of any gender but the
        for j in range(k - 1, -1, -1):  # other one, and first not one named in the
            start, name = index.persons[j]  # pronoun's own clause ("mit Collins lenkte er")
            if strict and (_same_clause(index, start, pos)  # or in a phrase ("von
                           or _in_prepositional_phrase(index, start)):  # Präsident Kennedy")
                continue
            if index.person_gender.get(name) != other:
                return name
    return last[1] if last is not None else None


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
    # a quoted title does not follow a person noun: not 'äußerten die Richter „gravierende
    # Bedenken“'
    quoted = j < limit and doc[j].text in OPENING_MARKS and not is_role_word(h)
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
    a = resolve_mention(index, left, history, cue)
    b = resolve_mention(index, right, history, cue)
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
    if len(ws) == 3 and ws[1].lower_ in SAME_WORDS:  # "der gleichen Nachrichtenagentur"
        ws = [ws[0], ws[2]]
    if len(ws) == 3 and ws[0].lower_ in DEFINITE_ARTICLES and ws[1].tag_ == "ADJA" \
            and ws[2].tag_ == "NN" and not is_role_word(ws[2]) \
            and not ws[1].lower_.rstrip("nmrs").endswith(NATIONALITY_ENDINGS):
        return _compound_antecedent(index, mention.start, ws[2])  # "der oberste Gerichtshof"
    if len(ws) != 2 or ws[0].lower_ not in BACK_DETERMINERS or ws[1].tag_ != "NN" \
            or is_role_word(ws[1]):
        return None
    head_ = phrase(ws)
    said = last_before(history, mention.start_char, lambda h: _names_head(h[1], head_))
    named = _antecedent_phrase(index.doc, mention.start, head_)
    if said is not None and (named is None or said[0] >= named.start_char):
        return said[1]
    if named is None:
        return last_organisation(index, mention) if ws[1].lower_ in ORG_KINDS else None
    ent = index.entity_covering(named.end - 1)
    if ent is None and named.end < len(index.doc):  # "die Nachrichtenagentur RIA Novosti"
        ent = index.entity_covering(named.end)
        ent = ent if ent is not None and ent.start == named.end else None
    return canonical(ent) if ent is not None and ent.label_ == "ORG" else phrase(list(named))


def _compound_antecedent(index: DocIndex, before: int, head_) -> str | None:
    """"der oberste Gerichtshof" → the "Bundesgerichtshof" named last before: a compound
    that ends with the head noun (within ``ANTECEDENT_WINDOW`` tokens)."""
    low = head_.lower_
    for i in range(before - 1, max(-1, before - 1 - ANTECEDENT_WINDOW), -1):
        t = index.doc[i]
        word = t.lower_.rstrip("s") if t.lower_.rstrip("s").endswith(low) else t.lower_
        if t.tag_ in ("NN", "NE") and word.endswith(low) and len(word) > len(low) + 2:
            ent = index.entity_covering(i)
            return canonical(ent) if ent is not None else phrase([t])
    return None


def last_organisation(index: DocIndex, mention: Span) -> str | None:
    """"der Konzern", "die Fluggesellschaft": the organisation named last before, within
    ``ORG_WINDOW_SENTS`` sentences."""
    k = bisect_left(index.ent_starts, mention.start)
    for e in reversed(index.ents[:k]):
        if index.sentence_gap(e.start_char, mention.start_char) > ORG_WINDOW_SENTS:
            return None
        if e.label_ == "ORG":
            return canonical(e)
    return None


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


def _institution_of_members(index: DocIndex, mention: Span) -> str | None:
    """"die Richter", "Die Richter des Bundesverwaltungsgerichtes": judges speaking as a
    group speak for their court — the court named after them or last before them."""
    ws = words(mention)
    if len(ws) < 2 or ws[0].lower_ not in ("die", "den") or ws[1].tag_ != "NN":
        return None
    member = ws[1].lower_
    endings = next((v.split() for k, v in _MEMBERS.items() if member.endswith(k)), None)
    if endings is None:
        return None
    for t in ws[2:]:
        if t.tag_ in ("NN", "NE") and t.lower_.rstrip("es").endswith(tuple(endings)):
            ent = index.entity_covering(t.i)
            return canonical(ent) if ent is not None else phrase(list(index.doc[t.i - 1 : t.i + 1]))
    return _most_named_before(index, mention.start, tuple(endings))


def _most_named_before(index: DocIndex, before: int, endings: tuple[str, ...]) -> str | None:
    """The institution whose name ends with one of ``endings`` named most often before
    token ``before`` (the nearest of equals): the article's court, not one it mentions once."""
    counts: dict[str, list[int]] = {}
    for i in range(max(0, before - ANTECEDENT_WINDOW), before):
        t = index.doc[i]
        if t.tag_ not in ("NN", "NE") or not t.lower_.rstrip("es").endswith(endings):
            continue
        named = _antecedent_phrase(index.doc, i + 1, t.text) or index.doc[i : i + 1]
        if named.end < before and index.doc[named.end].tag_ == "NE":  # "Landgericht Bonn"
            named = index.doc[named.start : named.end + 1]
        ent = index.entity_covering(i)
        name = canonical(ent) if ent is not None else phrase(list(named))
        seen = counts.setdefault(t.lower_.rstrip("es"), [0, 0, name])
        seen[0], seen[1] = seen[0] + 1, i
        seen[2] = max(seen[2], name, key=len)  # the fullest name of the court
    if not counts:
        return None
    return max(counts.values(), key=lambda c: (c[0], c[1]))[2]


def resolve_mention(index: DocIndex, mention: Span, history: History,
                     cue: Span | None = None) -> str | None:
    first = mention[0]
    if len(mention) == 1 and (first.tag_ in ("PPER",) or first.pos_ == "PRON"):
        return resolve_pronoun(index, mention, history, cue)
    joint = _coordination(index, mention, history, cue) or _earlier_referent(
        index, mention, history) or _institution_of_members(index, mention)
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
