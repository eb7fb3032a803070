"""private removals

A removal can now be of an entry deleted while private (``shared`` false):
kept only so that an older export of the journal cannot bring the entry back,
and never sent in a bundle. Every removal made before was of a shared entry.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("removal") as batch_op:
        batch_op.add_column(
            sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("removal") as batch_op:
        batch_op.alter_column("shared", existing_type=sa.Boolean(), server_default=None)


def downgrade() -> None:
    op.execute("DELETE FROM removal WHERE NOT shared")
    with op.batch_alter_table("removal") as batch_op:
        batch_op.drop_column("shared")
