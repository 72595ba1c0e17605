"""On-disk cache of per-article results.

An entry is keyed by the SHA-256 of the article text together with the
pipeline fingerprint (model name and version, components, their settings) and
newskit's version, so a change of any of them misses. Entries are JSON with a
checksum; they are written to a temporary file and moved into place with
``os.replace`` (atomic on POSIX), so two processes sharing one folder never
see half an entry. A corrupt or truncated entry is reported with a warning,
deleted and recomputed.

Location: ``$NEWSKIT_CACHE_DIR`` if set, else ``~/.cache/newskit``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from pathlib import Path

import newskit


class CacheWarning(UserWarning):
    """A cache entry could not be read and was recomputed."""


def default_cache_dir() -> Path:
    """``$NEWSKIT_CACHE_DIR`` or ``~/.cache/newskit``."""
    env = os.environ.get("NEWSKIT_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "newskit"


class Cache:
    """Per-article results stored under ``root/<fingerprint>/<aa>/<key>.json``."""

    def __init__(self, root: str | Path, fingerprint: str):
        self.root = Path(root) / f"{fingerprint}-{newskit.__version__}"
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self.corrupt = 0

    def key(self, text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, text: str) -> dict | None:
        """The cached result for ``text``, or ``None`` (miss or corrupt entry)."""
        path = self._path(self.key(text))
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            warnings.warn(f"cache entry {path} unreadable ({exc}); recomputing", CacheWarning, stacklevel=2)
            self.misses += 1
            return None
        try:
            envelope = json.loads(raw.decode("utf-8"))
            body = envelope["body"]
            if hashlib.sha256(body.encode("utf-8")).hexdigest() != envelope["sha256"]:
                raise ValueError("checksum mismatch")
            value = json.loads(body)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            self.corrupt += 1
            self.misses += 1
            warnings.warn(f"cache entry {path} is corrupt ({exc}); recomputing", CacheWarning, stacklevel=2)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        self.hits += 1
        return value

    def put(self, text: str, value: dict) -> None:
        """Store ``value`` for ``text`` atomically (a failed write is only a warning)."""
        path = self._path(self.key(text))
        body = json.dumps(value, ensure_ascii=False, default=_json_default)
        envelope = json.dumps({"sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                               "body": body}, ensure_ascii=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(envelope)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            warnings.warn(f"could not write cache entry {path} ({exc})", CacheWarning, stacklevel=2)


def _json_default(obj):
    try:
        import numpy as np

        if isinstance(obj, np.generic):
            return obj.item()
    except ImportError:  # pragma: no cover
        pass
    raise TypeError(f"not JSON serialisable: {type(obj)}")
