"""Entries: record a moment, find it again, correct it, remove it."""

from __future__ import annotations

import functools
import itertools
import re
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    delete,
    exists,
    func,
    insert,
    select,
    tuple_,
    update,
)

from connectlog import messages
from connectlog.errors import InvalidInputError, NotFoundError
from connectlog.journal import vocab
from connectlog.journal.concepts import Concept, resolve_concepts
from connectlog.journal.people import Person, ensure_people, find_person
from connectlog.journal.profiles import ensure_profile
from connectlog.journal.tags import find_tags, unique_folded
from connectlog.storage import search
from connectlog.storage.aggregate import linked_ids
from connectlog.storage.tables import concept, entry_concept, entry_person, person, profile
from connectlog.storage.tables import entry as entry_table

#: An entry's row, as stored (see :data:`connectlog.storage.tables.entry`).
Entry = Row[Any]
_ENTRY = entry_table.c
#: The columns a view is made from: the first six are turned into the view's
#: first seven fields by :func:`_view`, the rest are the view's last fields as they are.
_VIEWED: tuple[ColumnElement[Any], ...] = (
    _ENTRY.id,
    _ENTRY.uuid,
    _ENTRY.text,
    _ENTRY.occurred_at,
    _ENTRY.utc_offset,
    _ENTRY.author_id,
    _ENTRY.kind,
    _ENTRY.touch,
    _ENTRY.closeness,
    _ENTRY.initiated_by,
    _ENTRY.response,
    _ENTRY.mood_before,
    _ENTRY.mood_after,
    _ENTRY.appreciation,
    _ENTRY.starred,
    _ENTRY.private,
    _ENTRY.created_at,
    _ENTRY.updated_at,
)

#: The columns a line of a listing is made from (see :func:`list_lines`).
_LINED = (
    _ENTRY.id,
    _ENTRY.text,
    _ENTRY.occurred_at,
    _ENTRY.utc_offset,
    _ENTRY.closeness,
    _ENTRY.starred,
    _ENTRY.private,
)
_NEWEST_FIRST = (_ENTRY.occurred_at.desc(), _ENTRY.id.desc())

_SENTENCE_END = re.compile(r"[.!?]\s")
_MAX_ID = 2**63 - 1  # SQLite's largest integer; larger numbers cannot name an entry
#: Pages longer than this find their names through the page's query, not a list of ids.
_LONG_PAGE = 500

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


def record_entry(db: Connection, draft: EntryDraft, *, author: str, now: datetime) -> EntryView:
    """Save a new entry, with its inline ``#concepts`` and ``@people``."""
    text = _clean_text(draft.text)
    inline = find_tags(text)
    concepts = resolve_concepts(db, [*draft.concepts, *inline.concepts])
    people = ensure_people(db, [*draft.people, *inline.people], now=now)
    writer = ensure_profile(db, author, now=now)
    entry = place_entry(
        db,
        None,
        replace(draft, text=text),
        author_id=writer.id,
        uuid=str(uuidlib.uuid4()),
        created_at=now,
        updated_at=now,
        concepts=concepts,
        people=people,
    )
    return _view(
        entry,
        authors={writer.id: writer.name},
        people={entry.id: sorted(someone.name for someone in people)},
        concepts={entry.id: sorted(tag.name for tag in concepts)},
    )


def place_entry(
    db: Connection,
    entry_id: int | None,
    draft: EntryDraft,
    *,
    author_id: int,
    uuid: str,
    created_at: datetime,
    updated_at: datetime,
    concepts: Iterable[Concept],
    people: Iterable[Person],
) -> Entry:
    """Write ``draft`` as a new entry (``entry_id`` None) or over one, linked exactly as given.

    Nothing is read from the text here: the caller has chosen the concepts
    and people (from inline tags, or from a partner's bundle).
    """
    fields = _checked_fields(draft)
    local = draft.occurred_at
    values = {
        "uuid": uuid,
        "author_id": author_id,
        "text": draft.text,
        "occurred_at": local,
        "utc_offset": _offset_minutes(local),
        "local_date": local.date(),
        "created_at": created_at,
        "updated_at": updated_at,
        **fields,
    }
    if entry_id is None:
        entry = db.execute(insert(entry_table).values(values).returning(*_VIEWED)).one()
    else:
        entry = db.execute(
            update(entry_table).where(_ENTRY.id == entry_id).values(values).returning(*_VIEWED)
        ).one()
        _unlink(db, entry_id)
    _link(db, entry.id, concepts=concepts, people=people)
    return entry


def get_entry(db: Connection, entry_id: int) -> EntryView:
    """One entry by its number."""
    return _views(db, [_load(db, entry_id)])[0]


def list_entries(db: Connection, query: EntryQuery) -> EntryPage:
    """Entries matching ``query``, newest first, up to ``query.limit``."""
    links = _links(db, query)
    matching = _matching(db, query, links)
    # A page walks the entries newest first and checks each one (its concepts and
    # people by their link tables' keys; a search's matches by id, compared as plain
    # values, "id + 0"), which keeps the database from gathering and sorting every
    # match to show ten of them.
    total = _count(db, query, links, matching)
    walked = _walked(db, query, links, matching)
    statement = select(*_VIEWED).where(*walked).order_by(*_NEWEST_FIRST)
    if query.limit is None:
        counted = _conditions(db, query, links, matching=matching)
        page = select(_ENTRY.id).where(*counted)  # every match, in any order
    else:
        statement = statement.limit(query.limit)
        page = select(_ENTRY.id).where(*walked).order_by(*_NEWEST_FIRST).limit(query.limit)
    # A long listing finds its names through the page's own query, then reads its
    # rows as they come, so they are never all held at once beside their views.
    rows = db.execute(statement)
    if query.limit is not None and query.limit <= _LONG_PAGE:
        return EntryPage(entries=_views(db, rows.all()), total=total)
    chunked = itertools.chain.from_iterable(rows.partitions(_LONG_PAGE))  # not one by one
    return EntryPage(entries=_views(db, chunked, ids=page), total=total)


def list_lines(db: Connection, query: EntryQuery) -> LinePage:
    """What a listing shows of the entries ``list_entries`` finds, in the same order.

    One query reads only the columns a line shows, each entry's people and
    concepts as their ids joined in one text: a listing of every entry of a
    concept reads tens of thousands of rows, and everything else it would
    carry costs time.
    """
    links = _links(db, query)
    matching = _matching(db, query, links)
    walked = _walked(db, query, links, matching)
    page = select(*_LINED).where(*walked).order_by(*_NEWEST_FIRST).limit(query.limit).subquery()
    statement = select(
        page,
        linked_ids(db, page.c.id, entry_person.c.entry_id, entry_person.c.person_id),
        linked_ids(db, page.c.id, entry_concept.c.entry_id, entry_concept.c.concept_id),
    ).order_by(page.c.occurred_at.desc(), page.c.id.desc())
    people = named_ids(dict(db.execute(select(person.c.id, person.c.name)).all()))
    concepts = named_ids(dict(db.execute(select(concept.c.id, concept.c.name)).all()))
    lines = [
        EntryLine(
            entry_id,
            occurred_at.astimezone(_zone(utc_offset)),
            title_of(text),
            closeness,
            starred,
            private,
            people(person_ids),
            concepts(concept_ids),
        )
        for (
            entry_id,
            text,
            occurred_at,
            utc_offset,
            closeness,
            starred,
            private,
            person_ids,
            concept_ids,
        ) in db.execute(statement)
    ]
    if query.limit is None:
        return LinePage(lines=lines, total=len(lines))
    return LinePage(lines=lines, total=_count(db, query, links, matching))


def every_entry(
    db: Connection, *, private: bool = True, chunk: int = _LONG_PAGE
) -> Iterator[EntryView]:
    """Every entry, oldest first, read ``chunk`` at a time: a whole journal is never held.

    ``private``: include private entries. Read inside one transaction, the
    chunks are one consistent journal even while someone else writes.
    """
    return _walk(db, _kept(private), newest_first=False, limit=None, chunk=chunk)


def stream_entries(db: Connection, query: EntryQuery, *, chunk: int = _LONG_PAGE) -> EntryStream:
    """The entries ``list_entries`` finds, read ``chunk`` at a time as they are consumed."""
    links = _links(db, query)
    matching = _matching(db, query, links)
    total = _count(db, query, links, matching)
    walked = _conditions(db, query, links, ids=_ENTRY.id + 0, matching=matching, walking=True)
    entries = _walk(db, walked, newest_first=True, limit=query.limit, chunk=chunk)
    return EntryStream(entries=entries, total=total)


def _walk(
    db: Connection,
    conditions: Sequence[ColumnElement[bool]],
    *,
    newest_first: bool,
    limit: int | None,
    chunk: int,
) -> Iterator[EntryView]:
    """The entries meeting ``conditions`` in time order, up to ``limit``, a chunk per query.

    Each chunk starts after the last entry of the one before, by time and
    then number (entries may share a time), so no query gathers every match.
    """
    key = tuple_(_ENTRY.occurred_at, _ENTRY.id)
    order = _NEWEST_FIRST if newest_first else (_ENTRY.occurred_at, _ENTRY.id)
    after: list[ColumnElement[bool]] = []
    left = limit
    while left is None or left > 0:
        size = chunk if left is None else min(chunk, left)
        statement = select(*_VIEWED).where(*conditions, *after).order_by(*order).limit(size)
        rows = db.execute(statement).all()
        yield from _views(db, rows)
        if len(rows) < size:
            return
        left = None if left is None else left - size
        bound = tuple_(rows[-1].occurred_at, rows[-1].id)
        after = [key < bound if newest_first else key > bound]


def count_entries(db: Connection, *, private: bool = True) -> int:
    """How many entries the journal holds (``private``: counting private ones)."""
    statement = select(func.count()).select_from(entry_table).where(*_kept(private))
    return int(db.execute(statement).scalar_one())


def _kept(private: bool) -> list[ColumnElement[bool]]:
    """The condition that leaves private entries out, unless ``private``."""
    return [] if private else [_ENTRY.private.is_(False)]


def _count(
    db: Connection, query: EntryQuery, links: list[_Link], matching: list[int] | None
) -> int:
    """How many entries match ``query``.

    With a concept or person, the count runs through its link table, where each
    entry is one row: SQLite reads the link's index and looks each entry up,
    rather than first gathering every id into a set to check the entries against.
    With nothing else to check, the link's index alone is counted: looking up
    16,757 entries of one concept cost 16 ms at 100,000 entries, its index 0.6 ms.
    """
    if not links:
        counted = _conditions(db, query, links, matching=matching)
        statement = select(func.count()).select_from(entry_table).where(*counted)
        return int(db.execute(statement).scalar_one())
    (linked, other, wanted), rest = links[0], links[1:]
    through = linked.table.alias("counted_through")  # apart from the other links' subqueries
    conditions = _conditions(db, query, rest, matching=matching)
    counted = (
        through.join(entry_table, through.c[linked.name] == _ENTRY.id) if conditions else through
    )
    statement = (
        select(func.count())
        .select_from(counted)
        .where(through.c[other.name] == wanted, *conditions)
    )
    return int(db.execute(statement).scalar_one())


def _matching(db: Connection, query: EntryQuery, links: list[_Link]) -> list[int] | None:
    """The ids of the entries holding ``query``'s words beyond ASCII, if it has any."""
    folded = [word.casefold() for word in query.words if not word.isascii()]
    if not folded:
        return None
    # SQLite ignores the case of ASCII letters only, so words with other
    # letters ("Ärger") are matched here, on the texts the query narrowed down.
    candidates = db.execute(select(_ENTRY.id, _ENTRY.text).where(*_conditions(db, query, links)))
    return [entry_id for entry_id, text in candidates if _has_words(text, folded)]


def _walked(
    db: Connection, query: EntryQuery, links: list[_Link], matching: list[int] | None
) -> list[ColumnElement[bool]]:
    """``query``'s conditions for reading its entries newest first (see list_entries)."""
    walking = query.limit is not None
    return _conditions(db, query, links, ids=_ENTRY.id + 0, matching=matching, walking=walking)


def _has_words(text: str, folded_words: Iterable[str]) -> bool:
    folded = text.casefold()
    return all(word in folded for word in folded_words)


def update_entry(
    db: Connection, entry_id: int, changes: EntryChanges, *, now: datetime
) -> EntryView:
    """Apply a correction to an entry and stamp it updated.

    ``#tags`` and ``@names`` taken out of the text take their concept and
    person off the entry, unless ``changes`` names its concepts or people.
    """
    entry = _load(db, entry_id)
    unknown = changes.clear - set(CLEARABLE)
    if unknown:
        raise InvalidInputError(
            messages.BAD_CLEAR.format(field=sorted(unknown)[0], fields=", ".join(CLEARABLE))
        )
    current = _views(db, [entry])[0]
    text = entry.text if changes.text is None else _clean_text(changes.text)
    merged = _merged(current, changes, text)
    fields = _checked_fields(merged)
    before, inline = find_tags(entry.text), find_tags(text)
    tagged = resolve_concepts(db, inline.concepts)
    kept = resolve_concepts(db, merged.concepts)
    if changes.concepts is None:
        untagged = _known_concepts(db, before.concepts) - {c.id for c in tagged}
        kept = [c for c in kept if c.id not in untagged]
    concepts = list({c.id: c for c in [*kept, *tagged]}.values())
    names = list(merged.people)
    if changes.people is None:
        unnamed = {name.casefold() for name in before.people}
        unnamed -= {name.casefold() for name in inline.people}
        names = [name for name in names if name.casefold() not in unnamed]
    people = ensure_people(db, [*names, *inline.people], now=now)
    values = {"text": text, "updated_at": now, **fields}
    if changes.occurred_at is not None:
        values["occurred_at"] = changes.occurred_at
        values["utc_offset"] = _offset_minutes(changes.occurred_at)
        values["local_date"] = changes.occurred_at.date()
    db.execute(update(entry_table).where(_ENTRY.id == entry.id).values(values))
    _unlink(db, entry.id)
    _link(db, entry.id, concepts=concepts, people=people)
    return get_entry(db, entry_id)


def delete_entry(db: Connection, entry_id: int) -> EntryView:
    """Remove an entry for good; returns what it was."""
    view = get_entry(db, entry_id)
    db.execute(delete(entry_table).where(_ENTRY.id == entry_id))
    return view


def _load(db: Connection, entry_id: int) -> Entry:
    entry: Entry | None = None
    if 0 < entry_id <= _MAX_ID:
        entry = db.execute(select(*_VIEWED).where(_ENTRY.id == entry_id)).first()
    if entry is None:
        raise NotFoundError(messages.NO_ENTRY.format(id=entry_id))
    return entry


def _known_concepts(db: Connection, names: Iterable[str]) -> set[int]:
    """The ids of the concepts ``names`` refer to, skipping any that no longer resolve."""
    ids: set[int] = set()
    for name in names:
        try:
            ids.update(found.id for found in resolve_concepts(db, [name]))
        except InvalidInputError:
            continue
    return ids


def _merged(current: EntryView, changes: EntryChanges, text: str) -> EntryDraft:
    values = {
        name: getattr(current, name) for name in (*CLEARABLE, "appreciation", "starred", "private")
    }
    for name in values:
        new = getattr(changes, name)
        if new is not None:
            values[name] = new
        if name in changes.clear:
            values[name] = () if name in ("people", "concepts") else None
    if changes.touch is not None and changes.kind is None and values["kind"] == "emotional":
        values["kind"] = "both"
    return EntryDraft(text=text, occurred_at=current.occurred_at, **values)


def _clean_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInputError(messages.EMPTY_TEXT)
    return cleaned


def _checked_fields(draft: EntryDraft) -> dict[str, Any]:
    """The optional fields of ``draft``, validated and spelled as stored."""
    kind = draft.kind and vocab.choose(draft.kind, vocab.KINDS, field="kind")
    touch = draft.touch and vocab.choose(draft.touch, vocab.TOUCHES, field="touch")
    if touch and kind is None:
        kind = "physical"
    if touch and kind == "emotional":
        raise InvalidInputError(messages.TOUCH_NOT_EMOTIONAL)
    ratings = {
        name: None if value is None else vocab.rating(value, field=name.replace("_", " "))
        for name, value in (
            ("closeness", draft.closeness),
            ("mood_before", draft.mood_before),
            ("mood_after", draft.mood_after),
        )
    }
    return {
        "kind": kind,
        "touch": touch,
        "initiated_by": draft.initiated_by
        and vocab.choose(draft.initiated_by, vocab.INITIATORS, field="initiated by"),
        "response": draft.response
        and vocab.choose(draft.response, vocab.RESPONSES, field="response"),
        "appreciation": draft.appreciation,
        "starred": draft.starred,
        "private": draft.private,
        **ratings,
    }


def _link(
    db: Connection, entry_id: int, *, concepts: Iterable[Concept], people: Iterable[Person]
) -> None:
    tagged = [{"entry_id": entry_id, "concept_id": tag.id} for tag in concepts]
    if tagged:
        db.execute(insert(entry_concept), tagged)
    together = [{"entry_id": entry_id, "person_id": someone.id} for someone in people]
    if together:
        db.execute(insert(entry_person), together)


def _unlink(db: Connection, entry_id: int) -> None:
    db.execute(delete(entry_concept).where(entry_concept.c.entry_id == entry_id))
    db.execute(delete(entry_person).where(entry_person.c.entry_id == entry_id))


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


#: An entry filter through a link table: its entry column, its other column, the id wanted.
_Link = tuple[Any, Any, int]


def _links(db: Connection, query: EntryQuery) -> list[_Link]:
    """The concepts and people ``query`` names, looked up once for all its conditions."""
    links = [
        (entry_concept.c.entry_id, entry_concept.c.concept_id, tag.id)
        for tag in resolve_concepts(db, query.concepts)
    ]
    return links + [
        (entry_person.c.entry_id, entry_person.c.person_id, find_person(db, name).id)
        for name in unique_folded(query.people)
    ]


def _conditions(
    db: Connection,
    query: EntryQuery,
    links: list[_Link],
    *,
    ids: Any = None,
    matching: list[int] | None = None,
    walking: bool = False,
) -> list[ColumnElement[bool]]:
    """The conditions ``query`` sets; ``ids`` is how an entry's id is compared to a set.

    ``walking``: for a query that reads entries in time order and may stop early.
    A concept or person is then checked entry by entry through its link table's
    key, rather than by first gathering every entry that has it.
    """
    ids = _ENTRY.id if ids is None else ids
    conditions: list[ColumnElement[bool]] = []
    if matching is not None:
        conditions.append(ids.in_(matching))
    if query.since is not None:
        conditions.append(_ENTRY.local_date >= query.since)
    if query.until is not None:
        conditions.append(_ENTRY.local_date <= query.until)
    for linked, other, wanted in links:
        if walking:
            conditions.append(exists().where(linked == _ENTRY.id, other == wanted))
        else:
            conditions.append(ids.in_(select(linked).where(other == wanted)))
    if query.kind is not None:
        kind = vocab.choose(query.kind, vocab.KINDS, field="kind")
        kinds = ("both",) if kind == "both" else (kind, "both")
        conditions.append(_ENTRY.kind.in_(kinds))
    if query.min_closeness is not None:
        minimum = vocab.rating(query.min_closeness, field="minimum closeness")
        conditions.append(_ENTRY.closeness >= minimum)
    if query.starred:
        conditions.append(_ENTRY.starred.is_(True))
    ascii_words = [word for word in query.words if word.isascii()]
    if ascii_words:
        conditions += search.containing(db, ids, _ENTRY.text, ascii_words)
    return conditions


def _views(
    db: Connection, entries: Iterable[Any], *, ids: Select[Any] | None = None
) -> list[EntryView]:
    """Views of ``entries`` (rows) with their names, in three queries.

    ``ids`` selects the same entries' ids, for a page too long to name them one by
    one; ``entries`` is then read only once, after the names.
    """
    if ids is None:
        entries = list(entries)
    wanted: Any = ids if ids is not None else [entry.id for entry in entries]
    people = _names(db, entry_person.c.entry_id, entry_person.c.person_id, person, wanted)
    concepts = _names(db, entry_concept.c.entry_id, entry_concept.c.concept_id, concept, wanted)
    authors = dict(db.execute(select(profile.c.id, profile.c.name)).all())  # a handful
    return [_view(entry, authors=authors, people=people, concepts=concepts) for entry in entries]


def _names(
    db: Connection, linked: Any, other: Any, named: Any, wanted: Any
) -> dict[int, list[str]]:
    """The names (of people or concepts) of the ``wanted`` entries, by entry, alphabetically."""
    grouped: dict[int, list[str]] = {}
    for entry_id, name in db.execute(
        select(linked, named.c.name)
        .join(named, named.c.id == other)
        .where(linked.in_(wanted))
        .order_by(named.c.name)
    ).all():
        grouped.setdefault(entry_id, []).append(name)
    return grouped


def named_ids(names: dict[int, str]) -> Callable[[str | None], tuple[str, ...]]:
    """Reads ``names``' ids joined in one text as their names, alphabetically.

    Entries share a few combinations of people and of concepts, so each is read once.
    """
    known: dict[str | None, tuple[str, ...]] = {None: ()}

    def named(ids: str | None) -> tuple[str, ...]:
        found = known.get(ids)
        if found is None:
            assert ids is not None
            found = known[ids] = tuple(sorted(names[int(one)] for one in ids.split(",")))
        return found

    return named


def _view(
    entry: Any,
    *,
    authors: dict[int, str],
    people: dict[int, list[str]],
    concepts: dict[int, list[str]],
) -> EntryView:
    """The view of one row of :data:`_VIEWED` columns (unpacked, as a listing makes thousands)."""
    entry_id, uuid, text, occurred_at, utc_offset, author_id, *stored = entry
    return EntryView(
        entry_id,
        uuid,
        text,
        occurred_at.astimezone(_zone(utc_offset)),
        authors.get(author_id, ""),
        tuple(people.get(entry_id, ())),
        tuple(concepts.get(entry_id, ())),
        *stored,
    )


@functools.cache
def _zone(offset_minutes: int) -> timezone:
    """The fixed zone of an offset; entries share a handful of them."""
    return timezone(timedelta(minutes=offset_minutes))
