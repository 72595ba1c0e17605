"""How long one worker waits for the other at the end of a parallel run.

Usage: python bench/worker_tail.py [--data ../shared/data] [--copies 7] [--runs 3]

A parallel run ends when its last worker finishes its last task; the other worker is
idle from its own last task on. This script measures that idle tail directly (each
task appends its process id and end time to a file), for ``n_process=2`` and for
``newskit.local_cluster(2)``, with the task sizes newskit uses
(``newskit.tables.executors.partition``: tasks shrink towards the end) and with
fixed-size tasks (16 articles for ``n_process``, 32 for Dask, as before session 16),
alternating, on ``--copies`` copies of the Wikinews dev articles (read from ../shared).
Wall-clock speedups on a shared 2-core machine move by more than the tail itself, so
the tail is the number to compare; wall seconds are printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (bench/speed.py: the corpus)

import newskit  # noqa: E402
from newskit.nlp.tagger import clear_word_caches  # noqa: E402
from newskit.tables import dask_executor, executors  # noqa: E402

LOG = Path(tempfile.mkdtemp(prefix="newskit-tail-")) / "ends.txt"


_ROWS_IN_CHILD = executors._rows_in_child
_RUN_PARTITION = dask_executor._run_partition


def _log_end() -> None:
    with open(LOG, "a") as fh:
        fh.write(f"{os.getpid()} {time.time()}\n")


# module-level (picklable by name) stand-ins that log when a task ends
def logged_rows_in_child(*args, **kwargs):
    out = _ROWS_IN_CHILD(*args, **kwargs)
    _log_end()
    return out


def logged_run_partition(*args, **kwargs):
    out = _RUN_PARTITION(*args, **kwargs)
    _log_end()
    return out


def fixed(lengths, n_workers, max_items):
    """Tasks of ``max_items`` articles each (the last one shorter)."""
    return [range(i, min(i + max_items, len(lengths))) for i in range(0, len(lengths), max_items)]


def tail_seconds() -> float:
    """Seconds between the first and the last worker's last task end (then clears the log)."""
    last: dict[str, float] = {}
    for line in LOG.read_text().splitlines():
        pid, t = line.split()
        last[pid] = max(last.get(pid, 0.0), float(t))
    LOG.unlink()
    ends = sorted(last.values())
    return ends[-1] - ends[0]


def run(corpus, nlp, kind: str, part) -> tuple[float, float]:
    executors.partition = part
    clear_word_caches()
    t0 = time.perf_counter()
    try:
        if kind == "n_process":
            newskit.analyze(corpus, nlp=nlp, cache_dir=None, n_process=2, progress=False)
        else:
            with newskit.local_cluster(2) as client:
                newskit.analyze(corpus, cache_dir=None, client=client, progress=False)
    finally:
        executors.partition = NEWSKIT
    return round(tail_seconds(), 3), round(time.perf_counter() - t0, 2)


NEWSKIT = executors.partition


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--copies", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    corpus = speed.corpus(Path(args.data), args.copies)
    nlp = newskit.load_pipeline()
    # patched before any worker is forked, so the workers inherit the logging versions
    executors._rows_in_child = logged_rows_in_child
    dask_executor._run_partition = logged_run_partition
    print(f"{len(corpus)} articles; [tail s, wall s] per run")
    for _ in range(args.runs):
        print(json.dumps({f"{kind}_{name}": run(corpus, nlp, kind, part)
                          for kind in ("n_process", "dask")
                          for name, part in (("shrinking", NEWSKIT), ("fixed", fixed))}),
              flush=True)


if __name__ == "__main__":
    main()
