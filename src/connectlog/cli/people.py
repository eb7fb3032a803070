"""``connectlog people``: who entries are with, renaming and merging them."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app(
    name="people", help="List people with their entry counts; rename or merge."
)


@app.callback(invoke_without_command=True)
def people(ctx: typer.Context, json: _options.Json = False) -> None:
    """List people with how many entries each is in."""
    if ctx.invoked_subcommand is not None:
        return
    from connectlog.journal.people import list_people

    with _context.session() as session:
        found = list_people(session)
    _output.present("people", found, json=json, empty=messages.NO_PEOPLE)


@app.command()
def rename(
    old: Annotated[
        str, typer.Argument(help="Their name now.", autocompletion=_options.complete_people)
    ],
    new: Annotated[str, typer.Argument(help="The name to use from now on.")],
) -> None:
    """Rename someone in every entry."""
    from connectlog.journal.people import rename_person

    with _context.session(write=True) as session:
        name = rename_person(session, old=old, new=new, now=_context.now())
    _output.say(messages.RENAMED.format(old=old, new=name))


@app.command()
def merge(
    source: Annotated[
        str,
        typer.Argument(
            help="The name to fold in (it disappears).", autocompletion=_options.complete_people
        ),
    ],
    target: Annotated[
        str, typer.Argument(help="The name to keep.", autocompletion=_options.complete_people)
    ],
) -> None:
    """Make two names one person: SOURCE's entries move to TARGET."""
    from connectlog.journal.people import merge_people

    with _context.session(write=True) as session:
        info = merge_people(session, source=source, target=target, now=_context.now())
    _output.say(messages.MERGED.format(source=source, target=info.name, count=info.count))
