"""The ``connectlog`` command: the root options, and where each command lives.

A run imports only the module of the command it runs (see ``_lazy``), and
command modules import only Typer at load time; SQLAlchemy, Rich and
dateparser load inside the commands that need them, so --help is instant.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

import typer
from typer._click import Command, Context
from typer.core import TyperOption

from connectlog import __version__, messages
from connectlog.cli import _context
from connectlog.cli._context import Settings
from connectlog.cli._errors import ConnectlogGroup

#: Every command, in the order --help lists them, and the module that defines it.
COMMANDS = {
    "add": "capture",
    "list": "browse",
    "read": "browse",
    "show": "browse",
    "edit": "correct",
    "delete": "browse",
    "summary": "patterns",
    "trends": "patterns",
    "calendar": "patterns",
    "remember": "reflect",
    "prompt": "reflect",
    "learn": "learn",
    "concepts": "concepts",
    "people": "people",
    "profile": "profiles",
    "share": "share",
    "review": "review",
    "reviews": "review:reviews_app",
    "export": "export",
    "import": "imports",
    "backup": "backup",
    "restore": "backup",
    "doctor": "doctor",
    "schema": "schema",
    "init": "encryption",
    "encrypt": "encryption",
    "decrypt": "encryption",
    "passphrase": "encryption",
    "db": "db",
    "help": "help",
}


class RootGroup(ConnectlogGroup):
    lazy_commands: ClassVar[dict[str, str]] = {
        name: f"connectlog.cli.{module}" for name, module in COMMANDS.items()
    }

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        """The command, taking ``--as NAME`` after its name as well as before it."""
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _take_profile_after(command)
        return command


def _take_profile_after(command: Command) -> None:
    """Give ``command`` (and a group's commands) a hidden ``--as``: the root's, after the name."""
    if any("--as" in getattr(param, "opts", ()) for param in command.params):
        return
    command.params.append(
        TyperOption(
            param_decls=["--as"],
            metavar="NAME",
            expose_value=False,
            hidden=True,
            callback=_profile_after,
            help="The profile to write, share and review as (as before the command).",
        )
    )
    for sub in getattr(command, "commands", {}).values():
        _take_profile_after(sub)


def _profile_after(ctx: Context, _param: object, value: str | None) -> None:
    if value is None:
        return
    from connectlog.cli._input import check_value

    check_value(value, hint="--as")  # as the root's own --as is
    settings = ctx.ensure_object(Settings)
    if settings.profile is not None and settings.profile != value:
        raise typer.BadParameter(
            messages.AS_TWICE.format(before=settings.profile, after=value), param_hint="'--as'"
        )
    settings.profile = value


app = typer.Typer(
    cls=RootGroup,
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
    ctx: typer.Context,
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
    settings = ctx.ensure_object(Settings)
    settings.db, settings.profile, settings.debug = db_path, profile, debug
    # An encrypted journal's passphrase is asked for when one is opened, once this run.
    ctx.with_resource(_context.unlocked())


def main() -> None:
    """The console script's entry point."""
    app()
