"""Figures out of the box, near me, postcodes and the top categories, over the emulator.

The real application runs against the Bot API emulator and is driven by taps and words. Every
figure it states is checked against the raw shared police.uk files, read here with the csv and
json modules only; places (which ward a postcode or a point is in) come from the package's
places file, whose derivation is described in bot/stats/data/README.md.
"""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import build_application, running
from bot.config import HARROW_WARDS, Config
from bot.localtime import Clock, system_clock
from bot.services import Services, open_services
from bot.stats.categories import CATEGORY_NAMES, NAME_TO_SLUG
from bot.stats.importers import import_paths
from bot.stats.importers.formats import SNAPSHOT
from bot.stats.models import COUNTS, SOURCES
from bot.stats.places import places_for
from bot.stats.queries import haversine_m
from bot.storage.db import Database
from tests.conftest import shared_data
from tests.emulator import BotApiEmulator
from tests.events_live import clocked_bot, event_yaml
from tests.fake_clock import FakeClock
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot, buttons, make_config

LATEST = date(2026, 3, 1)
COUNTS_FILE = "london-lsoa-monthly-counts.harrow-subset.csv"
LOOKUP_FILE = "lsoa_to_ward.harrow-subset.csv"
STANMORE = "E05013560"
WEALDSTONE_SOUTH = "E05013562"
GREENHILL = "E05013546"
CANONS = "E05013543"
PACKAGED = "police.uk street-level crime data (monthly counts by area, as packaged with Local Beat)"
OLD_GREENHILL_JUNE = ("london_month_2018_06", "crime_month_2018_06_area_E05000288_0.json")


@asynccontextmanager
async def figures_bot(
    db_url: str, clock: Clock = system_clock, **overrides: Any
) -> AsyncIterator[LiveBot]:
    """The real application on a clock of the test's choosing, the packaged figures enabled."""
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        stats = {"snapshot": True, **overrides.pop("stats", {})}
        config = make_config(db_url, emu.url, stats=stats, **overrides)

        async def factory(cfg: Config) -> Services:
            return await open_services(cfg, clock=clock)

        app = build_application(config, factory, health=False)
        async with running(app, poll_timeout=1):
            yield LiveBot(emu, app, config)
    finally:
        await emu.stop()


# -- the raw files, read independently -----------------------------------------------------------


def _lookup() -> dict[str, str]:
    with shared_data("police-uk", LOOKUP_FILE).open(newline="") as handle:
        return {r["lsoa_code"]: r["ward_code"] for r in csv.DictReader(handle)}


def raw_counts(ward: str | None, month: date) -> Counter[str]:
    """One month's counts by CSV category for a ward (None: the whole borough)."""
    lookup = _lookup()
    out: Counter[str] = Counter()
    with shared_data("police-uk", COUNTS_FILE).open(newline="") as handle:
        for r in csv.DictReader(handle):
            if date(int(r["year"]), int(r["month"]), 1) != month:
                continue
            if ward is None or lookup.get(r["lsoa_code"]) == ward:
                out[r["category"]] += int(r["crime_count"])
    return out


def top_five(counts: Counter[str]) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], NAME_TO_SLUG[kv[0].casefold()]))
    items = [f"{CATEGORY_NAMES[NAME_TO_SLUG[c.casefold()]]} {n}" for c, n in ranked[:5] if n]
    return ", ".join(items[:-1]) + f" and {items[-1]}"


async def press(bot: LiveBot, message: dict[str, Any], label: str) -> dict[str, Any]:
    query = bot.emu.press_button(RESIDENT, message, text=label)
    answer = await bot.emu.wait_for_answer(query)
    assert "expired" not in str(answer.params.get("text") or "")
    return await bot.emu.next_bot_message(RESIDENT)


def labels(message: dict[str, Any]) -> list[str]:
    return [label for label, _ in buttons(message)]


async def snapshot_rows(url: str) -> tuple[int, int]:
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            sources = await conn.scalar(
                select(func.count()).select_from(SOURCES).where(SOURCES.c.kind == SNAPSHOT)
            )
            counts = await conn.scalar(select(func.count()).select_from(COUNTS))
        return int(sources or 0), int(counts or 0)
    finally:
        await db.close()


# -- a fresh machine -----------------------------------------------------------------------------


async def test_fresh_machine_answers_from_the_packaged_snapshot(
    sqlite_db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.stats.snapshot")
    burglary = raw_counts(None, LATEST)["Burglary"]
    february = raw_counts(None, date(2026, 2, 1))["Burglary"]
    assert await snapshot_rows(sqlite_db_url) == (0, 0)  # an empty stats store

    async with figures_bot(sqlite_db_url) as bot:
        reply = await bot.ask(RESIDENT, "how many burglaries in Harrow last month")
    text = reply["text"]
    assert text.startswith(f"Burglary in Harrow, March 2026: {burglary} crimes recorded.")
    assert f"the {february} in February 2026" in text
    assert f"Source: {PACKAGED}, month March 2026." in text
    assert "loaded the packaged police.uk figures for Harrow: May 2023 to March 2026" in caplog.text
    loaded = await snapshot_rows(sqlite_db_url)
    assert loaded[0] == 1 and loaded[1] > 10_000

    # A second start (or a second replica) finds the figures there and loads nothing again.
    async with figures_bot(sqlite_db_url) as bot:
        pinner = raw_counts("E05013555", LATEST)["Burglary"]
        again = await bot.ask(RESIDENT, "how many burglaries in Pinner")
        assert again["text"].startswith(f"Burglary in Pinner ward, March 2026: {pinner} crime")
    assert await snapshot_rows(sqlite_db_url) == loaded


async def test_a_borough_without_a_snapshot_gets_the_plain_no_figures_reply(
    sqlite_db_url: str,
) -> None:
    croydon = {"name": "Croydon", "reference_prefix": "CR", "wards": ["Fairfield", "Selsdon Vale"]}
    async with figures_bot(sqlite_db_url, borough=croydon) as bot:
        reply = await bot.ask(RESIDENT, "how many burglaries in Fairfield")
        assert reply["text"].startswith("I don’t have police.uk crime figures loaded yet")
        assert "Safety tips" in labels(reply)
    assert await snapshot_rows(sqlite_db_url) == (0, 0)


async def test_what_crime_happens_most_in_a_ward_gives_its_top_categories(
    sqlite_db_url: str,
) -> None:
    stanmore = raw_counts(STANMORE, LATEST)
    total = sum(stanmore.values())
    async with figures_bot(sqlite_db_url) as bot:
        reply = await bot.ask(RESIDENT, "What crime happens most in Stanmore?")
    first, second = reply["text"].splitlines()[:2]
    assert first == (
        f"Most common in Stanmore ward, March 2026: {top_five(stanmore)} "
        f"(of {total} crimes and ASB incidents)."
    )
    assert second.startswith(
        f"All crime in Stanmore ward, March 2026: {total} crimes and ASB incidents recorded."
    )


# -- postcodes -----------------------------------------------------------------------------------


async def test_postcodes_full_outward_and_outside(sqlite_db_url: str) -> None:
    async with figures_bot(sqlite_db_url) as bot:
        burglary = raw_counts(WEALDSTONE_SOUTH, LATEST)["Burglary"]
        full = await bot.ask(RESIDENT, "how many burglaries in HA3 7AE?")
        assert full["text"].startswith(
            "HA3 7AE is in Wealdstone South ward.\n"
            f"Burglary in Wealdstone South ward, March 2026: {burglary} crime"
        )
        assert f"Source: {PACKAGED}, month March 2026." in full["text"]
        assert "Last 12 months (trend)" in labels(full)

        outward = await bot.ask(RESIDENT, "crime in HA1")
        assert outward["text"].startswith("HA1 covers parts of 5 of Harrow's wards.")
        offered = labels(outward)
        assert offered[0] == "Greenhill" and "Harrow on the Hill" in offered
        assert "Choose a ward" in offered
        assert set(offered[: offered.index("Choose a ward")]) <= set(HARROW_WARDS)
        greenhill = await press(bot, outward, "Greenhill")
        all_crime = sum(raw_counts(GREENHILL, LATEST).values())
        assert greenhill["text"].startswith(
            f"All crime in Greenhill ward, March 2026: {all_crime} crimes and ASB incidents"
        )

        outside = await bot.ask(RESIDENT, "burglary in SW1A 2AA")
        assert outside["text"].startswith("SW1A 2AA is outside Harrow, so I have no crime figures")
        assert "https://www.police.uk/" in outside["text"]
        menu = await press(bot, outside, "Harrow crime figures")
        assert menu["text"] == "Burglary: where?"

        next_door = await bot.ask(RESIDENT, "crime figures for HA8 7AB")  # Barnet's part of HA8
        assert next_door["text"].startswith("HA8 7AB is outside Harrow")


async def test_a_postcode_typed_at_the_location_step_of_crime(sqlite_db_url: str) -> None:
    async with figures_bot(sqlite_db_url) as bot:
        menu = await bot.ask(RESIDENT, "/crime")
        areas = await press(bot, menu, "Vehicle crime")
        ask = await press(bot, areas, "Near me (share location)")
        example = places_for("Harrow").example  # type: ignore[union-attr]
        assert f"type your postcode (such as “{example}”)" in ask["text"]
        assert example.startswith("HA")
        assert bot.emu.keyboard(RESIDENT) is not None

        ack = await bot.ask(RESIDENT, "ha3 7ae")
        assert ack["text"] == "Thanks. Looking up the figures for HA3 7AE…"
        assert bot.emu.keyboard(RESIDENT) is None
        reply = await bot.emu.next_bot_message(RESIDENT)
        vehicle = raw_counts(WEALDSTONE_SOUTH, LATEST)["Vehicle crime"]
        assert reply["text"].startswith(
            "HA3 7AE is in Wealdstone South ward.\n"
            f"Vehicle crime in Wealdstone South ward, March 2026: {vehicle} crime"
        )

        areas = await press(bot, menu, "Burglary")
        await press(bot, areas, "Near me (share location)")
        await bot.ask(RESIDENT, "HA8")
        wards = await bot.emu.next_bot_message(RESIDENT)
        assert wards["text"].startswith(
            "HA8 covers parts of 3 of Harrow's wards. Part of HA8 is outside Harrow."
        )
        assert labels(wards)[:4] == ["Edgware", "Canons", "Centenary", "Choose a ward"]
        canons = await press(bot, wards, "Canons")
        burglary = raw_counts(CANONS, LATEST)["Burglary"]
        assert canons["text"].startswith(f"Burglary in Canons ward, March 2026: {burglary} crime")


# -- near me -------------------------------------------------------------------------------------


def a_point_in_old_greenhill() -> tuple[float, float]:
    path = shared_data("police-uk", "api-crimes-street-harrow-wards", *OLD_GREENHILL_JUNE)
    first = json.loads(path.read_text())[0]
    return float(first["location"]["latitude"]), float(first["location"]["longitude"])


async def test_near_me_on_a_fresh_store_says_the_month_without_a_warning_when_recent(
    sqlite_db_url: str,
) -> None:
    clock = FakeClock(datetime(2026, 5, 20, 12, 0, tzinfo=UTC))  # two months after March 2026
    lat, lon = a_point_in_old_greenhill()
    ward = places_for("Harrow").ward_at(lat, lon)  # type: ignore[union-attr]
    assert ward is not None
    async with figures_bot(sqlite_db_url, clock=clock) as bot:
        bot.emu.send_location(RESIDENT, lat, lon)
        await bot.emu.next_bot_message(RESIDENT)  # "Thanks. Counting…"
        reply = await bot.emu.next_bot_message(RESIDENT)
    text = reply["text"]
    counts = raw_counts(ward.code, LATEST)
    assert text.startswith(f"The location you shared is in {ward.name} ward.\n")
    assert f"All crime in {ward.name} ward, March 2026: {sum(counts.values())} crimes" in text
    assert f"Most common in {ward.name} ward, March 2026: {top_five(counts)}" in text
    assert "This is the latest month available (March 2026)." in text
    assert "more than three months" not in text and "Street-level" not in text


async def test_near_me_when_street_records_are_the_freshest_warns_they_are_old(
    sqlite_db_url: str,
) -> None:
    folder = shared_data("police-uk", "api-crimes-street-harrow-wards", "london_month_2018_06")
    db = Database(sqlite_db_url)
    try:
        assert (await import_paths(db, [folder])).errors == []
    finally:
        await db.close()
    crimes: dict[int, Any] = {}
    for path in sorted(folder.glob("*.json")):
        crimes.update({item["id"]: item for item in json.loads(path.read_text())})
    lat, lon = a_point_in_old_greenhill()
    near = Counter(
        item["category"]
        for item in crimes.values()
        if haversine_m(
            lat, lon, float(item["location"]["latitude"]), float(item["location"]["longitude"])
        )
        <= 1609
    )
    ward = places_for("Harrow").ward_at(lat, lon)  # type: ignore[union-attr]
    assert ward is not None

    async with figures_bot(sqlite_db_url) as bot:  # the store is not empty: no snapshot
        bot.emu.send_location(RESIDENT, lat, lon)
        await bot.emu.next_bot_message(RESIDENT)
        reply = await bot.emu.next_bot_message(RESIDENT)
    text = reply["text"]
    total = sum(near.values())
    assert f"All crime within 1 mile of the location you shared, June 2018: {total} crimes" in text
    assert "This is the latest month available (June 2018), more than three months ago" in text
    assert "Source: police.uk street-level crime records, month June 2018." in text
    assert f"The location you shared is in {ward.name} ward." in text  # today's ward, by name
    assert "E05000" not in text and "Stanmore Park" not in text and "Queensbury" not in text


async def test_a_postcode_typed_as_an_events_place_stays_in_the_officers_flow(
    sqlite_db_url: str, tmp_path: Path
) -> None:
    # A postcode alone means "its crime figures" only where no other flow is waiting for text.
    clock = FakeClock(datetime(2027, 3, 20, 12, 0, tzinfo=UTC))
    async with clocked_bot(sqlite_db_url, clock, event_yaml(tmp_path / "events.yaml", [])) as bot:
        await bot.ask(OFFICER, "/addevent")
        kinds = await bot.ask(OFFICER, "Crime prevention stall")
        ward = await press_as(bot, OFFICER, kinds, "Crime prevention stall")
        assert ward["text"] == "Which ward? Tap one, or type its name."
        await bot.ask(OFFICER, "Wealdstone South")
        place = await bot.ask(OFFICER, "02/04/2027 10:00-12:00")
        assert place["text"] == (  # the time said back in words, then the next question
            "When: Friday 2 April 2027, 10:00 to 12:00 (London time, BST).\n\n"
            "Where is it? Send the address or meeting point."
        )
        preview = await bot.ask(OFFICER, "HA3 7AE")
        assert "HA3 7AE" in preview["text"] and "Publish" in labels(preview)
        assert "ward." not in preview["text"] and "figures" not in preview["text"]


async def press_as(bot: LiveBot, user: int, message: dict[str, Any], label: str) -> dict[str, Any]:
    bot.emu.press_button(user, message, text=label)
    return await bot.emu.next_bot_message(user)
