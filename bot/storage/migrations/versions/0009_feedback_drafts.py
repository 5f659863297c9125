"""feedback drafts in the database: a resident's /feedback survives a restart

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_drafts",
        sa.Column("resident_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("token", sa.String(length=8), nullable=False),
        sa.Column("step", sa.String(length=2), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("ward", sa.String(length=64), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("overlong", sa.Text(), nullable=False),
        sa.Column("photo_file_id", sa.String(length=256), nullable=True),
        sa.Column("may_reply", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("resident_id"),
    )
    with op.batch_alter_table("feedback_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feedback_drafts_started_at"), ["started_at"], unique=False
        )


def downgrade() -> None:
    # Drafts in progress are lost on a downgrade; older code kept them in memory only.
    with op.batch_alter_table("feedback_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_drafts_started_at"))
    op.drop_table("feedback_drafts")
