"""Dates as found in news exports: ISO (``2021-03-12``, ``2021-03``, ``2021``, with a
time), German (``12.03.2021``, ``12.3.21``, ``12. März 2021``, ``März 2021``) and
English month names (``12 March 2021``, ``March 12, 2021``)."""

from __future__ import annotations

import re

import pandas as pd

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?:[,\s].*)?$")
_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "january": 1, "februar": 2, "feb": 2, "february": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    "december": 12, "dec": 12,
}
_WORD_DAY_FIRST = re.compile(r"^(?:(\d{1,2})\.?\s+)?([^\W\d_]+)\.?\s+(\d{4})(?:[,\s].*)?$")
_WORD_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:[,\s].*)?$")


def _match(s: str) -> tuple[int, int | None, int | None] | None:
    m = _ISO.match(s)
    if m:
        y, mo, d = m.groups()
        return int(y), int(mo) if mo else None, int(d) if d else None
    m = _DOTTED.match(s)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return (y + 2000 if y < 70 else y + 1900) if y < 100 else y, mo, d
    m = _WORD_DAY_FIRST.match(s)
    if m and m.group(2).lower() in _MONTHS:
        d = m.group(1)
        return int(m.group(3)), _MONTHS[m.group(2).lower()], int(d) if d else None
    m = _WORD_MONTH_FIRST.match(s)
    if m and m.group(1).lower() in _MONTHS:
        return int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))
    return None


def parse_date(value: object) -> tuple[str | None, pd.Timestamp, str | None]:
    """Parse ``value`` into ``(iso_string, period_start, precision)``.

    >>> parse_date("2022-01")
    ('2022-01', Timestamp('2022-01-01 00:00:00'), 'month')
    >>> parse_date("12. März 2021")[0], parse_date("12.03.2021")[0]
    ('2021-03-12', '2021-03-12')
    >>> parse_date(None)
    (None, NaT, None)

    Raises ``ValueError`` for a value that is present but not a date.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return None, pd.NaT, None
    s = " ".join(str(value).split())
    found = _match(s)
    if found is None:
        raise ValueError(f"unreadable date {s!r}")
    y, mo, d = found
    try:
        if d:
            ts = pd.Timestamp(y, mo, d)
            return f"{y:04d}-{mo:02d}-{d:02d}", ts, "day"
        if mo:
            return f"{y:04d}-{mo:02d}", pd.Timestamp(y, mo, 1), "month"
        return f"{y:04d}", pd.Timestamp(y, 1, 1), "year"
    except ValueError:
        raise ValueError(f"unreadable date {s!r}") from None
