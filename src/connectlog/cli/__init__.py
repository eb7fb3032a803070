"""The ``connectlog`` command: the root options, and every command group mounted on it.

Command modules import only Typer at load time; SQLAlchemy, Rich and
dateparser load inside the commands that need them, so --help is instant.
"""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import __version__
from connectlog.cli import (
    browse,
    capture,
    concepts,
    correct,
    db,
    learn,
    patterns,
    people,
    profiles,
    reflect,
    review,
    share,
)
from connectlog.cli._context import state
from connectlog.cli._errors import ConnectlogGroup

app = typer.Typer(
    cls=ConnectlogGroup,
    rich_markup_mode=None,
    name="connectlog",
    help="A private journal for moments of connection: capture them, find them, see patterns.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"connectlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db_path: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="The journal file to use (default: $CONNECTLOG_DB, else your user data folder).",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="NAME",
            help="The profile to write, share and review as (default: $CONNECTLOG_PROFILE, "
            "the config file, else the journal's first profile).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of bugs.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """A private journal for moments of connection: capture them, find them, see patterns."""
    state.db = db_path
    state.profile = profile
    state.debug = debug


for module in (capture, browse, correct, learn, patterns, reflect, review):
    app.add_typer(module.app)
for group in (concepts.app, people.app, profiles.app, share.app, review.reviews_app, db.app):
    app.add_typer(group)


def main() -> None:
    """The console script's entry point."""
    app()
