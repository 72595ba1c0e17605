"""Build ``newskit/data/clusters_de.tsv.gz``: Brown clusters and word frequencies for
the entity model's distributional features (``newskit.nlp.ner_features``).

Usage (build time only; the package never needs spacy-lookups-data at run time):
    pip install spacy-lookups-data==1.0.5
    python training/build_clusters.py [--min-logprob -17] [--out PATH]

Source: the tables ``de_lexeme_cluster`` (Brown cluster paths of 1,000,001 German
word forms, stored by spaCy as integers whose lowest bit is the path's first step)
and ``de_lexeme_prob`` (log probabilities) of the PyPI package spacy-lookups-data
(MIT licence, Copyright Explosion AI; see NOTICE). The table is trimmed to the word
forms with a log probability of at least ``--min-logprob`` (the rare tail adds
megabytes and little else); each line is ``word<TAB>cluster<TAB>round(-logprob)``,
most frequent first.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "newskit" / "data" / "clusters_de.tsv.gz"


def load_tables() -> tuple[dict[str, int], dict[str, float]]:
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8") as fh:
        clusters = json.load(fh)
    with gzip.open(data / "de_lexeme_prob.json.gz", "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    return clusters, probs


def build(min_logprob: float, out: Path) -> int:
    clusters, probs = load_tables()
    words = [w for w, p in probs.items()
             if p >= min_logprob and w.split() == [w]]  # no whitespace inside
    words.sort(key=lambda w: (-probs[w], w))
    lines = "".join(f"{w}\t{clusters.get(w, 0)}\t{round(-probs[w])}\n" for w in words)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(lines.encode("utf-8"), compresslevel=9, mtime=0))
    return len(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-logprob", type=float, default=-17.0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    n = build(args.min_logprob, args.out)
    print(f"{n} words -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
