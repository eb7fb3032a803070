"""Patterns over time: the queries that feed analytics, and the periods they cover.

Every query here reads only the days it needs (the period, the one before,
and a little after for reconnections) through the ``local_date`` index, as
plain rows; the one query over the whole journal
reads the distinct logged days, for streaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import ColumnElement, Connection, String, func, or_, select, type_coerce

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
from connectlog.journal.entries import EntryQuery, EntryView, get_entry, list_entries, named_ids
from connectlog.journal.people import find_person
from connectlog.journal.profiles import find_profile
from connectlog.storage.aggregate import linked_ids
from connectlog.storage.tables import concept, entry, entry_concept, entry_person, person, profile


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


def summary(db: Connection, *, period: Period, today: date, scope: Scope = Scope()) -> Summary:
    """The figures of ``period`` beside the period before it."""
    previous = period.previous()
    conditions = _scope(db, scope)
    # Local days run up to a day and more ahead of or behind UTC, so a moment later in
    # time can lie on an earlier local day: load two days either side of the periods.
    slack = timedelta(days=2)
    loaded = load_moments(
        db, start=previous.start - slack, end=period.end + slack, conditions=conditions
    )
    moments = [moment for moment in loaded if moment.day in period]
    previous_moments = [moment for moment in loaded if moment.day in previous]
    around = loaded
    if any(DISCONNECTION in moment.concepts for moment in (*moments, *previous_moments)):
        # What may reconnect them later: close moments and repairs, up to a month on.
        later = load_moments(
            db,
            start=period.end + slack + timedelta(days=1),
            end=period.end + RECONNECT_WITHIN + slack,
            conditions=[*conditions, _reconnecting()],
        )
        around = [*loaded, *later]
    # Every logged day of the journal, for streaks: read as text and parsed in C, since
    # a journal of years has thousands.
    logged = db.execute(
        select(type_coerce(entry.c.local_date, String)).where(*conditions).distinct()
    ).scalars()
    return summarize(
        period=period,
        previous_period=previous,
        moments=moments,
        previous_moments=previous_moments,
        around=around,
        logged_days=list(map(date.fromisoformat, logged)),
        today=today,
    )


def week_trends(
    db: Connection,
    *,
    weeks: int,
    today: date,
    week_start: int = periods.MONDAY,
    scope: Scope = Scope(),
) -> Trends:
    """Series over the ``weeks`` weeks ending with this one."""
    span = periods.weeks_ending(periods.week_of(today, week_start=week_start), weeks)
    moments = load_moments(db, start=span[0].start, end=span[-1].end, conditions=_scope(db, scope))
    return trends(moments, span)


def year_heatmap(
    db: Connection,
    *,
    year: int,
    week_start: int = periods.MONDAY,
    scope: Scope = Scope(),
) -> Heatmap:
    """Every day of ``year``: entries and average closeness, counted in SQL."""
    rows = db.execute(
        select(
            entry.c.local_date,
            func.count(entry.c.id),
            func.count(entry.c.closeness),
            func.avg(entry.c.closeness),
        )
        .where(
            entry.c.local_date >= date(year, 1, 1),
            entry.c.local_date <= date(year, 12, 31),
            *_scope(db, scope),
        )
        .group_by(entry.c.local_date)
    )
    stats = [
        DayStat(day, entries, rated, float(average) if average is not None else None)
        for day, entries, rated, average in rows
    ]
    return heatmap(stats, year=year, week_start=week_start)


def remember(db: Connection, *, today: date) -> Remembered:
    """What happened on this day a week, a month and a year ago, and one close moment before."""
    days = anniversaries(today)
    shown = []
    for label, day in days:
        page = list_entries(db, EntryQuery(since=day, until=day))
        shown.append((label, day, tuple(reversed(page.entries))))  # in the order they happened
    older = (
        select(entry.c.id)
        .where(
            entry.c.local_date < min(day for _, day in days[:2]),
            entry.c.local_date.not_in([day for _, day in days]),
            entry.c.closeness >= CLOSE,
        )
        .order_by(entry.c.id)
    )
    count = db.execute(select(func.count()).select_from(older.subquery())).scalar_one()
    further = None
    if count:
        entry_id = db.execute(older.offset(daily_choice(count, today=today)).limit(1)).scalar_one()
        further = get_entry(db, entry_id)
    return Remembered(days=tuple(shown), further_back=further)


def reflection(db: Connection, *, today: date) -> Reflection | None:
    """Today's reflection question, leaning towards concepts not touched lately."""
    recent = dict(
        db.execute(
            select(entry_concept.c.concept_id, func.max(entry.c.local_date))
            .join(entry, entry.c.id == entry_concept.c.entry_id)
            .where(entry.c.local_date > today - timedelta(days=UNTOUCHED_AFTER))
            .group_by(entry_concept.c.concept_id)
        ).all()
    )
    uses = [
        ConceptUse(
            name=row.name,
            questions=tuple(line for line in row.questions.splitlines() if line.strip()),
            last_used=recent.get(row.id),
        )
        for row in db.execute(select(concept).order_by(concept.c.name))
    ]
    return choose_reflection(uses, today=today)


def load_moments(
    db: Connection,
    *,
    start: date,
    end: date,
    conditions: Iterable[ColumnElement[bool]] = (),
) -> list[Moment]:
    """Every moment whose local day lies from ``start`` to ``end``, with its names."""
    where = [entry.c.local_date >= start, entry.c.local_date <= end, *conditions]
    # Each moment's people and concepts come as their ids joined in one text, named
    # from one small dict each: two more queries over the period cost more per moment.
    people = named_ids(dict(db.execute(select(person.c.id, person.c.name)).all()))
    concepts = named_ids(dict(db.execute(select(concept.c.id, concept.c.name)).all()))
    rows = db.execute(
        select(
            entry.c.id,
            entry.c.occurred_at,
            entry.c.utc_offset,
            entry.c.closeness,
            entry.c.kind,
            entry.c.touch,
            entry.c.initiated_by,
            entry.c.response,
            entry.c.mood_before,
            entry.c.mood_after,
            profile.c.name,
            entry.c.appreciation,
            linked_ids(db, entry.c.id, entry_person.c.entry_id, entry_person.c.person_id),
            linked_ids(db, entry.c.id, entry_concept.c.entry_id, entry_concept.c.concept_id),
        )
        .join(profile, profile.c.id == entry.c.author_id)
        .where(*where)
    ).all()  # one call into the driver, not one a row
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
        person_ids,
        concept_ids,
    ) in rows:
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
                people=people(person_ids),
                concepts=concepts(concept_ids),
                author=author,
                appreciation=appreciation,
            )
        )
    return moments


def _local(stored: datetime, offset: int, zones: dict[int, timezone]) -> datetime:
    """The time an entry happened (stored in UTC), in its writer's offset."""
    zone = zones.get(offset)
    if zone is None:
        zone = zones[offset] = timezone(timedelta(minutes=offset))
    return stored.astimezone(zone)


def _reconnecting() -> ColumnElement[bool]:
    """Entries that can end a disconnection: close ones, or ones tagged repair."""
    repaired = (
        select(entry_concept.c.entry_id)
        .join(concept, concept.c.id == entry_concept.c.concept_id)
        .where(entry_concept.c.entry_id == entry.c.id, concept.c.name == REPAIR)
    )
    return or_(entry.c.closeness >= CLOSE, repaired.exists())


def _scope(db: Connection, scope: Scope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.person is not None:
        someone = find_person(db, scope.person)
        together = select(entry_person.c.entry_id).where(entry_person.c.person_id == someone.id)
        conditions.append(entry.c.id.in_(together))
    if scope.author is not None:
        author = find_profile(db, scope.author)
        conditions.append(entry.c.author_id == author.id)
    return conditions
