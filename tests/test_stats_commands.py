"""``localbeat stats import``, ``stats sync`` and ``stats snapshot`` as a maintainer runs them.

Each runs the real command in a child process against a SQLite file; police.uk is a local
stand-in that answers like the real API (crimes inside the polygon asked for), or nothing at all.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.config import Config
from bot.services import open_services
from bot.stats.geometry import Polygon
from bot.stats.models import CRIMES
from bot.stats.places import places_for
from bot.storage.db import Database
from tests.conftest import shared_data

ROOT = Path(__file__).resolve().parents[1]
POLICE = ("police-uk",)
JUNE_2018 = ("api-crimes-street-harrow-wards", "london_month_2018_06")


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


async def localbeat(db: Path, *args: str) -> Ran:
    """Run ``localbeat ARGS`` in a child process without blocking the test's event loop."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LOCALBEAT_")},
        "LOCALBEAT_DATABASE_URL": f"sqlite+aiosqlite:///{db}",
        "LOCALBEAT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env=env, cwd=db.parent,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return Ran(process.returncode, out.decode(), err.decode())


def api_items(folder: Path) -> list[dict[str, Any]]:
    return [item for path in sorted(folder.glob("*.json")) for item in json.loads(path.read_text())]


# -- a fresh machine -------------------------------------------------------------------------------


async def test_ask_on_a_fresh_machine_answers_from_the_packaged_figures(tmp_path: Path) -> None:
    ran = await localbeat(tmp_path / "fresh.db", "ask", "how many burglaries in Harrow last month")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Burglary in Harrow, March 2026: ")
    assert "month March 2026." in ran.stdout
    assert "loaded the packaged police.uk figures for Harrow: May 2023 to March 2026" in ran.stderr


# -- import ----------------------------------------------------------------------------------------


async def test_import_ends_with_a_total_and_warns_about_a_file_outside_the_borough(
    tmp_path: Path,
) -> None:
    city = shared_data(*POLICE, "2024-06-city-of-london-street.csv")
    lookup = shared_data(*POLICE, "lsoa_to_ward.harrow-subset.csv")
    counts = shared_data(*POLICE, "london-lsoa-monthly-counts.harrow-subset.csv")
    june = shared_data(*POLICE, *JUNE_2018)
    ran = await localbeat(tmp_path / "s.db", "stats", "import", str(city), str(lookup),
                          str(counts), str(june))  # fmt: skip
    assert ran.returncode == 0, ran.stderr

    city_rows = len(city.read_text(encoding="utf-8").splitlines()) - 1
    items = api_items(june)
    unique = len({item["id"] for item in items})
    read = city_rows + 144 + 24_671 + len(items)
    skipped = len(items) - unique  # boundary crimes returned for two wards
    files = 3 + len(list(june.glob("*.json")))
    assert (
        f"total: {files} files imported: read {read:,} rows, imported {read - skipped:,}, "
        f"skipped {skipped:,}; months 2018-06..2026-03"
    ) in ran.stdout.splitlines()
    warnings = [line for line in ran.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: 2024-06-city-of-london-street.csv: none of its {city_rows} rows is in Harrow "
        "(its rows are in City of London, Tower Hamlets, Camden); it was imported, but no "
        "answer about Harrow uses it"
    ]  # Harrow's own files (counts, lookup, API responses with no LSOA) raise none
    assert "note: 1 file holds nothing in Harrow (see the warnings)" in ran.stdout


# -- sync ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_sync_offline_explains_in_words(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there: like a machine with no connection
    ran = await localbeat(
        tmp_path / "s.db", "stats", "sync", "--base-url", f"http://127.0.0.1:{port}/api"
    )
    assert ran.returncode == 1
    errors = [line for line in ran.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: could not reach the police.uk API at 127.0.0.1: no connection could be made "
        "(connection refused). Is this machine offline? No crime records were changed; run the "
        "sync again when it can reach the internet."
    ]
    assert "HTTP 0" not in ran.stderr and "Traceback" not in ran.stderr


@dataclass
class FakePolice:
    """police.uk's street-crime API for one new month: the crimes inside the polygon asked for."""

    crimes: list[dict[str, Any]]
    month: str = "2026-04"
    polygons: list[str] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/crimes-street-dates", self.dates)
        app.router.add_get("/api/crimes-street/all-crime", self.street)
        return app

    async def dates(self, request: web.Request) -> web.Response:
        return web.json_response([{"date": self.month, "stop-and-search": []}])

    async def street(self, request: web.Request) -> web.Response:
        assert request.query["date"] == self.month
        poly = request.query["poly"]  # today's wards are asked for by their shape
        self.polygons.append(poly)
        points = [tuple(map(float, p.split(","))) for p in poly.split(":")]
        shape = Polygon(tuple((y, x) for y, x in points))
        inside = [
            {**c, "month": self.month}
            for c in self.crimes
            if shape.contains(float(c["location"]["latitude"]), float(c["location"]["longitude"]))
        ]
        return web.json_response(inside)


@pytest.fixture
async def police() -> AsyncIterator[tuple[FakePolice, str]]:
    fake = FakePolice(
        list({c["id"]: c for c in api_items(shared_data(*POLICE, *JUNE_2018))}.values())
    )
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield fake, f"http://127.0.0.1:{runner.addresses[0][1]}/api"
    await runner.cleanup()


async def test_sync_reaches_todays_wards_and_newer_months_extend_the_packaged_figures(
    tmp_path: Path, police: tuple[FakePolice, str]
) -> None:
    fake, base_url = police
    db_path = tmp_path / "s.db"
    url = f"sqlite+aiosqlite:///{db_path}"
    config = Config.model_validate(
        {"database": {"url": url}, "knowledge_dir": str(ROOT / "knowledge")}
    )
    services = await open_services(config)  # a fresh machine: the packaged figures load
    try:
        before = await services.answers.answer("how many burglaries in Harrow")
    finally:
        await services.close()
    assert before.text.startswith("Burglary in Harrow, March 2026:")

    ran = await localbeat(db_path, "stats", "sync", "--base-url", base_url, "--months", "1")
    assert ran.returncode == 0, ran.stderr
    assert len(fake.polygons) == 22  # one request per current ward, by its shape
    places = places_for("Harrow")
    assert places is not None
    shapes = [w.boundary for w in places.wards.values()]
    expected = {
        c["id"]
        for c in fake.crimes
        if any(
            s.contains(float(c["location"]["latitude"]), float(c["location"]["longitude"]))
            for s in shapes
        )
    }
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            stored = await conn.scalar(select(func.count()).select_from(CRIMES))
            codes = set((await conn.execute(select(CRIMES.c.ward_code).distinct())).scalars())
    finally:
        await db.close()
    assert stored == len(expected)
    assert codes <= set(places.wards)  # every record is counted in one of today's wards

    services = await open_services(config)
    try:
        after = await services.answers.answer("how many burglaries in Harrow")
    finally:
        await services.close()
    burglaries = sum(1 for c in fake.crimes if c["id"] in expected and c["category"] == "burglary")
    assert after.text.startswith(f"Burglary in Harrow, April 2026: {burglaries} crimes recorded.")
    march = before.text.split(": ", 1)[1].split(" ", 1)[0]  # the packaged March figure
    assert f"the {march} in March 2026" in after.text  # the sync extends the snapshot
    assert "Source: police.uk street-level crime records, month April 2026." in after.text


# -- snapshot --------------------------------------------------------------------------------------


async def test_snapshot_is_written_from_the_imported_store(tmp_path: Path) -> None:
    db_path = tmp_path / "s.db"
    files = [
        str(shared_data(*POLICE, name))
        for name in (
            "london-lsoa-monthly-counts.harrow-subset.csv",
            "lsoa_to_ward.harrow-subset.csv",
            "MPSCrime.harrow-subset.csv",
        )
    ]
    assert (await localbeat(db_path, "stats", "import", *files)).returncode == 0
    output = tmp_path / "snapshot.json.gz"
    ran = await localbeat(db_path, "stats", "snapshot", "--output", str(output))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith(f"wrote {output}: Harrow, 22 wards, 2023-05..2026-03")
    snapshot = json.loads(gzip.decompress(output.read_bytes()))
    assert snapshot["attribution"] == (
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )
    assert len(snapshot["lsoa_wards"]) == 144 and len(snapshot["counts"]) == 22
    assert output.stat().st_size < 20_000
    packaged = ROOT / "bot" / "stats" / "data" / "snapshot-harrow.json.gz"
    shipped = json.loads(gzip.decompress(packaged.read_bytes()))
    shipped.pop("generated"), snapshot.pop("generated")
    assert shipped == snapshot  # the package ships exactly what the command makes


async def test_snapshot_without_figures_says_what_to_import(tmp_path: Path) -> None:
    ran = await localbeat(tmp_path / "s.db", "stats", "snapshot", "--output", str(tmp_path / "x"))
    assert ran.returncode == 1
    assert "error: no wards of Harrow are stored: import the Met's ward table" in ran.stderr
    assert not (tmp_path / "x").exists()
