# ruff: noqa: E402  (imports after the sys.path lines that find newskit and its scripts)
"""Export newskit's fold-0 NER training/test sentences (GermEval 2014 --cv 5, fold 0) as
spaCy DocBin files, mirroring training/train_ner.py:corpus_items and
bench/train_ner.py:cross_validate (words + cleaned BIO labels only, no CRF features).

Usage: python bench/spacy_ner/export.py [--data ../shared/data] [--out /tmp/spacy_ner/data]
"""
import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import spacy
from spacy.tokens import Doc, DocBin, Span
from train_ner import EUROPEANA, _fine  # training/train_ner.py (same filters)

from newskit.nlp.ner import bio_to_spans
from newskit.nlp.ner_training import (
    clean_training_labels,
    read_conll,
    read_germeval,
    read_smartdata,
)


def sources(data: Path):
    """(name, [(words, raw labels)]) in the order corpus_items builds them."""
    ge = data / "germeval2014"
    out = {"dev": list(read_germeval(ge / "NER-de-dev.tsv")),
           "part1": list(read_germeval(ge / "NER-de-test-part1.tsv"))}
    out["europeana"] = [s for name in EUROPEANA
                        for s in read_conll(data / f"europeana-ner-de/enp_DE.{name}.bio")]
    sents = [(w, lab) for w, lab, _ in read_smartdata(data / "smartdata/smartdata-v1-train.jsonl.gz")]
    out["smartdata-v1-train"] = _fine(sents)
    out["mobie"] = _fine(read_conll(data / "mobie/train.conll2003", fine_types=True))
    return out


def to_doc(vocab, words, labels, source):
    doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    ents = [Span(doc, s, e, label=lab) for s, e, lab in bio_to_spans(labels)]
    doc.ents = ents
    doc.user_data["source"] = source
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default="/tmp/spacy_ner/data")
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--dev-fraction", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    src = sources(Path(args.data))
    part1 = src["part1"]
    n = len(part1)
    bounds = [round(i * n / args.cv) for i in range(args.cv + 1)]
    k = args.fold
    test = part1[bounds[k]: bounds[k + 1]]
    train_by_source = {"germeval-dev": src["dev"],
                       "germeval-part1-other-folds": part1[: bounds[k]] + part1[bounds[k + 1]:],
                       "europeana": src["europeana"],
                       "smartdata-v1-train": src["smartdata-v1-train"],
                       "mobie": src["mobie"]}
    vocab = spacy.blank("de").vocab
    train = []
    stats = {}
    for name, sents in train_by_source.items():
        ents = 0
        for words, labels in sents:
            labs = clean_training_labels(labels)
            ents += len(bio_to_spans(labs))
            train.append((name, words, labs))
        stats[name] = {"sentences": len(sents), "tokens": sum(len(w) for w, _ in sents),
                       "entities": ents}
    rng = random.Random(args.seed)
    idx = list(range(len(train)))
    rng.shuffle(idx)
    n_dev = round(len(train) * args.dev_fraction)
    dev_idx = set(idx[:n_dev])
    db_train, db_dev, db_all = DocBin(store_user_data=True), DocBin(store_user_data=True), DocBin(store_user_data=True)
    dev_sources = {}
    for i, (name, words, labs) in enumerate(train):
        doc = to_doc(vocab, words, labs, name)
        db_all.add(doc)
        if i in dev_idx:
            db_dev.add(doc)
            dev_sources[name] = dev_sources.get(name, 0) + 1
        else:
            db_train.add(doc)
    db_test = DocBin(store_user_data=True)
    test_ents = 0
    for words, labels in test:
        labs = clean_training_labels(labels)  # *deriv/*part -> O (scoring reads the TSV)
        test_ents += len(bio_to_spans(labs))
        db_test.add(to_doc(vocab, words, labs, "germeval-part1-fold"))
    db_train.to_disk(out / "train.spacy")
    db_dev.to_disk(out / "dev.spacy")
    db_all.to_disk(out / "train_all.spacy")
    db_test.to_disk(out / "test.spacy")
    stats["TOTAL train (before dev split)"] = {
        "sentences": len(train), "tokens": sum(len(w) for _, w, _ in train),
        "entities": sum(v["entities"] for v in stats.values())}
    stats["dev (held out of train.spacy)"] = {"sentences": len(dev_idx), "by_source": dev_sources}
    stats["train.spacy"] = {"sentences": len(train) - len(dev_idx)}
    stats["test (part1 fold %d, %d:%d of %d)" % (k, bounds[k], bounds[k + 1], n)] = {
        "sentences": len(test), "tokens": sum(len(w) for w, _ in test), "entities": test_ents}
    print(json.dumps(stats, indent=1))
    (out / "stats.json").write_text(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
