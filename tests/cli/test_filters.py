"""The filters people reach for, on ``list`` and ``read`` alike (issue 14, point 2).

Each is tried on a journal where it, and nothing else, tells the entries apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, Clock, assert_user_error, journal_dump


@pytest.fixture
def planted(cli: Cli, clock: Clock) -> None:
    add = cli.ok
    add(
        "add",
        "Hug at the door #touch",
        "-w",
        "Jo",
        "--touch",
        "hug",
        "-c",
        "5",
        "--when",
        "monday 8:00",
    )
    add("add", "Call with @Mum", "-c", "2", "--initiated-by", "them", "--when", "monday 20:00")
    add(
        "add",
        "Dinner with Jo and Mum",
        "-w",
        "Jo,Mum",
        "-c",
        "4",
        "--response",
        "toward",
        "--when",
        "tuesday 19:00",
    )
    add(
        "add",
        "Thanked Jo for the flowers",
        "-w",
        "Jo",
        "--appreciation",
        "--when",
        "wednesday 9:00",
    )
    add(
        "add",
        "What I did not say",
        "--private",
        "-c",
        "1",
        "--response",
        "away",
        "--when",
        "thursday 22:00",
    )


def numbers(cli: Cli, *filters: str) -> list[int]:
    """The entries ``list`` finds with ``filters``, oldest first; ``read`` must find the same."""
    listed = json.loads(cli.ok("list", *filters, "--limit", "0", "--json").stdout)["entries"]
    found = sorted(entry["id"] for entry in listed)
    read = cli.ok("read", *filters, "--limit", "0").stdout
    assert (
        sorted(int(word[1:]) for word in read.split() if word[:1] == "#" and word[1:].isdigit())
        == found
    )
    return found


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--with", "Jo"), [1, 3, 4]),
        (("--with", "Jo,Mum"), [3]),  # with both
        (("-w", "Jo", "-w", "Mum"), [3]),
        (("--with-any", "Jo,Mum"), [1, 2, 3, 4]),  # with either
        (("--with-any", "Mum"), [2, 3]),
        (("--touch", "hug"), [1]),
        (("--max-closeness", "2"), [2, 5]),
        (("--min-closeness", "2", "--max-closeness", "4"), [2, 3]),
        (("--initiated-by", "them"), [2]),
        (("--response", "toward"), [3]),
        (("--response", "away"), [5]),
        (("--appreciation",), [4]),
        (("--private",), [5]),
        (("--not-private",), [1, 2, 3, 4]),
        (("--on", "monday"), [1, 2]),
        (("--on", "2026-11-18"), [4]),
        (("--on", "friday"), []),
        (("--with", "Jo", "--not-private", "--max-closeness", "4"), [3]),
    ],
)
def test_each_filter_finds_what_it_names(
    cli: Cli, planted: None, filters: tuple[str, ...], expected: list[int]
) -> None:
    assert numbers(cli, *filters) == expected


def test_help_says_which_people_filter_means_all_and_which_either(cli: Cli) -> None:
    for command in ("list", "read"):
        shown = " ".join(cli.ok(command, "--help").stdout.split())
        assert "With every one of these people" in shown
        assert "With at least one of these people" in shown


@pytest.mark.parametrize(
    ("filters", "code", "said"),
    [
        (("--on", "monday", "--since", "sunday"), 2, "--on is one day"),
        (("--on", "someday"), 2, "someday"),
        (("--touch", "tickle"), 2, "Unknown touch 'tickle'"),
        (("--response", "sideways"), 2, "Unknown response 'sideways'"),
        (("--initiated-by", "nobody"), 2, "nobody"),
        (("--max-closeness", "0"), 2, "--max-closeness"),
        (("--with-any", "Stranger"), 1, "No one called 'Stranger'"),
        (("--private", "--not-private"), 0, ""),  # the last one given wins, as click does
    ],
)
def test_bad_filters_are_one_line_and_change_nothing(
    cli: Cli, planted: None, db_path: Path, filters: tuple[str, ...], code: int, said: str
) -> None:
    before = journal_dump(db_path)
    for command in ("list", "read"):
        result = cli(command, *filters)
        if code:
            assert_user_error(result, code, said)
        else:
            assert result.exit_code == 0
    assert journal_dump(db_path) == before
