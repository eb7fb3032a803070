"""Files connectlog writes for the user to carry elsewhere: private, and whole or not at all.

A file is written beside its place under a temporary name and moved into place
when whole. The temporary name says whose it is and which process writes it::

    .NAME.connectlog-PID-XXXXXXXX.tmp

(NAME the file's own name, PID the writing process, XXXXXXXX mkstemp's random
part). A process that is killed leaves that file behind, readable by its owner
only but holding what was being written (a whole journal, private entries
too). :func:`leftover_temporaries` finds such files in a folder, and the next
write to the same place removes those of its own name. A temporary file is a
leftover only when nobody can still be writing it: it has not changed for
:data:`QUIET` and the process named in it is not running on this machine, or
it has not changed for :data:`ABANDONED` (the process number was reused, or
the writer ran on another machine sharing the folder).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from connectlog import messages
from connectlog.errors import ConnectlogError

#: The files SQLite keeps beside a journal while it is open.
_JOURNAL_SUFFIXES = ("", "-wal", "-shm", "-journal")

#: A temporary file untouched this long (seconds) whose writer is not running is a leftover.
QUIET = 60.0
#: A temporary file untouched this long (seconds) is a leftover whoever wrote it.
ABANDONED = 24 * 60 * 60.0

_MARK = "connectlog"
#: A temporary file's name, and SQLite's own files beside one (a backup being made).
_TEMPORARY = re.compile(
    rf"^\.(?P<name>.+)\.{_MARK}-(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.tmp(?:-journal|-wal|-shm)?$"
)
#: The name earlier versions gave a temporary file: ``.NAME.`` and mkstemp's eight
#: characters. Not surely connectlog's, so removed only for the file about to be
#: written, and only when owner-only and long untouched.
_UNMARKED = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def temporary_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file (0600) beside ``path``, open: its descriptor and its path.

    Its name marks it as connectlog's and names this process, so that
    :func:`leftover_temporaries` can tell a leftover from a file being written.
    """
    folder = path.parent if str(path.parent) else Path()
    fd, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{path.name}.{_MARK}-{os.getpid()}-", suffix=".tmp"
    )
    return fd, Path(temporary)


def leftover_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """The temporary files connectlog left behind in ``folder``, sorted: safe to remove.

    Only files named as :func:`temporary_beside` names them (and SQLite's
    ``-journal``, ``-wal``, ``-shm`` beside one) count, and only those nobody
    can still be writing: untouched for :data:`QUIET` seconds with their writer
    gone, or untouched for :data:`ABANDONED` seconds. ``now``: the time to
    judge by, as ``time.time()`` gives it. A folder that cannot be read has none.
    """
    return sorted(_leftovers(folder, now=time.time() if now is None else now))


def remove_leftovers(path: Path, *, now: float | None = None) -> list[Path]:
    """Remove the leftover temporary files of writing ``path``; those removed.

    Besides the files :func:`leftover_temporaries` finds for this name, an
    unmarked ``.NAME.XXXXXXXX.tmp`` (the temporary name of earlier versions)
    is removed too when it is owner-only and untouched for :data:`ABANDONED`.
    A file that cannot be removed is left for ``doctor`` to report.
    """
    moment = time.time() if now is None else now
    folder = path.parent if str(path.parent) else Path()
    found = [file for file in _leftovers(folder, now=moment) if _named_for(file, path.name)]
    found += _unmarked(folder, path.name, now=moment)
    removed = []
    for file in sorted(found):
        try:
            file.unlink()
        except OSError:  # gone already (another run), or not ours to remove
            continue
        removed.append(file)
    return removed


def _files(folder: Path) -> list[Path]:
    """What ``folder`` holds; nothing when it cannot be read."""
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _leftovers(folder: Path, *, now: float) -> Iterable[Path]:
    for file in _files(folder):
        match = _TEMPORARY.match(file.name)
        if match is None:
            continue
        untouched = _untouched(file, now)
        if untouched is None or untouched < QUIET:
            continue
        if untouched >= ABANDONED or not _running(int(match["pid"])):
            yield file


def _named_for(file: Path, name: str) -> bool:
    match = _TEMPORARY.match(file.name)
    return match is not None and match["name"] == name


def _unmarked(folder: Path, name: str, *, now: float) -> list[Path]:
    old = []
    for file in _files(folder):
        match = _UNMARKED.match(file.name)
        if match is None or match["name"] != name:
            continue
        try:
            status = file.lstat()
        except OSError:
            continue
        owner_only = stat.S_ISREG(status.st_mode) and stat.S_IMODE(status.st_mode) == 0o600
        if owner_only and now - status.st_mtime >= ABANDONED:
            old.append(file)
    return old


def _untouched(file: Path, now: float) -> float | None:
    """How long since ``file`` last changed; None if it is not a plain file (or is gone)."""
    try:
        status = file.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):  # a link, a folder: not a file connectlog made
        return None
    return now - status.st_mtime


def _running(pid: int) -> bool:
    """Whether a process numbered ``pid`` runs on this machine (as anyone)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except (OSError, OverflowError):
        return False
    return True


def write_private(path: Path, text: str | Iterable[str], *, journal: Path | None = None) -> None:
    """Write ``text`` (or its pieces, as they come) to ``path``, readable by the owner only.

    The file appears whole, in one step, or not at all: if writing fails, or
    making the pieces does, what was there before is left as it was. ``journal``
    is the journal's own file, which is never written over. What an earlier,
    killed write of ``path`` left behind is removed first (:func:`remove_leftovers`).
    """
    _not_the_journal(path, journal)
    pieces = [text] if isinstance(text, str) else text
    remove_leftovers(path)
    try:
        fd, temporary = temporary_beside(path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.writelines(pieces)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.FILE_UNWRITABLE.format(path=path, reason=reason)) from exc


def _not_the_journal(path: Path, journal: Path | None) -> None:
    if journal is not None and is_journal_file(path, journal):
        raise ConnectlogError(messages.OUTPUT_IS_JOURNAL.format(path=path))


def is_journal_file(path: Path, journal: Path) -> bool:
    """Whether ``path`` is ``journal`` or one of SQLite's files beside it, however named."""
    target = path.resolve()
    return any(target == Path(f"{journal}{suffix}").resolve() for suffix in _JOURNAL_SUFFIXES)


def sync(path: Path) -> None:
    """Make what is written to ``path`` (a file or a folder) last, where the system allows."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def discard_database(temporary: Path) -> None:
    """Remove a temporary database and SQLite's files beside it, if any are left."""
    for suffix in _JOURNAL_SUFFIXES:
        Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def read_text(path: Path) -> str:
    """The text of ``path``; an error naming it if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConnectlogError(
            messages.FILE_UNREADABLE.format(path=path, reason="it is not UTF-8 text")
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConnectlogError(messages.FILE_UNREADABLE.format(path=path, reason=reason)) from exc
