"""``connectlog concepts`` and ``concepts add``: the words entries are tagged with."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app(
    name="concepts", help="List concepts with how often each is used, or add one."
)


@app.callback(invoke_without_command=True)
def concepts(ctx: typer.Context, json: _options.Json = False) -> None:
    """List concepts with how often each was used."""
    if ctx.invoked_subcommand is not None:
        return
    from connectlog.journal.concepts import list_concepts

    with _context.session() as session:
        infos = list_concepts(session)
    _output.present("concepts", infos, json=json)


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="The new concept, one word (hyphens allowed).")],
    alias: Annotated[
        list[str] | None, typer.Option("--alias", "-a", help="Another word that finds it.")
    ] = None,
    meaning: Annotated[str, typer.Option(help="What it means to you, in a line.")] = "",
    json: _options.Json = False,
) -> None:
    """Add a concept of your own."""
    from connectlog.journal.concepts import add_concept

    with _context.session(write=True) as session:
        info = add_concept(
            session, name=name, aliases=alias or [], meaning=meaning, now=_context.now()
        )
    _output.present("concept", info, json=json, said=messages.CONCEPT_ADDED.format(name=info.name))
