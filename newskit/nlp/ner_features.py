"""Token features of the CRF entity model (``newskit.nlp.ner``).

The word and its shape, prefixes and suffixes, HanTa's STTS tag (which tells
nouns from proper names, the crux in German where every noun is capitalised),
german-nouns word classes, hyphen parts (``US-Kollege`` is a common noun with a
name inside), gazetteer hits (first names, surnames, places, organisations),
Brown-cluster path prefixes and frequency bins of the word (distributional
knowledge from a large web corpus: Merkel, Lawrow and Scholz share a cluster),
k-means clusters of our own at three granularities from the Bundestag protocols
(a second distributional view, from political speech), and the same for the words
either side; plus word bigrams and a short-shape trigram across the word's
neighbours (``Bayern 3``, ``Xbox 360``). Every per-word feature is computed once per
(word, tag) and cached, so a sentence costs time linear in its length.

``newskit/data/gazetteer_de.tsv.gz`` is built by ``training/build_gazetteer.py``,
``newskit/data/clusters_de.tsv.gz`` by ``training/build_clusters.py`` (both loaded by
``newskit.nlp.ner_tables``), ``newskit/data/bt_clusters_de.tsv.gz`` by
``training/build_bundestag_clusters.py``. Short quotations are marked too (quoted titles are MISC).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Sequence

from newskit.nlp.ner_tables import (  # noqa: F401  (re-exported)
    CLUSTER_FILE,
    GAZETTEER_FILE,
    MAX_GAZ_WORDS,
    cluster_table,
    gazetteer,
)

BT_CLUSTER_FILE = os.environ.get("NEWSKIT_NER_BT", "bt_clusters_de.tsv.gz")
CLUSTER_PREFIXES = (4, 6, 10, 16)  # bits of the Brown-cluster path (16 = the whole path)

# Feature groups that can be switched off for an ablation (bench/train_ner.py --ablate):
# NEWSKIT_NER_ABLATE="clusters,freq,bt,bigram" trains and tags without them.
ABLATE = frozenset(filter(None, os.environ.get("NEWSKIT_NER_ABLATE", "").split(",")))

# Words that typically stand right before a person's name in German news.
_PERSON_CUES = frozenset(
    "herr frau dr. prof. präsident präsidentin kanzler kanzlerin minister ministerin sprecher "
    "sprecherin chef chefin trainer trainerin bürgermeister bürgermeisterin außenminister "
    "außenministerin regierungschef vorsitzende vorsitzender abgeordnete abgeordneter sänger "
    "sängerin autor autorin kollege kollegin papst könig königin".split()
)
_LOC_CUES = frozenset("in nach aus im bei von gegen über".split())


_SHAPE = str.maketrans({**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"},
                        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüß"},
                        **{c: "d" for c in "0123456789"}})
_REPEATS = re.compile(r"(.)\1{2,}")
_RUNS = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """``Merkel`` → ``Xxx``, ``G20`` → ``Xdd``: letter classes, runs cut to two."""
    return _shapes(word.translate(_SHAPE))[0]


@lru_cache(maxsize=20_000)
def _shapes(classes: str) -> tuple[str, str]:
    """The shape (runs cut to two) and the short shape (runs cut to one, at most four
    characters) of a word's letter classes; few distinct ``Xxxxxx`` strings cover most
    words, so the regular expressions run once per class string, not once per word."""
    return _REPEATS.sub(r"\1\1", classes), _RUNS.sub(r"\1", classes)[:4]


@lru_cache(maxsize=200_000)
def lexicon_class(word: str) -> tuple[str, str]:
    """HanTa's context-free view of ``word``: (known/guessed, best tag).

    HanTa scores a word it has in its lexicon far higher than one it only
    guesses from the word's shape; an unknown capitalised word is often a name.
    """
    from newskit.nlp.hanta import tag_word

    try:
        cands = tag_word(word)
    except Exception:  # HanTa fails on some odd strings; treat them as unknown
        return "unk", "X"
    if not cands:
        return "unk", "X"
    tag, logp = cands[0]
    known = "known" if float(logp) > -20 else "guess"
    return known, str(tag).replace("(", "").replace(")", "")


def _noun_kind(word: str) -> str:
    from newskit.lang.de.nouns import noun_lexicon

    lex = noun_lexicon()
    kind = lex.get(word)
    if kind is None and word.endswith("s") and len(word) > 3:
        kind = lex.get(word[:-1])
        kind = f"gen:{kind}" if kind else None
    if kind is None and "-" in word:
        tail = lex.get(word.rsplit("-", 1)[1])
        kind = f"tail:{tail}" if tail else None
    return kind or "none"


ORG_SUFFIXES = ("verband", "verein", "partei", "bank", "amt", "ministerium", "gesellschaft",
                "institut", "universität", "gmbh", "konzern", "bund", "rat", "kommission",
                "gericht", "agentur", "stiftung", "club", "klub", "union", "gruppe", "werke",
                "behörde", "polizei", "fraktion", "akademie", "hochschule", "schule", "zeitung",
                "verlag", "sender", "liga", "ag", "se", "kg", "gewerkschaft", "kirche")
LOC_SUFFIXES = ("stadt", "dorf", "burg", "berg", "heim", "hausen", "ingen", "feld", "see",
                "tal", "land", "platz", "straße", "strasse", "weiler", "bach", "brück", "furt",
                "hafen", "insel", "kreis", "gebirge", "wald", "au", "stein", "hof")


def _suffix_class(low: str) -> str:
    if low.endswith(ORG_SUFFIXES):
        return "org"
    if low.endswith(LOC_SUFFIXES):
        return "loc"
    return "-"


def _word_features(word: str, tag: str) -> dict[str, object]:
    low = word.lower()
    known, ctag = lexicon_class(word) if word[:1].isalpha() else ("sym", "X")
    nk = _noun_kind(word) if word[:1].isupper() else "lower"
    f: dict[str, object] = {
        "lt": ctag, "lxt": f"{known}|{tag}", "nk": nk, "nkt": f"{nk}|{tag}",
        "sc": _suffix_class(low),
        "w": low, "s": _shape(word), "p3": low[:3], "x2": low[-2:], "x3": low[-3:],
        "x4": low[-4:], "t": tag, "len": min(len(word), 12) // 3,
    }
    if "-" in word.strip("-"):
        head, _, tail = word.rpartition("-")
        f["hh"] = head.lower()
        f["ht"] = tail.lower()
        f["htti"] = tail[:1].isupper()
    if low in _PERSON_CUES or (low.endswith("minister") or low.endswith("ministerin")):
        f["pcue"] = True
    f.update(_cluster_features(word))
    if "bt" not in ABLATE:
        bt = bt_clusters().get(word)
        if bt is None and word[:1].isupper():
            bt = bt_clusters().get(low)
            f["bt"] = "low" if bt else "none"
        if bt:
            for name, c in zip(("b1", "b2", "b3"), bt.split("\t")):
                f[name] = c
    return f


def _short_shape(word: str) -> str:
    """``Merkel`` → ``Xx``, ``G20`` → ``Xd``, ``-`` → ``-``: letter classes, runs cut to one."""
    return _shapes(word.translate(_SHAPE))[1]


@lru_cache(maxsize=1)
def bt_clusters() -> dict[str, str]:
    """Word → its cluster numbers at each k of the Bundestag clusters, tab-separated
    (``newskit/data/bt_clusters_de.tsv.gz``, ``training/build_bundestag_clusters.py``;
    one string per word, not a tuple: 45,000 fewer objects for the garbage collector)."""
    import gzip
    from importlib import resources

    path = resources.files("newskit") / "data" / BT_CLUSTER_FILE
    if not path.is_file():
        return {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in text.split("\n")[1:] if line)


def _cluster_features(word: str) -> dict[str, object]:
    """Cluster-path prefixes, frequency bin, and how the capitalised form compares
    with the lower-case one (``Frei`` vs ``frei``: a name or a sentence-initial word)."""
    table = cluster_table()
    hit = table.get(word)
    f: dict[str, object] = {}
    if "clusters" not in ABLATE:
        cluster = int(hit[0]) if hit else 0
        if cluster:
            for bits in CLUSTER_PREFIXES:
                f[f"c{bits}"] = cluster & ((1 << bits) - 1)
        else:
            f["c4"] = "none"
    if "freq" not in ABLATE:
        f["fq"] = hit[1] if hit else 99
        if word[:1].isupper() and not word.isupper():
            low = table.get(word.lower())
            if low is None:
                f["lr"] = "nolow"
            elif hit is None:
                f["lr"] = "lowonly"
            else:
                f["lr"] = max(-3, min(3, int(low[1]) - int(hit[1])))  # >0: capitalised commoner
    return f


def gazetteer_features(words: Sequence[str]) -> list[list[str]]:
    """Gazetteer hits per word: ``gz=place`` for a listed word (``gz=places`` for
    its genitive), ``gm=Bplace``/``gm=Iplace`` inside the longest listed word sequence.

    >>> gazetteer_features(["Anna", "fuhr", "nach", "New", "York"])[3]
    ['gm=Bplace']
    """
    single, multi = gazetteer()
    starts = _multi_starts()
    n = len(words)
    out: list[list[str]] = [[] for _ in range(n)]
    for i, w in enumerate(words):
        kinds = single.get(w)
        suffix = ""
        if not kinds and w.endswith("s") and len(w) > 3:
            kinds, suffix = single.get(w[:-1]), "s"
        if kinds:
            out[i] += [f"gz={k}{suffix}" for k in sorted(kinds)]
    i = 0
    while i < n:
        if words[i] in starts:
            for size in range(min(MAX_GAZ_WORDS, n - i), 1, -1):
                kinds = multi.get(tuple(words[i:i + size]))
                if kinds:
                    for j in range(i, i + size):
                        out[j] += [f"gm={'B' if j == i else 'I'}{k}" for k in sorted(kinds)]
                    i += size - 1
                    break
        i += 1
    return out


@lru_cache(maxsize=1)
def _multi_starts() -> frozenset[str]:
    """First words of the gazetteer's multi-word entries."""
    return frozenset(words[0] for words in gazetteer()[1])


def sentence_features(words: Sequence[str], tags: Sequence[str],
                      domain: str | None = "news") -> list[list[str]]:
    """crfsuite feature strings for one sentence of ``words`` with STTS ``tags``.

    Every feature also appears prefixed with ``domain`` (``news`` for GermEval and
    for all prediction, ``hist`` for the historical Europeana newspapers): the
    model learns what holds in both domains and what is particular to one
    ("frustratingly easy" domain adaptation, Daumé III 2007). The features of each
    (word, tag) are built once (``_word_block``); a sentence only joins them.

    ``domain=None`` gives the plain features only, for a model whose ``news:``
    weights were folded into the plain ones (``training/strip_crf_model.py --merge``):
    the same scores from half the features.

    >>> len(sentence_features(["Anna", "lacht"], ["NE", "VVFIN"])[0]) == \\
    ...     2 * len(sentence_features(["Anna", "lacht"], ["NE", "VVFIN"], domain=None)[0])
    True
    """
    blocks = [_word_block(w, t, domain) for w, t in zip(words, tags)]
    if domain is None:
        encode = list
    else:
        pre = f"{domain}:"

        def encode(extra: list[str]) -> list[str]:
            return [*extra, *[pre + f for f in extra]]
    return _assemble(words, tags, blocks, _pads(domain), encode)


def _assemble(words: Sequence[str], tags: Sequence[str], blocks: list, pads: dict,
              encode) -> list[list[str]]:
    """Join the per-word ``blocks`` (own features, features seen from each neighbour
    offset) of a sentence with the features across words, passed through ``encode``."""
    n = len(words)
    out = []
    for i, extra in enumerate(_across_words(words, tags, blocks)):
        feats = list(blocks[i][0])
        for off in (-2, -1, 1, 2):
            j = i + off
            feats += blocks[j][1][off] if 0 <= j < n else pads[off]
        feats += encode(extra)
        out.append(feats)
    return out


def _across_words(words: Sequence[str], tags: Sequence[str], blocks: list) -> list[list[str]]:
    """Per word, the features that join it with its neighbours: gazetteer and quotation
    positions, tag pairs, word bigrams and the short-shape trigram."""
    n = len(words)
    gaz = gazetteer_features(words)
    quoted = quote_features(words)
    bigrams = "bigram" not in ABLATE
    if bigrams:
        lows = [b[1]["w"] for b in blocks]
        shapes = [b[1]["ss"] for b in blocks]
    out = []
    for i in range(n):
        extra = [*gaz[i], *quoted[i], f"t|t+1={tags[i]}|{tags[i + 1] if i + 1 < n else 'EOS'}",
                 f"t-1|t={tags[i - 1] if i else 'BOS'}|{tags[i]}"]
        if bigrams:
            extra += [f"w-1|w={lows[i - 1] if i else 'BOS'}|{lows[i]}",
                      f"w|w+1={lows[i]}|{lows[i + 1] if i + 1 < n else 'EOS'}",
                      f"s-1|s|s+1={shapes[i - 1] if i else 'BOS'}|{shapes[i]}|"
                      f"{shapes[i + 1] if i + 1 < n else 'EOS'}"]
        if i == 0:
            extra.append("BOS")
        if i > 0:
            extra += [f"-1{g}" for g in gaz[i - 1]]
        if i + 1 < n:
            extra += [f"1{g}" for g in gaz[i + 1]]
        out.append(extra)
    return out


_QUOTE_PAIRS = {"„": "“”\"", "»": "«", "«": "»", '"': '"', "“": "”"}
MAX_QUOTED = 12


def quote_features(words: Sequence[str]) -> list[list[str]]:
    """Where a word stands inside a short quotation (titles of works, newspapers,
    bands and events are often quoted): ``q=Bs`` first word, ``q=Is`` inside, ``q=Es``
    last word of a quotation of up to 4 words (``…l`` for 5 to 12 words).

    >>> quote_features(["Der", "Film", "„", "Das", "Boot", "“", "lief"])[3:5]
    [['q=Bs'], ['q=Es']]
    """
    out: list[list[str]] = [[] for _ in words]
    if _QUOTE_PAIRS.keys().isdisjoint(words):
        return out
    i, n = 0, len(words)
    while i < n:
        close = _QUOTE_PAIRS.get(words[i])
        j = next((k for k in range(i + 1, min(n, i + MAX_QUOTED + 2)) if words[k] in close),
                 None) if close else None
        if j is None or j == i + 1:
            i += 1
            continue
        size = "s" if j - i - 1 <= 4 else "l"
        for k in range(i + 1, j):
            out[k].append(f"q={'B' if k == i + 1 else 'E' if k == j - 1 else 'I'}{size}")
        i = j + 1
    return out


@lru_cache(maxsize=16)
def _pads(domain: str | None) -> dict[int, tuple[str, ...]]:
    return {off: _with_domain([f"{off}pad"], domain) for off in (-2, -1, 1, 2)}


_NEIGHBOUR_CLUSTER_KEYS = {1: ("c6", "c10", "fq", "b2"), 2: ("c6",)}


@lru_cache(maxsize=300_000)
def _word_block(word: str, tag: str, domain: str | None = "news",
                ) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """Feature strings of one (word, tag), each also with the ``domain:`` prefix: its
    own, and as seen from each neighbour offset (keys -2, -1, 1, 2 of the dict, which
    also holds the lower-case word ``"w"`` and short shape ``"ss"`` for the bigrams)."""
    b = _word_features(word, tag)
    seen: dict[int, object] = {"w": b["w"], "ss": _short_shape(word)}
    for off in (-2, -1, 1, 2):
        fs = [f"{off}w={b['w']}", f"{off}t={b['t']}", f"{off}s={b['s']}"]
        if off in (-1, 1):
            fs += [f"{off}x3={b['x3']}", f"{off}nk={b['nk']}"]
            if b.get("pcue"):
                fs.append(f"{off}pcue")
        if off == -1 and b["w"] in _LOC_CUES:
            fs.append("-1loc")
        fs += [f"{off}{k}={b[k]}" for k in _NEIGHBOUR_CLUSTER_KEYS[abs(off)] if k in b]
        seen[off] = _with_domain(fs, domain)
    return _with_domain([f"{k}={v}" for k, v in b.items()], domain), seen


def _with_domain(feats: list[str], domain: str | None) -> tuple[str, ...]:
    if domain is None:
        return tuple(feats)
    pre = f"{domain}:"
    return (*feats, *[pre + f for f in feats])
