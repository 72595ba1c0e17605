"""Precompute HanTa's context-free word analyses for frequent German word forms.

Usage: python training/build_word_table.py [--data ../shared/data] [--clusters 250000]
                                           [--bundestag-min 3] [--workers 2] [--out PATH]

HanTa analyses each word form (candidate tags and their probabilities, then the lemma
for a tag) independently of the sentence; newskit memoises this at run time and reads
``newskit/data/hanta_words.tsv.gz`` first. This script fills that table in advance for

* the word forms of the GermEval 2014 dev and test part 1 texts (CC BY 4.0);
* the ``--clusters`` most frequent word forms of ``newskit/data/clusters_de.tsv.gz``
  (spacy-lookups-data, MIT; see NOTICE);
* the word forms seen at least ``--bundestag-min`` times in the Bundestag plenary
  protocols of the 19th term (``bundestag-wp19/text``, public domain).

Only word lists are used (no text is shipped). Every analysis is HanTa's own, computed by
``newskit.nlp.hanta_morph`` (equal to HanTa's search, see tests/test_tagger.py). The file
is a line ``#hanta_version<TAB>1.2.1`` (the table is ignored under any other HanTa
version), then two sections of ``key<TAB>value`` lines:

* ``#forward``: ``form`` → ``tag:logp,tag:logp…``, HanTa's ``analyze_forward`` of a
  normalised form its own cache does not hold (floats written with ``repr``: exact), only
  the candidates a caller can ever see (``hanta.decisive_candidates``: about half);
* ``#lemmas``: ``word␟tag`` → ``lemma␟tag name`` (␟ is U+001F), ``analyze(word, tag)``
  of a lower-case word for the tags the decoder is likely to choose: the three best
  candidates with and without HanTa's tag prior.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path

from newskit.nlp import hanta
from newskit.nlp.ner import read_germeval

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "newskit" / "data" / hanta.WORD_TABLE
CLUSTERS = ROOT / "newskit" / "data" / "clusters_de.tsv.gz"
_WORD = re.compile(r"\w+(?:[-.]\w+)*")


def germeval_forms(data: Path) -> set[str]:
    words: set[str] = set()
    for name in ("NER-de-dev.tsv", "NER-de-test-part1.tsv"):
        for sent, _ in read_germeval(data / "germeval2014" / name):
            words.update(sent)
    return words


def cluster_forms(n: int) -> set[str]:
    """Every cased variant of the ``n`` most frequent lower-case forms of the cluster table.

    The table is sorted by the forms' bytes; its third column is the rounded negative log
    probability, so forms are taken in that order (most frequent first, ties by bytes).
    """
    rows: list[tuple[int, str]] = []
    with gzip.open(CLUSTERS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                word, _, logp = line.rstrip("\n").split("\t")
                rows.append((int(logp), word))
    rows.sort(key=lambda r: r[0])  # stable: equal frequencies keep the table's order
    seen: set[str] = set()
    words: set[str] = set()
    for _, w in rows:
        if w.lower() not in seen:
            if len(seen) >= n:
                continue
            seen.add(w.lower())
        words.add(w)
    return words


def bundestag_forms(data: Path, min_count: int) -> set[str]:
    counts: Counter = Counter()
    for f in sorted((data / "bundestag-wp19" / "text").glob("*.txt.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("# rede"):
                    counts.update(_WORD.findall(line))
    return {w for w, c in counts.items() if c >= min_count}


def analyse(words: list[str]) -> tuple[dict, dict]:
    """HanTa's forward candidates (forms HanTa's cache lacks) and lemmas of ``words``."""
    fast = hanta.fast_morph()
    forward: dict[str, list] = {}
    lemmas: dict[tuple[str, int], tuple[str, str]] = {}
    for w in words:
        nw = fast.normalize(w)
        if nw not in fast.cache and nw not in forward:
            forward[nw] = fast.analyze_forward(nw)
        tags = [t for t, _ in fast._tag_word(w)[:3]]
        tags += [t for t, _ in fast._tag_word(w, conditional=True)[:3]]
        for t in dict.fromkeys(tags):
            key = (w.lower(), int(t))
            if key not in lemmas:
                lemmas[key] = tuple(fast._analyze(w, t, taglevel=1))
    return forward, lemmas


def write(forward: dict, lemmas: dict, out: Path) -> None:
    lines = [f"#hanta_version\t{metadata.version('HanTa')}", "#forward"]
    for form in sorted(forward):
        decisive = hanta.decisive_candidates([(int(t), float(p)) for t, p in forward[form]])
        cands = ",".join(f"{t}:{p!r}" for t, p in decisive)
        lines.append(f"{form}\t{cands}")
    lines.append("#lemmas")
    for (word, tag) in sorted(lemmas):
        lemma, name = lemmas[(word, tag)]
        lines.append(f"{word}{hanta.SEP}{tag}\t{lemma}{hanta.SEP}{name}")
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--clusters", type=int, default=250000)
    ap.add_argument("--bundestag-min", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = Path(args.data)
    words = germeval_forms(data) | cluster_forms(args.clusters) \
        | bundestag_forms(data, args.bundestag_min)
    words = sorted(w for w in words if w and "\t" not in w and "\n" not in w
                   and len(w) <= hanta.MAX_TAGGED_CHARS)
    chunks = [words[i::args.workers * 8] for i in range(args.workers * 8)]
    forward: dict = {}
    lemmas: dict = {}
    with get_context("fork").Pool(args.workers) as pool:
        for f, lem in pool.imap_unordered(analyse, chunks):
            forward.update(f)
            lemmas.update(lem)
    write(forward, lemmas, args.out)
    print(f"{len(words)} words: {len(forward)} forms, {len(lemmas)} lemma entries -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
