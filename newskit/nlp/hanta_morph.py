"""HanTa's per-word morphological search, made fast and kept exact.

HanTa analyses a word form by a Viterbi search over its morphemes
(``HanoverTagger.analyze_forward`` for the candidate tags of a form,
``analyze_viterbi`` for the lemma of a form under a tag). For every start
position, state and segment it tries every tag that may follow the state and
asks ``lp_m_t`` for the segment's log probability under that tag; the start
state alone has 74 followers, and nearly all of them give ``-inf`` (the
segment is no known morpheme of the tag and the tag is not an open class), so
most of the work is spent on paths that are dropped.

:class:`FastMorphTagger` is a ``HanoverTagger`` that shares the loaded model
(no second copy, HanTa's own object untouched) and overrides only the search:

* per row of the lattice it first collects the states HanTa extends (those
  within its beam), then scores each segment once: the tags the segment is a
  known morpheme of, and HanTa's guess (its own formula and float additions) only
  for the open classes one of those states can be followed by — no other guess
  is ever looked at;
* it visits exactly the (state, segment, tag) combinations HanTa visits that
  are finite, with a state's followers in their stored order. Each segment
  leads to its own row, so segments may be visited in any order: every score,
  every tie and every backpointer is HanTa's (combinations with ``-inf`` can
  never pass HanTa's ``lp1 > lowerbound`` test).

Lemmas, tag lists and everything else come from HanTa's own methods.

>>> fast = fast_tagger(__import__("newskit.nlp.hanta", fromlist=["x"]).hanta_tagger())
>>> fast.analyze("Bundesverfassungsgerichts", "NN")
('Bundesverfassungsgericht', 'NN')
"""

from __future__ import annotations

import math
from operator import itemgetter

from HanTa.HanoverTagger import EMPTY, START, HanoverTagger, logaddexp

LOWER = -1e6  # HanTa's lower bound of a path score
SUFFIX_MEMO_SIZE = 20_000  # word endings whose suffix scores are kept (about 0.5 kB each)


class FastMorphTagger(HanoverTagger):
    """A ``HanoverTagger`` over an existing one's model with a fast exact morpheme search."""

    def __init__(self, tagger: HanoverTagger) -> None:  # noqa: D107 - shares the model
        self.__dict__.update(vars(tagger))
        self._suf_memo: dict = {}
        self._open = tuple(t for t in self.LP_hapax_t if t in self.LP_s_t)
        # Int_t + LP_hapax_t[t] + LP_len_t[t][mlen]: the first additions of HanTa's guess
        self._guess_base = self._base = {t: [self.Int_t + self.LP_hapax_t[t] + self.LP_len_t[t][k]
                          for k in range(25)] for t in self._open}
        morphs: dict[str, dict[int, float]] = {}  # morpheme -> {tag: log p}
        finite = True
        for tag, table in self.LP_m_t.items():
            for m, lp in table.items():
                morphs.setdefault(m, {})[tag] = lp
                finite = finite and math.isfinite(lp)
        self._morphs = morphs
        self._follow_memo: dict = {}
        suffixes: dict[str, list] = {}  # suffix -> [(open tag, lp_suf)]
        for t in self._open:
            for suf, lp in self.LP_s_t[t].items():
                suffixes.setdefault(suf, []).append((t, lp))
        self._suffixes = suffixes
        followers = {t for f in self.LP_trans_nonfinal.values() for t, _ in f}
        # a follower without a morpheme table makes HanTa raise: leave such models to HanTa
        # (and a non-finite morpheme score would need HanTa's own handling)
        self.exact = followers <= set(self.LP_m_t) and finite

    def clear_memo(self) -> None:
        self._suf_memo.clear()

    def _suffix_scores(self, m: str) -> dict[int, float]:
        """``lp_suf`` of HanTa's guess for each open tag: the score of the longest of the last
        4, 3, 2, 1 characters of ``m`` (shorter than ``m``) the tag knows, else of ``""``."""
        key = m if len(m) <= 4 else "\0" + m[-4:]
        hit = self._suf_memo.get(key)
        if hit is None:
            mlen = len(m)
            hit = {}
            for tail in [m[-k:] for k in (4, 3, 2, 1) if mlen > k] + [""]:
                for t, lp in self._suffixes.get(tail, ()):
                    if t not in hit:
                        hit[t] = lp
            if len(self._suf_memo) >= SUFFIX_MEMO_SIZE:
                self._suf_memo.clear()
            self._suf_memo[key] = hit
        return hit

    def _followers(self, state: tuple, target) -> tuple | None:
        """``state``'s followers (all, or those that can reach tag ``target``) in HanTa's
        order, their ranks, and the open-class ones among them."""
        key = (state, target)
        hit = self._follow_memo.get(key)
        if hit is None and key not in self._follow_memo:
            if state in self.LP_trans_nonfinal:
                follow = self.LP_trans_nonfinal[state]
                if target is not None:
                    allowed = self.reachability.get(target, frozenset())
                    follow = [(t, p) for t, p in follow if t in allowed]
                rank = {t: (k, p) for k, (t, p) in enumerate(follow)}
                opened = [(t, p) for t, p in follow if t in self._guess_base]
                hit = follow, rank, opened, tuple(t for t, _ in opened)
            self._follow_memo[key] = hit
        return hit

    def _search(self, word: str, strict: bool, target=None, back: list | None = None) -> list:
        """HanTa's morpheme lattice of ``word`` (rows of state -> best log p); ``target``
        restricts the followers to those that reach it (``analyze_viterbi``), ``back``
        collects backpointers."""
        wlen = len(word)
        table = [{(EMPTY, START): 0}] + [{} for _ in range(wlen + 1)]
        for i in range(wlen + 1):
            row = table[i]
            if not row:
                continue
            bound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else LOWER
            # the states HanTa extends (their extensions only reach later rows), and the
            # open tags any of them can be followed by: no other guess is ever looked at
            todo = []
            opens: set = set()
            for state, lp in row.items():
                if lp >= bound:
                    follow = self._followers(state, target)
                    if follow is not None:
                        todo.append((state, lp, follow))
                        opens.update(follow[3])
            if todo:
                pure, known = self._segments(word, i, strict, opens)
                for state, lp, follow in todo:
                    _expand(table, back, state, lp, i, pure, known, follow)
        return table

    def _segments(self, word: str, i: int, strict: bool, opens: set) -> tuple[list, list]:
        """``(j, scores)`` of every segment ``word[i:j]`` with a finite score, split into
        those that are only guessed (for the open tags ``opens``) and those that contain
        known morphemes: HanTa's ``lp_m_t`` (guesses for segments longer than two
        characters, or of words shorter than four, unless ``strict``)."""
        wlen = len(word)
        morphs = self._morphs.get
        pure: list = []
        known: list = []
        if strict or not opens:
            for j in range(i + 1, wlen + 1):
                k = morphs(word[i:j])
                if k:
                    known.append((j, k))
            return pure, known
        base = self._base
        first = i + 1 if wlen < 4 else i + 3  # shorter segments are never guessed
        for j in range(i + 1, min(first, wlen + 1)):
            k = morphs(word[i:j])
            if k:
                known.append((j, k))
        for j in range(first, wlen + 1):
            m = word[i:j]
            mlen = j - i if j - i < 24 else 24
            suf = self._suffix_scores(m)
            if j - i == wlen:
                g = {t: base[t][mlen] + suf[t] - 4.6 for t in opens}
            else:
                g = {t: base[t][mlen] + suf[t] for t in opens}
            k = morphs(m)
            if k:
                known.append((j, {**g, **k}))
            else:
                pure.append((j, g))
        return pure, known

    def analyze_forward(self, word):
        """``HanoverTagger.analyze_forward``: (tag, log p) candidates of a normalised form."""
        if not self.exact:
            return super().analyze_forward(word)
        table = self._search(word, self.strict)
        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in self.LP_trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > LOWER:
                    new = (state[1], tag1)
                    if new not in last or lp1 > last[new]:
                        last[new] = lp1
        results: dict = {}
        for state, lp in last.items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = logaddexp(results[pos], lp) if pos in results else lp
        out = sorted(results.items(), key=itemgetter(1), reverse=True)
        return out or [(3, 0)]  # HanTa's (UNKNOWN, 0) for an empty result

    def analyze_viterbi(self, word, targetpos):
        """``HanoverTagger.analyze_viterbi``: the best morpheme path of ``word`` ending in
        ``targetpos`` (strict first, then with guessed morphemes)."""
        if not self.exact:
            return super().analyze_viterbi(word, targetpos)
        for strict in (True, False):
            back: list = [{} for _ in range(len(word) + 2)]
            table = self._search(word, strict, targetpos, back)
            last, last_back = table[-1], back[-1]
            for state, lp in table[-2].items():
                for tag1, lpt in self.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > LOWER:
                            new = (state[1], tag1)
                            if new not in last or lp1 > last[new]:
                                last[new] = lp1
                                last_back[new] = (state, len(word))
                        break
            if last:
                break
        return _backtrace(table, back)


def _expand(table: list, back: list | None, state: tuple, lp: float, i: int,
            pure: list, known: list, followers: tuple) -> None:
    """Extend ``state`` (score ``lp`` at position ``i``) by every segment and finite tag:
    ``pure`` and ``known`` hold ``(j, scores)`` of the segments ``word[i:j]`` that are
    only guessed or contain known morphemes. Each segment fills its own row ``j``, in which
    the tags are visited in HanTa's order (follower rank), so ties resolve as in HanTa;
    ``lp + log p(tag | state)``, HanTa's first addition, is done once per tag."""
    follow, rank, follow_open, _ = followers
    b = state[1]
    src = (state, i)
    if follow_open and pure:
        opened = [(t, (b, t), lp + p) for t, p in follow_open]
        for j, seg in pure:
            _relax(table[j], None if back is None else back[j], src, seg, opened)
    if known:
        every = [(t, (b, t), lp + p) for t, p in follow]
        small = len(follow) <= 4
        for j, seg in known:
            if small or len(seg) >= len(follow):
                todo = [x for x in every if x[0] in seg]
            else:
                todo = [every[r] for r in sorted(rank[t][0] for t in seg if t in rank)]
            if todo:
                _relax(table[j], None if back is None else back[j], src, seg, todo)


def _relax(row: dict, bk: dict | None, src: tuple, seg: dict, todo: list) -> None:
    """HanTa's update of one row: a new state keeps the first best score (and its source)."""
    for t, new, base in todo:
        lp1 = base + seg[t]
        if lp1 > LOWER:
            old = row.get(new)
            if old is None or lp1 > old:
                row[new] = lp1
                if bk is not None:
                    bk[new] = src


def _backtrace(table: list, back: list) -> list:
    """HanTa's path reconstruction at the end of ``analyze_viterbi``."""
    pmax = -math.inf
    best = (EMPTY, EMPTY)
    for state, lp in table[-1].items():
        if lp > pmax:
            pmax, best = lp, state
    i = len(back) - 1
    if best == (EMPTY, EMPTY):
        states = [((3, -3), i), ((START, 3), i - 1)]  # (UNKNOWN, END_UNKNOWN), (START, UNKNOWN)
    else:
        states = [(best, i)]
        state = best
        while i > 0:
            state, i = back[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(state[1], i) for (state, i) in states[::-1]]


def fast_tagger(tagger: HanoverTagger) -> FastMorphTagger:
    """A :class:`FastMorphTagger` over ``tagger``'s model."""
    return FastMorphTagger(tagger)
