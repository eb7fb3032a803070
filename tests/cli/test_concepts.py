"""``connectlog concepts``, ``concepts add`` and ``learn``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUILTIN_CONCEPTS, Cli, assert_user_error, journal_dump, rows

BUILTIN = set(BUILTIN_CONCEPTS)
CONCEPT_KEYS = {"name", "aliases", "meaning", "systems", "questions", "builtin", "count"}


def add(cli: Cli, text: str, when: str = "2026-03-10T20:00", *options: str) -> int:
    result = cli.ok("add", text, "--when", when, "--json", *options)
    entry_id: int = json.loads(result.stdout)["entry"]["id"]
    return entry_id


def concepts(cli: Cli) -> list[dict[str, Any]]:
    document = json.loads(cli.ok("concepts", "--json").stdout)
    assert set(document) == {"version", "type", "concepts"}
    assert (document["version"], document["type"]) == (1, "concepts")
    found: list[dict[str, Any]] = document["concepts"]
    return found


def learned(cli: Cli, name: str) -> dict[str, Any]:
    document = json.loads(cli.ok("learn", name, "--json").stdout)
    assert set(document) == {"version", "type", "concept"}
    assert (document["version"], document["type"]) == (1, "concept")
    found: dict[str, Any] = document["concept"]
    return found


# --- listing ---------------------------------------------------------------------------------


def test_a_new_journal_has_the_twelve_builtin_concepts_unused(cli: Cli) -> None:
    found = concepts(cli)

    assert {concept["name"] for concept in found} == BUILTIN
    assert [concept["name"] for concept in found] == sorted(BUILTIN)
    for concept in found:
        assert set(concept) == CONCEPT_KEYS
        assert concept["builtin"] is True
        assert concept["count"] == 0
        assert concept["meaning"]
        assert concept["systems"]
        assert 1 <= len(concept["questions"]) <= 2
        assert concept["aliases"]


def test_concepts_lists_use_counts_most_used_first(cli: Cli) -> None:
    add(cli, "Hug #touch #trust")
    add(cli, "Kiss #affection", "2026-03-11T20:00")  # an alias of touch
    add(cli, "Talk", "2026-03-12T20:00", "-t", "trust", "-t", "touch", "-t", "listening")

    found = concepts(cli)

    counts = {concept["name"]: concept["count"] for concept in found}
    assert (counts["touch"], counts["trust"], counts["communication"]) == (3, 2, 1)
    assert [concept["name"] for concept in found[:3]] == ["touch", "trust", "communication"]
    assert sum(counts.values()) == 6


def test_concepts_table_shows_name_uses_and_meaning(cli: Cli) -> None:
    add(cli, "Hug #touch")

    result = cli.ok("concepts")

    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Concept", "Uses", "Meaning"]
    assert lines[1].split()[:2] == ["touch", "1"]
    assert "Physical contact that comforts" in lines[1]
    assert any(line.split()[:2] == ["trust", "0"] for line in lines)
    assert result.stderr == ""


def test_concepts_output_has_no_escape_codes_even_without_no_color(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")

    for arguments in (("concepts",), ("concepts", "--json"), ("learn", "trust")):
        result = cli.ok(*arguments)
        assert result.stdout
        assert "\x1b[" not in result.stdout


# --- concepts add ----------------------------------------------------------------------------


def test_concepts_add_makes_a_concept_findable_by_name_and_alias(cli: Cli, db_path: Path) -> None:
    result = cli.ok(
        "concepts",
        "add",
        "Play",
        "--alias",
        "games",
        "-a",
        "#Silly",
        "--meaning",
        "  Fun,  together ",
    )

    assert result.stdout == ""
    assert result.stderr.strip() == "Added the concept play."
    first = add(cli, "Board games all evening #play")
    second = add(cli, "Pillow fight #silly", "2026-03-11T20:00")
    third = add(cli, "Charades", "2026-03-12T20:00", "-t", "games")

    for entry_id in (first, second, third):
        shown = json.loads(cli.ok("show", str(entry_id), "--json").stdout)["entry"]
        assert shown["concepts"] == ["play"]
    listed = json.loads(cli.ok("list", "--json", "--concept", "silly").stdout)
    assert listed["total"] == 3
    assert rows(db_path, "SELECT alias FROM concept_alias WHERE alias IN ('games', 'silly')") == [
        ("games",),
        ("silly",),
    ]
    (play,) = [concept for concept in concepts(cli) if concept["name"] == "play"]
    assert play == {
        "name": "play",
        "aliases": ["games", "silly"],
        "meaning": "Fun, together",
        "systems": "",
        "questions": [],
        "builtin": False,
        "count": 3,
    }


def test_concepts_add_json_prints_the_new_concept(cli: Cli) -> None:
    result = cli.ok("concepts", "add", "gratitude", "--json")

    document = json.loads(result.stdout)
    assert document == {
        "version": 1,
        "type": "concept",
        "concept": {
            "name": "gratitude",
            "aliases": [],
            "meaning": "",
            "systems": "",
            "questions": [],
            "builtin": False,
            "count": 0,
        },
    }


def test_own_concepts_are_marked_in_the_table(cli: Cli) -> None:
    cli.ok("concepts", "add", "play", "--meaning", "[b]Fun[/b] :smile:")

    out = cli.ok("concepts").stdout

    (line,) = [line for line in out.splitlines() if line.startswith("play")]
    assert line.split()[:3] == ["play", "(yours)", "0"]
    assert "[b]Fun[/b] :smile:" in line


def test_concepts_add_hyphenated_and_spaced_names(cli: Cli) -> None:
    cli.ok("concepts", "add", "quality time")
    cli.ok("concepts", "add", "self-care")

    names = {concept["name"] for concept in concepts(cli)}
    assert {"quality-time", "self-care"} <= names
    add(cli, "A whole Sunday #quality-time")


@pytest.mark.parametrize(
    ("arguments", "code", "fragments"),
    [
        (("concepts", "add", "trust"), 1, ("already a concept called trust",)),
        (("concepts", "add", "TRUST"), 1, ("already a concept called trust",)),
        (("concepts", "add", "bonding"), 1, ("'bonding' is already taken", "attachment")),
        (("concepts", "add", "play", "--alias", "bonding"), 1, ("'bonding'", "attachment")),
        (("concepts", "add", "play", "--alias", "trust"), 1, ("already a concept called trust",)),
        (("concepts", "add", "two words!"), 2, ("'two words!' is not a valid concept name",)),
        (("concepts", "add", "123"), 2, ("'123' is not a valid concept name",)),
        (("concepts", "add", "#"), 2, ("is not a valid concept name",)),
        (("concepts", "add", "play", "--alias", "9lives"), 2, ("is not a valid alias name",)),
        (("concepts", "add"), 2, ("Missing argument",)),
    ],
)
def test_bad_concepts_add_is_a_one_line_error_that_changes_nothing(
    cli: Cli, db_path: Path, arguments: tuple[str, ...], code: int, fragments: tuple[str, ...]
) -> None:
    cli.ok("concepts")  # creates the journal
    before = journal_dump(db_path)

    result = cli(*arguments)

    assert_user_error(result, code, *fragments)
    assert journal_dump(db_path) == before


def test_adding_an_alias_taken_by_an_own_concept_names_it(cli: Cli) -> None:
    cli.ok("concepts", "add", "play", "--alias", "games")

    result = cli("concepts", "add", "fun-times", "--alias", "Games")

    assert_user_error(result, 1, "'games' is already taken by the concept play")


# --- learn -----------------------------------------------------------------------------------


def test_learn_explains_meaning_systems_and_questions(cli: Cli) -> None:
    result = cli.ok("learn", "attachment")

    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "attachment"
    assert lines[1] == "The lasting bond that makes someone feel like home."
    assert "In the body and brain" in lines
    assert "Vasopressin, tied to pair bonding; oxytocin; reward circuitry." in lines
    assert "To reflect on" in lines
    assert "- What in this moment reminded me that we belong together?" in lines
    assert "Also found as: belonging, bond, bonding" in lines
    assert "Used 0 times in this journal." in lines
    assert result.stderr == ""


@pytest.mark.parametrize("name", ["bonding", "Bonding", "#bond", "attachment", "ATTACHMENT"])
def test_learn_finds_a_concept_by_name_or_alias_in_any_case(cli: Cli, name: str) -> None:
    assert learned(cli, name)["name"] == "attachment"


def test_learn_json_holds_everything_about_the_concept(cli: Cli) -> None:
    add(cli, "Hug #touch")
    add(cli, "Kiss #contact", "2026-03-11T20:00")

    concept = learned(cli, "touch")

    assert set(concept) == CONCEPT_KEYS
    assert concept["name"] == "touch"
    assert concept["meaning"].startswith("Physical contact")
    assert "Oxytocin" in concept["systems"]
    assert concept["questions"] == [
        "How did the touch change how I felt?",
        "Was it what we both wanted in that moment?",
    ]
    assert concept["aliases"] == ["affection", "contact", "physical"]
    assert (concept["builtin"], concept["count"]) == (True, 2)
    assert "Used 2 times in this journal." in cli.ok("learn", "touch").stdout


def test_learn_an_own_concept(cli: Cli) -> None:
    cli.ok("concepts", "add", "play", "-a", "games", "--meaning", "Being silly together.")
    add(cli, "Charades #games")

    out = cli.ok("learn", "games").stdout

    assert out.splitlines()[:2] == ["play", "Being silly together."]
    assert "In the body and brain" not in out
    assert "Also found as: games" in out
    assert "Used once in this journal." in out


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("bondng", ("No concept called 'bondng'", "did you mean attachment?")),
        ("trsut", ("did you mean trust?",)),
        ("zzzzzz", ("No concept called 'zzzzzz'", "connectlog concepts add zzzzzz")),
        ("123", ("'123' is not a valid concept name",)),
        ("", ("is not a valid concept name",)),
    ],
)
def test_learn_of_an_unknown_concept_suggests_the_closest(
    cli: Cli, db_path: Path, name: str, fragments: tuple[str, ...]
) -> None:
    cli.ok("concepts")
    before = journal_dump(db_path)

    result = cli("learn", name)

    assert_user_error(result, 2, *fragments)
    assert journal_dump(db_path) == before


def test_learn_without_a_concept_lists_them(cli: Cli) -> None:
    # Issue 14: it used to be a usage error; tests/cli/test_small_things.py holds the list.
    assert cli.ok("learn").stdout == cli.ok("concepts").stdout
