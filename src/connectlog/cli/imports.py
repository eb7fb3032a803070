"""``import``: a connectlog export, or a jrnl or Day One journal, brought into this one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app()


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A connectlog JSON export, a jrnl journal (its JSON export or its text file), "
            "or a Day One export (the zip, or the folder it unzips to).",
            show_default=False,
        ),
    ],
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="connectlog, jrnl or dayone. Default: recognised from the file.",
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="TAG=CONCEPT",
            help="Import a tag as this concept (and make it an alias of it); repeatable.",
        ),
    ] = None,
    create_concepts: Annotated[
        bool,
        typer.Option("--create-concepts", help="Make every unknown tag a concept of its own."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be imported, and change nothing."),
    ] = False,
) -> None:
    """Bring in entries from a file: connectlog's own export, jrnl or Day One.

    A connectlog export comes back whole (profiles, people, concepts, entries,
    reviews) and can be imported again without doubling anything. Another
    program's tags become concepts by name or alias; one that names none is
    listed, to --map or --create-concepts. The import is one transaction: if
    it fails or is stopped, the journal is as it was.
    """
    from connectlog.journal.imports import choose_format, import_file

    mapping = _mapping(maps or [])
    chosen = choose_format(format_)
    progress = _progress()
    try:
        with _context.session(write=True) as session:
            report = import_file(
                session,
                file,
                format_=chosen,
                chosen=_context.chosen_profile(),
                mapping=mapping,
                create_concepts=create_concepts,
                dry_run=dry_run,
                now=_context.now(),
                progress=progress,
            )
    finally:
        progress.close()
    from connectlog.render import imports

    if dry_run:
        for line in imports.dry_run_lines(report):
            typer.echo(line)
        return
    _output.say(imports.summary(report))


def _mapping(maps: list[str]) -> dict[str, str]:
    """``--map TAG=CONCEPT`` options, by tag."""
    found: dict[str, str] = {}
    for value in maps:
        tag, equals, target = value.partition("=")
        if not equals or not tag.strip() or not target.strip():
            raise typer.BadParameter(
                messages.IMPORT_BAD_MAP.format(value=value), param_hint="'--map'"
            )
        found[tag.strip()] = target.strip()
    return found


class _Quiet:
    """No progress bar: stderr is not a terminal."""

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        return None

    def close(self) -> None:
        return None


def _progress() -> _Quiet:
    if not sys.stderr.isatty():
        return _Quiet()
    from connectlog.render.progress import Bar

    return Bar()  # type: ignore[return-value]
