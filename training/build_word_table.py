"""Precompute HanTa's context-free word analyses for frequent German word forms.

Usage: python training/build_word_table.py [--data ../shared/data]

HanTa analyses each word form (candidate tags and their probabilities, then
the lemma for a tag) independently of the sentence; newskit memoises this at
run time. This script fills the memo in advance for the word forms of the
GermEval 2014 dev and test part 1 texts (CC BY 4.0; only the word list is used,
see NOTICE) and writes ``newskit/data/hanta_words.json.gz``. The table is tied
to the HanTa version it was built with and ignored under any other.
"""

from __future__ import annotations

import argparse
import gzip
import json
from importlib import metadata
from pathlib import Path

from HanTa import HanoverTagger as ht

from newskit.nlp.ner import read_germeval

OUT = Path(__file__).resolve().parents[1] / "newskit" / "data" / "hanta_words.json.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args()
    words: set[str] = set()
    for name in ("NER-de-dev.tsv", "NER-de-test-part1.tsv"):
        for sent, _ in read_germeval(Path(args.data) / "germeval2014" / name):
            words.update(sent)
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    forward: dict[str, list] = {}
    analyze: dict[str, list] = {}
    for w in sorted(words):
        nw = tagger.normalize(w)
        if nw not in forward:
            forward[nw] = [[int(t), float(p)] for t, p in tagger.analyze_forward(nw)]
        cands = sorted(tagger._tag_word(w), key=lambda x: -x[1])[:3]
        for t, _ in cands:
            key = f"{w.lower()}\t{int(t)}"
            if key not in analyze:
                analyze[key] = list(tagger._analyze(w, t, taglevel=1))
    table = {"hanta_version": metadata.version("HanTa"), "source": "GermEval 2014 word forms",
             "forward": forward, "analyze": analyze}
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        json.dump(table, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(forward)} forms, {len(analyze)} lemma entries -> {OUT} "
          f"({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
