"""shared history

What two journals need to converge: a removal record for each shared entry
that was deleted or made private; a uuid, a time and a ``removed`` mark on
every review line, so that reviews merge line by line; the topic and the
notes of a review become lines too (a note keeps the question it answers;
earlier notes, kept as paragraphs, become a line each, with no question);
and an imported profile remembers the name its own journal sent.

Revision ID: 0005
Revises: 0004
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "removal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["profile.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("removal") as batch_op:
        batch_op.create_index(batch_op.f("ix_removal_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_removal_local_date"), ["local_date"], unique=False)

    with op.batch_alter_table("profile") as batch_op:
        batch_op.add_column(sa.Column("sent_name", sa.String(), nullable=True))
    op.execute("UPDATE profile SET sent_name = name WHERE imported")

    with op.batch_alter_table("review_line") as batch_op:
        batch_op.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("question", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("entry_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("removed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    bind = op.get_bind()
    reviews = bind.execute(
        sa.text("SELECT id, topic, topic_entry_id, notes, updated_at FROM review")
    ).all()
    for row in reviews:
        position = bind.execute(
            sa.text("SELECT coalesce(max(position), -1) FROM review_line WHERE review_id = :id"),
            {"id": row.id},
        ).scalar_one()
        moved = [("topic", row.topic, row.topic_entry_id)] if row.topic else []
        moved += [("note", note.strip(), None) for note in row.notes.split("\n\n") if note.strip()]
        for offset, (section, text, entry_id) in enumerate(moved, start=1):
            bind.execute(
                sa.text(
                    "INSERT INTO review_line (review_id, section, position, text, entry_id)"
                    " VALUES (:review, :section, :position, :text, :entry)"
                ),
                {
                    "review": row.id,
                    "section": section,
                    "position": position + offset,
                    "text": text,
                    "entry": entry_id,
                },
            )
        bind.execute(
            sa.text("UPDATE review_line SET updated_at = :at WHERE review_id = :id"),
            {"at": row.updated_at, "id": row.id},
        )
    for (line_id,) in bind.execute(sa.text("SELECT id FROM review_line")).all():
        bind.execute(
            sa.text("UPDATE review_line SET uuid = :uuid WHERE id = :id"),
            {"uuid": str(uuid.uuid4()), "id": line_id},
        )
    with op.batch_alter_table("review_line") as batch_op:
        batch_op.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
        batch_op.alter_column(
            "updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("removed", existing_type=sa.Boolean(), server_default=None)
        batch_op.create_unique_constraint("uq_review_line_uuid", ["uuid"])
        batch_op.create_foreign_key(
            "fk_review_line_entry_id", "entry", ["entry_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("review") as batch_op:
        batch_op.drop_column("topic")
        batch_op.drop_column("topic_entry_id")
        batch_op.drop_column("notes")


def downgrade() -> None:
    with op.batch_alter_table("review") as batch_op:
        batch_op.add_column(sa.Column("topic", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("topic_entry_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("notes", sa.String(), nullable=False, server_default=""))
    bind = op.get_bind()
    for (review_id,) in bind.execute(sa.text("SELECT id FROM review")).all():
        lines = bind.execute(
            sa.text(
                "SELECT section, text, entry_id FROM review_line WHERE review_id = :id"
                " AND NOT removed AND section IN ('topic', 'note') ORDER BY position"
            ),
            {"id": review_id},
        ).all()
        topics = [line for line in lines if line.section == "topic"]
        notes = "\n\n".join(line.text for line in lines if line.section == "note")
        bind.execute(
            sa.text(
                "UPDATE review SET topic = :topic, topic_entry_id = :entry, notes = :notes"
                " WHERE id = :id"
            ),
            {
                "topic": topics[-1].text if topics else None,
                "entry": topics[-1].entry_id if topics else None,
                "notes": notes,
                "id": review_id,
            },
        )
    op.execute("DELETE FROM review_line WHERE removed OR section IN ('topic', 'note')")
    with op.batch_alter_table("review") as batch_op:
        batch_op.create_foreign_key(
            "fk_review_topic_entry_id", "entry", ["topic_entry_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.alter_column("notes", existing_type=sa.String(), server_default=None)
    with op.batch_alter_table("review_line") as batch_op:
        batch_op.drop_constraint("uq_review_line_uuid", type_="unique")
        batch_op.drop_constraint("fk_review_line_entry_id", type_="foreignkey")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("removed")
        batch_op.drop_column("entry_id")
        batch_op.drop_column("question")
        batch_op.drop_column("uuid")
    with op.batch_alter_table("profile") as batch_op:
        batch_op.drop_column("sent_name")
    op.drop_table("removal")
