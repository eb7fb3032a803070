"""Errors a user can cause, each carrying a sentence they can act on.

The CLI turns these into one line on stderr and an exit code; nothing else in
the program decides exit codes.
"""

from __future__ import annotations

from typing import Self


class ConnectlogError(Exception):
    """Something the user asked for cannot be done. Exit code 1."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def with_note(self, note: str) -> Self:
        """The same error, its message followed by ``note``."""
        error = type(self).__new__(type(self))
        ConnectlogError.__init__(error, f"{self.message} {note}")
        return error


class InvalidInputError(ConnectlogError):
    """A value the user typed cannot be read or accepted. Exit code 2."""

    exit_code = 2


class NotFoundError(ConnectlogError):
    """The entry, person or concept named does not exist. Exit code 1."""


class StorageError(ConnectlogError):
    """The journal file cannot be opened, read or written. Exit code 1."""


class NotAJournalError(ConnectlogError):
    """What names the journal is not one (a device, a folder, another program's file).

    Refused before anything touched it; exit code 1. Not a :class:`StorageError`:
    nothing failed to be written, the wrong file was named.
    """
