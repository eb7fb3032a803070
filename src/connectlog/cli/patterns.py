"""``summary``, ``trends`` and ``calendar``: the patterns a journal shows over time.

Each describes the current profile's moments (``--as``, the config), another
writer's with ``--author``, or everyone's with ``--together``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from connectlog.cli import _context, _options, _output

if TYPE_CHECKING:
    from connectlog.journal.types.patterns import Scope

app = _options.typer_app()

Person = Annotated[
    str | None,
    typer.Option(
        "--with",
        "-w",
        metavar="NAME",
        help="Only moments with this person.",
        autocompletion=_options.complete_people,
    ),
]
Author = Annotated[
    str | None,
    typer.Option(
        "--author", metavar="PROFILE", help="This profile's moments instead of the current one's."
    ),
]
Together = Annotated[
    bool,
    typer.Option(
        "--together",
        help="Everyone's moments, not only yours: a moment you both logged counts once.",
    ),
]


def _scope(person: str | None, author: str | None, together: bool, window: float) -> Scope:
    from datetime import timedelta

    from connectlog.journal.types.patterns import Scope

    return Scope(
        person=person,
        author=author,
        together=together,
        chosen=_context.chosen_profile(),
        window=timedelta(hours=window),
    )


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
    together: Together = False,
    json: _options.Json = False,
) -> None:
    """Sum up a period beside the one before it: this week unless told otherwise.

    Your own moments (the current profile's); --together sums up everyone's,
    with "reached out" and streaks given for each of you."""
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
        scope = _scope(with_, author, together, settings.review_window)
        result = patterns.summary(session, period=period, today=now.date(), scope=scope)
    _output.present("summary", result, json=json)


@app.command()
def trends(
    weeks: Annotated[
        int, typer.Option(metavar="N", min=2, max=520, help="How many weeks, ending this one.")
    ] = 12,
    with_: Person = None,
    author: Author = None,
    together: Together = False,
    json: _options.Json = False,
) -> None:
    """Week-by-week sparklines of every figure, concept and person, and where each is heading.

    Your own moments (the current profile's); --together shows everyone's."""
    from connectlog.config import load_settings
    from connectlog.journal import patterns

    today = _context.now().date()
    settings = load_settings()
    with _context.session() as session:
        result = patterns.week_trends(
            session,
            weeks=weeks,
            today=today,
            week_start=settings.week_start,
            scope=_scope(with_, author, together, settings.review_window),
        )
    _output.present("trends", result, json=json)


@app.command()
def calendar(
    year: Annotated[
        # Years 1 and 9999 have no week around their first and last days to draw.
        int | None, typer.Option(metavar="YEAR", min=2, max=9998, help="Default: this year.")
    ] = None,
    with_: Person = None,
    author: Author = None,
    together: Together = False,
    json: _options.Json = False,
) -> None:
    """A heatmap of a year: the days you wrote, shaded by how close they felt.

    Your own days (the current profile's); --together shades everyone's."""
    from connectlog.config import load_settings
    from connectlog.journal import patterns

    settings = load_settings()
    with _context.session() as session:
        result = patterns.year_heatmap(
            session,
            year=year or _context.now().year,
            week_start=settings.week_start,
            scope=_scope(with_, author, together, settings.review_window),
        )
    _output.present("calendar", result, json=json)
