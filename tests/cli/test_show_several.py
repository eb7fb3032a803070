"""``show`` takes several numbers and ranges: ``show 3 5 7``, ``show 3-7`` (issue 14, reading).

Today ``show`` takes one number, so reading a week back means ``show`` ten times.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump


@pytest.fixture
def seven(cli: Cli) -> None:
    for number in range(1, 8):
        cli.ok(
            "add", f"Moment number {number}, with its whole text", "--when", f"{number} days ago"
        )


def shown_numbers(stdout: str) -> list[int]:
    return [int(line.split()[1]) for line in stdout.splitlines() if line.startswith("Entry ")]


def test_several_numbers_show_each_entry_whole_in_the_order_given(cli: Cli, seven: None) -> None:
    result = cli.ok("show", "5", "3", "7")
    assert shown_numbers(result.stdout) == [5, 3, 7]
    for number in (5, 3, 7):
        assert f"Moment number {number}, with its whole text" in result.stdout
    assert "Moment number 4" not in result.stdout


def test_a_range_shows_every_entry_in_it_and_skips_deleted_ones(cli: Cli, seven: None) -> None:
    cli.ok("delete", "4", "--yes")
    result = cli.ok("show", "3-6")
    assert shown_numbers(result.stdout) == [3, 5, 6]


def test_numbers_and_ranges_mix_and_each_entry_is_shown_once(cli: Cli, seven: None) -> None:
    assert shown_numbers(cli.ok("show", "2", "1-3", "7", "2").stdout) == [2, 1, 3, 7]


def test_one_number_shows_as_before(cli: Cli, seven: None) -> None:
    result = cli.ok("show", "2")
    assert shown_numbers(result.stdout) == [2]
    document = json.loads(cli.ok("show", "2", "--json").stdout)
    assert document["type"] == "entry" and document["entry"]["id"] == 2


def test_several_as_json_are_the_entries_document(cli: Cli, seven: None) -> None:
    document = json.loads(cli.ok("show", "6", "1-2", "--json").stdout)
    assert document["type"] == "entries"
    assert [entry["id"] for entry in document["entries"]] == [6, 1, 2]
    assert document["total"] == 3


def test_a_missing_number_is_refused_and_nothing_is_shown(cli: Cli, seven: None) -> None:
    result = cli("show", "2", "9")
    assert_user_error(result, 1, "no entry 9")
    assert result.stdout == ""


def test_a_range_with_no_entry_in_it_is_refused(cli: Cli, seven: None) -> None:
    assert_user_error(cli("show", "20-30"), 1, "no entries numbered 20 to 30")


@pytest.mark.parametrize(
    "word",
    [
        "3-",
        "7-3",
        "a",
        "3-b",
        "1-2-3",
        "",
        "3 ",
        "٣",  # an Arabic-Indic three is a digit to Python, not a number here
    ],
)
def test_a_number_or_range_that_cannot_be_one_is_a_usage_error(
    cli: Cli, seven: None, db_path: Path, word: str
) -> None:
    before = journal_dump(db_path)
    result = cli("show", "1", word)
    assert_user_error(result, 2, "ID")
    assert result.stdout == ""
    assert journal_dump(db_path) == before


@pytest.mark.parametrize(
    "word", ["0", "99999999999999999999", "9223372036854775807-9" + "9" * 5000]
)
def test_numbers_past_any_entry_s_are_not_found(cli: Cli, seven: None, word: str) -> None:
    assert_user_error(cli("show", word), 1, "no entr")


def test_a_range_from_nought_shows_what_is_in_it(cli: Cli, seven: None) -> None:
    assert shown_numbers(cli.ok("show", "0-2").stdout) == [1, 2]


def test_show_without_a_number_is_a_usage_error(cli: Cli, seven: None) -> None:
    assert_user_error(cli("show"), 2, "ID")
