"""The weekly review: the agenda a week's shared moments give, and what the couple says.

Private entries never reach a review. A review is kept per week; saving the
same week again replaces it. The next review opens with the intentions of
the latest review before its week.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, delete, select

from connectlog import messages
from connectlog.analytics.periods import Period
from connectlog.analytics.together import agenda
from connectlog.errors import ConnectlogError, NotFoundError
from connectlog.journal.entries import EntryView, get_entry
from connectlog.journal.patterns import load_moments
from connectlog.journal.profiles import aliases_by_profile, find_profile
from connectlog.storage.models import Entry, Profile, Review, ReviewLine, ReviewParticipant

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


def week_agenda(session: Session, *, period: Period, window: timedelta, you: Profile) -> Agenda:
    """Everything the review of ``period`` walks through, private entries left out."""
    moments = load_moments(
        session,
        start=period.start,
        end=period.end,
        conditions=[col(Entry.private).is_(False)],
    )
    ids = agenda(moments, window=window, identities=identities(session))
    views: dict[int, EntryView] = {}

    def view(entry_id: int) -> EntryView:
        if entry_id not in views:
            views[entry_id] = get_entry(session, entry_id)
        return views[entry_id]

    participants = list(dict.fromkeys([you.name, *(moment.author for moment in moments)]))
    previous = _latest_before(session, period.start)
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


def identities(session: Session) -> dict[str, str]:
    """Every name a profile goes by, case-folded, to the profile's name."""
    names = {profile.key: profile.name for profile in session.exec(select(Profile))}
    by_id = {profile.id: profile.name for profile in session.exec(select(Profile))}
    for profile_id, aliases in aliases_by_profile(session).items():
        for alias in aliases:
            names[alias.casefold()] = by_id[profile_id]
    return names


def save_review(
    session: Session, agenda: Agenda, draft: ReviewDraft, *, now: datetime
) -> ReviewView:
    """Keep what was said in the review of ``agenda``'s week, replacing an earlier one."""
    previous = session.exec(select(Review).where(Review.week == agenda.period.label)).first()
    created = previous.created_at if previous else now.astimezone(UTC)
    if previous is not None:
        session.exec(delete(Review).where(col(Review.id) == previous.id))
    review = Review(
        uuid=str(uuidlib.uuid4()),
        week=agenda.period.label,
        start=agenda.period.start,
        end=agenda.period.end,
        topic=draft.topic,
        topic_entry_id=draft.topic_entry,
        notes=draft.notes.strip(),
        created_at=created,
        updated_at=now.astimezone(UTC),
    )
    session.add(review)
    session.flush()
    assert review.id is not None
    for name in agenda.participants:
        profile = find_profile(session, name)
        assert profile.id is not None
        session.add(ReviewParticipant(review_id=review.id, profile_id=profile.id))
    lines = [
        *((APPRECIATION, said) for said in draft.appreciations),
        *((FOLLOWUP, said) for said in draft.followups),
        *((INTENTION, said) for said in draft.intentions),
    ]
    for position, (section, said) in enumerate(lines):
        if said.outcome is not None and said.outcome not in OUTCOMES:
            raise ConnectlogError(messages.BAD_OUTCOME.format(outcome=said.outcome))
        session.add(
            ReviewLine(
                review_id=review.id,
                section=section,
                position=position,
                profile_id=find_profile(session, said.who).id if said.who else None,
                text=said.text.strip(),
                outcome=said.outcome,
                follows_id=said.follows,
            )
        )
    session.flush()
    return _view(session, review)


def list_reviews(session: Session) -> list[ReviewView]:
    """Every saved review, the latest week first."""
    reviews = session.exec(select(Review).order_by(col(Review.start).desc()))
    return [_view(session, review) for review in reviews]


def get_review(session: Session, week: str) -> ReviewView:
    review = session.exec(select(Review).where(Review.week == week)).first()
    if review is None:
        raise NotFoundError(messages.NO_REVIEW.format(week=week))
    return _view(session, review)


def _latest_before(session: Session, day: date) -> ReviewView | None:
    review = session.exec(
        select(Review).where(col(Review.start) < day).order_by(col(Review.start).desc())
    ).first()
    return _view(session, review) if review else None


def _view(session: Session, review: Review) -> ReviewView:
    names = dict(session.exec(select(Profile.id, Profile.name)).all())
    participants = session.exec(
        select(ReviewParticipant.profile_id).where(ReviewParticipant.review_id == review.id)
    ).all()
    lines = session.exec(
        select(ReviewLine)
        .where(ReviewLine.review_id == review.id)
        .order_by(col(ReviewLine.position))
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
        week=review.week,
        start=review.start,
        end=review.end,
        participants=tuple(names[profile_id] for profile_id in participants),
        topic=review.topic,
        notes=review.notes,
        appreciations=said(APPRECIATION),
        intentions=said(INTENTION),
        followups=said(FOLLOWUP),
        created_at=review.created_at,
        updated_at=review.updated_at,
    )
