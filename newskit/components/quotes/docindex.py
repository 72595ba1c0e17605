"""One index per Doc for speaker resolution: entities by position, by name and by label,
persons with the gender their names tell, sentence starts.

Everything speaker resolution looks up in a Doc comes from a :class:`DocIndex` built once per
Doc, so resolving a quote never scans the whole Doc.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import TAG
from spacy.tokens import Doc, Span

from newskit.components.entities import without_legal_form
from newskit.components.gender.evidence import name_gender, noun_gender
from newskit.components.quotes.marks import quote_regions
from newskit.nlp.doctext import doc_text, token_lowers
from newskit.nlp.sentences import sentence_bounds, sentence_ids

# entity labels a mention is named by, in order of preference
MENTION_LABELS = ("PER", "ORG", "LOC", "MISC")
# labels of a speaker named before the first report
SOURCE_LABELS = ("PER", "ORG")
# a pronoun refers to a speaker reported within this many sentence starts before it
PRONOUN_WINDOW_SENTS = 3


def canonical(ent: Span) -> str:
    """An entity's canonical name (its text when it has none)."""
    return ent._.nk_canonical or ent.text


class _Ents:
    """Entities in text order with their end offsets, for "the last one ending before …"."""

    def __init__(self, ents: list[Span]):
        self.ents = ents
        self.ends = [e.end_char for e in ents]

    def last_ending_by(self, char: int) -> Span | None:
        k = bisect_right(self.ends, char)
        return self.ents[k - 1] if k else None


@dataclass
class DocIndex:
    """Entities and sentences of one Doc, indexed once."""

    doc: Doc
    ents: list[Span]
    ent_starts: list[int]  # token start of each entity
    by_name: dict[str, _Ents]
    sources: _Ents  # persons and organisations
    persons: list[tuple[int, str]]  # (char start, canonical name) of each person
    person_names: set[str]
    person_gender: dict[str, str]  # canonical name -> "female"/"male" where the name tells
    sent_of: list[int]  # sentence index of each token
    sent_start_chars: list[int]
    sent_start_tokens: list[int]

    @classmethod
    def build(cls, doc: Doc) -> DocIndex:
        ents = list(doc.ents)
        names: dict[str, list[Span]] = {}
        for e in ents:
            names.setdefault(canonical(e), []).append(e)
        per_names = {canonical(e) for e in ents if e.label_ == "PER"}
        # a mention labelled otherwise whose canonical name is a person's ("Der Deutsche
        # Ziemendorff" as a place after "Stefan Ziemendorff") is that person
        persons = [(e.start_char, canonical(e)) for e in ents
                   if e.label_ == "PER" or canonical(e) in per_names]
        bounds = sentence_bounds(doc)
        return cls(doc, ents, [e.start for e in ents],
                   {n: _Ents(es) for n, es in names.items()},
                   _Ents([e for e in ents if e.label_ in SOURCE_LABELS]),
                   persons, {p[1] for p in persons}, _genders(doc, persons),
                   list(sentence_ids(doc)),
                   [doc[s].idx for s, _ in bounds], [s for s, _ in bounds])

    @cached_property
    def text(self) -> str:
        """``doc.text``, built once (``Doc.text`` joins every token on each call)."""
        return doc_text(self.doc)

    @cached_property
    def renamed(self) -> dict[str, str]:
        """An entity's text → its canonical name where they differ and the text names one
        referent ("OSZE" → "Organisation für Sicherheit und Zusammenarbeit in Europa")."""
        out: dict[str, set[str]] = {}
        for e in self.ents:
            out.setdefault(e.text, set()).add(canonical(e))
            short = without_legal_form(canonical(e)) if e.label_ == "ORG" else None
            if short:  # "Wiener Linien" for "Wiener Linien GmbH & Co KG"
                out.setdefault(short, set()).add(canonical(e))
        return {text: name for text, names in out.items() if len(names) == 1
                for name in names if name != text}

    @cached_property
    def noun_positions(self) -> dict[str, list[int]]:
        """Each noun or name (lower case) → the tokens where it stands, in order."""
        strings = self.doc.vocab.strings
        nouns = {strings.add("NN"), strings.add("NE")}
        out: dict[str, list[int]] = {}
        for i, (tag, low) in enumerate(zip(self.doc.to_array(TAG).tolist(),
                                           token_lowers(self.doc))):
            if tag in nouns:
                out.setdefault(low, []).append(i)
        return out

    @cached_property
    def nouns_by_ending(self) -> dict[str, list[str]]:
        """The Doc's nouns and names (lower case) by their last four letters."""
        out: dict[str, list[str]] = {}
        for w in self.noun_positions:
            out.setdefault(w[-4:], []).append(w)
        return out

    def nouns_ending_with(self, ending: str) -> list[str]:
        """The Doc's nouns and names (lower case) that end with ``ending``."""
        if len(ending) < 4:
            return [w for w in self.noun_positions if w.endswith(ending)]
        return [w for w in self.nouns_by_ending.get(ending[-4:], ()) if w.endswith(ending)]

    @cached_property
    def memo(self) -> dict:
        """Per-Doc results that helpers compute once (keyed by the helper)."""
        return {}

    @cached_property
    def quotations(self) -> tuple[list[int], list[int]]:
        """Starts and ends (character offsets) of the regions between paired quotation marks."""
        regions = quote_regions(self.text)
        return [a for a, _ in regions], [b for _, b in regions]

    def quotation_at(self, char: int) -> tuple[int, int] | None:
        """The quoted region (start, end) that holds character ``char``, if any."""
        starts, ends = self.quotations
        k = bisect_right(starts, char)
        return (starts[k - 1], ends[k - 1]) if k and ends[k - 1] > char else None

    def entity_covering(self, i: int) -> Span | None:
        """The entity that holds token ``i``."""
        k = bisect_right(self.ent_starts, i)
        if k and self.ents[k - 1].end > i:
            return self.ents[k - 1]
        return None

    def person_starting(self, i: int) -> Span | None:
        """A person entity that starts at token ``i``."""
        k = bisect_left(self.ent_starts, i)
        if k < len(self.ents) and self.ents[k].start == i and self.ents[k].label_ == "PER":
            return self.ents[k]
        return None

    def entity_in(self, span: Span) -> Span | None:
        """The last entity inside ``span`` with the first label of ``MENTION_LABELS`` found."""
        lo = bisect_left(self.ent_starts, span.start)
        hi = bisect_left(self.ent_starts, span.end)
        inside = [e for e in self.ents[lo:hi] if e.end <= span.end]
        for label in MENTION_LABELS:
            for e in reversed(inside):
                if e.label_ == label:
                    return e
        return None

    def sentence_start_token(self, i: int) -> int:
        """First token of the sentence that holds token ``i``."""
        return self.sent_start_tokens[self.sent_of[i]]

    def sentence(self, k: int) -> Span:
        """The ``k``-th sentence of the Doc."""
        starts = self.sent_start_tokens
        return self.doc[starts[k]: starts[k + 1] if k + 1 < len(starts) else len(self.doc)]

    def sentence_gap(self, a: int, b: int) -> int:
        """Number of sentence starts between character offsets ``a`` and ``b``."""
        starts = self.sent_start_chars
        return max(0, bisect_right(starts, b) - bisect_right(starts, a))

    def window_start(self, pos: int) -> int:
        """Start of the sentence two sentence starts before ``pos`` (0 near the top)."""
        n = bisect_right(self.sent_start_chars, pos)
        return self.sent_start_chars[n - PRONOUN_WINDOW_SENTS] if n >= PRONOUN_WINDOW_SENTS else 0


def _genders(doc: Doc, persons: list[tuple[int, str]]) -> dict[str, str]:
    """Gender of persons where a first name or a bound role noun tells it."""
    out = {}
    for _, name in persons:
        words_ = name.split()
        g = name_gender(words_[0]) if len(words_) > 1 else None
        if g:
            out[name] = g
    for binding in doc._.nk_roles or []:
        if binding[2] not in out and noun_gender(binding[1].capitalize()) == "female":
            out[binding[2]] = "female"
    return out


History = list[tuple[int, str, Span | None]]  # (char pos, canonical name, mention)


def last_before(history: History, pos: int, ok=None):
    """The last history entry before ``pos`` (that ``ok`` accepts), walking back from the
    end over at most ``HISTORY_LOOKBACK`` entries before ``pos``: history grows in text
    order, and a bound keeps a very long Doc (a transcript, a whole newspaper issue) linear
    when no entry is accepted."""
    seen = 0
    for h in reversed(history):
        if h[0] < pos:
            if ok is None or ok(h):
                return h
            seen += 1
            if seen >= HISTORY_LOOKBACK:
                return None
    return None


#: speakers looked back over at most (an article rarely reports more than a few dozen)
HISTORY_LOOKBACK = 60
