"""The few statistics the patterns rest on, by hand: no numerical library is a dependency.

- :func:`mann_kendall`: the Mann-Kendall rank trend test (Mann 1945, Kendall 1975),
  with the tie-corrected variance of S and the normal approximation with a
  continuity correction, two-sided.
- :func:`sen_slope`: the Theil-Sen slope, the median of the slopes between every
  pair of points; the line that goes with the Mann-Kendall test.
- :func:`welch_interval`: Welch's t interval for a difference of two means
  (unequal variances, Welch-Satterthwaite degrees of freedom), with the t
  quantile from a small table (:func:`t_quantile_975`).

Every function is pure and takes plain numbers; docs/patterns.md says what each
figure means to a reader.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from statistics import fmean, median

#: The two-sided level below which a trend or a difference is called.
ALPHA = 0.05


@dataclass(frozen=True)
class TrendTest:
    """The Mann-Kendall statistic S of a series, its variance under no trend, and the p-value."""

    n: int
    s: int
    variance: float
    p: float

    @property
    def sign(self) -> int:
        return (self.s > 0) - (self.s < 0)


def mann_kendall(values: Sequence[float]) -> TrendTest:
    """The Mann-Kendall test of ``values`` (in time order) for a monotonic trend.

    S counts the later-higher pairs minus the later-lower ones. Under no trend
    S has mean 0 and variance (n(n-1)(2n+5) - sum of t(t-1)(2t+5) over groups
    of t tied values) / 18; z = (S - sign S) / sqrt(variance), and p = P(|Z| >= |z|).
    """
    n = len(values)
    s = sum((later > earlier) - (later < earlier) for earlier, later in combinations(values, 2))
    ties = Counter(values).values()
    variance = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties)) / 18
    if variance <= 0 or s == 0:
        return TrendTest(n=n, s=s, variance=max(variance, 0.0), p=1.0)
    z = (abs(s) - 1) / math.sqrt(variance)
    return TrendTest(n=n, s=s, variance=variance, p=math.erfc(z / math.sqrt(2)))


def sen_slope(points: Sequence[tuple[float, float]]) -> float | None:
    """The median of the slopes between every two points of distinct x; None if there are none."""
    slopes = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in combinations(points, 2) if x2 != x1]
    return median(slopes) if slopes else None


#: The 0.975 quantile of Student's t by degrees of freedom: the usual printed table, each
#: rounded up at the third decimal so that an interval is never too narrow.
_T_975 = {
    1: 12.707,
    2: 4.303,
    3: 3.183,
    4: 2.777,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.307,
    9: 2.263,
    10: 2.229,
    11: 2.201,
    12: 2.179,
    13: 2.161,
    14: 2.145,
    15: 2.132,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.094,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.049,
    29: 2.046,
    30: 2.043,
    40: 2.022,
    60: 2.001,
    120: 1.980,
}


def t_quantile_975(df: float) -> float:
    """The 0.975 quantile of t with ``df`` degrees of freedom (df >= 1), from the table.

    Between the rows of the table (and beyond its last, 120) the row of fewer
    degrees is used: its quantile is larger, so an interval is never narrower
    than it should be (at most 1% wider beyond 120 than the normal's 1.96).
    """
    df += 1e-9  # a whole number of degrees that rounding left a hair below itself is itself
    if df < 1:
        raise ValueError(f"degrees of freedom below 1: {df}")
    return _T_975[max(row for row in _T_975 if row <= df)]


@dataclass(frozen=True)
class Interval:
    """A difference of two means and its 95% interval."""

    difference: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """The interval leaves out zero: the data tell the two apart."""
        return self.low > 0 or self.high < 0


def welch_interval(first: Sequence[float], second: Sequence[float]) -> Interval:
    """Welch's 95% interval for mean(first) - mean(second); each side needs two values.

    The standard error is sqrt(v1/n1 + v2/n2) with the sample variances, the
    degrees of freedom Welch-Satterthwaite's. Two sides without spread give
    an interval of the one difference.
    """
    n1, n2 = len(first), len(second)
    if n1 < 2 or n2 < 2:
        raise ValueError("each side needs at least two values")
    mean1, mean2 = fmean(first), fmean(second)
    a = sum((x - mean1) ** 2 for x in first) / (n1 - 1) / n1
    b = sum((x - mean2) ** 2 for x in second) / (n2 - 1) / n2
    difference = mean1 - mean2
    if a + b == 0:
        return Interval(difference, difference, difference)
    df = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1))
    margin = t_quantile_975(df) * math.sqrt(a + b)
    return Interval(difference, difference - margin, difference + margin)
