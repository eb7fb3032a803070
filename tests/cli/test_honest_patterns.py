"""Patterns that only claim what the data shows (issue 14): trends, closeness, weeks so far.

The clock is stopped on Sunday 22 November 2026, 21:00 in Berlin (2026-W47),
and moved where a test needs a week in progress.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import TEST_TZ, Cli, Clock

pytestmark = pytest.mark.usefixtures("clock")


def add(cli: Cli, text: str, when: str, *options: str) -> None:
    cli.ok("add", text, "--when", when, *options)


def document(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli.ok(*args, "--json")
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


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
    assert "not enough weeks yet" in text
    assert "so far" in text


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
