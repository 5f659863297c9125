"""Sync against a local police.uk stand-in serving the real Harrow ward responses."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.stats.models import CRIMES, SOURCES
from bot.stats.sync import PoliceApi, SyncError, TokenBucket, WardArea, sync_crimes
from bot.storage.db import Database
from tests.conftest import shared_data


@dataclass
class FakePolice:
    root: Path
    centres: dict[tuple[str, str], str]  # (lat, lng) as sent -> ward code
    faults: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    fail_after: int | None = None  # hard failure (HTTP 400) after this many crime requests
    crime_requests: int = 0
    seen: list[str] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/crimes-street-dates", self.dates)
        app.router.add_get("/api/crimes-street/all-crime", self.crimes)
        return app

    def _fault(self) -> web.Response | None:
        if self.faults:
            status, headers = self.faults.pop(0)
            return web.Response(status=status, headers=headers, text="busy")
        return None

    async def dates(self, request: web.Request) -> web.Response:
        if fault := self._fault():
            return fault
        months = sorted(
            p.name.removeprefix("london_month_").replace("_", "-") for p in self.root.iterdir()
        )
        return web.json_response([{"date": m, "stop-and-search": []} for m in reversed(months)])

    async def crimes(self, request: web.Request) -> web.Response:
        if fault := self._fault():
            return fault
        if self.fail_after is not None and self.crime_requests >= self.fail_after:
            return web.Response(status=400, text="bad request")
        self.crime_requests += 1
        ward = self.centres[(request.query["lat"], request.query["lng"])]
        month = request.query["date"]
        self.seen.append(f"{ward}-{month}")
        stem = month.replace("-", "_")
        path = self.root / f"london_month_{stem}" / f"crime_month_{stem}_area_{ward}_0.json"
        return web.Response(body=path.read_bytes(), content_type="application/json")


def _wards() -> list[WardArea]:
    path = shared_data("police-uk", "london_wards_centroids.harrow-subset.csv")
    with path.open(newline="") as handle:
        return [
            WardArea(r["GSS_CODE"], r["NAME"], lat=float(r["lat"]), lng=float(r["lon"]))
            for r in csv.DictReader(handle)
        ]


@pytest.fixture
async def police() -> AsyncIterator[tuple[FakePolice, str]]:
    root = shared_data("police-uk", "api-crimes-street-harrow-wards")
    centres = {(f"{w.lat:.6f}", f"{w.lng:.6f}"): w.code for w in _wards()}
    fake = FakePolice(root, centres)
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield fake, f"http://127.0.0.1:{port}/api"
    await runner.cleanup()


def _unique_ids(root: Path, months: set[str]) -> int:
    ids: set[int] = set()
    for path in root.rglob("*.json"):
        if path.parent.name.removeprefix("london_month_").replace("_", "-") in months:
            ids.update(item["id"] for item in json.loads(path.read_text()))
    return len(ids)


async def _count(db: Database, query: object) -> int:
    async with db.engine.connect() as conn:
        return int((await conn.execute(query)).scalar_one())  # type: ignore[call-overload]


async def test_sync_retries_resumes_and_stores_each_crime_once(
    db: Database, police: tuple[FakePolice, str]
) -> None:
    fake, base_url = police
    fake.faults = [(429, {"Retry-After": "2"}), (500, {})]
    fake.fail_after = 30  # the "network" breaks part-way through
    waits: list[float] = []

    async def no_wait(delay: float) -> None:
        waits.append(delay)

    wards = _wards()
    async with aiohttp.ClientSession() as session:
        api = PoliceApi(session, base_url, rate=1000, backoff=0.5, sleep=no_wait)
        with pytest.raises(SyncError, match="HTTP 400"):
            await sync_crimes(db, api, force="metropolitan", wards=wards, months=12)
        assert waits == [2.0, 1.0]  # Retry-After honoured, then backoff 0.5 * 2**1
        assert await _count(db, select(func.count()).select_from(SOURCES)) == 30

        fake.fail_after = None
        first_seen = list(fake.seen)
        report = await sync_crimes(db, api, force="metropolitan", wards=wards, months=12)
        assert report.already_done == 30 and len(report.fetched) == 12 * 21 - 30
        assert not set(fake.seen[len(first_seen) :]) & set(first_seen)  # nothing fetched twice

        again = await sync_crimes(db, api, force="metropolitan", wards=wards, months=12)
        assert again.fetched == [] and again.already_done == 252

    root = shared_data("police-uk", "api-crimes-street-harrow-wards")
    months = {f"{m:%Y-%m}" for m in report.months}
    assert months == {
        f"{y}-{mm:02d}"
        for y, mm in [(2017, m) for m in range(7, 13)] + [(2018, m) for m in range(1, 7)]
    }
    expected = _unique_ids(root, months)
    assert expected == 18055
    assert await _count(db, select(func.count()).select_from(CRIMES)) == expected
    june = await _count(db, select(func.count()).where(CRIMES.c.month == date(2018, 6, 1)))
    assert june == _unique_ids(root, {"2018-06"})


async def test_sync_latest_months_only(db: Database, police: tuple[FakePolice, str]) -> None:
    _fake, base_url = police
    async with aiohttp.ClientSession() as session:
        api = PoliceApi(session, base_url, rate=1000)
        report = await sync_crimes(db, api, force="metropolitan", wards=_wards(), months=2)
    assert [f"{m:%Y-%m}" for m in report.months] == ["2018-05", "2018-06"]
    root = shared_data("police-uk", "api-crimes-street-harrow-wards")
    assert report.imported == _unique_ids(root, {"2018-05", "2018-06"})


async def test_token_bucket_limits_the_rate() -> None:
    import time

    bucket = TokenBucket(rate=15)
    start = time.monotonic()
    for _ in range(15 + 9):
        await bucket.acquire()
    elapsed = time.monotonic() - start
    assert 9 / 15 - 0.05 <= elapsed < 1.5  # the burst of 15 is free, the next 9 wait ~0.6 s
