"""The /crime menu, near-me and charts as plain values: menus, answers and PNGs, no Telegram.

Every figure comes with its month and source; when the store cannot answer, the reply says so and
offers what it can (the whole borough, the newsletter headlines, the menu).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.answers import Button, Reply, ReplyKind
from bot.stats.answers import StatsAnswerer, month_name, plural
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
from bot.stats.queries import Area, StatsQueries
from bot.stats.questions import StatsQuery
from bot.stats.responder import stats_reply

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
        self.borough = self.queries.borough
        self.wards = tuple(wards)
        self.radius_m = radius_m
        self._configured_bbox = bbox
        self._bbox: BBox | None = None

    def invalidate(self) -> None:
        """Forget what was worked out from the data (after an import or a sync)."""
        self._bbox = None

    async def has_data(self) -> bool:
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
        return ASK_LOCATION.format(
            what=what(choice.category).lower(), distance=distance_words(self.radius_m)
        )

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
        box = await self.borough_bbox()
        if box is None:
            return None
        south, west, north, east = box
        return south <= lat <= north and west <= lon <= east

    async def near(self, lat: float, lon: float, category: str | None = None) -> Reply:
        if await self.inside(lat, lon) is False:
            menu = Button(f"{self.borough} crime figures", CrimeChoice(category).data())
            return Reply(ReplyKind.STATS, OUTSIDE.format(borough=self.borough), (menu, HEADLINES))
        near = await self.queries.near(lat, lon, self.radius_m)
        distance = distance_words(self.radius_m)
        if near.month is None:
            text = (
                f"I have no street-level crime records within {distance} of that location. "
                f"Here are the figures for the whole of {self.borough} instead."
            )
            show = Button(f"{self.borough} crime figures", CrimeChoice(category).data())
            return Reply(ReplyKind.STATS, text, (show, HEADLINES))
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
        lines.append(f"Source: {near.source}, month {month}.")
        buttons: list[Button] = []
        ward_text, ward_button = await self._ward_part(lat, lon, category, near.month)
        meta = {
            "area": "near you",
            "category": category,
            "month": near.month.isoformat(),
            "radius_m": self.radius_m,
            "by_category": dict(near.by_category),
            "series": [(near.month.isoformat(), near.total)],
        }
        if ward_button:
            buttons.append(ward_button)
        text = "\n".join(lines) + (f"\n\n{ward_text}" if ward_text else "")
        return Reply(ReplyKind.STATS, text, tuple(buttons), (near.source,), meta=meta)

    async def _ward_part(
        self, lat: float, lon: float, category: str | None, month: date
    ) -> tuple[str, Button | None]:
        """The trend of the ward the point lies in, as far as the street records tell."""
        ward = await self.queries.nearest_ward(lat, lon, self.radius_m, month)
        if ward is None:
            return "", None
        answer = await self.answerer.answer(
            StatsQuery(text="", category=category, ward=ward.name, wants_trend=True, months=12)
        )
        head = f"The records nearest to you are in {ward.name} ward."
        configured = {w.casefold(): w for w in self.wards}.get(ward.name.casefold())
        button = None
        if configured and len(answer.series) > 1:
            button = chart_button(category, configured)
        if answer.area != ward.name:  # the ward has no figures of its own: say so, not more
            return f"{head} I have no trend figures for that ward.", None
        return f"{head}\n{answer.text}", button


__all__ = ["BOROUGH", "Chart", "CrimeService"]
