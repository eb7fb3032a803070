"""Small things a user trips on (issue 14, point 4), each as it should be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BUILTIN_CONCEPTS, Cli, Clock, assert_user_error, journal_dump


def test_edit_help_does_not_say_the_time_becomes_now(cli: Cli) -> None:
    edit = " ".join(cli.ok("edit", "--help").stdout.split())
    assert "--when" in edit and "Default: now" not in edit
    assert "Default: now" in " ".join(cli.ok("add", "--help").stdout.split())


@pytest.mark.parametrize("words", [(), ("add",), ("reviews", "show"), ("share", "export")])
def test_help_prints_what_help_prints(cli: Cli, words: tuple[str, ...]) -> None:
    assert cli.ok("help", *words).stdout == cli.ok(*words, "--help").stdout


@pytest.mark.parametrize("words", [("nope",), ("add", "more"), ("reviews", "nope")])
def test_help_of_no_such_command_is_a_usage_error(
    cli: Cli, db_path: Path, words: tuple[str, ...]
) -> None:
    assert_user_error(cli("help", *words), 2, f"no command '{words[-1]}'")
    assert not db_path.exists()  # help opens no journal


def test_learn_without_a_concept_lists_the_concepts(cli: Cli) -> None:
    listed = cli.ok("learn").stdout
    assert listed == cli.ok("concepts").stdout
    for name in BUILTIN_CONCEPTS:
        assert name in listed
    document = json.loads(cli.ok("learn", "--json").stdout)
    assert document["type"] == "concepts"


def test_delete_answered_no_changes_nothing_and_is_not_an_error(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "A quiet evening #regulation")
    before = journal_dump(db_path)
    result = cli("delete", "1", input="n\n")
    assert result.exit_code == 0
    assert result.stderr.endswith("Nothing was deleted.\n")
    assert journal_dump(db_path) == before


def test_prompt_help_says_it_is_one_question_a_day(cli: Cli) -> None:
    words = " ".join(cli.ok("prompt", "--help").stdout.split())
    assert "One question a day" in words
    assert "--another" in words


def test_prompt_another_asks_a_different_question(cli: Cli) -> None:
    today = json.loads(cli.ok("prompt", "--json").stdout)["prompt"]
    assert json.loads(cli.ok("prompt", "--json").stdout)["prompt"] == today  # stays put
    for _ in range(5):
        other = json.loads(cli.ok("prompt", "--another", "--json").stdout)["prompt"]
        assert other["question"] != today["question"]
    shown = cli.ok("prompt", "--another").stdout
    assert today["question"] not in shown and "?" in shown


def test_learn_a_word_of_the_systems_lists_the_concepts_that_name_it(cli: Cli) -> None:
    result = cli.ok("learn", "Oxytocin")
    for name in ("trust", "touch", "attachment", "empathy", "vulnerability"):
        assert name in result.stdout
    assert "communication" not in result.stdout and "resonance" not in result.stdout
    assert "oxytocin" in result.stderr.casefold() and "connectlog learn" in result.stderr
    document = json.loads(cli.ok("learn", "anterior cingulate", "--json").stdout)
    assert document["type"] == "concepts"
    assert {concept["name"] for concept in document["concepts"]} == {
        "communication",
        "disconnection",
        "empathy",
        "regulation",
        "resonance",
    }


@pytest.mark.parametrize("word", ["serotonin", "5-HT", "%"])
def test_learn_a_word_nothing_names_is_refused_as_before(cli: Cli, word: str) -> None:
    result = cli("learn", word)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_clear_takes_and_lists_the_fields_as_the_options_spell_them(
    cli: Cli, db_path: Path
) -> None:
    cli.ok("add", "Walked home", "--initiated-by", "me", "--mood-before", "2")
    cli.ok("edit", "1", "--clear", "initiated-by", "--clear", "mood_before")
    shown = json.loads(cli.ok("show", "1", "--json").stdout)["entry"]
    assert shown["initiated_by"] is None and shown["mood_before"] is None
    before = journal_dump(db_path)
    assert_user_error(cli("edit", "1", "--clear", "nope"), 2, "initiated-by, response, mood-before")
    assert journal_dump(db_path) == before
    assert "initiated-by" in " ".join(cli.ok("edit", "--help").stdout.split())


def test_a_day_is_written_one_way_in_show_and_people(cli: Cli, clock: Clock) -> None:
    cli.ok("add", "Breakfast together", "-w", "Sam", "--when", "2026-11-02 08:05")
    shown = cli.ok("show", "1").stdout
    assert "Mon 2 Nov 2026 08:05" in shown and "02 Nov" not in shown
    assert "Mon 2 Nov 2026" in cli.ok("people").stdout
