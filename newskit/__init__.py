"""newskit: entities, quotes with speakers, and sentiment in German news.

Example:
    >>> import newskit
    >>> corpus = newskit.load_corpus("seeds")
    >>> result = newskit.analyze(corpus, cache_dir=None)
    >>> sorted(result.tables())
    ['articles', 'entities', 'quotes', 'sentences']
"""

__version__ = "0.1.0"

from newskit.analyze import AnalysisResult, analyze  # noqa: E402
from newskit.extract.sentiment import target_sentiment  # noqa: E402
from newskit.io import load_corpus  # noqa: E402
from newskit.nlp import load_pipeline  # noqa: E402

__all__ = ["load_corpus", "analyze", "AnalysisResult", "load_pipeline", "target_sentiment",
           "__version__"]
