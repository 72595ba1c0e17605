"""One reader per format. Each yields ``Record`` objects — one per record found, an
error record where something could not be read — and never raises for bad data.

* ``.txt``/``.text`` — seed format or plain text (one record per file);
* ``.md``/``.markdown`` — plain text;
* ``.html``/``.htm``/``.xhtml`` — article text, title and date (``newskit.corpus.html``);
* ``.jsonl``/``.ndjson`` — one JSON object per line;
* ``.json`` — one object or an array of objects;
* ``.csv``/``.tsv`` — delimiter (``,``, ``;``, tab, ``|``) and encoding detected; the text
  column is ``text_column`` or the first of ``text``, ``body``, ``content`` (any case).
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from pathlib import Path
from typing import Iterator

from newskit.corpus.decode import decode_bytes, decode_lines
from newskit.corpus.html import extract_html
from newskit.corpus.records import Record, from_mapping, msg, split_paragraphs
from newskit.corpus.seed import _SEED_HEADER, parse_seed

MAX_FILE_BYTES = 2 * 1024**3


def read_text_file(path: str | Path, *, newlines: bool = True) -> str:
    """Return the text of ``path``, decoded; line ends normalised to ``\\n`` if ``newlines``.

    UTF-8 (with or without BOM) is tried first; anything else is detected with
    ``charset_normalizer`` (e.g. cp1252 or latin-1 from old scrapers). Binary
    files raise ``ValueError``.
    """
    data = Path(path).read_bytes()
    return decode_bytes(data, str(path), newlines=newlines)


def _whole(path: Path, source: str) -> tuple[str | None, Record | None]:
    try:
        return read_text_file(path), None
    except (OSError, ValueError) as exc:
        return None, Record(source=source, error=msg(source, getattr(exc, "strerror", None)
                                                     and f"unreadable ({exc.strerror})"
                                                     or exc), fallback_id=path.stem)


def read_txt(path: Path, source: str, **_) -> Iterator[Record]:
    content, err = _whole(path, source)
    if err:
        yield err
        return
    rec = Record(source=source, fallback_id=path.stem)
    if _SEED_HEADER.match(content.lstrip("\n")):
        try:
            parts = parse_seed(content.lstrip("\n"))
        except ValueError as exc:
            rec.error = msg(source, exc)
            yield rec
            return
        rec.text, rec.date, rec.lead = parts["text"], parts["date"], parts["lead"]
        rec.paragraphs, rec.subheadings = parts["paragraphs"], parts["subheadings"]
        rec.editorial_notes = parts["editorial_notes"]
    else:
        rec.text = content.strip()
        split_paragraphs(rec)
    yield rec


def read_html(path: Path, source: str, **_) -> Iterator[Record]:
    content, err = _whole(path, source)
    if err:
        yield err
        return
    rec = Record(source=source, fallback_id=path.stem)
    page = extract_html(content)
    rec.text, rec.title, rec.date = page["text"], page["title"], page["date"]
    rec.paragraphs = page["paragraphs"]
    rec.lead = rec.paragraphs[0] if rec.paragraphs else ""
    if not rec.text:
        rec.error = msg(source, "HTML page without article text")
    yield rec


def _lines(path: Path, source: str) -> tuple[list[tuple[str, str | None]] | None, Record | None]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError("file larger than 2 GB")
        return decode_lines(path.read_bytes()), None
    except (OSError, ValueError) as exc:
        return None, Record(source=source, error=msg(source, f"unreadable ({exc})"),
                            fallback_id=path.stem)


def _parse_object(line: str, where: str, fallback: str, text_column) -> Record:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Record(source=where, error=msg(where, f"not valid JSON ({exc.msg})"),
                      fallback_id=fallback)
    except RecursionError:
        return Record(source=where, error=msg(where, "JSON nested too deeply"),
                      fallback_id=fallback)
    if not isinstance(obj, dict):
        return Record(source=where, error=msg(where, "line is not a JSON object"),
                      fallback_id=fallback)
    return from_mapping(obj, where, fallback, text_column)


def read_jsonl(path: Path, source: str, text_column: str | None = None) -> Iterator[Record]:
    lines, err = _lines(path, source)
    if err:
        yield err
        return
    any_line = False
    for lineno, (line, note) in enumerate(lines, start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{source}:{lineno}"
        rec = _parse_object(line, where, f"{path.stem}:{lineno}", text_column)
        if note:
            rec.warnings.append(note)
        yield rec
    if not any_line:
        yield Record(source=source, error=msg(source, "empty file"), fallback_id=path.stem)


def read_json(path: Path, source: str, text_column: str | None = None) -> Iterator[Record]:
    content, err = _whole(path, source)
    if err:
        yield err
        return
    try:
        obj = json.loads(content)
    except (json.JSONDecodeError, RecursionError) as exc:
        # maybe JSON Lines saved as .json
        if isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data":
            yield from read_jsonl(path, source, text_column)
            return
        yield Record(source=source, error=msg(source, f"not valid JSON ({exc})"),
                     fallback_id=path.stem)
        return
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield Record(source=source, error=msg(source, "empty JSON array"), fallback_id=path.stem)
    for i, item in enumerate(items):
        where = f"{source}:[{i}]" if isinstance(obj, list) else source
        fallback = f"{path.stem}:{i}" if isinstance(obj, list) else path.stem
        if not isinstance(item, dict):
            yield Record(source=where, error=msg(where, "not a JSON object"), fallback_id=fallback)
        else:
            yield from_mapping(item, where, fallback, text_column)


def _delimiter(header: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {d: outside.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


@contextlib.contextmanager
def _no_field_limit():
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read_csv(path: Path, source: str, text_column: str | None = None) -> Iterator[Record]:
    lines, err = _lines(path, source)
    if err:
        yield err
        return
    start = next((i for i, (s, _) in enumerate(lines) if s.strip()), None)
    if start is None:
        yield Record(source=source, error=msg(source, "empty file"), fallback_id=path.stem)
        return
    delim = _delimiter(lines[start][0], path.suffix.lower())
    with _no_field_limit():
        header = next(csv.reader([lines[start][0]], delimiter=delim), [])
        yield from _csv_rows(lines, start + 1, header, delim, path, source, text_column)


def _csv_rows(lines, i, header, delim, path, source, text_column) -> Iterator[Record]:
    """Rows from line index ``i`` on; a malformed row costs only itself (parsing resumes
    on the line after it starts)."""
    header = [h.strip() for h in header]
    probe = from_mapping({h: "" for h in header}, source, path.stem, text_column)
    if probe.error and "fields" in probe.error:
        cols = ", ".join(repr(h) for h in header)
        want = repr(text_column) if text_column else "'text', 'body' or 'content'"
        yield Record(source=source, error=msg(source, f"CSV has no {want} column "
                                              f"(columns: {cols}); use --text-column"),
                     fallback_id=path.stem)
        return
    n = len(lines)
    if not any(s.strip() for s, _ in lines[i:]):
        yield Record(source=source, error=msg(source, "CSV has a header but no rows"),
                     fallback_id=path.stem)
        return
    while i < n:
        if not lines[i][0].strip():
            i += 1
            continue
        reader = csv.reader((s for s, _ in lines[i:]), delimiter=delim, strict=True)
        where = f"{source}:{i + 1}"
        try:
            row = next(reader)
            used = reader.line_num
            problem = None if len(row) == len(header) else (
                f"{len(row)} fields, expected {len(header)}")
        except csv.Error as exc:
            row, used, problem = None, 1, f"broken CSV ({exc}; unterminated quote?)"
        notes = [w for _, w in lines[i:i + used] if w]
        if problem:
            yield Record(source=where, error=msg(where, problem), fallback_id=f"{path.stem}:{i + 1}")
            i += 1
            continue
        rec = from_mapping(dict(zip(header, row)), where, f"{path.stem}:{i + 1}", text_column)
        rec.warnings.extend(notes)
        yield rec
        i += used


READERS = {".txt": read_txt, ".text": read_txt, ".md": read_txt, ".markdown": read_txt,
           ".html": read_html, ".htm": read_html, ".xhtml": read_html,
           ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".json": read_json,
           ".csv": read_csv, ".tsv": read_csv}
SUFFIXES = tuple(READERS)
