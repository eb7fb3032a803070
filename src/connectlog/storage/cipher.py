"""Encrypted journals: SQLCipher 4, through the optional ``sqlcipher3`` package.

A journal file is encrypted when it holds whole pages and does not begin with
the 16 bytes every SQLite file begins with (``SQLite format 3\\0``): SQLCipher
writes a random salt there instead. Telling the two apart reads those bytes
once, so an unencrypted journal costs nothing more to open, and ``sqlcipher3``
is imported only for an encrypted one. A file too short or ragged to be pages
of a database is left to SQLite, which says it is not one.

The key. A passphrase becomes the file's key as SQLCipher 4 itself makes it:
PBKDF2-HMAC-SHA512 over the file's salt, 256,000 iterations (SQLCipher's
default, and deliberate: every guess at a passphrase costs that much). It is
made once per run, here, and each connection is given that raw key with the
salt (``PRAGMA key = "x'…'"``), so a command that opens several connections
(a backup, a restore, the doctor) derives it once. The journal is still an
ordinary SQLCipher 4 database: ``PRAGMA key = 'passphrase'`` in the sqlcipher
shell opens it. Nothing here writes a passphrase or a key anywhere.

Where the passphrase comes from is the command line's business: it runs
commands inside :func:`unlocking`, with a function that gives the passphrase
of a file. What a run learns (which files are encrypted, their keys) lasts for
that run only.

One process must never have the same file open through both sqlite3 and
sqlcipher3 (two SQLite libraries do not see each other's locks), nor open and
close a file SQLite has open (closing any descriptor of a file drops the
process's locks on it). So what a file is, is read once per run, before it is
opened, and remembered.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from connectlog import messages
from connectlog.errors import StorageError

#: What every unencrypted SQLite file begins with.
HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
#: SQLCipher 4's default; kept on purpose (see the module's docstring).
KDF_ITERATIONS = 256_000
#: The smallest page SQLite writes: a database file is a whole number of them.
_SMALLEST_PAGE = 512

#: The passphrase of the encrypted file at a path.
Ask = Callable[[Path], str]


class Locked(StorageError):
    """An encrypted file that cannot be opened here; ``reason`` says why, as a phrase."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, repr=False)
class Key:
    """A file's raw key and its salt (``repr`` shows neither)."""

    secret: bytes
    salt: bytes

    def raw(self) -> str:
        """SQLCipher's raw key with its salt (``x'…'``), for ``ATTACH … KEY ?``."""
        return f"x'{self.secret.hex()}{self.salt.hex()}'"

    def pragma(self) -> str:
        """The value for ``PRAGMA key``: the raw key with its salt, so no derivation is made."""
        return f'"{self.raw()}"'

    def rekey_pragma(self) -> str:
        """The value for ``PRAGMA rekey``: the raw key alone (the file keeps its salt)."""
        return f"\"x'{self.secret.hex()}'\""


def derive(passphrase: str, salt: bytes) -> Key:
    """The key SQLCipher 4 makes of ``passphrase`` for a file with ``salt``."""
    import hashlib

    secret = hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
    )
    return Key(secret=secret, salt=salt)


def new_key(passphrase: str) -> Key:
    """A key for a new file: ``passphrase`` with a fresh random salt."""
    return derive(passphrase, os.urandom(SALT_BYTES))


def read_head(path: Path) -> bytes | None:
    """The first 16 bytes of ``path`` if it is a regular file of whole pages, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO never makes this wait
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        if status.st_size < _SMALLEST_PAGE or status.st_size % _SMALLEST_PAGE:
            return None
        return os.pread(fd, SALT_BYTES, 0)
    except OSError:
        return None
    finally:
        os.close(fd)


def is_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` is an encrypted database (its first bytes, once a run)."""
    return _run().encrypted(path)


def driver(path: Path) -> ModuleType:
    """sqlcipher3's DB-API module; one clear line when the extra is not installed."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise Locked(
            messages.ENCRYPTED_NEEDS_EXTRA.format(path=path), reason=messages.NEEDS_EXTRA_REASON
        ) from exc
    return cast(ModuleType, dbapi2)


def require() -> None:
    """Refuse, in one line saying what to install, to encrypt without sqlcipher3."""
    try:
        from sqlcipher3 import dbapi2  # noqa: F401
    except ImportError as exc:
        raise StorageError(messages.ENCRYPTION_NEEDS_EXTRA) from exc


def errors(name: str = "Error") -> tuple[type[sqlite3.Error], ...]:
    """sqlite3's exception ``name`` and, once sqlcipher3 is loaded, sqlcipher3's.

    The two drivers raise classes of the same names and attributes
    (``sqlite_errorcode`` too) that are not related, so ``except`` names both.
    """
    found: tuple[type[sqlite3.Error], ...] = (getattr(sqlite3, name),)
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    if loaded is not None:
        found += (cast(type[sqlite3.Error], getattr(loaded, name)),)
    return found


def connect(
    target: Path | str,
    key: Key | None,
    *,
    timeout: float,
    uri: bool = False,
    isolation_level: str | None = None,
) -> sqlite3.Connection:
    """A sqlcipher3 connection to ``target`` given ``key`` (None: an unencrypted file).

    SQLCipher's own log (it writes to stderr when a key is wrong) is silenced,
    and SQLCipher 4's settings are asked for by name, so a later SQLCipher
    with other defaults still reads and writes the journal as this one does.
    """
    module = driver(Path(str(target)))
    connection = module.connect(
        str(target), uri=uri, timeout=timeout, isolation_level=isolation_level
    )
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("PRAGMA cipher_default_compatibility = 4")  # this file and attached
        if key is not None:
            connection.execute(f"PRAGMA key = {key.pragma()}")
    except BaseException:
        connection.close()
        raise
    return cast(sqlite3.Connection, connection)


def opens(path: Path, key: Key, *, timeout: float = 10.0) -> bool:
    """Whether ``key`` opens the encrypted file at ``path``."""
    connection = connect(path, key, timeout=timeout)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except errors("DatabaseError") as exc:
        if exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
            return False
        raise
    finally:
        connection.close()


def key_for(path: Path) -> Key | None:
    """The key of the file at ``path``: None for one that is not encrypted.

    The passphrase is asked for (see :func:`unlocking`) only for a file whose
    salt no key of this run opens; a wrong one is one clear line.
    """
    return _run().key_for(path)


def remember(path: Path, key: Key | None) -> None:
    """Note that ``path`` now has ``key`` (None: it is not encrypted), as a conversion left it."""
    _run().remember(path, key)


def engine_options(path: Path, *, timeout: float) -> dict[str, Any]:
    """What ``create_engine`` needs besides the URL for the journal at ``path``.

    Nothing for an unencrypted journal. For an encrypted one, sqlcipher3 as
    the driver and a ``creator`` that gives every new connection the key
    first, before the engine's own settings (storage/session.py) are made.
    """
    key = key_for(path)
    if key is None:
        return {}
    module = driver(path)

    def creator() -> sqlite3.Connection:
        return connect(path, key, timeout=timeout)

    return {"module": module, "creator": creator}


@contextmanager
def unlocking(ask: Ask) -> Iterator[None]:
    """Run the block with ``ask`` as where passphrases come from; what it learns ends with it."""
    token = _current.set(_Run(ask))
    try:
        yield
    finally:
        _current.reset(token)


def no_passphrase(path: Path) -> Locked:
    """The error for an encrypted file whose passphrase nobody is there to give."""
    return Locked(
        messages.PASSPHRASE_NEEDED.format(path=path), reason=messages.PASSPHRASE_NEEDED_REASON
    )


def _no_passphrase(path: Path) -> str:
    raise no_passphrase(path)


@dataclass
class _Run:
    """What one run knows: where passphrases come from, which files are encrypted, their keys."""

    ask: Ask = _no_passphrase
    heads: dict[Path, bytes | None] = field(default_factory=dict)
    keys: dict[Path, Key | None] = field(default_factory=dict)
    known: list[Key] = field(default_factory=list)

    def head(self, path: Path) -> bytes | None:
        path = path.absolute()
        if path not in self.heads:
            self.heads[path] = read_head(path)
        return self.heads[path]

    def encrypted(self, path: Path) -> bool:
        head = self.head(path)
        return head is not None and head != HEADER

    def key_for(self, path: Path) -> Key | None:
        path = path.absolute()
        if path in self.keys:
            return self.keys[path]
        head = self.head(path)
        if head is None or head == HEADER:
            return None
        driver(path)  # before any passphrase is asked for
        for key in self.known:
            if key.salt == head and opens(path, key):
                self.keys[path] = key
                return key
        key = derive(self.ask(path), head)
        if not opens(path, key):
            raise Locked(
                messages.WRONG_PASSPHRASE.format(path=path),
                reason=messages.WRONG_PASSPHRASE_REASON,
            )
        self.known.append(key)
        self.keys[path] = key
        return key

    def remember(self, path: Path, key: Key | None) -> None:
        path = path.absolute()
        self.heads[path] = HEADER if key is None else key.salt
        self.keys[path] = key
        if key is not None and key not in self.known:
            self.known.append(key)


_current: ContextVar[_Run | None] = ContextVar("connectlog_cipher_run", default=None)


def _run() -> _Run:
    """This run's knowledge; outside :func:`unlocking`, a fresh one for each question."""
    found = _current.get()
    return found if found is not None else _Run()
