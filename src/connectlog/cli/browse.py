"""``list``, ``show``, ``edit`` and ``delete``: finding moments again and correcting them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryQuery

app = _options.typer_app()

DEFAULT_LIMIT = 20
#: How many entries 'read' shows unless told: about a week of them.
READ_LIMIT = 10


@app.command("list")
def list_(
    ctx: typer.Context,
    since: _options.Since = None,
    until: _options.Until = None,
    on: _options.On = None,
    concept: _options.Concept = None,
    with_: _options.WithAll = None,
    with_any: _options.WithAny = None,
    kind: _options.KindFilter = None,
    touch: _options.Touch = None,
    min_closeness: _options.MinCloseness = None,
    max_closeness: _options.MaxCloseness = None,
    initiated_by: _options.InitiatedBy = None,
    response: _options.Response = None,
    starred: _options.Starred = False,
    appreciation: _options.Appreciation = False,
    private: _options.Private = None,
    author: _options.Author = None,
    search: _options.Search = None,
    limit: _options.Limit = DEFAULT_LIMIT,
    json: _options.Json = False,
) -> None:
    """List entries, newest first. Every filter given must match.

    Every writer's entries, with who wrote each when more than one writes here."""
    from connectlog.journal.queries import list_lines, stream_entries

    query = _query(ctx.params)
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

    listing.show(listed.lines, authors=listed.authors, marked=query.words)
    if listed.total > len(listed.lines):
        _output.say(messages.SHOWING.format(shown=len(listed.lines), total=listed.total))


@app.command()
def read(
    ctx: typer.Context,
    since: _options.Since = None,
    until: _options.Until = None,
    on: _options.On = None,
    concept: _options.Concept = None,
    with_: _options.WithAll = None,
    with_any: _options.WithAny = None,
    kind: _options.KindFilter = None,
    touch: _options.Touch = None,
    min_closeness: _options.MinCloseness = None,
    max_closeness: _options.MaxCloseness = None,
    initiated_by: _options.InitiatedBy = None,
    response: _options.Response = None,
    starred: _options.Starred = False,
    appreciation: _options.Appreciation = False,
    private: _options.Private = None,
    author: _options.Author = None,
    search: _options.Search = None,
    limit: _options.Limit = READ_LIMIT,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Print straight to the terminal, never a pager.")
    ] = False,
) -> None:
    """Read entries whole, as a diary: oldest to newest, under their days.

    The newest N (--limit) of the entries the filters find, like 'list'. On a
    terminal, what is longer than the screen goes through $PAGER (else 'less -FRX')."""
    from connectlog.journal.queries import stream_entries, writer_names

    query = _query(ctx.params)
    with _context.session() as session:
        stream = stream_entries(session, query, oldest_first=True)
        if not stream.total:
            _output.say(messages.NO_ENTRIES)
            return
        from connectlog.render import diary

        several = len(writer_names(session)) > 1
        # The search's words are highlighted at a terminal.
        shown = diary.entries(stream.entries, marked=query.words, authored=several)
        _output.paged(shown, pager=not no_pager)
    if stream.total > (limit or stream.total):
        _output.say(messages.SHOWING.format(shown=limit, total=stream.total))


def _query(given: dict[str, Any]) -> EntryQuery:
    """The filters of 'list' and 'read' (their parameters, by name), read as one query.

    What EntryQuery takes as it is (kind, touch, closeness, marks, author) is
    checked against the vocabulary as the query is made.
    """
    from connectlog.journal.people import split_names
    from connectlog.journal.types.entries import EntryQuery
    from connectlog.journal.when import parse_days

    chosen = {name: value for name, value in given.items() if name not in ("json", "no_pager")}
    since, until, on = chosen.pop("since"), chosen.pop("until"), chosen.pop("on")
    with_, with_any = chosen.pop("with_"), chosen.pop("with_any")
    concepts, search, limit = chosen.pop("concept"), chosen.pop("search"), chosen.pop("limit")
    if on is not None:
        if since is not None or until is not None:
            raise typer.BadParameter(messages.ON_WITH_SPAN, param_hint="'--on'")
        since = until = on
    first, last = parse_days(since, until, now=_context.now())
    return EntryQuery(
        since=first,
        until=last,
        concepts=tuple(concepts or []),
        people=split_names(with_ or []),
        any_people=split_names(with_any or []),
        words=tuple((search or "").split()),
        limit=limit or None,
        **chosen,
    )


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
