"""``doctor``: is the journal sound, private and tidy; ``--fix`` sees to what is safe."""

from __future__ import annotations

from typing import Annotated

import typer

from connectlog.cli import _context, _options, _output

app = _options.typer_app()


@app.command()
def doctor(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Also do what is safe to do: make files yours only, remove temporary files "
            "left behind, old backups and old copies from before upgrades, and make the "
            "search index again.",
        ),
    ] = False,
    json: _options.Json = False,
) -> None:
    """Check the journal: integrity, links between rows, schema, permissions, leftovers.

    Also its backups and drafts. Each finding says what to do. Nothing is
    changed without --fix, and --fix never removes rows or upgrades the
    journal. Exits 0 when all is well, 1 when something needs attention.
    """
    from connectlog.journal.doctor import checkup

    found = checkup(location=_context.location(), fix=fix, now=_context.now())
    _output.present("doctor", found, json=json)
    if not found.healthy:
        raise typer.Exit(1)
