"""Train (and cross-validate) the shipped NER model ``newskit/data/ner_de.crfsuite.gz``.

Usage:
    python bench/train_ner.py [--data ../shared/data] [--cv 5] [--no-europeana] [--out PATH]

Training data: GermEval 2014 (CC BY 4.0) dev and test part 1, and the Europeana
Newspapers German NER files (CC0, historical newspapers), which train only the
shared and the ``hist:`` copies of the features (see ``sentence_features``).
Europeana is never used for scoring. With ``--cv K`` the script first
estimates accuracy by K-fold cross-validation over GermEval test part 1: each
fold's model is trained on dev + the other K-1 folds and scored on the fold it
never saw (exact spans, gold tokens, *deriv/*part ignored), then the final
model is trained on everything.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from newskit.nlp.ner import default_model_path, read_conll, read_germeval, train


def _fold(args):
    k, folds, train_sents, extra, test_path, data_dir, iterations = args
    import spacy

    import newskit.nlp.ner  # noqa: F401
    import newskit.nlp.sentences  # noqa: F401
    import newskit.nlp.tagger  # noqa: F401
    from newskit.eval.ner import evaluate_ner
    from newskit.pipeline import add_newskit_components

    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / f"fold{k}.crfsuite"
        train(train_sents, model, historical=extra, max_iterations=iterations, progress=False)
        nlp = spacy.blank("de")
        nlp.add_pipe("newskit_sentencizer")
        nlp.add_pipe("newskit_tagger")
        nlp.add_pipe("newskit_ner", config={"model_path": str(model)})
        add_newskit_components(nlp)
        table, summary = evaluate_ner(test_path, nlp, sentences=folds[k], progress=False)
    return k, table


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--no-europeana", dest="europeana", action="store_false")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(default_model_path()),
                    help="where to write the final model (default: the shipped one)")
    args = ap.parse_args()
    data = Path(args.data)
    dev = list(read_germeval(data / "germeval2014/NER-de-dev.tsv"))
    test_path = data / "germeval2014/NER-de-test-part1.tsv"
    part1 = list(read_germeval(test_path))
    extra = []
    if args.europeana:
        for name in ("lft", "onb", "sbb"):
            extra += list(read_conll(data / f"europeana-ner-de/enp_DE.{name}.bio"))
    if args.cv:
        n = len(part1)
        bounds = [round(i * n / args.cv) for i in range(args.cv + 1)]
        folds = [f"{bounds[i]}:{bounds[i + 1]}" for i in range(args.cv)]
        jobs = []
        for k in range(args.cv):
            rest = part1[: bounds[k]] + part1[bounds[k + 1]:]
            jobs.append((k, folds, dev + rest, extra, test_path, data, args.iterations))
        with ProcessPoolExecutor(args.jobs) as pool:
            results = sorted(pool.map(_fold, jobs))
        tp = fp = fn = 0
        per_label = {}
        for k, table in results:
            o = table.loc["overall"]
            print(f"fold {k} ({folds[k]}): F1 {o['f1']:.4f} P {o['precision']:.4f} "
                  f"R {o['recall']:.4f}")
            t = o["recall"] * o["support"]
            tp += t
            fn += o["support"] - t
            fp += t / o["precision"] - t if o["precision"] else 0
            for lab in table.index[:-1]:
                per_label.setdefault(lab, []).append(table.loc[lab, "f1"])
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(json.dumps({"cv_folds": args.cv, "micro_f1": round(2 * p * r / (p + r), 4),
                          "precision": round(p, 4), "recall": round(r, 4),
                          "mean_label_f1": {k: round(sum(v) / len(v), 4)
                                            for k, v in per_label.items()}}))
    t0 = time.time()
    path = train(dev + part1, Path(args.out), historical=extra,
                 max_iterations=args.iterations, progress=False)
    print(f"trained on {len(dev) + len(part1) + len(extra)} sentences in "
          f"{time.time() - t0:.0f}s -> {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
