"""``backup`` and ``restore``: whole copies of the journal, and putting one back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _output

app = typer.Typer(rich_markup_mode=None, add_completion=False)


def _journal_file() -> Path:
    return _context.journal_file(messages.NOT_A_FILE_JOURNAL)


@app.command()
def backup(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it. Default: a timestamped file in backups/ beside the "
            "journal, keeping the last ten.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Copy the whole journal, safely even while connectlog is writing to it elsewhere.

    Without -o the copy goes to backups/journal-YYYYMMDDTHHMMSSZ.db beside the
    journal, and only the last ten there are kept. The copy is readable by you
    only, holds private entries too, and appears whole or not at all.
    """
    if output == "-" or output == "":
        raise typer.BadParameter(messages.BACKUP_NEEDS_FILE, param_hint="'--output'")
    from connectlog.storage.backup import KEEP, back_up

    journal = _journal_file()
    target = Path(output).expanduser().absolute() if output is not None else None
    made = back_up(journal, now=_context.now(), target=target)
    entries = messages.count(made.entries, "entry", "entries")
    shown = output if output is not None else made.path  # a FILE as it was typed
    _output.say(messages.BACKED_UP.format(entries=entries, path=shown))
    from connectlog.storage.cipher import is_encrypted

    if is_encrypted(journal):
        _output.say(messages.BACKUP_ENCRYPTED)
    if made.removed:
        count = messages.count(len(made.removed), "old backup", "old backups")
        _output.say(messages.BACKUPS_REMOVED.format(count=count, keep=KEEP))


@app.command()
def restore(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A backup, or another connectlog journal file.", show_default=False
        ),
    ],
) -> None:
    """Make FILE the journal, keeping the journal it replaces as a backup.

    FILE is checked first (a SQLite database, sound by SQLite's integrity
    check, a connectlog journal of this version or an older one) and upgraded
    if it is older; until then nothing is changed. FILE itself is only read.
    """
    from connectlog.storage.backup import restore as restore_journal

    journal = _journal_file()
    restored = restore_journal(journal, file.expanduser().absolute(), now=_context.now())
    upgraded = (
        messages.RESTORED_UPGRADED.format(revision=restored.upgraded_from)
        if restored.upgraded_from
        else ""
    )
    entries = messages.count(restored.entries, "entry", "entries")
    said = messages.RESTORED.format(source=file, entries=entries, upgraded=upgraded)
    if restored.kept is not None:
        said = f"{said} {messages.RESTORED_KEPT.format(kept=restored.kept)}"
    _output.say(said)
