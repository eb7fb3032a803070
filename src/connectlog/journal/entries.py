"""Writing entries: record a moment, correct it, remove it.

Finding them is in :mod:`connectlog.journal.queries`, making views of their
rows in :mod:`connectlog.journal.views`, their plain types in
:mod:`connectlog.journal.types`.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    delete,
    insert,
    select,
    update,
)

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError
from connectlog.journal import vocab
from connectlog.journal.concepts import Concept, missing_concepts, resolve_concepts
from connectlog.journal.people import Person, ensure_people
from connectlog.journal.profiles import ensure_profile
from connectlog.journal.tags import find_tags
from connectlog.journal.types.entries import CLEARABLE, EntryChanges, EntryDraft, EntryView
from connectlog.journal.views import VIEWED, EntryRow, as_view, as_views, get_entry, load_row
from connectlog.storage.tables import entry as entry_table
from connectlog.storage.tables import entry_concept, entry_person, profile, removal

_ENTRY = entry_table.c


def record_entry(
    db: Connection,
    draft: EntryDraft,
    *,
    author: str,
    now: datetime,
    make_concepts: bool = False,
) -> EntryView:
    """Save a new entry, with its inline ``#concepts`` and ``@people``.

    A concept this journal lacks is refused, or made when ``make_concepts``.
    """
    text = vocab.entry_text(draft.text)
    inline = find_tags(text)
    made_at = now if make_concepts else None
    concepts = resolve_concepts(db, [*draft.concepts, *inline.concepts], made_at=made_at)
    people = ensure_people(db, [*draft.people, *inline.people], now=now)
    writer = ensure_profile(db, author, now=now)
    if writer.imported:
        raise ConnectlogError(messages.PARTNER_WRITES.format(name=writer.name))
    entry = place_entry(
        db,
        None,
        replace(draft, text=text),
        author_id=writer.id,
        uuid=str(uuidlib.uuid4()),
        created_at=now,
        updated_at=now,
        concepts=concepts,
        people=people,
    )
    return as_view(
        entry,
        authors={writer.id: writer.name},
        people={entry.id: sorted(someone.name for someone in people)},
        concepts={entry.id: sorted(tag.name for tag in concepts)},
    )


def concepts_to_make(db: Connection, draft: EntryDraft) -> dict[str, list[str]]:
    """The concepts ``draft`` names, inline or not, that this journal lacks, with the closest."""
    inline = find_tags(vocab.entry_text(draft.text))
    return missing_concepts(db, [*draft.concepts, *inline.concepts])


def place_entry(
    db: Connection,
    entry_id: int | None,
    draft: EntryDraft,
    *,
    author_id: int,
    uuid: str,
    created_at: datetime,
    updated_at: datetime,
    concepts: Iterable[Concept],
    people: Iterable[Person],
) -> EntryRow:
    """Write ``draft`` as a new entry (``entry_id`` None) or over one, linked exactly as given.

    Nothing is read from the text here: the caller has chosen the concepts
    and people (from inline tags, or from a partner's bundle).
    """
    fields = checked_fields(draft)
    local = draft.occurred_at
    values = {
        "uuid": uuid,
        "author_id": author_id,
        "text": draft.text,
        "occurred_at": local,
        "utc_offset": _offset_minutes(local),
        "local_date": local.date(),
        "created_at": created_at,
        "updated_at": updated_at,
        **fields,
    }
    if entry_id is None:
        entry = db.execute(insert(entry_table).values(values).returning(*VIEWED)).one()
    else:
        entry = db.execute(
            update(entry_table).where(_ENTRY.id == entry_id).values(values).returning(*VIEWED)
        ).one()
        _unlink(db, entry_id)
    _link(db, entry.id, concepts=concepts, people=people)
    return entry


def update_entry(
    db: Connection, entry_id: int, changes: EntryChanges, *, now: datetime
) -> EntryView:
    """Apply a correction to an entry and stamp it updated.

    ``#tags`` and ``@names`` taken out of the text take their concept and
    person off the entry, unless ``changes`` names its concepts or people.
    """
    entry = load_row(db, entry_id)
    _own(db, entry)
    unknown = changes.clear - set(CLEARABLE)
    if unknown:
        raise InvalidInputError(
            messages.BAD_CLEAR.format(
                field=sorted(unknown)[0].replace("_", "-"),
                fields=", ".join(name.replace("_", "-") for name in CLEARABLE),
            )
        )
    current = as_views(db, [entry])[0]
    text = entry.text if changes.text is None else vocab.entry_text(changes.text)
    merged = _merged(current, changes, text)
    fields = checked_fields(merged)
    before, inline = find_tags(entry.text), find_tags(text)
    tagged = resolve_concepts(db, inline.concepts)
    kept = resolve_concepts(db, merged.concepts)
    if changes.concepts is None:
        untagged = _known_concepts(db, before.concepts) - {c.id for c in tagged}
        kept = [c for c in kept if c.id not in untagged]
    concepts = list({c.id: c for c in [*kept, *tagged]}.values())
    names = list(merged.people)
    if changes.people is None:
        unnamed = {name.casefold() for name in before.people}
        unnamed -= {name.casefold() for name in inline.people}
        names = [name for name in names if name.casefold() not in unnamed]
    people = ensure_people(db, [*names, *inline.people], now=now)
    values = {"text": text, "updated_at": now, **fields}
    if changes.occurred_at is not None:
        values["occurred_at"] = changes.occurred_at
        values["utc_offset"] = _offset_minutes(changes.occurred_at)
        values["local_date"] = changes.occurred_at.date()
    db.execute(update(entry_table).where(_ENTRY.id == entry.id).values(values))
    _unlink(db, entry.id)
    _link(db, entry.id, concepts=concepts, people=people)
    if merged.private and not current.private:
        _removed(db, entry, local_date=values.get("local_date", _local_date(entry)), now=now)
    elif current.private and not merged.private:
        # Shared again: its new time outruns the removal wherever that went.
        db.execute(delete(removal).where(removal.c.uuid == entry.uuid))
    return get_entry(db, entry_id)


def delete_entry(db: Connection, entry_id: int, *, now: datetime) -> EntryView:
    """Remove an entry for good; returns what it was.

    A shared entry leaves a removal behind, so that the partner's copy goes too.
    """
    entry = load_row(db, entry_id)
    _own(db, entry)
    view = get_entry(db, entry_id)
    db.execute(delete(entry_table).where(_ENTRY.id == entry_id))
    if not entry.private:
        _removed(db, entry, local_date=_local_date(entry), now=now)
    elif db.execute(select(removal.c.id).where(removal.c.uuid == entry.uuid)).first() is None:
        # Never shared since it was made private: recorded here only, so that an older
        # export of this journal cannot bring it back (bundles never carry it).
        _removed(db, entry, local_date=_local_date(entry), now=now, shared=False)
    return view


def _own(db: Connection, entry: EntryRow) -> None:
    """Refuse to change a partner's entry: it changes only by a newer bundle from them."""
    author = db.execute(
        select(profile.c.name, profile.c.imported).where(profile.c.id == entry.author_id)
    ).one()
    if author.imported:
        raise ConnectlogError(messages.PARTNERS_ENTRY.format(id=entry.id, name=author.name))


def _local_date(entry: EntryRow) -> date:
    """The day ``entry`` was for its writer."""
    moment: datetime = entry.occurred_at
    return (moment + timedelta(minutes=entry.utc_offset)).date()


def _removed(
    db: Connection, entry: EntryRow, *, local_date: date, now: datetime, shared: bool = True
) -> None:
    """Record that ``entry`` left its writer's shared entries (or, not ``shared``, the
    journal) at ``now``."""
    db.execute(delete(removal).where(removal.c.uuid == entry.uuid))
    db.execute(
        insert(removal).values(
            uuid=entry.uuid,
            author_id=entry.author_id,
            local_date=local_date,
            removed_at=now,
            shared=shared,
        )
    )


def _known_concepts(db: Connection, names: Iterable[str]) -> set[int]:
    """The ids of the concepts ``names`` refer to, skipping any that no longer resolve."""
    ids: set[int] = set()
    for name in names:
        try:
            ids.update(found.id for found in resolve_concepts(db, [name]))
        except InvalidInputError:
            continue
    return ids


def _merged(current: EntryView, changes: EntryChanges, text: str) -> EntryDraft:
    values = {
        name: getattr(current, name) for name in (*CLEARABLE, "appreciation", "starred", "private")
    }
    for name in values:
        new = getattr(changes, name)
        if new is not None:
            values[name] = new
        if name in changes.clear:
            values[name] = () if name in ("people", "concepts") else None
    if changes.touch is not None and changes.kind is None and values["kind"] == "emotional":
        values["kind"] = "both"
    return EntryDraft(text=text, occurred_at=current.occurred_at, **values)


def checked_fields(draft: EntryDraft) -> dict[str, Any]:
    """The optional fields of ``draft``, validated and spelled as stored (the import's too)."""
    kind = draft.kind and vocab.choose(draft.kind, vocab.KINDS, field="kind")
    touch = draft.touch and vocab.choose(draft.touch, vocab.TOUCHES, field="touch")
    if touch and kind is None:
        kind = "physical"
    if touch and kind == "emotional":
        raise InvalidInputError(messages.TOUCH_NOT_EMOTIONAL)
    ratings = {
        name: None if value is None else vocab.rating(value, field=name.replace("_", " "))
        for name, value in (
            ("closeness", draft.closeness),
            ("mood_before", draft.mood_before),
            ("mood_after", draft.mood_after),
        )
    }
    return {
        "kind": kind,
        "touch": touch,
        "initiated_by": draft.initiated_by
        and vocab.choose(draft.initiated_by, vocab.INITIATORS, field="initiated by"),
        "response": draft.response
        and vocab.choose(draft.response, vocab.RESPONSES, field="response"),
        "appreciation": draft.appreciation,
        "starred": draft.starred,
        "private": draft.private,
        **ratings,
    }


def _link(
    db: Connection, entry_id: int, *, concepts: Iterable[Concept], people: Iterable[Person]
) -> None:
    tagged = [{"entry_id": entry_id, "concept_id": tag.id} for tag in concepts]
    if tagged:
        db.execute(insert(entry_concept), tagged)
    together = [{"entry_id": entry_id, "person_id": someone.id} for someone in people]
    if together:
        db.execute(insert(entry_person), together)


def _unlink(db: Connection, entry_id: int) -> None:
    db.execute(delete(entry_concept).where(entry_concept.c.entry_id == entry_id))
    db.execute(delete(entry_person).where(entry_person.c.entry_id == entry_id))


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)
