"""The journal's tables in SQLAlchemy Core, generated from connectlog.models.

Do not edit: change the models, then run ``python -m connectlog.storage.generate``.
The models are the declaration; these plain tables are what the everyday
commands run on, so they never import pydantic (see connectlog.storage.generate).
"""

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, MetaData, String, Table

from connectlog.storage.types import UTCDateTime

metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s"})


#: A writer; several profiles can share one journal.
#:
#: ``uuid`` names the writer across journals, so a partner's shared week lands
#: under the same profile every time; ``imported`` marks a profile that came
#: in with a partner's bundle rather than one who writes here.
profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False, unique=True),
    Column("imported", Boolean, nullable=False, default=False),
    Column("sent_name", String),
    Column("created_at", UTCDateTime(), nullable=False),
)


#: Another name a profile goes by in entries ("Lex" is the profile Alex).
profile_alias = Table(
    "profile_alias",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "profile_id",
        Integer,
        ForeignKey("profile.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False, unique=True),
)


#: Someone an entry was with.
person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
)


#: A concept entries are tagged with; built-in ones come from a migration.
#:
#: ``questions`` holds one reflection question a line.
concept = Table(
    "concept",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("meaning", String, nullable=False, default=""),
    Column("systems", String, nullable=False, default=""),
    Column("questions", String, nullable=False, default=""),
    Column("builtin", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime(), nullable=False),
)


#: Another word that finds a concept ("bonding" finds attachment).
concept_alias = Table(
    "concept_alias",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "concept_id",
        Integer,
        ForeignKey("concept.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("alias", String, nullable=False, unique=True),
)


#: One moment of connection.
#:
#: Times are stored in UTC; ``utc_offset`` keeps the writer's offset at capture
#: in minutes and ``local_date`` the day it was for them, so days and weeks stay
#: exact across time zones and DST.
entry = Table(
    "entry",
    metadata,
    Column("text", String, nullable=False),
    Column("kind", String),
    Column("touch", String),
    Column("closeness", Integer),
    Column("initiated_by", String),
    Column("response", String),
    Column("mood_before", Integer),
    Column("mood_after", Integer),
    Column("appreciation", Boolean, nullable=False, default=False),
    Column("starred", Boolean, nullable=False, default=False),
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("author_id", Integer, ForeignKey("profile.id"), nullable=False, index=True),
    Column("occurred_at", UTCDateTime(), nullable=False, index=True),
    Column("utc_offset", Integer, nullable=False),
    Column("local_date", Date, nullable=False, index=True),
    Column("private", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)


#: An entry that left a writer's shared entries: deleted, or made private.
#:
#: It is what lets a bundle take the partner's copy away too, and what keeps
#: an older bundle from bringing the entry back: an entry whose last change
#: is older than its removal stays removed. The receiving journal keeps the
#: removals it was sent, for the same reason.
removal = Table(
    "removal",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column(
        "author_id",
        Integer,
        ForeignKey("profile.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("local_date", Date, nullable=False, index=True),
    Column("removed_at", UTCDateTime(), nullable=False),
    Column("shared", Boolean, nullable=False, default=True),
)


#: Who an entry was with.
entry_person = Table(
    "entry_person",
    metadata,
    Column("entry_id", Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "person_id",
        Integer,
        ForeignKey("person.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


#: Which concepts an entry is tagged with.
entry_concept = Table(
    "entry_concept",
    metadata,
    Column("entry_id", Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "concept_id",
        Integer,
        ForeignKey("concept.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


#: A week the participants reviewed together; what they said is in its lines.
#:
#: ``week`` is the week's label (2026-W47).
review = Table(
    "review",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("week", String, nullable=False, index=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)


#: Who took part in a review.
review_participant = Table(
    "review_participant",
    metadata,
    Column("review_id", Integer, ForeignKey("review.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "profile_id",
        Integer,
        ForeignKey("profile.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


#: One thing said in a review: an appreciation, an intention, how one went,
#: the topic chosen or a note.
#:
#: A follow-up names the intention it follows (``follows_id``) and its
#: ``outcome``; a topic may name the entry it came from (``entry_id``); a note
#: keeps the ``question`` it answers. ``uuid`` and ``updated_at`` let two
#: journals merge a review line by line; a line taken back stays, ``removed``,
#: so that merging never brings it back.
review_line = Table(
    "review_line",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True),
    Column(
        "review_id",
        Integer,
        ForeignKey("review.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("section", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="SET NULL")),
    Column("text", String, nullable=False),
    Column("question", String),
    Column("outcome", String),
    Column("follows_id", Integer, ForeignKey("review_line.id", ondelete="SET NULL")),
    Column("entry_id", Integer, ForeignKey("entry.id", ondelete="SET NULL")),
    Column("removed", Boolean, nullable=False, default=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)
