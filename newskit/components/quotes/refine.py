"""From a speaker mention to who speaks.

The grammar finds the words that frame a quote; this module decides what they name:

* "man", "es" name nobody: no speaker;
* "Demnach", "Diese", "nach eigenen Angaben" point back to the last source;
* an affiliation in parentheses belongs to the name before it: "Heribert Rech (CDU)" is
  Heribert Rech, affiliation CDU (the speaker phrase keeps the parentheses);
* a source noun hands over to its source: "Angaben der Polizei" → Polizei,
  "Medienberichten" → Medien;
* the head of a phrase decides, not a name in its attribute: "Der Wirtschaftsrat der CDU" is
  the Wirtschaftsrat der CDU, "Der Vorsitzende des Verbands in Deutschland" is not
  Deutschland; a role followed by a name is that person ("VW-Chef Martin Winterkorn",
  "Der Sprecher des Programms, Tomson Phiri").

Example:
    >>> import newskit
    >>> doc = newskit.load_pipeline()("Innenminister Heribert Rech (CDU) sagte, die Lage sei ruhig.")
    >>> q = doc.spans["quotes"][0]
    >>> q._.nk_speaker.text, q._.nk_speaker_canonical, q._.nk_speaker_affiliation
    ('Innenminister Heribert Rech (CDU)', 'Heribert Rech', 'CDU')
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newskit.components.entities.organisations import known_orgs
from newskit.components.quotes.grammar import NP_DET, NP_HEAD, NP_MOD, names_a_time, np_coordinated
from newskit.components.quotes.words import GENITIVE_ARTICLES, SOURCE_NOUNS, VON, abstract_noun
from newskit.lang import de
from newskit.lang.de.declension import nominative, readings

#: an affiliation in parentheses has at most this many tokens
MAX_AFFILIATION_TOKENS = 8
#: the first part of a compound source noun must be this long ("Polizei|angaben")
MIN_SOURCE_PREFIX = 3
PLURAL_REPORTS = ("berichten", "berichte", "meldungen")  # reports by many: a generic source
_HEAD_SKIP = NP_DET | NP_MOD
#: possessives before a source noun and the pronoun they stand for ("seinen Angaben")
POSSESSIVE_PRONOUNS = {"sei": "er", "ihr": "sie"}


@dataclass
class Speaker:
    """A refined speaker: the mention, a name that overrides resolution, an affiliation,
    or a pointer back to the last source (``anaphoric``)."""

    span: Span | None
    name: str | None = None
    affiliation: str | None = None
    anaphoric: bool = False
    #: the pronoun a possessive before a source noun stands for ("ihren Angaben" → "sie")
    pronoun: str | None = None
    #: the refined span replaces the mention ("CDU)" → "Heribert Rech"); otherwise the
    #: mention stays as written ("Angaben der Polizei") and ``span`` only says who it names
    replaces_mention: bool = False


def words(span: Span) -> list[Token]:
    """The tokens of ``span`` that are not punctuation or space."""
    return [t for t in span if not t.is_punct and not t.is_space]


def head(span: Span) -> Token | None:
    """The head noun: the first noun after determiners and adjectives."""
    for t in span:
        if t.tag_ in NP_HEAD or t.pos_ in ("NOUN", "PROPN"):
            return t
        if t.tag_ not in _HEAD_SKIP and not t.is_punct:
            return None
    return None


def phrase(tokens: list[Token]) -> str:
    """A phrase as a name: without leading determiners and punctuation, its adjectives and
    head noun in the nominative ("Die Polizei" → "Polizei", "des Senders" → "Sender",
    "von Kritikern" → "Kritiker", "das norwegische Nobelkomitee" → "norwegisches
    Nobelkomitee", "der dortige Gerichtshof" → "Gerichtshof", "der englische Independent"
    → "Independent", but "jüngsten Untersuchungen" → "Untersuchungen": a source noun of
    ``source_nouns.txt`` without adjectives that only date it (``recency_adjectives.txt``); :func:`newskit.lang.de.declension.nominative`)."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].text == "," and tokens[k + 1].lower_ in _EXAMPLE_OPENERS:
            tokens = tokens[:k]  # "Die Initiatoren, unter ihnen der Verein X": the group
            break
    i = 1 if tokens and tokens[0].tag_ in ("APPR", "APPRART") else 0  # "Aus dem Ministerium"
    while i < len(tokens) and tokens[i].is_punct:  # "[...] die meisten Zuschauer"
        i += 1
    while i < len(tokens) and tokens[i].tag_ in NP_DET:
        i += 1
    article = tokens[i - 1].lower_ if i and tokens[i - 1].tag_ == "ART" else None
    kept = [t for t in tokens[i:] if not t.is_punct or t.text in ("-", "&")]
    counted = [t for t in kept if t.lower_ not in de.word_list("quantifier_adjectives")]
    if len(counted) < len(kept) and counted and counted[0].tag_ in ("ADJA", "NN"):
        kept = counted  # "verschiedene Medien" -> "Medien"
    while len(kept) > 1 and kept[-1].tag_ in ("ADV", "PTKNEG"):
        kept.pop()  # "Die Kanadier hingegen"
    if len(kept) > 1 and kept[-1].lower_ in de.word_list("source_nouns") \
            and all(t.tag_ == "ADJA" and _recency(t.lower_) for t in kept[:-1]):
        kept = kept[-1:]  # "nach jüngsten Untersuchungen": the findings, not their age
    while len(kept) > 1 and kept[0].tag_ == "ADJA" and _deictic(kept[0].lower_):
        kept = kept[1:]  # "der dortige Kassationsgerichtshof": where it is, not who
    if len(kept) > 1 and (kept[-1].tag_ in ("NE", "FM") or kept[-1].ent_iob_ == "B") \
            and all(t.tag_ == "ADJA" and t.text[:1].islower() for t in kept[:-1]):
        kept = kept[-1:]  # "der englische Independent": a name needs no description
    texts = [t.text.lower() if t.is_sent_start and t.tag_ == "ADJA" else t.text for t in kept]
    return " ".join(nominative(texts, [t.tag_ for t in kept], article))  # "Buddhistische …"


def names_someone(name: str | None) -> bool:
    """Whether a resolved name can be a speaker: not empty, not only pronouns, function or
    time words (``non_speakers.txt``), and not a lower-case fragment (a lower-case name
    news knows, "dpa" or "taz", is a name)."""
    words_ = [w.strip("\"'„“”»«‚‘’()[]{},.;:!?") for w in str(name or "").split()]
    stop = de.word_list("non_speakers")
    content = [w for w in words_ if w and w.lower() not in stop]
    return any(w[:1].isupper() or w[:1].isdigit() or w in known_orgs() for w in content)


def _deictic(adjective: str) -> bool:
    """``dortigen``, ``damalige``, ``regierende``: an adjective that places a source from the
    text's vantage (``deictic_adjectives.txt``)."""
    return any(adjective.startswith(s) and adjective[len(s):] in _ADJ_ENDINGS
               for s in de.word_list("deictic_adjectives"))


def _recency(adjective: str) -> bool:
    """``jüngsten``, ``ersten``, ``bisherigen``: an adjective that dates a source."""
    return any(adjective.startswith(s) and adjective[len(s):] in _ADJ_ENDINGS
               for s in de.word_list("recency_adjectives"))


#: words after a comma that open examples of a group ("…, unter ihnen …", "…, darunter …"):
#: no part of the group's name
_EXAMPLE_OPENERS = frozenset(("unter", "darunter", "etwa", "insbesondere", "vor", "namentlich"))

_ADJ_ENDINGS = ("", "e", "en", "em", "er", "es", "n", "m", "r", "s")


def _sentence_end(doc: Doc, i: int) -> int:
    return doc[i].sent.end


def _in_parentheses(span: Span) -> tuple[int, int] | None:
    """Token range (open, close) of parentheses that hold ``span``, if any."""
    doc = span.doc
    i = span.start - 1
    while i >= max(0, span.start - MAX_AFFILIATION_TOKENS) and doc[i].text != "(":
        if doc[i].text == ")":
            return None
        i -= 1
    if i < 0 or doc[i].text != "(":
        return None
    j = span.start
    limit = min(len(doc), i + MAX_AFFILIATION_TOKENS + 2)
    while j < limit and doc[j].text != ")":
        j += 1
    return (i, j) if j < limit else None


def _affiliation_after(span: Span) -> str | None:
    """"Heribert Rech (CDU)": the words in parentheses right after a name."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "(":
        return None
    j = span.end + 1
    while j < min(len(doc), span.end + MAX_AFFILIATION_TOKENS + 1) and doc[j].text != ")":
        j += 1
    if j >= len(doc) or doc[j].text != ")" or j == span.end + 1:
        return None
    return doc[span.end + 1: j].text


def _closing_affiliation(span: Span) -> str | None:
    """"Die Abgeordnete Martina Kessler (FDP)": the words in parentheses that close the
    phrase, after a name."""
    if len(span) < 4 or span[-1].text != ")":
        return None
    k = len(span) - 2
    while k > 0 and span[k].text != "(" and len(span) - k <= MAX_AFFILIATION_TOKENS + 1:
        k -= 1
    if span[k].text != "(" or k == len(span) - 2 or span[k - 1].ent_type_ != "PER":
        return None
    return span[k + 1 : len(span) - 1].text


def _name_before(doc: Doc, i: int) -> Span | None:
    """The entity (or noun phrase) that ends right before token ``i``."""
    for ent in doc.ents:  # few entities end at one token; called once per quote at most
        if ent.end == i:
            return ent
    start = i
    while start > 0 and (doc[start - 1].tag_ in NP_HEAD or doc[start - 1].tag_ in _HEAD_SKIP):
        start -= 1
    return doc[start:i] if start < i else None


def _source_complement(doc: Doc, h: Token, span: Span) -> Span | None:
    """The genitive or von-phrase after a source noun: "Angaben [der Polizei]"."""
    i = h.i + 1
    if i >= len(doc):
        return None
    end = max(span.end, min(_sentence_end(doc, h.i), i + 12))
    if doc[i].lower_ in VON or doc[i].lower_ == "aus":  # "Angaben aus Regierungskreisen"
        np = np_coordinated(doc, i + 1, end)  # "von AFP und Reuters"
        if np is not None and doc[i].lower_ == "aus" and names_a_time(np):
            return None  # "Planungen aus dem Jahr 2005": a date, not a source
        if np is None and i + 1 < len(doc) and _alphanumeric_name(doc[i + 1].text):
            return doc[i + 1 : i + 2]  # "von n24": a name the tagger took for a number
        return np
    if doc[i].lower_ in GENITIVE_ARTICLES or doc[i].tag_ in ("ART", "ADJA", "PPOSAT", "PIAT", "PIDAT") \
            and doc[i].lower_.endswith(("er", "es")):  # not "laut Presseberichten eine …"
        np = np_coordinated(doc, i, end)  # "der Polizei", "einer Gewerkschaft", "politischer Beobachter"
        if np is not None and np.end + 1 < min(end + 1, len(doc)) \
                and doc[np.end].lower_ == "von" and doc[np.end + 1].tag_ == "NE":
            return doc[np.start: np.end + 2]  # "des seismologischen Instituts von Athen"
        return np
    if doc[i].tag_ == "NE" and doc[i].text.endswith("s") and doc[i].ent_type_:
        k = i + 1  # "Meinung Russlands", "die ersten Worte Armstrongs"
        while k < len(doc) and doc[k].ent_iob_ == "I":
            k += 1
        return doc[i:k]
    return None


def _alphanumeric_name(text: str) -> bool:
    """"n24", "3sat": a name of letters and digits."""
    return text.isalnum() and any(c.isalpha() for c in text) and any(c.isdigit() for c in text)


def _source_prefix(word: str) -> str | None:
    """"Polizeiangaben" → "Polizei", "Regierungsangaben" → "Regierung"; the leadership of
    an organisation of a kind ("Vereinsführung", "Konzernspitze") → that kind, which
    stands for the organisation last named."""
    low = word.lower()
    for tail in de.ordered_list("source_noun_heads"):
        prefix = _prefix_before(word, low, tail)
        if prefix is not None:
            if prefix.lower() in de.word_list("report_kind_prefixes"):
                return None  # "Abschlussbericht": a kind of report, not its source
            return prefix
    for tail in de.ordered_list("leadership_heads"):
        prefix = _prefix_before(word, low, tail)
        if prefix is not None and prefix.lower() in de.word_list("organisation_class_nouns"):
            return prefix
    return None


def _prefix_before(word: str, low: str, tail: str) -> str | None:
    """The capitalised first part of a compound ``word`` ending with ``tail``, without a
    linking "s", or ``None``."""
    if not (low.endswith(tail) and len(low) - len(tail) >= MIN_SOURCE_PREFIX):
        return None
    prefix = word[: len(word) - len(tail)]
    if prefix.endswith("-") and (prefix[:-1] in known_orgs() or not prefix.islower()):
        return prefix[:-1]  # "dpa-Meldung", "AFP-Meldung": the name as written
    prefix = prefix.rstrip("-")
    if prefix.endswith("s") and len(prefix) > 4 and not prefix.endswith("ss"):
        prefix = prefix[:-1]
    return prefix[:1].upper() + prefix[1:]


def is_document(low: str) -> bool:
    """"Erklärung", "Positionspapier", "Abschlussbericht": a document noun or a compound
    ending with one."""
    documents = de.word_list("document_nouns")
    return low in documents or any(
        low.endswith(d) and len(low) - len(d) >= MIN_SOURCE_PREFIX for d in documents)


def _from_source_noun(span: Span, h: Token) -> Speaker | None:
    low = h.lower_
    is_source = (low in SOURCE_NOUNS or is_document(low) or _source_prefix(h.text) is not None)
    if not is_source:
        return _source_part(span, h)
    inner = _source_complement(span.doc, h, span)
    if inner is not None:
        return refine(inner, depth=1) or Speaker(inner)
    owner = span.doc[h.i - 1] if h.i > span.start else None
    if owner is not None and owner.tag_ == "PPOSAT" and owner.lower_[:3] in POSSESSIVE_PRONOUNS:
        return Speaker(span, pronoun=POSSESSIVE_PRONOUNS[owner.lower_[:3]])
    if low in de.word_list("source_nouns_bare"):
        return Speaker(span, anaphoric=True)
    prefix = _source_prefix(h.text)
    if prefix is None:
        return None
    if h.lower_.endswith(PLURAL_REPORTS) and prefix.lower() in de.word_list(
            "organisation_class_nouns"):
        prefix = _plural(prefix)  # "nach Zeitungsberichten": newspapers, not the one last named
    adjectives = [t.text for t in span if t.i < h.i and t.tag_ == "ADJA"]  # "israelischen
    words_ = nominative([*adjectives, prefix], ["ADJA"] * len(adjectives) + ["NN"])  # Armee…"
    return Speaker(span, name=" ".join(words_))


def _plural(noun: str) -> str:
    """The nominative plural of ``noun`` by the noun table ("Zeitung" → "Zeitungen"), else
    ``noun``."""
    for ending in ("en", "n", "e", "s", ""):
        if any(r.plural and r.nominative == noun + ending for r in readings(noun + ending)):
            return noun + ending
    return noun


def _source_part(span: Span, h: Token) -> Speaker | None:
    """A part or channel of a medium (``medium_parts.txt``: "die Online-Ausgabe des
    Spiegel"), a source noun after a hyphen ("die Internet-Nachrichten der Tagesschau") or a
    compound of one ("Die Kernaussage von Jerry Larson") with its source after it stands for
    that source."""
    last = h.lower_.rsplit("-", 1)[-1]
    if last not in de.word_list("medium_parts") \
            and not ("-" in h.text and last in SOURCE_NOUNS) \
            and not any(last.endswith(n) and len(last) - len(n) >= MIN_SOURCE_PREFIX
                        for n in SOURCE_NOUNS):
        return None
    inner = _source_complement(span.doc, h, span)
    if inner is None or not any(t.tag_ in ("NE", "NN") for t in inner):
        return None
    return refine(inner, depth=1) or Speaker(inner)


def _genitive_owner(span: Span, h: Token) -> Speaker | None:
    """"Celebis Angaben", "Merkels Worten": the name in the genitive before a source noun."""
    doc = span.doc
    nxt = doc[h.i + 1] if h.i + 1 < span.end else None
    if h.tag_ == "NE" and h.text.endswith("s") and nxt is not None \
            and nxt.lower_ in SOURCE_NOUNS:
        return Speaker(doc[h.i: h.i + 1])
    return None


def refine(span: Span | None, depth: int = 0) -> Speaker | None:
    """Who a speaker mention names (see the module docstring); ``None``: no speaker."""
    if span is None:
        return None
    ws = words(span)
    if len(ws) == 2 and ws[0].tag_ in ("APPR", "APPRART"):
        ws = ws[1:]  # "In diesem [Dokument heißt es]"
    if not ws:
        return None
    if len(ws) == 1 and ws[0].lower_ in de.word_list("no_speaker_words"):
        return None
    if len(ws) == 1 and ws[0].lower_ in de.word_list("anaphoric_sources"):
        return Speaker(span, anaphoric=True)
    if len(ws) == 1 and ws[0].tag_ == "CARD" and _alphanumeric_name(ws[0].text):
        return Speaker(span, name=ws[0].text)  # "n24": not a number
    parens = _in_parentheses(span)
    if parens is not None and not any(t.ent_type_ == "PER" for t in span):
        before = _name_before(span.doc, parens[0])
        if before is not None:
            return Speaker(before, affiliation=span.doc[parens[0] + 1: parens[1]].text,
                           replaces_mention=True)
    if len(ws) > 2 and ws[0].tag_ in ("APPR", "APPRART") and ws[0].i == span.start:
        span = span[1:]  # "In einem Bericht der Salzburger Nachrichten [heißt es]"
    h = head(span)
    if h is not None and abstract_noun(h) and not any(t.ent_type_ for t in span):
        return None  # "Seine Zuversicht", "diese mögliche Uninformiertheit": a thing
    if h is not None and depth == 0:
        found = _genitive_owner(span, h) or _from_source_noun(span, h)
        if found is not None:
            return found
    return Speaker(span, affiliation=_affiliation_after(span) or _closing_affiliation(span))
