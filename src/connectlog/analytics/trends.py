"""Week-by-week series and the direction each is heading, called only when the data hold it.

A series starts at the journal's first week: weeks before its first entry
have no value (None), not zeros. The week in progress (the one holding
``today``) is shown "so far" and left out of the direction, and so is the
journal's first week when it began after that week's first day. A direction is
read from the complete weeks with a value by the Mann-Kendall rank trend test
(see :mod:`connectlog.analytics.stats`): up or down when the test holds at the
5% level, steady when it does not, and none at all with fewer than
:data:`MIN_WEEKS` weeks. ``change`` is the Theil-Sen line's rise from the first
of those weeks to the last. Everyone's moments together count a moment several
writers logged once a week, with each one's rating (see analytics.summary).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from connectlog.analytics.moments import UNSAID, Moment, Pairing, Whose, merged, one_each
from connectlog.analytics.periods import Period
from connectlog.analytics.stats import ALPHA, mann_kendall, sen_slope

#: Complete weeks with a value a series needs before it is given a direction. Five is the
#: fewest with which the test can call one at all (five weeks rising every week: p = 0.03).
MIN_WEEKS = 5
UP, DOWN, STEADY = "up", "down", "steady"


@dataclass(frozen=True)
class Series:
    """One figure, week by week (oldest first); None where a week has no value."""

    name: str
    values: tuple[float | None, ...]
    change: float | None  # the fitted change from the first complete week read to the last
    direction: str | None  # up, down, steady; None with too few complete weeks
    weeks_read: int = 0  # the complete weeks with a value the direction was read from
    p: float | None = None  # the trend test's two-sided p-value; None without a direction

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
    so_far: bool = False  # the last week holds today: shown, and left out of every direction
    began: date | None = None  # the journal's first local day, if it has one

    @property
    def part_first_week(self) -> bool:
        """The journal began in the first week shown, after that week's first day."""
        first = self.first_week
        return (
            self.began is not None
            and first < len(self.weeks)
            and (self.weeks[first].start < self.began)
        )

    @property
    def first_week(self) -> int:
        """The index of the journal's first week among ``weeks`` (0 if it began before them)."""
        began = self.began
        if began is None:
            return len(self.weeks)
        return next((i for i, week in enumerate(self.weeks) if began <= week.end), len(self.weeks))


def trends(
    moments: Sequence[Moment],
    weeks: Sequence[Period],
    *,
    whose: Whose = UNSAID,
    together: Pairing | None = None,
    today: date | None = None,
    began: date | None = None,
) -> Trends:
    """Series over ``weeks`` (consecutive, oldest first) from the moments that fall in them.

    ``today``: a week holding it is in progress. ``began``: the journal's first
    local day; weeks ending before it have no value. Left out, the earliest of
    ``moments`` stands for it (and with none, every week is before the journal).
    ``together``: the moments are several writers'; what it groups counts once.
    """
    if began is None:
        began = min((moment.day for moment in moments), default=None)
    by_week: list[list[Moment]] = [[] for _ in weeks]
    for moment in moments:
        index = _week_index(moment, weeks)
        if index is not None:
            by_week[index].append(moment)
    lived = by_week
    if together is not None:
        lived = [[merged(unit) for unit in one_each(week, together(week))] for week in by_week]
    so_far = bool(weeks) and today is not None and weeks[-1].start <= today <= weeks[-1].end
    before = [began is None or week.end < began for week in weeks]
    # The week the journal began in, after its first day, is a part week like the week so far.
    part = [began is not None and week.start < began <= week.end for week in weeks]
    if so_far:
        part[-1] = True

    def series(name: str, values: Sequence[float | None]) -> Series:
        kept = [None if gone else value for value, gone in zip(values, before, strict=True)]
        read = direction([None if cut else value for value, cut in zip(kept, part, strict=True)])
        return Series(
            name=name,
            values=tuple(kept),
            change=read.change,
            direction=read.heading,
            weeks_read=read.weeks_read,
            p=read.p,
        )

    headline = (
        series("entries", [len(week) for week in lived]),
        series("days logged", [len({moment.day for moment in week}) for week in lived]),
        series("closeness", [_mean_closeness(week) for week in by_week]),
        series("turned toward", [_toward_share(week) for week in by_week]),
    )
    return Trends(
        weeks=tuple(weeks),
        headline=headline,
        concepts=_named_series(lived, lambda moment: moment.concepts, series),
        people=_named_series(lived, lambda moment: moment.people, series),
        whose=whose,
        so_far=so_far,
        began=began,
    )


@dataclass(frozen=True)
class Direction:
    """Where a series of complete weeks is heading, and how it was read."""

    heading: str | None  # up, down, steady; None with fewer than MIN_WEEKS values
    change: float | None
    weeks_read: int
    p: float | None


def direction(values: Sequence[float | None]) -> Direction:
    """The direction of ``values`` (complete weeks, oldest first; None: no value that week)."""
    points = [(float(x), y) for x, y in enumerate(values) if y is not None]
    if len(points) < MIN_WEEKS:
        return Direction(None, None, len(points), None)
    test = mann_kendall([y for _, y in points])
    slope = sen_slope(points) or 0.0
    change = slope * (points[-1][0] - points[0][0])
    heading = STEADY if test.p >= ALPHA or test.sign == 0 else UP if test.sign > 0 else DOWN
    return Direction(heading, change, len(points), test.p)


def _week_index(moment: Moment, weeks: Sequence[Period]) -> int | None:
    if not weeks or not weeks[0].start <= moment.day <= weeks[-1].end:
        return None
    return (moment.day - weeks[0].start).days // 7


def _named_series(
    by_week: Sequence[Sequence[Moment]],
    names: Callable[[Moment], Sequence[str]],
    series: Callable[[str, Sequence[float | None]], Series],
) -> tuple[Series, ...]:
    counts = [Counter(name for moment in week for name in names(moment)) for week in by_week]
    totals: Counter[str] = sum(counts, Counter())
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    return tuple(series(name, [week[name] for week in counts]) for name in ranked)


def _mean_closeness(week: Sequence[Moment]) -> float | None:
    rated = [moment.closeness for moment in week if moment.closeness is not None]
    return fmean(rated) if rated else None


def _toward_share(week: Sequence[Moment]) -> float | None:
    met = [moment.response for moment in week if moment.response]
    return met.count("toward") / len(met) if met else None
