"""Self-training experiment for the entity CRF: does text it labelled itself help?

Usage: python bench/self_train_ner.py --fold 0 --model DIR/fold0.crfsuite
                                      [--sentences 8000] [--threshold 0.9] [--domain bt]

``--model`` is the fold's model as ``bench/train_ner.py --cv 5 --folds K --keep-models DIR``
wrote it (trained on everything but the fold). It labels Bundestag plenary sentences
(``bundestag-wp19/text``, public domain, never annotated), keeps those whose whole label
sequence it gives a probability of at least ``--threshold`` and that hold an entity,
retrains the fold with them added (as their own feature domain, like the other extra
corpora) and scores the fold's GermEval test sentences and SmartData v3 dev exactly as
``bench/train_ner.py`` does. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bundestag_sentences(data: Path, n: int, nlp) -> list[tuple[list[str], list[str]]]:
    """``n`` sentences of 8–40 words with HanTa's tags, every 7th speech line in file order."""
    out: list[tuple[list[str], list[str]]] = []
    lines = []
    for f in sorted((data / "bundestag-wp19" / "text").glob("*.txt.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            lines += [ln.strip() for ln in fh if not ln.startswith("# rede") and ln.strip()]
        if len(lines) > n * 10:
            break
    for doc in nlp.pipe(lines[::7], batch_size=64):
        for sent in doc.sents:
            words = [t.text for t in sent if not t.is_space]
            if 8 <= len(words) <= 40:
                out.append((words, [t.tag_ for t in sent if not t.is_space]))
        if len(out) >= n:
            break
    return out[:n]


def main() -> None:
    import importlib.util

    import pycrfsuite

    from newskit.nlp.ner import LABELS, feature_domain
    from newskit.nlp.ner_features import sentence_features
    from newskit.nlp.ner_training import read_germeval
    from newskit.pipeline import load_pipeline

    spec = importlib.util.spec_from_file_location("bench_train_ner", ROOT / "bench" / "train_ner.py")
    T = importlib.util.module_from_spec(spec)  # bench/train_ner.py (training/ has its namesake)
    spec.loader.exec_module(T)
    sys.path.insert(0, str(ROOT / "training"))
    from train_ner import corpus_items  # training/train_ner.py

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--model", required=True)
    ap.add_argument("--sentences", type=int, default=8000)
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--domain", default="bt")
    ap.add_argument("--iterations", type=int, default=60)
    ap.add_argument("--tag-cache", default="/tmp/tags")
    args = ap.parse_args()
    data, t0 = Path(args.data), time.time()

    nlp = load_pipeline()
    with nlp.select_pipes(enable=["newskit_sentencizer", "newskit_tagger"]):
        sents = bundestag_sentences(data, args.sentences, nlp)
    tagger = pycrfsuite.Tagger()
    tagger.open(args.model)
    domain = feature_domain(args.model)
    auto = []
    for words, tags in sents:
        labels = tagger.tag(sentence_features(words, tags, domain))
        if any(lab != "O" for lab in labels) and tagger.probability(labels) >= args.threshold:
            auto.append((sentence_features(words, tags, args.domain), labels))
    print(f"{len(sents)} sentences, {len(auto)} kept ({time.time() - t0:.0f}s)", flush=True)

    items = corpus_items(data, tag_cache=Path(args.tag_cache))
    extra = [it for key, its in items.items() if key not in ("dev", "part1") for it in its]
    part1 = list(read_germeval(data / "germeval2014/NER-de-test-part1.tsv"))
    n, k = len(part1), args.fold
    bounds = [round(i * n / 5) for i in range(6)]
    rest = items["dev"] + items["part1"][: bounds[k]] + items["part1"][bounds[k + 1]:]

    class Args:
        iterations, c1, c2 = args.iterations, 0.05, 0.05

    with tempfile.TemporaryDirectory() as tmp:
        model = T._train(rest + extra + auto, Path(tmp) / "self.crfsuite", Args)
        counts = T._gold_token_counts(T._pipeline(model, True), part1[bounds[k]: bounds[k + 1]])
        germeval = T._table(*counts, LABELS)
        smartdata = T.smartdata_dev(Args, model, data, True)["all"]
    print(json.dumps({"fold": k, "kept": len(auto), "of": len(sents),
                      "threshold": args.threshold, "domain": args.domain,
                      "germeval": {lab: round(v["f1"], 4) for lab, v in germeval.items()},
                      "smartdata": {lab: round(v["f1"], 4) for lab, v in smartdata.items()},
                      "seconds": round(time.time() - t0)}), flush=True)


if __name__ == "__main__":
    main()
