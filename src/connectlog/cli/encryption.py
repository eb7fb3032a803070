"""``init``, ``encrypt``, ``decrypt`` and ``passphrase``: the journal file and its encryption.

The passphrase is never an option (see ``cli/_passphrase.py``); the work is
``storage/encryption.py``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from connectlog import messages
from connectlog.cli import _context, _options, _output

app = _options.typer_app()


def _journal_file() -> Path:
    return _context.journal_file(messages.ENCRYPTION_NEEDS_FILE)


@app.command()
def init(
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt",
            help="Encrypt it (SQLCipher) with a passphrase, asked twice at the terminal, or "
            "read from $CONNECTLOG_PASSPHRASE_FILE or passphrase_command.",
        ),
    ] = False,
) -> None:
    """Make a new journal; refused where there is a file already.

    Any command makes a plain journal on first use; init is for making one
    on purpose, or an encrypted one from the start.
    """
    from connectlog.storage import cipher, encryption

    path = _journal_file()
    encryption.refuse_existing(path)
    key = None
    if encrypt:
        from connectlog.cli._passphrase import new

        cipher.require()  # before a passphrase is asked for
        key = cipher.new_key(new(path))
    encryption.create(path, key)
    made = messages.INIT_MADE_ENCRYPTED if encrypt else messages.INIT_MADE
    _output.say(made.format(path=path))


@app.command()
def encrypt() -> None:
    """Encrypt the journal in place with a passphrase (SQLCipher 4).

    The passphrase is asked twice at the terminal, or read from
    $CONNECTLOG_PASSPHRASE_FILE or passphrase_command. The journal is written
    anew beside itself, checked, and swapped in: killed at any moment, one
    whole journal is left. Backups made before stay unencrypted.
    """
    from connectlog.cli._passphrase import new
    from connectlog.storage import cipher, encryption

    path = _journal_file()
    encryption.refuse_unless_convertible(path, encrypted=False)
    cipher.require()
    done = encryption.encrypt(path, cipher.new_key(new(path)))
    entries = messages.count(done.entries, "entry", "entries")
    _output.say(messages.ENCRYPTED.format(path=path, entries=entries))
    if done.left_as_they_were:
        count = messages.count(len(done.left_as_they_were), "copy", "copies")
        paths = ", ".join(str(copy) for copy in done.left_as_they_were)
        _output.say(messages.ENCRYPTED_PLAIN_COPIES.format(count=count, paths=paths))


@app.command()
def decrypt() -> None:
    """Make the encrypted journal a plain SQLite file again, in place.

    Written anew beside itself, checked, and swapped in, as encrypt does.
    """
    from connectlog.storage import encryption

    path = _journal_file()
    encryption.refuse_unless_convertible(path, encrypted=True)
    done = encryption.decrypt(path)
    entries = messages.count(done.entries, "entry", "entries")
    _output.say(messages.DECRYPTED.format(path=path, entries=entries))


@app.command()
def passphrase() -> None:
    """Change the passphrase of the encrypted journal.

    The current one is asked for first (or read as for any command), then the
    new one twice, or read from $CONNECTLOG_NEW_PASSPHRASE_FILE.
    """
    from connectlog.cli._passphrase import replacement
    from connectlog.journal.passphrase import source
    from connectlog.storage import encryption

    path = _journal_file()
    encryption.current_key(path)
    encryption.change(path, replacement(path))
    _output.say(messages.PASSPHRASE_CHANGED.format(path=path))
    given = source()
    if given is not None:
        _output.say(messages.PASSPHRASE_CHANGED_SOURCE.format(source=given))
