"""The review at a terminal: each step shown on stdout, each question asked on stderr.

Blank answers move on. On a week reviewed before, each step first shows what
the review holds for it: Enter keeps it, what is typed adds to it, and a line
is changed or taken back only when asked for and confirmed (those changes go
to :func:`~connectlog.journal.reviews.save_review` as lines with their ids and
as ``removed``). The questions are asked through ``cli/_review_asking.py``,
which can give them again from a draft of a review that stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from connectlog import messages
from connectlog.cli._output import say
from connectlog.cli._review_asking import Asker

if TYPE_CHECKING:
    from rich.console import RenderableType

    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.types.reviews import Agenda, ReviewDraft, ReviewView, Said

_OUTCOMES = {"d": "done", "done": "done", "p": "partly", "partly": "partly"}
_OUTCOMES |= {"n": "not", "not": "not", "no": "not"}
TAKE_BACK = "-"
WORKED = "What made these moments work?"
DIFFERENT = "What do you see differently?"
TOOK = "What did you take from talking about it?"


def walk(
    agenda: Agenda,
    show: Callable[[RenderableType], None],
    *,
    ask: Asker | None = None,
    saved: ReviewView | None = None,
) -> ReviewDraft:
    """Walk the participants through ``agenda`` and return what they said.

    ``saved``: the week's review so far, shown step by step to keep, add to or amend.
    """
    return _Walk(agenda, show, ask or Asker(), saved).run()


class _Walk:
    def __init__(
        self,
        agenda: Agenda,
        show: Callable[[RenderableType], None],
        ask: Asker,
        saved: ReviewView | None,
    ) -> None:
        from connectlog.render import review as render

        self.agenda, self.show, self.ask, self.saved = agenda, show, ask, saved
        self.render = render
        self.removed: list[int] = []
        self.notes_left = list(saved.notes) if saved else []

    def run(self) -> ReviewDraft:
        from connectlog.journal.types.reviews import ReviewDraft

        agenda, render, saved = self.agenda, self.render, self.saved
        self.show(render.heading(agenda))
        if saved is not None:
            say(messages.REVIEW_AGAIN.format(week=agenda.period.label))
        followups = self.followups()
        self.show(render.step_title(1))
        self.show(render.moments(agenda.appreciations, step=render.STEPS[0]))
        appreciations = self.amend(saved.appreciations if saved else ())
        appreciations += self.each_says("something you appreciate about the other")
        self.show(render.step_title(2))
        self.show(render.moments(agenda.went_right, step=render.STEPS[1]))
        notes = self.note(WORKED)
        self.show(render.step_title(3))
        self.show(render.two_views(agenda.two_views))
        notes += self.note(DIFFERENT, ask=bool(agenda.two_views))
        self.show(render.step_title(4))
        self.show(render.moments(agenda.to_talk_about, step=render.STEPS[3], numbered=True))
        topic, topic_entry, talked = self.topic()
        if talked:
            notes += self.note(TOOK)
        self.show(render.step_title(5))
        intentions = self.amend(saved.intentions if saved else ())
        intentions += self.each_says("an intention for next week")
        notes += self.amend(self.notes_left, title="Notes said before")
        return ReviewDraft(
            followups=tuple(followups),
            appreciations=tuple(appreciations),
            topic=topic,
            topic_entry=topic_entry,
            notes=tuple(notes),
            intentions=tuple(intentions),
            removed=tuple(self.removed),
        )

    def each_says(self, question: str) -> list[Said]:
        from connectlog.journal.types.reviews import Said

        said = []
        for name in self.agenda.participants:
            while text := self.ask(f"{name}, {question} (blank to go on)"):
                said.append(Said(text=text, who=name))
        return said

    def note(self, question: str, *, ask: bool = True) -> list[Said]:
        """The notes saved for ``question``, to keep or amend, and a new one if ``ask``."""
        from connectlog.journal.types.reviews import Said

        held = [said for said in self.notes_left if said.question == question]
        self.notes_left = [said for said in self.notes_left if said.question != question]
        notes = self.amend(held)
        if ask and (text := self.ask(f"{question} (blank to go on)")):
            notes.append(Said(text=text, question=question))
        return notes

    def amend(self, held: Sequence[Said], *, title: str = "Said before") -> list[Said]:
        """Show ``held``; if asked to, go through it line by line: the lines changed."""
        if not held:
            return []
        self.show(self.render.said_before(held, title=title))
        if not self.ask.confirm("Change or take back any of this?"):
            return []
        changed = []
        for line in held:
            who = line.who or "You"
            answer = self.ask(
                f"{who} said '{line.text}'. Enter keeps it, new words change it, - takes it back"
            )
            if answer == TAKE_BACK:
                if self.ask.confirm(f"Take back '{line.text}'?"):
                    self.removed.append(_id(line))
            elif (
                answer
                and answer != line.text
                and self.ask.confirm(f"Replace '{line.text}' with '{answer}'?")
            ):
                changed.append(replace(line, text=answer))
        return changed

    def followups(self) -> list[Said]:
        from connectlog.journal.types.reviews import Said

        agenda = self.agenda
        if not agenda.last_intentions:
            return []
        self.show(self.render.last_intentions(agenda))
        given = {said.follows: said for said in self.saved.followups} if self.saved else {}
        held = [given[said.id] for said in agenda.last_intentions if said.id in given]
        if held:
            self.show(self.render.said_before(held))
        followups = []
        for intention in agenda.last_intentions:
            before = given.get(intention.id)
            if before is not None:
                followups += self.outcome_again(intention, before)
                continue
            outcome = _outcome(self.ask, f"How did '{intention.text}' go? done, partly or not")
            if outcome:
                followups.append(
                    Said(intention.text, who=intention.who, outcome=outcome, follows=intention.id)
                )
        return followups

    def outcome_again(self, intention: Said, before: Said) -> list[Said]:
        """How an intention went, said before: kept, changed or taken back, when confirmed."""
        words = self.render.OUTCOME_WORDS
        said = words.get(before.outcome or "", "")
        question = f"How did '{intention.text}' go? done, partly or not"
        question += f" (Enter keeps {before.outcome or 'it'}, - takes it back)"
        while True:
            answer = self.ask(question).casefold()
            if not answer or _OUTCOMES.get(answer) == before.outcome:
                return []
            if answer == TAKE_BACK:
                if self.ask.confirm(f"Take back how '{intention.text}' went ({said})?"):
                    self.removed.append(_id(before))
                return []
            if answer in _OUTCOMES:
                outcome = _OUTCOMES[answer]
                change = f"Change how '{intention.text}' went from {said} to {words[outcome]}?"
                return [replace(before, outcome=outcome)] if self.ask.confirm(change) else []
            say(messages.PROMPT_OUTCOME)

    def topic(self) -> tuple[str | None, int | None, bool]:
        """The topic chosen now (None: none new), its entry, and whether there is one at all."""
        held = self.saved.topics if self.saved else ()
        if held:
            self.show(self.render.said_before(held))
        choices = self.agenda.to_talk_about
        if choices:
            question = "Which one will you talk about? A number, your own words, or "
            question += "Enter to keep it (- for none)" if held else "blank for none"
        else:
            question = "Is there something you want to talk about? "
            question += (
                "Your words, or Enter to keep it (- for none)" if held else "(blank for nothing)"
            )
        while True:
            answer = self.ask(question)
            if not answer or (answer == TAKE_BACK and not held):
                return None, None, bool(held)
            if answer == TAKE_BACK:
                if self.ask.confirm(f"Take back the topic {_quoted(held)}?"):
                    self.removed += [_id(said) for said in held]
                    return None, None, False
                return None, None, True
            chosen = _chosen(self.ask, answer, choices)
            if chosen is None:
                say(messages.PROMPT_TOPIC.format(count=len(choices)))
                continue
            text, entry = chosen
            if not held:
                return text, entry, True
            if text == held[-1].text:
                return None, None, True  # what it is already
            if not self.ask.confirm(f"Replace the topic {_quoted(held)} with '{text}'?"):
                return None, None, True
            self.removed += [_id(said) for said in held]
            return text, entry, True


def _chosen(ask: Asker, answer: str, choices: Sequence[EntryView]) -> tuple[str, int | None] | None:
    """The topic an answer names: a moment by its number, or the words themselves."""
    if not answer.isdigit():
        return answer, None
    same = [view for view in choices if ask.last.entry is not None and view.id == ask.last.entry]
    if same:  # a resumed answer: the moment chosen then, wherever it is in the list now
        return same[0].title, same[0].id
    if 1 <= int(answer) <= len(choices):
        view = choices[int(answer) - 1]
        ask.chose(view.id)
        return view.title, view.id
    return None


def _outcome(ask: Asker, question: str) -> str | None:
    while True:
        answer = ask(f"{question} (blank to skip)").casefold()
        if not answer:
            return None
        if answer in _OUTCOMES:
            return _OUTCOMES[answer]
        say(messages.PROMPT_OUTCOME)


def _id(said: Said) -> int:
    assert said.id is not None, said  # a line the review holds has its id
    return said.id


def _quoted(held: Sequence[Said]) -> str:
    quoted = [f"'{said.text}'" for said in held]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
