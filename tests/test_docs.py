"""The docs match the program: the CLI reference is the --help text, and README examples run.

Regenerate docs/cli.md after changing help text with:
    CONNECTLOG_WRITE_DOCS=1 pytest tests/test_docs.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer._click import Command
from typer.testing import CliRunner

from connectlog.cli import app
from tests.conftest import command_tree

ROOT = Path(__file__).resolve().parent.parent
CLI_DOC = ROOT / "docs" / "cli.md"


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as argument lists, in help order."""
    return [list(path) for path, _ in command_tree()]


def render_reference() -> str:
    runner = CliRunner()
    parts = [
        "# Command reference\n",
        "Generated from `connectlog --help` by `tests/test_docs.py`; do not edit by hand.\n",
    ]
    for path in command_paths():
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        title = " ".join(["connectlog", *path])
        parts.append(f"## {title}\n\n```\n{result.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


def test_cli_reference_matches_help_text() -> None:
    expected = render_reference()
    if os.environ.get("CONNECTLOG_WRITE_DOCS"):
        CLI_DOC.write_text(expected, encoding="utf-8")
    assert CLI_DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is out of date; run CONNECTLOG_WRITE_DOCS=1 pytest tests/test_docs.py"
    )


@pytest.mark.parametrize("item", command_tree()[1:], ids=lambda item: " ".join(item[0]))
def test_every_command_has_help_text(item: tuple[tuple[str, ...], Command]) -> None:
    path, command = item
    assert (command.help or "").strip(), f"connectlog {' '.join(path)} has no help text"
