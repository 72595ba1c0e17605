"""The entity model's features as rows of its weight matrix (``newskit.nlp.crf_model``).

The feature strings of ``newskit.nlp.ner_features`` are what the model was trained on;
to predict, each word's own features and its features as seen from each neighbour
are summed into one row of the model once per (word, tag), so a token costs five rows
plus the few features that join it with its neighbours.
"""

from __future__ import annotations

from typing import Sequence

import numpy

from newskit.nlp.crf_model import CRFModel
from newskit.nlp.ner_features import _across_words, _pads, _word_block


def sentence_scores(words: Sequence[str], tags: Sequence[str], model: CRFModel,
                    domain: str | None = None) -> numpy.ndarray:
    """The state scores (tokens × labels) of ``model`` for the features of
    :func:`sentence_features`: each word's own features and its features as seen from
    each neighbour are summed into one row of the model once per (word, tag) (kept in
    ``model.cache``), so a token adds five rows and looks up only the features that join
    it with its neighbours."""
    cache = model.cache
    if len(cache) > MAX_CACHED_WORDS:
        model.drop_added_rows()
    keys = [(w, t, domain) for w, t in zip(words, tags)]
    new = [k for k in dict.fromkeys(keys) if k not in cache]
    if new:
        cache.update(zip(new, _row_blocks(new, model)))
    blocks = [cache[k] for k in keys]
    pads = cache.get(("pads", domain))
    if pads is None:
        pads = cache[("pads", domain)] = {
            off: model.add_row(model.ids(fs)) for off, fs in _pads(domain).items()}
    n = len(words)
    state = model.state
    scores = state[[b[0] for b in blocks]]
    for off in (-2, -1, 1, 2):
        scores += state[[blocks[i + off][1][off] if 0 <= i + off < n else pads[off]
                         for i in range(n)]]
    extras = _across_words(words, tags, blocks)
    if domain is not None:
        pre = f"{domain}:"
        extras = [[*extra, *[pre + f for f in extra]] for extra in extras]
    return scores + model.scores([model.ids(extra) for extra in extras])


MAX_CACHED_WORDS = 300_000


def _row_blocks(keys: list[tuple[str, str, str | None]], model: CRFModel) -> list[tuple]:
    """(own row, {offset: row as seen from that neighbour, "w": …, "ss": …}) of each
    ``(word, tag, domain)``, their rows added to the model in one step."""
    ids = model.ids
    groups: list = []
    seen_all = []
    for word, tag, domain in keys:
        own, seen = _word_block.__wrapped__(word, tag, domain)
        groups += [ids(own), ids(seen[-2]), ids(seen[-1]), ids(seen[1]), ids(seen[2])]
        seen_all.append(seen)
    made = model.add_rows(groups)
    return [(made[5 * k], {"w": seen["w"], "ss": seen["ss"], -2: made[5 * k + 1],
                           -1: made[5 * k + 2], 1: made[5 * k + 3], 2: made[5 * k + 4]})
            for k, seen in enumerate(seen_all)]
