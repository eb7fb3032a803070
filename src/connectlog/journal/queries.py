"""Finding entries: the filters of a listing, and the queries that read them in order.

A page walks the entries newest first through the time index and checks each
one as it goes, so showing ten of a concept's thousands of entries reads
about ten; the whole journal is read a chunk at a time, never held.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, exists, func, select, tuple_

from connectlog.journal import vocab
from connectlog.journal.concepts import resolve_concepts
from connectlog.journal.people import find_person
from connectlog.journal.profiles import find_profile
from connectlog.journal.tags import unique_folded
from connectlog.journal.types.entries import (
    EntryLine,
    EntryPage,
    EntryQuery,
    EntryStream,
    EntryView,
    title_of,
)
from connectlog.journal.types.listing import AuthoredPage
from connectlog.journal.views import VIEWED, as_views, named_ids, zone_of
from connectlog.storage import search
from connectlog.storage.aggregate import linked_ids
from connectlog.storage.planner import unindexed
from connectlog.storage.tables import concept, entry_concept, entry_person, person, profile
from connectlog.storage.tables import entry as entry_table

_ENTRY = entry_table.c
#: The columns a line of a listing is made from (see :func:`list_lines`).
_LINED = (
    _ENTRY.id,
    _ENTRY.text,
    _ENTRY.occurred_at,
    _ENTRY.utc_offset,
    _ENTRY.closeness,
    _ENTRY.starred,
    _ENTRY.private,
    _ENTRY.author_id,
)
_NEWEST_FIRST = (_ENTRY.occurred_at.desc(), _ENTRY.id.desc())
#: How many entries a walk through the journal reads in one query.
CHUNK = 500


def list_entries(db: Connection, query: EntryQuery) -> EntryPage:
    """Entries matching ``query``, newest first, up to ``query.limit``."""
    links = _links(db, query)
    matching = _matching(db, query, links)
    # A page walks the entries newest first and checks each one (its concepts and
    # people by their link tables' keys, a search's matches by id), which keeps the
    # database from gathering and sorting every match to show ten of them. A long
    # listing streams instead (stream_entries).
    total = _count(db, query, links, matching)
    walked = _walked(db, query, links, matching)
    statement = select(*VIEWED).where(*walked).order_by(*_NEWEST_FIRST).limit(query.limit)
    return EntryPage(entries=as_views(db, db.execute(statement).all()), total=total)


def list_lines(db: Connection, query: EntryQuery) -> AuthoredPage:
    """What a listing shows of the entries ``list_entries`` finds, in the same order.

    One query reads only the columns a line shows, each entry's people and
    concepts as their ids joined in one text: a listing of every entry of a
    concept reads tens of thousands of rows, and everything else it would
    carry costs time. Each line's author is named only when more than one
    profile has written in the journal.
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
    rows = db.execute(statement).all()
    lines = [
        EntryLine(
            entry_id,
            occurred_at.astimezone(zone_of(utc_offset)),
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
            _,
            person_ids,
            concept_ids,
        ) in rows
    ]
    authors = None
    if len(writer_names(db)) > 1:
        names = dict(db.execute(select(profile.c.id, profile.c.name)).all())
        authors = [names[row.author_id] for row in rows]
    total = len(lines) if query.limit is None else _count(db, query, links, matching)
    return AuthoredPage(lines=lines, total=total, authors=authors)


def writer_names(db: Connection) -> list[str]:
    """Who has written in the journal, its own profiles first: one probe of an index each."""
    wrote = select(_ENTRY.id).where(_ENTRY.author_id == profile.c.id).exists()
    statement = select(profile.c.name).where(wrote).order_by(profile.c.imported, profile.c.id)
    return list(db.execute(statement).scalars())


def every_entry(db: Connection, *, private: bool = True, chunk: int = CHUNK) -> Iterator[EntryView]:
    """Every entry, oldest first, read ``chunk`` at a time: a whole journal is never held.

    ``private``: include private entries. Read inside one transaction, the
    chunks are one consistent journal even while someone else writes.
    """
    return _walk(db, _kept(private), newest_first=False, limit=None, chunk=chunk)


def stream_entries(
    db: Connection, query: EntryQuery, *, chunk: int = CHUNK, oldest_first: bool = False
) -> EntryStream:
    """The entries ``list_entries`` finds, read ``chunk`` at a time as they are consumed.

    ``oldest_first``: the same entries (with a limit, still the newest so many),
    in the order they happened, as a diary reads.
    """
    links = _links(db, query)
    matching = _matching(db, query, links)
    total = _count(db, query, links, matching)
    walked = _conditions(
        db, query, links, ids=unindexed(_ENTRY.id), matching=matching, walking=True
    )
    if oldest_first and query.limit is None:
        entries = _walk(db, walked, newest_first=False, limit=None, chunk=chunk)
    else:
        entries = _walk(db, walked, newest_first=True, limit=query.limit, chunk=chunk)
    if oldest_first and query.limit is not None:
        entries = iter(list(entries)[::-1])  # the newest N, held: as many as one reads
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
        statement = select(*VIEWED).where(*conditions, *after).order_by(*order).limit(size)
        rows = db.execute(statement).all()
        yield from as_views(db, rows)
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
    return _conditions(
        db, query, links, ids=unindexed(_ENTRY.id), matching=matching, walking=walking
    )


def _has_words(text: str, folded_words: Iterable[str]) -> bool:
    folded = text.casefold()
    return all(word in folded for word in folded_words)


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
    if query.max_closeness is not None:
        maximum = vocab.rating(query.max_closeness, field="maximum closeness")
        conditions.append(_ENTRY.closeness <= maximum)
    if query.starred:
        conditions.append(_ENTRY.starred.is_(True))
    if query.private is not None:
        conditions.append(_ENTRY.private.is_(query.private))
    if query.appreciation:
        conditions.append(_ENTRY.appreciation.is_(True))
    for column, value, choices, field in (
        (_ENTRY.touch, query.touch, vocab.TOUCHES, "touch"),
        (_ENTRY.response, query.response, vocab.RESPONSES, "response"),
        (_ENTRY.initiated_by, query.initiated_by, vocab.INITIATORS, "initiated by"),
    ):
        if value is not None:
            conditions.append(column == vocab.choose(value, choices, field=field))
    if query.any_people:
        among = [find_person(db, name).id for name in unique_folded(query.any_people)]
        linked = entry_person.c
        conditions.append(exists().where(linked.entry_id == _ENTRY.id, linked.person_id.in_(among)))
    if query.author is not None:
        conditions.append(_ENTRY.author_id == find_profile(db, query.author).id)
    ascii_words = [word for word in query.words if word.isascii()]
    if ascii_words:
        conditions += search.containing(db, ids, _ENTRY.text, ascii_words)
    return conditions
