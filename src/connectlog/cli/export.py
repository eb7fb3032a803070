"""``export``: the whole journal written out, to keep, to read, or for another program."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

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
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="CSV only: write every cell exactly as stored, for programs (by default a "
            "cell a spreadsheet would run as a formula starts with ').",
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
    from connectlog.render.export import FORMATS, csv_text

    chosen = _format(format_, output, FORMATS)
    if raw and chosen != "csv":
        raise typer.BadParameter(
            messages.RAW_IS_FOR_CSV.format(format=chosen), param_hint="'--raw'"
        )
    with _context.session() as session, ExitStack() as shown:
        exported = export_journal(session, private=not no_private, now=_context.now())
        # Rich's bar on stderr at a terminal, once it takes a moment; never among the data.
        if sys.stderr.isatty() and not (output == "-" and sys.stdout.isatty()):
            from dataclasses import replace

            from connectlog.render.progress import Bar

            bar = shown.enter_context(Bar())
            counted = bar.counted(messages.EXPORTING, exported.entries, exported.count)
            exported = replace(exported, entries=counted)
        pieces = csv_text(exported, raw=True) if raw else FORMATS[chosen](exported)
        if output == "-":
            if sys.stdout.isatty():  # read on screen: shown, not obeyed; to a pipe, exact
                from connectlog.render.terminal import visible

                pieces = map(visible, pieces)
            sys.stdout.writelines(pieces)
        else:
            from connectlog.files import write_private

            write_private(Path(output), pieces, journal=_context.location().path)
    if output != "-":
        said = messages.EXPORTED if exported.private else messages.EXPORTED_NO_PRIVATE
        entries = messages.count(exported.count, "entry", "entries")
        _output.say(said.format(entries=entries, path=output))
    _context.say_not_encrypted(output)


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
