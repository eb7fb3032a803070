"""``connectlog profile``: the writers who share this journal, and partners' names for them."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options

app = _options.typer_app(
    name="profile", help="The writers of this journal: add one, list them, name aliases."
)


@app.command("add")
def add_profile(
    name: Annotated[str, typer.Argument(help="The new writer's name.")],
    alias: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="Another name entries use for them; repeatable."),
    ] = None,
    json: _options.Json = False,
) -> None:
    """Add a writer to this journal; write as them with --as NAME."""
    from connectlog.journal.profiles import add_profile as add

    with _context.session(write=True) as session:
        info = add(session, name=name, aliases=alias or [], now=_context.now())
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.profiles_document([info])))
        return
    typer.echo(messages.PROFILE_ADDED.format(name=info.name), err=True)


@app.command("list")
def list_profiles(json: _options.Json = False) -> None:
    """List the profiles: who writes here, and partners whose weeks were imported."""
    from connectlog.journal.profiles import list_profiles as listing

    with _context.session() as session:
        found = listing(session)
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.profiles_document(found)))
        return
    if not found:
        typer.echo(messages.NO_PROFILES, err=True)
        return
    from connectlog.render import console

    console.show(console.profiles_table(found))


@app.command("alias")
def alias_profile(
    name: Annotated[str, typer.Argument(help="The profile.")],
    alias: Annotated[str, typer.Argument(help="Another name for them, e.g. a nickname.")],
) -> None:
    """Let another name stand for a profile, as in a partner's @Lex for Alex."""
    from connectlog.journal.profiles import add_alias

    with _context.session(write=True) as session:
        stored, profile = add_alias(session, profile=name, alias=alias)
    typer.echo(messages.ALIAS_ADDED.format(alias=stored, name=profile), err=True)
