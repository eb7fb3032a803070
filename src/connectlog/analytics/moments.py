"""The plain rows analytics works on, loaded by the journal and handed over."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple


class Moment(NamedTuple):
    """One entry as analytics sees it: no text, times in the writer's local zone.

    A named tuple: immutable, and cheap to make by the thousand for trends.
    """

    id: int
    occurred_at: datetime  # aware, in the writer's offset at capture
    closeness: int | None = None
    kind: str | None = None
    touch: str | None = None
    initiated_by: str | None = None
    response: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    people: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    author: str = ""
    appreciation: bool = False

    @property
    def day(self) -> date:
        """The local day it happened, whatever zone the reader is in."""
        return self.occurred_at.date()

    @property
    def hour(self) -> int:
        return self.occurred_at.hour
