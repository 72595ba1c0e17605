"""Speed and memory of a full analysis (entities, quotes, sentiment).

Usage: python bench/speed.py [--data ../shared/data] [--repeat 1] [--skip-dask]

Corpus: the article texts of the German Wikinews quotation corpus (dev part),
read from ../shared at run time (never copied). Prints, for this machine:
tokens/s of a cold analysis in one process, the warm-cache speedup, the
n_process=2 speedup, the Dask LocalCluster (2 workers × 1 thread) speedup and
whether its tables equal the local ones, and peak RSS at 1× and 10× the corpus
(each in a fresh subprocess).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd


def corpus(data: Path, repeat: int = 1) -> pd.DataFrame:
    texts = [json.loads(line)["originalText"]
             for line in open(data / "quotes-de-wikinews" / "dev.jsonl", encoding="utf-8")]
    rows = [{"article_id": f"w{r}-{i}", "text": t + ("" if r == 0 else f"\n\n(Kopie {r}.)")}
            for r in range(repeat) for i, t in enumerate(texts)]
    return pd.DataFrame(rows)


def timed(fn):
    from newskit.nlp.tagger import clear_word_caches

    clear_word_caches()  # every run starts with cold per-word caches
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def sorted_tables(result):
    out = {}
    for name, df in result.tables().items():
        keys = [c for c in ("article_id", "sent_id", "start_char", "end_char") if c in df]
        out[name] = df.sort_values(keys).reset_index(drop=True)
    return out


def peak_rss(data: Path, repeat: int) -> float:
    code = (
        "import resource, sys; sys.path.insert(0, 'bench');"
        "import speed, newskit; from pathlib import Path;"
        f"c = speed.corpus(Path({str(data)!r}), {repeat});"
        "nlp = newskit.load_pipeline();"
        "r = newskit.analyze(c, nlp=nlp, cache_dir=None, progress=False);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import newskit

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    data = Path(args.data)
    c = corpus(data)
    nlp = newskit.load_pipeline()
    report = {}
    with tempfile.TemporaryDirectory() as cache:
        cold, t_cold = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=cache, progress=False))
        n_tok = int(cold.articles["n_tokens"].sum())
        warm, t_warm = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=cache, progress=False))
    report.update(articles=len(c), tokens=n_tok, cold_s=round(t_cold, 2),
                  cold_tokens_per_s=round(n_tok / t_cold), warm_s=round(t_warm, 3),
                  warm_speedup=round(t_cold / t_warm, 1))
    # a second cold run (word caches cleared, pipeline loaded) is the 1-process baseline
    base, t_one = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None, progress=False))
    report.update(one_process_s=round(t_one, 2), one_process_tokens_per_s=round(n_tok / t_one))
    _, t_two = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None, n_process=2,
                                             progress=False))
    report.update(n_process2_s=round(t_two, 2), n_process2_speedup=round(t_one / t_two, 2))
    if not args.skip_dask:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.run(lambda: __import__("newskit").load_pipeline())  # load once per worker
            dres, t_dask = timed(lambda: newskit.analyze(c, cache_dir=None, client=client,
                                                         progress=False))
        a, b = sorted_tables(base), sorted_tables(dres)
        equal = all(a[k].equals(b[k]) for k in a)
        report.update(dask_s=round(t_dask, 2), dask_speedup=round(t_one / t_dask, 2),
                      dask_tables_equal=equal)
    if not args.skip_memory:
        rss1 = peak_rss(data, 1)
        rss10 = peak_rss(data, 10)
        report.update(peak_rss_mb_1x=round(rss1), peak_rss_mb_10x=round(rss10),
                      rss_ratio=round(rss10 / rss1, 2))
    print(pd.Series(report).to_string())
    print(json.dumps(report))


if __name__ == "__main__":
    main()
