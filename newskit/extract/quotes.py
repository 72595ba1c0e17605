"""Who said what: German direct, mixed, indirect and reported speech.

The ``newskit_quotes`` component writes ``doc.spans["quotes"]``; each span has

* ``span._.nk_kind`` — ``direct`` (an utterance in quotation marks), ``mixed`` (a
  quoted fragment inside reported speech), ``indirect`` (Konjunktiv I or a
  dass/ob clause under a speech verb, or a Konjunktiv I sentence that carries
  on the previous report) or ``reported`` (a speech act without its content);
* ``span._.nk_speaker`` — the mention that frames the quote ("Blinken", "er",
  "der US-Außenminister"), or ``None``;
* ``span._.nk_speaker_canonical`` — who that is: an entity's canonical name, a
  pronoun's antecedent, or the person a role noun is bound to;
* ``span._.nk_cue`` / ``span._.nk_cue_lemma`` — the speech verb or frame word.

Frames recognised: "…, sagte X", "X sagte: „…“", "…, so X", "X zufolge",
"laut X", "wie X sagte, …", "heißt es", a speech verb with a dass/ob or
Konjunktiv-I complement, quoted sentences without a frame that inherit the
speaker of the quote before them, and Konjunktiv-I sentences that continue it.
With an installed parser, the subject (TIGER label ``sb``) of the speech verb
is preferred; without one, German word order (Vorfeld, finite verb,
Mittelfeld) and STTS tags find it.

Example:
    >>> import newskit
    >>> doc = newskit.load_pipeline()("„Wir bleiben“, sagte Blinken. Die Lage sei ernst, so Lawrow.")
    >>> [(q.text, q._.nk_kind, q._.nk_speaker.text) for q in doc.spans["quotes"]]
    [('Wir bleiben', 'direct', 'Blinken'), ('Die Lage sei ernst', 'indirect', 'Lawrow')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskit.components.entities import is_role_word, resolve_role
from newskit.components.extensions import register_extensions
from newskit.extract.cues import (
    ADVERBIAL_SUBORDINATORS,
    COMPLEMENTIZERS,
    REPORTED_VERBS,
    SOURCE_NOUNS,
    TITLE_NOUNS,
    ZU_VERBS,
    cue_lemma,
)

# opening mark -> closing marks it may pair with
PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", "‚": "‘’", '"': '"', "‹": "›", "›": "‹"}
NP_DET = frozenset(["ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "CARD", "PWAT"])
NP_MOD = frozenset(["ADJA", "ADJD"])
NP_HEAD = frozenset(["NN", "NE", "FM", "TRUNC"])
PRONOUNS = frozenset(["PPER", "PIS", "PDS"])
SKIP_MITTELFELD = frozenset(["ADV", "PRF", "PTKNEG", "PAV", "PROAV", "ADJD"])
SUBJECT_PRONOUNS = frozenset("er sie es ich wir man beide alle viele".split())


@dataclass
class Quote:
    start: int  # char offsets of the content
    end: int
    kind: str
    cue: Span | None = None
    cue_lemma: str | None = None
    speaker: Span | None = None
    inherit: bool = False  # speaker comes from the previous quote


# ------------------------------------------------------------ quote marks
def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(open, close)`` of paired quotation marks (close exclusive).

    Pairs „…“, „…”, »…«, «…», "…", “…”, ‚…‘ and ‹…›. A mark opens only where a
    word follows it directly; regions do not cross a blank line.

    >>> quote_regions('Er sagte: „Wir gehen.“ Dann "ja".')
    [(10, 22), (28, 32)]
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = PAIRS.get(ch)
        opens = closers is not None and i + 1 < n and not text[i + 1].isspace()
        if opens and ch in ('"', "«", "»", "“", "›", "‹") and i > 0:
            prev = text[i - 1]
            opens = prev.isspace() or prev in "([/–-—:" or prev in "„»«‚"
        if not opens:
            i += 1
            continue
        j = i + 1
        limit = min(n, i + 5000)
        found = -1
        while j < limit:
            c = text[j]
            if c == "\n" and text[j + 1 : j + 2] == "\n":
                break
            if c in closers and not text[j - 1].isspace():
                found = j
                break
            j += 1
        if found < 0:
            i += 1
            continue
        out.append((i, found + 1))
        i = found + 1
    return out


def _content_tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _words(span: Span | None) -> list[Token]:
    return [t for t in span if t.is_alpha or t.like_num] if span is not None else []


def _looks_like_name(span: Span) -> bool:
    """„Shenzhou 6“, „Der Spiegel“: a short run of capitalised words or numbers."""
    words = _words(span)
    return len(words) <= 4 and all(w.text[:1].isupper() or w.like_num for w in words) \
        and not any(t.text in ".!?" for t in span)


# ---------------------------------------------------------- noun phrases
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
        if tok.lower_ in SUBJECT_PRONOUNS or tok.tag_ in ("PIS", "PDS"):
            return doc[i : i + 1]
        return None
    j = i + 1 if determiner_like else i
    while j < end and (doc[j].tag_ in NP_DET or doc[j].pos_ == "DET"):
        j += 1
    while j < end and (doc[j].tag_ in NP_MOD or (doc[j].pos_ == "ADJ" and doc[j].tag_ != "ADJD")):
        j += 1
    if j > i and j < end and doc[j].tag_ not in NP_HEAD and doc[j - 1].tag_ in NP_MOD \
            and doc[j - 1].text[:1].isupper():
        return doc[i:j]  # nominalised adjective: "ihre Verbündeten", "der Vorsitzende"
    k = j
    while k < end and (doc[k].tag_ in NP_HEAD or doc[k].pos_ in ("NOUN", "PROPN")
                       or doc[k].ent_iob_ == "I" or (k == j and doc[k].ent_iob_ == "B")):
        k += 1
    if k == j:
        return None
    # extend over an entity that starts inside and a genitive attribute ("der Chef der Bank")
    while k < end and doc[k].ent_iob_ == "I":
        k += 1
    if k + 1 < end and doc[k].tag_ == "ART" and doc[k].lower_ in ("des", "der") \
            and doc[k + 1].tag_ in NP_HEAD | NP_MOD:
        g = np_forward(doc, k, end)
        if g is not None:
            k = g.end
    # "der Bürgermeister von Christchurch", "der Chef vom Dienst": an attribute, not an adverbial
    if k + 1 < end and doc[k].lower_ in ("von", "vom") and doc[k - 1].tag_ in ("NN", "NE") \
            and doc[k + 1].text[:1].isupper():
        g = np_forward(doc, k + 1, end)
        if g is not None and (g.end >= end or doc[g.end].text in (",", "(") or
                              doc[g.end].tag_.startswith("V")):
            k = g.end
    return doc[i:k]


def np_coordinated(doc: Doc, i: int, end: int) -> Span | None:
    """A noun phrase, extended over "und"/"sowie" + noun phrase ("Bürgermeister und Senator")."""
    np = np_forward(doc, i, end)
    while np is not None and np.end + 1 < end and doc[np.end].lower_ in ("und", "sowie"):
        nxt = np_forward(doc, np.end + 1, end)
        if nxt is None:
            break
        np = doc[np.start : nxt.end]
    return np


def _is_np(span: Span) -> bool:
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
        if i < end and span.doc[i].lower_ in ("und", "sowie", "oder", ","):
            i += 1
        elif i < end:
            return False
    return True


def _first_np_after(doc: Doc, i: int, end: int) -> Span | None:
    """Subject after a finite verb: skip adverbs, reflexives and one PP."""
    skipped_pp = False
    while i < end:
        tok = doc[i]
        np = np_forward(doc, i, end)
        if np is not None:
            return np
        if tok.tag_ in SKIP_MITTELFELD or tok.pos_ in ("ADV", "PART") or tok.lower_ in ("sich",):
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


def _clause_start(doc: Doc, sent: Span, i: int, blocked: set[int]) -> int:
    """Start of the clause that holds token ``i`` (after , ; : or a quotation).

    A short quoted name inside the clause („Ärzte ohne Grenzen“) is not a boundary.
    """
    j = i - 1
    while j >= sent.start:
        t = doc[j]
        if j in blocked:
            k = j
            while k - 1 >= sent.start and (k - 1) in blocked:
                k -= 1
            run = doc[k : j + 1]
            if sum(1 for x in run if x.is_alpha) <= 4 and not any(x.text in ".!?" for x in run):
                j = k - 1
                continue
            return j + 1
        if t.text in (",", ";", ":", "(", "–", "—") or t.is_space:
            return j + 1
        j -= 1
    return sent.start


def _finite_for(doc: Doc, cue: Token, start: int) -> Token:
    """The finite verb of ``cue``'s clause (``cue`` itself or an auxiliary before it)."""
    if cue.tag_.endswith("FIN") or "Fin" in cue.morph.get("VerbForm"):
        return cue
    for j in range(start, cue.i):
        if doc[j].tag_ in ("VAFIN", "VMFIN") or (doc[j].pos_ == "AUX"
                                                 and "Fin" in doc[j].morph.get("VerbForm")):
            return doc[j]
    return cue


FOCUS_PARTICLES = frozenset("auch nur selbst sogar ebenfalls zudem gerade aber und doch denn "
                            "oder jedoch".split())
BACKREF = frozenset("das dies dieses".split())
OBLIQUE_STARTS = frozenset("den dem einem einen ihm ihn ihnen ihrem ihren seinem seinen diesem "
                           "diesen jenem jenen keinem keinen unserem unseren mir mich uns".split())
NOT_SUBJECT_START = frozenset(["APPR", "APPRART", "ADV", "PAV", "PROAV", "KOUS", "PWAV", "ADJD",
                               "PTKNEG", "KON", "PWS", "PRELS", "KOKOM", "PTKZU", "CARD"])


def _vorfeld_subject(vorfeld: Span) -> Span | None:
    """The Vorfeld as subject: it must start like a noun phrase and hold a noun or pronoun.

    This accepts attachments a strict noun-phrase grammar misses ("Einige der
    einflussreichsten britischen Moslems im Vereinigten Königreich").
    """
    toks = [t for t in vorfeld if not t.is_space]
    while toks and toks[0].lower_ in FOCUS_PARTICLES:
        toks = toks[1:]
    if not toks or toks[0].tag_ in NOT_SUBJECT_START or toks[0].pos_ in ("ADP", "SCONJ", "ADV"):
        return None
    if toks[0].lower_ in OBLIQUE_STARTS:
        return None  # "Den Flüchtlingen sicherte X zu": dative or accusative, not the subject
    if len(toks) == 1 and toks[0].lower_ in BACKREF:
        return None  # "Das erklärte X": the object points back, X is the subject
    if toks[-1].tag_ == "APPO" or toks[-1].lower_ in ("gegenüber", "zufolge"):
        return None  # "Ihr gegenüber hat er angegeben": a postpositional phrase
    if any(t.tag_.endswith("FIN") or t.tag_ in ("VVPP", "VVINF", "VVIZU") for t in toks):
        return None
    if any(t.lower_ in COMPLEMENTIZERS for t in toks):
        return None
    if not any(t.tag_ in NP_HEAD or t.tag_ in PRONOUNS or t.pos_ in ("NOUN", "PROPN")
               or t.ent_iob_ in ("B", "I") for t in toks):
        return None
    if toks[0].tag_ == "PPER" and toks[0].lower_ not in SUBJECT_PRONOUNS:
        return None  # "Ihm sagte …": dative, not the subject
    return vorfeld.doc[toks[0].i : toks[-1].i + 1]


def clause_subject(doc: Doc, sent: Span, fin: Token, start: int) -> Span | None:
    """Subject of the clause whose finite verb is ``fin`` and which starts at ``start``."""
    if fin.lower_ in ("heißt", "hieß") and fin.i + 1 < sent.end and doc[fin.i + 1].lower_ == "es":
        return _heisst_es_source(doc, sent, fin, start)
    nxt = doc[fin.i + 1] if fin.i + 1 < sent.end else None
    if nxt is not None and nxt.lower_ in ("er", "ich", "wir", "man") and nxt.tag_ == "PPER":
        return doc[nxt.i : nxt.i + 1]  # "Die Bürger forderte er auf": a pronoun subject leads
    if fin.i > start:
        subj = _vorfeld_subject(doc[start : fin.i])
        if subj is not None:
            return subj
    return _first_np_after(doc, fin.i + 1, sent.end)


def _heisst_es_source(doc: Doc, sent: Span, fin: Token, start: int) -> Span | None:
    """The document in "In dem Bericht heißt es" / "heißt es in einer Erklärung"."""
    if doc[start].lower_ in ("in", "im") and start + 1 < fin.i:
        return np_forward(doc, start + 1, fin.i)
    j = fin.i + 2
    while j < sent.end and doc[j].tag_ in ("ADV", "ADJD"):
        j += 1
    if j + 1 < sent.end and doc[j].lower_ in ("in", "im", "aus", "bei"):
        return np_forward(doc, j + 1, sent.end)
    return None


def main_finite_before(doc: Doc, start: int, end: int) -> Token | None:
    """First finite verb in ``doc[start:end]``."""
    for j in range(start, end):
        t = doc[j]
        if t.tag_.endswith("FIN") or (t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")):
            return t
    return None


def find_subject(doc: Doc, sent: Span, cue: Token, blocked: set[int]) -> Span | None:
    """The speaker noun phrase of speech verb ``cue``."""
    if doc.has_annotation("DEP"):
        heads = [cue] + ([cue.head] if cue.head.pos_ == "AUX" else [])
        for head in heads:
            for child in head.children:
                if child.dep_ in ("sb", "nsubj"):
                    return doc[child.left_edge.i : child.right_edge.i + 1]
    start = _clause_start(doc, sent, cue.i, blocked)
    # "X erwartet … und gab bekannt, dass …": the coordinated verb shares X
    for j in range(start, cue.i):
        if doc[j].lower_ == "und" and doc[j].tag_ == "KON" and (
                doc[j + 1].i == cue.i or doc[j + 1].tag_.endswith("FIN")):
            first = main_finite_before(doc, start, j)
            if first is not None:
                return clause_subject(doc, sent, first, start)
    # relative clause: "…, der erklärt hat, …" — the antecedent before the comma speaks
    if doc[start].tag_ == "PRELS" and start - 2 >= sent.start and doc[start - 1].text == ",":
        k = start - 1
        while k - 1 >= sent.start and (doc[k - 1].tag_ in NP_HEAD | NP_MOD | NP_DET
                                        or doc[k - 1].pos_ in ("PROPN", "NOUN")):
            k -= 1
        if k < start - 1:
            ante = np_forward(doc, k, start - 1)
            if ante is not None:
                return doc[k : start - 1]
    # "Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, …": step over the apposition
    if start == cue.i and start - 1 > sent.start and doc[start - 1].text == ",":
        for j in range(start - 2, sent.start - 1, -1):
            t = doc[j]
            if t.tag_.endswith("FIN") or t.tag_.startswith("V"):
                break
            if t.tag_ in ("KOUS", "PWAV") or t.lower_ in ("wie", "während", "als", "nachdem"):
                subj = np_coordinated(doc, j + 1, cue.i)
                if subj is not None:
                    return subj
                break
    # subordinate clause: "Während Premierminister X ankündigte, …"
    if doc[start].tag_ in ("KOUS", "PWAV") or doc[start].lower_ in ("während", "als", "wie",
                                                                    "nachdem", "weil"):
        subj = np_forward(doc, start + 1, cue.i)
        if subj is not None:
            return subj
    fin = _finite_for(doc, cue, start)
    # "…, und die Hongkonger befürchten, dass …": a new main clause after a conjunction
    for j in range(fin.i - 1, start, -1):
        if doc[j].tag_ == "KON" and doc[j].lower_ in ("und", "aber", "oder", "doch", "sondern"):
            subj = _vorfeld_subject(doc[j + 1 : fin.i]) if j + 1 < fin.i else None
            if subj is not None and any(t.tag_.endswith("FIN") for t in doc[start:j]):
                return subj
            break
    # passive: "wird von der Zeitung zitiert" — the agent is the source;
    # "In einer Presseerklärung wurde verkündet, …" — the document is
    if cue.lemma_.lower() == "zitieren" and cue.tag_ == "VVFIN":
        # "Ein Fernsehsender zitierte Papandreou mit den Worten: …": the object speaks
        obj = _first_np_after(doc, cue.i + 1, sent.end)
        if obj is not None:
            return obj
    if fin.lemma_.lower() == "werden" and cue.tag_ == "VVPP" and cue.lemma_.lower() == "zitieren":
        # "Musk wird wie folgt zitiert": the one quoted is the passive subject
        return clause_subject(doc, sent, fin, start)
    if fin.lemma_.lower() == "werden" and cue.tag_ == "VVPP":
        for j in range(fin.i + 1, cue.i):
            if doc[j].lower_ in ("von", "vom") and j + 1 < cue.i:
                agent = np_forward(doc, j + 1, cue.i)
                if agent is not None:
                    return agent
        if doc[start].lower_ in ("in", "im") and start + 1 < fin.i:
            src = np_forward(doc, start + 1, fin.i)
            if src is not None:
                return doc[start : src.end]
    # "X, der Polizeichef der Region, sagte …" / "X, der sich … entschlossen hatte, sagte …"
    if start == fin.i and fin.i > sent.start and doc[fin.i - 1].text == ",":
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
    return clause_subject(doc, sent, fin, start)


# -------------------------------------------------------------- frames
def _trailing_frame(doc: Doc, sent: Span, pos: int, blocked: set[int]):
    """At token ``pos`` (right after a comma or a closing quote): "sagte X", "so X",
    "kündigte X an", "heißt es". Returns ``(cue span, lemma, speaker)`` or ``None``."""
    if pos >= sent.end:
        return None
    tok = doc[pos]
    if tok.lower_ == "so" and pos + 1 < sent.end:
        np = np_forward(doc, pos + 1, sent.end)
        if np is not None:
            return doc[pos : pos + 1], "so", np
    lemma = cue_lemma(tok)
    if lemma is None and tok.tag_ in ("VAFIN", "VMFIN") or (lemma is None and tok.pos_ == "AUX"):
        # "…, hat er gesagt": auxiliary first, participle later in the clause
        for j in range(pos + 1, min(sent.end, pos + 8)):
            if doc[j].text in (",", ".", ";", ":") or j in blocked:
                break
            if cue_lemma(doc[j]):
                lemma = cue_lemma(doc[j])
                speaker = _first_np_after(doc, pos + 1, j)
                return doc[j : j + 1], lemma, speaker
        return None
    if lemma is None:
        if tok.lower_ in ("heißt", "hieß") and pos + 1 < sent.end and doc[pos + 1].lower_ == "es":
            src = None
            j = pos + 2
            while j < sent.end and doc[j].tag_ in ("ADV", "ADJD"):
                j += 1
            if j + 1 < sent.end and doc[j].lower_ in ("in", "im", "aus", "bei"):
                src = np_forward(doc, j + 1, sent.end)
            return doc[pos : pos + 2], "heißen", src
        return None
    speaker = _first_np_after(doc, pos + 1, sent.end)
    return doc[pos : pos + 1], lemma, speaker


def _source_frames(doc: Doc, sent: Span, blocked: set[int]):
    """"laut X", "X zufolge", "nach Angaben X": yields ``(frame span, cue, lemma, speaker)``."""
    for tok in sent:
        if tok.i in blocked:
            continue
        if tok.lower_ == "laut" and tok.tag_ in ("APPR", "APPO", "ADP") or tok.lower_ == "laut" \
                and tok.i + 1 < sent.end and doc[tok.i + 1].text[:1].isupper():
            np = np_forward(doc, tok.i + 1, sent.end)
            if np is not None:
                yield doc[tok.i : np.end], doc[tok.i : tok.i + 1], "laut", np
        elif tok.lower_ in ("nach", "gemäß") and tok.i + 1 < sent.end and (
                tok.lower_ == "gemäß" or doc[tok.i + 1].lower_ in SOURCE_NOUNS):
            np = np_forward(doc, tok.i + 1, sent.end)
            if np is not None and np.end < sent.end and doc[np.end].lower_ in ("von", "vom") \
                    and np.end + 1 < sent.end:
                np2 = np_forward(doc, np.end + 1, sent.end)
                np = doc[np.start : np2.end] if np2 is not None else np
            if np is not None:
                yield doc[tok.i : np.end], doc[tok.i : tok.i + 1], tok.lower_, np
        elif tok.lower_ == "für" and tok.i == sent.start and tok.i + 1 < sent.end:
            # "Für den Theologen Hans Küng sei der Rücktritt verständlich"
            np = np_forward(doc, tok.i + 1, sent.end)
            fin = _main_finite(sent, blocked)
            if np is not None and fin is not None and _is_konj1(fin) and any(
                    t.tag_ in ("NE",) or t.ent_type_ == "PER" or is_role_word(t) for t in np):
                yield doc[tok.i : np.end], doc[tok.i : tok.i + 1], "für", np
        elif tok.lower_ == "demnach" and tok.i == sent.start:
            yield doc[tok.i : tok.i + 1], doc[tok.i : tok.i + 1], "demnach", doc[tok.i : tok.i + 1]
        elif tok.lower_ == "zufolge" and tok.i > sent.start:
            j = tok.i - 1
            while j > sent.start and doc[j - 1].tag_ in NP_HEAD | NP_MOD | NP_DET:
                j -= 1
            np = doc[j : tok.i]
            if len(np) and _is_np(np):
                yield doc[j : tok.i + 1], doc[tok.i : tok.i + 1], "zufolge", np


def _is_konj1(tok: Token) -> bool:
    return "Sub" in tok.morph.get("Mood") and tok.lower_ not in (
        "würde", "würden", "wäre", "wären", "hätte", "hätten", "könnte", "könnten",
        "müsste", "müssten", "dürfte", "dürften", "sollte", "sollten", "möchte", "möchten")


KONJ2_REPORT = frozenset("würde würden könnte könnten müsste müssten dürfte dürften".split())


def _is_reportive(sent: Span, fin: Token) -> bool:
    """Reportive "sollen": "Es soll zu Einsätzen gekommen sein" (hearsay, not obligation)."""
    if fin.lemma_.lower() not in ("sollen", "soll"):
        return False
    toks = [t for t in sent if not t.is_punct and not t.is_space]
    return len(toks) >= 2 and toks[-1].lower_ in ("sein", "haben") and toks[-2].tag_ in (
        "VVPP", "VAPP", "VMPP")


def _main_finite(sent: Span, blocked: set[int]) -> Token | None:
    """First finite verb of ``sent`` outside subordinate clauses and quotes."""
    sub = False
    for tok in sent:
        if tok.i in blocked:
            continue
        if tok.tag_ in ("KOUS", "PRELS", "PWAV") or tok.lower_ in COMPLEMENTIZERS and tok.i != sent.start:
            sub = True
        if tok.text == "," and sub:
            sub = False
            continue
        if not sub and (tok.tag_.endswith("FIN") or "Fin" in tok.morph.get("VerbForm")):
            return tok
    return None


def _complement_after(doc: Doc, sent: Span, cue: Token, blocked: set[int],
                      lemma: str | None = None) -> tuple[int, int] | None:
    """Character range of a dass/ob or Konjunktiv-I clause that ``cue`` governs."""
    i = cue.i + 1
    # the comma that opens the complement, within the cue's clause
    while i < sent.end and doc[i].text != "," and i not in blocked:
        if doc[i].text in (".", "!", "?", ";", ":"):
            return None
        i += 1
    if i >= sent.end or doc[i].text != ",":
        return None
    start = i + 1
    while start < sent.end and doc[start].is_space:
        start += 1
    if start >= sent.end:
        return None
    first = doc[start]
    end_tok = sent.end - 1
    while end_tok > start and (doc[end_tok].is_punct or doc[end_tok].is_space):
        end_tok -= 1
    if end_tok < start:
        return None
    if first.lower_ in ADVERBIAL_SUBORDINATORS:
        return None
    if first.lower_ in COMPLEMENTIZERS and first.lower_ not in ("wie", "wer", "was"):
        return doc[start].idx, doc[end_tok].idx + len(doc[end_tok])
    # "…, sagte er, die Lage sei ernst" / "forderte sie auf, … zu …"
    zu_ok = lemma in ZU_VERBS
    for j in range(start, end_tok + 1):
        if doc[j].text == "," or doc[j].tag_ in ("KOUS", "PRELS"):
            break
        if _is_konj1(doc[j]) or (zu_ok and (doc[j].tag_ == "VVIZU" or doc[j].tag_ == "PTKZU")):
            return doc[start].idx, doc[end_tok].idx + len(doc[end_tok])
    return None


def _sentence_frame(doc: Doc, sent: Span, blocked: set[int], quotes_in_sent: list[tuple[int, int]]):
    """Find the speech frame of a sentence.

    Returns a list of ``Quote`` objects for indirect/reported speech found in the
    sentence and the sentence's frame ``(cue span, lemma, speaker)`` (or ``None``)
    that direct quotes and fragments in it can use.
    """
    found: list[Quote] = []
    frame = None
    toks = [t for t in sent if t.i not in blocked and not t.is_space]
    if not toks:
        return found, None
    # 1. "laut X" / "X zufolge": the rest of the sentence is the report
    for span, cue, lemma, np in _source_frames(doc, sent, blocked):
        frame = (cue, lemma, np)
        rest = [t for t in toks if not (span.start <= t.i < span.end) and not t.is_punct]
        if rest:
            found.append(Quote(rest[0].idx, rest[-1].idx + len(rest[-1]), "indirect",
                               cue, lemma, np))
        return found, frame
    # 2. "CONTENT, sagte X" / "CONTENT, so X"
    for tok in toks:
        if tok.text != "," or tok.i + 1 >= sent.end:
            continue
        tf = _trailing_frame(doc, sent, tok.i + 1, blocked)
        if tf is None:
            continue
        cue, lemma, np = tf
        quoted_before = any(b.i in blocked for b in doc[sent.start : tok.i])
        if lemma not in ("so", "heißen") and (np is None or (
                not quoted_before and _main_finite(doc[sent.start : tok.i], blocked) is None)):
            # "X, der Parteivorsitzende, begründete die Forderung …": no clause before the
            # comma, so the subject stands there, not after the verb
            np = find_subject(doc, sent, cue[0], blocked) or np
        frame = (cue, lemma, np)
        # a complement after the frame wins: "Sollte …, habe er klargemacht, dass …",
        # "…, sagte er, die Lage sei ernst"
        comp = _complement_after(doc, sent, cue[-1], blocked, lemma)
        before = [t for t in toks if t.i < tok.i and not t.is_punct]
        if comp:
            found.append(Quote(comp[0], comp[1], "indirect", cue, lemma, np))
        elif before and not any(b.i in blocked for b in doc[sent.start : tok.i]) and (
                np is not None or lemma == "heißen"):
            # content must be a main clause: a finite verb outside relative clauses
            if _main_finite(doc[sent.start : tok.i], blocked) is not None:
                found.append(Quote(before[0].idx, before[-1].idx + len(before[-1]), "indirect",
                                   cue, lemma, np))
        return found, frame
    # 3. a speech verb anywhere: subject + complement, or a bare speech act
    for tok in toks:
        lemma = cue_lemma(tok)
        if lemma is None:
            continue
        cue = doc[tok.i : tok.i + 1]
        np = find_subject(doc, sent, tok, blocked)
        frame = (cue, lemma, np)
        comp = _complement_after(doc, sent, tok, blocked, lemma)
        # the complement of a separable verb comes after its particle: "stellte … klar, dass"
        if comp is None:
            for j in range(tok.i + 1, sent.end):
                if doc[j].tag_ == "PTKVZ":
                    comp = _complement_after(doc, sent, doc[j], blocked, lemma)
                    break
                if doc[j].text in (",", "."):
                    break
        if comp:
            found.append(Quote(comp[0], comp[1], "indirect", cue, lemma, np))
        elif lemma in REPORTED_VERBS and np is not None and not quotes_in_sent:
            body = [t for t in toks if not t.is_punct]
            found.append(Quote(body[0].idx, body[-1].idx + len(body[-1]), "reported",
                               cue, lemma, np))
        return found, frame
    return found, None


def _colon_frame(doc: Doc, sent: Span, colon: int, blocked: set[int]):
    """"X sagte: „…“", "So sagte X, Y: „…“", "griff sie … an: „…“"."""
    start = colon - 1
    while start > sent.start and doc[start - 1].text not in (":", ";") and \
            (start - 1) not in blocked:
        start -= 1
    for j in range(start, colon):
        lemma = cue_lemma(doc[j])
        if lemma is not None:
            return doc[j : j + 1], lemma, find_subject(doc, sent, doc[j], blocked)
    fin = main_finite_before(doc, start, colon)
    if fin is not None and fin.lower_ in ("heißt", "hieß") and fin.i + 1 < colon \
            and doc[fin.i + 1].lower_ == "es":
        # "In dem Antrag heißt es wörtlich: „…“"
        src = None
        if doc[start].lower_ in ("in", "im"):
            src = np_forward(doc, start + 1, fin.i)
        return doc[fin.i : fin.i + 2], "heißen", src
    if fin is None:
        # "BKA-Präsident Ziercke: „…“"
        np = np_coordinated(doc, start, colon)
        return (None, None, np) if np is not None and (
            np.end == colon or doc[np.end].text == ",") else None
    subj = clause_subject(doc, sent, fin, start)
    return (None, None, subj) if subj is not None else None


def _main_clause_frame(doc: Doc, sent: Span, upto: int, blocked: set[int]):
    """For a quoted fragment with no speech verb: the subject of its main clause
    ("X nannte die Zahlen „aus der Luft gegriffen“")."""
    fin = main_finite_before(doc, sent.start, upto)
    if fin is None or "Sub" in fin.morph.get("Mood"):
        return None  # a fragment inside reported speech belongs to the reporter's source
    subj = clause_subject(doc, sent, fin, _clause_start(doc, sent, fin.i, blocked))
    if subj is None or any(t.i in blocked for t in subj):
        return None
    return None, None, subj


# ---------------------------------------------------------------- main
def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes of ``doc`` in text order, with speaker mentions (not yet resolved)."""
    sents = list(doc.sents)
    regions = quote_regions(doc.text)
    region_spans = []
    blocked: set[int] = set()
    for s, e in regions:
        span = _content_tokens(doc, s, e)
        if span is None:
            continue
        region_spans.append((s, e, span))
        blocked.update(range(span.start, span.end))
    sent_of = {}
    for k, sent in enumerate(sents):
        for t in sent:
            sent_of[t.i] = k
    quotes: list[Quote] = []
    frames: dict[int, tuple] = {}
    by_sent: dict[int, list] = {}
    for s, e, span in region_spans:
        by_sent.setdefault(sent_of.get(span.start, 0), []).append((s, e, span))
    for k, sent in enumerate(sents):
        in_sent = by_sent.get(k, [])
        found, frame = _sentence_frame(doc, sent, blocked, in_sent)
        if frame is not None:
            frames[k] = frame
        quotes.extend(found)
    # direct quotes and fragments
    for s, e, span in region_spans:
        k = sent_of.get(span.start, 0)
        sent = sents[k]
        inner = _content_tokens(doc, s + 1, e - 1)
        words = _words(inner)
        if inner is None or not words:
            continue
        b = span.start - 1
        while b >= 0 and doc[b].is_space and "\n\n" not in doc[b].text:
            b -= 1  # "erklärte:  „…“" (two spaces) or "heißt:\n„…“"
        before = doc[b] if b >= 0 else None
        after_i = span.end
        while after_i < len(doc) and doc[after_i].is_space:
            after_i += 1
        after = doc[after_i] if after_i < len(doc) else None
        ends_clause = inner[-1].is_punct and inner[-1].text in ".!?,…" or (
            after is not None and after.text in (",", ".", "!", "?", ":", ";")) or after is None
        starts_clause = before is None or before.is_space or before.text in (
            ":", ".", "!", "?", "(", "–", "—") or before.is_sent_end or span.start == sent.start
        full = starts_clause and ends_clause and (
            len(words) >= 3 or (after is not None and after.text == ",")
            or (before is not None and before.text == ":"))
        if not full and _looks_like_name(inner):
            continue
        if not full and before is not None and before.text[:1].isupper() and any(
                before.lower_.startswith(n) or before.lower_.endswith(n)
                for n in TITLE_NOUNS if len(n) >= 4):
            continue  # Film „…“, des Magazins „…“: a title, not speech
        if not full and before is not None and before.tag_ in (
                "ART", "ADJA", "APPRART", "CARD", "PPOSAT", "PDAT") and words[0].text[:1].isupper() \
                and sum(w.text[:1].isupper() for w in words) * 2 >= len(words) \
                and not any(t.text in ".!?" for t in inner):
            continue  # das „Glas der Vernunft“: a name used as a noun
        if not full and words[0].text[:1].isupper() and (
                (before is not None and before.tag_ in ("NN", "NE"))
                or words[0].text in ("Der", "Die", "Das", "Ein", "Eine", "Dem", "Den", "Des")):
            continue  # die Yacht „Dignité“, Klassiker wie „Der Fänger im Roggen“: names
        if not full and sum(t.tag_ == "FM" for t in words) * 2 > len(words):
            continue  # a foreign-language name or title („running mate“)
        if full and not any(t.tag_.startswith("V") for t in inner) and \
                inner[-1].text not in ".!?…" and len(words) <= 8:
            continue  # „Karol Wojtyla – Geheimnisse eines Papstes“: a title on its own
        if not full and len(words) < 2 and k not in frames:
            continue
        q = Quote(inner.start_char, inner.end_char, "direct" if full else "mixed")
        # frame: "…", sagte X  |  X sagte: "…"  |  the sentence's own frame
        tf = None
        if after is not None and after.text == ",":
            tf = _trailing_frame(doc, sents[sent_of.get(after_i, k)], after_i + 1, blocked)
        elif after is not None and not after.is_punct and span.end < len(doc):
            tf = _trailing_frame(doc, sents[sent_of.get(after_i, k)], after_i, blocked)
        if tf is None and inner[-1].text in ("?", "!", ",") and after is not None \
                and after.text not in (".",):
            tf = _trailing_frame(doc, sents[sent_of.get(after_i, k)], after_i, blocked)
        if tf is None and before is not None and before.text == ":":
            tf = _colon_frame(doc, sent, before.i, blocked)
        if tf is None and not full and k not in frames:
            tf = _main_clause_frame(doc, sent, span.start, blocked)
        if tf is not None:
            q.cue, q.cue_lemma, q.speaker = tf
        elif k in frames and (not full or (before is not None and before.text == ":")):
            q.cue, q.cue_lemma, q.speaker = frames[k]
        elif k in frames and full and frames[k][2] is not None:
            q.cue, q.cue_lemma, q.speaker = frames[k]
        else:
            q.inherit = True
        quotes.append(q)
    # an indirect quote whose content is just a direct quote: keep the direct one
    directs = [(q.start, q.end) for q in quotes if q.kind in ("direct", "mixed")]
    quotes = [q for q in quotes if q.kind in ("direct", "mixed") or not any(
        ds - 2 <= q.start and q.end <= de + 2 for ds, de in directs)]
    # Konjunktiv-I sentences that carry on the previous report
    def _sent_index(q: Quote) -> int:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        return sent_of.get(span.start, -1) if span is not None else -1

    quoted_sents = {_sent_index(q) for q in quotes}
    claimed = {_sent_index(q) for q in quotes if q.kind != "mixed"}
    for k, sent in enumerate(sents):
        if k in claimed or k == 0:
            continue
        fin = _main_finite(sent, blocked)
        if fin is None:
            continue
        follows_report = any(j in quoted_sents for j in (k - 1, k - 2))
        if not (_is_konj1(fin) or _is_reportive(sent, fin)
                or (follows_report and fin.lower_ in KONJ2_REPORT)):
            continue
        body = [t for t in sent if not t.is_punct and not t.is_space]
        if not body:
            continue
        quotes.append(Quote(body[0].idx, body[-1].idx + len(body[-1]), "indirect",
                            inherit=True))
        quoted_sents.add(k)
        claimed.add(k)
    # indirect content that holds a quoted fragment is "mixed" speech; the fragment
    # keeps its own row
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


# ------------------------------------------------------------ speakers
def _entity_in(span: Span) -> Span | None:
    ents = [e for e in span.doc.ents if e.start >= span.start and e.end <= span.end]
    for label in ("PER", "ORG", "LOC", "MISC"):
        for e in reversed(ents):
            if e.label_ == label:
                return e
    return None


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[str | None]:
    """Canonical speaker per quote: names, pronouns, role nouns, inherited speakers."""
    out: list[str | None] = []
    history: list[tuple[int, str, Span | None]] = []  # (char pos, canonical, mention)
    persons = [(e.start_char, e._.nk_canonical or e.text) for e in doc.ents if e.label_ == "PER"]
    for q in quotes:
        name = None
        if q.inherit:
            prev = [h for h in history if h[0] < q.start]
            if prev:
                _, name, mention = prev[-1]
                if q.speaker is None:
                    q.speaker = mention
                    # the nearest earlier mention of the same speaker
                    near = [e for e in doc.ents if e.end_char <= q.start
                            and (e._.nk_canonical or e.text) == name
                            and (mention is None or e.start_char > mention.start_char)]
                    if near:
                        q.speaker = near[-1]
            else:
                # nothing reported yet: the last person or organisation named just before
                window = doc.char_span(q.start, q.end, alignment_mode="expand")
                first_sent = window.sent.start if window is not None else 0
                lo = doc[max(0, first_sent - 1)].sent.start_char if first_sent > 0 else 0
                cands = [e for e in doc.ents if lo <= e.start_char and e.end_char <= q.start
                         and e.label_ in ("PER", "ORG")]
                if cands and q.speaker is None:
                    q.speaker = cands[-1]
                    name = cands[-1]._.nk_canonical or cands[-1].text
        elif q.speaker is not None:
            name = _resolve_mention(doc, q.speaker, history, persons)
        if name is not None:
            history.append((q.start, name, q.speaker))
        out.append(name)
    # a quote with no frame and nothing before it takes the speaker of the quote that
    # follows in the next sentence ("„…“ „…“, sagte X")
    for k in range(len(quotes) - 2, -1, -1):
        q, nxt = quotes[k], quotes[k + 1]
        if q.inherit and out[k] is None and out[k + 1] is not None \
                and _sentence_gap(doc, q.end, nxt.start) <= 1:
            out[k] = out[k + 1]
            q.speaker = q.speaker or nxt.speaker
    return out


def _sentence_gap(doc: Doc, a: int, b: int) -> int:
    """Number of sentence starts between character offsets ``a`` and ``b``."""
    return sum(1 for s in doc.sents if a < s.start_char <= b)


def _resolve_mention(doc: Doc, mention: Span, history, persons) -> str | None:
    first = mention[0]
    if len(mention) == 1 and (first.tag_ in ("PPER",) or first.pos_ == "PRON"):
        if first.lower_ not in ("er", "sie", "ich", "wir"):
            return mention.text
        pos = mention.start_char
        recent = [h for h in history if h[0] < pos]
        if first.lower_ == "er":  # a masculine singular pronoun points to a person
            people = {p[1] for p in persons}
            recent = [h for h in recent if h[1] in people]
        # speakers reported in the last ~2 sentences win; else the last person named
        sent_starts = [s.start_char for s in doc.sents if s.start_char <= pos]
        window_start = sent_starts[-3] if len(sent_starts) >= 3 else 0
        if recent and recent[-1][0] >= window_start:
            return recent[-1][1]
        before = [p for p in persons if p[0] < pos]
        if before:
            return before[-1][1]
        return recent[-1][1] if recent else None
    role = resolve_role(doc, list(mention))
    if role is not None:
        return role
    ent = _entity_in(mention)
    if ent is not None:
        return ent._.nk_canonical or ent.text
    if any(is_role_word(t) for t in mention):
        return " ".join(t.text for t in mention if t.tag_ not in ("ART", "PPOSAT"))
    return mention.text


@Language.component("newskit_quotes")
def newskit_quotes(doc: Doc) -> Doc:
    """Write ``doc.spans["quotes"]`` (see module docstring)."""
    register_extensions()
    quotes = find_quotes(doc)
    names = resolve_speakers(doc, quotes)
    spans = []
    for q, name in zip(quotes, names):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        span = Span(doc, span.start, span.end, label=q.kind)
        span._.nk_kind = q.kind
        span._.nk_speaker_offsets = (q.speaker.start_char, q.speaker.end_char) \
            if q.speaker is not None else None
        span._.nk_speaker_canonical = name
        span._.nk_cue_offsets = (q.cue.start_char, q.cue.end_char) if q.cue is not None else None
        span._.nk_cue_lemma = q.cue_lemma
        spans.append(span)
    doc.spans["quotes"] = spans
    return doc


def quote_rows(doc: Doc) -> Iterator[dict]:
    """One row per quote (columns of the ``quotes`` table)."""
    from newskit.nlp.sentences import sentence_ids
    from newskit.tables.rows import span_sentiment  # moves to tables with quote_rows

    sent_ids = sentence_ids(doc)
    for q in doc.spans.get("quotes", []):
        spk = q._.nk_speaker
        yield {
            "sent_id": sent_ids[q.start] if len(q) else -1,
            "start_char": q.start_char, "end_char": q.end_char, "text": q.text,
            "kind": q._.nk_kind, "speaker": spk.text if spk is not None else None,
            "speaker_start_char": spk.start_char if spk is not None else -1,
            "speaker_end_char": spk.end_char if spk is not None else -1,
            "speaker_canonical": q._.nk_speaker_canonical,
            "cue": q._.nk_cue.text if q._.nk_cue is not None else None,
            "cue_lemma": q._.nk_cue_lemma,
            **span_sentiment(q),
            "speaker_gender": q._.nk_speaker_gender or "",
            "speaker_gender_evidence": q._.nk_speaker_gender_evidence or "",
        }
