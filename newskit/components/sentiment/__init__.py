"""German sentiment for sentences, articles, entities and quotes (rule-based).

``lexicon`` loads the polarity lexicon and word lists, ``polarity`` weighs one word,
``rules`` weighs a run of tokens (negation, intensity, contrast, mood) and scores toward a
target, ``config`` names every weight, ``component`` is the spaCy component.
"""

from newskit.components.sentiment.component import SentimentScorer, make_sentiment
from newskit.components.sentiment.config import DEFAULT, SentimentConfig
from newskit.components.sentiment.lexicon import load_lexicon, load_sentiws, sentiment_words
from newskit.components.sentiment.polarity import word_polarity
from newskit.components.sentiment.rules import (
    label_of,
    neighbour_context,
    score_tokens,
    sentence_evidence,
    target_label_of,
    target_score,
    token_weights,
)

__all__ = ["SentimentScorer", "make_sentiment", "DEFAULT", "SentimentConfig", "load_lexicon",
           "load_sentiws", "sentiment_words", "word_polarity", "label_of", "neighbour_context",
           "score_tokens", "sentence_evidence", "target_label_of", "target_score",
           "token_weights"]
