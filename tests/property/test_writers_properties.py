"""Several writers in one journal: whatever they write, each one's summary is theirs alone.

The journals come from the same strategies as the summary's own properties
(entries in many zones across DST changes); here they are split between the
journal's writer, "me", and a second writer, "partner", some of whose
moments are the writer's seen twice.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import combinations
from pathlib import Path

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection

from connectlog.analytics.moments import Moment, one_each
from connectlog.analytics.summary import Summary, figures, writer_figures
from connectlog.analytics.together import same_moments
from connectlog.journal.entries import record_entry
from connectlog.journal.patterns import summary
from connectlog.journal.profiles import ensure_profile
from connectlog.journal.types.patterns import Scope
from connectlog.paths import JournalLocation
from connectlog.storage.store import Journal, open_journal
from tests.conftest import ZONES
from tests.property.test_summary_properties import (
    NOW,
    Written,
    journals,
    periods_near,
)

WRITERS = ("me", "partner", "Jo")
WINDOW = timedelta(hours=2)


@st.composite
def moments(draw: st.DrawFn) -> list[Moment]:
    """Up to 30 moments of three writers in a few days, often minutes apart, naming each other."""
    start = datetime(2026, 3, 27, tzinfo=UTC)  # Berlin moves its clocks on the 29th
    count = draw(st.integers(0, 30))
    made = []
    for entry_id in range(1, count + 1):
        author = draw(st.sampled_from(WRITERS))
        minutes = draw(st.integers(0, 4 * 24 * 60) | st.sampled_from([0, 60, 119, 120, 121]))
        others = [name for name in WRITERS if name != author] + ["Noor"]
        made.append(
            Moment(
                id=entry_id,
                occurred_at=(start + timedelta(minutes=minutes)).astimezone(
                    draw(st.sampled_from(ZONES))
                ),
                author=author,
                people=tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True))),
                closeness=draw(st.none() | st.integers(1, 5)),
                kind=draw(st.none() | st.sampled_from(["emotional", "physical", "both"])),
                touch=draw(st.none() | st.sampled_from(["hug", "massage"])),
                initiated_by=draw(st.none() | st.sampled_from(["me", "them", "mutual"])),
                concepts=tuple(draw(st.lists(st.sampled_from(["trust", "touch"]), unique=True))),
            )
        )
    return made


def every_pair_first(
    moments: Sequence[Moment], window: timedelta, identities: Mapping[str, str]
) -> tuple[tuple[int, ...], ...]:
    """The rule of one moment seen twice, written plainly: every pair weighed, nearest first."""

    def named(moment: Moment) -> set[str]:
        return {identities.get(name.casefold(), name).casefold() for name in moment.people}

    def one(first: Moment, second: Moment) -> bool:
        authors = {first.author.casefold(), second.author.casefold()}
        if second.author.casefold() in named(first) and first.author.casefold() in named(second):
            return True
        others = named(first) - authors
        return bool(others) and others == named(second) - authors

    pairs = sorted(
        (abs(a.occurred_at - b.occurred_at), a.id, b.id, a, b)
        for a, b in combinations(moments, 2)
        if a.author != b.author and abs(a.occurred_at - b.occurred_at) <= window and one(a, b)
    )
    partner: set[tuple[int, str]] = set()
    groups: list[set[int]] = [{moment.id} for moment in moments]
    for _, _, _, a, b in pairs:
        if (a.id, b.author) in partner or (b.id, a.author) in partner:
            continue
        partner |= {(a.id, b.author), (b.id, a.author)}
        joined = next(g for g in groups if a.id in g) | next(g for g in groups if b.id in g)
        groups = [g for g in groups if not g & joined] + [joined]
    order = {moment.id: index for index, moment in enumerate(moments)}
    found = sorted(
        (sorted(group, key=order.__getitem__) for group in groups if len(group) > 1),
        key=lambda group: order[group[0]],
    )
    return tuple(tuple(group) for group in found)


@settings(max_examples=150, deadline=None)
@given(moments=moments())
def test_pairing_walked_in_time_order_is_the_rule_over_every_pair(moments: list[Moment]) -> None:
    identities = {"lex": "me"}
    found = same_moments(moments, window=WINDOW, identities=identities)
    assert found == every_pair_first(moments, WINDOW, identities)
    if found:
        event("some entries are one moment")


@settings(max_examples=150, deadline=None)
@given(moments=moments())
def test_each_writers_part_adds_up_to_the_moments_together(moments: list[Moment]) -> None:
    pairing = partial(same_moments, window=WINDOW, identities={})
    groups = pairing(moments)
    together = figures(moments, writers=WRITERS, together=pairing)
    duplicates = sum(len(group) - 1 for group in groups)
    # Each writer's entries, summed, are the moments together plus the second views.
    assert sum(writer.entries for writer in together.writers) == together.entries + duplicates
    assert together.paired == len(groups)
    assert together.entries == len(one_each(moments, groups))
    # Every rating is kept; every moment falls on one weekday and one part of the day.
    assert together.closeness_count == sum(m.closeness is not None for m in moments)
    assert sum(count.count for count in together.weekdays) == together.entries
    assert sum(count.count for count in together.times_of_day) == together.entries
    assert sum(count.count for count in together.kinds) <= together.entries
    assert together.initiators == ()
    # A writer's part is what their moments alone would give.
    for writer in together.writers:
        alone = figures([m for m in moments if m.author == writer.author])
        assert writer == writer_figures(writer.author, moments)
        assert (writer.entries, writer.days) == (alone.entries, alone.days)
        assert writer.closeness_average == alone.closeness_average
        assert writer.initiators == alone.initiators
    if duplicates:
        event("a moment several logged")


@contextmanager
def two_writers() -> Iterator[Journal]:
    """A fresh journal whose own first profile is "me", with a second writer, "partner"."""
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(JournalLocation(path=Path(folder) / "journal.db"))
        try:
            with journal.writing() as session:
                ensure_profile(session, "me", now=NOW)
                ensure_profile(session, "partner", now=NOW)
            yield journal
        finally:
            journal.close()


def write(session: Connection, written: Sequence[Written], author: str) -> None:
    for entry in written:
        record_entry(session, entry.draft(), author=author, now=NOW)


def theirs(result: Summary) -> Summary:
    """A summary without who else writes in the journal, which only its heading names."""
    return replace(result, whose=result.whose._replace(writers=()))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # explaining takes minutes
)
@given(data=st.data(), mine=journals(max_entries=20), partners=journals(max_entries=20))
def test_the_writers_summary_is_unchanged_by_any_partners_moments(
    data: st.DataObject, mine: list[Written], partners: list[Written]
) -> None:
    period = data.draw(periods_near(mine), label="period")
    today = period.end + timedelta(days=data.draw(st.integers(-10, 3), label="today from end"))
    with two_writers() as journal:
        with journal.writing() as session:
            write(session, mine, "me")
        with journal.reading() as session:
            alone = summary(session, period=period, today=today)
        with journal.writing() as session:
            write(session, partners, "partner")
        with journal.reading() as session:
            after = summary(session, period=period, today=today)
            together = summary(session, period=period, today=today, scope=Scope(together=True))
            as_partner = summary(session, period=period, today=today, scope=Scope(chosen="partner"))
    assert theirs(after) == theirs(alone)
    assert after.whose.author == "me" and not after.whose.together
    # Together, the writer's part and streak are their own summary's.
    assert together.streak == alone.streak
    if mine:
        (mine_together,) = [w for w in together.current.writers if w.author == "me"]
        assert mine_together == alone.current.writers[0]
        assert together.streaks[0] == alone.streaks[0]
    # Together, every entry is a writer's, and a moment both logged counts once.
    both = alone.current.entries + as_partner.current.entries
    assert sum(writer.entries for writer in together.current.writers) == both
    assert max(alone.current.entries, as_partner.current.entries) <= together.current.entries
    assert together.current.entries <= both - together.current.paired
    assert (
        together.current.closeness_count
        == alone.current.closeness_count + as_partner.current.closeness_count
    )
    if partners and alone.current.entries:
        event("the writer's summary beside a partner's moments")
