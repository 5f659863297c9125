"""resident journeys: the updates hint once per resident, offered feedback text, drafts left
for a question, and the daily retention run

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("updates_offered_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("feedback_drafts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("away", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "feedback_offers",
        sa.Column("resident_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("resident_id", "message_id"),
    )
    with op.batch_alter_table("feedback_offers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feedback_offers_offered_at"), ["offered_at"], unique=False
        )
    op.create_table(
        "retention_runs",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("holder", sa.String(length=96), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )


def downgrade() -> None:
    # Offered texts are short-lived by design; the hint may be shown once more after a downgrade
    # and an upgrade.
    op.drop_table("retention_runs")
    with op.batch_alter_table("feedback_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_offers_offered_at"))
    op.drop_table("feedback_offers")
    with op.batch_alter_table("feedback_drafts", schema=None) as batch_op:
        batch_op.drop_column("away")
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.drop_column("updates_offered_at")
