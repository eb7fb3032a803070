"""Writing an entry's text in the writer's own editor."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError

SCISSORS = "# ------------------------ >8 ------------------------"
_HELP = f"""
{SCISSORS}
# Write what happened above this line; everything below it is ignored.
# Tag concepts inline with #trust or #touch, people with @Sam or @[Mary Ann].
# The first line or sentence is the entry's title. Save and quit to keep it;
# leave it empty to save nothing.
"""


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR, then the first of nano and vi on this machine."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError as exc:  # an unclosed quote
                raise ConnectlogError(
                    messages.EDITOR_UNREADABLE.format(variable=variable, value=value, reason=exc)
                ) from exc
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise ConnectlogError(messages.NO_EDITOR)


def edit_text(initial: str = "") -> str:
    """Open the editor on ``initial`` and return what the writer saved, above the scissors."""
    command = editor_command()
    with _editor_folder() as folder:
        path = Path(folder) / "entry.txt"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(initial.rstrip("\n") + "\n" + _HELP)
        except OSError as exc:  # a full disk: nothing was typed yet
            raise _no_room(folder, exc) from exc
        try:
            status = subprocess.run([*command, str(path)], check=False).returncode
        except OSError as exc:
            raise ConnectlogError(
                messages.EDITOR_FAILED_START.format(editor=command[0], reason=exc.strerror)
            ) from exc
        written = _read_back(path)
    text = written.split(SCISSORS, 1)[0].strip()
    if status != 0:
        raise EditorError(messages.EDITOR_FAILED.format(editor=command[0], status=status), text)
    return text


@contextmanager
def _editor_folder() -> Iterator[str]:
    """A private temporary folder for the editor's file, removed after it."""
    try:
        made = tempfile.TemporaryDirectory(prefix="connectlog-", ignore_cleanup_errors=True)
    except OSError as exc:  # none can be made: there is no room, or no usable folder
        raise _no_room(tempfile.tempdir or os.environ.get("TMPDIR") or "/tmp", exc) from exc
    with made as folder:
        yield folder


def _no_room(folder: str, exc: OSError) -> ConnectlogError:
    return ConnectlogError(
        messages.EDITOR_NO_FILE.format(folder=folder, reason=exc.strerror or exc)
    )


def _read_back(path: Path) -> str:
    """What the editor left in ``path``: nothing if it removed the file."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


class EditorError(ConnectlogError):
    """The editor failed; ``text`` is whatever it left in the file."""

    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text
