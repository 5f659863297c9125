"""outboxes: claimant and lease on every claim, resends marked as possible repeats

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
# (table, its "claimed" status, whether claimed_by and resends are new)
TABLES = (
    ("feedback_outbox", "sending", True),
    ("scheduled_messages", "claimed", True),
    ("announcement_deliveries", "sending", False),
)


def _table(name: str) -> sa.TableClause:
    return sa.table(
        name,
        sa.column("status", sa.String()),
        sa.column("claimed_at", WHEN),
        sa.column("lease_until", WHEN),
    )


def upgrade() -> None:
    for name, claimed, new_columns in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("lease_until", WHEN, nullable=True))
            if new_columns:
                batch_op.add_column(sa.Column("claimed_by", sa.String(length=40), nullable=True))
                batch_op.add_column(
                    sa.Column("resends", sa.Integer(), server_default="0", nullable=False)
                )
        # A claim from before the upgrade belongs to a process that has stopped: its lease is
        # over, so it is taken over (and marked as a possible repeat) on the first pass.
        rows = _table(name)
        op.execute(
            rows.update().where(rows.c.status == claimed).values(lease_until=rows.c.claimed_at)
        )


def downgrade() -> None:
    for name, _claimed, new_columns in reversed(TABLES):
        rows = _table(name)
        # Older code knows no "uncertain": it may have arrived, so it is not sent again.
        op.execute(rows.update().where(rows.c.status == "uncertain").values(status="failed"))
        with op.batch_alter_table(name, schema=None) as batch_op:
            if new_columns:
                batch_op.drop_column("resends")
                batch_op.drop_column("claimed_by")
            batch_op.drop_column("lease_until")
