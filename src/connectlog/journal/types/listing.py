"""A listing's lines with who wrote each, for a journal that more than one writes in."""

from __future__ import annotations

from dataclasses import dataclass

from connectlog.journal.types.entries import LinePage


@dataclass(frozen=True)
class AuthoredPage(LinePage):
    """The lines of a listing, and each one's author when the journal has several writers."""

    authors: list[str] | None = None  # one a line, in the lines' order; None: one writer
