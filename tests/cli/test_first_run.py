"""The first run at a terminal asks the writer's name, offering the login name.

In-process tests force the terminal check (CliRunner's stdin is never a
terminal) and answer on stdin; one test drives a real pseudo-terminal.
Without a terminal nothing is asked and the first profile is named after the
login, as tests/cli/test_profiles.py shows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from connectlog.cli import _first_run
from tests.conftest import Cli, rows


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_first_run, "at_terminal", lambda: True)


def names(db_path: Path) -> list[tuple[str, int]]:
    return rows(db_path, "SELECT name, imported FROM profile ORDER BY id")


@pytest.mark.usefixtures("terminal")
def test_the_first_entry_asks_who_writes(cli: Cli, db_path: Path) -> None:
    result = cli.ok("add", "First hug", input="Robin\n")
    said = result.stderr
    assert said.startswith("A new journal: your entries and reviews carry your name.\nYour name")
    assert "Your name [Alex]:" in said and said.endswith("Saved entry 1.\n")
    assert names(db_path) == [("Robin", 0)]
    assert rows(db_path, "SELECT author_id FROM entry") == [(1,)]
    result = cli.ok("add", "Second hug", input="Nobody\n")  # asked once only
    assert "Your name" not in result.stderr
    assert names(db_path) == [("Robin", 0)]


@pytest.mark.usefixtures("terminal")
def test_enter_takes_the_login_name(cli: Cli, db_path: Path) -> None:
    cli.ok("add", "First hug", input="\n")
    assert names(db_path) == [("Alex", 0)]


@pytest.mark.usefixtures("terminal")
def test_a_name_that_cannot_be_one_is_asked_again(cli: Cli, db_path: Path) -> None:
    result = cli.ok("add", "First hug", input="@\nRo\x1b[2Jbin\n  Robin  \n")
    said = result.stderr
    assert said.count("Your name [Alex]:") == 3
    assert "A person's name cannot be empty." in said
    assert "A profile's name cannot hold control characters (such as ESC or BEL)." in said
    assert "\x1b" not in result.stderr
    assert names(db_path) == [("Robin", 0)]


@pytest.mark.usefixtures("terminal", "clock")
def test_a_partners_name_is_not_taken_for_yours(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    sam = ("--db", str(tmp_path / "sam.db"), "--as", "Sam")
    cli.ok(*sam[:2], "profile", "add", "Sam")
    cli.ok(*sam, "add", "Walk with @Alex", "--when", "2026-11-20T18:00")
    bundle = tmp_path / "sam.json"
    cli.ok(*sam, "share", "export", "--week", "2026-W47", "-o", str(bundle))
    cli.ok("share", "import", str(bundle))  # Sam is a partner here before anyone writes
    result = cli.ok("add", "Coffee", input="sam\nAlex\n")
    assert "There is already a profile called Sam." in result.stderr
    assert names(db_path) == [("Sam", 1), ("Alex", 0)]


@pytest.mark.usefixtures("terminal")
def test_stopping_at_the_question_saves_nothing(cli: Cli, db_path: Path) -> None:
    result = cli("add", "First hug", input="")
    assert result.exit_code == 1
    assert result.stderr.endswith("Aborted; nothing was changed.\n")
    assert rows(db_path, "SELECT COUNT(*) FROM entry") == [(0,)]
    assert names(db_path) == []


@pytest.mark.usefixtures("terminal")
def test_nothing_is_asked_when_a_profile_is_chosen(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("profile", "add", "Kim")  # an explicit first profile
    result = cli.ok("add", "By default", input="Robin\n")
    assert "Your name" not in result.stderr
    monkeypatch.setenv("CONNECTLOG_DB", str(db_path.with_name("other.db")))
    assert "Your name" not in cli("--as", "Kim", "add", "x", input="Robin\n").stderr
    monkeypatch.setenv("CONNECTLOG_PROFILE", "Kim")
    assert "Your name" not in cli("add", "x", input="Robin\n").stderr
    assert names(db_path) == [("Kim", 0)]


def test_without_a_terminal_nothing_is_asked(cli: Cli, db_path: Path) -> None:
    result = cli.ok("add", "First hug", input="Robin\n")
    assert result.stderr == "Saved entry 1.\n"
    assert names(db_path) == [("Alex", 0)]


@pytest.mark.slow
def test_a_real_terminal_is_asked(db_path: Path) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "connectlog", "add", "First hug"],
        env={**os.environ, "TERM": "dumb"},
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("Your name [Alex]:")
    child.sendline("Robin")
    child.expect_exact("Saved entry 1.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert names(db_path) == [("Robin", 0)]
