"""Reading when a moment happened: words and ISO dates, measured from a fixed ``now``.

The autouse fixture sets TZ=Europe/Berlin, the zone every expected offset
below is in (+01:00 in winter, +02:00 in summer).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from connectlog.errors import InvalidInputError
from connectlog.journal.when import FUTURE_GRACE, parse_day, parse_when

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A Berlin wall-clock time, aware."""
    return datetime(year, month, day, hour, minute, second, tzinfo=BERLIN)


def local_now(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """``now`` as the CLI passes it: aware, with a fixed offset."""
    return berlin(year, month, day, hour, minute, second).astimezone()


# Wednesday 25 November 2026, 19:00 in Berlin.
NOW = local_now(2026, 11, 25, 19, 0)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("yesterday 8pm", berlin(2026, 11, 24, 20, 0)),
        ("last friday", berlin(2026, 11, 20, 12, 0)),  # a day alone: noon
        ("this morning", berlin(2026, 11, 25, 9, 0)),
        ("2 days ago", berlin(2026, 11, 23, 19, 0)),
        ("an hour ago", berlin(2026, 11, 25, 18, 0)),
        ("23 nov", berlin(2026, 11, 23, 12, 0)),
        ("monday", berlin(2026, 11, 23, 12, 0)),
        ("last night", berlin(2026, 11, 24, 20, 0)),
        ("  Yesterday   8PM ", berlin(2026, 11, 24, 20, 0)),
        ("2026-11-20T20:00", berlin(2026, 11, 20, 20, 0)),
        ("2026-11-20 20:00", berlin(2026, 11, 20, 20, 0)),
        ("2026-11-20", berlin(2026, 11, 20, 12, 0)),
    ],
)
def test_parse_when_reads_words_and_iso_in_the_local_zone(words: str, expected: datetime) -> None:
    moment = parse_when(words, now=NOW)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()


def test_parse_when_prefers_the_past_for_a_day_without_a_year() -> None:
    assert parse_when("23 dec", now=NOW) == berlin(2025, 12, 23, 12, 0)


def test_parse_when_now_is_now_exactly() -> None:
    assert parse_when("now", now=NOW) == NOW
    assert parse_when("NOW", now=NOW) == NOW


def test_parse_when_time_alone_that_is_still_to_come_today_means_yesterday() -> None:
    assert parse_when("8pm", now=NOW) == berlin(2026, 11, 24, 20, 0)
    assert parse_when("6pm", now=NOW) == berlin(2026, 11, 25, 18, 0)


@pytest.mark.parametrize(
    ("iso", "offset_minutes"),
    [
        ("2026-07-01T20:00", 120),  # summer time
        ("2026-01-10T20:00", 60),  # winter time
        ("2026-03-29T01:59", 60),  # just before the clocks go forward
        ("2026-03-29T03:00", 120),  # just after
    ],
)
def test_parse_when_uses_the_offset_of_that_day_not_of_today(iso: str, offset_minutes: int) -> None:
    moment = parse_when(iso, now=NOW)
    assert moment.replace(tzinfo=None) == datetime.fromisoformat(iso)
    assert moment.utcoffset() == timedelta(minutes=offset_minutes)


def test_parse_when_a_time_skipped_by_dst_reads_with_the_offset_before_the_change() -> None:
    # 02:30 does not exist on 29 March 2026 in Berlin; the wall clock read
    # 02:30 +01:00 when it jumped, which is 03:30 +02:00.
    moment = parse_when("2026-03-29 02:30", now=NOW)
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=2)


def test_parse_when_a_time_repeated_by_dst_is_the_first_of_the_two() -> None:
    moment = parse_when("2026-10-25 02:30", now=NOW)
    assert moment.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_parse_when_keeps_an_explicit_offset() -> None:
    moment = parse_when("2026-07-01T20:00+05:00", now=NOW)
    assert moment.utcoffset() == timedelta(hours=5)
    assert moment.astimezone(UTC) == datetime(2026, 7, 1, 15, 0, tzinfo=UTC)


def test_parse_when_measures_from_now_in_the_local_zone_whatever_zone_now_is_in() -> None:
    now_in_utc = NOW.astimezone(UTC)
    assert parse_when("yesterday 8pm", now=now_in_utc) == berlin(2026, 11, 24, 20, 0)


@pytest.mark.parametrize(
    ("words", "clock", "expected"),
    [
        # Early in the morning, "this morning" is earlier this morning: now.
        ("this morning", (7, 5), (7, 5)),
        # Half a minute before 9:00 is no clock skew: the morning is still now.
        ("this morning", (8, 59, 30), (8, 59, 30)),
        ("this morning", (10, 0), (9, 0)),
        ("this evening", (17, 30), (17, 30)),
        ("this evening", (21, 0), (18, 0)),
        ("tonight", (19, 0), (19, 0)),
        ("this afternoon", (12, 30), (12, 30)),
    ],
)
def test_parse_when_part_of_today_that_has_begun_is_never_in_the_future(
    words: str, clock: tuple[int, ...], expected: tuple[int, ...]
) -> None:
    now = local_now(2026, 11, 25, *clock)
    assert parse_when(words, now=now) == berlin(2026, 11, 25, *expected)


@pytest.mark.parametrize(
    ("words", "clock"),
    [
        ("this morning", (4, 0)),  # the morning has not begun
        ("this afternoon", (10, 0)),
        ("tonight", (7, 5)),
        ("this morning 11am", (7, 5)),  # an explicit time still to come
        ("today at noon", (7, 5)),
    ],
)
def test_parse_when_part_of_today_still_to_come_is_the_future(
    words: str, clock: tuple[int, int]
) -> None:
    with pytest.raises(InvalidInputError, match="in the future"):
        parse_when(words, now=local_now(2026, 11, 25, *clock))


@pytest.mark.parametrize(
    "words", ["tomorrow", "in 2 days", "next week", "2027-01-01", "2026-11-25T19:05"]
)
def test_parse_when_rejects_the_future(words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_when(words, now=NOW)
    assert caught.value.exit_code == 2
    assert f"'{words}' is " in str(caught.value)
    assert "in the future" in str(caught.value)


def test_parse_when_allows_a_little_clock_skew_but_no_more() -> None:
    assert parse_when("2026-11-25T19:00:30", now=NOW) == berlin(2026, 11, 25, 19, 0, 30)
    with pytest.raises(InvalidInputError, match="in the future"):
        parse_when("2026-11-25T19:01:30", now=NOW)


@pytest.mark.parametrize(
    "words", ["blah blah", "the day after the thing", "https://x", "5", "2025", "gestern"]
)
def test_parse_when_rejects_what_it_cannot_read(words: str) -> None:
    with pytest.raises(InvalidInputError, match=f"Cannot read the date '{words}'") as caught:
        parse_when(words, now=NOW)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("words", ["", "   ", "\t\n"])
def test_parse_when_rejects_nothing(words: str) -> None:
    with pytest.raises(InvalidInputError, match="Say when it happened"):
        parse_when(words, now=NOW)


@pytest.mark.parametrize("words", ["0001-01-01", "0001-01-01T00:00+05:00", "1;1;0001"])
def test_parse_when_rejects_dates_that_cannot_be_stored(words: str) -> None:
    with pytest.raises(InvalidInputError, match="outside the dates connectlog can store"):
        parse_when(words, now=NOW)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("yesterday", date(2026, 11, 24)),
        ("last friday", date(2026, 11, 20)),
        ("23 nov", date(2026, 11, 23)),
        ("2026-07-01", date(2026, 7, 1)),
        ("2026-07-01T23:30", date(2026, 7, 1)),
        ("today", date(2026, 11, 25)),
        # --until may name a day still to come
        ("tomorrow", date(2026, 11, 26)),
    ],
)
def test_parse_day_names_the_local_calendar_day(words: str, expected: date) -> None:
    assert parse_day(words, now=NOW) == expected


def test_parse_day_late_in_the_evening_utc_is_still_the_local_day() -> None:
    # 00:30 in Berlin is 23:30 UTC the day before; the local day counts.
    assert parse_day("2026-07-01T00:30", now=NOW) == date(2026, 7, 1)


@pytest.mark.parametrize("words", ["blah blah", ""])
def test_parse_day_rejects_what_it_cannot_read(words: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_day(words, now=NOW)


# Property tests ---------------------------------------------------------------

PHRASE_WORDS = [
    *["yesterday", "today", "tomorrow", "now", "tonight", "morning", "evening", "night"],
    *["noon", "last", "next", "this", "in", "ago", "at", "days", "day", "weeks", "hours"],
    *["minutes", "year", "monday", "friday", "sunday", "jan", "nov", "dec", "1", "2", "8"],
    *["12", "23", "31", "2026", "2027", "8pm", "7am", "12:00", "2026-07-01", "2027-01-01"],
    *["2026-11-25T19:00", "-", "/", ":", "+05:00"],
]
NOWS = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(BERLIN)
).map(lambda moment: moment.astimezone())


@settings(max_examples=150, deadline=None)
@given(
    raw=st.one_of(
        st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=4).map(" ".join),
        st.text(max_size=12),
    ),
    now=NOWS,
)
def test_parse_when_never_returns_a_time_after_now_and_always_an_aware_one(
    raw: str, now: datetime
) -> None:
    try:
        moment = parse_when(raw, now=now)
    except InvalidInputError:
        return
    assert moment.tzinfo is not None
    assert moment <= now + FUTURE_GRACE


WALL_TIMES = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2026, 11, 24))


@settings(max_examples=200, deadline=None)
@given(wall=WALL_TIMES)
@example(wall=datetime(2016, 10, 30, 2, 30, fold=1))  # the second 02:30 of a fall-back night
def test_parse_when_reads_any_past_iso_wall_time_with_the_offset_of_its_day(
    wall: datetime,
) -> None:
    moment = parse_when(wall.isoformat(), now=NOW)
    # fold=0: a repeated wall time is its first occurrence, a skipped one is
    # read with the offset before the change (PEP 495). Hypothesis draws folds
    # too, which the written time cannot carry.
    expected = wall.replace(tzinfo=BERLIN, fold=0)
    assert moment.astimezone(UTC) == expected.astimezone(UTC)
    assert moment.utcoffset() == moment.astimezone(BERLIN).utcoffset()


@settings(max_examples=100, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1970, 1, 3), max_value=datetime(2026, 11, 24), timezones=st.timezones()
    )
)
def test_parse_when_round_trips_any_past_aware_iso_time(moment: datetime) -> None:
    parsed = parse_when(moment.isoformat(), now=NOW)
    assert parsed.astimezone(UTC) == moment.astimezone(UTC)
    assert parsed.utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    ("words", "clock"),
    [
        ("yesterday 13pm", "13pm"),
        ("today 25:00", "25:00"),
        ("yesterday 0am", "0am"),
        ("yesterday 12:75", "12:75"),
        ("today 13am", "13am"),
        ("yesterday at 24:00", "24:00"),
        ("last friday 23:60", "23:60"),
        ("13:00pm", "13:00pm"),
        ("2026-11-20 25:00", "25:00"),
    ],
)
def test_a_time_no_clock_shows_is_refused_not_read_as_now(words: str, clock: str) -> None:
    # dateparser passes over "13pm" and keeps "yesterday": yesterday at the current time.
    with pytest.raises(InvalidInputError, match=f"holds '{clock}', which no clock shows"):
        parse_when(words, now=NOW)
    with pytest.raises(InvalidInputError, match="which no clock shows"):
        parse_day(words, now=NOW)


@pytest.mark.parametrize(
    "words", ["1000000 days ago", "99999999999 hours ago", "9999999 weeks ago", "10000000 days ago"]
)
def test_a_count_back_past_the_first_day_is_out_of_range_not_a_bug(words: str) -> None:
    with pytest.raises(InvalidInputError, match="outside the dates connectlog can store"):
        parse_when(words, now=NOW)
    with pytest.raises(InvalidInputError, match="outside the dates connectlog can store"):
        parse_day(words, now=NOW)


@pytest.mark.parametrize(
    "words", ["1969-12-31T23:59", "1900-06-01", "2 jan 0001 10:00", "0002-01-01"]
)
def test_a_moment_before_1970_is_refused_as_the_models_refuse_one_from_a_file(words: str) -> None:
    with pytest.raises(InvalidInputError, match="before 1970"):
        parse_when(words, now=NOW)


def test_a_day_before_1970_is_still_a_filter() -> None:
    assert parse_day("1900-06-01", now=NOW) == date(1900, 6, 1)
