"""Whose moments a pattern covers, and the moments looked back on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from connectlog.journal.types.entries import EntryView


@dataclass(frozen=True)
class Scope:
    """Whose moments a pattern covers: with one person; by one profile, or everyone's.

    With no ``author``, the current profile's: the one ``chosen`` names (--as,
    the config), else the journal's own first. ``together``: everyone's, and a
    moment several writers logged within ``window`` of each other counts once
    (None: the config's default window).
    """

    person: str | None = None
    author: str | None = None
    together: bool = False
    chosen: str | None = None
    window: timedelta | None = None


@dataclass(frozen=True)
class Remembered:
    """Moments from a week, a month and a year ago today, and one close one from further back."""

    days: tuple[tuple[str, date, tuple[EntryView, ...]], ...]
    further_back: EntryView | None
    together: bool = False  # everyone's moments, not only the reader's
