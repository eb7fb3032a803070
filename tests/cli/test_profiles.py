"""Profiles: the first one made without asking, several writers in one journal, --as, aliases."""

from __future__ import annotations

import json
from datetime import timedelta
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


# -- profile rename and profile remove ------------------------------------------------------

REVIEW_ANSWERS = "\n".join(
    [
        "Thanks for the tea",  # the first participant appreciates
        "",
        "Thanks for listening",  # the second appreciates
        *[""] * 20,  # Enter through everything else
    ]
)


def profile_rows(db_path: Path) -> list[tuple[Any, ...]]:
    return [
        *rows(db_path, "SELECT * FROM profile ORDER BY id"),
        *rows(db_path, "SELECT * FROM profile_alias ORDER BY id"),
    ]


def everything(db_path: Path) -> list[tuple[Any, ...]]:
    """The journal and its profiles and reviews: what a refused command must leave alone."""
    return [
        *journal_dump(db_path),
        *profile_rows(db_path),
        *rows(db_path, "SELECT * FROM review_participant ORDER BY review_id, profile_id"),
        *rows(db_path, "SELECT * FROM review_line ORDER BY id"),
    ]


def reviewed_by(db_path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Who took part in the reviews, and who said each line, by profile name."""
    seats = rows(
        db_path,
        "SELECT profile.name FROM review_participant JOIN profile ON profile.id = profile_id "
        "ORDER BY profile.name",
    )
    lines = rows(
        db_path,
        "SELECT review_line.text, profile.name FROM review_line "
        "LEFT JOIN profile ON profile.id = profile_id WHERE section = 'appreciation' "
        "ORDER BY review_line.text",
    )
    return seats, lines


@pytest.fixture
def partner(cli: Cli, db_path: Path, tmp_path: Path, clock: Any) -> Path:
    """Sam keeps their own journal; their week's bundle, imported here: Sam is a partner."""
    sam = ("--db", str(tmp_path / "sam.db"), "--as", "Sam")
    cli.ok(*sam[:2], "profile", "add", "Sam")
    cli.ok(*sam, "add", "Walk with @Alex", "--when", "2026-11-20T18:00", "-c", "4")
    bundle = tmp_path / "sam-w47.json"
    cli.ok(*sam, "share", "export", "--week", "2026-W47", "-o", str(bundle))
    cli.ok("add", "Coffee with @Sam", "--when", "2026-11-20T09:00")
    cli.ok("share", "import", str(bundle))
    return bundle


def test_rename_keeps_the_profile_its_entries_aliases_and_uuid(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First moment")
    cli.ok("profile", "alias", "Alex", "Lex")
    (before,) = rows(db_path, "SELECT id, uuid, created_at FROM profile")
    result = cli.ok("profile", "rename", "alex", "Robin")
    assert result.stdout == ""
    assert result.stderr == (
        "Renamed the profile Alex to Robin; its entries, aliases and reviews follow.\n"
    )
    assert rows(db_path, "SELECT id, uuid, created_at FROM profile") == [before]
    assert profiles(cli) == [
        {"name": "Robin", "aliases": ["Lex"], "imported": False, "entries": 1, "default": True}
    ]
    cli.ok("--as", "Lex", "add", "By the alias")
    cli.ok("add", "By default")
    assert authors(db_path) == [
        ("First moment", "Robin"),
        ("By the alias", "Robin"),
        ("By default", "Robin"),
    ]
    assert json.loads(cli.ok("show", "1", "--json").stdout)["entry"]["author"] == "Robin"
    assert_user_error(cli("--as", "Alex", "add", "x"), 1, "No profile called 'Alex'")


def test_rename_by_alias_to_that_alias_or_another_capitalisation(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Moment")  # Alex, after the login
    cli.ok("profile", "alias", "Alex", "Robin")
    cli.ok("profile", "rename", "robin", "Robin")  # the alias becomes the name
    assert profiles(cli)[0]["name"] == "Robin" and profiles(cli)[0]["aliases"] == []
    cli.ok("profile", "rename", "Robin", "ROBIN")
    assert profiles(cli)[0]["name"] == "ROBIN"
    result = cli.ok("profile", "rename", "robin", "ROBIN")
    assert result.stderr == "The profile is already called ROBIN; nothing changed.\n"


def test_rename_keeps_the_reviews(cli: Cli, db_path: Path, clock: Any) -> None:
    cli.ok("add", "Hug @Sam", "--when", "2026-11-20T09:00", "-c", "4")
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Sam", "add", "Hug @Alex", "--when", "2026-11-20T09:10", "-c", "5")
    cli.ok("review", "--interactive", input=REVIEW_ANSWERS)
    cli.ok("profile", "rename", "Alex", "Robin")
    seats, lines = reviewed_by(db_path)
    assert seats == [("Robin",), ("Sam",)]
    assert lines == [("Thanks for listening", "Sam"), ("Thanks for the tea", "Robin")]


def test_your_next_bundle_carries_the_new_name_and_the_same_identity(
    cli: Cli, db_path: Path, tmp_path: Path, clock: Any
) -> None:
    cli.ok("add", "Hug @Sam", "--when", "2026-11-20T09:00")
    before = json.loads(cli.ok("share", "export", "--week", "2026-W47", "-o", "-").stdout)
    cli.ok("profile", "rename", "Alex", "Robin")
    after = json.loads(cli.ok("share", "export", "--week", "2026-W47", "-o", "-").stdout)
    assert (before["profile"]["name"], after["profile"]["name"]) == ("Alex", "Robin")
    assert after["profile"]["uuid"] == before["profile"]["uuid"]
    assert after["entries"] == before["entries"]


def test_renaming_a_partner_renames_them_here_and_their_bundles_still_land_there(
    cli: Cli, db_path: Path, partner: Path
) -> None:
    (uuid,) = rows(db_path, "SELECT uuid FROM profile WHERE name = 'Sam'")
    result = cli.ok("profile", "rename", "Sam", "Sammy")
    assert result.stderr == (
        "Renamed Sam to Sammy in this journal; their bundles still land under this profile.\n"
    )
    cli.ok("share", "import", str(partner))
    listed = {p["name"]: p for p in profiles(cli)}
    assert set(listed) == {"Alex", "Sammy"}
    assert listed["Sammy"]["imported"] is True and listed["Sammy"]["entries"] == 1
    assert rows(db_path, "SELECT uuid FROM profile WHERE name = 'Sammy'") == [uuid]


def test_rename_says_when_the_config_file_names_the_old_name(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("profile", "add", "Root")
    config = tmp_path / "config.toml"
    config.write_text('profile = "root"\n', encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    result = cli.ok("profile", "rename", "Root", "Alex")
    assert result.stderr.splitlines()[1] == (
        f"The config file {config} still names Root as the profile to write as; set it to Alex."
    )
    monkeypatch.setenv("CONNECTLOG_PROFILE", "Alex")
    result = cli.ok("profile", "rename", "Alex", "Robin")
    assert "$CONNECTLOG_PROFILE still names Alex" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["Nobody", "Robin"], 1, "No profile called 'Nobody' in this journal; its profiles: "),
        (["Alex", "Sam"], 1, "There is already a profile called Sam."),
        (["Alex", "sam"], 1, "There is already a profile called Sam."),
        (["Alex", "sammy"], 1, "'sammy' already names the profile Sam."),
        (["Alex", "  "], 2, "A person's name cannot be empty"),
        (["Alex", "@"], 2, "A person's name cannot be empty"),
        (["Alex", "\x1b]0;pwned\x07"], 2, "cannot hold control characters"),
        (["Alex", "Al\x9bex"], 2, "cannot hold control characters"),
        (["Alex", "A" * 201], 2, "holds at most 200 characters, not 201"),
        (["Alex"], 2, "Missing argument"),
    ],
)
def test_bad_rename_is_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, args: list[str], code: int, fragment: str
) -> None:
    cli.ok("add", "Moment")
    cli.ok("profile", "add", "Sam", "--alias", "Sammy")
    before = everything(db_path)
    result = cli("profile", "rename", *args)
    assert_user_error(result, code, fragment)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert everything(db_path) == before


def test_a_name_with_control_characters_is_refused_for_add_and_alias(
    cli: Cli, db_path: Path
) -> None:
    cli.ok("profile", "add", "Sam")
    before = everything(db_path)
    assert_user_error(cli("profile", "add", "Kim\x1b[2J"), 2, "control characters")
    assert_user_error(cli("profile", "alias", "Sam", "S\x07"), 2, "control characters")
    assert everything(db_path) == before


def test_remove_a_profile_that_wrote_nothing(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "Moment")
    cli.ok("profile", "add", "Kim", "--alias", "Kimmy")
    result = cli.ok("profile", "remove", "kimmy")
    assert (result.stdout, result.stderr) == ("", "Removed the profile Kim.\n")
    assert [p["name"] for p in profiles(cli)] == ["Alex"]
    assert rows(db_path, "SELECT COUNT(*) FROM profile_alias") == [(0,)]
    cli.ok("profile", "add", "Kimmy")  # the names are free again


def test_remove_is_refused_while_the_profile_has_entries(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "One")
    cli.ok("add", "Two")
    before = everything(db_path)
    assert_user_error(
        cli("profile", "remove", "Alex"),
        1,
        "Alex wrote 2 entries; to remove the profile, give its entries and reviews to another "
        "of your profiles with --reassign NAME.",
    )
    assert everything(db_path) == before


def test_reassign_moves_entries_and_reviews_then_removes(
    cli: Cli, db_path: Path, clock: Any
) -> None:
    """The login's first profile, Alex, was really Robin's: everything moves to Robin."""
    cli.ok("add", "Hug @Sam", "--when", "2026-11-20T09:00", "-c", "4")
    cli.ok("add", "Tea @Sam", "--when", "2026-11-21T09:00", "-c", "3")
    cli.ok("profile", "alias", "Alex", "Lex")
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Sam", "add", "Hug @Alex", "--when", "2026-11-20T09:10", "-c", "5")
    cli.ok("review", "--interactive", input=REVIEW_ANSWERS)  # Alex and Sam
    cli.ok("profile", "add", "Robin")
    clock.set(clock.now + timedelta(hours=1))
    result = cli.ok("profile", "remove", "Lex", "--reassign", "robin")
    assert result.stderr == (
        "Moved 2 entries and 1 review from Alex to Robin, and removed the profile Alex.\n"
        "Sam now writes when no profile is named.\n"
    )
    assert authors(db_path) == [("Hug @Sam", "Robin"), ("Tea @Sam", "Robin"), ("Hug @Alex", "Sam")]
    assert rows(db_path, "SELECT DISTINCT updated_at > created_at FROM entry WHERE id < 3") == [
        (1,)
    ]  # stamped, so their next bundle carries their new author
    seats, lines = reviewed_by(db_path)
    assert seats == [("Robin",), ("Sam",)]
    assert lines == [("Thanks for listening", "Sam"), ("Thanks for the tea", "Robin")]
    assert {p["name"] for p in profiles(cli)} == {"Sam", "Robin"}


def test_reassign_to_someone_in_the_same_review_keeps_one_place(
    cli: Cli, db_path: Path, clock: Any
) -> None:
    cli.ok("add", "Hug @Sam", "--when", "2026-11-20T09:00", "-c", "4")
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Sam", "add", "Hug @Alex", "--when", "2026-11-20T09:10", "-c", "5")
    cli.ok("review", "--interactive", input=REVIEW_ANSWERS)
    cli.ok("profile", "remove", "Sam", "--reassign", "Alex")
    seats, lines = reviewed_by(db_path)
    assert seats == [("Alex",)]
    assert lines == [("Thanks for listening", "Alex"), ("Thanks for the tea", "Alex")]


def test_remove_is_refused_while_the_profile_took_part_in_a_review(
    cli: Cli, db_path: Path, clock: Any
) -> None:
    cli.ok("profile", "add", "Alex")  # reviews Sam's week with Sam, writing nothing
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Sam", "add", "Hug @Alex", "--when", "2026-11-20T09:10", "-c", "5")
    cli.ok("review", "--interactive", input=REVIEW_ANSWERS)
    before = everything(db_path)
    assert_user_error(
        cli("profile", "remove", "Alex"),
        1,
        "Alex took part in 1 review; to remove the profile, give its entries and reviews",
    )
    assert everything(db_path) == before
    cli.ok("profile", "add", "Robin")
    result = cli.ok("profile", "remove", "Alex", "--reassign", "Robin")
    assert result.stderr.startswith("Moved 1 review from Alex to Robin, and removed")
    seats, lines = reviewed_by(db_path)
    assert seats == [("Robin",), ("Sam",)]
    assert lines == [("Thanks for listening", "Sam"), ("Thanks for the tea", "Robin")]


def test_remove_says_when_it_was_the_profile_to_write_as(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("profile", "add", "Robin")
    cli.ok("profile", "add", "Kim")
    config = tmp_path / "config.toml"
    config.write_text('profile = "Kim"\n', encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    result = cli.ok("profile", "remove", "Kim")
    assert result.stderr == (
        "Removed the profile Kim.\n"
        f"The config file {config} names Kim as the profile to write as; change it, "
        "or commands without --as will fail.\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["Nobody"], 1, "No profile called 'Nobody'"),
        (["Alex", "--reassign", "Nobody"], 1, "No profile called 'Nobody'"),
        (["Alex", "--reassign", "alex"], 2, "Alex cannot be reassigned to themselves"),
        (["Alex", "--reassign", "Lex"], 2, "Alex cannot be reassigned to themselves"),
        (["Alex", "--reassign", "Kim", "--with-entries"], 2, "not both"),
        (["Alex", "--with-entries"], 1, "--with-entries is for a partner's profile; Alex is yours"),
        (["Alex", "--reassign", " "], 2, "A person's name cannot be empty"),
        ([], 2, "Missing argument"),
    ],
)
def test_bad_remove_is_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, args: list[str], code: int, fragment: str
) -> None:
    cli.ok("add", "Moment")
    cli.ok("profile", "alias", "Alex", "Lex")
    cli.ok("profile", "add", "Kim")
    before = everything(db_path)
    assert_user_error(cli("profile", "remove", *args), code, fragment)
    assert everything(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["Alex", "--reassign", "Sam"],  # yours never become theirs
        ["Sam", "--reassign", "Alex"],  # theirs never become yours
    ],
)
def test_entries_never_move_to_or_from_a_partner(
    cli: Cli, db_path: Path, partner: Path, args: list[str]
) -> None:
    before = everything(db_path)
    assert_user_error(
        cli("profile", "remove", *args),
        1,
        "Sam is a partner's profile: entries belong to their author, so none move to or from it.",
    )
    assert everything(db_path) == before


def test_a_partner_goes_with_their_entries_only_when_asked(
    cli: Cli, db_path: Path, partner: Path
) -> None:
    before = everything(db_path)
    assert_user_error(
        cli("profile", "remove", "Sam"),
        1,
        "Sam is a partner's profile and wrote 1 entry; to remove their entries with it, "
        "add --with-entries",
    )
    assert everything(db_path) == before
    result = cli.ok("profile", "remove", "Sam", "--with-entries")
    assert result.stderr == "Removed the profile Sam and its 1 entry.\n"
    assert authors(db_path) == [("Coffee with @Sam", "Alex")]
    assert [p["name"] for p in profiles(cli)] == ["Alex"]
    cli.ok("share", "import", str(partner))  # a bundle from them brings them back
    assert authors(db_path) == [("Coffee with @Sam", "Alex"), ("Walk with @Alex", "Sam")]


def test_reassign_keeps_what_the_profile_took_back_so_its_bundles_still_carry_it(
    cli: Cli, db_path: Path, clock: Any, tmp_path: Path
) -> None:
    cli.ok("add", "Shared, then deleted", "--when", "2026-11-20T09:00")
    cli.ok("delete", "1", "--yes")
    cli.ok("profile", "add", "Robin")
    clock.set(clock.now + timedelta(hours=1))
    cli.ok("profile", "remove", "Alex", "--reassign", "Robin")
    assert rows(db_path, "SELECT name FROM removal JOIN profile ON profile.id = author_id") == [
        ("Robin",)
    ]
    cli.ok("--as", "Robin", "share", "export", "-o", str(tmp_path / "robin.json"))
    bundle = json.loads((tmp_path / "robin.json").read_text(encoding="utf-8"))
    assert len(bundle["removals"]) == 1
