"""``connectlog doctor``: what it finds, what it says to do, and what ``--fix`` does.

Nothing changes without ``--fix``; ``--fix`` changes only what is safe
(permissions, temporary files left behind, old backups and copies, the search
index) and never a row. Exit 0 when all is well, 1 when something needs attention.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectlog.journal.drafts import save_draft
from connectlog.storage import migrate
from tests.conftest import Cli, assert_user_error, journal_dump, rows
from tests.test_migrations import make_first_revision_journal


def checkup(cli: Cli, *args: str, code: int = 0) -> dict[str, Any]:
    result = cli("doctor", "--json", *args)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def findings(document: dict[str, Any], check: str) -> list[dict[str, Any]]:
    return [finding for finding in document["findings"] if finding["check"] == check]


def attention(document: dict[str, Any]) -> list[str]:
    return [f["check"] for f in document["findings"] if f["status"] == "attention"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def execute(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(sql)
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal, in a folder of its own, as connectlog makes its data folder."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "journal.db"
    monkeypatch.setenv("CONNECTLOG_DB", str(path))
    return path


@pytest.fixture
def journal(cli: Cli, db_path: Path) -> Path:
    cli.ok("add", "Held hands on the walk home", "-w", "Sam", "-t", "trust")
    cli.ok("add", "Long talk about the move")
    return db_path


def test_a_sound_journal_is_well_and_every_check_is_reported(cli: Cli, journal: Path) -> None:
    document = checkup(cli)

    assert document["version"] == 1 and document["type"] == "doctor"
    assert document["journal"] == str(journal)
    assert document["healthy"] is True
    checks = [finding["check"] for finding in document["findings"]]
    for check in ("integrity", "foreign_keys", "orphans", "schema", "permissions"):
        assert check in checks
    assert attention(document) == []
    result = cli.ok("doctor")
    assert "All is well." in result.stdout
    assert result.stderr == ""


def test_doctor_changes_nothing_without_fix(cli: Cli, journal: Path) -> None:
    journal.chmod(0o644)
    journal.parent.chmod(0o755)
    before = journal_dump(journal)
    names = sorted(path.name for path in journal.parent.iterdir())

    checkup(cli, code=1)

    assert mode(journal) == 0o644 and mode(journal.parent) == 0o755
    assert journal_dump(journal) == before
    assert sorted(path.name for path in journal.parent.iterdir()) == names


def test_a_missing_journal_is_one_line_and_is_not_made(cli: Cli, db_path: Path) -> None:
    result = cli("doctor")

    assert_user_error(result, 1, "There is no journal at", str(db_path))
    assert not db_path.exists()


# --- the database ------------------------------------------------------------------------


def test_a_file_that_is_not_a_journal_is_one_clear_line(cli: Cli, db_path: Path) -> None:
    db_path.write_bytes(b"not a journal\n" + os.urandom(8192))

    result = cli("doctor")

    assert_user_error(result, 1, str(db_path), "cannot be read", "no backup")


def test_a_damaged_journal_names_the_newest_backup_to_restore(cli: Cli, journal: Path) -> None:
    backups = journal.parent / "backups"
    backups.mkdir(mode=0o700)
    newest = backups / "journal-20261122T200000Z.db"
    newest.write_bytes(journal.read_bytes())
    newest.chmod(0o600)
    (backups / "journal-20261121T200000Z.db").write_bytes(b"")
    content = bytearray(journal.read_bytes())
    content[:16] = b"garbage garbage!"  # the header: SQLite cannot read it at all
    journal.write_bytes(bytes(content))

    result = cli("doctor", "--json")

    assert_user_error(result, 1, "cannot be read", f"connectlog restore {newest}")


def corrupt_a_table_page(path: Path) -> None:
    """Overwrite a page in the middle of the entries, leaving the header and schema readable."""
    connection = sqlite3.connect(path)
    try:
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        connection.execute("PRAGMA journal_mode = DELETE")
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entry'"
        ).fetchone()
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * 64)


def test_a_journal_with_a_damaged_page_is_reported_in_one_line_and_exits_1(
    cli: Cli, journal: Path
) -> None:
    for number in range(40):
        cli.ok("add", f"Moment {number} " + "words " * 60)
    corrupt_a_table_page(journal)

    result = cli("doctor")

    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    said = (result.stdout + result.stderr).splitlines()
    damaged = [line for line in said if "damaged" in line or "cannot be read" in line]
    assert len(damaged) == 1, said


def test_a_journal_whose_index_disagrees_with_its_table_is_damaged_and_says_what_to_do(
    cli: Cli, journal: Path
) -> None:
    # The index is read as if it were of another column: integrity_check finds every row missing.
    connection = sqlite3.connect(journal)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_entry_local_date ON entry (created_at)'"
        " WHERE name = 'ix_entry_local_date'"
    )
    connection.commit()
    connection.close()

    document = checkup(cli, code=1)

    [finding] = findings(document, "integrity")
    assert finding["status"] == "attention"
    assert finding["found"].startswith("The journal is damaged: row 1 missing from index")
    assert "connectlog export -o FILE" in finding["todo"]
    result = cli("doctor")
    assert result.exit_code == 1
    assert len([line for line in result.stdout.splitlines() if "is damaged" in line]) == 1


def test_an_orphaned_row_is_reported_and_left_alone_by_fix(cli: Cli, journal: Path) -> None:
    execute(
        journal,
        "PRAGMA foreign_keys = OFF; INSERT INTO entry_person (entry_id, person_id) VALUES (99, 1);",
    )

    document = checkup(cli, code=1)

    [finding] = findings(document, "foreign_keys")
    assert finding["status"] == "attention"
    assert "1 in entry_person (to entry)" in finding["found"]
    assert finding["todo"] and "restore" in finding["todo"]
    assert finding["fixable"] is False
    fixed = checkup(cli, "--fix", code=1)
    assert attention(fixed) == ["foreign_keys"]
    assert rows(journal, "SELECT * FROM entry_person WHERE entry_id = 99") == [(99, 1)]


def has_search_index(path: Path) -> bool:
    return bool(rows(path, "SELECT 1 FROM sqlite_master WHERE name = 'entry_search'"))


def test_a_search_index_out_of_step_is_made_again_by_fix(cli: Cli, journal: Path) -> None:
    if not has_search_index(journal):
        pytest.skip("this SQLite has no FTS5")
    [(trigger,)] = rows(journal, "SELECT sql FROM sqlite_master WHERE name = 'entry_search_delete'")
    execute(
        journal,
        f"DROP TRIGGER entry_search_delete; DELETE FROM entry WHERE id = 2; {trigger};",
    )

    document = checkup(cli, code=1)

    [finding] = findings(document, "orphans")
    assert finding["status"] == "attention" and finding["fixable"] is True
    assert "1 row of entries that are gone" in finding["found"]
    fixed = checkup(cli, "--fix")
    assert [f["status"] for f in findings(fixed, "orphans")] == ["fixed"]
    assert [f["status"] for f in findings(checkup(cli), "orphans")] == ["ok"]
    found = json.loads(cli.ok("list", "--search", "talk", "--json").stdout)["entries"]
    assert found == []


def test_a_journal_behind_is_reported_and_not_upgraded(cli: Cli, db_path: Path) -> None:
    make_first_revision_journal(db_path)
    before = journal_dump(db_path)

    document = checkup(cli, code=1)

    [finding] = findings(document, "schema")
    assert finding["status"] == "attention"
    assert "0001" in finding["found"] and migrate.HEAD in finding["found"]
    assert "connectlog list" in finding["todo"]
    assert rows(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert journal_dump(db_path) == before
    assert list(db_path.parent.glob("journal.before-*")) == []


def test_a_failed_upgrade_is_named_with_its_copy(cli: Cli, db_path: Path) -> None:
    make_first_revision_journal(db_path)
    execute(db_path, "CREATE TABLE removal (id INTEGER PRIMARY KEY);")
    cli("list")  # fails, keeping a copy
    [copy] = db_path.parent.glob("journal.before-*")

    document = checkup(cli, code=1)

    [finding] = findings(document, "schema")
    assert str(copy) in finding["todo"] and "failed" in finding["todo"]


# --- permissions -------------------------------------------------------------------------


@pytest.fixture
def writing(journal: Path) -> Iterator[sqlite3.Connection]:
    """A connection left open after a write, so that the WAL and SHM files are there."""
    connection = sqlite3.connect(journal)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("UPDATE entry SET starred = 1 WHERE id = 1")
    connection.commit()
    yield connection
    connection.close()


def test_broken_permissions_are_reported_and_fixed(
    cli: Cli, journal: Path, writing: sqlite3.Connection
) -> None:
    wal, shm = Path(f"{journal}-wal"), Path(f"{journal}-shm")
    drafts = journal.parent / "drafts"
    draft = save_draft(drafts, "Words that could not be saved", now=datetime(2026, 11, 22, 20))
    for path, bits in ((journal, 0o644), (wal, 0o644), (shm, 0o664), (draft, 0o640)):
        path.chmod(bits)
    drafts.chmod(0o755)
    journal.parent.chmod(0o755)

    document = checkup(cli, code=1)

    [finding] = findings(document, "permissions")
    assert finding["status"] == "attention" and finding["fixable"] is True
    assert set(finding["paths"]) == {
        str(p) for p in (journal.parent, journal, wal, shm, drafts, draft)
    }
    assert f"{journal.parent} (0755)" in finding["found"]
    assert "--fix" in finding["todo"]

    fixed = checkup(cli, "--fix", code=1)  # the draft still needs reading

    assert attention(fixed) == ["drafts"]
    assert [f["status"] for f in findings(fixed, "permissions")] == ["fixed"]
    assert mode(journal.parent) == mode(drafts) == 0o700
    assert mode(journal) == mode(wal) == mode(shm) == mode(draft) == 0o600
    assert [f["status"] for f in findings(checkup(cli, code=1), "permissions")] == ["ok"]


def test_a_folder_holding_other_files_is_reported_but_left_as_it_is(
    cli: Cli, journal: Path
) -> None:
    (journal.parent / "notes.txt").write_text("someone else's\n")
    journal.parent.chmod(0o755)

    fixed = checkup(cli, "--fix", code=1)

    [finding] = findings(fixed, "permissions")
    assert finding["status"] == "attention" and finding["fixable"] is False
    assert "chmod 700" in finding["todo"]
    assert mode(journal.parent) == 0o755


# --- files left behind -------------------------------------------------------------------


def aged(path: Path, *, days: float) -> Path:
    moment = time.time() - days * 24 * 60 * 60
    os.utime(path, (moment, moment))
    return path


def test_temporary_files_left_behind_are_reported_and_removed_by_fix(
    cli: Cli, journal: Path
) -> None:
    left = journal.parent / ".journal.json.connectlog-999999999-abc123.tmp"
    left.write_text("{}")
    left.chmod(0o600)
    aged(left, days=2)
    fresh = journal.parent / f".journal.json.connectlog-{os.getpid()}-def456.tmp"
    fresh.write_text("{}")  # being written by a process that is running

    document = checkup(cli, code=1)

    [finding] = findings(document, "leftovers")
    assert finding["paths"] == [str(left)] and finding["fixable"] is True
    checkup(cli, "--fix")
    assert not left.exists()
    assert fresh.exists()


def backup_named(folder: Path, day: int) -> Path:
    path = folder / f"journal-202611{day:02d}T200000Z.db"
    path.write_bytes(b"")
    path.chmod(0o600)
    return path


def test_backups_beyond_the_newest_ten_are_old_and_removed_by_fix(cli: Cli, journal: Path) -> None:
    folder = journal.parent / "backups"
    folder.mkdir(mode=0o700)
    made = [backup_named(folder, day) for day in range(1, 13)]

    document = checkup(cli, code=1)

    old = [f for f in findings(document, "backups") if f["status"] == "attention"]
    assert [f["paths"] for f in old] == [[str(made[0]), str(made[1])]]
    checkup(cli, "--fix")
    assert sorted(folder.iterdir()) == made[2:]


def upgrade_copy(journal: Path, taken: datetime) -> Path:
    stamp = taken.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = journal.with_name(f"journal.before-{migrate.HEAD}-{stamp}.db")
    path.write_bytes(journal.read_bytes())
    path.chmod(0o600)
    return path


def test_copies_from_before_upgrades_long_past_are_old_and_recent_ones_kept(
    cli: Cli, journal: Path
) -> None:
    now = datetime.now(UTC)
    old = upgrade_copy(journal, now - timedelta(days=90))
    recent = upgrade_copy(journal, now - timedelta(days=2))

    document = checkup(cli, code=1)

    said = {f["status"]: f for f in findings(document, "backups") if f["paths"]}
    assert said["attention"]["paths"] == [str(old)]
    assert said["note"]["paths"] == [str(recent)]
    checkup(cli, "--fix")
    assert not old.exists() and recent.exists()


def test_drafts_are_reported_with_what_to_do_and_left_by_fix(cli: Cli, journal: Path) -> None:
    drafts = journal.parent / "drafts"
    draft = save_draft(drafts, "Words that could not be saved", now=datetime(2026, 11, 22, 20))

    fixed = checkup(cli, "--fix", code=1)

    [finding] = findings(fixed, "drafts")
    assert finding["paths"] == [str(draft)]
    assert "connectlog add <" in finding["todo"]
    assert draft.exists()


# --- a journal in use --------------------------------------------------------------------

WRITER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
connection.execute("PRAGMA busy_timeout = 10000")
end = time.monotonic() + float(sys.argv[2])
written = 0
while time.monotonic() < end:
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO entry (uuid, author_id, text, occurred_at, utc_offset, local_date,"
        " appreciation, starred, private, created_at, updated_at)"
        " VALUES (lower(hex(randomblob(16))), 1, 'Written meanwhile', '2026-11-20 19:00:00',"
        " 60, '2026-11-20', 0, 0, 0, '2026-11-20 19:00:00', '2026-11-20 19:00:00')"
    )
    connection.execute("COMMIT")
    written += 1
print(written)
"""


@pytest.mark.slow
def test_doctor_checks_a_journal_another_process_is_writing_to(cli: Cli, journal: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(journal), "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(0.3)
        for _ in range(5):
            document = checkup(cli)
            assert document["healthy"] is True, attention(document)
        checkup(cli, "--fix")
    finally:
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert int(out) > 10
    assert rows(journal, "PRAGMA integrity_check") == [("ok",)]


def test_the_documents_checks_are_the_checks_doctor_runs() -> None:
    from typing import get_args

    from connectlog.documents import DoctorFinding
    from connectlog.journal.types.doctor import CHECKS

    assert get_args(DoctorFinding.model_fields["check"].annotation) == CHECKS
