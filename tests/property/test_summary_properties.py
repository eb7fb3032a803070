"""A summary's figures agree with a plain model of the journal, whatever its entries and zones.

Each example writes a random journal (entries in several time zones, across the
DST changes of both hemispheres) into a fresh SQLite file, asks
``patterns.summary`` for a period, and checks every figure against a
straightforward computation over the generated entries. Days are always the
writer's local days: the date on the wall clock of the zone an entry was written in.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection

from connectlog.analytics import periods
from connectlog.analytics.periods import Period
from connectlog.analytics.summary import Figures, Summary
from connectlog.journal.entries import record_entry
from connectlog.journal.patterns import load_moments, summary
from connectlog.journal.types.entries import EntryDraft
from connectlog.journal.types.patterns import Scope
from connectlog.paths import JournalLocation, resolve_location
from connectlog.storage.store import open_journal
from tests.conftest import BUILTIN_CONCEPTS, ZONES

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CONCEPTS = BUILTIN_CONCEPTS
#: Two spellings of one person, to check that people are matched case-insensitively.
PEOPLE = ("Alex", "alex", "Sam", "Noor")
FIRST, LAST = datetime(2025, 9, 15), datetime(2026, 4, 30, 23, 59)
#: Local days on which some zone above changes its clocks.
DST_DAYS = (
    date(2025, 9, 28),  # Auckland forward
    date(2025, 10, 26),  # Berlin back
    date(2025, 11, 2),  # New York and St John's back
    date(2026, 3, 8),  # New York and St John's forward
    date(2026, 3, 29),  # Berlin forward
    date(2026, 4, 5),  # Auckland back
)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PARTS = ("morning", "afternoon", "evening", "night")
WITHIN = timedelta(days=30)


@dataclass(frozen=True)
class Written:
    """One generated entry: an aware time in the zone it was written in, and its fields."""

    occurred_at: datetime
    concepts: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    closeness: int | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    kind: str | None = None
    touch: str | None = None
    initiated_by: str | None = None
    response: str | None = None

    @property
    def day(self) -> date:
        return self.occurred_at.date()

    @property
    def instant(self) -> datetime:
        return self.occurred_at.astimezone(UTC)

    def draft(self) -> EntryDraft:
        return EntryDraft(
            text="a moment",
            occurred_at=self.occurred_at,
            concepts=self.concepts,
            people=self.people,
            closeness=self.closeness,
            mood_before=self.mood_before,
            mood_after=self.mood_after,
            kind=self.kind,
            touch=self.touch,
            initiated_by=self.initiated_by,
            response=self.response,
        )


def in_zone(naive: datetime, zone: ZoneInfo) -> datetime:
    """A valid aware time for a wall-clock time; one in a spring-forward gap moves on.

    (``astimezone`` to the very same zone object is a no-op, so go through UTC.)
    """
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


@st.composite
def wall_clock(draw: st.DrawFn, start: datetime, end: datetime) -> datetime:
    """A naive time between ``start`` and ``end``, often within hours of a DST change."""
    if draw(st.booleans()):
        near = [day for day in DST_DAYS if start.date() <= day <= end.date()]
        if near:
            day = draw(st.sampled_from(near))
            when = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=draw(st.integers(-6 * 60, 6 * 60))
            )
            return min(max(when, start), end)
    return draw(st.datetimes(min_value=start, max_value=end)).replace(fold=0)


@st.composite
def entries(
    draw: st.DrawFn, start: datetime, end: datetime, concepts: Sequence[str] = CONCEPTS
) -> Written:
    naive = draw(wall_clock(start, end))
    touch = draw(st.none() | st.sampled_from(["hug", "kiss", "holding hands"]))
    kinds = ["physical", "both"] if touch else [None, "emotional", "physical", "both"]
    return Written(
        occurred_at=in_zone(naive, draw(st.sampled_from(ZONES))),
        concepts=tuple(draw(st.lists(st.sampled_from(concepts), max_size=3, unique=True))),
        people=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True))),
        closeness=draw(st.sampled_from([None, 1, 2, 3, 4, 5])),
        mood_before=draw(st.none() | st.integers(1, 5)),
        mood_after=draw(st.none() | st.integers(1, 5)),
        kind=draw(st.sampled_from(kinds)),
        touch=touch,
        initiated_by=draw(st.none() | st.sampled_from(["me", "them", "mutual"])),
        response=draw(st.none() | st.sampled_from(["toward", "away", "against"])),
    )


@st.composite
def follow_up(draw: st.DrawFn, earlier: Written) -> Written:
    """An entry minutes to days after ``earlier``, in any zone, often reconnecting with it."""
    month = 30 * 24 * 60  # RECONNECT_WITHIN, in minutes: check both sides of its edge
    minutes = draw(st.integers(1, 3 * 24 * 60) | st.sampled_from([month - 1, month, month + 1]))
    later = earlier.instant + timedelta(minutes=minutes)
    people = draw(st.sampled_from([earlier.people, (), ("Alex",), ("alex", "Noor")]))
    return Written(
        occurred_at=later.astimezone(draw(st.sampled_from(ZONES))),
        concepts=draw(st.sampled_from([(), ("repair",), ("disconnection",), ("repair", "trust")])),
        people=people,
        closeness=draw(st.none() | st.integers(1, 5)),
    )


@st.composite
def journals(draw: st.DrawFn, max_entries: int = 40) -> list[Written]:
    """Up to ``max_entries`` entries in a window of a few days to the whole seven months.

    Some are follow-ups written soon after another entry (perhaps on another local
    day in another zone), so that disconnections are often repaired.
    """
    span = timedelta(days=draw(st.sampled_from([3, 3, 16, 45, 200])))
    start = draw(st.datetimes(min_value=FIRST, max_value=LAST - span))
    # A journal leaning on a few concepts gives samples big enough to compare closeness.
    concepts = draw(st.lists(st.sampled_from(CONCEPTS), min_size=1, unique=True))
    size = draw(st.integers(0, max_entries))
    follow_ups = draw(st.integers(0, min(8, size // 2)))
    first = size - follow_ups
    written = draw(st.lists(entries(start, start + span, concepts), min_size=first, max_size=first))
    for _ in range(follow_ups):
        disconnected = [entry for entry in written if "disconnection" in entry.concepts]
        earlier = draw(st.sampled_from(disconnected or written))
        written.append(draw(follow_up(earlier)))
    return written


@st.composite
def periods_near(draw: st.DrawFn, written: Sequence[Written]) -> Period:
    """A week (either start), a month or a run of days, usually holding some entries."""
    # bool(): with ``written`` on the left, mypy would infer draw() as returning a Sequence.
    if bool(written) and draw(st.booleans()):
        day = draw(st.sampled_from(written)).day
    else:
        day = draw(st.dates(min_value=FIRST.date(), max_value=LAST.date()))
    shape = draw(st.sampled_from(["week", "sunday week", "month", "days", "from the day"]))
    if shape == "week":
        return periods.week_of(day, week_start=periods.MONDAY)
    if shape == "sunday week":
        return periods.week_of(day, week_start=periods.SUNDAY)
    if shape == "month":
        return periods.month(day)
    start = day if shape == "from the day" else day - timedelta(days=draw(st.integers(0, 20)))
    return periods.days_between(start, start + timedelta(days=draw(st.integers(0, 40))))


@contextmanager
def written_journal(written: Sequence[Written]) -> Iterator[tuple[Connection, dict[int, Written]]]:
    """A session on a fresh journal file holding ``written``, and entry numbers -> entries."""
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(JournalLocation(path=Path(folder) / "journal.db"))
        try:
            with journal.writing() as session:
                ids = {
                    record_entry(session, entry.draft(), author="me", now=NOW).id: entry
                    for entry in written
                }
            with journal.reading() as session:
                check_loaded(session, ids)
                yield session, ids
        finally:
            journal.close()


# The plain model ---------------------------------------------------------------------


def stored_names(written: Sequence[Written]) -> dict[str, str]:
    """Folded name -> the spelling the journal keeps: the first one written."""
    names: dict[str, str] = {}
    for entry in written:
        for name in entry.people:
            names.setdefault(name.casefold(), name)
    return names


def ranked(values: Sequence[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def reconnections(disconnected: Written, journal: Sequence[Written]) -> list[Written]:
    """The entries that reconnect ``disconnected`` earliest (several only if written at once)."""
    folded = {name.casefold() for name in disconnected.people}

    def shares_people(other: Written) -> bool:
        theirs = {name.casefold() for name in other.people}
        return bool(folded & theirs) if folded else not theirs

    found = [
        other
        for other in journal
        if disconnected.instant < other.instant <= disconnected.instant + WITHIN
        and "disconnection" not in other.concepts
        and ("repair" in other.concepts or (other.closeness or 0) >= 4)
        and shares_people(other)
    ]
    if not found:
        return []
    first = min(other.instant for other in found)
    return [other for other in found if other.instant == first]


def check_figures(
    figures: Figures,
    period: Period,
    written: Sequence[Written],
    ids: dict[int, Written],
) -> None:
    """``figures`` are what the plain model says of the entries of ``period``.

    Reconnections are looked for among every entry of the journal.
    """
    names = stored_names(written)
    chosen_ids = [(i, entry) for i, entry in ids.items() if entry.day in period]
    chosen = [entry for _, entry in chosen_ids]
    rated = [entry.closeness for entry in chosen if entry.closeness is not None]
    responses = [entry.response for entry in chosen if entry.response]
    moods = [
        entry.mood_after - entry.mood_before
        for entry in chosen
        if entry.mood_after is not None and entry.mood_before is not None
    ]

    assert figures.entries == len(chosen)
    assert figures.days == len({entry.day for entry in chosen})
    assert figures.closeness_count == len(rated)
    assert figures.closeness_average == pytest.approx(mean(rated))
    assert [(c.name, c.count) for c in figures.concepts] == ranked(
        [name for entry in chosen for name in entry.concepts]
    )
    assert [(c.name, c.count) for c in figures.people] == ranked(
        [names[key] for entry in chosen for key in {name.casefold() for name in entry.people}]
    )
    for field, counted in (
        ("kind", figures.kinds),
        ("touch", figures.touches),
        ("initiated_by", figures.initiators),
        ("response", figures.responses),
    ):
        values = [getattr(entry, field) for entry in chosen if getattr(entry, field)]
        assert [(c.name, c.count) for c in counted] == ranked(values), field
    assert figures.toward_share == pytest.approx(
        responses.count("toward") / len(responses) if responses else None
    )
    assert figures.mood_count == len(moods)
    assert figures.mood_change == pytest.approx(mean(moods))

    # Concept closeness: with and without, means only when both sides have 5 rated entries.
    rated_entries = [entry for entry in chosen if entry.closeness is not None]
    expected = {}
    for name in {name for entry in rated_entries for name in entry.concepts}:
        having = [e.closeness or 0 for e in rated_entries if name in e.concepts]
        lacking = [e.closeness or 0 for e in rated_entries if name not in e.concepts]
        enough = len(having) >= 5 and len(lacking) >= 5
        expected[name] = (
            len(having),
            len(lacking),
            mean(having) if enough else None,
            mean(lacking) if enough else None,
        )
    got = {
        item.name: (item.with_count, item.without_count, item.with_mean, item.without_mean)
        for item in figures.concept_closeness
    }
    assert len(figures.concept_closeness) == len(got)
    assert got.keys() == expected.keys()
    for name, (with_count, without_count, with_mean, without_mean) in expected.items():
        assert got[name][:2] == (with_count, without_count), name
        assert got[name][2] == pytest.approx(with_mean), name
        assert got[name][3] == pytest.approx(without_mean), name
        if with_mean is not None:
            event("a concept with enough entries on both sides")
    # Largest difference first; concepts without enough entries last, by name.
    order = list(figures.concept_closeness)
    known = [item for item in order if item.difference is not None]
    unknown = [item for item in order if item.difference is None]
    assert order == known + unknown
    for first, second in itertools.pairwise(known):
        assert (first.difference or 0) >= (second.difference or 0) - 1e-9
    assert [item.name for item in unknown] == sorted(item.name for item in unknown)

    # Pairs of concepts in the same entry: the five most frequent, then by name.
    pairs: dict[tuple[str, str], int] = {}
    for entry in chosen:
        tags = sorted(entry.concepts)
        for i, tag in enumerate(tags):
            for other in tags[i + 1 :]:
                pairs[tag, other] = pairs.get((tag, other), 0) + 1
    top = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert [((p.first, p.second), p.count) for p in figures.pairs] == top

    weekdays = [WEEKDAY_NAMES[entry.day.weekday()] for entry in chosen]
    assert [(c.name, c.count) for c in figures.weekdays] == [
        (name, weekdays.count(name)) for name in WEEKDAY_NAMES
    ]
    parts = [part_of_day(entry.occurred_at.hour) for entry in chosen]
    assert [(c.name, c.count) for c in figures.times_of_day] == [
        (name, parts.count(name)) for name in PARTS
    ]

    # Disconnections: each one in the period, with the earliest entry that reconnects it.
    expected_ids = sorted(i for i, entry in chosen_ids if "disconnection" in entry.concepts)
    assert sorted(item.id for item in figures.disconnections) == expected_ids
    instants = [ids[item.id].instant for item in figures.disconnections]
    assert instants == sorted(instants)
    candidates = list(written)
    for item in figures.disconnections:
        entry = ids[item.id]
        assert "disconnection" in entry.concepts
        assert item.day == entry.day
        assert {name.casefold() for name in item.people} == {
            name.casefold() for name in entry.people
        }
        followers = reconnections(entry, candidates)
        if not followers:
            assert (item.reconnected_by, item.hours_to_reconnect) == (None, None)
            continue
        assert item.reconnected_by is not None
        event("a disconnection reconnected")
        if ids[item.reconnected_by].day < entry.day:
            event("reconnected on an earlier local day")
        assert ids[item.reconnected_by] in followers
        hours = (followers[0].instant - entry.instant).total_seconds() / 3600
        assert item.hours_to_reconnect == pytest.approx(hours)


def check_streak(result: Summary, written: Sequence[Written], today: date) -> None:
    logged = {entry.day for entry in written}
    longest = 0
    for day in logged:
        if day - timedelta(days=1) not in logged:  # the first day of a run
            length = 1
            while day + timedelta(days=length) in logged:
                length += 1
            longest = max(longest, length)
    cursor = today if today in logged else today - timedelta(days=1)
    current = 0
    while cursor - timedelta(days=current) in logged:
        current += 1
    assert (result.streak.current, result.streak.longest) == (current, longest)


def check_loaded(session: Connection, ids: dict[int, Written]) -> None:
    """Every entry loads back at the same instant, on the writer's local day."""
    moments = load_moments(session, start=date.min, end=date.max)
    assert sorted(moment.id for moment in moments) == sorted(ids)
    for moment in moments:
        # Compared in UTC: Python never finds a time in a repeated hour equal across zones.
        assert moment.occurred_at.astimezone(UTC) == ids[moment.id].instant
        assert moment.day == ids[moment.id].day
        assert moment.occurred_at.utcoffset() == ids[moment.id].occurred_at.utcoffset()


# The properties ---------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), written=journals())
def test_every_figure_of_a_summary_matches_the_plain_model(
    data: st.DataObject, written: list[Written]
) -> None:
    period = data.draw(periods_near(written), label="period")
    today = period.end + timedelta(days=data.draw(st.integers(-10, 3), label="today from end"))
    with written_journal(written) as (session, ids):
        result = summary(session, period=period, today=today, scope=Scope())

    previous = period.previous()
    assert result.period == period
    assert result.previous_period == previous
    assert previous.end == period.start - timedelta(days=1)
    check_figures(result.current, period, written, ids)
    check_figures(result.previous, previous, written, ids)
    check_streak(result, written, today)

    for figures in (result.current, result.previous):
        assert sum(c.count for c in figures.weekdays) == figures.entries
        assert sum(c.count for c in figures.times_of_day) == figures.entries
        assert sum(c.count for c in figures.kinds) <= figures.entries
    kinds = [e.kind for e in written if e.kind and period.start <= e.day <= period.end]
    assert sum(c.count for c in result.current.kinds) == len(kinds)


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_falls_in_exactly_one_week_for_either_start(day: date) -> None:
    for week_start in (periods.MONDAY, periods.SUNDAY):
        week = periods.week_of(day, week_start=week_start)
        assert week.start <= day <= week.end
        assert week.days == 7
        assert week.start.weekday() == week_start
        before = periods.week_of(day - timedelta(days=7), week_start=week_start)
        after = periods.week_of(day + timedelta(days=7), week_start=week_start)
        assert day not in before
        assert day not in after
        assert before.end + timedelta(days=1) == week.start
        assert week.end + timedelta(days=1) == after.start
        assert week.previous() == before


@settings(max_examples=20, deadline=None)
@given(written=journals(max_entries=15), week_start=st.sampled_from([0, 6]))
def test_weekly_summaries_covering_the_journal_add_up_to_its_entries(
    written: list[Written], week_start: int
) -> None:
    if not written:
        return
    first = periods.week_of(min(entry.day for entry in written), week_start=week_start)
    last = periods.week_of(max(entry.day for entry in written), week_start=week_start)
    weeks = [first]
    while weeks[-1] != last:
        weeks.append(periods.week_of(weeks[-1].end + timedelta(days=1), week_start=week_start))
    for entry in written:
        assert sum(entry.day in week for week in weeks) == 1
    with written_journal(written) as (session, _):
        if len(weeks) <= 8:
            counts = [
                summary(session, period=week, today=last.end).current.entries for week in weeks
            ]
        else:  # a long journal: the same query summary() reads, week by week
            counts = [len(load_moments(session, start=week.start, end=week.end)) for week in weeks]
    assert sum(counts) == len(written)
    assert counts == [sum(entry.day in week for entry in written) for week in weeks]


@settings(max_examples=30, deadline=None)
@given(
    disconnected=entries(FIRST, LAST - timedelta(days=31)),
    zone=st.sampled_from(ZONES),
    minutes=st.integers(-2, 2),
    repaired=st.booleans(),
    shape=st.sampled_from(["week", "sunday week", "month"]),
)
def test_a_reconnection_counts_up_to_thirty_days_later_to_the_minute(
    disconnected: Written, zone: ZoneInfo, minutes: int, repaired: bool, shape: str
) -> None:
    disconnected = Written(
        occurred_at=disconnected.occurred_at,
        concepts=("disconnection",),
        people=disconnected.people,
    )
    later = disconnected.instant + timedelta(days=30, minutes=minutes)
    reconnecting = Written(
        occurred_at=later.astimezone(zone),
        concepts=("repair",) if repaired else (),
        closeness=None if repaired else 4,
        people=tuple(name.swapcase() for name in disconnected.people),
    )
    day = disconnected.day
    period = (
        periods.month(day)
        if shape == "month"
        else periods.week_of(day, week_start=periods.SUNDAY if shape == "sunday week" else 0)
    )
    with written_journal([disconnected, reconnecting]) as (session, _):
        result = summary(session, period=period, today=period.end)

    (item,) = result.current.disconnections
    if minutes <= 0:
        assert item.reconnected_by == 2
        assert item.hours_to_reconnect == pytest.approx(30 * 24 + minutes / 60)
    else:
        assert (item.reconnected_by, item.hours_to_reconnect) == (None, None)


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "America/Los_Angeles"])
@pytest.mark.parametrize(
    "process_tz", ["Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles", "Etc/GMT+12"]
)
@pytest.mark.parametrize("sunday", [date(2026, 3, 29), date(2026, 4, 5), date(2026, 11, 22)])
def test_late_sunday_evening_counts_on_that_sunday_wherever_the_process_is(
    zone: str, process_tz: str, sunday: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sunday.weekday() == 6
    monkeypatch.setenv("TZ", process_tz)
    time.tzset()
    late = datetime.combine(sunday, datetime.min.time()).replace(hour=23, minute=30)
    written = in_zone(late, ZoneInfo(zone))
    assert (written.date(), written.hour, written.minute) == (sunday, 23, 30)
    journal = open_journal(resolve_location())
    try:
        with journal.writing() as session:
            draft = EntryDraft(text="late call", occurred_at=written)
            record_entry(session, draft, author="me", now=NOW)
        with journal.reading() as session:
            iso_week = periods.week_of(sunday, week_start=periods.MONDAY)
            sunday_week = periods.week_of(sunday, week_start=periods.SUNDAY)
            assert iso_week.end == sunday
            assert sunday_week.start == sunday
            assert sunday_week.label == periods.week_of(sunday + timedelta(days=1)).label
            iso = summary(session, period=iso_week, today=sunday)
            assert (iso.current.entries, iso.current.days) == (1, 1)
            assert [(c.name, c.count) for c in iso.current.weekdays if c.count] == [("Sun", 1)]
            assert [(c.name, c.count) for c in iso.current.times_of_day if c.count] == [
                ("night", 1)
            ]
            assert iso.streak.current == 1
            week_before = summary(session, period=iso_week.previous(), today=sunday)
            assert week_before.current.entries == 0
            sundays = summary(session, period=sunday_week, today=sunday)
            assert (sundays.current.entries, sundays.previous.entries) == (1, 0)
            before = periods.week_of(sunday - timedelta(days=1), week_start=periods.SUNDAY)
            assert summary(session, period=before, today=sunday).current.entries == 0
            month = summary(session, period=periods.month(sunday), today=sunday)
            assert month.current.entries == 1
    finally:
        journal.close()


def test_a_reconnection_on_an_earlier_local_day_in_another_zone_is_found() -> None:
    # Monday 00:30 in Kolkata is Sunday 19:00 UTC; an hour later it is Sunday 20:00 in UTC.
    disconnected = Written(
        occurred_at=datetime(2026, 3, 2, 0, 30, tzinfo=ZoneInfo("Asia/Kolkata")),
        concepts=("disconnection",),
    )
    repaired = Written(occurred_at=datetime(2026, 3, 1, 20, 0, tzinfo=UTC), closeness=5)
    week = periods.week_of(disconnected.day)  # Monday 2 to Sunday 8 March 2026
    with written_journal([disconnected, repaired]) as (session, _):
        two_days = summary(
            session, period=periods.days_between(repaired.day, week.end), today=week.end
        )
        result = summary(session, period=week, today=week.end)

    found = [
        (item.reconnected_by, item.hours_to_reconnect) for item in two_days.current.disconnections
    ]
    assert found == [(2, 1.0)]  # passes: the period includes Sunday 1 March
    assert [
        (item.reconnected_by, item.hours_to_reconnect) for item in result.current.disconnections
    ] == [(2, 1.0)]  # the repair lies on Sunday 1 March, a local day before the week
