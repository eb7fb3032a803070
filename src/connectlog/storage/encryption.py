"""A journal made encrypted, made plain again, or given a new passphrase, in place and safely.

SQLCipher cannot turn a plain file into an encrypted one (or back) where it
lies, so :func:`encrypt` and :func:`decrypt` write the journal anew beside it
and swap the two:

1. The journal is opened as every command opens it (so it is known to be a
   connectlog journal, and brought up to date), then held: switched to a
   rollback journal (no WAL file is left to belong to the wrong file after
   the swap) and its write lock taken, so no other connectlog writes to it
   until it is done. Readers go on.
2. ``sqlcipher_export`` copies it whole into a new file beside it (named as
   ``files.temporary_beside`` names one), with the new key or none.
3. The copy is checked with the new key: it reads back whole (``PRAGMA
   integrity_check``), and holds as many entries, at the same schema
   revision, as the journal did under the lock. It is put in WAL mode and
   flushed to disk.
4. ``os.replace`` puts the copy at the journal's path: atomic, so a kill at
   any moment leaves either the old journal or the new one there, whole; the
   old one is gone only once the new one is in place. Then the header of the
   old file, which only open descriptors still reach, is zeroed: a connectlog
   that opened it before the swap and waited for the lock fails on it ("not
   a database") rather than writing an entry nobody would see again.

A killed conversion leaves its copy behind; the next conversion, or
``connectlog doctor --fix``, removes it.

:func:`change` is SQLCipher's ``PRAGMA rekey``: one write transaction that
rewrites every page with the new key, all or nothing, as any write is.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from connectlog import files, messages
from connectlog.errors import StorageError
from connectlog.paths import JournalLocation
from connectlog.storage import cipher
from connectlog.storage.session import BUSY_TIMEOUT_MS, make_private_folders

_BUSY = BUSY_TIMEOUT_MS / 1000
#: The bytes of a SQLite file's header; zeroed in the old file after a swap.
_HEADER_BYTES = 100
_BESIDE = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class Converted:
    """A journal converted: how many entries it holds, and copies of it that stay as they were."""

    path: Path
    entries: int
    left_as_they_were: tuple[Path, ...] = ()


class _CheckFailed(Exception):
    """The converted copy does not read back as the journal; what differs."""


def create(path: Path, key: cipher.Key | None) -> None:
    """Make a new journal at ``path``, encrypted with ``key`` (None: a plain one).

    Refused when anything is at ``path`` already (an empty file aside, which
    is a journal never made). An encrypted one is made whole beside it and
    linked into place, so nothing half made is ever at ``path``.
    """
    refuse_existing(path)
    if key is None:
        _open(path)
        return
    make_private_folders(path.parent)
    temporary = _temporary(path)
    try:
        try:
            connection = cipher.connect(temporary, key, timeout=_BUSY)
            try:
                connection.execute("VACUUM")  # writes the first page: the salt, encrypted
            finally:
                connection.close()
            cipher.remember(temporary, key)
            _open(temporary)  # the schema, by the migrations, as for any new journal
            files.sync(temporary)
        except cipher.errors() as exc:
            raise StorageError(messages.CONVERSION_FAILED.format(path=path, reason=exc)) from exc
        _link(temporary, path)
        cipher.remember(path, key)
    finally:
        files.discard_database(temporary)


def encrypt(path: Path, key: cipher.Key) -> Converted:
    """Encrypt the journal at ``path`` with ``key``; what stays unencrypted beside it."""
    refuse_unless_convertible(path, encrypted=False)
    _open(path)
    entries = _convert(path, source=None, target=key)
    return Converted(path=path, entries=entries, left_as_they_were=plain_copies(path))


def decrypt(path: Path) -> Converted:
    """Make the encrypted journal at ``path`` a plain SQLite file again."""
    refuse_unless_convertible(path, encrypted=True)
    source = cipher.key_for(path)
    _open(path)
    return Converted(path=path, entries=_convert(path, source=source, target=None))


def current_key(path: Path) -> cipher.Key:
    """The key of the encrypted journal at ``path`` (its passphrase asked for); refused if plain."""
    refuse_unless_convertible(path, encrypted=True)
    key = cipher.key_for(path)
    assert key is not None
    return key


def change(path: Path, passphrase: str) -> None:
    """Give the encrypted journal at ``path`` a new passphrase (``PRAGMA rekey``)."""
    old = current_key(path)
    _open(path)
    new = cipher.derive(passphrase, old.salt)
    if new.secret == old.secret:
        raise StorageError(messages.PASSPHRASE_SAME)
    try:
        connection = cipher.connect(path, old, timeout=_BUSY)
        try:
            connection.execute(f"PRAGMA rekey = {new.rekey_pragma()}").fetchall()
        finally:
            connection.close()
        changed = cipher.opens(path, new)
    except cipher.errors() as exc:
        raise StorageError(messages.CONVERSION_FAILED.format(path=path, reason=exc)) from exc
    if not changed:
        reason = "SQLCipher did not change the key"
        raise StorageError(messages.CONVERSION_FAILED.format(path=path, reason=reason))
    cipher.remember(path, new)


def plain_copies(path: Path) -> tuple[Path, ...]:
    """The backups and upgrade copies of ``path`` that are not encrypted."""
    from connectlog.storage.backup import list_backups
    from connectlog.storage.migrate import upgrade_copies

    copies = [*list_backups(path), *(copy for copy, _, _ in upgrade_copies(path))]
    return tuple(copy for copy in copies if cipher.read_head(copy) == cipher.HEADER)


# --- the steps ---------------------------------------------------------------------------


def refuse_existing(path: Path) -> None:
    if not os.path.lexists(path):
        return
    try:
        status = path.lstat()
    except OSError as exc:
        raise StorageError(messages.CANNOT_OPEN.format(path=path, reason=exc.strerror)) from exc
    never_made = status.st_size == 0 and not any(
        Path(f"{path}{suffix}").exists() for suffix in _BESIDE
    )
    if not never_made or path.is_symlink() or not path.is_file():
        raise StorageError(messages.INIT_EXISTS.format(path=path))


def refuse_unless_convertible(path: Path, *, encrypted: bool) -> None:
    """Refuse a journal that is missing, or that is already as a conversion would make it."""
    _refuse_missing(path)
    if cipher.is_encrypted(path) == encrypted:
        return
    wrong = messages.NOT_ENCRYPTED if encrypted else messages.ALREADY_ENCRYPTED
    raise StorageError(wrong.format(path=path))


def _refuse_missing(path: Path) -> None:
    try:
        empty = path.stat().st_size == 0
    except FileNotFoundError:
        empty = True
    except OSError as exc:
        raise StorageError(messages.CANNOT_OPEN.format(path=path, reason=exc.strerror)) from exc
    if empty:
        raise StorageError(messages.NO_JOURNAL_TO_CONVERT.format(path=path))


def _open(path: Path) -> None:
    """Open the journal at ``path`` as any command does (made, checked, upgraded), and close it."""
    from connectlog.storage.store import open_journal

    open_journal(JournalLocation(path=path)).close()


def _convert(path: Path, *, source: cipher.Key | None, target: cipher.Key | None) -> int:
    """Write the journal at ``path`` anew with ``target`` and swap it in; its entries."""
    files.remove_leftovers(path)
    temporary = _temporary(path)
    try:
        holder = cipher.connect(path, source, timeout=_BUSY)
        try:
            _hold(holder)
            (entries,) = holder.execute("SELECT count(*) FROM entry").fetchone()
            (revision,) = holder.execute("SELECT version_num FROM alembic_version").fetchone()
            _export(path, source, temporary, target)
            _check(temporary, target, entries=int(entries), revision=str(revision))
            files.sync(temporary)
            _swap(temporary, path)
        finally:
            holder.close()
    except _CheckFailed as exc:
        raise StorageError(messages.CONVERSION_CHECK_FAILED.format(path=path, reason=exc)) from exc
    except cipher.errors() as exc:
        raise StorageError(messages.CONVERSION_FAILED.format(path=path, reason=exc)) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.CONVERSION_FAILED.format(path=path, reason=reason)) from exc
    finally:
        files.discard_database(temporary)
    cipher.remember(path, target)
    return int(entries)


def _hold(connection: sqlite3.Connection) -> None:
    """Put the journal in rollback mode and take its write lock, waiting as a writer would."""
    deadline = time.monotonic() + _BUSY
    while True:
        try:
            connection.execute("PRAGMA journal_mode = DELETE").fetchone()
            connection.execute("BEGIN IMMEDIATE")
            (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
            if mode == "delete":
                return
            connection.execute("ROLLBACK")
        except cipher.errors("OperationalError") as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise StorageError(messages.CONVERSION_BUSY)
        time.sleep(0.02)


def _export(
    path: Path, source: cipher.Key | None, temporary: Path, target: cipher.Key | None
) -> None:
    exporter = cipher.connect(path, source, timeout=_BUSY)
    try:
        value = "" if target is None else target.raw()
        exporter.execute("ATTACH DATABASE ? AS converted KEY ?", (str(temporary), value))
        exporter.execute("SELECT sqlcipher_export('converted')").fetchall()
        exporter.execute("DETACH DATABASE converted")
    finally:
        exporter.close()


def _check(temporary: Path, key: cipher.Key | None, *, entries: int, revision: str) -> None:
    """Raise :class:`_CheckFailed` unless the copy reads back, with ``key``, as the journal did."""
    head = cipher.read_head(temporary)
    if (head == cipher.HEADER) != (key is None):
        raise _CheckFailed("it is encrypted" if key is None else "it is not encrypted")
    copy = cipher.connect(temporary, key, timeout=_BUSY)
    try:
        (result,) = copy.execute("PRAGMA integrity_check(1)").fetchone()
        if result != "ok":
            raise _CheckFailed(str(result).splitlines()[0])
        (found,) = copy.execute("SELECT count(*) FROM entry").fetchone()
        if found != entries:
            raise _CheckFailed(f"it holds {found} entries, not {entries}")
        (at,) = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        if at != revision:
            raise _CheckFailed(f"it is at schema {at}, not {revision}")
        copy.execute("PRAGMA journal_mode = WAL").fetchone()
    finally:
        copy.close()


def _swap(temporary: Path, path: Path) -> None:
    """Put ``temporary`` at ``path`` in one step; then make the file it replaced unreadable."""
    old = os.open(path, os.O_WRONLY)
    try:
        temporary.replace(path)
        files.sync(path.parent)
        if os.fstat(old).st_nlink == 0:  # no name reaches it now: only those who had it open
            os.pwrite(old, bytes(_HEADER_BYTES), 0)
    finally:
        os.close(old)  # this drops the holder's lock on the old file, which nothing needs now


def _link(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path``, unless something took that name meanwhile."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        refuse_existing(path)  # an empty file: a journal never made
        temporary.replace(path)
    except OSError as exc:
        raise StorageError(
            messages.CONVERSION_FAILED.format(path=path, reason=exc.strerror)
        ) from exc
    files.sync(path.parent)


def _temporary(path: Path) -> Path:
    try:
        fd, temporary = files.temporary_beside(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(messages.CONVERSION_FAILED.format(path=path, reason=reason)) from exc
    os.close(fd)
    return temporary
