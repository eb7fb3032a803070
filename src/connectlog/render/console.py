"""Rich output for people at a terminal; plain text, no escape codes, when piped or NO_COLOR.

Whatever the writer typed goes into a :class:`~rich.text.Text`, never a plain
string, so that ``[brackets]`` and ``:codes:`` in it are shown as typed rather
than read as Rich markup or emoji.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from connectlog.journal.concepts import ConceptInfo
    from connectlog.journal.entries import EntryView
    from connectlog.journal.people import PersonInfo
    from connectlog.journal.profiles import ProfileInfo


def show(renderable: RenderableType) -> None:
    """Print to stdout, the data stream.

    At a terminal Rich prints as it likes; piped, lines lose the padding that
    tables add at their ends, so the text is plain to read and to diff.
    """
    console = Console(file=sys.stdout, highlight=False)
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    lines = captured.get().splitlines()
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in lines))


def closeness_dots(value: int | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    return Text("●" * value, style="magenta") + Text("○" * (5 - value), style="dim")


def moment(when: datetime) -> str:
    return when.strftime("%a %d %b %Y %H:%M")


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
        ("Author", Text(view.author)),
        ("With", Text(", ".join(view.people) or "-")),
        ("Concepts", Text(", ".join(view.concepts) or "-")),
        ("Kind", view.kind or "-"),
        ("Touch", view.touch or "-"),
        ("Closeness", closeness_dots(view.closeness)),
        ("Reached out", view.initiated_by or "-"),
        ("Response", f"turned {view.response}" if view.response else "-"),
        ("Mood", _mood(view.mood_before, view.mood_after)),
        ("Appreciation", "yes" if view.appreciation else "no"),
        ("Id", view.uuid),
        ("Written", moment(view.created_at.astimezone())),
        ("Updated", moment(view.updated_at.astimezone())),
    ]
    for label, value in rows:
        fields.add_row(label, value)
    return Group(fields, Text(""), Text(view.text))


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
        table.add_row(Text(name), str(info.count), Text(info.meaning or "-"))
    return table


def concept_detail(info: ConceptInfo) -> RenderableType:
    parts: list[RenderableType] = [Text(info.name, style="bold cyan")]
    if info.meaning:
        parts.append(Text(info.meaning))
    if info.systems:
        parts += [Text(""), Text("In the body and brain", style="bold"), Text(info.systems)]
    if info.questions:
        parts += [Text(""), Text("To reflect on", style="bold")]
        parts += [Text(f"- {question}") for question in info.questions]
    parts.append(Text(""))
    if info.aliases:
        parts.append(Text(f"Also found as: {', '.join(info.aliases)}", style="dim"))
    uses = "once" if info.count == 1 else f"{info.count} times"
    parts.append(Text(f"Used {uses} in this journal.", style="dim"))
    return Group(*parts)


def people_table(people: Iterable[PersonInfo]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Person", style="cyan")
    table.add_column("Entries", justify="right")
    table.add_column("Last together")
    for person in people:
        last = person.last_seen.strftime("%d %b %Y") if person.last_seen else "-"
        table.add_row(Text(person.name), str(person.count), last)
    return table


def profiles_table(profiles: Iterable[ProfileInfo]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Profile", style="cyan")
    table.add_column("Entries", justify="right")
    table.add_column("Also called")
    table.add_column("")
    for info in profiles:
        note = "default" if info.default else ("shared with you" if info.imported else "")
        table.add_row(Text(info.name), str(info.entries), Text(", ".join(info.aliases)), note)
    return table
