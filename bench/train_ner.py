"""Cross-validate the entity model's training recipe and score it on SmartData.

Usage:
    python bench/train_ner.py [--data ../shared/data] [--cv 5] [--iterations 150]
        [--no-europeana] [--no-smartdata] [--no-mobie] [--ablate clusters,freq,bt,bigram]
        [--no-repair] [--smartdata-dev] [--scheme bio|bioes] [--germeval-fraction F] [--json OUT]

The shipped model is built by ``training/train_ner.py`` from the same corpora;
this script only measures (every model it trains lives in a temporary folder).

* ``--cv K``: K-fold cross-validation over GermEval 2014 test part 1. Each fold's
  model is trained on GermEval dev + the other K-1 folds + the extra corpora
  (Europeana, SmartData v1 train, MobIE train, each with its own domain copy of
  the features, see ``training/train_ner.py``) and scored on the fold it never saw
  (exact spans on gold tokens, ``*deriv``/``*part`` ignored). ``--germeval-fraction F``
  trains each fold on a random share F of its GermEval sentences (the learning curve).
* ``--smartdata-dev``: a model trained on all of GermEval + the extra corpora is
  run on the raw text of SmartData v3 dev (228 documents never trained on; newskit
  tokenises and splits) and scored on exact character spans of PER/ORG/LOC
  (person; organization, organization-company; location, location-city). Gold
  streets, stops, routes and lower-case nominal mentions are not scored, nor are
  predictions overlapping them; predicted MISC is not scored.

Every score is given for the recogniser with its span repairs, ``without_repairs``,
and as ``pipeline``: the recogniser followed by newskit's entities component
(``newskit_entities``: names completed across a document, known organisations, clubs,
listed multi-word names) — what ``newskit eval ner`` and an analysis see.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _pipeline(model: Path, repair: bool | str):
    """The recogniser with (``True``) or without (``False``) its span repairs, or with
    them and the entities component (``"pipeline"``)."""
    import spacy

    import newskit.components  # noqa: F401
    import newskit.nlp.ner  # noqa: F401
    import newskit.nlp.sentences  # noqa: F401
    import newskit.nlp.tagger  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("newskit_sentencizer")
    nlp.add_pipe("newskit_tagger")
    nlp.add_pipe("newskit_ner", config={"model_path": str(model), "repair": bool(repair)})
    if repair == "pipeline":
        nlp.add_pipe("newskit_entities")
    return nlp


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "precision": round(p, 4), "recall": round(r, 4), "support": tp + fn}


def _table(tp: Counter, fp: Counter, fn: Counter, labels) -> dict[str, dict[str, float]]:
    out = {lab: _prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    out["overall"] = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def cross_validate(args, items, part1, test_path, extra_items, scores: dict) -> dict:
    from newskit.nlp.ner import LABELS

    n = len(part1)
    bounds = [round(i * n / args.cv) for i in range(args.cv + 1)]
    totals = {v: (Counter(), Counter(), Counter()) for v in (False, True, "pipeline")}
    folds, pipeline_folds = [], []
    for k in range(args.cv):
        if args.folds and k not in args.folds:
            continue
        rest = items["dev"] + items["part1"][: bounds[k]] + items["part1"][bounds[k + 1]:]
        if args.germeval_fraction < 1:  # a learning curve: a fixed random share of them
            rest = random.Random(k).sample(rest, round(args.germeval_fraction * len(rest)))
        rest = rest * args.germeval_copies  # the in-domain sentences counted more than once
        t0 = time.time()
        with tempfile.TemporaryDirectory() as tmp:
            model = _train(rest + extra_items, Path(args.keep_models or tmp) / f"fold{k}.crfsuite",
                           args)
            if args.smartdata_dev == "fold" and "smartdata_dev" not in scores:
                scores["smartdata_dev"] = smartdata_dev(args, model, Path(args.data), True)
                scores["smartdata_dev_without_repairs"] = smartdata_dev(
                    args, model, Path(args.data), False)
                scores["smartdata_dev_pipeline"] = smartdata_dev(
                    args, model, Path(args.data), "pipeline")
            fold = {}
            for repair, total in totals.items():
                counts = _gold_token_counts(_pipeline(model, repair),
                                            part1[bounds[k]: bounds[k + 1]])
                for t, c in zip(total, counts):
                    t.update(c)
                fold[repair] = _table(*counts, LABELS)["overall"]
        o, whole = fold[True], fold["pipeline"]
        folds.append(o["f1"])
        pipeline_folds.append(whole["f1"])
        print(f"fold {k}: F1 {o['f1']:.4f} P {o['precision']:.4f} R {o['recall']:.4f}, "
              f"pipeline F1 {whole['f1']:.4f} ({time.time() - t0:.0f}s)", flush=True)
    return {"folds": folds, **_table(*totals[True], LABELS),
            "without_repairs": _table(*totals[False], LABELS),
            "pipeline_folds": pipeline_folds, "pipeline": _table(*totals["pipeline"], LABELS)}


def _gold_token_counts(nlp, data) -> tuple[Counter, Counter, Counter]:
    """Exact-span counts on gold tokens, as ``newskit eval ner`` scores them."""
    from newskit.eval.ner import _char_spans, _gold_token_docs, count_spans

    return count_spans([_char_spans(w, lab) for w, lab in data], _gold_token_docs(nlp, data))


def _train(items, path: Path, args) -> Path:
    from newskit.nlp.ner_training import train_items

    return train_items(items, path, max_iterations=args.iterations, c1=args.c1, c2=args.c2,
                       scheme=args.scheme)


def smartdata_dev(args, model: Path, data: Path, repair: bool | str) -> dict:
    """Scores on SmartData v3 dev: ``all`` and per document type as described above;
    ``strict`` also counts predicted MISC and predictions on streets, stops, routes
    and nominal mentions as false positives."""
    from newskit.nlp.ner_training import smartdata_docs

    nlp = _pipeline(model, repair)
    labels = ("PER", "ORG", "LOC")
    counts: dict[str, tuple[Counter, Counter, Counter]] = {}
    for doc_type, text, spans in smartdata_docs(data / "smartdata/smartdata-v3-dev.jsonl.gz"):
        gold = {s for s in spans if s[2] != "skip"}
        skip = [(s, e) for s, e, lab in spans if lab == "skip"]
        every = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents}
        pred = {(a, b, lab) for a, b, lab in every if lab in labels
                and not any(a < y and x < b for x, y in skip)}
        for key, p in (("all", pred), (doc_type or "?", pred), ("strict", every)):
            tp, fp, fn = counts.setdefault(key, (Counter(), Counter(), Counter()))
            for s in p & gold:
                tp[s[2]] += 1
            for s in p - gold:
                fp[s[2]] += 1
            for s in gold - p:
                fn[s[2]] += 1
    return {key: _table(*c, labels if key != "strict" else (*labels, "MISC"))
            for key, c in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--folds", type=lambda s: [int(x) for x in s.split(",")], default=None,
                    help="only these folds (quick comparisons)")
    ap.add_argument("--no-europeana", dest="europeana", action="store_false")
    ap.add_argument("--no-smartdata", dest="smartdata", action="store_false")
    ap.add_argument("--no-mobie", dest="mobie", action="store_false")
    ap.add_argument("--no-repair", dest="repair", action="store_false",
                    help="--model: score without the span repairs (--cv scores both ways)")
    ap.add_argument("--smartdata-dev", nargs="?", const="all", choices=["all", "fold"],
                    help="score SmartData v3 dev with a model trained on everything else "
                         "(all) or with the first cross-validation fold's model (fold)")
    ap.add_argument("--model", help="score this model on SmartData dev instead of training one")
    ap.add_argument("--ablate", default="", help="feature groups to leave out: clusters,freq,bt,bigram")
    ap.add_argument("--germeval-copies", type=int, default=1,
                    help="--cv: train on this many copies of the GermEval sentences")
    ap.add_argument("--germeval-fraction", type=float, default=1.0,
                    help="--cv: train on this share of the fold's GermEval sentences "
                         "(a random sample: the learning curve)")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--scheme", choices=["bio", "bioes"], default="bio",
                    help="labels the CRF learns (newskit.nlp.ner_training.to_bioes)")
    ap.add_argument("--parts", action="store_true",
                    help="learn GermEval's *deriv/*part labels as labels of their own")
    ap.add_argument("--keep-models", help="keep the fold models in this folder")
    ap.add_argument("--tag-cache", help="keep HanTa's tags of the corpora in this folder")
    ap.add_argument("--json", help="append the results as one JSON line to this file")
    args = ap.parse_args()
    os.environ["NEWSKIT_NER_ABLATE"] = args.ablate  # read when the feature module is imported

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
    from train_ner import corpus_items  # noqa: E402  (training/train_ner.py)

    data = Path(args.data)
    result: dict = {"args": {k: v for k, v in vars(args).items() if k != "json"}}
    t0 = time.time()
    if args.model:
        result["smartdata_dev"] = smartdata_dev(args, Path(args.model), data, args.repair)
        result["smartdata_dev_pipeline"] = smartdata_dev(args, Path(args.model), data, "pipeline")
    else:
        items = corpus_items(data, europeana=args.europeana, smartdata=args.smartdata,
                             mobie=args.mobie, smartdata_dev=False,
                             tag_cache=Path(args.tag_cache) if args.tag_cache else None,
                             parts=args.parts)
        extra = [it for key, its in items.items() if key not in ("dev", "part1") for it in its]
        print(f"features: {', '.join(f'{k} {len(v)}' for k, v in items.items())} "
              f"({time.time() - t0:.0f}s)", flush=True)
        if args.cv:
            from newskit.nlp.ner_training import read_germeval

            test_path = data / "germeval2014/NER-de-test-part1.tsv"
            result["cv"] = cross_validate(args, items, list(read_germeval(test_path)),
                                          test_path, extra, result)
            print(json.dumps(result["cv"]), flush=True)
        if args.smartdata_dev == "all":
            with tempfile.TemporaryDirectory() as tmp:
                model = _train(items["dev"] + items["part1"] + extra,
                               Path(tmp) / "all.crfsuite", args)
                result["smartdata_dev"] = smartdata_dev(args, model, data, True)
                result["smartdata_dev_without_repairs"] = smartdata_dev(args, model, data, False)
                result["smartdata_dev_pipeline"] = smartdata_dev(args, model, data, "pipeline")
    for key in ("smartdata_dev", "smartdata_dev_without_repairs", "smartdata_dev_pipeline"):
        if key in result:
            print(key, json.dumps(result[key]), flush=True)
    result["seconds"] = round(time.time() - t0)
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
