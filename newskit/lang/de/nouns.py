"""German common nouns and names from the installed ``german-nouns`` package.

``german-nouns`` (Wiktionary, CC BY-SA 4.0; installed from PyPI, not bundled)
lists about 100,000 German nouns with their inflected forms, and marks
toponyms, first names, surnames and other proper names. newskit uses it to
tell names from common nouns (``Haus`` is a noun, ``Aachen`` a place), which is
the crux of German NER where every noun is capitalised.

Parsing the 20 MB CSV takes a few seconds, so the table is kept in the newskit
cache folder as gzip-compressed JSON (never pickle). The file name carries the
SHA-256 of the package's CSV; the content is signed with the cache's private key
(see ``newskit.cache``) and checked for shape on reading. Anything that fails a
check is ignored (``CacheWarning``) and rebuilt. With the cache off
(``--no-cache``) nothing is read from disk but the package itself.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import warnings
from functools import lru_cache
from importlib import metadata, resources

from newskit import cache as nkcache

NAME_KINDS = {"Toponym": "LOC", "Vorname": "FIRST", "Nachname": "LAST", "Eigenname": "NAME",
              "Straßenname": "LOC"}
KINDS = frozenset(["NOUN", *NAME_KINDS.values()])
FORMAT = 2  # 1: the table as a JSON object; 2: as ``word<TAB>kind`` lines (loads 3x faster)


def _source():
    return resources.files("german_nouns") / "nouns.csv"


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


def _dumps(table: dict[str, str]) -> str:
    return "".join(f"{k}\t{v}\n" for k, v in table.items())


def _loads(body: str) -> dict[str, str]:
    """``word<TAB>kind`` lines (word forms hold no whitespace) back into a dict."""
    cells = body.replace("\n", "\t").split("\t")
    if cells[-1] != "" or len(cells) % 2 != 1:
        raise ValueError("not word<TAB>kind lines")
    return dict(zip(cells[0:-1:2], cells[1::2]))


def _load(path, name: str, digest: str) -> dict[str, str] | None:
    try:
        raw = nkcache.read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raw = exc
    try:
        if isinstance(raw, OSError):
            raise raw
        envelope = json.loads(gzip.decompress(raw))
        body = envelope["table"].encode("utf-8")
        if envelope.get("format") != FORMAT or envelope.get("source_sha256") != digest:
            raise ValueError("stale entry")
        if not nkcache.verify(path.parent.parent, name, body, envelope["mac"]):
            raise ValueError("signature mismatch")
        return _check(_loads(body.decode("utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError) as exc:
        warnings.warn(f"cached word list {path} rejected ({exc}); rebuilding",
                      nkcache.CacheWarning, stacklevel=3)
        return None


@lru_cache(maxsize=1)
def noun_lexicon() -> dict[str, str]:
    """Map word form → ``NOUN``, ``LOC``, ``FIRST``, ``LAST``, ``NAME`` (or ``A+B``).

    Empty when ``german-nouns`` is not installed.
    """
    try:
        version = metadata.version("german-nouns")
        digest = hashlib.sha256(_source().read_bytes()).hexdigest()
    except (metadata.PackageNotFoundError, ModuleNotFoundError, OSError):
        return {}
    folder = nkcache.persistent_dir("lexicons")
    if folder is None:
        return build()
    name = f"german-nouns-{version}-{digest[:16]}-f{FORMAT}.json.gz"
    path = folder / name
    table = _load(path, name, digest)
    if table is not None:
        return table
    table = build()
    body = _dumps(table)
    envelope = {"format": FORMAT, "source_sha256": digest, "table": body,
                "mac": nkcache.sign(folder.parent, name, body.encode("utf-8"))}
    try:
        nkcache.write_atomic(path, gzip.compress(json.dumps(envelope).encode("ascii"), 1))
    except OSError as exc:
        warnings.warn(f"could not cache word list {path} ({exc})", nkcache.CacheWarning,
                      stacklevel=2)
    return table
