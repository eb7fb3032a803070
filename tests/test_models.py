"""The models are the one declaration: the Core tables follow from them, and so does the schema.

storage/tables.py is generated from connectlog.models; a journal migrated by
the revisions matches both, so declaring the tables as models needed no
migration.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData
from sqlmodel import SQLModel

import connectlog.models  # noqa: F401  (declares the tables)
from connectlog.paths import JournalLocation
from connectlog.storage import generate, migrate, search, tables
from connectlog.storage.session import open_engine


@pytest.fixture
def migrated(db_path: Path) -> Iterator[Engine]:
    engine = open_engine(JournalLocation(path=db_path))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def test_the_checked_in_core_tables_are_generated_from_the_models() -> None:
    assert Path(tables.__file__) == generate.TARGET
    assert generate.TARGET.read_text() == generate.source(), (
        "storage/tables.py is stale: run `python -m connectlog.storage.generate`"
    )


def test_the_generated_tables_are_the_models_tables_column_for_column() -> None:
    declared, generated = SQLModel.metadata, tables.metadata
    assert list(generated.tables) == list(declared.tables)
    for name, table in declared.tables.items():
        copy = generated.tables[name]
        assert [column.name for column in copy.columns] == [c.name for c in table.columns]
        for column in table.columns:
            other = copy.c[column.name]
            shape = ("primary_key", "nullable", "unique", "index")
            assert [bool(getattr(other, key)) for key in shape] == [
                bool(getattr(column, key)) for key in shape
            ]
            assert getattr(other.default, "arg", None) == getattr(column.default, "arg", None)
            assert {key.target_fullname for key in other.foreign_keys} == {
                key.target_fullname for key in column.foreign_keys
            }
        assert {index.name for index in copy.indexes} == {index.name for index in table.indexes}


@pytest.mark.parametrize(
    "metadata", [SQLModel.metadata, tables.metadata], ids=["models", "generated tables"]
)
def test_a_journal_migrated_by_todays_revisions_matches(
    migrated: Engine, metadata: MetaData
) -> None:
    with migrated.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "include_name": search.modelled},
        )
        assert compare_metadata(context, metadata) == []
