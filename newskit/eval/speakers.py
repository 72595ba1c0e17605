"""Speakers measured by name: is ``speaker_canonical`` the real speaker?

Gold: ``bench/gold/parts/*.tsv`` — for each annotation of the Wikinews dev articles, the
referent (a person's fullest name in the article, an organisation's name), its type
(person / unnamed_person / group / organisation / none) and, for people, the gender with
its evidence. See ``bench/gold/README.md``.

Metrics over gold quotes matched in the speech evaluation (overlap ≥ 0.3):

* **canonical accuracy**: among matched quotes whose gold referent has a name, the share
  whose ``speaker_canonical`` names it (equal after normalising case, spacing, a leading
  article and a genitive -s); ``lenient`` also accepts a canonical that is part of the
  gold name and ends with its last word ("Merkel" for "Angela Merkel"), or that completes
  it ("Angela Merkel" for "Merkel": the gold names a person as fully as the article does,
  the corpus-wide resolver may complete a surname from another article);
* **junk share**: among all predicted quotes with a speaker, the share whose canonical
  speaker is a lone function word, pronoun or adverb, a punctuation fragment or a
  lower-case fragment; and, separately, the share of canonicals that start with an article;
* **gender**: among matched quotes whose gold referent is one person of known gender,
  accuracy where newskit says female/male, and coverage (the share where it says one);
* **by way of finding**: canonical accuracy and count for each ``speaker_via`` (the speaker
  named in the quote's own frame, an anaphor, a description, the context; ``none``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen".split())
JUNK_WORDS = frozenset("""
man es er sie ihm ihn ihr ihnen wir ich du ihr dies diese dieser dieses das der die den dem
demnach demzufolge so laut zufolge nach gemäß dazu damit hier dort dann jetzt nun auch aber
und oder jemand niemand alle viele einige beide andere welche jener jene
""".split())
_PUNCT = re.compile(r"[^\w\s\-'.]")


def read_speaker_gold(folder: str | Path) -> pd.DataFrame:
    """All gold rows of ``folder/*.tsv`` as one DataFrame keyed by (article, ann_id)."""
    frames = []
    for f in sorted(Path(folder).glob("*.tsv")):
        frames.append(pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False,
                                  quoting=csv.QUOTE_NONE))
    if not frames:
        raise FileNotFoundError(f"no speaker gold (*.tsv) in {folder}")
    gold = pd.concat(frames, ignore_index=True)
    gold["article"] = gold["article"].astype(int)
    gold["ann_id"] = gold["ann_id"].astype(int)
    return gold.set_index(["article", "ann_id"]).sort_index()


def normalise_name(name: str | None) -> str:
    """Case-folded name without punctuation, a leading article or a genitive -s; a hyphen
    counts as a space ("Franz-Josef Jung" is "Franz Josef Jung").

    >>> normalise_name("der Bundesgerichtshofs"), normalise_name(" Thomas  de Maizière (CDU)")
    ('bundesgerichtshof', 'thomas de maizière cdu')
    """
    words = _PUNCT.sub(" ", str(name or "")).casefold().replace("-", " ").split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    if words and len(words[-1]) > 3 and words[-1].endswith("s") \
            and not words[-1].endswith(("ss", "us", "is", "os", "as")):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def names_match(pred: str | None, gold: str, *, lenient: bool = False) -> bool:
    """Whether a predicted canonical names the gold referent (see module docstring)."""
    p, g = normalise_name(pred), normalise_name(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if not lenient:
        return False
    pw, gw = p.split(), g.split()
    return pw[-1] == gw[-1] and (set(pw) <= set(gw) or set(gw) <= set(pw))


def is_junk_speaker(canonical: str | None) -> bool:
    """A speaker name no researcher would count: a lone function word, pronoun or adverb,
    a fragment with punctuation ("CDU)"), or a lower-case fragment.

    >>> [is_junk_speaker(s) for s in ("Demnach", "CDU)", "man", "Angela Merkel", "die Polizei")]
    [True, True, True, False, False]
    """
    words = " ".join(str(canonical or "").split()).split()
    if not words:
        return False
    if len(words) == 1 and (words[0].casefold() in JUNK_WORDS or _PUNCT.search(words[0])):
        return True
    return not any(w[:1].isupper() or w[:1].isdigit() for w in words)


def starts_with_article(canonical: str | None) -> bool:
    """Whether a canonical name starts with an article ("der Bundeswehrbericht")."""
    words = str(canonical or "").split()
    return len(words) > 1 and words[0].casefold() in ARTICLES


def score_speakers(matches: pd.DataFrame, predicted: pd.DataFrame) -> dict:
    """Speaker metrics from matched pairs and all predicted quotes.

    ``matches`` has one row per matched gold quote with the gold columns (``referent``,
    ``referent_type``, ``gender``) and the predicted ``speaker_canonical`` (and
    ``speaker_gender`` when newskit gives it); ``predicted`` has every predicted quote.
    """
    named = matches[matches["referent"].astype(bool)]
    right = [names_match(p, g) for p, g in zip(named["speaker_canonical"], named["referent"])]
    lenient = [names_match(p, g, lenient=True)
               for p, g in zip(named["speaker_canonical"], named["referent"])]
    persons = named["referent_type"] == "person"
    with_spk = predicted[predicted["speaker"].notna() & (predicted["speaker"] != "")]
    canon = [c if isinstance(c, str) and c else s
             for s, c in zip(with_spk["speaker"], with_spk["speaker_canonical"])]
    junk = [is_junk_speaker(c) for c in canon]
    out = {
        "speaker_canonical_accuracy": _share(right),
        "speaker_canonical_lenient": _share(lenient),
        "speaker_canonical_n": len(right),
        "speaker_person_accuracy": _share([r for r, p in zip(right, persons) if p]),
        "speaker_person_n": int(persons.sum()),
        "junk_speaker_share": _share(junk),
        "speakers_predicted": len(junk),
        "canonical_article_share": _share([starts_with_article(c) for c in canon]),
    }
    out.update(score_gender(matches))
    if "speaker_via" in named.columns:
        out.update(_by_via(named["speaker_via"], right))
    return out


def _by_via(via: pd.Series, right: list[bool]) -> dict:
    """Canonical accuracy and count per ``speaker_via`` (how newskit found the speaker;
    ``none`` where it found none): which attributions a researcher can trust most."""
    from newskit.components.quotes.speakers import SPEAKER_VIA

    kinds = [v if isinstance(v, str) and v else "none" for v in via]
    out = {}
    for name in (*SPEAKER_VIA, "none"):
        flags = [r for r, k in zip(right, kinds) if k == name]
        out[f"canonical_accuracy_{name}"] = _share(flags)
        out[f"canonical_n_{name}"] = len(flags)
    return out


def score_gender(matches: pd.DataFrame) -> dict:
    """Gender accuracy where newskit says female/male, and coverage, on single persons."""
    if "speaker_gender" not in matches.columns:
        return {}
    known = matches[matches["referent_type"].isin(["person", "unnamed_person"])
                    & matches["gender"].isin(["female", "male"])]
    said = known[known["speaker_gender"].isin(["female", "male"])]
    return {
        "gender_accuracy": _share(list(said["speaker_gender"] == said["gender"])),
        "gender_coverage": _share([True] * len(said) + [False] * (len(known) - len(said))),
        "gender_n": len(known),
    }


def _share(flags: list) -> float:
    return round(sum(bool(f) for f in flags) / len(flags), 4) if len(flags) else 0.0
