"""HanTa's German model, loaded once, with a fast exact sentence decoder.

HanTa (the Hanover Tagger) tags a sentence with a second-order HMM: a state is
the pair of the two previous tags, ``LP_trans_word[(a, b)][c]`` is the log
probability of tag ``c`` after ``a b``, and a word's emission scores are its
context-free tag candidates (``_tag_word(..., conditional=True)``). Its
``tag_sent`` runs that Viterbi search in general-purpose Python and analyses
every word form from scratch each time it occurs.

This module keeps HanTa's model untouched (no patched methods) and adds:

* per-word memo tables (candidate tags, lemma for a tag) in this module, seeded
  from the precomputed table ``newskit/data/hanta_words.tsv.gz``; words it lacks are
  analysed by :mod:`newskit.nlp.hanta_morph` (HanTa's morpheme search, made fast);
* :func:`tag_sent`, a re-implementation of HanTa's ``tag_sent_viterbi`` that
  visits only the tags a word can have (instead of all 56 followers of every
  state). It performs the same floating-point additions in the same order,
  keeps HanTa's beam (states more than 1 below the 6th best are dropped) and
  its tie-breaking (states and tags are visited in HanTa's order, the first of
  equal scores wins), so its output equals ``HanoverTagger.tag_sent`` exactly.

>>> tag_sent(["Die", "Kinder", "spielten", "."])
[('Die', 'der', 'ART'), ('Kinder', 'Kind', 'NN'), ('spielten', 'spielen', 'VV(FIN)'), ('.', '.', '$.')]
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import metadata, resources
from itertools import product
from operator import itemgetter

MODEL = "morphmodel_ger.pgz"
WORD_CACHE_SIZE = 500_000
# HanTa's morphological search grows steeply with word length (a 2,000-character token
# took 82 s). Longer tokens (URLs, hashes, garbage) are analysed from their first
# MAX_TAGGED_CHARS characters and keep themselves as lemma.
MAX_TAGGED_CHARS = 64
WORD_TABLE = "hanta_words.tsv.gz"  # see word_table()
SEP = "\x1f"  # separates the parts of a key or value in WORD_TABLE

# HanTa's reserved tag ids (HanTa/HanoverTagger.py)
EMPTY, START, END, UNKNOWN = 0, 1, 2, 3
_LOWER = -1e6  # HanTa's lower bound for a path score
_BEAM = 5  # HanTa keeps the states within 1 of the 6th best
_TAG_SPACE = 128  # tag ids are below this (else decode_tags leaves decoding to HanTa)

_by_score = itemgetter(1)

# per-word memo tables (see clear_caches)
_forward: dict[str, list] = {}  # normalised form -> HanTa's analyze_forward
_cands: tuple[dict, dict] = ({}, {})  # [case-sensitive][word] -> ordered (tag, log p) emissions
_lemmas: dict[tuple[str, int], tuple[str, str]] = {}  # (lower-case word, tag) -> (lemma, tag)
# analyses the morpheme search computed in this process, kept while a run shares them with
# its other worker processes (newskit.nlp.hanta_share); None: not recorded
_journal: list | None = None
FORWARD, LEMMA = 0, 1  # kinds of journal entries


@lru_cache(maxsize=1)
def hanta_tagger():
    """HanTa's German ``HanoverTagger`` (the model loads once per process)."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger(MODEL)


@lru_cache(maxsize=1)
def fast_morph():
    """HanTa's model with a fast exact per-word morpheme search (:mod:`newskit.nlp.hanta_morph`),
    built on first use."""
    from newskit.nlp.hanta_morph import FastMorphTagger

    return FastMorphTagger(hanta_tagger())


class WordTable:
    """HanTa analyses precomputed for frequent word forms (``training/build_word_table.py``),
    kept as raw strings and parsed when a word is first looked up.

    ``forward(form)``: HanTa's ``analyze_forward`` candidates of a normalised form;
    ``lemma(word, tag)``: ``analyze(word, tag)`` of a lower-case word; ``None`` when absent.
    """

    def __init__(self, forward: dict[str, str] | None = None,
                 lemmas: dict[str, str] | None = None) -> None:
        self._forward = forward or {}
        self._lemmas = lemmas or {}

    def __len__(self) -> int:
        return len(self._forward) + len(self._lemmas)

    def forward(self, form: str) -> list[tuple[int, float]] | None:
        raw = self._forward.get(form)
        if raw is None:
            return None
        return [(int(t), float(p)) for t, _, p in (c.partition(":") for c in raw.split(","))]

    def lemma(self, word: str, tag: int) -> tuple[str, str] | None:
        raw = self._lemmas.get(f"{word}{SEP}{tag}")
        return None if raw is None else tuple(raw.split(SEP, 1))


def _pairs(block: str) -> dict[str, str]:
    """``key<TAB>value`` lines as a dict (split in C, no per-line Python work)."""
    if not block:
        return {}
    items = iter(block.replace("\n", "\t").split("\t"))
    return dict(zip(items, items))


@lru_cache(maxsize=1)
def word_table() -> WordTable:
    """The shipped :class:`WordTable` (empty unless built with the installed HanTa version)."""
    path = resources.files("newskit") / "data" / WORD_TABLE
    try:
        # decompressed whole, then decoded: twice as fast as reading a text-mode gzip stream
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except OSError:
        return WordTable()
    head, _, rest = text.partition("\n#forward\n")
    forward, _, lemmas = rest.partition("\n#lemmas\n")
    if head != f"#hanta_version\t{metadata.version('HanTa')}":
        return WordTable()
    return WordTable(_pairs(forward.strip("\n")), _pairs(lemmas.strip("\n")))


class _Tables:
    """HanTa's transition table, rearranged for the decoder (built once per model)."""

    def __init__(self, tagger) -> None:
        trans = tagger.LP_trans_word
        # HanTa visits followers in the order of each state's dict; the model stores one
        # order for all states, checked here (else decode_tags falls back to HanTa).
        orders = {tuple(f) for f in trans.values()}
        self.order = [c for c in next(iter(orders)) if c != END] if len(orders) == 1 else None
        if any(t >= _TAG_SPACE for state in trans for t in state):
            self.order = None
        # a state (a, b) is the int a * _TAG_SPACE + b; its followers' scores a list by tag
        self.trans = {_state(*state): [f.get(c, _LOWER) for c in range(_TAG_SPACE)]
                      for state, f in trans.items()}
        self.end = {_state(*state): f.get(END, float("-inf")) for state, f in trans.items()}
        self.rank = {c: k for k, c in enumerate(self.order or ())}
        self.any_tag = tuple((c, 0) for c in self.order or ())


@lru_cache(maxsize=1)
def decoder_tables() -> _Tables:
    """HanTa's transitions rearranged for :func:`decode_tags` (built once per process)."""
    return _Tables(hanta_tagger())


def clear_caches() -> None:
    """Forget every memoised word analysis (the model and the word table stay loaded)."""
    _forward.clear()
    _cands[0].clear()
    _cands[1].clear()
    _lemmas.clear()
    if fast_morph.cache_info().currsize:
        fast_morph().clear_memo()


def record_analyses(on: bool = True) -> None:
    """Start (or stop) recording the analyses the morpheme search computes (see
    :func:`take_analyses`); starting forgets what was recorded before."""
    global _journal
    _journal = [] if on else None


def take_analyses() -> list:
    """The analyses recorded since the last call: ``(kind, key, value)`` entries."""
    global _journal
    if not _journal:
        return []
    out, _journal = _journal, []
    return out


def add_analyses(entries) -> None:
    """Memoise analyses another process computed (entries of :func:`take_analyses`); they
    are what this process would compute itself, so results do not change."""
    for kind, key, value in entries:
        memo = _forward if kind == FORWARD else _lemmas
        if key not in memo:
            _remember(memo, key, value)


def _remember(memo: dict, key, value):
    if len(memo) >= WORD_CACHE_SIZE:
        memo.clear()
    memo[key] = value
    return value


def _analyze_forward(form: str) -> tuple[list, bool]:
    """HanTa's candidates of a normalised form and whether they came from its own cache."""
    tagger = hanta_tagger()
    form = form[:MAX_TAGGED_CHARS]
    hit = tagger.cache.get(form)
    if hit is not None:
        return hit, True
    hit = _forward.get(form)
    if hit is None:
        hit = word_table().forward(form)
        if hit is None:
            hit = fast_morph().analyze_forward(form)
            if _journal is not None:
                _journal.append((FORWARD, form, hit))
        _remember(_forward, form, hit)
    return hit, False


def word_probs(word: str, cutoff: int = 5, casesensitive: bool = True,
               conditional: bool = False) -> list[tuple[int, float]]:
    """HanTa's ``_tag_word``: (tag id, log p) candidates of ``word``, best first."""
    tagger = hanta_tagger()
    upcase = casesensitive and word[0].isupper()
    p_tags, cached = _analyze_forward(tagger.normalize(word))
    out = []
    for tag, p in p_tags:
        if tag != UNKNOWN:
            if casesensitive:
                p += tagger.LP_case_t[tag][upcase]
            if conditional:
                p -= tagger.LP_wtag[tag]
        out.append((tag, p))
    out.sort(key=_by_score, reverse=True)
    if not cached and out:
        if cutoff == 0:
            return out[:1]
        limit = out[0][1] - cutoff
        out = [(tag, p) for tag, p in out if p >= limit]
    return out


def decisive_candidates(cands: list[tuple[int, float]], cutoff: int = 5) -> list[tuple[int, float]]:
    """The forward candidates of a form that :func:`word_probs` can return, in their order.

    :func:`word_probs` keeps only the candidates within ``cutoff`` of the best after adding
    the case and (conditional) tag-prior terms; a candidate below that limit under every
    combination of the flags never reaches a caller. Dropping those is exact for every
    cutoff up to ``cutoff`` (the word table is stored this way: about half the candidates).

    >>> decisive_candidates([(20, -14.7), (17, -30.2)])
    [(20, -14.7)]
    """
    tagger = hanta_tagger()
    case, prior = tagger.LP_case_t, tagger.LP_wtag
    odd = {i for i, (tag, _) in enumerate(cands) if tag not in case or tag not in prior}
    keep = set(odd)  # the unknown tag: kept (and left out of the limit: keeps more)
    for cs, upcase, cond in product((False, True), repeat=3):
        scores = {i: p + (case[t][upcase] if cs else 0.0) - (prior[t] if cond else 0.0)
                  for i, (t, p) in enumerate(cands) if i not in odd}
        if scores:
            limit = max(scores.values()) - cutoff - 1e-6  # a hair wider than word_probs
            keep.update(i for i, s in scores.items() if s >= limit)
    return [c for i, c in enumerate(cands) if i in keep]


def tag_word(word: str, cutoff: int = 5, casesensitive: bool = True) -> list[tuple[str, float]]:
    """HanTa's ``tag_word``: (tag, log p) candidates of ``word`` out of context, best first."""
    int2tag = hanta_tagger().int2tag
    return [(int2tag[t], p) for t, p in word_probs(word, cutoff, casesensitive)]


def _emissions(word: str, cs: bool) -> tuple:
    """The (tag, log p) pairs the decoder tries for ``word``, in HanTa's visiting order."""
    memo = _cands[cs]
    hit = memo.get(word)
    if hit is not None:
        return hit
    probs = dict(word_probs(word, casesensitive=cs, conditional=True))
    if len(probs) == 1 and UNKNOWN in probs:
        probs = {}
    tables = decoder_tables()
    if probs:
        rank = tables.rank
        hit = tuple((c, probs[c]) for c in sorted((c for c in probs if c in rank), key=rank.get))
    else:
        hit = tables.any_tag  # an unknown word may take any tag
    return _remember(memo, word, hit)


def _state(a: int, b: int) -> int:
    """The decoder's number for HanTa's state (tag before last, last tag)."""
    return a * _TAG_SPACE + b


def _step(row: dict, emissions: tuple, trans: dict) -> tuple[dict, dict]:
    """One Viterbi column: HanTa's beam, additions and tie-breaking (states as ints, see
    :func:`_state`)."""
    if len(row) > _BEAM:
        bound = sorted(row.values(), reverse=True)[_BEAM] - 1
    else:
        bound = _LOWER
    new: dict = {}
    back: dict = {}
    get = new.get
    if len(emissions) == 1:  # one candidate tag (punctuation, most function words)
        (c, lpw), = emissions
        for state, lp0 in row.items():
            if lp0 >= bound:
                lp = lp0 + trans[state][c] + lpw
                if lp > _LOWER:
                    nxt = (state % _TAG_SPACE) * _TAG_SPACE + c
                    old = get(nxt)
                    if old is None or lp > old:
                        new[nxt] = lp
                        back[nxt] = state
        return new, back
    for state, lp0 in row.items():
        if lp0 < bound:
            continue
        follow = trans[state]
        b = (state % _TAG_SPACE) * _TAG_SPACE
        for c, lpw in emissions:
            lp = lp0 + follow[c] + lpw
            if lp > _LOWER:
                nxt = b + c
                old = get(nxt)
                if old is None or lp > old:
                    new[nxt] = lp
                    back[nxt] = state
    return new, back


def _best_final(row: dict, end: dict):
    """The state of the best complete path (the first of equal scores), or None."""
    best, best_lp = None, float("-inf")
    for state, lp0 in row.items():
        lp = lp0 + end[state]
        if lp > best_lp:
            best, best_lp = state, lp
    return best


def decode_tags(words: list[str]) -> list[int]:
    """HanTa's ``tag_sent_viterbi`` (tag ids of a non-empty sentence), decoded fast."""
    tables = decoder_tables()
    if tables.order is None:
        return hanta_tagger().tag_sent_viterbi(words)
    trans = tables.trans
    row: dict = {_state(EMPTY, START): 0.0}
    backs = []
    try:
        for i, word in enumerate(words):
            row, back = _step(row, _emissions(word, i > 0), trans)
            backs.append(back)
        best = _best_final(row, tables.end)
    except KeyError:  # a state HanTa has no transitions for: let HanTa fail as it does
        return hanta_tagger().tag_sent_viterbi(words)
    if best is None:  # no complete path: HanTa's own search decides (and raises)
        return hanta_tagger().tag_sent_viterbi(words)
    tags = [best % _TAG_SPACE]
    state = best
    for back in reversed(backs[1:]):
        state = back[state]
        tags.append(state % _TAG_SPACE)
    tags.reverse()
    return tags


def lemmatize(word: str, tag: int | str) -> tuple[str, str]:
    """HanTa's ``analyze(word, tag)`` at tag level 1 for a tag id or name: (lemma, tag name),
    memoised."""
    if isinstance(tag, str):
        tag = hanta_tagger().tag2int[tag]
    if len(word) > MAX_TAGGED_CHARS:  # no morphological search on an over-long token
        return word.lower(), hanta_tagger().int2tag.get(tag, "XY")
    key = (word.lower(), tag)
    hit = _lemmas.get(key)
    if hit is None:
        hit = word_table().lemma(*key)
        if hit is None:
            tagger = fast_morph()
            hit = tuple(tagger.analyze(word, tagger.int2tag[tag], taglevel=1))
            if _journal is not None:
                _journal.append((LEMMA, key, hit))
        _remember(_lemmas, key, hit)
    return hit


def tag_sent(words: list[str]) -> list[tuple[str, str, str]]:
    """``HanoverTagger.tag_sent(words, taglevel=1)``: (word, lemma, HanTa tag) per word."""
    if not words:
        return []
    int2tag = hanta_tagger().int2tag
    return [(w, lemmatize(w, t)[0], int2tag[t]) for w, t in zip(words, decode_tags(words))]
