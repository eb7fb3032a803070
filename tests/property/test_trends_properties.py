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

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectlog.analytics import periods
from connectlog.analytics.calendar import DayStat, heatmap
from connectlog.analytics.moments import Moment
from connectlog.analytics.periods import Period
from connectlog.analytics.trends import MIN_WEEKS, Series, direction, trends
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


def sen_change(values: Sequence[float | None]) -> Fraction | None:
    """The Theil-Sen line's rise over the span, exactly: the middle of the sorted pair slopes."""
    points = [(Fraction(x), Fraction(y)) for x, y in enumerate(values) if y is not None]
    if len(points) < MIN_WEEKS:
        return None
    slopes = sorted(
        (points[j][1] - points[i][1]) / (points[j][0] - points[i][0])
        for i in range(len(points))
        for j in range(i + 1, len(points))
    )
    middle = len(slopes) // 2
    slope = slopes[middle] if len(slopes) % 2 else (slopes[middle - 1] + slopes[middle]) / 2
    return slope * (points[-1][0] - points[0][0])


# Series -------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(journal=journals(), span=spans())
def test_series_count_the_moments_in_their_weeks(
    journal: list[Moment], span: tuple[Period, list[Period]]
) -> None:
    period, weeks = span
    result = trends(journal, weeks, began=weeks[0].start)  # the journal began by then

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

    # The entries series heads by its complete weeks; no week is in progress without today.
    entries = headline["entries"]
    assert result.so_far is False
    assert (entries.change, entries.direction) == (
        direction(entries.values).change,
        direction(entries.values).heading,
    )


@settings(max_examples=40, deadline=None)
@given(journal=journals(), span=spans())
def test_moments_outside_the_weeks_change_nothing(
    journal: list[Moment], span: tuple[Period, list[Period]]
) -> None:
    _, weeks = span
    inside = [m for m in journal if weeks[0].start <= m.day <= weeks[-1].end]
    began = min((m.day for m in journal), default=None)
    assert trends(journal, weeks, began=began) == trends(inside, weeks, began=began)


# Direction ----------------------------------------------------------------------------

values = st.lists(st.none() | st.integers(-50, 50).map(float), max_size=15)


@given(
    start=st.integers(-20, 20),
    steps=st.lists(st.integers(1, 10), min_size=4, max_size=12),
    gaps=st.lists(st.integers(0, 2), min_size=13, max_size=13),
)
def test_a_strictly_rising_series_of_five_weeks_or_more_is_up_and_its_reverse_down(
    start: int, steps: list[int], gaps: list[int]
) -> None:
    series: list[float | None] = []
    level = float(start)
    for rise, gap in zip([0, *steps], gaps, strict=False):
        series.extend([None] * gap)
        level += rise
        series.append(level)
    read = direction(series)
    assert read.heading == "up"
    assert read.change is not None and read.change > 0
    back = direction(series[::-1])
    assert back.heading == "down"
    assert back.change == pytest.approx(-read.change)


@given(series=values)
def test_flipping_a_series_flips_its_direction(series: list[float | None]) -> None:
    read = direction(series)
    exact = sen_change(series)
    if exact is None:
        assert (read.change, read.heading, read.p) == (None, None, None)
        return
    assert read.change == pytest.approx(float(exact), abs=1e-9)
    flipped = {"up": "down", "down": "up", "steady": "steady"}
    for other in (series[::-1], [None if y is None else -y for y in series]):
        other_read = direction(other)
        assert other_read.change == pytest.approx(-float(exact), abs=1e-9)
        assert other_read.heading == flipped[read.heading or ""]
        assert other_read.p == pytest.approx(read.p)


@given(series=values, shift=st.integers(-100, 100), scale=st.integers(1, 9))
def test_a_direction_reads_only_the_order_of_the_values(
    series: list[float | None], shift: int, scale: int
) -> None:
    """A rank test: any rising transformation of the values leaves the heading and p as they are."""
    moved = [None if y is None else scale * y**3 + shift for y in series]
    assert (direction(moved).heading, direction(moved).p) == (
        direction(series).heading,
        direction(series).p,
    )


@given(series=values)
def test_fewer_than_five_values_say_nothing(series: list[float | None]) -> None:
    present = sum(value is not None for value in series)
    read = direction(series)
    assert read.weeks_read == present
    assert (read.change is None) == (read.heading is None) == (present < MIN_WEEKS)


@given(level=st.integers(-10, 10), length=st.integers(5, 12))
def test_a_flat_series_is_steady(level: int, length: int) -> None:
    read = direction([float(level)] * length)
    assert (read.change, read.heading, read.p) == (0.0, "steady", 1.0)


@settings(max_examples=60, deadline=None)
@given(journal=journals(), span=spans(), data=st.data())
def test_weeks_before_the_journal_have_no_value_and_the_week_so_far_no_say(
    journal: list[Moment], span: tuple[Period, list[Period]], data: st.DataObject
) -> None:
    _, weeks = span
    began = data.draw(
        st.dates(min_value=weeks[0].start - timedelta(days=30), max_value=weeks[-1].end)
    )
    today = data.draw(
        st.dates(min_value=weeks[-1].start, max_value=weeks[-1].end + timedelta(days=3))
    )
    kept = [m for m in journal if m.day >= began]
    result = trends(kept, weeks, began=began, today=today)
    assert result.so_far == (today <= weeks[-1].end)
    for series in (*result.headline, *result.concepts, *result.people):
        for week, value in zip(weeks, series.values, strict=True):
            if week.end < began:
                assert value is None
            elif series.name in ("entries", "days logged"):
                assert value is not None
        part = [week.start < began <= week.end for week in weeks]
        part[-1] = part[-1] or result.so_far
        complete = [None if cut else v for v, cut in zip(series.values, part, strict=True)]
        assert direction(complete).heading == series.direction
        assert direction(complete).weeks_read == series.weeks_read
    assert weeks[result.first_week].end >= began
    assert result.first_week == 0 or weeks[result.first_week - 1].end < began


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
