"""On-disk caches: per-article results and derived data (word lists, unpacked models).

Trust model. Nothing read from a cache is executed or trusted blindly:

* no pickle anywhere — entries are JSON (or raw bytes for the model file);
* every cache root is created private (``0700``) and must be owned by the
  current user and not writable by group or others, else it is not used at all
  (a ``CacheWarning`` says why and the run continues without a cache);
* every entry carries an HMAC-SHA256 of its content under a random key kept in
  ``<root>/.newskit-key`` (``0600``), so an entry planted by someone who cannot
  read that key — with a valid-looking checksum or not — is rejected;
* per-article entries are also checked against the row schema; a corrupt,
  forged or schema-invalid entry is reported (``CacheWarning``), deleted and
  recomputed;
* writes go to a unique temporary file moved into place with ``os.replace``
  (atomic on POSIX), so two processes sharing one folder never see half an entry.

Location: ``configure(cache_dir, enabled=...)`` (the CLI's ``--cache-dir`` and
``--no-cache``), else ``$NEWSKIT_CACHE_DIR``, else ``~/.cache/newskit``. When the
cache is disabled nothing is read from or written to any cache folder.

An article entry is keyed by the SHA-256 of the text together with the pipeline
fingerprint and newskit's version, so a change of any of them misses.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import tempfile
import warnings
from pathlib import Path

import newskit

ENV_DIR = "NEWSKIT_CACHE_DIR"
ENV_OFF = "NEWSKIT_NO_CACHE"
KEY_FILE = ".newskit-key"
ENTRY_FORMAT = 2


class CacheWarning(UserWarning):
    """A cache entry could not be read and was recomputed, or a cache folder is unsafe."""


class UnsafeCacheDir(OSError):
    """A cache folder is not private to the current user."""


# ------------------------------------------------------------ configuration
def configure(cache_dir: str | Path | None = None, *, enabled: bool = True) -> None:
    """Point every newskit cache at ``cache_dir`` (or turn all caching off).

    Stored in the environment so forked and spawned workers follow it too.
    """
    if cache_dir is not None:
        os.environ[ENV_DIR] = str(cache_dir)
    if enabled:
        os.environ.pop(ENV_OFF, None)
    else:
        os.environ[ENV_OFF] = "1"


def cache_enabled() -> bool:
    """False when caching was turned off (``--no-cache`` / ``configure(enabled=False)``)."""
    return os.environ.get(ENV_OFF, "") in ("", "0")


def default_cache_dir() -> Path:
    """``$NEWSKIT_CACHE_DIR`` or ``~/.cache/newskit``."""
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path.home() / ".cache" / "newskit"


def private_dir(path: str | Path) -> Path:
    """Create ``path`` (and missing parents) with mode ``0700``; check it is ours.

    Raises ``UnsafeCacheDir`` if it is a symlink, not owned by the current user,
    or writable by group or others.
    """
    path = Path(path)
    missing = []
    p = path
    while not os.path.lexists(p) and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            pass
    check_private(path)
    return path


def check_private(path: Path, *, is_dir: bool = True) -> None:
    st = os.lstat(path)
    kind = "folder" if is_dir else "file"
    if stat.S_ISLNK(st.st_mode):
        raise UnsafeCacheDir(f"cache {kind} {path} is a symlink")
    if is_dir and not stat.S_ISDIR(st.st_mode):
        raise UnsafeCacheDir(f"cache folder {path} is not a folder")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise UnsafeCacheDir(f"cache {kind} {path} belongs to another user")
    if st.st_mode & 0o022:
        raise UnsafeCacheDir(f"cache {kind} {path} is writable by others")


def persistent_dir(*parts: str) -> Path | None:
    """A private folder under the cache root, or ``None`` (cache off or unsafe)."""
    if not cache_enabled():
        return None
    try:
        root = private_dir(default_cache_dir())
        return private_dir(root.joinpath(*parts)) if parts else root
    except OSError as exc:
        warnings.warn(f"not using the cache: {exc}", CacheWarning, stacklevel=2)
        return None


# ------------------------------------------------------------ signed blobs
def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a unique temporary file and ``os.replace`` (mode 0600)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_KEYS: dict[str, bytes] = {}


def matches(path: Path, sha256: str) -> bool:
    """True if ``path`` is a regular file (not a link) whose SHA-256 is ``sha256``.

    A file that exists but does not match is reported with a ``CacheWarning``.
    """
    try:
        if hashlib.sha256(read_regular(path)).hexdigest() == sha256:
            return True
    except FileNotFoundError:
        return False
    except OSError:
        pass
    warnings.warn(f"cached file {path} does not match its content hash; rebuilding it",
                  CacheWarning, stacklevel=3)
    return False


def _key(root: Path) -> bytes:
    """The secret HMAC key of cache ``root`` (created on first use, then remembered)."""
    known = _KEYS.get(str(root))
    if known is not None:
        return known
    path = root / KEY_FILE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        fd = None
    if fd is None:
        fd_tmp, tmp = tempfile.mkstemp(dir=root, prefix=".tmp-key-")
        with os.fdopen(fd_tmp, "wb") as fh:
            fh.write(os.urandom(32))
        try:
            os.link(tmp, path)  # atomic: the first process to get here wins
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_mode & 0o077:
            raise UnsafeCacheDir(f"cache key {path} is not private to this user")
        key = fh.read()
    if len(key) != 32:
        raise UnsafeCacheDir(f"cache key {path} is damaged")
    _KEYS[str(root)] = key
    return key


def sign(root: Path, name: str, data: bytes) -> str:
    return hmac.new(_key(root), name.encode("utf-8") + b"\0" + data, hashlib.sha256).hexdigest()


def verify(root: Path, name: str, data: bytes, mac: str) -> bool:
    return hmac.compare_digest(sign(root, name, data), str(mac))


class Cache:
    """Per-article results stored under ``root/<fingerprint>-<version>/<aa>/<key>.json``.

    ``schema`` checks a value read back (e.g. ``newskit.tables.schema.validate_article``); ``None``
    skips the check. A cache folder that is not private disables the cache with a
    ``CacheWarning``.
    """

    def __init__(self, root: str | Path, fingerprint: str, *, schema=None):
        self.base = Path(root)
        self.root = self.base / f"{fingerprint}-{newskit.__version__}"
        self.fingerprint = fingerprint
        self.schema = schema
        self.hits = 0
        self.misses = 0
        self.corrupt = 0
        self.usable = True
        try:
            private_dir(self.base)
            _key(self.base)
        except OSError as exc:
            self.usable = False
            warnings.warn(f"not using the cache: {exc}", CacheWarning, stacklevel=2)

    def key(self, text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, text: str) -> dict | None:
        """The cached result for ``text``, or ``None`` (miss, or a bad entry — reported)."""
        if not self.usable:
            self.misses += 1
            return None
        key = self.key(text)
        path = self._path(key)
        try:
            raw = read_regular(path)
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            warnings.warn(f"cache entry {path} unreadable ({exc}); recomputing", CacheWarning,
                          stacklevel=2)
            self.misses += 1
            return None
        try:
            value = self._decode(key, raw)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            self.corrupt += 1
            self.misses += 1
            warnings.warn(f"cache entry {path} is corrupt or forged ({exc}); recomputing",
                          CacheWarning, stacklevel=2)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        self.hits += 1
        return value

    def _decode(self, key: str, raw: bytes):
        envelope = json.loads(raw.decode("utf-8"))
        if not isinstance(envelope, dict) or envelope.get("format") != ENTRY_FORMAT:
            raise ValueError("unknown entry format")
        body = envelope["body"]
        if not isinstance(body, str) or not verify(self.base, key, body.encode("utf-8"),
                                                   envelope["mac"]):
            raise ValueError("signature mismatch")
        value = json.loads(body)
        if self.schema is not None:
            try:
                self.schema(value)
            except ValueError as exc:
                raise ValueError(f"schema-invalid: {exc}") from None
        return value

    def put(self, text: str, value: dict) -> None:
        """Store ``value`` for ``text`` atomically (a failed write is only a warning)."""
        if not self.usable:
            return
        key = self.key(text)
        path = self._path(key)
        body = json.dumps(value, default=_json_default)  # ASCII: lone surrogates survive
        envelope = json.dumps({"format": ENTRY_FORMAT, "body": body,
                               "mac": sign(self.base, key, body.encode("utf-8"))})
        try:
            private_dir(path.parent)
            write_atomic(path, envelope.encode("ascii"))
        except OSError as exc:
            warnings.warn(f"could not write cache entry {path} ({exc})", CacheWarning,
                          stacklevel=2)


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file; never follows a final symlink and
    never blocks on a FIFO (``OSError`` otherwise, ``FileNotFoundError`` if missing)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return fh.read()


def _json_default(obj):
    try:
        import numpy as np

        if isinstance(obj, np.generic):
            return obj.item()
    except ImportError:  # pragma: no cover
        pass
    raise TypeError(f"not JSON serialisable: {type(obj)}")
