"""``connectlog --help`` lists every command with a whole sentence (issue 14)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from connectlog.cli import COMMANDS, app


def test_root_help_never_cuts_a_command_description_at_80_columns() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    listing = result.output.split("Commands:\n", 1)[1]
    assert "..." not in listing
    assert all(len(line) <= 80 for line in listing.splitlines())
    named = [line.split()[0] for line in listing.splitlines() if line[:3].strip()]
    assert named == list(COMMANDS)
    # Each description ends a sentence, on its line or the lines it wraps onto.
    for description in re.split(r"\n  (?=\S)", listing.strip("\n")):
        assert description.rstrip().endswith((".", ".)", "'")), description
