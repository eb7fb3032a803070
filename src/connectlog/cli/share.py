"""``connectlog share``: send a week to a partner's journal, and take theirs in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

if TYPE_CHECKING:
    from datetime import datetime

    from connectlog.analytics.periods import Period

#: The longest span --weeks takes: ten years.
MOST_WEEKS = 520

app = _options.typer_app(
    name="share", help="Exchange weeks with a partner's journal; private entries never leave."
)


@app.command("export")
def export_span(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write the bundle; - for stdout."
        ),
    ],
    week: Annotated[
        str | None,
        typer.Option(metavar="WEEK", help="An ISO week (2026-W47), 'this' or 'last'; the default."),
    ] = None,
    weeks: Annotated[
        int | None,
        typer.Option(metavar="N", help="The last N weeks, this one included."),
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Every day from this one to today.")
    ] = None,
) -> None:
    """Write your non-private entries of a span as a bundle for your partner to import,
    with what you deleted or made private since and the reviews of those weeks."""
    from connectlog.config import load_settings
    from connectlog.errors import ConnectlogError
    from connectlog.journal.profiles import existing_writer
    from connectlog.journal.sharing import export_span as bundle_of
    from connectlog.journal.sharing import span_words

    now = _context.now()
    period = _span(
        week=week, weeks=weeks, since=since, now=now, week_start=load_settings().week_start
    )
    chosen = _context.chosen_profile()
    with _context.session() as session:  # a bundle only reads
        profile = existing_writer(session, chosen=chosen)
        if profile is None:
            raise ConnectlogError(messages.NOTHING_TO_SHARE)
        shared = bundle_of(session, profile=profile, period=period, now=now)
        name = profile.name
    if output == "-":
        from connectlog.render.terminal import json_escaped

        typer.echo(json_escaped(shared.text), nl=False)  # the same bundle, with nothing raw
        _context.say_not_encrypted(output)
        return
    from connectlog.files import write_private

    write_private(Path(output), shared.text, journal=_context.location().path)
    shown = messages.SHARED.format(
        entries=messages.count(shared.count, "entry", "entries"),
        name=name,
        span=span_words(period.label),
        path=output,
    )
    _output.say(shown)
    _context.say_not_encrypted(output)


def _span(
    *, week: str | None, weeks: int | None, since: str | None, now: datetime, week_start: int
) -> Period:
    """The days the options name: a week (this one by default), the last N weeks, or a run."""
    from connectlog.analytics import periods
    from connectlog.journal.patterns import choose_period

    if sum(option is not None for option in (week, weeks, since)) > 1:
        raise typer.BadParameter(messages.BAD_SPAN)
    if weeks is not None:
        if not 1 <= weeks <= MOST_WEEKS:
            raise typer.BadParameter(messages.BAD_SHARE_WEEKS.format(most=MOST_WEEKS, value=weeks))
        first = periods.weeks_ending(periods.week_of(now.date(), week_start=week_start), weeks)
        if weeks == 1:
            return first[-1]
        return periods.days_between(first[0].start, first[-1].end)
    if since is not None:
        from connectlog.journal.when import parse_day

        return choose_period(since=parse_day(since, now=now), today=now.date())
    return choose_period(week=week or "this", today=now.date(), week_start=week_start)


@app.command("import")
def import_span(
    bundle: Annotated[str, typer.Argument(metavar="FILE", help="A bundle from share export.")],
    name: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="File the sender under this name instead of theirs."),
    ] = None,
) -> None:
    """Take in a partner's bundle: new entries added, edited ones updated, deleted or
    private ones removed, reviews merged. Bundles can come in any order, or twice."""
    from connectlog.files import read_text
    from connectlog.journal.sharing import import_bundle, span_words

    text = read_text(Path(bundle))
    with _context.session(write=True) as session:
        result = import_bundle(session, text, name=name, now=_context.now())
    more = ""
    if result.restored:
        more += messages.IMPORTED_RESTORED.format(count=result.restored, name=result.profile)
    if result.reviews:
        more += messages.IMPORTED_REVIEWS.format(
            reviews=messages.count(result.reviews, "review", "reviews")
        )
    _output.say(
        messages.IMPORTED.format(
            name=result.profile,
            span=span_words(result.span),
            added=result.added,
            updated=result.updated,
            removed=result.removed,
            unchanged=result.unchanged,
            more=more,
        )
    )
