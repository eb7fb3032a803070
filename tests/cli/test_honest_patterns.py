"""Patterns that only claim what the data shows (issue 14): trends, closeness, weeks so far.

The clock is stopped on Sunday 22 November 2026, 21:00 in Berlin (2026-W47),
and moved where a test needs a week in progress.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.cli.test_trends_calendar import add, document
from tests.conftest import TEST_TZ, Cli, Clock

pytestmark = pytest.mark.usefixtures("clock")


def headline(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in data["headline"]}


@pytest.mark.parametrize("weeks", ["12", "4"])
def test_five_entries_a_week_for_three_weeks_is_not_yet_a_trend(cli: Cli, weeks: str) -> None:
    # Today: "up" over 12 weeks (nine weeks of zeros before the journal began), "steady" over 4.
    for monday in (2, 9, 16):  # W45, W46, W47 (this week, Sunday evening)
        for day in range(5):
            add(cli, "Evening walk", f"2026-11-{monday + day:02d}T19:00", "-c", "3")
    data = document(cli, "trends", "--weeks", weeks)
    entries = headline(data)["entries"]
    assert entries["direction"] is None
    assert entries["values"][-3:] == [5, 5, 5]
    assert all(value is None for value in entries["values"][:-3])  # before the journal: no zeros
    assert data["so_far"] is True
    text = cli.ok("trends", "--weeks", weeks).stdout
    assert "↑ up" not in text and "steady" not in text
    assert "Not enough weeks yet for a heading: it takes 5 complete weeks, and there are 2." in text
    assert "2026-W47 is this week, so far" in text
    assert "3 weeks, 2026-W45 to 2026-W47" in text


def test_the_closeness_difference_is_the_difference_of_the_figures_shown(cli: Cli) -> None:
    # With: 4.4 (five entries); without: 3.75, shown as 3.8. Shown: +0.6, not +0.7.
    for day, closeness in zip(range(16, 21), (5, 5, 4, 4, 4), strict=True):
        add(cli, "Held hands #touch", f"2026-11-{day}T09:00", "-c", str(closeness))
    for day, closeness in zip(range(16, 24), (4, 4, 4, 4, 4, 4, 3, 3), strict=True):
        add(cli, "Busy evening", f"2026-11-{min(day, 22)}T20:00", "-c", str(closeness))
    text = cli.ok("summary").stdout
    line = next(line for line in text.splitlines() if line.strip().startswith("touch"))
    assert "4.4 with (5)" in line and "3.8 without (8)" in line
    assert "+0.7" not in line
    assert "+0.6" in line or "about the same" in line


def test_a_week_in_progress_says_so_and_is_set_beside_the_same_days(cli: Cli, clock: Clock) -> None:
    clock.set(datetime(2026, 11, 18, 21, 0, tzinfo=ZoneInfo(TEST_TZ)))  # Wednesday of W47
    for day in (9, 10, 11, 12, 13, 14, 15):  # every day of W46
        add(cli, "Walk", f"2026-11-{day:02d}T08:00", "-c", "3")
    add(cli, "Walk", "2026-11-16T08:00", "-c", "4")
    add(cli, "Walk", "2026-11-17T08:00", "-c", "4")
    text = cli.ok("summary").stdout
    assert "so far, Mon to Wed" in text
    data = document(cli, "summary")
    so_far = data["so_far"]
    assert so_far["period"]["start"] == "2026-11-16"
    assert so_far["period"]["end"] == "2026-11-18"
    assert so_far["same_days"] == {
        "label": "2026-11-09..2026-11-11",
        "start": "2026-11-09",
        "end": "2026-11-11",
    }
    assert so_far["previous"]["entries"] == 3
    assert so_far["change"]["entries"] == -1
    assert data["previous"]["entries"] == 7


def plant(cli: Cli) -> None:
    """Ten weeks from Monday 14 September to this week (2026-W47, so far), planted with:

    - a real trend: 3 entries in the first week, one more each week after;
    - a steady series: closeness, the same mix of 5, 2 and 3 every week, up and down a little;
    - a real effect: every #touch moment is a 5, the others 2 or 3;
    - a null effect: #reward on every other moment, whatever its closeness.
    """
    first = datetime(2026, 9, 14)
    for week in range(10):
        for n in range(3 + week):
            day = first + timedelta(days=7 * week + n % 7, hours=8 + 3 * (n // 7))
            closeness = (5, 2, 3)[n % 3]
            tags = (" #touch" if n % 3 == 0 else "") + (" #reward" if (n + week) % 2 == 0 else "")
            add(cli, f"Moment {week}.{n}{tags}", day.isoformat(), "-c", str(closeness))


def test_a_journal_with_planted_patterns_gets_each_one_right(cli: Cli) -> None:
    plant(cli)

    data = document(cli, "trends")
    assert data["began"] == "2026-09-14"
    series = headline(data)
    assert series["entries"]["values"] == [None, None, *range(3, 13)]
    assert series["entries"]["direction"] == "up"  # the real trend
    assert series["entries"]["weeks_read"] == 9  # this week is not one of them
    assert series["closeness"]["direction"] == "steady"  # the steady series
    assert series["closeness"]["p"] > 0.05
    text = cli.ok("trends").stdout
    rows = {line.split("  ")[0]: line for line in text.splitlines()}
    assert "↑ up" in rows["Entries"]
    assert "→ steady" in rows["Closeness"]
    assert "10 weeks, 2026-W38 to 2026-W47 (the journal began in 2026-W38)" in text

    summary = document(cli, "summary", "--since", "2026-09-14")
    by_name = {item["name"]: item for item in summary["current"]["concept_closeness"]}
    touch, reward = by_name["touch"], by_name["reward"]
    assert touch["grade"] == "higher"  # the real effect
    assert touch["interval"]["low"] > 2 and touch["difference"] == 2.53
    assert reward["grade"] == "about the same"  # the null effect
    assert reward["interval"]["low"] < 0 < reward["interval"]["high"]
    assert summary["so_far"] is None  # a range of days ending today is not a period in progress
    lines = cli.ok("summary", "--since", "2026-09-14").stdout.splitlines()
    touch_line = next(line for line in lines if line.strip().startswith("touch "))
    reward_line = next(line for line in lines if line.strip().startswith("reward "))
    assert "5.0 with (28)" in touch_line and "2.5 without (47)" in touch_line
    assert "+2.5  (+2.4 to +2.7)" in touch_line
    assert "about the same  (-0.6 to +0.6)" in reward_line


def test_many_disconnections_are_summed_up_and_the_list_kept_short(cli: Cli) -> None:
    waits = (2, 10, 30, 50, None)  # hours until a close moment with them; the last not yet
    for n, (wait, who) in enumerate(zip(waits, ("Sam", "Jo", "Mum", "Kai", "Noor"), strict=True)):
        start = datetime(2026, 11, 16 + n, 8, 0)
        add(cli, f"Cold morning {n} #disconnection", start.isoformat(), "-w", who, "-c", "1")
        if wait is not None:
            again = (start + timedelta(hours=wait)).isoformat()
            add(cli, f"Close again {n}", again, "-w", who, "-c", "5")
    summed = document(cli, "summary")["current"]["reconnection"]
    assert summed == {
        "count": 5,
        "reconnected": 4,
        "median_hours": 20.0,
        "longest": {"id": 7, "hours": 50.0},
    }
    text = cli.ok("summary").stdout
    assert (
        "5 disconnections: close again after 20 hours typically (the median of 4), "
        "at most 2 days (entry 7); 1 with no close moment since, yet."
    ) in " ".join(text.split())
    assert "The latest 3:" in text
    listed = text[text.index("The latest 3:") :].splitlines()[1:]
    assert [line.split(" (entry")[0].strip() for line in listed] == [
        "Wed 18 Nov with Mum",
        "Thu 19 Nov with Kai",
        "Fri 20 Nov with Noor",
    ]


def test_a_month_in_progress_is_set_beside_the_same_days_of_the_month_before(
    cli: Cli, clock: Clock
) -> None:
    clock.set(datetime(2026, 12, 3, 12, 0, tzinfo=ZoneInfo(TEST_TZ)))
    add(cli, "Walk", "2026-11-02T08:00", "-c", "3")
    add(cli, "Walk", "2026-11-20T08:00", "-c", "3")
    add(cli, "Walk", "2026-12-01T08:00", "-c", "4")
    text = cli.ok("summary", "--month", "this").stdout
    assert "December 2026 (so far, 1 to 3 Dec)" in text
    assert "and its same days (1 to 3 Nov)" in text
    so_far = document(cli, "summary", "--month", "this")["so_far"]
    assert (so_far["same_days"]["start"], so_far["same_days"]["end"]) == (
        "2026-11-01",
        "2026-11-03",
    )
    assert so_far["previous"]["entries"] == 1
    assert so_far["change"] == {"entries": 0, "days": 0, "closeness": 1.0}
    assert document(cli, "summary", "--week", "2026-W45")["so_far"] is None  # a week gone by


def test_a_journal_begun_mid_week_leaves_that_part_week_out_of_the_headings(cli: Cli) -> None:
    # From Thursday 15 October (2026-W42): 1 entry, then 2, 3, 4, 5 and 6 a week.
    for week in range(6):
        start = datetime(2026, 10, 15) + timedelta(days=0 if week == 0 else 7 * week - 3)
        for n in range(week + 1):
            add(cli, "Walk", (start + timedelta(days=n % 4, hours=8 + n)).isoformat(), "-c", "3")
    data = document(cli, "trends", "--weeks", "6")
    entries = headline(data)["entries"]
    assert entries["values"] == [1, 2, 3, 4, 5, 6]
    assert entries["weeks_read"] == 4  # W43 to W46: W42 began on a Thursday, W47 is so far
    assert entries["direction"] is None
    text = cli.ok("trends", "--weeks", "6").stdout
    assert (
        "2026-W42, the journal's first week, began on Thu 15 Oct, and 2026-W47 is this week, "
        "so far: both left out of the headings."
    ) in " ".join(text.split())
