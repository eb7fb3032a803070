"""Sharing a week between two journals: a bundle out, a bundle in.

A bundle holds one profile's non-private entries of one week as portable
records (see :mod:`connectlog.journal.records`). Importing it puts them under
that profile, recognised by its uuid, and makes the journal's copy of that
week match the bundle: new entries are added, edited ones updated, and ones
the sender deleted (or made private) since are removed. Private entries
never enter a bundle.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from connectlog import messages
from connectlog.analytics.periods import Period
from connectlog.errors import ConnectlogError
from connectlog.journal import vocab
from connectlog.journal.concepts import concept_key, ensure_concepts
from connectlog.journal.entries import EntryDraft, EntryQuery, list_entries, place_entry
from connectlog.journal.people import clean_name, ensure_people
from connectlog.journal.profiles import Profile, create_profile, lookup_profile
from connectlog.journal.records import FIELDS, portable
from connectlog.storage.tables import entry as entry_table
from connectlog.storage.tables import profile as profile_table

VERSION = 1
TYPE = "share"


@dataclass(frozen=True)
class SharedWeek:
    text: str  # the bundle, as JSON
    count: int  # the entries in it


@dataclass(frozen=True)
class ImportResult:
    profile: str
    week: str
    added: int
    updated: int
    removed: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def export_week(db: Connection, *, profile: Profile, period: Period, now: datetime) -> SharedWeek:
    """The bundle of ``profile``'s non-private entries of ``period``."""
    page = list_entries(db, EntryQuery(since=period.start, until=period.end))
    shared = [view for view in page.entries if view.author == profile.name and not view.private]
    bundle = {
        "version": VERSION,
        "type": TYPE,
        "created_at": now.astimezone(UTC).isoformat(),
        "week": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "profile": {"name": profile.name, "uuid": profile.uuid},
        "entries": [portable(view) for view in reversed(shared)],
    }
    return SharedWeek(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n", len(shared))


def import_bundle(
    db: Connection, text: str, *, name: str | None = None, now: datetime
) -> ImportResult:
    """Bring a partner's week in; the whole bundle is checked before anything changes.

    ``name`` files the sender under another local name, for when theirs is
    taken here by someone else.
    """
    bundle = _read(text)
    sender = _sender(db, bundle, name=name, now=now)
    start, end = bundle["start"], bundle["end"]
    records: list[dict[str, Any]] = bundle["entries"]
    stored = entry_table.c
    uuids = [record["uuid"] for record in records]
    known = {
        entry.uuid: entry
        for entry in db.execute(
            select(stored.id, stored.uuid, stored.author_id, stored.updated_at).where(
                stored.uuid.in_(uuids)
            )
        )
    }
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for record in records:
        entry = known.get(record["uuid"])
        if entry is not None and entry.author_id != sender.id:
            raise ConnectlogError(messages.BUNDLE_FOREIGN_ENTRY.format(uuid=record["uuid"]))
        if entry is not None and entry.updated_at >= record["updated_at"]:
            counts["unchanged"] += 1
            continue
        counts["updated" if entry is not None else "added"] += 1
        place_entry(
            db,
            None if entry is None else entry.id,
            record["draft"],
            author_id=sender.id,
            uuid=record["uuid"],
            created_at=record["created_at"],
            updated_at=record["updated_at"],
            concepts=ensure_concepts(db, record["draft"].concepts, now=now),
            people=ensure_people(db, record["draft"].people, now=now),
        )
    gone = (
        db.execute(
            select(stored.id).where(
                stored.author_id == sender.id,
                stored.local_date >= start,
                stored.local_date <= end,
                stored.uuid.not_in(uuids),
                stored.created_at < bundle["created_at"],
            )
        )
        .scalars()
        .all()
    )
    db.execute(delete(entry_table).where(stored.id.in_(gone)))
    return ImportResult(profile=sender.name, week=bundle["label"], removed=len(gone), **counts)


def _sender(
    db: Connection, bundle: Mapping[str, Any], *, name: str | None, now: datetime
) -> Profile:
    """The local profile of the bundle's writer: found by uuid, or made, never mistaken."""
    uuid, sent_name = bundle["profile_uuid"], bundle["profile_name"]
    known = db.execute(select(profile_table).where(profile_table.c.uuid == uuid)).first()
    if known is not None:
        if not known.imported:
            raise ConnectlogError(messages.BUNDLE_OWN.format(name=known.name))
        return known
    local_name = clean_name(name) if name else sent_name
    clash = lookup_profile(db, local_name)
    if clash is not None:
        raise ConnectlogError(messages.BUNDLE_CLASH.format(name=local_name))
    return create_profile(db, local_name, now=now, uuid=uuid, imported=True)


def _read(text: str) -> dict[str, Any]:
    """The bundle in ``text``, every part checked; an error naming the first problem."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConnectlogError(messages.BUNDLE_BROKEN.format(reason=exc)) from exc
    if not isinstance(data, dict) or data.get("type") != TYPE:
        raise ConnectlogError(messages.BUNDLE_NOT_SHARE)
    if data.get("version") != VERSION:
        raise ConnectlogError(messages.BUNDLE_VERSION.format(version=data.get("version")))
    try:
        profile, week = data["profile"], data["week"]
        bundle = {
            "profile_name": clean_name(_typed(profile["name"], str)),
            "profile_uuid": _typed(profile["uuid"], str),
            "label": _typed(week["label"], str),
            "start": date.fromisoformat(_typed(week["start"], str)),
            "end": date.fromisoformat(_typed(week["end"], str)),
            "created_at": _moment(data["created_at"]),
            "entries": [_record(item) for item in _typed(data["entries"], list)],
        }
    except (KeyError, TypeError, ValueError, ConnectlogError) as exc:
        raise ConnectlogError(messages.BUNDLE_BROKEN.format(reason=_why(exc))) from exc
    return bundle


def _record(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict) or set(item) != set(FIELDS):
        raise ValueError("an entry does not have the fields a bundle's entries have")
    draft = EntryDraft(
        text=_typed(item["text"], str),
        occurred_at=_moment(item["occurred_at"]),
        people=tuple(clean_name(_typed(name, str)) for name in _typed(item["people"], list)),
        concepts=tuple(concept_key(_typed(name, str)) for name in _typed(item["concepts"], list)),
        kind=_optional(item["kind"], str),
        touch=_optional(item["touch"], str),
        closeness=_optional(item["closeness"], int),
        initiated_by=_optional(item["initiated_by"], str),
        response=_optional(item["response"], str),
        mood_before=_optional(item["mood_before"], int),
        mood_after=_optional(item["mood_after"], int),
        appreciation=_typed(item["appreciation"], bool),
        starred=_typed(item["starred"], bool),
    )
    for value, choices, field in (
        (draft.kind, vocab.KINDS, "kind"),
        (draft.touch, vocab.TOUCHES, "touch"),
        (draft.initiated_by, vocab.INITIATORS, "initiated by"),
        (draft.response, vocab.RESPONSES, "response"),
    ):
        if value is not None and value not in choices:
            raise ValueError(f"an entry's {field} '{value}' is not one connectlog knows")
    for rating, field in (
        (draft.closeness, "closeness"),
        (draft.mood_before, "mood before"),
        (draft.mood_after, "mood after"),
    ):
        if rating is not None:
            vocab.rating(rating, field=field)
    if not draft.text.strip():
        raise ValueError("an entry has no text")
    return {
        "uuid": _typed(item["uuid"], str),
        "created_at": _moment(item["created_at"]),
        "updated_at": _moment(item["updated_at"]),
        "draft": draft,
    }


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{value!r} is not {_KIND_NAMES.get(kind, kind.__name__)}")
    return value


def _optional(value: Any, kind: type) -> Any:
    return None if value is None else _typed(value, kind)


def _moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_typed(value, str))
    if moment.tzinfo is None:
        raise ValueError(f"the time {value} has no UTC offset")
    return moment


def _why(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"'{error.args[0]}' is missing"
    return str(error)


_KIND_NAMES: dict[type, str] = {str: "text", int: "a whole number", bool: "true or false"}
