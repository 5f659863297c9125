"""Benchmark: import a 1,000,000-row police.uk street CSV, then time trend and near-me queries.

    .venv/bin/python bench/stats.py [--rows 1000000] [--keep DIR]

The file is made from the real City of London 2024-06 archive (shared data), repeated with new
months and Crime IDs, each copy moved to its own cell of a ~7 x 7 grid of 2.2 km steps so that
density is city-like rather than 1,000,000 crimes in one square mile. The import (a clean file:
the bulk worker process, bot/stats/bulkload) runs first; the baseline is then the ``sqlite3``
command line's ``.import --csv`` of the same file into a plain table (no indexes, no parsing):
the floor any importer pays to put the bytes in SQLite. Peak RSS is printed for this process and
for the import worker. Targets: >= 0.5x the baseline's rows/s, trend and near-me p99 <= 20 ms,
peak RSS <= 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.stats.importers import import_file  # noqa: E402
from bot.stats.queries import Area, StatsQueries  # noqa: E402
from bot.storage.db import Database  # noqa: E402

SHARED = Path(os.environ.get("LOCALBEAT_SHARED_DATA", REPO.parent / "shared" / "data"))
CITY = SHARED / "police-uk" / "2024-06-city-of-london-street.csv"
MONTHS = 24
GRID = 7
STEP_LAT, STEP_LON = 0.02, 0.032  # about 2.2 km each way at London's latitude


def month_text(index: int) -> str:
    y, m = divmod(2022 * 12 + index, 12)
    return f"{y}-{m + 1:02d}"


def generate(target: Path, rows: int) -> tuple[int, set[str], int]:
    with CITY.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        base = list(reader)
    copies = -(-rows // len(base))
    per_month = -(-copies // MONTHS)
    lsoas: set[str] = set()
    written = 0
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for copy in range(copies):
            month = month_text(copy // per_month)
            cell = copy % per_month
            dlat, dlon = (cell % GRID) * STEP_LAT, (cell // GRID % GRID) * STEP_LON
            for i, row in enumerate(base):
                if written >= rows:
                    break
                new = list(row)
                if new[0]:
                    new[0] = hashlib.blake2b(f"{copy}:{i}".encode(), digest_size=32).hexdigest()
                new[1] = month
                if new[4]:
                    new[4] = f"{float(new[4]) - dlon:.6f}"
                    new[5] = f"{float(new[5]) - dlat:.6f}"
                if new[7]:
                    lsoas.add(new[7])
                writer.writerow(new)
                written += 1
    return written, lsoas, per_month


def baseline(csv_path: Path, db_path: Path) -> float:
    sqlite3 = shutil.which("sqlite3")
    if sqlite3 is None:
        raise SystemExit(
            "the sqlite3 command line is needed: apt-get update && apt-get install sqlite3"
        )
    start = time.perf_counter()
    subprocess.run(
        [sqlite3, str(db_path), ".import --csv " + str(csv_path) + " crimes_plain"], check=True
    )
    return time.perf_counter() - start


async def timed(fn: Callable[[], Awaitable[object]], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return samples[len(samples) // 2], samples[min(len(samples) - 1, int(len(samples) * 0.99))]


async def run(work: Path, rows: int, runs: int) -> None:
    csv_path = work / f"{month_text(0)}-benchmark-street.csv"
    start = time.perf_counter()
    written, lsoas, per_month = generate(csv_path, rows)
    size_mb = csv_path.stat().st_size / 1e6
    print(f"generated {written:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - start:.1f}s")

    db = Database(f"sqlite+aiosqlite:///{work / 'bench.db'}")
    await db.migrate()
    lookup = work / "lookup.csv"
    # one pseudo-ward per LSOA of the City file: ~1,000 records per ward-month, still several
    # times denser than a real London ward (~150 a month)
    codes = [f"E059{i:05d}" for i in range(len(lsoas))]
    lookup.write_text(
        "lsoa_code,ward_code\n"
        + "".join(f"{lsoa},{codes[i]}\n" for i, lsoa in enumerate(sorted(lsoas)))
    )
    await import_file(db, lookup)
    start = time.perf_counter()
    (summary,) = await import_file(db, csv_path, force_id="benchmark")
    ours_s = time.perf_counter() - start
    assert summary.imported == written, summary.render()
    # the import worker is the only child so far: its peak (an upper bound: Linux counts the
    # parent's size at the fork too), read before the baseline's process runs
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    base_s = baseline(csv_path, work / "baseline.db")
    print(f"baseline  sqlite3 .import --csv : {base_s:6.2f}s  {written / base_s:>10,.0f} rows/s")
    ratio = (written / ours_s) / (written / base_s)
    print(f"localbeat stats import           : {ours_s:6.2f}s  {written / ours_s:>10,.0f} rows/s")
    print(f"ratio to baseline                : {ratio:.2f}x  (target >= 0.5x)")

    queries = StatsQueries(db, borough="Benchmark")
    ward = Area("ward", codes[0], "Benchmark ward 0")
    cell = min(per_month, GRID * GRID) // 2  # a copy in the middle of the occupied cells
    lat = 51.5155 - (cell % GRID) * STEP_LAT
    lon = -0.0922 - (cell // GRID % GRID) * STEP_LON
    checks: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("trend ward+category 12 months", lambda: queries.trend(ward, "shoplifting", 12)),
        ("trend ward all crime 12 months", lambda: queries.trend(ward, None, 12)),
        ("summary ward+category", lambda: queries.summary(ward, "shoplifting")),
        ("near-me 1 mile, latest month", lambda: queries.near(lat, lon, 1609)),
    ]
    near = await queries.near(lat, lon, 1609)
    print(f"near-me sample: {near.total} crimes within 1 mile in {near.month}")
    sample = await queries.trend(ward, None, 12)
    assert sample is not None
    print(f"trend sample: {sum(n for _, n in sample.points)} records in {ward.code} over 12 months")
    for name, fn in checks:
        await fn()  # warm the page cache once
        p50, p99 = await timed(fn, runs)
        print(f"{name:33}: p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  (target p99 <= 20 ms)")
    await db.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS, this process           : {rss_mb:6.1f} MB  (target <= 150 MB)")
    print(f"peak RSS, bulk import worker     : {worker_mb:6.1f} MB  (target <= 150 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200, help="timed runs per query")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep the files")
    args = parser.parse_args()
    if not CITY.exists():
        raise SystemExit(f"shared data not found: {CITY}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        asyncio.run(run(args.keep, args.rows, args.runs))
        return
    with tempfile.TemporaryDirectory(prefix="localbeat-bench-") as work:
        asyncio.run(run(Path(work), args.rows, args.runs))


if __name__ == "__main__":
    main()
