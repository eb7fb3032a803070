"""Writing an import's new entries in bulk: thousands a statement, their links after them.

An import of years of writing adds 100,000 entries; one ``INSERT`` each, with
its links, would take minutes. Here each chunk is one executemany, and the
numbers the journal gave its entries are read back by their uuids for their
links.
The full-text index follows: by its triggers for a few entries, and for many
in one statement after them (``storage/search.py: indexed_after``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from connectlog.journal.types.imports import Progress
from connectlog.storage import search
from connectlog.storage.bulk import insert_rows
from connectlog.storage.tables import entry, entry_concept, entry_person

#: How many entries one statement writes.
CHUNK = 2000
#: What an import's progress calls writing.
WRITING = "Writing"

#: A new entry: its columns, and the ids of its concepts and people.
NewEntry = tuple[dict[str, Any], Sequence[int], Sequence[int]]


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def insert_entries(
    db: Connection, entries: Iterable[NewEntry], *, total: int, progress: Progress
) -> int:
    """Insert ``entries`` (``total`` of them) with their links; returns how many."""
    with search.indexed_after(db, adding=total):
        return _insert(db, entries, total=total, progress=progress)


def _insert(db: Connection, entries: Iterable[NewEntry], *, total: int, progress: Progress) -> int:
    done = 0
    rest = iter(entries)
    while batch := list(itertools.islice(rest, CHUNK)):
        columns = list(batch[0][0])
        insert_rows(db, entry, columns, [list(values.values()) for values, _, _ in batch])
        # The numbers the journal gave them, by uuid, for their links.
        numbered = dict(
            db.execute(
                select(entry.c.uuid, entry.c.id).where(
                    entry.c.uuid.in_([values["uuid"] for values, _, _ in batch])
                )
            ).all()
        )
        ids = [numbered[values["uuid"]] for values, _, _ in batch]
        insert_rows(
            db,
            entry_concept,
            ("entry_id", "concept_id"),
            [
                (entry_id, concept_id)
                for entry_id, (_, concepts, _) in zip(ids, batch, strict=True)
                for concept_id in concepts
            ],
        )
        insert_rows(
            db,
            entry_person,
            ("entry_id", "person_id"),
            [
                (entry_id, person_id)
                for entry_id, (_, _, people) in zip(ids, batch, strict=True)
                for person_id in people
            ],
        )
        done += len(batch)
        progress(WRITING, done, total)
    return done
