"""A week's review: the agenda it walks through, what is said, and what is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from connectlog.analytics.periods import Period
    from connectlog.journal.types.entries import EntryView


@dataclass(frozen=True)
class Said:
    """One line of a review: who said it (None: together), and for a follow-up, how it went.

    ``id`` is the saved line's number here (None for a line not saved yet): a
    draft that carries it amends that line. A note keeps the ``question`` it
    answers; a topic may name the ``entry`` (its number) it came from.
    """

    text: str
    who: str | None = None
    outcome: str | None = None
    follows: int | None = None  # the id of the intention a follow-up is about
    id: int | None = None
    question: str | None = None
    entry: int | None = None
    uuid: str | None = None


@dataclass(frozen=True)
class Agenda:
    period: Period
    participants: tuple[str, ...]
    last_intentions: tuple[Said, ...]  # of the latest review before this week, with ids
    last_week: str | None  # that review's week
    appreciations: tuple[EntryView, ...]
    went_right: tuple[EntryView, ...]
    two_views: tuple[tuple[EntryView, ...], ...]
    to_talk_about: tuple[EntryView, ...]


@dataclass(frozen=True)
class ReviewDraft:
    """What the participants said, to be saved with the week's agenda.

    Saving adds to what the week's review already holds: a line with an ``id``
    amends that line, one without is new, and only the lines named in
    ``removed`` (by id) are taken back.
    """

    followups: tuple[Said, ...] = ()
    appreciations: tuple[Said, ...] = ()
    topic: str | None = None
    topic_entry: int | None = None
    notes: tuple[Said, ...] = ()
    intentions: tuple[Said, ...] = ()
    removed: tuple[int, ...] = ()


@dataclass(frozen=True)
class ReviewView:
    week: str
    start: date
    end: date
    participants: tuple[str, ...]
    topic: str | None  # the latest topic chosen
    notes: tuple[Said, ...]
    appreciations: tuple[Said, ...]
    intentions: tuple[Said, ...]
    followups: tuple[Said, ...]
    created_at: datetime
    updated_at: datetime
    uuid: str
    topic_entry: str | None  # the uuid of the entry the topic came from
    topics: tuple[Said, ...] = ()  # every topic chosen: two journals may each have chosen one
