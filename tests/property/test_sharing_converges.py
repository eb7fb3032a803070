"""History converges: any set of bundles, in any order, any number of times, ends alike.

One side (Alex) adds, edits, deletes, makes private and shares again, and
exports a bundle now and then; the other side (Sam) receives those bundles
late, twice and out of order. Whatever the order, Sam's journal ends exactly
as if every bundle had arrived once, newest last; and that is what Alex
shares: the same entries, the same words, nothing private.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, select

from connectlog.analytics.periods import Period
from connectlog.journal.entries import delete_entry, record_entry, update_entry
from connectlog.journal.profiles import ensure_profile, find_profile
from connectlog.journal.sharing import export_span, import_bundle
from connectlog.journal.types.entries import EntryChanges, EntryDraft
from connectlog.paths import JournalLocation
from connectlog.storage.store import Journal, open_journal
from connectlog.storage.tables import entry, removal

BERLIN = timezone(timedelta(hours=1))
START = datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN)  # the Monday after the week shared
WEEK = Period(label="2026-W10", start=date(2026, 3, 2), end=date(2026, 3, 8))

adds = st.tuples(st.just("add"), st.integers(0, 6), st.none() | st.integers(1, 5))
changes = st.tuples(
    st.sampled_from(["edit", "private", "public", "delete"]),
    st.integers(0, 50),
    st.integers(1, 5),
)
steps = st.lists(st.one_of(adds, changes, st.just(("export", 0, 0))), min_size=1, max_size=14)


@pytest.fixture(scope="module")
def journals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Journal, Journal]]:
    folder = tmp_path_factory.mktemp("converge")
    alex = open_journal(JournalLocation(path=folder / "alex.db"))
    sam = open_journal(JournalLocation(path=folder / "sam.db"))
    yield alex, sam
    alex.close()
    sam.close()


def play(db: Connection, plan: list[tuple[Any, ...]]) -> tuple[list[str], datetime]:
    """Alex's side of ``plan``: the bundles exported along the way, and the time after."""
    now, bundles, ids, count = START, [], [], 0
    for step, number, value in plan:
        now += timedelta(minutes=1)
        if step == "add":
            count += 1
            occurred = datetime.combine(WEEK.start + timedelta(days=number), datetime.min.time())
            draft = EntryDraft(
                text=f"Moment {count}", occurred_at=occurred.replace(hour=20, tzinfo=BERLIN),
                closeness=value,
            )  # fmt: skip
            ids.append(record_entry(db, draft, author="Alex", now=now).id)
        elif step == "export":
            if count:  # Alex has written: a bundle, even of an emptied week
                profile = find_profile(db, "Alex")
                bundles.append(export_span(db, profile=profile, period=WEEK, now=now).text)
        elif ids:
            chosen = ids[number % len(ids)]
            if step == "delete":
                delete_entry(db, chosen, now=now)
                ids.remove(chosen)
            else:
                update_entry(db, chosen, _change(step, value, count), now=now)
    if count:
        now += timedelta(minutes=1)
        profile = find_profile(db, "Alex")
        bundles.append(export_span(db, profile=profile, period=WEEK, now=now).text)
    return bundles, now


def _change(step: str, value: int, count: int) -> EntryChanges:
    if step == "edit":
        return EntryChanges(closeness=value, text=f"Moment, edited at step {count}")
    return EntryChanges(private=step == "private")


def shared(db: Connection, *, author: str) -> set[tuple[Any, ...]]:
    """What ``author``'s shared entries say, as another journal would compare them."""
    found = db.execute(
        select(entry.c.uuid, entry.c.text, entry.c.closeness, entry.c.updated_at).where(
            entry.c.private.is_(False),
            entry.c.author_id == find_profile(db, author).id,
        )
    )
    return {tuple(row) for row in found}


def state(db: Connection) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    removals = {tuple(row) for row in db.execute(select(removal.c.uuid, removal.c.removed_at))}
    return shared(db, author="Alex"), removals


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=steps, data=st.data())
def test_bundles_in_any_order_and_any_number_of_times_end_alike(
    journals: tuple[Journal, Journal], plan: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    alex, sam = journals
    with alex.reading() as db:  # rolled back: every example starts from empty journals
        bundles, now = play(db, plan)
        sent = shared(db, author="Alex") if bundles else set()
    if not bundles:
        return
    order = data.draw(st.permutations(range(len(bundles))))
    again = data.draw(st.lists(st.sampled_from(range(len(bundles))), max_size=4))
    places = [data.draw(st.integers(0, len(order) + n)) for n in range(len(again))]
    delivered = list(order)
    for place, number in zip(places, again, strict=True):
        delivered.insert(place, number)

    def receive(sequence: list[int]) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
        with sam.reading() as db:
            ensure_profile(db, "Sam", now=START)
            for number in sequence:
                import_bundle(db, bundles[number], now=now)
            return state(db)

    newest_last = receive(list(range(len(bundles))))
    assert receive(delivered) == newest_last
    assert newest_last[0] == sent
