"""``connectlog review`` and ``connectlog reviews``: the week together, and the weeks before."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options

if TYPE_CHECKING:
    from connectlog.journal.reviews import Agenda

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
    from connectlog.journal.profiles import writer
    from connectlog.journal.reviews import week_agenda

    asking = markdown is None and not json
    if asking and not (interactive or sys.stdin.isatty()):
        raise typer.BadParameter(messages.REVIEW_NEEDS_TERMINAL)
    now = _context.now()
    settings = load_settings()
    period = choose_period(week=week, today=now.date(), week_start=settings.week_start)
    window = timedelta(hours=settings.review_window)
    chosen = _context.chosen_profile()
    with _context.session(write=True) as session:  # the first run makes the first profile
        you = writer(session, chosen=chosen, now=now)
        agenda = week_agenda(session, period=period, window=window, you=you)
    if asking:
        _walk_and_save(agenda)
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
        return
    from connectlog.files import write_private

    write_private(Path(markdown), text, journal=_context.location().path)
    typer.echo(messages.AGENDA_WRITTEN.format(week=period.label, path=markdown), err=True)


def _walk_and_save(agenda: Agenda) -> None:
    """Ask the questions with no transaction open, then save what was said in one."""
    from connectlog.cli._review_walk import ReviewAborted, walk
    from connectlog.journal.reviews import save_review
    from connectlog.render import console

    try:
        said = walk(agenda, show=console.show)
    except ReviewAborted as error:
        raise _context.keep_draft(error, error.text) if error.text else error from error
    with _context.session(write=True) as session:
        saved = save_review(session, agenda, said, now=_context.now())
    typer.echo(messages.REVIEW_SAVED.format(week=saved.week), err=True)


@reviews_app.callback(invoke_without_command=True)
def reviews(ctx: typer.Context, json: _options.Json = False) -> None:
    """List past reviews, the latest first."""
    if ctx.invoked_subcommand is not None:
        return
    from connectlog.journal.reviews import list_reviews

    with _context.session() as session:
        found = list_reviews(session)
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.reviews_document(found)))
        return
    if not found:
        typer.echo(messages.NO_REVIEWS, err=True)
        return
    from connectlog.render import console
    from connectlog.render.review import reviews_table

    console.show(reviews_table(found))


@reviews_app.command("show")
def show_review(
    week: Annotated[str, typer.Argument(metavar="WEEK", help="The week, e.g. 2026-W47.")],
    json: _options.Json = False,
) -> None:
    """Show what was said in one week's review."""
    from connectlog.journal.reviews import get_review

    with _context.session() as session:
        found = get_review(session, week.strip().upper())
    if json:
        from connectlog.render import json as render_json

        typer.echo(render_json.dumps(render_json.review_document(found)))
        return
    from connectlog.render import console
    from connectlog.render.review import review_view

    console.show(review_view(found))
