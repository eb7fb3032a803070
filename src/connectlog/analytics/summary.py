"""A period's figures beside the period before: counts, closeness, rhythm, streaks, repair.

Everything here is a pure function of the moments handed in. Nothing reads
the clock or the journal; "today" and the periods come from the caller.

The moments are one writer's, or everyone's together. Together, entries that
several writers logged of one moment (a :data:`~connectlog.analytics.moments.Pairing`
groups them) count once as that moment, with each writer's rating kept; "me",
"them" and "mutual" are read from each author's side, so they are counted per
writer and never added up; and each writer has a streak of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import astuple, dataclass
from datetime import date, timedelta
from itertools import combinations
from statistics import fmean, median

from connectlog.analytics.moments import UNSAID, Moment, Pairing, Whose, merged, one_each, touches
from connectlog.analytics.periods import Period, days_between
from connectlog.analytics.stats import welch_interval

#: Fewer entries than this on either side of a comparison and no number is given.
MIN_SAMPLE = 5
#: A moment at least this close counts as close (and as reconnecting after a disconnection).
CLOSE = 4
DISCONNECTION, REPAIR = "disconnection", "repair"
HIGHER, LOWER, ABOUT_THE_SAME = "higher", "lower", "about the same"
#: How long after a disconnection a close or repair moment still counts as reconnecting.
RECONNECT_WITHIN = timedelta(days=30)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Parts of the day by the hour they begin; night runs from 22:00 to 05:00.
TIMES_OF_DAY = (("morning", 5), ("afternoon", 12), ("evening", 17), ("night", 22))


@dataclass(frozen=True)
class Count:
    name: str
    count: int


@dataclass(frozen=True)
class ConceptCloseness:
    """Mean closeness of entries with and without a concept; means are None below the minimum.

    ``low`` and ``high``: Welch's 95% interval for the difference (see
    :func:`connectlog.analytics.stats.welch_interval`), None below the minimum.
    """

    name: str
    with_count: int
    without_count: int
    with_mean: float | None
    without_mean: float | None
    low: float | None = None
    high: float | None = None

    @property
    def grade(self) -> str | None:
        """``higher`` or ``lower`` when the interval leaves out zero, else ``about the same``."""
        if self.low is None or self.high is None:
            return None
        if self.low > 0:
            return HIGHER
        return LOWER if self.high < 0 else ABOUT_THE_SAME

    @property
    def enough(self) -> bool:
        return self.with_mean is not None and self.without_mean is not None

    @property
    def difference(self) -> float | None:
        if self.with_mean is None or self.without_mean is None:
            return None
        return self.with_mean - self.without_mean


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    count: int


@dataclass(frozen=True)
class Disconnection:
    """A disconnection and what came after: the next close or repair moment with the same people."""

    id: int
    day: date
    people: tuple[str, ...]
    reconnected_by: int | None
    hours_to_reconnect: float | None


@dataclass(frozen=True)
class Reconnection:
    """Disconnections at a glance: how many, how many were followed by a close moment, how soon.

    ``median_hours``: the typical time until close again, over those that were
    (None if none was); ``longest``: the one that took longest of those.
    """

    count: int
    reconnected: int
    median_hours: float | None
    longest: Disconnection | None

    @property
    def waiting(self) -> int:
        return self.count - self.reconnected


def reconnection(items: Sequence[Disconnection]) -> Reconnection:
    """What :class:`Reconnection` says of ``items``."""
    done = [item for item in items if item.hours_to_reconnect is not None]
    hours = [item.hours_to_reconnect for item in done if item.hours_to_reconnect is not None]
    longest = max(done, key=lambda item: (item.hours_to_reconnect or 0.0, -item.id), default=None)
    return Reconnection(
        count=len(items),
        reconnected=len(done),
        median_hours=median(hours) if hours else None,
        longest=longest,
    )


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int


@dataclass(frozen=True)
class WriterStreak:
    """One writer's streak: only the days they logged."""

    author: str
    current: int
    longest: int


@dataclass(frozen=True)
class WriterFigures:
    """One writer's part of a period: their entries, and what only their side can say."""

    author: str
    entries: int
    days: int
    closeness_average: float | None
    closeness_count: int
    initiators: tuple[Count, ...]  # "me" is this writer, "them" whoever they were with


@dataclass(frozen=True)
class Figures:
    """What one period holds."""

    entries: int
    days: int
    closeness_average: float | None
    closeness_count: int
    concepts: tuple[Count, ...]
    people: tuple[Count, ...]
    kinds: tuple[Count, ...]
    touches: tuple[Count, ...]
    initiators: tuple[Count, ...]
    responses: tuple[Count, ...]
    toward_share: float | None
    concept_closeness: tuple[ConceptCloseness, ...]
    pairs: tuple[Pair, ...]
    weekdays: tuple[Count, ...]
    times_of_day: tuple[Count, ...]
    mood_change: float | None
    mood_count: int
    disconnections: tuple[Disconnection, ...]
    paired: int = 0  # moments several writers logged, each counted once in ``entries``
    writers: tuple[WriterFigures, ...] = ()

    @property
    def reconnection(self) -> Reconnection:
        return reconnection(self.disconnections)


@dataclass(frozen=True)
class SoFar:
    """A period still in progress: its days up to today, and the same days of the period before.

    ``previous`` holds the figures of ``same_days``; ``whole`` is False while
    ``days`` are fewer than the period's (before its last day).
    """

    days: Period
    same_days: Period
    previous: Figures
    whole: bool


def so_far(period: Period, previous_period: Period, *, today: date) -> tuple[Period, Period] | None:
    """The days of ``period`` up to ``today`` and the same days of ``previous_period``.

    None unless ``period`` is a week or a month that holds ``today``. The same
    days are as many from the previous period's start, no more than it has.
    """
    if period.kind not in ("week", "month") or today not in period:
        return None
    gone = today - period.start
    end = min(previous_period.start + gone, previous_period.end)
    return days_between(period.start, today), days_between(previous_period.start, end)


@dataclass(frozen=True)
class Summary:
    period: Period
    previous_period: Period
    current: Figures
    previous: Figures
    streak: Streak
    streaks: tuple[WriterStreak, ...] = ()  # each writer's, in the order of ``whose.writers``
    whose: Whose = UNSAID
    so_far: SoFar | None = None  # the period holds today

    @property
    def closeness_change(self) -> float | None:
        now, before = self.current.closeness_average, self.previous.closeness_average
        if now is None or before is None:
            return None
        return now - before


def summarize(
    *,
    period: Period,
    previous_period: Period,
    moments: Sequence[Moment],
    previous_moments: Sequence[Moment],
    around: Sequence[Moment],
    logged_days: Iterable[date],
    today: date,
    whose: Whose = UNSAID,
    writer_days: Mapping[str, Iterable[date]] | None = None,
    together: Pairing | None = None,
) -> Summary:
    """The summary of ``period`` beside ``previous_period``.

    ``around`` holds every moment that may reconnect a disconnection of
    either period: those up to :data:`RECONNECT_WITHIN` after it in time,
    whatever local day they fell on. ``logged_days`` are every local day with
    an entry of the writer described (with ``together``, of the reader), for
    the streak up to ``today``. With ``together`` the moments are everyone's
    (see the module), and ``writer_days`` holds each writer's logged days.
    """
    streak = streaks(logged_days, today=today)
    each: tuple[WriterStreak, ...] = ()
    if writer_days is not None:
        each = tuple(
            WriterStreak(name, *astuple(streaks(days, today=today)))
            for name, days in writer_days.items()
        )
    elif whose.author is not None:
        each = (WriterStreak(whose.author, streak.current, streak.longest),)
    writers = tuple(item.author for item in each)
    progress = None
    days = so_far(period, previous_period, today=today)
    if days is not None:
        done, same = days
        alike = [moment for moment in previous_moments if moment.day in same]
        progress = SoFar(
            days=done,
            same_days=same,
            previous=figures(alike, after=around, writers=writers, together=together),
            whole=done.days == period.days,
        )
    return Summary(
        period=period,
        previous_period=previous_period,
        current=figures(moments, after=around, writers=writers, together=together),
        previous=figures(previous_moments, after=around, writers=writers, together=together),
        streak=streak,
        streaks=each,
        whose=whose,
        so_far=progress,
    )


def figures(
    moments: Sequence[Moment],
    *,
    after: Sequence[Moment] = (),
    writers: Sequence[str] = (),
    together: Pairing | None = None,
) -> Figures:
    """The figures of one period's ``moments``; ``after`` may hold what came next.

    ``writers``: whose part to give apart. ``together``: the moments are
    several writers'; what it groups counts once (see the module).
    """
    units = None if together is None else one_each(moments, together(moments))
    facts = moments if units is None else [merged(unit) for unit in units]
    rated = [moment.closeness for moment in moments if moment.closeness is not None]
    responses = [moment.response for moment in moments if moment.response]
    moods = [
        moment.mood_after - moment.mood_before
        for moment in moments
        if moment.mood_before is not None and moment.mood_after is not None
    ]
    return Figures(
        entries=len(facts),
        days=len({moment.day for moment in facts}),
        closeness_average=fmean(rated) if rated else None,
        closeness_count=len(rated),
        concepts=_ranked(name for moment in facts for name in moment.concepts),
        people=_ranked(name for moment in facts for name in moment.people),
        kinds=_ranked(moment.kind for moment in facts if moment.kind),
        touches=_ranked(
            (moment.touch for moment in moments if moment.touch)
            if units is None
            else (touch for unit in units for touch in touches(unit))
        ),
        initiators=()
        if units is not None
        else _ranked(moment.initiated_by for moment in moments if moment.initiated_by),
        responses=_ranked(responses),
        toward_share=responses.count("toward") / len(responses) if responses else None,
        concept_closeness=concept_closeness(moments),
        pairs=concept_pairs(facts),
        weekdays=_ranked_in_order((WEEKDAYS[moment.day.weekday()] for moment in facts), WEEKDAYS),
        times_of_day=_ranked_in_order(
            (time_of_day(moment.hour) for moment in facts), [name for name, _ in TIMES_OF_DAY]
        ),
        mood_change=fmean(moods) if moods else None,
        mood_count=len(moods),
        disconnections=disconnections(
            facts,
            after=after,
            alike={} if units is None else {unit[0].id: {m.id for m in unit} for unit in units},
        ),
        paired=0 if units is None else sum(len(unit) > 1 for unit in units),
        writers=tuple(writer_figures(name, moments) for name in writers),
    )


def writer_figures(author: str, moments: Sequence[Moment]) -> WriterFigures:
    """``author``'s part of ``moments``."""
    mine = [moment for moment in moments if moment.author == author]
    rated = [moment.closeness for moment in mine if moment.closeness is not None]
    return WriterFigures(
        author=author,
        entries=len(mine),
        days=len({moment.day for moment in mine}),
        closeness_average=fmean(rated) if rated else None,
        closeness_count=len(rated),
        initiators=_ranked(moment.initiated_by for moment in mine if moment.initiated_by),
    )


def concept_closeness(moments: Sequence[Moment]) -> tuple[ConceptCloseness, ...]:
    """For each concept: mean closeness of rated entries with it and without it.

    A mean is given only when both sides have at least :data:`MIN_SAMPLE`
    rated entries, with Welch's 95% interval for the difference. Sorted by the
    difference, largest first; too-small samples last.
    """
    rated = [moment for moment in moments if moment.closeness is not None]
    names = sorted({name for moment in rated for name in moment.concepts})
    results = []
    for name in names:
        having = [m.closeness for m in rated if name in m.concepts and m.closeness is not None]
        lacking = [m.closeness for m in rated if name not in m.concepts and m.closeness is not None]
        enough = len(having) >= MIN_SAMPLE and len(lacking) >= MIN_SAMPLE
        interval = welch_interval(having, lacking) if enough else None
        results.append(
            ConceptCloseness(
                name=name,
                with_count=len(having),
                without_count=len(lacking),
                with_mean=fmean(having) if enough else None,
                without_mean=fmean(lacking) if enough else None,
                low=interval.low if interval else None,
                high=interval.high if interval else None,
            )
        )
    return tuple(
        sorted(
            results,
            key=lambda item: (
                item.difference is None,
                -(item.difference or 0.0),
                item.name,
            ),
        )
    )


def concept_pairs(moments: Sequence[Moment], *, top: int = 5) -> tuple[Pair, ...]:
    """The concept pairs that occur together in the most entries."""
    counts: Counter[tuple[str, str]] = Counter()
    for moment in moments:
        counts.update(combinations(sorted(set(moment.concepts)), 2))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Pair(first, second, count) for (first, second), count in ranked[:top])


def disconnections(
    moments: Sequence[Moment],
    *,
    after: Sequence[Moment] = (),
    alike: Mapping[int, Set[int]] | None = None,
) -> tuple[Disconnection, ...]:
    """Each disconnection in ``moments`` with the next close or repair moment after it.

    "Next" means the earliest later moment (from ``after``) within
    :data:`RECONNECT_WITHIN` that shares a person with it (or, for a
    disconnection with no one named, names no one either) and is close
    (closeness 4 or more) or tagged repair. ``alike``: for a moment several
    writers logged, its entries, none of which reconnects it.
    """
    alike = alike or {}
    candidates = sorted(
        (moment for moment in after if RECONNECTING(moment)), key=lambda m: m.occurred_at
    )
    found = []
    for moment in sorted(moments, key=lambda m: m.occurred_at):
        if DISCONNECTION not in moment.concepts:
            continue
        follow = next(
            (
                later
                for later in candidates
                if moment.occurred_at < later.occurred_at <= moment.occurred_at + RECONNECT_WITHIN
                and _same_people(moment, later)
                and later.id not in alike.get(moment.id, ())
            ),
            None,
        )
        found.append(
            Disconnection(
                id=moment.id,
                day=moment.day,
                people=moment.people,
                reconnected_by=follow.id if follow else None,
                hours_to_reconnect=(
                    (follow.occurred_at - moment.occurred_at).total_seconds() / 3600
                    if follow
                    else None
                ),
            )
        )
    return tuple(found)


def time_of_day(hour: int) -> str:
    """The part of the day an hour (0 to 23) falls in."""
    name = TIMES_OF_DAY[-1][0]  # before the first start, it is still night
    for part, start in TIMES_OF_DAY:
        if hour >= start:
            name = part
    return name


@dataclass(frozen=True)
class Reconnecting:
    """The rule of "close again" after a disconnection, written once.

    A moment reconnects when it is at least ``closeness`` close or tagged
    ``tagged``, and is not itself tagged ``untagged``. The analytics apply it
    to moments; the journal reads the same fields to load only such moments.
    """

    closeness: int = CLOSE
    tagged: str = REPAIR
    untagged: str = DISCONNECTION

    def __call__(self, moment: Moment) -> bool:
        if self.untagged in moment.concepts:
            return False
        return self.tagged in moment.concepts or (moment.closeness or 0) >= self.closeness


RECONNECTING = Reconnecting()


def _same_people(first: Moment, second: Moment) -> bool:
    if not first.people:
        return not second.people
    return bool({p.casefold() for p in first.people} & {p.casefold() for p in second.people})


def streaks(days: Iterable[date], *, today: date) -> Streak:
    """The run of logged days ending today (or yesterday, if today has none yet) and the longest."""
    present = {day.toordinal() for day in days}  # whole numbers: a journal of years has thousands
    longest = run = previous = 0
    for day in sorted(present):
        run = run + 1 if day == previous + 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today.toordinal()
    if cursor not in present:
        cursor -= 1
    while cursor in present:
        current += 1
        cursor -= 1
    return Streak(current=current, longest=longest)


def _ranked_in_order(names: Iterable[str], order: Sequence[str]) -> tuple[Count, ...]:
    counts = Counter(names)
    return tuple(Count(name, counts[name]) for name in order)


def _ranked(names: Iterable[str]) -> tuple[Count, ...]:
    counts = Counter(names)
    return tuple(
        Count(name, count) for name, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    )
