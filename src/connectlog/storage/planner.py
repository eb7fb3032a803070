"""Hints to the query planner, kept behind the storage seam.

Use cases say what they want; how a database is steered to a fast plan for
it is written here, once, with why.
"""

from __future__ import annotations

from typing import Any


def unindexed(column: Any) -> Any:
    """``column`` compared as a plain value, so its index is not used for the comparison.

    A page of a listing walks the entries newest first through the index on
    ``occurred_at`` and stops after ten. Given ``entry.id IN (...matches)``,
    SQLite would rather read every match through the primary key and sort them
    all by time; ``id + 0`` is not the indexed column, so it keeps the walk
    (bench/RESULTS.md: a page of a search stays flat in the journal's size).
    """
    return column + 0
