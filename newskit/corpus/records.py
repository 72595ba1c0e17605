"""One corpus record: what readers produce, and how it becomes a row of the corpus table."""

from __future__ import annotations

import hashlib
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from newskit.corpus.dates import parse_date
from newskit.corpus.decode import clean_surrogates
from newskit.corpus.langcheck import guess_language
from newskit.corpus.seed import derive_title

CORPUS_COLUMNS = [
    "article_id", "source", "date", "date_start", "date_precision", "title", "lead", "text",
    "paragraphs", "subheadings", "editorial_notes", "status", "error", "warning", "lang",
]
TEXT_KEYS = ("text", "body", "content")
ID_KEYS = ("id", "article_id")
DATE_KEYS = ("date", "datum", "published", "pubdate", "date_published")
TITLE_KEYS = ("title", "titel", "headline", "überschrift")


class CorpusWarning(UserWarning):
    """A record was read but something about it is doubtful (e.g. an unreadable date)."""


@dataclass
class Record:
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
    warnings: list[str] = field(default_factory=list)


def msg(source: str, cause: object) -> str:
    cause = str(cause)
    return cause if cause.startswith(source) else f"{source}: {cause}"


def _lookup(obj: dict, keys: tuple[str, ...]):
    lower = {str(k).strip().lower(): k for k in obj}
    for k in keys:
        if k in lower:
            return lower[k], obj[lower[k]]
    return None, None


def from_mapping(obj: dict, source: str, fallback_id: str,
                 text_column: str | None = None) -> Record:
    """A record from a JSON object or CSV row; the text field is ``text_column`` or the
    first of ``text``, ``body``, ``content`` (any case)."""
    rec = Record(source=source, fallback_id=fallback_id)
    key, text = _lookup(obj, (text_column.lower(),) if text_column else TEXT_KEYS)
    if not isinstance(text, str):
        wanted = repr(text_column) if text_column else "'text'"
        also = "" if text_column else "nor 'body' or 'content'; "
        found = ", ".join(repr(str(k)) for k in obj)
        rec.error = msg(source, f"record has no {wanted} string ({also}fields: {found})")
        return rec
    rec.text = text
    _, raw_id = _lookup(obj, ID_KEYS)
    rec.raw_id = None if raw_id is None or str(raw_id).strip() == "" else str(raw_id)
    _, rec.date = _lookup(obj, DATE_KEYS)
    _, title = _lookup(obj, TITLE_KEYS)
    rec.title = str(title) if isinstance(title, str) and title.strip() else None
    split_paragraphs(rec)
    return rec


def split_paragraphs(rec: Record) -> None:
    text = rec.text or ""
    rec.paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    rec.lead = rec.paragraphs[0] if rec.paragraphs else ""


def _clean(rec: Record) -> None:
    hit = False
    for name in ("text", "title", "raw_id", "lead"):
        value = getattr(rec, name)
        if isinstance(value, str):
            value, found = clean_surrogates(value)
            setattr(rec, name, value)
            hit |= found
    if isinstance(rec.date, str):
        rec.date = clean_surrogates(rec.date)[0]
    if hit:
        rec.paragraphs = [clean_surrogates(p)[0] for p in rec.paragraphs]
        rec.warnings.append("lone surrogates replaced by U+FFFD")


def finish(rec: Record) -> dict:
    """The corpus-table row of ``rec`` (date parsed, title derived, language checked)."""
    _clean(rec)
    row = {
        "article_id": None, "source": rec.source, "date": None, "date_start": pd.NaT,
        "date_precision": None, "title": rec.title, "lead": rec.lead, "text": rec.text or "",
        "paragraphs": rec.paragraphs, "subheadings": rec.subheadings,
        "editorial_notes": rec.editorial_notes, "status": "ok", "error": None,
        "warning": None, "lang": None,
    }
    if rec.error is None and (rec.text is None or not rec.text.strip()):
        rec.error = msg(rec.source, "empty text")
    if rec.error is not None:
        row.update(status="error", error=rec.error)
    try:
        row["date"], row["date_start"], row["date_precision"] = parse_date(rec.date)
    except ValueError as exc:
        rec.warnings.append(f"{exc}; date left empty")
        warnings.warn(f"{rec.source}: {exc}; date left empty", CorpusWarning, stacklevel=3)
    if row["status"] == "ok":
        if row["title"] is None:
            row["title"] = derive_title(rec.lead or rec.text or "")
        row["lang"] = guess_language(row["text"])
        if row["lang"] in ("en", "other"):
            note = ("looks English, not German" if row["lang"] == "en"
                    else "does not look German")
            rec.warnings.append(f"{note}; analysed with the German pipeline anyway")
    if rec.warnings:
        row["warning"] = "; ".join(dict.fromkeys(rec.warnings))
    return row


def assign_ids(rows: list[dict]) -> None:
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
            digest = hashlib.sha1(r["source"].encode("utf-8", "replace")).hexdigest()[:8]
            r["article_id"] = f"{r['article_id']}-{digest}"
