"""Every test runs against its own temporary journal, home and time zone.

No test can reach a real journal: ``CONNECTLOG_DB`` points into ``tmp_path``,
and HOME and the XDG folders are temporary too.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import typer.main
from typer._click import Command, Context
from typer.testing import CliRunner, Result

import connectlog.cli._context
from connectlog.cli import app
from connectlog.storage import cipher

TEST_TZ = "Europe/Berlin"

#: Zones property tests spread moments over: both sides of UTC, DST in either
#: hemisphere, and offsets of half an hour.
ZONES = tuple(
    ZoneInfo(name)
    for name in (
        "Europe/Berlin",
        "America/New_York",
        "Asia/Kolkata",
        "Pacific/Auckland",
        "UTC",
        "America/St_Johns",
    )
)

#: The concepts every journal is made with (DESIGN.md), written out apart from the code.
BUILTIN_CONCEPTS = (
    "trust",
    "empathy",
    "touch",
    "attachment",
    "resonance",
    "reward",
    "regulation",
    "communication",
    "responsiveness",
    "vulnerability",
    "disconnection",
    "repair",
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable in (
        "CONNECTLOG_DATABASE_URL",
        "CONNECTLOG_CONFIG",
        "CONNECTLOG_WEEK_START",
        "CONNECTLOG_PROFILE",
        "VISUAL",
        "EDITOR",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("CONNECTLOG_DB", str(tmp_path / "journal.db"))
    for variable in ("LOGNAME", "USER"):  # a journal's first profile is named after the login
        monkeypatch.setenv(variable, "alex")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TZ", TEST_TZ)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


#: SQLCipher's key derivation is slow on purpose (about 0.15 s a passphrase, see
#: storage/cipher.py), and a test runs many commands in one process. In-process, each
#: passphrase's key for a file's salt is derived once; a test that runs connectlog as
#: a process of its own derives it as every run does.
_derived_once = functools.cache(cipher.derive)


@pytest.fixture(autouse=True)
def derive_each_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "derive", _derived_once)


#: A fixed "now" for tests that need one: Sunday 22 November 2026, 21:00 in Berlin.
STOPPED_AT = datetime(2026, 11, 22, 21, 0, tzinfo=ZoneInfo(TEST_TZ))


class Clock:
    """The CLI's clock, stopped at :data:`STOPPED_AT` until a test moves it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = STOPPED_AT
        monkeypatch.setattr(connectlog.cli._context, "now", lambda: self.now)

    def set(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


class Cli:
    """Runs connectlog in-process, stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, **env: str) -> Result:
        return self.runner.invoke(app, list(args), input=input, env=env or None)

    def ok(self, *args: str, input: str | None = None) -> Result:
        """Run and insist on success."""
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result


@pytest.fixture
def cli() -> Cli:
    return Cli()


def rows(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the journal directly, to check what a command really stored."""
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def journal_dump(db_path: Path) -> list[tuple[Any, ...]]:
    """Everything a user could lose: entries, their links, people and concepts."""
    if not db_path.exists():
        return []
    return [
        *rows(db_path, "SELECT * FROM entry ORDER BY id"),
        *rows(db_path, "SELECT * FROM entry_person ORDER BY entry_id, person_id"),
        *rows(db_path, "SELECT * FROM entry_concept ORDER BY entry_id, concept_id"),
        *rows(db_path, "SELECT * FROM person ORDER BY id"),
        *rows(db_path, "SELECT id, name FROM concept ORDER BY id"),
        *rows(db_path, "SELECT * FROM concept_alias ORDER BY id"),
    ]


def assert_user_error(result: Result, code: int, *fragments: str) -> None:
    """One line on stderr carrying ``fragments``, the exit code, no stdout, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def command_tree() -> list[tuple[tuple[str, ...], Command]]:
    """Every command and group, root first, in help order, with the words that run it."""
    found: list[tuple[tuple[str, ...], Command]] = []

    def walk(command: Command, path: tuple[str, ...], parent: Context | None) -> None:
        found.append((path, command))
        context = Context(command, info_name=(path or ("connectlog",))[-1], parent=parent)
        group: Any = command
        for name in group.list_commands(context) if hasattr(group, "list_commands") else ():
            walk(group.get_command(context, name), (*path, name), context)

    walk(typer.main.get_command(app), (), None)
    return found
