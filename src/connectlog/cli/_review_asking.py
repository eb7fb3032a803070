"""Asking the review's questions: on stderr, or given again from a draft being gone on from.

Every question of a review walk goes through an :class:`Asker`, which keeps
every answer. Stopping part way (Ctrl-C, Ctrl-D) raises :class:`ReviewAborted`
carrying them all, so they can be kept as a draft; an :class:`Asker` given
those answers gives each again, shown, instead of asking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import typer

from connectlog import messages
from connectlog.cli._output import prompt_text, say
from connectlog.errors import ConnectlogError

if TYPE_CHECKING:
    from connectlog.journal.drafts import Answer

_YES, _NO = ("y", "yes"), ("n", "no")


class ReviewAborted(ConnectlogError):
    """The review was stopped; ``answers`` is every answer given, ``text`` them for people."""

    def __init__(self, answers: tuple[Answer, ...]) -> None:
        super().__init__(messages.ABORTED)
        self.answers = answers
        self.text = "\n".join(f"{said.question}: {said.text}" for said in answers if said.text)


class Asker:
    """Asks questions on stderr, or gives again the answers of a draft being gone on from.

    A question's answer is looked up by the question's words and by how many
    times it has been asked (the same question asks for each appreciation in
    turn), so a review that goes on asks only what it had not asked yet.
    """

    def __init__(self, resumed: Iterable[Answer] = ()) -> None:
        self._resumed: dict[tuple[str, int], Answer] = {}
        counted: Counter[str] = Counter()
        for answer in resumed:
            self._resumed[(answer.question, counted[answer.question])] = answer
            counted[answer.question] += 1
        self._asked: Counter[str] = Counter()
        self.answers: list[Answer] = []

    def __call__(self, question: str) -> str:
        from connectlog.journal.drafts import Answer

        key = (question, self._asked[question])
        self._asked[question] += 1
        answer = self._resumed.pop(key, None)
        if answer is None:
            try:
                typed = typer.prompt(
                    prompt_text(question), default="", show_default=False, err=True
                )
            except typer.Abort as abort:
                raise ReviewAborted(self.kept()) from abort
            answer = Answer(question=question, text=str(typed).strip())
        elif answer.text:
            say(f"{question}: {answer.text}")  # answered before: shown, not asked
        self.answers.append(answer)
        return answer.text

    def confirm(self, question: str, *, default: bool = False) -> bool:
        """Ask a yes-or-no ``question``; Enter is ``default``, anything else is asked again."""
        while True:
            answer = self(f"{question} {'[Y/n]' if default else '[y/N]'}").casefold()
            if not answer:
                return default
            if answer in _YES or answer in _NO:
                return answer in _YES
            say(messages.PROMPT_YES_NO)

    @property
    def last(self) -> Answer:
        return self.answers[-1]

    def chose(self, entry: int) -> None:
        """The last answer named ``entry`` (a number in a list): a draft keeps which."""
        self.answers[-1] = replace(self.answers[-1], entry=entry)

    def unused(self) -> tuple[Answer, ...]:
        """The resumed answers no question has asked for (yet)."""
        return tuple(self._resumed.values())

    def kept(self) -> tuple[Answer, ...]:
        """Everything to keep if the walk stops now: what was answered, then what is left."""
        return (*self.answers, *self.unused())
