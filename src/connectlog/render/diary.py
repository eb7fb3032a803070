"""``read``: whole entries under their days, oldest first, as a diary reads.

Each day is a heading; each entry a line of what was noted about it (its
time, who it was with, its concepts, how close it felt, its marks), then its
whole text, wrapped to the width a line at a time (``console.LongText``).
Names and texts from the journal are shown, never obeyed, as everywhere in
``render/console.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from connectlog.render import dates
from connectlog.render.console import LongText, closeness_dots, stored

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryView


def entries(
    views: Iterable[EntryView], *, marked: Iterable[str] = (), authored: bool = False
) -> Iterator[RenderableType]:
    """The diary of ``views`` (oldest first), a day's heading or an entry at a time.

    ``marked``: words highlighted wherever they stand in a text (a search's).
    ``authored``: each entry says who wrote it (a journal several write in).
    """
    marked = tuple(marked)
    day: date | None = None
    for view in views:
        if view.occurred_at.date() != day:
            day = view.occurred_at.date()
            yield Text(dates.day(day, year=True), style="bold underline")
        yield entry(view, marked=marked, authored=authored)


def entry(
    view: EntryView, *, marked: tuple[str, ...] = (), authored: bool = False
) -> RenderableType:
    """One entry: the line of what was noted, then its text, then a blank line."""
    noted = Text()
    noted.append(view.occurred_at.strftime("%H:%M"), style="bold")
    noted.append(f"  #{view.id}", style="dim")
    facts: list[Text] = []
    if authored:
        facts.append(stored(view.author, "bold"))
    if view.people:
        facts.append(stored("with " + ", ".join(view.people), "green"))
    if view.concepts:
        facts.append(stored(", ".join(view.concepts), "cyan"))
    if view.closeness is not None:
        facts.append(closeness_dots(view.closeness))
    if view.touch:
        facts.append(stored(view.touch))
    if view.mood_before is not None or view.mood_after is not None:
        facts.append(Text(f"mood {view.mood_before or '?'} → {view.mood_after or '?'}"))
    marks = [
        mark
        for mark, shown in (
            ("★", view.starred),
            ("appreciation", view.appreciation),
            ("private", view.private),
        )
        if shown
    ]
    if marks:
        facts.append(Text(" ".join(marks), style="yellow"))
    for fact in facts:
        noted.append("  ·  ", style="dim")
        noted.append_text(fact)
    return Group(noted, LongText(view.text, marked=marked), Text(""))
