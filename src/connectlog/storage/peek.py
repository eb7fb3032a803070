"""A quiet look at a journal's names, for shell completion.

Completion runs on every Tab, so this opens the file read-only with the
standard library alone: it never creates a journal, never migrates, never
asks for a passphrase, and it gives up (with nothing) on anything but a
plain, readable SQLite file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from connectlog.storage.cipher import read_head

_PLAIN_HEAD = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Names:
    """The concepts, people and profiles a journal knows, each sorted; empty when unreadable."""

    concepts: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()


def names(path: Path) -> Names:
    """The names in the journal at ``path``, or none if it is missing, encrypted or unreadable."""
    if read_head(path) != _PLAIN_HEAD:  # missing, a FIFO, not SQLite, or SQLCipher's pages
        return Names()
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return Names()
    try:
        return Names(
            concepts=_column(connection, "SELECT name FROM concept ORDER BY name"),
            people=_column(connection, "SELECT name FROM person ORDER BY name"),
            profiles=_column(connection, "SELECT name FROM profile ORDER BY name"),
        )
    except sqlite3.Error:
        return Names()
    finally:
        connection.close()


def _column(connection: sqlite3.Connection, sql: str) -> tuple[str, ...]:
    return tuple(str(row[0]) for row in connection.execute(sql) if row[0] is not None)
