"""Reading when something happened, in the writer's local time zone.

ISO dates and "now" are read directly; anything in words goes through
dateparser (imported only then), preferring the past and measured from a
fixed ``now`` so that "monday" or "23 nov" never land in the future.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

from connectlog import messages
from connectlog.errors import InvalidInputError
from connectlog.journal import vocab

#: How far past "now" a time may lie before it counts as the future (clock skew).
FUTURE_GRACE = timedelta(minutes=1)

#: The days a time may fall on: any offset can still be applied to them.
_FIRST_DAY, _LAST_DAY = date.min + timedelta(days=1), date.max - timedelta(days=1)

#: Parts of the day dateparser reads as a fixed hour ("this morning" is 9:00),
#: with the hour each begins: once it has begun, "this morning" may mean now.
_PERIODS = {"morning": 5, "afternoon": 12, "evening": 17, "tonight": 17, "night": 17}
_PERIOD = re.compile(r"\b(" + "|".join(_PERIODS) + r")\b")


def parse_when(raw: str, *, now: datetime, default_time: time = time(12)) -> datetime:
    """The aware local time ``raw`` names; an error if unreadable or in the future.

    ``now`` is the current time, aware, in the local time zone. A day named
    without a time of day ("last friday", "2026-11-20") is at ``default_time``
    that day, not at midnight, which would file it under the night before.
    """
    moment = _parse(raw, now=now)
    if _names_a_day_only(raw, moment):
        wall = datetime.combine(moment.date(), default_time)
        named = _in_range(_local(wall, raw=raw), raw=raw)
        # Today, before that hour: now, not a moment still to come.
        moment = now if moment.date() == now.astimezone().date() and named > now else named
    if moment > now:
        moment = _period_so_far(raw, moment, now=now)
    if moment > now + FUTURE_GRACE:
        raise InvalidInputError(messages.WHEN_FUTURE.format(raw=raw, when=_show(moment)))
    if moment.date() < vocab.EARLIEST:  # the models' rule for a moment from a file too
        raise InvalidInputError(messages.WHEN_TOO_EARLY.format(raw=raw, when=_show(moment)))
    return moment


#: Words that say when in the day, or that count back from now, so not a day alone.
_TIME_OF_DAY = re.compile(
    r"\d\s*:\s*\d|\d\s*[ap]\.?m\b|\b(?:today|yesterday|at)\s+(?:at\s+)?\d{1,2}\b|"
    r"\b(midnight|noon|ago|now|" + "|".join(_PERIODS) + r"|hours?|minutes?|seconds?)\b",
    re.IGNORECASE,
)


def _names_a_day_only(raw: str, moment: datetime) -> bool:
    """Whether ``raw``, read as ``moment``, named a day and no time of day."""
    if moment.timetz().replace(tzinfo=None) != time(0):
        return False  # read with a time: its own, or now's ("yesterday")
    return _TIME_OF_DAY.search(raw) is None and "T" not in raw.strip()


def parse_day(raw: str, *, now: datetime) -> date:
    """The local calendar day ``raw`` names (for ``--since`` and ``--until``)."""
    return _parse(raw, now=now).date()


def parse_days(
    since: str | None, until: str | None, *, now: datetime
) -> tuple[date | None, date | None]:
    """The days ``--since`` and ``--until`` name (either may be absent), in that order."""
    first = parse_day(since, now=now) if since else None
    last = parse_day(until, now=now) if until else None
    if first is not None and last is not None and first > last:
        raise InvalidInputError(messages.SINCE_AFTER_UNTIL.format(since=first, until=last))
    return first, last


def _parse(raw: str, *, now: datetime) -> datetime:
    words = " ".join(raw.split())
    if not words:
        raise InvalidInputError(messages.WHEN_EMPTY)
    if words.casefold() == "now":
        return now
    try:
        moment = datetime.fromisoformat(words)
    except ValueError:
        _check_clocks(words)
        base = now.astimezone().replace(tzinfo=None)
        try:
            moment = read_common(words, base=base) or _parse_words(words, now=now)
        except OverflowError as exc:  # "1000000 days ago": before the first day there is
            raise InvalidInputError(messages.WHEN_OUT_OF_RANGE.format(raw=words)) from exc
    if moment.tzinfo is None:
        moment = _local(moment, raw=words)
    return _in_range(moment, raw=words)


def _local(wall: datetime, *, raw: str) -> datetime:
    """The naive wall-clock time ``wall`` in the local zone, with that day's offset.

    A time that DST skips (02:30 on the night clocks go forward) is read with
    the offset before the change, as the clock on the wall would have said.
    """
    try:
        moment = wall.astimezone()
        if moment.replace(tzinfo=None) != wall:
            before = (wall - timedelta(days=1)).astimezone().utcoffset()
            assert before is not None
            moment = wall.replace(tzinfo=timezone(before)).astimezone()
    except (OverflowError, ValueError, OSError) as exc:
        raise InvalidInputError(messages.WHEN_OUT_OF_RANGE.format(raw=raw)) from exc
    return moment


def _in_range(moment: datetime, *, raw: str) -> datetime:
    """``moment`` if it can be stored in UTC and shown in any offset; an error if not."""
    try:
        day = moment.astimezone(UTC).date()
    except (OverflowError, ValueError) as exc:
        raise InvalidInputError(messages.WHEN_OUT_OF_RANGE.format(raw=raw)) from exc
    if not _FIRST_DAY <= day <= _LAST_DAY:
        raise InvalidInputError(messages.WHEN_OUT_OF_RANGE.format(raw=raw))
    return moment


#: A time of day as people write one: 8pm, 8 pm, 20:15, 8:15am.
_CLOCK = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2})(?::(?P<minute>\d{1,2}))?\s*(?P<half>am|pm)\b"
    r"|(?<![\d:])(?P<hour24>\d{1,2}):(?P<minute24>\d{2})(?![\d:])",
    re.IGNORECASE,
)


def _check_clocks(words: str) -> None:
    """Refuse a time of day no clock shows ("13pm", "25:00", "9:75", "0am").

    dateparser passes over such a word and keeps the rest, so "yesterday 13pm"
    would be yesterday at the current time: a date that cannot be read is an
    error, never silently another one.
    """
    for match in _CLOCK.finditer(words):
        if match["half"]:
            hour, minute = int(match["hour"]), int(match["minute"] or 0)
            possible = 1 <= hour <= 12 and minute <= 59
        else:
            hour, minute = int(match["hour24"]), int(match["minute24"])
            possible = hour <= 23 and minute <= 59
        if not possible:
            raise InvalidInputError(
                messages.WHEN_NO_SUCH_TIME.format(raw=words, clock=match.group(0))
            )


_TIME = r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm)?|(?P<noon>noon))"
_DAY_AT = re.compile(rf"(?P<day>today|yesterday)(?:\s+(?:at\s+)?{_TIME})?")
_AT = re.compile(rf"(?:at\s+)?{_TIME}")
_AGO = re.compile(r"(?P<count>\d+|an?|one)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago")
_UNITS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks"}


def read_common(words: str, *, base: datetime) -> datetime | None:
    """The naive local time of the phrases people type most, or None for any other.

    "yesterday 8pm", "today at 9:30", "21:15", "2 days ago", "an hour ago":
    read here exactly as dateparser reads them (tests/property/test_when_fast.py
    holds the two together), so that a typical --when costs no dateparser import.
    ``base`` is now, as naive local wall-clock time.
    """
    text = words.casefold()
    if match := _AGO.fullmatch(text):
        count = match["count"]
        amount = int(count) if count.isdigit() else 1
        return base - timedelta(**{_UNITS[match["unit"]]: amount})
    if match := _DAY_AT.fullmatch(text):
        day = base if match["day"] == "today" else base - timedelta(days=1)
        if match["hour"] is None and match["noon"] is None:
            return day
        clock = _clock(match)
        return None if clock is None else datetime.combine(day.date(), clock)
    if (match := _AT.fullmatch(text)) and (match["minute"] or match["half"] or match["noon"]):
        clock = _clock(match)
        if clock is None:
            return None
        moment = datetime.combine(base.date(), clock)
        return moment - timedelta(days=1) if moment > base else moment
    return None


def _clock(match: re.Match[str]) -> time | None:
    """The time of day a match of ``_TIME`` names, or None if no clock shows it."""
    if match["noon"]:
        return time(12)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _parse_words(words: str, *, now: datetime) -> datetime:
    """``words`` read as English, like everything connectlog says.

    Only English: guessing the language made a typo take seconds to report
    and read some words in another language's sense. A bare number ("5")
    is no date, though dateparser would make it a month.
    """
    if words.isdigit():
        raise InvalidInputError(messages.WHEN_UNREADABLE.format(raw=words))
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": now.astimezone().replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    moment = dateparser.parse(words, languages=["en"], settings=settings)
    if moment is None:
        raise InvalidInputError(messages.WHEN_UNREADABLE.format(raw=words))
    assert isinstance(moment, datetime)
    return moment


def _period_so_far(raw: str, moment: datetime, *, now: datetime) -> datetime:
    """``now`` if ``raw`` names today's part of the day that has begun but not reached its hour.

    dateparser reads "this morning" as 9:00; at 7:30 that moment is still to
    come, but the morning is not, so it means earlier this morning: now.
    """
    words = raw.casefold()
    local_now = now.astimezone(moment.tzinfo)
    if any(char.isdigit() for char in words) or moment.date() != local_now.date():
        return moment
    for period in _PERIOD.findall(words):
        if local_now.hour >= _PERIODS[period]:
            return now
    return moment


def _show(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y %H:%M")
