"""The entry listing: one line an entry, laid out by hand.

A listing can hold every entry of a journal of years. Rich's tables measure
every cell twice and keep the whole table in memory; this layout works a
column at a time (each cell measured once, fitted to its column's width,
then every line formatted in one call), and writes plain text when piped,
with colour at a terminal.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from connectlog.journal.entries import EntryLine

HEADERS = ("#", "When", "Close", "Moment", "With", "Concepts")
GAP = "  "
WHEN_WIDTH, CLOSE_WIDTH = 16, 5
#: The least a shrunk column keeps, and the shares of the room the three text columns get.
MIN_MOMENT, MIN_WITH, MIN_CONCEPTS = 20, 8, 12
SHARES = (5, 2, 3)
_STYLES = ("cyan", "", "magenta", "", "", "")
#: The Close column of each closeness: filled dots out of five, "-" for none.
DOTS: dict[int | None, str] = {None: "-", **{n: "●" * n + "○" * (5 - n) for n in range(1, 6)}}
#: One line of cells already fitted to their columns.
_LINE = GAP.join(["{}"] * len(HEADERS))
#: Lines written at once when piped: never the whole listing as one text.
_BATCH = 1000


class Columns(NamedTuple):
    """A listing's cells by column, in ``HEADERS``' order, each as wide as its column."""

    layout: tuple[int, ...]  # each column's width on screen
    cells: tuple[list[str], ...]


def columns(entries: Sequence[EntryLine], width: int) -> Columns:
    """The cells of ``entries``, fitted to columns that share ``width`` cells between them."""
    numbers = [str(entry.id) for entry in entries]
    whens = [entry.occurred_at.isoformat(" ", "minutes")[:16] for entry in entries]
    dots = [DOTS[entry.closeness].ljust(CLOSE_WIDTH) for entry in entries]  # a dot is one cell
    texts = (
        [
            ("★ " + entry.title if entry.starred else entry.title)
            + (" (private)" if entry.private else "")
            for entry in entries
        ],
        [", ".join(entry.people) for entry in entries],
        [", ".join(entry.concepts) for entry in entries],
    )
    lengths = [[len(c) if c.isascii() else cell_len(c) for c in cells] for cells in texts]
    widest = [max(found, default=0) for found in lengths]
    layout = widths(max(map(len, numbers), default=0), widest, width)
    numbers = [number.rjust(layout[0]) for number in numbers]
    fitted = map(_fitted, texts, lengths, layout[3:])
    return Columns(layout, (numbers, whens, dots, *fitted))


def widths(number: int, texts: Sequence[int], width: int) -> tuple[int, ...]:
    """Column widths within ``width`` cells, from the widest number and widest texts.

    The text columns (moment, with, concepts) share what the others leave.
    """
    number = max(number, len(HEADERS[0]))
    natural = [max(len(header), wide) for header, wide in zip(HEADERS[3:], texts, strict=True)]
    fixed = number + WHEN_WIDTH + CLOSE_WIDTH + len(GAP) * (len(HEADERS) - 1)
    room = max(width - fixed, MIN_MOMENT + MIN_WITH + MIN_CONCEPTS)
    text = natural
    if sum(text) > room:
        lows = (MIN_MOMENT, MIN_WITH, MIN_CONCEPTS)
        shares = [
            max(low, room * share // sum(SHARES)) for low, share in zip(lows, SHARES, strict=True)
        ]
        text = [min(want, share) for want, share in zip(text, shares, strict=True)]
        text[0] = max(MIN_MOMENT, room - text[1] - text[2])  # the moment takes what is left
    return (number, WHEN_WIDTH, CLOSE_WIDTH, *text)


def lines(laid: Columns) -> Iterator[str]:
    """The header and one plain line an entry, without trailing spaces."""
    yield _LINE.format(*_header(laid.layout)).rstrip()
    for row in map(_LINE.format, *laid.cells):  # one call a line
        yield row.rstrip()


def show(entries: Sequence[EntryLine]) -> None:
    """Print the listing of ``entries`` to stdout."""
    console = Console(file=sys.stdout, highlight=False)
    laid = columns(entries, console.width)
    if not console.is_terminal:
        plain = lines(laid)
        while batch := list(itertools.islice(plain, _BATCH)):
            sys.stdout.write("\n".join(batch) + "\n")
        return
    console.print(_styled(_header(laid.layout), ("bold",) * len(HEADERS)), crop=True)
    undecided = (*_STYLES[:2], "dim", *_STYLES[3:])
    for entry, row in zip(entries, zip(*laid.cells, strict=True), strict=True):
        console.print(_styled(row, undecided if entry.closeness is None else _STYLES), crop=True)


def _header(layout: Sequence[int]) -> list[str]:
    """The columns' names, each as wide as its column (they never need cutting)."""
    return [HEADERS[0].rjust(layout[0])] + [
        name.ljust(wide) for name, wide in zip(HEADERS[1:], layout[1:], strict=True)
    ]


def _styled(cells: Sequence[str], styles: Sequence[str]) -> Text:
    line = Text(no_wrap=True)
    for index, (cell, style) in enumerate(zip(cells, styles, strict=True)):
        if index:
            line.append(GAP)
        line.append(cell, style=style)
    line.rstrip()
    return line


def _fitted(cells: list[str], lengths: list[int], width: int) -> list[str]:
    """``cells``, as wide as ``lengths`` says, padded to ``width`` or cut with an ellipsis."""
    return [
        cell + " " * (width - length)
        if length <= width
        else cell[: width - 1] + "…"
        if cell.isascii()
        else set_cell_size(cell, width - 1) + "…"  # pads back if a wide character fell out
        for cell, length in zip(cells, lengths, strict=True)
    ]
