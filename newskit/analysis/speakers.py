"""Which speaker names are real speakers, and who speaks about whom.

The quote finder sometimes takes a fragment of the sentence for the speaker ("Der",
"Diese", "Angaben", "Anfang Februar", "die US-Position"'s determiner …). Counting or drawing
speakers should keep only names that can be a person, group or organisation:
:func:`is_real_speaker` decides that from the word list ``non_speakers`` in
``newskit/lang/de/data``.
"""

from __future__ import annotations

import re

import pandas as pd

from newskit.lang import de

__all__ = ["is_real_speaker", "real_speaker_quotes", "speaker_mentions"]

_EDGE_PUNCT = "\"'„“”»«‚‘’()[]{},.;:!?"
_PLAIN_LOWER = re.compile(r"^[a-zäöüß]+$")


def is_real_speaker(name: object) -> bool:
    """True when ``name`` can be a speaker, False for empty names and sentence fragments.

    A name is *not* a speaker when it is empty or missing, when it ends in a cut-off
    hyphen ("Kongress-"), when every word is a pronoun, determiner, function word,
    source noun or time word (``de.word_list("non_speakers")``: "Der", "Diese", "Er",
    "Beide", "Angaben", "Anfang Februar"), or when none of its other words starts with a
    capital letter or contains a digit or hyphen (lower-case fragments such as "vor
    allem"). Names like "n-tv" or "die Polizei" are kept.

    Example:
        >>> [is_real_speaker(n) for n in ["Antony Blinken", "Der", "Diese", "Umfragen"]]
        [True, False, False, False]
        >>> [is_real_speaker(n) for n in ["die Polizei", "n-tv", "vor allem", None, " "]]
        [True, True, False, False, False]
    """
    if not isinstance(name, str) or not name.strip():
        return False
    words = [w.strip(_EDGE_PUNCT) for w in name.split()]
    words = [w for w in words if w]
    if not words or words[-1].endswith("-"):
        return False
    stop = de.word_list("non_speakers")
    content = [w for w in words if w.lower() not in stop]
    if not content:
        return False
    return not all(_PLAIN_LOWER.match(w) for w in content)


def real_speaker_quotes(quotes: pd.DataFrame, column: str = "speaker_canonical") -> pd.DataFrame:
    """The rows of ``quotes`` whose speaker (``column``) passes :func:`is_real_speaker`.

    Example:
        >>> q = pd.DataFrame({"speaker_canonical": ["Antony Blinken", "Der", None]})
        >>> real_speaker_quotes(q)["speaker_canonical"].tolist()
        ['Antony Blinken']
    """
    if quotes.empty:
        return quotes
    return quotes[quotes[column].map(is_real_speaker)]


def speaker_mentions(quotes: pd.DataFrame, entities: pd.DataFrame,
                     real_only: bool = True) -> pd.DataFrame:
    """Speaker → entity pairs: how often each entity is named inside a speaker's quotes.

    An entity counts when its mention lies within the quote's characters; a speaker
    naming themself is not counted. With ``real_only`` (the default) quotes whose
    speaker is not a real speaker (:func:`is_real_speaker`) are dropped first.

    Returns:
        Columns ``speaker``, ``mentioned``, ``n``, most frequent pair first.

    Example:
        >>> quotes = pd.DataFrame({"article_id": ["a", "a"], "start_char": [0, 50],
        ...                        "end_char": [40, 90], "speaker_canonical": ["Blinken", "Der"]})
        >>> entities = pd.DataFrame({"article_id": ["a", "a", "a"], "start_char": [5, 20, 60],
        ...                          "end_char": [13, 27, 66], "canonical": ["Russland"] * 2 + ["USA"]})
        >>> speaker_mentions(quotes, entities).values.tolist()
        [['Blinken', 'Russland', 2]]
    """
    cols = ["speaker", "mentioned", "n"]
    q = real_speaker_quotes(quotes) if real_only else quotes.dropna(subset=["speaker_canonical"])
    if q.empty or entities.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "n" else "object") for c in cols})
    q = q[["article_id", "start_char", "end_char", "speaker_canonical"]].reset_index(drop=True)
    q["quote"] = q.index
    e = entities[["article_id", "start_char", "end_char", "canonical"]]
    pairs = q.merge(e, on="article_id", suffixes=("_q", ""))
    inside = ((pairs["start_char"] >= pairs["start_char_q"]) & (pairs["end_char"] <= pairs["end_char_q"])
              & (pairs["canonical"] != pairs["speaker_canonical"]))
    pairs = pairs[inside].rename(columns={"speaker_canonical": "speaker", "canonical": "mentioned"})
    out = (pairs.groupby(["speaker", "mentioned"]).size().rename("n").reset_index()
           .sort_values(["n", "speaker", "mentioned"], ascending=[False, True, True]))
    return out.reset_index(drop=True)
