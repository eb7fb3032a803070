"""connectlog's own JSON export read back: a whole journal, merged in by uuid.

What ``connectlog export --format json`` writes comes back exactly: profiles
(by uuid, with their aliases and whether they are a partner's), people,
concepts with their aliases, entries with every field and their author,
reviews line by line, and the removals. Importing the same file twice
changes nothing, and files can come in any order:

- **Entries and removals** follow the rule of share bundles
  (:func:`connectlog.journal.sharing.removal_wins`): for each uuid the latest
  of its change and its removal wins, so an older export never brings back
  an entry deleted since, nor an older version over a newer one.
- **Each entry belongs to its author**: it lands under its author's profile,
  found by uuid, a partner's entries under the partner's (imported) profile;
  an entry this journal has from another writer refuses the file.
- **Reviews** merge line by line, as bundles' do.
- A profile, person or concept already here keeps what this journal says of
  it; the file's aliases are added where they name nothing else.

The file is someone else's until read: it is read a record at a time through
:mod:`connectlog.models` and refused whole, naming the record and the field,
before anything is written.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, insert, select, update

from connectlog import messages
from connectlog.errors import ConnectlogError
from connectlog.journal.concepts import concept_key
from connectlog.journal.entries import checked_fields, place_entry
from connectlog.journal.imports.writing import NewEntry, insert_entries, offset_minutes
from connectlog.journal.people import clean_name
from connectlog.journal.profiles import create_profile, lookup_profile, profile_name
from connectlog.journal.sharing import (
    CLOCK_SKEW,
    keep_removals,
    link_followups,
    merge_review,
    removal_wins,
)
from connectlog.journal.types.entries import FIELDS, EntryDraft
from connectlog.journal.types.imports import ImportReport, Progress
from connectlog.storage.tables import concept, concept_alias, entry, person, profile_alias
from connectlog.storage.tables import profile as profile_table
from connectlog.storage.tables import removal as removal_table

if TYPE_CHECKING:
    from connectlog.models import ExportHead, ExportReviewRecord

FORMAT = "connectlog"
SOURCE = messages.IMPORT_SOURCE
READING = "Reading"
#: How much of a file detection reads.
SNIFF = 4096
_TYPE = re.compile(r'"type"\s*:\s*"([a-z]+)"')


def sniff(path: Path) -> str | None:
    """The ``"type"`` a JSON document in ``path`` names near its start, if it is one."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(SNIFF)
    except OSError:
        return None
    if not head.lstrip("\ufeff \t\r\n").startswith("{"):
        return None
    found = _TYPE.search(head)
    return found.group(1) if found else None


def detect(path: Path) -> bool:
    """Whether ``path`` looks like a connectlog export (its first bytes say so)."""
    return sniff(path) == "export"


class _Entry(NamedTuple):
    """An entry of the file, checked, as small as it can be kept until it is written."""

    uuid: str
    author: str  # the author's name, case-folded
    text: str
    occurred_at: datetime
    people: tuple[str, ...]
    concepts: tuple[str, ...]
    fields: tuple[Any, ...]  # checked_fields' values, in _FIELDS order
    created_at: datetime
    updated_at: datetime


_FIELDS = (*FIELDS[FIELDS.index("kind") : FIELDS.index("starred") + 1], "private")


@dataclass(frozen=True)
class Native:
    """A connectlog export, read and checked whole."""

    head: ExportHead
    entries: list[_Entry]


def read(path: Path, *, now: datetime, progress: Progress) -> Native:
    """The export in ``path``, checked whole; a :class:`ConnectlogError` names what is wrong."""
    from pydantic import ValidationError

    from connectlog.journal.imports.streamed import BrokenJson, read_object
    from connectlog.models import ExportEntryRecord, ExportHead, refusal

    kind = sniff(path)
    if kind == "share":
        raise ConnectlogError(messages.IMPORT_IS_BUNDLE.format(path=path))
    entries: list[_Entry] = []
    seen: set[str] = set()
    names: dict[str, str] = {}
    problems: list[str] = []
    cache: dict[Any, Any] = {}
    latest = now + CLOCK_SKEW

    def each(number: int, raw: Any) -> None:
        if problems:
            return
        where = f"entry {number + 1} of {SOURCE}"
        try:
            record = ExportEntryRecord.model_validate(raw)
        except ValidationError as error:
            problems.append(refusal(error, source=where))
            return
        try:
            entries.append(_entry(record, seen=seen, names=names, latest=latest, cache=cache))
        except ConnectlogError as error:
            problems.append(_refused(where, str(error)))
        if number % 1000 == 999:
            progress(READING, number + 1, None)

    try:
        with path.open(encoding="utf-8") as handle:
            raw_head = read_object(handle, streamed="entries", each=each)
    except UnicodeDecodeError as error:
        raise ConnectlogError(
            messages.FILE_UNREADABLE.format(path=path, reason="it is not UTF-8 text")
        ) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConnectlogError(messages.FILE_UNREADABLE.format(path=path, reason=reason)) from error
    except (BrokenJson, ValueError, RecursionError) as error:  # ValueError: 4,300+ digits
        reason = messages.IMPORT_NESTED if isinstance(error, RecursionError) else str(error)
        raise ConnectlogError(messages.IMPORT_BROKEN.format(reason=reason)) from error
    if raw_head.get("type") == "share":
        raise ConnectlogError(messages.IMPORT_IS_BUNDLE.format(path=path))
    if raw_head.get("type") != "export":
        shown = _shown(raw_head.get("type"))
        raise ConnectlogError(messages.IMPORT_NOT_EXPORT.format(type=shown))
    if raw_head.get("version") != 1:
        raise ConnectlogError(
            messages.IMPORT_VERSION.format(version=_shown(raw_head.get("version")))
        )
    if problems:
        raise ConnectlogError(problems[0])
    raw_head.setdefault("entries", 0)
    try:
        head = ExportHead.model_validate(raw_head)
    except ValidationError as error:
        raise ConnectlogError(refusal(error, source=SOURCE)) from error
    _check_head(head, found=len(entries), authors=names, latest=latest)
    return Native(head=head, entries=entries)


def _shown(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=True)[:40]


def _cached(cache: dict[Any, Any], kind: str, name: str, made: Any) -> str:
    key = (kind, name)
    found = cache.get(key)
    if found is None:
        found = cache[key] = made(name)
    return str(found)


def _entry(
    record: Any,
    *,
    seen: set[str],
    names: dict[str, str],
    latest: datetime,
    cache: dict[Any, Any],
) -> _Entry:
    """``record`` (an ExportEntryRecord) checked beyond its fields, kept small."""
    if record.uuid in seen:
        raise ConnectlogError(messages.IMPORT_DUPLICATE.format(uuid=record.uuid))
    seen.add(record.uuid)
    for field in ("occurred_at", "created_at", "updated_at"):
        moment = getattr(record, field)
        if moment > latest:
            raise ConnectlogError(
                messages.IMPORT_AHEAD.format(field=field, value=moment.isoformat())
            )
    if record.updated_at < record.created_at:
        raise ConnectlogError(
            messages.FIELD_BEFORE_CREATED.format(
                updated=record.updated_at.isoformat(), created=record.created_at.isoformat()
            )
        )
    # Entries share a few hundred combinations of these, and a few names: each is
    # checked once.
    given = tuple(getattr(record, name) for name in _FIELDS)
    fields = cache.get(given)
    if fields is None:
        draft = EntryDraft(
            text=record.text,
            occurred_at=record.occurred_at,
            **dict(zip(_FIELDS, given, strict=True)),
        )
        checked = checked_fields(draft)
        fields = cache[given] = tuple(checked[name] for name in _FIELDS)
    people = tuple(_cached(cache, "person", name, clean_name) for name in record.people)
    concepts = tuple(_cached(cache, "concept", name, concept_key) for name in record.concepts)
    author = record.author.casefold()
    names.setdefault(author, record.author)
    return _Entry(
        uuid=record.uuid,
        author=author,
        text=record.text,
        occurred_at=record.occurred_at,
        people=people,
        concepts=concepts,
        fields=fields,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def _check_head(head: ExportHead, *, found: int, authors: dict[str, str], latest: datetime) -> None:
    """Refuse what each record allows but the file as a whole cannot hold."""

    def refuse(where: str, problem: str) -> None:
        raise ConnectlogError(_refused(where, problem))

    if head.count != found:
        refuse(SOURCE, messages.IMPORT_COUNT.format(count=head.count, found=found))
    names: set[str] = set()
    uuids: set[str] = set()
    for number, sent in enumerate(head.profiles, start=1):
        where = f"profile {number} of {SOURCE}"
        if sent.uuid in uuids:
            refuse(where, messages.IMPORT_DUPLICATE.format(uuid=sent.uuid))
        uuids.add(sent.uuid)
        for name in (sent.name, *sent.aliases):
            if name.casefold() in names:
                refuse(where, messages.IMPORT_NAME_TWICE.format(name=name))
            names.add(name.casefold())
        if sent.created_at > latest:
            refuse(where, messages.IMPORT_AHEAD.format(field="created_at", value=sent.created_at))
    profiles = {sent.name.casefold() for sent in head.profiles}
    for author, name in authors.items():
        if author not in profiles:
            refuse(SOURCE, messages.IMPORT_UNKNOWN_AUTHOR.format(name=name))
    listed: tuple[tuple[str, list[str]], ...] = (
        ("concept", [record.name for record in head.concepts]),
        ("person", [record.name for record in head.people]),
    )
    for kind, named in listed:
        keys: set[str] = set()
        for number, name in enumerate(named, start=1):
            key = name.casefold()
            if key in keys:
                refuse(f"{kind} {number} of {SOURCE}", messages.IMPORT_NAME_TWICE.format(name=key))
            keys.add(key)
    gone: set[str] = set()
    for number, removed in enumerate(head.removals, start=1):
        where = f"removal {number} of {SOURCE}"
        if removed.uuid in gone:
            refuse(where, messages.IMPORT_DUPLICATE.format(uuid=removed.uuid))
        gone.add(removed.uuid)
        if removed.author not in uuids:
            refuse(where, messages.IMPORT_UNKNOWN_PARTICIPANT.format(name=removed.author))
    reviews: set[str] = set()
    for number, sent_review in enumerate(head.reviews, start=1):
        where = f"review {number} of {SOURCE}"
        if sent_review.uuid in reviews:
            refuse(where, messages.IMPORT_DUPLICATE.format(uuid=sent_review.uuid))
        reviews.add(sent_review.uuid)
        for name in sent_review.participants:
            if name.casefold() not in profiles:
                refuse(where, messages.IMPORT_UNKNOWN_PARTICIPANT.format(name=name))
        for line in sent_review.lines or ():
            if line.uuid in reviews:
                refuse(where, messages.IMPORT_DUPLICATE.format(uuid=line.uuid))
            reviews.add(line.uuid)
            if line.who is not None and line.who not in uuids:
                refuse(where, messages.IMPORT_UNKNOWN_PARTICIPANT.format(name=line.who))


def _refused(where: str, problem: str) -> str:
    return messages.RECORD_REFUSED.format(where=where[:1].upper() + where[1:], problem=problem)


# -- In ------------------------------------------------------------------------


class _Id(NamedTuple):
    id: int


def merge(
    db: Connection, native: Native, *, path: str, now: datetime, progress: Progress
) -> ImportReport:
    """Bring the export ``native`` into the journal ``db``; see the module's rules."""
    head = native.head
    profile_ids, new_profiles = _profiles(db, head)
    by_name = {sent.name.casefold(): sent.uuid for sent in head.profiles}
    person_ids, new_people = _people(db, head, native.entries)
    concept_ids, new_concepts = _concepts(db, head, native.entries, now=now)
    stored = entry.c
    known = {
        row.uuid: row
        for row in db.execute(
            select(stored.id, stored.uuid, stored.author_id, stored.updated_at, stored.private)
        )
    }
    kept = {row.uuid: row for row in db.execute(select(removal_table))}
    for number, gone in enumerate(head.removals, start=1):
        _own(known.get(gone.uuid), kept.get(gone.uuid), profile_ids[gone.author], where=number)
    removed = keep_removals(
        db,
        [(gone, profile_ids[gone.author]) for gone in head.removals],
        known=known,
        kept=kept,
    )
    added: list[tuple[_Entry, int]] = []
    updated = unchanged = 0
    for number, record in enumerate(native.entries, start=1):
        author_id = profile_ids[by_name[record.author]]
        local = known.get(record.uuid)
        _own(local, kept.get(record.uuid), author_id, where=number, kind="entry")
        gone_at = kept.get(record.uuid)
        private = record.fields[_FIELDS.index("private")]
        if removal_wins(
            gone_at.removed_at if gone_at else None, record.updated_at, private=private
        ):
            unchanged += 1
        elif local is None:
            added.append((record, author_id))
        elif local.updated_at >= record.updated_at:
            unchanged += 1
        else:
            updated += 1
            _replace(db, local.id, record, author_id, concept_ids, person_ids)
    insert_entries(
        db,
        _new_entries(added, concept_ids, person_ids),
        total=len(added),
        progress=progress,
    )
    reviews = _reviews(db, head, now=now)
    return ImportReport(
        format=FORMAT,
        path=path,
        dry_run=False,
        entries=len(native.entries),
        added=len(added),
        updated=updated,
        unchanged=unchanged,
        removed=removed,
        new_profiles=new_profiles,
        new_people=new_people,
        new_concepts=new_concepts,
        reviews=reviews,
    )


def _own(local: Any, gone: Any, author_id: int, *, where: int, kind: str = "removal") -> None:
    """Refuse a record of an entry this journal has from another writer."""
    for held in (local, gone):
        if held is not None and held.author_id != author_id:
            uuid = held.uuid
            raise ConnectlogError(
                _refused(
                    f"{kind} {where} of {SOURCE}", messages.IMPORT_FOREIGN_ENTRY.format(uuid=uuid)
                )
            )


def _values(record: _Entry, author_id: int) -> dict[str, Any]:
    local = record.occurred_at
    return {
        "uuid": record.uuid,
        "author_id": author_id,
        "text": record.text,
        "occurred_at": local,
        "utc_offset": offset_minutes(local),
        "local_date": local.date(),
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        **dict(zip(_FIELDS, record.fields, strict=True)),
    }


def _new_entries(
    added: list[tuple[_Entry, int]], concept_ids: dict[str, int], person_ids: dict[str, int]
) -> Iterator[NewEntry]:
    for record, author_id in added:
        yield (_values(record, author_id), *_links(record, concept_ids, person_ids))


def _links(
    record: _Entry, concept_ids: dict[str, int], person_ids: dict[str, int]
) -> tuple[list[int], list[int]]:
    """The ids of the concepts and people ``record`` names, each once: a file may name one
    twice (``Sam`` and ``sam``, a concept and its alias), and a link is made once."""
    concepts = dict.fromkeys(concept_ids[name] for name in record.concepts)
    people = dict.fromkeys(person_ids[name.casefold()] for name in record.people)
    return list(concepts), list(people)


def _replace(
    db: Connection,
    entry_id: int,
    record: _Entry,
    author_id: int,
    concept_ids: dict[str, int],
    person_ids: dict[str, int],
) -> None:
    """Write the file's newer version of an entry over this journal's."""
    values = dict(zip(_FIELDS, record.fields, strict=True))
    draft = EntryDraft(text=record.text, occurred_at=record.occurred_at, **values)
    concepts, people = _links(record, concept_ids, person_ids)
    place_entry(
        db,
        entry_id,
        draft,
        author_id=author_id,
        uuid=record.uuid,
        created_at=record.created_at,
        updated_at=record.updated_at,
        # place_entry reads only the ids of the rows it links.
        concepts=[_Id(concept_id) for concept_id in concepts],  # type: ignore[misc]
        people=[_Id(person_id) for person_id in people],  # type: ignore[misc]
    )


def _profiles(db: Connection, head: ExportHead) -> tuple[dict[str, int], int]:
    """The local profile of each of the file's, by uuid, made if new; and how many were."""
    ids: dict[str, int] = {}
    made = 0
    for number, sent in enumerate(head.profiles, start=1):
        where = f"profile {number} of {SOURCE}"
        known = db.execute(select(profile_table).where(profile_table.c.uuid == sent.uuid)).first()
        if known is None:
            try:
                name = profile_name(sent.name)
            except ConnectlogError as error:
                raise ConnectlogError(_refused(where, str(error))) from error
            clash = lookup_profile(db, name)
            if clash is not None:
                raise ConnectlogError(
                    _refused(where, messages.IMPORT_PROFILE_CLASH.format(name=name))
                )
            known = create_profile(
                db, name, now=sent.created_at, uuid=sent.uuid, imported=sent.imported
            )
            if sent.sent_name is not None:
                db.execute(
                    update(profile_table)
                    .where(profile_table.c.id == known.id)
                    .values(sent_name=sent.sent_name)
                )
            made += 1
        ids[sent.uuid] = known.id
        for alias in sent.aliases:
            taken = lookup_profile(db, alias)
            if taken is None:
                db.execute(
                    insert(profile_alias).values(
                        profile_id=known.id, name=alias, key=alias.casefold()
                    )
                )
            elif taken.id != known.id:
                raise ConnectlogError(
                    _refused(
                        where, messages.IMPORT_ALIAS_CLASH.format(alias=alias, name=taken.name)
                    )
                )
    return ids, made


def _people(db: Connection, head: ExportHead, entries: list[_Entry]) -> tuple[dict[str, int], int]:
    """Everyone the file names, by case-folded name, made if new; and how many were."""
    ids: dict[str, int] = dict(db.execute(select(person.c.key, person.c.id)).all())
    wanted: dict[str, tuple[str, datetime]] = {}
    for number, record in enumerate(head.people, start=1):
        try:
            name = clean_name(record.name)
        except ConnectlogError as error:
            raise ConnectlogError(_refused(f"person {number} of {SOURCE}", str(error))) from error
        wanted.setdefault(name.casefold(), (name, record.created_at))
    for item in entries:
        for name in item.people:
            wanted.setdefault(name.casefold(), (name, item.created_at))
    new = [
        {"name": name, "key": key, "created_at": created_at}
        for key, (name, created_at) in wanted.items()
        if key not in ids
    ]
    if new:
        db.execute(insert(person), new)
        ids = dict(db.execute(select(person.c.key, person.c.id)).all())
    return ids, len(new)


def _concepts(
    db: Connection, head: ExportHead, entries: list[_Entry], *, now: datetime
) -> tuple[dict[str, int], int]:
    """Every concept the file names, by name, made if new (with its aliases); and how many."""
    names: dict[str, int] = dict(db.execute(select(concept.c.name, concept.c.id)).all())
    aliases: dict[str, int] = dict(
        db.execute(select(concept_alias.c.alias, concept_alias.c.concept_id)).all()
    )
    by_id = {concept_id: name for name, concept_id in names.items()}
    made = 0

    def found(key: str) -> int | None:
        return names.get(key, aliases.get(key))

    for number, record in enumerate(head.concepts, start=1):
        where = f"concept {number} of {SOURCE}"
        try:
            key = concept_key(record.name)
            alias_keys = [concept_key(alias, what="alias") for alias in record.aliases]
        except ConnectlogError as error:
            raise ConnectlogError(_refused(where, str(error))) from error
        if key not in names and key in aliases:
            clash = by_id[aliases[key]]
            raise ConnectlogError(
                _refused(where, messages.IMPORT_CONCEPT_CLASH.format(name=key, concept=clash))
            )
        if key not in names:
            made_row = db.execute(
                insert(concept)
                .values(
                    name=key,
                    meaning=record.meaning,
                    systems=record.systems,
                    questions="\n".join(record.questions),
                    builtin=record.builtin,
                    created_at=record.created_at or now,
                )
                .returning(concept.c.id)
            ).scalar_one()
            names[key], by_id[made_row] = made_row, key
            made += 1
        for alias in alias_keys:
            other = found(alias)
            if other is None:
                db.execute(insert(concept_alias).values(concept_id=names[key], alias=alias))
                aliases[alias] = names[key]
            elif other != names[key]:
                raise ConnectlogError(
                    _refused(
                        where,
                        messages.IMPORT_CONCEPT_CLASH.format(name=alias, concept=by_id[other]),
                    )
                )
    ids: dict[str, int] = {}
    for item in entries:
        for key in item.concepts:
            if key in ids:
                continue
            concept_id = found(key)
            if concept_id is None:
                concept_id = db.execute(
                    insert(concept).values(name=key, created_at=now).returning(concept.c.id)
                ).scalar_one()
                names[key] = concept_id
                made += 1
            ids[key] = concept_id
    return ids, made


def _lines_of_0_1(sent: ExportReviewRecord, profiles: Mapping[str, Any]) -> list[Any]:
    """The lines of a review as connectlog 0.1 exported it, by its sections.

    Each line's uuid comes from the review's and the line's place, so that
    importing the same file again finds them.
    """
    from connectlog.models import ReviewLineRecord

    notes = sent.notes if isinstance(sent.notes, str) else ""
    said = [
        *(("appreciation", line.who, line.text, line.outcome) for line in sent.appreciations),
        *(("followup", line.who, line.text, line.outcome) for line in sent.followups),
        *((("topic", None, sent.topic, None),) if sent.topic else ()),
        *(("note", None, text.strip(), None) for text in notes.split("\n\n") if text.strip()),
        *(("intention", line.who, line.text, line.outcome) for line in sent.intentions),
    ]
    return [
        ReviewLineRecord(
            uuid=str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"connectlog:{sent.uuid}:{place}")),
            section=section,
            position=place,
            who=profiles[who.casefold()].uuid if who and who.casefold() in profiles else None,
            text=text,
            question=None,
            outcome=outcome,
            follows=None,
            entry=sent.topic_entry if section == "topic" else None,
            removed=False,
            updated_at=sent.updated_at,
        )
        for place, (section, who, text, outcome) in enumerate(said)
    ]


def _reviews(db: Connection, head: ExportHead, *, now: datetime) -> int:
    """Merge the file's reviews line by line, as a bundle's are."""
    from connectlog.models import ReviewRecord, Sender

    uuids = {sent.name.casefold(): sent for sent in head.profiles}
    records = [
        ReviewRecord(
            uuid=sent.uuid,
            week=sent.week,
            start=sent.start,
            end=sent.end,
            created_at=sent.created_at,
            updated_at=sent.updated_at,
            participants=[
                Sender(name=uuids[name.casefold()].name, uuid=uuids[name.casefold()].uuid)
                for name in sent.participants
            ],
            lines=sent.lines if sent.lines is not None else _lines_of_0_1(sent, uuids),
        )
        for sent in head.reviews
    ]
    for record in records:
        merge_review(db, record, now=now)
    link_followups(db, records)
    return len(records)
