"""entry search

An FTS5 index of the entries' texts (trigram tokenizer: case-insensitive
substrings), kept in step by triggers, on SQLite builds that have FTS5. Other
databases, and SQLite without FTS5, search with LIKE instead; nothing is made.

A later batch migration that copies the entry table drops these triggers;
it must create them again with ``create_triggers`` below (copied into it).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = (
    """CREATE TRIGGER entry_search_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_search (rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER entry_search_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_search (entry_search, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER entry_search_update AFTER UPDATE OF text ON entry BEGIN
        INSERT INTO entry_search (entry_search, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO entry_search (rowid, text) VALUES (new.id, new.text);
    END""",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _has_fts5(bind):
        return
    op.execute(
        "CREATE VIRTUAL TABLE entry_search USING fts5("
        "text, content='entry', content_rowid='id', tokenize='trigram')"
    )
    op.execute("INSERT INTO entry_search (entry_search) VALUES ('rebuild')")
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS entry_search_{name}")
    op.execute("DROP TABLE IF EXISTS entry_search")


def _has_fts5(bind: sa.Connection) -> bool:
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options
