"""backup and restore: whole copies of the journal, taken and put back safely.

A backup is a sound journal even while another process writes; a restore
checks a file from elsewhere before anything changes, upgrades an older one,
keeps the journal it replaces, and never leaves half a journal.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from connectlog.storage import migrate
from connectlog.storage.backup import KEEP, list_backups
from tests.conftest import Cli, Clock, assert_user_error, journal_dump, rows
from tests.test_migrations import FIRST_UUID, SECOND_UUID, make_first_revision_journal


def integrity(path: Path) -> str:
    (result,) = rows(path, "PRAGMA integrity_check")[0]
    return str(result)


def texts(path: Path) -> list[str]:
    return [text for (text,) in rows(path, "SELECT text FROM entry ORDER BY id")]


def folder_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def journal(cli: Cli, db_path: Path) -> Path:
    cli.ok("add", "Held hands on the walk home #touch", "--with", "Sam", "-c", "4")
    cli.ok("add", "A private talk about the move", "--private")
    return db_path


# --- backup ------------------------------------------------------------------------------


def test_a_backup_goes_to_the_backups_folder_as_a_private_sound_journal(
    cli: Cli, journal: Path, clock: Clock
) -> None:
    result = cli.ok("backup")

    (backup,) = list_backups(journal)
    assert backup == journal.parent / "backups" / "journal-20261122T200000Z.db"
    assert result.stdout == ""
    assert result.stderr == f"Backed up the journal (2 entries) to {backup}.\n"
    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.parent.stat().st_mode & 0o777 == 0o700
    assert integrity(backup) == "ok"
    assert journal_dump(backup) == journal_dump(journal)
    assert rows(backup, "PRAGMA journal_mode") == [("delete",)]  # one file, nothing beside
    assert folder_names(backup.parent) == [backup.name]


def test_the_last_ten_backups_are_kept_and_nothing_else_is_touched(
    cli: Cli, journal: Path, clock: Clock
) -> None:
    folder = journal.parent / "backups"
    folder.mkdir(mode=0o700)
    (folder / "notes.txt").write_text("mine")
    (folder / "other-20200101T000000Z.db").write_text("another journal's")
    made = []
    for _ in range(KEEP + 2):
        clock.set(clock.now + timedelta(hours=1))
        result = cli.ok("backup")
        made.append(list_backups(journal)[-1])
    assert list_backups(journal) == made[-KEEP:]
    assert "Removed 1 old backup older than the last 10." in result.stderr
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "other-20200101T000000Z.db").exists()


def test_two_backups_in_one_second_are_both_kept(cli: Cli, journal: Path, clock: Clock) -> None:
    cli.ok("backup")
    cli.ok("backup")
    assert [path.name for path in list_backups(journal)] == [
        "journal-20261122T200000Z.db",
        "journal-20261122T200000Z-2.db",
    ]


def test_backup_to_a_file_writes_it_there_and_keeps_no_others(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "copy.db"
    target.parent.mkdir()
    result = cli.ok("backup", "-o", str(target))
    assert f"to {target}." in result.stderr
    assert journal_dump(target) == journal_dump(journal)
    assert target.stat().st_mode & 0o777 == 0o600
    assert not (journal.parent / "backups").exists()
    assert folder_names(target.parent) == ["copy.db"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_backup_never_writes_over_the_journal(cli: Cli, journal: Path, suffix: str) -> None:
    before = journal_dump(journal)
    assert_user_error(cli("backup", "-o", f"{journal}{suffix}"), 1, "is the journal itself")
    assert journal_dump(journal) == before
    assert integrity(journal) == "ok"


def test_backup_to_stdout_is_bad_usage(cli: Cli, journal: Path) -> None:
    assert_user_error(cli("backup", "-o", "-"), 2, "writes a file")


def test_backup_without_a_journal_says_so_and_makes_none(cli: Cli, db_path: Path) -> None:
    assert_user_error(cli("backup"), 1, "no journal at", "nothing to back up")
    assert not db_path.exists()
    assert not (db_path.parent / "backups").exists()


def test_backup_of_a_file_that_is_not_a_journal_changes_nothing(cli: Cli, db_path: Path) -> None:
    db_path.write_text("my shopping list\n")
    assert_user_error(cli("backup"), 1, "is not a connectlog journal")
    assert db_path.read_text() == "my shopping list\n"
    assert not (db_path.parent / "backups").exists()


WRITER = """
import sys
from pathlib import Path
from typer.testing import CliRunner
from connectlog.cli import app

runner = CliRunner()
stop = Path(sys.argv[1])
count = failures = 0
while not stop.exists():
    result = runner.invoke(app, ["add", f"Moment number {count} #trust", "--with", "Sam"])
    if result.exit_code != 0:
        failures += 1
        print(result.stderr, file=sys.stderr, flush=True)
    count += 1
    if count == 1:
        print("started", flush=True)
print(count, failures, flush=True)
"""


def start_writer(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    stop = tmp_path / "stop-writing"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "started\n"
    return writer, stop


def stop_writer(writer: subprocess.Popen[str], stop: Path) -> tuple[int, int]:
    stop.touch()
    stdout, stderr = writer.communicate(timeout=60)
    count, failures = map(int, stdout.split())
    assert failures == 0, stderr
    return count, failures


@pytest.mark.slow
def test_backups_taken_while_another_process_writes_are_each_a_sound_moment(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    writer, stop = start_writer(tmp_path)
    try:
        counts = []
        for number in range(6):
            target = tmp_path / f"during-{number}.db"
            cli.ok("backup", "-o", str(target))
            assert integrity(target) == "ok"
            assert rows(target, "PRAGMA foreign_key_check") == []
            counts.append(len(texts(target)))
            time.sleep(0.1)
    finally:
        written, _ = stop_writer(writer, stop)
    assert counts == sorted(counts)
    assert counts[-1] > counts[0]  # the writer went on while they were taken
    assert len(texts(journal)) == 2 + written
    # each copy is a whole journal: it restores, and every moment has its person
    cli.ok("restore", str(tmp_path / "during-3.db"))
    assert len(texts(journal)) == counts[3]
    assert rows(journal, "SELECT count(*) FROM entry_person")[0][0] == counts[3] - 1


# --- restore -----------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_the_journal_it_replaces(
    cli: Cli, journal: Path, clock: Clock
) -> None:
    cli.ok("backup")
    (backup,) = list_backups(journal)
    before = journal_dump(journal)
    cli.ok("add", "Written after the backup")
    replaced = journal_dump(journal)
    clock.set(clock.now + timedelta(minutes=5))

    result = cli.ok("restore", str(backup))

    kept = journal.parent / "backups" / "journal-20261122T200500Z.db"
    assert result.stdout == ""
    assert result.stderr == (
        f"Restored the journal from {backup} (2 entries). "
        f"The journal it replaced is kept at {kept}.\n"
    )
    assert journal_dump(journal) == before
    assert journal_dump(kept) == replaced
    assert integrity(journal) == "ok"
    listed = json.loads(cli.ok("list", "--json").stdout)
    assert len(listed["entries"]) == 2
    cli.ok("add", "Life goes on after a restore")
    assert len(texts(journal)) == 3


def test_restore_where_there_is_no_journal_yet(cli: Cli, journal: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    cli.ok("backup", "-o", str(copy))
    elsewhere = tmp_path / "new-machine" / "journal.db"
    result = cli.ok("--db", str(elsewhere), "restore", str(copy))
    assert result.stderr == f"Restored the journal from {copy} (2 entries).\n"
    assert journal_dump(elsewhere) == journal_dump(journal)
    assert elsewhere.stat().st_mode & 0o777 == 0o600
    assert elsewhere.parent.stat().st_mode & 0o777 == 0o700
    assert not (elsewhere.parent / "backups").exists()


def test_an_older_journal_is_upgraded_as_it_is_restored_and_the_file_is_only_read(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    make_first_revision_journal(old)
    before = old.read_bytes()

    result = cli.ok("restore", str(old))

    assert "(2 entries), upgraded from schema 0001." in result.stderr
    assert rows(journal, "SELECT version_num FROM alembic_version") == [(migrate.HEAD,)]
    listed = json.loads(cli.ok("list", "--json").stdout)
    assert {entry["uuid"] for entry in listed["entries"]} == {FIRST_UUID, SECOND_UUID}
    assert old.read_bytes() == before
    assert sorted(path.name for path in tmp_path.glob("old.db*")) == ["old.db"]


def test_a_journal_in_wal_mode_is_restored_with_what_its_wal_holds(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    cli.ok("--db", str(other), "add", "Only in the other journal")
    holder = sqlite3.connect(other)  # holds the WAL open, nothing checkpointed
    try:
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("UPDATE entry SET text = 'Changed in the WAL'")
        holder.commit()
        assert Path(f"{other}-wal").stat().st_size > 0
        cli.ok("restore", str(other))
    finally:
        holder.close()
    assert texts(journal) == ["Changed in the WAL"]


# --- what restore refuses ----------------------------------------------------------------


def refused(cli: Cli, journal: Path, source: Path, code: int, *fragments: str) -> None:
    """``restore source`` refuses with one line, and nothing changes, nothing is left."""
    before = journal_dump(journal)
    names = folder_names(journal.parent)
    assert_user_error(cli("restore", str(source)), code, *fragments)
    assert journal_dump(journal) == before
    assert integrity(journal) == "ok"
    assert folder_names(journal.parent) == names


def a_journal(cli: Cli, path: Path) -> Path:
    cli.ok("--db", str(path), "add", "From the other journal")
    return path


def edited(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return path


@pytest.mark.parametrize(
    "content",
    [b"", b"my shopping list\n", b"SQLite format 2\x00" + bytes(4000), os.urandom(8192)],
    ids=["empty", "text", "almost", "random"],
)
def test_a_file_that_is_not_sqlite_is_refused(
    cli: Cli, journal: Path, tmp_path: Path, content: bytes
) -> None:
    source = tmp_path / "not-a-journal.db"
    source.write_bytes(content)
    refused(cli, journal, source, 1, "is not a SQLite database", "nothing was restored")


def test_a_sqlite_header_over_garbage_is_refused(cli: Cli, journal: Path, tmp_path: Path) -> None:
    source = tmp_path / "garbage.db"
    source.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    refused(cli, journal, source, 1, "nothing was restored")


def test_a_missing_file_or_a_folder_cannot_be_read(cli: Cli, journal: Path, tmp_path: Path) -> None:
    refused(cli, journal, tmp_path / "missing.db", 1, "Cannot read")
    refused(cli, journal, tmp_path, 1, "Cannot read", "folder")


def test_another_programs_database_is_refused(cli: Cli, journal: Path, tmp_path: Path) -> None:
    source = edited(tmp_path / "notes.db", "CREATE TABLE note (body TEXT)")
    refused(cli, journal, source, 1, "is not a connectlog journal", "tables connectlog did not")


def test_a_damaged_journal_is_refused(cli: Cli, journal: Path, tmp_path: Path) -> None:
    source = a_journal(cli, tmp_path / "damaged.db")
    edited(source)  # a single file, no WAL
    ((root,),) = rows(source, "SELECT rootpage FROM sqlite_master WHERE name = 'concept'")
    data = bytearray(source.read_bytes())
    start = (root - 1) * 4096 + 8  # the cells' pointers on the concepts' page
    data[start : start + 24] = b"\xff" * 24
    source.write_bytes(bytes(data))
    refused(cli, journal, source, 1, "nothing was restored")
    assert "integrity check" in cli("restore", str(source)).stderr


def test_a_journal_from_a_newer_connectlog_is_refused(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    source = edited(
        a_journal(cli, tmp_path / "newer.db"), "UPDATE alembic_version SET version_num = '0099'"
    )
    refused(cli, journal, source, 1, "newer connectlog (schema 0099)", "upgrade connectlog")


@pytest.mark.parametrize(
    ("statements", "fragment"),
    [
        (["UPDATE alembic_version SET version_num = 'x\x1b[2J'"], "its schema version is"),
        (["DELETE FROM alembic_version"], "it has no schema version"),
        (["DROP TABLE alembic_version"], "tables connectlog did not make"),
        (["DROP TABLE review_line"], "it lacks the table 'review_line'"),
        (
            ["CREATE TRIGGER steal AFTER INSERT ON entry BEGIN UPDATE entry SET private = 0; END"],
            "it has a trigger 'steal' that connectlog never makes",
        ),
        (["CREATE VIEW everything AS SELECT * FROM entry"], "a view 'everything'"),
        (["CREATE TABLE extra (x)"], "a table 'extra'"),
        (["CREATE INDEX sneaky ON entry (text)"], "it has an index 'sneaky'"),
        (["ALTER TABLE entry ADD COLUMN secret TEXT"], "its table 'entry' is not as connectlog"),
        (["DROP INDEX ix_entry_occurred_at"], "lacks the index"),
    ],
    ids=[
        "odd version",
        "no version",
        "no version table",
        "missing table",
        "trigger",
        "view",
        "table",
        "index",
        "column",
        "dropped index",
    ],
)
def test_a_journal_not_as_connectlog_makes_it_is_refused(
    cli: Cli, journal: Path, tmp_path: Path, statements: list[str], fragment: str
) -> None:
    source = edited(a_journal(cli, tmp_path / "tampered.db"), *statements)
    refused(cli, journal, source, 1, "nothing was restored")
    said = cli("restore", str(source)).stderr
    assert fragment in said, said
    assert "\x1b" not in said


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_journal_itself_is_refused(cli: Cli, journal: Path, suffix: str) -> None:
    refused(cli, journal, Path(f"{journal}{suffix}"), 1, "is the journal itself")


def test_a_link_to_the_journal_is_the_journal(cli: Cli, journal: Path, tmp_path: Path) -> None:
    link = tmp_path / "harmless.db"
    link.symlink_to(journal)
    refused(cli, journal, link, 1, "is the journal itself")


def test_restore_will_not_write_over_a_file_that_is_not_a_journal(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    cli.ok("backup", "-o", str(copy))
    someones = tmp_path / "thesis.db"
    someones.write_text("three years of work")
    result = cli("--db", str(someones), "restore", str(copy))
    assert_user_error(result, 1, "is not a connectlog journal", "will not write over it")
    assert someones.read_text() == "three years of work"
    assert not (tmp_path / "backups").exists()


def test_a_damaged_journal_is_replaced_and_kept_byte_for_byte(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    cli.ok("backup", "-o", str(copy))
    edited(journal)
    broken = b"SQLite format 3\x00" + os.urandom(20000)
    journal.write_bytes(broken)
    result = cli.ok("restore", str(copy))
    (kept,) = list_backups(journal)
    assert f"kept at {kept}" in result.stderr
    assert kept.read_bytes() == broken
    assert integrity(journal) == "ok"
    assert journal_dump(journal) == journal_dump(copy)


# --- restore and other processes ------------------------------------------------------------

KILLED_RESTORE = """
import sys
from typer.testing import CliRunner
from connectlog.cli import app

print("go", flush=True)
CliRunner().invoke(app, ["restore", sys.argv[1]])
print("done", flush=True)
"""


@pytest.mark.slow
def test_a_restore_killed_at_any_moment_leaves_one_sound_journal(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    source = tmp_path / "bigger.db"
    cli.ok("--db", str(source), "add", "The first of many")
    connection = sqlite3.connect(source)  # big enough that writing it in takes a while
    try:
        connection.executemany(
            "INSERT INTO person (name, key, created_at) VALUES (?, ?, '2026-11-01 09:00:00')",
            [(f"Person {n} {'x' * 200}", f"person {n}") for n in range(20000)],
        )
        connection.commit()
    finally:
        connection.close()
    old, new = journal_dump(journal), journal_dump(source)
    started = time.monotonic()
    cli.ok("restore", str(source))  # how long a whole restore takes here, now
    took = time.monotonic() - started + 0.3  # and a new interpreter's start
    (kept,) = list_backups(journal)[-1:]
    cli.ok("restore", str(kept))
    assert journal_dump(journal) == old
    outcomes = set()
    for delay in [took * step / 12 for step in range(13)] + [took * 4]:
        with subprocess.Popen(
            [sys.executable, "-c", KILLED_RESTORE, str(source)],
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        ) as restoring:
            assert restoring.stdout is not None
            assert restoring.stdout.readline() == "go\n"
            time.sleep(delay)
            restoring.send_signal(signal.SIGKILL)
            restoring.wait()
        assert integrity(journal) == "ok"
        now = journal_dump(journal)
        assert now in (old, new)
        outcomes.add("new" if now == new else "old")
        if now == new:  # start again from the old journal for the next kill
            (kept,) = list_backups(journal)[-1:]
            cli.ok("restore", str(kept))
            assert journal_dump(journal) == old
    assert outcomes == {"old", "new"}  # killed before it was done, and after


@pytest.mark.slow
def test_restore_while_another_process_writes(cli: Cli, journal: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    cli.ok("backup", "-o", str(copy))
    writer, stop = start_writer(tmp_path)
    try:
        time.sleep(0.3)
        cli.ok("restore", str(copy))
        time.sleep(0.3)
    finally:
        stop_writer(writer, stop)
    assert integrity(journal) == "ok"
    assert rows(journal, "PRAGMA foreign_key_check") == []
    kept = list_backups(journal)[-1]
    assert len(texts(kept)) > 2  # the writer's moments before the restore are kept there
    assert texts(journal)[:2] == texts(copy)


def test_an_entry_written_while_a_restore_runs_is_never_lost(
    cli: Cli, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What another process commits just after the safety copy is in the journal or the copy."""
    from connectlog.storage import backup

    copy = tmp_path / "copy.db"
    cli.ok("backup", "-o", str(copy))
    taken = backup._copy
    writers: list[subprocess.Popen[bytes]] = []

    def then_someone_writes(source: sqlite3.Connection, target: Path, **options: Any) -> int:
        entries = taken(source, target, **options)
        if target.parent.name == "backups":  # the copy of the journal about to be replaced
            writer = subprocess.Popen(
                [sys.executable, "-m", "connectlog", "--db", str(journal), "add",
                 "Written while the restore ran"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            writers.append(writer)
            # It finishes now unless the restore holds the journal's write lock.
            with contextlib.suppress(subprocess.TimeoutExpired):
                writer.wait(timeout=5)
        return entries

    monkeypatch.setattr(backup, "_copy", then_someone_writes)
    cli.ok("restore", str(copy))
    (writer,) = writers
    _, complaint = writer.communicate(timeout=30)
    assert writer.returncode == 0, complaint
    kept = list_backups(journal)[-1]
    assert "Written while the restore ran" in texts(journal) + texts(kept)
    assert integrity(journal) == "ok"
