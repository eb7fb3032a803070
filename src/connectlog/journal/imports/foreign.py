"""Another program's entries made connectlog's: tags to concepts, identities, one write.

A reader (``jrnl.py``, ``dayone.py``) hands over :class:`Incoming`; here:

- **Tags become concepts** through their names and aliases, or ``--map
  TAG=CONCEPT`` (which also makes the tag an alias of the concept, so that a
  ``#tag`` in the text finds it later); a tag the text writes only as an
  ``@mention`` is that person, as ``connectlog add`` reads it. Every other tag
  is unknown: ``--create-concepts`` makes it a concept, and without it the
  import refuses, listing them. No tag is dropped.
- **Identity**: an entry keeps the file's own identifier (Day One's) as its
  uuid; one without (jrnl's) gets a uuid derived from the format, its local
  time and its text, so importing the same file again finds it. An entry
  already here, or deleted here since it was imported, is not imported again;
  the same entry twice in the file is imported once.
- **One write**: the entries go under the current writer's profile (never a
  partner's), in bulk, in the caller's transaction.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, insert, select

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError
from connectlog.journal.concepts import concept_key, resolve_concepts
from connectlog.journal.imports.writing import NewEntry, insert_entries, offset_minutes
from connectlog.journal.people import clean_name
from connectlog.journal.profiles import existing_writer, login_name, refuse_partner, writer
from connectlog.journal.sharing import CLOCK_SKEW
from connectlog.journal.tags import find_tags
from connectlog.journal.types.imports import ImportReport, Incoming, IncomingEntry, Progress
from connectlog.storage.tables import concept, concept_alias, entry, person, removal

#: The namespace of the uuids derived for entries that come without one.
NAMESPACE = uuidlib.UUID("6f1d3c52-8a4e-4b0f-9d17-2c5e7a9b0c13")
SOURCE = messages.IMPORT_SOURCE
CHECKING = "Checking"
#: How many unknown tags a refusal names before it says how many more.
SHOWN_TAGS = 10


def entry_uuid(format_: str, incoming: IncomingEntry) -> str:
    """The uuid an incoming entry has here: the file's own, else one derived from it.

    A derived uuid rests on what stays when the file is exported again: the
    local time to the minute (a time zone's offset may read differently later)
    and the text without the spaces around it.
    """
    if incoming.uuid:
        try:
            return str(uuidlib.UUID(incoming.uuid))
        except ValueError:
            return str(uuidlib.uuid5(NAMESPACE, f"{format_}\x00id\x00{incoming.uuid}"))
    local = incoming.occurred_at.strftime("%Y-%m-%dT%H:%M")
    return str(uuidlib.uuid5(NAMESPACE, f"{format_}\x00{local}\x00{incoming.text.strip()}"))


@dataclass
class _Tags:
    """What each of the file's tags becomes, by its case-folded name."""

    concepts: dict[str, int | str] = field(default_factory=dict)  # id, or the name to make
    mapped: list[tuple[str, str]] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)  # a mapped tag to add as an alias
    people: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)


class _Checked(NamedTuple):
    """An entry of the file, checked, with what it is linked to."""

    uuid: str
    text: str
    occurred_at: datetime
    starred: bool
    created_at: datetime
    updated_at: datetime
    tags: tuple[str, ...]
    people: tuple[str, ...]


def import_incoming(
    db: Connection,
    incoming: Incoming,
    *,
    path: str,
    chosen: str | None,
    mapping: Mapping[str, str],
    create_concepts: bool,
    dry_run: bool,
    now: datetime,
    progress: Progress,
) -> ImportReport:
    """Write ``incoming``'s entries (or with ``dry_run`` only say what would be written)."""
    checked, empty = _checked(incoming, now=now, progress=progress)
    here = set(db.execute(select(entry.c.uuid)).scalars())
    here.update(db.execute(select(removal.c.uuid)).scalars())
    new: list[_Checked] = []
    seen: set[str] = set()
    duplicates = unchanged = 0
    for item in checked:
        if item.uuid in seen:
            duplicates += 1
        elif item.uuid in here:
            unchanged += 1
            seen.add(item.uuid)
        else:
            new.append(item)
            seen.add(item.uuid)
    tags = _tags(db, new, mapping=mapping, create_concepts=create_concepts)
    if dry_run:
        found = existing_writer(db, chosen=chosen)
        if chosen:
            found = refuse_partner(db, chosen=chosen)
        writer_name = found.name if found is not None else login_name()
    else:
        if tags.unknown:
            raise ConnectlogError(_unknown_message(tags.unknown))
        author = writer(db, chosen=chosen, now=now)
        writer_name = author.name
        concept_ids = _make_concepts(db, tags, now=now)
        person_ids = _make_people(db, new, now=now)
        insert_entries(
            db,
            _rows(new, author_id=author.id, concept_ids=concept_ids, person_ids=person_ids),
            total=len(new),
            progress=progress,
        )
    return ImportReport(
        format=incoming.format,
        path=path,
        dry_run=dry_run,
        entries=len(incoming.entries),
        added=len(new),
        unchanged=unchanged,
        duplicates=duplicates,
        empty=empty,
        left_behind=incoming.left_behind,
        unknown=tuple(tags.unknown),
        created_concepts=tuple(tags.created),
        mapped=tuple(tags.mapped),
        people=tuple(tags.people),
        new_concepts=len(tags.created),
        writer=writer_name,
    )


def _checked(
    incoming: Incoming, *, now: datetime, progress: Progress
) -> tuple[list[_Checked], int]:
    """The file's entries held to an entry's rules, and how many have no text."""
    from pydantic import ValidationError

    from connectlog.models import IncomingRecord, refusal

    latest = now + CLOCK_SKEW
    checked: list[_Checked] = []
    empty = 0
    total = len(incoming.entries)
    for number, item in enumerate(incoming.entries, start=1):
        text = item.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            empty += 1
            continue
        where = f"entry {number} of {SOURCE}"
        try:
            IncomingRecord.model_validate(
                {
                    "text": text,
                    "occurred_at": item.occurred_at,
                    "tags": list(item.tags),
                    "starred": item.starred,
                    "uuid": item.uuid,
                    "created_at": item.created_at,
                    "updated_at": item.updated_at,
                }
            )
        except ValidationError as error:
            raise ConnectlogError(refusal(error, source=where)) from error
        created = item.created_at or item.occurred_at
        updated = max(item.updated_at or created, created)
        for name, moment in (("occurred_at", item.occurred_at), ("created_at", created)):
            if moment > latest:
                raise ConnectlogError(
                    messages.RECORD_REFUSED.format(
                        where=where[:1].upper() + where[1:],
                        problem=messages.IMPORT_AHEAD.format(field=name, value=moment.isoformat()),
                    )
                )
        inline = find_tags(text)
        mentioned = {name.casefold() for name in inline.people}
        written = {name.casefold() for name in inline.concepts}
        tags = list(dict.fromkeys([*item.tags, *inline.concepts]))
        # A tag the text writes only as @Name is that person (connectlog reads @Name so).
        people = [tag for tag in tags if tag.casefold() in mentioned - written]
        checked.append(
            _Checked(
                uuid=entry_uuid(incoming.format, item),
                text=text,
                occurred_at=item.occurred_at,
                starred=item.starred,
                created_at=created,
                updated_at=updated,
                tags=tuple(tag for tag in tags if tag not in people),
                people=tuple(dict.fromkeys([*inline.people, *people])),
            )
        )
        if number % 1000 == 0:
            progress(CHECKING, number, total)
    return checked, empty


def _tags(
    db: Connection,
    entries: Sequence[_Checked],
    *,
    mapping: Mapping[str, str],
    create_concepts: bool,
) -> _Tags:
    """What each tag of ``entries`` becomes (see the module's rules)."""
    mapped = {_tag_key(tag): target for tag, target in mapping.items()}
    names: dict[str, int] = dict(db.execute(select(concept.c.name, concept.c.id)).all())
    aliases: dict[str, int] = dict(
        db.execute(select(concept_alias.c.alias, concept_alias.c.concept_id)).all()
    )
    result = _Tags()
    people: set[str] = set()
    for item in entries:
        people.update(tag.casefold() for tag in item.people)
        for tag in item.tags:
            key = _tag_key(tag)
            if key in result.concepts or key in result.unknown:
                continue
            if key in mapped:
                try:
                    (row,) = resolve_concepts(db, [mapped[key]])
                except InvalidInputError as error:
                    problem = str(error)
                    raise InvalidInputError(
                        messages.IMPORT_MAP_NO_CONCEPT.format(
                            tag=tag, concept=mapped[key], problem=problem
                        )
                    ) from error
                result.concepts[key] = row.id
                result.mapped.append((tag, row.name))
                alias = _name_or_none(tag)
                if alias is not None and alias not in names and alias not in aliases:
                    result.aliases[alias] = row.id
                continue
            name = _name_or_none(tag)
            concept_id = None if name is None else names.get(name, aliases.get(name))
            if concept_id is not None:
                result.concepts[key] = concept_id
            elif not create_concepts:
                result.unknown.append(key)
                result.concepts.pop(key, None)
            elif name is None:
                raise ConnectlogError(messages.IMPORT_TAG_NOT_A_NAME.format(tag=tag))
            else:
                result.concepts[key] = name
                if name not in result.created:
                    result.created.append(name)
    result.people = sorted(people)
    result.unknown = [tag for tag in result.unknown if tag not in result.concepts]
    return result


def _tag_key(tag: str) -> str:
    return tag.strip().lstrip("#@").casefold()


def _name_or_none(tag: str) -> str | None:
    try:
        return concept_key(tag.lstrip("@"))
    except InvalidInputError:
        return None


def _unknown_message(unknown: Sequence[str]) -> str:
    shown = ", ".join(unknown[:SHOWN_TAGS])
    if len(unknown) > SHOWN_TAGS:
        shown = messages.IMPORT_TOO_MANY_TAGS.format(shown=shown, more=len(unknown) - SHOWN_TAGS)
    words = ("The tag " if len(unknown) == 1 else "The tags ") + shown
    return messages.IMPORT_UNKNOWN_TAGS.format(
        tags=words, are="is" if len(unknown) == 1 else "are", first=unknown[0]
    )


def _make_concepts(db: Connection, tags: _Tags, *, now: datetime) -> dict[str, int]:
    """The concept id of each tag, its new concepts made and mapped tags made aliases."""
    made: dict[str, int] = {}
    for name in tags.created:
        made[name] = db.execute(
            insert(concept).values(name=name, created_at=now).returning(concept.c.id)
        ).scalar_one()
    if tags.aliases:
        db.execute(
            insert(concept_alias),
            [{"alias": alias, "concept_id": cid} for alias, cid in tags.aliases.items()],
        )
    return {
        key: target if isinstance(target, int) else made[target]
        for key, target in tags.concepts.items()
    }


def _make_people(db: Connection, entries: Sequence[_Checked], *, now: datetime) -> dict[str, int]:
    """Everyone the entries are with, by case-folded name, made if new."""
    ids: dict[str, int] = dict(db.execute(select(person.c.key, person.c.id)).all())
    wanted: dict[str, str] = {}
    for item in entries:
        for raw in item.people:
            name = clean_name(raw)
            wanted.setdefault(name.casefold(), name)
    new = [
        {"name": name, "key": key, "created_at": now}
        for key, name in wanted.items()
        if key not in ids
    ]
    if new:
        db.execute(insert(person), new)
        ids = dict(db.execute(select(person.c.key, person.c.id)).all())
    return ids


def _rows(
    entries: Sequence[_Checked],
    *,
    author_id: int,
    concept_ids: Mapping[str, int],
    person_ids: Mapping[str, int],
) -> Iterator[NewEntry]:
    for item in entries:
        local = item.occurred_at
        values = {
            "uuid": item.uuid,
            "author_id": author_id,
            "text": item.text,
            "occurred_at": local,
            "utc_offset": offset_minutes(local),
            "local_date": local.date(),
            "kind": None,
            "touch": None,
            "closeness": None,
            "initiated_by": None,
            "response": None,
            "mood_before": None,
            "mood_after": None,
            "appreciation": False,
            "starred": item.starred,
            "private": False,
            "created_at": item.created_at,
            "updated_at": item.updated_at,
        }
        concepts = list(dict.fromkeys(concept_ids[_tag_key(tag)] for tag in item.tags))
        people = list(
            dict.fromkeys(person_ids[clean_name(name).casefold()] for name in item.people)
        )
        yield values, concepts, people
