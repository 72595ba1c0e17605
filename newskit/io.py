"""Reading corpora: seed-format and plain ``.txt``, ``.jsonl`` and ``.csv``.

Every input record becomes exactly one row of the corpus table. A record that
cannot be read is *not* dropped: it gets ``status == "error"`` and an ``error``
message that names the file, the line or row, and the cause.

Dates keep the precision they were given at: ``date`` is the ISO string as
found (``"2022-01"`` for a month, ``"2022-01-13"`` for a day) and
``date_start`` is the first day of that period as a ``pandas.Timestamp``
(``NaT`` when missing). ``date_precision`` says ``"year"``, ``"month"`` or
``"day"``, so a month is never passed off as the 1st of that month.

Titles: where a record gives none, the title is the first sentence of the
lead, cut at a word boundary to at most 120 characters (with "…").

Example:
    >>> import newskit
    >>> corpus = newskit.load_corpus("seeds")
    >>> corpus.loc[0, ["article_id", "date"]].tolist()
    ['000_333a917a58fcf089', '2022-01']
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

__all__ = ["load_corpus", "read_text_file", "parse_seed", "CORPUS_COLUMNS", "CorpusWarning"]

SUFFIXES = (".txt", ".jsonl", ".csv")
CORPUS_COLUMNS = [
    "article_id", "source", "date", "date_start", "date_precision", "title", "lead", "text",
    "paragraphs", "subheadings", "editorial_notes", "status", "error",
]

_SEED_HEADER = re.compile(r"^\ufeff?\s*date\s+(\S+)[ \t]+(.*)$", re.S)
_FINAL_PUNCT = tuple('.!?:;…"“”»«\')')
# A parenthesised sentence standing on its own: an editor's aside, not article content.
_EDITORIAL = re.compile(r"(?:(?<=[.!?\"“”»«])|^)\s*\(([^()]{3,}?[.!?…])\)\s*(?=$|\s)")
_SENT_END = re.compile(r"(?<=[.!?])[\"“”»«]?\s+(?=[A-ZÄÖÜ\"„»])")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
SUBHEADING_MAX_CHARS = 80


class CorpusWarning(UserWarning):
    """A record was read but something about it is doubtful (e.g. an unreadable date)."""


@dataclass
class _Record:
    source: str
    text: str | None = None
    raw_id: str | None = None
    date: object = None
    title: str | None = None
    lead: str = ""
    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    editorial_notes: list[str] = field(default_factory=list)
    error: str | None = None
    fallback_id: str = ""


# ---------------------------------------------------------------- decoding
def read_text_file(path: str | Path, *, newlines: bool = True) -> str:
    """Return the text of ``path``, decoded; line ends normalised to ``\\n`` if ``newlines``.

    UTF-8 (with or without BOM) is tried first; anything else is detected with
    ``charset_normalizer`` (e.g. cp1252 or latin-1 from old scrapers). Binary
    files raise ``ValueError``.
    """
    data = Path(path).read_bytes()
    return decode_bytes(data, str(path), newlines=newlines)


def decode_bytes(data: bytes, name: str = "<bytes>", *, newlines: bool = True) -> str:
    """Decode ``data`` as text; raise ``ValueError`` naming ``name`` if it is binary."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
            return text.replace("\r\n", "\n").replace("\r", "\n") if newlines else text
        except UnicodeDecodeError:
            raise ValueError(f"{name}: broken UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise ValueError(f"{name}: binary file, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ValueError(f"{name}: not text in any known encoding") from None
        text = str(best)
    bad = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if bad > max(8, len(text[:8192]) // 100):
        raise ValueError(f"{name}: binary file, not text (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n") if newlines else text


# ------------------------------------------------------------------ dates
def parse_date(value: object) -> tuple[str | None, pd.Timestamp, str | None]:
    """Parse ``value`` into ``(iso_string, period_start, precision)``.

    >>> parse_date("2022-01")
    ('2022-01', Timestamp('2022-01-01 00:00:00'), 'month')
    >>> parse_date(None)
    (None, NaT, None)

    Raises ``ValueError`` for a value that is present but not a date.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return None, pd.NaT, None
    s = str(value).strip()
    m = _DATE.match(s)
    if not m:
        raise ValueError(f"unreadable date {s!r}")
    y, mo, d = m.groups()
    try:
        if d:
            ts = pd.Timestamp(int(y), int(mo), int(d))
            return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", ts, "day"
        if mo:
            ts = pd.Timestamp(int(y), int(mo), 1)
            return f"{int(y):04d}-{int(mo):02d}", ts, "month"
        return f"{int(y):04d}", pd.Timestamp(int(y), 1, 1), "year"
    except ValueError:
        raise ValueError(f"unreadable date {s!r}") from None


# ------------------------------------------------------------ seed format
def _is_subheading(block: str) -> bool:
    line = block.strip()
    return "\n" not in line and len(line) <= SUBHEADING_MAX_CHARS and not line.endswith(_FINAL_PUNCT)


def _strip_editorial(par: str) -> tuple[str, list[str]]:
    notes = [m.group(0).strip() for m in _EDITORIAL.finditer(par)]
    if not notes:
        return par, []
    return _EDITORIAL.sub("", par).strip(), notes


def parse_seed(content: str) -> dict:
    """Split seed-format ``content`` into date, lead, paragraphs, subheadings and notes.

    The first line is `` date YYYY-MM `` followed by the lead; paragraphs are
    separated by blank lines; a short line without final punctuation is a
    subheading; a parenthesised sentence of its own is an editorial note.
    ``text`` is lead and paragraphs joined by blank lines.

    >>> parts = parse_seed(" date 2022-01 Ein Satz.\\n\\nZwischentitel\\n\\nNoch einer. (Mehr lesen Sie hier.)")
    >>> parts["text"], parts["subheadings"], parts["editorial_notes"]
    ('Ein Satz.\\n\\nNoch einer.', ['Zwischentitel'], ['(Mehr lesen Sie hier.)'])
    """
    m = _SEED_HEADER.match(content)
    if not m:
        raise ValueError("not in seed format (first line must start with 'date YYYY-MM')")
    date, rest = m.group(1), m.group(2)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", rest)]
    blocks = [" ".join(b.split("\n")) if b else b for b in blocks]
    paragraphs, subheadings, notes = [], [], []
    for i, block in enumerate(blocks):
        if not block:
            continue
        if i > 0 and _is_subheading(block):
            subheadings.append(block)
            continue
        body, found = _strip_editorial(block)
        notes.extend(found)
        if body:
            paragraphs.append(body)
    if not paragraphs:
        raise ValueError("seed-format file has a date line but no text")
    return {
        "date": date,
        "lead": paragraphs[0],
        "paragraphs": paragraphs,
        "subheadings": subheadings,
        "editorial_notes": notes,
        "text": "\n\n".join(paragraphs),
    }


def derive_title(lead: str, max_chars: int = 120) -> str:
    """First sentence of ``lead``, cut at a word boundary to ``max_chars``.

    >>> derive_title("Berlin ist groß. Hamburg auch.")
    'Berlin ist groß.'
    """
    lead = " ".join(lead.split())
    first = _SENT_END.split(lead, maxsplit=1)[0]
    if len(first) <= max_chars:
        return first
    cut = first[: max_chars - 1].rsplit(" ", 1)[0]
    return cut + "…"


# ----------------------------------------------------------------- readers
def _read_txt(path: Path, source: str) -> Iterator[_Record]:
    rec = _Record(source=source, fallback_id=path.stem)
    try:
        content = read_text_file(path)
    except (OSError, ValueError) as exc:
        rec.error = _msg(source, exc)
        yield rec
        return
    if _SEED_HEADER.match(content.lstrip("\n")):
        try:
            parts = parse_seed(content.lstrip("\n"))
        except ValueError as exc:
            rec.error = _msg(source, exc)
            yield rec
            return
        rec.text = parts["text"]
        rec.date = parts["date"]
        rec.lead = parts["lead"]
        rec.paragraphs = parts["paragraphs"]
        rec.subheadings = parts["subheadings"]
        rec.editorial_notes = parts["editorial_notes"]
    else:
        text = content.strip()
        rec.text = text
        rec.paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        rec.lead = rec.paragraphs[0] if rec.paragraphs else ""
    yield rec


def _record_from_mapping(obj: dict, source: str, fallback_id: str) -> _Record:
    rec = _Record(source=source, fallback_id=fallback_id)
    text = obj.get("text")
    if not isinstance(text, str):
        rec.error = _msg(source, "record has no 'text' string")
        return rec
    rec.text = text
    raw_id = obj.get("id", obj.get("article_id"))
    rec.raw_id = None if raw_id is None or str(raw_id).strip() == "" else str(raw_id)
    rec.date = obj.get("date")
    title = obj.get("title")
    rec.title = str(title) if isinstance(title, str) and title.strip() else None
    rec.paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    rec.lead = rec.paragraphs[0] if rec.paragraphs else ""
    return rec


def _read_jsonl(path: Path, source: str) -> Iterator[_Record]:
    try:
        content = read_text_file(path, newlines=False)
    except (OSError, ValueError) as exc:
        yield _Record(source=source, error=_msg(source, exc), fallback_id=path.stem)
        return
    any_line = False
    for lineno, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _Record(source=where, error=_msg(where, f"not valid JSON ({exc.msg})"),
                          fallback_id=f"{path.stem}:{lineno}")
            continue
        if not isinstance(obj, dict):
            yield _Record(source=where, error=_msg(where, "line is not a JSON object"),
                          fallback_id=f"{path.stem}:{lineno}")
            continue
        yield _record_from_mapping(obj, where, f"{path.stem}:{lineno}")
    if not any_line:
        yield _Record(source=source, error=_msg(source, "empty file"), fallback_id=path.stem)


def _read_csv(path: Path, source: str) -> Iterator[_Record]:
    try:
        content = read_text_file(path, newlines=False)
    except (OSError, ValueError) as exc:
        yield _Record(source=source, error=_msg(source, exc), fallback_id=path.stem)
        return
    reader = csv.DictReader(io.StringIO(content, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield _Record(source=source, error=_msg(source, "CSV has no 'text' column"),
                      fallback_id=path.stem)
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            where = f"{source}:{start}"
            yield _Record(source=where, error=_msg(where, f"broken CSV ({exc})"),
                          fallback_id=f"{path.stem}:{start}")
            break
        where = f"{source}:{start}"
        if None in row:
            row.pop(None)
        yield _record_from_mapping(row, where, f"{path.stem}:{start}")
        start = reader.line_num + 1


_READERS = {".txt": _read_txt, ".jsonl": _read_jsonl, ".csv": _read_csv}


def _msg(source: str, cause: object) -> str:
    cause = str(cause)
    return cause if cause.startswith(source) else f"{source}: {cause}"


def iter_files(paths: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Yield the corpus files under ``paths`` (files as given, folders walked, sorted)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            yield from found
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")


def _finish(rec: _Record) -> dict:
    row = {
        "article_id": None, "source": rec.source, "date": None, "date_start": pd.NaT,
        "date_precision": None, "title": rec.title, "lead": rec.lead, "text": rec.text or "",
        "paragraphs": rec.paragraphs, "subheadings": rec.subheadings,
        "editorial_notes": rec.editorial_notes, "status": "ok", "error": None,
    }
    if rec.error is None and (rec.text is None or not rec.text.strip()):
        rec.error = _msg(rec.source, "empty text")
    if rec.error is not None:
        row.update(status="error", error=rec.error)
    try:
        row["date"], row["date_start"], row["date_precision"] = parse_date(rec.date)
    except ValueError as exc:
        warnings.warn(f"{rec.source}: {exc}; date left empty", CorpusWarning, stacklevel=3)
    if row["title"] is None and row["status"] == "ok":
        row["title"] = derive_title(rec.lead or rec.text or "")
    return row


def load_corpus(path_or_paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """Load articles from files and folders into a DataFrame, one row per record.

    Args:
        path_or_paths: a file, a folder (walked recursively for ``.txt``,
            ``.jsonl`` and ``.csv``) or a list of them.

    Returns:
        A DataFrame with the columns in ``CORPUS_COLUMNS``. Records that could
        not be read are kept with ``status == "error"`` and an ``error`` text.

    Raises:
        FileNotFoundError: a path does not exist.

    Example:
        >>> corpus = load_corpus("seeds")
        >>> corpus[["article_id", "date", "status"]].values.tolist()
        [['000_333a917a58fcf089', '2022-01', 'ok']]
    """
    rows = []
    for path in iter_files(path_or_paths):
        reader = _READERS.get(path.suffix.lower(), _read_txt)
        for rec in reader(path, str(path)):
            row = _finish(rec)
            row["_raw_id"], row["_fallback"] = rec.raw_id, rec.fallback_id
            rows.append(row)
    _assign_ids(rows)
    df = pd.DataFrame(rows, columns=CORPUS_COLUMNS)
    df["date_start"] = pd.to_datetime(df["date_start"])
    return df


def _assign_ids(rows: list[dict]) -> None:
    """Give every row a unique, deterministic ``article_id``.

    A record's own id is used when it is unique in the corpus; otherwise the
    file stem (plus line) is used, and clashes get a short hash of the source.
    """
    raw_counts = Counter(r["_raw_id"] for r in rows if r["_raw_id"] is not None)
    for r in rows:
        raw = r.pop("_raw_id")
        fallback = r.pop("_fallback")
        r["article_id"] = raw if raw is not None and raw_counts[raw] == 1 else fallback
    counts = Counter(r["article_id"] for r in rows)
    for r in rows:
        if counts[r["article_id"]] > 1:
            digest = hashlib.sha1(r["source"].encode("utf-8")).hexdigest()[:8]
            r["article_id"] = f"{r['article_id']}-{digest}"
