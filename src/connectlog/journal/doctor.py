"""``connectlog doctor``: is the journal sound, private and tidy, and what to do if not.

The checks read; nothing changes unless ``fix`` is asked, and then only what
is safe to change without asking: permissions made the owner's only,
temporary files a killed connectlog left behind, backups beyond those kept,
copies from before upgrades long past, and the search index (made again from
the entries). Rows are never removed, and a folder that holds anyone else's
files is left as it is. The journal is never upgraded here: its schema is one
of the things checked.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from connectlog import messages
from connectlog.errors import StorageError
from connectlog.files import leftover_temporaries
from connectlog.journal import drafts
from connectlog.journal.types.doctor import CHECKS, Checkup, Finding
from connectlog.paths import JournalLocation
from connectlog.storage import backup, doctor, migrate

#: A copy kept before an upgrade this long ago is old, once the journal is past it.
UPGRADE_COPY_DAYS = 30
#: How many paths a finding names before it says how many more.
NAMED = 3

_JOURNAL_FILES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class _Problem:
    """A finding, and what ``--fix`` does about it (None: nothing it may do)."""

    finding: Finding
    fix: Callable[[], Finding] | None = None


def checkup(*, location: JournalLocation, fix: bool, now: datetime) -> Checkup:
    """Check the journal at ``location``; with ``fix``, see to what is safe to see to."""
    if location.path is None:
        raise StorageError(messages.DOCTOR_NOT_A_FILE.format(url=location.describe()))
    journal = location.path
    if not journal.exists() and not journal.is_symlink():
        raise StorageError(messages.DOCTOR_NO_JOURNAL.format(path=journal))
    backups = backup.list_backups(journal)
    try:
        state = doctor.examine(journal)
    except StorageError as error:
        raise error.with_note(_restore(backups)) from error
    problems = [
        *_database(state, journal, backups),
        *_leftovers(journal, location.drafts_dir),
        *_backups(journal, backups, past=state.revision == migrate.HEAD, now=now),
        *_drafts(location.drafts_dir),
    ]
    if fix:
        problems = [_fixed(problem) for problem in problems]
    permissions = _permissions(journal, location.drafts_dir)
    if fix:
        permissions = [_fixed(problem) for problem in permissions]
    findings = [problem.finding for problem in [*problems, *permissions]]
    findings.sort(key=lambda finding: CHECKS.index(finding.check))
    return Checkup(journal=journal, findings=tuple(findings), fix=fix)


def _fixed(problem: _Problem) -> _Problem:
    if problem.fix is None or problem.finding.status != "attention":
        return problem
    return _Problem(problem.fix())


# --- the database ------------------------------------------------------------------------


def _database(state: doctor.DatabaseState, journal: Path, backups: list[Path]) -> list[_Problem]:
    found: list[_Problem] = []
    if state.problems:
        todo = (
            messages.DOCTOR_DAMAGED_TODO.format(backup=backups[-1])
            if backups
            else messages.DOCTOR_DAMAGED_NO_BACKUP
        )
        said = messages.DOCTOR_DAMAGED.format(
            first=state.complaints[0],
            problems=messages.count(state.problems, "problem", "problems"),
        )
        found.append(_Problem(Finding("integrity", "attention", said, todo, (journal,))))
    else:
        found.append(_Problem(Finding("integrity", "ok", messages.DOCTOR_SOUND)))
        found.append(_Problem(_links(state.broken_links, journal)))
        if state.revision is not None:
            found.append(_search(state.search, journal))
    found.append(_Problem(_schema(state.revision, journal)))
    return found


def _restore(backups: list[Path]) -> str:
    if backups:
        return messages.DOCTOR_RESTORE.format(backup=backups[-1])
    return messages.DOCTOR_NO_BACKUP


def _links(links: tuple[doctor.BrokenLinks, ...], journal: Path) -> Finding:
    if not links:
        return Finding("foreign_keys", "ok", messages.DOCTOR_LINKS_OK)
    detail = ", ".join(
        messages.DOCTOR_LINK.format(count=link.count, table=link.table, parent=link.parent)
        for link in links
    )
    total = messages.count(sum(link.count for link in links), "row", "rows")
    said = messages.DOCTOR_LINKS_BROKEN.format(count=total, detail=detail)
    return Finding("foreign_keys", "attention", said, messages.DOCTOR_LINKS_TODO, (journal,))


def _search(search: doctor.SearchState | None, journal: Path) -> _Problem:
    if search is None:
        return _Problem(Finding("orphans", "note", messages.DOCTOR_NO_INDEX))
    if not search.triggers:
        return _Problem(
            Finding(
                "orphans",
                "attention",
                messages.DOCTOR_NO_TRIGGERS,
                messages.DOCTOR_NO_TRIGGERS_TODO,
                (journal,),
            )
        )
    if not search.orphans and not search.missing:
        return _Problem(Finding("orphans", "ok", messages.DOCTOR_INDEX_OK))
    said = messages.DOCTOR_INDEX_ORPHANS.format(
        orphans=messages.count(search.orphans, "row", "rows"),
        missing=messages.count(search.missing, "entry", "entries"),
    )
    finding = Finding(
        "orphans", "attention", said, messages.DOCTOR_INDEX_TODO, (journal,), fixable=True
    )

    def rebuild() -> Finding:
        try:
            doctor.rebuild_search(journal)
        except StorageError as error:
            return replace(finding, todo=f"{error} {finding.todo}", fixable=False)
        return Finding("orphans", "fixed", messages.DOCTOR_INDEX_REBUILT, None, (journal,))

    return _Problem(finding, rebuild)


def _schema(revision: str | None, journal: Path) -> Finding:
    if revision is None:
        return Finding("schema", "note", messages.DOCTOR_SCHEMA_NEW)
    if revision == migrate.HEAD:
        return Finding("schema", "ok", messages.DOCTOR_SCHEMA_OK.format(revision=revision))
    if revision not in migrate.REVISIONS:
        said = messages.DOCTOR_SCHEMA_NEWER.format(revision=revision)
        return Finding("schema", "attention", said, messages.DOCTOR_SCHEMA_NEWER_TODO, (journal,))
    tried = [
        copy for copy, before, _taken in migrate.upgrade_copies(journal) if before == migrate.HEAD
    ]
    todo = (
        messages.DOCTOR_SCHEMA_FAILED_TODO.format(backup=tried[-1])
        if tried
        else messages.DOCTOR_SCHEMA_BEHIND_TODO
    )
    said = messages.DOCTOR_SCHEMA_BEHIND.format(revision=revision, head=migrate.HEAD)
    return Finding("schema", "attention", said, todo, (journal,))


# --- files -------------------------------------------------------------------------------


def _named(paths: Iterable[Path]) -> str:
    shown = [str(path) for path in paths]
    if len(shown) <= NAMED:
        return ", ".join(shown)
    return f"{', '.join(shown[:NAMED])} and {len(shown) - NAMED} more"


def _removal(
    finding: Finding, paths: list[Path], remove: Callable[[list[Path]], Iterable[Path]]
) -> _Problem:
    """``finding``, which ``--fix`` sees to by removing ``paths`` with ``remove``."""

    def fix() -> Finding:
        removed = list(remove(paths))
        left = [path for path in paths if path not in removed]
        if left:
            failed = messages.DOCTOR_NOT_FIXED.format(path=_named(left), reason="it stays")
            return replace(finding, paths=tuple(left), todo=failed, fixable=False)
        said = messages.DOCTOR_REMOVED.format(paths=_named(removed))
        return Finding(finding.check, "fixed", said, None, tuple(removed))

    return _Problem(finding, fix)


def _unlink(paths: list[Path]) -> list[Path]:
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            removed.append(path)  # gone already: removed all the same
        except OSError:
            continue
        else:
            removed.append(path)
    return removed


def _leftovers(journal: Path, drafts_dir: Path) -> list[_Problem]:
    folders = dict.fromkeys([journal.parent, backup.backup_folder(journal), drafts_dir])
    found = [path for folder in folders for path in leftover_temporaries(folder)]
    if not found:
        return [_Problem(Finding("leftovers", "ok", messages.DOCTOR_NO_LEFTOVERS))]
    said = messages.DOCTOR_LEFTOVERS.format(
        count=messages.count(len(found), "temporary file", "temporary files"), paths=_named(found)
    )
    finding = Finding(
        "leftovers", "attention", said, messages.DOCTOR_LEFTOVERS_TODO, tuple(found), fixable=True
    )
    return [_removal(finding, found, _unlink)]


def _backups(journal: Path, backups: list[Path], *, past: bool, now: datetime) -> list[_Problem]:
    """The backups, and the copies from before upgrades (old once ``past`` them)."""
    found: list[_Problem] = []
    folder = backup.backup_folder(journal)
    if backups:
        said = messages.DOCTOR_BACKUPS.format(
            count=messages.count(len(backups), "backup", "backups"),
            folder=folder,
            newest=backups[-1].name,
        )
        found.append(_Problem(Finding("backups", "ok", said)))
    else:
        found.append(
            _Problem(
                Finding(
                    "backups", "note", messages.DOCTOR_NO_BACKUPS, messages.DOCTOR_NO_BACKUPS_TODO
                )
            )
        )
    old = backup.old_backups(journal)
    if old:
        said = messages.DOCTOR_OLD_BACKUPS.format(
            count=messages.count(len(old), "backup", "backups"), folder=folder, paths=_named(old)
        )
        finding = Finding(
            "backups", "attention", said, messages.DOCTOR_OLD_BACKUPS_TODO, tuple(old), True
        )
        found.append(_removal(finding, old, backup.remove_backups))
    found.extend(_upgrade_copies(journal, past=past, now=now))
    return found


def _upgrade_copies(journal: Path, *, past: bool, now: datetime) -> list[_Problem]:
    copies = migrate.upgrade_copies(journal)
    if not copies:
        return []
    long_ago = now - timedelta(days=UPGRADE_COPY_DAYS)
    old = [path for path, _before, taken in copies if past and taken < long_ago]
    found = [
        _Problem(
            Finding(
                "backups",
                "note",
                messages.DOCTOR_UPGRADE_COPY.format(path=path),
                messages.DOCTOR_UPGRADE_COPY_TODO,
                (path,),
            )
        )
        for path, _before, _taken in copies
        if path not in old
    ]
    if old:
        said = messages.DOCTOR_OLD_UPGRADE_COPIES.format(
            count=messages.count(len(old), "copy", "copies"),
            days=UPGRADE_COPY_DAYS,
            paths=_named(old),
        )
        finding = Finding(
            "backups", "attention", said, messages.DOCTOR_OLD_UPGRADE_COPIES_TODO, tuple(old), True
        )
        found.append(_removal(finding, old, backup.remove_backups))
    return found


def _drafts(folder: Path) -> list[_Problem]:
    kept = drafts.draft_files(folder)
    found: list[_Problem] = []
    if kept.texts:
        said = messages.DOCTOR_DRAFTS.format(
            count=messages.count(len(kept.texts), "draft", "drafts"),
            folder=folder,
            paths=_named(kept.texts),
        )
        found.append(
            _Problem(Finding("drafts", "attention", said, messages.DOCTOR_DRAFTS_TODO, kept.texts))
        )
    if kept.reviews:
        said = messages.DOCTOR_REVIEW_DRAFTS.format(
            count=messages.count(len(kept.reviews), "draft", "drafts"), paths=_named(kept.reviews)
        )
        todo = messages.DOCTOR_REVIEW_DRAFTS_TODO
        found.append(_Problem(Finding("drafts", "attention", said, todo, kept.reviews)))
    if kept.others:
        said = messages.DOCTOR_STRANGE_DRAFTS.format(
            count=messages.count(len(kept.others), "file", "files"),
            folder=folder,
            paths=_named(kept.others),
        )
        todo = messages.DOCTOR_STRANGE_DRAFTS_TODO
        found.append(_Problem(Finding("drafts", "note", said, todo, kept.others)))
    if not found:
        found.append(_Problem(Finding("drafts", "ok", messages.DOCTOR_NO_DRAFTS)))
    return found


# --- permissions -------------------------------------------------------------------------


def _permissions(journal: Path, drafts_dir: Path) -> list[_Problem]:
    """Files and folders of the journal that others can read or see into."""
    folder = journal.parent
    backups_dir = backup.backup_folder(journal)
    targets: list[Path] = [Path(f"{journal}{suffix}") for suffix in _JOURNAL_FILES]
    targets += [path for path, _before, _taken in migrate.upgrade_copies(journal)]
    targets += [backups_dir, *backup.list_backups(journal)]
    kept = drafts.draft_files(drafts_dir)
    targets += [drafts_dir, *kept.texts, *kept.reviews]
    open_ = [(path, mode) for path in targets if (mode := _open_mode(path)) is not None]
    folder_mode = _open_mode(folder)
    found: list[_Problem] = []
    if folder_mode is not None:
        if _only_connectlogs(folder, journal, drafts_dir, backups_dir):
            open_.insert(0, (folder, folder_mode))
        else:
            said = messages.DOCTOR_OPEN.format(paths=_mode_named([(folder, folder_mode)]))
            todo = messages.DOCTOR_SHARED_FOLDER_TODO.format(folder=folder)
            found.append(_Problem(Finding("permissions", "attention", said, todo, (folder,))))
    if open_:
        said = messages.DOCTOR_OPEN.format(paths=_mode_named(open_))
        paths = tuple(path for path, _mode in open_)
        finding = Finding(
            "permissions", "attention", said, messages.DOCTOR_OPEN_TODO, paths, fixable=True
        )
        found.insert(0, _Problem(finding, lambda: _make_private(finding)))
    if not found:
        found.append(_Problem(Finding("permissions", "ok", messages.DOCTOR_PRIVATE)))
    return found


def _open_mode(path: Path) -> int | None:
    """The mode of ``path`` if others (group or anyone) can read it or see into it."""
    try:
        status = path.lstat()
    except OSError:
        return None
    if not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
        return None  # a link is not followed, nor anything else changed through it
    mode = stat.S_IMODE(status.st_mode)
    return mode if mode & 0o077 else None


def _mode_named(found: list[tuple[Path, int]]) -> str:
    shown = [f"{path} ({mode:04o})" for path, mode in found]
    if len(shown) <= NAMED:
        return ", ".join(shown)
    return f"{', '.join(shown[:NAMED])} and {len(shown) - NAMED} more"


def _only_connectlogs(folder: Path, journal: Path, drafts_dir: Path, backups_dir: Path) -> bool:
    """Whether ``folder`` holds nothing but the journal and the files connectlog keeps with it.

    Its hidden ``.<journal>.…`` files count as connectlog's: temporary files of
    the journal and of the copies kept beside it.
    """
    ours = {Path(f"{journal}{suffix}") for suffix in _JOURNAL_FILES}
    ours |= {drafts_dir, backups_dir}
    ours |= {path for path, _before, _taken in migrate.upgrade_copies(journal)}
    try:
        children = list(folder.iterdir())
    except OSError:
        return False
    return all(child in ours or child.name.startswith(f".{journal.stem}.") for child in children)


def _make_private(finding: Finding) -> Finding:
    made: list[Path] = []
    failures: list[str] = []
    for path in finding.paths:
        try:
            status = path.lstat()
            if stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode):
                path.chmod(0o700 if stat.S_ISDIR(status.st_mode) else 0o600)
        except FileNotFoundError:
            continue
        except OSError as exc:
            failures.append(
                messages.DOCTOR_NOT_FIXED.format(path=path, reason=exc.strerror or str(exc))
            )
            continue
        made.append(path)
    if failures:
        return replace(finding, todo=" ".join(failures), fixable=False)
    said = messages.DOCTOR_MADE_PRIVATE.format(paths=_named(made))
    return Finding("permissions", "fixed", said, None, tuple(made))
