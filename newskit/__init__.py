"""newskit: entities, quotes with speakers, and sentiment in German news.

The public names below are imported lazily (PEP 562), so ``import newskit`` is quick and
loads spaCy, pandas and the models only when first used.

Example:
    >>> import newskit
    >>> corpus = newskit.load_corpus("seeds")
    >>> result = newskit.analyze(corpus, cache_dir=None)
    >>> sorted(result.tables())
    ['articles', 'entities', 'quotes', 'sentences']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "load_corpus": "newskit.corpus",
    "analyze": "newskit.tables.analysis",
    "AnalysisResult": "newskit.tables.analysis",
    "load_pipeline": "newskit.pipeline",
    "target_sentiment": "newskit.tables.target_sentiment",
    "sources": "newskit.analysis.sources",
    "shares": "newskit.analysis.sources",
    "local_cluster": "newskit.tables.dask_executor",
}

__all__ = ["load_corpus", "analyze", "AnalysisResult", "load_pipeline", "target_sentiment",
           "sources", "shares", "local_cluster", "__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from newskit.analysis.sources import shares, sources
    from newskit.corpus import load_corpus
    from newskit.pipeline import load_pipeline
    from newskit.tables.analysis import AnalysisResult, analyze
    from newskit.tables.dask_executor import local_cluster
    from newskit.tables.target_sentiment import target_sentiment


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newskit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
