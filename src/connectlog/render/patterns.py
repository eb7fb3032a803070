"""Rich output for summary, trends, calendar, remember and prompt, readable in 80 columns.

Plain when piped: every mark carries meaning as a character (bars, arrows,
dots), and colour only adds to it at a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.columns import Columns
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from connectlog.analytics.calendar import level
from connectlog.analytics.summary import ABOUT_THE_SAME, MIN_SAMPLE
from connectlog.analytics.trends import MIN_WEEKS
from connectlog.render import dates
from connectlog.render.console import closeness_dots, stored
from connectlog.render.terminal import one_line, visible

if TYPE_CHECKING:
    from connectlog.analytics.calendar import Heatmap
    from connectlog.analytics.looking_back import Reflection
    from connectlog.analytics.moments import Whose
    from connectlog.analytics.periods import Period
    from connectlog.analytics.summary import Count, Figures, Reconnection, Summary
    from connectlog.analytics.trends import Series, Trends
    from connectlog.journal.types.entries import EntryView
    from connectlog.journal.types.patterns import Remembered

BARS = "▁▂▃▄▅▆▇█"
ARROWS = {
    "up": "↑ up",
    "down": "↓ down",
    "steady": "→ steady",
    None: "  not enough weeks yet",
}
#: Calendar cells by level: not logged, logged but unrated, closeness 1 to 5.
CELLS = "·○▁▃▄▆█"
CELL_STYLES = ("dim", "white", "red", "yellow", "green", "cyan", "magenta")
_MIN_SHOWN = 8  # concepts and people shown in trends
_NARROW = 64  # columns under which trends leave less room between columns
_DISCONNECTIONS_LISTED = 3  # more than this in a period are summed up, and the latest listed


def period_title(period: Period) -> str:
    """ "2026-W47, Mon 16 Nov to Sun 22 Nov 2026", "November 2026", or a range of days."""
    if "W" in period.label:
        return f"{period.label}, {_day(period.start)} to {_day(period.end, year=True)}"
    if period.start.day == 1 and len(period.label) == 7:
        return period.start.strftime("%B %Y")
    return f"{_day(period.start)} to {_day(period.end, year=True)}"


def _day(day: date, *, year: bool = False) -> str:
    return dates.day(day, year=year)


def summary(result: Summary) -> RenderableType:
    now, before = result.current, result.previous
    heading = Text(period_title(result.period), style="bold")
    week = result.period.kind == "week"
    if result.so_far is not None and result.so_far.whole:
        heading.append(" (so far: today is its last day)")
    elif result.so_far is not None:
        heading.append(f" (so far, {_span_of_days(result.so_far.days, week=week)})")
    heading.append(f"\nbeside {period_title(result.previous_period)}", style="dim")
    if result.so_far is not None and not result.so_far.whole:
        heading.append(
            f", and its same days ({_span_of_days(result.so_far.same_days, week=week)})",
            style="dim",
        )
    _add_whose(heading, result.whose)
    parts: list[RenderableType] = [heading, Text("")]
    if not now.entries and not before.entries:
        parts.append(
            Text("No entries in this period or the one before; add one with connectlog add.")
        )
        return Group(*parts)
    parts.append(_headline(result))
    streak = result.streak
    if result.whose.together and result.streaks:
        each = "; ".join(
            f"{one_line(s.author)} {_days(s.current)} now, longest {_days(s.longest)}"
            for s in result.streaks
        )
        parts.append(Text(f"\nStreak: {each}."))
    else:
        line = f"\nStreak: {_days(streak.current)} now, longest {_days(streak.longest)}."
        parts.append(Text(line))
    if not now.entries:
        parts.append(Text("\nNo entries in this period yet."))
        return Group(*parts)
    parts += [Text(""), _counts(now, together=result.whose.together)]
    parts += _closeness_section(now)
    if now.pairs:
        parts.append(Text("\nOften together", style="bold"))
        pairs = Table.grid(padding=(0, 2))
        pairs.add_column()
        pairs.add_column(justify="right")
        for pair in now.pairs:
            pairs.add_row(stored(f"  {pair.first} + {pair.second}"), str(pair.count))
        parts.append(pairs)
    parts += [Text("\nRhythm", style="bold"), _rhythm(now.weekdays), _rhythm(now.times_of_day)]
    parts += _disconnection_section(now)
    return Group(*parts)


def _headline(result: Summary) -> Table:
    now, before = result.current, result.previous
    same = result.so_far if result.so_far is not None and not result.so_far.whole else None
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("")
    table.add_column(
        f"{result.period.label} so far" if result.so_far else result.period.label, justify="right"
    )
    sides = [before]
    if same is not None:  # the days so far beside the same days of the period before
        days = _span_of_days(same.same_days, week=result.period.kind == "week")
        table.add_column(f"{result.previous_period.label} {days}", justify="right")
        sides.insert(0, same.previous)
    table.add_column(result.previous_period.label, justify="right", style="dim")
    if result.whose.together:  # a moment both logged is one moment
        table.add_row("Moments", str(now.entries), *(str(side.entries) for side in sides))
        both = "  logged by both" if len(result.whose.writers) == 2 else "  logged by several"
        table.add_row(both, str(now.paired), *(str(side.paired) for side in sides))
    else:
        table.add_row("Entries", str(now.entries), *(str(side.entries) for side in sides))
    table.add_row("Days with an entry", str(now.days), *(str(side.days) for side in sides))
    average = _mean(now.closeness_average)
    change = shown_difference(now.closeness_average, sides[0].closeness_average, digits=2)
    if change is not None:
        average += f" ({change:+.2f})"
    table.add_row("Average closeness", average, *(_mean(side.closeness_average) for side in sides))
    table.add_row("Bids turned toward", _toward(now), *(_toward(side) for side in sides))
    table.add_row("Mood, before to after", _mood(now), *(_mood(side) for side in sides))
    return table


def shown_difference(first: float | None, second: float | None, *, digits: int) -> Decimal | None:
    """``first`` minus ``second`` as they are shown, each rounded to ``digits`` decimals.

    4.4 (of 4.40) minus 3.8 (of 3.75) is shown +0.6: the difference of the figures a
    reader sees, not the rounding of the difference (+0.7).
    """
    if first is None or second is None:
        return None
    return Decimal(f"{first:.{digits}f}") - Decimal(f"{second:.{digits}f}")


def _span_of_days(days: Period, *, week: bool) -> str:
    """ "Mon to Wed" for days of a week, "1 to 3 Dec" of a month; one day alone by its name."""
    if week:
        first, last = f"{days.start:%a}", f"{days.end:%a}"
    else:
        first, last = str(days.start.day), f"{days.end.day} {days.end:%b}"
    return first if days.start == days.end else f"{first} to {last}"


def _counts(figures: Figures, *, together: bool = False) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    if together:  # each writer's entries, and who reached out as each of them saw it
        written = [Text(f"{one_line(w.author)} {w.entries}", no_wrap=True) for w in figures.writers]
        table.add_row("Written by", Columns(written, padding=(0, 2)))
    for label, counts in (
        ("Concepts", figures.concepts),
        ("People", figures.people),
        ("Kind", figures.kinds),
        ("Touch", figures.touches),
        ("Reached out", figures.initiators),
        ("Response", figures.responses),
    ):
        if counts:
            items = [Text(f"{one_line(c.name)} {c.count}", no_wrap=True) for c in counts]
            table.add_row(label, Columns(items, padding=(0, 2)))
        if together and label == "Touch":
            sides = [
                Text(f"{one_line(w.author)}: {_listed(w.initiators)}", no_wrap=True)
                for w in figures.writers
                if w.initiators
            ]
            if sides:
                table.add_row("Reached out", Columns(sides, padding=(0, 3)))
    return table


def _listed(counts: Iterable[Count]) -> str:
    return ", ".join(f"{one_line(c.name)} {c.count}" for c in counts)


def _add_whose(heading: Text, whose: Whose) -> None:
    """A line under ``heading`` saying whose moments these are, in a journal of several writers."""
    if whose.together:
        names = _and(whose.writers)
        heading.append(f"\nEveryone together: {names}." if names else "\nEveryone together.")
    elif whose.others and whose.author is not None:
        verb = "writes" if len(whose.others) == 1 else "write"
        heading.append(
            f"\n{one_line(whose.author)}'s moments; {_and(whose.others)} {verb} here too "
            "(--together for everyone)."
        )


def _and(names: Sequence[str]) -> str:
    shown = [one_line(name) for name in names]
    return " and ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else "".join(shown)


def _closeness_section(figures: Figures) -> list[RenderableType]:
    if not figures.concept_closeness:
        return []
    parts: list[RenderableType] = [Text("\nWhat goes with feeling close", style="bold")]
    known = [item for item in figures.concept_closeness if item.enough]
    for item in known:
        line = stored(f"  {item.name:<16}")
        line.append(f"{item.with_mean:.1f} with ({item.with_count})  ")
        line.append(f"{item.without_mean:.1f} without ({item.without_count})  ")
        difference = shown_difference(item.with_mean, item.without_mean, digits=1) or Decimal()
        if item.grade == ABOUT_THE_SAME:
            line.append("about the same", style="dim")
        else:
            line.append(f"{difference:+.1f}", style="green" if difference > 0 else "red")
        if item.low is not None and item.high is not None:
            line.append(f"  ({item.low:+.1f} to {item.high:+.1f})", style="dim")
        parts.append(line)
    if known:
        legend = Text(
            "In brackets: where the difference likely lies (a 95% interval); "
            '"about the same" when that range takes in 0: the entries cannot tell the two apart.',
            style="dim",
        )
        parts.append(Padding(legend, (0, 0, 0, 2)))
    if len(known) < len(figures.concept_closeness):
        few = [one_line(item.name) for item in figures.concept_closeness if not item.enough]
        note = "Others" if known else "Not enough entries yet"
        text = Text(
            f"{note}: {', '.join(few)} (a comparison needs {MIN_SAMPLE} rated entries "
            f"with the concept and {MIN_SAMPLE} without).",
            style="dim",
        )
        parts.append(Padding(text, (0, 0, 0, 2)))
    return parts


def _disconnection_section(figures: Figures) -> list[RenderableType]:
    if not figures.disconnections:
        return []
    parts: list[RenderableType] = [Text("\nDisconnections", style="bold")]
    shown = figures.disconnections
    if len(shown) > _DISCONNECTIONS_LISTED:
        parts.append(_reconnection_line(figures.reconnection))
        shown = shown[-_DISCONNECTIONS_LISTED:]
        parts.append(Text(f"  The latest {len(shown)}:", style="dim"))
    for item in shown:
        who = f" with {', '.join(item.people)}" if item.people else ""
        line = stored(f"  {_day(item.day)}{who} (entry {item.id}): ")
        hours = item.hours_to_reconnect
        if hours is None or item.reconnected_by is None:
            line.append("no close moment since, yet", style="yellow")
        else:
            line.append(f"close again {_duration(hours)} later (entry {item.reconnected_by})")
        parts.append(line)
    return parts


def _reconnection_line(summed: Reconnection) -> Text:
    """How many disconnections, the typical and longest time until close again, how many wait."""
    line = Text(f"  {summed.count} disconnections: ")
    if summed.median_hours is None or summed.longest is None:
        line.append("no close moment after any of them yet", style="yellow")
        return line
    longest = summed.longest
    if summed.reconnected == 1:  # one time is not a typical time
        line.append(
            f"close again once, {_duration(longest.hours_to_reconnect or 0.0)} later "
            f"(entry {longest.id})"
        )
    else:
        line.append(
            f"close again after {_duration(summed.median_hours)} typically (the median of "
            f"{summed.reconnected}), at most {_duration(longest.hours_to_reconnect or 0.0)} "
            f"(entry {longest.id})"
        )
    if summed.waiting:
        line.append(f"; {summed.waiting} with no close moment since, yet", style="yellow")
    line.append(".")
    return line


def _rhythm(counts: Sequence[Count]) -> Text:
    most = max((count.count for count in counts), default=0)
    line = Text("  ")
    for count in counts:
        line.append(f"{one_line(count.name)} ")
        line.append(_count_bar(count.count, most), style="magenta")
        line.append(f" {count.count}   ")
    return line


def trends(result: Trends) -> RenderableType:
    first = result.first_week
    shown = result.weeks[first:]
    if not shown:
        return Text("No entries yet: trends begin with the first week you write in.")
    heading = Text(f"{_weeks(len(shown))}, {shown[0].label} to {shown[-1].label}", style="bold")
    if first:
        heading.append(f" (the journal began in {shown[0].label})", style="dim")
    apart = []  # part weeks: shown, and left out of every heading
    if result.part_first_week and result.began is not None:
        apart.append(f"{shown[0].label}, the journal's first week, began on {_day(result.began)}")
    if result.so_far:
        apart.append(f"{shown[-1].label} is this week, so far")
    if apart:
        left_out = "both left out" if len(apart) == 2 and len(shown) > 1 else "left out"
        heading.append(f"\n{', and '.join(apart)}: {left_out} of the headings.")
    _add_whose(heading, result.whose)
    every = (*result.headline, *result.concepts[:_MIN_SHOWN], *result.people[:_MIN_SHOWN])
    headed = any(series.direction is not None for series in every)

    def table(narrow: bool) -> Table:
        """The series; narrow (under :data:`_NARROW` columns), with less room between them."""
        grid = Table(box=None, pad_edge=False, header_style="bold", collapse_padding=narrow)
        grid.add_column("", min_width=min(13, max(len(series.name) + 2 for series in every)))
        grid.add_column("week by week", no_wrap=True)
        grid.add_column("last week" if result.so_far and not narrow else "last", justify="right")
        if result.so_far:
            grid.add_column("so far", justify="right", style="dim")
        if headed:  # else a line below says why there is none
            grid.add_column("heading", min_width=8)  # "→ steady" whole; the rest may wrap

        def row(name: Text | str, series: Series, low: float, high: float, counted: bool) -> None:
            cells = _series_cells(series, first, result.so_far, low, high, counted)
            grid.add_row(name, *(cells if headed else cells[:-1]))

        for series in result.headline:
            low, high = _bounds(series)
            counted = series.name in ("entries", "days logged")
            row(series.name.capitalize(), series, low, high, counted)
        for title, group in (("Concepts", result.concepts), ("People", result.people)):
            if not group:
                continue
            grid.add_row(Text(title, style="bold"), *[""] * (len(grid.columns) - 1))
            for series in group[:_MIN_SHOWN]:
                row(stored(f"  {series.name}"), series, 0, _top(series), True)
        return grid

    parts: list[RenderableType] = [heading, _ByWidth(table)]
    hidden = len(result.concepts[_MIN_SHOWN:]) + len(result.people[_MIN_SHOWN:])
    if hidden:
        parts.append(Text(f"{hidden} more in --json.", style="dim"))
    if not any(series.total for series in result.headline[:1]):
        parts.append(Text("No entries in these weeks yet."))
    complete = max(0, len(shown) - result.so_far - result.part_first_week)
    if not headed:
        note = (
            f"Not enough weeks yet for a heading: it takes {MIN_WEEKS} complete weeks, "
            f"and there {'is' if complete == 1 else 'are'} {complete}."
        )
    else:
        note = (
            f"A heading is called from {MIN_WEEKS} complete weeks on, only when it holds "
            "beyond the week-to-week ups and downs (docs/patterns.md)."
        )
    parts.append(Text(note, style="dim"))
    return Group(*parts)


class _ByWidth:
    """A renderable made for the width it is given: ``make(narrow)``."""

    def __init__(self, make: Callable[[bool], RenderableType]) -> None:
        self.make = make

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        yield self.make(options.max_width < _NARROW)


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _bounds(series: Series) -> tuple[float, float]:
    if series.name == "closeness":
        return 1.0, 5.0
    if series.name == "turned toward":
        return 0.0, 1.0
    return 0.0, _top(series)


def _top(series: Series) -> float:
    return max((value for value in series.values if value is not None), default=0.0)


def _series_cells(
    series: Series, first: int, so_far: bool, low: float, high: float, counted: bool = False
) -> tuple[Text | str, ...]:
    """A sparkline from week ``first``, the last value(s) and the heading; a count of none is a dot.

    The week in progress (``so_far``) is set apart in the sparkline by a space.
    """
    values = series.values[first:]
    bars = [_count_bar(v, high) if counted else _bar(v, low, high) for v in values]
    if so_far:
        bars[-1:] = [" ", *bars[-1:]]
    spark = Text("".join(bars), style="magenta")
    complete = values[:-1] if so_far else values
    cells: list[Text | str] = [spark, _value(series, complete[-1] if complete else None)]
    if so_far:
        cells.append(_value(series, values[-1]))
    style = {"up": "green", "down": "red"}.get(series.direction or "", "dim")
    # A series without a single value has nothing to say, not too few weeks to say it.
    cells.append(Text(ARROWS[series.direction] if series.weeks_read else "", style=style))
    return tuple(cells)


def _value(series: Series, value: float | None) -> str:
    if value is None:
        return "-"
    if series.name == "turned toward":
        return f"{value:.0%}"
    if series.name == "closeness":
        return f"{value:.1f}"
    return f"{value:.0f}"


def _count_bar(value: float | None, most: float) -> str:
    """A bar for a count: a dot for none, so that none and a few look different."""
    return "·" if value == 0 else _bar(value, 0, most)


def _bar(value: float | None, low: float, high: float) -> str:
    if value is None:
        return " "
    if high <= low:
        return BARS[0]
    share = (value - low) / (high - low)
    return BARS[round(share * (len(BARS) - 1))]


def calendar(result: Heatmap) -> RenderableType:
    heading = Text(f"{result.year}: ", style="bold")
    heading.append(
        f"{result.entries} {'moments' if result.whose.together else 'entries'} on "
        f"{_days(result.days_logged)}, average closeness {_mean(result.closeness)}"
    )
    _add_whose(heading, result.whose)
    months = [" "] * len(result.weeks)
    for index, week in enumerate(result.weeks):
        for day in week:
            if day is not None and day.day.day == 1:
                label = day.day.strftime("%b")
                months[index : index + len(label)] = list(label)
    lines = [Text("    " + "".join(months)[: len(result.weeks)])]
    for row in range(7):
        first = next(week[row] for week in result.weeks if week[row] is not None)
        assert first is not None
        line = Text(f"{first.day:%a} ")
        for week in result.weeks:
            shade = level(week[row])
            line.append(CELLS[shade] if week[row] is not None else " ", style=CELL_STYLES[shade])
        lines.append(line)
    legend = Text("    · none  ○ unrated  average closeness: ")
    for shade in range(2, 7):
        legend.append(CELLS[shade], style=CELL_STYLES[shade])
        legend.append(f" {shade - 1}  ")
    return Group(heading, Text(""), *lines, Text(""), legend)


def remember(result: Remembered) -> RenderableType:
    parts: list[RenderableType] = []
    for label, day, entries in result.days:
        parts.append(Text(f"{label.capitalize()}, {_day(day, year=True)}", style="bold"))
        lines = _moment_lines(entries, authors=result.together)
        parts += lines or [Text("  nothing written that day", style="dim")]
        parts.append(Text(""))
    further = result.further_back
    if further is not None:
        when = _day(further.occurred_at.date(), year=True)
        by = f" ({one_line(further.author)})" if result.together else ""
        parts.append(Text(f"A close moment from further back, {when}{by}", style="bold"))
        parts.append(Text("  ").append(closeness_dots(further.closeness)))
        parts.append(Text(f"  {visible(further.text)}"))
    elif not any(entries for _, _, entries in result.days):
        parts.append(Text("Nothing to look back on yet; the moments you add will come back here."))
    return Group(*parts)


def _moment_lines(entries: Iterable[EntryView], *, authors: bool = False) -> list[RenderableType]:
    lines: list[RenderableType] = []
    for view in entries:
        line = Text(f"  {view.id:>4}  {view.occurred_at:%H:%M}  ")
        line.append(closeness_dots(view.closeness))
        line.append(f"  {one_line(view.title)}")
        if authors:
            line.append(f"  ({one_line(view.author)})", style="dim")
        lines.append(line)
    return lines


def reflection(result: Reflection | None) -> RenderableType:
    if result is None:
        return Text("No concept has a reflection question; add some with connectlog concepts add.")
    if result.days_since is None:
        note = "no recent entry touches it"
    elif result.days_since == 0:
        note = "touched today"
    else:
        note = f"last touched {_days(result.days_since)} ago"
    heading = stored(result.concept, style="bold cyan").append(f"  ({note})", style="dim")
    return Group(heading, stored(result.question))


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _duration(hours: float) -> str:
    if hours < 48:
        return f"{hours:.0f} hours" if round(hours) != 1 else "1 hour"
    return f"{hours / 24:.0f} days"


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _toward(figures: Figures) -> str:
    if figures.toward_share is None:
        return "-"
    met = sum(count.count for count in figures.responses)
    toward = round(figures.toward_share * met)
    return f"{toward} of {met}"


def _mood(figures: Figures) -> str:
    if figures.mood_change is None:
        return "-"
    return f"{figures.mood_change:+.1f} ({figures.mood_count})"
