"""The data, declared once: every table, every record that crosses a boundary, every rule.

These SQLModel models are the one place a table's columns and a field's rules
are written. The rest of the program follows from them:

- ``storage/tables.py``, the SQLAlchemy Core tables the everyday commands run
  on, is generated from the table models (``python -m connectlog.storage.generate``),
  so a run that only adds or lists never pays for importing pydantic;
- Alembic's ``env.py`` compares the migrations against their metadata;
- what comes from outside the process (share bundles now) is read through the
  records below, and a refusal names the record and the field;
- ``connectlog schema`` prints their JSON Schemas.

The shapes follow the FastAPI template: ``EntryBase`` holds the fields an
entry has wherever it goes, ``Entry`` is the table, ``EntryCreate`` is what a
writer gives, ``EntryRecord`` is an entry as it travels between journals, and
``EntryPublic`` is the ``--json`` record. The fixed choices and limits come
from :mod:`connectlog.journal.vocab`, which the commands that must stay light
check typed values against.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from annotated_types import Interval
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from connectlog import messages
from connectlog.journal import vocab
from connectlog.storage.types import UTCDateTime

#: A uuid as connectlog writes them: lowercase, in five groups.
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

# The types are strict field by field (SQLModel validates in Python mode, where a
# model-wide strict mode would refuse the ISO text times arrive as): "3" is not a
# closeness, 1 is not true, 1700000000 is not a time.
#: Characters no text from someone else's file may hold: C0 and C1 controls, DEL,
#: and halves of a surrogate pair (which no UTF-8 file can carry whole).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: In an entry's text, newlines and tabs are part of the writing.
_CONTROL_IN_TEXT = vocab.CONTROL_IN_TEXT


def _plain(pattern: re.Pattern[str]) -> AfterValidator:
    """Refuse a text holding a character of ``pattern``: nothing raw reaches a terminal."""

    def check(value: str) -> str:
        found = pattern.search(value)
        if found is not None:
            code = f"U+{ord(found.group()):04X}"
            raise PydanticCustomError("control_character", "holds {code}", {"code": code})
        return value

    return AfterValidator(check)


Uuid = Annotated[
    str, Strict(), StringConstraints(pattern=UUID_PATTERN, max_length=vocab.UUID_LENGTH)
]
Rating = Annotated[int, Strict(), Interval(ge=vocab.LOWEST, le=vocab.HIGHEST)]
Name = Annotated[
    str,
    Strict(),
    StringConstraints(min_length=1, max_length=vocab.NAME_LIMIT),
    _plain(_CONTROL),
]
Flag = Annotated[bool, Strict()]
#: An entry's text: something besides spaces, and not more than an entry holds.
EntryText = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"\S", max_length=vocab.TEXT_LIMIT),
    _plain(_CONTROL_IN_TEXT),
]


def _written(kind: str) -> BeforeValidator:
    """Times and dates arrive as ISO 8601 text, never as a number of seconds or days."""

    def check(value: Any) -> Any:
        if isinstance(value, int | float):
            raise PydanticCustomError(kind, "written as ISO 8601 text")
        return value

    return BeforeValidator(check)


#: Times before this are not a moment anyone logged (year 1 is a forged one).
EARLIEST = vocab.EARLIEST
#: The widest UTC offset any place keeps (Kiribati's +14:00).
WIDEST_OFFSET = timedelta(hours=14)


def _sensible(value: datetime) -> datetime:
    offset = value.utcoffset()
    if offset is not None and abs(offset) > WIDEST_OFFSET:
        raise PydanticCustomError("time_offset", "offset beyond 14 hours")
    if value.date() < EARLIEST:
        raise PydanticCustomError("time_ancient", "before 1970")
    return value


def _sensible_day(value: date) -> date:
    if value < EARLIEST:
        raise PydanticCustomError("time_ancient", "before 1970")
    return value


Time = Annotated[AwareDatetime, _written("datetime_type"), AfterValidator(_sensible)]
Day = Annotated[date, _written("date_type"), AfterValidator(_sensible_day)]


# -- The tables ----------------------------------------------------------------


class Profile(SQLModel, table=True):
    """A writer; several profiles can share one journal.

    ``uuid`` names the writer across journals, so a partner's shared week lands
    under the same profile every time; ``imported`` marks a profile that came
    in with a partner's bundle rather than one who writes here.
    """

    id: int | None = Field(default=None, primary_key=True)
    uuid: Uuid = Field(sa_type=String(36), unique=True)
    name: str = Field(sa_type=String)
    key: str = Field(sa_type=String, unique=True)
    imported: bool = False
    #: For an imported profile, the name its own journal gave it in the latest bundle.
    sent_name: str | None = Field(default=None, sa_type=String)
    created_at: datetime = Field(sa_type=UTCDateTime)


class ProfileAlias(SQLModel, table=True):
    """Another name a profile goes by in entries ("Lex" is the profile Alex)."""

    __tablename__ = "profile_alias"

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", index=True)
    name: str = Field(sa_type=String)
    key: str = Field(sa_type=String, unique=True)


class Person(SQLModel, table=True):
    """Someone an entry was with."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String)
    key: str = Field(sa_type=String, unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Concept(SQLModel, table=True):
    """A concept entries are tagged with; built-in ones come from a migration.

    ``questions`` holds one reflection question a line.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String, unique=True)
    meaning: str = Field(default="", sa_type=String)
    systems: str = Field(default="", sa_type=String)
    questions: str = Field(default="", sa_type=String)
    builtin: bool = False
    created_at: datetime = Field(sa_type=UTCDateTime)


class ConceptAlias(SQLModel, table=True):
    """Another word that finds a concept ("bonding" finds attachment)."""

    __tablename__ = "concept_alias"

    id: int | None = Field(default=None, primary_key=True)
    concept_id: int = Field(foreign_key="concept.id", ondelete="CASCADE", index=True)
    alias: str = Field(sa_type=String, unique=True)


class EntryBase(SQLModel):
    """What an entry says, wherever it goes: its text and how the moment was."""

    text: EntryText = Field(sa_type=String)
    kind: vocab.Kind | None = Field(default=None, sa_type=String)
    touch: vocab.Touch | None = Field(default=None, sa_type=String)
    closeness: Rating | None = None
    initiated_by: vocab.Initiator | None = Field(default=None, sa_type=String)
    response: vocab.Response | None = Field(default=None, sa_type=String)
    mood_before: Rating | None = None
    mood_after: Rating | None = None
    appreciation: Flag = False
    starred: Flag = False


class Entry(EntryBase, table=True):
    """One moment of connection.

    Times are stored in UTC; ``utc_offset`` keeps the writer's offset at capture
    in minutes and ``local_date`` the day it was for them, so days and weeks stay
    exact across time zones and DST.
    """

    # A deleted entry's number is never given again (migration 0007): old
    # summaries and reviews name entries by number.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    uuid: Uuid = Field(sa_type=String(36), unique=True)
    author_id: int = Field(foreign_key="profile.id", index=True)
    occurred_at: datetime = Field(sa_type=UTCDateTime, index=True)
    utc_offset: int
    local_date: date = Field(index=True)
    private: bool = False
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Removal(SQLModel, table=True):
    """An entry that left a writer's shared entries: deleted, or made private.

    It is what lets a bundle take the partner's copy away too, and what keeps
    an older bundle from bringing the entry back: an entry whose last change
    is older than its removal stays removed. The receiving journal keeps the
    removals it was sent, for the same reason.
    """

    id: int | None = Field(default=None, primary_key=True)
    uuid: Uuid = Field(sa_type=String(36), unique=True)
    author_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", index=True)
    local_date: date = Field(index=True)  # the day the entry was for, to send it with its span
    removed_at: datetime = Field(sa_type=UTCDateTime)
    #: False for an entry deleted while private: kept only so that an older export of
    #: this journal cannot bring it back, and never sent in a bundle.
    shared: bool = True


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
    """A week the participants reviewed together; what they said is in its lines.

    ``week`` is the week's label (2026-W47).
    """

    id: int | None = Field(default=None, primary_key=True)
    uuid: Uuid = Field(sa_type=String(36), unique=True)
    week: str = Field(sa_type=String, index=True)
    start: date
    end: date
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ReviewParticipant(SQLModel, table=True):
    """Who took part in a review."""

    __tablename__ = "review_participant"

    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", primary_key=True)
    profile_id: int = Field(
        foreign_key="profile.id", ondelete="CASCADE", primary_key=True, index=True
    )


class ReviewLine(SQLModel, table=True):
    """One thing said in a review: an appreciation, an intention, how one went,
    the topic chosen or a note.

    A follow-up names the intention it follows (``follows_id``) and its
    ``outcome``; a topic may name the entry it came from (``entry_id``); a note
    keeps the ``question`` it answers. ``uuid`` and ``updated_at`` let two
    journals merge a review line by line; a line taken back stays, ``removed``,
    so that merging never brings it back.
    """

    __tablename__ = "review_line"

    id: int | None = Field(default=None, primary_key=True)
    uuid: Uuid = Field(sa_type=String(36), unique=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    section: vocab.Section = Field(sa_type=String)
    position: int
    profile_id: int | None = Field(default=None, foreign_key="profile.id", ondelete="SET NULL")
    text: str = Field(sa_type=String)
    question: str | None = Field(default=None, sa_type=String)
    outcome: vocab.Outcome | None = Field(default=None, sa_type=String)
    follows_id: int | None = Field(default=None, foreign_key="review_line.id", ondelete="SET NULL")
    entry_id: int | None = Field(default=None, foreign_key="entry.id", ondelete="SET NULL")
    removed: bool = False
    updated_at: datetime = Field(sa_type=UTCDateTime)


# -- The records that cross a boundary -----------------------------------------


class Record(SQLModel):
    """A record read from someone else's file: no field it does not know."""

    # SQLModel types model_config as its own TypedDict, a ConfigDict with table keys.
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]


class EntryCreate(EntryBase):
    """What a writer gives for a new entry: only ``text`` and ``occurred_at`` are needed."""

    occurred_at: Time
    people: list[Name] = []
    concepts: list[Name] = []
    private: Flag = False


class EntryRecord(EntryBase, Record):
    """An entry as it travels between journals: in a share bundle, or an export.

    It has no number (each journal numbers its own), no author (the bundle says
    who wrote it) and no privacy (private entries never travel).
    """

    uuid: Uuid
    occurred_at: Time
    people: list[Name]
    concepts: list[Name]
    created_at: Time
    updated_at: Time


class EntryPublic(EntryRecord):
    """An entry as ``--json`` shows it: its record, with its number, title, author and privacy."""

    id: int
    title: str
    author: str
    private: bool


WeekLabel = Annotated[str, Strict(), StringConstraints(pattern=r"^\d{4}-W\d{2}$")]


class Week(Record):
    label: WeekLabel
    start: Day
    end: Day


class Span(Record):
    """The days a bundle covers: a week (its label is the week's) or any run of days."""

    label: Annotated[str, Strict(), StringConstraints(max_length=40), _plain(_CONTROL)]
    start: Day
    end: Day


class Sender(Record):
    name: Name
    uuid: Uuid


class RemovalRecord(Record):
    """A shared entry its writer deleted or made private, and when."""

    uuid: Uuid
    local_date: Day
    removed_at: Time


class ReviewLineRecord(Record):
    """One line of a review as it travels: who said it by their profile's uuid."""

    uuid: Uuid
    section: vocab.Section
    position: Annotated[int, Strict(), Interval(ge=0, le=1_000_000)]
    who: Uuid | None
    text: Annotated[
        str, Strict(), StringConstraints(max_length=vocab.TEXT_LIMIT), _plain(_CONTROL_IN_TEXT)
    ]
    question: Name | None
    outcome: vocab.Outcome | None
    follows: Uuid | None = Field(description="The uuid of the intention a follow-up is about.")
    entry: Uuid | None = Field(description="The uuid of the entry a topic came from.")
    removed: Flag
    updated_at: Time


class ReviewRecord(Record):
    """A week's review as it travels between the two journals that hold it."""

    uuid: Uuid
    week: WeekLabel
    start: Day
    end: Day
    created_at: Time
    updated_at: Time
    participants: list[Sender]
    lines: list[ReviewLineRecord]


class _Bundle(Record):
    type: Literal["share"]
    created_at: Time
    profile: Sender
    entries: list[EntryRecord]


class ShareBundle(_Bundle):
    """A partner's span of days: one profile's non-private entries, what left them, and
    the reviews of those weeks."""

    version: Literal[2]
    span: Span
    removals: list[RemovalRecord]
    reviews: list[ReviewRecord]


class ShareBundleV1(_Bundle):
    """A bundle of connectlog 0.1: one week, and its entries only."""

    version: Literal[1]
    week: Week

    def upgraded(self) -> ShareBundle:
        """The same bundle as version 2 has it: nothing removed, no reviews."""
        week = self.week
        return ShareBundle(
            version=2,
            type=self.type,
            created_at=self.created_at,
            profile=self.profile,
            entries=self.entries,
            span=Span(label=week.label, start=week.start, end=week.end),
            removals=[],
            reviews=[],
        )


# -- Refusals, in connectlog's words -------------------------------------------

#: What a value of each kind is called when one of another kind stands in its place.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "an object",
    "dict_type": "an object",
    "model_attributes_type": "an object",
}
#: The records a file holds in lists, by the list's key.
_RECORDS = {
    "entries": "entry",
    "removals": "removal",
    "reviews": "review",
    "profiles": "profile",
    "concepts": "concept",
    "people": "person",
}
#: Which message a broken pattern gets, by the field it broke.
_PATTERNS = {"uuid": messages.FIELD_UUID, "label": messages.FIELD_WEEK, "week": messages.FIELD_WEEK}


def refusal(error: ValidationError, *, source: str) -> str:
    """The first problem ``error`` found, as one line naming the record and the field.

    ``source`` names the file ("the bundle"): "Entry 3 of the bundle: closeness
    must be 1 to 5, not 9. Nothing was imported." The rules' messages are the
    ones the command line gives for the same field.
    """
    problem = error.errors(include_url=False)[0]
    location = list(problem["loc"])
    where, field = source[:1].upper() + source[1:], source
    if len(location) >= 2 and location[0] in _RECORDS and isinstance(location[1], int):
        record = _RECORDS[str(location[0])]
        where, field = f"{record.capitalize()} {location[1] + 1} of {source}", f"the {record}"
        location = location[2:]
    names = [str(part) for part in location if isinstance(part, str)]
    return messages.RECORD_REFUSED.format(
        where=where, problem=_problem(problem, ".".join(names) or field, names[-1:])
    )


def _problem(problem: Any, field: str, last: list[str]) -> str:
    """What is wrong with ``field`` (its path in the file; ``last``: its own key, if any)."""
    kind, value, context = problem["type"], problem.get("input"), problem.get("ctx", {})
    shown, name = _shown(value), "".join(last)
    choices = vocab.FIELDS.get(name.replace("_", " "))
    if kind == "missing":
        return messages.FIELD_MISSING.format(field=field)
    if kind == "extra_forbidden":
        return messages.FIELD_UNKNOWN.format(field=name)
    if kind == "control_character":
        return messages.FIELD_CONTROL.format(field=field, code=context["code"])
    if kind == "string_unicode":  # a lone surrogate, which pydantic cannot even read
        return messages.FIELD_CONTROL.format(field=field, code="U+D800 to U+DFFF")
    if kind == "time_offset":
        return messages.FIELD_OFFSET.format(field=field, value=shown)
    if kind == "time_ancient":
        return messages.FIELD_ANCIENT.format(field=field, value=shown)
    if kind == "literal_error" and choices is not None:
        return messages.BAD_CHOICE.format(field=field, value=value, choices=", ".join(choices))
    if kind in ("greater_than_equal", "less_than_equal") and isinstance(value, int):
        return messages.BAD_RATING.format(field=field, value=shown)
    if kind in _EXPECTED:
        return messages.FIELD_TYPE.format(field=field, expected=_EXPECTED[kind], value=shown)
    if kind.startswith("datetime") or kind.startswith("timezone"):
        return messages.FIELD_TIME.format(field=field, value=shown)
    if kind.startswith("date"):
        return messages.FIELD_DATE.format(field=field, value=shown)
    if kind == "string_too_long":
        return messages.FIELD_TOO_LONG.format(field=field, limit=context["max_length"])
    if kind in ("string_too_short", "string_pattern_mismatch") and name in _PATTERNS:
        return _PATTERNS[name].format(field=field, value=shown)
    if kind in ("string_too_short", "string_pattern_mismatch"):
        return messages.FIELD_EMPTY.format(field=field)
    return messages.FIELD_INVALID.format(field=field, reason=problem["msg"])


def _shown(value: Any, *, longest: int = 40) -> str:
    """A value from someone else's file, quoted and short, with no control character left raw."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    escaped = "".join(f"\\u{ord(c):04x}" if 0x7F <= ord(c) <= 0x9F else c for c in text)
    return escaped if len(escaped) <= longest else escaped[: longest - 1] + "…"


# -- Day One's JSON export (journal/imports/dayone.py) ---------------------------
#
# Someone else's file in another program's shape: the fields the import takes are
# checked as strictly as a bundle's, and the many others Day One writes (richText,
# location, weather, the devices, ...) are ignored, never refused. Field names are
# Day One's, so a refusal names the field as the file spells it.

#: Day One names an entry by 32 hexadecimal digits, uppercase as it writes them.
_DAYONE_UUID = re.compile(r"[0-9A-Fa-f]{32}")
#: Day One writes its times as ISO 8601 text, ``2026-11-22T19:00:00Z``; text pydantic
#: would read otherwise (a number of seconds, a bare date) is refused.
_DAYONE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _dayone_uuid(value: str) -> str:
    if not _DAYONE_UUID.fullmatch(value):
        shown = json.dumps(value[:40])  # ASCII: nothing raw, not even half a character
        raise PydanticCustomError("dayone_uuid", messages.DAYONE_UUID, {"value": shown})
    return value


def _dayone_time(value: Any) -> Any:
    if isinstance(value, str) and not _DAYONE_TIME.match(value):
        raise PydanticCustomError("datetime_parsing", "not ISO 8601 text")
    return value


def _dayone_lines(value: Any) -> Any:
    """A text's line breaks as newlines, whichever system wrote them."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


DayOneUuid = Annotated[str, Strict(), AfterValidator(_dayone_uuid)]
DayOneTime = Annotated[Time, BeforeValidator(_dayone_time)]
#: An entry's text as Day One writes it, Markdown; its length is held to
#: ``vocab.TEXT_LIMIT`` once the reader has taken the markup out.
DayOneText = Annotated[str, BeforeValidator(_dayone_lines), Strict(), _plain(_CONTROL_IN_TEXT)]
#: An IANA time zone's name; one this machine does not know is read as UTC.
DayOneZone = Annotated[str, Strict(), StringConstraints(max_length=200)]


class DayOneRecord(BaseModel):
    """A record of Day One's: the fields connectlog takes, the rest ignored.

    A plain pydantic model, not an SQLModel: these records are never a table or
    a schema, and SQLModel's ``__init__``, which runs for every entry of an
    export, took 40% of reading 100,000 of them.
    """

    model_config = ConfigDict(extra="ignore")


class DayOneMetadata(DayOneRecord):
    version: Annotated[str, Strict(), StringConstraints(max_length=20)]


class DayOneEntry(DayOneRecord):
    """One entry of a Day One journal. Attachments are counted, never read."""

    uuid: DayOneUuid
    text: DayOneText | None = None
    creation_date: DayOneTime = Field(alias="creationDate")
    modified_date: DayOneTime | None = Field(default=None, alias="modifiedDate")
    time_zone: DayOneZone | None = Field(default=None, alias="timeZone")
    starred: Flag | None = None
    tags: list[Name] | None = None
    photos: list[Any] | None = None
    videos: list[Any] | None = None
    audios: list[Any] | None = None
    pdf_attachments: list[Any] | None = Field(default=None, alias="pdfAttachments")


class DayOneExport(DayOneRecord):
    """One journal of a Day One export: ``Journal.json``, ``Travel.json``, ..."""

    meta: DayOneMetadata = Field(alias="metadata")
    entries: list[DayOneEntry]


# -- jrnl's files (journal/imports/jrnl.py) --------------------------------------
#
# jrnl's JSON export, as `jrnl --format json` writes it: the tags it found with
# their counts, then each entry's title, body, local date and time, tags and star.
# The plain-text journal is read into the same records, so both are held to one
# set of rules. Keys jrnl does not write are ignored, never refused.

#: How jrnl writes a time of day in its export: 20:15 (its plain-text journal may
#: keep the seconds, 20:15:42).
_JRNL_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?")
#: A tag as jrnl lists it: its symbol (# or @, or whatever its config says) and a name.
_JRNL_TAG = re.compile(r"\S\S+")


def _jrnl_lines(value: Any) -> Any:
    """A text's line breaks as newlines, whichever system wrote them."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _jrnl_clock(value: str) -> str:
    if not _JRNL_CLOCK.fullmatch(value):
        raise PydanticCustomError("jrnl_time", messages.JRNL_TIME, {"value": _shown(value)})
    return value


def _jrnl_tag(value: str) -> str:
    if len(value) > vocab.NAME_LIMIT + 1:  # the symbol, then a name
        raise PydanticCustomError(
            "string_too_long", "a tag's name too long", {"max_length": vocab.NAME_LIMIT}
        )
    if not _JRNL_TAG.fullmatch(value):
        raise PydanticCustomError("jrnl_tag", messages.JRNL_TAG, {"value": _shown(value)})
    return value


#: A title or a body: newlines and tabs kept, no other control character. Title and
#: body together are held to ``vocab.TEXT_LIMIT`` by the reader, which joins them.
JrnlText = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=vocab.TEXT_LIMIT),
    _plain(_CONTROL_IN_TEXT),
    BeforeValidator(_jrnl_lines),  # the last one given runs first
]
JrnlClock = Annotated[str, Strict(), AfterValidator(_jrnl_clock)]
#: A tag: its symbol, then a name of at most ``vocab.NAME_LIMIT`` characters.
JrnlTag = Annotated[str, Strict(), _plain(_CONTROL), AfterValidator(_jrnl_tag)]


class JrnlRecord(BaseModel):
    """A record of jrnl's: the fields it writes, anything else ignored.

    Plain pydantic, not SQLModel: SQLModel's own ``__init__``, run for every record,
    made a long export take nearly three times as long to validate.
    """

    model_config = ConfigDict(extra="ignore")


class JrnlEntry(JrnlRecord):
    """One entry of a jrnl journal, its date and time naive local ones as jrnl keeps them."""

    title: JrnlText
    body: JrnlText
    date: Day
    time: JrnlClock
    tags: list[JrnlTag]
    starred: Flag


class JrnlExport(JrnlRecord):
    """jrnl's JSON export of one journal: the tags, with how many entries have each, and
    the entries."""

    tags: dict[JrnlTag, Annotated[int, Strict()]]
    entries: list[JrnlEntry]


class JrnlEntries(JrnlRecord):
    """A run of the entries of a jrnl file: the reader validates a long file a run at a
    time, so that it never holds every record at once."""

    entries: list[JrnlEntry]


# -- A whole connectlog export read back (journal/imports/native.py) -------------
#
# What `connectlog export --format json` writes (documents.ExportDocument), read
# as strictly as a bundle: every key it writes is required and no other is taken,
# but for the keys connectlog 0.1 did not write yet (sent_name, a concept's
# created_at, the review lines, the removals), which default to what 0.1 meant.
# The entries are read one at a time (ExportEntryRecord), the rest of the file
# whole (ExportHead). A review's sections are read for their shape only: its
# lines are what is imported.

#: A concept's meaning, systems, one of its questions: one line of text.
_ConceptText = Annotated[
    str, Strict(), StringConstraints(max_length=vocab.TEXT_LIMIT), _plain(_CONTROL)
]
_SaidText = Annotated[
    str, Strict(), StringConstraints(max_length=vocab.TEXT_LIMIT), _plain(_CONTROL_IN_TEXT)
]


class ExportProfileRecord(Record):
    name: Name
    uuid: Uuid
    aliases: list[Name]
    imported: Flag
    created_at: Time
    sent_name: Name | None = None


class ExportConceptRecord(Record):
    name: Name
    aliases: list[Name]
    meaning: _ConceptText
    systems: _ConceptText
    questions: list[_ConceptText]
    builtin: Flag
    created_at: Time | None = None


class ExportPersonRecord(Record):
    name: Name
    created_at: Time


class ExportSaidRecord(Record):
    who: Name | None
    text: _SaidText
    outcome: vocab.Outcome | None


class ExportNoteRecord(Record):
    question: Name | None
    who: Name | None
    text: _SaidText


class ExportReviewRecord(Record):
    uuid: Uuid
    week: WeekLabel
    start: Day
    end: Day
    participants: list[Name]
    followups: list[ExportSaidRecord]
    appreciations: list[ExportSaidRecord]
    topic: _SaidText | None
    #: Since 0.2 a note a line with its question; 0.1 kept them as paragraphs of one text.
    notes: list[ExportNoteRecord] | _SaidText
    intentions: list[ExportSaidRecord]
    created_at: Time
    updated_at: Time
    topic_entry: Uuid | None
    #: None in an export of connectlog 0.1, whose reviews had no lines yet.
    lines: list[ReviewLineRecord] | None = None


class ExportRemovalRecord(Record):
    uuid: Uuid
    author: Uuid
    local_date: Day
    removed_at: Time
    shared: Flag = True


class ExportEntryRecord(EntryRecord):
    """An entry of an export: its record, with its number, title, author and privacy."""

    id: Annotated[int, Strict()]
    title: Annotated[str, Strict()]  # made from the text again; not read
    author: Name
    private: Flag


class ExportHead(Record):
    """Everything of an export but its entries (which are read one at a time)."""

    version: Literal[1]
    type: Literal["export"]
    exported_at: Time
    private: Flag
    profiles: list[ExportProfileRecord]
    concepts: list[ExportConceptRecord]
    people: list[ExportPersonRecord]
    reviews: list[ExportReviewRecord]
    removals: list[ExportRemovalRecord] = []
    count: Annotated[int, Strict(), Interval(ge=0)]
    entries: Annotated[int, Strict(), Interval(ge=0)]  # how many the file held


class IncomingRecord(BaseModel):
    """An entry another program's reader made (journal/types/imports.py), held to an
    entry's rules before it is written: its text, its times.

    Plain pydantic, as the readers' records are: SQLModel's own validation, run once
    an entry, was a third of importing 100,000 jrnl entries (bench/imports.py).
    """

    model_config = ConfigDict(extra="forbid")

    text: EntryText
    occurred_at: Time
    tags: list[Annotated[str, Strict(), StringConstraints(max_length=vocab.NAME_LIMIT)]]
    starred: Flag
    uuid: Annotated[str, Strict(), StringConstraints(max_length=vocab.FOREIGN_ID_LIMIT)] | None
    created_at: Time | None
    updated_at: Time | None
