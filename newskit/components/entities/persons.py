"""Person names the recogniser cut short: name particles and apostrophes.

"Von der Leyen" at the start of a sentence, "Lula da Silva", "Thomas de Maizière" and
"Michael O’Leary" are one name each; a statistical recogniser often keeps only the
capitalised words ("Leyen", "Lula", "O"). :func:`complete_person_names` extends a person

* without a role noun in front ("Vatikansprecher Navarro-Valls" is Navarro-Valls);
* over an apostrophe and the capitalised word glued to it ("O’Leary", "D'Alema");
* to the right over a name particle and a capitalised word ("Lula" + "da Silva");
* over the capitalised word after a lone first name that ends the phrase ("Thomas Steg
  mitteilte", where "Steg" is also a common noun);
* to the left over particles when the longer form is the end of a fuller name of the same
  article ("Von der Leyen" after "Ursula von der Leyen");
* to the left over a hyphenated double first name ("Frank-Jürgen" + "Weise"), and a double
  first name with the capitalised word after it is a person even when the recogniser
  missed both.

Example:
    >>> import newskit
    >>> doc = newskit.load_pipeline()("Ursula von der Leyen kam. Von der Leyen sagte nichts.")
    >>> [e.text for e in doc.ents if e.label_ == "PER"]
    ['Ursula von der Leyen', 'Von der Leyen']
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newskit.components.entities.roles import is_role_word
from newskit.lang import de
from newskit.lang.de.nouns import noun_lexicon
from newskit.nlp.doctext import token_texts

APOSTROPHES = frozenset(["’", "'"])
#: particles that never continue a name to the right: "Müller von der SPD" is a phrase
NOT_RIGHT = frozenset(["von", "der", "den", "zu", "das"])
#: at most this many particles join a name ("van der", "von der")
MAX_PARTICLES = 2


def name_particles() -> frozenset[str]:
    """Lower-case particles inside names (``lang/de/data/name_particles.txt``)."""
    return de.word_list("name_particles")


def _glued_apostrophe(doc: Doc, end: int) -> int:
    """"O" + "’" + "Leary" written without spaces: the new end of the name."""
    if end + 1 < len(doc) and doc[end].text in APOSTROPHES and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        return end + 2
    return end


def _particles_right(doc: Doc, end: int, particles: frozenset[str],
                     after_first_name: bool = False) -> int:
    """"Lula" + "da Silva": particles (lower case as written) and a capitalised word.
    After a lone first name ("Karl-Theodor" + "zu Guttenberg") the particles that
    otherwise start a phrase ("von", "zu", "der") join the name too."""
    k = end
    while k < len(doc) and k - end < MAX_PARTICLES and doc[k].text in particles \
            and (after_first_name or doc[k].text not in NOT_RIGHT):
        k += 1
    if k > end and k < len(doc) and doc[k].text[:1].isupper() and not doc[k].is_sent_start \
            and (doc[k].tag_ in ("NE", "FM")
                 or after_first_name and (doc[k].ent_type_ in ("PER", "LOC") or doc[k].tag_ == "NN"
                                          and noun_lexicon().get(doc[k].text) is None
                                          and _epithet_or_name(doc, end, k))) \
            and not (after_first_name and (doc[k].ent_type_ == "ORG" or doc[k].text.isupper())):
        return k + 1
    return end


#: German articles among the name particles: after them only an epithet joins a first
#: name ("Heinrich der Löwe", "Ludwig den Frommen"), not an object ("nahm Philipp den
#: Königstitel an")
ARTICLE_PARTICLES = frozenset(["der", "den", "dem", "des", "die", "das"])
#: endings of epithets: nominalised adjectives and agent nouns (Kahle, Frommen, Eroberer)
EPITHET_ENDINGS = ("e", "en", "er")


def _epithet_or_name(doc: Doc, end: int, k: int) -> bool:
    """Whether the capitalised word ``doc[k]`` after the particles ``doc[end:k]`` can end a
    name: always after name particles ("Karl-Theodor zu Guttenberg"), after articles only an
    epithet."""
    if any(doc[i].text not in ARTICLE_PARTICLES for i in range(end, k)):
        return True
    return doc[k].text.endswith(EPITHET_ENDINGS)


def _is_first_name(text: str) -> bool:
    """A first name of the list, or two joined by a hyphen ("Karl-Theodor")."""
    names = de.word_table("first_names")
    return text in names or "-" in text and all(p in names for p in text.split("-"))


def _particles_left(doc: Doc, ent: Span, particles: frozenset[str], tails: set[str]) -> int:
    """"Von der" + "Leyen" when "… von der Leyen" is a fuller name in the article
    (``tails``: see :func:`_name_tails`)."""
    best = ent.start
    for k in range(1, MAX_PARTICLES + 1):
        start = ent.start - k
        if start < 0 or doc[start].lower_ not in particles:
            break
        longer = " ".join(t.text for t in doc[start: ent.end]).lower()
        if longer in tails:
            best = start
    return best


def _name_tails(names: list[str]) -> set[str]:
    """Every ending of ``names`` that follows a space: a set, so that a look-up does not
    grow with the number of names in a long article.

    >>> sorted(_name_tails(["ursula von der leyen"]))
    ['der leyen', 'leyen', 'von der leyen']
    """
    tails = set()
    for name in names:
        k = name.find(" ")
        while k != -1:
            tails.add(name[k + 1:])
            k = name.find(" ", k + 1)
    return tails


def _surname_after_first_name(doc: Doc, ent: Span) -> int:
    """"Thomas" + "Steg mitteilte": a lone first name and the capitalised word that ends
    the phrase after it (a surname the recogniser took for a common noun)."""
    end = ent.end
    if len(ent) != 1 or end + 1 >= len(doc) or ent.text not in de.word_table("first_names"):
        return end
    nxt, after = doc[end], doc[end + 1]
    if nxt.tag_ in ("NN", "NE") and nxt.text[:1].isupper() and ent[-1].whitespace_ \
            and not nxt.is_sent_start and nxt.ent_type_ in ("", "PER") \
            and after.tag_ not in ("NN", "NE", "ADJA", "ART", "APPR"):
        return end + 1
    return end


def _without_leading_role(ent: Span) -> Span:
    """"Vatikansprecher Navarro-Valls" → "Navarro-Valls", "Commander Randy Henderson" →
    "Randy Henderson": a role noun or title (``lang/de/data/name_titles.txt``) is not part
    of a name."""
    start = ent.start
    titles = de.word_list("name_titles")
    while start < ent.end - 1 and (ent.doc[start].text in titles or ent.doc[start].tag_ == "NN"
                                   and is_role_word(ent.doc[start])):
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


def _double_first_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with the persons named by a hyphenated double first name and the capitalised
    word after it ("Frank-Jürgen Weise", which a tagger may read as an adjective and the
    recogniser miss): a person that starts right after such a first name takes it in."""
    names = de.word_table("first_names")
    taken = {i for e in ents for i in range(e.start, e.end)}
    starts = {e.start: k for k, e in enumerate(ents) if e.label_ == "PER"}
    out = list(ents)
    texts = token_texts(doc)
    for i in range(len(texts) - 1):
        if "-" not in texts[i]:
            continue
        tok = doc[i]
        parts = tok.text.split("-")
        if len(parts) != 2 or tok.i in taken or not all(p in names for p in parts) \
                or not tok.whitespace_:
            continue
        k = starts.get(tok.i + 1)
        if k is not None:
            out[k] = Span(doc, tok.i, ents[k].end, label="PER")
            continue
        nxt = doc[tok.i + 1]
        if tok.i + 1 not in taken and nxt.text[:1].isupper() and nxt.is_alpha \
                and nxt.tag_ in ("NN", "NE", "ADJA", "ADJD"):
            out.append(Span(doc, tok.i, tok.i + 2, label="PER"))
    return sorted(out, key=lambda s: s.start) if len(out) != len(ents) else out


def complete_person_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with person names completed (see the module docstring); entities the longer
    name now covers are dropped."""
    ents = _double_first_names(doc, ents)
    particles = name_particles()
    tails = _name_tails([e.text.lower() for e in ents if e.label_ == "PER" and len(e) > 1])
    out: list[Span] = []
    for e in ents:
        if e.label_ == "PER":
            e = _without_leading_role(e)
        start = _particles_left(doc, e, particles, tails)  # also a mislabelled "Leyen"
        end = e.end
        if e.label_ == "PER":
            end = _particles_right(doc, _glued_apostrophe(doc, e.end), particles,
                                   len(e) == 1 and _is_first_name(e.text))
            end = max(end, _surname_after_first_name(doc, e))
        out.append(e if (start, end) == (e.start, e.end) else Span(doc, start, end, label="PER"))
    keep: list[Span] = []
    for e in sorted(out, key=lambda s: (s.start, -s.end)):
        if keep and e.start < keep[-1].end:
            continue  # inside (or overlapping) the completed name before it
        keep.append(e)
    return keep


def split_two_surnames(ents: list[Span]) -> list[Span]:
    """"So kritisierte Rajoy Zapatero …": a two-word person whose words are the surnames
    of two different persons named in full in the same article ("Mariano Rajoy", "José
    Luis Rodríguez Zapatero") is those two persons, side by side."""
    full = {e.text for e in ents if e.label_ == "PER" and len(e) > 2
            or e.label_ == "PER" and len(e) == 2 and not _two_surnames_candidate(e)}
    surnames: dict[str, set[str]] = {}
    for name in full:
        surnames.setdefault(name.split()[-1], set()).add(name)
    out: list[Span] = []
    for e in ents:
        if e.label_ == "PER" and len(e) == 2 and e.text not in full \
                and e[0].text in surnames and e[1].text in surnames \
                and not surnames[e[0].text] & surnames[e[1].text]:
            out += [Span(e.doc, e.start, e.start + 1, label="PER"),
                    Span(e.doc, e.start + 1, e.end, label="PER")]
        else:
            out.append(e)
    return out


def _two_surnames_candidate(e: Span) -> bool:
    """Both words capitalised and neither a first name: "Rajoy Zapatero", not "Karl Maurer"."""
    return all(t.text[:1].isupper() for t in e) \
        and e[0].text not in de.word_table("first_names")
