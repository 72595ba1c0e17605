"""The seed format (`` date YYYY-MM `` then lead, paragraphs, subheadings, notes) and titles."""

from __future__ import annotations

import re

_SEED_HEADER = re.compile(r"^\ufeff?\s*date\s+(\S+)[ \t]+(.*)$", re.S)
_FINAL_PUNCT = tuple('.!?:;…"“”»«\')')
# A parenthesised sentence standing on its own: an editor's aside, not article content.
_EDITORIAL = re.compile(r"(?:(?<=[.!?\"“”»«])|^)\s*\(([^()]{3,}?[.!?…])\)\s*(?=$|\s)")
_SENT_END = re.compile(r"(?<=[.!?])[\"“”»«]?\s+(?=[A-ZÄÖÜ\"„»])")
SUBHEADING_MAX_CHARS = 80


def _is_subheading(block: str) -> bool:
    line = block.strip()
    return "\n" not in line and len(line) <= SUBHEADING_MAX_CHARS and not line.endswith(_FINAL_PUNCT)


def _strip_editorial(par: str) -> tuple[str, list[str]]:
    notes = [m.group(0).strip() for m in _EDITORIAL.finditer(par)]
    if not notes:
        return par, []
    return _EDITORIAL.sub("", par).strip(), notes


def parse_seed(content: str) -> dict:
    """Split seed-format ``content`` into date, lead, paragraphs, subheadings and notes.

    The first line is `` date YYYY-MM `` followed by the lead; paragraphs are
    separated by blank lines; a short line without final punctuation is a
    subheading; a parenthesised sentence of its own is an editorial note.
    ``text`` is lead and paragraphs joined by blank lines.

    >>> parts = parse_seed(" date 2022-01 Ein Satz.\\n\\nZwischentitel\\n\\nNoch einer. (Mehr lesen Sie hier.)")
    >>> parts["text"], parts["subheadings"], parts["editorial_notes"]
    ('Ein Satz.\\n\\nNoch einer.', ['Zwischentitel'], ['(Mehr lesen Sie hier.)'])
    """
    m = _SEED_HEADER.match(content)
    if not m:
        raise ValueError("not in seed format (first line must start with 'date YYYY-MM')")
    date, rest = m.group(1), m.group(2)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", rest)]
    blocks = [" ".join(b.split("\n")) if b else b for b in blocks]
    paragraphs, subheadings, notes = [], [], []
    for i, block in enumerate(blocks):
        if not block:
            continue
        if i > 0 and _is_subheading(block):
            subheadings.append(block)
            continue
        body, found = _strip_editorial(block)
        notes.extend(found)
        if body:
            paragraphs.append(body)
    if not paragraphs:
        raise ValueError("seed-format file has a date line but no text")
    return {
        "date": date,
        "lead": paragraphs[0],
        "paragraphs": paragraphs,
        "subheadings": subheadings,
        "editorial_notes": notes,
        "text": "\n\n".join(paragraphs),
    }


def derive_title(lead: str, max_chars: int = 120) -> str:
    """First sentence of ``lead``, cut at a word boundary to ``max_chars``.

    >>> derive_title("Berlin ist groß. Hamburg auch.")
    'Berlin ist groß.'
    """
    lead = " ".join(lead.split())
    first = _SENT_END.split(lead, maxsplit=1)[0]
    if len(first) <= max_chars:
        return first
    cut = first[: max_chars - 1].rsplit(" ", 1)[0]
    return cut + "…"
