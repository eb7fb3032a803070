"""entry numbers kept

An entry's number is never given to another entry after a delete: the entry
table becomes AUTOINCREMENT on SQLite, so that "(entry 22)" in an old summary
or review never points at a later moment. PostgreSQL's sequences never reuse a
number already.

The table is copied (SQLite cannot change this in place), which drops its
search triggers; they are made again, and the index is rebuilt.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Revision 0004's, as they were made: dropped with the table it copies.
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
    if op.get_bind().dialect.name != "sqlite":
        return
    _copy_entry(autoincrement=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _copy_entry(autoincrement=False)


def _copy_entry(*, autoincrement: bool) -> None:
    searched = _has_search()
    with op.batch_alter_table(
        "entry", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass
    if searched:
        for trigger in TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO entry_search (entry_search) VALUES ('rebuild')")


def _has_search() -> bool:
    found = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entry_search'"
    )
    return found.first() is not None
