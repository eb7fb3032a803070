"""Patterns over time: the queries that feed analytics, and the periods they cover.

Every query here reads only the days it needs (the period, the one before,
and a little after for reconnections) through the ``local_date`` index, as
plain rows rather than ORM objects; the one query over the whole journal
reads the distinct logged days, for streaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import ColumnElement, Connection, Select, String, func, or_, type_coerce
from sqlalchemy import select as rows_of
from sqlmodel import Session, col, select

from connectlog import messages
from connectlog.analytics import periods
from connectlog.analytics.calendar import DayStat, Heatmap, heatmap
from connectlog.analytics.looking_back import (
    UNTOUCHED_AFTER,
    ConceptUse,
    Reflection,
    anniversaries,
    choose_reflection,
    daily_choice,
)
from connectlog.analytics.moments import Moment
from connectlog.analytics.periods import Period
from connectlog.analytics.summary import (
    CLOSE,
    DISCONNECTION,
    RECONNECT_WITHIN,
    REPAIR,
    Summary,
    summarize,
)
from connectlog.analytics.trends import Trends, trends
from connectlog.errors import InvalidInputError
from connectlog.journal.entries import EntryQuery, EntryView, get_entry, list_entries
from connectlog.journal.people import find_person
from connectlog.journal.profiles import find_profile
from connectlog.storage.models import Concept, Entry, EntryConcept, EntryPerson, Person, Profile


@dataclass(frozen=True)
class Scope:
    """Whose moments a pattern covers: with one person, by one profile, or all."""

    person: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Remembered:
    """Moments from a week, a month and a year ago today, and one close one from further back."""

    days: tuple[tuple[str, date, tuple[EntryView, ...]], ...]
    further_back: EntryView | None


def choose_period(
    *,
    week: str | None = None,
    month: str | None = None,
    since: date | None = None,
    until: date | None = None,
    today: date,
    week_start: int = periods.MONDAY,
) -> Period:
    """The period the options name; this week when they name none."""
    ranged = since is not None or until is not None
    if sum((week is not None, month is not None, ranged)) > 1:
        raise InvalidInputError(messages.ONE_PERIOD)
    if week is not None:
        return _week(week, today=today, week_start=week_start)
    if month is not None:
        return _month(month, today=today)
    if ranged:
        end = until or today
        start = since or end - timedelta(days=6)
        if start > end:
            raise InvalidInputError(messages.SINCE_AFTER_UNTIL.format(since=start, until=end))
        return periods.days_between(start, end)
    return periods.week_of(today, week_start=week_start)


def _week(raw: str, *, today: date, week_start: int) -> Period:
    word = raw.strip().casefold()
    if word in ("this", "last"):
        shift = timedelta(days=7 if word == "last" else 0)
        return periods.week_of(today - shift, week_start=week_start)
    try:
        return periods.parse_week(raw, week_start=week_start)
    except ValueError as exc:
        raise InvalidInputError(messages.BAD_WEEK.format(raw=raw)) from exc


def _month(raw: str, *, today: date) -> Period:
    word = raw.strip().casefold()
    if word in ("this", "last"):
        this = periods.month(today)
        return this.previous() if word == "last" else this
    try:
        return periods.parse_month(raw)
    except ValueError as exc:
        raise InvalidInputError(messages.BAD_MONTH.format(raw=raw)) from exc


def summary(session: Session, *, period: Period, today: date, scope: Scope = Scope()) -> Summary:
    """The figures of ``period`` beside the period before it."""
    previous = period.previous()
    conditions = _scope(session, scope)
    # Local days run up to a day and more ahead of or behind UTC, so a moment later in
    # time can lie on an earlier local day: load two days either side of the periods.
    slack = timedelta(days=2)
    loaded = load_moments(
        session, start=previous.start - slack, end=period.end + slack, conditions=conditions
    )
    moments = [moment for moment in loaded if moment.day in period]
    previous_moments = [moment for moment in loaded if moment.day in previous]
    around = loaded
    if any(DISCONNECTION in moment.concepts for moment in (*moments, *previous_moments)):
        # What may reconnect them later: close moments and repairs, up to a month on.
        later = load_moments(
            session,
            start=period.end + slack + timedelta(days=1),
            end=period.end + RECONNECT_WITHIN + slack,
            conditions=[*conditions, _reconnecting()],
        )
        around = [*loaded, *later]
    # Every logged day of the journal, for streaks: read as text and parsed in C, since
    # a journal of years has thousands.
    logged = session.connection().execute(
        rows_of(type_coerce(col(Entry.local_date), String)).where(*conditions).distinct()
    )
    return summarize(
        period=period,
        previous_period=previous,
        moments=moments,
        previous_moments=previous_moments,
        around=around,
        logged_days=[date.fromisoformat(day) for (day,) in logged],
        today=today,
    )


def week_trends(
    session: Session,
    *,
    weeks: int,
    today: date,
    week_start: int = periods.MONDAY,
    scope: Scope = Scope(),
) -> Trends:
    """Series over the ``weeks`` weeks ending with this one."""
    span = periods.weeks_ending(periods.week_of(today, week_start=week_start), weeks)
    moments = load_moments(
        session, start=span[0].start, end=span[-1].end, conditions=_scope(session, scope)
    )
    return trends(moments, span)


def year_heatmap(
    session: Session,
    *,
    year: int,
    week_start: int = periods.MONDAY,
    scope: Scope = Scope(),
) -> Heatmap:
    """Every day of ``year``: entries and average closeness, counted in SQL."""
    rows = session.connection().execute(
        rows_of(
            col(Entry.local_date),
            func.count(col(Entry.id)),
            func.count(col(Entry.closeness)),
            func.avg(col(Entry.closeness)),
        )
        .where(
            col(Entry.local_date) >= date(year, 1, 1),
            col(Entry.local_date) <= date(year, 12, 31),
            *_scope(session, scope),
        )
        .group_by(col(Entry.local_date))
    )
    stats = [
        DayStat(day, entries, rated, float(average) if average is not None else None)
        for day, entries, rated, average in rows
    ]
    return heatmap(stats, year=year, week_start=week_start)


def remember(session: Session, *, today: date) -> Remembered:
    """What happened on this day a week, a month and a year ago, and one close moment before."""
    days = anniversaries(today)
    shown = []
    for label, day in days:
        page = list_entries(session, EntryQuery(since=day, until=day))
        shown.append((label, day, tuple(reversed(page.entries))))  # in the order they happened
    older = (
        select(Entry.id)
        .where(
            col(Entry.local_date) < min(day for _, day in days[:2]),
            col(Entry.local_date).not_in([day for _, day in days]),
            col(Entry.closeness) >= CLOSE,
        )
        .order_by(col(Entry.id))
    )
    count = session.exec(select(func.count()).select_from(older.subquery())).one()
    further = None
    if count:
        entry_id = session.exec(older.offset(daily_choice(count, today=today)).limit(1)).one()
        further = get_entry(session, entry_id or 0)
    return Remembered(days=tuple(shown), further_back=further)


def reflection(session: Session, *, today: date) -> Reflection | None:
    """Today's reflection question, leaning towards concepts not touched lately."""
    recent = dict(
        session.connection()
        .execute(
            rows_of(col(EntryConcept.concept_id), func.max(col(Entry.local_date)))
            .join(Entry, col(Entry.id) == EntryConcept.entry_id)
            .where(col(Entry.local_date) > today - timedelta(days=UNTOUCHED_AFTER))
            .group_by(col(EntryConcept.concept_id))
        )
        .all()
    )
    uses = [
        ConceptUse(
            name=concept.name,
            questions=tuple(line for line in concept.questions.splitlines() if line.strip()),
            last_used=recent.get(concept.id or 0),
        )
        for concept in session.exec(select(Concept).order_by(col(Concept.name)))
    ]
    return choose_reflection(uses, today=today)


def load_moments(
    session: Session,
    *,
    start: date,
    end: date,
    conditions: Iterable[ColumnElement[bool]] = (),
) -> list[Moment]:
    """Every moment whose local day lies from ``start`` to ``end``, with its names."""
    where = [col(Entry.local_date) >= start, col(Entry.local_date) <= end, *conditions]
    connection = session.connection()
    concepts = _names(
        connection,
        rows_of(col(EntryConcept.entry_id), col(Concept.name))
        .join(Concept, col(Concept.id) == EntryConcept.concept_id)
        .join(Entry, col(Entry.id) == EntryConcept.entry_id),
        where,
    )
    people = _names(
        connection,
        rows_of(col(EntryPerson.entry_id), col(Person.name))
        .join(Person, col(Person.id) == EntryPerson.person_id)
        .join(Entry, col(Entry.id) == EntryPerson.entry_id),
        where,
    )
    rows = connection.execute(
        rows_of(
            col(Entry.id),
            type_coerce(col(Entry.occurred_at), String),  # parsed below, faster than per value
            col(Entry.utc_offset),
            col(Entry.closeness),
            col(Entry.kind),
            col(Entry.touch),
            col(Entry.initiated_by),
            col(Entry.response),
            col(Entry.mood_before),
            col(Entry.mood_after),
            col(Profile.name),
            col(Entry.appreciation),
        )
        .join(Profile, col(Profile.id) == Entry.author_id)
        .where(*where)
    )
    zones: dict[int, timezone] = {}
    moments = []
    for (
        entry_id,
        occurred_at,
        offset,
        closeness,
        kind,
        touch,
        initiated_by,
        response,
        mood_before,
        mood_after,
        author,
        appreciation,
    ) in rows:
        assert entry_id is not None
        moments.append(
            Moment(
                id=entry_id,
                occurred_at=_local(occurred_at, offset, zones),
                closeness=closeness,
                kind=kind,
                touch=touch,
                initiated_by=initiated_by,
                response=response,
                mood_before=mood_before,
                mood_after=mood_after,
                people=tuple(sorted(people.get(entry_id, ()))),
                concepts=tuple(sorted(concepts.get(entry_id, ()))),
                author=author,
                appreciation=appreciation,
            )
        )
    return moments


def _names(
    connection: Connection, statement: Select[int, str], where: list[ColumnElement[bool]]
) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for entry_id, name in connection.execute(statement.where(*where)):
        grouped.setdefault(entry_id, []).append(name)
    return grouped


def _local(stored: str | datetime, offset: int, zones: dict[int, timezone]) -> datetime:
    """The time an entry happened, in its writer's offset; stored in UTC.

    SQLite hands the time back as text ("2026-11-22 19:00:00.000000", UTC,
    no zone); a server database as an aware datetime.
    """
    zone = zones.get(offset)
    if zone is None:
        zone = zones[offset] = timezone(timedelta(minutes=offset))
    if isinstance(stored, datetime):
        return stored.astimezone(zone)
    return (datetime.fromisoformat(stored) + zone.utcoffset(None)).replace(tzinfo=zone)


def _reconnecting() -> ColumnElement[bool]:
    """Entries that can end a disconnection: close ones, or ones tagged repair."""
    repaired = (
        select(EntryConcept.entry_id)
        .join(Concept, col(Concept.id) == EntryConcept.concept_id)
        .where(col(EntryConcept.entry_id) == Entry.id, Concept.name == REPAIR)
    )
    return or_(col(Entry.closeness) >= CLOSE, repaired.exists())


def _scope(session: Session, scope: Scope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.person is not None:
        person = find_person(session, scope.person)
        together = select(EntryPerson.entry_id).where(EntryPerson.person_id == person.id)
        conditions.append(col(Entry.id).in_(together))
    if scope.author is not None:
        profile = find_profile(session, scope.author)
        conditions.append(col(Entry.author_id) == profile.id)
    return conditions
