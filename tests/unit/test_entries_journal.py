"""The journal layer under the browse and correct commands, on a session of a real journal."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Connection

from connectlog.errors import ConnectlogError, InvalidInputError, NotFoundError
from connectlog.journal.concepts import UnknownConceptError, add_concept, get_concept
from connectlog.journal.entries import delete_entry, record_entry, update_entry
from connectlog.journal.people import (
    _rewrite_mentions,
    find_person,
    list_people,
    merge_people,
    rename_person,
)
from connectlog.journal.queries import count_entries, every_entry, list_entries, stream_entries
from connectlog.journal.types.entries import EntryChanges, EntryDraft, EntryQuery, title_of
from connectlog.journal.views import get_entry
from connectlog.paths import JournalLocation
from connectlog.render import json as render_json
from connectlog.storage.store import open_journal

BERLIN_WINTER = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=BERLIN_WINTER)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Connection]:
    """A session on a fresh journal, rolled back at the end."""
    journal = open_journal(JournalLocation(path=tmp_path / "unit.db"))
    try:
        with journal.reading() as active:
            yield active
    finally:
        journal.close()


def record(session: Connection, text: str, day: int, **fields: object) -> int:
    occurred_at = datetime(2026, 3, day, 12, 0, tzinfo=BERLIN_WINTER)
    draft = EntryDraft(text=text, occurred_at=occurred_at, **fields)  # type: ignore[arg-type]
    return record_entry(session, draft, author="me", now=NOW).id


def ids(session: Connection, **filters: object) -> list[int]:
    query = EntryQuery(**filters)  # type: ignore[arg-type]
    return [view.id for view in list_entries(session, query).entries]


# --- finding entries -------------------------------------------------------------------------


@pytest.mark.parametrize("entry_id", [0, -1, 2**63, 10**30])
def test_get_entry_of_an_impossible_id_is_not_found(session: Connection, entry_id: int) -> None:
    with pytest.raises(NotFoundError, match="There is no entry"):
        get_entry(session, entry_id)


def test_list_entries_counts_all_matches_but_returns_up_to_the_limit(session: Connection) -> None:
    for day in range(1, 8):
        record(session, f"Walk {day}", day)

    page = list_entries(session, EntryQuery(limit=3))

    assert [view.text for view in page.entries] == ["Walk 7", "Walk 6", "Walk 5"]
    assert page.total == 7


def test_list_entries_without_a_limit_returns_everything(session: Connection) -> None:
    for day in range(1, 4):
        record(session, f"Walk {day}", day)

    assert len(list_entries(session, EntryQuery(limit=None)).entries) == 3


def test_list_entries_by_day_range(session: Connection) -> None:
    first, second, third = (record(session, "Walk", day) for day in (1, 2, 3))

    assert ids(session, since=date(2026, 3, 2)) == [third, second]
    assert ids(session, until=date(2026, 3, 2)) == [second, first]
    assert ids(session, since=date(2026, 3, 2), until=date(2026, 3, 2)) == [second]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("anger",), [0]),
        (("ÄRGER",), [1]),
        (("ärger", "VERSÖHNUNG"), [1]),
        (("100%",), [2]),
        (("%",), [2]),
        (("_",), [3]),
        (("a_b",), [3]),
        (("[x]",), [4]),
        (("nothing",), []),
    ],
)
def test_search_words_are_literal_and_ignore_case(
    session: Connection, words: tuple[str, ...], expected: list[int]
) -> None:
    texts = [
        "Anger then calm",
        "Ärger, dann Versöhnung",
        "100% there",
        "a_b notes",
        "box [x] ticked",
    ]
    recorded = [record(session, text, day) for day, text in enumerate(texts, start=1)]

    found = list_entries(session, EntryQuery(words=words))

    assert sorted(view.id for view in found.entries) == sorted(recorded[i] for i in expected)
    assert found.total == len(expected)


def test_an_unknown_concept_filter_raises_with_a_suggestion(session: Connection) -> None:
    with pytest.raises(UnknownConceptError, match="did you mean trust"):
        list_entries(session, EntryQuery(concepts=("trsut",)))


def test_an_unknown_person_filter_is_not_found(session: Connection) -> None:
    record(session, "Walk with @Sam", 1)

    with pytest.raises(NotFoundError, match="did you mean Sam"):
        list_entries(session, EntryQuery(people=("Sma",)))


# --- correcting entries ----------------------------------------------------------------------


def test_update_entry_stamps_updated_at_and_keeps_identity(session: Connection) -> None:
    entry_id = record(session, "Walk", 1)
    before = get_entry(session, entry_id)
    later = NOW + timedelta(hours=1)

    after = update_entry(session, entry_id, EntryChanges(closeness=4), now=later)

    assert after.closeness == 4
    assert (after.uuid, after.created_at) == (before.uuid, before.created_at)
    assert after.updated_at == later.astimezone(UTC)


def test_update_entry_rejects_an_unknown_field_to_clear(session: Connection) -> None:
    entry_id = record(session, "Walk", 1)

    with pytest.raises(InvalidInputError, match="Cannot clear 'mood'"):
        update_entry(session, entry_id, EntryChanges(clear=frozenset({"mood"})), now=NOW)


def test_update_entry_moves_local_day_with_the_time(session: Connection) -> None:
    entry_id = record(session, "Walk", 1)
    moved = datetime(2026, 3, 5, 0, 30, tzinfo=BERLIN_WINTER)

    update_entry(session, entry_id, EntryChanges(occurred_at=moved), now=NOW)

    assert ids(session, since=date(2026, 3, 5)) == [entry_id]
    assert get_entry(session, entry_id).occurred_at == moved


def test_update_entry_text_drops_tags_it_no_longer_has(session: Connection) -> None:
    entry_id = record(session, "Hug with @Sam #touch", 1, concepts=("repair",), people=("Kim",))

    view = update_entry(
        session, entry_id, EntryChanges(text="Talk with @Alex #communication"), now=NOW
    )

    assert view.concepts == ("communication", "repair")
    assert view.people == ("Alex", "Kim")


def test_update_entry_given_concepts_are_kept_even_if_a_tag_goes(session: Connection) -> None:
    entry_id = record(session, "Hug #touch", 1)

    view = update_entry(
        session, entry_id, EntryChanges(text="Hug", concepts=("touch", "trust")), now=NOW
    )

    assert view.concepts == ("touch", "trust")


def test_delete_entry_returns_what_it_was_and_removes_it(session: Connection) -> None:
    entry_id = record(session, "Walk with @Sam #trust", 1)

    gone = delete_entry(session, entry_id, now=NOW)

    assert gone.text == "Walk with @Sam #trust"
    with pytest.raises(NotFoundError):
        get_entry(session, entry_id)
    assert get_concept(session, "trust").count == 0


# --- people ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "to", "expected"),
    [
        ("Hug with @Sam", "Samuel", "Hug with @Samuel"),
        ("@sam and @SAM", "Sam", "@Sam and @Sam"),
        ("With @[Sam] today", "Sam Smith", "With @[Sam Smith] today"),
        ("With @[ sam ] today", "Kim", "With @Kim today"),
        ("@Sam's birthday", "Kim Lee", "@[Kim Lee]'s birthday"),
        ("@Sam- and @Samantha", "Kim", "@Kim- and @Samantha"),
        ("mail sam@example.org, not @Sammy", "Kim", "mail sam@example.org, not @Sammy"),
        ("#Sam is a tag, @Sam a name", "Kim", "#Sam is a tag, @Kim a name"),
        ("With @Sam", "O'Brien", "With @[O'Brien]"),
        ("With @Sam", "a]b", "With @Sam"),
    ],
)
def test_rewrite_mentions_renames_only_that_person(text: str, to: str, expected: str) -> None:
    assert _rewrite_mentions(text, key="sam", to=to) == expected


def test_rename_person_then_edit_keeps_one_person(session: Connection) -> None:
    entry_id = record(session, "Walk with @Sam", 1)

    rename_person(session, old="SAM", new="Samuel", now=NOW)
    view = update_entry(session, entry_id, EntryChanges(starred=True), now=NOW)

    assert view.people == ("Samuel",)
    assert view.text == "Walk with @Samuel"
    assert [person.name for person in list_people(session)] == ["Samuel"]


def test_rename_person_to_another_existing_person_fails(session: Connection) -> None:
    record(session, "Walk", 1, people=("Sam", "Alex"))

    with pytest.raises(ConnectlogError, match="people merge Sam Alex"):
        rename_person(session, old="sam", new="alex", now=NOW)


def test_merge_people_keeps_one_link_per_entry(session: Connection) -> None:
    both = record(session, "Walk", 1, people=("Sam", "Sammy"))
    only = record(session, "Call with @Sammy", 2)

    info = merge_people(session, source="sammy", target="SAM", now=NOW)

    assert (info.name, info.count, info.last_seen) == ("Sam", 2, date(2026, 3, 2))
    assert get_entry(session, both).people == ("Sam",)
    assert get_entry(session, only).text == "Call with @Sam"
    with pytest.raises(NotFoundError):
        find_person(session, "Sammy")


def test_merge_people_into_themselves_is_invalid(session: Connection) -> None:
    record(session, "Walk with @Sam", 1)

    with pytest.raises(InvalidInputError, match="cannot be merged into themselves"):
        merge_people(session, source="Sam", target="sam", now=NOW)


# --- concepts --------------------------------------------------------------------------------


def test_add_concept_refuses_names_and_aliases_in_use(session: Connection) -> None:
    add_concept(session, name="play", aliases=["games"], now=NOW)

    with pytest.raises(ConnectlogError, match="already a concept called play"):
        add_concept(session, name="Play", now=NOW)
    with pytest.raises(ConnectlogError, match="'games' is already taken by the concept play"):
        add_concept(session, name="frolic", aliases=["GAMES"], now=NOW)


def test_add_concept_with_its_own_name_as_alias_keeps_one_name(session: Connection) -> None:
    info = add_concept(session, name="play", aliases=["play", "games", "#Games"], now=NOW)

    assert (info.name, info.aliases) == ("play", ("games",))
    assert get_concept(session, "games").name == "play"


def test_a_views_stored_fields_come_from_the_columns_of_the_same_names() -> None:
    # _view passes the columns after the first six straight on as the view's last fields.
    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.views import VIEWED

    passed_on = [column.name for column in VIEWED[6:]]
    assert passed_on == list(EntryView._fields[-len(passed_on) :])
    assert [column.name for column in VIEWED[:6]] == [
        "id",
        "uuid",
        "text",
        "occurred_at",
        "utc_offset",
        "author_id",
    ]


@pytest.mark.parametrize("limit", [1, 2, 3, 10])
def test_a_page_of_a_concept_and_person_is_the_start_of_the_whole_listing(
    session: Connection, limit: int
) -> None:
    # A page checks each entry in time order; the whole listing gathers the matches.
    record(session, "Walk with @Sam #trust", 1)
    record(session, "Call with @Sam", 2)
    record(session, "Dinner with @Sam #trust #touch", 3)
    record(session, "Hug from @Robin #trust", 4)
    record(session, "Tea with @Sam #trust", 5)
    record(session, "Tea with @sam again #trust", 5)
    filters = {"concepts": ("trust",), "people": ("Sam",)}
    everything = ids(session, **filters)
    page = list_entries(session, EntryQuery(**filters, limit=limit))  # type: ignore[arg-type]
    assert len(everything) == 4
    assert [view.id for view in page.entries] == everything[:limit]
    assert page.total == 4


# --- titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Held hands. It was cold", "Held hands."),
        ("Why now? Because", "Why now?"),
        ("\n\n  First line  \nsecond line. More", "First line"),
        ("No end mark at all", "No end mark at all"),
        ("v1.2 stays whole. Then more", "v1.2 stays whole."),
        ("Ends with a mark!", "Ends with a mark!"),
        ("Line\u2028break", "Line"),
        ("   \n\t ", ""),
    ],
)
def test_a_title_is_the_first_sentence_of_the_first_line_that_is_not_blank(
    text: str, title: str
) -> None:
    assert title_of(text) == title


def first_sentence_of_first_line(text: str) -> str:
    """The title as defined: first non-blank line, stripped, cut after [.!?] and a space."""
    for line in text.splitlines():
        if line.strip():
            return re.split(r"(?<=[.!?])\s", line.strip(), maxsplit=1)[0]
    return ""


@given(st.text(alphabet="ab .!?\n\r\t\x0b\u2028é", max_size=30))
def test_a_title_is_always_the_first_sentence_of_the_first_line(text: str) -> None:
    assert title_of(text) == first_sentence_of_first_line(text)


# --- reading every entry, for an export --------------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 100])
def test_every_entry_reads_each_entry_once_oldest_first_whatever_the_chunk(
    session: Connection, chunk: int
) -> None:
    # Ties: several entries at one instant (one of them written in another zone),
    # which a chunk may end in the middle of.
    instants = [datetime(2026, 3, day, 12, 0, tzinfo=BERLIN_WINTER) for day in (5, 1, 5, 3, 5)]
    instants.append(datetime(2026, 3, 5, 6, 0, tzinfo=timezone(timedelta(hours=-5))))
    for number, moment in enumerate(instants * 2):
        draft = EntryDraft(text=f"moment {number}", occurred_at=moment, private=number % 3 == 0)
        record_entry(session, draft, author="me", now=NOW)
    newest_first = list_entries(session, EntryQuery()).entries
    assert list(every_entry(session, chunk=chunk)) == newest_first[::-1]
    shown = [view for view in newest_first[::-1] if not view.private]
    assert list(every_entry(session, private=False, chunk=chunk)) == shown
    assert (count_entries(session), count_entries(session, private=False)) == (12, len(shown))


def test_every_entry_of_an_empty_journal_is_nothing(session: Connection) -> None:
    assert list(every_entry(session)) == []
    assert count_entries(session) == 0


@pytest.mark.parametrize("chunk", [1, 2, 3, 100])
@pytest.mark.parametrize(
    "filters", [{}, {"limit": 1}, {"limit": 4}, {"limit": 50}, {"concepts": ("trust",)}]
)
def test_a_streamed_listing_is_the_listing_laid_out_as_json_dumps_does(
    session: Connection, monkeypatch: pytest.MonkeyPatch, chunk: int, filters: dict[str, Any]
) -> None:
    monkeypatch.setattr(render_json, "BATCH", 2)  # batches end between entries and chunks
    for day in (3, 1, 3, 2, 5, 4, 3):
        record(session, f"Moment of day {day} #trust" if day % 2 else "Plain", day)
    query = EntryQuery(**filters)
    page = list_entries(session, query)
    expected = render_json.document(
        "entries", "entries", [render_json.entry(view) for view in page.entries], total=page.total
    )
    streamed = "".join(render_json.entries_text(stream_entries(session, query, chunk=chunk)))
    assert streamed == render_json.dumps(expected) + "\n"


def test_a_streamed_listing_of_nothing_is_an_empty_list(session: Connection) -> None:
    streamed = "".join(render_json.entries_text(stream_entries(session, EntryQuery())))
    assert json.loads(streamed) == {"version": 1, "type": "entries", "entries": [], "total": 0}
