"""Several writers' moments in the analytics: one moment seen twice counts once, sides kept apart.

Moments built by hand, Alex's and Sam's, in November 2026 at UTC+1.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import partial

from connectlog.analytics import periods
from connectlog.analytics.calendar import lived_days
from connectlog.analytics.moments import Moment, Whose, merged, one_each
from connectlog.analytics.summary import figures, summarize
from connectlog.analytics.together import agenda, same_moments
from connectlog.analytics.trends import trends

UTC1 = timezone(timedelta(hours=1))
WINDOW = timedelta(hours=2)
PAIRING = partial(same_moments, window=WINDOW, identities={})


def moment(
    entry_id: int, author: str, day: int, hour: int, minute: int = 0, **fields: object
) -> Moment:
    when = datetime(2026, 11, day, hour, minute, tzinfo=UTC1)
    return Moment(id=entry_id, occurred_at=when, author=author, **fields)  # type: ignore[arg-type]


#: Tuesday's massage, logged by both; a dinner only Sam logged; a talk only Alex did.
WEEK = [
    moment(1, "Alex", 17, 20, people=("Sam",), kind="physical", touch="massage", closeness=4,
           initiated_by="me", concepts=("touch",)),
    moment(2, "Sam", 17, 20, 30, people=("Alex",), kind="both", touch="massage", closeness=5,
           initiated_by="them", concepts=("touch", "regulation")),
    moment(3, "Sam", 18, 19, people=("Alex",), closeness=3, initiated_by="me"),
    moment(4, "Alex", 19, 21, people=("Sam",), closeness=4, initiated_by="mutual"),
]  # fmt: skip


def test_a_moment_both_logged_counts_once_with_both_ratings() -> None:
    result = figures(WEEK, writers=("Alex", "Sam"), together=PAIRING)
    assert (result.entries, result.paired, result.days) == (3, 1, 3)
    assert (result.closeness_count, result.closeness_average) == (4, 4.0)
    assert [(c.name, c.count) for c in result.touches] == [("massage", 1)]
    assert [(c.name, c.count) for c in result.kinds] == [("both", 1)]  # physical and both
    assert [(c.name, c.count) for c in result.concepts] == [("regulation", 1), ("touch", 1)]
    assert sum(c.count for c in result.weekdays) == result.entries


def test_together_reached_out_is_read_from_each_side_never_added_up() -> None:
    result = figures(WEEK, writers=("Alex", "Sam"), together=PAIRING)
    assert result.initiators == ()
    alex, sam = result.writers
    assert (alex.author, alex.entries, alex.closeness_average) == ("Alex", 2, 4.0)
    assert [(c.name, c.count) for c in alex.initiators] == [("me", 1), ("mutual", 1)]
    assert [(c.name, c.count) for c in sam.initiators] == [("me", 1), ("them", 1)]


def test_one_writers_figures_are_what_they_always_were() -> None:
    alex = [m for m in WEEK if m.author == "Alex"]
    plain = figures(alex)
    described = figures(alex, writers=("Alex",))
    assert described.writers[0].entries == plain.entries == 2
    assert [(c.name, c.count) for c in described.initiators] == [("me", 1), ("mutual", 1)]
    assert described.initiators == described.writers[0].initiators
    assert plain == described.__class__(**{**described.__dict__, "writers": ()})


def test_a_fight_both_logged_is_one_disconnection_not_repaired_by_its_other_half() -> None:
    fight = [
        moment(1, "Alex", 18, 19, people=("Sam",), concepts=("disconnection",)),
        moment(2, "Sam", 18, 19, 20, people=("Alex",), closeness=4),  # Sam saw it otherwise
        moment(3, "Alex", 19, 8, people=("Sam",), closeness=5),
    ]
    (item,) = figures(fight, after=fight, writers=("Alex", "Sam"), together=PAIRING).disconnections
    assert (item.id, item.reconnected_by) == (1, 3)
    assert set(item.people) == {"Sam", "Alex"}


def test_merged_keeps_every_concept_and_person_once_whatever_the_case() -> None:
    unit = (
        moment(1, "Alex", 17, 20, people=("Jo", "Sam"), concepts=("touch",)),
        moment(2, "Sam", 17, 20, 30, people=("jo", "Alex"), concepts=("touch", "trust")),
    )
    together = merged(unit)
    assert (together.id, together.occurred_at) == (1, unit[0].occurred_at)
    assert together.people == ("Jo", "Sam", "Alex")
    assert together.concepts == ("touch", "trust")
    assert together.closeness is None and together.initiated_by is None


def test_one_each_keeps_every_entry_in_exactly_one_moment() -> None:
    units = one_each(WEEK, PAIRING(WEEK))
    assert [[m.id for m in unit] for unit in units] == [[1, 2], [3], [4]]


def test_streaks_are_each_writers_own() -> None:
    week = periods.week_of(date(2026, 11, 22))
    result = summarize(
        period=week,
        previous_period=week.previous(),
        moments=WEEK,
        previous_moments=[],
        around=WEEK,
        logged_days=[date(2026, 11, 21), date(2026, 11, 22)],
        today=date(2026, 11, 22),
        whose=Whose(together=True, writers=("Alex", "Sam")),
        writer_days={
            "Alex": [date(2026, 11, 21), date(2026, 11, 22)],
            "Sam": [date(2026, 11, 20), date(2026, 11, 18), date(2026, 11, 19)],
        },
        together=PAIRING,
    )
    assert [(s.author, s.current, s.longest) for s in result.streaks] == [
        ("Alex", 2, 2),
        ("Sam", 0, 3),
    ]
    assert (result.streak.current, result.streak.longest) == (2, 2)


def test_trends_and_the_calendar_count_a_shared_moment_once() -> None:
    week = periods.week_of(date(2026, 11, 17))
    series = {s.name: s.values for s in trends(WEEK, [week], together=PAIRING).headline}
    assert series["entries"] == (3,)
    assert series["closeness"] == (4.0,)
    assert {s.name: s.values for s in trends(WEEK, [week]).headline}["entries"] == (4,)
    days = {stat.day: stat for stat in lived_days(WEEK, together=PAIRING)}
    tuesday = days[date(2026, 11, 17)]
    assert (tuesday.entries, tuesday.rated, tuesday.closeness) == (1, 2, 4.5)


def test_same_moments_pairs_the_nearest_first_and_each_entry_once_per_author() -> None:
    moments = [
        moment(1, "Alex", 17, 20, people=("Sam",)),
        moment(2, "Sam", 17, 21, 30, people=("Alex",)),
        moment(3, "Sam", 17, 20, 10, people=("Alex",)),
        moment(4, "Sam", 17, 23, people=("Alex",)),  # 3 hours on: outside the window
    ]
    assert same_moments(moments, window=WINDOW, identities={}) == ((1, 3),)


def test_one_thing_to_talk_about_lists_a_fight_both_logged_once() -> None:
    fight = [
        moment(1, "Alex", 18, 19, people=("Sam",), concepts=("disconnection",)),
        moment(2, "Sam", 18, 19, 20, people=("Alex",), concepts=("disconnection",)),
        moment(3, "Sam", 20, 9, people=("Alex",), response="away"),
    ]
    ids = agenda(fight, window=WINDOW, identities={})
    assert ids.two_views == ((1, 2),)
    assert ids.to_talk_about == (1, 3)
