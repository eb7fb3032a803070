"""The weekly review on screen and on paper: its five steps, past reviews, and a Markdown agenda."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from connectlog.render import dates, markdown
from connectlog.render.console import closeness_dots, stored
from connectlog.render.patterns import period_title
from connectlog.render.terminal import one_line

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.types.reviews import Agenda, ReviewView, Said

STEPS = (
    "Appreciations",
    "What went right",
    "Two views of one moment",
    "One thing to talk about",
    "Intentions for next week",
)
EMPTY = {
    "Appreciations": "No moment was marked as an appreciation this week.",
    "What went right": "No moment felt close (4 or more) this week.",
    "Two views of one moment": "No moment was logged by more than one of you.",
    "One thing to talk about": "No disconnection and no bid turned away or against.",
}
OUTCOME_WORDS = {"done": "done", "partly": "partly done", "not": "not done"}


def heading(agenda: Agenda) -> Text:
    who = _and(agenda.participants)
    return stored(f"Review of {period_title(agenda.period)}, with {who}", style="bold")


def step_title(number: int) -> Text:
    return Text(f"\n{number}. {STEPS[number - 1]}", style="bold cyan")


def last_intentions(agenda: Agenda) -> RenderableType:
    title = Text(f"\nLast time ({one_line(agenda.last_week or '')}) you intended:", style="bold")
    return Group(title, *(stored(f"  {_said(said)}") for said in agenda.last_intentions))


def said_before(lines: Sequence[Said], *, title: str = "Said before") -> RenderableType:
    """What the week's review holds for a step, shown before the step is asked again."""
    parts: list[RenderableType] = [Text(f"  {title}:", style="bold")]
    for said in lines:
        if said.question:
            parts.append(stored(f"    {said.question}", style="dim"))
        parts.append(stored(f"    {_said(said)}"))
    return Group(*parts)


def moments(views: Sequence[EntryView], *, step: str, numbered: bool = False) -> RenderableType:
    if not views:
        return Text(f"  {EMPTY[step]}", style="dim")
    table = Table.grid(padding=(0, 2))
    for _ in range(3):
        table.add_column()
    for number, view in enumerate(views, start=1):
        when = Text(f"{f'{number}.' if numbered else '':>4}{dates.day_and_time(view.occurred_at)}")
        table.add_row(when, stored(view.author, style="cyan"), _moment(view))
    return table


def two_views(groups: Sequence[Sequence[EntryView]]) -> RenderableType:
    if not groups:
        return Text(f"  {EMPTY['Two views of one moment']}", style="dim")
    parts: list[RenderableType] = []
    for group in groups:
        parts.append(Text(f"  {dates.day(group[0].occurred_at)}", style="bold"))
        table = Table.grid(padding=(0, 2))
        for _ in range(3):
            table.add_column()
        for view in group:
            time = Text(f"    {view.occurred_at:%H:%M}")
            table.add_row(time, stored(view.author, style="cyan"), _moment(view))
        parts.append(table)
    return Group(*parts)


def agenda_view(agenda: Agenda) -> RenderableType:
    """The whole agenda at once, for reading before or after the review."""
    parts: list[RenderableType] = [heading(agenda)]
    if agenda.last_intentions:
        parts.append(last_intentions(agenda))
    sections = (
        moments(agenda.appreciations, step=STEPS[0]),
        moments(agenda.went_right, step=STEPS[1]),
        two_views(agenda.two_views),
        moments(agenda.to_talk_about, step=STEPS[3], numbered=True),
    )
    for number, section in enumerate(sections, start=1):
        parts += [step_title(number), section]
    parts += [step_title(5), Text("  What will each of you do for the other next week?")]
    return Group(*parts)


def review_view(review: ReviewView) -> RenderableType:
    title = (
        f"Review of {review.week} ({dates.day(review.start)} to {dates.day(review.end, year=True)})"
    )
    parts: list[RenderableType] = [
        stored(title, style="bold"),
        stored(f"with {_and(review.participants)}", style="dim"),
    ]
    for label, lines in (
        ("How last week's intentions went", review.followups),
        ("Appreciations", review.appreciations),
        ("Intentions for next week", review.intentions),
    ):
        if lines:
            parts.append(Text(f"\n{label}", style="bold"))
            parts += [stored(f"  {_said(said)}") for said in lines]
    if review.topics:
        parts.append(Text("\nWhat you talked about", style="bold"))
        parts += [stored(f"  {said.text}") for said in review.topics]
    if review.notes:
        parts.append(Text("\nNotes", style="bold"))
        for said in review.notes:
            if said.question:
                parts.append(stored(f"  {said.question}", style="dim"))
            parts.append(stored(f"  {_said(said)}"))
    return Group(*parts)


def reviews_table(reviews: Iterable[ReviewView]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Week", style="cyan", no_wrap=True)
    table.add_column("With")
    table.add_column("Intentions", justify="right")
    table.add_column("Talked about")
    for review in reviews:
        table.add_row(
            stored(review.week),
            stored(", ".join(review.participants)),
            str(len(review.intentions)),
            Text(one_line(review.topic or "-"), no_wrap=True, overflow="ellipsis"),
        )
    return table


def agenda_markdown(agenda: Agenda) -> str:
    """The agenda as Markdown, to print or read together.

    A page for people rather than data for a program: what it quotes is
    shown as :func:`~connectlog.render.terminal.one_line` shows it, in a file
    as on the screen, and escaped so that it reads as written, never as
    Markdown (render/markdown.py).
    """
    who = _quoted(_and(agenda.participants))
    lines = [f"# Review of {period_title(agenda.period)}", "", f"With {who}."]
    if agenda.last_intentions:
        last = markdown.heading(one_line(agenda.last_week or ""))
        lines += ["", f"## Last time ({last}) we intended", ""]
        lines += [f"- [ ] {_quoted(_said(said))}" for said in agenda.last_intentions]
    sections = (
        (agenda.appreciations, False),
        (agenda.went_right, False),
        (None, False),
        (agenda.to_talk_about, True),
    )
    for number, (views, numbered) in enumerate(sections, start=1):
        step = STEPS[number - 1]
        lines += ["", f"## {number}. {step}", ""]
        if views is None:
            lines += _markdown_two_views(agenda.two_views) or [f"_{EMPTY[step]}_"]
            continue
        lines += [
            f"{index}. {_markdown_moment(view)}" if numbered else f"- {_markdown_moment(view)}"
            for index, view in enumerate(views, start=1)
        ] or [f"_{EMPTY[step]}_"]
    lines += ["", "## 5. Intentions for next week", ""]
    lines += [f"- {_quoted(name)}: " for name in agenda.participants]
    return "\n".join(lines) + "\n"


def _markdown_two_views(groups: Sequence[Sequence[EntryView]]) -> list[str]:
    lines: list[str] = []
    for group in groups:
        lines.append(f"- {dates.day(group[0].occurred_at)}")
        lines += [f"  - {_markdown_moment(view)}" for view in group]
    return lines


def _markdown_moment(view: EntryView) -> str:
    closeness = f", closeness {view.closeness}/5" if view.closeness else ""
    response = f", turned {_quoted(view.response)}" if view.response else ""
    text = _quoted(view.title)
    author = _quoted(view.author)
    return f"{dates.day_and_time(view.occurred_at)}, **{author}**{closeness}{response}: {text}"


def _quoted(text: str) -> str:
    """Stored text on one line of the agenda: control characters shown, Markdown escaped."""
    return markdown.inline(one_line(text))


def _moment(view: EntryView) -> Text:
    line = closeness_dots(view.closeness)
    line.append(f"  {one_line(view.title)}")
    if view.response:
        line.append(f" (turned {one_line(view.response)})", style="dim")
    return line


def _said(said: Said) -> str:
    who = f"{said.who}: " if said.who else ""
    how = f" ({OUTCOME_WORDS[said.outcome]})" if said.outcome in OUTCOME_WORDS else ""
    return f"{who}{said.text}{how}"


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names) or "no one"
    return ", ".join(names[:-1]) + " and " + names[-1]
