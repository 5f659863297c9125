"""web chat: sessions, residents by channel, and replies kept for residents without push

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Only the columns the downgrade reads and writes, so it does not depend on the current models.
ITEMS = sa.table(
    "feedback_items",
    sa.column("channel", sa.String()),
    sa.column("resident_id", sa.BigInteger()),
    sa.column("may_reply", sa.Boolean()),
)
BLOCKS = sa.table("feedback_blocks", sa.column("channel", sa.String()))


def _channel() -> sa.Column[str]:
    return sa.Column("channel", sa.String(length=8), server_default="telegram", nullable=False)


def _blocks_table(name: str, with_channel: bool) -> sa.Table:
    columns = [_channel()] if with_channel else []
    key = ["channel", "resident_id"] if with_channel else ["resident_id"]
    return sa.Table(
        name,
        sa.MetaData(),
        *columns,
        sa.Column("resident_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("blocked_by", sa.BigInteger(), nullable=False),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(*key),
    )


def _rebuild_blocks(with_channel: bool) -> None:
    """Give feedback_blocks its primary key with or without ``channel``.

    PostgreSQL swaps the constraint; SQLite cannot, so the table is copied into a new one.
    """
    key = ["channel", "resident_id"] if with_channel else ["resident_id"]
    if op.get_bind().dialect.name == "postgresql":
        if with_channel:
            op.add_column("feedback_blocks", _channel())
        op.drop_constraint("feedback_blocks_pkey", "feedback_blocks", type_="primary")
        op.create_primary_key("feedback_blocks_pkey", "feedback_blocks", key)
        if not with_channel:
            op.drop_column("feedback_blocks", "channel")
        return
    new = _blocks_table("feedback_blocks_0008", with_channel)
    new.create(op.get_bind())
    kept = ["resident_id", "reference", "reason", "blocked_by", "blocked_at"]
    old = sa.table("feedback_blocks", *(sa.column(c) for c in kept))
    op.execute(new.insert().from_select(kept, sa.select(*(old.c[c] for c in kept))))
    op.drop_table("feedback_blocks")
    op.rename_table("feedback_blocks_0008", "feedback_blocks")


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_web_sessions_expires_at"), ["expires_at"], unique=False
        )
    op.create_table(
        "feedback_inbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["feedback_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback_inbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_inbox_item_id"), ["item_id"], unique=False)
    op.create_table(
        "feedback_keys",
        sa.Column("item_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["feedback_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id"),
    )
    # Every resident so far wrote on Telegram, which the default says.
    with op.batch_alter_table("feedback_items", schema=None) as batch_op:
        batch_op.add_column(_channel())
    _rebuild_blocks(with_channel=True)


def downgrade() -> None:
    # Before 0008 every resident id was a Telegram user id. A web session's id kept there would
    # point at some Telegram user, so web items lose their resident (as after /forget) and web
    # blocks go: nobody outside the web chat may receive a web resident's replies.
    op.execute(BLOCKS.delete().where(BLOCKS.c.channel != "telegram"))
    _rebuild_blocks(with_channel=False)
    op.execute(
        ITEMS.update()
        .where(ITEMS.c.channel != "telegram")
        .values(resident_id=None, may_reply=False)
    )
    with op.batch_alter_table("feedback_items", schema=None) as batch_op:
        batch_op.drop_column("channel")
    op.drop_table("feedback_keys")
    with op.batch_alter_table("feedback_inbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_inbox_item_id"))
    op.drop_table("feedback_inbox")
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_expires_at"))
    op.drop_table("web_sessions")
