"""A whole journal as an export reads it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.types.infos import ConceptInfo
    from connectlog.journal.types.reviews import ReviewView


@dataclass(frozen=True)
class ProfileRecord:
    name: str
    uuid: str
    aliases: tuple[str, ...]
    imported: bool  # a partner's, come in with a shared bundle
    created_at: datetime
    sent_name: str | None = None  # a partner's: the name their own journal gives them


@dataclass(frozen=True)
class PersonRecord:
    name: str
    created_at: datetime


@dataclass(frozen=True)
class RemovalExport:
    """A shared entry its writer deleted or made private, and when (see journal/sharing.py)."""

    uuid: str
    author: str  # the uuid of the profile whose entry it was
    local_date: date
    removed_at: datetime
    shared: bool  # False: deleted while private; never sent in a bundle


@dataclass(frozen=True)
class JournalExport:
    """A journal as it stood when the export began (it is read in one transaction)."""

    exported_at: datetime
    private: bool  # private entries are in it
    profiles: list[ProfileRecord]
    concepts: list[ConceptInfo]  # by name; their ``count`` is not exported
    people: list[PersonRecord]
    reviews: list[ReviewView]  # oldest week first
    count: int  # how many entries ``entries`` yields
    entries: Iterator[EntryView]  # oldest first; read while it is consumed
    #: Each review's lines as a share bundle carries them, by the review's uuid.
    review_lines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: What left the shared entries; only in an export with private entries.
    removals: list[RemovalExport] = field(default_factory=list)
