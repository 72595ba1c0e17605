"""Writing result tables to a folder safely: atomic, locked, complete-or-detectably-not.

``OutputFolder`` is what ``newskit analyze --out DIR`` uses:

* **Lock.** ``DIR/.newskit.lock`` is locked (``flock``) for the whole run; a second
  run into the same folder fails at once with a clear message instead of mixing
  its files with the first one's.
* **Staging.** All tables (and ``errors.csv`` when there are errors) are written
  into a fresh private folder ``DIR/.newskit-tmp-XXXX`` (a unique name, so
  nothing planted can be in it), then moved into ``DIR`` one by one with
  ``os.replace``, which replaces a planted symlink instead of writing through it.
* **Manifest last.** ``DIR/newskit-run.json`` names the run, every file with its
  row count and SHA-256. It is deleted before the first file is replaced and
  written last, so a run killed half-way leaves a folder *without* a manifest;
  ``verify_output(DIR)`` tells a complete folder from a mixed or damaged one.
* **No stale files.** ``errors.csv`` and tables of the other format listed by the
  previous manifest are removed when this run does not produce them; staging
  folders left by killed runs are removed.
* **Formula escaping (CSV only, on by default).** A text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula
  by Excel or LibreOffice; it is written with a leading apostrophe ``'`` (a cell
  that already starts with ``'`` gets a second one, so the escaping can be
  undone exactly by ``unescape_formulas`` / ``read_table``). Offsets in the tables
  index the unescaped text. Parquet is written unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pandas as pd

MANIFEST = "newskit-run.json"
LOCK = ".newskit.lock"
STAGING_PREFIX = ".newskit-tmp-"
TABLE_NAMES = ("articles", "entities", "quotes", "sentences")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_KNOWN = {f"{n}.{ext}" for n in TABLE_NAMES for ext in ("csv", "parquet")} | {"errors.csv"}


class OutputError(OSError):
    """The output folder cannot be written (or is in use by another run)."""


def escape_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose string cells starting with a formula character are
    prefixed with ``'`` (see the module doc)."""
    out = df.copy()
    for col in out.columns:
        if _texty(out[col]):
            out[col] = out[col].map(_escape_cell)
    return out


def _texty(col: pd.Series) -> bool:
    return col.dtype == object or pd.api.types.is_string_dtype(col.dtype)


def _escape_cell(v):
    return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v


def unescape_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Undo ``escape_formulas`` (for tables read back from CSV)."""
    out = df.copy()
    for col in out.columns:
        if _texty(out[col]):
            out[col] = out[col].map(
                lambda v: v[1:] if isinstance(v, str) and v.startswith("'")
                and v[1:].startswith(FORMULA_START) else v)
    return out


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by newskit (CSV formula escaping undone)."""
    path = Path(path)
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return unescape_formulas(pd.read_csv(path, keep_default_na=False, na_values=[""]))


def _write(df: pd.DataFrame, path: Path, fmt: str, escape: bool) -> None:
    if fmt == "csv":
        (escape_formulas(df) if escape else df).to_csv(path, index=False)
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    else:
        raise ValueError(f"unknown format {fmt!r} (csv or parquet)")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class OutputFolder:
    """Lock ``out_dir`` for one run and write its tables atomically (module doc).

    Example::

        with OutputFolder("out") as folder:
            paths = folder.write(result.tables(), fmt="csv", errors=error_rows)
    """

    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.run_id = uuid.uuid4().hex
        self._lock_fd: int | None = None

    # -------------------------------------------------------------- locking
    def __enter__(self) -> OutputFolder:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            if self.out.is_symlink() or not self.out.is_dir():
                raise OutputError(f"{self.out} is not a folder")
            fd = os.open(self.out / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                         0o600)
        except OSError as exc:
            raise OutputError(f"cannot write to output folder {self.out}: "
                              f"{exc.strerror or exc}") from None
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock
            pass
        except OSError:
            os.close(fd)
            raise OutputError(f"output folder {self.out} is in use by another newskit run; "
                              "wait for it to finish or choose another --out") from None
        self._lock_fd = fd
        self._clean_staging()
        return self

    def __exit__(self, *exc) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def _clean_staging(self) -> None:
        for p in self.out.glob(STAGING_PREFIX + "*"):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)

    # -------------------------------------------------------------- writing
    def write(self, tables: dict[str, pd.DataFrame], fmt: str = "csv", *,
              errors: pd.DataFrame | None = None, escape: bool | None = None,
              extra: dict | None = None) -> dict[str, Path]:
        """Write ``tables`` (and ``errors.csv`` if ``errors`` has rows); return final paths.

        ``escape`` (default: on for CSV) escapes formula cells; ``extra`` is added to
        the manifest.
        """
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"unknown format {fmt!r} (csv or parquet)")
        escape = fmt == "csv" if escape is None else escape
        stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
        try:
            files = {f"{name}.{fmt}": df for name, df in tables.items()}
            if errors is not None and len(errors):
                files["errors.csv"] = errors
            entries = {}
            for fname, df in files.items():
                _write(df, stage / fname, "csv" if fname == "errors.csv" else fmt, escape)
                entries[fname] = {"rows": int(len(df)), "sha256": _sha256(stage / fname)}
            manifest = {"newskit_run": self.run_id, "finished": time.strftime(
                "%Y-%m-%dT%H:%M:%S%z"), "format": fmt, "formula_escaping": bool(escape),
                "files": entries, **(extra or {})}
            (stage / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                          encoding="utf-8")
            self._swap(stage, list(files))
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        return {Path(f).stem: self.out / f for f in files}

    def _swap(self, stage: Path, names: list[str]) -> None:
        stale = (_previous_files(self.out) | {"errors.csv"}) - set(names)
        try:
            os.unlink(self.out / MANIFEST)  # from here until the end the folder is incomplete
        except FileNotFoundError:
            pass
        for name in names:
            os.replace(stage / name, self.out / name)
        for name in stale:
            try:
                os.unlink(self.out / name)
            except FileNotFoundError:
                pass
        os.replace(stage / MANIFEST, self.out / MANIFEST)


def _previous_files(out: Path) -> set[str]:
    """Files the previous run's manifest lists (only newskit's own file names)."""
    try:
        manifest = json.loads(_read_small(out / MANIFEST))
        return {f for f in manifest.get("files", {}) if f in _KNOWN}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def _read_small(path: Path, limit: int = 1 << 20) -> str:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        return fh.read(limit).decode("utf-8")


def verify_output(out_dir: str | Path) -> list[str]:
    """Problems with an output folder; empty when its manifest matches every file.

    A folder without a manifest is reported as incomplete (a run was killed while
    writing, or it was not written by newskit).
    """
    out = Path(out_dir)
    try:
        manifest = json.loads(_read_small(out / MANIFEST))
        files = manifest["files"]
    except FileNotFoundError:
        return [f"{out}: no {MANIFEST}: incomplete run (killed while writing?)"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{out / MANIFEST}: unreadable ({exc})"]
    problems = []
    for name, info in files.items():
        path = out / name
        if not path.is_file() or path.is_symlink():
            problems.append(f"{path}: missing")
        elif _sha256(path) != info.get("sha256"):
            problems.append(f"{path}: not the file this run wrote (hash differs)")
    return problems
