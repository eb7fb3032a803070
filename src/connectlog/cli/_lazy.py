"""A command group that imports a command's module only when that command runs.

Typer turns every command's signature into Click parameters on every run;
doing it for the one command asked for, not all twenty, keeps start-up
short. ``--help`` still lists them all.
"""

# No ``from __future__ import annotations``: Typer reads the completion hooks'
# annotations on every run that builds a command using them, and real objects
# are read three times faster than strings to evaluate.

import importlib
from difflib import get_close_matches
from typing import Any, ClassVar

import typer.main
from typer._click import Command, Context
from typer._click.exceptions import UsageError
from typer.core import TyperGroup


class LazyGroup(TyperGroup):
    """Commands named in :attr:`lazy_commands`: name -> ``module`` or ``module:attribute``.

    The attribute (``app`` unless named) is a Typer app holding the command,
    or a group of that name.
    """

    lazy_commands: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        return [*self.lazy_commands, *super().list_commands(ctx)]

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """Typer's, with "did you mean" drawn from every command, loaded or not."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            close = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if close and "Did you mean" not in error.message:
                suggestions = ", ".join(repr(name) for name in close)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = target.partition(":")
        typer_app = getattr(importlib.import_module(module), attribute or "app")
        command: Any = typer.main.get_command(typer_app)
        if isinstance(command, TyperGroup) and command.name != cmd_name:
            command = command.commands[cmd_name]
        assert isinstance(command, Command) and command.name == cmd_name, (cmd_name, command)
        return command


# Completion callbacks for options that take a journal's names. Each loads the
# completion code only when a shell asks (cli/_completion.py).


def complete_concepts(ctx: Context, incomplete: str) -> list[str]:
    """The journal's concepts that start ``incomplete``, for shell completion."""
    from connectlog.cli._completion import concepts

    return concepts(ctx, incomplete)


def complete_people(ctx: Context, incomplete: str) -> list[str]:
    """The journal's people that start ``incomplete``, for shell completion."""
    from connectlog.cli._completion import people

    return people(ctx, incomplete)


def complete_profiles(ctx: Context, incomplete: str) -> list[str]:
    """The journal's profiles that start ``incomplete``, for shell completion."""
    from connectlog.cli._completion import profiles

    return profiles(ctx, incomplete)
