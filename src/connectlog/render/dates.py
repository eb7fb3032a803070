"""Days and times as connectlog writes them everywhere a person reads: "Tue 1 Dec".

One way, so that a summary, a review, the diary and an export name a day
alike. Machine-readable output (JSON, the listing's When column, file names)
keeps ISO 8601, which sorts.
"""

from __future__ import annotations

from datetime import date, datetime


def day(when: date, *, year: bool = False) -> str:
    """ "Tue 1 Dec", or "Tue 1 Dec 2026" with ``year``."""
    return f"{when:%a} {when.day} {when:%b}" + (f" {when.year}" if year else "")


def day_and_time(when: datetime, *, year: bool = False) -> str:
    """ "Tue 1 Dec 19:05", or "Tue 1 Dec 2026 19:05" with ``year``."""
    return f"{day(when, year=year)} {when:%H:%M}"
