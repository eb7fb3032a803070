"""What the writer typed is never lost: kept when it cannot be saved, and the message says where.

Text that could not be saved goes into a draft in the journal's drafts folder;
if that folder cannot hold it (read-only, not a folder, a full disk), into the
temporary folder; and if no file can be written at all, it is written in full
on stderr, between two lines that mark it, before the error's own line
(``journal/drafts.py`` writes the files, whole or not at all).

Which text is kept: what was typed here (in the editor, at the prompt) whatever
ended the command; what came as an argument or on stdin only when the journal
could not be written (a refusal or a bug leaves it where it came from).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from connectlog import messages
from connectlog.cli import _context
from connectlog.cli._output import say
from connectlog.errors import ConnectlogError, StorageError

if TYPE_CHECKING:
    from connectlog.journal.drafts import Kept


@contextmanager
def keeping(typed: str | None = None, *, given: str | None = None) -> Iterator[None]:
    """Whatever ends the block, keep what the writer typed, and say where it is.

    ``typed`` (or the text a stopped editor or prompt carries) is kept whatever
    ends the block; ``given``, text from the command line or stdin, only when
    the journal could not be written (not when it was refused, nor for a bug,
    whose one line stays one: the text is still where it came from).
    """
    try:
        yield
    except ConnectlogError as error:
        text = typed or getattr(error, "text", None)
        if not text and isinstance(error, StorageError):
            text = given
        if not text:
            raise
        raise error.with_note(keep_text(text)) from error
    except (Exception, KeyboardInterrupt):
        if typed:  # a bug, or Ctrl-C: the line before its own says where the text is
            say(keep_text(typed))
        raise


def keep_text(text: str) -> str:
    """Keep ``text``; the sentence that says where it is."""
    from connectlog.journal.drafts import keep_draft

    return where(keep_draft(_drafts_folder(), text, now=_context.now()))


def where(kept: Kept) -> str:
    """The sentence that says where ``kept`` is; when no file holds it, it is written first.

    A file that holds it is plain text, even when the journal is encrypted, and then says so.
    """
    if kept.path is not None and kept.refused is None:
        return _plain(messages.DRAFT_KEPT.format(path=kept.path))
    if kept.path is not None:
        return _plain(
            messages.DRAFT_KEPT_ELSEWHERE.format(
                folder=kept.folder, reason=kept.refused, path=kept.path
            )
        )
    _show_in_full(kept.content)
    return messages.DRAFT_SHOWN.format(
        folder=kept.folder,
        reason=kept.refused,
        spare=kept.spare or messages.DRAFT_NO_SPARE,
        spare_reason=kept.spare_refused,
        start=messages.TEXT_SHOWN_START,
        end=messages.TEXT_SHOWN_END,
    )


def _plain(sentence: str) -> str:
    """``sentence``, and that the draft is not encrypted when the journal is."""
    from connectlog.storage.cipher import is_encrypted

    try:
        journal = _context.location().path
        encrypted = journal is not None and is_encrypted(journal)
    except Exception:  # the journal cannot even be looked at: the draft says nothing of it
        encrypted = False
    return f"{sentence} {messages.DRAFT_NOT_ENCRYPTED}" if encrypted else sentence


def _drafts_folder() -> Path:
    try:
        return _context.location().drafts_dir
    except Exception:  # no data folder can be named: the temporary folder is next
        return Path("drafts")


def _show_in_full(content: str) -> None:
    """``content`` on stderr, whole, between its two marking lines."""
    from connectlog.cli._output import say_text

    say(messages.TEXT_SHOWN_START)
    say_text(content if content.endswith("\n") else content + "\n")
    say(messages.TEXT_SHOWN_END)
    sys.stderr.flush()
