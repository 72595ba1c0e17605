"""Drop the attributes a model can never see from a CRFsuite (CRF1d) model file.

Usage:
    python training/strip_crf_model.py IN.crfsuite OUT.crfsuite [--drop hist:,sd:,mob:]
        [--merge news:]

The entity model is trained with a domain copy of every feature (``hist:`` for
Europeana, ``sd:`` SmartData, ``mob:`` MobIE, ``news:`` GermEval; see
``newskit.nlp.ner_features.sentence_features``), but newskit only ever predicts with
``news`` features. The other domains' attributes (about 40 % of the model's state
features) still sit in the model's attribute dictionary, where every lookup pays for
them. This script rewrites the model without them: the same labels, transitions and
weights, so predictions are identical (``training/train_ner.py`` checks that), a
smaller file and a faster tagger.

With ``--merge news:`` the ``news:`` copy of every feature is folded into the plain
feature (weights added per label), since prediction always sees both: the entity
component then sends half as many features for the same scores.

The CRF1d file layout (CRFsuite 0.12, ``crf1d_model.c``): a 48-byte header
(``lCRF``, size, ``FOMC``, version, #features, #labels, #attributes and the offsets of
the five chunks), a ``FEAT`` chunk of (type, source, target, weight) records, the
label and the attribute dictionaries as CQDB chunks, and the ``LFRF``/``AFRF`` chunks
listing each label's and each attribute's feature ids. A CQDB chunk holds key records
(id, size, key with its NUL), 256 open-addressing hash tables of (hash, offset) pairs
with twice as many buckets as keys (probe start ``(hash >> 8) % n``, linear probing)
and a backward array id → offset. The hash of each kept key is taken from the input
file's own tables; a renamed key is hashed with ``cqdb_hash``.
"""

from __future__ import annotations

import argparse
import struct
from pathlib import Path

HEADER = struct.Struct("<4sI4sIIIIIIIII")
CQDB_HEADER = struct.Struct("<4sIIIII")
NUM_TABLES = 256


def _cqdb_read(data: bytes, begin: int) -> tuple[list[bytes], list[int], bytes]:
    """Keys (by id, without NUL) and their hashes of the CQDB chunk at ``begin``; the
    chunk's raw bytes."""
    chunk, size, _flag, _order, bwd_size, bwd_offset = CQDB_HEADER.unpack_from(data, begin)
    assert chunk == b"CQDB", chunk
    tables = struct.unpack_from(f"<{2 * NUM_TABLES}I", data, begin + CQDB_HEADER.size)
    hash_at: dict[int, int] = {}
    for t in range(NUM_TABLES):
        offset, num = tables[2 * t], tables[2 * t + 1]
        if num:
            pairs = struct.unpack_from(f"<{2 * num}I", data, begin + offset)
            for k in range(num):
                if pairs[2 * k + 1]:
                    hash_at[pairs[2 * k + 1]] = pairs[2 * k]
    bwd = struct.unpack_from(f"<{bwd_size}I", data, begin + bwd_offset)
    keys, hashes = [], []
    for i, off in enumerate(bwd):
        kid, ksize = struct.unpack_from("<iI", data, begin + off)
        assert kid == i
        keys.append(data[begin + off + 8: begin + off + 8 + ksize - 1])
        hashes.append(hash_at[off])
    return keys, hashes, data[begin: begin + size]


def _cqdb_write(keys: list[bytes], hashes: list[int]) -> bytes:
    head = CQDB_HEADER.size + 8 * NUM_TABLES
    records = bytearray()
    offsets = []
    buckets: list[list[tuple[int, int]]] = [[] for _ in range(NUM_TABLES)]
    for i, (key, hv) in enumerate(zip(keys, hashes)):
        off = head + len(records)
        offsets.append(off)
        records += struct.pack("<iI", i, len(key) + 1) + key + b"\0"
        buckets[hv % NUM_TABLES].append((hv, off))
    body = bytearray(records)
    refs = []
    for src in buckets:
        if not src:
            refs += [0, 0]
            continue
        n = 2 * len(src)
        dst = [(0, 0)] * n
        for hv, off in src:
            k = (hv >> 8) % n
            while dst[k][1]:
                k = (k + 1) % n
            dst[k] = (hv, off)
        refs += [head + len(body), n]
        body += struct.pack(f"<{2 * n}I", *[x for pair in dst for x in pair])
    bwd_offset = head + len(body)
    body += struct.pack(f"<{len(offsets)}I", *offsets)
    size = head + len(body)
    return (CQDB_HEADER.pack(b"CQDB", size, 0, 0x62445371, len(keys), bwd_offset)
            + struct.pack(f"<{2 * NUM_TABLES}I", *refs) + bytes(body))


def _refs_read(data: bytes, begin: int, chunk_id: bytes) -> list[list[int] | None]:
    """Feature ids per label (``LFRF``) or attribute (``AFRF``); ``None`` where CRFsuite
    wrote no list at all (offset 0: BOS/EOS), ``[]`` for a written empty list."""
    chunk, _size, num = struct.unpack_from("<4sII", data, begin)
    assert chunk == chunk_id, chunk
    offsets = struct.unpack_from(f"<{num}I", data, begin + 12)
    out: list[list[int] | None] = []
    for off in offsets:
        if off == 0:
            out.append(None)
            continue
        (n,) = struct.unpack_from("<I", data, off)
        out.append(list(struct.unpack_from(f"<{n}I", data, off + 4)))
    return out


def _refs_write(refs: list[list[int] | None], chunk_id: bytes, begin: int) -> bytes:
    """A refs chunk that will start at file offset ``begin`` (its offsets are absolute).
    ``None`` is written as offset 0 (as CRFsuite does for BOS/EOS), an empty list as a
    count of 0: the tagger reads a count at every non-zero offset."""
    pos = begin + 12 + 4 * len(refs)
    offsets, body = [], bytearray()
    for fids in refs:
        if fids is None:
            offsets.append(0)
            continue
        offsets.append(pos + len(body))
        body += struct.pack(f"<I{len(fids)}I", len(fids), *fids)
    size = 12 + 4 * len(refs) + len(body)
    return struct.pack(f"<4sII{len(refs)}I", chunk_id, size, len(refs), *offsets) + bytes(body)


def strip(data: bytes, drop: tuple[str, ...], merge: str | None = None) -> bytes:
    """The model file ``data`` without the attributes starting with any of ``drop``.

    With ``merge`` (a domain prefix such as ``"news:"``), each attribute ``news:X`` is
    also folded into ``X``: the weight of ``(news:X, label)`` is added to that of
    ``(X, label)`` and ``news:X`` is dropped. A tagger that always sees ``X`` and
    ``news:X`` together (prediction in the ``news`` domain) then scores every label
    sequence the same from ``X`` alone, with half the attribute lookups.
    """
    (magic, _size, mtype, version, n_feat_hdr, n_labels, n_attrs,
     off_feat, off_labels, off_attrs, off_lrefs, off_arefs) = HEADER.unpack_from(data, 0)
    assert magic == b"lCRF" and mtype == b"FOMC", (magic, mtype)
    chunk, _fsize, n_feat = struct.unpack_from("<4sII", data, off_feat)
    assert chunk == b"FEAT"
    feats = [struct.unpack_from("<IIId", data, off_feat + 12 + 20 * i) for i in range(n_feat)]
    labels_raw = _cqdb_read(data, off_labels)[2]
    keys, hashes = _cqdb_read(data, off_attrs)[:2]
    assert len(keys) == n_attrs
    prefixes = tuple(p.encode() for p in drop)
    attr_map = {a: a for a, key in enumerate(keys) if not key.startswith(prefixes)}
    folded = _fold_into(keys, hashes, attr_map, merge.encode()) if merge else {}
    for new, old in enumerate(sorted(attr_map)):  # kept attributes, renumbered densely
        attr_map[old] = new
    new_keys = [keys[a] for a in sorted(attr_map)]
    new_hashes = [hashes[a] for a in sorted(attr_map)]
    feat_map, new_feats = {}, []
    state_at: dict[tuple[int, int], int] = {}
    for fid, (ftype, src, dst, w) in enumerate(feats):
        if ftype == 0:  # state feature: attribute -> label
            if src in folded:
                continue
            if src not in attr_map:
                continue
            src = attr_map[src]
            state_at[(src, dst)] = len(new_feats)
        feat_map[fid] = len(new_feats)
        new_feats.append((ftype, src, dst, w))
    extra: dict[int, list[int]] = {}  # new attribute id -> feature ids it gained
    for ftype, src, dst, w in feats:
        if ftype != 0 or src not in folded:
            continue
        target = attr_map[folded[src]]
        at = state_at.get((target, dst))
        if at is None:  # a label the plain attribute never had: move the feature over
            at = state_at[(target, dst)] = len(new_feats)
            new_feats.append((0, target, dst, 0.0))
            extra.setdefault(target, []).append(at)
        t, s, d, old_w = new_feats[at]
        new_feats[at] = (t, s, d, old_w + w)
    lrefs = [None if fids is None else [feat_map[f] for f in fids if f in feat_map]
             for fids in _refs_read(data, off_lrefs, b"LFRF")]
    old_arefs = _refs_read(data, off_arefs, b"AFRF")
    arefs: list[list[int] | None] = [[] for _ in new_keys]
    for a, fids in enumerate(old_arefs):
        if a in attr_map:
            arefs[attr_map[a]] = [feat_map[f] for f in fids or () if f in feat_map]
    for a, fids in extra.items():
        arefs[a] += fids

    feat_chunk = struct.pack("<4sII", b"FEAT", 12 + 20 * len(new_feats), len(new_feats))
    feat_chunk += b"".join(struct.pack("<IIId", *f) for f in new_feats)
    attrs_raw = _cqdb_write(new_keys, new_hashes)
    o_feat = HEADER.size
    o_labels = o_feat + len(feat_chunk)
    o_attrs = o_labels + len(labels_raw)
    o_lrefs = o_attrs + len(attrs_raw)
    lrefs_raw = _refs_write(lrefs, b"LFRF", o_lrefs)
    o_arefs = o_lrefs + len(lrefs_raw)
    arefs_raw = _refs_write(arefs, b"AFRF", o_arefs)
    total = o_arefs + len(arefs_raw)
    header = HEADER.pack(magic, total, mtype, version, n_feat_hdr, n_labels, len(new_keys),
                         o_feat, o_labels, o_attrs, o_lrefs, o_arefs)
    return header + feat_chunk + labels_raw + attrs_raw + lrefs_raw + arefs_raw


def _fold_into(keys: list[bytes], hashes: list[int], attr_map: dict[int, int],
               prefix: bytes) -> dict[int, int]:
    """Old attribute id of each ``PREFIX X`` → old id of ``X``; the ``PREFIX X``
    attributes are taken out of ``attr_map``. Where L1 regularisation left ``X`` without
    any weight (so the model has no ``X``), ``PREFIX X`` is renamed to ``X`` instead
    (``keys``/``hashes`` are changed in place)."""
    ids = {key: a for a, key in enumerate(keys)}
    folded = {}
    for a, key in enumerate(keys):
        if a in attr_map and key.startswith(prefix):
            plain = ids.get(key[len(prefix):])
            if plain is None or plain not in attr_map:
                keys[a] = key[len(prefix):]
                hashes[a] = cqdb_hash(keys[a])
            else:
                folded[a] = plain
    for a in folded:
        del attr_map[a]
    return folded


_M32 = 0xFFFFFFFF


def _rot(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & _M32


def cqdb_hash(key: bytes) -> int:
    """The hash CQDB files store for ``key``: Bob Jenkins' lookup3 ``hashlittle`` (public
    domain) over the key and its NUL, initial value 0 (checked against every key of
    the shipped model in ``tests/test_ner_model_file.py``).

    Both of lookup3's mixing steps cycle through its three state words: ``mix`` does
    ``x -= z; x ^= rot(z, r); z += y`` six times, ``final`` does ``x ^= z; x -= rot(z, r)``
    seven times, each with the next word as ``x``."""
    data = key + b"\0"
    n = len(data)
    v = [(0xDEADBEEF + n) & _M32] * 3
    i = 0
    while True:
        block = data[i:i + 12]
        last = n - i <= 12
        block += bytes(12 - len(block))  # n > 0: the last block always holds the NUL
        for k in range(3):
            v[k] = (v[k] + int.from_bytes(block[4 * k:4 * k + 4], "little")) & _M32
        if last:
            break
        for step, r in enumerate(_MIX_ROTATIONS):
            x, z, y = step % 3, (step + 2) % 3, (step + 1) % 3
            v[x] = ((v[x] - v[z]) & _M32) ^ _rot(v[z], r)
            v[z] = (v[z] + v[y]) & _M32
        i += 12
    for step, r in enumerate(_FINAL_ROTATIONS):
        x, z = (2 + step) % 3, (1 + step) % 3
        v[x] = ((v[x] ^ v[z]) - _rot(v[z], r)) & _M32
    return v[2]


_MIX_ROTATIONS = (4, 6, 8, 16, 19, 4)
_FINAL_ROTATIONS = (14, 11, 25, 16, 4, 14, 24)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--drop", default="hist:,sd:,mob:")
    ap.add_argument("--merge", help="fold this domain prefix into the plain attributes (news:)")
    args = ap.parse_args()
    data = args.src.read_bytes()
    out = strip(data, tuple(filter(None, args.drop.split(","))), merge=args.merge)
    args.dst.write_bytes(out)
    print(f"{len(data) / 1e6:.1f} MB -> {len(out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
