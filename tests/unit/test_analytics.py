"""Analytics as pure functions, on moments and days built by hand."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise

import pytest

from connectlog.analytics import periods
from connectlog.analytics.calendar import DayStat, heatmap, level
from connectlog.analytics.looking_back import (
    ConceptUse,
    anniversaries,
    choose_reflection,
    daily_choice,
    months_before,
)
from connectlog.analytics.moments import Moment
from connectlog.analytics.summary import (
    concept_closeness,
    disconnections,
    figures,
    streaks,
    time_of_day,
)
from connectlog.analytics.trends import direction

UTC1 = timezone(timedelta(hours=1))


def moment(
    entry_id: int, day: int, hour: int = 12, *, closeness: int | None = None, **fields: object
) -> Moment:
    when = datetime(2026, 11, day, hour, tzinfo=UTC1)
    return Moment(id=entry_id, occurred_at=when, closeness=closeness, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hour", "part"),
    [
        *[(0, "night"), (4, "night"), (5, "morning"), (11, "morning"), (12, "afternoon")],
        *[(16, "afternoon"), (17, "evening"), (21, "evening"), (22, "night"), (23, "night")],
    ],
)
def test_every_hour_has_a_part_of_the_day(hour: int, part: str) -> None:
    assert time_of_day(hour) == part


@pytest.mark.parametrize(
    ("days", "today", "current", "longest"),
    [
        ([], date(2026, 11, 22), 0, 0),
        ([date(2026, 11, 22)], date(2026, 11, 22), 1, 1),
        ([date(2026, 11, 20), date(2026, 11, 21)], date(2026, 11, 22), 2, 2),  # today not yet
        ([date(2026, 11, 19), date(2026, 11, 20)], date(2026, 11, 22), 0, 2),
        ([date(2026, 11, d) for d in (1, 2, 3, 4, 10, 21, 22)], date(2026, 11, 22), 2, 4),
        ([date(2026, 11, 22), date(2026, 11, 22)], date(2026, 11, 22), 1, 1),
    ],
)
def test_streaks(days: list[date], today: date, current: int, longest: int) -> None:
    result = streaks(days, today=today)
    assert (result.current, result.longest) == (current, longest)


def test_no_concept_comparison_below_five_on_either_side() -> None:
    rows = [moment(i, 16, closeness=5, concepts=("touch",)) for i in range(5)]
    rows += [moment(10 + i, 17, closeness=1) for i in range(4)]
    (touch,) = concept_closeness(rows)
    assert (touch.with_count, touch.without_count) == (5, 4)
    assert touch.with_mean is None and touch.difference is None
    rows.append(moment(20, 18, closeness=3))
    (touch,) = concept_closeness(rows)
    assert (touch.with_mean, touch.without_mean) == (5.0, 1.4)
    assert touch.difference == pytest.approx(3.6)


def test_unrated_entries_do_not_count_in_a_comparison() -> None:
    rows = [moment(i, 16, concepts=("touch",)) for i in range(10)]
    assert concept_closeness(rows) == ()


def test_a_disconnection_is_reconnected_by_the_next_close_moment_with_them() -> None:
    lost = moment(1, 16, 21, closeness=2, people=("Sam",), concepts=("disconnection",))
    other = moment(2, 17, 9, closeness=5, people=("Jo",))
    still_far = moment(3, 17, 20, closeness=3, people=("Sam",))
    found = moment(4, 18, 9, closeness=4, people=("sam",))
    (item,) = disconnections([lost], after=[found, other, still_far, lost])
    assert (item.reconnected_by, item.hours_to_reconnect) == (4, 36.0)


def test_a_repair_tag_reconnects_but_another_disconnection_does_not() -> None:
    lost = moment(1, 16, concepts=("disconnection",))
    again = moment(2, 17, closeness=5, concepts=("disconnection",))
    repair = moment(3, 18, concepts=("repair",))
    (item,) = disconnections([lost], after=[again, repair])
    assert item.reconnected_by == 3


def test_reconnecting_counts_only_within_thirty_days() -> None:
    lost = moment(1, 1, 12, concepts=("disconnection",))
    late = Moment(id=2, occurred_at=lost.occurred_at + timedelta(days=30, minutes=1), closeness=5)
    (item,) = disconnections([lost], after=[late])
    assert item.reconnected_by is None and item.hours_to_reconnect is None


def test_figures_count_what_they_are_given() -> None:
    rows = [
        moment(1, 16, 8, closeness=4, kind="physical", touch="hug", concepts=("touch", "trust")),
        moment(2, 16, 22, closeness=2, response="away", initiated_by="me"),
        moment(3, 18, 13, mood_before=2, mood_after=5, response="toward", concepts=("trust",)),
    ]
    result = figures(rows)
    assert (result.entries, result.days, result.closeness_average) == (3, 2, 3.0)
    assert {c.name: c.count for c in result.concepts} == {"trust": 2, "touch": 1}
    assert result.toward_share == 0.5
    assert (result.mood_change, result.mood_count) == (3.0, 1)
    assert [(p.first, p.second, p.count) for p in result.pairs] == [("touch", "trust", 1)]
    assert {c.name: c.count for c in result.weekdays}["Mon"] == 2
    assert sum(c.count for c in result.times_of_day) == 3


def test_figures_of_nothing_are_empty_not_errors() -> None:
    result = figures([])
    assert (result.entries, result.closeness_average, result.toward_share) == (0, None, None)
    assert result.mood_change is None and result.concept_closeness == ()


@pytest.mark.parametrize(
    ("values", "heading"),
    [
        ([1, 2, 3, 4, 5], "up"),
        ([5, 4, 3, 2, 1], "down"),
        ([1, 2, 3, 4], None),  # four weeks: too few for the test to call anything
        ([3, 3, 3, 3, 3, 3], "steady"),
        ([2, 2.1, 2, 2.2, 2, 2.1], "steady"),  # ups and downs, no direction
        ([1, 2, 1, 2, 1, 3, 1, 2], "steady"),
        ([1, None, 3, None, 5, 6, None, 8], "up"),
        ([5, 5, 5], None),
        ([1, None], None),
        ([None, None, None], None),
    ],
)
def test_direction(values: list[float | None], heading: str | None) -> None:
    assert direction(values).heading == heading


def test_direction_change_is_the_theil_sen_rise_over_the_span() -> None:
    read = direction([1, 2, 3, 4, 5, 30])
    assert read.change == pytest.approx(5.0)  # the median slope is 1; the outlier moves it not
    assert (read.weeks_read, read.heading) == (6, "up")
    assert read.p is not None and read.p < 0.05


@pytest.mark.parametrize(
    ("stat", "shade"),
    [
        (None, 0),
        (DayStat(date(2026, 1, 1), 0), 0),
        (DayStat(date(2026, 1, 1), 2), 1),
        (DayStat(date(2026, 1, 1), 1, 1, 1.0), 2),
        (DayStat(date(2026, 1, 1), 1, 1, 2.49), 3),
        (DayStat(date(2026, 1, 1), 1, 1, 2.5), 4),
        (DayStat(date(2026, 1, 1), 1, 1, 5.0), 6),
    ],
)
def test_calendar_levels(stat: DayStat | None, shade: int) -> None:
    assert level(stat) == shade


@pytest.mark.parametrize(("year", "week_start"), [(2026, 0), (2026, 6), (2024, 0), (2027, 6)])
def test_a_heatmap_holds_every_day_of_its_year_once(year: int, week_start: int) -> None:
    stats = [DayStat(date(year, 3, 1), 3, 2, 4.0), DayStat(date(year - 1, 12, 31), 9, 9, 1.0)]
    result = heatmap(stats, year=year, week_start=week_start)
    days = [day.day for day in result.days]
    assert days == sorted(set(days))
    assert len(days) == (date(year + 1, 1, 1) - date(year, 1, 1)).days
    assert all(len(week) == 7 for week in result.weeks)
    assert all(week[0] is None or week[0].day.weekday() == week_start for week in result.weeks)
    assert (result.entries, result.days_logged, result.closeness) == (3, 1, 4.0)


def test_the_years_closeness_weighs_each_rated_entry_once() -> None:
    stats = [DayStat(date(2026, 1, 1), 4, 1, 5.0), DayStat(date(2026, 1, 2), 1, 1, 1.0)]
    assert heatmap(stats, year=2026).closeness == 3.0


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 22), 1, date(2026, 10, 22)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_anniversaries_are_a_week_a_month_and_a_year_back() -> None:
    assert [day for _, day in anniversaries(date(2026, 11, 22))] == [
        date(2026, 11, 15),
        date(2026, 10, 22),
        date(2025, 11, 22),
    ]


def test_a_daily_choice_stays_put_all_day_and_moves_between_days() -> None:
    today = date(2026, 11, 22)
    assert daily_choice(1000, today=today) == daily_choice(1000, today=today)
    picks = {daily_choice(1000, today=today + timedelta(days=n)) for n in range(20)}
    assert len(picks) > 10


def test_a_reflection_leans_towards_concepts_left_alone() -> None:
    chosen: Counter[str] = Counter()
    for n in range(400):
        today = date(2026, 11, 22) + timedelta(days=n)
        uses = [ConceptUse(f"busy{n}", (f"q{n}",), today) for n in range(5)]
        uses.append(ConceptUse("untouched", ("What did I hold back?",), None))
        result = choose_reflection(uses, today=today)
        assert result is not None
        chosen[result.concept] += 1
    # The untouched concept weighs 60 against 1 for each of the five used today.
    assert chosen["untouched"] > 300
    assert sum(chosen.values()) == 400


def test_no_reflection_without_questions() -> None:
    assert choose_reflection([ConceptUse("mine", (), None)], today=date(2026, 11, 22)) is None


@pytest.mark.parametrize("week_start", [periods.MONDAY, periods.SUNDAY])
def test_weeks_follow_one_another_without_gaps(week_start: int) -> None:
    week = periods.week_of(date(2026, 11, 22), week_start=week_start)
    span = periods.weeks_ending(week, 5)
    assert span[-1] == week
    for before, after in pairwise(span):
        assert after.start - before.end == timedelta(days=1)
        assert after.days == 7


def test_a_sunday_week_carries_the_label_of_the_iso_week_it_mostly_overlaps() -> None:
    week = periods.week_of(date(2026, 11, 22), week_start=periods.SUNDAY)
    assert (week.label, week.start, week.end) == (
        "2026-W48",
        date(2026, 11, 22),
        date(2026, 11, 28),
    )
    assert periods.parse_week("2026-W48", week_start=periods.SUNDAY) == week


@pytest.mark.parametrize("text", ["2026-W54", "2026-W00", "W12", "2026-12", ""])
def test_unreadable_weeks_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        periods.parse_week(text)


def test_the_period_before_a_month_is_the_whole_month_before() -> None:
    march = periods.parse_month("2026-03")
    assert march.previous() == periods.month(date(2026, 2, 1))
    assert march.previous().days == 28
