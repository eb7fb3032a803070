"""A new journal is made from storage/head.py, not by running every revision: the same journal.

``migrate.create`` runs the statements and rows that ``python -m
connectlog.storage.generate`` read off a journal the revisions made from
nothing. Here both ways make a journal, and everything SQLite knows of each is
compared: the columns, keys, indexes and triggers of every table, the search
index, and every row but the moment it was made. A revision added or a model
changed without running the generator fails here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from connectlog.paths import JournalLocation
from connectlog.storage import generate, head, migrate, session
from tests.conftest import Cli, rows


def engine_at(path: Path) -> Iterator[Engine]:
    engine = session.open_engine(JournalLocation(path=path))
    yield engine
    engine.dispose()


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Path]:
    """A journal made by ``migrate.create``."""
    path = tmp_path / "made.db"
    for engine in engine_at(path):
        assert migrate.create(engine) is True
    yield path


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[Path]:
    """A journal made by every revision, through Alembic."""
    path = tmp_path / "migrated.db"
    for engine in engine_at(path):
        migrate.upgrade(engine)
    yield path


def described(path: Path) -> dict[str, Any]:
    """Everything SQLite says of a journal's schema, in an order that does not matter."""
    connection = sqlite3.connect(path)
    try:
        schema = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        tables = sorted(name for kind, name, _table, _sql in schema if kind == "table")
        found: dict[str, Any] = {
            "triggers": sorted((name, sql) for kind, name, _t, sql in schema if kind == "trigger"),
            "virtual": sorted(
                sql for *_, sql in schema if sql and sql.startswith("CREATE VIRTUAL")
            ),
            "indexes": sorted(
                (name, table, sql) for kind, name, table, sql in schema if kind == "index"
            ),
        }
        for table in tables:
            found[table] = {
                "columns": connection.execute(f'PRAGMA table_xinfo("{table}")').fetchall(),
                # A key's place in the CREATE TABLE varies with Alembic's batch copy.
                "keys": sorted(
                    tuple(key[2:])
                    for key in connection.execute(f'PRAGMA foreign_key_list("{table}")')
                ),
                "unique": sorted(
                    tuple(
                        column[2]
                        for column in connection.execute(f'PRAGMA index_info("{index[1]}")')
                    )
                    for index in connection.execute(f'PRAGMA index_list("{table}")')
                    if index[3] != "c"
                ),
            }
        return found
    finally:
        connection.close()


def contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every plain table, with the moments it was made left out."""
    connection = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {}
        # The search index's own segments: the revision that made it rebuilt it, which
        # writes an empty index's totals out as zeros; both are an empty index.
        names.remove("entry_search_data")
        for name in names:
            cursor = connection.execute(f'SELECT * FROM "{name}"')  # some have no rowid
            columns = [column[0] for column in cursor.description]
            kept = [
                tuple(v for c, v in zip(columns, row, strict=True) if c not in head.STAMPED)
                for row in cursor
            ]
            found[name] = sorted(kept, key=repr)
        return found
    finally:
        connection.close()


def test_a_made_journal_and_a_migrated_one_have_the_same_schema(made: Path, migrated: Path) -> None:
    assert described(made) == described(migrated)


def test_a_made_journal_and_a_migrated_one_hold_the_same_rows(made: Path, migrated: Path) -> None:
    assert contents(made) == contents(migrated)
    assert rows(made, "SELECT version_num FROM alembic_version") == [(migrate.HEAD,)]
    assert rows(made, "PRAGMA integrity_check") == [("ok",)]


def test_head_py_is_what_the_generator_reads_off_todays_revisions() -> None:
    revision, statements, filled = generate.head_values()
    assert head.REVISION == revision == migrate.HEAD, (
        "storage/head.py is stale: run `python -m connectlog.storage.generate`"
    )
    assert len(head.STATEMENTS) == len(statements)
    assert filled == head.ROWS


def test_the_moment_a_journal_is_made_is_written_as_sqlalchemy_writes_it(made: Path) -> None:
    (stamp,) = {made for (made,) in rows(made, "SELECT created_at FROM concept")}
    written = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - written).total_seconds()) < 60


def test_create_changes_nothing_in_a_journal_that_is_already_made(made: Path) -> None:
    before = contents(made)
    for engine in engine_at(made):
        assert migrate.create(engine) is False
    assert contents(made) == before


def test_the_first_command_makes_the_journal_without_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "new.db"
    script = (
        "import sys\n"
        "from connectlog.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('alembic' in sys.modules, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(db), "add", "the first #touch"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == ["False", "0"], done.stderr
    assert rows(db, "SELECT text FROM entry") == [("the first #touch",)]
    # The search index is kept by the triggers the revisions make.
    assert rows(db, "SELECT rowid FROM entry_search WHERE entry_search MATCH 'first'") == [(1,)]


def test_a_made_journal_is_used_like_a_migrated_one(cli: Cli, made: Path, migrated: Path) -> None:
    for path in (made, migrated):
        cli.ok("--db", str(path), "add", "a walk and a talk #trust", "-c", "4")
        found = cli.ok("--db", str(path), "list", "--search", "talk")
        assert "a walk and a talk" in found.stdout
        assert cli("--db", str(path), "doctor").exit_code == 0
