"""Word analyses shared by the worker processes of one run on one host.

A word form HanTa's tables lack costs a morpheme search (about a millisecond), the
largest part of a cold start. Worker processes (``n_process > 1``, Dask workers on the
client's host) start with empty memos, so without sharing each of them repeats the
searches of every word form it meets; with two workers that was most of the extra CPU
time of a parallel run.

Each worker appends the analyses it computed to its own file in a folder the run
creates (private, mode 0700; length-prefixed JSON records, one ``os.write`` each, no
pickle) and, before each task, reads the records the other workers appended since it
last looked. A record is read only when complete, so no locks are needed. The analyses are exactly what the reader
would compute itself (same model, same code), so results do not change; only the
repeated work goes.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     a, b = SharedAnalyses(d, name="a"), SharedAnalyses(d, name="b")
...     a.publish([(0, "Blinkens", [(15, -3.5)])])
...     b.receive()
[(0, 'Blinkens', [(15, -3.5)])]
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from newskit.nlp import hanta

SUFFIX = ".analyses"
PREFIX = "newskit-analyses-"
_HEADER = 8  # bytes of a record's length


class SharedAnalyses:
    """One process's view of a shared folder: its own file and read offsets of the others."""

    def __init__(self, folder: str | os.PathLike, name: str | None = None) -> None:
        self.folder = Path(folder)
        self.name = (name or str(os.getpid())) + SUFFIX
        self.offsets: dict[str, int] = {}

    def publish(self, entries: list) -> None:
        """Append ``entries`` to this process's file (one write, so a reader sees all or none
        of the record once its length is there)."""
        if not entries:
            return
        blob = json.dumps(entries, ensure_ascii=False).encode("utf-8")  # floats exact (repr)
        fd = os.open(self.folder / self.name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, len(blob).to_bytes(_HEADER, "little") + blob)
        finally:
            os.close(fd)

    def receive(self) -> list:
        """The complete records the other processes appended since the last call."""
        out: list = []
        for path in sorted(self.folder.glob("*" + SUFFIX)):
            if path.name == self.name:
                continue
            start = self.offsets.get(path.name, 0)
            try:
                with open(path, "rb") as fh:
                    fh.seek(start)
                    data = fh.read()
            except OSError:
                continue
            pos = 0
            while pos + _HEADER <= len(data):
                size = int.from_bytes(data[pos : pos + _HEADER], "little")
                if pos + _HEADER + size > len(data):
                    break  # still being written: read it next time
                out.extend(_entries(json.loads(data[pos + _HEADER : pos + _HEADER + size])))
                pos += _HEADER + size
            self.offsets[path.name] = start + pos
        return out


def _entries(records: list) -> list:
    """Decoded JSON records as the memo holds them (tuples, not lists)."""
    out = []
    for kind, key, value in records:
        if kind == hanta.FORWARD:
            out.append((kind, key, [(int(t), float(p)) for t, p in value]))
        else:
            out.append((kind, (key[0], int(key[1])), (value[0], value[1])))
    return out


_current: tuple[str, int, SharedAnalyses] | None = None  # (folder, pid, view) of this process


def new_folder() -> str:
    """A private folder (mode 0700) for one run's shared analyses."""
    return tempfile.mkdtemp(prefix=PREFIX)


def sync(folder: str | None) -> None:
    """Exchange analyses through ``folder`` (made by :func:`new_folder` in this host's parent
    process): publish what this process computed since the last call, memoise what the
    others published. No-op for ``None`` or a folder that does not exist here (a worker on
    another host)."""
    global _current
    if not folder or not os.path.isdir(folder):
        if _current is not None:  # stop recording (a long-lived Dask worker's next run)
            hanta.record_analyses(False)
            _current = None
        return
    pid = os.getpid()
    if _current is None or _current[0] != folder or _current[1] != pid:
        # a new run, or a process forked from one that had a view: start afresh (a forked
        # child must neither append to its parent's file nor miss what it published)
        _current = (folder, pid, SharedAnalyses(folder))
        hanta.record_analyses(True)
    view = _current[2]
    try:
        view.publish(hanta.take_analyses())
        hanta.add_analyses(view.receive())
    except (OSError, ValueError, TypeError, IndexError, KeyError):
        # a folder this process may not write or read (another user's worker): sharing
        # only saves time, so the analysis goes on without it
        hanta.record_analyses(False)
        _current = None
