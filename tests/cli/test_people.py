"""``connectlog people``, ``people rename`` and ``people merge``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump, rows


def add(cli: Cli, text: str, when: str, *options: str) -> int:
    result = cli.ok("add", text, "--when", when, "--json", *options)
    entry_id: int = json.loads(result.stdout)["entry"]["id"]
    return entry_id


def people(cli: Cli) -> list[dict[str, Any]]:
    document = json.loads(cli.ok("people", "--json").stdout)
    assert (document["version"], document["type"]) == (1, "people")
    found: list[dict[str, Any]] = document["people"]
    return found


def entry(cli: Cli, entry_id: int) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(cli.ok("show", str(entry_id), "--json").stdout)["entry"]
    return found


# --- listing ---------------------------------------------------------------------------------


def test_people_lists_everyone_with_entry_count_and_last_day_together(cli: Cli) -> None:
    add(cli, "Walk with @Sam", "2026-03-01T10:00")
    add(cli, "Dinner", "2026-03-12T23:30", "-w", "sam,Alex")
    add(cli, "Call with @[Mary Ann]", "2026-02-20T10:00")

    result = cli.ok("people")

    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Person", "Entries", "Last", "together"]
    assert lines[1].split() == ["Sam", "2", "Thu", "12", "Mar", "2026"]
    assert lines[2].split() == ["Alex", "1", "Thu", "12", "Mar", "2026"]
    assert lines[3].split() == ["Mary", "Ann", "1", "Fri", "20", "Feb", "2026"]
    assert result.stderr == ""


def test_people_json_has_name_count_and_last_local_day(cli: Cli) -> None:
    # 00:30 in Berlin on the 1st of July is still the 30th of June in UTC.
    add(cli, "Breakfast with @Sam", "2026-07-01T00:30")
    add(cli, "Older", "2026-06-01T10:00", "-w", "Sam")
    add(cli, "With Kim", "2026-06-02T10:00", "-w", "Kim")

    document = json.loads(cli.ok("people", "--json").stdout)

    assert document == {
        "version": 1,
        "type": "people",
        "people": [
            {"name": "Sam", "count": 2, "last_seen": "2026-07-01"},
            {"name": "Kim", "count": 1, "last_seen": "2026-06-02"},
        ],
    }


def test_people_with_equal_counts_are_listed_by_name_in_any_case(cli: Cli) -> None:
    add(cli, "One", "2026-03-01T10:00", "-w", "bea,Ann,Cy")

    assert [person["name"] for person in people(cli)] == ["Ann", "bea", "Cy"]


def test_no_people_says_how_to_name_them_on_stderr(cli: Cli) -> None:
    add(cli, "Alone", "2026-03-01T10:00")

    result = cli.ok("people")

    assert result.stdout == ""
    assert "No people yet" in result.stderr
    assert json.loads(cli.ok("people", "--json").stdout)["people"] == []


def test_people_keeps_the_first_spelling_and_matches_any_case(cli: Cli) -> None:
    add(cli, "With @sam", "2026-03-01T10:00")
    add(cli, "With SAM", "2026-03-02T10:00", "-w", "SAM")

    assert people(cli) == [{"name": "sam", "count": 2, "last_seen": "2026-03-02"}]


def test_people_output_has_no_escape_codes_even_without_no_color(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    add(cli, "With @Sam", "2026-03-01T10:00", "-w", "Kim [/] Lee")

    result = cli.ok("people")

    assert "\x1b[" not in result.stdout
    assert "Kim [/] Lee" in result.stdout


# --- rename ----------------------------------------------------------------------------------


def test_rename_matches_any_case_and_renames_in_every_entry(cli: Cli, db_path: Path) -> None:
    first = add(cli, "Walk", "2026-03-01T10:00", "-w", "Sam")
    second = add(cli, "Dinner", "2026-03-02T10:00", "-w", "Sam,Alex")

    result = cli.ok("people", "rename", "sAM", "Samantha")

    assert result.stdout == ""
    assert result.stderr.strip() == "Renamed sAM to Samantha."
    assert entry(cli, first)["people"] == ["Samantha"]
    assert entry(cli, second)["people"] == ["Alex", "Samantha"]
    assert rows(db_path, "SELECT name FROM person ORDER BY name") == [("Alex",), ("Samantha",)]
    assert json.loads(cli.ok("list", "--json", "--with", "samantha").stdout)["total"] == 2


def test_rename_can_change_only_the_capitalisation(cli: Cli) -> None:
    add(cli, "Walk with @sam", "2026-03-01T10:00")

    cli.ok("people", "rename", "sam", "Sam")

    assert people(cli) == [{"name": "Sam", "count": 1, "last_seen": "2026-03-01"}]
    assert entry(cli, 1)["text"] == "Walk with @Sam"


def test_rename_rewrites_mentions_so_a_later_edit_keeps_the_new_name(cli: Cli) -> None:
    entry_id = add(cli, "Hugged @Sam, then @sam's sister came #touch", "2026-03-01T10:00")

    cli.ok("people", "rename", "Sam", "Sam Smith")
    cli.ok("edit", str(entry_id), "--star")

    found = entry(cli, entry_id)
    assert found["text"] == "Hugged @[Sam Smith], then @[Sam Smith]'s sister came #touch"
    assert found["people"] == ["Sam Smith"]
    assert [person["name"] for person in people(cli)] == ["Sam Smith"]


def test_rename_leaves_other_mentions_and_email_addresses_alone(cli: Cli) -> None:
    entry_id = add(cli, "@Sammy and @Sam wrote to sam@example.org", "2026-03-01T10:00")

    cli.ok("people", "rename", "sam", "Kim")

    found = entry(cli, entry_id)
    assert found["text"] == "@Sammy and @Kim wrote to sam@example.org"
    assert found["people"] == ["Kim", "Sammy"]


def test_rename_stamps_the_entries_it_rewrote_as_updated(cli: Cli, db_path: Path) -> None:
    mentioned = add(cli, "Walk with @Sam", "2026-03-01T10:00")
    other = add(cli, "Alone", "2026-03-02T10:00")
    before = dict(rows(db_path, "SELECT id, updated_at FROM entry"))

    cli.ok("people", "rename", "Sam", "Samuel")

    after = dict(rows(db_path, "SELECT id, updated_at FROM entry"))
    assert after[mentioned] > before[mentioned]
    assert after[other] == before[other]


def test_rename_to_someone_already_there_points_at_merge(cli: Cli, db_path: Path) -> None:
    add(cli, "Walk", "2026-03-01T10:00", "-w", "Sam,Alex")
    before = journal_dump(db_path)

    result = cli("people", "rename", "sam", "ALEX")

    assert_user_error(
        result, 1, "Alex is already in the journal", "connectlog people merge Sam Alex"
    )
    assert journal_dump(db_path) == before


def test_rename_to_someone_with_spaces_quotes_the_merge_command(cli: Cli) -> None:
    add(cli, "Walk", "2026-03-01T10:00", "-w", "Sam,Mary Ann")

    result = cli("people", "rename", "Sam", "mary ann")

    assert_user_error(result, 1, "connectlog people merge Sam 'Mary Ann'")


# --- merge -----------------------------------------------------------------------------------


def test_merge_moves_entries_and_removes_the_source(cli: Cli, db_path: Path) -> None:
    only_sammy = add(cli, "Walk", "2026-03-01T10:00", "-w", "Sammy")
    both = add(cli, "Dinner", "2026-03-02T10:00", "-w", "Sammy,Sam,Alex")
    only_sam = add(cli, "Call", "2026-03-03T10:00", "-w", "Sam")

    result = cli.ok("people", "merge", "sammy", "Sam")

    assert result.stdout == ""
    assert result.stderr.strip() == "Merged sammy into Sam, now in 3 entries."
    assert entry(cli, only_sammy)["people"] == ["Sam"]
    assert entry(cli, both)["people"] == ["Alex", "Sam"]
    assert entry(cli, only_sam)["people"] == ["Sam"]
    assert people(cli) == [
        {"name": "Sam", "count": 3, "last_seen": "2026-03-03"},
        {"name": "Alex", "count": 1, "last_seen": "2026-03-02"},
    ]
    assert rows(db_path, "SELECT COUNT(*) FROM entry_person WHERE entry_id = ?", both) == [(2,)]


def test_merge_rewrites_mentions_of_the_source(cli: Cli) -> None:
    entry_id = add(cli, "@Sammy and @Sam made dinner", "2026-03-01T10:00")

    cli.ok("people", "merge", "Sammy", "Sam")
    cli.ok("edit", str(entry_id), "--star")

    found = entry(cli, entry_id)
    assert found["text"] == "@Sam and @Sam made dinner"
    assert found["people"] == ["Sam"]
    assert [person["name"] for person in people(cli)] == ["Sam"]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "code", "fragments"),
    [
        (("people", "rename", "Zed", "Zoe"), 1, ("No one called 'Zed'", "connectlog people")),
        (("people", "rename", "Sma", "Zoe"), 1, ("No one called 'Sma'", "did you mean Sam?")),
        (("people", "rename", "Sam", "  "), 2, ("cannot be empty",)),
        (("people", "rename", "Sam"), 2, ("Missing argument 'new'",)),
        (("people", "merge", "Zed", "Sam"), 1, ("No one called 'Zed'",)),
        (("people", "merge", "Sam", "Zed"), 1, ("No one called 'Zed'",)),
        (("people", "merge", "sam", "SAM"), 2, ("Sam cannot be merged into themselves",)),
        (("people", "merge", "Sam"), 2, ("Missing argument 'target'",)),
    ],
)
def test_bad_people_commands_are_one_line_errors_that_change_nothing(
    cli: Cli, db_path: Path, arguments: tuple[str, ...], code: int, fragments: tuple[str, ...]
) -> None:
    add(cli, "Walk with @Sam", "2026-03-01T10:00", "-w", "Alex")
    before = journal_dump(db_path)

    result = cli(*arguments)

    assert_user_error(result, code, *fragments)
    assert journal_dump(db_path) == before
