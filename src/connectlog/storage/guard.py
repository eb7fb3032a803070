"""What a file must be before connectlog changes anything in it, and what damage looks like.

Only the journal is ever touched. ``--db`` (or ``CONNECTLOG_DB``) may name
anything; before connectlog creates, chmods, switches to WAL, backs up or
writes a file, this module has said that it is a journal:

- :func:`check_path` (from ``session.prepare_file``, before any connection
  opens the file): the path is a regular file, or nothing yet. A folder, a
  FIFO, a device, a socket, a link to one of them or a link to nothing is
  refused before anything is done to it. So is a file with bytes in it that
  cannot be the pages of a database (shorter than a page, or not whole
  pages): SQLite would take a short file for an empty database and make a
  journal of it. Of a file of whole pages, ``storage/cipher.py`` reads the
  first bytes: SQLite's header, or else an encrypted journal's salt, whose
  key it asks for and which it refuses if no key opens it. Only ``stat`` is
  used here: opening and closing a file SQLite has open would drop SQLite's
  locks on it (see ``storage/cipher.py``).
- :func:`check_revision` and :func:`check_empty`: a schema revision connectlog
  never writes (another program's Alembic table), or a database without
  tables that another program has marked as its own, is not a journal.
- :func:`check_before_writing`: a write begins by reading the tables that
  hold the entries page by page (``cell_size_check`` on), so a journal
  damaged there takes no new entry; and :func:`damage` turns SQLite's
  "database disk image is malformed", from any statement, into one line that
  points at ``connectlog doctor`` and ``connectlog restore``.
"""

from __future__ import annotations

import re
import sqlite3
import stat
from pathlib import Path
from typing import Any

from connectlog import messages
from connectlog.errors import NotAJournalError, StorageError

#: SQLite's result codes for a database it finds damaged, or not a database at all.
DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
#: The smallest page SQLite writes: a database file is a whole number of them.
_SMALLEST_PAGE = 512
#: Every schema revision connectlog writes is four digits (migrations/versions/).
_OUR_REVISION = re.compile(r"^[0-9]{4}$")

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_path(path: Path) -> None:
    """Refuse ``path`` unless it is a regular file, or nothing (a new journal).

    ``stat`` follows links, so a link is judged by what it points at; a
    link to nothing is refused too, since creating the journal would create
    a file wherever it points.
    """
    try:
        found = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise NotAJournalError(messages.JOURNAL_LINK_TO_NOTHING.format(path=path)) from None
        return
    except OSError as exc:
        raise StorageError(messages.CANNOT_OPEN.format(path=path, reason=exc.strerror)) from exc
    if stat.S_ISREG(found.st_mode):
        if found.st_size and (found.st_size < _SMALLEST_PAGE or found.st_size % _SMALLEST_PAGE):
            raise NotAJournalError(messages.NOT_A_JOURNAL.format(path=path))
        return
    kind = next((name for test, name in _KINDS if test(found.st_mode)), "not a regular file")
    raise NotAJournalError(messages.JOURNAL_NOT_A_FILE.format(path=path, kind=kind))


def check_revision(revision: str | None, *, path: object) -> None:
    """Refuse a schema revision connectlog never writes: another program's Alembic table."""
    if revision is not None and not _OUR_REVISION.fullmatch(str(revision)):
        raise NotAJournalError(messages.FOREIGN_REVISION.format(path=path, revision=revision))


def check_empty(connection: Any, *, path: object) -> None:
    """Refuse a database without tables that another program has marked as its own.

    connectlog never sets ``user_version`` or ``application_id``; a database
    with neither and no tables is as good as a new file (a first run killed
    after the switch to WAL leaves one).
    """
    marks = connection.exec_driver_sql("PRAGMA user_version").scalar()
    marks = marks or connection.exec_driver_sql("PRAGMA application_id").scalar()
    if marks:
        raise NotAJournalError(messages.FOREIGN_MARKED.format(path=path))


def is_damage(error: BaseException) -> bool:
    """Whether ``error`` (or the driver's error it wraps) is SQLite finding the file damaged.

    Either driver's (sqlite3's or sqlcipher3's): their classes are unrelated,
    their ``sqlite_errorcode`` the same.
    """
    cause = getattr(error, "orig", None)
    found = cause if isinstance(cause, BaseException) else error
    return getattr(found, "sqlite_errorcode", None) in DAMAGED_CODES


def damage(error: BaseException, *, path: object) -> StorageError:
    """The one line a damaged journal gets, whatever statement found the damage."""
    cause = getattr(error, "orig", None)
    reason = cause if isinstance(cause, BaseException) else error
    return StorageError(messages.JOURNAL_DAMAGED.format(path=path, reason=reason))


#: The tables a write reads through before it begins: the entries, and the rows that
#: link them, which is where what a user would lose is kept.
_CHECKED_TABLES = ("entry", "entry_person", "entry_concept", "person", "concept", "profile")


def check_before_writing(connection: Any) -> None:
    """Read the entries' tables through, page by page, before a write changes them.

    ``NOT INDEXED`` makes SQLite walk each table's own b-tree, and with
    ``cell_size_check`` on every page it loads is checked as it is read: a
    page overwritten anywhere in those tables is "malformed" here, before the
    write, rather than found one day by ``integrity_check`` with new entries
    written around it. It costs far less than ``PRAGMA quick_check``, which
    reads every page of every table and index (bench/RESULTS.md).
    """
    connection.exec_driver_sql(_WRITE_CHECK).fetchall()


_WRITE_CHECK = "SELECT " + ", ".join(
    f"(SELECT count(*) FROM {name} NOT INDEXED)" for name in _CHECKED_TABLES
)
