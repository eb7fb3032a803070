"""Keep a journal's schema at the head the package ships, without paying for Alembic.

Opening a journal reads its stored revision with one query and compares it
with :data:`HEAD`. Only when the journal is behind does Alembic load: a
backup copy is taken first, then the upgrade runs.

An upgrade is all or nothing: every revision runs in one transaction, which
connectlog begins itself (the sqlite3 driver is told never to begin or commit
on its own, see ``storage/session.py``), so that Alembic, finding a
transaction already open, neither begins nor commits one per revision.
Killed or failed part-way, the journal is at the revision it had.
"""

from __future__ import annotations

import filecmp
import os
import re
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, cast

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError, ProgrammingError

from connectlog import files, messages
from connectlog.errors import NotAJournalError, StorageError
from connectlog.paths import JournalLocation
from connectlog.storage import cipher, guard
from connectlog.storage.session import settle_journal
from connectlog.storage.types import UTCDateTime

#: Every revision this package ships, oldest first. tests/test_migrations.py
#: checks this against the scripts in migrations/versions.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
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
                    path = engine.url.database
                    raise NotAJournalError(messages.FOREIGN_DATABASE.format(path=path))
                if engine.dialect.name == "sqlite":
                    guard.check_empty(connection, path=engine.url.database)
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError) and "not a database" in str(exc.orig):
            path = engine.url.database
            head = cipher.read_head(Path(path)) if path else None
            if head is not None and head != cipher.HEADER:
                # Opened as a plain journal, and now an encrypted one is there: encrypt
                # swapped it meanwhile (and zeroed the old file). Not a refusal: what was
                # typed is kept, and the command can run again.
                raise StorageError(messages.JOURNAL_SWAPPED.format(path=path)) from exc
            refused = messages.NOT_A_DATABASE.format(path=path)
            raise NotAJournalError(refused) from exc
        if guard.is_damage(exc):
            raise guard.damage(exc, path=engine.url.database) from exc
        raise StorageError(messages.STORAGE_FAILED.format(reason=exc.orig)) from exc


def _table_names(connection: object) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(connection).get_table_names())


def ensure_current(engine: Engine, location: JournalLocation) -> Path | None:
    """Upgrade the journal to :data:`HEAD` if it is behind.

    A file that is not a journal this version can open is refused before
    anything changes it; one that is gets its file settings first.
    Returns the backup copy made before upgrading an existing journal, or
    None when nothing had to be done (or the journal was new). An upgrade
    that fails leaves the journal as it was, and the error says so (having
    looked) and names the copy.
    """
    revision = stored_revision(engine)
    guard.check_revision(revision, path=location.describe())
    if revision is not None and revision not in REVISIONS:
        raise StorageError(messages.NEWER_JOURNAL.format(revision=revision))
    settle_journal(engine, location)
    if revision == HEAD:
        return None
    backup = None
    if revision is not None and location.path is not None:
        backup = backup_copy(engine, location.path, before=HEAD)
    try:
        if revision is None and engine.dialect.name == "sqlite" and create(engine):
            return None
        upgrade(engine)
    except Exception as exc:  # a revision's own error too: the user is told, with the copy
        error = _failed(engine, exc, was=revision)
        if backup is not None:
            error = error.with_note(messages.UPGRADE_BACKUP.format(backup=backup))
        raise error from exc
    return backup


def create(engine: Engine) -> bool:
    """Make an empty SQLite journal a new one at :data:`HEAD`, in one transaction.

    What it runs is ``storage/head.py``: the schema and rows that every revision,
    run from nothing, makes (``tests/test_head.py`` holds the two alike). That
    spares a new journal Alembic and the table copies of a batch migration,
    about 0.1 s and most of the test suite's time. Returns False, having changed
    nothing, when the file is no longer empty: another process made it first.
    """
    from connectlog.storage import head

    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy writes a time
    immediate = engine.execution_options(connectlog_begin="IMMEDIATE")
    with immediate.connect() as connection, connection.begin():
        if connection.exec_driver_sql("SELECT count(*) FROM sqlite_schema").scalar():
            return False
        for statement in head.STATEMENTS:
            connection.exec_driver_sql(statement)
        for table, columns, values in head.ROWS:
            stamped = [
                tuple(made if c in head.STAMPED else v for c, v in zip(columns, row, strict=True))
                for row in values
            ]
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join("?" for _ in columns)
            connection.exec_driver_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', stamped)
        connection.exec_driver_sql(
            "INSERT INTO alembic_version (version_num) VALUES (?)", (head.REVISION,)
        )
    return True


def _failed(engine: Engine, exc: Exception, *, was: str | None) -> StorageError:
    """What became of a journal whose upgrade failed, as read from it afterwards."""
    if isinstance(exc, StorageError):
        reason = str(exc).rstrip(".")
    elif isinstance(exc, DBAPIError):
        reason = str(exc.orig)
    else:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    try:
        now = stored_revision(engine)
    except (StorageError, NotAJournalError) as unreadable:
        return StorageError(messages.UPGRADE_STATE_UNKNOWN.format(reason=reason, error=unreadable))
    if now == was:
        if was is None:
            return StorageError(messages.SETUP_FAILED.format(reason=reason))
        return StorageError(messages.UPGRADE_FAILED.format(reason=reason, revision=was))
    return StorageError(messages.UPGRADE_LEFT_AT.format(reason=reason, now=now, was=was))


def backup_copy(engine: Engine, path: Path, *, before: str) -> Path:
    """Copy the journal, consistently even while in WAL mode, to a file beside it.

    The copy is made under a temporary name and copy_name
    ``<journal>.before-<rev>-<stamp>.db`` once whole. If an earlier copy
    before the same revision holds exactly the same (an attempt that failed
    or was killed left the journal as it was), that copy is kept and copy_name
    instead, so that trying again and again keeps one.
    """
    suffix = path.suffix or ".db"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.stem}.before-{before}-{stamp}{suffix}")
    copy_name = path.with_name(f"{path.stem}.before-{before}{suffix}")
    files.remove_leftovers(copy_name)  # of a copy that was killed while being made
    try:
        fd, temporary = files.temporary_beside(copy_name)
        os.close(fd)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.BACKUP_FAILED.format(path=target, reason=reason)) from exc
    failures: tuple[type[Exception], ...] = (*cipher.errors(), OSError)
    try:
        _copy(engine, temporary)
        same = _same_copy(temporary, path.parent.glob(f"{path.stem}.before-{before}-*{suffix}"))
        if same is not None:
            temporary.unlink()
            return same
        temporary.replace(target)
    except failures as exc:
        temporary.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StorageError(messages.BACKUP_FAILED.format(path=target, reason=reason)) from exc
    finally:
        for extra in ("-journal", "-wal", "-shm"):
            Path(f"{temporary}{extra}").unlink(missing_ok=True)
    return target


def upgrade_copies(path: Path) -> list[tuple[Path, str, datetime]]:
    """The copies :func:`backup_copy` kept beside the journal at ``path``, oldest first.

    Each with the revision it was taken before and when (UTC), read from its name.
    """
    suffix = path.suffix or ".db"
    pattern = re.compile(
        rf"^{re.escape(path.stem)}\.before-(?P<rev>[0-9]{{4}})-(?P<stamp>[0-9]{{8}}T[0-9]{{12}})"
        rf"{re.escape(suffix)}$"
    )
    found = []
    try:
        children = list(path.parent.iterdir())
    except OSError:
        return []
    for child in children:
        match = pattern.match(child.name)
        if match is None or child.is_symlink() or not child.is_file():
            continue
        taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
        found.append((child, match["rev"], taken))
    return sorted(found, key=lambda copy: (copy[2], copy[0]))


def _copy(engine: Engine, target: Path) -> None:
    # The copy of an encrypted journal is encrypted with its key, by the same driver.
    key = cipher.key_for(Path(str(engine.url.database)))
    raw = engine.raw_connection()
    try:
        destination = (
            sqlite3.connect(target) if key is None else cipher.connect(target, key, timeout=10.0)
        )
        try:
            source = cast(sqlite3.Connection, raw.dbapi_connection)
            source.backup(destination)
        finally:
            destination.close()
    finally:
        raw.close()


def _same_copy(made: Path, earlier: Any) -> Path | None:
    """The first of the ``earlier`` copies whose bytes are ``made``'s, if any.

    SQLite's backup writes the same bytes for the same journal, so a copy of a
    journal left as it was by a failed attempt is byte for byte the last one.
    """
    size = made.stat().st_size
    for candidate in sorted(earlier):
        try:
            if candidate.stat().st_size == size and filecmp.cmp(made, candidate, shallow=False):
                return Path(candidate)
        except OSError:
            continue
    return None


def render_item(type_: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """For Alembic's autogenerate: write connectlog's own column types as plain SQLAlchemy.

    A migration is history, so a script must not import connectlog's code.
    """
    if type_ == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic's upgrade on ``engine``, every revision in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    sqlite = engine.dialect.name == "sqlite"
    with engine.execution_options(connectlog_begin="IMMEDIATE").connect() as connection:
        if sqlite:
            # Batch migrations copy tables: a DROP TABLE with foreign keys on would
            # cascade. The setting cannot change inside a transaction, so it is
            # switched off before the one the upgrade runs in, and back on after.
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                broken = _broken_links(connection) if sqlite else Counter[str]()
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    _no_new_broken_links(connection, broken)
        finally:
            if sqlite and not connection.invalidated:
                _foreign_keys(connection, on=True)


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    dbapi = cast(sqlite3.Connection, connection.connection.dbapi_connection)  # or sqlcipher3's
    if dbapi.in_transaction:  # SQLite would ignore the PRAGMA
        raise RuntimeError("foreign keys cannot be switched inside a transaction")
    dbapi.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    (now,) = dbapi.execute("PRAGMA foreign_keys").fetchone()
    if bool(now) != on:
        raise RuntimeError("SQLite did not switch foreign keys")


def _broken_links(connection: Connection) -> Counter[str]:
    """How many rows of each table point at a row that is not there."""
    found = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    return Counter(str(row[0]) for row in found)


def _no_new_broken_links(connection: Connection, before: Counter[str]) -> None:
    # What SQLite's own procedure for changing a table asks after the change, with
    # foreign keys off: the rebuilt tables still point where they did.
    for table, count in (_broken_links(connection) - before).items():
        raise StorageError(
            messages.UPGRADE_BROKE_LINKS.format(
                count=messages.count(count, "row", "rows"), table=table
            )
        )
