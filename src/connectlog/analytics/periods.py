"""Periods a summary covers: ISO weeks (or Sunday weeks), months, and ranges of days."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONDAY, SUNDAY = 0, 6
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True)
class Period:
    """A run of whole local days, ``start`` to ``end`` inclusive."""

    label: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def kind(self) -> str:
        """``week``, ``month`` or ``days`` (any run of days), read from the label."""
        if _WEEK.fullmatch(self.label):
            return "week"
        return "month" if _MONTH.fullmatch(self.label) else "days"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if _WEEK.fullmatch(self.label):
            return week_of(self.start - timedelta(days=7), week_start=self.start.weekday())
        if _MONTH.fullmatch(self.label):
            return month(self.start - timedelta(days=1))
        start = self.start - timedelta(days=self.days)
        return days_between(start, self.start - timedelta(days=1))


def week_of(day: date, *, week_start: int = MONDAY) -> Period:
    """The week holding ``day``; weeks start on ``week_start`` (0 Monday, 6 Sunday).

    A week is labelled by the ISO week of its Monday, so a Sunday week
    (15 to 21 Nov 2026) carries the label of the ISO week it mostly overlaps.
    """
    start = day - timedelta(days=(day.weekday() - week_start) % 7)
    monday = start + timedelta(days=(MONDAY - week_start) % 7)
    year, week, _ = monday.isocalendar()
    return Period(label=f"{year}-W{week:02d}", start=start, end=start + timedelta(days=6))


def parse_week(text: str, *, week_start: int = MONDAY) -> Period:
    """``2026-W47`` (or ``2026W47``): that ISO week, shifted to ``week_start``."""
    match = _WEEK.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    year, week = int(match.group(1)), int(match.group(2))
    monday = date.fromisocalendar(year, week, 1)  # ValueError for week 54 and the like
    return week_of(monday, week_start=week_start)


def month(day: date) -> Period:
    """The calendar month holding ``day``."""
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(
        label=f"{day.year}-{day.month:02d}",
        start=day.replace(day=1),
        end=day.replace(day=last),
    )


def parse_month(text: str) -> Period:
    """``2026-11``: that month."""
    match = _MONTH.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    return month(date(int(match.group(1)), int(match.group(2)), 1))


def days_between(start: date, end: date) -> Period:
    """Any run of days; labelled ``start..end``."""
    if end < start:
        raise ValueError(f"{end} is before {start}")
    return Period(label=f"{start.isoformat()}..{end.isoformat()}", start=start, end=end)


def weeks_ending(period: Period, count: int) -> list[Period]:
    """``count`` consecutive weeks, oldest first, the last being ``period``'s week."""
    week_start = period.start.weekday()
    last = week_of(period.end, week_start=week_start)
    return [
        week_of(last.start - timedelta(days=7 * back), week_start=week_start)
        for back in range(count - 1, -1, -1)
    ]
