"""replicas: conversation state, job leases and runs, the update inbox, shared send pace

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_states",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "owner"),
    )
    op.create_index(
        "ix_conversation_states_expires_at", "conversation_states", ["expires_at"], unique=False
    )
    op.create_table(
        "job_leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=96), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=96), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "period"),
    )
    op.create_table(
        "update_inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("holder", sa.String(length=96), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("takeovers", sa.Integer(), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    op.create_index("ix_update_inbox_chat_id", "update_inbox", ["chat_id"], unique=False)
    op.create_index("ix_update_inbox_handled_at", "update_inbox", ["handled_at"], unique=False)
    op.create_index("ix_update_inbox_lease_until", "update_inbox", ["lease_until"], unique=False)
    op.create_table(
        "send_pace",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    # Conversations in progress and updates not yet handled are lost on a downgrade; the older
    # code kept them in one process's memory.
    op.drop_table("send_pace")
    op.drop_index("ix_update_inbox_lease_until", table_name="update_inbox")
    op.drop_index("ix_update_inbox_handled_at", table_name="update_inbox")
    op.drop_index("ix_update_inbox_chat_id", table_name="update_inbox")
    op.drop_table("update_inbox")
    op.drop_table("job_runs")
    op.drop_table("job_leases")
    op.drop_index("ix_conversation_states_expires_at", table_name="conversation_states")
    op.drop_table("conversation_states")
