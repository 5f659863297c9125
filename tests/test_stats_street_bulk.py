"""The bulk street-CSV path (worker process, Arrow + ADBC) must store what the careful path does.

Each test imports the same file twice, into two copies of a migrated SQLite database: once the
normal way (bulk path for clean files) and once with the bulk path switched off. The rows, their
SQLite storage types, the source record and the summary must be identical. A file the careful
path would have to report on must leave no trace of the bulk path and come out identical too.
The bulk loader is the ``bulk`` extra (in ``dev``); without it these tests skip, and
``tests/test_stats_import.py`` checks that a street CSV still imports.
"""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

import bot.stats.importers as importers
from bot.stats.importers import ImportSummary, import_file, street_bulk
from bot.stats.importers.street_bulk import import_street_csv_bulk, sqlite_file
from bot.stats.models import SOURCES
from bot.storage.db import Database
from tests.conftest import REPO_ROOT, shared_data

pytestmark = pytest.mark.skipif(
    not street_bulk.bulk_loader_installed(),
    reason="the bulk loader is not installed: pip install -e '.[dev]' (or '.[bulk]')",
)

CITY = "2024-06-city-of-london-street.csv"
CITY_ROWS = 846
NAME = "2025-01-metropolitan-street.csv"
CRIME_ROWS = (
    "SELECT crime_id, month, typeof(month), category, latitude, typeof(latitude), longitude,"
    " location, lsoa_code, lsoa_name, ward_code, outcome, api_id FROM stats_crimes ORDER BY id"
)


@dataclass
class Pair:
    bulk: Database
    careful: Database


@pytest.fixture
async def pair(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[Pair]:
    made = []
    for name in ("bulk", "careful"):
        target = tmp_path / f"{name}.db"
        shutil.copy(sqlite_template, target)
        made.append(Database(f"sqlite+aiosqlite:///{target}"))
    both = Pair(*made)
    lookup = tmp_path / "lookup.csv"  # give the City's LSOAs wards, so ward mapping is compared
    lsoas = sorted({r["LSOA code"] for r in _city_rows() if r["LSOA code"]})
    lookup.write_text(
        "lsoa_code,ward_code\n" + "".join(f"{c},E059{i:05d}\n" for i, c in enumerate(lsoas))
    )
    for db in made:
        await import_file(db, lookup)
    yield both
    for db in made:
        await db.close()


def _city_rows() -> list[dict[str, str]]:
    with shared_data("police-uk", CITY).open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _header() -> list[str]:
    with shared_data("police-uk", CITY).open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle))


def generated(copies: int = 6) -> list[list[str]]:
    """Real City rows repeated with new months and IDs, plus the awkward-but-valid cases."""
    rows: list[list[str]] = []
    for copy in range(copies):
        for i, row in enumerate(_city_rows()):
            values = list(row.values())
            if values[0]:
                values[0] = f"{copy:02d}{i:05d}{values[0][7:]}"
            values[1] = f"2025-{copy % 12 + 1:02d}"
            if i % 97 == 5:
                values[6] = f'On or near\n{values[6]}, "quoted"'  # a line break inside quotes
            if i % 131 == 7:
                values[9] = "Made-up crime"  # unknown type: kept with a note
            if i % 151 == 9:
                values[6] = "é" * 250  # longer than the column: cut at 200 characters
            if i % 173 == 11:
                values[1] = " 2025-03"  # a padded month the careful path accepts
            rows.append(values)
    return rows


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = False, crlf: bool = True) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows([_header(), *rows])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode())
    return path


def careful_only(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_bulk(*_args: Any, **_kwargs: Any) -> None:
        return None

    monkeypatch.setattr(importers, "import_street_csv_bulk", no_bulk)


def forbid_careful(monkeypatch: pytest.MonkeyPatch) -> None:
    async def refuse(*_args: Any, **_kwargs: Any) -> ImportSummary:
        raise AssertionError("the careful path ran for a clean file")

    monkeypatch.setattr(importers, "import_street_csv", refuse)


async def stored(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    async with db.engine.connect() as conn:
        crimes = [tuple(r) for r in await conn.execute(text(CRIME_ROWS))]
        sources = [
            tuple(r)
            for r in await conn.execute(
                select(
                    SOURCES.c.key, SOURCES.c.kind, SOURCES.c.file_name, SOURCES.c.content_hash,
                    SOURCES.c.force, SOURCES.c.first_month, SOURCES.c.last_month,
                    SOURCES.c.rows_read, SOURCES.c.rows_imported, SOURCES.c.rows_skipped,
                ).where(SOURCES.c.kind == "street-csv").order_by(SOURCES.c.key)
            )
        ]  # fmt: skip
        stamps = (await conn.execute(select(SOURCES.c.imported_at))).scalars().all()
        assert all(isinstance(s, datetime) for s in stamps)  # written in SQLAlchemy's format
    return crimes, sources


def facts(summary: ImportSummary) -> tuple[Any, ...]:
    return (
        summary.file, summary.format, summary.rows_read, summary.imported,
        {k: (v.count, v.lines) for k, v in summary.skipped.items()},
        summary.replaced_previous, summary.months, summary.notes,
    )  # fmt: skip


async def both_ways(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, path: Path, *, clean: bool = False
) -> tuple[list[ImportSummary], list[ImportSummary]]:
    """Import ``path`` both ways; a ``clean`` file must not touch the careful path at all."""
    with monkeypatch.context() as patch:
        careful_only(patch)
        careful = await import_file(pair.careful, path)
    with monkeypatch.context() as patch:
        if clean:
            forbid_careful(patch)
        bulk = await import_file(pair.bulk, path)
    assert [facts(s) for s in bulk] == [facts(s) for s in careful]
    assert await stored(pair.bulk) == await stored(pair.careful)
    return bulk, careful


async def test_real_city_file_bulk_equals_careful(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    (summary,), _ = await both_ways(pair, monkeypatch, shared_data("police-uk", CITY), clean=True)
    assert (summary.rows_read, summary.imported, summary.skipped_total) == (CITY_ROWS,) * 2 + (0,)
    crimes, sources = await stored(pair.bulk)
    assert len(crimes) == CITY_ROWS
    assert sources[0][4] == "city-of-london" and str(sources[0][5]) == "2024-06-01"
    assert {r[2] for r in crimes} == {"text"} and {r[5] for r in crimes} <= {"real", "null"}
    with_lsoa = sum(1 for r in _city_rows() if r["LSOA code"])
    assert sum(1 for r in crimes if r[10] is not None) == with_lsoa  # every LSOA given its ward


async def test_many_blocks_quotes_bom_unknown_types_and_reimport(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = generated()
    path = write_csv(tmp_path / NAME, rows, bom=True)
    assert path.stat().st_size > 2 * 512 * 1024  # three Arrow blocks
    (summary,), _ = await both_ways(pair, monkeypatch, path, clean=True)
    assert summary.imported == len(rows) and summary.skipped_total == 0
    assert summary.notes == ["unknown crime type 'Made-up crime' kept as 'made-up-crime'"]
    crimes, _ = await stored(pair.bulk)
    assert any(r[7] and "\n" in r[7] and '"quoted"' in r[7] for r in crimes)
    assert max(len(r[7] or "") for r in crimes) == 200
    # importing the same file again replaces it: same rows, not twice as many
    (again,), _ = await both_ways(pair, monkeypatch, path, clean=True)
    assert again.replaced_previous and len((await stored(pair.bulk))[0]) == len(rows)


async def test_zip_member_takes_the_bulk_path(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    archive = tmp_path / "2024-06.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(shared_data("police-uk", CITY), f"2024-06/{CITY}")
        zf.writestr("README.txt", "not a street file")
    (summary,), _ = await both_ways(pair, monkeypatch, archive, clean=True)
    assert summary.imported == CITY_ROWS and "ignored 1 other member(s)" in summary.notes[0]


def _bad(index: int, change: Callable[[list[str]], list[str]]) -> Callable[[], bytes]:
    def build() -> bytes:
        rows = generated(copies=4)
        rows[index] = change(list(rows[index]))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([_header(), *rows])
        return out.getvalue().encode()

    return build


def _set(position: int, value: str) -> Callable[[list[str]], list[str]]:
    def change(row: list[str]) -> list[str]:
        row[position] = value
        return row

    return change


DEEP = 3000  # past the first Arrow blocks: some rows already went to SQLite when it is found
DIRTY = {
    "bad month": _bad(DEEP, _set(1, "2025-13")),
    "month missing": _bad(DEEP, _set(1, "")),
    "one coordinate": _bad(DEEP, _set(5, "")),
    "nan latitude": _bad(DEEP, _set(5, "nan")),
    "off the globe": _bad(DEEP, _set(5, "951.6")),
    "padded number": _bad(DEEP, _set(4, " -0.1")),
    "no crime type": _bad(DEEP, _set(9, "")),
    "blank crime type": _bad(DEEP, _set(9, "  ")),
    "short row": _bad(DEEP, lambda row: row[:5]),
    "long row": _bad(DEEP, lambda row: [*row, "extra"]),
    "first row bad": _bad(0, _set(1, "March")),
    "bad utf-8": lambda: _bad(DEEP, _set(6, "MARK"))().replace(b"MARK", b"On or near \xff"),
    "unterminated quote": lambda: _bad(DEEP, lambda r: r)() + b'x,"2025-01,never closed\n',
    "truncated": lambda: _bad(DEEP, lambda r: r)()[:-30],
}


@pytest.mark.parametrize("case", sorted(DIRTY))
async def test_dirty_file_leaves_no_trace_and_matches_careful(
    case: str, pair: Pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / NAME
    path.write_bytes(DIRTY[case]())
    bulk = await import_street_csv_bulk(
        pair.bulk, path, label=str(path), file_name=NAME, content_hash="x",
        total_bytes=path.stat().st_size,
    )  # fmt: skip
    assert bulk is None
    assert await stored(pair.bulk) == ([], [])  # rolled back: not one row, no source
    try:
        (summary,), _ = await both_ways(pair, monkeypatch, path)
    except importers.StatsImportError as exc:  # the careful path refuses it outright
        with monkeypatch.context() as patch, pytest.raises(importers.StatsImportError) as again:
            careful_only(patch)
            await import_file(pair.careful, path)
        assert str(exc) == str(again.value)
        assert case != "bad utf-8" or "not UTF-8 text (byte 0xff after line" in str(exc)
        assert await stored(pair.bulk) == ([], [])
        return
    assert summary.skipped_total >= 1 or case in {"padded number", "bad utf-8"}


async def test_dirty_reimport_replaces_a_clean_import(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / NAME
    path.write_bytes(_bad(DEEP, lambda r: r)())
    await both_ways(pair, monkeypatch, path)
    path.write_bytes(DIRTY["bad month"]())
    (summary,), _ = await both_ways(pair, monkeypatch, path)
    line = 2 + DEEP + sum("\n" in row[6] for row in generated(copies=4)[:DEEP])
    assert summary.replaced_previous and summary.skipped["bad month"].lines == [line]
    crimes, sources = await stored(pair.bulk)
    assert len(sources) == 1 and len(crimes) == summary.imported


async def test_progress_reaches_the_end(pair: Pair, tmp_path: Path) -> None:
    path = write_csv(tmp_path / NAME, generated())
    seen: list[tuple[int, int, int]] = []
    (summary,) = await import_file(
        pair.bulk, path, progress=lambda _label, done, total, rows: seen.append((done, total, rows))
    )
    assert len(seen) > 2
    assert seen[-1] == (path.stat().st_size, path.stat().st_size, summary.rows_read)
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)


def test_the_importing_process_finds_the_bulk_loader_without_loading_arrow() -> None:
    code = (
        "import sys; from bot.stats.importers.street_bulk import bulk_loader_installed as found; "
        "print(found(), 'pyarrow' in sys.modules, 'adbc_driver_sqlite' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "False", "False"]


def test_only_sqlite_files_take_the_bulk_path(tmp_path: Path) -> None:
    assert sqlite_file(Database(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")) == str(
        tmp_path / "x.db"
    )
    assert sqlite_file(Database("sqlite+aiosqlite://")) is None
    assert sqlite_file(Database("sqlite+aiosqlite:///:memory:")) is None
    assert sqlite_file(Database("postgresql+asyncpg://u@localhost/x")) is None


async def test_a_failed_worker_falls_back_to_the_careful_path(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(street_bulk, "WORKER", "bot.stats.no_such_worker")
    (summary,), _ = await both_ways(pair, monkeypatch, shared_data("police-uk", CITY))
    assert summary.imported == CITY_ROWS
    assert "bulk import worker failed (" in caplog.text and "No module named" in caplog.text


async def test_cancelled_import_leaves_nothing_and_can_run_again(
    pair: Pair, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / NAME, generated(copies=12))
    started = asyncio.Event()
    task = asyncio.create_task(import_file(pair.bulk, path, progress=lambda *_args: started.set()))
    await asyncio.wait_for(started.wait(), 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await stored(pair.bulk) == ([], [])  # the worker was killed before it committed
    (summary,) = await import_file(pair.bulk, path)
    assert summary.imported == 12 * CITY_ROWS and not summary.replaced_previous
