"""Reported speech in a sentence: indirect (Konjunktiv I, dass/ob) and bare speech acts.

:func:`sentence_frame` finds the speech frame of one sentence and the indirect or
reported quotes it frames; :func:`continuations` adds Konjunktiv-I sentences that carry
on an earlier report.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newskit.components.quotes.cues import cue_candidates, cue_lemma
from newskit.components.quotes.frames import (
    WIE_FRAME,
    Frame,
    Quote,
    complement_after,
    trailing_frame,
)
from newskit.components.quotes.grammar import (
    clause_start,
    is_finite,
    is_konj1,
    is_reportive,
    main_finite,
    main_finite_before,
    np_forward,
)
from newskit.components.quotes.source_frames import first_source_frame
from newskit.components.quotes.subjects import clause_subject, find_subject
from newskit.components.quotes.view_clauses import wonach_report
from newskit.components.quotes.words import (
    BACKREF,
    DEMNACH,
    DISOWNING_WORDS,
    GENITIVE_ARTICLES,
    HEISSEN,
    KONJ2_REPORT,
    REPORTED_VERBS,
    SO,
    SPEECH_NOUNS,
    VON,
    WONACH,
)
from newskit.lang import de

#: a leading "Wie X sagte," clause has at most this many tokens
LEADING_WIE_MAX = 16

# a clause opened by these tags (or a preposition and one: "unter denen") is subordinate
SUBORDINATE_TAGS = ("KOUS", "PRELS", "PWAV", "PRELAT")
# a Konjunktiv-II sentence continues a report in one of the next this many sentences
KONJ2_REPORT_DISTANCE = 2
#: a sentence that carries on a report has at least this many words
CONTINUATION_MIN_WORDS = 3


def _content(toks: list[Token]) -> tuple[int, int]:
    """Character range from the first to the last of ``toks``."""
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def sentence_frame(doc: Doc, sent: Span, blocked: set[int],
                   has_quotes: bool) -> tuple[list[Quote], Frame | None]:
    """The speech frame of ``sent`` and the indirect or reported quotes it frames.

    The frame (or ``None``) is what direct quotes and fragments in the sentence can use.
    """
    toks = [t for t in sent if t.i not in blocked and not t.is_space]
    if not toks:
        return [], None
    if _leading_wie(doc, toks):  # "Wie X mitteilte, ist … nach Auffassung der Kanzlerin …"
        found, frame = _speech_verb_step(doc, sent, blocked, toks, has_quotes)
        if found:
            return found, frame
    for step in (_source_step, _trailing_step):
        result = step(doc, sent, blocked, toks)
        if result is not None:
            if step is _source_step and result[1] is not None and result[1].lemma == DEMNACH:
                own = _speech_verb_over_source(doc, sent, blocked, toks, has_quotes)
                if own is not None:
                    return own
            return result
    found, frame = _speech_verb_step(doc, sent, blocked, toks, has_quotes)
    if not found:
        by_noun = _speech_noun_step(doc, sent, blocked, toks) or wonach_report(doc, sent, toks)
        if by_noun is not None:
            return by_noun[0], frame or by_noun[1]
    return found, frame


def _speech_verb_over_source(doc: Doc, sent: Span, blocked: set[int], toks: list[Token],
                             has_quotes: bool) -> tuple[list[Quote], Frame] | None:
    """"Demnach erwartet Russland, dass …": a speech verb with its own subject and
    complement frames the report, not the word that points back to a source."""
    found, frame = _speech_verb_step(doc, sent, blocked, toks, has_quotes)
    if found and frame is not None and frame.speaker is not None \
            and found[0].kind == "indirect":
        return found, frame
    return None


def _leading_wie(doc: Doc, toks: list[Token]) -> bool:
    """The sentence opens with "Wie X <speech verb>," — that clause is its frame."""
    if toks[0].lower_ not in WIE_FRAME:
        return False
    for t in toks[1:LEADING_WIE_MAX]:
        if t.text == ",":
            return cue_lemma(doc[t.i - 1]) is not None or (
                t.i > 1 and cue_lemma(doc[t.i - 2]) is not None)
    return False


def _source_step(doc: Doc, sent: Span, blocked: set[int], toks: list[Token]):
    """"laut X" / "X zufolge": the rest of the sentence is the report."""
    source = first_source_frame(doc, sent, blocked)
    if source is None or _ownerless_inside_report(doc, sent, source.span, source.frame, toks):
        return None
    span = source.span
    lo, hi = _source_clause(doc, sent, span.start, blocked)
    rest = [t for t in toks if not (span.start <= t.i < span.end) and not t.is_punct
            and lo <= t.i < hi]
    if _frames_a_direct_quote(rest, sent, blocked):
        return [], source.frame  # "„…“, sagte X laut der Zeitung": no report of its own
    found = [Quote.framed(*_content(rest), "indirect", source.frame)] if rest else []
    return found, source.frame


def _ownerless_inside_report(doc: Doc, sent: Span, span: Span, frame: Frame,
                             toks: list[Token]) -> bool:
    """"X sagte, nach neuesten Erkenntnissen habe …": a source noun that names nobody
    (no owner, name or possessive) inside what a speech verb before it frames — the
    speech verb's subject is the source."""
    np = frame.speaker
    if np is None or any(t.tag_ in ("NE", "PPOSAT") or t.ent_type_ or t.lower_.startswith("eigen")
                         for t in np):
        return False
    if sum(t.tag_ == "NN" for t in np) != 1:
        return False
    return any(t.i < span.start and cue_lemma(t) is not None for t in toks)


def _source_clause(doc: Doc, sent: Span, i: int, blocked: set[int]) -> tuple[int, int]:
    """Token range of the subordinate clause holding the source phrase at ``i`` ("…, weil X
    nach Angaben der UN überfordert ist"), else the whole sentence."""
    start = clause_start(doc, sent, i, blocked)
    if start == sent.start or not (doc[start].tag_ in SUBORDINATE_TAGS or (
            start + 1 < i and doc[start + 1].tag_ in SUBORDINATE_TAGS)):
        return sent.start, sent.end
    end = i
    while end < sent.end and doc[end].text not in (",", ";", ":") and end not in blocked:
        end += 1
    return start, end


def _frames_a_direct_quote(rest: list[Token], sent: Span, blocked: set[int]) -> bool:
    return any(t.i in blocked for t in sent) and any(cue_lemma(t) for t in rest[:2])


def _trailing_step(doc: Doc, sent: Span, blocked: set[int], toks: list[Token]):
    """"CONTENT, sagte X" / "CONTENT, so X"."""
    for tok in toks:
        if tok.text != "," or tok.i + 1 >= sent.end:
            continue
        frame = trailing_frame(doc, sent, tok.i + 1, blocked)
        if frame is not None:
            return _trailing_report(doc, sent, blocked, toks, tok, frame)
        frame = _trailing_wie(doc, sent, tok.i + 1, blocked)
        if frame is not None:
            before = [t for t in toks if t.i < tok.i and not t.is_punct]
            head = doc[sent.start : tok.i]
            if before and main_finite(head, blocked) is not None:
                return [Quote.framed(*_content(before), "indirect", frame)], frame
    return None


def _trailing_wie(doc: Doc, sent: Span, pos: int, blocked: set[int]) -> Frame | None:
    """"…, wie der Aktivist X betonte.": "wie", the speaker, the cue last in the sentence."""
    if pos + 2 >= sent.end or doc[pos].lower_ not in WIE_FRAME:
        return None
    end = sent.end
    while end > pos and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    last = doc[end - 1]
    if any(t.i in blocked or t.text in (",", ";", ":") for t in doc[pos:end]):
        return None
    for cue in (last, doc[end - 2]):  # "betonte" / "mitteilte" / "bekannt gab"
        lemma = cue_lemma(cue)
        if lemma is not None:
            np = np_forward(doc, pos + 1, cue.i)
            return Frame(doc[cue.i : cue.i + 1], lemma, np) if np is not None else None
    return None


def _trailing_report(doc: Doc, sent: Span, blocked: set[int], toks: list[Token], comma: Token,
                     frame: Frame) -> tuple[list[Quote], Frame]:
    head = doc[sent.start : comma.i]
    quoted_before = any(b.i in blocked for b in head)
    np = frame.speaker
    if frame.lemma not in (SO, HEISSEN) and (np is None or (
            not quoted_before and main_finite(head, blocked) is None)):
        # "X, der Parteivorsitzende, begründete die Forderung …": no clause before the
        # comma, so the subject stands there, not after the verb
        np = find_subject(doc, sent, frame.cue[0], blocked) or np
    frame = Frame(frame.cue, frame.lemma, np)
    # a complement after the frame wins: "Sollte …, habe er klargemacht, dass …",
    # "…, sagte er, die Lage sei ernst"
    comp = complement_after(doc, sent, frame.cue[-1], blocked, frame.lemma)
    before = [t for t in toks if t.i < comma.i and not t.is_punct]
    if comp:
        claim = _rejected_report(doc, sent, frame.cue[0], frame.lemma)
        frame = Frame(frame.cue, frame.lemma, claim) if claim is not None else frame
        return [Quote.framed(*comp, "indirect", frame)], frame
    if before and not quoted_before and (np is not None or frame.lemma == HEISSEN) \
            and main_finite(head, blocked) is not None:
        # content must be a main clause: a finite verb outside relative clauses
        return [Quote.framed(*_content(before), "indirect", frame)], frame
    return [], frame


def _separable_complement(doc: Doc, sent: Span, verb: Token, blocked: set[int],
                          lemma: str) -> tuple[int, int] | None:
    """The complement of a separable verb comes after its particle: "stellte … klar, dass"."""
    for j in range(verb.i + 1, sent.end):
        if doc[j].tag_ == "PTKVZ":
            return complement_after(doc, sent, doc[j], blocked, lemma)
        if doc[j].text in (",", "."):
            break
    return None


def _points_back_to(doc: Doc, sent: Span, cue: Token, blocked: set[int]) -> tuple[int, int] | None:
    """"… Dies bestätigte X.": the previous sentence is the report, up to the pronoun."""
    first = doc[sent.start]
    if cue.i != sent.start + 1 or first.lower_ not in BACKREF or sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    toks = [t for t in prev if not t.is_space]
    if not toks or any(t.i in blocked for t in prev) or main_finite(prev, blocked) is None:
        return None
    return toks[0].idx, first.idx + len(first)


def _speech_verb_step(doc: Doc, sent: Span, blocked: set[int], toks: list[Token],
                      has_quotes: bool) -> tuple[list[Quote], Frame | None]:
    """A speech verb anywhere: subject + complement, or a bare speech act."""
    candidates = cue_candidates(doc)
    for tok in toks:
        lemma = cue_lemma(tok) if tok.i in candidates else None
        if lemma is None:
            continue
        frame = Frame(doc[tok.i : tok.i + 1], lemma, find_subject(doc, sent, tok, blocked))
        comp = complement_after(doc, sent, tok, blocked, lemma) \
            or _separable_complement(doc, sent, tok, blocked, lemma)
        if comp:
            claim = _rejected_report(doc, sent, tok, lemma) or _wonach_report(doc, sent, comp)
            if claim is not None:  # the claim is the report's, not the subject's
                frame = Frame(frame.cue, lemma, claim)
            return [Quote.framed(*comp, "indirect", frame)], frame
        back = _points_back_to(doc, sent, tok, blocked)
        if back is not None and frame.speaker is not None:
            return [Quote.framed(*back, "indirect", frame)], frame
        if lemma in REPORTED_VERBS and frame.speaker is not None and not has_quotes:
            body = [t for t in toks if not t.is_punct]
            return [Quote.framed(*_content(body), "reported", frame)], frame
        return [], frame
    return [], None


def _rejected_report(doc: Doc, sent: Span, cue: Token, lemma: str) -> Span | None:
    """"Der Minister hat Berichte der Zeitung X zurückgewiesen, er sei …": the claim
    belongs to the reports the subject rejects — their source (a report noun with a
    genitive or von-phrase before the rejecting verb) is the speaker."""
    if lemma not in DISOWNING_WORDS:
        return None
    heads = de.ordered_list("source_noun_heads")
    for t in doc[sent.start: cue.i]:
        nxt = doc[t.i + 1]
        if t.tag_ == "NN" and t.lower_.endswith(heads) \
                and (nxt.lower_ in GENITIVE_ARTICLES or nxt.lower_ in VON):
            end = t.i + 2
            while end < cue.i and not (doc[end].text == "," and doc[end + 1].i == cue.i) \
                    and doc[end].tag_ not in ("VVPP", "VVFIN", "VAFIN", "VMFIN"):
                end += 1
            return doc[t.i: end]
    return None


def _wonach_report(doc: Doc, sent: Span, comp: tuple[int, int]) -> Span | None:
    """"Der Minister wies Berichte zurück, wonach er …": a "wonach" clause is the content of
    the report noun of its main clause, not of the subject who confirms or rejects it."""
    first = doc.char_span(comp[0], comp[1], alignment_mode="expand")
    if first is None or first[0].lower_ != WONACH or first.start < 1 \
            or doc[first.start - 1].text != ",":
        return None
    heads = de.ordered_list("source_noun_heads")
    for j in range(first.start - 2, sent.start - 1, -1):
        t = doc[j]
        if t.text in (",", ";", ":"):
            return None
        if t.tag_ == "NN" and t.lower_.endswith(heads):
            start = j
            while start > sent.start and doc[start - 1].tag_ in ("ADJA", "ART", "PIAT"):
                start -= 1
            return doc[start: j + 1]
    return None


def _speech_noun_step(doc: Doc, sent: Span, blocked: set[int],
                      toks: list[Token]) -> tuple[list[Quote], Frame] | None:
    """"Die BVG begegnet der Kritik mit dem Argument, die Züge seien …", "die Behauptung,
    die Kartoffel werde …": a speech noun, a comma, then a dass/ob or Konjunktiv-I clause.
    The speaker is the subject of the clause the noun stands in."""
    for tok in toks:
        if tok.tag_ != "NN" or tok.lower_ not in SPEECH_NOUNS or tok.i + 1 >= sent.end \
                or doc[tok.i + 1].text != ",":
            continue
        comp = complement_after(doc, sent, tok, blocked)
        if comp is None or not _reported_clause(doc, tok.i + 2, comp[1]):
            continue
        start = clause_start(doc, sent, tok.i, blocked)
        fin = main_finite_before(doc, start, tok.i)
        subj = clause_subject(doc, sent, fin, start) \
            if fin is not None and not _disowned(doc, start, tok) else None
        frame = Frame(doc[tok.i : tok.i + 1], tok.lower_, subj)
        return [Quote.framed(*comp, "indirect", frame)], frame
    return None


def _disowned(doc: Doc, start: int, noun: Token) -> bool:
    """"wandte sich gegen die Behauptung, …", "wies den Vorwurf zurück, …", "es gebe
    Aussagen, …": the clause's subject does not make the claim."""
    words = doc[start : noun.i]
    if any(t.lower_ in DISOWNING_WORDS or t.lemma_.lower() in DISOWNING_WORDS for t in words):
        return True
    return any(t.lower_ == "es" for t in words) and any(t.lemma_.lower() == "geben" for t in words)


def _reported_clause(doc: Doc, i: int, end_char: int) -> bool:
    """The clause at token ``i`` opens with dass/ob or has a Konjunktiv verb before its
    first comma."""
    if i < len(doc) and doc[i].lower_ in ("dass", "ob"):
        return True
    while i < len(doc) and doc[i].idx < end_char and doc[i].text != ",":
        if "Sub" in doc[i].morph.get("Mood") and is_finite(doc[i]):
            return True
        i += 1
    return False


def _continues_report(sent: Span, fin: Token, follows_report: bool) -> bool:
    return is_konj1(fin) or is_reportive(sent, fin) \
        or (follows_report and fin.lower_ in KONJ2_REPORT)


def _cut_off(sent: Span, body: list[Token], fin: Token) -> bool:
    """"Der Mandant habe" at the end of a text: an auxiliary or modal last, with nothing it
    governs and no final punctuation."""
    return body[-1].i == fin.i and fin.tag_ in ("VAFIN", "VMFIN") \
        and sent[-1].text not in (".", "!", "?", "…", "“", "”", "\"", "«", "»")


def continuations(sents: list[Span], blocked: set[int], quoted: set[int],
                  claimed: set[int]) -> list[Quote]:
    """Konjunktiv-I (or reportive) sentences that carry on the previous report.

    ``quoted`` holds the indices of sentences with a quote, ``claimed`` those with a
    quote other than a fragment; both are updated.
    """
    out = []
    for k, sent in enumerate(sents):
        if k in claimed or k == 0:
            continue
        fin = main_finite(sent, blocked)
        if fin is None:
            continue
        follows = any(k - d in quoted for d in range(1, KONJ2_REPORT_DISTANCE + 1))
        if not _continues_report(sent, fin, follows):
            continue
        body = [t for t in sent if not t.is_punct and not t.is_space]
        if len(body) < CONTINUATION_MIN_WORDS or _cut_off(sent, body, fin):
            continue  # a cut-off "Basciano habe" reports nothing
        out.append(Quote(*_content(body), "indirect", inherit=True))
        quoted.add(k)
        claimed.add(k)
    return out
