"""Tables of the crime-statistics store.

* ``stats_sources``: one row per imported file (or synced ward-month); its ``key`` is what a
  re-import replaces, its hash lets an unchanged file be recognised.
* ``stats_crimes``: street-level records (police.uk archive CSV rows and API objects), one row per
  crime or incident; never de-duplicated by content, only by the API's numeric ``id``.
* ``stats_counts``: published monthly counts per area (LSOA, ward, borough) and category.
* ``stats_wards`` and ``stats_lsoa_wards``: reference data for names and aggregation.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow

# SQLite only auto-increments an INTEGER PRIMARY KEY, so the big id is INTEGER there.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class StatsSource(Base):
    """One import batch: what it was, where it came from, how many rows it read and kept."""

    __tablename__ = "stats_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    force: Mapped[str | None] = mapped_column(String(64), nullable=True)
    first_month: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_month: Mapped[date | None] = mapped_column(Date, nullable=True)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_imported: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Crime(Base):
    """One street-level crime or anti-social behaviour incident."""

    __tablename__ = "stats_crimes"
    __table_args__ = (
        # category too, so near-me counts from the index alone, without a table seek per row
        Index("ix_stats_crimes_near", "month", "latitude", "longitude", "category"),
        Index("ix_stats_crimes_trend", "ward_code", "category", "month"),
        # Only API records carry an id; partial, so street rows cost the index nothing.
        Index(
            "ix_stats_crimes_api_id",
            "api_id",
            unique=True,
            sqlite_where=text("api_id IS NOT NULL"),
            postgresql_where=text("api_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("stats_sources.id", ondelete="CASCADE"), index=True
    )
    crime_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    api_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    month: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(64))
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    location: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lsoa_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    lsoa_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    ward_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(200), nullable=True)


class CrimeCount(Base):
    """A published count: area x month x category, with the classification it belongs to."""

    __tablename__ = "stats_counts"
    __table_args__ = (
        Index("ix_stats_counts_trend", "area_code", "scheme", "category", "month"),
        Index("ix_stats_counts_area_month", "area_type", "month"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("stats_sources.id", ondelete="CASCADE"), index=True
    )
    area_type: Mapped[str] = mapped_column(String(16))  # "lsoa", "ward" or "borough"
    area_code: Mapped[str] = mapped_column(String(64))
    area_name: Mapped[str] = mapped_column(String(128))
    month: Mapped[date] = mapped_column(Date)
    scheme: Mapped[str] = mapped_column(String(16))  # "police.uk" or "mps"
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str | None] = mapped_column(String(100), nullable=True)
    count: Mapped[int] = mapped_column(Integer)


class Ward(Base):
    """A ward's code and name (2022 wards from the Met's table, older ones from ward lists)."""

    __tablename__ = "stats_wards"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    borough: Mapped[str | None] = mapped_column(String(64), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("stats_sources.id", ondelete="SET NULL"), nullable=True
    )


class LsoaWard(Base):
    """Which ward an LSOA lies in, for aggregating LSOA counts and tagging street records."""

    __tablename__ = "stats_lsoa_wards"

    lsoa_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(16), index=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("stats_sources.id", ondelete="CASCADE"), index=True
    )


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


SOURCES = _table(StatsSource)
CRIMES = _table(Crime)
COUNTS = _table(CrimeCount)
WARDS = _table(Ward)
LSOA_WARDS = _table(LsoaWard)

# What a bulk import changes, for the query planner's statistics (Database.analyze).
STATS_TABLES = tuple(t.name for t in (SOURCES, CRIMES, COUNTS, WARDS, LSOA_WARDS))
