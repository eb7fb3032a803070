"""The journal's tables, declared once in SQLAlchemy Core.

Times are stored in UTC without a zone (``occurred_at``, ``created_at``,
``updated_at``); ``utc_offset`` keeps the writer's offset at capture in
minutes and ``local_date`` the day it was for them, so days and weeks stay
exact across time zones and DST. Names are matched through ``key``, their
case-folded form, so matching is case-insensitive on every database.

Core rather than an ORM: the journal reads and writes plain rows, and a
command opened many times a day should not pay for building mapped classes
(see bench/RESULTS.md). Migrations are compared against :data:`metadata`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
)

metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s"})


class UTCDateTime(TypeDecorator[datetime]):
    """An aware time, stored in UTC and read back aware in UTC.

    A naive time is refused: it could be anyone's local time.
    """

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("a stored time must carry its UTC offset")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:  # SQLite keeps UTC without the offset
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(
        self, dialect: Dialect, coltype: object
    ) -> Callable[[Any], datetime | None] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        # SQLite hands back the stored text ("2026-11-22 19:00:00.000000"), read here
        # in C rather than with the generic path's pattern (a long listing reads three
        # times a row). Text another program wrote with an offset is honoured.
        def aware(value: str | None) -> datetime | None:
            if value is None:
                return None
            try:
                return datetime.fromisoformat(value + "+00:00")
            except ValueError:  # text with an offset of its own
                return datetime.fromisoformat(value).astimezone(UTC)

        return aware


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _refers(name: str, target: str, *, ondelete: str | None = None, **options: Any) -> Column[int]:
    return Column(name, ForeignKey(target, ondelete=ondelete), **options)


#: A writer; several profiles can share one journal. ``uuid`` names the writer
#: across journals, so a partner's shared week lands under the same profile
#: every time; ``imported`` marks a profile that came in with a partner's
#: bundle rather than one who writes here.
profile = Table(
    "profile",
    metadata,
    _id(),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False, unique=True),
    Column("imported", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
)

#: Another name a profile goes by in entries ("Lex" is the profile Alex).
profile_alias = Table(
    "profile_alias",
    metadata,
    _id(),
    _refers("profile_id", "profile.id", ondelete="CASCADE", nullable=False, index=True),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False, unique=True),
)

#: Someone an entry was with.
person = Table(
    "person",
    metadata,
    _id(),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

#: A concept entries are tagged with; built-in ones come from a migration.
#: ``questions`` holds one reflection question a line.
concept = Table(
    "concept",
    metadata,
    _id(),
    Column("name", String, nullable=False, unique=True),
    Column("meaning", String, nullable=False, default=""),
    Column("systems", String, nullable=False, default=""),
    Column("questions", String, nullable=False, default=""),
    Column("builtin", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
)

#: Another word that finds a concept ("bonding" finds attachment).
concept_alias = Table(
    "concept_alias",
    metadata,
    _id(),
    _refers("concept_id", "concept.id", ondelete="CASCADE", nullable=False, index=True),
    Column("alias", String, nullable=False, unique=True),
)

#: One moment of connection.
entry = Table(
    "entry",
    metadata,
    _id(),
    Column("uuid", String(36), nullable=False, unique=True),
    _refers("author_id", "profile.id", nullable=False, index=True),
    Column("text", String, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False, index=True),
    Column("utc_offset", Integer, nullable=False),
    Column("local_date", Date, nullable=False, index=True),
    Column("kind", String),
    Column("touch", String),
    Column("closeness", Integer),
    Column("initiated_by", String),
    Column("response", String),
    Column("mood_before", Integer),
    Column("mood_after", Integer),
    Column("appreciation", Boolean, nullable=False, default=False),
    Column("starred", Boolean, nullable=False, default=False),
    Column("private", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

#: Who an entry was with.
entry_person = Table(
    "entry_person",
    metadata,
    _refers("entry_id", "entry.id", ondelete="CASCADE", primary_key=True),
    _refers("person_id", "person.id", ondelete="CASCADE", primary_key=True, index=True),
)

#: Which concepts an entry is tagged with.
entry_concept = Table(
    "entry_concept",
    metadata,
    _refers("entry_id", "entry.id", ondelete="CASCADE", primary_key=True),
    _refers("concept_id", "concept.id", ondelete="CASCADE", primary_key=True, index=True),
)

#: A week the participants reviewed together, and what they said about it:
#: ``week`` is the week's label (2026-W47), ``topic`` the one thing they chose
#: to talk about.
review = Table(
    "review",
    metadata,
    _id(),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("week", String, nullable=False, index=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("topic", String),
    _refers("topic_entry_id", "entry.id", ondelete="SET NULL"),
    Column("notes", String, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

#: Who took part in a review.
review_participant = Table(
    "review_participant",
    metadata,
    _refers("review_id", "review.id", ondelete="CASCADE", primary_key=True),
    _refers("profile_id", "profile.id", ondelete="CASCADE", primary_key=True, index=True),
)

#: One thing said in a review: an appreciation, an intention, or how one went.
#: ``section`` is ``appreciation``, ``intention`` or ``followup``; a follow-up
#: names the intention it follows (``follows_id``) and its ``outcome``
#: (``done``, ``partly`` or ``not``).
review_line = Table(
    "review_line",
    metadata,
    _id(),
    _refers("review_id", "review.id", ondelete="CASCADE", nullable=False, index=True),
    Column("section", String, nullable=False),
    Column("position", Integer, nullable=False),
    _refers("profile_id", "profile.id", ondelete="SET NULL"),
    Column("text", String, nullable=False),
    Column("outcome", String),
    _refers("follows_id", "review_line.id", ondelete="SET NULL"),
)
