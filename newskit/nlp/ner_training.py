"""Corpora and training for the CRF entity model (``newskit.nlp.ner``).

Readers turn each corpus into ``(words, BIO labels)`` sentences with labels
PER/LOC/ORG/MISC: GermEval 2014 (TSV), CoNLL-style ``token … LABEL`` files
(Europeana Newspapers, MobIE) and SmartData JSON lines (character-offset
mentions). ``train`` writes a CRFsuite model; ``training/train_ner.py`` builds
the shipped one and ``bench/ner_cv.py`` cross-validates.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from newskit.nlp.ner_features import sentence_features

Sentence = tuple[list[str], list[str]]

# Fine-grained SmartData / MobIE types → GermEval labels. Streets, stops and routes are
# finer than GermEval's LOC and annotated differently: sentences with them are left out
# of training and predictions on them are not scored.
FINE_TYPES = {
    "person": "PER",
    "organization": "ORG", "organization-company": "ORG",
    "location": "LOC", "location-city": "LOC",
    "location-street": "skip", "location-stop": "skip", "location-route": "skip",
}


def read_germeval(path: str | Path) -> Iterator[Sentence]:
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


def _conll_label(lab: str, fine: bool) -> str:
    if fine and lab != "O":
        kind = FINE_TYPES.get(lab[2:].lower())
        return f"{lab[:2]}{kind}" if kind else "O"
    lab = lab.upper()
    if lab != "O" and not re.fullmatch(r"[BI]-(PER|LOC|ORG|MISC)", lab):
        return "O"
    return lab


def read_conll(path: str | Path, *, fine_types: bool = False) -> Iterator[Sentence]:
    """Yield ``(words, labels)`` per sentence of a ``token … LABEL`` file.

    Blank lines separate sentences; files without them (Europeana) are cut
    after sentence-final punctuation; ``-DOCSTART-`` lines are skipped. Malformed
    labels are normalised (``B-PEr`` → ``B-PER``); anything unknown becomes ``O``.
    ``fine_types`` maps SmartData/MobIE types (``B-location-city``) with
    ``FINE_TYPES``, where streets, stops and routes become ``B-skip``/``I-skip``.
    """
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if words:
                    yield words, labels
                words, labels = [], []
                continue
            if len(parts) < 2:
                continue
            word = parts[0]
            words.append(word)
            labels.append(_conll_label(parts[-1], fine_types))
            if word in (".", "!", "?") and len(words) > 3 and not fine_types:
                yield words, labels
                words, labels = [], []
    if words:
        yield words, labels


def mention_label(kind: str, text: str) -> str | None:
    """GermEval label of a SmartData mention: PER/ORG/LOC, ``skip`` for streets, stops,
    routes and lower-case nominal mentions (``italienische``, ``gruppe``), else None."""
    label = FINE_TYPES.get(kind.lower().replace("_", "-"))
    if label and label != "skip" and not text[:1].isupper():
        return "skip"
    return label


def smartdata_docs(path: str | Path) -> Iterator[tuple[str, str, list[tuple[int, int, str]]]]:
    """Yield ``(doc type, text, [(start, end, label)])`` per document of a SmartData
    JSON-lines file; labels as in ``mention_label``, other mentions dropped."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            spans = []
            for m in d["mentions"]:
                label = mention_label(m["type"], m["text"])
                if label:
                    spans.append((m["start"], m["end"], label))
            yield d.get("docType") or "", d["text"], spans


def _bio(doc, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * len(doc)
    for start, end, label in spans:
        span = doc.char_span(start, end)  # None when a mention is part of a token ("VW-Chef")
        if span is None:
            if label == "skip":
                for tok in doc:
                    if tok.idx < end and start < tok.idx + len(tok):
                        labels[tok.i] = "I-skip"
            continue
        for tok in span:
            labels[tok.i] = ("B-" if tok.i == span.start else "I-") + label
    return labels


def read_smartdata(path: str | Path, nlp=None) -> Iterator[tuple[list[str], list[str], str]]:
    """Yield ``(words, BIO labels, doc type)`` per sentence of a SmartData JSON-lines
    file, tokenised and split by newskit (``nlp``: a pipeline with the sentencizer).
    Labels may be ``B-skip``/``I-skip`` (see ``mention_label``)."""
    if nlp is None:
        import spacy

        import newskit.nlp.sentences  # noqa: F401  (registers the sentencizer)

        nlp = spacy.blank("de")
        nlp.add_pipe("newskit_sentencizer")
    for doc_type, text, spans in smartdata_docs(path):
        doc = nlp(text)
        labels = _bio(doc, spans)
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if toks:
                yield [t.text for t in toks], [labels[t.i] for t in toks], doc_type


def has_skipped(labels: Sequence[str]) -> bool:
    return any(lab.endswith("skip") for lab in labels)


def clean_training_labels(labels: Iterable[str], parts: bool = False) -> list[str]:
    """Map ``skip`` labels and (unless ``parts``) ``*deriv``/``*part`` labels to ``O`` for
    training. With ``parts`` the model learns GermEval's ``LOCderiv``, ``ORGpart``, … as
    labels of their own, and the recogniser drops them (:data:`newskit.nlp.ner.LABELS`).

    >>> clean_training_labels(["B-LOCderiv", "B-PER", "I-skip"])
    ['O', 'B-PER', 'O']
    >>> clean_training_labels(["B-LOCderiv", "B-PER", "I-skip"], parts=True)
    ['B-LOCderiv', 'B-PER', 'O']
    """
    if parts:
        return ["O" if lab.endswith("skip") else lab for lab in labels]
    return ["O" if ("deriv" in lab or "part" in lab or lab.endswith("skip")) else lab
            for lab in labels]


def sentence_items(sentences: Iterable[Sentence], domain: str = "news",
                   tags: Iterable[list[str]] | None = None, parts: bool = False):
    """``(crfsuite features, training labels)`` per sentence, tagged with HanTa
    (or with the given ``tags``, one list per sentence)."""
    from newskit.nlp.tagger import tag_tokens

    sentences = list(sentences)
    if tags is None:
        tags = ([t for t, _ in tag_tokens(words)] for words, _ in sentences)
    for (words, labels), sent_tags in zip(sentences, tags):
        yield sentence_features(words, sent_tags, domain), clean_training_labels(labels, parts)


def to_bioes(labels: Sequence[str]) -> list[str]:
    """BIO labels in the BIOES scheme: a one-token entity is ``S-``, an entity's last
    token ``E-`` (``newskit.nlp.ner.bio_to_spans`` reads both schemes).

    >>> to_bioes(["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG"])
    ['B-PER', 'E-PER', 'O', 'S-LOC', 'B-ORG', 'I-ORG', 'E-ORG']
    """
    out = list(labels)
    for i, lab in enumerate(labels):
        if lab == "O":
            continue
        ends = i + 1 == len(labels) or labels[i + 1] != "I-" + lab[2:]
        if ends:
            out[i] = ("S-" if lab.startswith("B-") else "E-") + lab[2:]
    return out


SCHEMES = {"bio": list, "bioes": to_bioes}  # label scheme -> conversion of BIO labels


def train_items(items: Iterable[tuple[list[list[str]], list[str]]], out_path: str | Path, *,
                c1: float = 0.05, c2: float = 0.05, max_iterations: int = 150,
                scheme: str = "bio") -> Path:
    """Train the CRF on precomputed ``(features, labels)`` and write it to ``out_path``
    (gzip-compressed when it ends in ``.gz``); ``scheme``: the labels the model learns
    (``bio`` as given, or ``bioes``, see :func:`to_bioes`)."""
    import pycrfsuite

    convert = SCHEMES[scheme]
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in items:
        trainer.append(feats, convert(labels))
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": max_iterations,
        "feature.possible_transitions": True, "feature.minfreq": 1,
    })
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if out_path.suffix != ".gz":
        trainer.train(str(out_path))
        return out_path
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # a ``.gz`` path gets the compressed model
        plain = Path(tmp) / "model.crfsuite"
        trainer.train(str(plain))
        out_path.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=9, mtime=0))
    return out_path


def train(
    sentences: Iterable[Sentence],
    out_path: str | Path,
    *,
    historical: Iterable[Sentence] = (),
    extra: Iterable[tuple[list[str], list[str], str]] = (),
    c1: float = 0.05,
    c2: float = 0.05,
    max_iterations: int = 150,
    progress: bool = True,
) -> Path:
    """Train the CRF on ``(words, labels)`` sentences and write it to ``out_path``.

    ``sentences`` are modern news/encyclopedia text (GermEval, domain ``news``);
    ``historical`` ones (Europeana) train the shared and the ``hist:`` features only;
    ``extra`` are ``(words, labels, domain)`` triples with their own domains.
    """
    from tqdm.auto import tqdm

    data = ([(w, lab, "news") for w, lab in sentences] + [(w, lab, "hist") for w, lab in historical]
            + list(extra))
    items = []
    for words, labels, domain in tqdm(data, desc="features", disable=not progress):
        items += sentence_items([(words, labels)], domain)
    return train_items(items, out_path, c1=c1, c2=c2, max_iterations=max_iterations)
