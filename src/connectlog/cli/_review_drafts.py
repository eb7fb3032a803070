"""A review that stopped goes on: its draft kept, offered the next time, removed once saved.

A review that stops part way (Ctrl-C, Ctrl-D) or cannot be saved leaves a
review draft in the journal's drafts folder holding every answer
(``journal/drafts.py``). The next review of that week offers to go on from the
latest: what was answered is given again, shown, and only what was not asked
yet is asked. Once the review is saved the draft goes; an answer no question
asked for this time is kept in a plain draft, so nothing typed is lost. A draft
that cannot be gone on from is never removed: what it holds is shown, and it
stays where it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from connectlog import messages
from connectlog.cli import _context
from connectlog.cli._output import say
from connectlog.errors import ConnectlogError

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from connectlog.journal.drafts import Answer, ReviewDraftFile
    from connectlog.journal.types.reviews import Agenda, ReviewView


def walk_and_save(agenda: Agenda, *, chosen: str | None, saved: ReviewView | None) -> None:
    """Ask the questions with no transaction open, then save what was said in one."""
    from connectlog.cli._review_asking import Asker, ReviewAborted
    from connectlog.cli._review_walk import walk
    from connectlog.journal.profiles import writer
    from connectlog.journal.reviews import save_review
    from connectlog.render import console

    folder = _context.location().drafts_dir
    week = agenda.period.label
    draft = _offer(folder, week)
    ask = Asker(draft.answers or () if draft is not None else ())
    try:
        said = walk(agenda, console.show, ask=ask, saved=saved)
    except ReviewAborted as stopped:
        raise _noted(stopped, _keep(folder, week, stopped.answers, draft)) from stopped
    try:
        with _context.session(write=True) as session:
            now = _context.now()
            writer(session, chosen=chosen, now=now)  # a first review makes the first profile
            done = save_review(session, agenda, said, now=now)
    except ConnectlogError as error:
        raise _noted(error, _keep(folder, week, ask.kept(), draft)) from error
    except (Exception, KeyboardInterrupt):
        kept = _keep(folder, week, ask.kept(), draft)
        if kept is not None:
            say(kept)
        raise
    say(messages.REVIEW_SAVED.format(week=done.week))
    if draft is not None:
        _done_with(draft, ask.unused(), folder)


def _offer(folder: Path, week: str) -> ReviewDraftFile | None:
    """The draft to go on from, if there is one and the people want to."""
    from connectlog.cli._review_asking import Asker
    from connectlog.journal.drafts import review_drafts

    found = review_drafts(folder, week=week)
    for draft in found:
        if draft.answers is None:
            say(messages.REVIEW_DRAFT_UNREADABLE.format(path=draft.path))
            if draft.text.strip():
                say(messages.REVIEW_DRAFT_HOLDS)
                for line in draft.text.strip("\n").splitlines():
                    say(f"  {line}")  # each line on its own, what it holds shown safely
    usable = [draft for draft in found if draft.answers is not None and draft.kept_at is not None]
    if not usable:
        return None
    latest = usable[0]
    assert latest.answers is not None and latest.kept_at is not None
    question = messages.REVIEW_RESUME.format(
        week=week,
        when=_when(latest.kept_at.astimezone()),
        count=sum(1 for answer in latest.answers if answer.text),
    )
    if Asker().confirm(question, default=True):
        return latest
    say(messages.REVIEW_DRAFT_STAYS.format(path=latest.path))
    return None


def _keep(
    folder: Path, week: str, answers: tuple[Answer, ...], draft: ReviewDraftFile | None
) -> str | None:
    """Keep ``answers`` as the week's draft, in place of the one gone on from.

    The sentence that says where they are (see ``_keeping``); None if nothing was typed.
    """
    from connectlog.cli._keeping import where
    from connectlog.journal.drafts import keep_review_draft, remove_draft

    if not any(answer.text for answer in answers):
        return None  # nothing typed (a draft gone on from, if any, stays)
    kept = keep_review_draft(folder, week=week, answers=answers, now=_context.now())
    if draft is not None and kept.path is not None and kept.refused is None:
        remove_draft(draft.path)  # everything it held is in the new one, beside it
    return where(kept)


def _noted(error: ConnectlogError, kept: str | None) -> ConnectlogError:
    return error if kept is None else error.with_note(kept)


def _done_with(draft: ReviewDraftFile, unused: tuple[Answer, ...], folder: Path) -> None:
    """The review is saved: the draft goes, and what no question asked for is kept apart."""
    from connectlog.cli._keeping import where
    from connectlog.journal.drafts import keep_draft, remove_draft

    left = "\n".join(f"{answer.question}: {answer.text}" for answer in unused if answer.text)
    if left:
        kept = keep_draft(folder, left, now=_context.now())
        if kept.path is None or kept.refused is not None:
            say(messages.REVIEW_LEFT_OVER_ELSEWHERE.format(where=where(kept)))
            return  # the review's draft stays too, beside the journal
        say(messages.REVIEW_LEFT_OVER.format(path=kept.path))
    remove_draft(draft.path)


def _when(kept_at: datetime) -> str:
    from connectlog.render import dates

    return f"{dates.day(kept_at)} at {kept_at:%H:%M}"
