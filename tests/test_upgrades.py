"""An upgrade of the schema is all or nothing.

Killed or failed part-way, a journal is at the revision it had, with what it
held; the message says so and names the copy taken before trying; trying
again and again does not pile copies up.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from connectlog.paths import JournalLocation
from connectlog.storage import migrate
from connectlog.storage.store import open_journal
from tests.conftest import Cli, assert_user_error, journal_dump, rows
from tests.test_migrations import backups_beside, make_first_revision_journal

#: The upgrade run in a process of its own: everything it needs is imported
#: first, so that the time until the kill is spent upgrading, not importing.
UPGRADE = """
import sys
from pathlib import Path

import alembic.command, alembic.config, alembic.context, sqlmodel  # noqa: E401
import connectlog.models, connectlog.storage.search  # noqa: E401
from connectlog.paths import JournalLocation
from connectlog.storage.store import open_journal

print("ready", flush=True)
journal = open_journal(JournalLocation(path=Path(sys.argv[1])))
journal.close()
print("done", flush=True)
"""

KILLS = 30


def schema(path: Path) -> list[tuple[Any, ...]]:
    """Every table, index and trigger, as SQLite keeps them.

    A table rebuilt in batch mode lists its constraints in no fixed order, so
    each statement is compared as the set of its lines.
    """
    found = rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    return [
        (kind, name, table, sorted(line.strip().rstrip(",") for line in (sql or "").splitlines()))
        for kind, name, table, sql in found
    ]


def revision(path: Path) -> str:
    [(stored,)] = rows(path, "SELECT version_num FROM alembic_version")
    return str(stored)


def state(path: Path) -> tuple[str, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    return revision(path), schema(path), journal_dump(path)


def assert_sound(path: Path) -> None:
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(path, "PRAGMA foreign_key_check") == []


def start_upgrade(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", UPGRADE, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n", process.communicate()
    return process


def upgraded_in_process(path: Path) -> None:
    journal = open_journal(JournalLocation(path=path))
    journal.close()


@pytest.mark.slow
def test_an_upgrade_killed_at_any_moment_leaves_the_old_revision_or_the_new_never_between(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template" / "journal.db"
    template.parent.mkdir()
    make_first_revision_journal(template)
    old = state(template)
    assert old[0] == "0001"

    reference = tmp_path / "reference" / "journal.db"
    shutil.copytree(template.parent, reference.parent)
    process = start_upgrade(reference)
    began = time.monotonic()
    out, err = process.communicate(timeout=120)
    took = time.monotonic() - began
    assert process.returncode == 0 and out == "done\n", err
    new = state(reference)
    assert new[0] == migrate.HEAD
    assert_sound(reference)

    # Kill moments spread evenly over the upgrade and a little past its end.
    chance = random.Random(12)
    moments = [took * 1.15 * (step + chance.random()) / KILLS for step in range(KILLS)]
    seen: dict[str, int] = {}
    for step, moment in enumerate(moments):
        journal = tmp_path / f"killed-{step}" / "journal.db"
        shutil.copytree(template.parent, journal.parent)
        process = start_upgrade(journal)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)

        after = state(journal)
        assert after[0] in ("0001", migrate.HEAD), (step, moment, after[0])
        assert after == (old if after[0] == "0001" else new), (step, moment)
        assert_sound(journal)
        seen[after[0]] = seen.get(after[0], 0) + 1
        # And it can be upgraded after all.
        upgraded_in_process(journal)
        assert state(journal) == new
        assert len(backups_beside(journal)) <= 1
    # Some kills landed inside the upgrade, before it was done (those after it
    # are at the head; under a heavy load there may be none of them).
    assert "0001" in seen, seen


# --- a revision that fails -------------------------------------------------------------


def by_hand(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


def has_fts5() -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        options = {row[0] for row in connection.execute("PRAGMA compile_options")}
    finally:
        connection.close()
    return "ENABLE_FTS5" in options


FAILING = [
    pytest.param(
        "CREATE TABLE removal (id INTEGER PRIMARY KEY)",
        "table removal already exists",
        id="0005 fails, after 0002 to 0004",
    ),
    pytest.param(
        "CREATE TABLE entry_search (id INTEGER PRIMARY KEY)",
        "table entry_search already exists",
        id="0004 fails, after 0002 and 0003",
        marks=pytest.mark.skipif(not has_fts5(), reason="0004 makes nothing without FTS5"),
    ),
]


@pytest.mark.parametrize(("sql", "reason"), FAILING)
def test_a_revision_that_fails_leaves_the_journal_at_its_old_revision_and_says_so(
    cli: Cli, db_path: Path, sql: str, reason: str
) -> None:
    make_first_revision_journal(db_path)
    by_hand(db_path, sql)
    before = state(db_path)

    result = cli("add", "Hugged Sam at the station")

    assert_user_error(result, 1, "could not be brought up", reason, "nothing was changed")
    [backup] = backups_beside(db_path)
    assert str(backup) in result.stderr
    assert "0001" in result.stderr
    assert state(db_path) == before
    assert state(backup) == before
    assert_sound(db_path)


def failing_scripts(tmp_path: Path, *, after: str, revision: str = "0005") -> Path:
    """A copy of the migration scripts whose ``revision`` (0005, which rebuilds tables)
    raises after ``after`` in it."""
    folder = tmp_path / "failing-migrations"
    shutil.copytree(migrate.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    script = next((folder / "versions").glob(f"{revision}_*.py"))
    source = script.read_text()
    assert source.count(after) == 1
    failing = source.replace(after, f'{after}\n    raise RuntimeError("the disk said no")\n')
    script.write_text(failing)
    return folder


def test_a_revision_that_raises_part_way_through_a_table_rebuild_leaves_the_old_revision(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fail after 0005 has rebuilt profile: the rebuild, 0002 to 0004 and all go back.
    sound = migrate.migrations_dir()
    folder = failing_scripts(
        tmp_path, after='op.execute("UPDATE profile SET sent_name = name WHERE imported")'
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
    make_first_revision_journal(db_path)
    before = state(db_path)

    result = cli("list", "--json")

    assert_user_error(result, 1, "could not be brought up", "the disk said no", "0001")
    [backup] = backups_beside(db_path)
    assert str(backup) in result.stderr
    assert state(db_path) == before
    assert_sound(db_path)
    assert rows(db_path, "PRAGMA foreign_keys") == [(0,)]  # a new connection's default
    # The journal is usable once the scripts are sound again.
    monkeypatch.setattr(migrate, "migrations_dir", lambda: sound)
    cli.ok("add", "Hugged Sam at the station")
    assert revision(db_path) == migrate.HEAD


def test_repeated_failed_attempts_keep_one_copy_of_the_journal(cli: Cli, db_path: Path) -> None:
    make_first_revision_journal(db_path)
    by_hand(db_path, "CREATE TABLE removal (id INTEGER PRIMARY KEY)")
    before = state(db_path)

    said = [cli("list", "--json").stderr for _ in range(4)]

    [backup] = backups_beside(db_path)
    assert all(str(backup) in line for line in said), said
    assert state(backup) == before
    assert state(db_path) == before
    leftovers = [path.name for path in db_path.parent.iterdir() if path.name.endswith(".tmp")]
    assert leftovers == []


def test_a_copy_of_a_journal_that_changed_since_a_failed_attempt_is_kept_beside_the_first(
    cli: Cli, db_path: Path
) -> None:
    make_first_revision_journal(db_path)
    by_hand(db_path, "CREATE TABLE removal (id INTEGER PRIMARY KEY)")
    cli("list", "--json")
    # Someone changes the journal by hand between the attempts: both copies are kept.
    by_hand(db_path, "UPDATE entry SET text = 'Changed by hand' WHERE id = 1")
    cli("list", "--json")

    first, second = backups_beside(db_path)
    assert rows(first, "SELECT text FROM entry WHERE id = 1") == [("Held hands on the walk home",)]
    assert rows(second, "SELECT text FROM entry WHERE id = 1") == [("Changed by hand",)]


def test_a_successful_upgrade_after_failed_attempts_names_the_one_copy(
    cli: Cli, db_path: Path
) -> None:
    make_first_revision_journal(db_path)
    by_hand(db_path, "CREATE TABLE removal (id INTEGER PRIMARY KEY)")
    before = state(db_path)
    cli("list", "--json")
    cli("list", "--json")
    by_hand(db_path, "DROP TABLE removal")
    # The journal changed (the table is gone), so this copy is a new one: but the
    # failed attempts' copy of the same journal is not kept twice.
    result = cli.ok("list", "--json")

    copies = backups_beside(db_path)
    assert len(copies) == 2
    assert state(copies[0]) == before
    assert str(copies[1]) in result.stderr
    assert revision(db_path) == migrate.HEAD


def test_foreign_keys_are_on_again_once_the_upgrade_is_done(db_path: Path) -> None:
    make_first_revision_journal(db_path)

    journal = open_journal(JournalLocation(path=db_path))
    try:
        assert journal.backup is not None
        with journal.writing() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        journal.close()


def test_an_upgrade_run_by_hand_with_alembic_is_all_or_nothing_too(
    db_path: Path, tmp_path: Path
) -> None:
    # ``alembic upgrade head`` from a checkout: env.py makes its own engine.
    from alembic import command
    from alembic.config import Config

    # From nothing: the sqlite3 driver on its own would commit 0001's CREATE TABLEs at once.
    folder = failing_scripts(
        tmp_path, after='op.execute("UPDATE profile SET sent_name = name WHERE imported")'
    )
    config = Config()
    config.set_main_option("script_location", str(folder))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")

    with pytest.raises(RuntimeError, match="the disk said no"):
        command.upgrade(config, "head")

    assert rows(db_path, "SELECT name FROM sqlite_master") == []
