"""The entry listing: one line an entry, laid out by hand.

A listing can hold every entry of a journal of years. Rich's tables measure
every cell twice and keep the whole table in memory; this layout works a
column at a time (each cell measured once, fitted to its column's width,
then every line formatted in one call), and writes plain text when piped,
with colour at a terminal. A title, a name or a concept holding a control
character has it shown, on its line (``render/terminal.py``), before it is
measured.

A narrow terminal leaves columns out rather than cut the moment to nothing:
first Concepts, then With, then the date loses its year.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from connectlog.render.terminal import one_line

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryLine

HEADERS = ("#", "When", "Close", "Moment", "With", "Concepts")
GAP = "  "
#: When as "2026-03-10 20:15", or on a narrow terminal "10 Mar 20:15".
WHEN_WIDTH, SHORT_WHEN_WIDTH, CLOSE_WIDTH = 16, 12, 5
#: The least a shrunk column keeps, and the shares of the room the three text columns get.
MIN_MOMENT, MIN_WITH, MIN_CONCEPTS = 20, 8, 12
LOWS = (MIN_MOMENT, MIN_WITH, MIN_CONCEPTS)
SHARES = (5, 2, 3)
#: The layouts tried, widest first: how wide When is, and how many text columns are kept.
NARROWER = ((WHEN_WIDTH, 3), (WHEN_WIDTH, 2), (WHEN_WIDTH, 1), (SHORT_WHEN_WIDTH, 1))
_STYLES = ("cyan", "", "magenta", "", "", "")
MOMENT = HEADERS.index("Moment")
#: The Close column of each closeness: filled dots out of five, "-" for none.
DOTS: dict[int | None, str] = {None: "-", **{n: "●" * n + "○" * (5 - n) for n in range(1, 6)}}
#: Lines laid out and written at once: never the whole listing's cells or text.
_BATCH = 1000
#: The author column of a journal with several writers (after When), and its widest.
BY, BY_WIDTH = "By", 12


class Columns(NamedTuple):
    """A listing's cells by column, in ``HEADERS``' order, each as wide as its column."""

    layout: tuple[int, ...]  # each column's width on screen; 0 for a column left out
    cells: tuple[list[str], ...]  # of the columns shown


def measure(entries: Sequence[EntryLine], width: int) -> tuple[int, ...]:
    """The widths of the columns a listing of ``entries`` gets within ``width`` cells.

    Measured a batch at a time and then forgotten: a listing of a whole journal
    never holds every cell at once, only the lines it is made from.
    """
    number, widest = 0, [0, 0, 0]
    for batch in _batches(entries):
        number = max(number, len(str(max(entry.id for entry in batch))))
        for column, (_, lengths) in enumerate(_texts(batch)):
            widest[column] = max(widest[column], max(lengths))
    return widths(number, widest, width)


def columns(entries: Sequence[EntryLine], layout: Sequence[int]) -> Columns:
    """The cells of ``entries``, fitted to the columns of ``layout`` (see :func:`measure`)."""
    numbers = [str(entry.id).rjust(layout[0]) for entry in entries]
    if layout[1] == WHEN_WIDTH:
        whens = [entry.occurred_at.isoformat(" ", "minutes")[:16] for entry in entries]
    else:
        whens = [_short_when(entry.occurred_at).ljust(layout[1]) for entry in entries]
    dots = [DOTS[entry.closeness].ljust(CLOSE_WIDTH) for entry in entries]  # a dot is one cell
    fitted = [
        _fitted(texts, lengths, wide)
        for (texts, lengths), wide in zip(_texts(entries), layout[3:], strict=True)
        if wide
    ]
    return Columns(tuple(layout), (numbers, whens, dots, *fitted))


def _short_when(when: datetime) -> str:
    return f"{when.day} {when:%b %H:%M}"


def _texts(entries: Sequence[EntryLine]) -> list[tuple[list[str], list[int]]]:
    """The moment, with and concepts texts of ``entries``, each with its width in cells."""
    texts = (
        [
            ("★ " if entry.starred else "") + ("🔒 " if entry.private else "") + entry.title
            for entry in entries
        ],
        [", ".join(entry.people) for entry in entries],
        [", ".join(entry.concepts) for entry in entries],
    )
    shown = [_shown(cells) for cells in texts]
    return [(cells, [len(c) if c.isascii() else cell_len(c) for c in cells]) for cells in shown]


def _shown(cells: list[str]) -> list[str]:
    """``cells``, each on one line with its control characters shown: one scan of them all."""
    joined = "".join(cells)
    if one_line(joined) is joined:  # nearly always
        return cells
    return [one_line(cell) for cell in cells]


def widths(number: int, texts: Sequence[int], width: int) -> tuple[int, ...]:
    """Column widths within ``width`` cells, from the widest number and widest texts.

    The text columns (moment, with, concepts) share what the others leave. The
    first of :data:`NARROWER` whose columns fit at their least is chosen; a
    column it leaves out is 0 wide.
    """
    number = max(number, len(HEADERS[0]))
    for when, kept in NARROWER:
        fixed = number + when + CLOSE_WIDTH + len(GAP) * (2 + kept)
        if fixed + sum(LOWS[:kept]) <= width:
            break
    natural = [max(len(header), wide) for header, wide in zip(HEADERS[3:], texts, strict=True)]
    room = max(width - fixed, sum(LOWS[:kept]))
    text = natural[:kept]
    if sum(text) > room:
        parts = sum(SHARES[:kept])
        shares = [
            max(low, room * share // parts)
            for low, share in zip(LOWS[:kept], SHARES[:kept], strict=True)
        ]
        text = [min(want, share) for want, share in zip(text, shares, strict=True)]
        text[0] = max(MIN_MOMENT, room - sum(text[1:]))  # the moment takes what is left
    return (number, when, CLOSE_WIDTH, *text, *[0] * (3 - kept))


def lines(laid: Columns) -> Iterator[str]:
    """One plain line an entry, without trailing spaces."""
    line = GAP.join(["{}"] * len(laid.cells))
    for row in map(line.format, *laid.cells):  # one call a line
        yield row.rstrip()


def show(
    entries: Sequence[EntryLine],
    authors: Sequence[str] | None = None,
    *,
    marked: Sequence[str] = (),
) -> None:
    """Print the listing of ``entries`` to stdout, a batch of lines at a time.

    ``authors``: who wrote each entry, shown after its time, for a journal
    that several write in. ``marked``: words highlighted in the moments at a
    terminal (a search's), in any case.
    """
    console = Console(file=sys.stdout, highlight=False)
    by, wide = _by(authors)
    layout = measure(entries, console.width - (len(GAP) + wide if by else 0))
    header = _header(layout)
    if by:
        header[1] += GAP + BY.ljust(wide)
    if not console.is_terminal:
        sys.stdout.write(GAP.join(header).rstrip() + "\n")
        for _, laid in _laid(entries, layout, authors, by):
            sys.stdout.write("\n".join(lines(laid)) + "\n")
        return
    console.print(_styled(header, ("bold",) * len(header)), crop=True)
    decided = tuple(style for style, wide in zip(_STYLES, layout, strict=True) if wide)
    undecided = (*decided[:2], "dim", *decided[3:])
    for batch, laid in _laid(entries, layout, authors, by):
        for entry, row in zip(batch, zip(*laid.cells, strict=True), strict=True):
            styles = undecided if entry.closeness is None else decided
            console.print(_styled(row, styles, marked=marked), crop=True)


def _by(authors: Sequence[str] | None) -> tuple[dict[str, str], int]:
    """Each author's cell, and their width: the widest name's, up to :data:`BY_WIDTH`."""
    if not authors:
        return {}, 0
    names = list(dict.fromkeys(authors))
    shown = _shown(names)
    lengths = [len(name) if name.isascii() else cell_len(name) for name in shown]
    wide = min(max(len(BY), *lengths), BY_WIDTH)
    return dict(zip(names, _fitted(shown, lengths, wide), strict=True)), wide


def _laid(
    entries: Sequence[EntryLine],
    layout: Sequence[int],
    authors: Sequence[str] | None,
    by: dict[str, str],
) -> Iterator[tuple[Sequence[EntryLine], Columns]]:
    """Each batch of ``entries`` and its cells; with ``by``, each author after the time."""
    for start in range(0, len(entries), _BATCH):
        batch = entries[start : start + _BATCH]
        laid = columns(batch, layout)
        if by and authors is not None:
            whens = [
                when + GAP + by[name]
                for when, name in zip(laid.cells[1], authors[start : start + _BATCH], strict=True)
            ]
            laid = laid._replace(cells=(laid.cells[0], whens, *laid.cells[2:]))
        yield batch, laid


def _batches(entries: Sequence[EntryLine]) -> Iterator[Sequence[EntryLine]]:
    for start in range(0, len(entries), _BATCH):
        yield entries[start : start + _BATCH]


def _header(layout: Sequence[int]) -> list[str]:
    """The columns' names, each as wide as its column (they never need cutting)."""
    return [HEADERS[0].rjust(layout[0])] + [
        name.ljust(wide) for name, wide in zip(HEADERS[1:], layout[1:], strict=True) if wide
    ]


def _styled(cells: Sequence[str], styles: Sequence[str], *, marked: Sequence[str] = ()) -> Text:
    """One line at a terminal; ``marked`` words reversed in the moment (the fourth cell)."""
    line = Text(no_wrap=True)
    for index, (cell, style) in enumerate(zip(cells, styles, strict=True)):
        if index:
            line.append(GAP)
        if index == MOMENT and marked:
            moment = Text(cell, style=style)
            moment.highlight_words(marked, "reverse", case_sensitive=False)
            line.append_text(moment)
        else:
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
