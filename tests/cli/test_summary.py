"""``connectlog summary``: periods, figures beside the period before, filters, --json, bad input.

The clock is stopped on Sunday 22 November 2026, 21:00 in Berlin: "this week"
is 2026-W47, Monday 16 to Sunday 22 November.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump

pytestmark = pytest.mark.usefixtures("clock")


def add(cli: Cli, text: str, when: str, *options: str) -> None:
    cli.ok("add", text, "--when", when, *options)


def summary_json(cli: Cli, *options: str) -> dict[str, Any]:
    result = cli.ok("summary", *options, "--json")
    assert result.stderr == ""
    document: dict[str, Any] = json.loads(result.stdout)
    assert (document["version"], document["type"]) == (1, "summary")
    return document


def counts(items: list[dict[str, Any]]) -> dict[str, int]:
    return {item["name"]: item["count"] for item in items}


def test_an_empty_journal_gets_a_friendly_answer(cli: Cli) -> None:
    result = cli.ok("summary")
    assert "2026-W47, Mon 16 Nov to Sun 22 Nov 2026" in result.stdout
    assert "No entries in this period or the one before" in result.stdout
    document = summary_json(cli)
    assert document["current"]["entries"] == 0
    assert document["current"]["closeness"] == {"average": None, "count": 0}
    assert document["change"]["closeness"] is None
    assert document["streak"] == {"current": 0, "longest": 0}


def test_one_entry_is_summed_up_without_a_division_by_zero(cli: Cli) -> None:
    add(cli, "Long hug at the door #touch @Sam", "2026-11-22T08:00", "-c", "4")
    document = summary_json(cli)
    current = document["current"]
    assert (current["entries"], current["days"]) == (1, 1)
    assert current["closeness"] == {"average": 4.0, "count": 1}
    assert counts(current["concepts"]) == {"touch": 1}
    assert counts(current["people"]) == {"Sam": 1}
    assert document["previous"]["entries"] == 0
    assert document["change"] == {"entries": 1, "days": 1, "closeness": None}
    assert document["streak"] == {"current": 1, "longest": 1}
    text = cli.ok("summary").stdout
    assert "Not enough entries yet: touch" in text


def test_a_week_is_set_beside_the_week_before(cli: Cli) -> None:
    add(cli, "Walk together #trust @Sam", "2026-11-10T18:00", "-c", "2")  # W46
    add(cli, "Dinner and a long talk #communication @Sam", "2026-11-17T20:00", "-c", "4")
    add(cli, "Breakfast in bed #reward @Sam", "2026-11-21T09:00", "-c", "5")
    document = summary_json(cli)
    assert document["period"] == {"label": "2026-W47", "start": "2026-11-16", "end": "2026-11-22"}
    assert document["previous_period"]["label"] == "2026-W46"
    assert document["current"]["closeness"]["average"] == 4.5
    assert document["previous"]["closeness"]["average"] == 2.0
    assert document["change"] == {"entries": 1, "days": 1, "closeness": 2.5}
    result = cli.ok("summary")
    assert "4.50 (+2.50)" in result.stdout
    assert "2026-W46" in result.stdout


def test_a_period_without_entries_says_so_but_shows_the_one_before(cli: Cli) -> None:
    add(cli, "Walk together #trust", "2026-11-10T18:00", "-c", "3")
    result = cli.ok("summary")
    assert "No entries in this period yet." in result.stdout
    assert summary_json(cli)["previous"]["entries"] == 1


@pytest.mark.parametrize(
    ("options", "label", "start", "end"),
    [
        (["--week", "2026-W45"], "2026-W45", "2026-11-02", "2026-11-08"),
        (["--week", "2026w45"], "2026-W45", "2026-11-02", "2026-11-08"),
        (["--week", "last"], "2026-W46", "2026-11-09", "2026-11-15"),
        (["--week", "this"], "2026-W47", "2026-11-16", "2026-11-22"),
        (["--month", "2026-10"], "2026-10", "2026-10-01", "2026-10-31"),
        (["--month", "last"], "2026-10", "2026-10-01", "2026-10-31"),
        (["--month", "this"], "2026-11", "2026-11-01", "2026-11-30"),
        (
            ["--since", "2026-11-01", "--until", "2026-11-03"],
            "2026-11-01..2026-11-03",
            "2026-11-01",
            "2026-11-03",
        ),
        (["--since", "3 days ago"], "2026-11-19..2026-11-22", "2026-11-19", "2026-11-22"),
    ],
)
def test_periods_by_week_month_or_days(
    cli: Cli, options: list[str], label: str, start: str, end: str
) -> None:
    document = summary_json(cli, *options)
    assert document["period"] == {"label": label, "start": start, "end": end}


def test_a_month_is_compared_with_the_month_before(cli: Cli) -> None:
    add(cli, "October walk #trust", "2026-10-31T23:00", "-c", "3")
    add(cli, "November walk #trust", "2026-11-01T00:30", "-c", "5")
    document = summary_json(cli, "--month", "2026-11")
    assert document["previous_period"] == {
        "label": "2026-10",
        "start": "2026-10-01",
        "end": "2026-10-31",
    }
    assert (document["current"]["entries"], document["previous"]["entries"]) == (1, 1)


def test_a_range_is_compared_with_the_same_number_of_days_before(cli: Cli) -> None:
    document = summary_json(cli, "--since", "2026-11-11", "--until", "2026-11-20")
    assert document["previous_period"]["start"] == "2026-11-01"
    assert document["previous_period"]["end"] == "2026-11-10"


def test_an_entry_belongs_to_the_day_and_week_of_its_local_time(cli: Cli) -> None:
    # 23:30 on Sunday in Los Angeles is Monday morning in Berlin, where the tests run.
    add(cli, "Late call with Sam #communication", "2026-11-15T23:30:00-08:00", "-c", "4")
    w46 = summary_json(cli, "--week", "2026-W46")
    assert w46["current"]["entries"] == 1
    assert counts(w46["current"]["weekdays"])["Sun"] == 1
    assert counts(w46["current"]["times_of_day"])["night"] == 1
    assert summary_json(cli, "--week", "2026-W47")["current"]["entries"] == 0


def test_the_config_file_can_start_weeks_on_sunday(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "home" / ".config" / "connectlog" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('week_start = "sunday"\n', encoding="utf-8")
    add(cli, "Sunday night talk #communication", "2026-11-15T23:30:00-08:00", "-c", "4")
    document = summary_json(cli, "--week", "2026-W47")
    assert document["period"] == {"label": "2026-W47", "start": "2026-11-15", "end": "2026-11-21"}
    assert document["current"]["entries"] == 1
    monkeypatch.setenv("CONNECTLOG_WEEK_START", "monday")
    assert summary_json(cli, "--week", "2026-W47")["current"]["entries"] == 0


def test_figures_by_kind_touch_initiator_response_and_mood(cli: Cli) -> None:
    add(cli, "Hug #touch", "2026-11-16T08:00", "--touch", "hug", "--initiated-by", "me")
    add(cli, "Asked for help", "2026-11-17T08:00", "--initiated-by", "me", "--response", "toward")
    add(cli, "Snapped at me", "2026-11-18T22:30", "--initiated-by", "me", "--response", "against")
    add(cli, "Felt better", "2026-11-19T13:00", "--mood-before", "2", "--mood-after", "5")
    add(cli, "Felt worse", "2026-11-20T18:00", "--mood-before", "4", "--mood-after", "3")
    current = summary_json(cli)["current"]
    assert counts(current["kinds"]) == {"physical": 1}
    assert counts(current["touches"]) == {"hug": 1}
    assert counts(current["initiators"]) == {"me": 3}
    assert counts(current["responses"]) == {"against": 1, "toward": 1}
    assert current["toward_share"] == 0.5
    assert current["mood"] == {"change": 1.0, "count": 2}
    assert counts(current["times_of_day"]) == {
        "morning": 2,
        "afternoon": 1,
        "evening": 1,
        "night": 1,
    }
    assert list(counts(current["weekdays"]).values()) == [1, 1, 1, 1, 1, 0, 0]


def test_concept_closeness_needs_five_entries_on_each_side(cli: Cli) -> None:
    for day in range(16, 21):
        add(cli, "Held hands #touch", f"2026-11-{day}T09:00", "-c", "5")
        add(cli, "Busy evening", f"2026-11-{day}T20:00", "-c", "2")
    add(cli, "Talked it through #trust #touch", "2026-11-21T10:00", "-c", "4")
    current = summary_json(cli)["current"]
    by_name = {item["name"]: item for item in current["concept_closeness"]}
    touch = by_name["touch"]
    assert touch["with"] == {"count": 6, "mean": pytest.approx(4.83, abs=0.01)}
    assert touch["without"] == {"count": 5, "mean": 2.0}
    assert touch["enough"] is True
    trust = by_name["trust"]
    assert trust["with"] == {"count": 1, "mean": None}
    assert trust["enough"] is False
    assert current["pairs"] == [{"concepts": ["touch", "trust"], "count": 1}]
    text = cli.ok("summary").stdout
    assert "touch" in text and "4.8 with (6)" in text and "2.0 without (5)" in text
    assert "Others: trust" in text


def test_a_disconnection_shows_how_long_until_a_close_moment(cli: Cli) -> None:
    add(cli, "Phones all evening #disconnection", "2026-11-17T21:00", "-w", "Sam", "-c", "2")
    add(cli, "Close with Jo, not Sam", "2026-11-18T09:00", "-w", "Jo", "-c", "5")
    add(cli, "Made up over breakfast #repair", "2026-11-19T09:00", "-w", "Sam")
    (item,) = summary_json(cli)["current"]["disconnections"]
    assert item == {
        "id": 1,
        "day": "2026-11-17",
        "people": ["Sam"],
        "reconnected_by": 3,
        "hours_to_reconnect": 36.0,
    }
    assert "close again 36 hours later (entry 3)" in cli.ok("summary").stdout


def test_with_and_author_narrow_the_summary(cli: Cli) -> None:
    add(cli, "Walk #trust", "2026-11-17T18:00", "-w", "Sam", "-c", "4")
    add(cli, "Coffee #trust", "2026-11-18T18:00", "-w", "Jo", "-c", "2")
    assert summary_json(cli, "--with", "sam")["current"]["entries"] == 1
    assert summary_json(cli, "--author", "alex")["current"]["entries"] == 2


def test_piped_output_carries_no_escape_codes(cli: Cli) -> None:
    add(cli, "Hug #touch", "2026-11-16T08:00", "-c", "4", "-w", "Sam")
    result = cli("summary", NO_COLOR="")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("options", "code", "fragment"),
    [
        (["--week", "2026-W60"], 2, "Cannot read the week '2026-W60'"),
        (["--week", "soon"], 2, "Cannot read the week 'soon'"),
        (["--month", "2026-13"], 2, "Cannot read the month '2026-13'"),
        (["--week", "last", "--month", "this"], 2, "Choose one period"),
        (["--week", "last", "--since", "monday"], 2, "Choose one period"),
        (["--since", "2026-11-20", "--until", "2026-11-01"], 2, "is after --until"),
        (["--since", "blorp"], 2, "Cannot read the date 'blorp'"),
        (["--with", "Nobody"], 1, "No one called 'Nobody'"),
        (["--author", "Nobody"], 1, "No profile called 'Nobody'"),
        (["--bogus"], 2, "No such option"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, options: list[str], code: int, fragment: str
) -> None:
    add(cli, "Walk #trust", "2026-11-17T18:00", "-w", "Sam", "-c", "4")
    before = journal_dump(db_path)
    assert_user_error(cli("summary", *options), code, fragment)
    assert journal_dump(db_path) == before


def test_a_broken_config_file_is_named_in_the_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    config.write_text("week_start = \n", encoding="utf-8")
    assert_user_error(cli("summary"), 1, "Cannot read the config file", str(config))
    config.write_text('week_start = "friday"\n', encoding="utf-8")
    assert_user_error(cli("summary"), 1, "week_start = 'friday' is not one of: monday, sunday")
    config.write_text('weekstart = "sunday"\n', encoding="utf-8")
    assert_user_error(cli("summary"), 1, "unknown key 'weekstart'")
