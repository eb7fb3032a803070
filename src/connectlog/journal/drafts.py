"""Keeping text the writer typed when it could not be saved."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def save_draft(directory: Path, text: str, *, now: datetime) -> Path:
    """Write ``text`` to a new file in ``directory`` readable by its owner only."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        path = directory / f"draft-{stamp}{suffix}.txt"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        return path
    raise FileExistsError(directory)
