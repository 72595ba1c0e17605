"""Named entities (PER, LOC, ORG, MISC) for the embedded pipeline.

A linear-chain CRF (python-crfsuite) over hand-made token features: the word
and its shape, prefixes and suffixes, HanTa's STTS tag (which tells nouns
from proper names, the crux in German where every noun is capitalised),
german-nouns word classes, hyphen parts (``US-Kollege`` is a common noun with a
name inside), gazetteer hits (first names, surnames, places), and the same for
the words either side. It is trained on GermEval 2014 (CC BY 4.0) and the
Europeana Newspapers NER corpus (CC0) with domain-split features; see NOTICE
and ``bench/train_ner.py``.

The model file ``newskit/data/ner_de.crfsuite.gz`` and the name lists
``newskit/data/gazetteer_de.tsv.gz`` (``bench/build_gazetteer.py``) ship inside
the package.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_FILE = "ner_de.crfsuite.gz"
GAZETTEER_FILE = "gazetteer_de.tsv.gz"
MAX_GAZ_WORDS = 4
LABELS = ("PER", "LOC", "ORG", "MISC")

# Words that typically stand right before a person's name in German news.
_PERSON_CUES = frozenset(
    "herr frau dr. prof. präsident präsidentin kanzler kanzlerin minister ministerin sprecher "
    "sprecherin chef chefin trainer trainerin bürgermeister bürgermeisterin außenminister "
    "außenministerin regierungschef vorsitzende vorsitzender abgeordnete abgeordneter sänger "
    "sängerin autor autorin kollege kollegin papst könig königin".split()
)
_LOC_CUES = frozenset("in nach aus im bei von gegen über".split())


def _shape(word: str) -> str:
    s = re.sub(r"[A-ZÄÖÜ]", "X", word)
    s = re.sub(r"[a-zäöüß]", "x", s)
    s = re.sub(r"[0-9]", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


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
        "lx": known, "lt": ctag, "lxt": f"{known}|{tag}", "nk": nk, "nkt": f"{nk}|{tag}",
        "sc": _suffix_class(low),
        "w": low, "s": _shape(word), "p3": low[:3], "x2": low[-2:], "x3": low[-3:],
        "x4": low[-4:], "t": tag, "up": word.isupper(), "ti": word[:1].isupper(),
        "len": min(len(word), 12) // 3,
    }
    if "-" in word.strip("-"):
        head, _, tail = word.rpartition("-")
        f["hh"] = head.lower()
        f["ht"] = tail.lower()
        f["htti"] = tail[:1].isupper()
    if low in _PERSON_CUES or (low.endswith("minister") or low.endswith("ministerin")):
        f["pcue"] = True
    return f


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, frozenset[str]], dict[tuple[str, ...], frozenset[str]]]:
    """Name lists shipped in ``newskit/data/gazetteer_de.tsv.gz`` (see bench/build_gazetteer.py).

    Returns ``(single, multi)``: one-word entries and multi-word entries (as word
    tuples), each mapped to their kinds (``first``, ``last``, ``place``, ``org``).
    """
    import gzip

    single: dict[str, set[str]] = {}
    multi: dict[tuple[str, ...], set[str]] = {}
    path = resources.files("newskit") / "data" / GAZETTEER_FILE
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, _, name = line.rstrip("\n").partition("\t")
            words = tuple(name.split())
            if len(words) == 1:
                single.setdefault(name, set()).add(kind)
            elif len(words) <= MAX_GAZ_WORDS:
                multi.setdefault(words, set()).add(kind)
    return ({k: frozenset(v) for k, v in single.items()},
            {k: frozenset(v) for k, v in multi.items()})


def gazetteer_features(words: Sequence[str]) -> list[list[str]]:
    """Gazetteer hits per word: ``gz=place`` for a listed word (``gz=places`` for
    its genitive), ``gm=Bplace``/``gm=Iplace`` inside the longest listed word sequence.

    >>> gazetteer_features(["Anna", "fuhr", "nach", "New", "York"])[3]
    ['gm=Bplace']
    """
    single, multi = gazetteer()
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
        for size in range(min(MAX_GAZ_WORDS, n - i), 1, -1):
            kinds = multi.get(tuple(words[i:i + size]))
            if kinds:
                for j in range(i, i + size):
                    out[j] += [f"gm={'B' if j == i else 'I'}{k}" for k in sorted(kinds)]
                i += size
                break
        else:
            i += 1
    return out


def sentence_features(words: Sequence[str], tags: Sequence[str],
                      domain: str = "news") -> list[list[str]]:
    """crfsuite feature strings for one sentence of ``words`` with STTS ``tags``.

    Every feature also appears prefixed with ``domain`` (``news`` for GermEval and
    for all prediction, ``hist`` for the historical Europeana newspapers): the
    model learns what holds in both domains and what is particular to one
    ("frustratingly easy" domain adaptation, Daumé III 2007).
    """
    feats = _sentence_features(words, tags)
    return [fs + [f"{domain}:{f}" for f in fs] for fs in feats]


@lru_cache(maxsize=300_000)
def _word_block(word: str, tag: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """Feature strings of one (word, tag): its own, and as seen from each neighbour offset."""
    b = _word_features(word, tag)
    own = tuple(f"{k}={v}" for k, v in b.items())
    seen: dict[int, tuple[str, ...]] = {}
    for off in (-2, -1, 1, 2):
        fs = [f"{off}w={b['w']}", f"{off}t={b['t']}", f"{off}s={b['s']}", f"{off}lx={b['lx']}"]
        if off in (-1, 1):
            fs += [f"{off}x3={b['x3']}", f"{off}ti={b['ti']}", f"{off}nk={b['nk']}",
                   f"{off}sc={b['sc']}"]
            if b.get("pcue"):
                fs.append(f"{off}pcue")
        if off == -1 and b["w"] in _LOC_CUES:
            fs.append("-1loc")
        seen[off] = tuple(fs)
    return own, seen


def _sentence_features(words: Sequence[str], tags: Sequence[str]) -> list[list[str]]:
    blocks = [_word_block(w, t) for w, t in zip(words, tags)]
    gaz = gazetteer_features(words)
    out = []
    n = len(words)
    for i in range(n):
        feats = list(blocks[i][0])
        if i == 0:
            feats.append("BOS")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                feats += blocks[j][1][off]
            else:
                feats.append(f"{off}pad")
        feats += gaz[i]
        for off in (-1, 1):
            if 0 <= i + off < n:
                feats += [f"{off}{g}" for g in gaz[i + off]]
        feats.append(f"t|t+1={tags[i]}|{tags[i + 1] if i + 1 < n else 'EOS'}")
        feats.append(f"t-1|t={tags[i - 1] if i else 'BOS'}|{tags[i]}")
        out.append(feats)
    return out


@lru_cache(maxsize=2)
def _tagger(path: str):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(_unpacked(Path(path))))
    return tagger


def _unpacked(path: Path) -> Path:
    """A gzip-compressed model is unpacked into the newskit cache folder; other paths are
    used as they are.

    The unpacked file is named after the SHA-256 of the packed one and is used only if
    its own SHA-256 equals that of the freshly decompressed package data (a damaged,
    truncated or planted file could crash CRFsuite); otherwise it is rewritten
    atomically. With the cache off it goes to a private temporary folder instead.
    """
    if path.suffix != ".gz":
        return path
    import atexit
    import gzip
    import hashlib
    import shutil
    import tempfile

    from newskit import cache as nkcache

    packed = path.read_bytes()
    data = gzip.decompress(packed)
    digest = hashlib.sha256(packed).hexdigest()[:16]
    name = f"{path.stem.removesuffix('.crfsuite')}-{digest}.crfsuite"
    folder = nkcache.persistent_dir("models")
    if folder is not None:
        target = folder / name
        if nkcache.matches(target, hashlib.sha256(data).hexdigest()):
            return target
        try:
            nkcache.write_atomic(target, data)
            return target
        except OSError:
            pass
    folder = Path(tempfile.mkdtemp(prefix="newskit-model-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / name).write_bytes(data)
    return folder / name


def default_model_path() -> Path:
    """Path of the NER model shipped with newskit (gzip-compressed CRFsuite file)."""
    return Path(str(resources.files("newskit") / "data" / MODEL_FILE))


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Turn BIO labels into ``(start, end, label)`` token spans (end exclusive).

    >>> bio_to_spans(["B-PER", "I-PER", "O", "I-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, cur = None, None
    for i, lab in enumerate(list(labels) + ["O"]):
        kind = lab[2:] if lab != "O" else None
        if lab.startswith("I-") and cur == kind:
            continue
        if cur is not None:
            spans.append((start, i, cur))
            start, cur = None, None
        if kind is not None:
            start, cur = i, kind
    return spans


class CRFEntityRecognizer:
    """spaCy component that writes ``doc.ents`` from the CRF model."""

    def __init__(self, nlp: Language, name: str, model_path: str | None):
        from newskit.lang.de.nouns import noun_lexicon

        self.name = name
        self.model_path = str(model_path or default_model_path())
        noun_lexicon()  # load the word lists when the pipeline is built (forked workers share them)
        gazetteer()
        if Path(self.model_path).exists():
            _tagger(self.model_path)

    def __call__(self, doc: Doc) -> Doc:
        if not Path(self.model_path).exists():
            raise FileNotFoundError(
                f"NER model not found at {self.model_path}; "
                "train one with `python bench/train_ner.py --out PATH`"
            )
        tagger = _tagger(self.model_path)
        ents: list[Span] = []
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            feats = sentence_features([t.text for t in toks], [t.tag_ or "X" for t in toks])
            labels = tagger.tag(feats)
            for s, e, label in bio_to_spans(labels):
                span = doc[toks[s].i : toks[e - 1].i + 1]
                span = _trim(span)
                if span is not None:
                    ents.append(Span(doc, span.start, span.end, label=label))
        doc.ents = _no_overlap(ents)
        return doc


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _no_overlap(spans: list[Span]) -> list[Span]:
    out, last = [], -1
    for s in sorted(spans, key=lambda s: (s.start, -len(s))):
        if s.start >= last:
            out.append(s)
            last = s.end
    return out


@Language.factory("newskit_ner", default_config={"model_path": None})
def make_ner(nlp: Language, name: str, model_path: str | None) -> CRFEntityRecognizer:
    return CRFEntityRecognizer(nlp, name, model_path)


# ------------------------------------------------------------------ corpora
def read_germeval(path: str | Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield ``(words, BIO labels)`` per sentence of a GermEval 2014 TSV file.

    The outer column is used; ``OTH`` becomes ``MISC``; ``*deriv`` and
    ``*part`` labels (e.g. ``B-LOCderiv``) are returned unchanged so that an
    evaluation can ignore them.
    """
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield words, labels
                words, labels = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            labels.append(cols[2].replace("OTH", "MISC"))
    if words:
        yield words, labels


def read_conll(path: str | Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield ``(words, labels)`` per sentence of a ``token LABEL`` file.

    Blank lines separate sentences; files without them (Europeana) are cut
    after sentence-final punctuation. Malformed labels are normalised
    (``B-PEr`` → ``B-PER``); anything unknown becomes ``O``.
    """
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if words:
                    yield words, labels
                words, labels = [], []
                continue
            if len(parts) < 2:
                continue
            word, lab = parts[0], parts[-1].upper()
            if lab != "O" and not re.fullmatch(r"[BI]-(PER|LOC|ORG|MISC)", lab):
                lab = "O"
            words.append(word)
            labels.append(lab)
            if word in (".", "!", "?") and len(words) > 3:
                yield words, labels
                words, labels = [], []
    if words:
        yield words, labels


def clean_training_labels(labels: Iterable[str]) -> list[str]:
    """Map ``*deriv``/``*part`` labels to ``O`` for training."""
    return ["O" if ("deriv" in lab or "part" in lab) else lab for lab in labels]


def train(
    sentences: Iterable[tuple[list[str], list[str]]],
    out_path: str | Path,
    *,
    historical: Iterable[tuple[list[str], list[str]]] = (),
    c1: float = 0.05,
    c2: float = 0.05,
    max_iterations: int = 150,
    progress: bool = True,
) -> Path:
    """Train the CRF on ``(words, labels)`` sentences and write it to ``out_path``.

    ``sentences`` are modern news/encyclopedia text (GermEval); ``historical``
    ones (Europeana) train the shared and the ``hist:`` features only.
    """
    import pycrfsuite
    from tqdm.auto import tqdm

    from newskit.nlp.tagger import tag_tokens

    trainer = pycrfsuite.Trainer(verbose=False)
    data = [(s, "news") for s in sentences] + [(s, "hist") for s in historical]
    for (words, labels), domain in tqdm(data, desc="features", disable=not progress):
        tags = [t for t, _ in tag_tokens(words)]
        trainer.append(sentence_features(words, tags, domain), clean_training_labels(labels))
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": max_iterations,
        "feature.possible_transitions": True, "feature.minfreq": 1,
    })
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if out_path.suffix != ".gz":
        trainer.train(str(out_path))
        return out_path
    import gzip
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # a ``.gz`` path gets the compressed model
        plain = Path(tmp) / "model.crfsuite"
        trainer.train(str(plain))
        out_path.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=9, mtime=0))
    return out_path
