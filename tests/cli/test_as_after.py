"""``--as NAME`` after the command's name works as before it (issue 14, point 3).

Today ``connectlog add "x" --as Sam`` is refused with a list of unrelated options.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump


@pytest.fixture
def two(cli: Cli) -> None:
    cli.ok("profile", "add", "Alex")  # the journal's first profile: who writes by default
    cli.ok("profile", "add", "Sam")


def author_of(cli: Cli, entry_id: int) -> str:
    return str(json.loads(cli.ok("show", str(entry_id), "--json").stdout)["entry"]["author"])


def test_after_the_command_it_writes_as_that_profile(cli: Cli, two: None) -> None:
    cli.ok("add", "Sam's moment #trust", "--as", "Sam")
    cli.ok("--as", "Sam", "add", "Also Sam's #trust")
    cli.ok("add", "Mine #trust")
    assert [author_of(cli, number) for number in (1, 2, 3)] == ["Sam", "Sam", "Alex"]


def test_it_works_after_a_group_s_command_too(cli: Cli, two: None) -> None:
    cli.ok("add", "Sam's moment #trust", "--as", "Sam")
    after = json.loads(cli.ok("share", "export", "-o", "-", "--as", "Sam").stdout)
    before = json.loads(cli.ok("--as", "Sam", "share", "export", "-o", "-").stdout)
    assert after["profile"] == before["profile"]
    assert [entry["text"] for entry in after["entries"]] == ["Sam's moment #trust"]


def test_the_same_name_twice_is_one(cli: Cli, two: None) -> None:
    cli.ok("--as", "Sam", "add", "Twice Sam #trust", "--as", "Sam")
    assert author_of(cli, 1) == "Sam"


def test_two_names_are_a_usage_error_and_save_nothing(cli: Cli, two: None, db_path: Path) -> None:
    before = journal_dump(db_path)
    result = cli("--as", "Alex", "add", "Whose? #trust", "--as", "Sam")
    assert_user_error(result, 2, "--as names Alex before the command and Sam after it")
    assert journal_dump(db_path) == before


def test_an_unknown_profile_after_is_refused_as_before(cli: Cli, two: None, db_path: Path) -> None:
    before = journal_dump(db_path)
    after = cli("add", "Nobody's #trust", "--as", "Nobody")
    first = cli("--as", "Nobody", "add", "Nobody's #trust")
    assert (after.exit_code, after.stderr) == (first.exit_code, first.stderr)
    assert after.exit_code != 0
    assert journal_dump(db_path) == before


def test_text_after_a_double_dash_stays_text(cli: Cli, two: None) -> None:
    cli.ok("add", "--", "--as")
    assert json.loads(cli.ok("show", "1", "--json").stdout)["entry"]["text"] == "--as"
    assert author_of(cli, 1) == "Alex"


def test_help_does_not_list_it_twice(cli: Cli) -> None:
    assert "--as" not in cli.ok("add", "--help").stdout
    assert "--as" in cli.ok("--help").stdout


@pytest.mark.parametrize(("name", "said"), [("\udcff", "not valid UTF-8"), ("Sam\x00", "NUL")])
def test_a_name_that_is_not_text_is_refused_after_as_before(
    cli: Cli, two: None, name: str, said: str
) -> None:
    assert_user_error(cli("list", "--as", name), 2, "--as", said)
