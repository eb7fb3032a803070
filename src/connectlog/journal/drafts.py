"""Keeping text the writer typed when it could not be saved.

A draft is a file in the journal's drafts folder, readable by its owner only,
never written over, and whole or not there at all (written beside its place,
flushed to the disk, then linked into place). When the drafts folder cannot
hold it (read-only, not a folder, a full disk), :func:`keep_draft` keeps it in
the temporary folder instead, and says so when neither can.

Most drafts are text alone. A review's draft is text too, for people, and
after it a line of JSON with every answer, so that the next review of that
week can go on where it stopped (:func:`save_review_draft`,
:func:`review_drafts`). That line is read as any file from outside is: if it
is missing, broken or odd in any way, the draft is still there and its text
can still be read, only not resumed from.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from connectlog.files import temporary_beside

#: The line a review draft's resume data follows.
RESUME_MARK = "--- connectlog review: the line below lets a review go on; leave it as it is ---"
#: A review draft larger than this is not read (what connectlog writes is far smaller).
LARGEST_REVIEW_DRAFT = 1 << 20
#: The longest question or answer a review draft may hold.
_LONGEST = 100_000
_WEEK = re.compile(r"[0-9]{4}-W[0-9]{2}")
_NAME = re.compile(r"-([0-9]{8}-[0-9]{6})(?:-([0-9]{1,3}))?\.txt$")
_DRAFT_NAME = re.compile(r"draft-[0-9]{8}-[0-9]{6}(?:-[0-9]{1,3})?\.txt")
_REVIEW_NAME = re.compile(r"review-[0-9]{4}-W[0-9]{2}-[0-9]{8}-[0-9]{6}(?:-[0-9]{1,3})?\.txt")


@dataclass(frozen=True)
class Answer:
    """One question of a review walk and what was answered (blank: nothing).

    ``entry`` is the entry a numbered choice named, so that a resumed review
    picks the same moment even if the numbers have moved.
    """

    question: str
    text: str
    entry: int | None = None


@dataclass(frozen=True)
class ReviewDraftFile:
    """A review's draft found in the drafts folder.

    ``answers`` is None when the draft cannot be resumed from; ``text`` is then
    all of the file there is to show (never None, possibly empty).
    """

    path: Path
    week: str
    text: str
    answers: tuple[Answer, ...] | None
    kept_at: datetime | None


def save_draft(directory: Path, text: str, *, now: datetime) -> Path:
    """Write ``text`` to a new file in ``directory`` readable by its owner only."""
    return _create(directory, "draft", now, text if text.endswith("\n") else text + "\n")


@dataclass(frozen=True)
class Kept:
    """Where text that could not be saved was kept.

    ``path`` is the file that holds it: in the drafts ``folder``, or when that
    could not hold it (``refused`` says why) in the temporary folder ``spare``.
    ``path`` is None when neither could (``spare_refused``): ``content``, all of
    what was to be kept, must then be shown in full.
    """

    path: Path | None
    folder: Path
    content: str
    refused: str | None = None
    spare: Path | None = None
    spare_refused: str | None = None


def keep_draft(directory: Path, text: str, *, now: datetime) -> Kept:
    """Keep ``text`` as :func:`save_draft` does, or in the temporary folder, or nowhere."""
    return _keep(directory, "draft", now, text if text.endswith("\n") else text + "\n")


def keep_review_draft(
    directory: Path, *, week: str, answers: tuple[Answer, ...], now: datetime
) -> Kept:
    """Keep a review's ``answers`` as :func:`save_review_draft` does, or elsewhere (see Kept)."""
    return _keep(directory, f"review-{week}", now, _review_content(week, answers, now))


def _keep(directory: Path, stem: str, now: datetime, content: str) -> Kept:
    try:
        return Kept(path=_create(directory, stem, now, content), folder=directory, content=content)
    except OSError as exc:
        refused = _reason(exc, directory)
    try:
        spare = Path(tempfile.gettempdir())
    except OSError as exc:  # no temporary folder can be written at all
        return Kept(None, directory, content, refused, spare_refused=_reason(exc, None))
    try:
        path = _create(spare, f"connectlog-{stem}", now, content)
    except OSError as exc:
        return Kept(None, directory, content, refused, spare, _reason(exc, spare))
    return Kept(path, directory, content, refused, spare)


def _reason(exc: OSError, directory: Path | None) -> str:
    """Why a draft could not be written in ``directory``, in a few words."""
    if directory is not None and os.path.lexists(directory) and not directory.is_dir():
        return "it is not a folder"
    return exc.strerror or str(exc)


def save_review_draft(
    directory: Path, *, week: str, answers: tuple[Answer, ...], now: datetime
) -> Path:
    """Keep ``answers`` of a review of ``week`` that stopped, to read and to go on from."""
    return _create(directory, f"review-{week}", now, _review_content(week, answers, now))


def _review_content(week: str, answers: tuple[Answer, ...], now: datetime) -> str:
    """A review draft: what was said, for people, and the line to go on from."""
    if not _WEEK.fullmatch(week):
        raise ValueError(week)
    data = {
        "version": 1,
        "type": "review-draft",
        "week": week,
        "kept_at": now.isoformat(),
        "answers": [
            {"question": answer.question, "text": answer.text, "entry": answer.entry}
            for answer in answers
        ],
    }
    said = "".join(f"{answer.question}: {answer.text}\n" for answer in answers if answer.text)
    return (
        f"What was said in the review of {week} before it stopped, {now:%a %d %b %Y %H:%M}.\n"
        f"'connectlog review --week {week}' offers to go on from here.\n\n"
        f"{said}\n{RESUME_MARK}\n{json.dumps(data, ensure_ascii=True)}\n"
    )


def review_drafts(directory: Path, *, week: str) -> list[ReviewDraftFile]:
    """The drafts of reviews of ``week`` in ``directory``, the latest first.

    Only regular files are read (a link is left alone, wherever it points).
    """
    if not _WEEK.fullmatch(week):
        return []
    try:
        found = [path for path in directory.glob(f"review-{week}-*.txt") if _regular(path)]
    except OSError:
        return []
    return [_read_review_draft(path, week) for path in sorted(found, key=_made, reverse=True)]


@dataclass(frozen=True)
class DraftFiles:
    """What a drafts folder holds: drafts of text, drafts of reviews, and anything else."""

    texts: tuple[Path, ...]
    reviews: tuple[Path, ...]
    others: tuple[Path, ...]


def draft_files(directory: Path) -> DraftFiles:
    """Every file in ``directory``, sorted by what it is; none if it is missing or unreadable.

    A draft is a regular file named as :func:`save_draft` or
    :func:`save_review_draft` names them; anything else (a link too) is another's.
    """
    try:
        children = sorted(directory.iterdir())
    except OSError:
        return DraftFiles(texts=(), reviews=(), others=())
    texts, reviews, others = [], [], []
    for child in children:
        if not _regular(child):
            others.append(child)
        elif _DRAFT_NAME.fullmatch(child.name):
            texts.append(child)
        elif _REVIEW_NAME.fullmatch(child.name):
            reviews.append(child)
        else:
            others.append(child)
    return DraftFiles(texts=tuple(texts), reviews=tuple(reviews), others=tuple(others))


def remove_draft(path: Path) -> None:
    """Remove a draft whose words are saved now."""
    path.unlink(missing_ok=True)


def _made(path: Path) -> tuple[str, int]:
    """When a draft was made, from its name: the time, then which of that second's drafts."""
    found = _NAME.search(path.name)
    return (found.group(1), int(found.group(2) or 0)) if found else ("", 0)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _read_review_draft(path: Path, week: str) -> ReviewDraftFile:
    unreadable = ReviewDraftFile(path=path, week=week, text="", answers=None, kept_at=None)
    try:
        with path.open("rb") as handle:
            raw = handle.read(LARGEST_REVIEW_DRAFT + 1)
    except OSError:
        return unreadable
    if len(raw) > LARGEST_REVIEW_DRAFT:
        return unreadable
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ReviewDraftFile(
            path=path, week=week, text=raw.decode("utf-8", "replace"), answers=None, kept_at=None
        )
    text, mark, data = content.rpartition(f"\n{RESUME_MARK}\n")
    if not mark:
        return ReviewDraftFile(path=path, week=week, text=content, answers=None, kept_at=None)
    try:
        answers, kept_at = _resume_data(json.loads(data), week)
    except (ValueError, TypeError, KeyError, RecursionError):
        # What was said is above the mark; the file keeps the rest.
        return ReviewDraftFile(path=path, week=week, text=text, answers=None, kept_at=None)
    return ReviewDraftFile(path=path, week=week, text=text, answers=answers, kept_at=kept_at)


def _resume_data(data: Any, week: str) -> tuple[tuple[Answer, ...], datetime]:
    """The answers and the time of a draft's resume data; ValueError if anything is off."""
    if not isinstance(data, dict) or set(data) != {"version", "type", "week", "kept_at", "answers"}:
        raise ValueError("not a review draft")
    if data["version"] != 1 or data["type"] != "review-draft" or data["week"] != week:
        raise ValueError("another draft")
    kept_at = datetime.fromisoformat(_text(data["kept_at"]))
    if kept_at.tzinfo is None or not isinstance(data["answers"], list):
        raise ValueError("not a review draft")
    answers = []
    for item in data["answers"]:
        if not isinstance(item, dict) or set(item) != {"question", "text", "entry"}:
            raise ValueError("not an answer")
        entry = item["entry"]
        if entry is not None and (type(entry) is not int or not 0 < entry < 1 << 63):
            raise ValueError("not an entry")
        answers.append(
            Answer(question=_text(item["question"]), text=_text(item["text"]), entry=entry)
        )
    return tuple(answers), kept_at


def _text(value: Any) -> str:
    """``value`` if it is a string a person could have typed, else ValueError."""
    if not isinstance(value, str) or len(value) > _LONGEST or "\n" in value or "\r" in value:
        raise ValueError("not a line of text")  # an answer at a prompt is one line
    value.encode("utf-8")  # a lone surrogate is half a character: UnicodeEncodeError, a ValueError
    return value


def _create(directory: Path, stem: str, now: datetime, content: str) -> Path:
    """A new file ``stem-<time>.txt`` in ``directory`` holding ``content``, for its owner only.

    The file appears whole or not at all: ``content`` is written to a temporary
    file beside it and flushed to the disk first, then linked into place under
    a name no draft has (never over one). If anything fails (a full disk, a
    folder that cannot be written), the temporary file is removed and the
    OSError raised: no empty or partial draft is left behind.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    fd, temporary = temporary_beside(directory / f"{stem}-{stamp}.txt")
    try:
        try:
            _write_all(fd, content.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        for attempt in range(1000):
            suffix = f"-{attempt}" if attempt else ""
            path = directory / f"{stem}-{stamp}{suffix}.txt"
            if _move_into(temporary, path):
                _settle(directory)
                return path
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(directory))
    finally:
        temporary.unlink(missing_ok=True)


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` (os.write may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _move_into(temporary: Path, path: Path) -> bool:
    """Give ``temporary`` the name ``path`` unless a file has it; whether it did.

    A hard link never replaces a file; where links cannot be made (some shared
    and foreign filesystems), the file is renamed, if nothing has the name yet.
    """
    try:
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
    if os.path.lexists(path):
        return False
    temporary.replace(path)
    return True


def _settle(directory: Path) -> None:
    """Flush the folder's entry for the new file to the disk, where the system allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every system can sync a folder; the file itself is on the disk
    finally:
        os.close(fd)
