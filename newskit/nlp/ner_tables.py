"""The entity model's word tables, loaded fast (``newskit.nlp.ner_features``, ``newskit.nlp.ner``).

* ``cluster_table()``: Brown cluster and frequency bin per word form
  (``newskit/data/clusters_de.tsv.gz``, built by ``training/build_clusters.py``).
  The file's rows are sorted by their UTF-8 bytes and searched in place (binary
  search over the row starts): loading is one gunzip, not a Python dict of 400,000
  entries. Its header carries the clusters the span repairs need (first names, names,
  genitives of places), derived once at build time by ``repair_clusters``.
* ``gazetteer()``: name lists (``newskit/data/gazetteer_de.tsv.gz``, built by
  ``training/build_gazetteer.py``), one dict per entry length.
"""

from __future__ import annotations

import gzip
import os
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Mapping

GAZETTEER_FILE = "gazetteer_de.tsv.gz"
CLUSTER_FILE = os.environ.get("NEWSKIT_NER_CLUSTERS", "clusters_de.tsv.gz")  # another table: experiments
MAX_GAZ_WORDS = 4
CLUSTER_MAGIC = "#newskit-clusters"
KEY_BYTES = 12
META_KEYS = ("first-name-clusters", "name-clusters", "genitive-place-clusters")


class ClusterTable:
    """Read-only mapping word → ``(cluster, bin)`` (both strings) over sorted table rows.

    ``data`` holds ``word<TAB>cluster<TAB>bin`` lines sorted by their UTF-8 bytes (a
    word never holds whitespace); ``meta`` the header's cluster sets by name.
    """

    def __init__(self, data: bytes, meta: Mapping[str, frozenset[int]] | None = None):
        import numpy as np

        self.data = data
        self.meta = dict(meta or {})
        raw = np.frombuffer(data, dtype=np.uint8)
        starts = np.flatnonzero(raw == 10)[:-1] + 1
        self._starts = np.concatenate(([0], starts)) if len(data) else starts
        # the words' first KEY_BYTES bytes (zero-padded) as a sorted fixed-width array,
        # searched by numpy; rows sharing a prefix are told apart by their whole word
        ends = np.flatnonzero(raw == 9)[0::2]
        keys = np.zeros((len(self._starts), KEY_BYTES), dtype=np.uint8)
        for k in range(KEY_BYTES if len(raw) else 0):
            pos = self._starts + k
            keys[:, k] = np.where(pos < ends, raw[np.minimum(pos, len(raw) - 1)], 0)
        self._keys = keys.view(f"S{KEY_BYTES}").ravel()

    def get(self, word: str, default=None):
        key = word.encode("utf-8", "surrogatepass")
        i = int(self._keys.searchsorted(key[:KEY_BYTES]))
        data, n = self.data, len(self._keys)
        while i < n:
            start = int(self._starts[i])
            tab = data.index(b"\t", start)
            found = data[start:tab]
            if found == key:
                cluster, _, freq = data[tab + 1:data.index(b"\n", tab)].decode().partition("\t")
                return cluster, freq
            if found[:KEY_BYTES] != key[:KEY_BYTES]:
                break
            i += 1
        return default

    def __getitem__(self, word: str) -> tuple[str, str]:
        hit = self.get(word)
        if hit is None:
            raise KeyError(word)
        return hit

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return len(self._starts)

    def items(self) -> Iterator[tuple[str, tuple[str, str]]]:
        for line in self.data.decode("utf-8").splitlines():
            word, cluster, freq = line.split("\t")
            yield word, (cluster, freq)

    def values(self) -> Iterator[tuple[str, str]]:
        return (v for _, v in self.items())


def parse_cluster_file(raw: bytes) -> ClusterTable:
    """A ``ClusterTable`` from the (decompressed) bytes of a cluster file."""
    meta: dict[str, frozenset[int]] = {}
    if raw.startswith(CLUSTER_MAGIC.encode()):
        first_end = raw.index(b"\n")
        n_meta = int(raw[:first_end].split(b"\t")[2])
        pos = first_end + 1
        for _ in range(n_meta):
            end = raw.index(b"\n", pos)
            key, _, values = raw[pos:end].decode().partition("\t")
            meta[key.lstrip("#")] = frozenset(int(v) for v in values.split())
            pos = end + 1
        raw = raw[pos:]
    return ClusterTable(raw, meta)


def cluster_file_bytes(rows: Iterable[tuple[str, int | str, int | str]],
                       meta: Mapping[str, Iterable[int]]) -> bytes:
    """The uncompressed cluster file for ``(word, cluster, bin)`` rows and header sets."""
    lines = [f"{w}\t{c}\t{b}\n".encode() for w, c, b in sorted(rows, key=lambda r: r[0].encode())]
    head = [f"{CLUSTER_MAGIC}\t2\t{len(meta)}\n"]
    head += [f"#{k}\t{' '.join(str(c) for c in sorted(v))}\n" for k, v in meta.items()]
    return "".join(head).encode() + b"".join(lines)


@lru_cache(maxsize=1)
def cluster_table() -> ClusterTable:
    """Brown cluster and frequency bin per word form (``newskit/data/clusters_de.tsv.gz``).

    ``cluster`` is the cluster path as an integer whose lowest bit is the path's first
    step (spaCy's encoding; 0 = none), ``bin`` is the word's negative log probability,
    rounded. Missing file: an empty table.
    """
    path = resources.files("newskit") / "data" / CLUSTER_FILE
    if not path.is_file():
        return ClusterTable(b"")
    return parse_cluster_file(gzip.decompress(path.read_bytes()))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]]:
    """Name lists shipped in ``newskit/data/gazetteer_de.tsv.gz`` (see training/build_gazetteer.py).

    Returns ``(single, multi)``: one-word entries and multi-word entries (as word
    tuples), each mapped to the sorted tuple of their kinds (``first``, ``last``,
    ``place``, ``org``). The file has ``kind<TAB>entry`` lines.
    """
    path = resources.files("newskit") / "data" / GAZETTEER_FILE
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    single: dict[str, tuple[str, ...]] = {}
    for kind, names in sorted(_kind_blocks(text)):
        block = dict.fromkeys(names, (kind,))
        for name in single.keys() & block.keys():  # listed under an earlier kind too
            block[name] = (*single[name], kind)
        single.update(block)
    multi: dict[tuple[str, ...], tuple[str, ...]] = {}
    for name in [n for n in single if " " in n]:
        words = tuple(name.split())
        if len(words) > 1:
            kinds = single.pop(name)
            if len(words) <= MAX_GAZ_WORDS:
                multi[words] = tuple(sorted({*multi.get(words, ()), *kinds}))
    return single, multi


def _kind_blocks(text: str) -> Iterator[tuple[str, list[str]]]:
    """``(kind, names)`` per block of ``kind<TAB>name`` lines (the file is sorted by kind)."""
    pos = 0
    while pos < len(text):
        kind = text[pos:text.index("\t", pos)]
        last = text.rfind(f"\n{kind}\t", pos)
        end = text.find("\n", max(last + 1, pos))
        end = len(text) if end < 0 else end
        yield kind, text[pos:end].replace(f"{kind}\t", "").split("\n")
        pos = end + 1


def repair_clusters(table: ClusterTable | Mapping[str, tuple[str, str]],
                    single: Mapping[str, Iterable[str]]) -> dict[str, frozenset[int]]:
    """The cluster sets of the span repairs (``newskit.nlp.ner``), from the whole table
    and the gazetteer's one-word entries:

    * ``first-name-clusters``: at least 100 and 40 % of the cluster's word forms are
      listed first names (Alan/Angela/Yang; Norbert/Otto);
    * ``name-clusters``: those, and clusters where at least 100 and 15 % are listed
      first or last names (Merkel/Frei/Turing/Röttgen, which also holds common nouns);
    * ``genitive-place-clusters``: at least 100 and 30 % are a listed place + s
      (``Berlins``, ``Moskaus``, ``Washingtons``).
    """
    size: Counter = Counter()
    genitive: Counter = Counter()
    cluster_of: dict[str, str] = {}
    for word, (c, _) in table.items():
        size[c] += 1
        cluster_of[word] = c
        if word.endswith("s") and "place" in single.get(word[:-1], ()):
            genitive[c] += 1
    first, name = Counter(), Counter()
    for word, kinds in single.items():
        c = cluster_of.get(word)
        if c is not None:
            first[c] += "first" in kinds
            name[c] += "first" in kinds or "last" in kinds
    size.pop("0", None)
    firsts = frozenset(int(c) for c in size if first[c] >= 100 and first[c] >= 0.4 * size[c])
    names = frozenset(int(c) for c in size if name[c] >= 100 and name[c] >= 0.15 * size[c])
    places = frozenset(int(c) for c, n in genitive.items()
                       if c != "0" and n >= 100 and n >= 0.3 * size[c])
    return {"first-name-clusters": firsts, "name-clusters": firsts | names,
            "genitive-place-clusters": places}


@lru_cache(maxsize=1)
def repair_cluster_sets() -> dict[str, frozenset[int]]:
    """``repair_clusters`` as stored in the cluster file's header (derived when absent)."""
    table = cluster_table()
    if all(k in table.meta for k in META_KEYS):
        return {k: table.meta[k] for k in META_KEYS}
    return repair_clusters(table, gazetteer()[0])
