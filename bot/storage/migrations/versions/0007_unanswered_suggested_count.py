"""unanswered questions: how many times the bot only offered suggestions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Only the columns the downgrade reads and writes, so it does not depend on the current models.
QUESTIONS = sa.table(
    "unanswered_questions",
    sa.column("count", sa.Integer()),
    sa.column("suggested_count", sa.Integer()),
)


def upgrade() -> None:
    # Every row so far was a question with no answer at all, which a default of 0 says already.
    with op.batch_alter_table("unanswered_questions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("suggested_count", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # Before 0007 every row meant "no answer": a question that only ever got suggestions would
    # be shown as one, so it goes, and mixed rows keep only their no-answer count.
    op.execute(QUESTIONS.delete().where(QUESTIONS.c.count <= QUESTIONS.c.suggested_count))
    op.execute(QUESTIONS.update().values(count=QUESTIONS.c.count - QUESTIONS.c.suggested_count))
    with op.batch_alter_table("unanswered_questions", schema=None) as batch_op:
        batch_op.drop_column("suggested_count")
