"""Speed and memory of a full analysis (entities, quotes, sentiment).

Usage: python bench/speed.py [--data ../shared/data] [--repeat 3] [--lengths 1,16,64]
                             [--parallel-repeat 7] [--skip-parallel] [--skip-dask]
                             [--skip-memory] [--skip-large]

Corpus: the article texts of the German Wikinews quotation corpus (dev part),
read from ../shared at run time (never copied). Prints, for this machine:

* **cold**: a fresh interpreter loads the pipeline (timed apart) and analyses the
  corpus once, so no per-word memo, tokenizer cache or lexeme exists yet; then
  **warm**: the same process analyses it again (memos filled, result cache off).
  Each is repeated ``--repeat`` times (fresh process each time): median, min, max.
* ``cached``: a second ``analyze`` with the per-article result cache filled.
* the ratio of our tokens/s to spaCy's blank German tokenizer on the same texts
  (the tokenizer's warm speed: a cost-free pipeline would reach 1.0), and cold against
  cold (``cold_vs_cold_tokenizer``: the blank tokenizer's first pass over the texts in
  the same fresh interpreter, where every chunk and lexeme is new to it too);
* ``large_*``: cold, warm and the ratios again on all 850 articles (train and dev): past
  about 10,000 distinct chunks the blank tokenizer stops memoising and runs 3-5x slower
  (see ``tokenizer_speed``), so the ratio on a research-sized corpus differs from the
  ratio on the 150 dev articles;
* each pipeline component's share of the warm time (and the table building);
* the per-token time of one article made of the seed text repeated 1×/16×/64×,
  for the pipeline and for the full analysis (linear cost means equal numbers);
* the ``n_process=2`` and Dask LocalCluster (2 worker processes × 1 thread; the
  cluster's start and each worker's pipeline load are included) speedups over one
  process on ``--parallel-repeat`` copies of the corpus, and whether the Dask tables
  equal the local ones — ``dask_*`` for ``newskit.local_cluster`` (workers forked with
  the pipeline loaded), ``dask_spawned_*`` for Dask's default spawned workers; peak RSS
  at 1× and 10× the corpus (each in a fresh subprocess).

Times are wall-clock on a shared machine: compare runs by their spread.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_333a917a58fcf089.txt"


def corpus(data: Path, repeat: int = 1, parts: tuple[str, ...] = ("dev",)) -> pd.DataFrame:
    """The Wikinews article texts of ``parts`` (``dev``: 150, ``train``: 700), ``repeat``
    times (copies marked so no two texts are equal)."""
    texts = [json.loads(line)["originalText"] for part in parts
             for line in open(data / "quotes-de-wikinews" / f"{part}.jsonl", encoding="utf-8")]
    rows = [{"article_id": f"w{r}-{i}", "text": t + ("" if r == 0 else f"\n\n(Kopie {r}.)")}
            for r in range(repeat) for i, t in enumerate(texts)]
    return pd.DataFrame(rows)


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def cold_timed(fn):
    """``fn()`` after every per-word memo was cleared (the pipeline stays loaded)."""
    from newskit.nlp.tagger import clear_word_caches

    clear_word_caches()
    return timed(fn)


def spread(values: list[float], digits: int = 0) -> str:
    """``median (min–max)`` of a list of numbers."""
    med = statistics.median(values)
    return f"{med:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def child_cold_warm(data: Path, parts: tuple[str, ...] = ("dev",)) -> dict:
    """Run in a fresh interpreter: load, one cold and one warm analysis of the corpus."""
    import spacy

    import newskit

    c = corpus(data, parts=parts)
    texts = c["text"].tolist()
    blank = spacy.blank("de").tokenizer  # its first pass: every chunk and lexeme is new
    blank_tokens, t_blank = timed(lambda: sum(non_space_tokens(blank(t)) for t in texts))
    nlp, t_load = timed(newskit.load_pipeline)
    cpu0 = time.process_time()
    cold, t_cold = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None, progress=False))
    cpu1 = time.process_time()
    _, t_warm = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None, progress=False))
    return {"load_s": t_load, "cold_s": t_cold, "warm_s": t_warm,
            "cold_cpu_s": cpu1 - cpu0, "warm_cpu_s": time.process_time() - cpu1,
            "tokens": int(cold.articles["n_tokens"].sum()),
            "blank_cold_tokens_per_s": blank_tokens / t_blank}


def cold_and_warm(data: Path, repeat: int, parts: tuple[str, ...] = ("dev",)) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--data", str(data), "--child",
                              "--parts", ",".join(parts)],
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    n_tok = runs[0]["tokens"]
    cold = [n_tok / r["cold_s"] for r in runs]
    warm = [n_tok / r["warm_s"] for r in runs]
    return {"tokens": n_tok, "load_s": spread([r["load_s"] for r in runs], 2),
            "cold_tokens_per_s": spread(cold), "warm_tokens_per_s": spread(warm),
            # tokens per CPU second: what the code costs, whatever else the machine runs
            "cold_tokens_per_cpu_s": spread([n_tok / r["cold_cpu_s"] for r in runs]),
            "warm_tokens_per_cpu_s": spread([n_tok / r["warm_cpu_s"] for r in runs]),
            # cold against cold: the blank tokenizer's first pass in the same fresh process
            "blank_tokenizer_cold_tokens_per_s": spread(
                [r["blank_cold_tokens_per_s"] for r in runs]),
            "cold_vs_cold_tokenizer": round(statistics.median(
                [n_tok / r["cold_s"] / r["blank_cold_tokens_per_s"] for r in runs]), 4),
            "_cold": statistics.median(cold), "_warm": statistics.median(warm)}


def large_corpus(data: Path, repeat: int) -> dict:
    """Cold and warm on all 850 Wikinews articles (train and dev, 210,000 tokens): a corpus
    past the blank tokenizer's 10,000-chunk memory, as most research corpora are."""
    parts = ("train", "dev")
    out = cold_and_warm(data, repeat, parts)
    tok = tokenizer_speed(corpus(data, parts=parts)["text"].tolist(), repeat)
    return {"large_tokens": out["tokens"], "large_cold_tokens_per_s": out["cold_tokens_per_s"],
            "large_cold_vs_cold_tokenizer": out["cold_vs_cold_tokenizer"],
            "large_warm_tokens_per_s": out["warm_tokens_per_s"],
            "large_blank_tokenizer_tokens_per_s": round(tok),
            "large_cold_vs_tokenizer": round(out["_cold"] / tok, 4),
            "large_warm_vs_tokenizer": round(out["_warm"] / tok, 4)}


def non_space_tokens(doc) -> int:
    return sum(1 for t in doc if not t.is_space)


def tokenizer_speed(texts: list[str], repeat: int) -> float:
    """Tokens/s of ``spacy.blank("de")``'s tokenizer (warm; best of ``repeat``).

    spaCy's tokenizer remembers the tokens of at most 10,000 distinct chunks of text
    (``Tokenizer.max_cache_size``). The 150 dev articles hold about 11,000, just past it (its
    speed on them moved between 0.4 and 1.5 M tokens/s on one machine); the 850 train and dev
    articles hold 41,000, and every chunk past the first 10,000 goes through the affix rules
    again: there the tokenizer runs 3-5x slower than on a small corpus. The ratio of our
    speed to it thus depends on the corpus size; ``main`` reports both."""
    import spacy

    tok = spacy.blank("de").tokenizer
    n = sum(non_space_tokens(tok(t)) for t in texts)  # also warms its cache
    best = min(timed(lambda: [tok(t) for t in texts])[1] for _ in range(max(repeat, 3)))
    return n / best


def component_shares(nlp, texts: list[str], t_analyze: float) -> dict[str, float]:
    """Share of each component (and of the table building) in a warm analysis."""
    spent = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for text in texts:
        doc, dt = timed(nlp.make_doc, text)
        spent["tokenizer"] += dt
        for name, proc in nlp.pipeline:
            doc, dt = timed(proc, doc)
            spent[name] += dt
    spent["tables+rest"] = max(t_analyze - sum(spent.values()), 0.0)
    total = sum(spent.values())
    return {k: round(v / total, 3) for k, v in spent.items()}


def length_scaling(nlp, lengths: list[int]) -> dict[str, float]:
    """Warm per-token time (µs) of one article made of the seed text repeated k times:
    the pipeline alone and the full analysis (pipeline and table rows); best of 3 (1 at
    32× and more)."""
    from newskit.tables.rows import doc_rows

    body = SEED.read_text(encoding="utf-8")
    doc_rows(nlp(body))
    out = {}
    for k in lengths:
        text = "\n\n".join([body] * k)
        best_pipe = best_full = float("inf")
        for _ in range(3 if k < 32 else 1):
            doc, t_pipe = timed(nlp, text)
            _, t_rows = timed(doc_rows, doc)
            best_pipe, best_full = min(best_pipe, t_pipe), min(best_full, t_pipe + t_rows)
        out[f"pipeline_us_per_token_{k}x"] = round(1e6 * best_pipe / len(doc), 1)
        out[f"us_per_token_{k}x"] = round(1e6 * best_full / len(doc), 1)
    return out


def sorted_tables(result):
    out = {}
    for name, df in result.tables().items():
        keys = [c for c in ("article_id", "sent_id", "start_char", "end_char") if c in df]
        out[name] = df.sort_values(keys).reset_index(drop=True)
    return out


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its reaped child processes."""
    import resource

    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def cpu_timed(fn):
    """``cold_timed(fn)`` and the CPU seconds it cost, this process and its children summed
    (on a busy machine the wall-clock speedup of workers says little; their CPU time
    shows how well the work itself splits)."""
    before = sum(cpu_seconds())
    out, wall = cold_timed(fn)
    return out, wall, sum(cpu_seconds()) - before


def parallel(c: pd.DataFrame, nlp, skip_dask: bool) -> dict:
    import newskit

    report = {}
    base, t_one, cpu_one = cpu_timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None,
                                                             progress=False))
    _, t_two, cpu_two = cpu_timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None,
                                                          n_process=2, progress=False))
    report.update(parallel_articles=len(c), one_process_s=round(t_one, 2),
                  one_process_cpu_s=round(cpu_one, 1), n_process2_s=round(t_two, 2),
                  n_process2_cpu_s=round(cpu_two, 1), n_process2_speedup=round(t_one / t_two, 2),
                  n_process2_cpu_efficiency=round(cpu_one / cpu_two, 2))
    if not skip_dask:
        from dask.distributed import Client, LocalCluster

        from newskit.nlp.tagger import clear_word_caches

        # newskit.local_cluster: workers forked from this process with the pipeline loaded
        # (its word memos are cleared first: the workers start as cold as the one-process
        # run); then Dask's default, spawned workers that each import and load everything
        for name, start in (("dask", lambda: newskit.local_cluster(2)),
                            ("dask_spawned", lambda: _spawned(Client, LocalCluster))):
            clear_word_caches()
            cpu0 = sum(cpu_seconds())
            t0 = time.perf_counter()  # worker start and each worker's pipeline load included
            with start() as client:
                t_start = time.perf_counter() - t0
                dres = newskit.analyze(c, cache_dir=None, client=client, progress=False)
                t_dask = time.perf_counter() - t0
            cpu_dask = sum(cpu_seconds()) - cpu0  # the workers are reaped with the cluster
            a, b = sorted_tables(base), sorted_tables(dres)
            equal = all(a[k].equals(b[k]) for k in a)
            report.update({f"{name}_start_s": round(t_start, 2), f"{name}_s": round(t_dask, 2),
                           f"{name}_cpu_s": round(cpu_dask, 1),
                           f"{name}_speedup": round(t_one / t_dask, 2),
                           f"{name}_cpu_efficiency": round(cpu_one / cpu_dask, 2),
                           f"{name}_tables_equal": equal})
    return report


@contextlib.contextmanager
def _spawned(Client, LocalCluster):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def peak_rss(data: Path, repeat: int) -> float:
    code = (
        "import resource, sys; sys.path.insert(0, 'bench');"
        "import speed, newskit; from pathlib import Path;"
        f"c = speed.corpus(Path({str(data)!r}), {repeat});"
        "nlp = newskit.load_pipeline();"
        "r = newskit.analyze(c, nlp=nlp, cache_dir=None, progress=False);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--repeat", type=int, default=3, help="fresh processes for cold/warm")
    ap.add_argument("--lengths", default="1,16,64", help="article lengths (copies of the seed)")
    ap.add_argument("--parallel-repeat", type=int, default=7,
                    help="copies of the corpus for n_process=2 and Dask (7: 1,050 articles)")
    ap.add_argument("--skip-parallel", action="store_true")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-large", action="store_true",
                    help="leave out cold/warm on the 850 train + dev articles")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--parts", default="dev", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    data = Path(args.data)
    if args.child:
        print(json.dumps(child_cold_warm(data, tuple(args.parts.split(",")))))
        return
    import os

    import newskit

    load_before = os.getloadavg()[0]
    report = cold_and_warm(data, args.repeat)
    c = corpus(data)
    texts = c["text"].tolist()
    nlp = newskit.load_pipeline()
    with tempfile.TemporaryDirectory() as cache:
        newskit.analyze(c, nlp=nlp, cache_dir=cache, progress=False)
        _, t_cached = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=cache,
                                                    progress=False))
    _, t_warm = timed(lambda: newskit.analyze(c, nlp=nlp, cache_dir=None, progress=False))
    tok_speed = tokenizer_speed(texts, args.repeat)
    report.update(cached_s=round(t_cached, 3), blank_tokenizer_tokens_per_s=round(tok_speed),
                  cold_vs_tokenizer=round(report.pop("_cold") / tok_speed, 4),
                  warm_vs_tokenizer=round(report.pop("_warm") / tok_speed, 4))
    if not args.skip_large:
        report.update(large_corpus(data, args.repeat))
    shares = component_shares(nlp, texts, t_warm)
    report.update({f"share_{k}": v for k, v in shares.items()})
    report.update(length_scaling(nlp, [int(k) for k in args.lengths.split(",") if k]))
    if not args.skip_parallel:
        report.update(parallel(corpus(data, args.parallel_repeat), nlp, args.skip_dask))
    if not args.skip_memory:
        rss1 = peak_rss(data, 1)
        rss10 = peak_rss(data, 10)
        report.update(peak_rss_mb_1x=round(rss1), peak_rss_mb_10x=round(rss10),
                      rss_ratio=round(rss10 / rss1, 2))
    report.update(load_average=f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(pd.Series(report).to_string())
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
