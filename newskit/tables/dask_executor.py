"""Running the analysis on a Dask cluster.

Articles are split into partitions; each worker builds the pipeline once
(cached per process) and returns plain rows, never spaCy ``Doc`` objects.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator


@lru_cache(maxsize=2)
def _worker_pipeline(spec: str):
    from newskit.pipeline import load_pipeline

    return load_pipeline(spec)


def _run_partition(texts: list[str], spec, nlp_batch_size: int) -> list[dict]:
    from newskit.tables.executors import analyze_docs

    nlp = _worker_pipeline(spec) if isinstance(spec, str) else spec
    return list(analyze_docs(nlp, texts, batch_size=nlp_batch_size))


def analyze_with_dask(client, texts: list[str], spec, *, batch_size: int = 16,
                      partition_size: int | None = None) -> Iterator[dict]:
    """Yield per-article rows for ``texts`` computed on ``client``'s workers, in order."""
    if not texts:
        return iter(())
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = partition_size or max(1, -(-len(texts) // (n_workers * 4)))
    parts = [texts[i : i + size] for i in range(0, len(texts), size)]
    futures = client.map(_run_partition, parts, spec=spec, nlp_batch_size=batch_size, pure=False)

    def _gen():
        for fut in futures:
            yield from fut.result()

    return _gen()
