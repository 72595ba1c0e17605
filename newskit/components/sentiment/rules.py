"""German sentiment rules over a run of tokens: negation, intensity, contrast, mood.

* negation (``nicht``, ``kein``, ``nie``, ``ohne`` …) flips the polarity of the next polar
  word in its clause; a clause-final "nicht"/"nie" with nothing polar after it negates the
  polar verb before it ("hilft … nicht"); "nicht nur", "nicht zuletzt" do not negate;
* intensifiers scale up, downtoners scale down; right before a polar word, degree
  adjectives only grade it ("schwer verletzt", "ein schwerer Sieg");
* after a contrast word (``aber``, ``jedoch`` …) the rest weighs double, what came before half;
* Konjunktiv II and conditionals (``würde``, ``wenn`` …) damp what follows in the sentence.

Sentence score = tanh of the summed weights.
"""

from __future__ import annotations

import math

from spacy.tokens import Span, Token

from newskit.components.sentiment.config import DEFAULT, SentimentConfig
from newskit.components.sentiment.lexicon import SentimentWords, sentiment_words
from newskit.components.sentiment.polarity import word_polarity

CLAUSE_PUNCT = frozenset({",", ";", ":"})
CLAUSE_WORDS = frozenset({"dass", "und", "oder"})
SENTENCE_END_CHARS = frozenset({".", "!", "?", "…"})


_END_CHARS = "".join(sorted(SENTENCE_END_CHARS))


def sentence_end(tok: Token) -> bool:
    """".", "!", "?", "?!", "…" and runs of dots ("..", how news snippets join sentences)."""
    text = tok.text
    return bool(text) and not text.strip(_END_CHARS)  # every character is one of them


def clause_break(tok: Token) -> bool:
    """Whether ``tok`` ends a clause for negation and intensity."""
    return sentence_end(tok) or tok.text in CLAUSE_PUNCT or tok.lower_ in CLAUSE_WORDS


class _Weigher:
    """One left-to-right pass over the tokens with the state of the current clause."""

    def __init__(self, tokens: list[Token], lex: dict[str, float], cfg: SentimentConfig,
                 words: SentimentWords, memo: dict | None = None):
        self.tokens, self.cfg, self.words = tokens, cfg, words
        self.lowers = [t.lower_ for t in tokens]
        self.weights = [0.0] * len(tokens)
        if memo is None:
            self.polarity = [word_polarity(t, lex, cfg) for t in tokens]
        else:
            self.polarity = [_memo_polarity(t, lex, cfg, words, memo, low)
                             for t, low in zip(tokens, self.lowers)]
        self.negate, self.negator = False, ""
        self.scale, self.hypo, self.contrast = 1.0, 1.0, 1.0
        self.verb_before = -1  # last polar verb of this clause that precedes a negator

    def run(self) -> list[float]:
        lowers, hypothetical = self.lowers, self.words.hypothetical
        for i, tok in enumerate(self.tokens):
            text, low = tok.text, lowers[i]
            end = bool(text) and not text.strip(_END_CHARS)  # sentence_end(tok)
            if end or text in CLAUSE_PUNCT or low in CLAUSE_WORDS:  # clause_break(tok)
                self._close_clause(end)
            elif not self._modifier(i, tok, low):
                if low in hypothetical:
                    self.hypo = self.cfg.hypothetical
                self._polar(i, tok)
        self._close_clause(False)
        return self.weights

    def _close_clause(self, at_sentence_end: bool) -> None:
        # "Die Regierung hilft den Menschen nicht": a postposed negator with nothing polar
        # after it in its clause negates the polar verb before it (not "ohne Zögern")
        if self.negate and self.verb_before >= 0 and self.negator in self.words.postposed_negators:
            self.weights[self.verb_before] *= self.cfg.negation
        self.negate, self.scale, self.verb_before = False, 1.0, -1
        if at_sentence_end:
            self.hypo = 1.0

    def _modifier(self, i: int, tok: Token, low: str) -> bool:
        """Apply a contrast, negator or degree word; True when ``tok`` (lower case ``low``)
        was one."""
        words = self.words
        if low in words.contrast:
            self.contrast = self.cfg.contrast_after
            for j in range(i):
                self.weights[j] *= self.cfg.contrast_before
        elif low in words.negators:
            nxt = self.lowers[i + 1] if i + 1 < len(self.tokens) else ""
            self.negate, self.negator = nxt not in words.negation_exceptions, low
        elif low in words.intensifiers:
            self.scale *= words.intensifiers[low]
        elif self._grades_next(i, tok):
            self.scale *= words.degree_adjectives[tok.lemma_.lower()]
        elif low in words.downtoners:
            self.scale *= words.downtoners[low]
        else:
            return False
        return True

    def _grades_next(self, i: int, tok: Token) -> bool:
        return (tok.lemma_.lower() in self.words.degree_adjectives
                and i + 1 < len(self.tokens) and bool(self.polarity[i + 1]))

    def _polar(self, i: int, tok: Token) -> None:
        w = self.polarity[i]
        if not w:
            return
        if self.negate:
            w, self.negate = self.cfg.negation * w, False
        elif tok.pos_ == "VERB":
            self.verb_before = i
        self.weights[i] = w * self.scale * self.hypo * self.contrast
        self.scale = 1.0


def _memo_polarity(tok: Token, lex: dict[str, float], cfg: SentimentConfig,
                   words: SentimentWords, memo: dict, low: str) -> float:
    """``word_polarity``, memoised by form (``low``, the lower-case form), lemma and part of
    speech (what it depends on, except for the words whose weight depends on a test nearby:
    those are not memoised)."""
    key = (low, tok.lemma_, tok.pos_)
    hit = memo.get(key)
    if hit is None:
        hit = word_polarity(tok, lex, cfg)
        if key[0] in words.test_results or key[1].lower() in words.test_results:
            return hit
        memo[key] = hit
    return hit


def token_weights(tokens: list[Token], lex: dict[str, float],
                  cfg: SentimentConfig = DEFAULT, memo: dict | None = None) -> list[float]:
    """Signed weight per token after negation, intensity, contrast and mood rules.
    ``memo``: a dict that keeps word polarities for this ``lex`` and ``cfg`` between calls."""
    return _Weigher(tokens, lex, cfg, sentiment_words(), memo).run()


def score_tokens(tokens: list[Token], lex: dict[str, float],
                 cfg: SentimentConfig = DEFAULT, memo: dict | None = None) -> float:
    """tanh of the summed token weights."""
    return math.tanh(sum(token_weights(tokens, lex, cfg, memo)))


def label_of(score: float, cfg: SentimentConfig = DEFAULT) -> str:
    """Sentence and article label: positive above +threshold, negative below −threshold."""
    if score > cfg.threshold:
        return "positive"
    return "negative" if score < -cfg.threshold else "neutral"


def target_label_of(score: float, cfg: SentimentConfig = DEFAULT) -> str:
    """Label toward a target, with the cut-offs calibrated on GerNTSA."""
    if score > cfg.target_positive_above:
        return "positive"
    return "negative" if score < cfg.target_negative_below else "neutral"


def content_tokens(span: Span) -> list[Token]:
    """The tokens of ``span`` that are not whitespace."""
    return [t for t in span if not t.is_space]


def weigh_sentence(sent: Span, lex: dict[str, float], cfg: SentimentConfig = DEFAULT,
                   memo: dict | None = None) -> tuple[list[Token], list[float]]:
    """The content tokens of a sentence and their ``token_weights``."""
    toks = content_tokens(sent)
    return toks, token_weights(toks, lex, cfg, memo)


def sentence_evidence(sent: Span, lex: dict[str, float],
                      cfg: SentimentConfig = DEFAULT) -> tuple[float, int]:
    """Summed token weights of a sentence and its number of tokens."""
    toks, weights = weigh_sentence(sent, lex, cfg)
    return sum(weights), len(toks)


def target_score(sent: Span, start_char: int, end_char: int, lex: dict[str, float],
                 context: float = 0.0, cfg: SentimentConfig = DEFAULT,
                 weighed: tuple[list[Token], list[float]] | None = None) -> float:
    """Sentiment of ``sent`` toward the target at ``start_char:end_char``.

    Words nearer the target weigh more (1 / (1 + distance / 4) in tokens); the sum is
    divided by sqrt(sentence tokens / 25) — a long sentence holds more polar words without
    saying more about the target. ``context`` is the evidence of the neighbouring
    sentences (``neighbour_context``); it counts at ``cfg.context_weight``. ``weighed``
    may hold ``content_tokens(sent)`` and their ``token_weights``, computed once per sentence.
    """
    toks, weights = weighed or weigh_sentence(sent, lex, cfg)
    inside = [i for i, t in enumerate(toks) if t.idx < end_char and t.idx + len(t) > start_char]
    if not inside:
        return math.tanh(sum(weights))
    lo, hi = min(inside), max(inside)
    total = 0.0
    for i, w in enumerate(weights):
        if w:
            dist = 0 if lo <= i <= hi else (lo - i if i < lo else i - hi)
            total += w / (1 + dist / cfg.distance_scale)
    total /= math.sqrt(len(toks) / cfg.typical_sentence_tokens)
    return math.tanh(total + cfg.context_weight * context)


def neighbour_context(sents: list[Span], k: int, lex: dict[str, float],
                      evidence: list[tuple[float, int]] | None = None,
                      cfg: SentimentConfig = DEFAULT) -> float:
    """Length-normalised evidence of the sentences before and after sentence ``k``.

    ``evidence`` may hold ``sentence_evidence`` of every sentence, computed once.
    """
    around = [j for j in (k - 1, k + 1) if 0 <= j < len(sents)]
    found = [evidence[j] if evidence else sentence_evidence(sents[j], lex, cfg) for j in around]
    total = sum(w for w, _ in found)
    n = sum(m for _, m in found)
    return total / math.sqrt(n / cfg.typical_sentence_tokens) if n else 0.0
