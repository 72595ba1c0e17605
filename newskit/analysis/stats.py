"""Uncertainty for small counts: a seeded cluster bootstrap of a mean."""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["bootstrap_mean_ci"]

BOOT_BLOCK_ELEMENTS = 4_000_000  # resampled clusters held at once (32 MB of int64)


def bootstrap_mean_ci(values: Sequence[float], clusters: Sequence[object] | None = None, *,
                      level: float = 0.95, n_boot: int = 2000,
                      seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval for the mean of ``values``.

    With ``clusters`` (one key per value, e.g. the sentence a mention is in) whole
    clusters are resampled, so several mentions in one sentence, which share their
    words and hence their score, count as one piece of evidence rather than many.
    The interval is ``(nan, nan)`` with fewer than two clusters: one sentence gives no
    spread to estimate. The result is deterministic for a given ``seed``.

    Example:
        >>> lo, hi = bootstrap_mean_ci([-0.5, -0.4, 0.1, 0.2, 0.3, 0.0])
        >>> bool(lo < 0 < hi)
        True
        >>> bootstrap_mean_ci([0.4, 0.4], clusters=["s1", "s1"])
        (nan, nan)
    """
    x = np.asarray(values, dtype=float)
    keys = np.arange(len(x)) if clusters is None else np.asarray(clusters, dtype=object)
    _, idx = np.unique(keys.astype(str), return_inverse=True)
    k = int(idx.max()) + 1 if len(x) else 0
    if k < 2:
        return float("nan"), float("nan")
    sums = np.bincount(idx, weights=x, minlength=k)
    counts = np.bincount(idx, minlength=k).astype(float)
    rng = np.random.default_rng(seed)
    # replicates in blocks: memory stays bounded for a name in 100,000 sentences, and the
    # random stream (so the interval) is that of one block
    block = max(1, BOOT_BLOCK_ELEMENTS // k)
    means = np.empty(n_boot)
    for i in range(0, n_boot, block):
        draws = rng.integers(0, k, size=(min(block, n_boot - i), k))
        means[i : i + len(draws)] = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    alpha = (1 - level) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return float(lo), float(hi)
