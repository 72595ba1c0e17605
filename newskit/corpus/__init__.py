"""Reading corpora: seed-format and plain text, Markdown, HTML, JSON Lines, JSON and CSV.

Every input record becomes exactly one row of the corpus table, and every file
under an input path is accounted for. A record or file that cannot be read is
*not* dropped: it gets ``status == "error"`` and an ``error`` message that names
the file, the line or row, and the cause (``unsupported format '.pdf'``,
``unreadable folder``, ``not valid JSON``, ``broken CSV``…). One bad line, field
or byte costs that record only. Anything doubtful about a record that was read
(a decoding fallback, removed NUL bytes, replaced lone surrogates, an unreadable
date, text that does not look German) is named in its ``warning`` column; ``lang``
says ``de``, ``en``, ``other`` or ``unknown`` (too short to tell).

JSONL, JSON and CSV text is kept exactly as given (offsets index into ``text``).

Dates keep the precision they were given at: ``date`` is the ISO string
(``"2022-01"`` for a month, ``"2022-01-13"`` for a day; German ``12.03.2021`` and
``12. März 2021`` are read too) and ``date_start`` is the first day of that
period as a ``pandas.Timestamp`` (``NaT`` when missing). ``date_precision`` says
``"year"``, ``"month"`` or ``"day"``.

Titles: where a record gives none, the title is the first sentence of the
lead, cut at a word boundary to at most 120 characters (with "…").

Example:
    >>> import newskit
    >>> corpus = newskit.load_corpus("seeds")
    >>> corpus.loc[0, ["article_id", "date"]].tolist()
    ['000_333a917a58fcf089', '2022-01']
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from newskit.corpus.dates import parse_date
from newskit.corpus.decode import decode_bytes
from newskit.corpus.langcheck import guess_language
from newskit.corpus.readers import READERS, SUFFIXES, read_text_file, read_txt
from newskit.corpus.records import CORPUS_COLUMNS, CorpusWarning, Record, assign_ids, finish, msg
from newskit.corpus.seed import derive_title, parse_seed
from newskit.corpus.walk import walk

__all__ = ["load_corpus", "read_text_file", "parse_seed", "parse_date", "derive_title",
           "decode_bytes", "iter_files", "guess_language", "CORPUS_COLUMNS", "CorpusWarning",
           "SUFFIXES"]


def iter_files(paths: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Yield the readable corpus files under ``paths`` (files as given, folders walked)."""
    for entry in walk(paths).entries:
        if entry.problem is None:
            yield entry.path


def _records(entry, text_column: str | None) -> Iterator[Record]:
    source = str(entry.path)
    if entry.problem is not None:
        yield Record(source=source, error=msg(source, entry.problem),
                     fallback_id=entry.path.stem or entry.path.name)
        return
    reader = READERS.get(entry.path.suffix.lower(), read_txt)
    try:
        yield from reader(entry.path, source, text_column=text_column)
    except (OSError, ValueError, RecursionError, MemoryError) as exc:  # last line of defence
        yield Record(source=source, error=msg(source, f"unreadable ({type(exc).__name__}: "
                                                      f"{exc})"), fallback_id=entry.path.stem)


def load_corpus(path_or_paths: str | Path | Iterable[str | Path], *,
                text_column: str | None = None) -> pd.DataFrame:
    """Load articles from files and folders into a DataFrame, one row per record.

    Args:
        path_or_paths: a file, a folder (walked recursively) or a list of them.
        text_column: the CSV column / JSON field holding the text (default: the
            first of ``text``, ``body``, ``content``, in any case).

    Returns:
        A DataFrame with the columns in ``CORPUS_COLUMNS``. Records that could
        not be read are kept with ``status == "error"`` and an ``error`` text;
        files that are not corpus files (``.pdf``…) are error rows too.

    Raises:
        FileNotFoundError: a path does not exist.

    Example:
        >>> corpus = load_corpus("seeds")
        >>> corpus[["article_id", "date", "status"]].values.tolist()
        [['000_333a917a58fcf089', '2022-01', 'ok']]
    """
    found = walk(path_or_paths)
    if found.hidden:
        warnings.warn(f"skipped {found.hidden} hidden file(s) or folder(s) (names starting "
                      "with '.')", CorpusWarning, stacklevel=2)
    if found.duplicates:
        warnings.warn(f"{found.duplicates} file(s) given more than once were read once",
                      CorpusWarning, stacklevel=2)
    rows = []
    for entry in found.entries:
        for rec in _records(entry, text_column):
            row = finish(rec)
            row["_raw_id"], row["_fallback"] = rec.raw_id, rec.fallback_id
            rows.append(row)
    assign_ids(rows)
    df = pd.DataFrame(rows, columns=CORPUS_COLUMNS)
    df["date_start"] = pd.to_datetime(df["date_start"])
    return df
