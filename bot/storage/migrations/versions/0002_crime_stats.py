"""crime statistics: sources, street-level crimes, published counts, wards, LSOA lookup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _source_fk(ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["source_id"], ["stats_sources.id"], ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "stats_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("force", sa.String(length=64), nullable=True),
        sa.Column("first_month", sa.Date(), nullable=True),
        sa.Column("last_month", sa.Date(), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_stats_sources_content_hash", "stats_sources", ["content_hash"])

    op.create_table(
        "stats_counts",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("area_type", sa.String(length=16), nullable=False),
        sa.Column("area_code", sa.String(length=64), nullable=False),
        sa.Column("area_name", sa.String(length=128), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("scheme", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("subcategory", sa.String(length=100), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        _source_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stats_counts_area_month", "stats_counts", ["area_type", "month"])
    op.create_index("ix_stats_counts_source_id", "stats_counts", ["source_id"])
    op.create_index(
        "ix_stats_counts_trend", "stats_counts", ["area_code", "scheme", "category", "month"]
    )

    op.create_table(
        "stats_crimes",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("crime_id", sa.String(length=64), nullable=True),
        sa.Column("api_id", sa.BigInteger(), nullable=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("lsoa_code", sa.String(length=16), nullable=True),
        sa.Column("lsoa_name", sa.String(length=100), nullable=True),
        sa.Column("ward_code", sa.String(length=16), nullable=True),
        sa.Column("outcome", sa.String(length=200), nullable=True),
        _source_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_stats_crimes_api_id",
        "stats_crimes",
        ["api_id"],
        unique=True,
        sqlite_where=sa.text("api_id IS NOT NULL"),
        postgresql_where=sa.text("api_id IS NOT NULL"),
    )
    op.create_index(
        "ix_stats_crimes_near", "stats_crimes", ["month", "latitude", "longitude", "category"]
    )
    op.create_index("ix_stats_crimes_source_id", "stats_crimes", ["source_id"])
    op.create_index("ix_stats_crimes_trend", "stats_crimes", ["ward_code", "category", "month"])

    op.create_table(
        "stats_lsoa_wards",
        sa.Column("lsoa_code", sa.String(length=16), nullable=False),
        sa.Column("ward_code", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        _source_fk(),
        sa.PrimaryKeyConstraint("lsoa_code"),
    )
    op.create_index("ix_stats_lsoa_wards_source_id", "stats_lsoa_wards", ["source_id"])
    op.create_index("ix_stats_lsoa_wards_ward_code", "stats_lsoa_wards", ["ward_code"])

    op.create_table(
        "stats_wards",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("borough", sa.String(length=64), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        _source_fk("SET NULL"),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("ix_stats_wards_name", "stats_wards", ["name"])


def downgrade() -> None:
    for table in ("stats_wards", "stats_lsoa_wards", "stats_crimes", "stats_counts"):
        op.drop_table(table)
    op.drop_index("ix_stats_sources_content_hash", table_name="stats_sources")
    op.drop_table("stats_sources")
