"""Reading when something happened, in the writer's local time zone.

ISO dates and "now" are read directly; anything in words goes through
dateparser (imported only then), preferring the past and measured from a
fixed ``now`` so that "monday" or "23 nov" never land in the future.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from connectlog import messages
from connectlog.errors import InvalidInputError

#: How far past "now" a time may lie before it counts as the future (clock skew).
FUTURE_GRACE = timedelta(minutes=1)


def parse_when(raw: str, *, now: datetime) -> datetime:
    """The aware local time ``raw`` names; an error if unreadable or in the future.

    ``now`` is the current time, aware, in the local time zone.
    """
    moment = _parse(raw, now=now)
    if moment > now + FUTURE_GRACE:
        raise InvalidInputError(messages.WHEN_FUTURE.format(raw=raw, when=_show(moment)))
    return moment


def parse_day(raw: str, *, now: datetime) -> date:
    """The local calendar day ``raw`` names (for ``--since`` and ``--until``)."""
    return _parse(raw, now=now).date()


def _parse(raw: str, *, now: datetime) -> datetime:
    words = " ".join(raw.split())
    if not words:
        raise InvalidInputError(messages.WHEN_EMPTY)
    if words.casefold() == "now":
        return now
    try:
        moment = datetime.fromisoformat(words)
    except ValueError:
        moment = _parse_words(words, now=now)
    if moment.tzinfo is None:
        # A wall-clock time in the local zone; astimezone() applies that
        # day's offset, so DST is right for past dates too.
        moment = moment.astimezone()
    return moment


def _parse_words(words: str, *, now: datetime) -> datetime:
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    moment = dateparser.parse(words, settings=settings)  # type: ignore[arg-type]
    if moment is None:
        raise InvalidInputError(messages.WHEN_UNREADABLE.format(raw=words))
    assert isinstance(moment, datetime)
    return moment


def _show(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y %H:%M")
