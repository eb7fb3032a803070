"""Full-text search behind one seam: SQLite's FTS5 where the journal has it, LIKE elsewhere.

On SQLite, migration 0004 keeps ``entry_search``, an FTS5 index of the
entries' texts with the trigram tokenizer (case-insensitive substrings, as
LIKE matches them), in step with ``entry`` through triggers. A word of three
letters or more is looked up there; shorter words, and any database without
the index (PostgreSQL, or a SQLite built without FTS5), use LIKE, which reads
every row.

A later migration that rebuilds the ``entry`` table in batch mode drops its
triggers, and must make them again (see migrations/versions/0004).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, column, literal_column, select, table, text

INDEX = "entry_search"
#: Trigrams need three characters; shorter words fall back to LIKE.
SHORTEST_INDEXED = 3


def modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons: every table but the index and those SQLite keeps for it."""
    return not (type_ == "table" and name is not None and name.startswith(INDEX))


def has_index(connection: Connection) -> bool:
    """Whether this journal keeps the FTS5 index (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return False
    found = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": INDEX},
    ).first()
    return found is not None


def containing(
    connection: Connection, id_column: Any, text_column: ColumnElement[str], words: Sequence[str]
) -> list[ColumnElement[bool]]:
    """Conditions that ``text_column`` holds every one of ``words``, ignoring case."""
    indexed = [word for word in words if len(word) >= SHORTEST_INDEXED]
    if not indexed or not has_index(connection):
        indexed = []
    conditions = [
        text_column.icontains(word, autoescape=True) for word in words if word not in indexed
    ]
    if indexed:
        query = " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed)
        index = table(INDEX, column("rowid"))
        matches = select(index.c.rowid).where(literal_column(INDEX).op("MATCH")(query))
        conditions.append(id_column.in_(matches))
    return conditions
