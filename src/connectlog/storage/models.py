"""The journal's tables.

Times are stored in UTC without a zone (``occurred_at``, ``created_at``,
``updated_at``); ``utc_offset`` keeps the writer's offset at capture in
minutes and ``local_date`` the day it was for them, so days and weeks stay
exact across time zones and DST. Names are matched through ``key``, their
case-folded form, so matching is case-insensitive on every database.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class Profile(SQLModel, table=True):
    """A writer; several profiles can share one journal.

    ``uuid`` names the writer across journals, so a partner's shared week
    lands under the same profile every time; ``imported`` marks a profile
    that came in with a partner's bundle rather than one who writes here.
    """

    __tablename__ = "profile"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, max_length=36)
    name: str
    key: str = Field(unique=True)
    imported: bool = False
    created_at: datetime


class ProfileAlias(SQLModel, table=True):
    """Another name a profile goes by in entries ("Lex" is the profile Alex)."""

    __tablename__ = "profile_alias"

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", index=True)
    name: str
    key: str = Field(unique=True)


class Person(SQLModel, table=True):
    """Someone an entry was with."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)
    created_at: datetime


class Concept(SQLModel, table=True):
    """A concept entries are tagged with; built-in ones come from a migration."""

    __tablename__ = "concept"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    meaning: str = ""
    systems: str = ""
    questions: str = ""  # one reflection question a line
    builtin: bool = False
    created_at: datetime


class ConceptAlias(SQLModel, table=True):
    """Another word that finds a concept ("bonding" finds attachment)."""

    __tablename__ = "concept_alias"

    id: int | None = Field(default=None, primary_key=True)
    concept_id: int = Field(foreign_key="concept.id", ondelete="CASCADE", index=True)
    alias: str = Field(unique=True)


class Entry(SQLModel, table=True):
    """One moment of connection."""

    __tablename__ = "entry"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, max_length=36)
    author_id: int = Field(foreign_key="profile.id", index=True)
    text: str
    occurred_at: datetime = Field(index=True)
    utc_offset: int
    local_date: date = Field(index=True)
    kind: str | None = None
    touch: str | None = None
    closeness: int | None = None
    initiated_by: str | None = None
    response: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    appreciation: bool = False
    starred: bool = False
    private: bool = False
    created_at: datetime
    updated_at: datetime


class EntryPerson(SQLModel, table=True):
    """Who an entry was with."""

    __tablename__ = "entry_person"

    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(
        foreign_key="person.id", ondelete="CASCADE", primary_key=True, index=True
    )


class EntryConcept(SQLModel, table=True):
    """Which concepts an entry is tagged with."""

    __tablename__ = "entry_concept"

    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", primary_key=True)
    concept_id: int = Field(
        foreign_key="concept.id", ondelete="CASCADE", primary_key=True, index=True
    )


class Review(SQLModel, table=True):
    """A week the participants reviewed together, and what they said about it."""

    __tablename__ = "review"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, max_length=36)
    week: str = Field(index=True)  # the week's label, e.g. 2026-W47
    start: date
    end: date
    topic: str | None = None  # the one thing they chose to talk about
    topic_entry_id: int | None = Field(default=None, foreign_key="entry.id", ondelete="SET NULL")
    notes: str = ""
    created_at: datetime
    updated_at: datetime


class ReviewParticipant(SQLModel, table=True):
    """Who took part in a review."""

    __tablename__ = "review_participant"

    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", primary_key=True)
    profile_id: int = Field(
        foreign_key="profile.id", ondelete="CASCADE", primary_key=True, index=True
    )


class ReviewLine(SQLModel, table=True):
    """One thing said in a review: an appreciation, an intention, or how one went.

    ``section`` is ``appreciation``, ``intention`` or ``followup``; a follow-up
    names the intention it follows (``follows_id``) and its ``outcome``
    (``done``, ``partly`` or ``not``).
    """

    __tablename__ = "review_line"

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    section: str
    position: int
    profile_id: int | None = Field(default=None, foreign_key="profile.id", ondelete="SET NULL")
    text: str
    outcome: str | None = None
    follows_id: int | None = Field(default=None, foreign_key="review_line.id", ondelete="SET NULL")
