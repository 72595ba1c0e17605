"""Choosing and building the German pipeline.

``load_pipeline()`` prefers an installed German spaCy model
(``de_core_news_lg``, ``md``, ``sm``) and otherwise builds the **embedded
pipeline** on ``spacy.blank("de")``: sentence rules, the HanTa tagger
(STTS tags, lemmas, Konjunktiv) and newskit's CRF entity recogniser. Both
kinds of pipeline are then given newskit's own components (entity
canonicalisation, quotes, sentiment), so extractors see the same interface.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import spacy
from spacy.language import Language

import newskit
from newskit.components import entities as _entities  # noqa: F401  (registers the factory)
from newskit.components import gender as _gender  # noqa: F401
from newskit.components import quotes as _quotes  # noqa: F401
from newskit.components import sentiment as _sentiment  # noqa: F401
from newskit.nlp import ner as _ner  # noqa: F401
from newskit.nlp import sentences as _sentences  # noqa: F401
from newskit.nlp import tagger as _tagger  # noqa: F401

INSTALLED_MODELS = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
EMBEDDED = "newskit_embedded"
# spaCy's tokenizer remembers the tokens of at most 10,000 distinct whitespace-separated
# chunks; past that (a corpus of ~150 news articles) every new chunk goes through its affix
# rules again and tokenizing runs 3-5x slower. Remembering more changes no token.
TOKENIZER_CACHE = 200_000


def _installed_model() -> str | None:
    for name in INSTALLED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def build_embedded(*, ner: bool = True) -> Language:
    """Build newskit's embedded German pipeline (no download, no installed model)."""
    nlp = spacy.blank("de")
    nlp.add_pipe("newskit_sentencizer")
    nlp.add_pipe("newskit_tagger")
    if ner:
        nlp.add_pipe("newskit_ner")
    nlp.meta["name"] = EMBEDDED
    nlp.meta["version"] = newskit.__version__
    return nlp


def add_newskit_components(nlp: Language) -> Language:
    """Add newskit's extractors (entities, quotes, sentiment) to any German pipeline."""
    tokenizer = getattr(nlp, "tokenizer", None)
    if getattr(tokenizer, "max_cache_size", TOKENIZER_CACHE) < TOKENIZER_CACHE:
        tokenizer.max_cache_size = TOKENIZER_CACHE
    for name in ("newskit_entities", "newskit_quotes", "newskit_gender", "newskit_sentiment"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str) -> Language:
    return _load(model)


def _load(model: str) -> Language:
    if model in ("auto", EMBEDDED):
        name = _installed_model() if model == "auto" else None
        nlp = spacy.load(name) if name else build_embedded()
    else:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise OSError(
                f"German pipeline {model!r} is not installed; use model='auto' for newskit's "
                "embedded pipeline"
            ) from exc
    if nlp.lang != "de":
        raise ValueError(f"pipeline {model!r} is for language {nlp.lang!r}, not German")
    return add_newskit_components(nlp)


def load_pipeline(model: str | Language = "auto", *, cache: bool = True) -> Language:
    """Return a German spaCy pipeline with newskit's extractors.

    Args:
        model: ``"auto"`` (an installed ``de_core_news_lg/md/sm`` if any, else
            the embedded pipeline), ``"newskit_embedded"``, a package name or a
            path of a spaCy pipeline, or a ``Language`` object to extend.
        cache: reuse a pipeline already built in this process.

    Example:
        >>> nlp = load_pipeline()
        >>> doc = nlp("Die Situation sei kritisch, sagte Blinken.")
        >>> [(q.text, q._.nk_speaker.text) for q in doc.spans["quotes"]]
        [('Die Situation sei kritisch', 'Blinken')]
    """
    if isinstance(model, Language):
        return add_newskit_components(model)
    return _cached(model) if cache else _load(model)


# installed packages whose code or models change what the pipeline produces
MODEL_PACKAGES = ("spacy", "HanTa", "python-crfsuite", "german-nouns", "numpy")


def _versions() -> dict[str, str | None]:
    out = {}
    for name in MODEL_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every file of the installed newskit package (code, word lists, models,
    gazetteer, cluster tables) and of the versions of the packages that bear models, so
    an edited install or a retrained model never reuses results cached by other code.

    >>> len(code_fingerprint())
    16
    """
    root = Path(newskit.__file__).parent
    h = hashlib.sha256(json.dumps(_versions(), sort_keys=True).encode())
    for f in sorted(root.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".pyo"):
            h.update(f.relative_to(root).as_posix().encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]


def _file_hashes(config: dict) -> dict[str, str]:
    """Content hashes of the files a component config points to (e.g. a user's lexicon)."""
    out = {}
    for value in config.values():
        if isinstance(value, str) and value and Path(value).is_file():
            out[value] = hashlib.sha256(Path(value).read_bytes()).hexdigest()[:16]
    return out


def pipeline_fingerprint(nlp: Language) -> str:
    """A short hash that changes with the model, its version, components and settings,
    with newskit's version and code, and with the content of any file a component's
    config names."""
    meta = {
        "name": nlp.meta.get("name"), "version": nlp.meta.get("version"),
        "lang": nlp.lang, "pipes": nlp.pipe_names, "newskit": newskit.__version__,
        "code": code_fingerprint(),
        "config": {n: dict(nlp.get_pipe_config(n)) for n in nlp.pipe_names},
        "files": {n: _file_hashes(dict(nlp.get_pipe_config(n))) for n in nlp.pipe_names},
    }
    blob = json.dumps(meta, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
