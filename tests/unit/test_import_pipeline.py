"""Another program's entries through the import's pipeline, as a reader hands them over.

Built by hand here (``Incoming``), so the rules are tested apart from any reader:
tags to concepts, @mentions to people, identities, duplicates, one write.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from connectlog.errors import ConnectlogError, InvalidInputError
from connectlog.journal.entries import delete_entry
from connectlog.journal.imports.foreign import entry_uuid, import_incoming
from connectlog.journal.profiles import create_profile
from connectlog.journal.types.imports import ImportReport, Incoming, IncomingEntry, no_progress
from connectlog.paths import JournalLocation
from connectlog.storage.store import open_journal
from connectlog.storage.tables import concept, concept_alias, entry, entry_concept, person
from tests.journal_contents import everything

BERLIN = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 22, 21, 0, tzinfo=BERLIN)


def at(day: int, hour: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Connection]:
    journal = open_journal(JournalLocation(path=tmp_path / "journal.db"))
    with journal.reading() as connection:  # rolled back at the end
        yield connection
    journal.close()


def run(
    db: Connection,
    entries: list[IncomingEntry],
    *,
    format_: str = "jrnl",
    left_behind: int = 0,
    **options: Any,
) -> ImportReport:
    settings: dict[str, Any] = {
        "chosen": None,
        "mapping": {},
        "create_concepts": False,
        "dry_run": False,
        **options,
    }
    incoming = Incoming(format=format_, entries=tuple(entries), left_behind=left_behind)
    return import_incoming(
        db, incoming, path="journal.json", now=NOW, progress=no_progress, **settings
    )


def tagged(db: Connection) -> dict[str, list[str]]:
    rows = db.execute(
        select(entry.c.text, concept.c.name)
        .join(entry_concept, entry_concept.c.entry_id == entry.c.id)
        .join(concept, concept.c.id == entry_concept.c.concept_id)
        .order_by(concept.c.name)
    )
    found: dict[str, list[str]] = {}
    for text, name in rows:
        found.setdefault(text, []).append(name)
    return found


ENTRIES = [
    IncomingEntry("Walk by the river #trust", at(16), tags=("trust",)),
    IncomingEntry("Long talk about work", at(17), tags=("Talk", "listening"), starred=True),
    IncomingEntry("Held hands", at(18), tags=("touch",)),
]


def test_tags_become_concepts_by_their_names_and_aliases_and_stars_stay(db: Connection) -> None:
    report = run(db, ENTRIES)
    assert (report.added, report.unchanged, report.unknown) == (3, 0, ())
    assert tagged(db) == {
        "Walk by the river #trust": ["trust"],
        "Long talk about work": ["communication"],  # talk and listening are its aliases
        "Held hands": ["touch"],
    }
    starred = db.execute(select(entry.c.text).where(entry.c.starred.is_(True))).scalars().all()
    assert starred == ["Long talk about work"]
    assert report.writer == "Alex"  # made on first use, after the login


def test_importing_again_finds_every_entry_and_changes_nothing(db: Connection) -> None:
    run(db, ENTRIES)
    before = everything(db)
    report = run(db, ENTRIES)
    assert (report.added, report.unchanged) == (0, 3)
    assert everything(db) == before


def test_an_entry_deleted_since_is_not_brought_back(db: Connection) -> None:
    run(db, ENTRIES)
    first = db.execute(select(entry.c.id).order_by(entry.c.id)).scalars().first()
    assert first is not None
    delete_entry(db, first, now=NOW)
    before = everything(db)
    assert run(db, ENTRIES).added == 0
    assert everything(db) == before


def test_unknown_tags_are_listed_and_nothing_is_written(db: Connection) -> None:
    before = everything(db)
    entries = [*ENTRIES, IncomingEntry("Board games", at(19), tags=("games", "Chess"))]
    with pytest.raises(ConnectlogError) as refused:
        run(db, entries)
    assert str(refused.value) == (
        "The tags games, chess are no concept here. Map each with --map TAG=CONCEPT "
        "(--map games=trust), or make them concepts with --create-concepts. Nothing was imported."
    )
    assert everything(db) == before


def test_a_dry_run_lists_unknown_tags_and_writes_nothing(db: Connection) -> None:
    before = everything(db)
    entries = [*ENTRIES, IncomingEntry("Board games", at(19), tags=("games",))]
    report = run(db, entries, dry_run=True)
    assert (report.dry_run, report.added, report.unknown) == (True, 4, ("games",))
    assert everything(db) == before


def test_map_sends_a_tag_to_a_concept_and_makes_it_an_alias(db: Connection) -> None:
    entries = [IncomingEntry("Board games #games", at(19), tags=("games",))]
    report = run(db, entries, mapping={"#Games": "reward"})
    assert report.mapped == (("games", "reward"),)
    assert tagged(db) == {"Board games #games": ["reward"]}
    aliases = db.execute(select(concept_alias.c.alias)).scalars().all()
    assert "games" in aliases  # so the #games in its text finds reward when it is edited


def test_map_to_a_concept_that_is_not_there_is_bad_usage(db: Connection) -> None:
    entries = [IncomingEntry("Board games", at(19), tags=("games",))]
    with pytest.raises(InvalidInputError, match="--map games=nonsense: No concept called"):
        run(db, entries, mapping={"games": "nonsense"})


def test_create_concepts_makes_the_unknown_ones(db: Connection) -> None:
    entries = [IncomingEntry("Board games", at(19), tags=("games", "Date Night"))]
    report = run(db, entries, create_concepts=True)
    assert report.created_concepts == ("games", "date-night")
    assert tagged(db) == {"Board games": ["date-night", "games"]}


def test_a_tag_that_cannot_be_a_name_must_be_mapped(db: Connection) -> None:
    entries = [IncomingEntry("Year in review", at(19), tags=("2025",))]
    with pytest.raises(ConnectlogError, match="--map '2025=CONCEPT'"):
        run(db, entries, create_concepts=True)
    assert run(db, entries, mapping={"2025": "repair"}).added == 1


def test_a_tag_written_as_an_at_mention_is_that_person(db: Connection) -> None:
    entries = [IncomingEntry("Dinner with @Sam #trust", at(19), tags=("Sam", "trust"))]
    report = run(db, entries)
    assert report.people == ("sam",) and report.unknown == ()
    assert db.execute(select(person.c.name)).scalars().all() == ["Sam"]
    assert tagged(db) == {"Dinner with @Sam #trust": ["trust"]}


def test_duplicates_empty_entries_and_attachments_are_counted(db: Connection) -> None:
    entries = [*ENTRIES, ENTRIES[0], IncomingEntry("  \n ", at(20))]
    report = run(db, entries, left_behind=4)
    assert (report.entries, report.added, report.duplicates) == (5, 3, 1)
    assert (report.empty, report.left_behind) == (1, 4)


def test_a_file_identifier_becomes_the_uuid_and_one_is_derived_otherwise() -> None:
    dayone = IncomingEntry("x", at(16), uuid="F1B3C0DE2A4B4C5D8E9F0A1B2C3D4E5F")
    assert entry_uuid("dayone", dayone) == "f1b3c0de-2a4b-4c5d-8e9f-0a1b2c3d4e5f"
    jrnl = IncomingEntry("Walk  ", at(16))
    assert entry_uuid("jrnl", jrnl) == entry_uuid("jrnl", IncomingEntry("Walk", at(16)))
    later = IncomingEntry("Walk", at(16).astimezone(UTC))  # another offset, same time
    assert entry_uuid("jrnl", later) != entry_uuid("jrnl", jrnl)  # the wall clock is the identity
    assert entry_uuid("jrnl", jrnl) != entry_uuid("dayone", jrnl)


def test_no_one_imports_as_a_partner(db: Connection) -> None:
    create_profile(db, "Sam", now=NOW, imported=True)
    with pytest.raises(ConnectlogError, match="no one writes as Sam"):
        run(db, ENTRIES, chosen="Sam")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (IncomingEntry("Hi \x1b[2J", at(16)), "Entry 1 of the file: text holds a control"),
        (IncomingEntry("x" * 100_001, at(16)), "Entry 1 of the file: text is longer than"),
        (IncomingEntry("From the future", NOW + timedelta(days=3)), "is in the future"),
        (IncomingEntry("Long ago", datetime(1960, 1, 1, tzinfo=BERLIN)), "before 1970"),
    ],
    ids=["control character", "too long", "future", "before 1970"],
)
def test_an_entry_no_journal_can_hold_refuses_the_file(
    db: Connection, bad: IncomingEntry, message: str
) -> None:
    before = everything(db)
    with pytest.raises(ConnectlogError, match=message):
        run(db, [bad, *ENTRIES])
    assert everything(db) == before
