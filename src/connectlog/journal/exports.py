"""A whole journal, to carry elsewhere: everything it holds, nothing it can work out again.

The entries are not read here but handed on as an iterator, read a chunk at
a time while they are written out, so exporting a journal of any size holds
only a chunk of it. Counts and other figures a journal derives from its
entries are left out: they would tell how many private entries an export
without them leaves behind. For the same reason such an export names only the
people and your own concepts that an entry in it names.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Table, exists, select

from connectlog.journal.concepts import list_concepts
from connectlog.journal.profiles import aliases_by_profile
from connectlog.journal.queries import count_entries, every_entry
from connectlog.journal.reviews import list_reviews
from connectlog.journal.sharing import review_records
from connectlog.journal.types.exports import (
    JournalExport,
    PersonRecord,
    ProfileRecord,
    RemovalExport,
)
from connectlog.storage.tables import (
    concept,
    entry,
    entry_concept,
    entry_person,
    person,
    profile,
    removal,
    review,
)


def export_journal(db: Connection, *, private: bool, now: datetime) -> JournalExport:
    """The journal ``db`` holds, with its private entries if ``private``.

    ``entries`` reads from ``db``: consume it before the connection closes.
    """
    aliases = aliases_by_profile(db)
    profiles = [
        ProfileRecord(
            name=row.name,
            uuid=row.uuid,
            aliases=tuple(aliases.get(row.id, ())),
            imported=row.imported,
            created_at=row.created_at,
            sent_name=row.sent_name,
        )
        for row in db.execute(select(profile).order_by(profile.c.imported, profile.c.id))
    ]
    by_id = dict(db.execute(select(profile.c.id, profile.c.uuid)).all())
    people = select(person.c.name, person.c.created_at).order_by(person.c.key)
    concepts = sorted(list_concepts(db), key=lambda info: info.name)
    if not private:
        people = people.where(_in_shown(entry_person, entry_person.c.person_id == person.c.id))
        shown = _shown_concepts(db)
        concepts = [info for info in concepts if info.builtin or info.name in shown]
    return JournalExport(
        exported_at=now,
        private=private,
        profiles=profiles,
        concepts=concepts,
        people=[
            PersonRecord(name=row.name, created_at=row.created_at) for row in db.execute(people)
        ],
        reviews=list_reviews(db)[::-1],
        count=count_entries(db, private=private),
        entries=every_entry(db, private=private),
        review_lines={
            record["uuid"]: record["lines"]
            for record in review_records(
                db, db.execute(select(review)).all(), shared_only=not private
            )
        },
        # A removal of an entry made private tells that it is there: only a whole export
        # carries them.
        removals=[
            RemovalExport(
                uuid=row.uuid,
                author=by_id[row.author_id],
                local_date=row.local_date,
                removed_at=row.removed_at,
                shared=row.shared,
            )
            for row in db.execute(select(removal).order_by(removal.c.removed_at, removal.c.uuid))
        ]
        if private
        else [],
    )


def _in_shown(link: Table, linked: ColumnElement[bool]) -> ColumnElement[bool]:
    """Whether a non-private entry is ``linked`` through ``link`` (a person or concept link)."""
    return exists().where(linked, link.c.entry_id == entry.c.id, entry.c.private.is_(False))


def _shown_concepts(db: Connection) -> set[str]:
    """The names of the concepts some non-private entry is tagged with."""
    statement = select(concept.c.name).where(
        _in_shown(entry_concept, entry_concept.c.concept_id == concept.c.id)
    )
    return set(db.execute(statement).scalars())
