"""One name and one id per referent across the whole corpus.

Within an article the entity component already gives each mention a canonical name. Across
articles, after everything is analysed, :func:`resolve_referents`

* strips genitive endings when the bare form is a name in the corpus ("Russlands" →
  "Russland", "Bascianos" → "Basciano");
* maps a person's partial name to the one full name in the corpus that ends with it
  ("Basciano" → "Vincent Basciano", "Ben Ali" → "Zine el-Abidine Ben Ali"); a surname that
  ends two different full names ("Olaf Scholz", "Bubi Scholz") stays as it is;
* gives every referent a stable ``entity_id`` (a hash of label and name) shared by the
  ``entities`` and ``quotes`` tables, labels quoted speakers (``speaker_label``: PER, ORG,
  LOC, MISC, GROUP or OTHER) and spreads a person's gender over all their mentions.

Example:
    >>> import pandas as pd
    >>> ents = pd.DataFrame({"article_id": ["a", "b", "b", "b"], "label": ["PER"] * 4,
    ...                      "canonical": ["Vincent Basciano", "Bascianos", "Basciano",
    ...                                    "Basciano"],
    ...                      "gender": ["male", "unknown", "unknown", "unknown"],
    ...                      "gender_evidence": ["first_name", "none", "none", "none"]})
    >>> out, _ = resolve_referents(ents, pd.DataFrame())
    >>> out["canonical"].unique().tolist(), out["entity_id"].nunique(), set(out["gender"])
    (['Vincent Basciano'], 1, {'male'})
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

import pandas as pd

from newskit.components.gender import EVIDENCE_ORDER

ID_PREFIX = "nk"
#: evidence that a speaker without an entity is a person (gender component)
PERSON_EVIDENCE = frozenset({*EVIDENCE_ORDER, "generic_masculine"})


def entity_id(label: str, name: str) -> str:
    """A stable id for a referent: the same label and name give the same id in every run.

    >>> entity_id("PER", "Angela Merkel") == entity_id("PER", "Angela Merkel")
    True
    """
    digest = hashlib.sha1(f"{label}\t{name}".encode()).hexdigest()[:10]
    return f"{ID_PREFIX}-{digest}"


def _genitive_map(counts: Counter) -> dict[str, str]:
    """"Russlands" → "Russland" when the bare form is a name in the corpus that occurs more
    often ("Geert Wilders" stays, even if one article cut it to "Geert Wilder")."""
    out = {}
    for n, k in counts.items():
        for ending in ("s", "es", "'", "’"):
            bare = n[: -len(ending)]
            if n.endswith(ending) and len(bare) > 2 and counts.get(bare, 0) > k:
                out[n] = bare
                break
    return out


def _full_name_map(persons: set[str]) -> dict[str, str]:
    """Partial person names → the single fullest name that ends with them."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for p in persons:
        by_last[p.split()[-1]].append(p)
    out = {}
    for p in persons:
        longer = [f for f in by_last[p.split()[-1]] if f != p and f.endswith(" " + p)]
        if not longer:
            continue
        fullest = max(longer, key=len)
        if all(fullest.endswith(" " + f) or f == fullest for f in longer):
            out[p] = fullest
    return out


def name_map(entities: pd.DataFrame) -> dict[str, str]:
    """Canonical name → corpus-wide name (only names that change)."""
    if entities.empty:
        return {}
    counts = Counter(entities["canonical"].dropna())
    names = set(counts)
    gen = _genitive_map(counts)
    persons = {gen.get(n, n) for n in entities.loc[entities["label"] == "PER", "canonical"].dropna()}
    full = _full_name_map(persons)
    out = {}
    for n in names:
        m = gen.get(n, n)
        m = full.get(m, m)
        if m != n:
            out[n] = m
    return out


def _labels(entities: pd.DataFrame) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for name, label in zip(entities["canonical"], entities["label"]):
        votes[name][label] += 1
    return {n: c.most_common(1)[0][0] for n, c in votes.items()}


def _person_genders(entities: pd.DataFrame, quotes: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Corpus-wide gender per person id: the strongest evidence kind with one gender."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = [(entities, "entity_id", "gender", "gender_evidence")]
    if not quotes.empty:
        rows.append((quotes, "entity_id", "speaker_gender", "speaker_gender_evidence"))
    for df, id_col, g_col, ev_col in rows:
        if g_col not in df:
            continue
        for eid, g, ev in zip(df[id_col], df[g_col], df[ev_col]):
            if eid and g in ("female", "male"):
                found[eid][ev].add(g)
    out = {}
    for eid, kinds in found.items():
        for kind in EVIDENCE_ORDER:
            if len(kinds.get(kind, ())) == 1:
                out[eid] = (next(iter(kinds[kind])), kind)
                break
    return out


def _speaker_label(canon, label_of: dict[str, str], evidence, cue) -> str:
    if not isinstance(canon, str) or not canon:
        return ""
    if canon in label_of:
        return label_of[canon]
    if evidence in PERSON_EVIDENCE:
        return "PER"
    if isinstance(cue, str) and cue.split(" ")[0].endswith("en"):  # "sagten", "teilten mit"
        return "GROUP"
    return "OTHER"


def _apply_genders(df: pd.DataFrame, genders: dict, g_col: str, ev_col: str) -> None:
    if g_col not in df or df.empty:
        return
    new = [genders.get(eid) for eid in df["entity_id"]]
    df[g_col] = [n[0] if n else g for n, g in zip(new, df[g_col])]
    df[ev_col] = [n[1] if n else e for n, e in zip(new, df[ev_col])]


def resolve_referents(entities: pd.DataFrame, quotes: pd.DataFrame
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Corpus-wide canonical names, ``entity_id`` and ``speaker_label`` (see module doc)."""
    entities, quotes = entities.copy(), quotes.copy()
    mapping = name_map(entities)
    if not entities.empty:
        entities["canonical"] = [mapping.get(c, c) for c in entities["canonical"]]
        label_of = _labels(entities)
        entities["entity_id"] = [entity_id(label_of[c], c) for c in entities["canonical"]]
    else:
        label_of = {}
        entities["entity_id"] = pd.Series(dtype="object")
    if not quotes.empty:
        quotes["speaker_canonical"] = [mapping.get(c, c) if isinstance(c, str) else c
                                       for c in quotes["speaker_canonical"]]
        quotes["speaker_label"] = [
            _speaker_label(c, label_of, ev, cue) for c, ev, cue in
            zip(quotes["speaker_canonical"], quotes["speaker_gender_evidence"], quotes["cue"])]
        quotes["entity_id"] = [entity_id(label_of[c], c) if c in label_of else ""
                               for c in quotes["speaker_canonical"]]
    else:
        quotes["speaker_label"] = pd.Series(dtype="object")
        quotes["entity_id"] = pd.Series(dtype="object")
    genders = _person_genders(entities, quotes)
    _apply_genders(entities, genders, "gender", "gender_evidence")
    _apply_genders(quotes, genders, "speaker_gender", "speaker_gender_evidence")
    return entities, quotes
