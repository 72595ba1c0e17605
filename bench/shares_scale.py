"""Time and peak memory of ``newskit.shares`` on a synthetic corpus of many articles.

Usage: python bench/shares_scale.py [ARTICLES ...]   (default: 2000 20000 100000)

Each size runs in a fresh interpreter, so the peak resident memory printed is that of
one ``shares`` call plus imports. Every article has three quotes of random kind (four
values); the bootstrap draws 2,000 replicates of whole articles.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import resource, sys, time
import numpy as np, pandas as pd, newskit
k = int(sys.argv[1])
rng = np.random.default_rng(1)
art = np.repeat(np.arange(k), 3)
df = pd.DataFrame({"article_id": art,
                   "kind": rng.choice(["direct", "indirect", "mixed", "reported"], size=len(art))})
t = time.perf_counter()
s = newskit.shares(df, of="kind")
seconds = time.perf_counter() - t
mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
width = (s["ci_high"] - s["ci_low"]).mean()
print(f"{k:>8,} articles  {seconds:6.2f} s  peak {mb:5} MB  mean interval width {width:.4f}")
"""


def main(argv: list[str]) -> int:
    for k in [int(a) for a in argv] or [2000, 20000, 100000]:
        subprocess.run([sys.executable, "-c", CHILD, str(k)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
