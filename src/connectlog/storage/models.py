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
    """A writer; several profiles can share one journal."""

    __tablename__ = "profile"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)
    created_at: datetime


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
