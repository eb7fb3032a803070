"""What the root options set for the command that runs, and opening the journal with it.

The root options are read into a :class:`Settings` that Typer's context object
carries (``ctx.obj``), made afresh for each run by the root group: no module
keeps them between runs, so one run's ``--db`` never reaches the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Connection

    from connectlog.paths import JournalLocation


@dataclass
class Settings:
    """The root options of one run: ``--db``, ``--as`` and ``--debug``."""

    db: str | None = None
    debug: bool = False
    profile: str | None = None


def settings() -> Settings:
    """The settings of the run in progress, from Typer's context object."""
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    found = context.find_object(Settings) if context is not None else None
    return found if found is not None else Settings()


def location() -> JournalLocation:
    from connectlog.paths import resolve_location

    return resolve_location(settings().db)


def now() -> datetime:
    """The current time, aware, in the local time zone."""
    return datetime.now().astimezone()


def chosen_profile() -> str | None:
    """The profile named by --as, $CONNECTLOG_PROFILE or the config file; None for the default."""
    profile = settings().profile
    if profile:
        return profile
    from connectlog.config import load_settings

    return load_settings().profile


def unlocked() -> AbstractContextManager[None]:
    """The run's context for encrypted journals: passphrases asked as ``cli/_passphrase`` says."""
    from connectlog.cli._passphrase import current
    from connectlog.storage.cipher import unlocking

    return unlocking(current)


@contextmanager
def session(*, write: bool = False) -> Iterator[Connection]:
    """A connection on the journal; a write session commits when the block succeeds."""
    from connectlog import messages
    from connectlog.cli._output import say
    from connectlog.storage.store import open_journal

    journal = open_journal(location())
    try:
        if journal.backup is not None:
            say(messages.MIGRATED.format(backup=journal.backup))
        with journal.writing() if write else journal.reading() as active:
            yield active
    finally:
        journal.close()


def say_not_encrypted(written: str) -> None:
    """Say that ``written`` (a file, or ``-``: stdout) is not encrypted, when the journal is."""
    journal = location().path
    if journal is None:
        return
    from connectlog.storage.cipher import is_encrypted

    if is_encrypted(journal):
        from connectlog import messages
        from connectlog.cli._output import say

        what = messages.WRITTEN_TO_STDOUT if written == "-" else written
        say(messages.EXPORT_NOT_ENCRYPTED.format(what=what))


def journal_file(refusal: str) -> Path:
    """The journal's file; ``refusal`` (with ``{url}``) for a journal on a database server."""
    from connectlog.errors import StorageError

    found = location()
    if found.path is None:
        raise StorageError(refusal.format(url=found.describe()))
    return found.path
