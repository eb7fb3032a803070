"""``connectlog share``: send a week to a partner's journal, and take theirs in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options

app = _options.typer_app(
    name="share", help="Exchange weeks with a partner's journal; private entries never leave."
)


@app.command("export")
def export_week(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write the bundle; - for stdout."
        ),
    ],
    week: Annotated[
        str, typer.Option(metavar="WEEK", help="An ISO week (2026-W47), 'this' or 'last'.")
    ] = "this",
) -> None:
    """Write your non-private entries of a week as a bundle for your partner to import."""
    from connectlog.config import load_settings
    from connectlog.journal.patterns import choose_period
    from connectlog.journal.profiles import writer
    from connectlog.journal.sharing import export_week as bundle_of

    now = _context.now()
    period = choose_period(week=week, today=now.date(), week_start=load_settings().week_start)
    chosen = _context.chosen_profile()
    with _context.session(write=True) as session:
        profile = writer(session, chosen=chosen, now=now)
        shared = bundle_of(session, profile=profile, period=period, now=now)
        name = profile.name
    if output == "-":
        typer.echo(shared.text, nl=False)
        return
    from connectlog.files import write_private

    write_private(Path(output), shared.text, journal=_context.location().path)
    shown = messages.SHARED.format(
        entries=messages.count(shared.count, "entry", "entries"),
        name=name,
        week=period.label,
        path=output,
    )
    typer.echo(shown, err=True)


@app.command("import")
def import_week(
    bundle: Annotated[str, typer.Argument(metavar="FILE", help="A bundle from share export.")],
    name: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="File the sender under this name instead of theirs."),
    ] = None,
) -> None:
    """Take in a partner's week: new entries added, edited ones updated, deleted ones removed."""
    from connectlog.files import read_text
    from connectlog.journal.sharing import import_bundle

    text = read_text(Path(bundle))
    with _context.session(write=True) as session:
        result = import_bundle(session, text, name=name, now=_context.now())
    typer.echo(
        messages.IMPORTED.format(
            name=result.profile,
            week=result.week,
            added=result.added,
            updated=result.updated,
            removed=result.removed,
            unchanged=result.unchanged,
        ),
        err=True,
    )
