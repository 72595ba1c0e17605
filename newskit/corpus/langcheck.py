"""Is a text German? A stop-word count, cheap and good enough to flag English or
other languages (``lang`` column and a warning) without dropping anything."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
GERMAN = frozenset(
    "der die das und ist nicht ein eine einen einem einer zu den von mit sich des auf für "
    "im dem sie es auch als an wird werden wurde nach bei aus er hat haben sind war noch "
    "wie um am über vor zum zur durch oder aber dass wenn nur so kann man sei seine ihre "
    "bis wir ich gegen unter mehr schon sagte".split())
ENGLISH = frozenset(
    "the and of to is in that it for was on are with as be by this have from at not "
    "but had his her they which were been has would their will there an or said what "
    "who its than when".split())
MIN_WORDS = 12


def guess_language(text: str, max_words: int = 3000) -> str:
    """``"de"``, ``"en"``, ``"other"`` (neither), or ``"unknown"`` (too short to tell).

    >>> guess_language("Die Regierung hat am Montag in Berlin gesagt, dass sie das Gesetz nicht ändern wird.")
    'de'
    >>> guess_language("The government said on Monday in Berlin that it will not change the law at all.")
    'en'
    """
    words = [m.group(0).lower() for m, _ in zip(_WORD.finditer(text), range(max_words))]
    if len(words) < MIN_WORDS:
        return "unknown"
    de = sum(w in GERMAN for w in words)
    en = sum(w in ENGLISH for w in words)
    if de >= en and de / len(words) >= 0.08:
        return "de"
    if en > de and en / len(words) >= 0.08:
        return "en"
    return "other"
