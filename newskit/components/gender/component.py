"""The ``newskit_gender`` component: gender of persons and of quoted speakers."""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskit.components.entities import is_role_word
from newskit.components.extensions import register_extensions
from newskit.components.gender.evidence import (
    GENERIC_MASCULINE,
    UNKNOWN,
    Gender,
    decide,
    gendered_nouns,
    masculine_person_noun,
    name_gender,
    noun_gender,
)
from newskit.lang import de

_SKIP_BEFORE_APPOSITION = frozenset({"ART", "PPOSAT", "ADJA", "PDAT"})
PRONOUN_GENDER = {"er": "male", "sie": "female"}
#: the article before a nominalised adjective in the singular nominative
ARTICLE_GENDER = {"der": "male", "ein": "male", "die": "female", "eine": "female"}


def _noun_evidence(tok: Token, named: bool) -> tuple[str, str] | None:
    """Evidence from a noun next to a person: ``(kind, gender)`` or None.

    A masculine role noun counts as male only next to a name; alone it is generic.
    """
    g = noun_gender(tok.text)
    if g is not None:
        return ("frau_herr" if tok.text in gendered_nouns() else "role_noun"), g
    if is_role_word(tok) or named and tok.tag_ == "NN" and masculine_person_noun(tok.text):
        return ("role_noun", "male") if named else (GENERIC_MASCULINE, "unknown")
    return None


def _apposition_after(ent: Span) -> Token | None:
    """The noun of an apposition after a name: "Maria Weber, Sprecherin der Polizei"."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    while i < len(doc) and doc[i].tag_ in _SKIP_BEFORE_APPOSITION:
        i += 1
    return doc[i] if i < len(doc) and doc[i].tag_ == "NN" else None


def _mention_evidence(ent: Span, canonical: str) -> list[tuple[str, str]]:
    found = []
    words = canonical.split()
    if len(words) > 1 and (g := name_gender(words[0])):
        found.append(("first_name", g))
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    for tok in (before, _apposition_after(ent)):
        if tok is not None and (ev := _noun_evidence(tok, named=True)):
            found.append(ev)
    return found


def _singular_pronoun(speaker: Span, cue: Span | None) -> str | None:
    """"er"/"sie" as the subject of a singular verb ("sie sagte", not "sie sagten")."""
    if len(speaker) != 1 or speaker[0].lower_ not in PRONOUN_GENDER:
        return None
    if speaker[0].lower_ == "sie" and cue is not None and cue[0].text.endswith("en"):
        return None
    return PRONOUN_GENDER[speaker[0].lower_]


def person_genders(doc: Doc) -> dict[str, Gender]:
    """Gender of every person (by canonical name) in ``doc``."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for ent in doc.ents:
        if ent.label_ == "PER":
            canon = ent._.nk_canonical or ent.text
            _ = found[canon]  # every person gets an entry, with or without evidence
            for kind, g in _mention_evidence(ent, canon):
                found[canon][kind].add(g)
    for binding in doc._.nk_roles or []:  # "Der Sprecher des Programms, Tomson Phiri"
        if binding[2] in found:
            g = noun_gender(binding[1].capitalize())
            if g is None and binding[1].endswith("e"):
                continue  # "Vorsitzende", "Beauftragte": the article says which, not the noun
            found[binding[2]]["role_noun"].add(g or "male")
    for canon, g in speaker_pronouns(doc):
        found[canon]["pronoun"].add(g)
    return {canon: decide(ev) for canon, ev in found.items()}


def _pronoun_opening(q: Span) -> str | None:
    """"Er wisse auch nicht, …": a report that opens with "er"/"sie" and a singular verb
    speaks of its speaker."""
    if len(q) < 2 or q[0].lower_ not in PRONOUN_GENDER or q[0].tag_ != "PPER" \
            or not q[0].is_sent_start or not q[1].tag_.endswith("FIN"):
        return None
    if q[0].lower_ == "sie" and q[1].lower_.endswith("en"):
        return None  # "Sie seien …": plural
    return PRONOUN_GENDER[q[0].lower_]


def speaker_pronouns(doc: Doc) -> list[tuple[str, str]]:
    """(canonical speaker, gender) for each singular "er"/"sie" that stands for a speaker:
    the pronoun that frames a quote ("sie sagte") or opens an indirect report of it."""
    out = []
    for q in doc.spans.get("quotes", []):
        spk, canon = q._.nk_speaker, q._.nk_speaker_canonical
        if spk is None or not canon:
            continue
        g = _singular_pronoun(spk, q._.nk_cue) or (
            _pronoun_opening(q) if q.label_ != "direct" else None)
        if g:
            out.append((canon, g))
    return out


def _nominalised_adjective(tok: Token) -> Gender | None:
    """"der 58-Jährige", "die Angeklagte": a nominalised adjective in the singular, whose
    article tells the gender."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if before is None or not tok.lower_.endswith(tuple(de.ordered_list(
            "nominalised_person_adjectives"))):
        return None
    g = ARTICLE_GENDER.get(before.lower_)
    return Gender(g, "role_noun") if g else None


def _plural_article(tok: Token) -> bool:
    """"die Ermittler", "den Ermittlern", "die beiden Richter": a masculine person noun after
    a plural article (a singular one takes "der"/"des"/"dem"/"den")."""
    for j in range(tok.i - 1, max(tok.i - 4, tok.sent.start - 1), -1):
        t = tok.doc[j]
        if t.tag_ == "ART":
            return t.lower_ == "die" or (t.lower_ == "den" and tok.lower_.endswith("n"))
        if t.tag_ not in ("ADJA", "PIAT", "PIDAT", "CARD"):
            return False
    return False


def unnamed_speaker_gender(speaker: Span) -> Gender | None:
    """Gender of a speaker without a name ("die Sprecherin", "ein Polizeisprecher",
    "Angaben der Sprecherin", "der 58-Jährige"): the first noun that names a person decides,
    so a genitive after it does not ("der Sprecher der Ministerin" is generic)."""
    for tok in speaker:
        if tok.tag_ in ("NN", "NE", "ADJA") and (g := _nominalised_adjective(tok)):
            return g
        if tok.tag_ in ("NN", "NE") or tok.pos_ in ("NOUN", "PROPN"):
            ev = _noun_evidence(tok, named=False)
            if ev is not None:
                kind, g = ev
                if kind == GENERIC_MASCULINE and _plural_article(tok):
                    return None  # "die Richter", "den Ermittlern": a group, no gender
                return Gender(g, kind) if kind != GENERIC_MASCULINE else Gender("unknown", kind)
    return None


class GenderAssigner:
    """Set ``ent._.nk_gender``/``nk_gender_evidence`` on persons and
    ``q._.nk_speaker_gender``/``nk_speaker_gender_evidence`` on quotes.

    Persons get ``female``/``male``/``unknown``; quotes whose speaker is an organisation
    or a group get an empty gender. See :mod:`newskit.components.gender.evidence`.

    Example:
        >>> import newskit
        >>> doc = newskit.load_pipeline()("Die Ministerin Anna Schmidt kam. Sie sagte, es gehe gut.")
        >>> [(e.text, e._.nk_gender, e._.nk_gender_evidence) for e in doc.ents]
        [('Anna Schmidt', 'female', 'first_name')]
    """

    def __init__(self, nlp: Language, name: str):
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        genders = person_genders(doc)
        pronouns: dict[str, set[str]] = defaultdict(set)
        for canon, g in speaker_pronouns(doc):
            pronouns[canon].add(g)
        for ent in doc.ents:
            if ent.label_ == "PER":
                g = genders.get(ent._.nk_canonical or ent.text, UNKNOWN)
                ent._.nk_gender, ent._.nk_gender_evidence = g.gender, g.evidence
        for q in doc.spans.get("quotes", []):
            g = self._speaker(q, genders, pronouns)
            q._.nk_speaker_gender = g.gender if g else ""
            q._.nk_speaker_gender_evidence = g.evidence if g else ""
        return doc

    @staticmethod
    def _speaker(q: Span, genders: dict[str, Gender],
                 pronouns: dict[str, set[str]]) -> Gender | None:
        canon, spk = q._.nk_speaker_canonical, q._.nk_speaker
        if canon in genders:
            return genders[canon]
        if spk is None:
            return None
        found = unnamed_speaker_gender(spk)
        if found is None and isinstance(canon, str) and len(canon.split()) == 1:
            g = noun_gender(canon)  # "Sie" resolved to an earlier "Armeesprecherin"
            found = Gender(g, "role_noun") if g else None
        said = pronouns.get(canon, set())
        if found is not None and found.evidence == GENERIC_MASCULINE and len(said) == 1:
            return Gender(next(iter(said)), "pronoun")  # "Ein Sprecher sagte, … Er wisse …"
        return found


@Language.factory(
    "newskit_gender",
    assigns=["span._.nk_gender", "span._.nk_gender_evidence", "span._.nk_speaker_gender",
             "span._.nk_speaker_gender_evidence"],
    requires=["doc.ents", "span._.nk_canonical", "doc.spans"],
)
def make_gender(nlp: Language, name: str):
    return GenderAssigner(nlp, name)
