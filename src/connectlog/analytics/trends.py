"""Week-by-week series and the direction each is heading.

A direction is read from the least-squares line through a series: the change
that line makes from the first week to the last. Changes smaller than a
series' threshold are "steady"; fewer than :data:`MIN_WEEKS` weeks with a
value say nothing at all. Everyone's moments together count a moment several
writers logged once a week, with each one's rating (see analytics.summary).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import fmean

from connectlog.analytics.moments import UNSAID, Moment, Pairing, Whose, merged, one_each
from connectlog.analytics.periods import Period

#: Weeks with a value a series needs before it is given a direction.
MIN_WEEKS = 3
UP, DOWN, STEADY = "up", "down", "steady"


@dataclass(frozen=True)
class Series:
    """One figure, week by week (oldest first); None where a week has no value."""

    name: str
    values: tuple[float | None, ...]
    change: float | None  # the fitted change from the first week to the last
    direction: str | None  # up, down, steady; None with too few weeks

    @property
    def total(self) -> float:
        return sum(value for value in self.values if value is not None)


@dataclass(frozen=True)
class Trends:
    weeks: tuple[Period, ...]
    headline: tuple[Series, ...]
    concepts: tuple[Series, ...]
    people: tuple[Series, ...]
    whose: Whose = UNSAID


def trends(
    moments: Sequence[Moment],
    weeks: Sequence[Period],
    *,
    whose: Whose = UNSAID,
    together: Pairing | None = None,
) -> Trends:
    """Series over ``weeks`` (consecutive, oldest first) from the moments that fall in them.

    ``together``: the moments are several writers'; what it groups counts once.
    """
    by_week: list[list[Moment]] = [[] for _ in weeks]
    for moment in moments:
        index = _week_index(moment, weeks)
        if index is not None:
            by_week[index].append(moment)
    lived = by_week
    if together is not None:
        lived = [[merged(unit) for unit in one_each(week, together(week))] for week in by_week]
    headline = (
        _series("entries", [len(week) for week in lived], threshold=_count_threshold),
        _series(
            "days logged",
            [len({moment.day for moment in week}) for week in lived],
            threshold=_count_threshold,
        ),
        _series("closeness", [_mean_closeness(week) for week in by_week], threshold=_fixed(0.3)),
        _series("turned toward", [_toward_share(week) for week in by_week], threshold=_fixed(0.1)),
    )
    return Trends(
        weeks=tuple(weeks),
        headline=headline,
        concepts=_named_series(lived, lambda moment: moment.concepts),
        people=_named_series(lived, lambda moment: moment.people),
        whose=whose,
    )


def direction(
    values: Sequence[float | None], *, threshold: float
) -> tuple[float | None, str | None]:
    """The fitted change across ``values`` and whether it is up, down or steady."""
    points = [(x, y) for x, y in enumerate(values) if y is not None]
    if len(points) < MIN_WEEKS:
        return None, None
    mean_x = fmean(x for x, _ in points)
    mean_y = fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    change = slope * (points[-1][0] - points[0][0])
    if abs(change) < threshold:
        return change, STEADY
    return change, UP if change > 0 else DOWN


def _week_index(moment: Moment, weeks: Sequence[Period]) -> int | None:
    if not weeks or not weeks[0].start <= moment.day <= weeks[-1].end:
        return None
    return (moment.day - weeks[0].start).days // 7


def _series(
    name: str,
    values: Sequence[float | None],
    *,
    threshold: Callable[[Sequence[float | None]], float],
) -> Series:
    change, heading = direction(values, threshold=threshold(values))
    return Series(name=name, values=tuple(values), change=change, direction=heading)


def _named_series(
    by_week: Sequence[Sequence[Moment]], names: Callable[[Moment], Sequence[str]]
) -> tuple[Series, ...]:
    counts = [Counter(name for moment in week for name in names(moment)) for week in by_week]
    totals: Counter[str] = sum(counts, Counter())
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    return tuple(
        _series(name, [week[name] for week in counts], threshold=_count_threshold)
        for name in ranked
    )


def _count_threshold(values: Sequence[float | None]) -> float:
    """A change of one a week, or a quarter of the usual count, whichever is more."""
    present = [value for value in values if value is not None]
    return max(1.0, 0.25 * fmean(present)) if present else 1.0


def _fixed(threshold: float) -> Callable[[Sequence[float | None]], float]:
    return lambda _values: threshold


def _mean_closeness(week: Sequence[Moment]) -> float | None:
    rated = [moment.closeness for moment in week if moment.closeness is not None]
    return fmean(rated) if rated else None


def _toward_share(week: Sequence[Moment]) -> float | None:
    met = [moment.response for moment in week if moment.response]
    return met.count("toward") / len(met) if met else None
