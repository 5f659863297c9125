"""``localbeat stats import PATH...``, ``stats sync`` and (for maintainers) ``stats snapshot``."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import date
from pathlib import Path
from typing import TextIO

import aiohttp
from sqlalchemy import select

from bot.config import Config
from bot.stats.import_check import last_source_id, outside_borough, total_line
from bot.stats.importers import import_paths
from bot.stats.importers.base import upsert_rows
from bot.stats.models import WARDS
from bot.stats.places import Places, places_for
from bot.stats.snapshot import SnapshotError, build_snapshot, encode, package_path
from bot.stats.sync import DEFAULT_BASE_URL, PoliceApi, SyncError, WardArea, sync_crimes
from bot.storage.db import Database


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self._last = 0.0
        self._label = ""

    def __call__(self, label: str, done: int, total: int, rows: int) -> None:
        now = time.monotonic()
        if label == self._label and now - self._last < 0.1 and done < total:
            return
        self._label, self._last = label, now
        share = min(done / total, 1.0) if total else 1.0
        filled = int(share * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        name = Path(label).name[-40:]
        self.stream.write(f"\r{name:40} [{bar}] {share:4.0%} {rows:>10,} rows")
        self.stream.flush()

    def close(self) -> None:
        if self._label:
            self.stream.write("\n")
            self.stream.flush()
            self._label = ""


def add_parser(sub: argparse._SubParsersAction) -> None:
    stats = sub.add_parser("stats", help="crime statistics: import files, sync from police.uk")
    commands = stats.add_subparsers(dest="stats_command", required=True, metavar="ACTION")

    imp = commands.add_parser(
        "import",
        help="import police.uk CSV/zip/JSON files, LSOA counts, the Met's ward table, lookups",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or directory")
    imp.add_argument(
        "--force-id",
        help="police.uk force id for street CSVs (default: from the file name or 'Falls within')",
    )
    imp.set_defaults(func=import_command)

    syn = commands.add_parser("sync", help="fetch the latest months from the police.uk API")
    syn.add_argument("--months", type=int, default=3, help="how many latest months (default 3)")
    syn.add_argument("--base-url", default=DEFAULT_BASE_URL, help="police.uk API base URL")
    syn.set_defaults(func=sync_command)

    snap = commands.add_parser(
        "snapshot",
        help="(maintainers) write the package's snapshot of the borough's figures from the store",
    )
    snap.add_argument(
        "--output", type=Path, help="where to write it (default: the package's own data folder)"
    )
    snap.set_defaults(func=snapshot_command)


async def import_command(args: argparse.Namespace, config: Config) -> int:
    db = Database(config.database.url)
    bar = ProgressBar()
    borough = config.borough.name
    try:
        await db.migrate()
        before = await last_source_id(db)
        report = await import_paths(
            db,
            args.paths,
            force_id=args.force_id,
            default_force=config.borough.police_force,
            progress=bar,
        )
        bar.close()
        outside = await outside_borough(db, borough, before, places_for(borough))
    finally:
        bar.close()
        await db.close()
    for summary in report.summaries:
        print(summary.render())
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for found in outside:
        print(found.render(borough), file=sys.stderr)
    print(total_line(report.summaries, len(report.errors)))
    if outside:
        held = "file holds" if len(outside) == 1 else "files hold"
        print(f"note: {len(outside)} {held} nothing in {borough} (see the warnings)")
    return 1 if report.errors else 0


async def configured_ward_areas(db: Database, config: Config) -> list[WardArea]:
    """The configured wards to fetch: today's ward shapes from the borough's places file (stored
    as wards of the borough, so synced crimes count towards it), else stored centre points."""
    names = {w.casefold() for w in config.borough.wards}
    places = places_for(config.borough.name)
    if places is not None:
        return await _place_wards(db, places, names)
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            select(WARDS.c.code, WARDS.c.name, WARDS.c.latitude, WARDS.c.longitude)
            .where(WARDS.c.latitude.is_not(None))
            .order_by(WARDS.c.code)
        )
        return [
            WardArea(code, name, lat=lat, lng=lng)
            for code, name, lat, lng in rows.all()
            if name.casefold() in names
        ]


async def _place_wards(db: Database, places: Places, names: set[str]) -> list[WardArea]:
    wards = [w for w in places.wards.values() if w.name.casefold() in names]
    rows = [
        {"code": w.code, "name": w.name, "borough": places.borough, "latitude": w.lat,
         "longitude": w.lon, "source_id": None}
        for w in wards
    ]  # fmt: skip
    async with db.engine.begin() as conn:
        await upsert_rows(conn, WARDS, rows, ["code"], ["source_id"])
    return [WardArea(w.code, w.name, poly=w.boundary.outer[:-1]) for w in wards]


async def sync_command(args: argparse.Namespace, config: Config) -> int:
    db = Database(config.database.url)
    try:
        await db.migrate()
        wards = await configured_ward_areas(db, config)
        if not wards:
            print(
                f"error: I don't know where {config.borough.name}'s wards are: the package has "
                "no places file for this borough and no ward centres are stored; import a ward "
                "centroids file (GSS_CODE,NAME,lat,lon) first",
                file=sys.stderr,
            )
            return 2
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            api = PoliceApi(session, args.base_url)
            report = await sync_crimes(
                db,
                api,
                force=config.borough.police_force,
                wards=wards,
                months=args.months,
                progress=lambda i, n: print(f"\r{i}/{n} ward-months", end="", file=sys.stderr),
            )
        print(file=sys.stderr)
        print(report.render())
        return 0
    except SyncError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await db.close()


async def snapshot_command(args: argparse.Namespace, config: Config) -> int:
    """Write the borough's snapshot from the store (for the package, or ``--output``)."""
    borough = config.borough.name
    db = Database(config.database.url)
    try:
        await db.migrate()
        snapshot = await build_snapshot(db, borough, date.today())
    except SnapshotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await db.close()
    output: Path = args.output or package_path(borough)
    body = encode(snapshot)
    await asyncio.to_thread(output.write_bytes, body)
    print(
        f"wrote {output}: {borough}, {len(snapshot['wards'])} wards, "
        f"{snapshot['first_month']}..{snapshot['last_month']}, {len(body):,} bytes"
    )
    return 0
