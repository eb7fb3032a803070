"""What the root options set for the command that runs, and opening the journal with it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from connectlog.errors import ConnectlogError
    from connectlog.paths import JournalLocation


@dataclass
class State:
    db: str | None = None
    debug: bool = False
    profile: str | None = None

    def reset(self) -> None:
        self.db = None
        self.debug = False
        self.profile = None


state = State()


def location() -> JournalLocation:
    from connectlog.paths import resolve_location

    return resolve_location(state.db)


def now() -> datetime:
    """The current time, aware, in the local time zone."""
    return datetime.now().astimezone()


def chosen_profile() -> str | None:
    """The profile named by --as, $CONNECTLOG_PROFILE or the config file; None for the default."""
    if state.profile:
        return state.profile
    from connectlog.config import load_settings

    return load_settings().profile


@contextmanager
def session(*, write: bool = False) -> Iterator[Connection]:
    """A connection on the journal; a write session commits when the block succeeds."""
    import typer

    from connectlog import messages
    from connectlog.journal.store import open_journal

    journal = open_journal(location())
    try:
        if journal.backup is not None:
            typer.echo(messages.MIGRATED.format(backup=journal.backup), err=True)
        with journal.writing() if write else journal.reading() as active:
            yield active
    finally:
        journal.close()


def keep_draft(error: ConnectlogError, text: str) -> ConnectlogError:
    """Save ``text`` as a draft and return ``error`` saying where it is."""
    from connectlog import messages
    from connectlog.journal.drafts import save_draft

    path = save_draft(location().drafts_dir, text, now=now())
    return error.with_note(messages.DRAFT_KEPT.format(path=path))
