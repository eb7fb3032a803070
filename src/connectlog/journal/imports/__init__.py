"""Importing a file: connectlog's own export, or another program's journal.

Each format has a reader module, named here by its path and imported only
when a file of that format is read (a reader may load pydantic, zipfile and
more). A reader exposes ``detect(path) -> bool``, a cheap look at the first
bytes or the structure, and ``read(path)``, which refuses a bad file with one
line (:class:`~connectlog.errors.ConnectlogError`). Detection asks them in
:data:`DETECTION` order, the most particular first: a connectlog export names
its type in its first line, a Day One export is a zip or folder of JSON with
``metadata``, and jrnl's plain-text journal is the loosest shape.

connectlog's export is merged in by uuid (:mod:`.native`); another program's
entries go through one pipeline (:mod:`.foreign`): tags to concepts, uuids for
the entries that lack one, duplicates skipped, one bulk write as the current
writer. Either way the caller's transaction holds the whole import, so a
failed, interrupted or killed import leaves the journal as it was.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import ModuleType

from sqlalchemy import Connection

from connectlog import messages
from connectlog.errors import ConnectlogError, InvalidInputError
from connectlog.journal.types.imports import ImportReport, Progress, no_progress

#: Every format connectlog imports, by its name, and the module that reads it.
FORMATS = {
    "connectlog": "connectlog.journal.imports.native",
    "jrnl": "connectlog.journal.imports.jrnl",
    "dayone": "connectlog.journal.imports.dayone",
}
#: The order detection asks the readers in: the most particular shape first.
DETECTION = ("connectlog", "dayone", "jrnl")
NATIVE = "connectlog"


def reader(name: str) -> ModuleType:
    """The module that reads the format ``name``."""
    if name not in FORMATS:
        raise InvalidInputError(
            messages.IMPORT_BAD_FORMAT.format(format=name, formats=", ".join(FORMATS))
        )
    return importlib.import_module(FORMATS[name])


def choose_format(given: str | None) -> str | None:
    """The format ``--format`` names, checked; None to recognise it from the file."""
    if given is None:
        return None
    chosen = given.strip().casefold()
    if chosen not in FORMATS:
        raise InvalidInputError(
            messages.IMPORT_BAD_FORMAT.format(format=given, formats=", ".join(FORMATS))
        )
    return chosen


def detect_format(path: Path) -> str:
    """The format of the file (or folder) at ``path``, from its content."""
    from connectlog.journal.imports.native import sniff

    for name in DETECTION:
        try:
            module = reader(name)
        except ModuleNotFoundError:  # a reader this installation lacks
            continue
        if module.detect(path):
            return name
    if sniff(path) == "share":
        raise ConnectlogError(messages.IMPORT_IS_BUNDLE.format(path=path))
    raise ConnectlogError(
        messages.IMPORT_UNKNOWN_FORMAT.format(path=path, formats=", ".join(FORMATS))
    )


def import_file(
    db: Connection,
    path: Path,
    *,
    format_: str | None = None,
    chosen: str | None = None,
    mapping: Mapping[str, str] | None = None,
    create_concepts: bool = False,
    dry_run: bool = False,
    now: datetime,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import the file at ``path`` into ``db``, in the caller's transaction.

    ``chosen`` names the profile another program's entries are written as
    (else the default writer); ``mapping`` and ``create_concepts`` decide what
    their unknown tags become. With ``dry_run`` nothing is written: the report
    says what would be.
    """
    if not path.exists():
        raise ConnectlogError(
            messages.FILE_UNREADABLE.format(path=path, reason="No such file or directory")
        )
    with paused_collector():
        return _import(
            db,
            path,
            format_=format_,
            chosen=chosen,
            mapping=mapping,
            create_concepts=create_concepts,
            dry_run=dry_run,
            now=now,
            progress=progress,
        )


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Python's cycle collector paused while a file is read and written in.

    An import makes hundreds of thousands of objects and no cycles; the
    collector, set off again and again by them, walks the growing heap each
    time. Paused, importing 100,000 jrnl entries took 10.0-10.4 s instead of
    12.0 (bench/imports.py). It runs again after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(
    db: Connection,
    path: Path,
    *,
    format_: str | None,
    chosen: str | None,
    mapping: Mapping[str, str] | None,
    create_concepts: bool,
    dry_run: bool,
    now: datetime,
    progress: Progress,
) -> ImportReport:
    name = choose_format(format_) or detect_format(path)
    if name == NATIVE:
        if mapping or create_concepts:
            raise InvalidInputError(messages.IMPORT_NATIVE_TAGS)
        from connectlog.journal.imports import native

        read = native.read(path, now=now, progress=progress)
        if not dry_run:
            return native.merge(db, read, path=str(path), now=now, progress=progress)
        # A dry run merges as a real one would and takes it all back, so what it says is exact.
        trial = db.begin_nested()
        try:
            report = native.merge(db, read, path=str(path), now=now, progress=progress)
        finally:
            trial.rollback()
        return replace(report, dry_run=True)
    from connectlog.journal.imports.foreign import import_incoming

    incoming = reader(name).read(path, now=now)
    return import_incoming(
        db,
        incoming,
        path=str(path),
        chosen=chosen,
        mapping=mapping or {},
        create_concepts=create_concepts,
        dry_run=dry_run,
        now=now,
        progress=progress,
    )
