"""Fetching the latest months of street-level crimes for the borough's wards from police.uk.

One request per (ward, month): ``/crimes-street/all-crime`` with the ward's polygon (``poly``) or,
lacking one, its centroid (``lat``/``lng``, a one-mile circle). Each response is stored as its own
source (``api-sync:<force>:<ward>-<YYYY-MM>``) in one transaction, so that source row is the
done-marker: an interrupted sync resumes with the pairs not yet stored, and a finished one does
nothing when run again. Crimes on a boundary come back for both wards and are kept once (API id).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp
from sqlalchemy import select
from yarl import URL

from bot.stats.importers.api_json import import_api_items, parse_payload
from bot.stats.importers.base import SourceSpec
from bot.stats.models import SOURCES
from bot.stats.parsing import ImportSummary, parse_month
from bot.stats.queries import API_SYNC
from bot.storage.db import Database

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://data.police.uk/api"
Sleep = Callable[[float], Awaitable[None]]


class SyncError(Exception):
    """The API refused or kept failing; worded for the person running the sync."""


def unreachable_words(exc: BaseException) -> str:
    """Why a connection could not be made, in words (never "HTTP 0")."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "its name could not be looked up (no internet connection, or no DNS)"
    if isinstance(exc, aiohttp.ClientConnectorError):
        code = exc.os_error.errno
        reason = os.strerror(code) if code else type(exc.os_error).__name__
        return f"no connection could be made ({reason.lower()})"
    if isinstance(exc, TimeoutError):
        return "it did not answer in time"
    return f"the connection failed ({type(exc).__name__})"


@dataclass(frozen=True)
class WardArea:
    """A ward to fetch: a polygon of (lat, lng) points, or a centre point."""

    code: str
    name: str
    poly: Sequence[tuple[float, float]] | None = None
    lat: float | None = None
    lng: float | None = None

    def params(self) -> dict[str, str]:
        if self.poly:
            return {"poly": ":".join(f"{y:.6f},{x:.6f}" for y, x in self.poly)}
        if self.lat is None or self.lng is None:
            raise SyncError(f"ward {self.name} ({self.code}) has neither a polygon nor a centre")
        return {"lat": f"{self.lat:.6f}", "lng": f"{self.lng:.6f}"}


class TokenBucket:
    """At most ``rate`` acquisitions per second on average, bursts up to ``capacity``."""

    def __init__(self, rate: float = 15.0, capacity: float | None = None) -> None:
        self.rate = rate
        self.capacity = capacity if capacity is not None else rate
        self.tokens = self.capacity
        self.updated = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class PoliceApi:
    """A small police.uk client: rate-limited, retrying 429 and 5xx with backoff."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str = DEFAULT_BASE_URL,
        *,
        rate: float = 15.0,
        max_attempts: int = 6,
        max_connect_attempts: int = 3,
        backoff: float = 1.0,
        max_delay: float = 60.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.bucket = TokenBucket(rate)
        self.max_attempts = max_attempts
        # A machine that is offline will not be online in a minute: give up sooner, in words.
        self.max_connect_attempts = max_connect_attempts
        self.backoff = backoff
        self.max_delay = max_delay
        self.sleep = sleep
        self.requests = 0

    async def get_bytes(self, path: str, params: dict[str, str] | None = None) -> bytes:
        url = f"{self.base_url}/{path.lstrip('/')}"
        unreachable: str | None = None
        failed_connections = 0
        for attempt in range(self.max_attempts):
            await self.bucket.acquire()
            self.requests += 1
            try:
                async with self.session.get(url, params=params) as response:
                    body = await response.read()
                    status = response.status
                    retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                unreachable = None
            except (aiohttp.ClientConnectionError, TimeoutError) as exc:
                status, body, retry_after = 0, b"", None
                unreachable = unreachable_words(exc)
                failed_connections += 1
            if status == 200:
                return body
            if status and status != 429 and status < 500:
                raise SyncError(f"GET {url} {params or ''}: HTTP {status}: {body[:200]!r}")
            if attempt == self.max_attempts - 1 or failed_connections >= self.max_connect_attempts:
                break
            delay = retry_after if retry_after is not None else self.backoff * 2**attempt
            delay = min(delay, self.max_delay)
            why = unreachable or f"HTTP {status}"
            log.warning("GET %s: %s, retrying in %.1fs", url, why, delay)
            await self.sleep(delay)
        if unreachable is not None:
            raise SyncError(
                f"could not reach the police.uk API at {URL(url).host}: {unreachable}. "
                "Is this machine offline? No crime records were changed; run the sync again "
                "when it can reach the internet."
            )
        raise SyncError(
            f"GET {url}: still failing after {attempt + 1} attempts (last: HTTP {status})"
        )

    async def available_months(self) -> list[date]:
        body = await self.get_bytes("crimes-street-dates")
        payload: Any = json.loads(body)
        months = {parse_month(str(item.get("date", ""))) for item in payload}
        return sorted(m for m in months if m is not None)

    async def crimes(self, ward: WardArea, month: date) -> bytes:
        return await self.get_bytes(
            "crimes-street/all-crime", {**ward.params(), "date": f"{month:%Y-%m}"}
        )


@dataclass
class SyncReport:
    months: list[date] = field(default_factory=list)
    fetched: list[ImportSummary] = field(default_factory=list)
    already_done: int = 0

    @property
    def imported(self) -> int:
        return sum(s.imported for s in self.fetched)

    def render(self) -> str:
        span = f"{self.months[0]:%Y-%m}..{self.months[-1]:%Y-%m}" if self.months else "none"
        return (
            f"months {span}: fetched {len(self.fetched)} ward-months, "
            f"{self.already_done} already done; {self.imported} new crimes stored, "
            f"{sum(s.skipped_total for s in self.fetched)} skipped (mostly boundary duplicates)"
        )


def sync_key_name(ward: WardArea, month: date) -> str:
    return f"{ward.code}-{month:%Y-%m}"


async def _done(db: Database, force: str) -> set[str]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            select(SOURCES.c.file_name).where(
                (SOURCES.c.kind == API_SYNC) & (SOURCES.c.force == force)
            )
        )
        return {name for (name,) in rows.all()}


async def sync_crimes(
    db: Database,
    api: PoliceApi,
    *,
    force: str,
    wards: Sequence[WardArea],
    months: int = 3,
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Fetch and store the latest ``months`` months for every ward; resumable and idempotent."""
    available = await api.available_months()
    report = SyncReport(months=available[-months:] if months > 0 else [])
    done = await _done(db, force)
    todo = [(w, m) for m in report.months for w in wards]
    for index, (ward, month) in enumerate(todo, start=1):
        name = sync_key_name(ward, month)
        if name in done:
            report.already_done += 1
            continue
        body = await api.crimes(ward, month)
        label = f"{api.base_url}/crimes-street/all-crime {ward.name} {month:%Y-%m}"
        items = parse_payload(body, label)
        digest = hashlib.sha256(body).hexdigest()
        spec = SourceSpec(API_SYNC, name, digest, force, match_hash=False)
        async with db.engine.begin() as conn:
            report.fetched.append(
                await import_api_items(conn, items, label=label, spec=spec, ward_code=ward.code)
            )
        if progress:
            progress(index, len(todo))
    return report
