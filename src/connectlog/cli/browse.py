"""``list``, ``show``, ``edit`` and ``delete``: finding moments again and correcting them."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app()

DEFAULT_LIMIT = 20


@app.command("list")
def list_(
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="From this day on, e.g. 'monday'.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Up to and including this day.")
    ] = None,
    concept: _options.Concept = None,
    with_: _options.With = None,
    kind: Annotated[
        str | None,
        typer.Option(metavar="KIND", help="emotional or physical (each includes both), or both."),
    ] = None,
    min_closeness: Annotated[
        int | None,
        typer.Option("--min-closeness", metavar="1-5", min=1, max=5, help="Closeness at least N."),
    ] = None,
    starred: Annotated[bool, typer.Option("--starred", help="Only starred entries.")] = False,
    author: Annotated[
        str | None,
        typer.Option("--author", metavar="PROFILE", help="Only entries this profile wrote."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(metavar="WORDS", help="Words that must all appear in the text, any case."),
    ] = None,
    limit: Annotated[
        # SQLite counts in 64 bits; no journal holds a billion entries.
        int,
        typer.Option(metavar="N", min=0, max=10**9, help="Show at most N entries; 0 shows all."),
    ] = DEFAULT_LIMIT,
    json: _options.Json = False,
) -> None:
    """List entries, newest first. Every filter given must match.

    Every writer's entries, with who wrote each when more than one writes here."""
    from connectlog.journal.people import split_names
    from connectlog.journal.queries import list_lines, stream_entries
    from connectlog.journal.types.entries import EntryQuery
    from connectlog.journal.when import parse_days

    first, last = parse_days(since, until, now=_context.now())
    query = EntryQuery(
        since=first,
        until=last,
        concepts=tuple(concept or []),
        people=split_names(with_ or []),
        kind=kind,
        min_closeness=min_closeness,
        starred=starred,
        words=tuple((search or "").split()),
        limit=limit or None,
        author=author,
    )
    if json:
        from connectlog.render import json as render_json

        with _context.session() as session:
            sys.stdout.writelines(render_json.entries_text(stream_entries(session, query)))
        return
    with _context.session() as session:
        listed = list_lines(session, query)
    if not listed.lines:
        _output.say(messages.NO_ENTRIES)
        return
    from connectlog.render import listing

    listing.show(listed.lines, authors=listed.authors)
    if listed.total > len(listed.lines):
        _output.say(messages.SHOWING.format(shown=len(listed.lines), total=listed.total))


@app.command()
def show(entry_id: _options.EntryId, json: _options.Json = False) -> None:
    """Show one entry in full."""
    from connectlog.journal.views import get_entry

    with _context.session() as session:
        view = get_entry(session, entry_id)
    _output.present("entry", view, json=json)


@app.command()
def delete(
    entry_id: _options.EntryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete an entry for good (asks first)."""
    from connectlog.errors import ConnectlogError
    from connectlog.journal.entries import delete_entry
    from connectlog.journal.views import get_entry

    if not yes:
        with _context.session() as session:
            view = get_entry(session, entry_id)
        question = messages.CONFIRM_DELETE.format(id=view.id, title=view.title)
        if not typer.confirm(_output.prompt_text(question), default=False, err=True):
            raise ConnectlogError(messages.NOT_DELETED)
    with _context.session(write=True) as session:
        delete_entry(session, entry_id, now=_context.now())
    _output.say(messages.DELETED.format(id=entry_id))
