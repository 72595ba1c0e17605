"""Time and peak memory of the corpus-level tables on synthetic corpora of many articles.

Usage: python bench/analysis_scale.py [ARTICLES ...]   (default: 2000 20000 100000)

Each size runs in a fresh interpreter, so the peak resident memory printed is that of one
call plus imports.

* ``newskit.shares``: every article has three quotes of random kind (four values); the
  bootstrap draws 2,000 replicates of whole articles.
* ``newskit.analysis.entity_sentiment_table``: ten entity mentions per article in 30
  sentences, names drawn from a Zipf-like list of one name per two articles, so the most
  frequent name stands in about a tenth of all sentences.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import resource, sys, time
import numpy as np, pandas as pd, newskit
from newskit.analysis import entity_sentiment_table
what, k = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(1)
t = time.perf_counter()
if what == "shares":
    art = np.repeat(np.arange(k), 3)
    df = pd.DataFrame({"article_id": art, "kind": rng.choice(["direct", "indirect", "mixed",
                                                              "reported"], size=len(art))})
    t = time.perf_counter()
    rows = len(newskit.shares(df, of="kind"))
else:
    n, names = 10 * k, max(2, k // 2)
    p = 1 / np.arange(1, names + 1)
    ents = pd.DataFrame({"article_id": np.repeat(np.arange(k), 10).astype(str),
                         "sent_id": rng.integers(0, 30, size=n),
                         "canonical": rng.choice(names, size=n, p=p / p.sum()).astype(str),
                         "label": "PER", "sentiment_score": rng.normal(0, 0.3, size=n)})
    t = time.perf_counter()
    rows = len(entity_sentiment_table(ents))
seconds = time.perf_counter() - t
mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{what:<17} {k:>8,} articles  {rows:>7,} rows  {seconds:6.2f} s  peak {mb:5} MB")
"""


def main(argv: list[str]) -> int:
    for what in ("shares", "entity_sentiment"):
        for k in [int(a) for a in argv] or [2000, 20000, 100000]:
            subprocess.run([sys.executable, "-c", CHILD, what, str(k)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
