"""The plain rows analytics works on, loaded by the journal and handed over."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import NamedTuple


class Moment(NamedTuple):
    """One entry as analytics sees it: no text, times in the writer's local zone.

    A named tuple: immutable, and cheap to make by the thousand for trends.
    """

    id: int
    occurred_at: datetime  # aware, in the writer's offset at capture
    closeness: int | None = None
    kind: str | None = None
    touch: str | None = None
    initiated_by: str | None = None
    response: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    people: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    author: str = ""
    appreciation: bool = False

    @property
    def day(self) -> date:
        """The local day it happened, whatever zone the reader is in."""
        return self.occurred_at.date()

    @property
    def hour(self) -> int:
        return self.occurred_at.hour


class Whose(NamedTuple):
    """Whose moments a figure describes: one writer's, or everyone's together.

    ``writers`` are everyone who writes in the journal, its own profiles first;
    ``author`` is the one described (None: everyone, ``together``).
    """

    author: str | None = None
    together: bool = False
    writers: tuple[str, ...] = ()

    @property
    def others(self) -> tuple[str, ...]:
        """Who else writes in the journal, beside the writer described."""
        return () if self.together else tuple(w for w in self.writers if w != self.author)


#: Whose moments, when the caller does not say: as they were handed in, no one named.
UNSAID = Whose()

#: Groups of entries (by id) that are one moment seen by several writers: the rule of
#: :func:`connectlog.analytics.together.same_moments`, with its window and names given.
Pairing = Callable[[Sequence[Moment]], Sequence[Sequence[int]]]


def one_each(
    moments: Sequence[Moment], groups: Sequence[Sequence[int]]
) -> list[tuple[Moment, ...]]:
    """``moments`` as moments lived: each group of ``groups`` one, earliest entry first."""
    by_id = {moment.id: moment for moment in moments}
    grouped = {entry_id for group in groups for entry_id in group}
    units = [
        tuple(sorted((by_id[entry_id] for entry_id in group), key=_in_time)) for group in groups
    ]
    units += [(moment,) for moment in moments if moment.id not in grouped]
    units.sort(key=lambda unit: _in_time(unit[0]))
    return units


def merged(unit: Sequence[Moment]) -> Moment:
    """One moment of several writers' entries, for what it was: when, with whom, what kind.

    The earliest entry's time and number; every concept and person any of them
    names (people once, whatever the case); physical and emotional make both.
    Ratings and bids are each writer's view and are not merged: read them from
    the entries.
    """
    first = unit[0]
    if len(unit) == 1:
        return first
    kinds = {moment.kind for moment in unit if moment.kind}
    people: dict[str, str] = {}
    for moment in unit:
        for name in moment.people:
            people.setdefault(name.casefold(), name)
    return first._replace(
        kind=kinds.pop() if len(kinds) == 1 else ("both" if kinds else None),
        touch=next((moment.touch for moment in unit if moment.touch), None),
        people=tuple(people.values()),
        concepts=tuple(dict.fromkeys(name for moment in unit for name in moment.concepts)),
        closeness=None,
        initiated_by=None,
        response=None,
        mood_before=None,
        mood_after=None,
    )


def touches(unit: Sequence[Moment]) -> tuple[str, ...]:
    """The kinds of touch a moment held, each once, whoever logged it."""
    return tuple(dict.fromkeys(moment.touch for moment in unit if moment.touch))


def _in_time(moment: Moment) -> tuple[datetime, int]:
    return moment.occurred_at, moment.id
