"""Word lists from installed packages: German common nouns and names.

``german-nouns`` (Wiktionary, CC BY-SA 4.0; installed from PyPI, not bundled)
lists about 100,000 German nouns with their inflected forms, and marks
toponyms, first names, surnames and other proper names. newskit uses it to
tell names from common nouns (``Haus`` is a noun, ``Aachen`` a place), which is
the crux of German NER where every noun is capitalised.

Parsing the 20 MB CSV takes a few seconds, so the resulting table is cached
as a pickle in the newskit cache folder, keyed by the package version.
"""

from __future__ import annotations

import csv
import pickle
from functools import lru_cache
from importlib import metadata, resources

from newskit.cache import default_cache_dir

NAME_KINDS = {"Toponym": "LOC", "Vorname": "FIRST", "Nachname": "LAST", "Eigenname": "NAME",
              "Straßenname": "LOC"}


def _build() -> dict[str, str]:
    path = resources.files("german_nouns") / "nouns.csv"
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        pos_i = header.index("pos")
        form_cols = [i for i, h in enumerate(header) if h.startswith(("nominativ", "genitiv",
                                                                      "dativ", "akkusativ"))]
        for row in reader:
            kinds = row[pos_i].split(",")
            kind = next((NAME_KINDS[k] for k in kinds if k in NAME_KINDS), "NOUN")
            forms = {row[0]} | {row[i] for i in form_cols if i < len(row) and row[i]}
            for form in forms:
                if not form or " " in form:
                    continue
                prev = table.get(form)
                # a word that is both a noun and a name keeps both marks
                table[form] = kind if prev is None or prev == kind else f"{prev}+{kind}"
    return table


@lru_cache(maxsize=1)
def noun_lexicon() -> dict[str, str]:
    """Map word form → ``NOUN``, ``LOC``, ``FIRST``, ``LAST``, ``NAME`` (or ``A+B``).

    Empty when ``german-nouns`` is not installed.
    """
    try:
        version = metadata.version("german-nouns")
    except metadata.PackageNotFoundError:
        return {}
    cache = default_cache_dir() / f"german-nouns-{version}.pickle"
    try:
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    table = _build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    except OSError:
        pass
    return table
