"""Alembic environment for connectlog.

connectlog runs migrations itself (connectlog.storage.migrate) and hands this
script an open connection. Run by hand (``alembic -c alembic.ini ...`` from a
checkout) it connects to the URL in the ini file instead.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine

from connectlog.storage.migrate import render_item
from connectlog.storage.search import modelled
from connectlog.storage.tables import metadata

config = context.config
if config.config_file_name is not None and config.file_config.has_section("loggers"):
    fileConfig(config.config_file_name)

target_metadata = metadata
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
    with engine.begin() as own_connection:
        _run(own_connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
