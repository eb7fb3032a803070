"""An entry in plain types: what a writer gives, a correction, a view, a listing's line.

Also the filters of a listing, and an entry's portable record: the same
wherever it goes (--json, share bundles, exports).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

#: Fields that can be emptied with ``EntryChanges.clear``.
CLEARABLE = (
    "kind",
    "touch",
    "closeness",
    "initiated_by",
    "response",
    "mood_before",
    "mood_after",
    "people",
    "concepts",
)


_SENTENCE_END = re.compile(r"[.!?]\s")


@dataclass(frozen=True)
class EntryDraft:
    """What the writer gives for a new entry; only ``text`` and ``occurred_at`` are needed."""

    text: str
    occurred_at: datetime
    people: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    kind: str | None = None
    touch: str | None = None
    closeness: int | None = None
    initiated_by: str | None = None
    response: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    appreciation: bool = False
    starred: bool = False
    private: bool = False


@dataclass(frozen=True)
class EntryChanges:
    """A correction: None leaves a field as it is; names in ``clear`` empty it.

    ``people`` and ``concepts`` replace the entry's; ``#tags`` and ``@names``
    in a new ``text`` are added either way.
    """

    text: str | None = None
    occurred_at: datetime | None = None
    people: tuple[str, ...] | None = None
    concepts: tuple[str, ...] | None = None
    kind: str | None = None
    touch: str | None = None
    closeness: int | None = None
    initiated_by: str | None = None
    response: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    appreciation: bool | None = None
    starred: bool | None = None
    private: bool | None = None
    clear: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return self == EntryChanges()


class EntryView(NamedTuple):
    """An entry as the rest of the program sees it, with names instead of ids.

    A named tuple rather than a frozen dataclass: as immutable, and made several
    times faster, which a listing of every entry of a concept feels.
    """

    id: int
    uuid: str
    text: str
    occurred_at: datetime  # aware, in the writer's offset at capture
    author: str
    people: tuple[str, ...]
    concepts: tuple[str, ...]
    kind: str | None
    touch: str | None
    closeness: int | None
    initiated_by: str | None
    response: str | None
    mood_before: int | None
    mood_after: int | None
    appreciation: bool
    starred: bool
    private: bool
    created_at: datetime
    updated_at: datetime

    @property
    def title(self) -> str:
        """The first line of the text, or its first sentence if that comes sooner."""
        return title_of(self.text)


class EntryLine(NamedTuple):
    """What a listing shows of an entry: one line's worth, not the whole entry."""

    id: int
    occurred_at: datetime  # aware, in the writer's offset at capture
    title: str
    closeness: int | None
    starred: bool
    private: bool
    people: tuple[str, ...]
    concepts: tuple[str, ...]


def title_of(text: str) -> str:
    """The first line of ``text``, or its first sentence if that comes sooner."""
    rest = text.lstrip()  # blank lines too
    if not rest:
        return ""
    line = rest.splitlines()[0].rstrip()
    end = _SENTENCE_END.search(line)
    return line if end is None else line[: end.start() + 1]


@dataclass(frozen=True)
class EntryQuery:
    """Filters for listing entries; every filter given must match."""

    since: date | None = None
    until: date | None = None
    concepts: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    kind: str | None = None
    min_closeness: int | None = None
    starred: bool = False
    words: tuple[str, ...] = ()
    limit: int | None = None
    author: str | None = None  # the profile that wrote them, by name or alias
    any_people: tuple[str, ...] = ()  # with at least one of them
    max_closeness: int | None = None
    private: bool | None = None  # only private ones (True), only the others (False)
    appreciation: bool = False
    touch: str | None = None
    response: str | None = None
    initiated_by: str | None = None


@dataclass(frozen=True)
class EntryPage:
    entries: list[EntryView]
    total: int  # how many entries match, however many are shown


@dataclass(frozen=True)
class EntryStream:
    entries: Iterator[EntryView]  # read from the database as it is consumed
    total: int  # how many entries match, however many are shown


@dataclass(frozen=True)
class LinePage:
    lines: list[EntryLine]
    total: int  # how many entries match, however many are shown


#: The fields of a portable record, in order.
FIELDS = (
    "uuid",
    "text",
    "occurred_at",
    "people",
    "concepts",
    "kind",
    "touch",
    "closeness",
    "initiated_by",
    "response",
    "mood_before",
    "mood_after",
    "appreciation",
    "starred",
    "created_at",
    "updated_at",
)


def portable(view: EntryView) -> dict[str, Any]:
    """What identifies and describes an entry in any journal: no number, author or privacy."""
    return {
        "uuid": view.uuid,
        "text": view.text,
        "occurred_at": view.occurred_at.isoformat(),
        "people": list(view.people),
        "concepts": list(view.concepts),
        "kind": view.kind,
        "touch": view.touch,
        "closeness": view.closeness,
        "initiated_by": view.initiated_by,
        "response": view.response,
        "mood_before": view.mood_before,
        "mood_after": view.mood_after,
        "appreciation": view.appreciation,
        "starred": view.starred,
        "created_at": view.created_at.isoformat(),
        "updated_at": view.updated_at.isoformat(),
    }
