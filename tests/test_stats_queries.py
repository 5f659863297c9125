"""Trend, summary and near-me figures, and the answers built on them, against raw-file counts."""

from __future__ import annotations

import csv
import functools
from collections import Counter
from dataclasses import replace
from datetime import date

from bot.config import HARROW_WARDS
from bot.stats.answers import StatsAnswerer
from bot.stats.categories import slug_for
from bot.stats.importers import import_paths
from bot.stats.queries import Area, StatsQueries, add_months, haversine_m
from bot.stats.questions import StatsQuery, parse_stats_question
from bot.storage.db import Database
from tests.conftest import shared_data

GREENHILL = "E05013546"
LATEST = date(2026, 3, 1)


async def _load(db: Database, *names: str) -> None:
    paths = [shared_data("police-uk", n) for n in names]
    report = await import_paths(db, paths)
    assert report.errors == []


async def _load_all(db: Database) -> None:
    await _load(
        db,
        "lsoa_to_ward.harrow-subset.csv",
        "london-lsoa-monthly-counts.harrow-subset.csv",
        "MPSCrime.harrow-subset.csv",
        "Wards - wards.harrow-subset.csv",
        "2024-06-city-of-london-street.csv",
    )


@functools.cache
def _raw_rows(name: str) -> tuple[dict[str, str], ...]:
    """A shared police.uk CSV, read once for the module: ranking the wards counts every ward's
    months, and parsing the 24,671-row counts table again for each ward took most of that test's
    time. The files are read-only; every figure is still counted from them here."""
    with shared_data("police-uk", name).open(newline="") as handle:
        return tuple(csv.DictReader(handle))


def _raw_ward_months(ward: str | None, category: str | None) -> Counter[date]:
    """Monthly counts straight from the LSOA table (ward via the lookup; None = borough)."""
    lookup = {r["lsoa_code"]: r["ward_code"] for r in _raw_rows("lsoa_to_ward.harrow-subset.csv")}
    out: Counter[date] = Counter()
    for r in _raw_rows("london-lsoa-monthly-counts.harrow-subset.csv"):
        if ward and lookup.get(r["lsoa_code"]) != ward:
            continue
        if category and slug_for(r["category"]) != category:
            continue
        out[date(int(r["year"]), int(r["month"]), 1)] += int(r["crime_count"])
    return out


async def test_trend_and_summary_match_the_raw_table(db: Database) -> None:
    await _load_all(db)
    queries = StatsQueries(db, borough="Harrow")
    assert await queries.latest_month() == LATEST
    greenhill = await queries.best_ward("Greenhill")  # 2022 ward, not the old E05000291
    assert greenhill == Area("ward", GREENHILL, "Greenhill")

    raw = _raw_ward_months(GREENHILL, "burglary")
    trend = await queries.trend(greenhill, "burglary", months=12)
    assert trend is not None
    months = [add_months(LATEST, -i) for i in range(11, -1, -1)]
    assert trend.points == [(m, raw.get(m, 0)) for m in months]
    assert trend.source == "police.uk street-level crime data (monthly counts by area)"

    borough_raw = _raw_ward_months(None, None)
    borough = await queries.trend(None, None, months=3)
    assert borough is not None
    assert borough.points == [(m, borough_raw[m]) for m in months[-3:]]

    summary = await queries.summary(greenhill, "burglary")
    assert summary is not None
    assert (summary.month, summary.count) == (LATEST, raw[LATEST])
    assert summary.previous_count == raw[date(2026, 2, 1)]
    assert summary.year_ago_count == raw[date(2025, 3, 1)]
    assert summary.change_vs_previous == raw[LATEST] - raw[date(2026, 2, 1)]

    first = await queries.summary(None, "drugs", date(2023, 5, 1))
    assert first is not None and first.year_ago_count is None and first.previous_count is None
    assert await queries.summary(None, None, date(2019, 1, 1)) is None
    # a trend that asks for more months than exist starts at the first month held
    long = await queries.trend(greenhill, None, months=120)
    assert long is not None and long.points[0][0] == date(2023, 5, 1) and len(long.points) == 35


async def test_near_counts_within_radius(db: Database) -> None:
    await _load(db, "2024-06-city-of-london-street.csv")
    lat, lon, radius = 51.5155, -0.0922, 500
    expected: Counter[str] = Counter()
    with shared_data("police-uk", "2024-06-city-of-london-street.csv").open(newline="") as fh:
        for r in csv.DictReader(fh):
            if (
                r["Latitude"]
                and haversine_m(lat, lon, float(r["Latitude"]), float(r["Longitude"])) <= radius
            ):
                expected[slug_for(r["Crime type"]) or ""] += 1
    near = await StatsQueries(db).near(lat, lon, radius_m=radius)
    assert near.month == date(2024, 6, 1)
    assert near.by_category == dict(expected) and near.total > 50
    assert (await StatsQueries(db).near(lat, lon, radius, date(2024, 5, 1))).by_category == {}
    far = await StatsQueries(db).near(51.59, -0.33)  # Harrow: nothing in the City file
    assert far.month is None and far.total == 0


def _ask(text: str) -> StatsQuery:
    query = parse_stats_question(text, HARROW_WARDS, today=date(2026, 5, 1))
    assert query is not None
    return query


async def test_answers_give_counts_changes_period_and_source(db: Database) -> None:
    await _load_all(db)
    answerer = StatsAnswerer(StatsQueries(db))
    raw = _raw_ward_months(GREENHILL, "burglary")

    answer = await answerer.answer(_ask("Is burglary going up in Greenhill?"))
    assert answer.area == "Greenhill" and answer.category == "burglary"
    assert answer.month == LATEST and len(answer.series) == 12
    assert f"Burglary in Greenhill ward, March 2026: {raw[LATEST]} crime" in answer.text
    assert f"the {raw[date(2026, 2, 1)]} in February 2026" in answer.text
    assert f"the {raw[date(2025, 3, 1)]} in March 2025" in answer.text
    assert "Source: police.uk street-level crime data (monthly counts by area)" in answer.text
    assert ".csv" not in answer.text  # sources are named for residents, not by file
    assert answer.text.rstrip().endswith("month March 2026.")

    old = await answerer.answer(_ask("crime in Pinner in March 2019"))
    assert "no figures for March 2019" in old.text and "May 2023 to March 2026" in old.text
    assert old.month == LATEST

    since = await answerer.answer(_ask("asb stats for Edgware since 2025"))
    assert since.series[0][0] == date(2025, 1, 1) and len(since.series) == 15
    assert "incidents" in since.text

    near = await answerer.answer(_ask("crime near me"))
    assert "location" in near.text and near.month is None
    city = replace(_ask("shoplifting near me"), latitude=51.5155, longitude=-0.0922)
    near = await answerer.answer(city)
    assert "Shoplifting within 1.0 miles of you, June 2024" in near.text


def _ward_names() -> dict[str, str]:
    """The current wards' names by code, from the Met's ward-level file."""
    with shared_data("police-uk", "MPSCrime.harrow-subset.csv").open(newline="") as handle:
        return {r["WardCode"]: r["WardName"] for r in csv.DictReader(handle)}


def _twelve_months(ward: str, category: str | None) -> int:
    months = _raw_ward_months(ward, category)
    return sum(months[add_months(LATEST, -i)] for i in range(12))


async def test_wards_ranked_and_compared_from_the_raw_table(db: Database) -> None:
    """ "Which ward has the most crime" and "is Kenton East safer than Kenton West" get each
    ward's count over the same twelve months, said to be counts, not rates."""
    await _load_all(db)
    answerer = StatsAnswerer(StatsQueries(db))
    names = _ward_names()
    totals = sorted(
        ((_twelve_months(code, "burglary"), name) for code, name in names.items()),
        key=lambda t: (-t[0], t[1]),
    )
    most = await answerer.answer(_ask("which part of harrow gets the most burglaries"))
    assert "Burglary recorded by ward in Harrow, April 2025 to March 2026, most first:" in (
        most.text
    )
    for place, (count, name) in enumerate(totals[:5], start=1):
        assert f"\n{place}. {name}: {count} crimes\n" in most.text
    fewest = ", ".join(f"{n} {c}" for c, n in totals[-1:-3:-1])
    assert f"Fewest: {fewest} and {totals[-3][1]} {totals[-3][0]} (of {len(names)} wards)" in (
        most.text
    )
    assert "counts, not rates" in most.text and "Source: police.uk" in most.text

    safest = await answerer.answer(_ask("whats the safest area to live in harrow"))
    assert "fewest first:" in safest.text

    both = await answerer.answer(_ask("is kenton east safer than kenton west"))
    everything = sorted(((_twelve_months(c, None), n) for c, n in names.items()), reverse=True)
    for name in ("Kenton East", "Kenton West"):
        count = next(c for c, n in everything if n == name)
        place = [n for _, n in everything].index(name) + 1
        assert f"{name}: {count} crimes and ASB incidents, the {place}" in both.text
    one = await answerer.answer(_ask("how safe is headstone compared to the rest of the borough"))
    average = round(sum(c for c, _ in everything) / len(everything))
    assert f"The average ward: {average} crimes" in one.text


async def test_answers_say_plainly_when_data_is_missing(db: Database) -> None:
    answerer = StatsAnswerer(StatsQueries(db))
    empty = await answerer.answer(_ask("burglary in Pinner"))
    assert "don't have any crime figures" in empty.text and empty.series == []

    # counts without ward names: the ward cannot be resolved, so the borough answers
    await _load(db, "london-lsoa-monthly-counts.harrow-subset.csv")
    answer = await answerer.answer(_ask("burglary in Pinner"))
    assert answer.text.startswith("I have no figures for Pinner ward; here is the whole borough.")
    borough = _raw_ward_months(None, "burglary")
    assert f"Burglary in Harrow, March 2026: {borough[LATEST]} crimes" in answer.text
    assert answer.series == [(m, borough[m]) for m, _ in answer.series]
    assert len(answer.series) == 12
