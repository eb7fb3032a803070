"""A year of days as a heatmap: which days were logged, and how close they felt."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from connectlog.analytics.moments import UNSAID, Moment, Pairing, Whose, one_each


@dataclass(frozen=True)
class DayStat:
    """One local day: its entries, how many were rated, their average closeness."""

    day: date
    entries: int
    rated: int = 0
    closeness: float | None = None


@dataclass(frozen=True)
class Heatmap:
    """Weeks as columns of seven days from ``week_start``; None for days outside the year."""

    year: int
    week_start: int
    weeks: tuple[tuple[DayStat | None, ...], ...]
    days_logged: int
    entries: int
    closeness: float | None  # the average over every rated entry of the year
    whose: Whose = UNSAID

    @property
    def days(self) -> tuple[DayStat, ...]:
        return tuple(day for week in self.weeks for day in week if day is not None)


def lived_days(moments: Sequence[Moment], *, together: Pairing) -> list[DayStat]:
    """Each day's moments, a moment several writers logged once, on the day it began.

    Every writer's rating of it counts in the day's closeness.
    """
    days: dict[date, list[tuple[Moment, ...]]] = {}
    for unit in one_each(moments, together(moments)):
        days.setdefault(unit[0].day, []).append(unit)
    stats = []
    for day, units in sorted(days.items()):
        rated = [m.closeness for unit in units for m in unit if m.closeness is not None]
        stats.append(DayStat(day, len(units), len(rated), fmean(rated) if rated else None))
    return stats


def heatmap(
    stats: Iterable[DayStat], *, year: int, week_start: int = 0, whose: Whose = UNSAID
) -> Heatmap:
    """Every day of ``year`` in week columns, each with what ``stats`` says of it."""
    known = {stat.day: stat for stat in stats if stat.day.year == year}
    first, last = date(year, 1, 1), date(year, 12, 31)
    cursor = first - timedelta(days=(first.weekday() - week_start) % 7)
    weeks = []
    while cursor <= last:
        week = []
        for offset in range(7):
            day = cursor + timedelta(days=offset)
            inside = first <= day <= last
            week.append(known.get(day, DayStat(day, 0)) if inside else None)
        weeks.append(tuple(week))
        cursor += timedelta(days=7)
    logged = [stat for stat in known.values() if stat.entries]
    rated = [stat for stat in logged if stat.closeness is not None]
    weight = sum(stat.rated for stat in rated)
    return Heatmap(
        year=year,
        week_start=week_start,
        weeks=tuple(weeks),
        days_logged=len(logged),
        entries=sum(stat.entries for stat in logged),
        closeness=(
            sum(stat.closeness * stat.rated for stat in rated if stat.closeness is not None)
            / weight
            if weight
            else None
        ),
        whose=whose,
    )


def level(stat: DayStat | None) -> int:
    """The shade of a day: 0 not logged, 1 logged but unrated, 2 to 6 for closeness 1 to 5."""
    if stat is None or not stat.entries:
        return 0
    if stat.closeness is None:
        return 1
    return 1 + min(5, max(1, int(stat.closeness + 0.5)))
