"""Keep a journal's schema at the head the package ships, without paying for Alembic.

Opening a journal reads its stored revision with one query and compares it
with :data:`HEAD`. Only when the journal is behind does Alembic load: a
backup copy is taken first, then the upgrade runs.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError, ProgrammingError

from connectlog import messages
from connectlog.errors import StorageError
from connectlog.paths import JournalLocation
from connectlog.storage.session import prepare_file, settle_journal
from connectlog.storage.tables import UTCDateTime

#: Every revision this package ships, oldest first. tests/test_migrations.py
#: checks this against the scripts in migrations/versions.
REVISIONS = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]


def migrations_dir() -> Path:
    """The Alembic folder: packaged inside the wheel, or the checkout's own."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "migrations", package.parent.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise StorageError(messages.MIGRATIONS_MISSING)


def stored_revision(engine: Engine) -> str | None:
    """The journal's schema revision, or None for a journal not yet made."""
    try:
        with engine.connect() as connection:
            try:  # the everyday case: one query
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except (OperationalError, ProgrammingError):  # no such table: new, or not ours
                connection.rollback()
            names = _table_names(connection)
            if "alembic_version" not in names:
                if names:
                    raise StorageError(messages.FOREIGN_DATABASE.format(path=engine.url.database))
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError) and "not a database" in str(exc.orig):
            raise StorageError(messages.NOT_A_DATABASE.format(path=engine.url.database)) from exc
        raise StorageError(messages.STORAGE_FAILED.format(reason=exc.orig)) from exc


def _table_names(connection: object) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(connection).get_table_names())


def ensure_current(engine: Engine, location: JournalLocation) -> Path | None:
    """Upgrade the journal to :data:`HEAD` if it is behind.

    A file that is not a journal this version can open is refused before
    anything changes it; one that is gets its file settings first.
    Returns the backup copy made before upgrading an existing journal, or
    None when nothing had to be done (or the journal was new).
    """
    revision = stored_revision(engine)
    if revision is not None and revision not in REVISIONS:
        raise StorageError(messages.NEWER_JOURNAL.format(revision=revision))
    settle_journal(engine, location)
    if revision == HEAD:
        return None
    backup = None
    if revision is not None and location.path is not None:
        backup = backup_copy(engine, location.path, before=HEAD)
    try:
        upgrade(engine)
    except DBAPIError as exc:
        # The upgrade runs in one transaction, so the journal is as it was.
        error = StorageError(messages.UPGRADE_FAILED.format(reason=exc.orig))
        if backup is not None:
            error = error.with_note(messages.UPGRADE_BACKUP.format(backup=backup))
        raise error from exc
    return backup


def backup_copy(engine: Engine, path: Path, *, before: str) -> Path:
    """Copy the journal, consistently even while in WAL mode, to a file beside it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.stem}.before-{before}-{stamp}{path.suffix or '.db'}")
    prepare_file(target)
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            source = raw.dbapi_connection
            assert isinstance(source, sqlite3.Connection)
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StorageError(messages.BACKUP_FAILED.format(path=target, reason=exc)) from exc
    finally:
        raw.close()
    return target


def render_item(type_: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """For Alembic's autogenerate: write connectlog's own column types as plain SQLAlchemy.

    A migration is history, so a script must not import connectlog's code.
    """
    if type_ == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic's upgrade on ``engine`` in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    sqlite = engine.dialect.name == "sqlite"
    with engine.execution_options(connectlog_begin="IMMEDIATE").connect() as connection:
        if sqlite:
            # Batch migrations copy tables; foreign keys must be off while they do.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
