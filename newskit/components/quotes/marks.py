"""Quotation marks: paired regions in the text, and whether a quoted region is speech.

A region is the text between an opening mark and the closing mark it pairs with. A
region is speech — a ``direct`` quote, or a ``mixed`` fragment inside a sentence —
unless it is a name or a title ("Die Rakete „Shenzhou 6“", "der Film „Das Boot“").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newskit.components.quotes.words import TITLE_ARTICLES, TITLE_NOUNS
from newskit.lang import de

# opening mark -> closing marks it may pair with
PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", "‚": "‘’", '"': '"', "‹": "›", "›": "‹"}
# marks that open only after a space, a bracket, a dash, a colon or another opening mark
AMBIGUOUS_OPENERS = ('"', "«", "»", "“", "›", "‹")
OPEN_AFTER = "([/–-—:" + "„»«‚"
# longest region searched for a closing mark, in characters
MAX_REGION_CHARS = 5000
# a quoted name has at most this many words („Ärzte ohne Grenzen“, „Shenzhou 6“)
NAME_MAX_WORDS = 4
# a quoted sentence is "full" speech with at least this many words (or a colon/comma frame)
FULL_MIN_WORDS = 3
# a full quotation without a verb or final punctuation up to this length is a title
TITLE_MAX_WORDS = 8
# a fragment needs this many words unless its sentence has a speech frame
FRAGMENT_MIN_WORDS = 2

SENTENCE_END = ".!?"
CLAUSE_END_INSIDE = ".!?,…"
CLAUSE_END_AFTER = (",", ".", "!", "?", ":", ";")
CLAUSE_START_BEFORE = (":", ".", "!", "?", "(", "–", "—")
NAME_TAGS_BEFORE = ("ART", "ADJA", "APPRART", "CARD", "PPOSAT", "PDAT")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(open, close)`` of paired quotation marks (close exclusive).

    Pairs „…“, „…”, »…«, «…», "…", “…”, ‚…‘ and ‹…›. A mark opens only where a
    word follows it directly; regions do not cross a blank line.

    >>> quote_regions('Er sagte: „Wir gehen.“ Dann "ja".')
    [(10, 22), (28, 32)]
    """
    out = []
    i = 0
    while True:
        m = _MARK.search(text, i)  # only quotation marks can open a region
        if m is None:
            return out
        i = m.start()
        found = _closing_mark(text, i) if _opens(text, i) else -1
        if found < 0:
            i += 1
            continue
        out.append((i, found + 1))
        i = found + 1


def _opens(text: str, i: int) -> bool:
    """Whether the character at ``i`` is an opening quotation mark."""
    ch = text[i]
    if ch not in PAIRS or i + 1 >= len(text) or text[i + 1].isspace():
        return False
    if ch in AMBIGUOUS_OPENERS and i > 0:
        prev = text[i - 1]
        return prev.isspace() or prev in OPEN_AFTER
    return True


def _closing_mark(text: str, i: int) -> int:
    """Index of the mark that closes the one opened at ``i``, or -1: the first closer not
    preceded by a space within ``MAX_REGION_CHARS``, unless a blank line comes first."""
    pattern = _CLOSER[text[i]]
    limit = min(len(text), i + MAX_REGION_CHARS)
    pos = i + 1
    while True:
        m = pattern.search(text, pos, limit + 1)  # a blank line may start at limit - 1
        if m is None or m.start() >= limit or text[m.start()] == "\n":
            return -1
        j = m.start()
        if not text[j - 1].isspace():
            return j
        pos = j + 1


_MARK = re.compile("[" + re.escape("".join(PAIRS)) + "]")
_CLOSER = {o: re.compile("\n\n|[" + re.escape(c) + "]") for o, c in PAIRS.items()}


def words(span: Span | None) -> list[Token]:
    """The words and numbers of ``span`` (none for ``None``)."""
    return [t for t in span if t.is_alpha or t.like_num] if span is not None else []


def looks_like_name(span: Span) -> bool:
    """„Shenzhou 6“, „Der Spiegel“: a short run of capitalised words or numbers."""
    ws = words(span)
    return len(ws) <= NAME_MAX_WORDS and all(w.text[:1].isupper() or w.like_num for w in ws) \
        and not any(t.text in SENTENCE_END for t in span)


def is_short_name_run(run: Span) -> bool:
    """A quoted run inside a clause that is a name, not a clause boundary („Ärzte ohne Grenzen“)."""
    return sum(1 for x in run if x.is_alpha) <= NAME_MAX_WORDS \
        and not any(x.text in SENTENCE_END for x in run)


@dataclass(frozen=True)
class Region:
    """A quoted region in a Doc and its surroundings.

    ``span`` holds the marks, ``inner`` the content without them; ``before`` is the
    token before the opening mark (spaces skipped within a paragraph), ``after`` the
    first token after the closing mark that is not a space (index ``after_i``).
    """

    start: int  # char offsets with the marks
    end: int
    span: Span
    inner: Span
    words: tuple[Token, ...]
    before: Token | None
    after: Token | None
    after_i: int
    sent: Span

    @property
    def after_is(self) -> str | None:
        return self.after.text if self.after is not None else None

    @property
    def before_is(self) -> str | None:
        return self.before.text if self.before is not None else None


def region_context(doc: Doc, start: int, end: int, span: Span, sent: Span) -> Region | None:
    """The :class:`Region` of marks ``start``…``end``, or ``None`` if it holds no word."""
    inner = doc.char_span(start + 1, end - 1, alignment_mode="expand")
    ws = words(inner)
    if inner is None or not ws:
        return None
    b = span.start - 1
    while b >= 0 and doc[b].is_space and "\n\n" not in doc[b].text:
        b -= 1  # "erklärte:  „…“" (two spaces) or "heißt:\n„…“"
    after_i = span.end
    while after_i < len(doc) and doc[after_i].is_space:
        after_i += 1
    return Region(start, end, span, inner, tuple(ws), doc[b] if b >= 0 else None,
                  doc[after_i] if after_i < len(doc) else None, after_i, sent)


def is_full(r: Region) -> bool:
    """Whether the region is a quoted utterance of its own (``direct``), not a fragment."""
    inner, before, after = r.inner, r.before, r.after
    ends_clause = inner[-1].is_punct and inner[-1].text in CLAUSE_END_INSIDE or (
        after is not None and after.text in CLAUSE_END_AFTER) or after is None
    starts_clause = before is None or before.is_space or before.text in CLAUSE_START_BEFORE \
        or before.is_sent_end or r.span.start == r.sent.start
    return starts_clause and ends_clause and (
        len(r.words) >= FULL_MIN_WORDS or r.after_is == "," or r.before_is == ":")


def _after_title_noun(before: Token | None) -> bool:
    """Film „…“, des Magazins „…“: a title noun before the marks."""
    return before is not None and before.text[:1].isupper() and any(
        before.lower_.startswith(n) or before.lower_.endswith(n)
        for n in TITLE_NOUNS if len(n) >= 4)


def _name_used_as_noun(r: Region) -> bool:
    """das „Glas der Vernunft“: an article or adjective before a capitalised name."""
    ws = r.words
    return r.before is not None and r.before.tag_ in NAME_TAGS_BEFORE \
        and ws[0].text[:1].isupper() and sum(w.text[:1].isupper() for w in ws) * 2 >= len(ws) \
        and not any(t.text in SENTENCE_END for t in r.inner)


def _named_thing(r: Region) -> bool:
    """die Yacht „Dignité“, Klassiker wie „Der Fänger im Roggen“: names."""
    first = r.words[0].text
    return first[:1].isupper() and (
        (r.before is not None and r.before.tag_ in ("NN", "NE")) or first in TITLE_ARTICLES)


def _foreign(r: Region) -> bool:
    """A foreign-language name or title („running mate“)."""
    return sum(t.tag_ == "FM" for t in r.words) * 2 > len(r.words)


def _title_on_its_own(r: Region) -> bool:
    """„Karol Wojtyla – Geheimnisse eines Papstes“: no verb, no final punctuation."""
    return not any(t.tag_.startswith("V") for t in r.inner) \
        and r.inner[-1].text not in ".!?…" and len(r.words) <= TITLE_MAX_WORDS


def _named_so(r: Region) -> bool:
    """„das Ohr“ genannt, der sogenannte „Rat“, den alle „das Ohr“ nennen: a naming word
    right before or after the marks makes the fragment a name."""
    naming = de.word_list("naming_words")
    return (r.before is not None and r.before.lower_ in naming) or (
        r.after is not None and r.after.lower_ in naming)


def _mostly_an_entity(r: Region) -> bool:
    """„Ärzte ohne Grenzen“, „Linkspartei.PDS“: most of the fragment's words are inside an
    organisation, place or other name the recogniser found."""
    named = sum(1 for w in r.words if w.ent_type_ in ("ORG", "LOC", "MISC"))
    return named * 2 > len(r.words)


# a fragment (not a full quotation) is no speech when any of these holds
_FRAGMENT_IS_NAME = (
    _named_so,
    _mostly_an_entity,
    lambda r: looks_like_name(r.inner),
    lambda r: _after_title_noun(r.before),
    _name_used_as_noun,
    _named_thing,
    _foreign,
)


def speech_kind(r: Region, sentence_has_frame: bool) -> str | None:
    """``"direct"``, ``"mixed"`` or ``None`` (a name or title, not speech)."""
    full = is_full(r)
    if full:
        return None if _title_on_its_own(r) else "direct"
    if any(rule(r) for rule in _FRAGMENT_IS_NAME):
        return None
    if len(r.words) < FRAGMENT_MIN_WORDS and not sentence_has_frame:
        return None
    return "mixed"


#: the most tokens a quoted name may run on past the phrase found before its closing mark
MAX_QUOTED_NAME_TAIL = 8
_NAME_CLOSERS = frozenset(("“", "”", "«", "’", "\""))


def close_quoted_name(doc: Doc, start: int, k: int, end: int) -> int:
    """The end of the phrase ``doc[start:k]`` with its quoted name closed: "die „Kampagne"
    → "die „Kampagne für saubere Flüsse“" when the closing mark follows within
    ``MAX_QUOTED_NAME_TAIL`` tokens (before ``end``) with no verb or clause mark between."""
    opened = [t.i for t in doc[start:k] if t.text in ("„", "»", "‚") and t.i + 1 < k]
    if not opened or any(t.text in _NAME_CLOSERS for t in doc[opened[-1] + 1 : k]):
        return k
    for m in range(k, min(end, k + MAX_QUOTED_NAME_TAIL)):
        t = doc[m]
        if t.text in _NAME_CLOSERS:
            return m + 1
        if t.pos_ in ("VERB", "AUX") or t.text in ",.;:!?" or t.is_space and "\n" in t.text:
            return k
    return k
