"""The phrases connectlog reads without dateparser are read exactly as dateparser reads them."""

from __future__ import annotations

from datetime import datetime, timedelta

import dateparser
from hypothesis import given, settings
from hypothesis import strategies as st

from connectlog.journal.when import read_common

SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}

hours_12 = st.integers(1, 12)
hours_24 = st.integers(0, 23)
minutes = st.integers(0, 59)
halves = st.sampled_from(["am", "pm", "AM", "PM"])
spaces = st.sampled_from(["", " "])

clock = st.one_of(
    st.builds(lambda h, s, half: f"{h}{s}{half}", hours_12, spaces, halves),
    st.builds(lambda h, m, s, half: f"{h}:{m:02d}{s}{half}", hours_12, minutes, spaces, halves),
    st.builds(lambda h, m: f"{h}:{m:02d}", hours_24, minutes),
    st.builds(lambda h, m: f"{h:02d}:{m:02d}", hours_24, minutes),
    st.just("noon"),
)
day = st.sampled_from(["today", "yesterday", "Yesterday", "TODAY"])
phrases = st.one_of(
    day,
    st.builds(lambda d, t: f"{d} {t}", day, clock),
    st.builds(lambda d, t: f"{d} at {t}", day, clock),
    clock,
    st.builds(lambda t: f"at {t}", clock),
    st.builds(
        lambda n, unit: f"{n} {unit}{'' if n in ('a', 'an', '1', 'one') else 's'} ago",
        st.sampled_from(["a", "an", "one", "1", "2", "3", "10", "45"]),
        st.sampled_from(["second", "minute", "hour", "day", "week"]),
    ),
)
bases = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30))


@settings(max_examples=300, deadline=None)
@given(phrase=phrases, base=bases)
def test_common_phrases_agree_with_dateparser(phrase: str, base: datetime) -> None:
    ours = read_common(phrase, base=base)
    theirs = dateparser.parse(
        phrase, languages=["en"], settings={**SETTINGS, "RELATIVE_BASE": base}
    )
    assert ours is not None, phrase
    if ours != theirs and not phrase.casefold().startswith(("today", "yesterday")):
        # A time alone is the last such time before now. dateparser slips on month and
        # year ends ("1am" just after midnight on 1 February gives 31 December, "noon"
        # on New Year's night a day eleven months back); that is the only difference.
        assert theirs is not None and ours.time() == theirs.time(), (phrase, base)
        assert ours <= base < ours + timedelta(days=1), (phrase, base)
        return
    assert ours == theirs, (phrase, base)


def test_other_phrases_are_left_to_dateparser() -> None:
    base = datetime(2026, 11, 25, 19, 7)
    for phrase in ("last friday", "monday 19:30", "23 nov", "this morning", "8", "25:00", "13pm"):
        assert read_common(phrase, base=base) is None, phrase
