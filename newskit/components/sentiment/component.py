"""The ``newskit_sentiment`` component: sentence, article, entity and quote sentiment."""

from __future__ import annotations

import math
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from newskit.components.extensions import register_extensions
from newskit.components.sentiment.config import SentimentConfig
from newskit.components.sentiment.lexicon import load_lexicon
from newskit.components.sentiment.rules import (
    content_tokens,
    label_of,
    neighbour_context,
    score_tokens,
    target_label_of,
    target_score,
    weigh_sentence,
)
from newskit.nlp.sentences import sentence_ids, sentence_spans

LEXICON_FILE = "lexicon.json"
MEMO_SIZE = 200_000  # word polarities kept per scorer


class SentimentScorer:
    """Score sentences (``sent._.nk_sentiment``), the article (``doc._.nk_sentiment``),
    entities toward themselves and quotes by their own words.

    Sentence score = tanh of the summed rule weights; article score = mean of the sentence
    scores (so long articles are not more extreme than short ones). The lexicon is saved
    with the pipeline (``to_disk``), so a saved pipeline scores the same on any machine.

    Example:
        >>> import newskit
        >>> doc = newskit.load_pipeline()("Der Krieg ist eine Katastrophe.")
        >>> doc._.nk_sentiment
        'negative'
    """

    def __init__(self, nlp: Language, name: str, lexicon_path: str | None = None,
                 weights: dict | None = None):
        register_extensions()
        self.name = name
        self.cfg = SentimentConfig.from_config(weights or {})
        self.lexicon = load_lexicon(lexicon_path)
        self._memo: tuple = (None, None, {})  # (lexicon, config, word polarities under them)

    def _polarity_memo(self) -> dict:
        """Word polarities memoised for the current lexicon and weights (a new lexicon or
        config starts afresh)."""
        lex, cfg, memo = self._memo
        if lex is not self.lexicon or cfg is not self.cfg or len(memo) > MEMO_SIZE:
            self._memo = (self.lexicon, self.cfg, {})
        return self._memo[2]

    def __call__(self, doc: Doc) -> Doc:
        lex, cfg, memo = self.lexicon, self.cfg, self._polarity_memo()
        sents = sentence_spans(doc)
        weighed = [weigh_sentence(sent, lex, cfg, memo) for sent in sents]  # once per sentence
        evidence = [(sum(weights), len(toks)) for toks, weights in weighed]
        scores = []
        for sent, (total, _) in zip(sents, evidence):
            s = math.tanh(total)
            sent._.nk_sentiment_score, sent._.nk_sentiment = s, label_of(s, cfg)
            scores.append(s)
        ids = sentence_ids(doc)
        for ent in doc.ents:
            k = ids[ent.start]
            context = neighbour_context(sents, k, lex, evidence, cfg)
            s = target_score(sents[k], ent.start_char, ent.end_char, lex, context, cfg,
                             weighed[k])
            ent._.nk_sentiment_score, ent._.nk_sentiment = s, target_label_of(s, cfg)
        for q in doc.spans.get("quotes", []):  # the quoted words themselves
            s = score_tokens(content_tokens(q), lex, cfg, memo)
            q._.nk_sentiment_score, q._.nk_sentiment = s, label_of(s, cfg)
        doc._.nk_sentiment_score = sum(scores) / len(scores) if scores else 0.0
        doc._.nk_sentiment = label_of(doc._.nk_sentiment_score, cfg)
        return doc

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / LEXICON_FILE, self.lexicon)

    def from_disk(self, path: str | Path, *, exclude=()) -> "SentimentScorer":
        f = ensure_path(path) / LEXICON_FILE
        if f.exists():
            self.lexicon = {str(k): float(v) for k, v in srsly.read_json(f).items()}
        return self


@Language.factory(
    "newskit_sentiment",
    default_config={"lexicon_path": None, "weights": SentimentConfig().as_config()},
    assigns=["span._.nk_sentiment", "span._.nk_sentiment_score", "doc._.nk_sentiment",
             "doc._.nk_sentiment_score"],
    requires=["doc.sents", "token.lemma", "token.pos"],
)
def make_sentiment(nlp: Language, name: str, lexicon_path: str | None, weights: dict):
    return SentimentScorer(nlp, name, lexicon_path, weights)
