"""``summary``, ``trends`` and ``calendar``: the patterns a journal shows over time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from connectlog.cli import _context, _options

if TYPE_CHECKING:
    from connectlog.journal.patterns import Scope

app = _options.typer_app()

Person = Annotated[
    str | None, typer.Option("--with", "-w", metavar="NAME", help="Only moments with this person.")
]
Author = Annotated[
    str | None, typer.Option("--author", metavar="PROFILE", help="Only moments this profile wrote.")
]


def _scope(person: str | None, author: str | None) -> Scope:
    from connectlog.journal.patterns import Scope

    return Scope(person=person, author=author)


@app.command()
def summary(
    week: Annotated[
        str | None,
        typer.Option(metavar="WEEK", help="An ISO week (2026-W47), 'this' or 'last'."),
    ] = None,
    month: Annotated[
        str | None, typer.Option(metavar="MONTH", help="A month (2026-11), 'this' or 'last'.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="From this day on, e.g. '1 nov'.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Up to and including this day.")
    ] = None,
    with_: Person = None,
    author: Author = None,
    json: _options.Json = False,
) -> None:
    """Sum up a period beside the one before it: this week unless told otherwise."""
    from connectlog.config import load_settings
    from connectlog.journal import patterns
    from connectlog.journal.when import parse_day

    now = _context.now()
    settings = load_settings()
    period = patterns.choose_period(
        week=week,
        month=month,
        since=parse_day(since, now=now) if since else None,
        until=parse_day(until, now=now) if until else None,
        today=now.date(),
        week_start=settings.week_start,
    )
    with _context.session() as session:
        result = patterns.summary(
            session, period=period, today=now.date(), scope=_scope(with_, author)
        )
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.summary_document(result)))
        return
    from connectlog.render import console
    from connectlog.render import patterns as render

    console.show(render.summary(result))


@app.command()
def trends(
    weeks: Annotated[
        int, typer.Option(metavar="N", min=2, max=520, help="How many weeks, ending this one.")
    ] = 12,
    with_: Person = None,
    author: Author = None,
    json: _options.Json = False,
) -> None:
    """Week-by-week sparklines of every figure, concept and person, and where each is heading."""
    from connectlog.config import load_settings
    from connectlog.journal import patterns

    today = _context.now().date()
    week_start = load_settings().week_start
    with _context.session() as session:
        result = patterns.week_trends(
            session, weeks=weeks, today=today, week_start=week_start, scope=_scope(with_, author)
        )
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.trends_document(result)))
        return
    from connectlog.render import console
    from connectlog.render import patterns as render

    console.show(render.trends(result))


@app.command()
def calendar(
    year: Annotated[
        int | None, typer.Option(metavar="YEAR", min=1, max=9999, help="Default: this year.")
    ] = None,
    with_: Person = None,
    author: Author = None,
    json: _options.Json = False,
) -> None:
    """A heatmap of a year: the days you wrote, shaded by how close they felt."""
    from connectlog.config import load_settings
    from connectlog.journal import patterns

    week_start = load_settings().week_start
    with _context.session() as session:
        result = patterns.year_heatmap(
            session,
            year=year or _context.now().year,
            week_start=week_start,
            scope=_scope(with_, author),
        )
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.calendar_document(result)))
        return
    from connectlog.render import console
    from connectlog.render import patterns as render

    console.show(render.calendar(result))
