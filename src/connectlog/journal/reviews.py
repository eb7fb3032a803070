"""The weekly review: the agenda a week's shared moments give, and what the couple says.

Private entries never reach a review. A review is kept per week; saving the
same week again adds to it and amends it, and never loses what was said. The
next review opens with the intentions of the latest review before its week.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from connectlog import messages
from connectlog.analytics.periods import Period
from connectlog.analytics.together import agenda
from connectlog.errors import ConnectlogError, InvalidInputError, NotFoundError
from connectlog.journal import vocab
from connectlog.journal.patterns import load_moments
from connectlog.journal.profiles import aliases_by_profile, find_profile
from connectlog.journal.types.entries import EntryView
from connectlog.journal.types.reviews import Agenda, ReviewDraft, ReviewView, Said
from connectlog.journal.views import get_entry
from connectlog.storage.tables import entry, profile, review, review_line, review_participant

OUTCOMES = ("done", "partly", "not")
APPRECIATION, INTENTION, FOLLOWUP = "appreciation", "intention", "followup"
TOPIC, NOTE = "topic", "note"


def week_agenda(db: Connection, *, period: Period, window: timedelta, you: str) -> Agenda:
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

    participants = list(dict.fromkeys([you, *(moment.author for moment in moments)]))
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
    """Add what was said to the review of ``agenda``'s week; nothing said before is lost.

    A line with an id amends that line; a line the review already holds (the
    same words from the same person, or a follow-up of the same intention)
    is kept once; only the lines ``draft.removed`` names are taken back, and
    they stay as marks so that a partner's copy of the review cannot bring
    them back.
    """
    saved = _one(db, review.c.week == agenda.period.label)
    if saved is None:
        saved = db.execute(
            insert(review)
            .values(
                uuid=str(uuidlib.uuid4()),
                week=agenda.period.label,
                start=agenda.period.start,
                end=agenda.period.end,
                created_at=now,
                updated_at=now,
            )
            .returning(*review.c)
        ).one()
    taking_part = set(
        db.execute(
            select(review_participant.c.profile_id).where(
                review_participant.c.review_id == saved.id
            )
        ).scalars()
    )
    for name in agenda.participants:
        profile_id = find_profile(db, name).id
        if profile_id not in taking_part:
            db.execute(insert(review_participant).values(review_id=saved.id, profile_id=profile_id))
            taking_part.add(profile_id)
    held = {
        line.id: line
        for line in db.execute(select(review_line).where(review_line.c.review_id == saved.id))
    }
    position = max((line.position for line in held.values()), default=-1)
    changed = False
    for section, said in _lines(draft):
        if said.outcome is not None and said.outcome not in OUTCOMES:
            raise ConnectlogError(messages.BAD_OUTCOME.format(outcome=said.outcome))
        values = {
            "text": said.text.strip(),
            "profile_id": find_profile(db, said.who).id if said.who else None,
            "outcome": said.outcome,
            "question": said.question,
        }
        if not values["text"]:
            continue
        if len(values["text"]) > vocab.TEXT_LIMIT:  # a bundle carries no longer line
            raise InvalidInputError(
                messages.REVIEW_LINE_TOO_LONG.format(section=section, limit=vocab.TEXT_LIMIT)
            )
        same = held.get(said.id) if said.id is not None else _same(held.values(), section, said)
        if same is not None and same.section == section:
            if any(getattr(same, key) != value for key, value in values.items()) or same.removed:
                db.execute(
                    update(review_line)
                    .where(review_line.c.id == same.id)
                    .values(**values, removed=False, updated_at=now)
                )
                changed = True
            continue
        position += 1
        db.execute(
            insert(review_line).values(
                uuid=str(uuidlib.uuid4()),
                review_id=saved.id,
                section=section,
                position=position,
                follows_id=said.follows,
                entry_id=said.entry,
                updated_at=now,
                **values,
            )
        )
        changed = True
    taken_back = [line_id for line_id in draft.removed if line_id in held]
    if taken_back:
        db.execute(
            update(review_line)
            .where(review_line.c.id.in_(taken_back), review_line.c.removed.is_(False))
            .values(removed=True, updated_at=now)
        )
        changed = True
    if changed:
        db.execute(update(review).where(review.c.id == saved.id).values(updated_at=now))
    return _view(db, db.execute(select(review).where(review.c.id == saved.id)).one())


def _lines(draft: ReviewDraft) -> list[tuple[str, Said]]:
    """Every line of ``draft`` with its section, in the order they are kept."""
    topic = () if not draft.topic else (Said(text=draft.topic, entry=draft.topic_entry),)
    return [
        *((APPRECIATION, said) for said in draft.appreciations),
        *((FOLLOWUP, said) for said in draft.followups),
        *((TOPIC, said) for said in topic),
        *((NOTE, said) for said in draft.notes),
        *((INTENTION, said) for said in draft.intentions),
    ]


def _same(held: Iterable[Row[Any]], section: str, said: Said) -> Row[Any] | None:
    """The line of ``held`` that ``said`` says again, if any: saying it twice keeps it once."""
    for line in held:
        if line.section != section or line.removed:
            continue
        if section == FOLLOWUP and said.follows is not None:
            if line.follows_id == said.follows:
                return line
        elif line.text == said.text.strip() and (line.question or None) == said.question:
            return line
    return None


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
        .where(review_line.c.review_id == saved.id, review_line.c.removed.is_(False))
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
                question=line.question,
                entry=line.entry_id,
                uuid=line.uuid,
            )
            for line in lines
            if line.section == section
        )

    topics = said(TOPIC)
    return ReviewView(
        week=saved.week,
        start=saved.start,
        end=saved.end,
        # By name: both journals of a couple list them alike.
        participants=tuple(sorted(names[profile_id] for profile_id in participants)),
        topic=topics[-1].text if topics else None,
        notes=said(NOTE),
        appreciations=said(APPRECIATION),
        intentions=said(INTENTION),
        followups=said(FOLLOWUP),
        created_at=saved.created_at,
        updated_at=saved.updated_at,
        uuid=saved.uuid,
        topic_entry=_entry_uuid(db, topics[-1].entry if topics else None),
        topics=topics,
    )


def _entry_uuid(db: Connection, entry_id: int | None) -> str | None:
    if entry_id is None:
        return None
    found: str | None = db.execute(select(entry.c.uuid).where(entry.c.id == entry_id)).scalar()
    return found
