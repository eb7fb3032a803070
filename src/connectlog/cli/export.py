"""``export``: the whole journal written out, to keep, to read, or for another program."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options

app = _options.typer_app()

#: The formats by the file extensions that choose them when --format is not given.
EXTENSIONS = {".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown"}


@app.command()
def export(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it; - (the default) for stdout.",
            show_default=False,
        ),
    ] = "-",
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, csv or markdown. Default: from FILE's extension, else json.",
        ),
    ] = None,
    no_private: Annotated[
        bool,
        typer.Option(
            "--no-private",
            help="Leave private entries out, and the people and concepts only they name.",
        ),
    ] = False,
) -> None:
    """Write out the whole journal: JSON to keep or move, CSV for a spreadsheet, Markdown to read.

    Entries come oldest first. JSON holds everything (entries, profiles,
    people, concepts, reviews); CSV holds the entries; Markdown the entries
    and reviews. A file is written readable by you only, and appears whole or
    not at all.
    """
    from connectlog.journal.exports import export_journal
    from connectlog.render.export import FORMATS

    chosen = _format(format_, output, FORMATS)
    with _context.session() as session:
        exported = export_journal(session, private=not no_private, now=_context.now())
        pieces = FORMATS[chosen](exported)
        if output == "-":
            sys.stdout.writelines(pieces)
            return
        from connectlog.files import write_private

        write_private(Path(output), pieces, journal=_context.location().path)
    said = messages.EXPORTED if exported.private else messages.EXPORTED_NO_PRIVATE
    entries = messages.count(exported.count, "entry", "entries")
    typer.echo(said.format(entries=entries, path=output), err=True)


def _format(given: str | None, output: str, formats: Iterable[str]) -> str:
    """The format asked for, or the one ``output``'s extension names, else JSON."""
    if given is None:
        return EXTENSIONS.get(Path(output).suffix.casefold(), "json")
    chosen = given.strip().casefold()
    if chosen not in formats:
        raise typer.BadParameter(
            messages.BAD_FORMAT.format(format=given, formats=", ".join(formats)),
            param_hint="'--format'",
        )
    return chosen
