"""``localbeat chat`` offers Telegram's menus and flows where a terminal can: numbers for buttons,
"More…" through long menus, and a location typed as coordinates (for "near me", or on its own),
which is never logged as an unanswered question."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.models import UnansweredQuestion
from tests.test_cli import run_cli

POINT = (51.6126, -0.3054)


HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)


def _street_csv(path: Path) -> Path:
    """Three police.uk street records near POINT in March 2026, in the archive's own layout."""
    rows = [
        f"{n:064x},2026-03,Metropolitan Police Service,Metropolitan Police Service,"
        f"{POINT[1]},{POINT[0] + n * 0.001:.6f},On or near Stanmore Hill,E01002200,Harrow 004A,"
        f"{kind},Under investigation,"
        for n, kind in enumerate(("Burglary", "Burglary", "Shoplifting"), 1)
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


async def _gaps(url: str) -> list[str]:
    db = Database(url)
    try:
        async with db.sessions() as session:
            return list(await session.scalars(select(UnansweredQuestion.normalised_text)))
    finally:
        await db.close()


def test_terminal_chat_has_the_menus_near_me_by_coordinates_and_pages(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    imported = run_cli(tmp_path, "stats", "import", str(_street_csv(tmp_path / "street.csv")))
    assert imported.returncode == 0, imported.stderr
    script = "\n".join([
        "/crime", "1",  # All crime
        "2",  # Near me (share location)
        "1", f"{POINT[0]}, {POINT[1]}",  # Share my location, typed
        f"{POINT[0]} {POINT[1]}",  # coordinates typed on their own
        "/events", "9",  # a number that is no option
        "/start", "3",  # Safety tips
        "11",  # More…
        "/updates",
        "quit",
    ])  # fmt: skip
    result = run_cli(tmp_path, "chat", stdin=script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Crime figures for Harrow. Which kind of crime?" in out
    assert "[2] Near me (share location)" in out and "[1] Share my location" in out
    assert "Your location as coordinates" in out
    near = "All crime within 1 mile of the location you shared, March 2026: 3 crimes"
    assert out.count(near) == 2, out
    assert "There are no events listed right now." in out and "[1] Choose ward" in out
    assert "There is no option 9 just now" in out
    assert "page 1 of" in out and "page 2 of" in out and "More…" in out
    assert "need Telegram, where Local Beat can write to you first" in out
    assert "Traceback" not in result.stderr
    assert asyncio.run(_gaps(url)) == []  # neither the coordinates nor the slip is a "gap"
