"""The one place that opens a journal: engine, connection settings, sessions.

Nothing else in connectlog connects to the database. SQLite-only settings
(WAL, busy timeout, foreign keys, ``BEGIN IMMEDIATE`` for writes) sit here,
behind :func:`open_engine`, so another database can take their place.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from connectlog import messages
from connectlog.errors import StorageError
from connectlog.paths import JournalLocation

BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "connectlog_begin"


def prepare_file(path: Path) -> None:
    """Create the journal's folder (0700) and file (0600) if they are missing.

    An existing file keeps its content; its permissions are tightened to the
    owner only, as are the folder's when connectlog made it.
    """
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        path.chmod(0o600)
    except OSError as exc:
        raise StorageError(messages.CANNOT_OPEN.format(path=path, reason=exc.strerror)) from exc


def open_engine(location: JournalLocation) -> Engine:
    """An engine for the journal at ``location``, its file created if missing."""
    if location.path is None:
        return create_engine(location.database_url)
    prepare_file(location.path)
    engine = create_engine(
        location.database_url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can be IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin_sqlite(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session for reads; nothing it does is committed."""
    with _storage_errors(), Session(engine) as session:
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session whose transaction takes the write lock at once and commits on success.

    ``BEGIN IMMEDIATE`` waits for another writer (up to the busy timeout)
    instead of failing halfway with "database is locked".
    """
    immediate = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
    with _storage_errors(), Session(immediate) as session, session.begin():
        yield session


@contextmanager
def _storage_errors() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        raise StorageError(messages.STORAGE_FAILED.format(reason=exc.orig)) from exc
