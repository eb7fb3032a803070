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

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


#: How many entries a write adds before the index is brought up to date once after
#: them rather than by its triggers, entry by entry (bench/RESULTS.md: 100,000 at once).
BULK = 2000


@contextmanager
def indexed_after(connection: Connection, *, adding: int) -> Iterator[None]:
    """Entries inserted in the block, ``adding`` of them, are indexed once, at its end.

    The index's triggers index an entry at a time, which costs an import of
    100,000 entries most of its time; here they are taken away for the block
    and put back exactly as they were (the text the journal itself keeps for
    them), and the new entries, the ones numbered past the journal's last, are
    indexed in one statement. Only inserts may happen in the block. All of it
    is in the caller's transaction: an import stopped half way leaves the
    triggers and the index as they were.
    """
    if adding < BULK or not has_index(connection):
        yield
        return
    triggers = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entry'")
    ).all()
    kept = [(name, sql) for name, sql in triggers if name.startswith(INDEX)]
    last = connection.execute(text("SELECT coalesce(max(id), 0) FROM entry")).scalar_one()
    for name, _ in kept:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    connection.execute(
        text(f"INSERT INTO {INDEX} (rowid, text) SELECT id, text FROM entry WHERE id > :last"),
        {"last": last},
    )
    for _, sql in kept:
        connection.execute(text(sql))
