"""German knowledge as data: every word list, lexicon and table newskit uses, defined once.

Files live in ``newskit/lang/de/data``:

* ``NAME.txt`` — one entry per line (a word or a multi-word phrase); ``#`` starts a comment,
  blank lines are ignored. Read with :func:`word_list`.
* ``NAME.tsv`` — tab-separated, first line is a header. Read with :func:`word_table` (first
  column → second column) or :func:`table_rows` (every row as a dict).

Example:
    >>> from newskit.lang import de
    >>> "sagen" in de.word_list("speech_verbs")
    True
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = "newskit.lang.de"


def data_path(filename: str) -> Path:
    """The path of a data file shipped in ``newskit/lang/de/data``."""
    return Path(str(resources.files(DATA) / "data" / filename))


def _lines(filename: str) -> list[str]:
    path = data_path(filename)
    if not path.exists():
        raise FileNotFoundError(f"newskit German data file missing: {path}")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The entries of ``data/NAME.txt`` as a frozen set."""
    return frozenset(_lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def ordered_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/NAME.txt`` in file order (for lists where order matters)."""
    return tuple(_lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def table_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/NAME.tsv`` as dicts keyed by the header."""
    path = data_path(f"{name}.tsv")
    if not path.exists():
        raise FileNotFoundError(f"newskit German data file missing: {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = (r for r in fh if r.strip() and not r.startswith("#"))
        return tuple(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def word_table(name: str) -> dict[str, str]:
    """``data/NAME.tsv`` as a mapping from its first column to its second."""
    rows = table_rows(name)
    if not rows:
        return {}
    key, value = list(rows[0])[:2]
    return {r[key]: r[value] for r in rows}


def data_files() -> list[Path]:
    """Every data file, for the cache fingerprint."""
    return sorted(p for p in data_path("").iterdir() if p.is_file())
