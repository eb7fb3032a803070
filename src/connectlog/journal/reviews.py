"""The weekly review: the agenda a week's shared moments give, and what the couple says.

Private entries never reach a review. A review is kept per week; saving the
same week again replaces it. The next review opens with the intentions of
the latest review before its week.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select

from connectlog import messages
from connectlog.analytics.periods import Period
from connectlog.analytics.together import agenda
from connectlog.errors import ConnectlogError, NotFoundError
from connectlog.journal.entries import EntryView, get_entry
from connectlog.journal.patterns import load_moments
from connectlog.journal.profiles import Profile, aliases_by_profile, find_profile
from connectlog.storage.tables import entry, profile, review, review_line, review_participant

OUTCOMES = ("done", "partly", "not")
APPRECIATION, INTENTION, FOLLOWUP = "appreciation", "intention", "followup"


@dataclass(frozen=True)
class Said:
    """One line of a review: who said it (None: together), and for a follow-up, how it went."""

    text: str
    who: str | None = None
    outcome: str | None = None
    follows: int | None = None  # the id of the intention a follow-up is about
    id: int | None = None


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
    """What the participants said, to be saved with the week's agenda."""

    followups: tuple[Said, ...] = ()
    appreciations: tuple[Said, ...] = ()
    topic: str | None = None
    topic_entry: int | None = None
    notes: str = ""
    intentions: tuple[Said, ...] = ()


@dataclass(frozen=True)
class ReviewView:
    week: str
    start: date
    end: date
    participants: tuple[str, ...]
    topic: str | None
    notes: str
    appreciations: tuple[Said, ...]
    intentions: tuple[Said, ...]
    followups: tuple[Said, ...]
    created_at: datetime
    updated_at: datetime
    uuid: str
    topic_entry: str | None  # the uuid of the entry the topic came from


def week_agenda(db: Connection, *, period: Period, window: timedelta, you: Profile) -> Agenda:
    """Everything the review of ``period`` walks through, private entries left out."""
    moments = load_moments(
        db,
        start=period.start,
        end=period.end,
        conditions=[entry.c.private.is_(False)],
    )
    ids = agenda(moments, window=window, identities=identities(db))
    views: dict[int, EntryView] = {}

    def view(entry_id: int) -> EntryView:
        if entry_id not in views:
            views[entry_id] = get_entry(db, entry_id)
        return views[entry_id]

    participants = list(dict.fromkeys([you.name, *(moment.author for moment in moments)]))
    previous = _latest_before(db, period.start)
    return Agenda(
        period=period,
        participants=tuple(participants),
        last_intentions=previous.intentions if previous else (),
        last_week=previous.week if previous else None,
        appreciations=tuple(view(entry_id) for entry_id in ids.appreciations),
        went_right=tuple(view(entry_id) for entry_id in ids.went_right),
        two_views=tuple(tuple(view(entry_id) for entry_id in group) for group in ids.two_views),
        to_talk_about=tuple(view(entry_id) for entry_id in ids.to_talk_about),
    )


def identities(db: Connection) -> dict[str, str]:
    """Every name a profile goes by, case-folded, to the profile's name."""
    rows = db.execute(select(profile.c.id, profile.c.key, profile.c.name)).all()
    names = {row.key: row.name for row in rows}
    by_id = {row.id: row.name for row in rows}
    for profile_id, aliases in aliases_by_profile(db).items():
        for alias in aliases:
            names[alias.casefold()] = by_id[profile_id]
    return names


def save_review(db: Connection, agenda: Agenda, draft: ReviewDraft, *, now: datetime) -> ReviewView:
    """Keep what was said in the review of ``agenda``'s week, replacing an earlier one."""
    previous = _one(db, review.c.week == agenda.period.label)
    created = previous.created_at if previous else now
    if previous is not None:
        db.execute(delete(review).where(review.c.id == previous.id))
    saved = db.execute(
        insert(review)
        .values(
            uuid=previous.uuid if previous else str(uuidlib.uuid4()),  # the same review, again
            week=agenda.period.label,
            start=agenda.period.start,
            end=agenda.period.end,
            topic=draft.topic,
            topic_entry_id=draft.topic_entry,
            notes=draft.notes.strip(),
            created_at=created,
            updated_at=now,
        )
        .returning(*review.c)
    ).one()
    db.execute(
        insert(review_participant),
        [
            {"review_id": saved.id, "profile_id": find_profile(db, name).id}
            for name in agenda.participants
        ],
    )
    lines = [
        *((APPRECIATION, said) for said in draft.appreciations),
        *((FOLLOWUP, said) for said in draft.followups),
        *((INTENTION, said) for said in draft.intentions),
    ]
    for position, (section, said) in enumerate(lines):
        if said.outcome is not None and said.outcome not in OUTCOMES:
            raise ConnectlogError(messages.BAD_OUTCOME.format(outcome=said.outcome))
        db.execute(
            insert(review_line).values(
                review_id=saved.id,
                section=section,
                position=position,
                profile_id=find_profile(db, said.who).id if said.who else None,
                text=said.text.strip(),
                outcome=said.outcome,
                follows_id=said.follows,
            )
        )
    return _view(db, saved)


def list_reviews(db: Connection) -> list[ReviewView]:
    """Every saved review, the latest week first."""
    reviews = db.execute(select(review).order_by(review.c.start.desc())).all()
    return [_view(db, row) for row in reviews]


def get_review(db: Connection, week: str) -> ReviewView:
    found = _one(db, review.c.week == week)
    if found is None:
        raise NotFoundError(messages.NO_REVIEW.format(week=week))
    return _view(db, found)


def _latest_before(db: Connection, day: date) -> ReviewView | None:
    found = db.execute(
        select(review).where(review.c.start < day).order_by(review.c.start.desc())
    ).first()
    return _view(db, found) if found else None


def _one(db: Connection, condition: Any) -> Row[Any] | None:
    return db.execute(select(review).where(condition)).first()


def _view(db: Connection, saved: Row[Any]) -> ReviewView:
    names = dict(db.execute(select(profile.c.id, profile.c.name)).all())
    participants = (
        db.execute(
            select(review_participant.c.profile_id).where(
                review_participant.c.review_id == saved.id
            )
        )
        .scalars()
        .all()
    )
    lines = db.execute(
        select(review_line)
        .where(review_line.c.review_id == saved.id)
        .order_by(review_line.c.position)
    ).all()

    def said(section: str) -> tuple[Said, ...]:
        return tuple(
            Said(
                text=line.text,
                who=names.get(line.profile_id) if line.profile_id else None,
                outcome=line.outcome,
                follows=line.follows_id,
                id=line.id,
            )
            for line in lines
            if line.section == section
        )

    return ReviewView(
        week=saved.week,
        start=saved.start,
        end=saved.end,
        participants=tuple(names[profile_id] for profile_id in participants),
        topic=saved.topic,
        notes=saved.notes,
        appreciations=said(APPRECIATION),
        intentions=said(INTENTION),
        followups=said(FOLLOWUP),
        created_at=saved.created_at,
        updated_at=saved.updated_at,
        uuid=saved.uuid,
        topic_entry=_entry_uuid(db, saved.topic_entry_id),
    )


def _entry_uuid(db: Connection, entry_id: int | None) -> str | None:
    if entry_id is None:
        return None
    found: str | None = db.execute(select(entry.c.uuid).where(entry.c.id == entry_id)).scalar()
    return found
