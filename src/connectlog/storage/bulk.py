"""Many rows in one statement, for an import: each value stored as its column's type stores it.

SQLAlchemy's executemany builds and processes a dictionary a row; for the
100,000 entries of an import that costs more than SQLite's own work. Here the
statement is compiled once, each column's type is asked once how it stores a
value (``UTCDateTime`` as UTC, a date as text on SQLite), and the rows go to
the driver as plain tuples: the same values, written the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert ``rows``, each its values in the order of ``columns``, into ``table``."""
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    types = [table.c[name].type.dialect_impl(dialect) for name in columns]
    processors = [kind.bind_processor(dialect) for kind in types]
    steps = [(place, process) for place, process in enumerate(processors) if process is not None]

    def stored(row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for place, process in steps:
            values[place] = process(values[place])
        return values

    positions = compiled.positiontup
    if positions is not None:  # qmark, numeric, format: the values in the statement's order
        order = [list(columns).index(name) for name in positions]
        params: list[Any] = [tuple(values[i] for i in order) for values in map(stored, rows)]
    else:
        params = [dict(zip(columns, values, strict=True)) for values in map(stored, rows)]
    if params:
        connection.exec_driver_sql(compiled.string, params)
