"""The ``connectlog`` command: the root options, and where each command lives.

A run imports only the module of the command it runs (see ``_lazy``), and
command modules import only Typer at load time; SQLAlchemy, Rich and
dateparser load inside the commands that need them, so --help is instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from typing import Annotated, Any, ClassVar

import typer
from typer._click import Command, Context, HelpFormatter
from typer.core import TyperOption

from connectlog import __version__, messages
from connectlog.cli import _context, _lazy
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

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Each command with the first sentence of its help, whole, wrapped if it is long."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=WHOLE_SENTENCE)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """The root's; a completion option with no shell after it is for ``$SHELL``'s."""
        return super().parse_args(ctx, _shell_for_completion_options(args))

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        """Answer a shell's Tab when ``$_CONNECTLOG_COMPLETE`` says one is asking."""
        instruction = os.environ.get(COMPLETE_VAR)
        if not instruction:
            return
        from connectlog.cli._completion import respond

        sys.exit(respond(self, ctx_args, instruction))


#: Click cuts a command's description in the root's list at the width left;
#: this long a limit keeps its first sentence whole (the list wraps it instead).
WHOLE_SENTENCE = 1_000
#: The variable a completion script sets (cli/_completion.py).
COMPLETE_VAR = "_CONNECTLOG_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
COMPLETION_OPTIONS = ("--show-completion", "--install-completion")


def _shell_for_completion_options(args: list[str]) -> list[str]:
    """``args`` with ``auto`` after a bare --show-completion or --install-completion.

    Typer's options take a value or none, never an optional one, so the root's
    options (up to the command's name) are read here: a completion option that
    the next word does not name a shell for gets ``auto``.
    """
    given = list(args)
    index = 0
    while index < len(given) and given[index].startswith("-") and given[index] != "--":
        word = given[index]
        if word in ("--db", "--as"):
            index += 1  # its value
        elif word in COMPLETION_OPTIONS:
            following = given[index + 1] if index + 1 < len(given) else None
            if following is None or following.startswith("-"):
                given.insert(index + 1, "auto")
            index += 1
        index += 1
    return given


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


def _completion_option(ctx: Context, param: Any, value: str | None) -> None:
    """``--show-completion [SHELL]`` and ``--install-completion [SHELL]``: do it, and exit."""
    if value is None or ctx.resilient_parsing:
        return
    from connectlog.cli import _completion

    shell = _completion.detected_shell() if value == "auto" else value
    if shell is None:
        raise typer.BadParameter(messages.COMPLETION_NO_SHELL, ctx=ctx, param=param)
    if shell not in SHELLS:
        raise typer.BadParameter(
            messages.COMPLETION_SHELL.format(shell=shell), ctx=ctx, param=param
        )
    if param.name == "show_completion":
        _completion.show(shell)
    else:
        from pathlib import Path

        script, rc = _completion.install(shell, Path.home())
        where = f"{script}" if rc is None else f"{script}, loaded from {rc}"
        from connectlog.cli._output import say

        say(messages.COMPLETION_INSTALLED.format(shell=shell, where=where))
    raise typer.Exit()


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
            autocompletion=_lazy.complete_profiles,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of bugs.")] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            is_eager=True,
            expose_value=False,
            callback=_completion_option,
            help="Print the completion script for bash, zsh or fish (default: $SHELL's).",
        ),
    ] = None,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            is_eager=True,
            expose_value=False,
            callback=_completion_option,
            help="Set up completion for bash, zsh or fish (default: $SHELL's) in your home.",
        ),
    ] = None,
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
