"""Rich output for people at a terminal; plain text, no escape codes, when piped or NO_COLOR.

Whatever was stored goes into a :class:`~rich.text.Text`, never a plain
string, so that ``[brackets]`` and ``:codes:`` in it are shown as typed rather
than read as Rich markup or emoji; and through :mod:`connectlog.render.terminal`
first, so that a control character in it is shown rather than obeyed: names
and titles with :func:`one_line`, an entry's text with :func:`visible`.
:func:`show` checks every piece of text it prints once more, for whatever a
view might miss.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from connectlog.render import dates
from connectlog.render.terminal import one_line, visible

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.types.infos import ConceptInfo, PersonInfo, ProfileInfo


def show(renderable: RenderableType) -> None:
    """Print to stdout, the data stream.

    At a terminal Rich prints as it likes; piped, lines lose the padding that
    tables add at their ends, so the text is plain to read and to diff.
    """
    console = Console(file=sys.stdout, highlight=False)
    shown = Shown(renderable)
    if console.is_terminal:
        console.print(shown)
        return
    with console.capture() as captured:
        console.print(shown)
    lines = captured.get().splitlines()
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in lines))


def show_all(parts: Iterable[RenderableType], *, file: IO[str] | None = None) -> None:
    """Print each of ``parts`` in turn, as :func:`show` does, or into ``file``.

    ``file`` is a pager's input: what goes there is laid out and coloured for
    the terminal the pager shows it on.
    """
    if file is None:
        for part in parts:
            show(part)
        return
    width = shutil.get_terminal_size().columns
    console = Console(file=file, force_terminal=True, width=width, highlight=False)
    for part in parts:
        console.print(Shown(part))


class Shown:
    """``renderable`` as Rich lays it out, with a control character in any of its text shown.

    The last check before the terminal: Rich's own escape codes are added
    after this, from the segments' styles, and are not touched.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            shown = visible(segment.text)
            if segment.control or shown is segment.text:
                yield segment
            else:
                yield Segment(shown, segment.style)


class LongText:
    """A text of many lines (an entry's), wrapped to the width, a line at a time.

    Printed as one :class:`~rich.text.Text`, Rich joins the wrapped lines of a
    text into a single piece holding all of them, and the console then cuts
    that piece at each newline by copying what is left after it: time that
    grows with the square of the text's length (a 16 MB entry took a minute
    and a half to show). Each line here is its own pieces, and the newlines
    pieces of their own, so that showing a text takes time in proportion to
    its length (bench/show.py).
    """

    def __init__(self, text: str, *, marked: Iterable[str] = ()) -> None:
        self.text = text
        self.marked = tuple(marked)  # words shown highlighted, any case: a search's

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown = Text(visible(self.text))
        if self.marked:
            shown.highlight_words(self.marked, style="reverse", case_sensitive=False)
        lines = shown.wrap(
            console,
            options.max_width,
            justify=options.justify or "default",
            overflow=options.overflow or "fold",
            tab_size=console.tab_size,
            no_wrap=options.no_wrap or False,
        )
        newline = Segment.line()
        for line in lines:
            yield from line.render(console)
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, Text(self.text))


def stored(text: str, style: str = "") -> Text:
    """A name, a title or another one-line text from the journal, shown safely on one line."""
    return Text(one_line(text), style=style)


def closeness_dots(value: int | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    return Text("●" * value, style="magenta") + Text("○" * (5 - value), style="dim")


def moment(when: datetime) -> str:
    return dates.day_and_time(when, year=True)


def entry_detail(view: EntryView) -> RenderableType:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column()
    rows: list[tuple[str, str | Text]] = [
        (
            "Entry",
            f"{view.id}{'  ★ starred' if view.starred else ''}"
            f"{'  (private)' if view.private else ''}",
        ),
        ("When", moment(view.occurred_at) + view.occurred_at.strftime(" (UTC%z)")),
        ("Author", stored(view.author)),
        ("With", stored(", ".join(view.people) or "-")),
        ("Concepts", stored(", ".join(view.concepts) or "-")),
        ("Kind", stored(view.kind or "-")),
        ("Touch", stored(view.touch or "-")),
        ("Closeness", closeness_dots(view.closeness)),
        ("Reached out", stored(view.initiated_by or "-")),
        ("Response", stored(f"turned {view.response}" if view.response else "-")),
        ("Mood", _mood(view.mood_before, view.mood_after)),
        ("Appreciation", "yes" if view.appreciation else "no"),
        ("Id", stored(view.uuid)),
        ("Written", moment(view.created_at.astimezone())),
        ("Updated", moment(view.updated_at.astimezone())),
    ]
    for label, value in rows:
        fields.add_row(label, value)
    return Group(fields, Text(""), LongText(view.text))


def entry_details(views: Iterable[EntryView]) -> RenderableType:
    """Several entries in full, one after another, a rule between them."""
    from rich.rule import Rule

    parts: list[RenderableType] = []
    for view in views:
        if parts:
            parts += [Text(""), Rule(style="dim"), Text("")]
        parts.append(entry_detail(view))
    return Group(*parts)


def _mood(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return "-"
    return f"{before or '?'} -> {after or '?'}"


def concepts_table(infos: Iterable[ConceptInfo]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Concept", style="cyan", no_wrap=True)
    table.add_column("Uses", justify="right", no_wrap=True)
    table.add_column("Meaning", ratio=1)
    for info in infos:
        name = info.name if info.builtin else f"{info.name} (yours)"
        table.add_row(stored(name), str(info.count), stored(info.meaning or "-"))
    return table


def concept_detail(info: ConceptInfo) -> RenderableType:
    parts: list[RenderableType] = [stored(info.name, style="bold cyan")]
    if info.meaning:
        parts.append(stored(info.meaning))
    if info.systems:
        heading = Text("In the body and brain", style="bold")
        parts += [Text(""), heading, Text(visible(info.systems))]
    if info.questions:
        parts += [Text(""), Text("To reflect on", style="bold")]
        parts += [stored(f"- {question}") for question in info.questions]
    parts.append(Text(""))
    if info.aliases:
        parts.append(stored(f"Also found as: {', '.join(info.aliases)}", style="dim"))
    uses = "once" if info.count == 1 else f"{info.count} times"
    parts.append(Text(f"Used {uses} in this journal.", style="dim"))
    return Group(*parts)


def people_table(people: Iterable[PersonInfo]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Person", style="cyan")
    table.add_column("Entries", justify="right")
    table.add_column("Last together")
    for person in people:
        last = dates.day(person.last_seen, year=True) if person.last_seen else "-"
        table.add_row(stored(person.name), str(person.count), last)
    return table


def profiles_table(profiles: Iterable[ProfileInfo]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Profile", style="cyan")
    table.add_column("Entries", justify="right")
    table.add_column("Also called")
    table.add_column("")
    for info in profiles:
        note = "default" if info.default else ("shared with you" if info.imported else "")
        table.add_row(stored(info.name), str(info.entries), stored(", ".join(info.aliases)), note)
    return table
