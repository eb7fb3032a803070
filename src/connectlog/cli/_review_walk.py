"""The review at a terminal: each step shown on stdout, each question asked on stderr.

Blank answers move on. Stopping part way (Ctrl-C, Ctrl-D) raises
:class:`ReviewAborted` carrying what was typed, so it can be kept as a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from connectlog import messages
from connectlog.errors import ConnectlogError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from connectlog.journal.reviews import Agenda, ReviewDraft, Said

_OUTCOMES = {"d": "done", "done": "done", "p": "partly", "partly": "partly"}
_OUTCOMES |= {"n": "not", "not": "not", "no": "not"}


class ReviewAborted(ConnectlogError):
    """The review was stopped; ``text`` is what had been typed."""

    def __init__(self, text: str) -> None:
        super().__init__(messages.ABORTED)
        self.text = text


def walk(agenda: Agenda, show: Callable[[RenderableType], None]) -> ReviewDraft:
    """Walk the participants through ``agenda`` and return what they said."""
    from connectlog.journal.reviews import ReviewDraft, Said
    from connectlog.render import review as render

    typed: list[str] = []

    def ask(question: str) -> str:
        try:
            answer = str(typer.prompt(question, default="", show_default=False, err=True))
        except typer.Abort as abort:
            raise ReviewAborted("\n".join(typed)) from abort
        if answer.strip():
            typed.append(f"{question}: {answer.strip()}")
        return answer.strip()

    def each_says(question: str) -> tuple[Said, ...]:
        said = []
        for name in agenda.participants:
            while text := ask(f"{name}, {question} (blank to go on)"):
                said.append(Said(text=text, who=name))
        return tuple(said)

    show(render.heading(agenda))
    followups = []
    if agenda.last_intentions:
        show(render.last_intentions(agenda))
        for intention in agenda.last_intentions:
            outcome = _outcome(ask, f"How did '{intention.text}' go? done, partly or not")
            if outcome:
                followups.append(
                    Said(intention.text, who=intention.who, outcome=outcome, follows=intention.id)
                )
    show(render.step_title(1))
    show(render.moments(agenda.appreciations, step=render.STEPS[0]))
    appreciations = each_says("something you appreciate about the other")
    show(render.step_title(2))
    show(render.moments(agenda.went_right, step=render.STEPS[1]))
    notes = [ask("What made these moments work? (blank to go on)")]
    show(render.step_title(3))
    show(render.two_views(agenda.two_views))
    if agenda.two_views:
        notes.append(ask("What do you see differently? (blank to go on)"))
    show(render.step_title(4))
    show(render.moments(agenda.to_talk_about, step=render.STEPS[3], numbered=True))
    topic, topic_entry = _topic(ask, agenda)
    if topic:
        notes.append(ask("What did you take from talking about it? (blank to go on)"))
    show(render.step_title(5))
    intentions = each_says("an intention for next week")
    return ReviewDraft(
        followups=tuple(followups),
        appreciations=appreciations,
        topic=topic,
        topic_entry=topic_entry,
        notes="\n\n".join(note for note in notes if note),
        intentions=intentions,
    )


def _outcome(ask: Callable[[str], str], question: str) -> str | None:
    while True:
        answer = ask(f"{question} (blank to skip)").casefold()
        if not answer:
            return None
        if answer in _OUTCOMES:
            return _OUTCOMES[answer]
        typer.echo(messages.PROMPT_OUTCOME, err=True)


def _topic(ask: Callable[[str], str], agenda: Agenda) -> tuple[str | None, int | None]:
    choices = agenda.to_talk_about
    question = "Which one will you talk about? A number, your own words, or blank for none"
    if not choices:
        question = "Is there something you want to talk about? (blank for nothing)"
    while True:
        answer = ask(question)
        if not answer:
            return None, None
        if not answer.isdigit():
            return answer, None
        if 1 <= int(answer) <= len(choices):
            chosen = choices[int(answer) - 1]
            return chosen.title, chosen.id
        typer.echo(messages.PROMPT_TOPIC.format(count=len(choices)), err=True)
