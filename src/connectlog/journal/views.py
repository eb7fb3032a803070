"""Turning stored rows into views: an entry with its people's, concepts' and author's names."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, select

from connectlog import messages
from connectlog.errors import NotFoundError
from connectlog.journal import vocab
from connectlog.journal.types.entries import EntryView
from connectlog.storage.tables import concept, entry_concept, entry_person, person, profile
from connectlog.storage.tables import entry as entry_table

#: An entry's row, as stored (see :data:`connectlog.storage.tables.entry`).
EntryRow = Row[Any]
_ENTRY = entry_table.c

#: The columns a view is made from: the first six are turned into the view's
#: first seven fields by :func:`as_view`, the rest are the view's last fields as they are.
VIEWED: tuple[ColumnElement[Any], ...] = (
    _ENTRY.id,
    _ENTRY.uuid,
    _ENTRY.text,
    _ENTRY.occurred_at,
    _ENTRY.utc_offset,
    _ENTRY.author_id,
    _ENTRY.kind,
    _ENTRY.touch,
    _ENTRY.closeness,
    _ENTRY.initiated_by,
    _ENTRY.response,
    _ENTRY.mood_before,
    _ENTRY.mood_after,
    _ENTRY.appreciation,
    _ENTRY.starred,
    _ENTRY.private,
    _ENTRY.created_at,
    _ENTRY.updated_at,
)

_MAX_ID = vocab.ENTRY_NUMBER_LIMIT  # larger numbers cannot name an entry


def get_entry(db: Connection, entry_id: int) -> EntryView:
    """One entry by its number."""
    return as_views(db, [load_row(db, entry_id)])[0]


def numbered_entries(db: Connection, wanted: Sequence[tuple[int, int]]) -> list[EntryView]:
    """The entries numbered ``wanted``, in that order, each once.

    Each pair is a range, first to last: a range of one (``(3, 3)``) must name
    an entry; a longer one holds the entries that are in it (some may have been
    deleted) and must hold one at least.
    """
    rows: dict[int, EntryRow] = {}
    for first, last in wanted:
        if first == last:
            rows.setdefault(first, load_row(db, first))
            continue
        found: Sequence[EntryRow] = []
        if first <= _MAX_ID:
            between = _ENTRY.id.between(first, min(last, _MAX_ID))
            found = db.execute(select(*VIEWED).where(between).order_by(_ENTRY.id)).all()
        if not found:
            raise NotFoundError(messages.NO_ENTRIES_NUMBERED.format(first=first, last=last))
        for row in found:
            rows.setdefault(row.id, row)
    listed = list(rows.values())
    # A range may hold many entries: their names are read a chunk at a time.
    return [
        view for at in range(0, len(listed), 500) for view in as_views(db, listed[at : at + 500])
    ]


def load_row(db: Connection, entry_id: int) -> EntryRow:
    """An entry's row of :data:`VIEWED` columns, by its number."""
    entry: EntryRow | None = None
    if 0 < entry_id <= _MAX_ID:
        entry = db.execute(select(*VIEWED).where(_ENTRY.id == entry_id)).first()
    if entry is None:
        raise NotFoundError(messages.NO_ENTRY.format(id=entry_id))
    return entry


def as_views(db: Connection, entries: Iterable[Any]) -> list[EntryView]:
    """Views of ``entries`` (rows of :data:`VIEWED` columns) with their names, in three queries."""
    entries = list(entries)
    wanted = [entry.id for entry in entries]
    people = _names(db, entry_person.c.entry_id, entry_person.c.person_id, person, wanted)
    concepts = _names(db, entry_concept.c.entry_id, entry_concept.c.concept_id, concept, wanted)
    authors = dict(db.execute(select(profile.c.id, profile.c.name)).all())  # a handful
    return [as_view(entry, authors=authors, people=people, concepts=concepts) for entry in entries]


def _names(
    db: Connection, linked: Any, other: Any, named: Any, wanted: Any
) -> dict[int, list[str]]:
    """The names (of people or concepts) of the ``wanted`` entries, by entry, alphabetically."""
    grouped: dict[int, list[str]] = {}
    for entry_id, name in db.execute(
        select(linked, named.c.name)
        .join(named, named.c.id == other)
        .where(linked.in_(wanted))
        .order_by(named.c.name)
    ).all():
        grouped.setdefault(entry_id, []).append(name)
    return grouped


def named_ids(names: dict[int, str]) -> Callable[[str | None], tuple[str, ...]]:
    """Reads ``names``' ids joined in one text as their names, alphabetically.

    Entries share a few combinations of people and of concepts, so each is read once.
    """
    known: dict[str | None, tuple[str, ...]] = {None: ()}

    def named(ids: str | None) -> tuple[str, ...]:
        found = known.get(ids)
        if found is None:
            assert ids is not None
            found = known[ids] = tuple(sorted(names[int(one)] for one in ids.split(",")))
        return found

    return named


def as_view(
    entry: Any,
    *,
    authors: dict[int, str],
    people: dict[int, list[str]],
    concepts: dict[int, list[str]],
) -> EntryView:
    """The view of one row of :data:`VIEWED` columns (unpacked, as a listing makes thousands)."""
    entry_id, uuid, text, occurred_at, utc_offset, author_id, *stored = entry
    return EntryView(
        entry_id,
        uuid,
        text,
        occurred_at.astimezone(zone_of(utc_offset)),
        authors.get(author_id, ""),
        tuple(people.get(entry_id, ())),
        tuple(concepts.get(entry_id, ())),
        *stored,
    )


@functools.cache
def zone_of(offset_minutes: int) -> timezone:
    """The fixed zone of an offset in minutes, as stored; entries share a handful of them.

    The one cache of zones: every view and moment made from a row goes through it.
    """
    return timezone(timedelta(minutes=offset_minutes))
