"""The single exit point: help everywhere, usage errors, connectlog's errors and bugs."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import typer.main
from sqlalchemy.exc import IntegrityError
from typer._click import Command

import connectlog.storage.store
from connectlog import __version__
from connectlog.cli import _output
from connectlog.cli._errors import EXIT_BUG
from connectlog.errors import InvalidInputError, StorageError
from tests.conftest import Cli, assert_user_error, command_tree

ALL_COMMANDS = command_tree()


def command_id(item: tuple[tuple[str, ...], Command]) -> str:
    return " ".join(("connectlog", *item[0]))


@pytest.fixture
def failing_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """Make opening the journal raise whatever the test puts in the list."""
    raised: list[BaseException] = []

    def open_journal(*args: object, **kwargs: object) -> None:
        raise raised[0]

    monkeypatch.setattr(connectlog.storage.store, "open_journal", open_journal)
    yield raised


# --- help ------------------------------------------------------------------------------


def test_there_are_commands_to_check() -> None:
    names = {" ".join(path) for path, _ in ALL_COMMANDS}
    assert {"add", "list", "db", "db path"} <= names


@pytest.mark.parametrize("item", ALL_COMMANDS, ids=command_id)
def test_every_command_has_help_text(item: tuple[tuple[str, ...], Command]) -> None:
    path, command = item
    assert (command.help or "").strip(), path


@pytest.mark.parametrize("item", ALL_COMMANDS, ids=command_id)
def test_every_option_and_argument_is_explained(item: tuple[tuple[str, ...], Command]) -> None:
    path, command = item
    for parameter in command.params:
        assert (getattr(parameter, "help", None) or "").strip(), (path, parameter.name)


@pytest.mark.parametrize("item", ALL_COMMANDS, ids=command_id)
def test_every_command_answers_help(cli: Cli, item: tuple[tuple[str, ...], Command]) -> None:
    path, command = item
    result = cli.ok(*path, "--help")
    assert result.stdout.startswith(f"Usage: {' '.join(('connectlog', *path))} ")
    assert (command.help or "").split()[0] in result.stdout
    assert result.stderr == ""


def test_short_h_is_help_too(cli: Cli) -> None:
    assert cli.ok("-h").stdout == cli.ok("--help").stdout


@pytest.mark.parametrize("args", [(), ("db",)], ids=["connectlog", "connectlog db"])
def test_a_group_without_a_command_shows_its_help_as_a_usage_error(
    cli: Cli, args: tuple[str, ...]
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Usage: {' '.join(('connectlog', *args))} ")
    assert "Commands:" in result.stderr
    assert len(result.stderr.splitlines()) > 3  # the help itself, not squeezed into one line
    assert "Error" not in result.stderr


# --- version -----------------------------------------------------------------------------


def test_version_prints_the_name_and_version(cli: Cli, db_path: Path) -> None:
    result = cli.ok("--version")
    assert re.fullmatch(r"connectlog \d+\.\d+\.\d+\n", result.stdout)
    assert result.stdout == f"connectlog {__version__}\n"
    assert result.stderr == ""
    assert not db_path.exists()


# --- usage errors: exit 2, one line -------------------------------------------------------


USAGE_ERRORS = [
    (("nope",), ("No such command 'nope'", "see 'connectlog --help'")),
    (("lsit",), ("No such command 'lsit'", "Did you mean 'list'?")),
    (("--nope",), ("No such option: --nope", "see 'connectlog --help'")),
    (("list", "--nope"), ("No such option: --nope", "see 'connectlog list --help'")),
    (("db", "nope"), ("No such command 'nope'", "see 'connectlog db --help'")),
    (("db", "path", "extra"), ("unexpected extra argument",)),
    (("list", "--limit", "many"), ("'--limit'",)),
    (("show",), ("Missing argument",)),
    (("--db",), ("'--db' requires an argument",)),
]


@pytest.mark.parametrize(
    ("args", "fragments"), USAGE_ERRORS, ids=[" ".join(args) for args, _ in USAGE_ERRORS]
)
def test_bad_usage_exits_2_with_one_line(
    cli: Cli, db_path: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    result = cli(*args)
    assert_user_error(result, 2, "Error: ", *fragments)
    assert not db_path.exists()


# --- connectlog's own errors -------------------------------------------------------------


def test_a_connectlog_error_is_one_line_and_exit_1(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(StorageError("The journal is on a disk that went away."))
    result = cli("list")
    assert_user_error(result, 1, "Error: The journal is on a disk that went away.")


def test_an_invalid_input_error_exits_2(cli: Cli, failing_open: list[BaseException]) -> None:
    failing_open.append(InvalidInputError("That is not a date."))
    assert_user_error(cli("list"), 2, "Error: That is not a date.")


def test_an_error_message_over_several_lines_is_kept_to_one(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(StorageError("The journal could not be read\n(disk I/O error)."))
    assert_user_error(cli("list"), 1, "could not be read (disk I/O error).")


# --- bugs and interrupts -----------------------------------------------------------------


def test_an_unexpected_exception_is_reported_as_a_bug_without_a_traceback(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(RuntimeError("the flux capacitor is empty"))
    result = cli("list")
    assert_user_error(
        result, EXIT_BUG, "bug", "RuntimeError: the flux capacitor is empty", "--debug"
    )
    assert EXIT_BUG == 70


def test_a_bug_over_several_lines_is_still_one_line(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(ValueError("first\nsecond"))
    assert_user_error(cli("add", "Hugged Sam"), EXIT_BUG, "ValueError: first second")


def test_a_database_bug_names_the_drivers_reason_not_the_statement(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(
        IntegrityError(
            "INSERT INTO entry (text) VALUES (?)",
            ("my private words",),
            sqlite3.IntegrityError("UNIQUE constraint failed: entry.uuid"),
        )
    )
    result = cli("list")
    assert_user_error(result, EXIT_BUG, "IntegrityError: UNIQUE constraint failed: entry.uuid")
    assert "INSERT" not in result.stderr
    assert "my private words" not in result.stderr


def test_debug_shows_the_traceback_of_a_bug_on_stderr(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(RuntimeError("the flux capacitor is empty"))
    result = cli("--debug", "list")
    assert result.exit_code == EXIT_BUG
    assert result.stdout == ""
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "RuntimeError: the flux capacitor is empty" in result.stderr
    assert "bug" in result.stderr.strip().splitlines()[-1]


def test_debug_does_not_stay_on_for_the_next_run(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(RuntimeError("the flux capacitor is empty"))
    assert "Traceback" in cli("--debug", "list").stderr
    assert_user_error(cli("list"), EXIT_BUG, "bug")


def test_db_and_as_hold_for_their_own_run_only(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert cli("--db", str(other), "profile", "add", "Sam").exit_code == 0
    assert cli("--db", str(other), "--as", "Sam", "add", "In the other journal").exit_code == 0
    assert cli("add", "In the usual journal").exit_code == 0
    listed = cli("list", "--json")
    assert [entry["text"] for entry in json.loads(listed.stdout)["entries"]] == [
        "In the usual journal"
    ]
    assert json.loads(listed.stdout)["entries"][0]["author"] != "Sam"
    assert db_path.exists() and other.exists()


def test_debug_shows_no_traceback_for_a_users_error(
    cli: Cli, failing_open: list[BaseException]
) -> None:
    failing_open.append(StorageError("The journal is on a disk that went away."))
    assert_user_error(cli("--debug", "list"), 1, "went away")


def test_ctrl_c_exits_130_without_a_traceback(cli: Cli, failing_open: list[BaseException]) -> None:
    failing_open.append(KeyboardInterrupt())
    result = cli("list")
    assert result.exit_code == 130
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_abort_exits_1_saying_nothing_changed(cli: Cli, failing_open: list[BaseException]) -> None:
    failing_open.append(typer.Abort())
    assert_user_error(cli("list"), 1, "nothing was changed")


@pytest.mark.parametrize("kind", sorted(_output.SHAPES))
def test_every_result_names_a_document_and_a_view_that_exist(kind: str) -> None:
    import importlib

    from connectlog.render import json as render_json

    document, module, view = _output.SHAPES[kind]
    assert callable(getattr(render_json, document))
    assert callable(getattr(importlib.import_module(f"connectlog.render.{module}"), view))
