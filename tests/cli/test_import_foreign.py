"""``connectlog import`` of jrnl's and Day One's files, from the command line, end to end.

jrnl's files are the ones the real jrnl 4.6 wrote (tests/fixtures/jrnl/make.py);
Day One's are built in its shape as the Day One reader's tests build them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, Clock, assert_user_error, journal_dump, rows
from tests.fixtures.jrnl import make
from tests.unit.test_dayone_reader import entry, make_folder, make_zip, photo


@pytest.fixture(scope="session")
def written() -> dict[str, make.Files]:
    return make.built()


def test_jrnl_unknown_tags_are_listed_then_made_and_a_second_import_adds_nothing(
    cli: Cli, written: dict[str, make.Files], db_path: Path
) -> None:
    files = written["default"]
    cli.ok("add", "Already here")
    before = journal_dump(db_path)
    refused = cli("import", str(files.json))
    assert_user_error(refused, 1, "self-care", "no concept here", "--create-concepts")
    assert journal_dump(db_path) == before
    dry = cli.ok("import", str(files.json), "--dry-run")
    assert dry.stdout.startswith("Would import ") and "(jrnl) as Alex" in dry.stdout
    assert "unknown tags: " in dry.stdout and "self-care" in dry.stdout
    assert journal_dump(db_path) == before
    done = cli.ok("import", str(files.json), "--create-concepts")
    assert done.stderr.startswith(f"Imported {len(make.JOURNALS[0].entries)} entries")
    assert "new concepts: not-a-tag, überraschung, self-care" in done.stderr
    after = journal_dump(db_path)
    again = cli.ok("import", str(files.json), "--create-concepts")
    assert "Imported 0 entries" in again.stderr
    # The plain-text journal is the same journal: its entries are found, not doubled.
    text = cli.ok("import", str(files.text), "--create-concepts")
    assert "Imported 0 entries" in text.stderr
    assert journal_dump(db_path) == after
    starred = rows(db_path, "SELECT count(*) FROM entry WHERE starred")
    assert starred[0][0] >= 1  # jrnl's stars stay


def test_jrnl_tags_can_be_mapped(cli: Cli, written: dict[str, make.Files], db_path: Path) -> None:
    files = written["default"]
    maps = ["self-care=regulation", "not-a-tag=trust", "Überraschung=reward"]
    result = cli.ok("import", str(files.json), *[f"--map={value}" for value in maps])
    assert "Imported" in result.stderr
    concepts = rows(
        db_path,
        "SELECT DISTINCT c.name FROM entry_concept l JOIN concept c ON c.id = l.concept_id",
    )
    assert ("regulation",) in concepts and ("self-care",) not in concepts


def dayone_entries() -> list[dict[str, object]]:
    return [
        entry(1, text="Walk by the river", tags=["trust"], starred=True),
        entry(2, text="A photo of us", photos=[photo("P1"), photo("P2")]),
        entry(3, text="Quiet evening", tags=["Talk"]),
    ]


def test_a_day_one_zip_imports_and_says_what_it_left_behind(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    archive = make_zip(tmp_path / "export.zip", {"Journal": dayone_entries()})
    result = cli.ok("import", str(archive))
    assert result.stderr.startswith(f"Imported 3 entries from {archive} (dayone) as Alex")
    assert "2 left behind (photos and other attachments)" in result.stderr
    assert rows(db_path, "SELECT text, starred FROM entry WHERE starred") == [
        ("Walk by the river", 1)
    ]
    uuids = rows(db_path, "SELECT uuid FROM entry ORDER BY uuid")
    assert all(len(uuid) == 36 and uuid == uuid.lower() for (uuid,) in uuids)
    before = journal_dump(db_path)
    folder = make_folder(tmp_path / "unzipped", {"Journal": dayone_entries()})
    again = cli.ok("import", str(folder))
    assert "Imported 0 entries" in again.stderr and "3 already here" in again.stderr
    assert journal_dump(db_path) == before


def test_a_moment_after_the_journals_clock_is_in_the_future_for_every_reader(
    cli: Cli, clock: Clock, tmp_path: Path, db_path: Path
) -> None:
    """The readers take now from the command, as the rest of the import does."""
    from tests.unit.test_jrnl_reader import entry as jrnl_entry
    from tests.unit.test_jrnl_reader import export as jrnl_export

    cli.ok("add", "Already here")
    before = journal_dump(db_path)
    # After the tests' stopped clock (2026-11-22 21:00), before the day these tests ran.
    day_one = make_folder(
        tmp_path / "dayone", {"Journal": [entry(1, creationDate="2026-12-01T19:00:00Z")]}
    )
    jrnl = tmp_path / "jrnl.json"
    # jrnl's wall-clock times are refused a minute past now (its reader's rule), not a day.
    jrnl.write_bytes(jrnl_export(jrnl_entry(date="2026-11-23", time="20:15")))
    for path in (day_one, jrnl):
        assert_user_error(cli("import", str(path)), 1, "in the future")
    assert journal_dump(db_path) == before
