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
from newskit.nlp.ner_features import (
    ABLATE,
    _across_words,
    _pads,
    _word_block,
    gazetteer_features,
    quote_features,
)


def sentence_scores(words: Sequence[str], tags: Sequence[str], model: CRFModel,
                    domain: str | None = None) -> numpy.ndarray:
    """The state scores (tokens × labels) of ``model`` for the features of
    :func:`sentence_features`: each word's own features and its features as seen from
    each neighbour are summed into one row of the model once per (word, tag) (kept in
    ``model.cache``), so a token adds five rows and looks up only the features that join
    it with its neighbours."""
    blocks, pads = _word_rows([(w, t, domain) for w, t in zip(words, tags)], model, domain)
    n = len(words)
    state = model.state
    scores = state[[b[0] for b in blocks]]
    for off in (-2, -1, 1, 2):
        scores += state[[blocks[i + off][1][off] if 0 <= i + off < n else pads[off]
                         for i in range(n)]]
    if domain is None and "bigram" not in ABLATE:
        return scores + model.scores(_across_rows(words, tags, blocks, model))
    extras = _across_words(words, tags, blocks)
    if domain is not None:
        pre = f"{domain}:"
        extras = [[*extra, *[pre + f for f in extra]] for extra in extras]
    return scores + model.scores([model.ids(extra) for extra in extras])


def _across_rows(words: Sequence[str], tags: Sequence[str], blocks: list,
                 model: CRFModel) -> list[list[int]]:
    """The model rows of :func:`newskit.nlp.ner_features._across_words`' features (no
    domain prefix), in the same order: the features of two neighbouring words (tag pair,
    word bigram) and the shape trigram are looked up once per distinct pair or triple
    (``model.cache``), the gazetteer and quotation features per sentence."""
    n = len(words)
    cache = model.cache
    pairs = cache.get("pairs")
    if pairs is None or len(pairs) > MAX_CACHED_WORDS:
        pairs = cache["pairs"] = {}
        cache["shapes"] = {}
    shapes_memo = cache["shapes"]
    ids = model.ids
    tg = ["BOS", *tags, "EOS"]
    lw = ["BOS", *[b[1]["w"] for b in blocks], "EOS"]
    sh = ["BOS", *[b[1]["ss"] for b in blocks], "EOS"]
    # pair k joins padded positions k and k + 1 (token k - 1 and token k)
    joined = []
    for k in range(n + 1):
        key = (tg[k], tg[k + 1], lw[k], lw[k + 1])
        hit = pairs.get(key)
        if hit is None:
            get = model.attr_id.get
            hit = pairs[key] = (  # seen from the left word, then from the right word
                get(f"t|t+1={tg[k]}|{tg[k + 1]}"), get(f"w|w+1={lw[k]}|{lw[k + 1]}"),
                get(f"t-1|t={tg[k]}|{tg[k + 1]}"), get(f"w-1|w={lw[k]}|{lw[k + 1]}"))
        joined.append(hit)
    gaz = gazetteer_features(words)
    quoted = quote_features(words)
    out = []
    for i in range(n):
        left, right = joined[i], joined[i + 1]
        tri = (sh[i], sh[i + 1], sh[i + 2])
        e = shapes_memo.get(tri)
        if e is None:
            e = shapes_memo[tri] = model.attr_id.get(f"s-1|s|s+1={tri[0]}|{tri[1]}|{tri[2]}")
        rows = ids([*gaz[i], *quoted[i]]) if gaz[i] or quoted[i] else []
        rows += [r for r in (right[0], left[2], left[3], right[1], e) if r is not None]
        if i == 0 or (i > 0 and gaz[i - 1]) or (i + 1 < n and gaz[i + 1]):
            extra = ["BOS"] if i == 0 else []
            if i > 0:
                extra += [f"-1{g}" for g in gaz[i - 1]]
            if i + 1 < n:
                extra += [f"1{g}" for g in gaz[i + 1]]
            rows += ids(extra)
        out.append(rows)
    return out


MAX_CACHED_WORDS = 300_000


def _word_rows(keys: list[tuple[str, str, str | None]], model: CRFModel,
               domain: str | None) -> tuple[list[tuple], dict[int, int]]:
    """The cached row blocks of ``(word, tag, domain)`` keys (new words' rows added in one
    step) and the rows of the padding beyond a sentence's ends."""
    cache = model.cache
    if len(cache) > MAX_CACHED_WORDS:
        model.drop_added_rows()
    new = [k for k in dict.fromkeys(keys) if k not in cache]
    if new:
        cache.update(zip(new, _row_blocks(new, model)))
    blocks = [cache[k] for k in keys]
    pads = cache.get(("pads", domain))
    if pads is None:
        pads = cache[("pads", domain)] = {
            off: model.add_row(model.ids(fs)) for off, fs in _pads(domain).items()}
    return blocks, pads


def window_scores(sentences: Sequence[tuple[Sequence[str], Sequence[str]]], model: CRFModel,
                  domain: str | None = None) -> list[numpy.ndarray]:
    """:func:`sentence_scores` of many ``(words, tags)`` sentences, summed for all of them
    in a few numpy steps (the same sums in the same order: the same scores)."""
    if domain is not None or "bigram" in ABLATE or not sentences:
        return [sentence_scores(w, t, model, domain) for w, t in sentences]
    blocks, pads = _word_rows(
        [(w, t, None) for words, tags in sentences for w, t in zip(words, tags)], model, None)
    seen: dict[int, list[int]] = {-2: [], -1: [], 1: [], 2: []}
    across: list[list[int]] = []
    ends = []
    pos = 0
    for words, tags in sentences:
        n = len(words)
        own = blocks[pos : pos + n]
        for off, rows in seen.items():
            rows += [own[i + off][1][off] if 0 <= i + off < n else pads[off] for i in range(n)]
        across += _across_rows(words, tags, own, model)
        pos += n
        ends.append(pos)
    state = model.state
    scores = state[[b[0] for b in blocks]]
    for off in (-2, -1, 1, 2):
        scores += state[seen[off]]
    scores = scores + model.scores(across)
    return numpy.split(scores, ends[:-1])


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
