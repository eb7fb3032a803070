"""Asking for an encrypted journal's passphrase: a script's file or command, else the terminal.

The order, for a journal being opened and for a new passphrase alike:
``$CONNECTLOG_PASSPHRASE_FILE``, then ``passphrase_command`` in the config
file (``journal/passphrase.py``), then a hidden prompt on the terminal (a new
passphrase is asked twice). ``connectlog passphrase`` takes the new one from
``$CONNECTLOG_NEW_PASSPHRASE_FILE`` or the terminal. Without a terminal and
without those, one line says how to give it. Never an option: the command line
is readable by everyone on the machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError


def current(path: Path) -> str:
    """The passphrase of the encrypted file at ``path``."""
    from connectlog.journal.passphrase import given

    found = given()
    if found is not None:
        return found
    if not at_terminal():
        from connectlog.storage.cipher import no_passphrase

        raise no_passphrase(path)
    typed = _ask(messages.PASSPHRASE_PROMPT.format(path=path))
    if not typed:
        raise ConnectlogError(messages.PASSPHRASE_EMPTY)
    return typed


def new(path: Path) -> str:
    """A passphrase to encrypt ``path`` with: the script's, else asked twice."""
    from connectlog.journal.passphrase import FILE_ENV, given

    found = given()
    if found is not None:
        return found
    return _ask_twice(path, variable=FILE_ENV)


def replacement(path: Path) -> str:
    """The new passphrase for ``connectlog passphrase``: its file's, else asked twice."""
    from connectlog.journal.passphrase import NEW_FILE_ENV, from_environment

    found = from_environment(NEW_FILE_ENV)
    if found is not None:
        return found
    return _ask_twice(path, variable=NEW_FILE_ENV)


def at_terminal() -> bool:
    """Whether someone is at a terminal to type a passphrase (one it can be read from unseen)."""
    if not (sys.stdin.isatty() or sys.stderr.isatty()):
        return False
    if os.name == "nt":
        return True
    try:  # getpass reads the terminal itself, so `echo text | connectlog add` can ask too
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def _ask_twice(path: Path, *, variable: str) -> str:
    if not at_terminal():
        raise ConnectlogError(messages.NEW_PASSPHRASE_NEEDED.format(variable=variable))
    first = _ask(messages.NEW_PASSPHRASE_PROMPT.format(path=path))
    if not first:
        raise ConnectlogError(messages.PASSPHRASE_EMPTY)
    if _ask(messages.REPEAT_PASSPHRASE_PROMPT) != first:
        raise ConnectlogError(messages.PASSPHRASES_DIFFER)
    return first


def _ask(prompt: str) -> str:
    """What is typed at the terminal after ``prompt``, not shown as it is typed."""
    import getpass

    import typer

    from connectlog.cli._output import prompt_text

    try:
        return getpass.getpass(prompt_text(prompt))
    except EOFError:
        raise typer.Abort() from None
