"""The street CSV importer's fast path must store and skip exactly what the careful path does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from bot.stats.importers import import_file
from bot.stats.models import CRIMES
from bot.storage.db import Database

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n"
)
FORCE = "Metropolitan Police Service"
ASB = "anti-social-behaviour"


def row(crime_id: str, month: str, lon: str, lat: str, location: str, kind: str) -> str:
    return (
        f"{crime_id},{month},{FORCE},{FORCE},{lon},{lat},{location},E01002106,Harrow 008A,"
        f"{kind},Under investigation,\n"
    )


async def test_fast_and_careful_rows_mixed(db: Database, tmp_path: Path) -> None:
    body = (
        HEADER
        + row("a", "2025-03", "-0.3", "51.6", "On or near X", "Burglary")  # line 2
        + row("b", "2025-03", "-0.31", "51.61", '"On or near\nTwo Lines"', "Burglary")  # 3-4
        + "\n"  # line 5: blank, not a row
        + row("", "2025-03", "", "", "No Location", "Anti-social behaviour")  # line 6
        + row("c", " 2025-03", "-0.3", "51.6", "On or near X", "Burglary")  # line 7: spaces ok
        + row("d", "2025-03", "-0.3", "nan", "On or near X", "Burglary")  # line 8: bad
        + row("e", "2025-03", "-0.3", "51.6", "On or near X", "Made-up crime")  # line 9
        + row("f", "2025-03", "-0.3", "51.6", "On or near X", "Made-up crime")  # line 10
        + row("g", "2025-03", "-0.3", "51.6", "On or near X", " ")  # line 11: bad
        + "h,2025-03,too,short\n"  # line 12: bad
        + row("", "2025-03", "-0.3", "51.6", "On or near X", "Burglary")  # line 13
    )
    path = tmp_path / "2025-03-metropolitan-street.csv"
    path.write_text(body)
    (summary,) = await import_file(db, path)
    assert (summary.rows_read, summary.imported, summary.skipped_total) == (10, 7, 3)
    assert summary.skipped["bad coordinates"].lines == [8]
    assert summary.skipped["no crime type"].lines == [11]
    assert summary.skipped["truncated row (expected 12 fields)"].lines == [12]
    assert summary.notes == ["unknown crime type 'Made-up crime' kept as 'made-up-crime'"]
    async with db.engine.connect() as conn:
        stored = (
            await conn.execute(
                select(
                    CRIMES.c.crime_id,
                    CRIMES.c.month,
                    CRIMES.c.category,
                    CRIMES.c.latitude,
                    CRIMES.c.longitude,
                    CRIMES.c.location,
                    CRIMES.c.api_id,
                    CRIMES.c.outcome,
                ).order_by(CRIMES.c.id)
            )
        ).all()
    march = date(2025, 3, 1)
    assert [tuple(r) for r in stored] == [
        ("a", march, "burglary", 51.6, -0.3, "On or near X", None, "Under investigation"),
        (
            "b",
            march,
            "burglary",
            51.61,
            -0.31,
            "On or near\nTwo Lines",
            None,
            "Under investigation",
        ),
        (None, march, ASB, None, None, "No Location", None, "Under investigation"),
        ("c", march, "burglary", 51.6, -0.3, "On or near X", None, "Under investigation"),
        ("e", march, "made-up-crime", 51.6, -0.3, "On or near X", None, "Under investigation"),
        ("f", march, "made-up-crime", 51.6, -0.3, "On or near X", None, "Under investigation"),
        (None, march, "burglary", 51.6, -0.3, "On or near X", None, "Under investigation"),
    ]
