"""``connectlog trends``, ``calendar``, ``remember`` and ``prompt`` end to end.

The clock is stopped on Sunday 22 November 2026, 21:00 in Berlin.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump

pytestmark = pytest.mark.usefixtures("clock")


def add(cli: Cli, text: str, when: str, *options: str) -> None:
    cli.ok("add", text, "--when", when, *options)


def document(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli.ok(*args, "--json")
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["version"] == 1
    return data


def series(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


def test_trends_count_every_week_and_read_the_direction(cli: Cli) -> None:
    # One entry in W42, two in W43, ... six in W47 (this week, so far); closeness rising too.
    mondays = ("2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16")
    for week, monday in enumerate(mondays, start=1):
        start = datetime.fromisoformat(monday)
        for day in range(week):
            when = f"{(start + timedelta(days=day)).date()}T19:00"
            add(cli, "Evening walk #trust", when, "-w", "Sam", "-c", str(min(week, 5)))
    data = document(cli, "trends", "--weeks", "7")
    assert data["type"] == "trends"
    assert [week["label"] for week in data["weeks"]] == [f"2026-W{n}" for n in range(41, 48)]
    assert data["so_far"] is True
    assert data["began"] == "2026-10-12"
    headline = series(data["headline"])
    assert headline["entries"]["values"] == [None, 1, 2, 3, 4, 5, 6]  # W41: before the journal
    assert headline["entries"]["direction"] == "up"
    assert headline["entries"]["weeks_read"] == 5  # W42 to W46: this week is left out
    assert headline["closeness"]["values"] == [None, 1, 2, 3, 4, 5, 5]
    assert headline["closeness"]["direction"] == "up"
    assert headline["turned toward"]["values"] == [None] * 7
    assert headline["turned toward"]["direction"] is None
    assert series(data["concepts"])["trust"]["values"] == [None, 1, 2, 3, 4, 5, 6]
    assert series(data["people"])["Sam"]["values"] == [None, 1, 2, 3, 4, 5, 6]
    text = cli.ok("trends", "--weeks", "7").stdout
    assert "6 weeks, 2026-W42 to 2026-W47 (the journal began in 2026-W42)" in text
    assert "2026-W47 is this week, so far" in text
    assert "▂▃▅▆▇ █" in text  # the week so far set apart
    assert "↑ up" in text


def test_trends_default_to_twelve_weeks_and_are_friendly_when_empty(cli: Cli) -> None:
    data = document(cli, "trends")
    assert len(data["weeks"]) == 12
    assert data["weeks"][-1]["label"] == "2026-W47"
    assert data["began"] is None
    assert all(value is None for item in data["headline"] for value in item["values"])
    assert "No entries yet: trends begin with the first week" in cli.ok("trends").stdout


def test_calendar_shades_each_logged_day(cli: Cli) -> None:
    add(cli, "Hug #touch", "2026-01-01T08:00", "-c", "5")
    add(cli, "Talk", "2026-01-01T20:00", "-c", "2")
    add(cli, "Note without a rating", "2026-03-10T20:00")
    add(cli, "Last year", "2025-12-31T20:00", "-c", "1")
    data = document(cli, "calendar", "--year", "2026")
    assert data["type"] == "calendar"
    assert (data["year"], data["week_start"]) == (2026, "monday")
    assert data["days"] == [
        {"date": "2026-01-01", "entries": 2, "rated": 2, "closeness": 3.5},
        {"date": "2026-03-10", "entries": 1, "rated": 0, "closeness": None},
    ]
    assert (data["entries"], data["days_logged"], data["closeness"]) == (3, 2, 3.5)
    text = cli.ok("calendar", "--year", "2026").stdout
    assert "2026: 3 entries on 2 days, average closeness 3.50" in text
    rows = text.splitlines()
    thursday = next(row for row in rows if row.startswith("Thu "))
    assert thursday[4] == "▆"  # 1 January 2026 was a Thursday; closeness 3.5 rounds to 4
    tuesday = next(row for row in rows if row.startswith("Tue "))
    assert "○" in tuesday  # 10 March: logged, unrated
    assert "Jan" in rows[2] and "Dec" in rows[2]


def test_calendar_defaults_to_this_year_and_handles_an_empty_year(cli: Cli) -> None:
    data = document(cli, "calendar")
    assert (data["year"], data["days"], data["closeness"]) == (2026, [], None)
    assert "2026: 0 entries on 0 days" in cli.ok("calendar").stdout


def test_remember_brings_back_a_week_a_month_and_a_year_ago(cli: Cli) -> None:
    add(cli, "A week ago we cooked #reward", "2026-11-15T19:00", "-c", "4")
    add(cli, "A month ago, a quiet walk", "2026-10-22T10:00", "-c", "3")
    add(cli, "A year ago, our first trip #attachment", "2025-11-22T12:00", "-c", "5")
    add(cli, "Long ago, a close evening", "2024-05-01T20:00", "-c", "5")
    add(cli, "Long ago, a distant evening", "2024-05-02T20:00", "-c", "1")
    data = document(cli, "remember")
    assert data["type"] == "remember"
    days = {day["label"]: day for day in data["days"]}
    assert days["a week ago"]["date"] == "2026-11-15"
    assert [e["text"] for e in days["a week ago"]["entries"]] == ["A week ago we cooked #reward"]
    assert days["a month ago"]["date"] == "2026-10-22"
    assert len(days["a month ago"]["entries"]) == 1
    assert days["a year ago"]["date"] == "2025-11-22"
    assert len(days["a year ago"]["entries"]) == 1
    assert data["further_back"]["text"] == "Long ago, a close evening"
    text = cli.ok("remember").stdout
    assert "A week ago, Sun 15 Nov 2026" in text
    assert "A close moment from further back, Wed 1 May 2024" in text


def test_remember_on_an_empty_journal_is_friendly(cli: Cli) -> None:
    data = document(cli, "remember")
    assert all(day["entries"] == [] for day in data["days"])
    assert data["further_back"] is None
    assert "Nothing to look back on yet" in cli.ok("remember").stdout


def test_prompt_asks_a_question_of_a_concept(cli: Cli) -> None:
    concepts = {c["name"]: c for c in document(cli, "concepts")["concepts"]}
    data = document(cli, "prompt")
    assert data["type"] == "prompt"
    chosen = data["prompt"]
    assert chosen["question"] in concepts[chosen["concept"]]["questions"]
    assert chosen["days_since"] is None
    text = cli.ok("prompt").stdout
    assert chosen["question"] in text
    assert cli.ok("prompt", "--json").stdout == cli.ok("prompt", "--json").stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["trends", "--weeks", "1"], "--weeks"),
        (["trends", "--weeks", "many"], "--weeks"),
        (["trends", "--with", "Nobody"], "No one called 'Nobody'"),
        (["calendar", "--year", "0"], "--year"),
        (["calendar", "--year", "twenty"], "--year"),
        (["calendar", "--author", "Nobody"], "No profile called 'Nobody'"),
        (["remember", "extra"], "unexpected extra argument"),
        (["prompt", "--bogus"], "No such option"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, args: list[str], fragment: str
) -> None:
    add(cli, "Walk #trust", "2026-11-17T18:00", "-w", "Sam", "-c", "4")
    before = journal_dump(db_path)
    result = cli(*args)
    code = 1 if "Nobody" in fragment else 2
    assert_user_error(result, code, fragment)
    assert journal_dump(db_path) == before
