"""Build ``newskit/data/bt_clusters_de.tsv.gz``: word clusters of our own from the
Bundestag plenary protocols (19th term), a second distributional view for the
entity model beside the Brown clusters of ``clusters_de.tsv.gz``.

Usage (build time only; numpy, scipy and scikit-learn, nothing at run time):
    python training/build_bundestag_clusters.py [--data ../shared/data] [--min-count 5]
        [--dims 200] [--ks 64,256,1024] [--out PATH]

Recipe (Levy & Goldberg 2014, "count-based" word vectors; clustered as in Agerri &
Rigau 2016, who stack Brown, Clark and word2vec clusters): the speeches of
``bundestag-wp19/text/*.txt.gz`` (public domain, see NOTICE) are tokenised by
spaCy's German tokenizer (the tokens newskit's pipeline sees), case kept. Every word
form seen ``--min-count`` times or more gets a context vector: counts of the
``--contexts`` most frequent forms at offsets -2, -1, +1, +2 (each offset its own
column block, so left and right contexts stay apart, as in Brown clustering),
weighted by positive PMI with context-distribution smoothing (alpha 0.75), reduced
to ``--dims`` dimensions by truncated SVD (singular values to the power 0.5), scaled
to unit length, and clustered by k-means at each k of ``--ks``. Each output line is
``word<TAB>cluster at k1<TAB>cluster at k2 …``; the header line ``#ks<TAB>k1 k2 …``.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parents[1] / "newskit" / "data" / "bt_clusters_de.tsv.gz"
OFFSETS = (-2, -1, 1, 2)


def sentences(folder: Path, limit: int | None = None):
    """Token lists, one per paragraph line of the speeches (``# rede`` lines skipped)."""
    import spacy

    tok = spacy.blank("de").tokenizer
    files = sorted(folder.glob("*.txt.gz"))[:limit]
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            lines = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("# rede")]
        for doc in tok.pipe(lines, batch_size=256):
            yield [t.text for t in doc if not t.is_space]


def build(args) -> list[tuple[str, list[int]]]:
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    t0 = time.time()
    sents = list(sentences(Path(args.data) / "bundestag-wp19" / "text", args.limit))
    counts = Counter(w for s in sents for w in s)
    print(f"{len(sents)} lines, {sum(counts.values())} tokens, {len(counts)} forms "
          f"({time.time() - t0:.0f}s)", flush=True)
    vocab = [w for w, c in counts.most_common() if c >= args.min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(args.contexts, len(vocab))
    # one id array for the whole corpus, -2 between lines (a line boundary)
    ids = np.fromiter((index.get(w, -1) for s in sents for w in (*s, None)),
                      dtype=np.int64)
    bounds = np.fromiter((x is None for s in sents for x in (*s, None)), dtype=bool)
    ids[bounds] = -2
    rows_l, cols_l = [], []
    for b, off in enumerate(OFFSETS):
        other = np.roll(ids, -off)
        src = ids >= 0
        if off > 0:
            src[-off:] = False
        else:
            src[:-off] = False
        ctx = other[src]
        ctx = np.where(ctx >= n_ctx, -1, ctx)  # not a context word
        if abs(off) == 2:  # the line ends in between
            ctx = np.where(np.roll(ids, -off // 2)[src] == -2, -2, ctx)
        ctx = np.where(ctx == -2, n_ctx, ctx)  # n_ctx = line boundary
        ok = (ctx >= 0) & (ctx <= n_ctx)
        rows_l.append(ids[src][ok])
        cols_l.append(b * (n_ctx + 1) + ctx[ok])
    rows, cols = np.concatenate(rows_l), np.concatenate(cols_l)
    del sents
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(vocab), len(OFFSETS) * (n_ctx + 1))).tocsr()
    m.sum_duplicates()
    print(f"co-occurrences {m.nnz} ({time.time() - t0:.0f}s)", flush=True)
    total = m.sum()
    pw = np.asarray(m.sum(axis=1)).ravel() / total
    pc = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    pc /= pc.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total / (pw[coo.row] * pc[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep].astype(np.float32), (coo.row[keep], coo.col[keep])),
                             shape=m.shape)
    svd = TruncatedSVD(n_components=args.dims, random_state=0, algorithm="randomized", n_iter=5)
    u = svd.fit_transform(ppmi)  # = U * S
    s = svd.singular_values_
    vecs = u / s * np.sqrt(s)  # U * S^0.5
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    print(f"svd {vecs.shape} ({time.time() - t0:.0f}s)", flush=True)
    labels = []
    for k in args.ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3,
                             max_iter=200)
        labels.append(km.fit_predict(vecs))
        print(f"k-means k={k} ({time.time() - t0:.0f}s)", flush=True)
    return [(w, [int(lab[i]) for lab in labels]) for i, w in enumerate(vocab)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--contexts", type=int, default=10000)
    ap.add_argument("--dims", type=int, default=200)
    ap.add_argument("--ks", type=lambda s: [int(x) for x in s.split(",")], default=[64, 256, 1024])
    ap.add_argument("--limit", type=int, help="only the first N protocol files (tests)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build(args)
    head = f"#ks\t{' '.join(map(str, args.ks))}\n"
    body = "".join(f"{w}\t" + "\t".join(map(str, c)) + "\n"
                   for w, c in sorted(rows, key=lambda r: r[0].encode()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress((head + body).encode(), compresslevel=9, mtime=0))
    print(f"{len(rows)} words -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
