"""The analysis layer: tables a researcher reads, counts and plots.

Functions here take the result tables of :func:`newskit.analyze` and return DataFrames
(or a networkx graph built from them); :mod:`newskit.plots` only draws what they return.

Example:
    >>> import newskit
    >>> from newskit import analysis
    >>> result = newskit.analyze("seeds", cache_dir=None, progress=False)
    >>> analysis.mention_counts(result.entities).head(2)["canonical"].tolist()
    ['Russland', 'Antony Blinken']
"""

from newskit.analysis.sources import shares, sources
from newskit.analysis.speakers import is_real_speaker, real_speaker_quotes, speaker_mentions
from newskit.analysis.stats import bootstrap_mean_ci
from newskit.analysis.tables import (
    KINDS,
    cooccurrence_edges,
    cooccurrence_graph,
    entity_sentiment_table,
    mention_counts,
    quote_kinds,
    speaker_graph,
    timeline_table,
)

__all__ = ["is_real_speaker", "real_speaker_quotes", "speaker_mentions", "bootstrap_mean_ci",
           "mention_counts", "cooccurrence_edges", "cooccurrence_graph", "speaker_graph",
           "quote_kinds", "timeline_table", "entity_sentiment_table", "KINDS", "sources", "shares"]
