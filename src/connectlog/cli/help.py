"""``help``: the help of connectlog or of one of its commands, as ``--help`` prints it."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _options

app = _options.typer_app()


@app.command("help")
def help_(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COMMAND]...", help="A command, such as 'review' or 'reviews show'."
        ),
    ] = None,
) -> None:
    """Show how to use connectlog, or one of its commands: 'connectlog help add'."""
    from typer._click import Context
    from typer.core import TyperGroup

    context: Context = ctx.find_root()
    shown = context.command
    for name in command or []:
        found = shown.get_command(context, name) if isinstance(shown, TyperGroup) else None
        if found is None:
            raise typer.BadParameter(
                messages.NO_SUCH_COMMAND.format(name=name), param_hint="'COMMAND'"
            )
        context = Context(found, info_name=name, parent=context)
        shown = found
    typer.echo(shown.get_help(context))
