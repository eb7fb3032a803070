"""The guided prompt for ``add`` at a terminal: text, people, kind, closeness, concepts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import typer

from connectlog import messages
from connectlog.cli._output import say
from connectlog.errors import ConnectlogError

T = TypeVar("T")


@dataclass(frozen=True)
class Answers:
    text: str
    people: tuple[str, ...]
    kind: str | None
    closeness: int | None
    concepts: tuple[str, ...]


class PromptAborted(ConnectlogError):
    """The writer stopped the prompt (Ctrl-C, Ctrl-D) after typing ``text``."""

    def __init__(self, text: str) -> None:
        super().__init__(messages.ABORTED)
        self.text = text


def ask(
    *,
    known_concepts: list[str],
    check_kind: Callable[[str], str],
    check_concepts: Callable[[tuple[str, ...]], tuple[str, ...]],
    ask_kind: bool = True,
    ask_closeness: bool = True,
) -> Answers:
    """Ask for each field on stderr; blank skips an optional one, a bad answer asks again.

    Kind and closeness are not asked for when ``ask_kind`` or ``ask_closeness``
    is false (the writer gave them as options). Stopping after the text raises
    :class:`PromptAborted` carrying it, so it can be kept.
    """
    text = _ask("What happened", lambda raw: raw.strip() or _retry(messages.PROMPT_NO_TEXT))
    try:
        people = _ask("Who was it with (comma-separated, blank for no one)", _people, default="")
        kind = None
        if ask_kind:
            kind = _ask(
                "Kind: emotional, physical or both (blank to skip)",
                lambda raw: check_kind(raw) if raw.strip() else None,
                default="",
            )
        closeness = None
        if ask_closeness:
            closeness = _ask("How close did it feel, 1 to 5 (blank to skip)", _rating, default="")
        say(messages.PROMPT_CONCEPTS.format(names=", ".join(known_concepts)))
        concepts = _ask(
            "Which concepts (comma-separated, blank for none)",
            lambda raw: check_concepts(_names(raw)),
            default="",
        )
    except typer.Abort as abort:
        raise PromptAborted(text) from abort
    return Answers(text=text, people=people, kind=kind, closeness=closeness, concepts=concepts)


def _ask(question: str, read: Callable[[str], T], default: str | None = None) -> T:
    while True:
        raw = typer.prompt(question, default=default, show_default=False, err=True)
        try:
            return read(str(raw))
        except ConnectlogError as error:
            say(str(error))


def _retry(message: str) -> str:
    raise ConnectlogError(message)


def _names(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _people(raw: str) -> tuple[str, ...]:
    from connectlog.journal.people import new_name

    return tuple(new_name(name) for name in _names(raw))


def _rating(raw: str) -> int | None:
    if not raw.strip():
        return None
    if raw.strip() in {"1", "2", "3", "4", "5"}:
        return int(raw)
    raise ConnectlogError(messages.PROMPT_BAD_RATING)
