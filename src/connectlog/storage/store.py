"""Opening a journal for the use cases: find it, bring it up to date, hand out connections."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from connectlog.paths import JournalLocation, require_driver
from connectlog.storage import migrate, session


@dataclass
class Journal:
    """An open journal; ``backup`` is the copy taken if opening it ran a migration."""

    location: JournalLocation
    engine: Engine
    backup: Path | None = None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with session.reading(self.engine) as active:
            yield active

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        with session.writing(self.engine) as active:
            yield active

    def close(self) -> None:
        self.engine.dispose()


def open_journal(location: JournalLocation) -> Journal:
    """The journal at ``location``, created or upgraded to the current schema as needed."""
    require_driver(location)
    engine = session.open_engine(location)
    try:
        backup = migrate.ensure_current(engine, location)
    except BaseException:
        engine.dispose()
        raise
    return Journal(location=location, engine=engine, backup=backup)
