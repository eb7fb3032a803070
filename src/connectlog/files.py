"""Files connectlog writes for the user to carry elsewhere: private, and whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError

#: The files SQLite keeps beside a journal while it is open.
_JOURNAL_SUFFIXES = ("", "-wal", "-shm", "-journal")


def write_private(path: Path, text: str | Iterable[str], *, journal: Path | None = None) -> None:
    """Write ``text`` (or its pieces, as they come) to ``path``, readable by the owner only.

    The file appears whole, in one step, or not at all: if writing fails, or
    making the pieces does, what was there before is left as it was. ``journal``
    is the journal's own file, which is never written over.
    """
    _not_the_journal(path, journal)
    pieces = [text] if isinstance(text, str) else text
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.writelines(pieces)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.FILE_UNWRITABLE.format(path=path, reason=reason)) from exc


def _not_the_journal(path: Path, journal: Path | None) -> None:
    if journal is None:
        return
    target = path.resolve()
    for suffix in _JOURNAL_SUFFIXES:
        if target == Path(f"{journal}{suffix}").resolve():
            raise ConnectlogError(messages.OUTPUT_IS_JOURNAL.format(path=path))


def read_text(path: Path) -> str:
    """The text of ``path``; an error naming it if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConnectlogError(
            messages.FILE_UNREADABLE.format(path=path, reason="it is not UTF-8 text")
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.FILE_UNREADABLE.format(path=path, reason=reason)) from exc
