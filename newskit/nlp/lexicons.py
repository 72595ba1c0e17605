"""Moved to :mod:`newskit.lang.de.nouns` (kept so existing imports work; no pickle anywhere)."""

from newskit.lang.de.nouns import NAME_KINDS, noun_lexicon

__all__ = ["noun_lexicon", "NAME_KINDS"]
