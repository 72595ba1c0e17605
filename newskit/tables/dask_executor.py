"""Running the analysis on a Dask cluster.

Articles are sent in chunks (one task per chunk, so per-task overhead is paid once for
many articles; chunks shrink towards the end, ``newskit.tables.executors.partition``);
each worker builds the pipeline once (cached per process) and returns plain rows, never
spaCy ``Doc`` objects. Results come back in input order; an article
the pipeline fails on is an error entry, and so is every article of a chunk whose task
failed (e.g. its worker died).
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

#: articles per task at most
MAX_CHUNK = 32


@lru_cache(maxsize=2)
def _worker_pipeline(spec: str):
    from newskit.pipeline import load_pipeline

    return load_pipeline(spec)


def _run_partition(texts: list[str], spec, nlp_batch_size: int,
                   share: str | None = None) -> list[dict]:
    from newskit.tables.executors import rows_sharing

    nlp = _worker_pipeline(spec) if isinstance(spec, str) else spec
    return rows_sharing(nlp, texts, share, nlp_batch_size)


def analyze_with_dask(client, texts: list[str], spec, *, batch_size: int = 16,
                      partition_size: int | None = None) -> Iterator[dict]:
    """Yield per-article rows for ``texts`` computed on ``client``'s workers, in order.

    ``partition_size`` fixes the articles per task; by default tasks take at most
    ``MAX_CHUNK`` articles and shrink towards the end (``executors.partition``)."""
    if not texts:
        return iter(())
    import shutil
    import weakref

    from newskit.nlp.hanta_share import new_folder
    from newskit.tables.executors import partition

    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    if partition_size:
        parts = [texts[i : i + partition_size] for i in range(0, len(texts), partition_size)]
    else:
        parts = [texts[r.start : r.stop]
                 for r in partition([len(t) for t in texts], n_workers, MAX_CHUNK)]
    # workers on this host share their word analyses through this folder (elsewhere it
    # does not exist and each worker keeps its own; newskit.nlp.hanta_share)
    share = new_folder()
    futures = client.map(_run_partition, parts, spec=spec, nlp_batch_size=batch_size,
                         share=share, pure=False)

    def _gen():
        try:
            for part, fut in zip(parts, futures):
                try:
                    rows = fut.result()
                except Exception as exc:  # the task failed as a whole: every article of it errs
                    msg = f"dask task failed: {type(exc).__name__}: {exc}"
                    rows = [{"error": msg} for _ in part]
                finally:
                    fut.release()
                yield from rows
        finally:
            shutil.rmtree(share, ignore_errors=True)

    gen = _gen()
    # a generator never started runs no finally: remove the folder when it is collected
    weakref.finalize(gen, shutil.rmtree, share, True)
    return gen


@contextmanager
def local_cluster(n_workers: int = 2, *, model: str = "auto", profile: bool = False, **kwargs):
    """A ``dask.distributed`` ``LocalCluster`` of ``n_workers`` worker processes (one
    thread each) and its ``Client``, ready for ``analyze(..., client=client)``.

    The pipeline is loaded in this process first and, where the platform allows it
    (Linux and other Unix), the worker processes are forked from it: they start with the
    pipeline and every word analysis this process already has, instead of each importing
    spaCy and building the pipeline (about 5 s per worker) as spawned workers do, and with
    the heap frozen (``newskit.tables.executors.frozen_heap``: their garbage collector
    leaves the inherited objects alone). Dask's
    statistical profiler of the workers is off unless ``profile=True`` (it samples every
    10 ms and costs a few percent), and the event loops check their health every 200 ms
    instead of 20 ms. Other keyword arguments go to ``LocalCluster``.

    Example:
        >>> import newskit
        >>> with newskit.local_cluster(2) as client:  # doctest: +SKIP
        ...     result = newskit.analyze("articles/", client=client, cache_dir=None)
    """
    import multiprocessing

    import dask
    from dask.distributed import Client, LocalCluster

    from newskit.tables.executors import frozen_heap

    _worker_pipeline(model)  # loaded here; forked workers inherit it
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    # the event loops' health check every 200 ms instead of 20 ms: a few percent of CPU
    settings = {"distributed.worker.multiprocessing-method": method,
                "distributed.admin.tick.interval": "200ms"}
    if not profile:
        settings["distributed.worker.profile.enabled"] = False
    options = {"threads_per_worker": 1, "processes": True, "dashboard_address": None, **kwargs}
    with dask.config.set(settings):
        with frozen_heap():  # the workers are forked now (newskit.tables.executors.frozen_heap)
            cluster = LocalCluster(n_workers=n_workers, **options)
        with cluster, Client(cluster) as client:
            yield client
