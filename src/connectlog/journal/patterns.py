"""Patterns over time: the queries that feed analytics, and the periods they cover.

Every query here reads only the days it needs (the period, the one before,
and a little after for reconnections) through the ``local_date`` index, as
plain rows; the one query over the whole journal
reads the distinct logged days, for streaks.

A journal may hold several writers' moments (profiles of this journal, and a
partner's weeks from their bundles). Each pattern describes one writer, the
current profile unless another is named, or everyone ``together`` (see
:class:`~connectlog.journal.types.patterns.Scope`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    and_,
    false,
    func,
    or_,
    select,
    type_coerce,
)

from connectlog import messages
from connectlog.analytics import periods
from connectlog.analytics.calendar import DayStat, Heatmap, heatmap, lived_days
from connectlog.analytics.looking_back import (
    UNTOUCHED_AFTER,
    ConceptUse,
    Reflection,
    anniversaries,
    choose_reflection,
    daily_choice,
)
from connectlog.analytics.moments import Moment, Pairing, Whose
from connectlog.analytics.periods import Period
from connectlog.analytics.summary import (
    CLOSE,
    DISCONNECTION,
    RECONNECT_WITHIN,
    RECONNECTING,
    Summary,
    summarize,
)
from connectlog.analytics.trends import Trends, trends
from connectlog.errors import InvalidInputError
from connectlog.journal.people import find_person
from connectlog.journal.profiles import existing_writer, find_profile, login_name
from connectlog.journal.queries import list_entries, writer_names
from connectlog.journal.types.entries import EntryQuery
from connectlog.journal.types.patterns import Remembered, Scope
from connectlog.journal.views import get_entry, named_ids, zone_of
from connectlog.storage.aggregate import linked_ids
from connectlog.storage.tables import concept, entry, entry_concept, entry_person, person, profile


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
    try:
        return _countable(
            _chosen(
                week=week, month=month, since=since, until=until, today=today, week_start=week_start
            )
        )
    except OverflowError as exc:  # a week or a range that runs off the calendar
        raise InvalidInputError(
            messages.PERIOD_OUT_OF_RANGE.format(raw=week or month or since or until)
        ) from exc


def _chosen(
    *,
    week: str | None,
    month: str | None,
    since: date | None,
    until: date | None,
    today: date,
    week_start: int,
) -> Period:
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


#: How far beyond a period the patterns read: the days either side of it, and a month
#: after for reconnections (see :func:`summary`).
_READ_AROUND = RECONNECT_WITHIN + timedelta(days=7)


def _countable(period: Period) -> Period:
    """``period``, if it, the period before it and the days read around them are on the calendar.

    Python's dates run from year 1 to 9999: a week of year 9999 has no month
    after it to look for reconnections in, a range from year 1 no period before it.
    """
    before = period.previous()
    _ = before.start - _READ_AROUND, period.end + _READ_AROUND
    return period


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
    whose, conditions = _scope(db, scope)
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
    if whose.together:
        writer_days = _days_by_writer(db, conditions, whose.writers)
        reader = existing_writer(db, chosen=scope.chosen)
        logged_days = writer_days.get(reader.name, []) if reader is not None else []
        extra: dict[str, Any] = {"writer_days": writer_days, "together": _pairing(db, scope)}
    else:
        # Every logged day of the journal, for streaks: read as text and parsed in C, since
        # a journal of years has thousands.
        logged = db.execute(
            select(type_coerce(entry.c.local_date, String)).where(*conditions).distinct()
        ).scalars()
        logged_days, extra = list(map(date.fromisoformat, logged)), {}
    return summarize(
        period=period,
        previous_period=previous,
        moments=moments,
        previous_moments=previous_moments,
        around=around,
        logged_days=logged_days,
        today=today,
        whose=whose,
        **extra,
    )


def week_trends(
    db: Connection,
    *,
    weeks: int,
    today: date,
    week_start: int = periods.MONDAY,
    scope: Scope = Scope(),
) -> Trends:
    """Series over the ``weeks`` weeks ending with this one, from the writer's first week on.

    The journal begins, for the writer described (or everyone, together), on the
    day of their first entry; with ``--with``, weeks after it without that person
    count as none with them.
    """
    span = periods.weeks_ending(periods.week_of(today, week_start=week_start), weeks)
    whose, conditions = _scope(db, scope)
    moments = load_moments(db, start=span[0].start, end=span[-1].end, conditions=conditions)
    together = _pairing(db, scope) if whose.together else None
    _, writers = _scope(db, replace(scope, person=None)) if scope.person else (whose, conditions)
    first = db.execute(
        select(type_coerce(func.min(entry.c.local_date), String)).where(*writers)
    ).scalar_one()
    began = date.fromisoformat(first) if first else None  # None: no moments, none before
    return trends(moments, span, whose=whose, together=together, today=today, began=began)


def year_heatmap(
    db: Connection,
    *,
    year: int,
    week_start: int = periods.MONDAY,
    scope: Scope = Scope(),
) -> Heatmap:
    """Every day of ``year``: entries and average closeness, counted in SQL.

    Together, a moment several writers logged counts once, so the year's moments
    are read and paired instead.
    """
    whose, conditions = _scope(db, scope)
    if whose.together:
        moments = load_moments(
            db, start=date(year, 1, 1), end=date(year, 12, 31), conditions=conditions
        )
        lived = lived_days(moments, together=_pairing(db, scope))
        return heatmap(lived, year=year, week_start=week_start, whose=whose)
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
            *conditions,
        )
        .group_by(entry.c.local_date)
    )
    stats = [
        DayStat(day, entries, rated, float(average) if average is not None else None)
        for day, entries, rated, average in rows
    ]
    return heatmap(stats, year=year, week_start=week_start, whose=whose)


def remember(db: Connection, *, today: date, scope: Scope = Scope()) -> Remembered:
    """What happened on this day a week, a month and a year ago, and one close moment before."""
    whose, conditions = _scope(db, scope)
    days = anniversaries(today)
    if not whose.together and whose.author not in whose.writers:  # they wrote nothing yet
        return Remembered(days=tuple((label, day, ()) for label, day in days), further_back=None)
    author = whose.author if whose.others else None
    shown = []
    for label, day in days:
        page = list_entries(db, EntryQuery(since=day, until=day, author=author))
        shown.append((label, day, tuple(reversed(page.entries))))  # in the order they happened
    older = (
        select(entry.c.id)
        .where(
            entry.c.local_date < min(day for _, day in days[:2]),
            entry.c.local_date.not_in([day for _, day in days]),
            entry.c.closeness >= CLOSE,
            *conditions,
        )
        .order_by(entry.c.id)
    )
    count = db.execute(select(func.count()).select_from(older.subquery())).scalar_one()
    further = None
    if count:
        entry_id = db.execute(older.offset(daily_choice(count, today=today)).limit(1)).scalar_one()
        further = get_entry(db, entry_id)
    return Remembered(days=tuple(shown), further_back=further, together=whose.together)


def reflection(
    db: Connection, *, today: date, scope: Scope = Scope(), draw: int = 0
) -> Reflection | None:
    """Today's reflection question, leaning towards concepts the writer has not touched lately.

    ``draw``: 0 for the day's question, any other number for another one.
    """
    _, conditions = _scope(db, scope)
    recent = dict(
        db.execute(
            select(entry_concept.c.concept_id, func.max(entry.c.local_date))
            .join(entry, entry.c.id == entry_concept.c.entry_id)
            .where(entry.c.local_date > today - timedelta(days=UNTOUCHED_AFTER), *conditions)
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
    return choose_reflection(uses, today=today, draw=draw)


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
                occurred_at=occurred_at.astimezone(zone_of(offset)),
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


def _reconnecting() -> ColumnElement[bool]:
    """The entries :data:`RECONNECTING` holds can end a disconnection, as a condition."""

    def tagged(name: str) -> ColumnElement[bool]:
        return (
            select(entry_concept.c.entry_id)
            .join(concept, concept.c.id == entry_concept.c.concept_id)
            .where(entry_concept.c.entry_id == entry.c.id, concept.c.name == name)
            .exists()
        )

    rule = RECONNECTING
    return and_(
        or_(entry.c.closeness >= rule.closeness, tagged(rule.tagged)), ~tagged(rule.untagged)
    )


def _scope(db: Connection, scope: Scope) -> tuple[Whose, list[ColumnElement[bool]]]:
    """Whose moments ``scope`` means, and the conditions that keep only those.

    In a journal only the writer described has written in, nothing needs
    keeping out, so its queries are the ones a journal of one writer always ran.
    """
    if scope.together and scope.author is not None:
        raise InvalidInputError(messages.AUTHOR_OR_TOGETHER)
    conditions: list[ColumnElement[bool]] = []
    if scope.person is not None:
        someone = find_person(db, scope.person)
        together = select(entry_person.c.entry_id).where(entry_person.c.person_id == someone.id)
        conditions.append(entry.c.id.in_(together))
    names = tuple(writer_names(db))
    if scope.together:
        return Whose(together=True, writers=names), conditions
    named = scope.author if scope.author is not None else scope.chosen
    described = find_profile(db, named) if named else existing_writer(db, chosen=None)
    if described is None:  # no profile of this journal's own yet: the reader wrote nothing
        return Whose(author=login_name(), writers=names), [*conditions, false()]
    if any(name != described.name for name in names):
        conditions.append(entry.c.author_id == described.id)
    return Whose(author=described.name, writers=names), conditions


def _pairing(db: Connection, scope: Scope) -> Pairing:
    """The rule of one moment seen by several writers, as the weekly review applies it."""
    from connectlog.analytics.together import same_moments
    from connectlog.journal.reviews import identities  # reviews reads moments from here

    window = scope.window
    if window is None:
        from connectlog.config import DEFAULT_REVIEW_WINDOW

        window = timedelta(hours=DEFAULT_REVIEW_WINDOW)
    return partial(same_moments, window=window, identities=identities(db))


def _days_by_writer(
    db: Connection, conditions: Iterable[ColumnElement[bool]], writers: Iterable[str]
) -> dict[str, list[date]]:
    """Each writer's logged days (for a streak each), in the order of ``writers``."""
    days: dict[str, list[date]] = {name: [] for name in writers}
    rows = db.execute(
        select(profile.c.name, type_coerce(entry.c.local_date, String))
        .join(profile, profile.c.id == entry.c.author_id)
        .where(*conditions)
        .distinct()
    )
    for name, day in rows:
        days.setdefault(name, []).append(date.fromisoformat(day))
    return days
