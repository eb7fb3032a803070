"""``connectlog review`` and ``reviews``: the agenda, the walk through it, and what is saved.

Alex and Sam share one journal here (two profiles); tests/test_couple_week.py
has them on two journals exchanging bundles. The clock is stopped on Sunday
22 November 2026 (week 2026-W47) in Berlin.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, assert_user_error, journal_dump, rows

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def week(cli: Cli) -> Cli:
    """A week of Alex's and Sam's moments in one journal."""
    cli.ok("profile", "add", "Alex", "--alias", "Lex")
    cli.ok("profile", "add", "Sam")

    def alex(*args: str) -> None:
        cli.ok("--as", "Alex", "add", *args)

    def sam(*args: str) -> None:
        cli.ok("--as", "Sam", "add", *args)

    alex("Dinner, we laughed a lot @Sam", "--when", "2026-11-16T19:00", "-c", "5")
    sam("Dinner with @Lex, felt close", "--when", "2026-11-16T19:45", "-c", "4")
    alex("Sam made me tea when I was low @Sam", "--when", "2026-11-17T08:00", "--appreciation")
    sam("Felt ignored at the party @Alex #disconnection", "--when", "2026-11-18T23:00", "-c", "2")
    alex("Asked for a hug, got a shrug @Sam", "--when", "2026-11-19T20:00", "--response", "away")
    sam("My secret plan for the anniversary", "--when", "2026-11-20T12:00", "--private")
    alex("Coffee with @Jo", "--when", "2026-11-21T10:00", "-c", "4")
    return cli


def agenda(cli: Cli, *options: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(cli.ok("review", *options, "--json").stdout)
    assert (document["version"], document["type"]) == (1, "agenda")
    return document


def texts(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["text"] for entry in entries]


def test_the_agenda_walks_the_five_steps_without_private_entries(week: Cli) -> None:
    data = agenda(week)
    assert data["period"]["label"] == "2026-W47"
    assert data["participants"] == ["Alex", "Sam"]
    assert texts(data["appreciations"]) == ["Sam made me tea when I was low @Sam"]
    assert texts(data["went_right"]) == [
        "Dinner, we laughed a lot @Sam",
        "Dinner with @Lex, felt close",
        "Coffee with @Jo",
    ]
    (pair,) = data["two_views"]
    assert [(entry["author"], entry["closeness"]) for entry in pair] == [("Alex", 5), ("Sam", 4)]
    assert texts(data["to_talk_about"]) == [
        "Felt ignored at the party @Alex #disconnection",
        "Asked for a hug, got a shrug @Sam",
    ]
    assert "secret plan" not in json.dumps(data)
    assert (data["last_week"], data["last_intentions"]) == (None, [])


def test_two_views_need_both_to_have_logged_within_the_window(
    week: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("review_window = 0.5\n", encoding="utf-8")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    assert agenda(week)["two_views"] == []  # 45 minutes apart is outside half an hour


def test_the_markdown_agenda_is_written_privately(week: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agenda.md"
    result = week.ok("review", "--markdown", str(path))
    assert result.stderr == f"Wrote the agenda of 2026-W47 to {path}.\n"
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0
    assert text.startswith("# Review of 2026-W47, Mon 16 Nov to Sun 22 Nov 2026\n")
    for heading in (
        "## 1. Appreciations",
        "## 2. What went right",
        "## 3. Two views of one moment",
        "## 4. One thing to talk about",
        "## 5. Intentions for next week",
    ):
        assert heading in text
    assert "1. Wed 18 Nov 23:00, **Sam**, closeness 2/5: Felt ignored" in text
    assert "secret plan" not in text
    assert week.ok("review", "--markdown", "-").stdout == text


ANSWERS = [
    "Thank you for the tea",  # Alex appreciates
    "",
    "You listened on Thursday",  # Sam appreciates
    "",
    "We slowed down",  # what made the close moments work
    "I thought dinner was louder",  # two views
    "2",  # talk about: the shrug
    "Say when I need a hug",  # what we took from it
    "Phones away at dinner",  # Alex's intention
    "",
    "Ask for a hug out loud",  # Sam's intention
    "",
]


def test_the_walk_saves_what_was_said(week: Cli, db_path: Path) -> None:
    result = week("review", "--interactive", input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "Saved the review of 2026-W47." in result.stderr
    for step in ("1. Appreciations", "3. Two views of one moment", "5. Intentions"):
        assert step in result.stdout
    assert "secret plan" not in result.output
    saved = json.loads(week.ok("reviews", "show", "2026-W47", "--json").stdout)["review"]
    assert saved["participants"] == ["Alex", "Sam"]
    assert [(a["who"], a["text"]) for a in saved["appreciations"]] == [
        ("Alex", "Thank you for the tea"),
        ("Sam", "You listened on Thursday"),
    ]
    assert saved["topic"] == "Asked for a hug, got a shrug @Sam"
    assert (
        saved["notes"] == "We slowed down\n\nI thought dinner was louder\n\nSay when I need a hug"
    )
    assert [(i["who"], i["text"]) for i in saved["intentions"]] == [
        ("Alex", "Phones away at dinner"),
        ("Sam", "Ask for a hug out loud"),
    ]
    (topic_entry,) = rows(db_path, "SELECT topic_entry_id FROM review")
    assert topic_entry == (5,)


def test_the_next_review_opens_with_last_weeks_intentions(week: Cli, clock: Any) -> None:
    week.ok("review", "--interactive", input="\n".join(ANSWERS) + "\n")
    clock.set(clock.now.replace(day=29))
    week.ok("--as", "Sam", "add", "Cooked together @Alex", "--when", "2026-11-24T19:00", "-c", "4")
    data = agenda(week)
    assert data["period"]["label"] == "2026-W48"
    assert data["last_week"] == "2026-W47"
    assert [(i["who"], i["text"]) for i in data["last_intentions"]] == [
        ("Alex", "Phones away at dinner"),
        ("Sam", "Ask for a hug out loud"),
    ]
    answers = ["done", "maybe", "partly", "", "", "", "", "", "", "", "", ""]
    result = week("review", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Last time (2026-W47) you intended:" in result.stdout
    assert "Answer done, partly or not" in result.stderr
    saved = json.loads(week.ok("reviews", "show", "2026-w48", "--json").stdout)["review"]
    assert [(f["who"], f["text"], f["outcome"]) for f in saved["followups"]] == [
        ("Alex", "Phones away at dinner", "done"),
        ("Sam", "Ask for a hug out loud", "partly"),
    ]
    listed = json.loads(week.ok("reviews", "--json").stdout)["reviews"]
    assert [review["week"] for review in listed] == ["2026-W48", "2026-W47"]
    table = week.ok("reviews").stdout
    assert "2026-W48" in table and "Asked for a hug" in table


def test_reviewing_a_week_again_replaces_its_review(week: Cli, db_path: Path) -> None:
    week.ok("review", "--interactive", input="\n".join(ANSWERS) + "\n")
    (first,) = rows(db_path, "SELECT uuid, created_at FROM review")
    week.ok("review", "--interactive", input="\n" * 20)
    assert rows(db_path, "SELECT week, topic FROM review") == [("2026-W47", None)]
    # Still the same review, wherever an export of it went.
    assert rows(db_path, "SELECT uuid, created_at FROM review") == [first]


def test_stopping_the_walk_keeps_what_was_typed_as_a_draft(week: Cli, db_path: Path) -> None:
    before = journal_dump(db_path)
    result = week("review", "--interactive", input="Thank you for the tea\n")
    assert result.exit_code == 1
    assert "Your text is kept in" in result.stderr
    draft = Path(result.stderr.split("kept in ")[1].strip().rstrip("."))
    assert "Thank you for the tea" in draft.read_text(encoding="utf-8")
    assert rows(db_path, "SELECT count(*) FROM review") == [(0,)]
    assert journal_dump(db_path) == before


def test_an_empty_week_still_has_an_agenda(cli: Cli) -> None:
    data = agenda(cli)
    assert data["participants"] == ["Alex"]
    assert data["two_views"] == [] and data["to_talk_about"] == []
    text = cli.ok("review", "--markdown", "-").stdout
    assert "_No moment was logged by more than one of you._" in text


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["review"], 2, "walks you through the week at a terminal"),
        (["review", "--week", "2026-W99", "--json"], 2, "Cannot read the week"),
        (["reviews", "show", "2026-W01"], 1, "There is no review of 2026-W01"),
        (["review", "--markdown", "/nonexistent/agenda.md"], 1, "Cannot write"),
    ],
)
def test_bad_review_usage_is_one_line(
    week: Cli, db_path: Path, args: list[str], code: int, fragment: str
) -> None:
    before = journal_dump(db_path)
    assert_user_error(week(*args), code, fragment)
    assert journal_dump(db_path) == before
