"""Tokens per second of the entity component alone (``newskit_ner``).

Usage: python bench/ner_speed.py [--data ../shared/data] [--sentences 400] [--repeat 3]

First the time to load the entity component (its tables and model) into a fresh process.

Sentences: the first ``--sentences`` of GermEval 2014 dev (gold tokens). They are
sentence-split and tagged once; then the NER component runs over all of them
``--repeat`` times, the first run with cold per-word feature caches. Prints the
cold and the best warm tokens/s, by wall clock and by this process's CPU time (steadier
on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--sentences", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", help="a CRFsuite model file instead of the shipped one")
    args = ap.parse_args()

    import spacy

    from newskit.nlp.ner import read_germeval
    from newskit.pipeline import build_embedded

    t0, c0 = time.perf_counter(), time.process_time()  # the entity component alone, first load
    spacy.blank("de").add_pipe("newskit_ner", config={"model_path": args.model})
    load = {"ner_load_s": round(time.perf_counter() - t0, 2),
            "ner_load_cpu_s": round(time.process_time() - c0, 2)}
    nlp = build_embedded(ner=not args.model)
    if args.model:
        nlp.add_pipe("newskit_ner", config={"model_path": args.model})
    sents = list(read_germeval(Path(args.data) / "germeval2014/NER-de-dev.tsv"))
    sents = sents[: args.sentences]
    docs = [nlp.make_doc(" ".join(words)) for words, _ in sents]
    for name in ("newskit_sentencizer", "newskit_tagger"):
        docs = [nlp.get_pipe(name)(d) for d in docs]
    ner = nlp.get_pipe("newskit_ner")
    n_tokens = sum(len(d) for d in docs)
    try:
        from newskit.nlp import ner_features  # noqa: F401
    except ImportError:  # before the feature module was split off
        pass
    caches = [getattr(sys.modules.get(m), f, None)
              for m in ("newskit.nlp.ner", "newskit.nlp.ner_features")
              for f in ("_word_block", "lexicon_class", "_shapes")]
    for c in caches:
        if c is not None and hasattr(c, "cache_clear"):
            c.cache_clear()
    crf = sys.modules.get("newskit.nlp.crf_model")
    if crf is not None:  # the entity model's summed rows per word (newskit.nlp.crf_model)
        crf.drop_all_added_rows()
    times, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            ner(d)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(json.dumps({**load, "sentences": len(docs), "tokens": n_tokens,
                      "cold_tokens_per_s": round(n_tokens / times[0]),
                      "warm_tokens_per_s": round(n_tokens / min(times[1:] or times)),
                      "cold_tokens_per_cpu_s": round(n_tokens / cpu[0]),
                      "warm_tokens_per_cpu_s": round(n_tokens / min(cpu[1:] or cpu))}))


if __name__ == "__main__":
    main()
