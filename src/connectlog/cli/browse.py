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
def show(
    numbers: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Entry numbers, as 'connectlog list' shows them, and ranges such as 3-7.",
            show_default=False,
        ),
    ],
    json: _options.Json = False,
) -> None:
    """Show entries in full: 'show 3', 'show 3 5 7', 'show 3-7'."""
    from connectlog.journal.views import numbered_entries

    wanted = [_numbered(word) for word in numbers]
    with _context.session() as session:
        views = numbered_entries(session, wanted)
    if len(numbers) == 1 and wanted[0][0] == wanted[0][1]:
        _output.present("entry", views[0], json=json)
        return
    if json:
        from connectlog.journal.types.entries import EntryStream
        from connectlog.render import json as render_json

        sys.stdout.writelines(render_json.entries_text(EntryStream(iter(views), len(views))))
        return
    from connectlog.render import console

    console.show(console.entry_details(views))


def _numbered(word: str) -> tuple[int, int]:
    """``7`` as (7, 7), ``3-7`` as (3, 7); anything else is a usage error.

    A number past any entry's is kept, for the journal to say there is no such entry.
    """
    from connectlog.journal.vocab import ENTRY_NUMBER_LIMIT

    first, dash, last = word.partition("-")
    bounds = (first, last) if dash else (first, first)
    if not all(bound.isascii() and bound.isdigit() for bound in bounds):
        raise typer.BadParameter(messages.BAD_ENTRY_NUMBER.format(word=word), param_hint="'ID...'")
    # int() of thousands of digits is refused by Python: those are past the limit anyway.
    low, high = (int(bound) if len(bound) < 21 else ENTRY_NUMBER_LIMIT + 1 for bound in bounds)
    if low > high:
        raise typer.BadParameter(messages.BAD_ENTRY_NUMBER.format(word=word), param_hint="'ID...'")
    return low, high


@app.command()
def delete(
    entry_id: _options.EntryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete an entry for good (asks first)."""
    from connectlog.journal.entries import delete_entry
    from connectlog.journal.views import get_entry

    if not yes:
        with _context.session() as session:
            view = get_entry(session, entry_id)
        question = messages.CONFIRM_DELETE.format(id=view.id, title=view.title)
        if not typer.confirm(_output.prompt_text(question), default=False, err=True):
            _output.say(messages.NOT_DELETED)  # what the user chose: not an error
            return
    with _context.session(write=True) as session:
        delete_entry(session, entry_id, now=_context.now())
    _output.say(messages.DELETED.format(id=entry_id))
