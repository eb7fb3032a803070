"""The date reader, fuzzed: whatever is typed as a time is read as a past moment, or refused.

``--when`` and ``--since``/``--until`` go through
:func:`~connectlog.journal.when.parse_when` and ``parse_day``, its fast path
:func:`~connectlog.journal.when.read_common` first, dateparser after. For any
text, and for the phrases people type with numbers at and past every edge
("1000000 days ago", "yesterday 13pm", "9999-12-31T23:59"), at any moment of
this century as now: either an aware moment no later than now (that any
offset can be applied to), or :class:`InvalidInputError` (a usage error,
exit 2); never another exception. What the fast path reads
is what the whole reader gives (a count back past the calendar, which it
cannot count, the reader refuses). (``tests/property/test_when_fast.py`` holds the
fast path to dateparser.)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from connectlog.errors import InvalidInputError
from connectlog.journal.when import FUTURE_GRACE, parse_day, parse_when, read_common

#: Now, as the command line gives it: aware, in the local time zone (Berlin in tests).
nows = st.datetimes(min_value=datetime(1971, 1, 2), max_value=datetime(2099, 12, 30)).map(
    lambda moment: moment.astimezone()
)
numbers = st.integers(0, 10**6) | st.integers(0, 10**30) | st.sampled_from([0, 1, 24, 60, 99])
units = st.sampled_from(["second", "minute", "hour", "day", "week", "month", "year", "days"])
halves = st.sampled_from(["am", "pm", "AM", " pm", ""])
days = st.sampled_from(["today", "yesterday", "tomorrow", "last friday", "monday", "23 nov"])
phrases = st.one_of(
    st.builds("{} {}s ago".format, numbers, units),
    st.builds("in {} {}s".format, numbers, units),
    st.builds("{} {}{}".format, days, numbers, halves),
    st.builds("{} at {}:{:02d}{}".format, days, numbers, st.integers(0, 99), halves),
    st.builds("{}:{:02d}".format, st.integers(0, 99), st.integers(0, 99)),
    st.builds(
        "{:04d}-{:02d}-{:02d}{}".format,
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from(["", "T23:59", "T00:00+23:59", "T12:00-12:00", " 25:00", "T24:00"]),
    ),
    st.sampled_from(["now", "NOW", " ", "", "ago", "5", "13pm", "yesterday 13pm", "0am"]),
)
#: Any short text, dense in what dates are written with.
typed = st.lists(
    st.sampled_from([*"0123456789:-+/ .T", "am", "pm", " ago", "day", "yesterday", "é"]),
    max_size=10,
).map("".join) | st.text(max_size=15)


def assert_read(moment: datetime, now: datetime) -> None:
    assert moment.tzinfo is not None and moment.utcoffset() is not None
    assert moment <= now + FUTURE_GRACE
    # Any offset can be applied to it, as listings and summaries do.
    moment.astimezone()
    for hours in (-14, 14):
        (moment + timedelta(hours=hours)).date()


@settings(max_examples=300, deadline=None)
@given(raw=phrases | typed, now=nows)
@example(raw="1000000 days ago", now=datetime(2026, 11, 22, 20, 0).astimezone())
@example(raw="9999-12-31T23:59", now=datetime(2026, 11, 22, 20, 0).astimezone())
@example(raw="0001-01-01", now=datetime(2026, 11, 22, 20, 0).astimezone())
def test_a_time_typed_is_a_past_moment_or_a_usage_error(raw: str, now: datetime) -> None:
    try:
        moment = parse_when(raw, now=now)
    except InvalidInputError as error:
        assert str(error).strip()
        return
    assert_read(moment, now)


@settings(max_examples=200, deadline=None)
@given(raw=phrases | typed, now=nows)
@example(raw="0001-01-02", now=datetime(2026, 11, 22, 20, 0).astimezone())
def test_a_day_typed_is_a_day_or_a_usage_error(raw: str, now: datetime) -> None:
    try:
        day = parse_day(raw, now=now)
    except InvalidInputError:
        return
    assert isinstance(day, date)  # (the commands refuse a period running off the calendar)


@settings(max_examples=500, deadline=None)
@given(raw=phrases | typed, now=nows)
def test_the_fast_path_agrees_with_the_whole_reader(raw: str, now: datetime) -> None:
    words = " ".join(raw.split())
    base = now.replace(tzinfo=None)
    try:
        fast = read_common(words, base=base)
    except OverflowError:  # a count back past the first day: the reader refuses it
        with pytest.raises(InvalidInputError):
            parse_when(raw, now=now)
        return
    if fast is None:
        return
    assert fast.tzinfo is None
    try:
        whole = parse_when(raw, now=now)
    except InvalidInputError:
        return  # out of range, or in the future: refused as a whole
    assert whole.replace(tzinfo=None) == fast or whole == now


@settings(max_examples=60, deadline=None)
@given(
    day=st.sampled_from(["yesterday", "last friday", "monday"]),
    hour=st.integers(13, 99) | st.just(0),
    half=st.sampled_from(["am", "pm"]),
    now=nows,
)
@example(day="yesterday", hour=13, half="pm", now=datetime(2026, 11, 22, 20, 0).astimezone())
def test_a_clock_no_one_has_is_refused(day: str, hour: int, half: str, now: datetime) -> None:
    with pytest.raises(InvalidInputError):
        parse_when(f"{day} {hour}{half}", now=now)
