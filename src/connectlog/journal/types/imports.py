"""What an import reads from another program's file, before it becomes entries.

A reader of a foreign format (``journal/imports/jrnl.py``, ``dayone.py``) turns
its file into :class:`Incoming`: plain entries with their tags as written,
checked for shape but not yet for concepts. The import then maps the tags to
concepts (names, aliases, ``--map``, ``--create-concepts``), finds the ones
already imported, and writes the rest in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class IncomingEntry:
    """One entry of another program's file.

    ``occurred_at`` is aware, in the writer's own offset then. ``tags`` are as
    the file writes them, without their ``#`` or ``@``. ``uuid`` is the file's
    own identifier when it has one (Day One); without one (jrnl) the import
    derives one from the entry's time and text, so importing again finds it.
    """

    text: str
    occurred_at: datetime
    tags: tuple[str, ...] = ()
    starred: bool = False
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Incoming:
    """Everything a foreign file holds that an import can take."""

    format: str  # "jrnl" or "dayone"
    entries: tuple[IncomingEntry, ...]
    #: What the file holds that is not imported (photos, audio, ...), counted.
    left_behind: int = 0


@dataclass(frozen=True)
class ImportReport:
    """What an import did, or with ``dry_run`` would do; counts of entries unless named.

    ``unknown`` are the tags that name no concept (``--map`` or
    ``--create-concepts`` decide them); an import with any left refuses, a dry
    run lists them.
    """

    format: str  # "connectlog", "jrnl" or "dayone"
    path: str
    dry_run: bool
    entries: int  # in the file
    added: int
    updated: int = 0  # a newer version in the file (connectlog's format)
    unchanged: int = 0  # here already, as new as the file's, or taken back here since
    removed: int = 0  # taken away here by the file's removals
    duplicates: int = 0  # the same entry twice in the file, kept once
    empty: int = 0  # entries without a word of text, not imported
    left_behind: int = 0  # attachments and the like, not imported
    unknown: tuple[str, ...] = ()
    created_concepts: tuple[str, ...] = ()
    mapped: tuple[tuple[str, str], ...] = ()  # (tag, concept) by --map
    people: tuple[str, ...] = ()  # tags that were the text's @mentions: people, not concepts
    new_profiles: int = 0
    new_people: int = 0
    new_concepts: int = 0
    reviews: int = 0  # reviews merged in
    writer: str | None = None  # whose entries they became (another program's format)


#: How an import tells how far it got: (what it is doing, how many done, of how many).
Progress = Callable[[str, int, int | None], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """A progress callback that shows nothing."""
