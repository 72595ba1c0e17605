"""Speech frames: the cue and speaker that frame a quote.

A :class:`Frame` is what "…, sagte X", "X sagte: „…“", "…, so X", "laut X", "X zufolge"
and "heißt es in X" contribute to a quote: the cue (the speech verb or frame word), its
lemma, and the speaker mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newskit.components.quotes.cues import cue_lemma
from newskit.components.quotes.grammar import (
    clause_start,
    first_np_after,
    heisst_es_source,
    is_finite,
    is_heisst_es,
    is_konj1,
    main_finite_before,
    np_coordinated,
    np_forward,
)
from newskit.components.quotes.marks import is_short_name_run
from newskit.components.quotes.subjects import clause_subject, find_subject
from newskit.components.quotes.words import (
    ADVERBIAL_SUBORDINATORS,
    COMPLEMENTIZERS,
    HEISSEN,
    NARRATIVE_OPENERS,
    QUESTION_COMPLEMENTIZERS,
    SO,
    ZITIEREN,
)

# an auxiliary at a frame's start looks this many tokens ahead for its participle
AUX_LOOKAHEAD = 8
APPOSITION_MAX = 10  # words of an apposition the auxiliary frame looks past
QUOTED_PERSON_LOOKAHEAD = 6  # words after the medium that quotes where a person may stand
# an indicative complement's verb follows a Vorfeld of at most this many tokens
INDICATIVE_VORFELD = 4
WIE_FRAME = ("wie",)
CLAUSE_STOP = (",", ".", ";", ":")
PASSIVE_INFINITIVES = ("werden", "worden")  # "geschlossen werden": the clause is a passive


@dataclass(frozen=True)
class Frame:
    """A speech frame: the cue span (speech verb, "so", "laut", "heißt es" …), its lemma
    and the speaker mention; any of them may be missing ("BKA-Präsident Ziercke: „…“"
    has a speaker but no cue)."""

    cue: Span | None = None
    lemma: str | None = None
    speaker: Span | None = None


@dataclass
class Quote:
    """A quote found in a Doc: its content, kind and frame (speaker not yet resolved)."""

    start: int  # char offsets of the content
    end: int
    kind: str
    cue: Span | None = None
    cue_lemma: str | None = None
    speaker: Span | None = None
    inherit: bool = False  # speaker comes from the previous quote
    affiliation: str | None = None  # "(CDU)" after the speaker's name
    via: str | None = None  # how the speaker was found (``speakers.SPEAKER_VIA``)

    @classmethod
    def framed(cls, start: int, end: int, kind: str, frame: Frame) -> Quote:
        """A quote whose cue, lemma and speaker are those of ``frame``."""
        return cls(start, end, kind, frame.cue, frame.lemma, frame.speaker)

    def take(self, frame: Frame) -> None:
        """Take cue, lemma and speaker from ``frame``."""
        self.cue, self.cue_lemma, self.speaker = frame.cue, frame.lemma, frame.speaker


def heisst_es_frame(doc: Doc, fin: Token, source: Span | None) -> Frame:
    """The frame of "heißt es" (cue "heißt es", lemma "heißen", the document as speaker)."""
    return Frame(doc[fin.i : fin.i + 2], HEISSEN, source)


# ------------------------------------------------------------- trailing frames
#: verbs of naming take an object and its name, not a reported clause: "nannte die Karte
#: „überzogen“, Löw bezeichnete …" is two statements
NAMING_VERBS = frozenset(["nennen", "bezeichnen"])
#: "„…“, zeigte sich X zufrieden", "„…“, gab sich Y überzeugt": a reaction right after a
#: quotation is its speaker's
REFLEXIVE_FRAME_VERBS = frozenset(["zeigen", "geben"])


def trailing_frame(doc: Doc, sent: Span, pos: int, blocked: set[int]) -> Frame | None:
    """At token ``pos`` (right after a comma or a closing quote): "sagte X", "so X",
    "kündigte X an", "hat er gesagt", "heißt es"."""
    if pos >= sent.end:
        return None
    tok = doc[pos]
    if tok.lower_ == SO and pos + 1 < sent.end:
        np = np_forward(doc, pos + 1, sent.end)
        if np is not None:
            return Frame(doc[pos : pos + 1], SO, np)
    if is_heisst_es(doc, tok, sent.end):
        return heisst_es_frame(doc, tok, heisst_es_source(doc, tok, sent_end=sent.end))
    lemma = cue_lemma(tok)
    if lemma is not None:
        np = first_np_after(doc, pos + 1, sent.end)
        if lemma == ZITIEREN and np is not None:
            np = _person_quoted(doc, np, sent.end) or np
        return Frame(doc[pos : pos + 1], lemma, np)
    if tok.lemma_.lower() in REFLEXIVE_FRAME_VERBS and pos + 1 < sent.end \
            and doc[pos + 1].lower_ == "sich":  # "„…“, zeigte sich X zufrieden"
        return Frame(doc[pos : pos + 2], tok.lemma_.lower(),
                     first_np_after(doc, pos + 2, sent.end))
    if tok.tag_ in ("VAFIN", "VMFIN") or tok.pos_ == "AUX":
        return _auxiliary_frame(doc, sent, pos, blocked)
    return None


def _person_quoted(doc: Doc, subject: Span, end: int) -> Span | None:
    """"„…“, zitiert die Zeitung den Manager Kevin Lynch": after "zitiert" and the medium
    that quotes, the person named in the same clause is who spoke."""
    for j in range(subject.start + 1, min(end, subject.end + QUOTED_PERSON_LOOKAHEAD)):
        t = doc[j]
        if t.text in CLAUSE_STOP:
            return None
        if t.ent_type_ == "PER" and t.ent_iob_ == "B":
            k = j + 1
            while k < end and doc[k].ent_iob_ == "I":
                k += 1
            return doc[j:k]
    return None


def _auxiliary_frame(doc: Doc, sent: Span, pos: int, blocked: set[int]) -> Frame | None:
    """"…, hat er gesagt": auxiliary first, participle later in the clause; "…, wird
    X, Sprecher des Verbands, zitiert": an apposition between commas is skipped."""
    j, stop, np_end = pos + 1, min(sent.end, pos + AUX_LOOKAHEAD), None
    while j < stop:
        if j in blocked:
            break
        if doc[j].text in CLAUSE_STOP:
            close = _apposition_end(doc, sent, j) if doc[j].text == "," and np_end is None \
                else None
            if close is None:
                break
            np_end = j
            stop = min(sent.end, stop + close - j + 1)
            j = close + 1
            continue
        lemma = cue_lemma(doc[j])
        if lemma:
            return Frame(doc[j : j + 1], lemma, first_np_after(doc, pos + 1, np_end or j))
        j += 1
    return None


def _apposition_end(doc: Doc, sent: Span, comma: int) -> int | None:
    """The comma closing an apposition that opens at ``comma`` ("X, Sprecher des Verbands,
    zitiert"): a short stretch with no verb and no quotation mark, or ``None``."""
    for j in range(comma + 1, min(sent.end, comma + 2 + APPOSITION_MAX)):
        t = doc[j]
        if t.text == ",":
            return j if j > comma + 1 else None
        if t.text in CLAUSE_STOP or t.pos_ in ("VERB", "AUX") or t.is_quote:
            return None
    return None


# ---------------------------------------------------------------- colon frames
def colon_frame(doc: Doc, sent: Span, colon: int, blocked: set[int]) -> Frame | None:
    """"X sagte: „…“", "So sagte X, Y: „…“", "griff sie … an: „…“"."""
    start = colon - 1
    while start > sent.start and doc[start - 1].text not in (":", ";") and \
            (start - 1) not in blocked:
        start -= 1
    for j in range(start, colon):
        lemma = cue_lemma(doc[j])
        if lemma is not None:
            return Frame(doc[j : j + 1], lemma, find_subject(doc, sent, doc[j], blocked))
    fin = main_finite_before(doc, start, colon)
    if fin is not None and is_heisst_es(doc, fin, colon):
        # "In dem Antrag heißt es wörtlich: „…“"
        return heisst_es_frame(doc, fin, heisst_es_source(doc, fin, vorfeld=start))
    if fin is None:
        # "BKA-Präsident Ziercke: „…“"
        np = np_coordinated(doc, start, colon)
        ok = np is not None and (np.end == colon or doc[np.end].text == ",")
        return Frame(speaker=np) if ok else None
    subj = clause_subject(doc, sent, fin, start)
    return Frame(speaker=subj) if subj is not None else None


def main_clause_frame(doc: Doc, sent: Span, upto: int, blocked: set[int]) -> Frame | None:
    """For a quoted fragment with no speech verb: the subject of its main clause
    ("X nannte die Zahlen „aus der Luft gegriffen“")."""
    fin = main_finite_before(doc, sent.start, upto)
    if fin is None or "Sub" in fin.morph.get("Mood"):
        return None  # a fragment inside reported speech belongs to the reporter's source
    if any(t.tag_ == "VVPP" and t.i + 1 < upto and doc[t.i + 1].lower_ in PASSIVE_INFINITIVES
           for t in doc[fin.i + 1: upto]):
        return None  # "… soll eine Lücke geschlossen werden, „um …“": a passive's subject
    subj = clause_subject(doc, sent, fin, clause_start(doc, sent, fin.i, blocked))
    if subj is None or any(t.i in blocked for t in subj):
        return None
    return Frame(speaker=subj)


# --------------------------------------------------------------- source frames
def _complement_comma(doc: Doc, sent: Span, cue: Token, blocked: set[int]) -> int | None:
    """The comma that opens ``cue``'s complement, within the cue's clause."""
    i = cue.i + 1
    while i < sent.end and doc[i].text != ",":
        if doc[i].text == ":" and _konj1_clause_after(doc, sent, i):
            return i  # "kritisierte das Gesetz in scharfer Form: Das Gesetz beschränke …"
        if doc[i].text in (".", "!", "?", ";", ":"):
            return None
        if i in blocked:  # a quoted name in the clause: "sagte der „Zeitung“, dass"
            k = i
            while k < sent.end and k in blocked:
                k += 1
            if not is_short_name_run(doc[i:k]):
                return None
            i = k
            continue
        i += 1
    if i >= sent.end:
        return None
    return _after_apposition(doc, sent, i)


def _konj1_clause_after(doc: Doc, sent: Span, colon: int) -> bool:
    """An unquoted clause after a colon whose first finite verb is Konjunktiv I."""
    for j in range(colon + 1, sent.end):
        if doc[j].is_punct and doc[j].text != "-" or j in (colon + 1,) and doc[j].text in "„»\"":
            return False
        if is_finite(doc[j]):
            return is_konj1(doc[j])
    return False


def _after_apposition(doc: Doc, sent: Span, comma: int) -> int:
    """The comma after an apposition that follows ``comma``: "meldete der Sender, Radio X, dass"."""
    if comma + 1 >= sent.end or doc[comma - 1].tag_ not in ("NN", "NE"):
        return comma
    np = np_coordinated(doc, comma + 1, sent.end)
    if np is None or np.end >= sent.end or doc[np.end].text != "," or not any(
            t.tag_ == "NE" or t.ent_type_ for t in np):
        return comma
    return _after_verbless_phrase(doc, sent, np.end)


def _after_verbless_phrase(doc: Doc, sent: Span, comma: int) -> int:
    """The comma before "dass"/"ob" when only a phrase without a verb stands between:
    "…, Tessema, gegenüber der BBC, dass …"."""
    k = comma + 1
    while k < sent.end and doc[k].text != "," and not doc[k].tag_.startswith("V"):
        k += 1
    if k > comma + 1 and k + 1 < sent.end and doc[k].text == "," \
            and doc[comma + 1].tag_ in ("APPR", "APPRART") \
            and doc[k + 1].lower_ in COMPLEMENTIZERS:
        return k
    return comma


def complement_after(doc: Doc, sent: Span, cue: Token, blocked: set[int],
                     lemma: str | None = None) -> tuple[int, int] | None:
    """Character range of a dass/ob or Konjunktiv-I clause that ``cue`` governs."""
    comma = _complement_comma(doc, sent, cue, blocked)
    if comma is None:
        return None
    start = comma + 1
    while start < sent.end and doc[start].is_space:
        start += 1
    if start >= sent.end:
        return None
    end_tok = sent.end - 1
    while end_tok > start and (doc[end_tok].is_punct or doc[end_tok].is_space):
        end_tok -= 1
    first = doc[start].lower_
    if end_tok < start or first in ADVERBIAL_SUBORDINATORS:
        return None
    span = doc[start].idx, doc[end_tok].idx + len(doc[end_tok])
    if first in COMPLEMENTIZERS and first not in QUESTION_COMPLEMENTIZERS:
        return span
    # "…, sagte er, die Lage sei ernst" / "forderte sie auf, … zu …" / "gab an, … zu haben"
    zu_ok = lemma is not None
    for j in range(start, end_tok + 1):
        if doc[j].text == "," or doc[j].tag_ in ("KOUS", "PRELS"):
            break
        if "Sub" in doc[j].morph.get("Mood") or (zu_ok and doc[j].tag_ in ("VVIZU", "PTKZU")):
            return span
        if is_finite(doc[j]) and first not in NARRATIVE_OPENERS and lemma not in NAMING_VERBS \
                and _indicative_report(doc, sent, cue, blocked, j - start):
            return span
    return None


def _indicative_report(doc: Doc, sent: Span, cue: Token, blocked: set[int], vorfeld: int) -> bool:
    """An indicative main clause reports too: "Wie X sagte, ist …" (verb first) and
    "X sagte, er kommt morgen" (verb second)."""
    first = doc[clause_start(doc, sent, cue.i, blocked)]
    if first.lower_ in WIE_FRAME:
        return vorfeld == 0
    if first.tag_ in ("KOUS", "PWAV", "PRELS", "PRELAT"):
        return False
    return 1 <= vorfeld <= INDICATIVE_VORFELD
