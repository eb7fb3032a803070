"""Where the journal lives, how its file is set up, and two processes writing at once."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.exc import IntegrityError

from connectlog.paths import JournalLocation
from connectlog.storage import tables
from connectlog.storage.session import BUSY_TIMEOUT_MS, open_engine
from connectlog.storage.store import Journal, open_journal
from tests.conftest import Cli, rows

# Adds entries through the journal layer, each in its own write transaction.
WRITER = """\
import sys
from datetime import datetime, timedelta
from pathlib import Path

from connectlog.journal.entries import record_entry
from connectlog.journal.types.entries import EntryDraft
from connectlog.storage.store import open_journal
from connectlog.paths import JournalLocation

path, label, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
journal = open_journal(JournalLocation(path=path))
now = datetime.now().astimezone()
print("ready", flush=True)
try:
    for number in range(count):
        with journal.writing() as db:
            draft = EntryDraft(
                text=f"{label} moment {number} with @Sam #touch",
                occurred_at=now - timedelta(minutes=number),
            )
            record_entry(db, draft, author="me", now=now)
finally:
    journal.close()
print("done", flush=True)
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    opened = open_journal(JournalLocation(path=db_path))
    yield opened
    opened.close()


@pytest.fixture
def writer(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    return script


def start_writer(script: Path, db_path: Path, label: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script), str(db_path), label, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


# --- where the journal is ----------------------------------------------------------------


def test_db_option_wins_over_the_environment(cli: Cli, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.db"
    result = cli.ok("--db", str(chosen), "db", "path")
    assert result.stdout == f"{chosen}\n"


def test_environment_is_used_without_the_option(cli: Cli, db_path: Path) -> None:
    assert cli.ok("db", "path").stdout == f"{db_path}\n"


def test_default_is_the_user_data_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONNECTLOG_DB")
    expected = tmp_path / "home" / ".local" / "share" / "connectlog" / "journal.db"
    assert cli.ok("db", "path").stdout == f"{expected}\n"


def test_a_relative_or_home_db_path_is_printed_absolute(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.ok("--db", "here.db", "db", "path").stdout == f"{tmp_path / 'here.db'}\n"
    assert cli.ok("--db", "~/j.db", "db", "path").stdout == f"{tmp_path / 'home' / 'j.db'}\n"


def test_a_database_url_is_printed_without_its_password(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONNECTLOG_DB")
    monkeypatch.setenv("CONNECTLOG_DATABASE_URL", "postgresql://sam:s3cret@db.example/journal")
    result = cli.ok("db", "path")
    assert "s3cret" not in result.stdout
    assert result.stdout.startswith("postgresql://sam:")
    assert "db.example/journal" in result.stdout


def test_db_path_does_not_create_the_journal(cli: Cli, db_path: Path) -> None:
    cli.ok("db", "path")
    assert not db_path.exists()


def test_the_option_is_the_journal_that_commands_use(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    chosen = tmp_path / "chosen.db"
    cli.ok("--db", str(chosen), "add", "Hugged Sam at the station")
    assert rows(chosen, "SELECT text FROM entry") == [("Hugged Sam at the station",)]
    assert not db_path.exists()


# --- file and folder permissions -----------------------------------------------------------


def test_a_new_journal_file_is_private(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Hugged Sam at the station")
    assert mode(db_path) == 0o600


def test_every_folder_connectlog_makes_for_the_journal_is_private(cli: Cli, tmp_path: Path) -> None:
    nested = tmp_path / "made" / "by" / "connectlog" / "journal.db"
    cli.ok("--db", str(nested), "add", "Hugged Sam at the station")
    assert mode(nested) == 0o600
    for folder in (tmp_path / "made", tmp_path / "made" / "by", nested.parent):
        assert mode(folder) == 0o700, folder


def test_an_existing_folder_keeps_its_permissions(cli: Cli, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    cli.ok("--db", str(shared / "journal.db"), "add", "Hugged Sam at the station")
    assert mode(shared) == 0o755
    assert mode(shared / "journal.db") == 0o600


def test_the_default_journal_and_its_folder_are_private(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONNECTLOG_DB")
    cli.ok("add", "Hugged Sam at the station")
    path = tmp_path / "home" / ".local" / "share" / "connectlog" / "journal.db"
    assert rows(path, "SELECT text FROM entry") == [("Hugged Sam at the station",)]
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert cli.ok("db", "path").stdout == f"{path}\n"


def test_an_existing_journal_readable_by_others_is_made_private(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Hugged Sam at the station")
    db_path.chmod(0o644)
    cli.ok("list")
    assert mode(db_path) == 0o600


def test_a_folder_in_the_way_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    result = cli("--db", str(blocker / "journal.db"), "add", "Hugged Sam")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("Error: Cannot open the journal at ")
    assert "Traceback" not in result.stderr
    assert blocker.read_text() == "a file, not a folder"


def test_a_folder_given_as_the_journal_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = cli("--db", str(folder), "list")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"Error: {folder} is a folder, not a journal file;")
    assert list(folder.iterdir()) == []


# --- connection settings -------------------------------------------------------------------


def test_the_journal_file_is_in_wal_mode(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Hugged Sam at the station")
    assert rows(db_path, "PRAGMA journal_mode") == [("wal",)]


def test_a_journal_in_rollback_mode_is_switched_to_wal_on_open(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Hugged Sam at the station")
    rows(db_path, "PRAGMA journal_mode = DELETE")
    assert rows(db_path, "PRAGMA journal_mode") == [("delete",)]
    cli.ok("list")
    assert rows(db_path, "PRAGMA journal_mode") == [("wal",)]


def test_engine_connections_enforce_foreign_keys_and_wait_when_busy(db_path: Path) -> None:
    engine = open_engine(JournalLocation(path=db_path))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        assert BUSY_TIMEOUT_MS >= 5_000
    finally:
        engine.dispose()


def test_a_link_to_a_missing_row_is_refused(journal: Journal) -> None:
    with pytest.raises(IntegrityError), journal.writing() as db:
        db.execute(text("INSERT INTO entry_person (entry_id, person_id) VALUES (404, 404)"))


def test_database_errors_never_carry_what_was_written(journal: Journal) -> None:
    insert = text(
        "INSERT INTO profile (uuid, name, key, imported, created_at) "
        "VALUES (:name, :name, 'same', 0, '2026-11-20 10:00:00')"
    )
    with pytest.raises(IntegrityError) as caught, journal.writing() as db:
        db.execute(insert, {"name": "my private words"})
        db.execute(insert, {"name": "my private words"})
    assert "UNIQUE constraint failed" in str(caught.value)
    assert "my private words" not in str(caught.value)


def record_transaction_starts(engine: Engine) -> list[str]:
    seen: list[str] = []

    def remember(connection, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.upper().startswith("BEGIN"):
            seen.append(statement.upper())

    event.listen(engine, "before_cursor_execute", remember)
    return seen


def test_write_sessions_begin_immediate_and_read_sessions_do_not(journal: Journal) -> None:
    seen = record_transaction_starts(journal.engine)
    with journal.writing() as db:
        db.execute(text("SELECT count(*) FROM entry"))
    with journal.reading() as db:
        db.execute(text("SELECT count(*) FROM entry"))
    assert seen == ["BEGIN IMMEDIATE", "BEGIN DEFERRED"]


def test_a_writer_waits_for_the_lock_instead_of_failing(
    journal: Journal, writer: Path, db_path: Path
) -> None:
    with journal.writing() as db:
        # Only a read so far, yet the write lock is held from BEGIN IMMEDIATE on.
        db.execute(text("SELECT count(*) FROM entry"))
        process = start_writer(writer, db_path, "waiting", 1)
        try:
            assert process.stdout is not None
            assert process.stdout.readline() == "ready\n"
            time.sleep(0.5)
            assert process.poll() is None, process.communicate()
            db.execute(
                text(
                    "INSERT INTO profile (uuid, name, key, imported, created_at) "
                    "VALUES ('robin-uuid', 'Robin', 'robin', 0, '2026-11-20 10:00:00')"
                )
            )
        except BaseException:
            process.kill()
            process.communicate()
            raise
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert stderr == ""
    assert stdout == "done\n"
    assert rows(db_path, "SELECT text FROM entry") == [("waiting moment 0 with @Sam #touch",)]
    assert rows(db_path, "SELECT name FROM profile ORDER BY name") == [("Robin",), ("me",)]


def test_two_processes_adding_entries_at_once_both_succeed(writer: Path, db_path: Path) -> None:
    # The journal does not exist yet: both processes also race to create and migrate it.
    processes = [start_writer(writer, db_path, label, 100) for label in ("first", "second")]
    outcomes = [process.communicate(timeout=60) for process in processes]
    for process, (stdout, stderr) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, stderr
        assert stderr == ""
        assert stdout == "ready\ndone\n"
    counts = rows(
        db_path,
        "SELECT substr(text, 1, instr(text, ' ') - 1), count(*) FROM entry GROUP BY 1 ORDER BY 1",
    )
    assert counts == [("first", 100), ("second", 100)]
    assert rows(db_path, "SELECT count(DISTINCT uuid) FROM entry") == [(200,)]
    assert rows(db_path, "SELECT name FROM profile") == [("me",)]
    assert rows(db_path, "SELECT name FROM person") == [("Sam",)]
    assert rows(db_path, "SELECT count(*) FROM entry_person") == [(200,)]
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("2026-11-20 19:00:00.000000", datetime(2026, 11, 20, 19, 0, tzinfo=UTC)),
        ("2026-11-20 19:00:00", datetime(2026, 11, 20, 19, 0, tzinfo=UTC)),
        ("2026-11-20T20:00:00+01:00", datetime(2026, 11, 20, 19, 0, tzinfo=UTC)),
    ],
)
def test_stored_times_read_back_aware_in_utc(
    journal: Journal, stored: str, expected: datetime
) -> None:
    # As connectlog writes them, and as another program might have.
    with journal.reading() as db:  # rolled back afterwards
        db.execute(
            text(
                "INSERT INTO profile (id, uuid, name, key, imported, created_at)"
                " VALUES (1, 'u', 'A', 'a', 0, :stored)"
            ),
            {"stored": stored},
        )
        (created,) = db.execute(select(tables.profile.c.created_at)).one()
    assert created == expected
    assert created.utcoffset() == timedelta(0)
