"""What SQLite can tell about a journal file, for ``connectlog doctor``.

The file is opened as it is: never created, never upgraded, its schema
untrusted (``trusted_schema`` off), and read in one read transaction, so a
process writing to the journal meanwhile goes on (WAL lets it) and the
checks see the journal as it stood at one moment.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from connectlog import messages
from connectlog.errors import StorageError
from connectlog.storage import cipher
from connectlog.storage.backup import open_file
from connectlog.storage.search import INDEX

#: How many of SQLite's complaints about a damaged file are kept.
COMPLAINTS = 5
#: The triggers that keep the search index in step with the entries (migration 0004).
SEARCH_TRIGGERS = ("entry_search_insert", "entry_search_delete", "entry_search_update")


@dataclass(frozen=True)
class BrokenLinks:
    """Rows of ``table`` that point at rows of ``parent`` that are not there."""

    table: str
    parent: str
    count: int


@dataclass(frozen=True)
class SearchState:
    """The full-text index beside the entries (migration 0004), if the journal keeps one.

    ``orphans``: rows of the index whose entry is gone; ``missing``: entries
    the index does not hold; ``triggers``: whether the triggers that keep it
    in step are all there.
    """

    orphans: int
    missing: int
    triggers: bool


@dataclass(frozen=True)
class DatabaseState:
    """A journal file as SQLite reads it.

    ``revision`` is None for a file with no tables yet (a journal not made);
    ``complaints`` are the first of ``PRAGMA integrity_check``'s (none: sound),
    ``problems`` how many it had in all; ``search`` is None when there is no
    index (SQLite without FTS5, or a journal not made yet).
    """

    revision: str | None
    complaints: tuple[str, ...]
    problems: int
    broken_links: tuple[BrokenLinks, ...]
    search: SearchState | None


def examine(path: Path) -> DatabaseState:
    """Check the journal at ``path``; a :class:`StorageError` if SQLite cannot read it at all."""
    try:
        with closing(open_file(path)) as connection:
            connection.execute("BEGIN")  # one snapshot for every check
            try:
                return _examine(connection, path)
            finally:
                connection.execute("ROLLBACK")
    except cipher.Locked as error:
        raise StorageError(messages.DOCTOR_LOCKED.format(path=path, reason=error.reason)) from error
    except cipher.errors("DatabaseError") as exc:
        if exc.sqlite_errorcode in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
            raise StorageError(messages.DOCTOR_UNREADABLE.format(path=path, reason=exc)) from exc
        raise StorageError(messages.CANNOT_OPEN.format(path=path, reason=exc)) from exc


def _examine(connection: sqlite3.Connection, path: Path) -> DatabaseState:
    names = {
        str(name)
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    revision = None
    if "alembic_version" in names:
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        revision = str(versions[0][0]) if len(versions) == 1 else None
    if revision is None and names:
        raise StorageError(messages.FOREIGN_DATABASE.format(path=path))
    complaints = [
        str(line)
        for (line,) in connection.execute(f"PRAGMA integrity_check({COMPLAINTS + 1})")
        if line != "ok"
    ]
    problems = len(complaints)
    if problems > COMPLAINTS:  # SQLite stopped counting: say how many there are
        problems = sum(
            1 for (line,) in connection.execute("PRAGMA integrity_check") if line != "ok"
        )
    links = Counter(
        (str(table), str(parent))
        for table, _rowid, parent, _key in connection.execute("PRAGMA foreign_key_check")
    )
    broken = tuple(
        BrokenLinks(table=table, parent=parent, count=count)
        for (table, parent), count in sorted(links.items())
    )
    return DatabaseState(
        revision=revision,
        complaints=tuple(complaints[:COMPLAINTS]),
        problems=problems,
        broken_links=broken,
        search=_search(connection, names),
    )


def _search(connection: sqlite3.Connection, names: set[str]) -> SearchState | None:
    # The index keeps one row per entry in its docsize table: read, not the index's
    # own 'integrity-check', which is a write and would wait for a writer.
    sizes = f"{INDEX}_docsize"
    if INDEX not in names or sizes not in names:
        return None
    triggers = {
        str(name)
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    (orphans,) = connection.execute(
        f"SELECT count(*) FROM {sizes} WHERE id NOT IN (SELECT id FROM entry)"
    ).fetchone()
    (missing,) = connection.execute(
        f"SELECT count(*) FROM entry WHERE id NOT IN (SELECT id FROM {sizes})"
    ).fetchone()
    return SearchState(
        orphans=int(orphans), missing=int(missing), triggers=set(SEARCH_TRIGGERS) <= triggers
    )


def rebuild_search(path: Path) -> None:
    """Make the search index again from the entries, in one write transaction."""
    try:
        with closing(open_file(path)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('rebuild')")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
    except cipher.errors() as exc:
        raise StorageError(messages.STORAGE_FAILED.format(reason=exc)) from exc
