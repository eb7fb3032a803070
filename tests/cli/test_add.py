"""``connectlog add TEXT``: every field as an option, inline tags, --when, --json, bad input."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.cli.test_list import ENTRY_KEYS
from tests.conftest import Cli, assert_user_error, journal_dump, rows

BERLIN = ZoneInfo("Europe/Berlin")


def add_json(cli: Cli, *args: str) -> dict[str, Any]:
    """Run ``add --json`` and return the entry it printed."""
    result = cli.ok("add", *args, "--json")
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["type"] == "entry"
    entry: dict[str, Any] = document["entry"]
    return entry


def stored(db_path: Path, entry_id: int) -> dict[str, Any]:
    """The entry's row as stored, with its people and concepts by name."""
    (row,) = rows(
        db_path,
        "SELECT text, occurred_at, utc_offset, local_date, kind, touch, closeness, "
        "initiated_by, response, mood_before, mood_after, appreciation, starred, private "
        "FROM entry WHERE id = ?",
        entry_id,
    )
    names = [
        *["text", "occurred_at", "utc_offset", "local_date", "kind", "touch", "closeness"],
        *["initiated_by", "response", "mood_before", "mood_after", "appreciation", "starred"],
        "private",
    ]
    found = dict(zip(names, row, strict=True))
    found["people"] = [
        name
        for (name,) in rows(
            db_path,
            "SELECT p.name FROM person p JOIN entry_person ep ON ep.person_id = p.id "
            "WHERE ep.entry_id = ? ORDER BY p.name",
            entry_id,
        )
    ]
    found["concepts"] = [
        name
        for (name,) in rows(
            db_path,
            "SELECT c.name FROM concept c JOIN entry_concept ec ON ec.concept_id = c.id "
            "WHERE ec.entry_id = ? ORDER BY c.name",
            entry_id,
        )
    ]
    return found


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return offset // timedelta(minutes=1)


def stored_utc(db_path: Path, entry_id: int) -> datetime:
    """The stored occurred_at: UTC without a zone."""
    (value,) = rows(db_path, "SELECT occurred_at FROM entry WHERE id = ?", entry_id)[0]
    return datetime.fromisoformat(value)


# Every field ------------------------------------------------------------------


def test_add_with_an_option_for_every_field_stores_every_field(cli: Cli, db_path: Path) -> None:
    entry = add_json(
        cli,
        "Held hands on the walk home",
        "--with", "Sam",
        "--with", "Alex, Jo",
        "--kind", "physical",
        "--touch", "holding hands",
        "--closeness", "4",
        "--initiated-by", "me",
        "--response", "toward",
        "--mood-before", "2",
        "--mood-after", "4",
        "--appreciation",
        "--concept", "trust",
        "--concept", "touch",
        "--private",
        "--star",
        "--when", "2024-11-20T20:00",
    )  # fmt: skip
    assert set(entry) == ENTRY_KEYS
    assert entry["text"] == "Held hands on the walk home"
    assert entry["occurred_at"] == "2024-11-20T20:00:00+01:00"
    assert entry["people"] == ["Alex", "Jo", "Sam"]
    assert entry["concepts"] == ["touch", "trust"]
    assert entry["author"]
    assert {key: entry[key] for key in ENTRY_KEYS} | {
        "kind": "physical",
        "touch": "holding hands",
        "closeness": 4,
        "initiated_by": "me",
        "response": "toward",
        "mood_before": 2,
        "mood_after": 4,
        "appreciation": True,
        "starred": True,
        "private": True,
    } == entry
    assert stored(db_path, entry["id"]) == {
        "text": "Held hands on the walk home",
        "occurred_at": "2024-11-20 19:00:00.000000",
        "utc_offset": 60,
        "local_date": "2024-11-20",
        "kind": "physical",
        "touch": "holding hands",
        "closeness": 4,
        "initiated_by": "me",
        "response": "toward",
        "mood_before": 2,
        "mood_after": 4,
        "appreciation": 1,
        "starred": 1,
        "private": 1,
        "people": ["Alex", "Jo", "Sam"],
        "concepts": ["touch", "trust"],
    }


def test_add_short_options_work_like_the_long_ones(cli: Cli, db_path: Path) -> None:
    entry = add_json(cli, "A hug", "-w", "Sam,Alex", "-c", "5", "-t", "touch", "-t", "trust")
    found = stored(db_path, entry["id"])
    assert (found["people"], found["closeness"], found["concepts"]) == (
        ["Alex", "Sam"],
        5,
        ["touch", "trust"],
    )


def test_add_with_only_text_leaves_every_other_field_empty(cli: Cli, db_path: Path) -> None:
    before = datetime.now(BERLIN)
    entry = add_json(cli, "Quiet morning coffee together")
    after = datetime.now(BERLIN)
    assert entry["title"] == "Quiet morning coffee together"
    for key in ("kind", "touch", "closeness", "initiated_by", "response"):
        assert entry[key] is None, key
    assert (entry["mood_before"], entry["mood_after"]) == (None, None)
    assert (entry["appreciation"], entry["starred"], entry["private"]) == (False, False, False)
    assert (entry["people"], entry["concepts"]) == ([], [])
    occurred = datetime.fromisoformat(entry["occurred_at"])
    assert before - timedelta(seconds=1) <= occurred <= after
    found = stored(db_path, entry["id"])
    assert found["local_date"] == occurred.date().isoformat()
    assert found["utc_offset"] == offset_minutes(occurred)


def test_add_says_saved_on_stderr_and_prints_nothing_on_stdout(cli: Cli, db_path: Path) -> None:
    result = cli.ok("add", "Called Mum for an hour")
    assert result.stdout == ""
    assert result.stderr == "Saved entry 1.\n"
    assert rows(db_path, "SELECT id, text FROM entry") == [(1, "Called Mum for an hour")]


def test_add_json_prints_one_document_and_no_message(cli: Cli) -> None:
    result = cli.ok("add", "Walk", "--json")
    assert json.loads(result.stdout)["entry"]["id"] == 1
    assert result.stderr == ""


def test_add_keeps_the_text_as_typed_but_trims_the_ends(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "  Long talk.\nThen tea.  \n")
    assert rows(db_path, "SELECT text FROM entry") == [("Long talk.\nThen tea.",)]


def test_add_with_touch_and_no_kind_makes_the_moment_physical(cli: Cli) -> None:
    assert add_json(cli, "Hug", "--touch", "hug")["kind"] == "physical"


@pytest.mark.parametrize(
    ("option", "typed", "stored_as"),
    [
        ("--kind", "Emotional", "emotional"),
        ("--kind", "phys", "physical"),
        ("--touch", "hand-in-hand", "holding hands"),
        ("--touch", "KISS", "kiss"),
        ("--initiated-by", "both", "mutual"),
        ("--initiated-by", "them", "them"),
        ("--response", "turned away", "away"),
        ("--response", "towards", "toward"),
    ],
)
def test_add_accepts_common_spellings_of_a_choice(
    cli: Cli, option: str, typed: str, stored_as: str
) -> None:
    entry = add_json(cli, "A moment", option, typed)
    assert entry[option.removeprefix("--").replace("-", "_")] == stored_as


# Inline tags ------------------------------------------------------------------


def test_add_inline_concepts_and_people_are_linked(cli: Cli, db_path: Path) -> None:
    entry = add_json(cli, "Dinner with @Sam and @[Mary Ann], lots of #trust and #Empathy")
    found = stored(db_path, entry["id"])
    assert found["people"] == ["Mary Ann", "Sam"]
    assert found["concepts"] == ["empathy", "trust"]
    assert found["text"] == "Dinner with @Sam and @[Mary Ann], lots of #trust and #Empathy"


def test_add_email_addresses_numbers_and_links_are_not_tags(cli: Cli, db_path: Path) -> None:
    entry = add_json(
        cli, "Mailed sam@example.com about issue #1, see https://example.com/#top", "-w", "Jo"
    )
    assert stored(db_path, entry["id"])["people"] == ["Jo"]
    assert entry["concepts"] == []
    assert rows(db_path, "SELECT name FROM person") == [("Jo",)]


def test_add_an_alias_finds_its_concept(cli: Cli) -> None:
    entry = add_json(cli, "Felt like family #bonding", "-t", "SOOTHING")
    assert entry["concepts"] == ["attachment", "regulation"]


def test_add_concepts_and_people_match_case_insensitively_without_repeats(
    cli: Cli, db_path: Path
) -> None:
    first = add_json(cli, "#TRUST with @sam", "-t", "trust", "-w", "SAM")
    assert first["concepts"] == ["trust"]
    assert first["people"] == ["SAM"]
    second = add_json(cli, "Again with @Sam #Trust")
    assert second["people"] == ["SAM"]
    assert rows(db_path, "SELECT name FROM person") == [("SAM",)]
    assert rows(db_path, "SELECT COUNT(*) FROM entry_concept") == [(2,)]


def test_add_with_names_the_same_person_inline_and_as_option_once(cli: Cli) -> None:
    entry = add_json(cli, "Brunch with @[mary ann]", "--with", "Mary Ann, Sam", "-w", "sam")
    assert entry["people"] == ["Mary Ann", "Sam"]


# --when -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "utc", "offset", "local_day", "shown"),
    [
        # summer: +02:00
        ("2025-07-01T20:00", "2025-07-01 18:00:00", 120, "2025-07-01", "2025-07-01T20:00:00+02:00"),
        # winter: +01:00
        ("2025-01-10 20:00", "2025-01-10 19:00:00", 60, "2025-01-10", "2025-01-10T20:00:00+01:00"),
        # just after midnight local is still the day before in UTC
        ("2025-07-01T00:30", "2025-06-30 22:30:00", 120, "2025-07-01", "2025-07-01T00:30:00+02:00"),
        # a date alone is noon (issue 14: midnight filed it under the night before)
        ("2024-12-24", "2024-12-24 11:00:00", 60, "2024-12-24", "2024-12-24T12:00:00+01:00"),
    ],
)
def test_add_when_iso_is_stored_as_utc_with_the_offset_and_local_day_of_that_date(
    cli: Cli, db_path: Path, when: str, utc: str, offset: int, local_day: str, shown: str
) -> None:
    entry = add_json(cli, "A moment", "--when", when)
    assert entry["occurred_at"] == shown
    found = stored(db_path, entry["id"])
    assert stored_utc(db_path, entry["id"]) == datetime.fromisoformat(utc)
    assert (found["utc_offset"], found["local_date"]) == (offset, local_day)


def test_add_when_summer_and_winter_entries_keep_their_own_offsets(cli: Cli) -> None:
    summer = add_json(cli, "Summer", "--when", "2024-08-15 21:00")
    winter = add_json(cli, "Winter", "--when", "2024-12-15 21:00")
    assert summer["occurred_at"] == "2024-08-15T21:00:00+02:00"
    assert winter["occurred_at"] == "2024-12-15T21:00:00+01:00"
    listed = json.loads(cli.ok("list", "--json").stdout)["entries"]
    assert {item["text"]: item["occurred_at"] for item in listed} == {
        "Summer": "2024-08-15T21:00:00+02:00",
        "Winter": "2024-12-15T21:00:00+01:00",
    }


def _check_local(cli: Cli, db_path: Path, when: str) -> tuple[datetime, dict[str, Any]]:
    """Add an entry at ``when``; its aware local time, checked against what was stored."""
    entry = add_json(cli, "A moment", "--when", when)
    moment = datetime.fromisoformat(entry["occurred_at"])
    found = stored(db_path, entry["id"])
    assert moment.utcoffset() == moment.astimezone(BERLIN).utcoffset()
    assert found["utc_offset"] == offset_minutes(moment)
    assert found["local_date"] == moment.date().isoformat()
    assert stored_utc(db_path, entry["id"]) == moment.astimezone(ZoneInfo("UTC")).replace(
        tzinfo=None
    )
    return moment, entry


def test_add_when_yesterday_8pm(cli: Cli, db_path: Path) -> None:
    today = datetime.now(BERLIN).date()
    moment, _ = _check_local(cli, db_path, "yesterday 8pm")
    assert (moment.date(), moment.hour, moment.minute) == (today - timedelta(days=1), 20, 0)


def test_add_when_two_days_ago(cli: Cli, db_path: Path) -> None:
    today = datetime.now(BERLIN).date()
    moment, _ = _check_local(cli, db_path, "2 days ago")
    assert moment.date() == today - timedelta(days=2)


def test_add_when_last_friday(cli: Cli, db_path: Path) -> None:
    today = datetime.now(BERLIN).date()
    moment, _ = _check_local(cli, db_path, "last friday")
    assert moment.weekday() == 4
    assert today - timedelta(days=7) <= moment.date() < today


def test_add_when_a_day_and_month_is_the_latest_one_not_in_the_future(
    cli: Cli, db_path: Path
) -> None:
    today = datetime.now(BERLIN).date()
    year = today.year if (today.month, today.day) >= (11, 23) else today.year - 1
    moment, _ = _check_local(cli, db_path, "23 nov")
    assert moment.date() == date(year, 11, 23)


def test_add_when_this_morning(cli: Cli, db_path: Path) -> None:
    now = datetime.now(BERLIN)
    if now.hour < 5:  # the morning has not begun yet
        assert_user_error(cli("add", "x", "--when", "this morning"), 2, "in the future")
        return
    moment, _ = _check_local(cli, db_path, "this morning")
    assert moment.date() == now.date()
    assert moment <= datetime.now(BERLIN)


# Bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "fragments"),
    [
        (["Hug", "--closeness", "7"], 2, ["--closeness", "5"]),
        (["Hug", "-c", "0"], 2, ["--closeness", "1"]),
        (["Hug", "-c", "close"], 2, ["--closeness", "close"]),
        (["Hug", "--mood-before", "6"], 2, ["--mood-before"]),
        (["Hug", "--mood-after", "0"], 2, ["--mood-after"]),
        (["Hug", "--kind", "spiritual"], 2, ["Unknown kind 'spiritual'", "emotional, physical"]),
        (["Hug", "--touch", "poke"], 2, ["Unknown touch 'poke'", "holding hands"]),
        (["Hug", "--initiated-by", "nobody"], 2, ["Unknown initiated by 'nobody'", "mutual"]),
        (["Hug", "--response", "ignored"], 2, ["Unknown response 'ignored'", "toward"]),
        (["Hug", "--touch", "hug", "--kind", "emotional"], 2, ["A touch makes a moment physical"]),
        (
            ["Hug", "--concept", "trsut"],
            2,
            ["No concept called 'trsut'", "did you mean trust", "connectlog concepts add trsut"],
        ),
        (
            ["Felt safe #trsut"],
            2,
            ["No concept called 'trsut'", "did you mean trust", "connectlog concepts add trsut"],
        ),
        (["Hug", "-t", "zzzzqqq"], 2, ["No concept called 'zzzzqqq'", "concepts add zzzzqqq"]),
        (["Hug", "--when", "tomorrow"], 2, ["'tomorrow' is", "in the future"]),
        (["Hug", "--when", "next week"], 2, ["in the future"]),
        (["Hug", "--when", "blah blah"], 2, ["Cannot read the date 'blah blah'"]),
        (["Hug", "--when", ""], 2, ["Say when it happened"]),
        (["Hug", "--when", "0001-01-01"], 2, ["outside the dates"]),
        ([""], 2, ["no text"]),
        (["   \n  "], 2, ["no text"]),
        (["Hug", "--with", "@"], 2, ["name cannot be empty"]),
        (["x" * 100_001], 2, ["100,001 characters long; an entry holds at most 100,000"]),
    ],
)
def test_add_rejects_bad_input_with_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, args: list[str], code: int, fragments: list[str]
) -> None:
    cli.ok("add", "An earlier entry with @Alex #trust")
    before = journal_dump(db_path)
    result = cli("add", *args)
    assert_user_error(result, code, *fragments)
    assert result.stderr.startswith("Error: ")
    assert journal_dump(db_path) == before


def test_add_bad_input_in_a_new_journal_saves_nothing(cli: Cli, db_path: Path) -> None:
    assert_user_error(cli("add", "Felt #trsut @Sam"), 2, "did you mean trust")
    assert rows(db_path, "SELECT COUNT(*) FROM entry") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM person") == [(0,)]


def test_add_unknown_concept_suggests_the_concept_behind_a_close_alias(cli: Cli) -> None:
    # "bondng" is closest to the alias "bonding", which belongs to attachment.
    assert_user_error(cli("add", "Hug #bondng"), 2, "did you mean attachment")


def test_add_a_failed_entry_does_not_create_the_people_it_named(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")
    assert_user_error(cli("add", "With @NewPerson #nosuchconcept"), 2, "nosuchconcept")
    assert rows(db_path, "SELECT COUNT(*) FROM person") == [(0,)]
