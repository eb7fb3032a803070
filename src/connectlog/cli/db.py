"""``connectlog db``: the journal file itself."""

from __future__ import annotations

import typer

from connectlog.cli import _context, _options

app = _options.typer_app(name="db", help="The journal file itself.", no_args_is_help=True)


@app.callback()
def db() -> None:
    """The journal file itself."""


@app.command()
def path() -> None:
    """Print which journal file (or database URL) is in use."""
    typer.echo(_context.location().describe())
