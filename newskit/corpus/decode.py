"""Bytes to text, per file or per line, flagging every fallback.

Line-based formats (JSONL, CSV) are decoded line by line, so one Latin-1 line
neither garbles the UTF-8 lines around it nor costs more than its own record;
the fallback is named in that record's ``warning``. NUL bytes are dropped and
lone surrogates (``"\\ud800"`` in JSON) replaced by U+FFFD, both flagged.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, name: str = "<bytes>", *, newlines: bool = True) -> str:
    """Decode ``data`` as text; raise ``ValueError`` naming ``name`` if it is binary."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
            return _newlines(text) if newlines else text
        except UnicodeDecodeError:
            raise ValueError(f"{name}: broken UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise ValueError(f"{name}: binary file, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
        if text is None:
            raise ValueError(f"{name}: not text in any known encoding") from None
    bad = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if bad > max(8, len(text[:8192]) // 100):
        raise ValueError(f"{name}: binary file, not text (control characters)")
    return _newlines(text) if newlines else text


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _encoding(sample: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp850",
                                            "mac_roman", "utf_8"]).best()
    enc = best.encoding if best is not None else "cp1252"
    return "cp1252" if enc in ("utf_8", "ascii", "latin_1") else enc


def decode_lines(data: bytes) -> list[tuple[str, str | None]]:
    """Split ``data`` into lines (``\\n``, ``\\r\\n``; line ends kept) and decode each.

    Returns ``(line, warning)`` pairs; ``warning`` names a decoding fallback or a
    removed NUL byte on that line, else ``None``.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace")
        note = "broken UTF-16 replaced by U+FFFD" if "\ufffd" in text else None
        return [(line, note) for line in text.splitlines(keepends=True)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw = data.splitlines(keepends=True)
    bad = []
    for i, b in enumerate(raw):
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
    enc = _encoding(b"".join(raw[i] for i in bad[:200])) if bad else "utf-8"
    bad_set = set(bad)
    out = []
    for i, b in enumerate(raw):
        notes = []
        if b"\x00" in b:
            b = b.replace(b"\x00", b"")
            notes.append("NUL bytes removed")
        if i in bad_set:
            line = b.decode(enc, errors="replace")
            notes.append(f"not UTF-8, decoded as {enc}")
        else:
            line = b.decode("utf-8")
        out.append((line, "; ".join(notes) or None))
    return out


def clean_surrogates(value: str) -> tuple[str, bool]:
    """``value`` with lone surrogates replaced by U+FFFD (same length), and whether any were."""
    if _SURROGATE.search(value) is None:
        return value, False
    return _SURROGATE.sub("\ufffd", value), True
