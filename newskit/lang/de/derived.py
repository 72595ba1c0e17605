"""Tables derived from an installed package's data file, cached safely between runs.

``german-nouns`` ships a 20 MB CSV; parsing it takes seconds, so the tables newskit derives
from it (word classes in :mod:`newskit.lang.de.nouns`, declension in
:mod:`newskit.lang.de.declension`) are kept in the newskit cache folder: a gzip-compressed
JSON envelope (never pickle) around the table as ``key<TAB>value`` lines, which load about
three times faster than a JSON object. A file's name carries the package version and the SHA-256 of the
source file; its content is signed with the cache's private key (see ``newskit.cache``) and
checked for shape on reading. Anything that fails a check is ignored (``CacheWarning``) and
rebuilt. With the cache off (``--no-cache``) nothing is read from disk but the package.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import warnings
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path

from newskit import cache as nkcache

Table = dict[str, str]


def source_file(package: str, filename: str):
    """The data file ``filename`` inside the installed ``package`` (a Traversable)."""
    return resources.files(package.replace("-", "_")) / filename


def _dumps(table: Table) -> str:
    """``key<TAB>value`` lines (keys and values hold no tab or newline)."""
    return "".join(f"{k}\t{v}\n" for k, v in table.items())


def _loads(body: str) -> Table:
    cells = body.replace("\n", "\t").split("\t")
    if cells[-1] != "" or len(cells) % 2 != 1:
        raise ValueError("not key<TAB>value lines")
    return dict(zip(cells[0:-1:2], cells[1::2]))


def _load(path: Path, name: str, digest: str, fmt: int, check: Callable[[object], Table]
          ) -> Table | None:
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
        if envelope.get("format") != fmt or envelope.get("source_sha256") != digest:
            raise ValueError("stale entry")
        if not nkcache.verify(path.parent.parent, name, body, envelope["mac"]):
            raise ValueError("signature mismatch")
        return check(_loads(body.decode("utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError) as exc:
        warnings.warn(f"cached word list {path} rejected ({exc}); rebuilding",
                      nkcache.CacheWarning, stacklevel=4)
        return None


def _store(folder: Path, name: str, digest: str, fmt: int, table: Table) -> None:
    path = folder / name
    body = _dumps(table)
    envelope = {"format": fmt, "source_sha256": digest, "table": body,
                "mac": nkcache.sign(folder.parent, name, body.encode("utf-8"))}
    try:
        nkcache.write_atomic(path, gzip.compress(json.dumps(envelope).encode("ascii"), 1))
    except OSError as exc:
        warnings.warn(f"could not cache word list {path} ({exc})", nkcache.CacheWarning,
                      stacklevel=4)


def derived_table(package: str, filename: str, kind: str, fmt: int,
                  build: Callable[[], Table], check: Callable[[object], Table]) -> Table:
    """``build()``'s table, read from the cache when a valid signed copy exists.

    ``kind`` names the table in its file name (``german-nouns``, ``german-declension``);
    ``fmt`` is bumped whenever ``build`` changes. Empty when the package is missing.
    """
    try:
        version = metadata.version(package)
        digest = hashlib.sha256(source_file(package, filename).read_bytes()).hexdigest()
    except (metadata.PackageNotFoundError, ModuleNotFoundError, OSError):
        return {}
    folder = nkcache.persistent_dir("lexicons")
    if folder is None:
        return build()
    name = f"{kind}-{version}-{digest[:16]}-f{fmt}.json.gz"
    table = _load(folder / name, name, digest, fmt, check)
    if table is None:
        table = build()
        _store(folder, name, digest, fmt, table)
    return table
