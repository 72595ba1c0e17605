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
sorted by the word's UTF-8 bytes (``newskit.nlp.ner_tables`` searches the rows in
place instead of building a dict). The header lines carry the clusters the span
repairs use, derived from the table and the shipped gazetteer
(``newskit.nlp.ner_tables.repair_clusters``): rebuild this table after the gazetteer.
``--from-table OLD`` rewrites an existing table (either layout) without
spacy-lookups-data, e.g. after a new gazetteer.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parents[1] / "newskit" / "data" / "clusters_de.tsv.gz"


def load_tables() -> tuple[dict[str, int], dict[str, float]]:
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8") as fh:
        clusters = json.load(fh)
    with gzip.open(data / "de_lexeme_prob.json.gz", "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    return clusters, probs


def rows_from_lookups(min_logprob: float) -> list[tuple[str, str, str]]:
    clusters, probs = load_tables()
    return [(w, str(clusters.get(w, 0)), str(round(-p))) for w, p in probs.items()
            if p >= min_logprob and w.split() == [w]]  # no whitespace inside


def rows_from_table(path: Path) -> list[tuple[str, str, str]]:
    from newskit.nlp.ner_tables import CLUSTER_MAGIC, parse_cluster_file

    raw = gzip.decompress(path.read_bytes())
    if raw.startswith(CLUSTER_MAGIC.encode()):
        return [(w, c, b) for w, (c, b) in parse_cluster_file(raw).items()]
    return [tuple(line.split("\t")) for line in raw.decode("utf-8").splitlines()]


def write(rows: list[tuple[str, str, str]], out: Path) -> int:
    from newskit.nlp.ner_tables import cluster_file_bytes, gazetteer, repair_clusters

    meta = repair_clusters({w: (c, b) for w, c, b in rows}, gazetteer()[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(cluster_file_bytes(rows, meta), compresslevel=9, mtime=0))
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-logprob", type=float, default=-17.0)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--from-table", type=Path, help="rewrite this cluster table instead")
    args = ap.parse_args()
    rows = rows_from_table(args.from_table) if args.from_table else rows_from_lookups(
        args.min_logprob)
    n = write(rows, args.out)
    print(f"{n} words -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
