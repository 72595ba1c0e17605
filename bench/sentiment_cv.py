"""Cross-validated macro-F1 of target sentiment on GerNTSA.

Usage: python bench/sentiment_cv.py [../shared/data/gerntsa/gerntsa-dev.json]
       [--folds 10] [--seeds 0 1 2] [--halves 50]

The rule-based scorer has no trained weights, only the two cut-offs that turn a
score into negative / neutral / positive. Here each fold's cut-offs are chosen
on the other folds (grid over −0.6…0 and 0…0.6, step 0.025, best macro-F1) and
applied to the fold; the predictions of all folds are scored together. Repeated
for several shuffles, so the spread shows how much of a difference is noise.
The lexicon and rules are the shipped ones.

``--halves N`` also splits the items into two stratified halves N times, chooses
cut-offs on one half and scores the other (both ways): the spread shows what a
new sample of about 1,150 items could score.
"""

import argparse

import numpy as np

import newskit
from newskit.eval.sentiment import best_cutoffs, cutoff_labels, macro_f1, read_gerntsa


def stratified_folds(gold: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    """k test folds with each class spread evenly over them."""
    rng = np.random.default_rng(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for c in np.unique(gold):
        idx = rng.permutation(np.flatnonzero(gold == c))
        for i, j in enumerate(idx):
            folds[i % k].append(int(j))
    return [np.array(sorted(f)) for f in folds]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default="../shared/data/gerntsa/gerntsa-dev.json")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--halves", type=int, default=0, help="random half splits (0: none)")
    args = ap.parse_args()

    df = read_gerntsa(args.path)
    x = newskit.target_sentiment(df[["text", "start_char", "end_char"]])["score"].to_numpy()
    gold = df["gold"].to_numpy()
    results = []
    for seed in args.seeds:
        pred = np.empty(len(df), dtype=object)
        for test in stratified_folds(gold, args.folds, seed):
            train = np.setdiff1d(np.arange(len(df)), test)
            lo, hi = best_cutoffs(x[train], gold[train])
            pred[test] = cutoff_labels(x[test], lo, hi)
        results.append(macro_f1(gold, pred))
        print(f"seed {seed}: macro-F1 {results[-1]:.4f}, accuracy {np.mean(pred == gold):.4f}")
    print(f"{len(df)} items, {args.folds}-fold CV x {len(args.seeds)} shuffles: "
          f"macro-F1 mean {np.mean(results):.4f} (min {min(results):.4f}, max {max(results):.4f})")
    if args.halves:
        halves = []
        for seed in range(args.halves):
            a, b = stratified_folds(gold, 2, seed)
            for fit, score in ((a, b), (b, a)):
                lo, hi = best_cutoffs(x[fit], gold[fit])
                halves.append(macro_f1(gold[score], cutoff_labels(x[score], lo, hi)))
        h = np.array(halves)
        print(f"{len(h)} half splits: macro-F1 {h.mean():.4f} ± {h.std():.4f} "
              f"(min {h.min():.4f}), below 0.50 in {np.mean(h < 0.5):.0%}")


if __name__ == "__main__":
    main()
