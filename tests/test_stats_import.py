"""Importing the real police.uk files, checked against figures computed here from the raw files."""

from __future__ import annotations

import csv
import json
import logging
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.stats.importers import StatsImportError, import_file, import_paths, street_bulk
from bot.stats.importers.formats import UnknownFormat
from bot.stats.models import COUNTS, CRIMES, LSOA_WARDS, SOURCES, WARDS
from bot.storage.db import Database
from tests.conftest import shared_data

CITY = "2024-06-city-of-london-street.csv"


def _month(text: str) -> date:
    return date(int(text[:4]), int(text[5:7]), 1)


async def _scalar(db: Database, query: object) -> int:
    async with db.engine.connect() as conn:
        return int((await conn.execute(query)).scalar_one())  # type: ignore[call-overload]


async def _crimes_per_month(db: Database) -> dict[date, int]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(select(CRIMES.c.month, func.count()).group_by(CRIMES.c.month))
        return {m: n for m, n in rows.all()}


async def test_api_json_unique_ids_per_month_and_reimport(db: Database) -> None:
    root = shared_data("police-uk", "api-crimes-street-harrow-wards")
    expected: dict[date, set[int]] = {}
    records = 0
    for path in root.rglob("*.json"):
        for item in json.loads(path.read_text()):
            records += 1
            expected.setdefault(_month(item["month"]), set()).add(item["id"])
    assert records == 18931 and sum(len(v) for v in expected.values()) == 18055

    first = await import_paths(db, [root], default_force="metropolitan")
    assert first.errors == []
    assert len(first.summaries) == 252
    assert sum(s.rows_read for s in first.summaries) == records
    assert sum(s.imported for s in first.summaries) == 18055
    assert sum(s.skipped_total for s in first.summaries) == records - 18055
    assert await _crimes_per_month(db) == {m: len(ids) for m, ids in expected.items()}

    again = await import_paths(db, [root], default_force="metropolitan")
    assert all(s.replaced_previous for s in again.summaries)
    assert await _crimes_per_month(db) == {m: len(ids) for m, ids in expected.items()}
    assert await _scalar(db, select(func.count()).select_from(SOURCES)) == 252
    # persistent_id "" (ASB and some others) is stored as NULL, never as an empty id
    empty = await _scalar(db, select(func.count()).where(CRIMES.c.crime_id.is_(None)))
    assert 4458 <= empty <= 4694


async def test_city_csv_every_row_counts_even_identical_ones(db: Database) -> None:
    path = shared_data("police-uk", CITY)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    per_month = Counter(_month(r["Month"]) for r in rows)
    identical = sum(n - 1 for n in Counter(tuple(r.values()) for r in rows).values() if n > 1)
    no_id = sum(1 for r in rows if not r["Crime ID"])
    no_location = sum(1 for r in rows if not r["Latitude"])
    assert identical > 0 and no_location > 0

    (summary,) = await import_file(db, path)
    assert (summary.rows_read, summary.imported, summary.skipped) == (len(rows), len(rows), {})
    assert not summary.replaced_previous
    assert await _crimes_per_month(db) == dict(per_month)
    assert await _scalar(db, select(func.count()).where(CRIMES.c.crime_id.is_(None))) == no_id
    assert await _scalar(db, select(func.count()).where(CRIMES.c.latitude.is_(None))) == no_location

    (again,) = await import_file(db, path)
    assert again.replaced_previous
    assert await _crimes_per_month(db) == dict(per_month)
    async with db.engine.connect() as conn:
        source = (await conn.execute(select(SOURCES))).one()
    assert source.force == "city-of-london" and source.kind == "street-csv"
    assert (source.rows_read, source.rows_imported, source.first_month) == (
        len(rows), len(rows), date(2024, 6, 1),
    )  # fmt: skip


@pytest.fixture
def no_bulk_loader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As in the container image, which leaves the ``bulk`` extra out: one of its packages is
    missing (found the real way), and a worker started all the same would fail loudly."""
    monkeypatch.setattr(street_bulk, "WORKER_PACKAGES", ("pyarrow", "localbeat_no_such_package"))
    monkeypatch.setattr(street_bulk, "WORKER", "bot.stats.no_such_worker")
    street_bulk.bulk_loader_installed.cache_clear()
    yield
    street_bulk.bulk_loader_installed.cache_clear()


async def test_without_the_bulk_loader_a_street_csv_imports_row_by_row(
    sqlite_db_url: str, no_bulk_loader: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=street_bulk.log.name)
    path = shared_data("police-uk", CITY)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    db = Database(sqlite_db_url)  # a SQLite file: the bulk loader's case, were it installed
    try:
        first = await import_paths(db, [path])
        again = await import_paths(db, [path])
        per_month = await _crimes_per_month(db)
        sources = await _scalar(db, select(func.count()).select_from(SOURCES))
    finally:
        await db.close()
    assert first.errors == again.errors == []
    (summary,), (replaced,) = first.summaries, again.summaries
    assert (summary.rows_read, summary.imported, summary.skipped) == (len(rows), len(rows), {})
    assert replaced.replaced_previous and not summary.replaced_previous
    n = len(rows)
    assert summary.render().splitlines()[0] == (
        f"{path} [street-csv, 2024-06]: read {n}, imported {n}, skipped 0"
    )
    assert per_month == dict(Counter(_month(r["Month"]) for r in rows)) and sources == 1
    said = [r.getMessage() for r in caplog.records if "bulk loader" in r.getMessage()]
    assert len(said) == 1, said  # once per process, not once per file
    assert "localbeat_no_such_package missing" in said[0]
    assert "pip install 'localbeat[bulk]'" in said[0]
    assert "worker failed" not in caplog.text  # no worker was started


def _lsoa_expected(ward: str, month: date) -> tuple[dict[str, int], int]:
    lookup_path = shared_data("police-uk", "lsoa_to_ward.harrow-subset.csv")
    counts_path = shared_data("police-uk", "london-lsoa-monthly-counts.harrow-subset.csv")
    with lookup_path.open(newline="") as handle:
        lookup = {r["lsoa_code"]: r["ward_code"] for r in csv.DictReader(handle)}
    by_category: Counter[str] = Counter()
    borough = 0
    with counts_path.open(newline="") as handle:
        for r in csv.DictReader(handle):
            if (int(r["year"]), int(r["month"])) != (month.year, month.month):
                continue
            borough += int(r["crime_count"])
            if lookup.get(r["lsoa_code"]) == ward:
                by_category[r["category"]] += int(r["crime_count"])
    return dict(by_category), borough


@pytest.mark.parametrize("lookup_first", [True, False])
async def test_lsoa_counts_aggregate_to_wards(db: Database, lookup_first: bool) -> None:
    lookup = shared_data("police-uk", "lsoa_to_ward.harrow-subset.csv")
    counts = shared_data("police-uk", "london-lsoa-monthly-counts.harrow-subset.csv")
    order = [lookup, counts] if lookup_first else [counts, lookup]
    for path in order:
        await import_file(db, path)
    ward, month = "E05013546", date(2025, 3, 1)  # Greenhill (town centre), March 2025
    by_category, borough_total = _lsoa_expected(ward, month)
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            select(COUNTS.c.category, COUNTS.c.count).where(
                (COUNTS.c.area_type == "ward")
                & (COUNTS.c.area_code == ward)
                & (COUNTS.c.month == month)
            )
        )
        got = dict(rows.all())
        borough = await conn.execute(
            select(func.sum(COUNTS.c.count)).where(
                (COUNTS.c.area_type == "borough") & (COUNTS.c.month == month)
            )
        )
        lsoas = await conn.execute(select(func.count()).select_from(LSOA_WARDS))
        assert lsoas.scalar_one() == 144
        assert borough.scalar_one() == borough_total
    from bot.stats.categories import slug_for

    assert got == {slug_for(k): v for k, v in by_category.items()}
    assert sum(got.values()) > 100  # a busy ward: the comparison is not vacuous
    # importing both again changes nothing
    for path in order:
        await import_file(db, path)
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            select(func.sum(COUNTS.c.count)).where(
                (COUNTS.c.area_code == ward) & (COUNTS.c.month == month)
            )
        )
        assert rows.scalar_one() == sum(by_category.values())


async def test_mps_ward_table_wide_to_long(db: Database) -> None:
    path = shared_data("police-uk", "MPSCrime.harrow-subset.csv")
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    cell = next(
        r for r in rows
        if r["WardCode"] == "E05013542" and r["MinorText"] == "RES BURGLARY OF A HOME"
    )  # fmt: skip
    (summary,) = await import_file(db, path)
    assert summary.rows_read == len(rows) == 594
    assert summary.imported == 594 * 24
    async with db.engine.connect() as conn:
        got = await conn.execute(
            select(COUNTS.c.count).where(
                (COUNTS.c.area_code == "E05013542")
                & (COUNTS.c.scheme == "mps")
                & (COUNTS.c.category == "mps:BURGLARY")
                & (COUNTS.c.subcategory == "RES BURGLARY OF A HOME")
                & (COUNTS.c.month == date(2024, 1, 1))
            )
        )
        assert got.scalar_one() == int(cell["202401"])
        names = dict((await conn.execute(select(WARDS.c.code, WARDS.c.name))).all())
    assert len(names) == 22
    assert names["E05013547"] == "Harrow on the Hill"


def _write(path: Path, text: str, *, bom: bool = False, crlf: bool = False) -> Path:
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return path


HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n"
)
ROW = "{id},{month},Metropolitan Police Service,Metropolitan Police Service,{lon},{lat},On or near X,E01002106,Harrow 008A,Burglary,,\n"  # noqa: E501
ASB = ",2025-03,Metropolitan Police Service,Metropolitan Police Service,-0.33,51.58,On or near Y,E01002106,Harrow 008A,Anti-social behaviour,,\n"  # noqa: E501


async def test_bom_crlf_and_identical_asb_rows(db: Database, tmp_path: Path) -> None:
    body = HEADER + ROW.format(id="a1", month="2025-03", lon="-0.3", lat="51.6") + ASB * 3
    path = _write(tmp_path / "2025-03-metropolitan-street.csv", body, bom=True, crlf=True)
    (summary,) = await import_file(db, path)
    assert (summary.rows_read, summary.imported, summary.skipped_total) == (4, 4, 0)
    assert summary.notes == []
    async with db.engine.connect() as conn:
        source = (await conn.execute(select(SOURCES))).one()
        assert source.force == "metropolitan"
        first = (await conn.execute(select(CRIMES.c.crime_id).order_by(CRIMES.c.id))).first()
        assert first is not None and first[0] == "a1"  # the BOM did not stick to the header


async def test_bad_rows_are_skipped_with_reason_and_line(db: Database, tmp_path: Path) -> None:
    body = (
        HEADER
        + ROW.format(id="ok1", month="2025-03", lon="-0.3", lat="51.6")  # line 2
        + ROW.format(id="m1", month="2025-13", lon="-0.3", lat="51.6")  # line 3
        + ROW.format(id="m2", month="March", lon="-0.3", lat="51.6")  # line 4
        + ROW.format(id="c1", month="2025-03", lon="west", lat="51.6")  # line 5
        + ROW.format(id="c2", month="2025-03", lon="-0.3", lat="951.6")  # line 6
        + ROW.format(id="c3", month="2025-03", lon="", lat="51.6")  # line 7
        + ROW.format(id="ok2", month="2025-03", lon="", lat="")  # line 8: No Location is valid
    )
    path = _write(tmp_path / "bad.csv", body)
    (summary,) = await import_file(db, path, force_id="metropolitan")
    assert summary.rows_read == 7 and summary.imported == 2
    assert summary.skipped["bad month"].count == 2
    assert summary.skipped["bad month"].lines == [3, 4]
    assert summary.skipped["bad coordinates"].lines == [5, 6, 7]
    text = summary.render()
    assert "skipped 3: bad coordinates (line 5, 6, 7)" in text


async def test_a_file_failing_after_whole_batches_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    rows = "".join(
        ROW.format(id=f"r{i}", month="2025-03", lon="-0.3", lat="51.6") for i in range(12_000)
    )
    path = _write(tmp_path / "2025-03-metropolitan-street.csv", HEADER + rows)
    (first,) = await import_file(db, path)
    assert first.imported == 12_000
    # the same file again, now with a byte that is not UTF-8 after two full batches went in
    path.write_bytes((HEADER + rows).encode() + b"x,2025-03,\xff\n")
    with pytest.raises(StatsImportError, match=r"not UTF-8 text \(byte 0xff after line"):
        await import_file(db, path)
    assert await _scalar(db, select(func.count()).select_from(CRIMES)) == 12_000
    assert await _scalar(db, select(func.count()).select_from(SOURCES)) == 1


async def test_truncated_csv_keeps_whole_rows_and_says_so(db: Database, tmp_path: Path) -> None:
    data = shared_data("police-uk", CITY).read_bytes()
    cut = data[: data.index(b"\n", 20_000) + 40]  # 40 bytes into a row
    complete = cut.count(b"\n") - 1  # data lines that ended with a line break
    path = tmp_path / CITY
    path.write_bytes(cut)
    (summary,) = await import_file(db, path)
    assert summary.rows_read == complete + 1
    assert summary.imported == complete
    (reason,) = summary.skipped
    assert reason.startswith("truncated row")
    assert summary.skipped[reason].lines == [complete + 2]
    assert any("truncated" in n for n in summary.notes)


async def test_truncated_json_is_refused_clearly(db: Database, tmp_path: Path) -> None:
    root = shared_data("police-uk", "api-crimes-street-harrow-wards")
    source = next(iter(sorted(root.rglob("*.json"))))
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes()[:5000])
    with pytest.raises(StatsImportError, match=r"not valid JSON \(the file looks truncated\)") as e:
        await import_file(db, path)
    assert source.name in str(e.value)
    assert await _scalar(db, select(func.count()).select_from(CRIMES)) == 0


async def test_wrong_header_names_the_file_and_the_expected_header(
    db: Database, tmp_path: Path
) -> None:
    stop_search = shared_data("police-uk", "2016-06-metropolitan-stop-and-search.csv")
    with pytest.raises(UnknownFormat) as e:
        await import_file(db, stop_search)
    assert "2016-06-metropolitan-stop-and-search.csv" in str(e.value)
    assert "Crime ID,Month,Reported by" in str(e.value)

    report = await import_paths(db, [stop_search])
    assert report.summaries == [] and "unrecognised header" in report.errors[0]

    broken = _write(
        tmp_path / "x-street.csv", "Crime ID,Month,Crime type,Location\nA,2025-01,B,C\n"
    )
    with pytest.raises(StatsImportError, match="missing column") as e2:
        await import_file(db, broken)
    assert "x-street.csv" in str(e2.value) and "expected header" in str(e2.value)

    lookup = _write(tmp_path / "lookup.csv", "lsoa_code,ward_code,extra\nE01,E05,x\n")
    with pytest.raises(UnknownFormat, match="lsoa_code,ward_code"):
        await import_file(db, lookup)


async def test_zip_with_other_members(db: Database, tmp_path: Path) -> None:
    city = shared_data("police-uk", CITY)
    archive = tmp_path / "2024-06.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(city, f"2024-06/{CITY}")
        zf.writestr("2024-06/2024-06-city-of-london-outcomes.csv", "Crime ID,Month\n")
        zf.writestr("README.txt", "hello")
    (summary,) = await import_file(db, archive)
    assert summary.imported == 846 and summary.file.endswith(f"!2024-06/{CITY}")
    assert any("ignored 2 other member(s)" in n for n in summary.notes)
    # the same file outside the zip is the same source: it replaces, it does not add
    (plain,) = await import_file(db, city)
    assert plain.replaced_previous
    assert await _scalar(db, select(func.count()).select_from(CRIMES)) == 846

    broken = tmp_path / "broken.zip"
    broken.write_bytes(archive.read_bytes()[:300])
    with pytest.raises(StatsImportError, match=r"broken\.zip: not a readable zip"):
        await import_file(db, broken)

    empty = tmp_path / "other.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("notes.txt", "x")
    with pytest.raises(StatsImportError, match=r"no police.uk street CSV \(\*-street.csv\)"):
        await import_file(db, empty)
