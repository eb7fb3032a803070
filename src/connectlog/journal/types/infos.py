"""What the journal tells of its concepts, people and profiles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ConceptInfo:
    name: str
    meaning: str
    systems: str
    questions: tuple[str, ...]
    aliases: tuple[str, ...]
    builtin: bool
    count: int
    created_at: datetime | None = None  # kept by a whole export


@dataclass(frozen=True)
class PersonInfo:
    name: str
    count: int
    last_seen: date | None


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    aliases: tuple[str, ...]
    imported: bool  # a partner's, come in with a shared bundle
    entries: int
    default: bool  # the one this journal writes as when no profile is named


@dataclass(frozen=True)
class ProfileRemoved:
    name: str
    names: tuple[str, ...]  # its name and aliases: what no longer names anyone
    imported: bool
    entries: int  # moved to ``target``, or removed with it (a partner's, --with-entries)
    reviews: int  # reviews it took part in or said something in
    target: str | None  # the profile its entries and reviews moved to
    default: str | None  # the profile that now writes when none is named, if it changed
