"""Where an encrypted journal's passphrase comes from when nobody types it.

For scripts, as restic and borg do it: a file named by an environment
variable (its first line), or a command in the config file (the first line it
prints; run without a shell, its input empty). A passphrase is never taken
from the command line, where every other user of the machine can read it,
and nothing here writes one anywhere or puts it in a message.
"""

from __future__ import annotations

import os
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError

#: A file whose first line is the passphrase of the journal.
FILE_ENV = "CONNECTLOG_PASSPHRASE_FILE"
#: For ``connectlog passphrase``: a file whose first line is the new passphrase.
NEW_FILE_ENV = "CONNECTLOG_NEW_PASSPHRASE_FILE"
#: The longest first line read from a file or a command (a passphrase is far shorter).
_LONGEST = 64 * 1024


def given() -> str | None:
    """The passphrase from ``$CONNECTLOG_PASSPHRASE_FILE``, else ``passphrase_command``.

    None when neither is set; an error when the one set does not give one.
    """
    from_file = from_environment(FILE_ENV)
    if from_file is not None:
        return from_file
    from connectlog.config import config_path, load_settings

    command = load_settings().passphrase_command
    if command is None:
        return None
    return from_command(command, config=config_path())


def source() -> str | None:
    """What :func:`given` reads, in the user's words, or None: for "give it there too"."""
    if os.environ.get(FILE_ENV):
        return FILE_ENV
    from connectlog.config import load_settings

    if load_settings().passphrase_command is not None:
        return "passphrase_command"
    return None


def from_environment(variable: str) -> str | None:
    """The first line of the file ``$variable`` names; None when it is not set."""
    named = os.environ.get(variable)
    if not named:
        return None
    path = Path(named).expanduser()
    try:
        with path.open("rb") as handle:
            raw = handle.readline(_LONGEST)
    except FileNotFoundError:
        raise ConnectlogError(
            messages.PASSPHRASE_FILE_MISSING.format(variable=variable, path=path)
        ) from None
    except OSError as exc:
        raise ConnectlogError(
            messages.PASSPHRASE_FILE_UNREADABLE.format(
                variable=variable, path=path, reason=exc.strerror or exc
            )
        ) from None
    try:
        line = _first_line(raw)
    except UnicodeDecodeError:
        raise ConnectlogError(
            messages.PASSPHRASE_FILE_UNREADABLE.format(
                variable=variable, path=path, reason=messages.PASSPHRASE_NOT_UTF8
            )
        ) from None
    if not line:
        raise ConnectlogError(messages.PASSPHRASE_FILE_EMPTY.format(variable=variable, path=path))
    return line


def from_command(command: str, *, config: Path) -> str:
    """The first line ``command`` prints, run without a shell and with nothing on its input.

    What it writes on stderr is its own and not shown; it failing (not found,
    a status other than 0, nothing printed) is one line naming the command.
    """
    import shlex
    import subprocess

    try:
        arguments = shlex.split(command)
    except ValueError as exc:
        raise ConnectlogError(
            messages.PASSPHRASE_COMMAND_BAD.format(path=config, reason=exc)
        ) from None
    if not arguments:
        raise ConnectlogError(
            messages.PASSPHRASE_COMMAND_BAD.format(path=config, reason="it is empty")
        )

    def failed(reason: object) -> ConnectlogError:
        return ConnectlogError(
            messages.PASSPHRASE_COMMAND_FAILED.format(command=command, reason=reason)
        )

    try:
        done = subprocess.run(arguments, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    except OSError as exc:
        raise failed(exc.strerror or exc) from None
    if done.returncode != 0:
        raise failed(messages.PASSPHRASE_COMMAND_STATUS.format(status=done.returncode))
    try:
        line = _first_line(done.stdout[:_LONGEST])
    except UnicodeDecodeError:
        raise failed(messages.PASSPHRASE_COMMAND_NOT_UTF8) from None
    if not line:
        raise failed(messages.PASSPHRASE_COMMAND_EMPTY)
    return line


def _first_line(raw: bytes) -> str:
    """The first line of ``raw`` without its line ending, as UTF-8."""
    line = raw.decode("utf-8").split("\n", 1)[0]
    return line.removesuffix("\r")
