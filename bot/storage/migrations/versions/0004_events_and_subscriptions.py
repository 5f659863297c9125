"""events and subscriptions: events, their wards and reminders, subscriptions, scheduled messages

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_key", sa.String(length=160), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("starts_at", WHEN, nullable=False),
        sa.Column("ends_at", WHEN, nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("capacity_note", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_key"),
    )
    op.create_index("ix_events_starts_at", "events", ["starts_at"])
    for table, column in (("event_wards", "ward"), ("event_reminders", "resident_id")):
        column_type = sa.String(length=64) if column == "ward" else sa.BigInteger()
        extra = [sa.Column("created_at", WHEN, nullable=False)] if column == "resident_id" else []
        op.create_table(
            table,
            sa.Column("event_id", sa.Integer(), nullable=False),
            sa.Column(column, column_type, nullable=False),
            *extra,
            sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("event_id", column),
        )
        op.create_index(f"ix_{table}_{column}", table, [column])


def _subscriptions() -> None:
    op.create_table(
        "subscription_settings",
        sa.Column("resident_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("quiet_start", sa.Integer(), nullable=True),
        sa.Column("quiet_end", sa.Integer(), nullable=True),
        sa.Column("paused_until", WHEN, nullable=True),
        sa.Column("last_summary_month", sa.Date(), nullable=True),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("resident_id"),
    )
    for table, column, length in (
        ("subscription_topics", "topic", 32),
        ("subscription_wards", "ward", 64),
    ):
        op.create_table(
            table,
            sa.Column("resident_id", sa.BigInteger(), autoincrement=False, nullable=False),
            sa.Column(column, sa.String(length=length), nullable=False),
            sa.PrimaryKeyConstraint("resident_id", column),
        )
        op.create_index(f"ix_{table}_{column}", table, [column])


def _scheduled_messages() -> None:
    op.create_table(
        "scheduled_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=160), nullable=True),
        sa.Column("due_at", WHEN, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", WHEN, nullable=True),
        sa.Column("sent_at", WHEN, nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedupe_key"),
    )
    op.create_index("ix_scheduled_messages_due", "scheduled_messages", ["status", "due_at"])
    op.create_index("ix_scheduled_messages_resident_id", "scheduled_messages", ["resident_id"])


def upgrade() -> None:
    _events()
    _subscriptions()
    _scheduled_messages()


def downgrade() -> None:
    op.drop_index("ix_scheduled_messages_resident_id", table_name="scheduled_messages")
    op.drop_index("ix_scheduled_messages_due", table_name="scheduled_messages")
    op.drop_table("scheduled_messages")
    for table, column in (
        ("subscription_wards", "ward"),
        ("subscription_topics", "topic"),
        ("event_reminders", "resident_id"),
        ("event_wards", "ward"),
    ):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        op.drop_table(table)
    op.drop_table("subscription_settings")
    op.drop_index("ix_events_starts_at", table_name="events")
    op.drop_table("events")
