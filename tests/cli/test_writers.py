"""A journal with several writers: the patterns describe who reads, ``--together`` everyone.

Alex writes the journal (the first profile, named after the login) and Sam's
moments are in it too. The clock is stopped on Sunday 22 November 2026, 21:00
in Berlin: "this week" is 2026-W47, Monday 16 to Sunday 22 November. Both
logged Tuesday's massage: Alex's "me" (Alex reached out) and Sam's "them"
(Alex reached out, seen from Sam's side) are one moment seen twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUILTIN_CONCEPTS, Cli, assert_user_error, journal_dump

pytestmark = pytest.mark.usefixtures("clock")

#: Alex's week: four days, four close moments, a streak of Saturday and Sunday.
ALEX = [
    ["Massage after work @Sam", "--when", "2026-11-17T20:00", "--kind", "physical",
     "--touch", "massage", "-c", "4", "--initiated-by", "me"],
    ["Talked it through @Sam", "--when", "2026-11-19T21:00", "-c", "4",
     "--initiated-by", "mutual"],
    ["Breakfast in the sun @Sam #reward", "--when", "2026-11-21T10:00", "-c", "4"],
    ["Walk by the river @Sam", "--when", "2026-11-22T09:00", "-c", "4"],
]  # fmt: skip
#: Sam's week: the same massage half an hour later, and two days Alex did not log.
SAM = [
    ["Alex gave me a massage @Alex", "--when", "2026-11-17T20:30", "--kind", "physical",
     "--touch", "massage", "-c", "5", "--initiated-by", "them"],
    ["Cooked for Alex @Alex #reward", "--when", "2026-11-18T19:00", "-c", "3",
     "--initiated-by", "me"],
    ["Movie night @Alex", "--when", "2026-11-20T19:00", "-c", "5", "--initiated-by", "me"],
]  # fmt: skip


def document(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli.ok(*args, "--json")
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def counts(items: list[dict[str, Any]]) -> dict[str, int]:
    return {item["name"]: item["count"] for item in items}


def write_alex(cli: Cli) -> None:
    for args in ALEX:
        cli.ok("add", *args)


def write_sam(cli: Cli) -> None:
    cli.ok("profile", "add", "Sam")
    for args in SAM:
        cli.ok("--as", "Sam", "add", *args)


@pytest.fixture
def couple(cli: Cli) -> Cli:
    write_alex(cli)
    write_sam(cli)
    return cli


# -- summary ----------------------------------------------------------------------------


def test_the_default_summary_describes_the_writer_alone(couple: Cli) -> None:
    data = document(couple, "summary")
    current = data["current"]
    assert (current["entries"], current["days"]) == (4, 4)
    assert current["closeness"] == {"average": 4.0, "count": 4}
    assert counts(current["initiators"]) == {"me": 1, "mutual": 1}
    assert counts(current["touches"]) == {"massage": 1}
    assert data["streak"] == {"current": 2, "longest": 2}
    assert (data["author"], data["together"]) == ("Alex", False)
    assert data["streaks"] == [{"author": "Alex", "current": 2, "longest": 2}]
    (alex,) = current["writers"]
    assert (alex["author"], alex["entries"], alex["days"]) == ("Alex", 4, 4)
    assert counts(alex["initiators"]) == {"me": 1, "mutual": 1}
    assert current["paired"] == 0


def test_the_writers_own_summary_is_the_same_before_and_after_the_partners_moments(
    cli: Cli,
) -> None:
    write_alex(cli)
    alone = document(cli, "summary")
    text_alone = cli.ok("summary").stdout
    write_sam(cli)
    assert document(cli, "summary") == alone
    with_sam = cli.ok("summary").stdout
    # The only difference on screen says whose moments these are.
    assert (
        with_sam.replace("Alex's moments; Sam writes here too (--together for everyone).\n", "")
        == text_alone
    )
    assert "Alex's moments; Sam writes here too" in with_sam


def test_a_partners_imported_week_leaves_the_writers_summary_as_it_was(
    cli: Cli, tmp_path: Path
) -> None:
    # The case: two journals, Sam's week arrives in Alex's as a bundle.
    write_alex(cli)
    sam_db = str(tmp_path / "sam.db")
    cli.ok("--db", sam_db, "profile", "add", "Sam")
    for args in SAM:
        cli.ok("--db", sam_db, "--as", "Sam", "add", *args)
    bundle = tmp_path / "sam.json"
    cli.ok("--db", sam_db, "--as", "Sam", "share", "export", "-o", str(bundle))
    alone = document(cli, "summary")
    cli.ok("share", "import", str(bundle))
    assert document(cli, "summary") == alone
    together = document(cli, "summary", "--together")
    assert (together["current"]["entries"], together["current"]["paired"]) == (6, 1)
    assert [w["author"] for w in together["current"]["writers"]] == ["Alex", "Sam"]
    assert "  Sam  " in cli.ok("list").stdout


def test_as_another_profile_the_summary_describes_them(couple: Cli) -> None:
    data = document(couple, "--as", "Sam", "summary")
    current = data["current"]
    assert current["entries"] == 3
    assert current["closeness"]["average"] == 4.33
    assert counts(current["initiators"]) == {"me": 2, "them": 1}
    assert data["streak"] == {"current": 0, "longest": 2}
    assert data["author"] == "Sam"


def test_author_still_names_the_profile_to_describe(couple: Cli) -> None:
    data = document(couple, "summary", "--author", "Sam")
    assert (data["author"], data["current"]["entries"]) == ("Sam", 3)


def test_together_counts_a_moment_both_logged_once_and_keeps_both_ratings(couple: Cli) -> None:
    data = document(couple, "summary", "--together")
    current = data["current"]
    assert (data["author"], data["together"]) == (None, True)
    assert current["entries"] == 6  # seven entries, the massage once
    assert current["paired"] == 1
    assert current["days"] == 6
    assert current["closeness"] == {"average": 4.14, "count": 7}  # both ratings of the massage
    assert counts(current["touches"]) == {"massage": 1}
    assert counts(current["kinds"]) == {"physical": 1}
    assert counts(current["concepts"]) == {"reward": 2}
    # "me" and "them" are each read from their author's side, never added up.
    assert current["initiators"] == []
    writers = {writer["author"]: writer for writer in current["writers"]}
    assert list(writers) == ["Alex", "Sam"]
    assert counts(writers["Alex"]["initiators"]) == {"me": 1, "mutual": 1}
    assert counts(writers["Sam"]["initiators"]) == {"me": 2, "them": 1}
    assert (writers["Alex"]["entries"], writers["Sam"]["entries"]) == (4, 3)
    assert sum(w["entries"] for w in writers.values()) == current["entries"] + current["paired"]
    assert writers["Sam"]["closeness"] == {"average": 4.33, "count": 3}
    # Streaks are each person's: Sam's days never stretch Alex's.
    assert data["streaks"] == [
        {"author": "Alex", "current": 2, "longest": 2},
        {"author": "Sam", "current": 0, "longest": 2},
    ]
    assert data["streak"] == {"current": 2, "longest": 2}


def test_together_on_screen_names_each_writer(couple: Cli) -> None:
    text = couple.ok("summary", "--together").stdout
    assert "Everyone together: Alex and Sam." in text
    assert "Moments" in text and "logged by both" in text
    assert "Alex: me 1, mutual 1" in text
    assert "Sam: me 2, them 1" in text
    assert "Streak: Alex 2 days now, longest 2 days; Sam 0 days now, longest 2 days." in text
    assert "massage 1" in text


def test_the_default_view_reaches_out_only_from_the_writers_side(couple: Cli) -> None:
    text = couple.ok("summary").stdout
    assert "Reached out  me 1  mutual 1" in text
    assert "Streak: 2 days now, longest 2 days." in text


def test_together_with_one_writer_counts_the_same_and_reaches_out_by_name(cli: Cli) -> None:
    write_alex(cli)
    alone = document(cli, "summary")
    together = document(cli, "summary", "--together")
    # Together, "me" and "them" are only ever given per writer, whoever writes.
    assert together["current"]["initiators"] == []
    assert together["current"]["writers"] == alone["current"]["writers"]
    alone["current"]["initiators"] = []
    assert together["current"] == alone["current"]
    assert (together["streak"], together["streaks"]) == (alone["streak"], alone["streaks"])


def test_together_and_author_cannot_both_be_given(couple: Cli, db_path: Path) -> None:
    before = journal_dump(db_path)
    for command in ("summary", "trends", "calendar"):
        result = couple(command, "--together", "--author", "Sam")
        assert_user_error(result, 2, "--author", "--together")
    assert journal_dump(db_path) == before


def test_a_journal_with_only_a_partners_moments_describes_no_one_by_default(cli: Cli) -> None:
    # The login's profile has written nothing: Sam's moments are not the reader's.
    cli.ok("profile", "add", "Alex")
    write_sam(cli)
    assert document(cli, "summary")["current"]["entries"] == 0
    assert document(cli, "summary", "--together")["current"]["entries"] == 3


# -- trends, calendar, remember, prompt ---------------------------------------------------


def test_trends_describe_the_writer_or_everyone_together(couple: Cli) -> None:
    def last_week(data: dict[str, Any], name: str) -> Any:
        (series,) = [series for series in data["headline"] if series["name"] == name]
        return series["values"][-1]

    mine = document(couple, "trends", "--weeks", "2")
    assert (last_week(mine, "entries"), last_week(mine, "closeness")) == (4, 4.0)
    assert mine["author"] == "Alex"
    together = document(couple, "trends", "--weeks", "2", "--together")
    assert last_week(together, "entries") == 6
    assert last_week(together, "days logged") == 6
    assert last_week(together, "closeness") == 4.14
    assert (together["author"], together["together"]) == (None, True)
    assert "Alex's moments; Sam writes here too" in couple.ok("trends").stdout
    assert "Everyone together: Alex and Sam." in couple.ok("trends", "--together").stdout


def test_the_calendar_describes_the_writer_or_everyone_together(couple: Cli) -> None:
    mine = document(couple, "calendar")
    assert (mine["entries"], mine["days_logged"], mine["closeness"]) == (4, 4, 4.0)
    assert mine["author"] == "Alex"
    together = document(couple, "calendar", "--together")
    assert (together["entries"], together["days_logged"]) == (6, 6)
    assert together["closeness"] == 4.14
    days = {day["date"]: day for day in together["days"]}
    assert days["2026-11-17"] == {"date": "2026-11-17", "entries": 1, "rated": 2, "closeness": 4.5}
    assert "Alex's moments; Sam writes here too" in couple.ok("calendar").stdout


def test_remember_brings_back_the_writers_moments_or_everyones(cli: Cli) -> None:
    cli.ok("add", "A week ago we cooked @Sam", "--when", "2026-11-15T19:00", "-c", "4")
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Sam", "add", "Alex cooked for me @Alex", "--when", "2026-11-15T19:30")
    cli.ok(
        "--as", "Sam", "add", "Long ago, so close @Alex", "--when", "2024-05-01T20:00", "-c", "5"
    )

    def week_ago(data: dict[str, Any]) -> list[str]:
        return [entry["author"] for entry in data["days"][0]["entries"]]

    mine = document(cli, "remember")
    assert week_ago(mine) == ["Alex"]
    assert mine["further_back"] is None
    together = document(cli, "remember", "--together")
    assert week_ago(together) == ["Alex", "Sam"]
    assert together["further_back"]["author"] == "Sam"
    assert "Alex cooked for me" not in cli.ok("remember").stdout
    assert "(Sam)" in cli.ok("remember", "--together").stdout


def test_prompt_leans_towards_what_the_writer_has_not_touched(cli: Cli) -> None:
    cli.ok("add", "A quiet day")
    cli.ok("profile", "add", "Sam")
    tags = " ".join(f"#{name}" for name in BUILTIN_CONCEPTS)
    cli.ok("--as", "Sam", "add", f"Everything at once {tags}")
    assert document(cli, "prompt")["prompt"]["days_since"] is None
    assert document(cli, "prompt", "--together")["prompt"]["days_since"] == 0


# -- list -----------------------------------------------------------------------------------


def test_list_shows_who_wrote_each_entry_when_several_write(couple: Cli) -> None:
    lines = couple.ok("list").stdout.splitlines()
    assert lines[0].split() == ["#", "When", "By", "Close", "Moment", "With", "Concepts"]
    by = {line.split()[0]: line for line in lines[1:]}
    assert "  Alex  " in by["4"] and "  Sam   " in by["7"]


def test_list_by_one_writer_has_no_author_column(cli: Cli) -> None:
    write_alex(cli)
    header = cli.ok("list").stdout.splitlines()[0]
    assert header.split() == ["#", "When", "Close", "Moment", "With", "Concepts"]


def test_list_author_keeps_one_writers_entries(couple: Cli) -> None:
    data = document(couple, "list", "--author", "sam")
    assert [entry["author"] for entry in data["entries"]] == ["Sam"] * 3
    assert data["total"] == 3
    shown = couple.ok("list", "--author", "Alex", "--limit", "2")
    assert len(shown.stdout.splitlines()) == 3
    assert shown.stderr == "Showing 2 of 4 entries; --limit 0 shows them all.\n"


def test_list_author_must_be_a_profile(couple: Cli, db_path: Path) -> None:
    before = journal_dump(db_path)
    assert_user_error(couple("list", "--author", "Nobody"), 1, "No profile called 'Nobody'")
    assert journal_dump(db_path) == before


# -- the review -------------------------------------------------------------------------


def test_one_thing_to_talk_about_lists_a_fight_both_logged_once(cli: Cli) -> None:
    cli.ok("add", "Fell out about the dishes @Sam #disconnection", "--when", "2026-11-18T19:00")
    cli.ok("profile", "add", "Sam")
    cli.ok("--as", "Sam", "add", "Fight about dishes @Alex #disconnection", "--when",
           "2026-11-18T19:20")  # fmt: skip
    agenda = document(cli, "review")
    assert len(agenda["two_views"]) == 1
    assert [entry["author"] for entry in agenda["to_talk_about"]] == ["Alex"]
