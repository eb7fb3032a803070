"""The entry listing: one line an entry, laid out by hand.

A listing can hold every entry of a journal of years. Rich's tables measure
every cell twice and keep the whole table in memory; this layout reads each
entry once for column widths, then writes line by line: plain text when
piped, with colour at a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from connectlog.journal.entries import EntryView

HEADERS = ("#", "When", "Close", "Moment", "With", "Concepts")
GAP = "  "
WHEN_WIDTH, CLOSE_WIDTH = 16, 5
#: The least a shrunk column keeps, and the shares of the room the three text columns get.
MIN_MOMENT, MIN_WITH, MIN_CONCEPTS = 20, 8, 12
SHARES = (5, 2, 3)
_STYLES = ("cyan", "", "magenta", "", "", "")


class Row(NamedTuple):
    cells: tuple[str, str, str, str, str, str]
    lengths: tuple[int, ...]  # each cell's width on screen
    closeness: int | None


def rows(entries: Iterable[EntryView]) -> list[Row]:
    found = []
    for view in entries:
        moment = ("★ " if view.starred else "") + view.title
        if view.private:
            moment += " (private)"
        dots = "-" if view.closeness is None else "●" * view.closeness + "○" * (5 - view.closeness)
        cells = (
            str(view.id),
            view.occurred_at.isoformat(" ", "minutes")[:16],  # "2026-11-22 21:00", fast
            dots,
            moment,
            ", ".join(view.people),
            ", ".join(view.concepts),
        )
        found.append(Row(cells, tuple(map(_len, cells)), view.closeness))
    return found


def widths(found: Sequence[Row], width: int) -> tuple[int, ...]:
    """Column widths for ``found`` within ``width`` cells: the text columns share what is left."""
    natural = [
        max([len(header), *(row.lengths[index] for row in found)])
        for index, header in enumerate(HEADERS)
    ]
    fixed = natural[0] + WHEN_WIDTH + CLOSE_WIDTH + len(GAP) * (len(HEADERS) - 1)
    room = max(width - fixed, MIN_MOMENT + MIN_WITH + MIN_CONCEPTS)
    text = natural[3:]
    if sum(text) > room:
        lows = (MIN_MOMENT, MIN_WITH, MIN_CONCEPTS)
        shares = [
            max(low, room * share // sum(SHARES)) for low, share in zip(lows, SHARES, strict=True)
        ]
        text = [min(want, share) for want, share in zip(text, shares, strict=True)]
        text[0] = max(MIN_MOMENT, room - text[1] - text[2])  # the moment takes what is left
    return (natural[0], WHEN_WIDTH, CLOSE_WIDTH, *text)


def lines(found: Sequence[Row], layout: Sequence[int]) -> list[str]:
    """The header and one plain line a row, without trailing spaces."""
    header = tuple(len(name) for name in HEADERS)
    return [_line(HEADERS, header, layout), *(_line(r.cells, r.lengths, layout) for r in found)]


def show(entries: Sequence[EntryView]) -> None:
    """Print the listing of ``entries`` to stdout."""
    console = Console(file=sys.stdout, highlight=False)
    found = rows(entries)
    layout = widths(found, console.width)
    if not console.is_terminal:
        sys.stdout.write("".join(f"{line}\n" for line in lines(found, layout)))
        return
    console.print(_styled(HEADERS, layout, header=True), crop=True)
    for row in found:
        console.print(_styled(row.cells, layout, row=row), crop=True)


def _line(cells: Sequence[str], lengths: Sequence[int], layout: Sequence[int]) -> str:
    first = _fit(cells[0], lengths[0], layout[0], right=True)
    rest = map(_fit, cells[1:], lengths[1:], layout[1:])
    return GAP.join([first, *rest]).rstrip()


def _styled(
    cells: Sequence[str], layout: Sequence[int], *, row: Row | None = None, header: bool = False
) -> Text:
    line = Text(no_wrap=True)
    for index, (cell, width) in enumerate(zip(cells, layout, strict=True)):
        if index:
            line.append(GAP)
        style = "bold" if header else _STYLES[index]
        if row is not None and index == 2 and row.closeness is None:
            style = "dim"
        line.append(_fit(cell, _len(cell), width, right=index == 0), style=style)
    line.rstrip()
    return line


def _fit(cell: str, length: int, width: int, *, right: bool = False) -> str:
    """``cell``, ``length`` cells wide, padded to ``width`` cells or cut to it with an ellipsis."""
    if length > width:
        cut = cell[: width - 1] if cell.isascii() else set_cell_size(cell, width - 1)
        cell = cut + "…"
        length = width
    padding = " " * (width - length)
    return padding + cell if right else cell + padding


def _len(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)
