"""The one place that opens a journal: engine, connection settings, transactions.

Nothing else in connectlog connects to the database. SQLite-only settings
(WAL, busy timeout, foreign keys, ``BEGIN IMMEDIATE`` for writes) sit here,
behind :func:`open_engine` and :func:`settle_journal`, so another database can
take their place.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError

from connectlog import messages
from connectlog.errors import StorageError
from connectlog.paths import JournalLocation
from connectlog.storage import cipher, guard

BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "connectlog_begin"


def prepare_file(path: Path) -> None:
    """Create the journal's folders (0700) and file (0600) if they are missing.

    An existing file is left exactly as it is: it may not be a journal at all,
    and nothing may change it before :func:`settle_journal` has been told it is.
    A path that is not a regular file, or a file that cannot be a database, is
    refused first (``storage/guard.py``).
    """
    guard.check_path(path)
    try:
        make_private_folders(path.parent)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        os.close(fd)
        path.chmod(0o600)
    except OSError as exc:
        raise StorageError(messages.CANNOT_OPEN.format(path=path, reason=exc.strerror)) from exc


def make_private_folders(folder: Path) -> None:
    """Make ``folder``, and any folder above it that is missing, the owner's only."""
    # mkdir(parents=True) gives the parents it makes the default mode; every folder
    # connectlog makes is the owner's only.
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:  # another process made it just now
            continue
        made.chmod(0o700)


def open_engine(location: JournalLocation) -> Engine:
    """An engine for the journal at ``location``, its file created if missing.

    Its connections change nothing in the file; :func:`settle_journal` does
    that once the file is known to be a journal.
    """
    # hide_parameters: an error's text must never carry what an entry says.
    if location.path is None:
        return create_engine(location.database_url, hide_parameters=True)
    prepare_file(location.path)
    engine = create_engine(
        location.database_url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,
        # An encrypted journal: sqlcipher3, each connection given the key first.
        **cipher.engine_options(location.path, timeout=BUSY_TIMEOUT_MS / 1000),
    )
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def settle_journal(engine: Engine, location: JournalLocation) -> None:
    """Make a file known to be a journal private (0600) and put it in WAL mode.

    Both last in the file, so on a normal day this only reads them.
    """
    if location.path is None:
        return
    try:
        if location.path.stat().st_mode & 0o077:
            location.path.chmod(0o600)
    except OSError as exc:
        raise StorageError(
            messages.CANNOT_OPEN.format(path=location.path, reason=exc.strerror)
        ) from exc
    raw = engine.raw_connection()
    try:
        # Outside any transaction: the connection is in autocommit mode (see below).
        # sqlite3's connection, or sqlcipher3's for an encrypted journal: the same API.
        connection = cast(sqlite3.Connection, raw.dbapi_connection)
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
        if mode != "wal":
            _switch_to_wal(connection)
    except cipher.errors() as exc:
        raise StorageError(messages.STORAGE_FAILED.format(reason=exc)) from exc
    finally:
        raw.close()


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    # Leaving a rollback journal needs the exclusive lock, and SQLite reports
    # "database is locked" at once rather than calling the busy handler when
    # another process holds it (say, while it creates the same new journal);
    # so wait here, as long as the busy timeout would.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except cipher.errors("OperationalError") as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can be IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA cell_size_check = ON")  # damage is found as pages are read
    finally:
        cursor.close()


def _begin_sqlite(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads; nothing done on it is committed."""
    with _storage_errors(engine), engine.connect() as connection:
        yield connection


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection whose transaction takes the write lock at once and commits on success.

    ``BEGIN IMMEDIATE`` waits for another writer (up to the busy timeout)
    instead of failing halfway with "database is locked".
    """
    immediate = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
    with _storage_errors(engine), immediate.begin() as connection:
        if engine.dialect.name == "sqlite":
            guard.check_before_writing(connection)
        yield connection


@contextmanager
def _storage_errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except DatabaseError as exc:
        if guard.is_damage(exc):
            raise guard.damage(exc, path=engine.url.database) from exc
        if not isinstance(exc, OperationalError):
            raise
        raise StorageError(messages.STORAGE_FAILED.format(reason=exc.orig)) from exc
