"""Every file under the input paths, accounted for.

Folders are walked without recursion (any depth), symlinked folders are followed
once (loops are cut), unreadable folders and files of unsupported formats are
returned as problems (they become error rows), the same file reached twice (given
twice, or through a link) is read once. Hidden files and folders (``.name``) are
skipped and counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from newskit.corpus.readers import SUFFIXES


@dataclass
class Entry:
    path: Path
    problem: str | None = None  # "unsupported format '.pdf'", "unreadable folder (...)"
    explicit: bool = False  # given by the user (read even with an unknown suffix)


@dataclass
class Walk:
    entries: list[Entry]
    hidden: int = 0
    duplicates: int = 0


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def walk(paths: str | Path | Iterable[str | Path]) -> Walk:
    """The files under ``paths`` (files as given, folders walked, sorted per folder).

    Raises ``FileNotFoundError`` for a path that does not exist.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = Walk(entries=[])
    seen: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for p in paths:
        p = Path(p)
        if not os.path.lexists(p):
            raise FileNotFoundError(f"{p}: no such file or folder")
        if p.is_dir():
            _walk_dir(p, result, seen, seen_dirs)
        else:
            _add(Entry(p, explicit=True), result, seen)
    return result


def _add(entry: Entry, result: Walk, seen: set) -> None:
    ident = _identity(entry.path)
    if ident is not None and entry.problem is None:
        if ident in seen:
            result.duplicates += 1
            return
        seen.add(ident)
    result.entries.append(entry)


def _walk_dir(root: Path, result: Walk, seen: set, seen_dirs: set) -> None:
    stack = [root]
    while stack:
        folder = stack.pop()
        ident = _identity(folder)
        if ident in seen_dirs:
            continue  # a symlink loop or a folder reached twice
        seen_dirs.add(ident)
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            result.entries.append(Entry(folder, f"unreadable folder ({exc.strerror or exc})"))
            continue
        subdirs = []
        for item in items:
            path = Path(item.path)
            if item.name.startswith("."):
                result.hidden += 1
                continue
            try:
                is_dir = item.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(path)
            elif not item.is_file():
                problem = "broken link" if item.is_symlink() else "not a regular file"
                result.entries.append(Entry(path, problem))
            elif path.suffix.lower() in SUFFIXES:
                _add(Entry(path), result, seen)
            else:
                suffix = path.suffix.lower() or "(no extension)"
                result.entries.append(Entry(path, f"unsupported format {suffix!r}"))
        stack.extend(reversed(subdirs))
