"""Listing entries agrees with a plain Python model of the filters, whatever the entries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection

from connectlog.journal.entries import record_entry
from connectlog.journal.queries import list_entries, list_lines, stream_entries
from connectlog.journal.types.entries import EntryDraft, EntryQuery
from connectlog.paths import JournalLocation
from connectlog.storage.store import Journal, open_journal

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone(timedelta(hours=1)))
FIRST_DAY = date(2026, 3, 1)
#: Letters in both cases, some beyond ASCII, and the characters LIKE treats
#: specially. Letters whose case folding gives ASCII letters (ß, ﬁ, the Kelvin
#: sign) are left out: an ASCII word is matched by SQLite, which folds ASCII only.
ALPHABET = "aAbBäÄöÖσΣς%_\\ "
OFFSETS = [timezone(timedelta(hours=hours)) for hours in (-5, 0, 1, 2, 9)]
#: People and concepts an entry can name; a query asks for them in any case.
NAMES = ("Sam", "Zoë", "ada")
CONCEPTS = ("trust", "touch", "repair")


@dataclass(frozen=True)
class Moment:
    text: str
    day: int
    hour: int
    offset: timezone
    closeness: int | None
    kind: str | None
    starred: bool
    people: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()

    @property
    def occurred_at(self) -> datetime:
        when = datetime.combine(FIRST_DAY + timedelta(days=self.day), datetime.min.time())
        return when.replace(hour=self.hour, tzinfo=self.offset)


moments = st.builds(
    Moment,
    text=st.text(ALPHABET, min_size=1, max_size=12).filter(str.strip),
    day=st.integers(0, 9),
    hour=st.integers(0, 23),
    offset=st.sampled_from(OFFSETS),
    closeness=st.none() | st.integers(1, 5),
    kind=st.sampled_from([None, "emotional", "physical", "both"]),
    starred=st.booleans(),
    people=st.lists(st.sampled_from(NAMES), unique=True, max_size=2).map(tuple),
    concepts=st.lists(st.sampled_from(CONCEPTS), unique=True, max_size=3).map(tuple),
)
days = st.none() | st.integers(0, 9).map(lambda n: FIRST_DAY + timedelta(days=n))
queries = st.builds(
    EntryQuery,
    since=days,
    until=days,
    kind=st.sampled_from([None, "emotional", "physical", "both"]),
    min_closeness=st.none() | st.integers(1, 5),
    starred=st.booleans(),
    words=st.lists(st.text(ALPHABET, min_size=1, max_size=3).filter(str.strip), max_size=2).map(
        lambda words: tuple(word.strip() for word in words)
    ),
    limit=st.none() | st.integers(1, 6),
    concepts=st.lists(st.sampled_from(CONCEPTS), max_size=2).map(tuple),
    people=st.lists(st.sampled_from(NAMES).map(str.upper), max_size=1).map(tuple),
)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    opened = open_journal(JournalLocation(path=tmp_path_factory.mktemp("property") / "p.db"))
    yield opened
    opened.close()


@contextmanager
def recorded(journal: Journal, entries: list[Moment]) -> Iterator[tuple[Connection, list[int]]]:
    """A connection holding ``entries``, rolled back afterwards so every example starts empty."""
    with journal.reading() as session:
        ids = [
            record_entry(
                session,
                EntryDraft(
                    text=moment.text,
                    occurred_at=moment.occurred_at,
                    closeness=moment.closeness,
                    kind=moment.kind,
                    starred=moment.starred,
                    people=moment.people,
                    concepts=moment.concepts,
                ),
                author="me",
                now=NOW,
            ).id
            for moment in entries
        ]
        yield session, ids


def matches(moment: Moment, query: EntryQuery) -> bool:
    local_day = moment.occurred_at.date()
    kinds = {"emotional": {"emotional", "both"}, "physical": {"physical", "both"}, "both": {"both"}}
    text = moment.text.casefold()
    return (
        (query.since is None or local_day >= query.since)
        and (query.until is None or local_day <= query.until)
        and (query.kind is None or moment.kind in kinds[query.kind])
        and (query.min_closeness is None or (moment.closeness or 0) >= query.min_closeness)
        and (not query.starred or moment.starred)
        and all(word.casefold() in text for word in query.words)
        and set(query.concepts) <= set(moment.concepts)
        and {name.casefold() for name in query.people}
        <= {name.casefold() for name in moment.people}
    )


def known(entries: list[Moment], query: EntryQuery) -> bool:
    """Whether everyone ``query`` asks for is in the journal (else listing says no such person)."""
    named = {name.casefold() for moment in entries for name in moment.people}
    return all(name.casefold() in named for name in query.people)


def newest_first(pairs: list[tuple[int, Moment]]) -> list[int]:
    ordered = sorted(pairs, key=lambda pair: (pair[1].occurred_at, pair[0]), reverse=True)
    return [entry_id for entry_id, _ in ordered]


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(moments, max_size=8), query=queries)
def test_listing_is_the_matching_entries_newest_first_up_to_the_limit(
    journal: Journal, entries: list[Moment], query: EntryQuery
) -> None:
    assume(known(entries, query))
    with recorded(journal, entries) as (session, ids):
        page = list_entries(session, query)
        stream = stream_entries(session, query, chunk=2)  # chunks end between ties too
        streamed = list(stream.entries)

    expected = newest_first(
        [pair for pair in zip(ids, entries, strict=True) if matches(pair[1], query)]
    )
    assert page.total == stream.total == len(expected)
    assert [view.id for view in page.entries] == expected[: query.limit]
    assert streamed == page.entries


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(moments, max_size=8), query=queries)
def test_a_listing_s_lines_are_its_entries_in_brief(
    journal: Journal, entries: list[Moment], query: EntryQuery
) -> None:
    assume(known(entries, query))
    with recorded(journal, entries) as (session, _):
        whole = list_entries(session, query)
        lines = list_lines(session, query)

    assert lines.total == whole.total
    assert [tuple(line) for line in lines.lines] == [
        (
            view.id,
            view.occurred_at,
            view.title,
            view.closeness,
            view.starred,
            view.private,
            view.people,
            view.concepts,
        )
        for view in whole.entries
    ]
    assert [line.occurred_at.utcoffset() for line in lines.lines] == [
        view.occurred_at.utcoffset() for view in whole.entries
    ]


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(moments, max_size=8), split=st.integers(0, 9))
def test_until_a_day_and_since_the_next_split_the_journal_in_two(
    journal: Journal, entries: list[Moment], split: int
) -> None:
    day = FIRST_DAY + timedelta(days=split)
    with recorded(journal, entries) as (session, ids):
        before = list_entries(session, EntryQuery(until=day)).entries
        after = list_entries(session, EntryQuery(since=day + timedelta(days=1))).entries

    # Each half is in time order; the halves split by the writer's local day, which
    # a moment west of UTC can reach later in time than one east of it.
    pairs = list(zip(ids, entries, strict=True))
    assert [view.id for view in before] == newest_first(
        [pair for pair in pairs if pair[1].occurred_at.date() <= day]
    )
    assert [view.id for view in after] == newest_first(
        [pair for pair in pairs if pair[1].occurred_at.date() > day]
    )
    assert sorted(view.id for view in after + before) == sorted(ids)
    assert all(view.occurred_at.date() <= day for view in before)
    assert all(view.occurred_at.date() > day for view in after)


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(moments, max_size=8), limit=st.integers(1, 9))
def test_a_limited_listing_is_the_start_of_the_full_one(
    journal: Journal, entries: list[Moment], limit: int
) -> None:
    with recorded(journal, entries) as (session, _):
        full = list_entries(session, EntryQuery())
        limited = list_entries(session, EntryQuery(limit=limit))

    assert limited.entries == full.entries[:limit]
    assert limited.total == full.total == len(entries)


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(moments, min_size=1, max_size=6), data=st.data())
def test_any_piece_of_a_text_in_any_case_finds_its_entry(
    journal: Journal, entries: list[Moment], data: st.DataObject
) -> None:
    target = data.draw(st.integers(0, len(entries) - 1), label="target")
    text = entries[target].text
    start = data.draw(st.integers(0, len(text) - 1))
    piece = text[start : data.draw(st.integers(start + 1, len(text)))].strip()
    assume(piece)
    flips = data.draw(st.lists(st.booleans(), min_size=len(piece), max_size=len(piece)))
    word = "".join(c.swapcase() if flip else c for c, flip in zip(piece, flips, strict=True))
    with recorded(journal, entries) as (session, ids):
        found = list_entries(session, EntryQuery(words=(word,))).entries

    folded = word.casefold()
    assert ids[target] in [view.id for view in found]
    assert [view.id for view in found] == newest_first(
        [pair for pair in zip(ids, entries, strict=True) if folded in pair[1].text.casefold()]
    )
