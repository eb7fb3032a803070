"""Alembic environment for connectlog.

connectlog runs migrations itself (connectlog.storage.migrate) and hands this
script an open connection. Run by hand (``alembic -c alembic.ini ...`` from a
checkout) it connects to the URL in the ini file instead.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, event
from sqlmodel import SQLModel

import connectlog.models  # noqa: F401  (declares the tables on SQLModel.metadata)
from connectlog.storage.migrate import render_item
from connectlog.storage.search import modelled

config = context.config
if config.config_file_name is not None and config.file_config.has_section("loggers"):
    fileConfig(config.config_file_name)

# The models are the one declaration of the tables (storage/tables.py is generated).
target_metadata = SQLModel.metadata
# The search index (migration 0004) is made by hand, not from the tables.
include_name = modelled


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    if engine.dialect.name == "sqlite":
        # The sqlite3 driver begins transactions only before INSERT and the like,
        # so each CREATE or ALTER would commit on its own: SQLAlchemy says BEGIN instead.
        event.listen(engine, "connect", _driver_begins_nothing)
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    with engine.begin() as own_connection:
        _run(own_connection)


def _driver_begins_nothing(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    # All revisions in one transaction, also on SQLite, whose DDL is transactional
    # though Alembic does not assume it. connectlog (storage/migrate.py) and the
    # block above begin that transaction before this runs, so Alembic neither
    # begins nor commits one of its own.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
        render_item=render_item,
        transactional_ddl=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
