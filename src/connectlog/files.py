"""Files connectlog writes for the user to carry elsewhere: private, and whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the owner only, replacing it in one step."""
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.BUNDLE_UNWRITABLE.format(path=path, reason=reason)) from exc


def read_text(path: Path) -> str:
    """The text of ``path``; an error naming it if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConnectlogError(
            messages.BUNDLE_UNREADABLE.format(path=path, reason="it is not UTF-8 text")
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.BUNDLE_UNREADABLE.format(path=path, reason=reason)) from exc
