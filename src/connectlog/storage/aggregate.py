"""Aggregates each database spells its own way, behind one seam."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, String, cast, func, select


def joined(connection: Connection, values: Any) -> ColumnElement[str]:
    """A group's ``values`` joined in one text, separated by commas (None for no rows).

    The order within the text is the database's own; meant for values without
    commas, such as ids.
    """
    if connection.dialect.name == "postgresql":
        return func.string_agg(cast(values, String), ",")
    return func.group_concat(values, ",")  # SQLite


def linked_ids(connection: Connection, entry_id: Any, linked: Any, other: Any) -> Any:
    """A column of the ids (``other``) an entry is linked to, joined in one text.

    ``linked`` is the link table's entry column; None for an entry linked to none.
    """
    return select(joined(connection, other)).where(linked == entry_id).scalar_subquery()
