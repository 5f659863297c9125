"""The /crime menu, near-me and charts as plain values: menus, answers and PNGs, no Telegram.

Every figure comes with its month and source; when the store cannot answer, the reply says so and
offers what it can (the whole borough, the newsletter headlines, the menu).

Near me answers from the freshest data there is for the point: street-level records within the
radius when they are as new as the ward figures, else the figures of the current ward the point
is in (named from the borough's places, never an abolished ward), with a warning when the month
is more than three months old.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.answers import Button, Reply, ReplyKind
from bot.stats.answers import StatsAnswerer, latest_line, month_name, plural
from bot.stats.categories import display_name
from bot.stats.chart import caption, render_png
from bot.stats.menu import (
    BOROUGH,
    HEADLINES,
    PERIODS,
    CrimeChoice,
    area_buttons,
    category_buttons,
    chart_button,
    period_buttons,
    place,
    what,
)
from bot.stats.places import Places, WardPlace
from bot.stats.postcodes import find_postcode
from bot.stats.queries import Area, NearCounts, StatsQueries
from bot.stats.questions import StatsQuery
from bot.stats.responder import stats_reply
from bot.stats.snapshot import SnapshotLoader

BBox = tuple[float, float, float, float]
BBOX_MARGIN_DEG = 0.003  # about 300 m: a resident on the boundary street still counts as inside

NO_DATA = (
    "I don't have any crime figures for {borough} loaded yet, so I can't answer that. "
    "The newsletter's headline figures are below."
)
OUTSIDE = (
    "That location is outside {borough}, so I have no crime figures for it: I only hold "
    "figures for {borough}. For anywhere in England and Wales, police.uk has a crime map: "
    "https://www.police.uk/ . You can still look at {borough}'s figures below."
)
ASK_LOCATION = (
    "Tap “Share my location” below and I will count {what} recorded within {distance} of you "
    "in the latest month, and show your ward's trend. Your location is used for this answer "
    "only and is not stored."
)
ASK_POSTCODE = " You can also type your postcode (such as “{example}”) instead."
NOT_A_POSTCODE = (
    "That doesn't look like a postcode. Type a full postcode such as “{example}”, or an outward "
    "code such as “{outward}”."
)


@dataclass(frozen=True)
class Chart:
    png: bytes
    caption: str


def distance_words(radius_m: int) -> str:
    miles = radius_m / 1609.344
    return "1 mile" if abs(miles - 1) < 0.01 else f"{miles:.1f} miles"


class CrimeService:
    """What the crime menu, the location handler and the chart button ask for."""

    def __init__(
        self,
        answerer: StatsAnswerer,
        wards: Sequence[str],
        radius_m: int = 1609,
        bbox: BBox | None = None,
    ) -> None:
        self.answerer = answerer
        self.queries: StatsQueries = answerer.queries
        self.places: Places | None = answerer.places
        self.borough = self.queries.borough
        self.wards = tuple(wards)
        self.radius_m = radius_m
        self._configured_bbox = bbox
        self._bbox: BBox | None = None
        self.snapshot: SnapshotLoader | None = None  # the packaged figures, loaded on first use

    def invalidate(self) -> None:
        """Forget what was worked out from the data (after an import or a sync)."""
        self._bbox = None

    async def has_data(self) -> bool:
        await self.queries.prepare()
        return await self.queries.latest_month() is not None

    def _no_data(self) -> Reply:
        return Reply(ReplyKind.STATS, NO_DATA.format(borough=self.borough), (HEADLINES,))

    # -- the menu ------------------------------------------------------------------------------

    async def menu(self) -> Reply:
        if not await self.has_data():
            return self._no_data()
        text = f"Crime figures for {self.borough}. Which kind of crime?"
        return Reply(ReplyKind.STATS, text, (*category_buttons(), HEADLINES))

    def areas(self, choice: CrimeChoice) -> Reply:
        text = f"{what(choice.category)}: where?"
        return Reply(ReplyKind.STATS, text, area_buttons(choice.category, self.borough, self.wards))

    def periods(self, choice: CrimeChoice) -> Reply:
        text = f"{what(choice.category)} in {place(choice.area, self.borough)}: which period?"
        return Reply(ReplyKind.STATS, text, period_buttons(choice))

    def ask_location(self, choice: CrimeChoice) -> str:
        text = ASK_LOCATION.format(
            what=what(choice.category).lower(), distance=distance_words(self.radius_m)
        )
        return text + (ASK_POSTCODE.format(example=self._example()) if self.places else "")

    def _example(self) -> str:
        return self.places.example if self.places else "SW1A 2AA"

    async def postcode(self, text: str, category: str | None = None) -> Reply:
        """A postcode typed where a location was asked for: the figures of its ward."""
        found = find_postcode(text)
        if found is None:
            example = self._example()
            words = NOT_A_POSTCODE.format(example=example, outward=example.split()[0])
            choose = Button("Choose a ward", CrimeChoice(category).data())
            return Reply(ReplyKind.STATS, words, (choose,))
        if not await self.has_data():
            return self._no_data()
        query = StatsQuery(text=text, category=category, postcode=found)
        return stats_reply(await self.answerer.answer(query), self.borough, self.wards, False)

    async def answer(self, choice: CrimeChoice) -> Reply:
        """The figures for a finished choice (latest month or 12-month trend)."""
        if not await self.has_data():
            return self._no_data()
        trend = choice.period != "l"
        query = StatsQuery(
            text="",
            category=choice.category,
            ward=choice.ward,
            wants_trend=trend,
            months=12 if trend else None,
        )
        answer = await self.answerer.answer(query)
        reply = stats_reply(answer, self.borough, self.wards, headlines=False)
        if trend or not answer.series:
            return reply
        more = Button(PERIODS["t"], replace(choice, period="t").data())
        return replace(reply, buttons=(*reply.buttons, more))

    # -- charts --------------------------------------------------------------------------------

    async def _area(self, choice: CrimeChoice) -> Area:
        if choice.ward is None:
            return self.queries.borough_area()
        ward = await self.queries.best_ward(choice.ward)
        if ward is None or await self.queries.coverage(ward) is None:
            return self.queries.borough_area()
        return ward

    async def chart(self, choice: CrimeChoice, months: int = 12) -> Chart | None:
        """The trend as a PNG and a caption in words; None when there are no figures."""
        await self.queries.prepare()
        async with self.queries.one_answer():
            area = await self._area(choice)
            trend = await self.queries.trend(area, choice.category, months)
        if trend is None or not trend.points:
            return None
        where = area.name if area.kind != "ward" else f"{area.name} ward"
        title = f"{what(choice.category)} in {where}"
        text = caption(title, trend.points, choice.category, trend.source)
        png = await asyncio.to_thread(render_png, title, trend.points, trend.source)
        return Chart(png, text)

    # -- near me -------------------------------------------------------------------------------

    async def borough_bbox(self) -> BBox | None:
        if self._configured_bbox is not None:
            return self._configured_bbox
        if self._bbox is None:
            found = await self.queries.crime_bbox()
            if found is not None:
                m = BBOX_MARGIN_DEG
                self._bbox = (found[0] - m, found[1] - m, found[2] + m, found[3] + m)
        return self._bbox

    async def inside(self, lat: float, lon: float) -> bool | None:
        """Whether a point is in the borough; None when nothing tells (no data, no config)."""
        if self.places is not None:
            return self.places.ward_at(lat, lon) is not None
        box = await self.borough_bbox()
        if box is None:
            return None
        south, west, north, east = box
        return south <= lat <= north and west <= lon <= east

    def _outside(self, category: str | None) -> Reply:
        menu = Button(f"{self.borough} crime figures", CrimeChoice(category).data())
        return Reply(ReplyKind.STATS, OUTSIDE.format(borough=self.borough), (menu, HEADLINES))

    async def near(self, lat: float, lon: float, category: str | None = None) -> Reply:
        """Figures for a shared location, from the freshest data held for that point."""
        await self.queries.prepare()
        if await self.inside(lat, lon) is False:
            return self._outside(category)
        ward = await self._ward_of(lat, lon)
        near = await self.queries.near(lat, lon, self.radius_m)
        ward_last = await self._ward_last(ward)
        if near.month is not None and (ward_last is None or near.month >= ward_last):
            return await self._street(near, category, ward)
        if ward is not None and ward_last is not None:
            return await self._ward_figures(ward, category, near)
        text = (
            f"I have no crime figures for that location. Here are the figures for the whole of "
            f"{self.borough} instead."
        )
        show = Button(f"{self.borough} crime figures", CrimeChoice(category).data())
        return Reply(ReplyKind.STATS, text, (show, HEADLINES))

    async def _ward_of(self, lat: float, lon: float) -> str | None:
        """The current ward a point is in, by name; None if no current ward can be named."""
        if self.places is not None:
            place: WardPlace | None = self.places.ward_at(lat, lon)
            return place.name if place else None
        found = await self.queries.nearest_ward(lat, lon, self.radius_m)
        current = {w.casefold(): w for w in self.wards}
        return current.get(found.name.casefold()) if found else None  # never an abolished ward

    async def _ward_last(self, ward: str | None) -> date | None:
        if ward is None:
            return None
        area = await self.queries.best_ward(ward)
        cover = await self.queries.coverage(area) if area else None
        return cover.last if cover else None

    async def _ward_figures(self, ward: str, category: str | None, near: NearCounts) -> Reply:
        notes = []
        if near.month is not None:
            notes.append(
                f"Street-level records near that point are older (the latest are from "
                f"{month_name(near.month)}), so these are the figures for the whole ward."
            )
        answer = await self.answerer.located(
            category, ward, f"The location you shared is in {ward} ward.", notes
        )
        return stats_reply(answer, self.borough, self.wards, headlines=False)

    async def _street(self, near: NearCounts, category: str | None, ward: str | None) -> Reply:
        """Crimes within the radius of the point in the latest month of street records."""
        assert near.month is not None
        distance = distance_words(self.radius_m)
        month = month_name(near.month)
        lines = []
        if category:
            n = near.by_category.get(category, 0)
            lines.append(
                f"{display_name(category)} within {distance} of the location you shared, "
                f"{month}: {plural(n, category)} recorded."
            )
        lines.append(
            f"All crime within {distance} of the location you shared, {month}: "
            f"{plural(near.total, None)} recorded."
        )
        ranked = sorted(near.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("By category: " + ", ".join(f"{display_name(c)} {n}" for c, n in ranked) + ".")
        lines.append(latest_line(near.month, self.answerer.today()))
        lines.append(f"Source: {near.source}, month {month}.")
        buttons: list[Button] = []
        ward_text, ward_button = await self._ward_part(ward, category)
        if ward_button:
            buttons.append(ward_button)
        meta = {
            "area": "near you",
            "category": category,
            "month": near.month.isoformat(),
            "radius_m": self.radius_m,
            "by_category": dict(near.by_category),
            "series": [(near.month.isoformat(), near.total)],
        }
        text = "\n".join(lines) + (f"\n\n{ward_text}" if ward_text else "")
        return Reply(ReplyKind.STATS, text, tuple(buttons), (near.source,), meta=meta)

    async def _ward_part(self, ward: str | None, category: str | None) -> tuple[str, Button | None]:
        """The trend of the current ward the point lies in."""
        if ward is None:
            return "", None
        answer = await self.answerer.answer(
            StatsQuery(text="", category=category, ward=ward, wants_trend=True, months=12)
        )
        head = f"The location you shared is in {ward} ward."
        if answer.area != ward:  # the ward has no figures of its own: say so, not more
            return f"{head} I have no trend figures for that ward.", None
        button = chart_button(category, ward) if len(answer.series) > 1 else None
        return f"{head}\n{answer.text}", button


__all__ = ["BOROUGH", "Chart", "CrimeService"]
