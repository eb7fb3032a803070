"""Week-by-week series, their directions, and the year heatmap, against plain models.

Pure tests: moments and day statistics are generated here and handed to the
analytics functions directly, with no journal in between.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from connectlog.analytics import periods
from connectlog.analytics.calendar import DayStat, heatmap
from connectlog.analytics.moments import Moment
from connectlog.analytics.periods import Period
from connectlog.analytics.trends import Series, direction, trends
from tests.conftest import ZONES

CONCEPTS = ("trust", "touch", "repair", "disconnection", "reward")
PEOPLE = ("Alex", "Sam", "Noor")
FIRST, LAST = datetime(2025, 9, 15), datetime(2026, 4, 30, 23, 59)


@st.composite
def moments(draw: st.DrawFn, start: datetime = FIRST, end: datetime = LAST) -> Moment:
    naive = draw(st.datetimes(min_value=start, max_value=end))
    zone = draw(st.sampled_from(ZONES))
    return Moment(
        id=draw(st.integers(1, 10_000)),
        # A valid local time in the zone (a time in a spring-forward gap moves on).
        occurred_at=naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone),
        closeness=draw(st.none() | st.integers(1, 5)),
        response=draw(st.none() | st.sampled_from(["toward", "away", "against"])),
        people=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True))),
        concepts=tuple(draw(st.lists(st.sampled_from(CONCEPTS), max_size=3, unique=True))),
    )


@st.composite
def spans(draw: st.DrawFn) -> tuple[Period, list[Period]]:
    """A week (Monday or Sunday start) and the 1 to 12 weeks ending with it."""
    day = draw(st.dates(min_value=FIRST.date(), max_value=LAST.date()))
    period = periods.week_of(day, week_start=draw(st.sampled_from([0, 6])))
    return period, periods.weeks_ending(period, draw(st.integers(1, 12)))


@st.composite
def journals(draw: st.DrawFn) -> list[Moment]:
    """Moments in a window of a few weeks to the whole seven months."""
    span = timedelta(days=draw(st.sampled_from([10, 60, 200])))
    start = draw(st.datetimes(min_value=FIRST, max_value=LAST - span))
    return draw(st.lists(moments(start, start + span), max_size=40))


def by_name(series: Sequence[Series]) -> dict[str, Series]:
    named = {item.name: item for item in series}
    assert len(named) == len(series)
    return named


def least_squares_change(values: Sequence[float | None]) -> Fraction | None:
    """The exact change the least-squares line makes from the first value to the last."""
    points = [(Fraction(x), Fraction(y)) for x, y in enumerate(values) if y is not None]
    if len(points) < 3:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    # Typed sum() may give the int 0 (and 0 / n a float); here every sum is of Fractions.
    return cast(Fraction, slope * (points[-1][0] - points[0][0]))


# Series -------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(journal=journals(), span=spans())
def test_series_count_the_moments_in_their_weeks(
    journal: list[Moment], span: tuple[Period, list[Period]]
) -> None:
    period, weeks = span
    result = trends(journal, weeks)

    # The weeks themselves: consecutive, seven days each, the last holding the period's end.
    assert result.weeks == tuple(weeks)
    assert weeks[-1] == period
    for week in weeks:
        assert week.days == 7
        assert week.start.weekday() == period.start.weekday()
    for before, after in itertools.pairwise(weeks):
        assert before.end + timedelta(days=1) == after.start

    weekly = [
        [m for m in journal if week.start <= m.occurred_at.date() <= week.end] for week in weeks
    ]
    in_range = [m for m in journal if weeks[0].start <= m.occurred_at.date() <= weeks[-1].end]
    assert sum(len(week) for week in weekly) == len(in_range)  # no moment counted twice

    headline = by_name(result.headline)
    for series in (*result.headline, *result.concepts, *result.people):
        assert len(series.values) == len(weeks)
    assert headline["entries"].values == tuple(len(week) for week in weekly)
    assert headline["entries"].total == len(in_range)
    assert headline["days logged"].values == tuple(
        len({m.occurred_at.date() for m in week}) for week in weekly
    )
    for in_week, value in zip(weekly, headline["closeness"].values, strict=True):
        rated = [m.closeness for m in in_week if m.closeness is not None]
        assert value == pytest.approx(sum(rated) / len(rated) if rated else None)
    for in_week, value in zip(weekly, headline["turned toward"].values, strict=True):
        met = [m.response for m in in_week if m.response]
        assert value == pytest.approx(met.count("toward") / len(met) if met else None)

    for group, names_of in ((result.concepts, "concepts"), (result.people, "people")):
        names = {name for m in in_range for name in getattr(m, names_of)}
        named = by_name(group)
        assert named.keys() == names
        for name, item in named.items():
            assert item.total == sum(name in getattr(m, names_of) for m in in_range)
            assert item.values == tuple(
                sum(name in getattr(m, names_of) for m in week) for week in weekly
            )
        totals = [(-item.total, item.name) for item in group]
        assert totals == sorted(totals)

    # The entries series heads the way its least-squares line does.
    entries = headline["entries"]
    change = least_squares_change(entries.values)
    if change is None:
        assert (entries.change, entries.direction) == (None, None)
    else:
        assert entries.change == pytest.approx(float(change), abs=1e-9)
        threshold = max(1.0, 0.25 * len(in_range) / len(weeks))
        assume(abs(abs(float(change)) - threshold) > 1e-9)
        expected = "steady" if abs(change) < threshold else "up" if change > 0 else "down"
        assert entries.direction == expected


@settings(max_examples=40, deadline=None)
@given(journal=journals(), span=spans())
def test_moments_outside_the_weeks_change_nothing(
    journal: list[Moment], span: tuple[Period, list[Period]]
) -> None:
    _, weeks = span
    inside = [m for m in journal if weeks[0].start <= m.day <= weeks[-1].end]
    assert trends(journal, weeks) == trends(inside, weeks)


# Direction ----------------------------------------------------------------------------

values = st.lists(st.none() | st.integers(-50, 50).map(float), max_size=15)


@given(
    start=st.integers(-20, 20),
    steps=st.lists(st.integers(1, 10), min_size=2, max_size=12),
    gaps=st.lists(st.integers(0, 2), min_size=13, max_size=13),
    step=st.integers(1, 5),
    share=st.floats(0.0, 0.99),
)
def test_a_strictly_rising_series_is_up_and_its_reverse_down(
    start: int, steps: list[int], gaps: list[int], step: int, share: float
) -> None:
    """Points rising by at least ``step`` per week: the fitted change is at least ``step`` a week.

    (The series is ``step`` * week plus a non-decreasing rest, whose fitted slope is >= 0.)
    """
    series: list[float | None] = []
    level = float(start)
    for rise, gap in zip([0, *steps], gaps, strict=False):
        series.extend([None] * gap)
        level += rise * step + step * gap  # at least ``step`` for every week that passed
        series.append(level)
    points = [x for x, y in enumerate(series) if y is not None]
    threshold = share * step * (points[-1] - points[0])

    change, heading = direction(series, threshold=threshold)
    assert heading == "up"
    assert change is not None and change >= step * (points[-1] - points[0]) - 1e-9
    back_change, back_heading = direction(series[::-1], threshold=threshold)
    assert back_heading == "down"
    assert back_change == pytest.approx(-change)


@given(series=values, threshold=st.floats(0.01, 30))
def test_flipping_a_series_flips_its_direction(
    series: list[float | None], threshold: float
) -> None:
    change, heading = direction(series, threshold=threshold)
    exact = least_squares_change(series)
    if exact is None:
        assert (change, heading) == (None, None)
        assert direction(series[::-1], threshold=threshold) == (None, None)
        return
    assert change == pytest.approx(float(exact), abs=1e-9)
    assume(abs(abs(float(exact)) - threshold) > 1e-6)  # rounding decides right at the line
    flipped = {"up": "down", "down": "up", "steady": "steady"}
    for other in (series[::-1], [None if y is None else -y for y in series]):
        other_change, other_heading = direction(other, threshold=threshold)
        assert other_change == pytest.approx(-cast(float, change), abs=1e-9)
        assert other_heading == flipped[heading or ""]


@given(series=values, threshold=st.floats(0.01, 30))
def test_fewer_than_three_values_say_nothing(series: list[float | None], threshold: float) -> None:
    present = sum(value is not None for value in series)
    change, heading = direction(series, threshold=threshold)
    assert (change is None) == (heading is None) == (present < 3)


@given(level=st.integers(-10, 10), length=st.integers(3, 12), threshold=st.floats(0.01, 5))
def test_a_flat_series_is_steady(level: int, length: int, threshold: float) -> None:
    assert direction([float(level)] * length, threshold=threshold) == (0.0, "steady")


# Heatmap ------------------------------------------------------------------------------


@st.composite
def day_stats(draw: st.DrawFn, year: int) -> list[DayStat]:
    """Statistics for distinct days of ``year`` and of the days either side of it."""
    days = draw(
        st.lists(
            st.dates(min_value=date(year - 1, 12, 20), max_value=date(year + 1, 1, 10)),
            unique=True,
            max_size=60,
        )
    )
    stats = []
    for day in days:
        entries = draw(st.integers(1, 6))
        rated = draw(st.integers(0, entries))
        closeness = draw(st.floats(1, 5)) if rated else None
        stats.append(DayStat(day, entries, rated, closeness))
    return stats


@settings(max_examples=60, deadline=None)
@given(data=st.data(), year=st.integers(2020, 2030), week_start=st.sampled_from([0, 6]))
def test_the_heatmap_holds_every_day_of_the_year_once(
    data: st.DataObject, year: int, week_start: int
) -> None:
    stats = data.draw(day_stats(year), label="stats")
    result = heatmap(stats, year=year, week_start=week_start)

    length = 366 if stdlib_calendar.isleap(year) else 365
    every_day = [date(year, 1, 1) + timedelta(days=n) for n in range(length)]
    cells = [cell for week in result.weeks for cell in week]
    assert all(len(week) == 7 for week in result.weeks)
    assert [cell.day for cell in cells if cell is not None] == every_day
    assert result.days == tuple(cell for cell in cells if cell is not None)
    # Columns start on ``week_start``; blanks only before 1 January and after 31 December.
    for week in result.weeks:
        for offset, cell in enumerate(week):
            if cell is not None:
                assert cell.day.weekday() == (week_start + offset) % 7
    first = cells.index(next(cell for cell in cells if cell is not None))
    assert cells[first : first + length] == list(result.days)
    assert all(cell is None for cell in cells[:first] + cells[first + length :])
    assert first < 7
    assert len(cells) - first - length < 7

    this_year = {stat.day: stat for stat in stats if stat.day.year == year}
    for cell in result.days:
        assert cell == this_year.get(cell.day, DayStat(cell.day, 0))
    assert result.year == year
    assert result.week_start == week_start
    assert result.days_logged == len(this_year)
    assert result.entries == sum(stat.entries for stat in this_year.values())
    weights = [
        (stat.closeness, stat.rated) for stat in this_year.values() if stat.closeness is not None
    ]
    total = sum(rated for _, rated in weights)
    assert result.closeness == pytest.approx(
        sum(closeness * rated for closeness, rated in weights) / total if total else None
    )
