"""German common nouns and names from the installed ``german-nouns`` package.

``german-nouns`` (Wiktionary, CC BY-SA 4.0; installed from PyPI, not bundled)
lists about 100,000 German nouns with their inflected forms, and marks
toponyms, first names, surnames and other proper names. newskit uses it to
tell names from common nouns (``Haus`` is a noun, ``Aachen`` a place), which is
the crux of German NER where every noun is capitalised.

Parsing the 20 MB CSV takes a few seconds, so the table is kept in the newskit
cache folder, signed and checked (:mod:`newskit.lang.de.derived`).
"""

from __future__ import annotations

import csv
from functools import lru_cache

from newskit.lang.de.derived import derived_table, source_file

NAME_KINDS = {"Toponym": "LOC", "Vorname": "FIRST", "Nachname": "LAST", "Eigenname": "NAME",
              "Straßenname": "LOC"}
KINDS = frozenset(["NOUN", *NAME_KINDS.values()])
FORMAT = 2  # 2: stored as word<TAB>kind lines


def _source():
    return source_file("german-nouns", "nouns.csv")


def build() -> dict[str, str]:
    """Parse ``german_nouns/nouns.csv`` into word form → kind."""
    table: dict[str, str] = {}
    with _source().open(encoding="utf-8") as fh:
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


def _check(table: object) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ValueError("not a mapping")
    for v in set(table.values()):  # a handful of distinct kinds
        if not isinstance(v, str) or not set(v.split("+")) <= KINDS:
            raise ValueError(f"bad entry {next(k for k, x in table.items() if x == v)!r}")
    return table


@lru_cache(maxsize=1)
def noun_lexicon() -> dict[str, str]:
    """Map word form → ``NOUN``, ``LOC``, ``FIRST``, ``LAST``, ``NAME`` (or ``A+B``).

    Empty when ``german-nouns`` is not installed.
    """
    return derived_table("german-nouns", "nouns.csv", "german-nouns", FORMAT,
                         lambda: build(), _check)
