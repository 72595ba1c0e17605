"""Named entities (PER, LOC, ORG, MISC) for the embedded pipeline.

A linear-chain CRF (trained with python-crfsuite, decoded with numpy by
``newskit.nlp.crf_model``) over hand-made token features
(``newskit.nlp.ner_features``: word shape and affixes, HanTa's STTS tag,
german-nouns word classes, gazetteer hits, Brown clusters and word frequencies,
k-means clusters from the Bundestag protocols, for the word and its neighbours; word
bigrams), followed by a few span repairs for errors the
CRF makes systematically (``newskit.nlp.ner_repairs``). It is trained on GermEval 2014
(CC BY 4.0), the Europeana Newspapers NER corpus (CC0), SmartData and MobIE
(CC BY 4.0) with domain-split features; see NOTICE, ``newskit.nlp.ner_training``
and ``training/README.md``.

The model file ``newskit/data/ner_de.crfsuite.gz``, the name lists
``newskit/data/gazetteer_de.tsv.gz`` and the cluster tables
``newskit/data/clusters_de.tsv.gz`` and ``bt_clusters_de.tsv.gz`` ship inside the
package; ``newskit.nlp.ner_tables`` loads the first two (the cluster table is searched
in place, not turned into a dict), ``newskit.nlp.ner_features.bt_clusters`` the third.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

from spacy.attrs import IS_SPACE, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from newskit.nlp.crf_model import CRFModel
from newskit.nlp.doctext import token_texts
from newskit.nlp.ner_features import (  # noqa: F401  (re-exported)
    GAZETTEER_FILE,
    MAX_GAZ_WORDS,
    bt_clusters,
    cluster_table,
    gazetteer,
    gazetteer_features,
    lexicon_class,
    sentence_features,
)
from newskit.nlp.ner_repairs import (  # noqa: F401  (re-exported)
    BRANCH_COUNTRIES,
    genitive_place_clusters,
    name_clusters,
    repair_spans,
)
from newskit.nlp.ner_rows import window_scores
from newskit.nlp.ner_training import (  # noqa: F401  (re-exported)
    clean_training_labels,
    read_conll,
    read_germeval,
    train,
)
from newskit.nlp.sentences import sentence_bounds

MODEL_FILE = "ner_de.crfsuite.gz"
LABELS = ("PER", "LOC", "ORG", "MISC")


@lru_cache(maxsize=2)
def _model(path: str) -> CRFModel:
    """The model at ``path`` as arrays (``newskit.nlp.crf_model``), read from the
    verified unpacked file."""
    return CRFModel.from_bytes(_unpacked(Path(path)).read_bytes())


@lru_cache(maxsize=2)
def _tagger(path: str):
    """CRFsuite's own tagger for the model at ``path`` (the reference the array decoder
    is checked against; ``tests/test_crf_model.py``)."""
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


def feature_domain(model_path: str | Path) -> str | None:
    """The domain prefix the model at ``model_path`` expects on a copy of every feature:
    ``"news"`` (a model as ``train`` writes it), or ``None`` when a JSON file next to it
    (``ner_de.json`` for ``ner_de.crfsuite.gz``) says ``"merged_domain": "news"`` — its
    ``news:`` weights were folded into the plain features
    (``training/strip_crf_model.py --merge news:``), so the plain features alone give
    the same scores with half the lookups.

    >>> feature_domain(default_model_path()) is None
    True
    """
    import json

    path = Path(model_path)
    meta = path.with_name(path.name.split(".crfsuite")[0] + ".json")
    if meta.is_file():
        try:
            if json.loads(meta.read_text(encoding="utf-8")).get("merged_domain") == "news":
                return None
        except (ValueError, AttributeError) as err:
            raise ValueError(f"{meta}: not a valid model description ({err})") from None
    return "news"


def default_model_path() -> Path:
    """Path of the NER model shipped with newskit (gzip-compressed CRFsuite file)."""
    return Path(str(resources.files("newskit") / "data" / MODEL_FILE))


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Turn BIO (or BIOES) labels into ``(start, end, label)`` token spans (end exclusive).

    >>> bio_to_spans(["B-PER", "I-PER", "O", "I-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC')]
    >>> bio_to_spans(["B-PER", "E-PER", "S-PER", "S-LOC"])
    [(0, 2, 'PER'), (2, 3, 'PER'), (3, 4, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, cur = None, None
    for i, lab in enumerate(list(labels) + ["O"]):
        kind = lab[2:] if lab != "O" else None
        if lab[:2] in ("I-", "E-") and cur == kind:
            continue
        if cur is not None:
            spans.append((start, i, cur))
            start, cur = None, None
        if kind is not None:
            start, cur = i, kind
    return spans


class CRFEntityRecognizer:
    """spaCy component that writes ``doc.ents`` from the CRF model (and ``repair_spans``)."""

    def __init__(self, nlp: Language, name: str, model_path: str | None, repair: bool = True):
        from newskit.lang.de.nouns import noun_lexicon

        self.name = name
        self.repair = repair
        self.model_path = str(model_path or default_model_path())
        noun_lexicon()  # load the word lists when the pipeline is built (forked workers share them)
        gazetteer()
        cluster_table()
        bt_clusters()
        name_clusters()  # derived tables of the span repairs
        genitive_place_clusters()
        self._found = Path(self.model_path).exists()
        self.domain = feature_domain(self.model_path)
        if self._found:
            _model(self.model_path)

    def __call__(self, doc: Doc) -> Doc:
        if not self._found and not Path(self.model_path).exists():
            raise FileNotFoundError(
                f"NER model not found at {self.model_path}; "
                "train one with `python training/train_ner.py --out PATH`"
            )
        model = _model(self.model_path)
        ents: list[Span] = []
        for toks, words, labels in self._tagged_sentences(doc, model):
            spans = [sp for sp in bio_to_spans(labels) if sp[2] in LABELS]  # no *deriv/*part
            if self.repair:
                spans = repair_spans(words, spans)
            for s, e, label in spans:
                span = doc[toks[s] : toks[e - 1] + 1]
                span = _trim(span)
                if span is not None:
                    ents.append(Span(doc, span.start, span.end, label=label))
        doc.ents = _no_overlap(ents)
        return doc


    def _tagged_sentences(self, doc: Doc, model: CRFModel):
        """``(token indices, words, BIO labels)`` per sentence (space tokens left out), in
        document order. Up to ``WINDOW`` sentences are scored, then tagged in batches of
        similar length (at most ``BATCH_CELLS`` padded tokens per batch: padding costs
        Viterbi steps)."""
        if not len(doc):
            return
        texts = token_texts(doc)  # plain lists: no Token object per token
        space = doc.to_array(IS_SPACE).tolist()
        tag_ids = doc.to_array(TAG).tolist()
        strings = doc.vocab.strings
        names = {h: (strings[h] if h else "X") for h in set(tag_ids)}
        window: list = []  # (token indices, words, tags)
        for start, end in sentence_bounds(doc):
            toks = [i for i in range(start, end) if not space[i]]
            if not toks:
                continue
            window.append((toks, [texts[i] for i in toks], [names[tag_ids[i]] for i in toks]))
            if len(window) >= WINDOW:
                yield from self._scored_window(window, model)
                window = []
        yield from self._scored_window(window, model)

    def _scored_window(self, window: list, model: CRFModel):
        """Score ``(token indices, words, tags)`` sentences together, then tag them."""
        scores = window_scores([(words, tags) for _, words, tags in window], model, self.domain)
        yield from _tag_window([(toks, words, s) for (toks, words, _), s in zip(window, scores)],
                               model)


def _tag_window(window: list, model: CRFModel):
    """Tag ``(token indices, words, scores)`` sentences shortest first, in batches of at
    most ``BATCH_CELLS`` padded tokens; yield them in their own order with their labels."""
    order = sorted(range(len(window)), key=lambda k: len(window[k][1]))
    labels: list = [None] * len(window)
    batch: list[int] = []
    for k in order:  # the longest sentence of a batch is its last
        if batch and (len(batch) + 1) * len(window[k][1]) > BATCH_CELLS:
            _tag_batch(window, batch, labels, model)
            batch = []
        batch.append(k)
    _tag_batch(window, batch, labels, model)
    for (toks, words, _), labs in zip(window, labels):
        yield toks, words, labs


def _tag_batch(window: list, batch: list[int], labels: list, model: CRFModel) -> None:
    if batch:
        for k, labs in zip(batch, model.tag_scores([window[k][2] for k in batch])):
            labels[k] = labs


#: sentences × longest sentence tagged together at most (memory of one Viterbi batch)
BATCH_CELLS = 20_000
#: sentences scored before they are tagged (sorted by length within this window)
WINDOW = 2_000


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


@Language.factory("newskit_ner", default_config={"model_path": None, "repair": True})
def make_ner(nlp: Language, name: str, model_path: str | None,
             repair: bool = True) -> CRFEntityRecognizer:
    return CRFEntityRecognizer(nlp, name, model_path, repair)
