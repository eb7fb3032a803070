"""Writes ``storage/tables.py``: the Core tables, generated from the table models.

The models (:mod:`connectlog.models`) are the one declaration of the journal's
tables. The everyday commands run on plain Core tables instead of the models
themselves, so that a run that adds or lists an entry never imports pydantic
or builds the mapped classes (bench/RESULTS.md measures what that saves).
This module writes those tables out as source; ``tests/test_models.py`` fails
when the checked-in file no longer matches the models.

Run ``python -m connectlog.storage.generate`` after changing a table model.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Column, MetaData, String, Table

TARGET = Path(__file__).with_name("tables.py")
#: The longest line ``ruff format`` leaves as it is (pyproject.toml).
LINE_LENGTH = 100

HEADER = '''\
"""The journal's tables in SQLAlchemy Core, generated from connectlog.models.

Do not edit: change the models, then run ``python -m connectlog.storage.generate``.
The models are the declaration; these plain tables are what the everyday
commands run on, so they never import pydantic (see connectlog.storage.generate).
"""

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, MetaData, String, Table

from connectlog.storage.types import UTCDateTime

metadata = MetaData(naming_convention={convention})
'''


def source() -> str:
    """The text of ``tables.py`` as the models declare the tables today."""
    from sqlmodel import SQLModel

    import connectlog.models as models

    documented = {
        value.__tablename__: inspect.getdoc(value) or ""
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, SQLModel) and hasattr(value, "__table__")
    }
    metadata: MetaData = SQLModel.metadata
    convention = json.dumps({"ix": metadata.naming_convention["ix"]})
    parts = [HEADER.format(convention=convention)]
    parts += [_table(table, documented[table.name]) for table in metadata.tables.values()]
    return "\n".join(parts)


def _table(table: Table, doc: str) -> str:
    comment = "".join(f"#: {line}".rstrip() + "\n" for line in doc.splitlines())
    columns = "".join(_column(column) for column in table.columns)
    return f'\n{comment}{table.name} = Table(\n    "{table.name}",\n    metadata,\n{columns})\n'


def _column(column: Column[Any]) -> str:
    """One column's line of the table, laid out as ``ruff format`` lays it out."""
    parts = [_quoted(column.name), _type(column)]
    for key in column.foreign_keys:
        ondelete = f", ondelete={_quoted(key.ondelete)}" if key.ondelete else ""
        parts.append(f"ForeignKey({_quoted(key.target_fullname)}{ondelete})")
    if column.primary_key:
        parts.append("primary_key=True")
    elif not column.nullable:
        parts.append("nullable=False")
    if column.unique:
        parts.append("unique=True")
    if column.index:
        parts.append("index=True")
    default = getattr(column.default, "arg", None)
    if default is not None:
        written = _quoted(default) if isinstance(default, str) else repr(default)
        parts.append(f"default={written}")
    line = f"    Column({', '.join(parts)}),\n"
    if len(line) <= LINE_LENGTH + 1:
        return line
    return "    Column(\n" + "".join(f"        {part},\n" for part in parts) + "    ),\n"


def _quoted(text: str) -> str:
    return json.dumps(text)


def _type(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, String):  # SQLModel's AutoString is a String to the database
        return "String" if kind.length is None else f"String({kind.length})"
    name = type(kind).__name__
    return f"{name}()" if name == "UTCDateTime" else name


def main() -> None:
    TARGET.write_text(source())


if __name__ == "__main__":
    main()
