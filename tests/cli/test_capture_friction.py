"""Capture without friction (issue 14, point 3): unknown #tags, the editor's help, entry numbers.

Today an unknown ``#tag`` throws a typed one-line entry away even at a
terminal, the editor template says the text above the line is ignored, and
the next ``add`` after ``delete 22`` is entry 22 again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.cli.test_add_prompt import finish, spawn_add
from tests.conftest import Cli, assert_user_error, journal_dump, rows


def concepts_of(db_path: Path, entry: int) -> list[str]:
    return [
        name
        for (name,) in rows(
            db_path,
            "SELECT c.name FROM concept c JOIN entry_concept ec ON ec.concept_id = c.id "
            f"WHERE ec.entry_id = {entry} ORDER BY c.name",
        )
    ]


def test_an_unknown_tag_is_refused_without_a_terminal(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    assert_user_error(cli("add", "Tea on the step #steps"), 2, "No concept called 'steps'")
    assert journal_dump(db_path) == before


@pytest.mark.parametrize("how", ["--create-concepts", "-C"])
def test_create_concepts_makes_the_unknown_ones(cli: Cli, db_path: Path, how: str) -> None:
    cli.ok("add", "Tea on the step #steps #trust", "--concept", "Slow-Mornings", how)
    assert concepts_of(db_path, 1) == ["slow-mornings", "steps", "trust"]
    assert "steps" in cli.ok("concepts").stdout


def test_create_concepts_still_refuses_a_name_no_concept_can_have(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    assert_user_error(cli("add", "Tea", "--concept", "9lives", "--create-concepts"), 2, "9lives")
    assert journal_dump(db_path) == before


def test_the_config_can_say_create(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('unknown_tags = "create"\n')
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    cli.ok("add", "Tea on the step #steps")
    assert concepts_of(db_path, 1) == ["steps"]


@pytest.mark.parametrize("value", ['"always"', "1", '"Create"'])
def test_a_bad_unknown_tags_value_is_one_line(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"unknown_tags = {value}\n")
    monkeypatch.setenv("CONNECTLOG_CONFIG", str(config))
    assert_user_error(cli("add", "Tea #steps"), 1, "unknown_tags")
    assert journal_dump(db_path) == []


@pytest.mark.slow
def test_at_a_terminal_an_unknown_tag_is_offered_for_creation(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")  # not a first run: no name asked
    child = spawn_add("Tea on the step #trsut #steps")
    child.expect_exact("No concept called 'trsut'")
    child.expect_exact("closest: trust")
    child.expect_exact("Make the concept 'trsut'?")
    child.sendline("y")
    child.expect_exact("Make the concept 'steps'?")
    child.sendline("y")
    status, said = finish(child)
    assert status == 0, said
    assert "Saved entry 2." in said
    assert concepts_of(db_path, 2) == ["steps", "trsut"]


@pytest.mark.slow
def test_at_a_terminal_saying_no_saves_nothing_and_says_how(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First")
    before = journal_dump(db_path)
    child = spawn_add("Tea on the step #steps")
    child.expect_exact("Make the concept 'steps'?")
    child.sendline("n")
    status, said = finish(child)
    assert status == 2, said
    assert "connectlog concepts add steps" in said
    assert journal_dump(db_path) == before


def test_the_editor_template_says_what_below_the_line_is(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import shutil, sys\n"
        f"shutil.copy(sys.argv[1], {str(seen)!r})\n"
        "with open(sys.argv[1], 'w') as f:\n"
        "    f.write('Walked home together')\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    cli.ok("add", "--edit")
    template = seen.read_text()
    assert "everything below it is ignored" in template
    assert "from the line up" not in template


def test_entry_numbers_are_never_used_again(cli: Cli, db_path: Path) -> None:
    for text in ("One", "Two", "Three"):
        cli.ok("add", text)
    cli.ok("delete", "3", "--yes")
    cli.ok("delete", "2", "--yes")
    added = json.loads(cli.ok("add", "Four", "--json").stdout)["entry"]
    assert added["id"] == 4
    assert [number for (number,) in rows(db_path, "SELECT id FROM entry ORDER BY id")] == [1, 4]
