"""A CRFsuite (CRF1d) model read into arrays, and exact Viterbi decoding with numpy.

python-crfsuite trains the entity model (``newskit.nlp.ner_training``); predicting with
it costs a string per feature and token, converted to C++ and looked up in the model's
hash tables on every call. Here the model file is read once into a weight matrix (one
row per attribute, one column per label) and a transition matrix; a word's features
become row numbers once (cached by the caller), and a sentence is scored by summing
rows. The labels are those CRFsuite's own tagger gives (``tests/test_crf_model.py``
compares both on every sentence it tries).

File layout (CRFsuite 0.12, ``crf1d_model.c``; ``training/strip_crf_model.py`` writes
it): a 48-byte header (``lCRF``, size, ``FOMC``, version, #features, #labels,
#attributes, offsets of the chunks), a ``FEAT`` chunk of (type, source, target, weight)
records — type 0 attribute → label, type 1 label → label — and the label and attribute
names as CQDB chunks, whose backward array maps an id to its key record
(id, size, key with NUL).
"""

from __future__ import annotations

import struct
import weakref
from typing import Iterable, Sequence

import numpy

HEADER = struct.Struct("<4sI4sIIIIIIIII")
CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE = numpy.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


_LOADED: weakref.WeakSet = weakref.WeakSet()


def drop_all_added_rows() -> None:
    """``CRFModel.drop_added_rows`` on every model in this process (the word caches of
    the entity component; for cold-start benchmarks)."""
    for model in list(_LOADED):
        model.drop_added_rows()


class ModelFileError(ValueError):
    """The bytes are not a CRFsuite CRF1d model this reader understands."""


def _cqdb_keys(data: bytes, begin: int) -> list[str]:
    """Keys of the CQDB chunk at ``begin``, by id."""
    chunk, size, _flag, _order, n, bwd = CQDB_HEADER.unpack_from(data, begin)
    if chunk != b"CQDB" or begin + size > len(data) or bwd + 4 * n > size:
        raise ModelFileError(f"bad CQDB chunk at {begin}")
    offsets = struct.unpack_from(f"<{n}I", data, begin + bwd)
    keys = []
    for i, off in enumerate(offsets):
        kid, ksize = struct.unpack_from("<iI", data, begin + off)
        start = begin + off + 8
        if kid != i or ksize < 1 or start + ksize > begin + size:
            raise ModelFileError(f"bad CQDB key record {i}")
        keys.append(data[start:start + ksize - 1].decode("utf-8"))
    return keys


class CRFModel:
    """Weights of a linear-chain CRF: ``state[attribute, label]``, ``trans[from, to]``.

    The last row of ``state`` is all zeros: ``UNKNOWN`` stands for a feature the model
    never saw (and pads a token without any known feature).
    """

    def __init__(self, labels: list[str], attributes: list[str], state: numpy.ndarray,
                 trans: numpy.ndarray):
        self.labels = labels
        self.attr_id = {a: i for i, a in enumerate(attributes)}
        self.state = state
        self.trans = trans
        self.UNKNOWN = len(attributes)
        self._base = len(state)  # rows past this are sums made by ``add_row``
        self._used = len(state)
        self.cache: dict = {}  # for the caller's row numbers; emptied with the added rows
        _LOADED.add(self)

    def add_row(self, rows: Sequence[int]) -> int:
        """A new row holding the sum of ``rows`` (all of a word's features as one row:
        a token then costs a handful of rows instead of fifty); its number."""
        return self.add_rows([rows])[0]

    def add_rows(self, groups: Sequence[Sequence[int]]) -> list[int]:
        """``add_row`` for each group of rows, in one step; their numbers."""
        need = self._used + len(groups)
        if need > len(self.state):
            grown = numpy.zeros((max(need, len(self.state) + max(1024, len(self.state) // 2)),
                                 self.state.shape[1]))
            grown[: self._used] = self.state[: self._used]
            self.state = grown
        flat: list[int] = []
        starts = []
        for rows in groups:
            starts.append(len(flat))
            flat.append(self.UNKNOWN)  # the zero row: an empty group sums to zero
            flat.extend(rows)
        self.state[self._used:need] = numpy.add.reduceat(self.state[flat], starts, axis=0)
        first, self._used = self._used, need
        return list(range(first, need))

    @property
    def added_rows(self) -> int:
        """How many rows ``add_row`` made since the last ``drop_added_rows``."""
        return self._used - self._base

    def drop_added_rows(self) -> None:
        """Forget every row ``add_row`` made (their numbers become invalid)."""
        self._used = self._base
        self.state = self.state[: self._base].copy()
        self.cache.clear()

    @classmethod
    def from_bytes(cls, data: bytes) -> CRFModel:
        """Read a CRF1d model file's bytes (``ModelFileError`` if they are not one)."""
        if len(data) < HEADER.size:
            raise ModelFileError("too short for a CRFsuite model")
        (magic, size, mtype, _version, _nf, n_labels, n_attrs, off_feat, off_labels,
         off_attrs, _off_lrefs, _off_arefs) = HEADER.unpack_from(data, 0)
        if magic != b"lCRF" or mtype != b"FOMC" or size != len(data):
            raise ModelFileError("not a CRFsuite CRF1d model")
        chunk, _fsize, n_feat = struct.unpack_from("<4sII", data, off_feat)
        if chunk != b"FEAT" or off_feat + 12 + _FEATURE.itemsize * n_feat > len(data):
            raise ModelFileError("bad FEAT chunk")
        feats = numpy.frombuffer(data, dtype=_FEATURE, count=n_feat, offset=off_feat + 12)
        labels = _cqdb_keys(data, off_labels)
        attributes = _cqdb_keys(data, off_attrs)
        if len(labels) != n_labels or len(attributes) != n_attrs:
            raise ModelFileError("label or attribute count does not match the header")
        is_state, is_trans = feats["type"] == 0, feats["type"] == 1
        if not (is_state | is_trans).all() or (feats["dst"] >= n_labels).any() \
                or (feats["src"][is_state] >= n_attrs).any() \
                or (feats["src"][is_trans] >= n_labels).any():
            raise ModelFileError("feature refers to an unknown label or attribute")
        state = numpy.zeros((n_attrs + 1, n_labels))
        numpy.add.at(state, (feats["src"][is_state], feats["dst"][is_state]),
                     feats["weight"][is_state])
        trans = numpy.zeros((n_labels, n_labels))
        numpy.add.at(trans, (feats["src"][is_trans], feats["dst"][is_trans]),
                     feats["weight"][is_trans])
        return cls(labels, attributes, state, trans)

    def ids(self, features: Iterable[str]) -> list[int]:
        """Row numbers of the ``features`` the model knows (the others carry no weight)."""
        get = self.attr_id.get
        return [i for i in map(get, features) if i is not None]

    def scores(self, rows: Sequence[Sequence[int]]) -> numpy.ndarray:
        """State scores (tokens × labels): the sum of each token's ``rows``."""
        flat: list[int] = []
        starts = []
        unknown = self.UNKNOWN
        for token_rows in rows:
            starts.append(len(flat))
            flat.append(unknown)  # never empty: reduceat needs a row per token
            flat.extend(token_rows)
        if not flat:
            return numpy.zeros((0, len(self.labels)))
        return numpy.add.reduceat(self.state[flat], starts, axis=0)

    def tag(self, rows: Sequence[Sequence[int]]) -> list[str]:
        """The best label sequence for a sentence given each token's feature rows."""
        return self.tag_scores([self.scores(rows)])[0]

    def tag_scores(self, sentences: Sequence[numpy.ndarray]) -> list[list[str]]:
        """Best label sequences for many sentences' state scores (tokens × labels) at
        once: one Viterbi pass over the sentences side by side, as many numpy steps as
        the longest sentence has tokens."""
        lengths = [len(scores) for scores in sentences]
        if not any(lengths):
            return [[] for _ in sentences]
        longest = max(lengths)
        batch = numpy.zeros((len(sentences), longest, len(self.labels)))
        for b, scores in enumerate(sentences):
            batch[b, : len(scores)] = scores
        paths = self._viterbi_batch(batch, lengths)
        labels = self.labels
        return [[labels[k] for k in path] for path in paths]

    def _viterbi_batch(self, scores: numpy.ndarray, lengths: list[int]) -> list[list[int]]:
        """Best label indices per sentence for state ``scores`` (sentences × tokens ×
        labels, zero past each sentence's length) and the transition weights; ties go to
        the lower label index, as in CRFsuite."""
        trans = self.trans[None, :, :]
        best = scores[:, 0, :]
        bests = [best]
        backs = []
        for t in range(1, scores.shape[1]):
            cand = best[:, :, None] + trans  # sentence × from × to
            backs.append(cand.argmax(axis=1))
            best = cand.max(axis=1) + scores[:, t, :]
            bests.append(best)
        # backtrace for all sentences at once: a sentence's path starts at its last token
        ending: dict[int, list[int]] = {}
        for b, n in enumerate(lengths):
            ending.setdefault(n - 1, []).append(b)
        rows = numpy.arange(len(lengths))
        cur = numpy.zeros(len(lengths), dtype=numpy.intp)
        steps = []
        for t in range(len(bests) - 1, -1, -1):
            last = ending.get(t)
            if last is not None:
                cur[last] = bests[t][last].argmax(axis=1)
            steps.append(cur)
            if t:
                cur = backs[t - 1][rows, cur]
        path = numpy.stack(steps[::-1], axis=1).tolist()
        return [row[:n] for row, n in zip(path, lengths)]
