"""The statistics of analytics.stats, each against a computation of its own made another way.

- Mann-Kendall: S against the count of rising and falling pairs, and its
  tie-corrected variance against the exact variance of S over every ordering of
  the values (brute force: the null hypothesis is that every order is as likely).
- Welch's interval: against exact fractions for the means, variances and
  degrees of freedom, and the t table against Student's t distribution
  integrated numerically.
- The disconnections at a glance: against plain definitions of a median and a maximum.
- A period so far and its same days before: against the days counted one by one.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import permutations
from statistics import fmean

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectlog.analytics import periods
from connectlog.analytics.stats import (
    _T_975,
    mann_kendall,
    sen_slope,
    t_quantile_975,
    welch_interval,
)
from connectlog.analytics.summary import Disconnection, reconnection, so_far
from connectlog.render.patterns import shown_difference

ratings = st.lists(st.integers(1, 5), min_size=2, max_size=30)


def t_cdf(t: float, df: float, steps: int = 4000) -> float:
    """P(T <= t) for Student's t, by Simpson's rule over the density from 0 to t."""
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)

    def density(x: float) -> float:
        return math.exp(log_c - (df + 1) / 2 * math.log1p(x * x / df))

    h = t / steps
    total = density(0) + density(t)
    total += sum((4 if k % 2 else 2) * density(k * h) for k in range(1, steps))
    return 0.5 + total * h / 3


@settings(max_examples=200)
@given(values=st.lists(st.integers(0, 4), min_size=2, max_size=7))
def test_the_variance_of_s_is_its_variance_over_every_order(values: list[int]) -> None:
    test = mann_kendall([float(v) for v in values])
    rising = sum(b > a for i, a in enumerate(values) for b in values[i + 1 :])
    falling = sum(b < a for i, a in enumerate(values) for b in values[i + 1 :])
    assert test.s == rising - falling
    orders = list(permutations(values))  # with repeats: each order of n items once

    def s_of(order: tuple[int, ...]) -> int:
        return sum((b > a) - (b < a) for i, a in enumerate(order) for b in order[i + 1 :])

    scores = [s_of(order) for order in orders]
    mean = Fraction(sum(scores), len(scores))
    assert mean == 0
    exact = Fraction(sum(score * score for score in scores), len(scores))
    assert test.variance == pytest.approx(float(exact), abs=1e-9)
    assert 0 < test.p <= 1


@given(values=st.lists(st.integers(-5, 5), min_size=0, max_size=20))
def test_the_p_value_is_the_normal_tail_of_the_corrected_score(values: list[int]) -> None:
    test = mann_kendall([float(v) for v in values])
    if test.s == 0 or test.variance == 0:
        assert test.p == 1.0
        return
    z = (abs(test.s) - 1) / math.sqrt(test.variance)
    tail = 0.5 * (1 - math.erf(z / math.sqrt(2)))  # one side of the standard normal
    assert test.p == pytest.approx(2 * tail, abs=1e-12)


@given(points=st.lists(st.tuples(st.integers(0, 20), st.integers(-9, 9)), max_size=12))
def test_the_sen_slope_has_as_many_pair_slopes_above_as_below(
    points: list[tuple[int, int]],
) -> None:
    slope = sen_slope([(float(x), float(y)) for x, y in points])
    pairs = [
        Fraction(y2 - y1, x2 - x1)
        for i, (x1, y1) in enumerate(points)
        for x2, y2 in points[i + 1 :]
        if x2 != x1
    ]
    if not pairs:
        assert slope is None
        return
    assert slope is not None
    below = sum(p < Fraction(slope) - Fraction(1, 10**9) for p in pairs)
    above = sum(p > Fraction(slope) + Fraction(1, 10**9) for p in pairs)
    assert below <= len(pairs) / 2 and above <= len(pairs) / 2


@pytest.mark.parametrize("df", sorted(_T_975))
def test_the_t_table_holds_the_quantiles_of_students_t_rounded_up(df: int) -> None:
    assert t_cdf(_T_975[df], df) >= 0.975 - 1e-7
    assert t_cdf(_T_975[df] - 0.001, df) < 0.975


@given(df=st.floats(1, 400))
def test_a_t_quantile_between_the_rows_is_never_too_small(df: float) -> None:
    assert t_cdf(t_quantile_975(df), df) >= 0.975 - 1e-7


@settings(max_examples=200)
@given(first=ratings, second=ratings)
def test_welchs_interval_against_exact_fractions(first: list[int], second: list[int]) -> None:
    result = welch_interval([float(v) for v in first], [float(v) for v in second])
    n1, n2 = len(first), len(second)
    m1, m2 = Fraction(sum(first), n1), Fraction(sum(second), n2)
    v1 = sum((Fraction(v) - m1) ** 2 for v in first) / (n1 - 1)
    v2 = sum((Fraction(v) - m2) ** 2 for v in second) / (n2 - 1)
    se2 = v1 / n1 + v2 / n2
    assert result.difference == pytest.approx(float(m1 - m2), abs=1e-12)
    if se2 == 0:
        assert result.low == result.high == result.difference
        assert result.clear == (m1 != m2)
        return
    df = se2**2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    assert min(n1, n2) - 1 <= df <= n1 + n2 - 2
    margin = t_quantile_975(float(df)) * math.sqrt(se2)
    assert result.low == pytest.approx(float(m1 - m2) - margin, abs=1e-9)
    assert result.high == pytest.approx(float(m1 - m2) + margin, abs=1e-9)
    # Clear exactly when Welch's t statistic passes the quantile.
    t = abs(float(m1 - m2)) / math.sqrt(se2)
    if abs(t - t_quantile_975(float(df))) > 1e-9:
        assert result.clear == (t > t_quantile_975(float(df)))
    swapped = welch_interval([float(v) for v in second], [float(v) for v in first])
    assert (swapped.low, swapped.high) == pytest.approx((-result.high, -result.low))


@given(hours=st.lists(st.none() | st.floats(0, 720), max_size=25))
def test_the_disconnections_at_a_glance(hours: list[float | None]) -> None:
    items = [
        Disconnection(
            id=n,
            day=date(2026, 11, 1),
            people=(),
            reconnected_by=None if h is None else 1000 + n,
            hours_to_reconnect=h,
        )
        for n, h in enumerate(hours, start=1)
    ]
    summed = reconnection(items)
    done = [h for h in hours if h is not None]
    assert (summed.count, summed.reconnected, summed.waiting) == (
        len(hours),
        len(done),
        len(hours) - len(done),
    )
    if not done:
        assert summed.median_hours is None and summed.longest is None
        return
    middle = summed.median_hours
    assert middle is not None
    assert sum(h < middle for h in done) <= len(done) / 2
    assert sum(h > middle for h in done) <= len(done) / 2
    assert min(done) <= middle <= max(done)
    assert summed.longest is not None
    assert summed.longest.hours_to_reconnect == max(done)
    assert fmean(done) >= 0


@given(
    day=st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)),
    week_start=st.sampled_from([0, 6]),
    by_month=st.booleans(),
    offset=st.integers(-40, 40),
)
def test_the_days_so_far_and_the_same_days_before(
    day: date, week_start: int, by_month: bool, offset: int
) -> None:
    period = periods.month(day) if by_month else periods.week_of(day, week_start=week_start)
    before = period.previous()
    today = day + timedelta(days=offset)
    found = so_far(period, before, today=today)
    if not period.start <= today <= period.end:
        assert found is None
        return
    assert found is not None
    done, same = found
    # Counted day by day: the period's days up to today, and as many from the one before's start.
    walked = [period.start + timedelta(days=n) for n in range(period.days)]
    assert [d for d in walked if d <= today] == [
        done.start + timedelta(days=n) for n in range(done.days)
    ]
    earlier = [before.start + timedelta(days=n) for n in range(before.days)]
    assert [same.start + timedelta(days=n) for n in range(same.days)] == earlier[: done.days]
    assert so_far(periods.days_between(period.start, period.end), before, today=today) is None


@pytest.mark.parametrize(
    ("first", "second", "digits", "shown"),
    [
        (4.4, 3.75, 1, "+0.6"),  # shown 4.4 and 3.8, not the +0.65 between them
        (4.8333, 2.0, 1, "+2.8"),
        (3.6667, 3.5, 2, "+0.17"),
        (2.05, 2.05, 1, "+0.0"),
    ],
)
def test_a_difference_shown_is_the_difference_of_the_figures_shown(
    first: float, second: float, digits: int, shown: str
) -> None:
    difference = shown_difference(first, second, digits=digits)
    assert difference is not None
    assert f"{difference:+.{digits}f}" == shown
    assert difference == Decimal(f"{first:.{digits}f}") - Decimal(f"{second:.{digits}f}")
