"""Polarity lexicons and the German word lists of the sentiment rules, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newskit.lang import de

DEFAULT_LEXICON = "polarity.tsv"


def read_lexicon(path: str | Path) -> dict[str, float]:
    """Read a ``word<TAB>weight`` lexicon; ``#`` lines are comments."""
    lex: dict[str, float] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, weight = line.split("\t")[:2]
        lex[word.strip().lower()] = float(weight)
    return lex


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> dict[str, float]:
    """newskit's polarity lexicon (``lang/de/data/polarity.tsv``), or the one at ``path``.

    >>> load_lexicon()["krieg"] < 0 < load_lexicon()["erfolg"]
    True
    """
    return read_lexicon(path or de.data_path(DEFAULT_LEXICON))


def load_sentiws(folder: str | Path) -> dict[str, float]:
    """Optional backend: read SentiWS v2.0 from ``folder`` (never bundled: CC BY-NC-SA).

    Returns a dict from lower-cased lemma and inflected forms to weights.
    """
    lex: dict[str, float] = {}
    for name in ("SentiWS_v2.0_Positive.txt", "SentiWS_v2.0_Negative.txt"):
        for line in (Path(folder) / name).read_text(encoding="utf-8-sig").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            lemma = parts[0].split("|")[0].lower()
            w = float(parts[1])
            lex[lemma] = w
            for form in parts[2].split(",") if len(parts) > 2 else ():
                if form.strip():
                    lex.setdefault(form.strip().lower(), w)
    return lex


def _factors(name: str) -> dict[str, float]:
    return {k: float(v) for k, v in de.word_table(name).items()}


@dataclass(frozen=True)
class SentimentWords:
    """The word lists the rules use, each from one file in ``lang/de/data``."""

    negators: frozenset[str]
    negation_exceptions: frozenset[str]
    postposed_negators: frozenset[str]
    intensifiers: dict[str, float]
    downtoners: dict[str, float]
    degree_adjectives: dict[str, float]
    contrast: frozenset[str]
    hypothetical: frozenset[str]
    adjective_only: frozenset[str]
    suffix_like_heads: frozenset[str]
    test_results: frozenset[str]
    finding_noun_endings: tuple[str, ...]
    finding_words: tuple[str, ...]
    verbs_unlike_their_noun: frozenset[str]


@lru_cache(maxsize=1)
def sentiment_words() -> SentimentWords:
    """Load every word list of the sentiment rules once."""
    return SentimentWords(
        negators=de.word_list("negators"),
        negation_exceptions=de.word_list("negation_exceptions"),
        postposed_negators=de.word_list("postposed_negators"),
        intensifiers=_factors("intensifiers"),
        downtoners=_factors("downtoners"),
        degree_adjectives=_factors("degree_adjectives"),
        contrast=de.word_list("contrast_words"),
        hypothetical=de.word_list("hypothetical_words"),
        adjective_only=de.word_list("adjective_only"),
        suffix_like_heads=de.word_list("suffix_like_heads"),
        test_results=de.word_list("test_results"),
        finding_noun_endings=de.ordered_list("finding_noun_endings"),
        finding_words=de.ordered_list("finding_words"),
        verbs_unlike_their_noun=de.word_list("verbs_unlike_their_noun"),
    )
