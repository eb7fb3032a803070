"""``connectlog review`` and ``connectlog reviews``: the week together, and the weeks before."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from connectlog.journal.types.reviews import ReviewView

app = _options.typer_app()
reviews_app = _options.typer_app(
    name="reviews", help="Past reviews: list them, or show one week's."
)


@app.command()
def review(
    week: Annotated[
        str, typer.Option(metavar="WEEK", help="An ISO week (2026-W47), 'this' or 'last'.")
    ] = "this",
    markdown: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Write the agenda as Markdown instead; - for stdout."),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option("--interactive", help="Ask the questions even when stdin is not a terminal."),
    ] = False,
    json: _options.Json = False,
) -> None:
    """Review a week together: appreciations, what went right, two views of one moment,
    one thing to talk about, and intentions for next week. What you say is saved."""
    from connectlog.config import load_settings
    from connectlog.journal.patterns import choose_period
    from connectlog.journal.profiles import reader, refuse_partner
    from connectlog.journal.reviews import week_agenda

    asking = markdown is None and not json
    if asking and not (interactive or sys.stdin.isatty()):
        raise typer.BadParameter(messages.REVIEW_NEEDS_TERMINAL)
    now = _context.now()
    settings = load_settings()
    period = choose_period(week=week, today=now.date(), week_start=settings.week_start)
    window = timedelta(hours=settings.review_window)
    chosen = _context.chosen_profile()
    with _context.session() as session:  # the agenda only reads
        you = reader(session, chosen=chosen)
        if asking and chosen:  # refused before the questions, not after them
            refuse_partner(session, chosen=chosen)
        agenda = week_agenda(session, period=period, window=window, you=you)
        saved = _saved(session, period.label) if asking else None
    if asking:
        from connectlog.cli._review_drafts import walk_and_save

        walk_and_save(agenda, chosen=chosen, saved=saved)
        return
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.agenda_document(agenda)))
        return
    from connectlog.render.review import agenda_markdown

    assert markdown is not None
    text = agenda_markdown(agenda)
    if markdown == "-":
        typer.echo(text, nl=False)
        _context.say_not_encrypted(markdown)
        return
    from connectlog.files import write_private

    write_private(Path(markdown), text, journal=_context.location().path)
    _output.say(messages.AGENDA_WRITTEN.format(week=period.label, path=markdown))
    _context.say_not_encrypted(markdown)


def _saved(session: Connection, week: str) -> ReviewView | None:
    """The week's review so far, if it has one."""
    from connectlog.errors import NotFoundError
    from connectlog.journal.reviews import get_review

    try:
        return get_review(session, week)
    except NotFoundError:
        return None


@reviews_app.callback(invoke_without_command=True)
def reviews(ctx: typer.Context, json: _options.Json = False) -> None:
    """List past reviews, the latest first."""
    if ctx.invoked_subcommand is not None:
        return
    from connectlog.journal.reviews import list_reviews

    with _context.session() as session:
        found = list_reviews(session)
    _output.present("reviews", found, json=json, empty=messages.NO_REVIEWS)


@reviews_app.command("show")
def show_review(
    week: Annotated[
        str,
        typer.Argument(metavar="WEEK", help="The week: an ISO week (2026-W47), 'this' or 'last'."),
    ],
    json: _options.Json = False,
) -> None:
    """Show what was said in one week's review.

    Each note is shown with the question it answers.
    """
    from connectlog.config import load_settings
    from connectlog.journal.patterns import choose_period
    from connectlog.journal.reviews import get_review

    today = _context.now().date()
    period = choose_period(week=week, today=today, week_start=load_settings().week_start)
    with _context.session() as session:
        found = get_review(session, period.label)
    _output.present("review", found, json=json)
