"""Uncertainty for small counts: a seeded cluster bootstrap of a mean."""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["bootstrap_mean_ci", "resampled_sums"]

BOOT_BLOCK_ELEMENTS = 4_000_000  # resampled values held at once (32 MB of float64)


def resampled_sums(per_cluster: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of ``n_boot`` resamples (with replacement) of the rows of ``per_cluster``
    (one row per cluster): an array ``(n_boot, columns)``.

    Replicates are drawn in blocks, so memory stays bounded for 100,000 clusters (all 2,000
    replicates at once took 1.6 GB at 20,000); the random stream, and so the result, is that
    of one block.

    Example:
        >>> sums = resampled_sums(np.array([[1.0, 0.0], [0.0, 1.0]]), 3, np.random.default_rng(0))
        >>> sums.shape, sums.sum(axis=1).tolist()
        ((3, 2), [2.0, 2.0, 2.0])
    """
    k = per_cluster.shape[0]
    cols = np.ascontiguousarray(per_cluster.T)  # one column at a time: pairwise sums
    block = max(1, BOOT_BLOCK_ELEMENTS // k)
    out = []
    for i in range(0, n_boot, block):
        draws = rng.integers(0, k, size=(min(block, n_boot - i), k))
        out.append(np.stack([col[draws].sum(axis=1) for col in cols], axis=1))
    return np.concatenate(out)


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
    both = resampled_sums(np.column_stack([sums, counts]), n_boot, np.random.default_rng(seed))
    means = both[:, 0] / both[:, 1]
    alpha = (1 - level) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return float(lo), float(hi)
