"""Profiles: the first one made without asking, several writers in one journal, --as, aliases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump, rows


def profiles(cli: Cli, *options: str) -> list[dict[str, Any]]:
    document = json.loads(cli.ok(*options, "profile", "list", "--json").stdout)
    assert (document["version"], document["type"]) == (1, "profiles")
    found: list[dict[str, Any]] = document["profiles"]
    return found


def authors(db_path: Path) -> list[tuple[str, str]]:
    return rows(
        db_path,
        "SELECT entry.text, profile.name FROM entry JOIN profile ON profile.id = author_id "
        "ORDER BY entry.id",
    )


def test_the_first_entry_makes_a_profile_named_after_the_login(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First moment")
    assert profiles(cli) == [
        {"name": "Alex", "aliases": [], "imported": False, "entries": 1, "default": True}
    ]
    ((uuid,),) = rows(db_path, "SELECT uuid FROM profile")
    assert len(uuid) == 36


def test_several_writers_share_one_journal_with_as(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Alex writes")
    result = cli.ok("profile", "add", "Sam", "--alias", "Sammy")
    assert result.stderr == "Added the profile Sam.\n"
    cli.ok("--as", "Sam", "add", "Sam writes")
    cli.ok("--as", "sammy", "add", "Sam again, by alias")
    cli.ok("add", "Alex again")
    assert authors(db_path) == [
        ("Alex writes", "Alex"),
        ("Sam writes", "Sam"),
        ("Sam again, by alias", "Sam"),
        ("Alex again", "Alex"),
    ]
    listed = {profile["name"]: profile for profile in profiles(cli)}
    assert listed["Sam"]["aliases"] == ["Sammy"]
    assert listed["Sam"]["entries"] == 2
    assert listed["Alex"]["default"] is True and listed["Sam"]["default"] is False
    shown = json.loads(cli.ok("show", "2", "--json").stdout)["entry"]
    assert shown["author"] == "Sam"


def test_the_default_profile_comes_from_the_environment_or_config(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("profile", "add", "Robin")
    monkeypatch.setenv("CONNECTLOG_PROFILE", "Robin")
    cli.ok("add", "By the environment")
    monkeypatch.delenv("CONNECTLOG_PROFILE")
    config = tmp_path / "config.toml"
    config.write_text('profile = "Robin"\n', encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    cli.ok("add", "By the config file")
    cli.ok("profile", "add", "Kim")
    cli.ok("--as", "Kim", "add", "By --as, over the config")
    assert authors(db_path) == [
        ("By the environment", "Robin"),
        ("By the config file", "Robin"),
        ("By --as, over the config", "Kim"),
    ]


def test_profile_list_shows_a_table(cli: Cli) -> None:
    cli.ok("add", "Moment")
    cli.ok("profile", "add", "Sam")
    out = cli.ok("profile", "list").stdout
    assert "Alex" in out and "default" in out and "Sam" in out


def test_an_alias_names_a_profile(cli: Cli) -> None:
    cli.ok("profile", "add", "Alex")
    result = cli.ok("profile", "alias", "alex", "Lex")
    assert result.stderr == "Lex now names the profile Alex.\n"
    assert profiles(cli)[0]["aliases"] == ["Lex"]


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--as", "Nobody", "add", "x"], 1, "No profile called 'Nobody'"),
        (["profile", "add", "Alex"], 1, "There is already a profile called Alex"),
        (["profile", "add", "alex"], 1, "There is already a profile called Alex"),
        (["profile", "add", "  "], 2, "A person's name cannot be empty"),
        (["profile", "alias", "Alex", "Alex"], 1, "'Alex' already names the profile Alex"),
        (["profile", "alias", "Nobody", "N"], 1, "No profile called 'Nobody'"),
        (["profile", "add"], 2, "Missing argument"),
    ],
)
def test_bad_profile_input_is_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, args: list[str], code: int, fragment: str
) -> None:
    cli.ok("add", "Moment")
    before = journal_dump(db_path), rows(db_path, "SELECT * FROM profile")
    assert_user_error(cli(*args), code, fragment)
    assert (journal_dump(db_path), rows(db_path, "SELECT * FROM profile")) == before


def test_a_bad_profile_in_the_config_file_is_named(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("profile = 3\n", encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    assert_user_error(cli("add", "x"), 1, "profile must be a name")
    config.write_text("review_window = -1\n", encoding="utf-8")
    assert_user_error(cli("review", "--json"), 1, "review_window must be a number of hours")
