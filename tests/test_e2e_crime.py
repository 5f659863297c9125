"""Crime figures end to end: real police.uk data imported, the real bot driven through the emulator.

Every figure the bot states is checked against the raw shared files, read here independently of
the importers (csv and json modules only).
"""

from __future__ import annotations

import asyncio
import csv
import functools
import json
import re
import shutil
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.config import HARROW_WARDS
from bot.stats.importers import import_paths
from bot.stats.places import places_for
from bot.stats.queries import haversine_m
from bot.storage.db import Database
from bot.subscriptions.onboarding import HINT as UPDATES_HINT
from handlers.crime import SYNC_JOB
from tests.conftest import shared_data
from tests.live import RESIDENT, LiveBot, buttons, live_bot

GREENHILL_2022 = "E05013546"
PINNER_2022 = "E05013555"
HARROW_WEALD_2022 = "E05013548"
GREENHILL_OLD = "E05000288"
LATEST = date(2026, 3, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FILES = (
    "lsoa_to_ward.harrow-subset.csv",
    "london-lsoa-monthly-counts.harrow-subset.csv",
    "MPSCrime.harrow-subset.csv",
    "Wards - wards.harrow-subset.csv",
    "london_wards_centroids.harrow-subset.csv",
    "api-crimes-street-harrow-wards",
)


async def _import_all(url: str) -> None:
    db = Database(url)
    try:
        report = await import_paths(db, [shared_data("police-uk", name) for name in FILES])
        assert report.errors == []
    finally:
        await db.close()


@pytest.fixture(scope="module")
def crime_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database holding the real Harrow data, imported once for the module."""
    path = tmp_path_factory.mktemp("crime") / "crime.db"
    shutil.copy(sqlite_template, path)
    asyncio.run(_import_all(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture
def crime_db_url(crime_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "localbeat.db"
    shutil.copy(crime_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
async def bot(crime_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(crime_db_url) as live:
        yield live


# -- the raw files, read independently -----------------------------------------------------------


@functools.cache
def raw_rows(name: str) -> tuple[dict[str, str], ...]:
    """A shared police.uk CSV, read once for the module: the side-by-side test asks for every
    ward's months, and parsing the 24,671-row counts table again for each ward took most of the
    module's time. The files are read-only; every figure is still counted from them here."""
    with shared_data("police-uk", name).open(newline="") as handle:
        return tuple(csv.DictReader(handle))


def raw_ward_months(ward: str, category_name: str) -> Counter[date]:
    """Monthly counts of one ward and CSV category straight from the LSOA table and lookup."""
    lookup = {r["lsoa_code"]: r["ward_code"] for r in raw_rows("lsoa_to_ward.harrow-subset.csv")}
    out: Counter[date] = Counter()
    for r in raw_rows("london-lsoa-monthly-counts.harrow-subset.csv"):
        if lookup.get(r["lsoa_code"]) == ward and r["category"] == category_name:
            out[date(int(r["year"]), int(r["month"]), 1)] += int(r["crime_count"])
    return out


def raw_borough_months(category_name: str | None) -> Counter[date]:
    """Monthly counts of the whole borough (None = every category) straight from the LSOA table."""
    out: Counter[date] = Counter()
    for r in raw_rows("london-lsoa-monthly-counts.harrow-subset.csv"):
        if r["borough"] == "Harrow" and category_name in (None, r["category"]):
            out[date(int(r["year"]), int(r["month"]), 1)] += int(r["crime_count"])
    return out


def api_month(month: str) -> dict[int, dict[str, Any]]:
    """Every crime in the API responses of one month, once per id (boundary crimes repeat)."""
    stem = month.replace("-", "_")
    root = shared_data("police-uk", "api-crimes-street-harrow-wards", f"london_month_{stem}")
    crimes: dict[int, dict[str, Any]] = {}
    for path in sorted(root.glob("*.json")):
        for item in json.loads(path.read_text()):
            crimes[item["id"]] = item
    return crimes


def near_counts(month: str, lat: float, lon: float, radius_m: float) -> Counter[str]:
    found: Counter[str] = Counter()
    for item in api_month(month).values():
        y, x = float(item["location"]["latitude"]), float(item["location"]["longitude"])
        if haversine_m(lat, lon, y, x) <= radius_m:
            found[item["category"]] += 1
    return found


def a_greenhill_point() -> tuple[float, float]:
    path = shared_data(
        "police-uk",
        "api-crimes-street-harrow-wards",
        "london_month_2018_06",
        f"crime_month_2018_06_area_{GREENHILL_OLD}_0.json",
    )
    first = json.loads(path.read_text())[0]
    return float(first["location"]["latitude"]), float(first["location"]["longitude"])


def month_words(m: date) -> str:
    return f"{m:%B %Y}"


def trend_months(end: date, n: int = 12) -> list[date]:
    months = []
    y, m = end.year, end.month
    for _ in range(n):
        months.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return months[::-1]


async def press(bot: LiveBot, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Tap the button with this label and return the bot's next message."""
    query = bot.emu.press_button(RESIDENT, message, text=label)
    answer = await bot.emu.wait_for_answer(query)
    assert "expired" not in str(answer.params.get("text") or "")
    return await bot.emu.next_bot_message(RESIDENT)


# -- questions -----------------------------------------------------------------------------------


async def test_trend_question_has_counts_month_source_and_chart(bot: LiveBot) -> None:
    raw = raw_ward_months(GREENHILL_2022, "Burglary")
    reply = await bot.ask(RESIDENT, "Is burglary going up in Greenhill?")
    text = reply["text"]
    assert f"Burglary in Greenhill ward, March 2026: {raw[LATEST]} crime" in text
    assert f"the {raw[date(2026, 2, 1)]} in February 2026" in text
    assert f"the {raw[date(2025, 3, 1)]} in March 2025" in text
    year = trend_months(LATEST)
    total = sum(raw[m] for m in year)
    assert f"April 2025 to March 2026: {total} crimes in 12 months" in text
    assert "Source: police.uk street-level crime data (monthly counts by area)" in text
    assert "month March 2026" in text
    labels = [label for label, _ in buttons(reply)]
    assert "Show chart" in labels

    photo = await press_for_photo(bot, reply, "Show chart")
    caption = photo.params["caption"]
    assert "Burglary in Greenhill ward" in caption
    assert f"First month, April 2025: {raw[year[0]]} crime" in caption
    assert f"Last month, March 2026: {raw[LATEST]} crime" in caption
    high = max(year, key=lambda m: (raw[m], m))
    assert f"Highest: {month_words(high)}, {raw[high]}." in caption
    assert f"Total over 12 months: {total}." in caption
    assert "Source: police.uk" in caption and len(caption) <= 1024


async def test_wards_set_side_by_side_through_telegram(bot: LiveBot) -> None:
    """Asked in Telegram: each ward's twelve months, said to be counts, not rates."""
    year = trend_months(LATEST)
    with shared_data("police-uk", "MPSCrime.harrow-subset.csv").open(newline="") as handle:
        names = {r["WardCode"]: r["WardName"] for r in csv.DictReader(handle)}
    counts = {
        names[code]: sum(raw_ward_months(code, "Burglary")[m] for m in year) for code in names
    }
    reply = await bot.ask(RESIDENT, "which part of harrow gets the most burglaries?")
    text = reply["text"]
    top = min(counts, key=lambda n: (-counts[n], n))  # ties in name order, as the reply
    assert "Burglary recorded by ward in Harrow, April 2025 to March 2026, most first:" in text
    assert f"1. {top}: {counts[top]} crimes" in text
    assert "counts, not rates" in text and "Source: police.uk" in text

    both = await bot.ask(RESIDENT, "is pinner safer than stanmore for burglary")
    for name in ("Pinner", "Stanmore"):
        assert f"{name}: {counts[name]} crimes, the " in both["text"]


async def press_for_photo(bot: LiveBot, message: dict[str, Any], label: str) -> Any:
    query = bot.emu.press_button(RESIDENT, message, text=label)
    await bot.emu.wait_for_answer(query)
    call = await bot.emu.wait_for_call("sendPhoto", timeout=15)
    assert call.ok
    data = call.files["photo"].data
    assert data.startswith(PNG_SIGNATURE) and len(data) > 5_000
    sent = await bot.emu.next_bot_message(RESIDENT, timeout=5)
    assert sent["photo"] and sent["caption"] == call.params["caption"]
    return call


async def test_headline_question_still_reaches_the_newsletter_entry(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "has neighbourhood crime gone down")
    assert "14%" in reply["text"] and "London-wide" in reply["text"]


async def test_a_figure_quoted_back_gets_the_newsletter_entry_that_gave_it(bot: LiveBot) -> None:
    """Figures are loaded and "this year" asks for a period, but a resident quoting a published
    figure wants to know what it means: the newsletter entry answers, the store is offered."""
    reply = await bot.ask(RESIDENT, "read that neighbourhood crime fell 14% this year, in harrow?")
    assert "14%" in reply["text"] and "London-wide" in reply["text"]


async def test_a_count_quoted_back_as_less_or_more_gets_the_newsletter_entry(bot: LiveBot) -> None:
    """ "500 less" quotes a published figure as surely as "500 offences" does."""
    reply = await bot.ask(
        RESIDENT, "heard shoplifting in harrow is 500 lower than last year, right?"
    )
    assert "about 500 fewer offences" in reply["text"]


async def test_a_month_without_figures_is_said_plainly_with_the_latest_instead(
    bot: LiveBot,
) -> None:
    reply = await bot.ask(RESIDENT, "crime in Pinner in March 2019")
    assert reply["text"].startswith("There are no figures for March 2019")
    assert "May 2023 to March 2026" in reply["text"]
    assert "All crime in Pinner ward, March 2026" in reply["text"]


# -- the /crime menu -----------------------------------------------------------------------------


async def test_crime_menu_walked_by_button_presses(bot: LiveBot) -> None:
    menu = await bot.ask(RESIDENT, "/crime")
    assert menu["text"] == "Crime figures for Harrow. Which kind of crime?"
    labels = [label for label, _ in buttons(menu)]
    assert labels[0] == "All crime" and "Burglary" in labels and "Vehicle crime" in labels
    assert all(len(data.encode()) <= 64 for _, data in buttons(menu))

    areas = await press(bot, menu, "Burglary")
    assert areas["text"] == "Burglary: where?"
    area_labels = [label for label, _ in buttons(areas)]
    assert area_labels[:2] == ["All of Harrow", "Near me (share location)"]
    assert {"Pinner", "Harrow on the Hill", "West Harrow"} <= set(area_labels)

    periods = await press(bot, areas, "Pinner")
    assert periods["text"] == "Burglary in Pinner ward: which period?"
    assert [label for label, _ in buttons(periods)] == [
        "Latest month",
        "Last 12 months (trend)",
    ]

    raw = raw_ward_months(PINNER_2022, "Burglary")
    latest = await press(bot, periods, "Latest month")
    assert f"Burglary in Pinner ward, March 2026: {raw[LATEST]} crime" in latest["text"]
    assert "Source: police.uk" in latest["text"]
    assert "Show chart" not in [label for label, _ in buttons(latest)]

    trend = await press(bot, latest, "Last 12 months (trend)")
    total = sum(raw[m] for m in trend_months(LATEST))
    assert f"April 2025 to March 2026: {total} crimes in 12 months" in trend["text"]
    call = await press_for_photo(bot, trend, "Show chart")
    assert "Burglary in Pinner ward" in call.params["caption"]


async def test_main_menu_crime_button_opens_the_crime_menu(bot: LiveBot) -> None:
    start = await bot.ask(RESIDENT, "/start")
    opened = await press(bot, start, "Crime in my area")
    assert opened["text"].startswith("Crime figures for Harrow")


async def test_stale_crime_buttons_get_the_expired_reply(bot: LiveBot) -> None:
    menu = await bot.ask(RESIDENT, "/crime")
    for data in ("crime:no-such-crime", "crime:burglary.atlantis.t", "crime:all.here.t"):
        query = bot.emu.press_button(RESIDENT, menu, data, force=True)
        answer = await bot.emu.wait_for_answer(query)
        assert "expired" in str(answer.params.get("text")), data
        again = await bot.emu.next_bot_message(RESIDENT)
        assert "Welcome to Local Beat" in again["text"]


# -- places that are not wards ------------------------------------------------------------------


async def test_an_old_ward_name_is_told_apart_from_harrows_own_figures(bot: LiveBot) -> None:
    # Queensbury was a Harrow ward until the 2022 boundary changes; residents still use the name.
    raw = raw_borough_months("Burglary")
    reply = await bot.ask(RESIDENT, "burglary in Queensbury last month")
    # A resident's first answer ends with the line about local updates (once per resident).
    assert reply["text"].endswith(f"\n\n{UPDATES_HINT}")
    text = reply["text"].removesuffix(f"\n\n{UPDATES_HINT}")
    assert text.startswith(
        "I have no figures for “Queensbury” by name, as it is not one of Harrow's current wards. "
        "Here are Harrow's figures instead:\n"
        f"Burglary in Harrow, March 2026: {raw[LATEST]} crimes recorded."
    )
    assert f"the {raw[date(2026, 2, 1)]} in February 2026" in text
    assert "Source: police.uk street-level crime data (monthly counts by area)" in text
    assert "month March 2026" in text
    assert text.count("Queensbury") == 1  # no figure is ever labelled as Queensbury's
    assert text.endswith(
        "Choose a ward below for its own figures, or share your location for crimes near you."
    )
    labels = [label for label, _ in buttons(reply)]
    assert labels[:2] == ["Choose a ward", "Near me (share location)"]

    areas = await press(bot, reply, "Choose a ward")
    assert areas["text"] == "Burglary: where?"
    assert {"Pinner", "Stanmore", "Wealdstone North"} <= {label for label, _ in buttons(areas)}
    periods = await press(bot, areas, "Stanmore")
    assert periods["text"] == "Burglary in Stanmore ward: which period?"


async def test_a_place_outside_harrow_gets_harrows_labelled_trend_and_near_me(
    bot: LiveBot,
) -> None:
    raw = raw_borough_months(None)
    reply = await bot.ask(RESIDENT, "is crime going up in Croydon")
    text = reply["text"]
    assert text.startswith("I have no figures for “Croydon” by name")
    assert "Here are Harrow's figures instead:" in text
    assert f"All crime in Harrow, March 2026: {raw[LATEST]} crimes and ASB incidents" in text
    total = sum(raw[m] for m in trend_months(LATEST))
    assert f"April 2025 to March 2026: {total} crimes and ASB incidents in 12 months" in text
    assert "Croydon ward" not in text and "in Croydon," not in text
    labels = [label for label, _ in buttons(reply)]
    assert labels[:3] == ["Show chart", "Choose a ward", "Near me (share location)"]

    ask = await press(bot, reply, "Near me (share location)")
    assert "Share my location" in ask["text"]
    keyboard = bot.emu.keyboard(RESIDENT)
    assert keyboard is not None and keyboard["keyboard"][0][0]["request_location"] is True


async def test_a_split_ward_offers_the_wards_it_became(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "how many burglaries in wealdstone?")
    text = reply["text"]
    assert text.startswith("I have no figures for “wealdstone” by name")
    assert "Burglary in Harrow, March 2026" in text
    assert "Harrow has wards called Wealdstone North and Wealdstone South." in text
    labels = [label for label, _ in buttons(reply)]
    assert labels[:3] == ["Wealdstone North", "Wealdstone South", "Choose a ward"]
    periods = await press(bot, reply, "Wealdstone South")
    assert periods["text"] == "Burglary in Wealdstone South ward: which period?"


async def test_a_misspelt_ward_still_gets_its_own_figures(bot: LiveBot) -> None:
    raw = raw_ward_months(HARROW_WEALD_2022, "Burglary")
    reply = await bot.ask(RESIDENT, "how many burglaries in harow weald last month")
    text = reply["text"]
    assert text.startswith(f"Burglary in Harrow Weald ward, March 2026: {raw[LATEST]} crime")
    assert "no figures" not in text and "Choose a ward" not in str(buttons(reply))


# -- near me -------------------------------------------------------------------------------------


async def test_near_me_with_old_street_data_gives_the_current_wards_latest_figures(
    bot: LiveBot,
) -> None:
    # The street records near the point are from June 2018 and tagged with abolished wards; the
    # ward figures run to March 2026. The answer is the fresher one, for today's ward.
    menu = await bot.ask(RESIDENT, "/crime")
    areas = await press(bot, menu, "Burglary")
    ask = await press(bot, areas, "Near me (share location)")
    assert "Share my location" in ask["text"]
    assert "type your postcode" in ask["text"]
    keyboard = bot.emu.keyboard(RESIDENT)
    assert keyboard is not None
    assert keyboard["keyboard"][0][0]["request_location"] is True

    lat, lon = a_greenhill_point()
    ward = places_for("Harrow").ward_at(lat, lon)  # type: ignore[union-attr]
    assert ward is not None and ward.code.startswith("E050135")  # a May 2022 ward
    bot.emu.send_location(RESIDENT, lat, lon)
    ack = await bot.emu.next_bot_message(RESIDENT)
    assert ack["text"].startswith("Thanks. Counting")
    assert bot.emu.keyboard(RESIDENT) is None  # the location keyboard is taken away
    reply = await bot.emu.next_bot_message(RESIDENT)
    text = reply["text"]

    raw = raw_ward_months(ward.code, "Burglary")
    assert text.startswith(f"The location you shared is in {ward.name} ward.\n")
    assert f"Burglary in {ward.name} ward, March 2026: {raw[LATEST]} crime" in text
    assert "Street-level records near that point are older (the latest are from June 2018)" in text
    assert "within 1 mile" not in text  # the 2018 counts are not passed off as current
    assert (
        "Source: police.uk street-level crime data (monthly counts by area), month March 2026."
        in text
    )
    assert "more than three months ago" in text  # today is long after March 2026
    abolished = abolished_ward_names()
    assert {"Queensbury", "Wealdstone", "Stanmore Park"} <= abolished
    for old in abolished:  # "Wealdstone" alone, not "Wealdstone South"
        assert not re.search(rf"\b{re.escape(old)}\b(?! (North|South))", text), old
    trend = await press(bot, reply, "Last 12 months (trend)")
    total = sum(raw[m] for m in trend_months(LATEST))
    assert f"Burglary in {ward.name} ward, March 2026" in trend["text"]
    assert f"April 2025 to March 2026: {total} crimes in 12 months" in trend["text"]


def abolished_ward_names() -> set[str]:
    """Harrow's 2002-2022 ward names that are not names of the current wards."""
    path = shared_data("police-uk", "Wards - wards.harrow-subset.csv")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        old = {r["Ward"] for r in csv.DictReader(handle)}
    return {name for name in old if name not in HARROW_WARDS}


async def test_near_me_outside_harrow_is_explained(bot: LiveBot) -> None:
    bot.emu.send_location(RESIDENT, 51.5155, -0.0922)  # the City of London
    await bot.emu.next_bot_message(RESIDENT)
    reply = await bot.emu.next_bot_message(RESIDENT)
    assert reply["text"].startswith("That location is outside Harrow")
    assert "police.uk" in reply["text"]
    assert "Harrow crime figures" in [label for label, _ in buttons(reply)]


async def test_near_me_question_offers_to_share_a_location(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "burglaries near me")
    assert "location" in reply["text"]
    ask = await press(bot, reply, "Share my location")
    assert "Share my location" in ask["text"]
    assert bot.emu.keyboard(RESIDENT) is not None


# -- the monthly sync job ------------------------------------------------------------------------


async def test_sync_job_is_scheduled_only_when_enabled(crime_db_url: str) -> None:
    async with live_bot(crime_db_url) as live:
        assert live.app.job_queue is not None
        assert not live.app.job_queue.get_jobs_by_name(SYNC_JOB)
    async with live_bot(crime_db_url, stats={"sync_enabled": True}) as live:
        assert live.app.job_queue is not None
        (job,) = live.app.job_queue.get_jobs_by_name(SYNC_JOB)
        assert job.next_t is not None
