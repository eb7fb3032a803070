"""Whole copies of a journal: backups taken while it is in use, and restoring one.

A backup is made with SQLite's online backup (``sqlite3.Connection.backup``),
in one step, so it is the journal as it stood at one moment even while
another process writes to it (WAL lets that process go on). It is written
beside its place under a temporary name (``files.temporary_beside``), checked,
and moved into place whole, readable by the owner only.

By default backups go to ``<the journal's folder>/backups/``, named
``<journal's stem>-YYYYMMDDTHHMMSSZ.db`` (``journal-20261122T200000Z.db`` for
the default journal; ``-2``, ``-3`` ... after the stamp when two are taken in
one second), and the last :data:`KEEP` are kept.

A restore takes a file from elsewhere, which may be broken or hostile, and
checks a copy of it before anything else is touched (see :func:`restore`).

Every file a backup or restore opens is opened by :func:`open_file`, so an
encrypted journal's key is given in one place (``storage/cipher.py``). A
backup of an encrypted journal is encrypted with its key; a restore keeps the
journal's own encryption (an encrypted journal stays encrypted whatever the
backup), and where there was no journal the restored one is as the file was.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from connectlog import files, messages
from connectlog.errors import StorageError
from connectlog.storage import cipher
from connectlog.storage.session import BUSY_TIMEOUT_MS, make_private_folders

#: How many backups ``backup`` keeps in the default folder.
KEEP = 10
#: The folder beside the journal that backups go to by default.
FOLDER = "backups"

_STAMP = "%Y%m%dT%H%M%SZ"


def backup_folder(journal: Path) -> Path:
    """Where backups of ``journal`` go by default: ``backups/`` beside it."""
    return journal.parent / FOLDER


def _pattern(journal: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(journal.stem)}-(?P<stamp>[0-9]{{8}}T[0-9]{{6}}Z)(?:-(?P<n>[1-9][0-9]*))?\.db$"
    )


def list_backups(journal: Path) -> list[Path]:
    """The backups of ``journal`` in its default folder, oldest first.

    Only files named as ``backup`` names them count (``journal-…Z.db`` for
    ``journal.db``), never a link or a folder; what else the folder holds is
    not connectlog's to list. A folder that is missing or cannot be read
    holds none.
    """
    pattern = _pattern(journal)
    found: list[tuple[str, int, Path]] = []
    try:
        children = list(backup_folder(journal).iterdir())
    except OSError:
        return []
    for child in children:
        match = pattern.match(child.name)
        if match is None or child.is_symlink() or not child.is_file():
            continue
        found.append((match["stamp"], int(match["n"] or 1), child))
    return [path for _, _, path in sorted(found)]


def old_backups(journal: Path, *, keep: int = KEEP) -> list[Path]:
    """The backups of ``journal`` beyond the newest ``keep``, oldest first: safe to remove."""
    backups = list_backups(journal)
    return backups[: max(len(backups) - keep, 0)]


def backup_name(journal: Path, when: datetime) -> Path:
    """The default backup file of ``journal`` taken at ``when``, not yet taken."""
    stamp = when.astimezone(UTC).strftime(_STAMP)
    folder = backup_folder(journal)
    candidate = folder / f"{journal.stem}-{stamp}.db"
    n = 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = folder / f"{journal.stem}-{stamp}-{n}.db"
    return candidate


#: What every SQLite database file begins with.
SQLITE_HEADER = b"SQLite format 3\x00"
#: The files SQLite may keep beside a database.
_BESIDE = ("-journal", "-wal", "-shm")
#: SQLite's result codes for a file that is damaged or not a database at all.
_BROKEN = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
#: A schema revision as connectlog names them.
_REVISION = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True)
class BackupMade:
    """A backup written: where, how many entries it holds, the old ones removed to keep ten."""

    path: Path
    entries: int
    removed: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Restored:
    """A journal restored from ``source``; ``kept``: the journal it replaced, if there was one."""

    journal: Path
    source: Path
    entries: int
    kept: Path | None
    upgraded_from: str | None


class _NotOurs(Exception):
    """A database that is not a connectlog journal; the reason, in the user's words."""


class _CheckFailed(Exception):
    """A copy that does not read back whole; SQLite's first complaint."""


#: ``open_file``'s ``key`` when not given: the file's own, as it is found.
_ITS_OWN: Any = object()


def open_file(path: Path, *, mode: str = "rw", key: Any = _ITS_OWN) -> sqlite3.Connection:
    """Open ``path`` for a backup, a restore or the doctor: never created, its schema
    never trusted.

    ``mode`` is ``ro`` (read only) or ``rw``; a file that is not there is an
    error, never a new empty database. With ``trusted_schema`` off, the views
    and triggers of a file from elsewhere cannot call functions with side
    effects. An encrypted file is opened with its key (its passphrase asked
    for once a run); ``key`` gives one instead: to a new, empty file (a copy
    of an encrypted journal, encrypted alike), and to a file this process has
    open already, whose first bytes must not be read again (closing a file
    SQLite has open would drop SQLite's locks on it).
    """
    uri = f"{path.absolute().as_uri()}?mode={mode}"
    if key is _ITS_OWN:
        key = cipher.key_for(path)
    elif key is not None:
        cipher.remember(path, key)
    if key is None:
        connection = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    else:
        connection = cipher.connect(uri, key, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        connection.close()
        raise
    return connection


# --- backup ------------------------------------------------------------------------------


def back_up(
    journal: Path, *, now: datetime, target: Path | None = None, keep: int = KEEP
) -> BackupMade:
    """Copy ``journal`` whole, while other processes may be writing to it.

    To ``target``, or by default to :func:`backup_name` in :func:`backup_folder`,
    removing the default backups beyond the newest ``keep``. The copy is
    written beside its place, checked (``PRAGMA quick_check``) and moved into
    place; a failure leaves whatever was at ``target`` as it was.
    """
    if not journal.exists():
        raise StorageError(messages.NO_JOURNAL_YET.format(path=journal))
    if target is not None and files.is_journal_file(target, journal):
        raise StorageError(messages.OUTPUT_IS_JOURNAL.format(path=target))
    default = target is None
    writing = target
    try:
        key = cipher.key_for(journal)
        with closing(open_file(journal, key=key)) as source:
            _revision(source)  # nothing is made for a file that is not a journal
            if target is None:
                make_private_folders(backup_folder(journal))
                target = backup_name(journal, now)
            writing = target
            entries = _copy(source, target, key=key)
    except _NotOurs as exc:
        raise StorageError(messages.JOURNAL_NOT_OURS.format(path=journal, reason=exc)) from exc
    except _CheckFailed as exc:
        raise StorageError(messages.BACKUP_CHECK_FAILED.format(path=writing, reason=exc)) from exc
    except cipher.errors() as exc:
        if exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
            raise StorageError(messages.NOT_A_DATABASE.format(path=journal)) from exc
        raise StorageError(messages.BACKUP_NOT_WRITTEN.format(path=writing, reason=exc)) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.BACKUP_NOT_WRITTEN.format(path=writing, reason=reason)) from exc
    removed = remove_backups(old_backups(journal, keep=keep)) if default else ()
    return BackupMade(path=target, entries=entries, removed=removed)


def remove_backups(backups: Iterable[Path]) -> tuple[Path, ...]:
    """Remove ``backups`` (and any SQLite file beside one); those removed."""
    removed = []
    for backup in backups:
        try:
            backup.unlink()
        except OSError:
            continue
        for suffix in _BESIDE:
            Path(f"{backup}{suffix}").unlink(missing_ok=True)
        removed.append(backup)
    return tuple(removed)


def _copy(source: sqlite3.Connection, target: Path, *, key: cipher.Key | None) -> int:
    """Copy the database ``source`` is on to ``target``, whole or not at all; its entries.

    One step of the online backup API: a consistent copy of one moment, while
    WAL lets other processes go on writing. The copy is a single file (not WAL)
    readable by the owner only, encrypted with ``key``: the source's.
    """
    files.remove_leftovers(target)
    fd, temporary = files.temporary_beside(target)
    os.close(fd)
    try:
        with closing(open_file(temporary, key=key)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            _check(copy, "quick_check")
            entries = _entries(copy)
        files.sync(temporary)
        temporary.replace(target)
        files.sync(target.parent)
    finally:
        files.discard_database(temporary)
    return entries


def _check(connection: sqlite3.Connection, pragma: str) -> None:
    """Raise :class:`_CheckFailed` unless SQLite's ``integrity_check``/``quick_check`` is ok."""
    (result,) = connection.execute(f"PRAGMA {pragma}(1)").fetchone()
    if result != "ok":
        lines = [line for line in str(result).splitlines() if not line.startswith("***")]
        raise _CheckFailed(lines[0] if lines else str(result))


def _entries(connection: sqlite3.Connection) -> int:
    (count,) = connection.execute("SELECT count(*) FROM entry").fetchone()
    return int(count)


def _revision(connection: sqlite3.Connection) -> str:
    """The schema revision of a connectlog journal; :class:`_NotOurs` for any other database."""
    names = {
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "alembic_version" not in names:
        raise _NotOurs(messages.NOT_OURS_FOREIGN if names else messages.NOT_OURS_NO_VERSION)
    versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(versions) != 1 or not isinstance(versions[0][0], str):
        raise _NotOurs(messages.NOT_OURS_NO_VERSION)
    if "entry" not in names:
        raise _NotOurs(messages.NOT_OURS_MISSING.format(kind="table", name="'entry'"))
    revision: str = versions[0][0]
    return revision


# --- restore -----------------------------------------------------------------------------


def restore(journal: Path, source: Path, *, now: datetime) -> Restored:
    """Put the journal in ``source`` in the place of ``journal``, keeping the one it replaces.

    ``source`` is a file from elsewhere, so nothing is touched until a copy of
    it, beside the journal, has passed every check: it is a SQLite database,
    passes ``PRAGMA integrity_check``, is a connectlog journal (its schema
    revision is one this connectlog knows, not newer, and its tables, indexes,
    triggers and views are those connectlog makes at that revision, nothing
    more), and it upgrades to the current schema. ``source`` itself is only
    read. Then, holding the journal's write lock, the journal there now (if
    any) is backed up into the backups folder and the checked copy's schema and
    rows are written into it, in one transaction, so another process sees the
    old journal or the new one, a writer waits and writes into the new one, and
    a kill at any moment leaves one sound journal. (A journal that SQLite
    cannot read at all is kept byte for byte and replaced by a rename instead.)
    """
    if files.is_journal_file(source, journal):
        raise StorageError(messages.RESTORE_IS_JOURNAL.format(path=source))
    _refuse_unless_sqlite(source)
    source_key = _source_key(source)
    _refuse_unless_replaceable(journal)
    # A journal keeps its encryption, whatever it is restored from; a journal made
    # by the restore is encrypted as ``source`` is.
    key = source_key if _nothing_there(journal) else cipher.key_for(journal)
    make_private_folders(journal.parent)
    files.remove_leftovers(journal)
    try:
        fd, temporary = files.temporary_beside(journal)
        os.close(fd)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.RESTORE_FAILED.format(path=source, reason=reason)) from exc
    try:
        revision, entries = _bring_in(source, temporary, key=key)
        kept = _put_in_place(temporary, journal, now=now)
    finally:
        files.discard_database(temporary)
    upgraded = None if revision == _head() else revision
    return Restored(
        journal=journal, source=source, entries=entries, kept=kept, upgraded_from=upgraded
    )


def _source_key(source: Path) -> cipher.Key | None:
    """The key of ``source`` (its passphrase asked for), before anything is made."""
    try:
        return cipher.key_for(source)
    except cipher.Locked as error:
        reason = error.reason
        raise StorageError(messages.RESTORE_LOCKED.format(path=source, reason=reason)) from error


def _head() -> str:
    from connectlog.storage.migrate import HEAD

    return HEAD


def _refuse_unless_sqlite(source: Path) -> None:
    try:
        status = source.stat()
        if stat.S_ISDIR(status.st_mode):
            reason = "it is a folder"
        elif not stat.S_ISREG(status.st_mode):
            reason = "it is not a regular file"
        else:
            with source.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
            if head != SQLITE_HEADER and not cipher.is_encrypted(source):
                raise StorageError(messages.RESTORE_NOT_SQLITE.format(path=source))
            return
    except OSError as exc:
        reason = exc.strerror or str(exc)
    raise StorageError(messages.FILE_UNREADABLE.format(path=source, reason=reason))


def _refuse_unless_replaceable(journal: Path) -> None:
    """Refuse a ``journal`` path that holds something other than a connectlog journal.

    Missing, empty, a connectlog journal, or a SQLite file too damaged to read
    (the usual reason to restore) may be replaced; anything else is someone's
    file and is left alone.
    """
    try:
        with journal.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.CANNOT_OPEN.format(path=journal, reason=reason)) from exc
    if head == b"":
        return
    if head != SQLITE_HEADER and not cipher.is_encrypted(journal):
        raise StorageError(
            messages.RESTORE_OVER_FOREIGN.format(path=journal, reason=messages.NOT_OURS_NOT_SQLITE)
        )
    try:
        with closing(open_file(journal, mode="ro")) as live:
            _revision(live)
    except _NotOurs as exc:
        if str(exc) == messages.NOT_OURS_NO_VERSION and not _tables(journal):
            return  # an empty SQLite file: a journal not yet made
        raise StorageError(messages.RESTORE_OVER_FOREIGN.format(path=journal, reason=exc)) from exc
    except cipher.errors():
        return  # damaged: kept byte for byte, then replaced


def _tables(path: Path) -> bool:
    with closing(open_file(path, mode="ro")) as connection:
        (count,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(count)


def _bring_in(source: Path, temporary: Path, *, key: cipher.Key | None) -> tuple[str, int]:
    """Copy ``source`` to ``temporary``, check it and upgrade it; its revision and entries.

    The copy is encrypted with ``key`` (None: not encrypted), whatever ``source`` is.
    """
    try:
        source_key = cipher.key_for(source)
        if source_key == key:
            with (
                closing(open_file(source, mode="ro", key=key)) as original,
                closing(open_file(temporary, key=key)) as copy,
            ):
                original.backup(copy)
        else:  # the backup API copies pages as they are: SQLCipher's export re-encrypts them
            _export(source, source_key, temporary, key)
    except cipher.errors() as exc:
        if exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
            raise StorageError(messages.RESTORE_NOT_SQLITE.format(path=source)) from exc
        if exc.sqlite_errorcode == sqlite3.SQLITE_CORRUPT:
            raise StorageError(messages.RESTORE_DAMAGED.format(path=source, reason=exc)) from exc
        raise StorageError(messages.FILE_UNREADABLE.format(path=source, reason=exc)) from exc
    from connectlog.storage.migrate import HEAD, REVISIONS

    try:
        with closing(open_file(temporary)) as copy:
            copy.execute("PRAGMA journal_mode = DELETE")
            _check(copy, "integrity_check")
            revision = _revision(copy)
            if revision not in REVISIONS:
                if _REVISION.match(revision) and revision > HEAD:
                    raise StorageError(
                        messages.RESTORE_NEWER.format(path=source, revision=revision)
                    )
                raise _NotOurs(messages.NOT_OURS_VERSION.format(revision=revision))
            at_revision, at_head = _reference(revision)
            _same_structure(_structure(copy), at_revision)
    except _CheckFailed as exc:
        raise StorageError(messages.RESTORE_DAMAGED.format(path=source, reason=exc)) from exc
    except _NotOurs as exc:
        raise StorageError(messages.RESTORE_NOT_OURS.format(path=source, reason=exc)) from exc
    except cipher.errors() as exc:
        if exc.sqlite_errorcode in _BROKEN:
            raise StorageError(messages.RESTORE_DAMAGED.format(path=source, reason=exc)) from exc
        raise StorageError(messages.FILE_UNREADABLE.format(path=source, reason=exc)) from exc
    if revision != HEAD:
        _upgrade(temporary, source)
    with closing(open_file(temporary)) as copy:
        try:
            _same_structure(_structure(copy), at_head)
        except _NotOurs as exc:
            raise StorageError(
                messages.RESTORE_NOT_UPGRADED.format(path=source, reason=exc)
            ) from exc
        return revision, _entries(copy)


def _export(
    source: Path, source_key: cipher.Key | None, temporary: Path, key: cipher.Key | None
) -> None:
    """Copy ``source`` into the empty ``temporary`` (SQLCipher's export), encrypted with ``key``."""
    uri = f"{source.absolute().as_uri()}?mode=ro"
    original = cipher.connect(uri, source_key, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        original.execute("PRAGMA trusted_schema = OFF")
        value = "" if key is None else key.raw()
        original.execute("ATTACH DATABASE ? AS copy KEY ?", (str(temporary), value))
        original.execute("SELECT sqlcipher_export('copy')").fetchall()
        original.execute("DETACH DATABASE copy")
    finally:
        original.close()
    cipher.remember(temporary, key)


def _upgrade(temporary: Path, source: Path) -> None:
    """Bring the checked copy at ``temporary`` up to the current schema."""
    from sqlalchemy import event

    from connectlog.paths import JournalLocation
    from connectlog.storage import migrate, session

    engine = session.open_engine(JournalLocation(path=temporary))
    event.listen(engine, "connect", _distrust)
    try:
        migrate.upgrade(engine)
    except Exception as exc:  # whatever a revision raises, nothing has been restored
        reason = getattr(exc, "orig", None) or exc
        raise StorageError(
            messages.RESTORE_NOT_UPGRADED.format(path=source, reason=reason)
        ) from exc
    finally:
        engine.dispose()


def _distrust(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA trusted_schema = OFF")


#: A database's shape: each table, index, trigger and view by kind and name.
Structure = dict[tuple[str, str], object]


def _reference(revision: str) -> tuple[Structure, Structure]:
    """The shape of a journal connectlog makes at ``revision``, and at the head."""
    from connectlog.paths import JournalLocation
    from connectlog.storage import migrate, session

    with tempfile.TemporaryDirectory(prefix="connectlog-reference-") as folder:
        path = Path(folder) / "reference.db"
        engine = session.open_engine(JournalLocation(path=path))
        try:
            migrate.upgrade(engine, revision)
            with closing(open_file(path, key=None)) as connection:  # never encrypted
                at_revision = _structure(connection)
            if revision == migrate.HEAD:
                return at_revision, at_revision
            migrate.upgrade(engine)
            with closing(open_file(path, key=None)) as connection:
                return at_revision, _structure(connection)
        finally:
            engine.dispose()


def _structure(connection: sqlite3.Connection) -> Structure:
    """What a database is made of, in a form that does not depend on how it got there.

    A table is its columns, foreign keys and indexes (read through SQLite's
    pragmas, so a table rebuilt by a migration compares equal to one made
    afresh); an index, trigger or view is its SQL.
    """
    shape: Structure = {}
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if str(name).startswith("sqlite_"):  # SQLite's own: sequences, statistics, autoindexes
            continue
        virtual = kind == "table" and str(sql or "").upper().startswith("CREATE VIRTUAL")
        if kind == "table" and not virtual:
            shape[(kind, name)] = _table_shape(connection, name)
        else:
            shape[(kind, name)] = (table, sql)
    return shape


def _table_shape(connection: sqlite3.Connection, name: str) -> object:
    columns = sorted(
        tuple(row[1:]) for row in connection.execute("SELECT * FROM pragma_table_xinfo(?)", (name,))
    )
    keys: dict[int, list[tuple[object, ...]]] = {}
    for row in connection.execute("SELECT * FROM pragma_foreign_key_list(?)", (name,)):
        keys.setdefault(row[0], []).append(tuple(row[1:]))
    foreign = sorted(tuple(sorted(parts)) for parts in keys.values())
    indexes = []
    for _seq, index, unique, origin, partial in connection.execute(
        "SELECT * FROM pragma_index_list(?)", (name,)
    ):
        covered = tuple(
            row[2] for row in connection.execute("SELECT * FROM pragma_index_info(?)", (index,))
        )
        named = None if str(index).startswith("sqlite_autoindex") else index
        indexes.append((named, unique, origin, partial, covered))
    return (columns, foreign, sorted(indexes, key=repr))


def _same_structure(found: Structure, expected: Structure) -> None:
    """Raise :class:`_NotOurs`, naming the first difference, unless ``found`` is ``expected``."""
    for key in sorted(expected.keys() - found.keys(), key=_tables_first):
        raise _NotOurs(messages.NOT_OURS_MISSING.format(kind=key[0], name=f"'{key[1]}'"))
    for key in sorted(found.keys() - expected.keys(), key=_tables_first):
        article = "an" if key[0] == "index" else "a"
        raise _NotOurs(
            messages.NOT_OURS_EXTRA.format(kind=f"{article} {key[0]}", name=f"'{key[1]}'")
        )
    for key in sorted(expected, key=_tables_first):
        if found[key] != expected[key]:
            raise _NotOurs(messages.NOT_OURS_CHANGED.format(kind=key[0], name=f"'{key[1]}'"))


def _tables_first(key: tuple[str, str]) -> tuple[int, str, str]:
    """A table missing is named before the indexes and triggers that go with it."""
    return (0 if key[0] == "table" else 1, key[0], key[1])


def _put_in_place(temporary: Path, journal: Path, *, now: datetime) -> Path | None:
    """Make the checked copy the journal; the backup of the journal it replaced, if any."""
    if _nothing_there(journal):
        files.sync(temporary)
        temporary.replace(journal)
        files.sync(journal.parent)
        return None
    make_private_folders(backup_folder(journal))
    kept = backup_name(journal, now)
    try:
        _replace_under_lock(temporary, journal, kept)
        return kept
    except _CheckFailed:
        pass  # the journal is damaged: it is replaced by a rename below
    except cipher.errors() as exc:
        if exc.sqlite_errorcode not in _BROKEN:
            reason = f"{exc}; the journal is as it was"
            raise StorageError(messages.RESTORE_FAILED.format(path=journal, reason=reason)) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.RESTORE_FAILED.format(path=journal, reason=reason)) from exc
    # SQLite cannot write into what it cannot read: the damaged journal, kept
    # byte for byte, gives way to the copy, and its WAL with it.
    try:
        for suffix in ("", "-wal"):
            original = Path(f"{journal}{suffix}")
            if original.exists():
                _copy_bytes(original, Path(f"{kept}{suffix}"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.RESTORE_FAILED.format(path=journal, reason=reason)) from exc
    files.sync(temporary)
    temporary.replace(journal)
    for suffix in _BESIDE:
        Path(f"{journal}{suffix}").unlink(missing_ok=True)
    files.sync(journal.parent)
    return kept


def _replace_under_lock(temporary: Path, journal: Path, kept: Path) -> None:
    """Copy the journal to ``kept``, then make it the copy at ``temporary``, in one transaction.

    The journal's write lock is taken first and held to the end, so nothing
    another process writes can fall between the copy kept and the journal
    restored: a writer waits, and writes into the restored journal. Readers
    see the old journal or the new one; a kill leaves the old one.
    """
    key = cipher.key_for(journal)  # the copy at temporary has it too (see _restored_key)
    with closing(open_file(journal, key=key)) as live:
        live.execute("PRAGMA foreign_keys = OFF")  # tables go and come back whole
        value = "" if key is None else key.raw()
        live.execute("ATTACH DATABASE ? AS restored KEY ?", (str(temporary), value))
        live.execute("BEGIN IMMEDIATE")
        try:
            # Read by a second connection: the backup API cannot copy from one that
            # holds a write transaction, and with the lock held it sees the last commit.
            with closing(open_file(journal, mode="ro", key=key)) as reader:
                _copy(reader, kept, key=key)
            _take_contents(live)
            live.execute("COMMIT")
        except BaseException:
            if live.in_transaction:
                live.execute("ROLLBACK")
            raise


def _take_contents(live: sqlite3.Connection) -> None:
    """Make the main database what ``restored`` holds: its schema, then its rows."""
    shadows = {
        name
        for schema in ("main", "restored")
        for (name,) in live.execute(
            f"SELECT name FROM pragma_table_list WHERE schema = '{schema}' AND type = 'shadow'"
        )
    }
    for kind, name in live.execute(
        "SELECT type, name FROM main.sqlite_master WHERE type IN ('view', 'table')"
    ).fetchall():
        if not str(name).startswith("sqlite_") and name not in shadows:
            live.execute(f'DROP {kind.upper()} main."{name}"')  # its indexes and triggers too
    made = live.execute(
        "SELECT type, name, sql FROM restored.sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    # SQLite's own tables (connectlog uses no AUTOINCREMENT, so there is no sqlite_sequence
    # to carry over) and the text index's shadow tables, which it makes itself.
    made = [row for row in made if row[1] not in shadows and not row[1].startswith("sqlite_")]
    tables = [(name, sql) for kind, name, sql in made if kind == "table"]
    for _, sql in tables:
        live.execute(sql)  # into main, which is where an unqualified CREATE goes
    for name, sql in tables:
        if not sql.upper().startswith("CREATE VIRTUAL"):
            live.execute(f'INSERT INTO main."{name}" SELECT * FROM restored."{name}"')
    for name, sql in tables:  # an index of the text (FTS5) is made again from its rows
        if sql.upper().startswith("CREATE VIRTUAL"):
            live.execute(f'INSERT INTO main."{name}" ("{name}") VALUES (\'rebuild\')')
    for kind, _, sql in made:  # after the rows: indexes built once, triggers fire for none
        if kind != "table":
            live.execute(sql)


def _nothing_there(journal: Path) -> bool:
    try:
        empty = journal.stat().st_size == 0
    except FileNotFoundError:
        return True
    return empty and not any(Path(f"{journal}{suffix}").exists() for suffix in _BESIDE)


def _copy_bytes(original: Path, target: Path) -> None:
    fd, temporary = files.temporary_beside(target)
    try:
        with os.fdopen(fd, "wb") as out, original.open("rb") as handle:
            shutil.copyfileobj(handle, out)
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
