"""A whole journal, to carry elsewhere: everything it holds, nothing it can work out again.

The entries are not read here but handed on as an iterator, read a chunk at
a time while they are written out, so exporting a journal of any size holds
only a chunk of it. Counts and other figures a journal derives from its
entries are left out: they would tell how many private entries an export
without them leaves behind. For the same reason such an export names only the
people and your own concepts that an entry in it names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Table, exists, select

from connectlog.journal.concepts import ConceptInfo, list_concepts
from connectlog.journal.entries import EntryView, count_entries, every_entry
from connectlog.journal.profiles import aliases_by_profile
from connectlog.journal.reviews import ReviewView, list_reviews
from connectlog.storage.tables import concept, entry, entry_concept, entry_person, person, profile


@dataclass(frozen=True)
class ProfileRecord:
    name: str
    uuid: str
    aliases: tuple[str, ...]
    imported: bool  # a partner's, come in with a shared bundle
    created_at: datetime


@dataclass(frozen=True)
class PersonRecord:
    name: str
    created_at: datetime


@dataclass(frozen=True)
class JournalExport:
    """A journal as it stood when the export began (it is read in one transaction)."""

    exported_at: datetime
    private: bool  # private entries are in it
    profiles: list[ProfileRecord]
    concepts: list[ConceptInfo]  # by name; their ``count`` is not exported
    people: list[PersonRecord]
    reviews: list[ReviewView]  # oldest week first
    count: int  # how many entries ``entries`` yields
    entries: Iterator[EntryView]  # oldest first; read while it is consumed


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
        )
        for row in db.execute(select(profile).order_by(profile.c.imported, profile.c.id))
    ]
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
